"""Parse the clean lines of one document into transcripts, questions and answer points.

Where to look (every module is documented with a runnable example):

* the entry point, the shape detector: :mod:`~consult.parse.shapes` (``parse_document``);
* one reader per document shape: :mod:`~consult.parse.numbered` (numbered-Q&A transcripts
  under headers; one transcript: :mod:`~consult.parse.transcript`, an overview block:
  :mod:`~consult.parse.overview`, a headerless interview: :mod:`~consult.parse.one_interview`,
  the authors' summary tables: :mod:`~consult.parse.summary_tables`),
  :mod:`~consult.parse.meeting` (meetings), :mod:`~consult.parse.blocks` (speaker blocks then
  questions) — both over :mod:`~consult.parse.statement_lines` (a line's kind) and
  :mod:`~consult.parse.statements` (attendee lines, segments, points with their speakers) —
  :mod:`~consult.parse.tables` (interview tables), and :mod:`~consult.parse.verbatim` (verbatim
  records: 국회·지방의회 회의록, over :mod:`~consult.parse.exchanges` who asked whom,
  :mod:`~consult.parse.witnesses` who is who, :mod:`~consult.parse.turns` the turns);
* the public core they share: :mod:`~consult.parse.model` (record types),
  :mod:`~consult.parse.marks` (bullets, numbering, answer marks, speaker lines),
  :mod:`~consult.parse.reading` (a document being read: lines, hints, coverage),
  :mod:`~consult.parse.headings` (headings, and the area/report at a line),
  :mod:`~consult.parse.points` (an answer's points), :mod:`~consult.parse.hints` (the user's
  layout hints);
* diagnostics: :mod:`~consult.parse.inspection` (``consult inspect``).

Who speaks a line of a meeting is :mod:`consult.people.speakers`; the Korean grammar every reader
matches is :mod:`consult.lexicon`.

    >>> from consult.ingest import document_from_text
    >>> text = "전문가 자문 회의록 (1)\\n<KAIST 교수>\\n1. 현황은?\\n● 인력 부족\\n- 시스템 SW\\n"
    >>> t = parse_document(document_from_text(text, name="d")).transcripts[0]
    >>> t.speaker.role, t.questions[0].text, t.questions[0].points[0].text
    ('academic', '현황은?', '인력 부족\\n- 시스템 SW')
"""

from .hints import Hints, load_hints
from .inspection import Inspection, conventions_of, inspect_file, seen_summary
from .model import CoverageRow, ParsedDocument, Point, Question, SummaryRow, Transcript
from .shapes import parse_document

__all__ = [
    "parse_document",
    "ParsedDocument",
    "Transcript",
    "Question",
    "Point",
    "SummaryRow",
    "CoverageRow",
    "Hints",
    "load_hints",
    "inspect_file",
    "Inspection",
    "seen_summary",
    "conventions_of",
]
