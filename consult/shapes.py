"""Read one document of any shape: the entry point of parsing.

``parse_document`` picks the reader for the document's shape — numbered Q&A transcripts
(:mod:`consult.parse`), meetings and speaker blocks (:mod:`consult.parse_statements`), interview
tables (:mod:`consult.parse_tables`) — and returns one :class:`~consult.parse.ParsedDocument`.
It sits above those modules, so none of them imports it.

    >>> from consult.ingest import document_from_text
    >>> doc = document_from_text("전문가 자문 회의록 (1)\\n<KAIST 교수>\\n1. 질문?\\n● 답변", name="d")
    >>> [len(t.questions) for t in parse_document(doc).transcripts]
    [1]
"""

from __future__ import annotations

import gc

from . import hints as hints_mod
from . import limits
from .ingest.document import Document
from .parse import ParsedDocument, _Parser
from .parse_segments import run_statements
from .parse_statements import _StatementParser, detect_shape
from .parse_tables import parse_tables, table_shape
from .people import RoleLexicon, load_roles
from .taxonomy import AreaTaxonomy, load_areas

__all__ = ["parse_document"]


def parse_document(
    doc: Document, areas: AreaTaxonomy | None = None, roles: RoleLexicon | None = None,
    hints: object | None = None,
) -> ParsedDocument:
    """Parse one :class:`~consult.ingest.Document` into transcripts, summary rows and coverage."""
    # The parser allocates many small objects and no reference cycles: pausing the cyclic
    # garbage collector meanwhile keeps parsing linear when many documents are kept in memory.
    paused = gc.isenabled()
    gc.disable()
    try:
        parsed = parse_with_shapes(doc, areas or load_areas(), roles or load_roles(), hints)
    finally:
        if paused:
            gc.enable()
    cap = limits.MAX_WARNINGS
    if cap and len(parsed.warnings) > cap:  # a hostile file must not print 200,000 lines
        more = len(parsed.warnings) - cap
        parsed.warnings[cap:] = [(None, f"… and {more:,} more warnings like these (CONSULT_MAX_WARNINGS)")]
    return parsed


def parse_with_shapes(doc: Document, areas: AreaTaxonomy, roles: RoleLexicon,
                      hints: object | None = None) -> ParsedDocument:
    """Parse ``doc`` with the reading its shape calls for (see the module docstring)."""
    parser = _StatementParser(doc, areas, roles)
    if hints is not None:
        hints_mod.apply(parser, hints)
    shape = detect_shape(parser)
    if shape != "report" and (hints is None or not getattr(hints, "shape", None)) and table_shape(doc):
        parsed = parse_tables(doc, areas, roles)
        parsed.conventions["shape"] = "tables"
        return parsed
    if shape in (None, "report"):
        parsed = _Parser.run(parser)
        parsed.conventions["shape"] = "report"
        return parsed
    parsed = run_statements(parser, shape)
    parsed.conventions["shape"] = shape
    return parsed
