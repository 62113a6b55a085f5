"""The blocks of an editable report — runs, headings, paragraphs, tables, pictures — and the
text helpers the walk and the writers share (inline marks, XML-safe text, bookmark names).

:mod:`consult.report.docmodel` walks a report's data into these blocks; ``docx_writer`` and
``hwpx_writer`` render them.

    >>> [(r.text, r.bold) for r in inline("n = experts; **small n**")]
    [('n = experts; ', False), ('small n', True)]
    >>> png_size(b"not a picture")
    (0, 0)
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from ..display import Link, cell_text, is_missing
from ..sanitize import clean_text

__all__ = ["Run", "Heading", "Paragraph", "TableBlock", "Picture", "DocModel", "Block", "inline",
           "bookmark_name", "xml_text", "plain", "cell_runs", "png_size"]


@dataclass
class Run:
    """A stretch of text with one look; ``ref`` links it to the block whose anchor it names."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    ref: str | None = None

    def __post_init__(self) -> None:
        self.text = xml_text(self.text)


@dataclass
class Heading:
    """A heading of ``level`` 1 (the title) to 4."""

    text: str
    level: int
    anchor: str | None = None


@dataclass
class Paragraph:
    """A paragraph of ``kind`` ``body``, ``bullet`` (``level`` 1 or 2), ``quote``, ``note``
    (a remark set apart) or ``caption``; ``anchors`` are the link targets it holds."""

    runs: list[Run]
    kind: str = "body"
    level: int = 1
    anchors: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class TableBlock:
    """A table: header cells, rows of cells (each a list of runs), the right-aligned columns,
    a caption above it and an anchor per row (or ``None``)."""

    columns: list[str]
    rows: list[list[list[Run]]]
    numeric: set[int] = field(default_factory=set)
    caption: str = ""
    row_anchors: list[str | None] | None = None
    anchor: str | None = None

    def widths(self, total_mm: float) -> list[float]:
        """Column widths (mm) adding up to ``total_mm``: each column at least as wide as its
        header's longest word, the rest shared by how much text the columns hold (to the power
        0.7: a column of sentences gets more room than a column of names, not all of it).

        >>> TableBlock(["no.", "claim"], [[[Run("1")], [Run("가" * 60)]]]).widths(160)
        [19.3, 140.7]
        """
        if not self.columns:
            return []
        floors, weights = [], []
        for c, head in enumerate(self.columns):
            word = max((len(w) for w in head.split()), default=1)
            floors.append(min(max(word * _CHAR_MM + 2.5, 10.0), 28.0))
            lengths = [sum(len(r.text) for r in row[c]) for row in self.rows if c < len(row)]
            mean = sum(lengths) / len(lengths) if lengths else 0.0
            weights.append(max(mean + 0.25 * (max(lengths, default=0) - mean), 1.0) ** 0.7)
        scale = min(1.0, total_mm / sum(floors))
        floors = [f * scale for f in floors]
        spare = total_mm - sum(floors)
        return [round(f + spare * w / sum(weights), 1) for f, w in zip(floors, weights, strict=True)]


@dataclass
class Picture:
    """A chart: PNG bytes, its size in pixels and its caption (shown below it)."""

    png: bytes
    caption: str
    width_px: int = 0
    height_px: int = 0

    def width_mm(self, dpi: int, max_mm: float = 160.0) -> float:
        """Its width on the page: as drawn at ``dpi``, at most ``max_mm``."""
        return min(max_mm, self.width_px / dpi * 25.4) if self.width_px else max_mm


Block = Heading | Paragraph | TableBlock | Picture

#: the width of a Hangul character in a table (9 pt), mm
_CHAR_MM = 3.3


@dataclass
class DocModel:
    """The report's blocks in order, its title and language, the anchors they define and the
    charts' resolution."""

    title: str
    lang: str
    blocks: list[Block]
    dpi: int = 110

    @property
    def anchors(self) -> set[str]:
        out: set[str] = set()
        for b in self.blocks:
            if isinstance(b, Heading) and b.anchor:
                out.add(b.anchor)
            elif isinstance(b, Paragraph):
                out.update(b.anchors)
            elif isinstance(b, TableBlock):
                out.update(a for a in [b.anchor, *(b.row_anchors or [])] if a)
        return out


# ----------------------------------------------------------------------------- text
_INLINE = re.compile(r"\*\*(.+?)\*\*|`([^`]+)`")


def inline(text: str, **look: Any) -> list[Run]:
    """Runs of a catalogue message: ``**bold**`` and ```code``` become runs of their own."""
    out: list[Run] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Run(text[pos:m.start()], **look))
        if m.group(1) is not None:
            out.append(Run(m.group(1), **{**look, "bold": True}))
        else:
            out.append(Run(m.group(2), **{**look, "code": True}))
        pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:], **look))
    return out


#: characters XML 1.0 (hence .docx and .hwpx) cannot hold
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text a document can hold: control characters and U+FFFE/U+FFFF gone, a lone surrogate
    shown as U+FFFD (as :func:`consult.sanitize.clean_text` shows it everywhere).

    >>> xml_text("가\\x01나\\ud800다\\uffff")
    '가나\ufffd다'
    """
    return _NOT_XML.sub("", clean_text(text))


def plain(value: Any) -> str:
    """Document text on one line (as the Markdown report shows it), control characters gone."""
    return "" if is_missing(value) else " ".join(xml_text(str(value)).split())


def cell_runs(value: Any) -> list[Run]:
    """A report cell (text, number, :class:`~consult.display.Link`, list, tuple) as runs."""
    if is_missing(value):
        return []
    if isinstance(value, Link):
        return [Run(plain(value.text), ref=value.href.lstrip("#"))]
    if isinstance(value, tuple):
        return [r for v in value for r in cell_runs(v)]
    if isinstance(value, list):
        out: list[Run] = []
        for v in value:
            if isinstance(v, str) and v == "":
                continue
            if out:
                out.append(Run(", "))
            out.extend(cell_runs(v))
        return out
    if isinstance(value, str):
        return [Run(clean_text(value))]
    return [Run(cell_text(value))]


_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(anchor: str) -> str:
    """A link target's name as Word and Hangul accept it (ASCII letters, digits, ``_``; at most
    40 characters, a letter first): ``r-kaist_T07.Q2`` → ``r_kaist_T07_Q2_…`` with a hash when
    anything had to change.

    >>> bookmark_name("concern-3")
    'concern_3_92921c6d'
    >>> bookmark_name("summary")
    'summary'
    """
    name = _NOT_NAME.sub("_", anchor)
    if name != anchor or len(name) > 40 or not name[:1].isalpha():
        name = ("b" + name if not name[:1].isalpha() else name)[:31] + f"_{zlib.crc32(anchor.encode()):08x}"
    return name


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its header (0, 0 when it is not one)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return 0, 0
    return struct.unpack(">II", data[16:24])
