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

import sys
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .errors import UsageError

__all__ = ["write_table", "write_tables", "format_of", "output_format", "check_parent", "FORMATS",
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


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Excel cells hold at most 32,767 characters and no illegal control characters."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: v[:_EXCEL_MAX_CELL].translate(_ILLEGAL) if isinstance(v, str) else v
            )
    return out


def _no_formulas(worksheet) -> None:  # noqa: ANN001 - an openpyxl worksheet
    """Document text starting with ``=`` stays text: openpyxl would store it as a formula."""
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


_ILLEGAL = {c: None for c in list(range(0, 9)) + [11, 12] + list(range(14, 32))}


def write_table(df: pd.DataFrame, path: str | Path | None) -> None:
    """Write one table; the suffix of ``path`` picks the format (``-``/``None``: CSV to stdout)."""
    fmt = format_of(path)
    if fmt == "csv":
        if path is None or str(path) == "-":
            df.to_csv(sys.stdout, index=False, lineterminator="\n")
        else:
            check_parent(path)
            df.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    elif fmt == "parquet":
        check_parent(path)
        df.to_parquet(path, index=False)
    elif fmt == "json":
        check_parent(path)
        df.to_json(path, orient="records", force_ascii=False, indent=1)
    else:
        write_tables({"data": df}, path)


def write_tables(tables: Mapping[str, pd.DataFrame], path: str | Path) -> None:
    """Write several tables: one sheet each for ``.xlsx``; other formats take the first table."""
    fmt = format_of(path)
    if fmt != "xlsx":
        write_table(next(iter(tables.values())), path)
        return
    check_parent(path)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, df in tables.items():
            _excel_safe(df).to_excel(writer, sheet_name=name[:31], index=False)
            _no_formulas(writer.sheets[name[:31]])


def check_parent(path: str | Path) -> None:
    """Raise a one-line error naming the folder when the folder of ``path`` does not exist."""
    parent = Path(path).parent
    if not parent.exists():
        raise UsageError("output folder does not exist", path=str(parent))
