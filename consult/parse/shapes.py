"""Read one document of any shape: the entry point of parsing.

:func:`parse_document` tells the document's shape and hands it to the reader of that shape:

==========  ====================================================  ==================================
shape       what it looks like                                    reader
==========  ====================================================  ==================================
report      numbered-Q&A transcripts under headers                :mod:`consult.parse.numbered`
            (``전문가 자문 회의록 (N)``), or one interview
verbatim    a verbatim record: turns ``◯<label>  <speech>``         :mod:`consult.parse.verbatim`
            (국회·지방의회 회의록, 공청회, 인사청문회)
meeting     a meeting's minutes: statements naming speakers       :mod:`consult.parse.meeting`
blocks      speaker blocks, each followed by questions            :mod:`consult.parse.blocks`
tables      interviews as word-processor tables                   :mod:`consult.parse.tables`
==========  ====================================================  ==================================

A transcript header decides ``report`` whatever else the file holds, so every file the
numbered-Q&A reader reads keeps its records; a layout-hints file may force a shape. A file is a
verbatim record when three lines or more open turns by two speakers or more, two of them
unmistakably (``◯``, a witness's, an official's or the chair's label with a name, or two spaces
after the label), and turns are at least half of its ``◯``/``○`` lines.

    >>> from consult.ingest import document_from_text
    >>> doc = document_from_text("전문가 자문 회의록 (1)\\n<KAIST 교수>\\n1. 질문?\\n● 답변", name="d")
    >>> parsed = parse_document(doc)
    >>> parsed.conventions["shape"], [len(t.questions) for t in parsed.transcripts]
    ('report', [1])
"""

from __future__ import annotations

import gc

from .. import limits
from ..ingest.document import Document
from ..lexicon import DATE_PLACE, INTERVIEWER
from ..people import RoleLexicon, load_roles, split_statement, trailing_speaker
from ..taxonomy import AreaTaxonomy, load_areas
from .blocks import read_blocks
from .hints import Hints
from .marks import NOTE_RANK, bullet, question_start
from .meeting import read_meeting
from .model import ParsedDocument
from .numbered import read_numbered, transcript_start
from .reading import Reading
from .statement_lines import StatementLines
from .tables import read_tables, table_shape
from .turns import attendance_kind, turn_of
from .verbatim import read_verbatim

__all__ = ["parse_document", "detect_shape", "is_verbatim"]


def parse_document(
    doc: Document, areas: AreaTaxonomy | None = None, roles: RoleLexicon | None = None,
    hints: Hints | None = None,
) -> ParsedDocument:
    """Parse one :class:`~consult.ingest.Document` into transcripts, summary rows and coverage."""
    # The parser allocates many small objects and no reference cycles: pausing the cyclic
    # garbage collector meanwhile keeps parsing linear when many documents are kept in memory.
    paused = gc.isenabled()
    gc.disable()
    try:
        parsed = _parse(Reading(doc, areas or load_areas(), roles or load_roles(), hints))
    finally:
        if paused:
            gc.enable()
    cap = limits.MAX_WARNINGS
    if cap and len(parsed.warnings) > cap:  # a hostile file must not print 200,000 lines
        more = len(parsed.warnings) - cap
        parsed.warnings[cap:] = [(None, f"… and {more:,} more warnings like these (CONSULT_MAX_WARNINGS)")]
    return parsed


def _parse(reading: Reading) -> ParsedDocument:
    """``reading`` read the way its shape calls for (see the module docstring)."""
    sl = StatementLines(reading)
    shape = detect_shape(sl)
    if shape not in ("report", "verbatim") and not reading.hints.shape and table_shape(reading.doc):
        parsed, shape = read_tables(reading), "tables"
    elif shape in (None, "report"):
        parsed, shape = read_numbered(reading), "report"
    elif shape == "verbatim":
        parsed = read_verbatim(reading)
    elif shape == "blocks":
        parsed = read_blocks(sl)
    else:
        parsed = read_meeting(sl)
    parsed.conventions["shape"] = shape
    return parsed


def detect_shape(sl: StatementLines) -> str | None:
    """``verbatim`` (turns of a verbatim record), ``meeting``, ``blocks`` (speaker blocks then
    questions), ``report`` (transcript headers) or ``None`` (nothing recognised: the
    numbered-Q&A reader, or tables); the user's hints may force one."""
    reading = sl.reading
    lines = sl.lines
    if reading.hints.shape:
        return reading.hints.shape
    if any(transcript_start(reading, i) is not None for i in range(len(lines))):
        return "report"
    if is_verbatim(reading):
        return "verbatim"
    titles = metas = discussions = statements = 0
    blocks: list[int] = []
    first_q = None
    for i, ln in enumerate(lines):
        c = sl.classify(i)
        if c == "title":
            titles += 1
        elif c == "meta" and "참" in ln.text[:8]:
            metas += 1
        elif c == "discussion":
            discussions += 1
        elif c == "speaker":
            blocks.append(i)
        elif c == "body":
            rank, _g, rest = bullet(ln.text)
            if i in sl.table.rows or rank != NOTE_RANK and (split_statement(rest, sl.book) or (
                    rank is not None and trailing_speaker(rest, sl.book))):  # bulleted or not
                statements += 1
            elif first_q is None and question_start(ln.text):
                first_q = i
    if blocks and _questions_follow_blocks(sl, blocks):
        return "blocks"
    if (titles or metas) and (discussions or statements >= 2 or blocks):
        return "meeting"
    if statements >= 3 or (blocks and first_q is not None):
        return "meeting"
    return None


_SURE_KINDS = ("witness", "reference_witness", "statement_witness", "staff", "nominee", "official")


def is_verbatim(reading: Reading) -> bool:
    """Whether ``reading`` is a verbatim record (see the module docstring)."""
    glyphs = found = sure = 0
    labels: set[str] = set()
    hinted = bool(reading.hints.speaker)
    for ln in reading.lines:
        t = ln.text
        if t[:1] not in "◯○" and not hinted:
            continue
        if attendance_kind(t) is not None:
            continue
        glyphs += t[:1] in "◯○"
        turn = turn_of(reading, t)
        if turn is None:
            continue
        label, _speech = turn
        found += 1
        labels.add(label.label)
        sure += t[:1] == "◯" or label.kind in _SURE_KINDS or (label.kind == "chair" and bool(label.name)) or (
            f"{label.label}  " in t)
    return found >= 3 and len(labels) >= 2 and sure >= 2 and found * 2 >= glyphs


def _questions_follow_blocks(sl: StatementLines, blocks: list[int]) -> bool:
    """Most speaker blocks are followed by a question before any answer bullet (speaker-major)."""
    follow = 0
    for n, b in enumerate(blocks):
        stop = blocks[n + 1] if n + 1 < len(blocks) else len(sl.lines)
        for j in range(b + 1, min(stop, b + 8)):
            t = sl.lines[j].text
            if question_start(t):
                follow += 1
                break
            if INTERVIEWER.match(t) or DATE_PLACE.match(t):  # the interviewer, when and where
                continue
            if bullet(t).rank is not None:
                break
    return follow * 2 > len(blocks)
