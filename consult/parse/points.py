"""An answer's lines into points: the highest-ranked bullet opens a point, lower ones and notes
are its sub-points, plain lines continue the line above (the numbered-Q&A and table readers); a
closing note that disowns the answers (``※ 본 의견은 … 개인 의견``) is residue.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.model import Question
    >>> r = Reading(document_from_text("● 인력 부족\\n- 시스템 SW\\n● 예산", name="d"), load_areas(), load_roles())
    >>> q = Question(1, 1, "1.", "prompt", "", [], "질문")
    >>> add_points(r, q, "d#T01.Q1", r.lines, [bullet(ln.text).rank for ln in r.lines])
    >>> [[ln.text for ln in p.lines] for p in q.points]
    [['● 인력 부족', '- 시스템 SW'], ['● 예산']]
"""

from __future__ import annotations

from ..layout import Line
from ..lexicon import DISCLAIMER
from ..records import point_id
from .marks import (
    DISCLAIMER_NOTE,
    TABLE_AFTER_ANSWER,
    bare_answer_mark,
    bullet,
    in_table,
    is_structural,
    row_edge,
    topic_tag,
)
from .model import Point, Question
from .reading import Reading

__all__ = ["add_points"]


def add_points(reading: Reading, q: Question, qid: str, lines: list[Line], ranks: list[int | None]) -> None:
    """Add the points of ``lines`` (with their bullet ``ranks``) to question ``q`` (id ``qid``)."""
    doc = reading.doc
    while lines and ranks[0] is None and bare_answer_mark(lines[0].text):  # [답변] above the answer
        reading.cover(lines[0], qid, "answer mark")
        lines, ranks = lines[1:], ranks[1:]
    structural = [r for r in ranks if is_structural(r)]
    point_rank = min(structural) if structural else None
    cur: Point | None = None
    for ln, r in zip(lines, ranks, strict=True):
        if cur is not None and in_table(doc, ln) and not in_table(doc, cur.lines[0]):
            reading.residue(ln, TABLE_AFTER_ANSWER)
            continue
        if DISCLAIMER.match(ln.text):  # ※ 본 의견은 … 개인 의견: no point's
            reading.residue(ln, DISCLAIMER_NOTE)
            continue
        if cur is None or (r is not None and r == point_rank):
            rank, _glyph, rest = bullet(ln.text)
            body = rest if rank is None or rank == point_rank else ln.text
            first = Line(ln.no, ln.raw, body, ln.page, ln.trailing_space)
            cur = Point(len(q.points) + 1, topic_tag(body), [ln], [[first]])
            q.points.append(cur)
        elif r is None and not row_edge(doc, cur.items[-1][-1], ln):
            cur.items[-1].append(ln)
            cur.lines.append(ln)
        else:  # a sub-point, or a table row (a line of its own, never joined into prose)
            cur.items.append([ln])
            cur.lines.append(ln)
        part = "point" if len(cur.lines) == 1 else ("continuation" if r is None else "sub-point")
        reading.cover(ln, point_id(qid, cur.no), part)
