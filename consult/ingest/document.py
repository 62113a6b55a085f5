"""The :class:`Document` value object shared by every reader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Document:
    """The text of one input file as numbered lines.

    Attributes:
        path: the path as given by the user (used in messages and the ``doc`` column's source).
        name: a short name for record ids (the file stem, made unique by the loader).
        lines: text lines without newline characters; ``lines[i]`` is source line ``i + 1``.
        pages: page number (1-based) of each line, or ``None`` where the input has no pages.
        source_type: ``"txt"``, ``"pdf"``, ``"hwpx"``, ``"hwp"`` or ``"docx"``.
        encoding: the encoding the bytes were decoded with (text inputs only).
        warnings: messages about recoverable problems met while reading (``"line 7: …"``).
        cells: for word-processor files with tables, per line ``(table, row, column)`` of the
            cell it comes from (column ``-1``: a whole row on one tab-joined line), ``None``
            for lines outside tables; ``None`` for inputs without tables.

    Example:
        >>> d = Document(path="a.txt", name="a", lines=("x", "y"))
        >>> d.n_lines, d.page_of(2)
        (2, None)
    """

    path: str
    name: str
    lines: tuple[str, ...]
    pages: tuple[int | None, ...] | None = None
    source_type: str = "txt"
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    cells: tuple[tuple[int, int, int] | None, ...] | None = None

    def __post_init__(self) -> None:
        # a lone surrogate (HWP text, broken UTF-16) can be neither written nor held by a
        # pandas string column: it becomes U+FFFD here, once, for every reader
        if any(not line.isprintable() and _SURROGATE.search(line) for line in self.lines):
            object.__setattr__(self, "lines", tuple(_SURROGATE.sub("\ufffd", x) for x in self.lines))

    @property
    def n_lines(self) -> int:
        return len(self.lines)

    def page_of(self, line_no: int) -> int | None:
        """Page of 1-based source line ``line_no`` (``None`` without pages)."""
        if self.pages is None or not 1 <= line_no <= len(self.pages):
            return None
        return self.pages[line_no - 1]
