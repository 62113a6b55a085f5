"""What the word-processor readers share: paragraph and table-row entries turned into lines.

Each reader hands over one entry per body paragraph or table row, the cells of a row joined by
:data:`CELL_SEP`. :func:`lines_from_entries` makes text lines of them (see
:mod:`consult.ingest.office`): a paragraph gives its lines; a row of one-line cells is one line,
its cells joined by a tab; a row with a multi-line cell, or whose later cells open with a bullet
or a number, gives each cell's lines in turn. The lines carry ``cells``, the table, row and
column each came from.

    >>> lines = lines_from_entries(["제목", "1. 질문\\x1f● 답변", "a\\x1fb"], CELL_SEP)
    >>> list(lines), lines.cells
    (['제목', '1. 질문', '● 답변', 'a\\tb'], [None, (1, 1, 0), (1, 1, 1), (1, 2, -1)])
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..distribution import install_hint

__all__ = ["INSTALL_HINT", "ENTRY_SEP", "CELL_SEP", "NEWLINES", "lines_from_entries",
           "one_line", "quiet_logger"]

#: What to tell a user whose environment lacks the readers.
INSTALL_HINT = install_hint("office")

# separators handed to python-hwpx's text export; never present in document text
ENTRY_SEP = "\x1e"  # between body paragraphs / table rows
CELL_SEP = "\x1f"  # between the cells of a table row (also what a tab in the text becomes)

NEWLINES = re.compile(r"\r\n|\r|\n|\x0b|\u2028|\u2029")

# a cell that opens with a bullet or a question number holds minutes, not a table value: a
# "1. 질문 | ● 답변" row is split into lines so the parser sees the question and its answer
_STRUCTURAL = re.compile(
    r"^\s*+(?:[●○◦•▪■□◆◇▶▷➢ㅇㆍ※\-–—*\uf0a7\uf0b7]\s|\d{1,2}[.)]\s|\(\d{1,2}\)\s|[①-⑳]|Q\d)"
)


class Lines(list):
    """Text lines, with ``cells``: per line ``(table, row, column)`` (column ``-1``: a whole row
    on one line, its cells joined by tabs), or ``None`` outside tables."""

    cells: list[tuple[int, int, int] | None]


def lines_from_entries(entries: Iterable[str], cell_sep: str) -> list[str]:
    """Turn paragraph / table-row entries into text lines (see the module docstring)."""
    lines: Lines = Lines()
    cells_of: list[tuple[int, int, int] | None] = []
    table = row = 0
    in_table = False
    for entry in entries:
        if cell_sep not in entry:
            split = NEWLINES.split(entry)
            lines.extend(split)
            cells_of.extend([None] * len(split))
            in_table = False
            continue
        if not in_table:
            table, row, in_table = table + 1, 0, True
        row += 1
        cells = entry.split(cell_sep)
        if not any(NEWLINES.search(c) for c in cells) and not any(
            _STRUCTURAL.match(c) for c in cells[1:]
        ):
            lines.append("\t".join(cells))  # one-line cells (or a tab in a paragraph): one line
            cells_of.append((table, row, -1))
            continue
        for col, cell in enumerate(cells):
            if cell.strip():
                split = NEWLINES.split(cell)
                lines.extend(split)
                cells_of.extend([(table, row, col)] * len(split))
    lines.cells = cells_of
    return lines


def one_line(exc: object) -> str:
    """An exception (or a warning) as one line of at most 200 characters."""
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:200]


@contextmanager
def quiet_logger(name: str) -> Iterator[None]:
    """Keep a reader's log records (tracebacks included) off stderr; failures become errors."""
    logger = logging.getLogger(name)
    old_level, old_propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(old_level)
        logger.propagate = old_propagate
