"""The closed grammar of Korean minutes: one home for the glyphs, brackets, numbering, sentence
endings and masked names every reader shares, as named patterns.

What institutions differ in lives in data files a user can extend: titles, chair titles, side
words and organisation endings in ``consult/data/roles.toml`` (read by :mod:`consult.people`),
heading words — closing sections, meeting titles, discussion headings — in
``consult/data/sections.toml`` (read here). Every text the readers match is normalised first
(:func:`consult.layout.normalise`: full-width ASCII is ASCII), so no pattern here spells a
full-width variant.

Sentence endings come in named variants, each a superset of the one before where it can be:

==================  =====================================================================
``ASKS``            asks or requests: ``?``, …니까, …시오, …세요, …까요, …나요
``ENDS_PROMPT``     a prompt's last line: ``ASKS`` or a polite …니다 (의견 부탁드립니다)
``ENDS_QUESTION``   a question without bullets under it: ``ENDS_PROMPT`` or …요
``ENDS_STATEMENT``  a note-style statement: …다, …음, …함, …됨, …임
``ENDS_SENTENCE``   ``ENDS_STATEMENT``, …요, ``?`` or ``.`` (a label ending so says something)
``ENDS_SAYING``     a sentence or a request, not a list of names (``ENDS_STATEMENT``, …요,
                    ``ASKS`` without the ``?``), before an optional ``.`` or ``?``
``ENDS_LIKE_PROSE`` a line's last character as in prose, not a title (…다, …요, …까, ``.?!。``)
==================  =====================================================================

    >>> bool(ASKS.search("현황은 어떻습니까?")), bool(ASKS.search("인력이 부족합니다."))
    (True, False)
    >>> bool(ENDS_PROMPT.search("의견 부탁드립니다.")), bool(ENDS_QUESTION.search("무엇인가요"))
    (True, True)
    >>> BULLET_RANKS["●"], BULLET_RANKS["-"], unwrap("[서울대 교수]")
    (0, 2, '서울대 교수')
    >>> bool(MASKED_NAME.match("김OO")), bool(MASKED_NAME.match("김철수"))
    (True, False)
    >>> CLOSING.match("□ 향후 추진 계획").group("what")
    '향후 추진 계획'
    >>> TURN.match("◯위원장 최민희  질의를 시작하겠습니다.").group("label", "text")
    ('위원장 최민희', '질의를 시작하겠습니다.')
    >>> STAGE_DIRECTION.match("(14시 05분 회의중지)").group("stage")
    '(14시 05분 회의중지)'
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConsultError
from .usertoml import load_toml

__all__ = [
    "read_data", "phrases",
    # glyphs
    "BULLET_RANKS", "MARK_GLYPHS", "DASH_GLYPHS", "LIST_BULLET_GLYPHS", "NOTE_RANK", "BOXES",
    "SECTION_BOXES", "HEADING_MARKS", "ENTRY_MARKS", "ROMAN", "CIRCLED", "HANGUL_ORDER",
    # brackets
    "BRACKETS", "unwrap",
    # sentence endings
    "DECLARATIVE", "ASKING", "ASKS", "ENDS_PROMPT", "ENDS_QUESTION", "ENDS_STATEMENT",
    "ENDS_SENTENCE", "ENDS_SAYING", "ENDS_LIKE_PROSE", "PROMPT_ENDINGS",
    # marks and numbering
    "BULLET", "NOTE", "ANSWER_MARK", "ANSWER_AFTER_BULLET", "TOPIC_TAG", "QUESTION_STYLES",
    "NEXT_QUESTION", "HEADING_NUMBER", "SECTION_HEADING", "DATE_LINE", "DATE_PLACE", "CONTINUES", "INTERVIEWER", "DISCLAIMER", "CAPTION", "INTERVIEW_SUFFIX",
    # names
    "MASK", "MASKED_NAME", "HAS_MASKED_NAME", "GLUED_TITLE",
    # heading words (sections.toml)
    "SECTIONS", "CLOSING", "MEETING_TITLE", "DISCUSSION_HEADING",
    # verbatim records (verbatim.toml)
    "VERBATIM", "TURN", "STAGE_DIRECTION", "STAGE_WORD", "ATTENDANCE", "OATH", "PERSON_NAME",
    "ANSWER_PROCEDURE", "INTRODUCTION_END", "KIND_WORDS",
]


# ------------------------------------------------------------------------------ data files


def read_data(path: str | Path | None, builtin: str, schema: Any = None, what: str = "TOML file") -> dict:
    """The TOML at ``path`` — a user's file, read and checked against ``schema`` by
    :func:`consult.usertoml.load_toml` (a BOM, a size bound, one-line errors naming the key) —
    or the built-in ``consult/data/<builtin>`` when ``path`` is ``None``."""
    if path is not None:
        return load_toml(path, schema, what=what, error=ConsultError)
    try:
        return tomllib.loads(resources.files("consult.data").joinpath(builtin).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConsultError(f"cannot read taxonomy file ({exc})", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConsultError(f"invalid TOML ({exc})", path=str(path)) from None


def phrases(words: Iterable[str]) -> str:
    """An alternation of ``words`` (longest first), a space in a word matching any run of
    spaces or none: ``phrases(["향후 계획"])`` matches ``향후계획`` and ``향후  계획``.

    >>> phrases(["붙 임", "향후 추진 계획"])
    '(?:향후\\\\s*+추진\\\\s*+계획|붙\\\\s*+임)'
    """
    parts = [r"\s*+".join(re.escape(w) for w in word.split()) for word in words if word.split()]
    return "(?:" + "|".join(sorted(parts, key=lambda p: -len(p))) + ")"


# ------------------------------------------------------------------------------ glyphs

#: bullet glyph -> rank (0 = highest level)
BULLET_RANKS: dict[str, int] = {
    **dict.fromkeys("●■□◆◇▶►◼", 0),
    **dict.fromkeys("○◦ㅇ•◎▪➢✓", 1),
    **dict.fromkeys("-–—‐−→⇒➔➜", 2),
    **dict.fromkeys("ㆍ·∙▸", 3),
}
#: glyphs that open a bullet with or without a space after them
MARK_GLYPHS = "●■□◆◇▶►◼○◦◎▪➢✓•→⇒➔➜"
#: dash-like glyphs (and the letter ㅇ) that open a bullet only when a space follows
DASH_GLYPHS = "-–—ㆍ·∙‐−▸ㅇ"
#: the rank of a note (``※``, ``*``, ``예)``): below every bullet
NOTE_RANK = 9
#: a Word list level's bullet text (Symbol/Wingdings private-use code points, Courier "o") ->
#: the glyph it draws
LIST_BULLET_GLYPHS = {
    "\uf0b7": "•",  # Symbol bullet
    "\uf0a7": "▪",  # Wingdings square
    "\uf06c": "●",  # Wingdings filled circle
    "\uf06e": "■",
    "\uf0a8": "□",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf0e0": "➔",
    "o": "○",  # Courier New "o", Word's default second-level bullet
}
#: boxes that head a section of a report or of meeting minutes (□ 개요, ■ 발언)
BOXES = "□■◆◇▣◈"
#: the two boxes minutes use both as section headings and as top-level bullets
SECTION_BOXES = "□■"
#: marks that open a heading, not a point (□ 1. …, ▶ …)
HEADING_MARKS = "□■◆▶"
#: list marks before an entry of a list or an overview block (``- 일시 :``, ``ㅇ 홍길동 교수``)
ENTRY_MARKS = "-–•·ㆍ○◦ㅇ▪*"
#: Roman numerals of top-level headings (Ⅰ. 개요)
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
#: circled numbers of numbered items (① … ⑳)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: the Hangul order of lettered items (가. 나. 다.)
HANGUL_ORDER = "가나다라마바사아자차카타파하"

# ------------------------------------------------------------------------------ brackets

#: an opening bracket -> its closing one (speaker lines, labels, headings)
BRACKETS = {"<": ">", "[": "]", "(": ")", "〈": "〉", "【": "】", "《": "》"}


def unwrap(label: str) -> str:
    """``label`` without the brackets around it or left over from its line's own, keeping the
    ones it needs.

        >>> unwrap("김철수 (한국전자통신연구원 책임연구원)"), unwrap("〈서울대 교수〉"), unwrap("KAIST 교수)")
        ('김철수 (한국전자통신연구원 책임연구원)', '서울대 교수', 'KAIST 교수')
    """
    label = label.strip()
    while len(label) >= 2 and BRACKETS.get(label[0]) == label[-1]:
        label = label[1:-1].strip()
    for open_, close in BRACKETS.items():
        while label.endswith(close) and label.count(close) > label.count(open_):
            label = label[:-1].rstrip()
        while label.startswith(open_) and label.count(open_) > label.count(close):
            label = label[1:].lstrip()
    return label


# ------------------------------------------------------------------------------ sentence endings

#: last syllables of a note-style statement (…다, …음, …함, …됨, …임)
DECLARATIVE = ("다", "음", "함", "됨", "임")
#: endings that ask or request (…니까, …시오, …세요, …까요, …나요)
ASKING = ("니까", "시오", "세요", "까요", "나요")


def _ends(words: Iterable[str], stop: str | None = r"\.?") -> str:
    """Text ending in one of ``words``, then spaces, an optional ``stop`` and spaces (with
    ``stop=None``: ending in the word itself)."""
    alternation = "(?:" + "|".join(re.escape(w) for w in words) + ")"
    return alternation + "$" if stop is None else alternation + r"\s*+" + stop + r"\s*+$"


ASKS = re.compile(_ends(("?", *ASKING)))
ENDS_PROMPT = re.compile(_ends(("?", "니다", *ASKING)))
ENDS_QUESTION = re.compile(_ends(("?", "니다", "요", *ASKING)))
ENDS_STATEMENT = re.compile(_ends(DECLARATIVE))
ENDS_SENTENCE = re.compile(_ends((*DECLARATIVE, "요", "?", ".")))
ENDS_SAYING = re.compile(_ends((*DECLARATIVE, "요", *ASKING), stop=r"[.?]?"))
ENDS_LIKE_PROSE = re.compile(_ends((*DECLARATIVE, "요", "까", ".", "?", "!", "。"), stop=None))
#: how a chair's prompt or procedural sentence ends (a question, a request, an announcement),
#: after its final stops: ``str.endswith(PROMPT_ENDINGS)``
PROMPT_ENDINGS = ("?", "십시오", "주세요", "바랍니다", "드립니다", "겠습니다", "니까", "요청", "부탁")

#: how a question ends when it asks for a view, longest first; what stands before it is what it
#: asks about ("…에 대한 의견 부탁드립니다", "…은 무엇입니까")
REQUEST_ENDINGS = ("에 대한 의견을 부탁드립니다", "에 대한 의견 부탁드립니다", "에 대해 의견 부탁드립니다",
                   "에 대한 조언 부탁드립니다", "에 관한 의견 부탁드립니다", "에 대한 견해 부탁드립니다",
                   "에 대해 평가해 주십시오", "을 평가해 주십시오", "를 평가해 주십시오", "에 대해 말씀해 주십시오", "에 대해 문의드립니다",
                   "에 대한 의견부탁드립니다", "이 있을지 의견 부탁드립니다", "할지 의견 부탁드립니다",
                   "의견 부탁드립니다", "은 무엇입니까", "는 무엇입니까", "은 무엇인지 문의드립니다",
                   "이 궁금합니다", "가 궁금합니다", "이 있을까요", "은 무엇이 있습니까", "는 무엇이 있습니까",
                   "는 어떤 것인가요", "궁금합니다", "부탁드립니다", "주십시오")
#: a request for views at the end of a question, in its many polite forms ("…에 대해서도 의견을
#: 주십시오", "…에 대한 견해를 말씀해 주시기 바랍니다", "…은 어떻습니까")
REQUEST_TAIL = re.compile(  # (?<!\s): never starts inside a run of spaces (stays linear)
    r"(?<!\s)(?:\s*+(?:에\s*+대(?:해서?|한)|에\s*+관(?:해서?|한))\s*+(?:도\s*+)?)?"
    r"(?:\s*+(?:의견|견해|생각|말씀|조언)\s*+(?:을|를)?\s*+(?:말씀해\s*+|들려\s*+)?"
    r"(?:부탁드립니다|주십시오|주시기\s*+바랍니다|주세요|해\s*+주십시오)"
    r"|(?:(?<=[가-힣])(?:은|는))?\s++(?:어떻습니까|어떠합니까|어떤가요|어떨까요))$"
)

# ------------------------------------------------------------------------------ marks and numbering

#: a question's own number before its text, for matching question texts (``Q3.``, ``2)``,
#: ``(1)``, ``①``, ``가.``)
QUESTION_NUMBER = re.compile(r"^\s*(?:Q\s*\d+[.)]?|\d+\s*[.)]|\(\d+\)|[①-⑳]|[가-하]\s*[.)])\s*")

#: a bullet: a mark glyph, or a dash-like glyph before a space
BULLET = re.compile(rf"^(?P<b>[{MARK_GLYPHS}])\s*+|^(?P<d>[{DASH_GLYPHS}])\s++")
#: a note: ``※``, ``*``, ``ex)``, ``예)`` …
NOTE = re.compile(r"^(?:※|\*{1,3}\s|\*(?=\S)|ex\)|e\.g\.|예\)|예시\)|\(예시\)|주\))", re.IGNORECASE)
#: an answer's mark: ``A.``, ``답변:``, ``[답변]`` …
ANSWER_MARK = re.compile(r"^(?:A\s*+\d*\s*+[.:)]|답변\s*+[:)]?|답\s*+\d{0,2}\s*+[.:)]|응답\s*+[:)]|"
                         r"[\[【<〈(]\s*+(?:답변|응답|답|A)\s*+[\]】>〉)])\s*+")
#: an answer mark right after a list bullet: a delimiter and a space ("• A. …", not "● A.I. …"
#: nor "○ 답변율이 …")
ANSWER_AFTER_BULLET = re.compile(r"^(?:A\s*+\d*\s*+[.:)]|답변?\s*+[:)]|응답\s*+[:)])\s++")
#: a topic tag opening a line: ``(인력) …``, ``[전략] …`` (possessive spaces: a tag of spaces
#: only no longer matches, and it would be stripped to "" anyway)
TOPIC_TAG = re.compile(r"^[(\[]\s*+(?P<tag>[^()\[\]]{1,30}?)\s*+[)\]]\s*+")
#: numbering styles of questions, by name; ``no`` is the number, ``text`` the question
QUESTION_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("dot", re.compile(r"^(?P<no>\d{1,2})\s*+\.(?!\d)\s*+(?P<text>.*)$")),
    ("paren", re.compile(r"^(?P<no>\d{1,2})\s*+\)\s*+(?P<text>.*)$")),
    ("dparen", re.compile(r"^\(\s*+(?P<no>\d{1,2})\s*+\)\s*+(?P<text>.*)$")),
    ("circled", re.compile(rf"^(?P<no>[{CIRCLED}])\s*+(?P<text>.*)$")),
    ("q", re.compile(r"^[Qq]\s*+(?P<no>\d{1,2})\s*+[.):]?\s*+(?P<text>.*)$")),
    ("질문", re.compile(r"^질문\s*+(?P<no>\d{1,2})\s*+[.):]?\s*+(?P<text>.*)$")),
    ("문", re.compile(r"^문\s*+(?P<no>\d{1,2})\s*+[.):]\s*+(?P<text>.*)$")),
    ("hangul", re.compile(rf"^(?P<no>[{HANGUL_ORDER}])\s*+[.)]\s++(?P<text>.*)$")),
    ("bracketed", re.compile(r"^[\[【<〈(]\s*+(?:질문|질의|문항|Q)\s*+(?P<no>\d{1,2})\s*+[\]】>〉)]\s*+[.:]?\s*+"
                             r"(?P<text>.*)$")),
    # unnumbered: [질문] …, 질의: …, Q. …, 문) … — numbered in order (NEXT_QUESTION)
    ("mark", re.compile(r"^(?:[\[【<〈(]\s*+(?P<w>질문|질의|문|Q)\s*+[\]】>〉)]|(?P<w2>질문|질의|문|Q)\s*+[.:)])"
                        r"\s*+(?P<text>.*)$")),
]
#: the number an unnumbered question gets: the one after the last
NEXT_QUESTION = -1
#: the numbering or mark a heading opens with ("1.", "(2)", "가.", "□", "제1장")
HEADING_NUMBER = rf"(?:[\d{ROMAN}]{{1,3}}\s*+[.)]|\(\d{{1,2}}\)|[가-하]\s*+[.)]|[{HEADING_MARKS}]|제\s*+\d+\s*+[장절])"
#: a section heading of a report: an issue brief, an annex (별첨 1, 붙임2, 참고 자료, 부록), a
#: forum session, a Roman-numbered or 제N장 part
SECTION_HEADING = re.compile(
    r"^(?:이슈\s*+브리프|별첨\s*+\d|별첨\s|\[?붙임\s*+\d|붙임\s|\[?참고\s*+\d|참고\s*+자료|부록\s*+\d?|"
    rf"세션\s*+#?\s*+\d|[{ROMAN}]\s*[.\s]|제\s*+\d+\s*+[장절]\s)"
)
#: a caption (그림 1, [표 2]): never a speaker nor a heading
CAPTION = re.compile(r"^(?:그림|표|도표|Figure|Table)\s*\d")
#: what ends an expert's heading after the expert (``… 교수 인터뷰``, ``… 상무 (전문가 면담 결과)``
#: without its brackets, ``… 의견``); ``(?<!\s)``: a match never starts inside a run of spaces,
#: so ``sub`` does not rescan the run from each of its spaces
INTERVIEW_SUFFIX = re.compile(r"(?<!\s)\s*+(?:전문가\s*+)?(?:인터뷰|면담|자문|의견)(?:\s*+(?:결과|내용|요약))?\s*+$")
#: a date line (2023. 5. 12.), which follows a report's title
DATE_LINE = re.compile(r"^\(?\s*+(?:19|20)\d{2}\s*+[.\-/]\s*+\d{1,2}\s*+[.\-/]\s*+\d{1,2}\.?(?:\s|\)|$)")
#: a statement that goes on with the one before it, unlabelled (``○ 또한 …``, ``○ 아울러 …``):
#: "X 등 많은 부분에서" — after a word: the word is one example among many (named in passing)
EXAMPLE_OF_MANY = re.compile(r"등\s?(?:많은|여러|다양한|모든|각종)")
#: "X … 기술과 같은 항목" — the word is an example of something else (named in passing)
SUCH_AS = ("와 같은", "과 같은")
#: the same speaker's
CONTINUES = re.compile(r"^(?:또한|아울러|더불어|그리고|이와\s*+함께|아울러서)(?:\s|,|$)")
#: the line naming who asked the questions (``- 면담자 : 정OO 연구원``, ``인터뷰어: …``): the interviewer,
#: never the expert nor a statement
INTERVIEWER = re.compile(rf"^(?:[{re.escape(ENTRY_MARKS + SECTION_BOXES)}]\s*+)?[(\[<]?\s*+"
                         r"(?:면\s*+담\s*+자|인터뷰어|면담\s*+진행자?|인터뷰\s*+진행자?|질문자|조사자)\s*+[)\]>]?\s*+:")
#: a closing note that disowns the answers (``※ 본 의견은 자문위원 개인의 의견으로 …``,
#: ``※ 상기 내용은 개인 의견임``): a disclaimer, never an answer's point
DISCLAIMER = re.compile(
    r"^(?:※|\*{1,3}|주\))?\s*+(?:본|위|상기|이상의?|이|해당|위의)\s*+(?:자문\s*+)?(?:의견|내용|답변|응답)\s*+(?:은|는|들은)"
    r"[^※]{0,60}?(?:개인\s*+(?:의|적인?)?\s*+(?:의견|견해|생각)|(?:공식|기관의?)\s*+(?:입장|의견))")
#: an interview's date and place, in brackets or not (``(인터뷰 일시: 2024. 3. 5., 장소: …)``,
#: ``일시 : …``): never a speaker
DATE_PLACE = re.compile(r"^[(\[<〈【]?\s*+(?:(?:인터뷰|면담|자문|회의|간담회)\s*+)?(?:일\s*+시|일\s*+자|장\s*+소|날\s*+짜)\s*+:")

# ------------------------------------------------------------------------------ names

#: characters that mask a name's given name (김OO, 김○○, 김**, 김XX)
MASK = "O○◯0*xX"
#: a masked name and nothing else
MASKED_NAME = re.compile(rf"^[가-힣][{re.escape(MASK)}]{{1,2}}$")
#: a masked name inside a text
HAS_MASKED_NAME = re.compile(rf"[가-힣][{re.escape(MASK)}]{{1,2}}")
#: a masked name glued to the title after it (김OO교수): the name, the rest
GLUED_TITLE = re.compile(rf"^([가-힣][{re.escape(MASK)}]{{1,2}})(\S{{2,6}})$")

# ------------------------------------------------------------------------------ heading words

#: the heading words of ``consult/data/sections.toml``: ``closing``, ``meetings``, ``discussion``
SECTIONS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in read_data(None, "sections.toml").items()}
#: the start of a heading, before its words: a box, a Roman numeral, a number, a bracket
_HEAD = rf"^(?:[{BOXES}]\s*+|[{ROMAN}]\s*+[.)]?\s*+|\d{{1,2}}\s*+[.)]\s*+|[<\[【]\s*+)?"
#: a heading that ends the minutes; ``what`` is its word (향후 계획, 붙임 …)
CLOSING = re.compile(r"^(?:※\s*+)?" + _HEAD[1:] + "(?P<what>" + phrases(SECTIONS["closing"]) + ")")
#: a meeting's title: "○○ 간담회 결과", "자문회의 결과 보고 (5.12)"
MEETING_TITLE = re.compile(
    r"^[^○●◦ㅇ\-•·:]{0,50}?" + phrases(SECTIONS["meetings"]) + r"\s*+"
    r"(?:개최\s*+)?(?:결과(?:\s*+보고)?|회의록|주요\s*+내용|요약)\s*+(?:\(.{0,24}\))?\s*+[>\]】]?$"
)
#: a heading that opens a meeting's discussion: "□ 주요 논의 내용", "2. 전문가 의견"
DISCUSSION_HEADING = re.compile(
    _HEAD + r"(?:\d{1,2}\s*+[.)]\s*+)?[^.?!]{0,12}?" + phrases(SECTIONS["discussion"]) + r"[^.?!]{0,16}$"
)

# ------------------------------------------------------------------------------ verbatim records

#: the words of verbatim records (``consult/data/verbatim.toml``): kinds of speakers, official
#: titles, introductions, stage directions, attendance lists
VERBATIM: dict = read_data(None, "verbatim.toml")
#: kind (``chair``, ``member``, ``witness`` …) -> the words of a turn's label that tell it
KIND_WORDS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in VERBATIM["kinds"].items()}
#: a turn of a verbatim record (속기록): ◯ (or ○), the speaker's label, then two spaces, a colon
#: or the line's end, then the speech — ``◯위원장 최민희  …``, ``○김OO 위원: …``
TURN = re.compile(r"^[◯○]\s*+(?P<label>[^\s:(][^:]{0,39}?)(?:\s*+:\s*+|\s{2,}+|\s*+$)(?P<text>.*)$")
#: a stage direction: a bracket opening the line, alone (``(인사)``, ``(14시 05분 회의중지)``) or
#: with speech glued after it (``rest``)
STAGE_DIRECTION = re.compile(r"^(?P<stage>\([^()]{1,80}+\))(?P<rest>.*)$")
#: a word of a stage direction that has speech glued after it (``(마이크 중단 이후 계속 발언한 부분)…``)
STAGE_WORD = re.compile(phrases(VERBATIM["stage_words"]))
#: the header of an attendance list (``◯출석 위원(19인)``, ``출석 전문위원``, ``◯진술인``,
#: ``출석위원 : 김OO, 이OO``); ``head`` tells the kind of the people listed, ``rest`` any listed on its line
ATTENDANCE = re.compile(
    r"^[◯○□■]?\s*+(?P<head>" + phrases(w for ws in VERBATIM["attendance"].values() for w in ws) + r")"
    r"\s*+(?:\(\s*+\d++\s*+(?:인|명)\s*+\)\s*+:?\s*+(?P<counted>.*)|:\s*+(?P<rest>.*)|$)"
)
#: the oath a witness reads (``“선서, 본인은 …``)
OATH = re.compile(r"^[“\"‘'「]?\s*+선\s*+서\s*+[,.:]")
#: a person's name as minutes print it: two to four syllables, or masked (김OO, ○○○)
PERSON_NAME = re.compile(rf"^(?:[가-힣]{{2,4}}|[가-힣][{re.escape(MASK)}]{{1,3}}|[{re.escape(MASK)}]{{3}})$")
#: a witness's or official's paragraph that only asks for the floor or ends the answer
ANSWER_PROCEDURE = re.compile(phrases(VERBATIM["answer_procedure"]))
#: how an introduction ends (``… 대표이사입니다.``, ``… 진술인 나오셨습니다.``), after the person
INTRODUCTION_END = re.compile(r"(?:" + phrases(VERBATIM["introduction_endings"]) + r")\s*+[.]?\s*+$")
