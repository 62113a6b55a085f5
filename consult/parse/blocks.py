"""The reader of minutes written as speaker blocks, then questions (the ``blocks`` shape:
서면자문, ministry reports).

``□ 자문위원 1 : 기관 직함``, ``■ 발언: 기관 직함``, ``【 기관 직함 】`` (a speaker block:
:func:`consult.people.speaker_block`) open one transcript per expert; ``Q1.``/``가.`` questions,
``A.``/``ㅇ`` answers with ``-``/``·`` sub-points and ``※`` notes follow. Headings between the
blocks and closing sections (향후 계획, 붙임 …) are residue with their reason.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> text = ("□ 자문위원 1 : 서울대학교 교수\\nQ1. 인력 현황은?\\nA. 석박사 인력이 부족함\\n"
    ...         "□ 자문위원 2 : 삼성전자 상무\\nQ1. 인력 현황은?\\nA. 현장 인력이 부족함")
    >>> parsed = read_blocks(StatementLines(Reading(document_from_text(text, name="d"), load_areas(), load_roles())))
    >>> [(t.number, t.speaker.role, len(t.questions)) for t in parsed.transcripts]
    [(1, 'academic', 1), (2, 'industry', 1)]
"""

from __future__ import annotations

from ..lexicon import CLOSING
from ..people import SpeakerInfo
from .model import ParsedDocument
from .statement_lines import StatementLines
from .statements import (
    INTERVIEWER_LINE,
    Segmented,
    TranscriptBlock,
    add_line,
    build_transcript,
    finish,
    segment_lines,
    table_residue,
)

__all__ = ["read_blocks"]


def read_blocks(sl: StatementLines) -> ParsedDocument:
    """One transcript per speaker block (see the module docstring)."""
    seg = segment_lines(sl)
    blocks = _segment_blocks(seg)
    return finish(seg, [build_transcript(seg, n, t) for n, t in enumerate(blocks, start=1)])


def _segment_blocks(seg: Segmented) -> list[TranscriptBlock]:
    """One transcript per speaker block (서면자문 ``자문위원 k``, ``■ 발언:``, ``【 … 】``)."""
    sl = seg.sl
    out: list[TranscriptBlock] = []
    cur: TranscriptBlock | None = None
    closing = ""

    def close(end: int) -> None:
        if cur is not None:
            cur.end = max(end, cur.head + 1)
            out.append(cur)

    for i, c in enumerate(seg.classes):
        t = sl.lines[i].text
        if i in seg.attendee_lines:
            seg.residue[i] = "participants list"
            continue
        if c == "interviewer" or table_residue(c):
            seg.residue[i] = table_residue(c) or INTERVIEWER_LINE
            continue
        if c == "speaker":
            close(i)
            label, number = sl.speaker_block(i)
            found = sl.book.resolve(label)
            info = found[0] if found else SpeakerInfo(label, "", "", "", "unknown", "")
            cur = TranscriptBlock("consultation", i, number, info, found[1] if found else "")
            cur.parts[i] = "speaker"
            closing = ""
            continue
        if c == "closing" or closing:
            if c == "closing":
                close(i)
                cur = None
                m = CLOSING.match(t)
                closing = m.group("what") if m else "붙임"
            seg.residue[i] = f"closing section ({closing})"
            continue
        if c in ("title", "meta", "discussion", "section"):
            close(i)
            cur = None
            seg.residue[i] = "heading outside transcripts"
            continue
        if cur is None:
            seg.residue[i] = "outside transcripts"
            continue
        add_line(sl, cur, i, "body")
    close(len(seg.classes))
    return out
