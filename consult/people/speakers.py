"""Who speaks a line of a meeting: the one place that reads a meeting's speakers.

Minutes name the speaker of each statement in the document's own short forms, and this module
reads every one of them (resolved against the attendees by :class:`~consult.people.book.SpeakerBook`):

* at the start of a statement: ``○ (김OO 교수, 서울대) …``, ``- (산업부) …``, ``○ 이 교수(KAIST): …``,
  or a side speaking as one, ``ㅇ (산업계) …`` (:func:`split_statement`);
* at its end, in brackets: ``… 도입 의무화 필요 (김OO 교수)`` (:func:`trailing_speaker`);
* on a line of its own above the statements: ``□ 자문위원 1 : 기관 직함``, ``■ 발언: …``,
  ``【 기관 직함 】``, ``1. 서울대학교 김OO 교수 (인터뷰)`` (:func:`speaker_block`), or a bullet
  naming only a person, ``○ 박OO 교수(KAIST)`` (:func:`bare_speaker`);
* the chair, whose prompts are not an expert's view (:func:`is_chair_prompt`).

    >>> from consult.people import SpeakerBook, load_roles, parse_participants
    >>> book = SpeakerBook(parse_participants(["(학계) 김OO 서울대학교 교수", "(정부) 산업통상자원부 반도체과장"],
    ...                                       [1, 2], load_roles()), load_roles())
    >>> [p.role for p in book.participants]
    ['academic', 'government']
    >>> label, rest, info, source = split_statement("(김OO 교수, 서울대) 인력이 부족", book)
    >>> info.role, info.organization, rest, source
    ('academic', '서울대학교', '인력이 부족', 'participants')
    >>> split_statement("(산업부) 검토하겠음", book)[2].role
    'government'
    >>> split_statement("(인력) 부족", book) is None
    True
    >>> split_statement("(산업계) 수요 발굴이 우선", book)[2:]
    (SpeakerInfo(speaker='산업계', organization='', department='', title='', role='industry', evidence='group:산업계'), 'group')
    >>> speaker_block("□ 자문위원 2 : 한국전자통신연구원 책임연구원", book)
    ('한국전자통신연구원 책임연구원', 2)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon import (
    BOXES,
    CAPTION,
    CLOSING,
    ENDS_SENTENCE,
    INTERVIEW_SUFFIX,
    MASKED_NAME,
    PROMPT_ENDINGS,
    unwrap,
)
from .book import SpeakerBook
from .names import identifies_someone, names_a_person_by_title, split_person, trailing_group
from .roles import RoleLexicon, SpeakerInfo

__all__ = ["split_statement", "trailing_speaker", "speaker_block", "bare_speaker", "is_chair_prompt",
           "numbered_designation"]

#: the label needs one character: of the spaces after the bracket, giving back more than one
#: never helps (``(?=\s?(?!\s))`` stops the backtracking there)
_PAREN_SPEAKER = re.compile(
    r"^[(\[]\s*(?=\s?(?!\s))(?P<label>[^()\[\]]{1,40}?(?:\([^()]{1,20}\))?[^()\[\]]{0,20}?)"
    r"\s*+[)\]]\s*+:?\s*+"
)
_COLON_SPEAKER = re.compile(r"^(?P<label>[^:()\[\]]{2,30}?(?:\s*+\([^()]{1,24}\))?)\s*+:\s*+")
#: what a speaker block may open with: a box, a filled circle, an arrow
_BLOCK_MARK = rf"^(?:[{BOXES}●▶]\s*+)?"
_BLOCK_SPEAKER = re.compile(
    _BLOCK_MARK + r"(?:[(\[<【]\s*+)?(?P<word>자문\s*+위원|위원|전문가|응답자|발언자?|발표자)"
    r"\s*+(?P<no>\d{1,2}|[A-Z])?\s*+(?:[)\]>】]\s*+)?(?::|[-–]\s)\s*+(?P<label>.*)$"
    r"|" + _BLOCK_MARK + r"(?:[(\[<【]\s*+)?(?P<word2>자문\s*+위원|전문가|응답자)\s*+(?P<no2>\d{1,2}|[A-Z])"
    r"\s*+(?:[)\]>】])?\s*+(?:\((?P<label2>[^()]{2,50})\))?\s*+$"
    # [자문 1] 홍길동 (고려대 교수): the numbered word in brackets, the label after it
    r"|" + _BLOCK_MARK + r"[(\[<【]\s*+(?P<word3>자문(?:\s*+위원)?|위원|전문가|응답자|발표자)"
    r"\s*+(?P<no3>\d{1,2}|[A-Z])\s*+[)\]>】]\s*+(?P<label3>[^\s(].{1,60})$"
    # [인터뷰 대상] ㈜OO에너지 기술연구소 수석연구원
    r"|" + _BLOCK_MARK + r"[\[【<]\s*+(?P<word4>(?:인터뷰|면담|자문)\s*+대상자?|응답자|자문\s*+위원)\s*+[\]】>]"
    r"\s*+:?\s*+(?P<label4>[^\s].{1,60})$"
)
_BRACKET_SPEAKER = re.compile(
    _BLOCK_MARK + r"[【\[<〈《]\s*(?=\s{0,2}(?!\s))(?P<label>[^】\]>〉《》\[<]{2,60}?)\s*+[】\]>〉》]$"
)
_NUMBERED_SPEAKER = re.compile(r"^(?:\(\s*+)?(?P<no>\d{1,2})\s*+[.)]\s*+(?P<label>[^?:]{2,50})$")
_GLYPH_SPEAKER = re.compile(rf"^[{BOXES}]\s*(?P<label>[^:]{{2,40}})$")
#: a bracketed annex title, never a speaker: 【붙임】, [참고 1] (a caption neither: ``CAPTION``)
_ANNEX = re.compile(r"^(?:참고|붙임|별첨)")


def split_statement(text: str, book: SpeakerBook) -> tuple[str, str, SpeakerInfo, str] | None:
    """``(label, rest, speaker, source)`` when ``text`` (a bullet's body) opens with a speaker;
    a side (the lexicon's ``sides``, ``(학계) …``) has the source ``group``."""
    lexicon = book.lexicon
    for pattern in (_PAREN_SPEAKER, _COLON_SPEAKER):
        m = pattern.match(text)
        if not m:
            continue
        label = m.group("label").strip()
        if label in lexicon.sides and text[m.end():].strip() and book.sides_speak:
            return label, text[m.end():].strip(), SpeakerInfo(
                label, "", "", "", lexicon.groups[label], f"group:{label}"), "group"
        if pattern is _COLON_SPEAKER and not _speakerish(label, book):
            continue
        found = book.resolve(label)
        if found is None or not _speakerish(label, book, found[1] == "participants"):
            continue
        return label, text[m.end():].strip(), found[0], found[1]
    return None


def trailing_speaker(text: str, book: SpeakerBook) -> tuple[str, str, SpeakerInfo, str] | None:
    """``(label, rest, speaker, source)`` when ``text`` ends by naming its speaker in brackets,
    as ministry minutes write it (``제로트러스트 도입 의무화 필요 (김OO 교수)``): a masked name,
    a name with a title, a title with an organization, or an attendee.

        >>> from consult.people import SpeakerBook, load_roles
        >>> book = SpeakerBook([], load_roles())
        >>> label, rest, info, _ = trailing_speaker("보안 인력 양성 필요 (안랩 박OO 상무)", book)
        >>> label, rest, info.role
        ('안랩 박OO 상무', '보안 인력 양성 필요', 'industry')
        >>> trailing_speaker("예산 확대가 필요 (2024년 기준)", book) is None
        True
    """
    text = text.rstrip()
    group = trailing_group(text, limit=30)
    if group is None or not text[: group[1]].strip():
        return None
    label = " ".join(group[0].split())
    before = text[: group[1]].strip()
    b_name, b_title, _ = split_person(before, book.lexicon)
    if len(before) <= 20 and b_title and (b_name or MASKED_NAME.match(b_name or "")):
        return None  # "박OO 교수(KAIST)": the whole line names a person, it says nothing
    if label in book.lexicon.groups:
        return None
    name, title, _org = split_person(label, book.lexicon)
    found = book.resolve(label)
    if found is None or not (MASKED_NAME.match(name) or (name and title) or found[1] == "participants"
                             or identifies_someone(label, book.lexicon)):
        return None
    return label, text[: group[1]].rstrip(), found[0], found[1]


def _speakerish(label: str, book: SpeakerBook, matched: bool = False) -> bool:
    """A label that names a person or a body (a title, a name, an organization), not a topic."""
    if matched:
        return True
    if ENDS_SENTENCE.search(label):
        return False
    name, title, _org = split_person(label, book.lexicon)
    if title or MASKED_NAME.match(name):
        return True
    info = book.lexicon.infer(label)
    return info.role != "unknown" and info.evidence.startswith("organization:") and len(label) <= 20


def speaker_block(text: str, book: SpeakerBook,
                  hints: Sequence[re.Pattern[str]] = ()) -> tuple[str, int | None] | None:
    """``(label, number)`` when the line ``text`` is a speaker block: it names only the speaker
    of what follows (``□ 자문위원 1 : 기관 직함``, ``[인터뷰 대상] …``, ``【 기관 직함 】``,
    ``1. 서울대학교 김OO 교수 (인터뷰)``). ``hints`` are the user's speaker patterns (a
    ``label`` group, ``no`` optional), tried first."""
    for pat in hints:
        h = pat.match(text)
        if h:
            no = h.groupdict().get("no")
            return h.group("label").strip(), int(no) if no and no.isdigit() else None
    lexicon = book.lexicon
    m = _BLOCK_SPEAKER.match(text)
    if m:
        label = unwrap(m.group("label") or m.group("label2") or m.group("label3") or m.group("label4") or "")
        no = m.group("no") or m.group("no2") or m.group("no3")
        word = m.group("word") or m.group("word2") or m.group("word3") or m.group("word4")
        if not label and not no:
            return None
        if label and ENDS_SENTENCE.search(label) and not split_person(label, lexicon)[1]:
            return None
        num = int(no) if no and no.isdigit() else (ord(no) - 64 if no else None)
        return label or f"{word} {no}".strip(), num
    m = _NUMBERED_SPEAKER.match(text)  # 1. 서울대학교 김OO 교수 (인터뷰): experts numbered as headings
    if m:
        label = INTERVIEW_SUFFIX.sub("", m.group("label")).strip()
        # … 인터뷰 says the heading names an expert: an organization the lexicon does not know
        # (1. 가온테크 상무 인터뷰) is enough then
        interview = label != m.group("label").strip() and _titled(label, lexicon)
        if interview or names_a_person_by_title(label, lexicon):
            return label, int(m.group("no"))
    m = _BRACKET_SPEAKER.match(text) or _GLYPH_SPEAKER.match(text)
    if m:
        label = m.group("label").strip()
        if CAPTION.match(label) or _ANNEX.match(label) or ENDS_SENTENCE.search(label) or CLOSING.match(text):
            return None
        found = book.resolve(label)
        if found is not None and (split_person(label, lexicon)[1] or found[1] == "participants"):
            return label, None
    return None


def numbered_designation(text: str, lexicon: RoleLexicon, strict: bool = False) -> tuple[str, int] | None:
    """``(label, number)`` of a numbered line naming only an organization and a title
    (``2. 가온퀀텀 연구소장``): an expert's heading when questions follow it and another numbered
    line is one surely (``strict``: its organization is known, ``1. 한국대학교 물리학과 교수``) —
    the caller checks both; ``1. 외국인 연구원`` alone is a topic.

        >>> from consult.people import load_roles
        >>> numbered_designation("2. 가온퀀텀 연구소장", load_roles()), numbered_designation("2. 인력 양성", load_roles())
        (('가온퀀텀 연구소장', 2), None)
        >>> numbered_designation("2. 가온퀀텀 연구소장", load_roles(), strict=True) is None
        True
    """
    m = _NUMBERED_SPEAKER.match(text)
    if m is None:
        return None
    label = INTERVIEW_SUFFIX.sub("", m.group("label")).strip()
    fits = names_a_person_by_title(label, lexicon) if strict else _titled(label, lexicon)
    return (label, int(m.group("no"))) if fits else None


def _titled(label: str, lexicon: RoleLexicon) -> bool:
    """A short designation ending in a title, with words before it (``가온테크 상무``)."""
    words = label.split()
    return 2 <= len(words) <= 5 and lexicon.is_title(words[-1].strip("()")) and not ENDS_SENTENCE.search(label)


def bare_speaker(text: str, book: SpeakerBook) -> bool:
    """Whether ``text`` names a speaker and says nothing else: a person with a title and
    perhaps an organization (``박OO 교수(KAIST)``, ``삼성전자 최OO 상무``), or an attendee.

    >>> from consult.people import SpeakerBook, load_roles
    >>> book = SpeakerBook([], load_roles())
    >>> bare_speaker("박민수 교수(KAIST)", book), bare_speaker("인력 양성이 시급함", book)
    (True, False)
    """
    text = " ".join(text.split())
    if not text or len(text) > 40 or ENDS_SENTENCE.search(text.rstrip(")")):
        return False
    name, _title, _org = split_person(text, book.lexicon)
    # an attendee named alone (no look-up through resolve: it learns the speakers it reads)
    if name and any(pt.name == name for pt in book.participants):
        return True
    return bool(name) and identifies_someone(text, book.lexicon)


def is_chair_prompt(label: str, who: SpeakerInfo, body: str, lexicon: RoleLexicon) -> bool:
    """A statement of the meeting's chair that asks or announces (``위원장: 인력 양성에 대해서도
    의견을 주십시오.``): it is residue, not an answer point. A chair's own opinion stays a point.

    >>> from consult.people import load_roles
    >>> who = SpeakerInfo("위원장", "", "", "위원장", "unknown", "")
    >>> is_chair_prompt("위원장", who, "의견을 주십시오.", load_roles()), is_chair_prompt("위원장", who, "인력이 부족함", load_roles())
    (True, False)
    """
    if not lexicon.is_chair(f"{label} {who.title}"):  # whole words: 사회학과 is not 사회
        return False
    return str(body).strip().rstrip(".。 ").endswith(PROMPT_ENDINGS)
