"""The lines of minutes whose structure is *statements with speakers* (meetings, written
consultations, ministry result reports), each classified: a meeting's ``title``, a header line
(``meta``: 일시, 장소, 참석자 …), the ``interviewer`` (``- 면담자 : …``), a speaker table's
``table header`` and ``table number`` cells (its rows are statements: :mod:`consult.parse.speaker_tables`),
a ``speaker`` block, a ``discussion`` heading, a ``section``
heading, a ``closing`` heading (향후 계획, 붙임 …, or the user's closing hints), or ``body``.

The readers of the statement shapes (:mod:`consult.parse.meeting`, :mod:`consult.parse.blocks`)
and the shape detector (:mod:`consult.parse.shapes`) read a document through one
:class:`StatementLines`; its :class:`~consult.people.SpeakerBook` learns the speakers as the
lines are read (who speaks a line: :mod:`consult.people.speakers`).

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> text = "산학연 간담회 결과\\n□ 일시 : 2023. 5. 12.\\n□ 주요 논의 내용\\n○ (김OO 교수) 인력 부족\\n□ 향후 계획"
    >>> sl = StatementLines(Reading(document_from_text(text, name="d"), load_areas(), load_roles()))
    >>> [sl.classify(i) for i in range(len(sl.lines))]
    ['title', 'meta', 'discussion', 'body', 'closing']
"""

from __future__ import annotations

import re

from ..lexicon import (
    BOXES,
    CLOSING,
    DATE_PLACE,
    DISCUSSION_HEADING,
    ENDS_SENTENCE,
    ENTRY_MARKS,
    INTERVIEWER,
    MEETING_TITLE,
    ROMAN,
    SECTION_BOXES,
)
from ..people import SpeakerBook, lists_people, numbered_designation, speaker_block
from .marks import QuestionStart, bullet, is_structural, question_start
from .reading import Reading
from .speaker_tables import SpeakerTable

__all__ = ["StatementLines", "META", "OPINIONS", "opens_with_bullet"]

#: a line of a meeting's header: 일시, 장소, 참석자 … (``rest``: what follows the colon)
META = re.compile(
    rf"^(?:[{re.escape(ENTRY_MARKS + SECTION_BOXES)}]\s*|\d{{1,2}}\s*[.)]\s*|[가-하]\s*[.)]\s*)?"
    r"(?P<key>일\s*시|일\s*자|장\s*소|참\s*석\s*자?(?:\s*명단)?|참석\s*(?:대상|인원|기관)|배\s*석|"
    r"주\s*관|주\s*최|목\s*적|안\s*건|회\s*의\s*명|좌\s*장|패\s*널|토\s*론\s*자)\s*(?::\s*(?P<rest>.*)|$)"
)
#: a heading that announces opinions (where ``(산업계) …`` is the side speaking)
OPINIONS = re.compile(r"의견|건의|논의|발언|토의|토론|질의\s*+응답|간담회|자문\s*+회의|회의록")
#: a section heading: a box or a Roman numeral before its words
_SECTION = re.compile(rf"^(?:[{BOXES}]|[{ROMAN}]\s*+[.)]?)\s*+\S")


class StatementLines:
    """The classified lines of one document (see the module docstring)."""

    def __init__(self, reading: Reading):
        self.reading = reading
        self.lines = reading.lines
        opinions = any(len(ln.text) <= 40 and OPINIONS.search(ln.text) for ln in self.lines)
        self.book = SpeakerBook([], reading.roles, sides_speak=opinions)
        #: tables of who said what (번호 | 발언자 | 주요 내용): rows as statements
        self.table = SpeakerTable.of(self.lines, reading.doc)
        #: a numbered line names an expert surely (1. 한국대학교 물리학과 교수): then its siblings
        #: may name an organization the lexicon does not know (2. 가온퀀텀 연구소장)
        self.numbered_experts = any(numbered_designation(ln.text, reading.roles, strict=True)
                                    for ln in self.lines if ln.text[:1].isdigit())
        #: the document uses □/■ as section headings (then a □ line is a heading, not a bullet);
        #: known once the attendees are (:meth:`find_box_headings`)
        self.box_headings = False

    def find_box_headings(self) -> None:
        """Decide whether ``□``/``■`` head sections in this document: most such lines are
        followed by a lower-ranked bullet, a numbered line or a header line."""
        lines = self.lines
        boxes = [i for i, ln in enumerate(lines) if ln.text[:1] in SECTION_BOXES and i + 1 < len(lines)]
        under = sum(1 for i in boxes if bullet(lines[i + 1].text).rank not in (None, 0)
                    or question_start(lines[i + 1].text) or META.match(lines[i + 1].text))
        self.box_headings = under >= 2 and under * 2 >= len(boxes)

    # -- classification ------------------------------------------------------------------
    def speaker_block(self, i: int) -> tuple[str, int | None] | None:
        """``(label, number)`` when line ``i`` is a speaker block (a line naming only a speaker):
        also a numbered organization and title (``2. 가온퀀텀 연구소장``) with a question after
        it (past the interviewer's line and the interview's date and place), when another
        numbered line names an expert surely."""
        if i in self.table.labels:  # a speaker table's speaker cell, its statements below
            return self.table.labels[i], None
        found = speaker_block(self.lines[i].text, self.book, self.reading.hints.speaker)
        if found is not None:
            return found
        named = numbered_designation(self.lines[i].text, self.reading.roles) if self.numbered_experts else None
        if named is None:
            return None
        nxt = next((ln.text for ln in self.lines[i + 1:i + 4]
                    if not (INTERVIEWER.match(ln.text) or DATE_PLACE.match(ln.text))), "")
        return named if question_start(nxt) is not None and question_start(nxt).style != "dot" else None

    def lists_people(self, text: str) -> bool:
        """Whether ``text`` lists attendees (:func:`consult.people.lists_people`)."""
        return lists_people(text, self.reading.roles)

    def _opens_minutes(self, i: int) -> bool:
        """A title line opens minutes when it is the document's first line or the 일시/장소/참석자
        lines follow it; otherwise (``2. 패널토론 주요 내용``) it heads a part of them."""
        if i == 0:
            return True
        return any(META.match(self.lines[j].text) for j in range(i + 1, min(i + 5, len(self.lines))))

    def question(self, text: str, style: str | None) -> QuestionStart | None:
        """A numbered question (the user's hint patterns first)."""
        return self.reading.question_start(text, style)

    def classify(self, i: int) -> str:
        """The kind of line ``i`` (see the module docstring)."""
        t = self.lines[i].text
        if any(p.match(t) for p in self.reading.hints.closing):
            return "closing"
        if INTERVIEWER.match(t):  # - 면담자 : 정OO 연구원: who asked, not who answered
            return "interviewer"
        if i in self.table.headers:
            return "table header"
        if i in self.table.numbers:
            return "table number"
        if CLOSING.match(t) and len(t) <= 80 and not opens_with_bullet(t):
            return "closing"
        if t.startswith("※") and "붙임" in t[:8]:
            return "closing"
        meta = META.match(t)
        if meta and len(t) <= 300 and not (
                meta.group("key").replace(" ", "").startswith(("좌장", "패널", "토론자"))
                and not self.lists_people(meta.group("rest") or "")):  # "좌장 : …주십시오." speaks
            return "meta"
        if self.speaker_block(i) is not None:
            return "speaker"
        if MEETING_TITLE.match(t) and len(t) <= 70 and self._opens_minutes(i):
            return "title"
        if DISCUSSION_HEADING.match(t) and len(t) <= 40 and not opens_with_bullet(t):
            return "discussion"
        # Ⅰ. 개요: a heading although it ends like a sentence (…요)
        if _SECTION.match(t) and len(t) <= 50 and (not ENDS_SENTENCE.search(t) or (
                self.box_headings and t[0] in SECTION_BOXES) or (t[0] in ROMAN and t.rstrip().endswith("개요"))):
            return "section"
        return "body"


def opens_with_bullet(t: str) -> bool:
    """A bullet line that is a statement, not a heading (``○ 향후 계획을 수립``)."""
    rank = bullet(t).rank
    return is_structural(rank) and rank != 0
