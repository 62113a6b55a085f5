"""Writing tables to CSV, Parquet, Excel and JSON (the format follows the file suffix).

CSV is UTF-8 with a BOM so that Excel shows Hangul; ``-`` (or ``None``) writes CSV to stdout.
Output is deterministic: the same table gives the same bytes.

    >>> import pandas as pd, tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> write_table(pd.DataFrame({"a": ["가"]}), p)
    >>> open(p, encoding="utf-8-sig").read()
    'a\\n가\\n'
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from .errors import UsageError
from .sanitize import clean_text
from .workbook import add_charts, format_sheet, readable, record_index

__all__ = ["write_table", "write_tables", "format_of", "output_format", "check_parent", "FORMATS",
           "csv_ready", "raw_csv", "atomic_output",
           "REPORT_FORMATS"]

#: suffix -> format name
FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx", ".json": "json"}

_EXCEL_MAX_CELL = 32_767


#: report suffix -> format name (``consult report``, ``Report.write``)
REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
                  ".xlsx": "xlsx"}


def output_format(path: str | Path, formats: Mapping[str, str], what: str = "output") -> str:
    """The format ``formats`` gives the suffix of ``path``; a one-line error naming the file if none.

        >>> output_format("r.md", REPORT_FORMATS)
        'markdown'
    """
    fmt = formats.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageError(
            f"unknown {what} format {Path(path).suffix or '(no suffix)'}; use one of "
            + ", ".join(sorted(formats)),
            path=str(path),
        )
    return fmt


def format_of(path: str | Path | None) -> str:
    """The table format named by the suffix of ``path`` (``-``/``None``: csv); raise if unknown."""
    if path is None or str(path) == "-":
        return "csv"
    return output_format(path, FORMATS)


def _excel_cell(v):  # noqa: ANN001, ANN202
    v = readable(v)
    return v[:_EXCEL_MAX_CELL].translate(_ILLEGAL) if isinstance(v, str) else v


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts become readable text; Excel cells hold at most 32,767 characters and no
    illegal control characters."""
    out = df.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if pd.api.types.is_object_dtype(col) or pd.api.types.is_string_dtype(col):
            out.isetitem(i, col.map(_excel_cell))
    return out


def _no_formulas(worksheet) -> None:  # noqa: ANN001 - an openpyxl worksheet
    """Document text starting with ``=`` stays text: openpyxl would store it as a formula."""
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


_ILLEGAL = {c: None for c in list(range(0, 9)) + [11, 12] + list(range(14, 32))}


#: text cells a spreadsheet would run as a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def raw_csv() -> bool:
    """``CONSULT_RAW_CSV=1``: write CSV cells exactly as they are (for programs, not Excel)."""
    return os.environ.get("CONSULT_RAW_CSV", "").strip() not in ("", "0", "false", "no")


def _csv_cell(v: object) -> object:
    if not isinstance(v, str):
        return v
    v = clean_text(v)  # lone surrogates (HWP) and control characters cannot be written
    return "'" + v if v.startswith(_FORMULA_START) else v


def csv_ready(df: pd.DataFrame, formulas: bool) -> pd.DataFrame:
    """String cells cleaned of unwritable characters; with ``formulas``, cells a spreadsheet
    would run as a formula get a leading ``'`` (shown as text, as Excel itself does)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_csv_cell if formulas else
                                    (lambda v: clean_text(v) if isinstance(v, str) else v))
    return out


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """A temporary file to write instead of ``path``, moved onto ``path`` when the block ends.

    The temporary file sits beside ``path`` (``.<stem>.<pid>.part<suffix>``: the same folder, so
    the move is atomic, and the same suffix for writers that go by it) and is removed when the
    block raises, Ctrl-C (``KeyboardInterrupt``) and SIGTERM (the CLI turns it into an
    exception) included: an interrupted run leaves neither a ``.part`` file nor half an output.
    """
    target = Path(path)
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.part{target.suffix}")
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_table(df: pd.DataFrame, path: str | Path | None) -> None:
    """Write one table; the suffix of ``path`` picks the format (``-``/``None``: CSV to stdout).

    A CSV file is written for Excel (UTF-8 with BOM) and, unless ``CONSULT_RAW_CSV=1``, a text
    cell that starts with ``= + - @`` (a formula to a spreadsheet) is written with a leading
    ``'``; CSV on stdout is written raw (for pipes).
    """
    fmt = format_of(path)
    if fmt == "csv":
        if path is None or str(path) == "-":
            csv_ready(df, formulas=False).to_csv(sys.stdout, index=False, lineterminator="\n")
        else:
            check_parent(path)
            with atomic_output(path) as tmp:
                csv_ready(df, formulas=not raw_csv()).to_csv(
                    tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    elif fmt == "parquet":
        check_parent(path)
        with atomic_output(path) as tmp:
            csv_ready(df, formulas=False).to_parquet(tmp, index=False)
    elif fmt == "json":
        check_parent(path)
        with atomic_output(path) as tmp:
            csv_ready(df, formulas=False).to_json(tmp, orient="records", force_ascii=False, indent=1)
    else:
        write_tables({"data": df}, path)


def write_tables(
    tables: Mapping[str, pd.DataFrame], path: str | Path, *, charts: Mapping[str, bytes] | None = None
) -> None:
    """Write several tables: one sheet each for ``.xlsx``; other formats take the first table.

    The workbook is formatted for reading (see :mod:`consult.workbook`): bold frozen header with
    an autofilter, column widths, rounded number formats, wrapped long text, lists and dicts as
    text, record ids linked to their row on the ``points``/``questions``/``transcripts`` sheet.
    ``charts`` (name -> PNG bytes) go on a ``charts`` sheet after the tables.
    """
    fmt = format_of(path)
    if fmt != "xlsx":
        write_table(next(iter(tables.values())), path)
        return
    check_parent(path)
    frames = {name[:31]: _excel_safe(df) for name, df in tables.items()}
    with atomic_output(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for sheet, df in frames.items():
            df.to_excel(writer, sheet_name=sheet, index=False)
        links = record_index(frames)
        for sheet, df in frames.items():
            ws = writer.sheets[sheet]
            _no_formulas(ws)
            format_sheet(ws, df, links)
        if charts:
            add_charts(writer.book, charts)


def check_parent(path: str | Path) -> None:
    """Raise a one-line error naming the folder when the folder of ``path`` does not exist."""
    parent = Path(path).parent
    if not parent.exists():
        raise UsageError("output folder does not exist", path=str(parent))
