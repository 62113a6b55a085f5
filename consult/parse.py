"""Parse the clean lines of one document into transcripts, questions and answer points.

The parser reads the whole family of Korean consultation-minutes layouts:

* transcript headers ``전문가 자문 회의록 (N)``, ``자문 회의록 N``, ``발표내용 요약 (N)`` (forum talks),
  ``전문가 인터뷰 N`` …, with or without parentheses or a number;
* a speaker line in ``<…>``, ``[…]``, ``(…)``, ``〈…〉`` or ``자문위원: …`` form;
* numbered questions ``1.`` ``1)`` ``(1)`` ``①`` ``Q1.`` ``질문 1`` ``<질문 1>`` (unnumbered ``[질문]``
  ``질의:`` ``Q.`` are numbered in order), with an optional topic tag
  ``1. (기초과학) …``;
* answer points with bullets ``● ■ □ ◆`` > ``○ ◦ ㅇ •`` > ``- – ㆍ · ∙`` (the highest-ranked bullet
  in an answer marks its points, lower ones its sub-points) and notes ``※ * ex)``;
* a forum's ``(토론) 질문 및 의견`` section, whose top bullets are questions from the floor and
  whose lower bullets are the speaker's answers;
* the report authors' summary tables (``주요 질문 / 전문가 의견``).

A transcript ends at the next transcript, at a section heading (``이슈브리프 및 별첨``, ``별첨 1``,
``붙임2``, ``세션 1``, a report title followed by its date line, an area title) or at the end.
Every non-blank line is accounted for: in a record, or in the residue with a reason.

The entry point for a document of any shape is :func:`consult.shapes.parse_document`; this
module reads the numbered-Q&A shape and holds the record types the other readers share.

    >>> from consult.ingest import document_from_text
    >>> from consult.shapes import parse_document
    >>> text = "전문가 자문 회의록 (1)\\n<KAIST 교수>\\n1. 현황은?\\n● 인력 부족\\n- 시스템 SW\\n"
    >>> parsed = parse_document(document_from_text(text, name="d"))
    >>> t = parsed.transcripts[0]
    >>> t.speaker.role, t.questions[0].text, t.questions[0].points[0].text
    ('academic', '현황은?', '인력 부족\\n- 시스템 SW')
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import glyphs
from .ingest.document import Document
from .layout import Layout, Line, clean_lines, join_wrapped
from .people import RoleLexicon, SpeakerInfo, identifies_someone
from .records import point_id, question_id, summary_id, transcript_id
from .taxonomy import AreaTaxonomy

__all__ = [
    "ParsedDocument",
    "Transcript",
    "Question",
    "Point",
    "SummaryRow",
    "CoverageRow",
]

# ---------------------------------------------------------------------------- patterns

_HEADER = re.compile(
    r"^(?:[\[<〈【]\s*+)?"
    r"(?P<name>(?:전문가\s*+)?(?:자문\s*+회의록|자문\s*+회의\s*+(?:결과|내용)|자문\s*+결과|자문\s*+내용\s*+(?=[(\[<〈#\d])|"
    r"인터뷰\s*+(?:결과|내용|회의록)?|면담\s*+(?:결과|내용|회의록)?|간담회\s*+(?:결과|내용|회의록))"
    r"|발표\s*+내용\s*+요약|발표\s*+요약|주제\s*+발표\s*+요약)"
    r"\s*+(?:[(\[<〈【#]\s*+)?(?P<no>\d{1,3})?\s*+(?:[)\]>〉】]\s*+)?(?:[\]>〉】]\s*+)?"
    r"(?P<speaker>[<\[〈【(（].{2,80}[>\]〉】)）])?\s*+$"
)
_HEADER_WORD = re.compile(r"회의록|자문|인터뷰|면담|간담회|발표")
_ROW_NUMBER = re.compile(r"\d{1,2}")
_SPEAKER_BRACKETS = {"<": ">", "[": "]", "(": ")", "〈": "〉", "【": "】", "《": "》", "＜": "＞"}
_SPEAKER_PREFIX = re.compile(r"^(?:자문\s*+위원|자문자|발표자|참석자|전문가|응답자|연사)\s*+[:：]\s*(?P<label>.+)$")
_SECTION_HEADING = re.compile(
    r"^(?:이슈\s*+브리프|별첨\s*+\d|별첨\s|\[?붙임\s*+\d|붙임\s|\[?참고\s*+\d|참고\s*+자료|부록\s*+\d?|"
    r"세션\s*+#?\s*+\d|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*[.\s]|제\s*+\d+\s*+[장절]\s)"
)
#: a short line that names a field and nothing more: "1. 반도체 분야", "(2) 이차전지 부문 자문 결과"
#: (at most 40 characters: the caller's limit, also in the pattern so that it stays linear)
#: the numbering or mark a field heading opens with ("1.", "(2)", "가.", "□", "제1장")
_HEADING_NUMBER = r"(?:[\dⅠ-Ⅹ]{1,3}\s*+[.)]|\(\d{1,2}\)|[가-하]\s*+[.)]|[□■◆▶]|제\s*+\d+\s*+[장절])"
_FIELD_HEADING = re.compile(
    rf"^(?=.{{1,40}}$){_HEADING_NUMBER}?\s*"
    r"[^?？.]{1,30}?\s*+(?:분야|부문|기술군|분과)"
    r"(?:\s*+(?:전문가)?\s*+(?:자문|인터뷰|면담)?\s*+(?:결과|내용|의견)?)?$"
)
_NUMBERED_HEADING = re.compile("^" + _HEADING_NUMBER)
#: a line opening with a point's bullet (not a heading mark such as □ ■ ◆ ▶)
_POINT_MARK = re.compile(rf"^[{''.join(g for g in glyphs.MARK_GLYPHS if g not in '□■◆▶')}]|^[{glyphs.DASH_GLYPHS}]\s")
_FORUM_SESSION = re.compile(r"^(?:\(?세션\s*+#?\s*+\d)")
_DATE_LINE = re.compile(r"^\(?\s*+(?:19|20)\d{2}\s*+[.\-/]\s*+\d{1,2}\s*+[.\-/]\s*+\d{1,2}\.?(?:\s|\)|$)")
_SUMMARY_START = re.compile(r"^주요\s*+질문\s*+(?:및\s*+)?(?:전문가\s*+의견|주요\s*+내용|자문\s*+의견|의견)")
_DISCUSSION = re.compile(r"토론|질의\s*+응답|Q\s*+&\s*+A|질문\s*+및\s*+의견|자유\s*+토의")
_QUESTION_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("dot", re.compile(r"^(?P<no>\d{1,2})\s*+\.(?!\d)\s*+(?P<text>.*)$")),
    ("paren", re.compile(r"^(?P<no>\d{1,2})\s*+\)\s*+(?P<text>.*)$")),
    ("dparen", re.compile(r"^\(\s*+(?P<no>\d{1,2})\s*+\)\s*+(?P<text>.*)$")),
    ("circled", re.compile(r"^(?P<no>[①-⑳])\s*+(?P<text>.*)$")),
    ("q", re.compile(r"^[Qq]\s*+(?P<no>\d{1,2})\s*+[.):：]?\s*+(?P<text>.*)$")),
    ("질문", re.compile(r"^질문\s*+(?P<no>\d{1,2})\s*+[.):：]?\s*+(?P<text>.*)$")),
    ("문", re.compile(r"^문\s*+(?P<no>\d{1,2})\s*+[.):：]\s*+(?P<text>.*)$")),
    ("hangul", re.compile(r"^(?P<no>[가나다라마바사아자차카타파하])\s*+[.)]\s++(?P<text>.*)$")),
    ("bracketed", re.compile(r"^[\[【<〈(]\s*+(?:질문|질의|문항|Q)\s*+(?P<no>\d{1,2})\s*+[\]】>〉)]\s*+[.:：]?\s*+"
                             r"(?P<text>.*)$")),
    # unnumbered: [질문] …, 질의: …, Q. …, 문) … — numbered in order (NEXT_QUESTION)
    ("mark", re.compile(r"^(?:[\[【<〈(]\s*+(?P<w>질문|질의|문|Q)\s*+[\]】>〉)]|(?P<w2>질문|질의|문|Q)\s*+[.:：)])"
                        r"\s*+(?P<text>.*)$")),
]
#: the number :func:`_question_match` gives an unnumbered question: the one after the last
NEXT_QUESTION = -1
_HANGUL_ORDER = "가나다라마바사아자차카타파하"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: bullet glyph -> rank (0 = highest level)
BULLET_RANKS = glyphs.BULLET_RANKS
_NOTE_RANK = 9
_BULLET = re.compile(rf"^(?P<b>[{glyphs.MARK_GLYPHS}])\s*+|^(?P<d>[{glyphs.DASH_GLYPHS}])\s++")
_NOTE = re.compile(r"^(?:※|\*{1,3}\s|\*(?=\S)|ex\)|e\.g\.|예\)|예시\)|\(예시\)|주\))", re.IGNORECASE)
_ANSWER_MARK = re.compile(r"^(?:A\s*+\d*\s*+[.:：)]|답변\s*+[:：)]?|답\s*+\d{0,2}\s*+[.:：)]|응답\s*+[:：)]|"
                          r"[\[【<〈(]\s*+(?:답변|응답|답|A)\s*+[\]】>〉)])\s*+")
#: an answer mark right after a list bullet: a delimiter and a space ("• A. …", not "● A.I. …"
#: nor "○ 답변율이 …")
_ANSWER_AFTER_BULLET = re.compile(r"^(?:A\s*+\d*\s*+[.:：)]|답변?\s*+[:：)]|응답\s*+[:：)])\s++")
#: how a line that asks ends (not "…합니다": that may be an answer)
_ASKS_END = re.compile(r"(?:[?？]|니까|시오|세요|까요|나요)\s*+[.]?\s*+$")
#: a question with its answer on the same line, after a tab or an arrow
_INLINE_ANSWER = re.compile(r"^(?P<q>[^\t]+?[?？]) *+(?:\t|[→⇒](?=\s))\s*+(?P<a>\S.*)$")
_QUESTION_END = re.compile(r"(?:[?？]|니다|시오|세요|까요|나요|요)\s*+[.]?\s*+$")
#: possessive spaces: a tag of spaces only no longer matches, and ``_tag`` strips it to "" anyway
_TAG = re.compile(r"^[(\[]\s*+(?P<tag>[^()\[\]]{1,30}?)\s*+[)\]]\s*+")
#: a key-value line of an interview's overview block (who was interviewed, in what field)
_PREAMBLE_KV = re.compile(
    r"^(?:[-•·○ㅇ□■*◦▪]\s*+)?(?P<key>인터뷰\s*+대상자?|면담\s*+대상자?|자문\s*+대상자?|대상자?|응답자|"
    r"자문\s*+위원|성\s*+명|소\s*+속|직\s*+위|직\s*+책|분\s*+야)\s*+[:：]\s*+(?P<val>\S.{0,80})$"
)
_SPACES = re.compile(r"\s+")
#: keys naming the interviewee (면담자 is the interviewer: not among them)
_PERSON_KEYS = ("인터뷰대상", "인터뷰대상자", "면담대상", "면담대상자", "자문대상", "자문대상자", "대상",
                "대상자", "응답자", "자문위원")
_ANY_KV = re.compile(r"^(?:[-•·○ㅇ□■*◦▪]\s*+)?[^:：\s][^:：]{0,11}[:：]")  # "- 면담자 : …", "- 일시: …"
_STATEMENT_END = re.compile(r"[다음함됨임]\s*+\.?\s*+$")
_COUNT = re.compile(r"\d+\s*+(?:명|인|개)")
_ROLE_CUE = re.compile(r"교수|관계자|연구원|대표|이사|상무|센터장|박사|사무관|팀장|위원|본부장|전무|책임|수석|PM")
_CAPTION = re.compile(r"^(?:그림|표|도표|Figure|Table)\s*\d")
_LABEL_TAIL = re.compile(r"[_:|]\s*(\S[^_:|]*)$")


# ---------------------------------------------------------------------------- records


@dataclass(slots=True)
class Point:
    """One answer point with its sub-points; ``items`` are its logical lines."""

    no: int
    label: str
    lines: list[Line]
    items: list[list[Line]]
    text: str = ""
    #: the point's own speaker (a statement in a meeting); ``None``: the transcript's speaker
    speaker: SpeakerInfo | None = None
    #: where the speaker came from: ``statement``, ``participants``, ``speaker block``, or
    #: ``unattributed: <reason>``; empty for the transcript's speaker
    speaker_source: str = ""


@dataclass
class Question:
    """One numbered question (or forum section, or question from the floor)."""

    seq: int
    no: int | None
    label: str
    kind: str
    topic: str
    lines: list[Line]
    text: str
    points: list[Point] = field(default_factory=list)
    extra_lines: list[Line] = field(default_factory=list)  # e.g. a discussion-section header


@dataclass
class Transcript:
    """One expert's minutes."""

    seq: int
    kind: str
    number: int | None
    header: Line
    speaker_line: Line | None
    speaker: SpeakerInfo
    area: str
    report: str
    lines: list[Line]
    questions: list[Question] = field(default_factory=list)
    preamble: list[Line] = field(default_factory=list)


@dataclass
class SummaryRow:
    """One recovered row of an authors' summary table."""

    table_no: int
    row_no: int | None
    area: str
    topic: str
    opinion: str
    lines: list[Line]


@dataclass(frozen=True, slots=True)
class CoverageRow:
    line: int
    page: int | None
    text: str
    record_id: str
    part: str
    reason: str


@dataclass
class ParsedDocument:
    """Everything the parser found in one document."""

    doc: Document
    transcripts: list[Transcript]
    summaries: list[SummaryRow]
    coverage: list[CoverageRow]
    warnings: list[tuple[int | None, str]]
    #: attendees listed in meeting minutes (:class:`consult.speakers.Participant`)
    participants: list = field(default_factory=list)
    #: the reading the parser chose (``shape``); ``consult.hints.conventions_of`` tells the rest
    conventions: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------- helpers


def _bullet(text: str) -> tuple[int | None, str, str]:
    """``(rank, glyph, rest)`` of a bullet line; rank ``None`` for no bullet, 9 for a note."""
    m = _BULLET.match(text)
    if m:
        glyph = m.group("b") or m.group("d")
        rest = text[m.end():]
        a = _ANSWER_AFTER_BULLET.match(rest)  # "• A. …": a list bullet before the answer mark
        if a and len(rest) > a.end():
            rest = rest[a.end():]
        return BULLET_RANKS.get(glyph, 1), glyph, rest
    m = _NOTE.match(text)
    if m:
        return _NOTE_RANK, m.group(0).strip(), text[m.end():].strip()
    m = _ANSWER_MARK.match(text)
    if m and len(text) > m.end():
        return 0, m.group(0).strip(), text[m.end():]
    return None, "", text


def in_table(doc: Document, ln: Line) -> bool:
    """Whether line ``ln`` of a word-processor file comes from a table cell."""
    cells = doc.cells
    return cells is not None and 0 < ln.no <= len(cells) and cells[ln.no - 1] is not None


def _row_edge(doc: Document, prev: Line, ln: Line) -> bool:
    """Whether ``prev`` and ``ln`` are not two wrapped parts of one sentence because one of them
    is a word-processor table row."""
    return in_table(doc, prev) or in_table(doc, ln)


#: the reason of table rows that follow an answer written as paragraphs (an overview or an
#: administrative table, not the answer: residue, never joined into the answer's text)
TABLE_AFTER_ANSWER = "table after an answer (not Q&A)"


def bare_answer_mark(text: str) -> bool:
    """A line holding only an answer mark (``[답변]``, ``A.``, ``답변:``): the answer follows below.

    >>> bare_answer_mark("[답변]"), bare_answer_mark("A. 인력이 부족함")
    (True, False)
    """
    m = _ANSWER_MARK.match(text)
    return m is not None and m.end() >= len(text.rstrip())


def _question_match(text: str, style: str | None) -> tuple[str, int, str, str] | None:
    """``(style, number, label, text)`` when ``text`` opens a numbered item (of ``style``)."""
    for name, pattern in _QUESTION_STYLES:
        if style is not None and name != style:
            continue
        m = pattern.match(text)
        if not m:
            continue
        raw = m.groupdict().get("no")
        if raw is None:
            number = NEXT_QUESTION
        elif name == "circled":
            number = _CIRCLED.index(raw) + 1
        elif name == "hangul":
            number = _HANGUL_ORDER.index(raw) + 1
        else:
            number = int(raw)
        rest = m.group("text").strip()
        if not rest and name != "circled":
            return None
        label = text[: len(text) - len(m.group("text"))].strip()
        return name, number, label, rest
    return None


def _speaker_label(text: str) -> str | None:
    """The label inside a speaker line, or ``None`` when ``text`` is not one."""
    if text and text[0] in _SPEAKER_BRACKETS and text.endswith(_SPEAKER_BRACKETS[text[0]]):
        inner = text[1:-1].strip()
        if inner and len(inner) <= 80 and not _CAPTION.match(inner):
            return inner
        return None
    m = _SPEAKER_PREFIX.match(text)
    return m.group("label").strip() if m else None


def _tag(text: str) -> str:
    m = _TAG.match(text)
    return m.group("tag").strip() if m else ""


# ---------------------------------------------------------------------------- the parser


class _Parser:
    def __init__(self, doc: Document, areas: AreaTaxonomy, roles: RoleLexicon):
        self.doc = doc
        self.areas = areas
        self.roles = roles
        self.layout: Layout = clean_lines(doc)
        self.lines = self.layout.content
        self.warnings: list[tuple[int | None, str]] = []
        self.coverage: dict[int, CoverageRow] = {}
        self._mark_headings()

    # -- pre-pass ---------------------------------------------------------------------
    def _mark_headings(self) -> None:
        """Find heading lines (report titles, section headings) and area/report events."""
        lines = self.lines
        self.heading: set[int] = set()  # indices into self.lines
        self._furniture_lines = sorted(ln.no for ln, _ in self.layout.furniture)
        self.events: list[tuple[int, str | None, str | None]] = []  # (line no, area, report)
        for i, ln in enumerate(lines):
            t = ln.text
            if _DATE_LINE.match(t) and len(t) <= 70:
                self.heading.add(i)
                back = [j for j in range(i - 1, max(-1, i - 4), -1)]
                for k, j in enumerate(back):
                    cand = lines[j].text
                    if len(cand) > 80 or _bullet(cand)[0] is not None or _HEADER.match(cand):
                        break
                    if k > 0 and len(cand) > 40:
                        break
                    self.heading.add(j)
                    area = self.areas.area_of(cand)
                    self.events.append((lines[j].no, area, cand if k == 0 else None))
            elif (len(t) <= 40 and _FIELD_HEADING.match(t) and self.areas.area_of(t)
                  and not _POINT_MARK.match(t)  # "● (전략) 5G … 부문" is a point, not a heading
                  and (_NUMBERED_HEADING.match(t) or self._stands_alone(i))):
                self.heading.add(i)
                self.events.append((ln.no, self.areas.area_of(t), None))
            elif self._is_area_title(i):
                self.heading.add(i)
                self.events.append((ln.no, self.areas.is_area_title(t), None))
            elif _SECTION_HEADING.match(t) and len(t) <= 80:
                self.heading.add(i)
                if _FORUM_SESSION.match(t):
                    self.events.append((ln.no, "", t))
                else:
                    self.events.append((ln.no, self.areas.area_of(t), None))
        for ln, _reason in self.layout.furniture:  # running headers name the area (… _ 양자)
            m = _LABEL_TAIL.search(ln.text)
            if m and self.areas.area_of(m.group(1)):
                self.events.append((ln.no, self.areas.area_of(m.group(1)), None))
        self._index_events()

    def _is_area_title(self, i: int) -> bool:
        """A line naming only an area, followed by a transcript or a heading, is an area title."""
        t = self.lines[i].text
        return len(t) <= 40 and self.areas.is_area_title(t) is not None and self._stands_alone(i)

    def _stands_alone(self, i: int) -> bool:
        """Line ``i`` is followed by a transcript header or a heading, and is no wrapped word at
        the end of a point: it opens the text, follows a heading or page furniture, or starts a
        page (a leading space in PDF text)."""
        if i + 1 >= len(self.lines):
            return False
        nxt = self.lines[i + 1].text
        followed = (_HEADER_WORD.search(nxt) and _HEADER.match(nxt)) or _SECTION_HEADING.match(
            nxt
        ) or _SUMMARY_START.match(nxt)
        if not followed:
            return False
        ln = self.lines[i]
        return (
            i == 0
            or (i - 1) in self.heading
            or ln.raw[:1].isspace()
            or self._furniture_between(self.lines[i - 1].no, ln.no)
        )

    def _furniture_between(self, a: int, b: int) -> bool:
        k = bisect.bisect_right(self._furniture_lines, a)
        return k < len(self._furniture_lines) and self._furniture_lines[k] < b

    def _context(self, line_no: int) -> tuple[str, str]:
        """Area and report in force at ``line_no``: the last heading events before it."""
        k = bisect.bisect_left(self._event_lines, line_no)
        return self._area_at[k], self._report_at[k]

    def _index_events(self) -> None:
        self.events.sort(key=lambda e: e[0])
        self._event_lines = [e[0] for e in self.events]
        area, report = "", ""
        self._area_at, self._report_at = [area], [report]
        for _no, ev_area, ev_report in self.events:
            area = ev_area if ev_area is not None else area
            report = ev_report if ev_report is not None else report
            self._area_at.append(area)
            self._report_at.append(report)

    # -- segmentation -----------------------------------------------------------------
    def _transcript_start(self, i: int) -> tuple[str, int | None] | None:
        """``(kind, number)`` when line ``i`` opens a transcript."""
        t = self.lines[i].text
        if not _HEADER_WORD.search(t):
            return None
        nxt = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        m = _HEADER.match(t)
        if m:
            number = int(m.group("no")) if m.group("no") else None
            if number is None and m.group("speaker") is None and _speaker_label(nxt) is None:
                return None
            kind = "forum" if "발표" in m.group("name") else "consultation"
            return kind, number
        return None

    def _implicit_start(self, i: int) -> bool:
        """A speaker line with a role word, followed by a numbered question, opens a transcript."""
        t = self.lines[i].text
        if not t or (t[0] not in _SPEAKER_BRACKETS and ":" not in t and "：" not in t):
            return False
        label = _speaker_label(t)
        if label is None or not _ROLE_CUE.search(label) or i + 1 >= len(self.lines):
            return False
        return _question_match(self.lines[i + 1].text, None) is not None

    def _is_boundary(self, i: int, after_header: bool = False) -> bool:
        """Whether line ``i`` ends the block before it (a speaker right after a header does not)."""
        t = self.lines[i].text
        return (
            i in self.heading
            or _SUMMARY_START.match(t) is not None
            or self._transcript_start(i) is not None
            or (not after_header and self._implicit_start(i))
        )

    def run(self) -> ParsedDocument:
        transcripts: list[Transcript] = []
        summaries: list[SummaryRow] = []
        lines = self.lines
        i = 0
        last_number: int | None = None
        while i < len(lines):
            start = self._transcript_start(i)
            implicit = start is None and self._implicit_start(i)
            if start or implicit:
                j = i + 1
                while j < len(lines) and not self._is_boundary(j, after_header=j == i + 1 and not implicit):
                    j += 1
                kind, number = start if start else ("consultation", None)
                if number is not None and last_number is not None and number <= last_number:
                    self.warnings.append(
                        (lines[i].no, f"transcript number ({number}) repeats or goes back after ({last_number})")
                    )
                last_number = number if number is not None else last_number
                transcripts.append(self._transcript(len(transcripts) + 1, kind, number, lines[i:j], implicit))
                i = j
                continue
            if i in self.heading:
                last_number = None
            if _SUMMARY_START.match(lines[i].text):
                j = i + 1
                while j < len(lines) and not (
                    self._is_boundary(j) and not _SUMMARY_START.match(lines[j].text)
                ):
                    j += 1
                summaries.extend(self._summary(len({s.table_no for s in summaries}) + 1, lines[i:j]))
                i = j
                continue
            reason = "heading outside transcripts" if i in self.heading else "outside transcripts"
            self._residue(lines[i], reason)
            i += 1
        if not transcripts and not summaries:
            whole = self._one_interview()
            if whole is not None:
                transcripts.append(whole)
        for ln, reason in self.layout.furniture:
            self._residue(ln, reason)
        coverage = [self.coverage[k] for k in sorted(self.coverage)]
        return ParsedDocument(self.doc, transcripts, summaries, coverage, self.warnings)

    def _one_interview(self) -> Transcript | None:
        """A document that is one interview without a transcript header: an overview block
        naming the interviewee (``- 대상 : 이○○ 교수 (포항공과대학교)``) before numbered questions.
        The whole document is that expert's transcript (its lines before the first question
        are its preamble)."""
        furniture = {f.no for f, _ in self.layout.furniture}
        lines = [ln for ln in self.lines if ln.no not in furniture]
        first_q = next((k for k, ln in enumerate(lines) if _question_match(ln.text, None)), None)
        if first_q is None:
            return None
        label, _area, _kv = self._preamble_speaker(lines[:first_q])
        if label is None:
            return None
        return self._transcript(1, "consultation", None, lines, True)

    # -- coverage ---------------------------------------------------------------------
    def _cover(self, ln: Line, record_id: str, part: str) -> None:
        self.coverage[ln.no] = CoverageRow(ln.no, ln.page, ln.raw, record_id, part, "")

    def _residue(self, ln: Line, reason: str) -> None:
        self.coverage[ln.no] = CoverageRow(ln.no, ln.page, ln.raw, "", "residue", reason)

    # -- transcripts ------------------------------------------------------------------
    def _preamble_speaker(self, rest: list[Line]) -> tuple[str | None, str | None, list[Line]]:
        """``(speaker label, area, lines)`` from an overview block before the first question
        (``대상 : 김OO 교수 (KAIST)``, or ``성명``/``소속``/``직위`` lines, and ``분야 : 반도체``)."""
        found: dict[str, str] = {}
        lines: list[Line] = []
        for ln in rest[:40]:
            if _question_match(ln.text, None) is not None:
                break
            m = _PREAMBLE_KV.match(ln.text)
            if m is None:
                rank, _g, body = _bullet(ln.text)
                if rank is not None and not _ANY_KV.match(ln.text) and (
                        len(body) > 30 or _STATEMENT_END.search(body)):
                    break  # an answer already (not a heading such as "■ 인터뷰 개요"): the overview is over
                continue
            key = _SPACES.sub("", m.group("key"))
            found.setdefault(key, m.group("val").strip())
            lines.append(ln)

        def someone(value: str | None) -> str | None:  # a person, not a topic or a count
            ok = value and not _COUNT.search(value) and identifies_someone(value, self.roles)
            return value if ok else None

        person = next((p for k in _PERSON_KEYS if (p := someone(found.get(k)))), None)
        if person is None and ("성명" in found or "소속" in found):
            person = someone(" ".join(found[k] for k in ("소속", "성명", "직위", "직책") if k in found))
        area = self.areas.area_of(found["분야"]) if "분야" in found else None
        lines = [ln for ln in lines if person is not None or _SPACES.sub("", _PREAMBLE_KV.match(ln.text)
                                                                        .group("key")) == "분야"]
        if person is None and area is None:
            return None, None, []
        return person, area, lines

    def _transcript(
        self, seq: int, kind: str, number: int | None, block: list[Line], implicit: bool
    ) -> Transcript:
        header = block[0]
        tid = transcript_id(self.doc.name, seq)
        rest = block if implicit else block[1:]
        speaker_line = None
        inline = None if implicit else _HEADER.match(header.text)
        if inline is not None and inline.group("speaker"):
            # the speaker on the header line itself: 전문가 자문 회의록 (1) <KAIST … 교수>
            label: str | None = _speaker_label(inline.group("speaker").replace("（", "(").replace("）", ")"))
            speaker_line = header
        else:
            label = _speaker_label(rest[0].text) if rest else None
            if label is not None:
                speaker_line, rest = rest[0], rest[1:]
        kv_lines: list[Line] = []
        kv_area = None
        if label is None:  # an interview's overview block: "- 대상 : 김OO 교수 (KAIST)", "- 분야 : 반도체"
            label, kv_area, kv_lines = self._preamble_speaker(rest)
            if label is None:
                self.warnings.append((header.no, "transcript has no speaker line"))
        speaker = self.roles.infer(label or "")
        area, report = self._context(header.no)
        if not area and kv_area:
            area = kv_area
        if kind == "forum":
            area = ""
        tr = Transcript(seq, kind, number, header, speaker_line, speaker, area, report, block)
        if speaker_line is not None:
            self._cover(speaker_line, tid, "speaker")
        if not implicit and speaker_line is not header:
            self._cover(header, tid, "transcript header")

        # questions: the first numbered line fixes the numbering style of this transcript
        style = None
        starts: list[tuple[int, int, str, str]] = []
        for k, ln in enumerate(rest):
            m = _question_match(ln.text, style)
            if m is None:
                continue
            if style is None:
                style = m[0]
            number = m[1] if m[1] != NEXT_QUESTION else (starts[-1][1] if starts else 0) + 1
            starts.append((k, number, m[2], m[3]))
        if not starts:
            self.warnings.append((header.no, "transcript ends without numbered questions"))
        first = starts[0][0] if starts else len(rest)
        for ln in rest[:first]:
            if any(ln is kv for kv in kv_lines):
                self._cover(ln, tid, "speaker")
                continue
            if _bullet(ln.text)[0] is not None and not starts:
                continue
            self._residue(ln, "transcript preamble (before the first question)")
            tr.preamble.append(ln)
        if not starts and any(_bullet(ln.text)[0] is not None for ln in rest):
            # minutes without numbered questions: all points answer one implicit question
            starts = [(0, 0, "", "")]
            first = 0
        prev_no = None
        for n, (k, number, qlabel, qtext) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(rest)
            if prev_no is not None and number and number != prev_no + 1:
                self.warnings.append(
                    (rest[k].no, f"question {number} follows question {prev_no} (numbers out of order)")
                )
            prev_no = number or prev_no
            self._questions(tr, tid, rest[k:end], number or None, qlabel, qtext, implicit_q=qlabel == "")
        for q in tr.questions:
            for p in q.points:
                p.text = "\n".join(
                    join_wrapped(item, self.layout.space_marks_wraps) for item in p.items
                )
        return tr

    def _questions(
        self,
        tr: Transcript,
        tid: str,
        block: list[Line],
        number: int | None,
        label: str,
        first_text: str,
        implicit_q: bool,
    ) -> None:
        """Add the question(s) in ``block`` (a numbered item and its answer) to ``tr``."""
        ranks = [_bullet(ln.text)[0] for ln in block]
        body_start = 0 if implicit_q else 1
        # question text: the numbered line and its continuation lines up to the first bullet
        q_end = body_start
        while q_end < len(block) and ranks[q_end] is None and not bare_answer_mark(block[q_end].text) \
                and not (q_end > 0 and block[q_end - 1].text.rstrip().endswith(("?", "？"))
                         and not _ASKS_END.search(block[q_end].text)):
            # a line after one ending in "?" is the answer (a paragraph), unless it asks too
            q_end += 1
        if not implicit_q and q_end == len(block) and len(block) > 1:
            # no bullets: the question ends at its first line that ends like a question
            for k in range(len(block)):
                if _QUESTION_END.search(block[k].text):
                    q_end = k + 1
                    break
            else:
                q_end = 1
        q_lines = block[:q_end] if not implicit_q else []
        inline = _INLINE_ANSWER.match(first_text) if not implicit_q and q_end == 1 else None
        if inline:  # "1. 질문?<TAB>답변" (a table row as text), "1. 질문? → 답변": the answer is inline
            first_text = inline.group("q").strip()
        first_line = Line(block[0].no, block[0].raw, first_text, block[0].page, block[0].trailing_space)
        text = join_wrapped([first_line, *q_lines[1:]], self.layout.space_marks_wraps) if q_lines else ""
        answer = block[q_end:]
        answer_ranks = ranks[q_end:]
        if inline:
            b0 = block[0]
            answer = [Line(b0.no, b0.raw, inline.group("a").strip(), b0.page, b0.trailing_space), *answer]
            answer_ranks = [None, *answer_ranks]
        kind = "section" if tr.kind == "forum" else "prompt"
        topic = _tag(text)
        structural = [r for r in answer_ranks if r is not None and r != _NOTE_RANK]
        point_rank = min(structural) if structural else None

        if _DISCUSSION.search(text) and point_rank is not None and any(
            r is not None and r > point_rank and r != _NOTE_RANK for r in answer_ranks
        ):
            # a discussion section: top bullets are questions from the floor
            header_lines = q_lines
            floor: list[list[int]] = []
            for k, r in enumerate(answer_ranks):
                if r == point_rank or not floor:
                    floor.append([k])
                else:
                    floor[-1].append(k)
            for f_no, idxs in enumerate(floor, start=1):
                fl = [answer[k] for k in idxs]
                fr = [answer_ranks[k] for k in idxs]
                end_q = 1
                while end_q < len(fl) and fr[end_q] is None:
                    end_q += 1
                glyph_rest = _bullet(fl[0].text)[2]
                head = Line(fl[0].no, fl[0].raw, glyph_rest, fl[0].page, fl[0].trailing_space)
                q = Question(
                    seq=len(tr.questions) + 1,
                    no=number,
                    label=f"{label}{f_no}" if label else str(f_no),
                    kind="floor",
                    topic=topic or "토론",
                    lines=fl[:end_q],
                    text=join_wrapped([head, *fl[1:end_q]], self.layout.space_marks_wraps),
                )
                if f_no == 1:
                    q.extra_lines = header_lines
                qid = question_id(tid, q.seq)
                for ln in header_lines if f_no == 1 else []:
                    self._cover(ln, qid, "discussion section header")
                for ln in q.lines:
                    self._cover(ln, qid, "question")
                self._points(q, qid, fl[end_q:], [fr[k] for k in range(end_q, len(fl))])
                tr.questions.append(q)
            return

        q = Question(
            seq=len(tr.questions) + 1,
            no=number,
            label=label,
            kind=kind,
            topic=topic,
            lines=q_lines,
            text=text,
        )
        qid = question_id(tid, q.seq)
        for ln in q_lines:
            self._cover(ln, qid, "question")
        self._points(q, qid, answer, answer_ranks)
        tr.questions.append(q)

    def _points(self, q: Question, qid: str, lines: list[Line], ranks: list[int | None]) -> None:
        while lines and ranks[0] is None and bare_answer_mark(lines[0].text):  # [답변] above the answer
            self._cover(lines[0], qid, "answer mark")
            lines, ranks = lines[1:], ranks[1:]
        structural = [r for r in ranks if r is not None and r != _NOTE_RANK]
        point_rank = min(structural) if structural else None
        cur: Point | None = None
        for ln, r in zip(lines, ranks, strict=True):
            if cur is not None and in_table(self.doc, ln) and not in_table(self.doc, cur.lines[0]):
                self._residue(ln, TABLE_AFTER_ANSWER)
                continue
            if cur is None or (r is not None and r == point_rank):
                rank, glyph, rest = _bullet(ln.text)
                if rank is None or rank == point_rank:
                    body = rest
                else:
                    body = ln.text
                first = Line(ln.no, ln.raw, body, ln.page, ln.trailing_space)
                cur = Point(len(q.points) + 1, _tag(body), [ln], [[first]])
                q.points.append(cur)
            elif r is None and not _row_edge(self.doc, cur.items[-1][-1], ln):
                cur.items[-1].append(ln)
                cur.lines.append(ln)
            else:  # a sub-point, or a table row (a line of its own, never joined into prose)
                cur.items.append([ln])
                cur.lines.append(ln)
            part = "point" if len(cur.lines) == 1 else ("continuation" if r is None else "sub-point")
            self._cover(ln, point_id(qid, cur.no), part)

    # -- summary tables ---------------------------------------------------------------
    def _summary(self, table_no: int, block: list[Line]) -> list[SummaryRow]:
        area, _ = self._context(block[0].no)
        rows: list[SummaryRow] = []
        cur: dict | None = None
        prev: Line | None = None
        for ln in block:
            t = ln.text
            if _SUMMARY_START.match(t):
                self._residue(ln, "summary table header")
                prev = None
                continue
            if _ROW_NUMBER.fullmatch(t):
                cur = {"row_no": int(t), "topic": [], "items": [], "lines": [ln]}
                rows.append(cur)  # type: ignore[arg-type]
                prev = None
                continue
            if cur is None:
                cur = {"row_no": None, "topic": [], "items": [], "lines": []}
                rows.append(cur)  # type: ignore[arg-type]
            cur["lines"].append(ln)
            rank, _glyph, rest = _bullet(t)
            if rank is not None:
                cur["items"].append([Line(ln.no, ln.raw, rest, ln.page, ln.trailing_space)])
            elif prev is not None and prev.trailing_space and cur["items"]:
                cur["items"][-1].append(ln)
            else:
                cur["topic"].append(t)
            prev = ln
        out = []
        for r in rows:
            if not r["lines"]:
                continue
            opinion = "\n".join(join_wrapped(it, self.layout.space_marks_wraps) for it in r["items"])
            row = SummaryRow(table_no, r["row_no"], area, " / ".join(r["topic"]), opinion, r["lines"])
            rid = summary_id(self.doc.name, table_no, len(out) + 1)
            for ln in r["lines"]:
                self._cover(ln, rid, "summary table")
            out.append(row)
        return out
