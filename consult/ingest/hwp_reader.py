"""Hangul word-processor files: ``.hwpx`` (a zip package) and ``.hwp`` (HWP 5.0, a compound file).

Both go through the same readers: python-hwpx (Apache-2.0; reads HWP 5.0 by converting it in
memory) first, hwp-hwpx-parser (Apache-2.0) as a fallback when python-hwpx is missing or fails
on a file that is not encrypted (its table rows are one line each and it draws no automatic
list labels, which a warning says). The AGPL pyhwp is never used. Password-protected,
distribution-locked (배포용) and DRM files, and zip packages that are not HWPX, are refused
with an :class:`~consult.errors.UnsupportedInputError` saying why.

    >>> lines = read_hangul(Path("minutes.hwpx"), "minutes.hwpx", "hwpx", [])   # doctest: +SKIP
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any

from ..errors import ConsultError, UnsupportedInputError
from .office_lines import (
    CELL_SEP,
    ENTRY_SEP,
    INSTALL_HINT,
    NEWLINES,
    lines_from_entries,
    one_line,
    quiet_logger,
)

__all__ = ["read_hangul"]


def read_hangul(p: Path, where: str, source_type: str, collected: list[str]) -> list[str]:
    """Lines of an HWPX or HWP 5.0 file: python-hwpx first, hwp-hwpx-parser as a fallback."""
    if source_type == "hwpx":
        reason = _hwpx_package_problem(p)
        if reason:
            raise UnsupportedInputError(reason, path=where)
    try:
        import hwpx  # noqa: F401  (python-hwpx)
    except ImportError:
        primary_error: Exception | None = None
        have_primary = False
    else:
        have_primary = True
        try:
            return _read_with_python_hwpx(p, where, source_type, collected)
        except UnsupportedInputError:
            raise
        except Exception as exc:  # python-hwpx failed on this file: try the fallback
            primary_error = exc
    try:
        import hwp_hwpx_parser  # noqa: F401
    except ImportError:
        if not have_primary:
            raise ConsultError(
                f"reading .{source_type} files needs the optional office readers: {INSTALL_HINT}",
                path=where,
            ) from None
        raise _unreadable(source_type, primary_error, where) from None
    try:
        lines = _read_with_hwp_hwpx_parser(p, where, source_type)
    except UnsupportedInputError:
        raise
    except Exception as exc:
        raise _unreadable(source_type, primary_error or exc, where) from None
    if have_primary:
        collected.append(
            f"python-hwpx could not read the file ({one_line(primary_error)}); "
            "read with hwp-hwpx-parser instead"
        )
    collected.append(
        "read with the fallback reader hwp-hwpx-parser: automatic list labels are not drawn "
        "and the paragraphs of a table cell are joined into one line"
    )
    return lines


def _unreadable(source_type: str, exc: BaseException | None, where: str) -> UnsupportedInputError:
    detail = f" ({one_line(exc)})" if exc is not None and str(exc) else ""
    return UnsupportedInputError(
        f"cannot read this {source_type.upper()} file: it looks damaged{detail}", path=where
    )


_HWP5_REASONS = {
    "hwp5-password": "the HWP file is password-protected; save an unprotected copy and try again",
    "hwp5-distribution": (
        "the HWP file is a distribution (배포용) document whose text is encrypted; "
        "save an ordinary copy and try again"
    ),
    "hwp5-drm": "the HWP file is DRM/certificate-encrypted; save an unprotected copy and try again",
    "hwp5-not-hwp5": "not an HWP 5.0 file (a compound file without an HWP header: .doc, .xls, …?)",
    "hwp5-version-unsupported": "unsupported HWP version (only HWP 5.x and HWPX can be read)",
}


def _read_with_python_hwpx(p: Path, where: str, source_type: str, collected: list[str]) -> list[str]:
    from hwpx import HwpxDocument

    try:
        from hwpx import Hwp5Error
    except ImportError:  # pragma: no cover - older python-hwpx
        Hwp5Error = ()  # type: ignore[assignment]  # noqa: N806

    with warnings.catch_warnings(record=True) as caught, quiet_logger("hwpx"):
        warnings.simplefilter("always")
        try:
            doc = HwpxDocument.open(str(p))
        except Hwp5Error as exc:  # type: ignore[misc]
            code = getattr(exc, "code", "")
            if code in _HWP5_REASONS:
                raise UnsupportedInputError(_HWP5_REASONS[code], path=where) from None
            raise
        try:
            text = _hwpx_plain_text(doc)
        finally:
            close = getattr(doc, "close", None)
            if callable(close):
                close()
    for w in caught:
        if issubclass(w.category, DeprecationWarning | PendingDeprecationWarning):
            continue
        collected.append(one_line(w.message))
    return lines_from_entries(text.split(ENTRY_SEP), CELL_SEP)




def _hwpx_plain_text(doc: Any) -> str:
    """Body text with our separators: entries by ``ENTRY_SEP``, cells by ``CELL_SEP``."""
    kwargs: dict[str, Any] = {
        "paragraph_separator": ENTRY_SEP,
        "section_separator": ENTRY_SEP,
        "include_tables": True,
        "tab_token": CELL_SEP,
        "list_labels": True,
    }
    text_api = getattr(doc, "text", None)
    plain = getattr(text_api, "plain", None)
    if not callable(plain):  # python-hwpx < 6: the method lives on the document
        plain = doc.export_text
    try:
        return plain(**kwargs)
    except TypeError:  # a python-hwpx without list labels
        kwargs.pop("list_labels")
        return plain(**kwargs)


def _read_with_hwp_hwpx_parser(p: Path, where: str, source_type: str) -> list[str]:
    """Lower-fidelity fallback: a table row is one line (its cells' paragraphs joined by
    spaces) and automatic list labels are not drawn."""
    import csv

    from hwp_hwpx_parser import ExtractOptions, Reader, TableStyle

    options = ExtractOptions(
        table_style=TableStyle.CSV,
        table_delimiter=CELL_SEP,
        paragraph_separator="\n",
        line_separator="\n",
        include_empty_paragraphs=True,
    )
    with quiet_logger("hwp_hwpx_parser"), Reader(str(p)) as reader:
        if getattr(reader, "is_encrypted", False):
            raise UnsupportedInputError(
                f"the {source_type.upper()} file is password-protected or encrypted; "
                "save an unprotected copy and try again",
                path=where,
            )
        text = reader.extract_text(options)
    if not isinstance(text, str):  # an ExtractResult
        text = getattr(text, "text", "") or ""
    lines: list[str] = []
    for line in NEWLINES.split(text):
        if CELL_SEP in line:
            cells = next(csv.reader([line], delimiter=CELL_SEP), [])
            line = "\t".join(cells)
        lines.append(line)
    return lines


def _hwpx_package_problem(p: Path) -> str | None:
    """Why the zip package is not a readable HWPX (not one, or encrypted), else ``None``."""
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
            if not any(n.startswith("Contents/") and n.endswith(".xml") for n in names):
                return "not a valid HWPX file (a zip package without HWPX contents)"
            if "META-INF/manifest.xml" in names:
                manifest = z.read("META-INF/manifest.xml")
                if b"encryption-data" in manifest:
                    return "the HWPX file is password-protected; save an unprotected copy and try again"
    except (zipfile.BadZipFile, OSError, KeyError):
        return "not a valid HWPX file (the zip package is damaged)"
    return None

