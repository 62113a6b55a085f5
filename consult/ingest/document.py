"""The :class:`Document` value object shared by every reader."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..sanitize import shown

_SURROGATE = re.compile("[\ud800-\udfff]")


def _name_note(raw: str, escaped: str) -> str:
    """The warning about a file name shown escaped (with its CP949 reading when it has one)."""
    try:
        as_cp949 = os.fsencode(Path(raw).name).decode("cp949")
        hint = f" (as CP949 it reads '{shown(as_cp949)}': rename it, e.g. convmv -f cp949 -t utf8)"
    except (UnicodeError, ValueError):
        hint = ""
    return (f"the file name is not plain text: it is shown as '{Path(escaped).name}' in ids and "
            f"messages{hint}")


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
        # a file name that is not valid text (CP949 bytes unpacked from a Windows zip are held
        # by Python as surrogate escapes) or holds control characters (ESC, OSC) is shown
        # escaped — in record ids, tables and messages alike — and said once
        if not (self.name.isprintable() and self.path.isprintable()):
            name, path = shown(self.name), shown(self.path)
            if path != self.path:  # once, when the reader makes it (not again on a rename)
                object.__setattr__(self, "warnings", (*self.warnings, _name_note(self.path, path)))
            object.__setattr__(self, "name", name)
            object.__setattr__(self, "path", path)
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
