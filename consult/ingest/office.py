"""Word-processor input: Hangul ``.hwpx`` / ``.hwp`` (HWP 5.0) and Word ``.docx``.

Each body paragraph becomes one line (a soft line break inside a paragraph starts a new
line, as it does on the page); tables are read where they sit, row by row:

* a row whose cells each hold one line becomes one line, the cells joined by a tab (the way
  pdfplumber keeps a table row on one line, so a ``주요 질문 | 전문가 의견`` summary row reads
  the same from a PDF and from the source document);
* a row with a multi-line cell (minutes typed inside a one-cell box, a question cell beside
  an answer cell), or whose later cells open with a bullet or a number (``1. 질문 | ● 답변``),
  gives each cell's lines in turn, left to right, so bullets and numbered questions inside a
  table reach the parser as ordinary lines.

Automatic list labels are written out: a paragraph numbered or bulleted by the word processor
(not typed) starts with the label the program draws (``1.``, ``가.``, ``●``), then a space,
so ``1. 질문`` reads the same whether the author typed the number or let Hangul/Word count.

Readers (all permissively licensed, imported only when a file needs them):

* ``.hwpx`` and ``.hwp``: :mod:`.hwp_reader` — python-hwpx (Apache-2.0; reads HWP 5.0 by
  converting it in memory), with hwp-hwpx-parser (Apache-2.0) as a fallback when python-hwpx is
  missing or fails on a file that is not encrypted. The AGPL pyhwp is never used.
* ``.docx``: :mod:`.docx_reader` — python-docx (MIT), list labels by :mod:`.docx_numbering`.
* Both: :mod:`.office_lines` turns their paragraph and table-row entries into lines.

The file's content decides the reader, not only its suffix: an HWP 5.0 file named ``.hwpx``
is read as HWP 5.0 and vice versa. Word-processor files carry no page layout, so
``Document.pages`` is ``None``.

Errors: password-protected, DRM/distribution-locked, corrupt or mislabelled files raise
:class:`~consult.errors.UnsupportedInputError` naming the file; a missing optional package
raises :class:`~consult.errors.ConsultError` telling how to install it.

    >>> doc = read_office("minutes.hwpx")            # doctest: +SKIP
    >>> doc.source_type, doc.lines[:2]               # doctest: +SKIP
    ('hwpx', (' 전문가 자문 회의록 (1)', '<KAIST 신소재공학과 교수>'))
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .. import limits
from ..errors import EmptyInputError, UnsupportedInputError
from .document import Document
from .docx_reader import cfb_docx_reason, read_docx
from .hwp_reader import read_hangul
from .office_lines import INSTALL_HINT

__all__ = ["read_office", "OFFICE_SUFFIXES", "INSTALL_HINT"]

#: suffix -> source type
OFFICE_SUFFIXES = {".hwpx": "hwpx", ".hwp": "hwp", ".docx": "docx"}

_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file (HWP 5.0, .doc, encrypted OOXML)


def read_office(path: str | Path) -> Document:
    """Read a ``.hwpx``, ``.hwp`` or ``.docx`` file into a :class:`Document`.

    Raises:
        UnsupportedInputError: the file is encrypted, damaged, or not the format its name says.
        EmptyInputError: the file holds no text.
        ConsultError: the optional reader packages are not installed.
    """
    p = Path(path)
    where = str(path)
    suffix = p.suffix.lower()
    if suffix not in OFFICE_SUFFIXES:
        raise UnsupportedInputError(
            f"not a word-processor file ({p.suffix or 'no suffix'}); expected .hwpx, .hwp or .docx",
            path=where,
        )
    try:
        with open(p, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UnsupportedInputError(f"cannot read file ({exc.strerror})", path=where) from None
    if not head:
        raise EmptyInputError("file is empty", path=where)

    label = suffix.lstrip(".").upper()
    if head.startswith(_ZIP_MAGIC):
        container = "zip"
    elif head.startswith(_CFB_MAGIC):
        container = "cfb"
    else:
        raise UnsupportedInputError(
            f"not a valid {label} file (corrupt, or not the format its name says)", path=where
        )

    collected: list[str] = []
    package = limits.check_package(p) if container == "zip" else None
    if package is not None and package.entity_parts:
        if suffix != ".docx":  # HWPX never declares entities; the fallback reader would expand them
            raise UnsupportedInputError(
                "the HWPX package declares XML entities (an entity-expansion bomb?); refused",
                path=where,
            )
        collected.append(
            f"{', '.join(package.entity_parts[:3])} declares XML entities: they are not expanded, "
            "so text at an entity reference is missing"
        )
    if suffix == ".docx":
        if container == "cfb":
            raise UnsupportedInputError(cfb_docx_reason(p), path=where)
        lines = read_docx(p, where, collected)
        source_type = "docx"
    else:
        # HWP 5.0 is a compound file, HWPX a zip package; trust the bytes over the suffix
        source_type = "hwp" if container == "cfb" else "hwpx"
        if container == "zip" and _is_ooxml(p):
            raise UnsupportedInputError(
                f"this is a Word (.docx) file named {p.suffix}; rename it to .docx", path=where
            )
        lines = read_hangul(p, where, source_type, collected)
        if source_type != suffix.lstrip("."):
            collected.insert(0, f"read as {source_type.upper()} (the file's content), not {label}")

    if not any(line.strip() for line in lines):
        raise EmptyInputError("document holds no text", path=where)
    cells = getattr(lines, "cells", None)
    return Document(
        path=where,
        name=p.stem,
        lines=tuple(lines),
        pages=None,
        source_type=source_type,
        encoding=None,
        warnings=tuple(collected),
        cells=tuple(cells) if cells is not None and any(cells) else None,
    )


def _is_ooxml(p: Path) -> bool:
    """A zip package holding a Word document (and no HWPX contents)."""
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "word/document.xml" in names and "Contents/content.hpf" not in names

