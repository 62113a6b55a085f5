"""The records every reader makes: a parsed document's transcripts, questions, points, summary
rows and coverage.

    >>> from consult.layout import Line
    >>> ln = Line(3, "● 인력 부족", "● 인력 부족", None, False)
    >>> Point(1, "", [ln], [[ln]], text="인력 부족").speaker is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ingest.document import Document
from ..layout import Line
from ..people import Participant, SpeakerInfo

__all__ = ["ParsedDocument", "Transcript", "Question", "Point", "SummaryRow", "CoverageRow"]


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
    """Where one source line went: a record (``record_id``, ``part``) or the residue (``reason``)."""

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
    #: attendees listed in meeting minutes
    participants: list[Participant] = field(default_factory=list)
    #: the reading the parser chose (``shape``); ``consult.parse.inspection.conventions_of`` tells the rest
    conventions: dict = field(default_factory=dict)
