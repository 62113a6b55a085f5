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
import re
import stat
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import OutputError, UsageError
from .i18n import workbook_words
from .sanitize import clean_text
from .workbook import add_charts, format_sheet, readable, record_index

__all__ = ["write_table", "write_tables", "format_of", "output_format", "check_parent", "FORMATS",
           "csv_ready", "raw_csv", "atomic_output", "write_output", "check_output", "new_part",
           "commit_part", "discard_part", "clean_stale_parts", "output_error",
           "REPORT_FORMATS"]

#: suffix -> format name
FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx", ".json": "json"}

_EXCEL_MAX_CELL = 32_767


#: report suffix -> format name (``consult report``, ``Report.write``)
REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
                  ".xlsx": "xlsx", ".docx": "docx", ".hwpx": "hwpx"}


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

    The one way consult writes an output file: ``path`` is checked first (:func:`check_output`),
    then a fresh ``.<stem>.<pid>.<random>.part<suffix>`` is created beside it (exclusively, so
    a planted file or symlink of that name is never followed or reused; the same folder, so
    the move is atomic; the same suffix for writers that go by it). When the block ends the
    file is flushed to disk (``fsync``) and renamed over ``path`` — which replaces a symlink at
    ``path``, never the file it points to. When the block raises (a full disk, Ctrl-C,
    SIGTERM, which the CLI turns into an exception) the temporary file is removed and the
    earlier file of that name stays as it was; an ``OSError`` becomes one
    :class:`~consult.errors.OutputError` line naming the file.
    """
    target = Path(path)
    tmp = new_part(target)
    try:
        yield tmp
        commit_part(tmp, target)
    except BaseException as exc:
        discard_part(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise output_error(target, exc) from None
        raise


def write_output(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` through :func:`atomic_output`."""
    with atomic_output(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data.encode("utf-8", "replace") if isinstance(data, str) else data)
    return Path(path)


_PART = re.compile(r"^\.(?P<stem>.*)\.(?P<pid>\d+)(?:\.[A-Za-z0-9_]+)?\.part(?P<suffix>.*)$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def output_error(target: Path, exc: OSError) -> OutputError:
    why = exc.strerror or type(exc).__name__
    return OutputError(f"cannot write the output ({why}); an earlier file of this name, if any, "
                       "is unchanged", path=str(target))


def _uid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's live process
        return True
    return True


def clean_stale_parts(target: str | Path) -> int:
    """Remove ``.part`` files of ``target`` left by runs of this user that were killed (their
    process is gone); return how many. Symlinks, others' files and live runs' files stay."""
    target = Path(target)
    removed = 0
    try:
        names = os.listdir(target.parent if str(target.parent) else ".")
    except OSError:
        return 0
    for name in names:
        m = _PART.match(name)
        if not m or m["stem"] != target.stem or m["suffix"] != target.suffix:
            continue
        part = target.with_name(name)
        try:
            st = os.lstat(part)
            if (stat.S_ISREG(st.st_mode) and st.st_uid == (_uid() if _uid() is not None else st.st_uid)
                    and not _alive(int(m["pid"]))):
                os.unlink(part)
                removed += 1
        except (OSError, ValueError):
            continue
    return removed


def new_part(target: str | Path) -> Path:
    """Create a fresh, empty ``.part`` file for ``target`` (checked, exclusive); its path."""
    target = Path(target)
    check_output(target)
    clean_stale_parts(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.{os.getpid()}.",
                                    suffix=f".part{target.suffix}", dir=target.parent)
    except OSError as exc:
        raise output_error(target, exc) from None
    os.close(fd)
    return Path(name)


def commit_part(tmp: str | Path, target: str | Path) -> None:
    """Flush ``tmp`` to disk, give it the mode a new file would have (or the earlier output's),
    and rename it over ``target``."""
    tmp, target = Path(tmp), Path(target)
    fd = os.open(tmp, os.O_RDONLY | _NOFOLLOW)
    try:
        os.fsync(fd)
        try:
            old = os.stat(target)
            mode = stat.S_IMODE(old.st_mode) if stat.S_ISREG(old.st_mode) else _new_file_mode()
        except OSError:
            mode = _new_file_mode()
        os.fchmod(fd, mode)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    with contextlib.suppress(OSError):  # the rename itself on disk (best effort)
        dfd = os.open(target.parent if str(target.parent) else ".", os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def discard_part(tmp: str | Path | None) -> None:
    """Remove a temporary file; a failure here never hides the error that led to it."""
    if tmp is not None:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


_UMASK: int | None = None


def _new_file_mode() -> int:
    """``0o666`` less the process's umask (what ``open(path, "w")`` would give)."""
    global _UMASK
    if _UMASK is None:
        try:
            with open("/proc/self/status", encoding="ascii") as fh:
                _UMASK = next(int(ln.split()[1], 8) for ln in fh if ln.startswith("Umask:"))
        except (OSError, StopIteration, ValueError, IndexError):
            _UMASK = os.umask(0o022)
            os.umask(_UMASK)
    return 0o666 & ~_UMASK


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
    tables: Mapping[str, pd.DataFrame], path: str | Path, *, charts: Mapping[str, bytes] | None = None,
    lang: str | None = None, values: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Write several tables: one sheet each for ``.xlsx``; other formats take the first table.

    The workbook is formatted for reading (see :mod:`consult.workbook`): bold frozen header with
    an autofilter, column widths, rounded number formats, wrapped long text, lists and dicts as
    text, record ids linked to their row on the ``points``/``questions``/``transcripts`` sheet.
    ``charts`` (name -> PNG bytes) go on a ``charts`` sheet after the tables.

    ``lang="ko"``: sheet names, headers and categorical values in Korean
    (:func:`consult.i18n.workbook_words`; ``values`` adds column → value → ``(Korean,
    English)`` names); ``None`` or ``"en"``: the data's own names. Other formats are never
    translated.
    """
    fmt = format_of(path)
    if fmt != "xlsx":
        write_table(next(iter(tables.values())), path)
        return
    check_parent(path)
    words = workbook_words(lang, values)
    if words is not None:
        tables = {name: words.frame(df) for name, df in tables.items()}
    frames = {name[:31]: _excel_safe(df) for name, df in tables.items()}
    shown = {name: (words.sheet(name)[:31] if words else name) for name in frames}
    links = {rid: (shown.get(sheet, sheet), row, col)
             for rid, (sheet, row, col) in record_index(frames).items()}
    with atomic_output(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for sheet, df in frames.items():
            out = df.set_axis(words.header(df.columns), axis=1) if words else df
            out.to_excel(writer, sheet_name=shown[sheet], index=False)
        for sheet, df in frames.items():
            ws = writer.sheets[shown[sheet]]
            _no_formulas(ws)
            format_sheet(ws, df.set_axis(words.header(df.columns), axis=1) if words else df, links,
                         names=list(df.columns),
                         **({"link_tip": words.link_tip} if words else {}))
        if charts:
            add_charts(writer.book, charts, **({"title": words.charts} if words else {}))


def check_parent(path: str | Path) -> None:
    """Raise a one-line error when ``path`` cannot be written (see :func:`check_output`)."""
    check_output(path)


def check_output(path: str | Path) -> None:
    """Fail in one line, before any work, when ``path`` cannot become an output file: its
    folder is missing, is not a folder or cannot be written in (read-only, not ours), or
    ``path`` itself is a folder or a device, pipe or socket (a rename would replace it).
    ``-`` (standard output) passes."""
    if str(path) == "-":
        return
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.exists():
        raise UsageError("output folder does not exist", path=str(parent))
    if not parent.is_dir():
        raise UsageError("the output's folder is not a folder", path=str(parent))
    try:
        st = os.lstat(target)
    except OSError:
        st = None
    if st is not None and not stat.S_ISLNK(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise UsageError("is a folder; give the output a file name (e.g. "
                             f"{target / ('out' + (target.suffix or '.csv'))})", path=str(target))
        if not stat.S_ISREG(st.st_mode):
            raise UsageError("is not a regular file (a device, pipe or socket); give the output "
                             "a file name ('-' writes to standard output)", path=str(target))
    if st is not None and stat.S_ISLNK(st.st_mode) and target.is_dir():
        raise UsageError("is a folder; give the output a file name", path=str(target))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError("cannot write in the output's folder (read-only or not yours)",
                         path=str(parent))
