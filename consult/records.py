"""Record ids, the "no theme" id, text clipping and quote picking: one home for each.

Every record consult makes has an id that names its document and its place in it::

    <doc>#T07            transcript 7 of the document (numbered in reading order)
    <doc>#T07.Q2         its second question
    <doc>#T07.Q2.P3      that question's third answer point
    <doc>#S1.R2          row 2 of the authors' summary table 1

    >>> question_id(transcript_id("kaist", 7), 2)
    'kaist#T07.Q2'
    >>> parse_record_id("kaist#T07.Q2.P3").kind
    'point'
    >>> short_id("kaist#S1.R2")
    'S1.R2'
    >>> is_theme(-1), is_theme("3"), is_theme(None)
    (False, True, False)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "RECORD_ID",
    "RecordId",
    "transcript_id",
    "question_id",
    "point_id",
    "summary_id",
    "parse_record_id",
    "short_id",
    "NO_THEME",
    "is_theme",
    "clip",
    "pick_quote",
]

#: What the end of a record id looks like (transcript, question, point or summary row).
RECORD_ID = re.compile(r"#(?:T\d+(?:\.Q\d+(?:\.P\d+)?)?|S\d+\.R\d+)$")
_PARTS = re.compile(r"^(?P<doc>.*)#(?:T(?P<t>\d+)(?:\.Q(?P<q>\d+)(?:\.P(?P<p>\d+))?)?|S(?P<s>\d+)\.R(?P<r>\d+))$")

#: ``theme_id`` of a record no theme could be given (no content words, below the threshold).
NO_THEME = -1


def transcript_id(doc: str, seq: int) -> str:
    """``transcript_id("kaist", 7)`` → ``kaist#T07``."""
    return f"{doc}#T{seq:02d}"


def question_id(transcript: str, seq: int) -> str:
    """``question_id("kaist#T07", 2)`` → ``kaist#T07.Q2``."""
    return f"{transcript}.Q{seq}"


def point_id(question: str, no: int) -> str:
    """``point_id("kaist#T07.Q2", 3)`` → ``kaist#T07.Q2.P3``."""
    return f"{question}.P{no}"


def summary_id(doc: str, table_no: int, row_no: int) -> str:
    """``summary_id("kaist", 1, 2)`` → ``kaist#S1.R2``."""
    return f"{doc}#S{table_no}.R{row_no}"


@dataclass(frozen=True)
class RecordId:
    """The parts of a record id; ``kind`` is transcript, question, point or summary."""

    doc: str
    kind: str
    transcript: int | None = None
    question: int | None = None
    point: int | None = None
    table: int | None = None
    row: int | None = None

    @property
    def transcript_id(self) -> str | None:
        return None if self.transcript is None else transcript_id(self.doc, self.transcript)

    @property
    def question_id(self) -> str | None:
        tid = self.transcript_id
        return None if tid is None or self.question is None else question_id(tid, self.question)


def parse_record_id(value: str) -> RecordId | None:
    """The parts of a record id, or ``None`` when ``value`` is not one."""
    m = _PARTS.match(str(value).strip())
    if m is None:
        return None
    num = {k: (int(v) if v is not None else None) for k, v in m.groupdict().items() if k != "doc"}
    if num["s"] is not None:
        return RecordId(m["doc"], "summary", table=num["s"], row=num["r"])
    kind = "point" if num["p"] is not None else "question" if num["q"] is not None else "transcript"
    return RecordId(m["doc"], kind, num["t"], num["q"], num["p"])


def short_id(record_id: str) -> str:
    """``kaist_2023#T07.Q2`` → ``T07.Q2`` (for display; links keep the full id)."""
    return str(record_id).rsplit("#", 1)[-1]


def is_theme(value: Any) -> bool:
    """A real theme id: not missing, not empty, not negative (``NO_THEME``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    text = str(value).strip()
    if not text or text.lower() == "nan":
        return False
    try:
        return float(text) >= 0
    except ValueError:
        return not text.startswith("-")


def clip(text: Any, n: int, *, squash: bool = True) -> str:
    """``text`` cut to ``n`` characters with ``…``; ``squash`` first joins its whitespace.

        >>> clip("가나다  라마바", 5)
        '가나다 …'
    """
    text = "" if text is None else str(text)
    if squash:
        text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def pick_quote(
    candidates: Sequence[tuple[str, str]], keywords: Iterable[str] = (), *, target: int = 120
) -> int | None:
    """Index of the (record id, text) candidate that best carries ``keywords``: most keyword
    occurrences, then a length close to ``target`` characters, then the earliest.

        >>> pick_quote([("a", "배터리"), ("b", "배터리 화재 TP 화재")], ["화재"])
        1
    """
    if not candidates:
        return None
    kws = [k for k in keywords if k]
    return max(
        range(len(candidates)),
        key=lambda i: (sum(candidates[i][1].count(k) for k in kws),
                       -abs(len(candidates[i][1]) - target), -i),
    )
