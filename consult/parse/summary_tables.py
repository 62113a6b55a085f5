"""The report authors' summary tables (``주요 질문 / 전문가 의견``): one row per topic with the
opinions under it, read back from the lines a PDF makes of them.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> text = "주요 질문 및 전문가 의견\\n1\\n인력 양성\\n● 대학 정원 확대\\n2\\n예산\\n● 장기 과제"
    >>> r = Reading(document_from_text(text, name="d"), load_areas(), load_roles())
    >>> [(s.row_no, s.topic, s.opinion) for s in read_summary_table(r, 1, r.lines)]
    [(1, '인력 양성', '대학 정원 확대'), (2, '예산', '장기 과제')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import Line
from ..records import summary_id
from .headings import SUMMARY_START
from .marks import bullet
from .model import SummaryRow
from .reading import Reading

__all__ = ["read_summary_table"]

_ROW_NUMBER = re.compile(r"\d{1,2}")


@dataclass
class _Row:
    row_no: int | None
    topic: list[str] = field(default_factory=list)
    items: list[list[Line]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def read_summary_table(reading: Reading, table_no: int, block: list[Line]) -> list[SummaryRow]:
    """The rows of summary table ``table_no`` (its lines ``block``, header first)."""
    area, _ = reading.context(block[0].no)
    rows: list[_Row] = []
    cur: _Row | None = None
    prev: Line | None = None
    for ln in block:
        t = ln.text
        if SUMMARY_START.match(t):
            reading.residue(ln, "summary table header")
            prev = None
            continue
        if _ROW_NUMBER.fullmatch(t):
            cur = _Row(int(t), lines=[ln])
            rows.append(cur)
            prev = None
            continue
        if cur is None:
            cur = _Row(None)
            rows.append(cur)
        cur.lines.append(ln)
        rank, _glyph, rest = bullet(t)
        if rank is not None:
            cur.items.append([Line(ln.no, ln.raw, rest, ln.page, ln.trailing_space)])
        elif prev is not None and prev.trailing_space and cur.items:
            cur.items[-1].append(ln)
        else:
            cur.topic.append(t)
        prev = ln
    out = []
    for r in rows:
        if not r.lines:
            continue
        opinion = "\n".join(reading.join(it) for it in r.items)
        row = SummaryRow(table_no, r.row_no, area, " / ".join(r.topic), opinion, r.lines)
        rid = summary_id(reading.doc.name, table_no, len(out) + 1)
        for ln in r.lines:
            reading.cover(ln, rid, "summary table")
        out.append(row)
    return out
