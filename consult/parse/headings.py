"""The headings of a report and what they set: the area and the report in force at each line.

A report's title (the line, or lines, above its date line), a field heading (``1. 반도체
분야``), an area title (``양자``), a section heading (``별첨 1``, ``세션 2``, ``Ⅱ.``) and a
running header (``… _ 양자``) are headings; each may name an area (by the taxonomy) or a report.
:meth:`Headings.context` gives the ones in force at a line. Every reader asks it; the
numbered-Q&A reader also ends a transcript at a heading.

    >>> from consult.ingest import document_from_text
    >>> from consult.layout import clean_lines
    >>> from consult.taxonomy import load_areas
    >>> lines = clean_lines(document_from_text("2023 연차보고서\\n2023. 12. 1.\\n1. 반도체 분야\\n본문")).content
    >>> h = Headings(lines, [], load_areas())
    >>> sorted(h.lines), h.context(4)
    ([0, 1, 2], ('반도체', '2023 연차보고서'))
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..layout import Line
from ..lexicon import (
    DASH_GLYPHS,
    DATE_LINE,
    HEADING_MARKS,
    HEADING_NUMBER,
    MARK_GLYPHS,
    SECTION_HEADING,
)
from ..taxonomy import AreaTaxonomy
from .marks import bullet

__all__ = ["Headings", "TRANSCRIPT_HEADER", "HEADER_WORD", "SUMMARY_START"]

#: a transcript's header: ``전문가 자문 회의록 (1)``, ``자문 회의록 2``, ``발표내용 요약 (3)``,
#: ``전문가 인터뷰 4``, with the speaker on the same line perhaps (``… (1) <KAIST 교수>``)
TRANSCRIPT_HEADER = re.compile(
    r"^(?:[\[<〈【]\s*+)?"
    r"(?P<name>(?:전문가\s*+)?(?:자문\s*+회의록|자문\s*+회의\s*+(?:결과|내용)|자문\s*+결과|자문\s*+내용\s*+(?=[(\[<〈#\d])|"
    r"인터뷰\s*+(?:결과|내용|회의록)?|면담\s*+(?:결과|내용|회의록)?|간담회\s*+(?:결과|내용|회의록))"
    r"|발표\s*+내용\s*+요약|발표\s*+요약|주제\s*+발표\s*+요약)"
    r"\s*+(?:[(\[<〈【#]\s*+)?(?P<no>\d{1,3})?\s*+(?:[)\]>〉】]\s*+)?(?:[\]>〉】]\s*+)?"
    r"(?P<speaker>[<\[〈【(].{2,80}[>\]〉】)])?\s*+$"
)
#: a word every transcript header holds (a cheap test before :data:`TRANSCRIPT_HEADER`)
HEADER_WORD = re.compile(r"회의록|자문|인터뷰|면담|간담회|발표")
#: the header of an authors' summary table (주요 질문 및 전문가 의견)
SUMMARY_START = re.compile(r"^주요\s*+질문\s*+(?:및\s*+)?(?:전문가\s*+의견|주요\s*+내용|자문\s*+의견|의견)")
#: a short line that names a field and nothing more: "1. 반도체 분야", "(2) 이차전지 부문 자문 결과"
#: (at most 40 characters: the caller's limit, also in the pattern so that it stays linear)
_FIELD_HEADING = re.compile(
    rf"^(?=.{{1,40}}$){HEADING_NUMBER}?\s*"
    r"[^?.]{1,30}?\s*+(?:분야|부문|기술군|분과)"
    r"(?:\s*+(?:전문가)?\s*+(?:자문|인터뷰|면담)?\s*+(?:결과|내용|의견)?)?$"
)
_NUMBERED_HEADING = re.compile("^" + HEADING_NUMBER)
#: a line opening with a point's bullet (not a heading mark such as □ ■ ◆ ▶)
_POINT_MARK = re.compile(rf"^[{''.join(g for g in MARK_GLYPHS if g not in HEADING_MARKS)}]|^[{DASH_GLYPHS}]\s")
_FORUM_SESSION = re.compile(r"^(?:\(?세션\s*+#?\s*+\d)")
#: the end of a running header after its separator (``2023 연차보고서 _ 양자``)
_LABEL_TAIL = re.compile(r"[_:|]\s*(\S[^_:|]*)$")

#: (line number, area or None, report or None)
Event = tuple[int, str | None, str | None]


class Headings:
    """The heading lines of a document (indices into its content lines, :attr:`lines`) and the
    area/report events they set. ``closing`` are the user's closing patterns: a line matching
    one is a heading too (it ends a transcript)."""

    def __init__(self, lines: list[Line], furniture: Sequence[tuple[Line, str]], areas: AreaTaxonomy,
                 closing: Sequence[re.Pattern[str]] = ()):
        self._content = lines
        self._areas = areas
        self._furniture_lines = sorted(ln.no for ln, _ in furniture)
        #: indices of heading lines
        self.lines: set[int] = set()
        self._events: list[Event] = []
        for i, ln in enumerate(lines):
            self._classify(i, ln.text)
            if closing and i not in self.lines and any(p.match(ln.text) for p in closing):
                self.lines.add(i)
        for ln, _reason in furniture:  # running headers name the area (… _ 양자)
            m = _LABEL_TAIL.search(ln.text)
            if m and areas.area_of(m.group(1)):
                self._events.append((ln.no, areas.area_of(m.group(1)), None))
        self._index_events()

    def _classify(self, i: int, t: str) -> None:
        areas = self._areas
        if DATE_LINE.match(t) and len(t) <= 70:
            self._title_above(i)
        elif (len(t) <= 40 and _FIELD_HEADING.match(t) and areas.area_of(t)
              and not _POINT_MARK.match(t)  # "● (전략) 5G … 부문" is a point, not a heading
              and (_NUMBERED_HEADING.match(t) or self._stands_alone(i))):
            self.lines.add(i)
            self._events.append((self._content[i].no, areas.area_of(t), None))
        elif self._is_area_title(i):
            self.lines.add(i)
            self._events.append((self._content[i].no, areas.is_area_title(t), None))
        elif SECTION_HEADING.match(t) and len(t) <= 80:
            self.lines.add(i)
            if _FORUM_SESSION.match(t):
                self._events.append((self._content[i].no, "", t))
            else:
                self._events.append((self._content[i].no, areas.area_of(t), None))

    def _title_above(self, i: int) -> None:
        """A date line: it and the report title above it (up to three lines) are headings."""
        lines = self._content
        self.lines.add(i)
        for k, j in enumerate(range(i - 1, max(-1, i - 4), -1)):
            cand = lines[j].text
            if len(cand) > 80 or bullet(cand).rank is not None or TRANSCRIPT_HEADER.match(cand):
                break
            if k > 0 and len(cand) > 40:
                break
            self.lines.add(j)
            self._events.append((lines[j].no, self._areas.area_of(cand), cand if k == 0 else None))

    def _is_area_title(self, i: int) -> bool:
        """A line naming only an area, followed by a transcript or a heading, is an area title."""
        t = self._content[i].text
        return len(t) <= 40 and self._areas.is_area_title(t) is not None and self._stands_alone(i)

    def _stands_alone(self, i: int) -> bool:
        """Line ``i`` is followed by a transcript header or a heading, and is no wrapped word at
        the end of a point: it opens the text, follows a heading or page furniture, or starts a
        page (a leading space in PDF text)."""
        lines = self._content
        if i + 1 >= len(lines):
            return False
        nxt = lines[i + 1].text
        followed = (HEADER_WORD.search(nxt) and TRANSCRIPT_HEADER.match(nxt)) or SECTION_HEADING.match(
            nxt
        ) or SUMMARY_START.match(nxt)
        if not followed:
            return False
        ln = lines[i]
        return (
            i == 0
            or (i - 1) in self.lines
            or ln.raw[:1].isspace()
            or self._furniture_between(lines[i - 1].no, ln.no)
        )

    def _furniture_between(self, a: int, b: int) -> bool:
        k = bisect.bisect_right(self._furniture_lines, a)
        return k < len(self._furniture_lines) and self._furniture_lines[k] < b

    def _index_events(self) -> None:
        self._events.sort(key=lambda e: e[0])
        self._event_lines = [e[0] for e in self._events]
        area, report = "", ""
        self._area_at, self._report_at = [area], [report]
        for _no, ev_area, ev_report in self._events:
            area = ev_area if ev_area is not None else area
            report = ev_report if ev_report is not None else report
            self._area_at.append(area)
            self._report_at.append(report)

    def context(self, line_no: int) -> tuple[str, str]:
        """Area and report in force at ``line_no``: the last heading events before it."""
        k = bisect.bisect_left(self._event_lines, line_no)
        return self._area_at[k], self._report_at[k]
