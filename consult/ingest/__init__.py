"""Reading input files into :class:`Document` objects (lines + pages), whatever the format.

A ``Document`` is the one thing every later stage reads: its ``lines`` are the text lines of
the source, ``lines[i]`` being source line ``i + 1``. For ``.txt`` files these are the file's
own lines; for PDFs (and office formats) they are the lines of the extracted text, numbered
through the whole document, and ``pages`` gives the page of each line.

    >>> doc = read_document("examples/data/kaist_2023_annual_report.txt")
    >>> doc.source_type, doc.encoding, doc.n_lines
    ('txt', 'utf-8-sig', 10251)
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnsupportedInputError
from ..limits import check_input_file
from .document import Document
from .text import decode_bytes, document_from_text, read_text_file

__all__ = ["Document", "read_document", "decode_bytes", "document_from_text", "SUFFIXES"]

#: File suffixes consult can read, mapped to a short source-type name.
SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".pdf": "pdf",
    ".hwpx": "hwpx",
    ".hwp": "hwp",
    ".docx": "docx",
}


def read_document(path: str | Path) -> Document:
    """Read one file into a :class:`Document`, choosing the reader by suffix.

    Unknown suffixes are read as text when their bytes decode as text.
    """
    p = Path(path)
    if not p.exists():
        raise UnsupportedInputError("no such file", path=str(path))
    check_input_file(p)  # regular files only, within the size limit
    kind = SUFFIXES.get(p.suffix.lower(), "txt")
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(p)
    if kind in ("hwpx", "hwp", "docx"):
        from .office import read_office

        return read_office(p)
    return read_text_file(p)
