"""An Excel workbook an analyst can hand on: the formatting behind ``consult.output.write_tables``.

Every sheet gets a bold, frozen header row with an autofilter, column widths from its contents
(Hangul counted double, capped), number formats for floats (``0.00``; shares and their
differences as percentages), wrapped long text, and lists or dicts as readable text instead of
Python reprs. A cell holding a record id (``…#T07``, ``…#T07.Q2``, ``…#T07.Q2.P3``) links to the
row of that record on the sheet that lists it (``points``, ``questions``, ``transcripts``).
Charts given as PNG bytes go on a ``charts`` sheet.

A workbook for a Korean reader names its sheets, headers and categorical values in Korean through
a :class:`SheetWords` (made by :func:`consult.i18n.workbook_words`); the rules that go by a
column's name (number formats, record-id links) still read the data's own names.

Cell values are never changed by formatting: a float keeps its full precision and only shows
rounded, so the workbook reads back (``pandas.read_excel``) to the same numbers.

    >>> readable([{"text": "인력 부족", "speaker": "KAIST 교수", "record_id": "d#T1.Q1.P1"}])
    '“인력 부족” — KAIST 교수 [d#T1.Q1.P1]'
    >>> readable({"반도체": 3, "양자": 1})
    '반도체: 3; 양자: 1'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["readable", "format_sheet", "add_charts", "record_index", "MAX_WIDTH", "SheetWords",
           "shown_value"]

#: Widest a column gets (Excel width units, about one Latin character each).
MAX_WIDTH = 60
_MIN_WIDTH = 6
#: Text wider than this wraps (and its column is MAX_WIDTH wide).
_WRAP_OVER = 50
#: Rows of a wrapped sheet are at most this many lines tall (the rest shows on click).
_MAX_LINES = 8
_LINE_HEIGHT = 15.0  # points per line of 11 pt text
#: Rows sampled to size columns; every row is formatted.
_SAMPLE = 1000
#: Excel allows 65,530 hyperlinks per worksheet.
_MAX_LINKS = 65_530
#: Beyond this many cells, per-cell alignment and row heights are skipped (they cost time).
_MAX_STYLED_CELLS = 2_000_000

#: Sheets listing one record per row, by preference, for the id each one is keyed by.
_RECORD_SHEETS = ("points", "questions", "transcripts", "records")
_KEY_COLUMNS = ("point_id", "question_id", "transcript_id", "record_id")
#: Columns whose values are record ids: ``*_id``, ``*_id_a``, ``*_id_b``.
_ID_COLUMN = re.compile(r"(?:^|_)id(?:_[ab])?$")

_HEADER_FILL = "DDEBF7"
_LINK_COLOR = "0563C1"


# ----------------------------------------------------------------------------- cell text
def _scalar_text(v: Any) -> str:
    if isinstance(v, float | np.floating):
        return f"{float(v):.4g}"
    return str(v)


def _quote_text(q: Mapping[str, Any]) -> str:
    """A quote dict (``text`` plus who said it and its record id) as one readable line."""
    text = f"“{q['text']}”"
    who = q.get("speaker")
    rid = next((q[k] for k in ("record_id", "point_id", "question_id", "transcript_id") if q.get(k)), "")
    if who:
        text += f" — {who}"
    if rid:
        text += f" [{rid}]"
    return text


def readable(v: Any) -> Any:
    """``v`` as a spreadsheet can show it: lists joined with ``; `` (one line per item for a list
    of records), dicts as ``key: value``, quote dicts as ``“text” — speaker [record id]``; other
    values unchanged."""
    if isinstance(v, Mapping):
        if "text" in v:
            return _quote_text(v)
        return "; ".join(f"{k}: {_scalar_text(readable(x))}" for k, x in v.items())
    if isinstance(v, list | tuple | set | frozenset | np.ndarray):
        items = sorted(v, key=str) if isinstance(v, set | frozenset) else list(v)
        sep = "\n" if any(isinstance(x, Mapping) for x in items) else "; "
        return sep.join(_scalar_text(readable(x)) for x in items)
    return v


# ----------------------------------------------------------------------------- words
def shown_value(v: Any, names: Mapping[str, str]) -> Any:
    """``v`` in a reader's words: a value ``names`` knows, each part of ``a; b``, the head of
    ``head:rest``, the keys of a dict and the items of a list; anything else unchanged.

        >>> names = {"academic": "학계", "industry": "산업계", "title": "직함"}
        >>> shown_value("academic; industry", names), shown_value("title:교수", names)
        ('학계; 산업계', '직함:교수')
    """
    if isinstance(v, str):
        if v in names:
            return names[v]
        parts = v.split("; ")
        if len(parts) > 1 and all(p in names for p in parts):
            return "; ".join(names[p] for p in parts)
        cut = min((i for i in (v.find(":"), v.find("(")) if i > 0), default=-1)
        head = v[:cut].rstrip() if cut > 0 else ""
        return names[head] + v[len(head):] if head in names else v
    if isinstance(v, Mapping):
        return {(names.get(k, k) if isinstance(k, str) else k): x for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [shown_value(x, names) for x in v]
    return v


@dataclass(frozen=True)
class SheetWords:
    """How a workbook names things for its reader: ``sheets`` (sheet → name), ``columns``
    (column → header), ``values`` (column → value → word), ``dropped`` columns, the ``charts``
    sheet's name and the tooltip of a record link (``{sheet}``, ``{row}``). Unknown names
    stay as the data writes them."""

    sheets: Mapping[str, str] = field(default_factory=dict)
    columns: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    dropped: frozenset[str] = frozenset()
    charts: str = "charts"
    link_tip: str = "go to {sheet} row {row}"
    #: column → (pattern, template): a whole value matching the pattern is the template, its
    #: ``{0}``, ``{1}`` … the pattern's groups (each in the words of ``values["group"]``)
    patterns: Mapping[str, Sequence[tuple[str, str]]] = field(default_factory=dict)

    def sheet(self, name: str) -> str:
        return self.sheets.get(name, name)

    def frame(self, df: pd.DataFrame) -> pd.DataFrame:
        """``df`` without the dropped columns, its values in the reader's words (the columns
        keep the data's names: :meth:`header` names them)."""
        keep = [c for c in df.columns if c not in self.dropped]
        out = df[keep].copy() if len(keep) < df.shape[1] else df.copy()
        for i, column in enumerate(out.columns):
            names = self.values.get(str(column))
            if names:
                out.isetitem(i, out.iloc[:, i].map(lambda v, n=names: shown_value(v, n)))
            patterns = [(re.compile(p, re.S), t) for p, t in self.patterns.get(str(column), ())]
            if patterns:
                out.isetitem(i, out.iloc[:, i].map(lambda v, p=patterns: self._patterned(v, p)))
        return out

    def _patterned(self, v: Any, patterns: Sequence[tuple[re.Pattern[str], str]]) -> Any:
        if not isinstance(v, str):
            return v
        groups = self.values.get("group", {})
        for pattern, template in patterns:
            m = pattern.fullmatch(v)
            if m:
                return template.format(*(", ".join(shown_value(x, groups) for x in (g or "").split(", "))
                                         for g in m.groups()))
        return v

    def header(self, columns: Sequence[Any]) -> list[str]:
        """The headers of ``columns``; a header two columns would share keeps the data's name."""
        shown = [self.columns.get(str(c), str(c)) for c in columns]
        return [f"{h} ({c})" if shown.count(h) > 1 else h for h, c in zip(shown, columns, strict=True)]


# ----------------------------------------------------------------------------- sizing
def _text_width(s: str) -> int:
    """Display width of the widest line of ``s`` (East Asian wide characters count 2)."""
    widest = 0
    for line in s.split("\n"):
        w = len(line) + sum(1 for ch in line if ord(ch) >= 0x1100 and unicodedata.east_asian_width(ch) in "WF")
        widest = max(widest, w)
    return widest


def _kind(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s):
        return "bool"
    if pd.api.types.is_float_dtype(s):
        return "float"
    if pd.api.types.is_integer_dtype(s):
        return "int"
    return "text"


def _number_format(column: str, s: pd.Series) -> str:
    """Shares and their differences as percentages, frequencies with two more digits, other
    floats with two decimals (four when every value is below 0.1)."""
    name = str(column).lower()
    values = pd.to_numeric(s, errors="coerce").dropna()
    values = values[np.isfinite(values)]
    top = float(values.abs().max()) if len(values) else 0.0
    if top <= 1 and (name.startswith("share") or name in ("diff", "ci_low", "ci_high")):
        return "0.0%" if name.startswith("share") else "+0.0%;-0.0%;0.0%"
    if top <= 1 and (name.startswith("freq") or name.endswith("_rate")):
        return "0.00%"
    if 0 < top < 0.1:
        return "0.0000"
    return "0.00"


def _shown(v: Any, kind: str, fmt: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    if kind == "float":
        try:
            x = float(v)
        except (TypeError, ValueError):
            return str(v)
        if "%" in fmt:
            return f"{x * 100:+.2f}%"
        return f"{x:.4f}" if fmt == "0.0000" else f"{x:.2f}"
    return str(v)


# ----------------------------------------------------------------------------- links
def record_index(frames: Mapping[str, pd.DataFrame]) -> dict[str, tuple[str, int, int]]:
    """Record id -> (sheet, row, column) of the row that lists it (1-based, header = row 1).

    A sheet lists a record when its key column (``point_id``, ``question_id``,
    ``transcript_id``, ``record_id``) is unique; ``points``/``questions``/``transcripts`` are
    preferred over other sheets keyed by the same id (e.g. ``assignments``)."""
    order = sorted(frames, key=lambda n: (_RECORD_SHEETS.index(n) if n in _RECORD_SHEETS else 99))
    index: dict[str, tuple[str, int, int]] = {}
    for sheet in order:
        df = frames[sheet]
        for key in _KEY_COLUMNS:
            if list(df.columns).count(key) != 1:
                continue
            col = df[key]
            if col.isna().any() or not col.is_unique:
                continue
            j = list(df.columns).index(key) + 1
            for i, rid in enumerate(col.tolist(), start=2):
                if isinstance(rid, str) and rid:
                    index.setdefault(rid, (sheet, i, j))
            break  # one key per sheet: the most specific
    return index


def _location(sheet: str, row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return "'" + sheet.replace("'", "''") + f"'!{get_column_letter(col)}{row}"


# ----------------------------------------------------------------------------- the sheet
def format_sheet(ws: Any, df: pd.DataFrame, links: Mapping[str, tuple[str, int, int]] | None = None,
                 *, names: Sequence[str] | None = None, link_tip: str = "go to {sheet} row {row}") -> None:
    """Format the worksheet ``ws`` that pandas wrote ``df`` to (header in row 1, no index).

    ``names``: the data's names of the columns when the headers are a reader's words (number
    formats and record links go by them); ``link_tip``: a record link's tooltip."""
    n_rows, n_cols = df.shape
    if n_cols == 0:
        return
    _style_header(ws, n_rows, n_cols)
    styled = n_rows * n_cols <= _MAX_STYLED_CELLS
    names = list(df.columns) if names is None else list(names)
    plan = _column_plan(ws, df, names)
    wrap_cols = [(j, width) for j, _, wraps, width in plan if wraps]
    tall = bool(wrap_cols) and styled  # rows grow: align every cell to the top
    n_links = 0
    for j, fmt, wraps, _ in plan:
        if not (fmt or tall or links):
            continue
        cells = [c for (c,) in ws.iter_rows(min_row=2, max_row=n_rows + 1, min_col=j, max_col=j)]
        if not cells:
            continue
        _style_cells(cells, fmt, wraps if tall else None)
        if links and _ID_COLUMN.search(str(names[j - 1])):
            n_links = _link_cells(cells, links, ws.title, link_tip, n_links)
    if tall:
        _row_heights(ws, n_rows, n_cols, wrap_cols)


def _style_header(ws: Any, n_rows: int, n_cols: int) -> None:
    """A bold, filled, frozen header row with an autofilter over the data."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    header_align = Alignment(horizontal="left", vertical="center")
    for cell in ws[1][:n_cols]:
        cell.font, cell.fill, cell.alignment = header_font, header_fill, header_align
    ws.freeze_panes = "A2"
    last = get_column_letter(n_cols)
    ws.auto_filter.ref = f"A1:{last}{n_rows + 1}"


def _column_plan(ws: Any, df: pd.DataFrame, names: Sequence[Any]) -> list[tuple[int, str, bool, float]]:
    """Set each column's width from its header and its first rows; return per column
    ``(column, number format, wraps, width)``."""
    from openpyxl.utils import get_column_letter

    sample = df.head(_SAMPLE)
    plan: list[tuple[int, str, bool, float]] = []  # column, number format, wraps, width
    for j, column in enumerate(df.columns, start=1):
        s = df.iloc[:, j - 1]
        kind = _kind(s)
        fmt = _number_format(names[j - 1], s) if kind == "float" else ""
        shown = [_shown(v, kind, fmt) for v in sample.iloc[:, j - 1].tolist()]
        content = max((_text_width(t) for t in shown), default=0)
        header = _text_width(str(column)) + 3  # room for the filter button
        width = max(_MIN_WIDTH, min(MAX_WIDTH, max(header, content + 2)))
        ws.column_dimensions[get_column_letter(j)].width = width
        plan.append((j, fmt, kind == "text" and content > _WRAP_OVER, width))
    return plan


def _style_cells(cells: list[Any], fmt: str, wraps: bool | None) -> None:
    """The number format ``fmt`` and, unless ``wraps`` is ``None``, top alignment (wrapped or
    not) on a column's data cells."""
    from openpyxl.styles import Alignment

    tall = wraps is not None
    # style the first cell, then copy its style array (setting styles cell by cell is slow)
    first = cells[0]
    if fmt:
        first.number_format = fmt
    if tall:
        first.alignment = Alignment(wrap_text=wraps, vertical="top")
    if fmt or tall:
        style = copy(first._style)
        for cell in cells[1:]:
            cell._style = copy(style)


def _link_cells(cells: list[Any], links: Mapping[str, tuple[str, int, int]], here: str,
                link_tip: str, n_links: int) -> int:
    """Link each cell holding a record id to its record's row (not to itself, at most
    ``_MAX_LINKS`` per sheet, ``n_links`` made already); return the links made so far."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    link_font = Font(color=_LINK_COLOR, underline="single")
    linked = None
    for cell in cells:
        target = links.get(cell.value) if isinstance(cell.value, str) else None
        if target is None or target == (here, cell.row, cell.column) or n_links >= _MAX_LINKS:
            continue
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=_location(*target),
                                   tooltip=link_tip.format(sheet=target[0], row=target[1]))
        if linked is None:
            cell.font = link_font
            linked = copy(cell._style)
        else:
            cell._style = copy(linked)
        n_links += 1
    return n_links


def _row_heights(ws: Any, n_rows: int, n_cols: int, wrap_cols: list[tuple[int, float]]) -> None:
    """Rows as tall as their longest wrapped text (at most ``_MAX_LINES`` lines)."""
    for i, row in enumerate(ws.iter_rows(min_row=2, max_row=n_rows + 1, max_col=n_cols), start=2):
        lines = 1
        for j, width in wrap_cols:
            v = row[j - 1].value
            if isinstance(v, str) and v:
                per_line = max(1, width - 2)
                n = sum(max(1, math.ceil(_text_width(line) / per_line)) for line in v.split("\n"))
                lines = max(lines, n)
                if lines >= _MAX_LINES:
                    break
        if lines > 1:
            ws.row_dimensions[i].height = _LINE_HEIGHT * min(lines, _MAX_LINES)


# ----------------------------------------------------------------------------- charts
def add_charts(book: Any, charts: Mapping[str, bytes], title: str = "charts", max_width: int = 900) -> Any:
    """A sheet named ``title`` with each PNG under its name, top to bottom; returns the sheet."""
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font

    name, k = title, 2
    while name in book.sheetnames:
        name, k = f"{title} ({k})", k + 1
    ws = book.create_sheet(name)
    ws.column_dimensions["A"].width = 40
    row = 1
    for label, png in charts.items():
        ws.cell(row=row, column=1, value=str(label)).font = Font(bold=True, size=12)
        img = Image(BytesIO(png))
        scale = min(1.0, max_width / img.width) if img.width else 1.0
        img.width, img.height = int(img.width * scale), int(img.height * scale)
        ws.add_image(img, f"A{row + 1}")
        row += 3 + math.ceil(img.height / 20)  # default rows are 20 px tall
    return ws
