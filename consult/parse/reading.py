"""One document as every reader sees it: its clean lines, headings, the user's hints, and the
coverage the reader fills (every line in a record, or in the residue with its reason).

A reader of one document shape takes a :class:`Reading`, covers each line it reads into a
record (:meth:`Reading.cover`) or leaves it as residue (:meth:`Reading.residue`), and ends with
:meth:`Reading.result`.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> r = Reading(document_from_text("표지\\n1 ❙\\n본문", name="d"), load_areas(), load_roles())
    >>> [ln.text for ln in r.lines]
    ['표지', '본문']
    >>> r.residue(r.lines[0], "outside transcripts")
    >>> [(c.line, c.reason) for c in r.result([]).coverage]
    [(1, 'outside transcripts'), (2, 'page number')]
"""

from __future__ import annotations

from collections.abc import Sequence

from ..ingest.document import Document
from ..layout import Layout, Line, clean_lines, join_wrapped
from ..people import Participant, RoleLexicon
from ..taxonomy import AreaTaxonomy
from .headings import Headings
from .hints import Hints
from .marks import QuestionStart, question_start, speaker_label
from .model import CoverageRow, ParsedDocument, SummaryRow, Transcript

__all__ = ["Reading"]

_NO_HINTS = Hints()


class Reading:
    """The state every reader shares while it reads ``doc``."""

    def __init__(self, doc: Document, areas: AreaTaxonomy, roles: RoleLexicon, hints: Hints | None = None):
        self.doc = doc
        self.areas = areas
        self.roles = roles
        #: the user's layout hints (none: an empty :class:`Hints`)
        self.hints = hints or _NO_HINTS
        self.layout: Layout = clean_lines(doc)
        #: the content lines (page furniture left out)
        self.lines: list[Line] = self.layout.content
        self.warnings: list[tuple[int | None, str]] = []
        self._coverage: dict[int, CoverageRow] = {}
        self.headings = Headings(self.lines, self.layout.furniture, areas, self.hints.closing)

    # -- reading helpers ------------------------------------------------------------------
    def context(self, line_no: int) -> tuple[str, str]:
        """Area and report in force at ``line_no`` (:meth:`Headings.context`)."""
        return self.headings.context(line_no)

    def join(self, parts: Sequence[Line]) -> str:
        """The physical lines of one logical line joined as the source wraps them."""
        return join_wrapped(list(parts), self.layout.space_marks_wraps)

    def question_start(self, text: str, style: str | None = None) -> QuestionStart | None:
        """The numbered item ``text`` opens: the user's question patterns first."""
        return question_start(text, style, self.hints.question)

    def speaker_label(self, text: str) -> str | None:
        """The label of a speaker line: the user's speaker patterns first."""
        return speaker_label(text, self.hints.speaker)

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append((line, message))

    def drop_warnings_since(self, count: int) -> None:
        """Forget the warnings given after the first ``count`` (a reading that is done again)."""
        del self.warnings[count:]

    # -- coverage -------------------------------------------------------------------------
    def cover(self, ln: Line, record_id: str, part: str) -> None:
        """Line ``ln`` is ``part`` of the record ``record_id``."""
        self._coverage[ln.no] = CoverageRow(ln.no, ln.page, ln.raw, record_id, part, "")

    def residue(self, ln: Line, reason: str) -> None:
        """Line ``ln`` is in no record, for ``reason``."""
        self._coverage[ln.no] = CoverageRow(ln.no, ln.page, ln.raw, "", "residue", reason)

    def uncover(self, ln: Line) -> None:
        """Forget where line ``ln`` went (a reading that is done again)."""
        self._coverage.pop(ln.no, None)

    def covered(self, ln: Line) -> bool:
        return ln.no in self._coverage

    def covered_row(self, line_no: int) -> CoverageRow:
        return self._coverage[line_no]

    def recover(self, row: CoverageRow) -> None:
        """Put ``row`` in place of the coverage of its line (a table row's text or part)."""
        self._coverage[row.line] = row

    def result(self, transcripts: list[Transcript], summaries: Sequence[SummaryRow] = (),
               participants: Sequence[Participant] | None = None) -> ParsedDocument:
        """The parsed document: the page furniture goes to the residue with its reason."""
        for ln, reason in self.layout.furniture:
            self.residue(ln, reason)
        coverage = [self._coverage[k] for k in sorted(self._coverage)]
        if participants is None:
            return ParsedDocument(self.doc, transcripts, list(summaries), coverage, self.warnings)
        return ParsedDocument(self.doc, transcripts, list(summaries), coverage, self.warnings,
                              participants=list(participants))
