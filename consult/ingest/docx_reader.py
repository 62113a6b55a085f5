"""Word ``.docx`` files, read with python-docx (MIT).

Body paragraphs and table rows in document order, each paragraph with the list label Word
draws (:mod:`.docx_numbering`); a table row's cells are read where they sit, nested tables
included, and a cell merged with the one above is read once. A compound file named ``.docx`` is
told apart: an encrypted document, a legacy ``.doc`` or an HWP file (:func:`cfb_docx_reason`).

    >>> lines = read_docx(Path("minutes.docx"), "minutes.docx", [])   # doctest: +SKIP
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import ConsultError, InputLimitError, UnsupportedInputError
from .docx_numbering import DocxNumbering
from .office_lines import CELL_SEP, INSTALL_HINT, lines_from_entries, one_line

__all__ = ["read_docx", "cfb_docx_reason"]


def cfb_docx_reason(p: Path) -> str:
    """Why a compound file named .docx cannot be read (encrypted OOXML or a legacy .doc)."""
    try:
        data = p.read_bytes()
    except OSError:  # pragma: no cover
        data = b""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "the DOCX file is password-protected; save an unprotected copy and try again"
    if "WordDocument".encode("utf-16-le") in data:
        return "this is a legacy Word .doc file, not .docx; save it as .docx and try again"
    if "FileHeader".encode("utf-16-le") in data and b"HWP Document File" in data:
        return "this is an HWP file named .docx; rename it to .hwp"
    return "not a valid DOCX file (a compound file, not a zip package)"


def read_docx(p: Path, where: str, collected: list[str]) -> list[str]:
    """Lines of the ``.docx`` at ``p`` (with ``cells``: see :func:`.office_lines.lines_from_entries`)."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise ConsultError(
            f"reading .docx files needs the optional office readers: {INSTALL_HINT}", path=where
        ) from None
    try:
        document = docx.Document(str(p))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnsupportedInputError(
            f"not a valid DOCX file (damaged package: {one_line(exc)})", path=where
        ) from None
    except Exception as exc:  # lxml XMLSyntaxError and friends
        raise UnsupportedInputError(
            f"cannot read this DOCX file: it looks damaged ({one_line(exc)})", path=where
        ) from None
    numbering = DocxNumbering(document)
    entries: list[str] = []
    for entry in _docx_entries(document, document, numbering):
        entries.append(entry)
        if limits.MAX_PARAGRAPHS and len(entries) > limits.MAX_PARAGRAPHS:
            raise InputLimitError(
                f"more than {limits.MAX_PARAGRAPHS:,} paragraphs (CONSULT_MAX_PARAGRAPHS)", path=where
            )
    return lines_from_entries(entries, CELL_SEP)


def _docx_entries(container: Any, document: Any, numbering: DocxNumbering) -> Iterator[str]:
    """One entry per body paragraph or table row, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield numbering.labelled(block)
        elif isinstance(block, Table):
            yield from _docx_table_rows(block, document, numbering)


def _docx_table_rows(table: Any, document: Any, numbering: DocxNumbering) -> Iterator[str]:
    from docx.table import _Cell

    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":  # the text sits in the merged cell above
                continue
            cell = _Cell(tc, table)
            lines: list[str] = []
            for entry in _docx_entries(cell, document, numbering):
                lines.extend(_cell_entry_lines(entry))
            cells.append("\n".join(lines).strip("\n"))
        yield CELL_SEP.join(cells)


def _cell_entry_lines(entry: str) -> list[str]:
    """A nested entry inside a cell (a paragraph, or a nested table row) as lines."""
    return lines_from_entries([entry], CELL_SEP)
