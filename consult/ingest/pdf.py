"""PDF input: the text layer of a PDF as numbered lines, with the page of each line.

pdfplumber is used because it keeps the reading order of a page (top to bottom, table rows on
one line), whereas pypdf follows the file's content-stream order (footers jump to the top).
Lines are numbered through the whole document; ``Document.pages[i]`` is the 1-based page of
line ``i + 1``. Nothing is removed here: running headers, footers and page-number lines stay as
lines (the layout stage moves them into the residue), and ``\\x00`` (glyphs missing from the
embedded font) and private-use glyphs (e.g. U+F0A7 bullets) are kept for the layout stage to
normalise. Trailing spaces present in the text layer are kept, since the layout stage uses a
line that ends with a space as the sign of a wrap at a word boundary.

Every failure becomes an :class:`~consult.errors.UnsupportedInputError` naming the file::

    not a PDF / corrupt PDF            -> "not a PDF file …" / "corrupt PDF …"
    encrypted with a user password     -> "password-protected PDF …"
    pages without any text             -> "PDF has no text layer (scanned?) …"

pdfplumber (and pdfminer.six under it) is imported only when a PDF is read, so that
``import consult`` and ``consult parse file.txt`` stay fast.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import EmptyInputError, InputLimitError, UnsupportedInputError
from ..progress import progress
from . import pdf_guard
from .document import Document

__all__ = ["read_pdf"]

#: Text-extraction settings handed to ``pdfplumber.Page.extract_text``: keep the space
#: characters of the text layer (so a line that ends in a space keeps it), and pdfplumber's
#: default tolerances otherwise.
EXTRACT_OPTIONS = {"keep_blank_chars": True, "x_tolerance": 3, "y_tolerance": 3}

#: a PDF of this many pages or more shows a per-page progress bar while it is read (on a
#: terminal, unless ``--quiet``/``CONSULT_QUIET=1``; 2,000 pages take about 25 s)
PROGRESS_PAGES = 20

#: a page whose characters are at least this share unmapped (no Unicode in its fonts) is left
#: out with a warning; from ``WARN_SHARE`` on it is kept with a warning
UNREADABLE_SHARE = 0.5
WARN_SHARE = 0.1
_CID = re.compile(r"\(cid:\d{1,9}\)")
_UNMAPPED_CHAR = re.compile("[\x00\ue000-\uf8ff\U000f0000-\U0010ffff]")
_SPACE = re.compile(r"\s")

_PASSWORD_ERRORS = ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning")
_HEADER_WINDOW = 1024  # the PDF standard lets "%PDF-" start anywhere in the first 1024 bytes


def read_pdf(path: str | Path) -> Document:
    """Read the text layer of the PDF at ``path`` into a :class:`Document`.

    Example:
        >>> doc = read_pdf("tests/fixtures/variants/battery_pdf.pdf")
        >>> doc.source_type, doc.pages[0]
        ('pdf', 1)

    Raises:
        EmptyInputError: the file has no bytes.
        UnsupportedInputError: not a PDF, a corrupt PDF, a password-protected PDF, or a PDF
            without a text layer (a scan).
    """
    p = Path(path)
    where = str(path)
    size = _checked_size(p, where)
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - pdfplumber is a hard dependency
        raise UnsupportedInputError(
            "reading PDFs needs pdfplumber (pip install pdfplumber)", path=where
        ) from None
    found = _read_pages(p, where, pdfplumber, size)
    _check_found(found, where)
    warnings = tuple(f"page {n}: {why}" for n, why in sorted(found.problems.items()))
    return Document(
        path=where,
        name=p.stem,
        lines=tuple(found.lines),
        pages=tuple(found.pages),
        source_type="pdf",
        encoding=None,
        warnings=warnings,
    )


@dataclass
class _Pages:
    """What the pages of a PDF gave: text lines and the page of each, what went wrong on which
    page, the pages left out for want of readable characters, and how many pages were seen."""

    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    problems: dict[int, str] = field(default_factory=dict)  # page -> what went wrong there
    unmapped_pages: list[int] = field(default_factory=list)
    n_pages: int = 0


def _checked_size(p: Path, where: str) -> int:
    """The size of the file at ``p`` once it is known to be a PDF within the limits."""
    limits.check_input_file(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnsupportedInputError(f"cannot read file ({exc.strerror})", path=where) from None
    if not data:
        raise EmptyInputError("file is empty", path=where)
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise UnsupportedInputError("not a PDF file (no %PDF- header)", path=where)
    limits.check_pdf_streams(data, where)
    return len(data)


def _read_pages(p: Path, where: str, pdfplumber: Any, size: int) -> _Pages:
    """Every page's text, within the work budget and the limits; a failure of pdfplumber or
    pdfminer becomes one :class:`UnsupportedInputError` (or :class:`InputLimitError`)."""
    found = _Pages()
    budget = pdf_guard.Budget(size)
    with _quiet_pdfminer(), limits.deadline(where), pdf_guard.guarded(budget):
        try:
            with open(p, "rb") as fh, _opened(pdfplumber.open(fh), where) as pdf, progress(
                total=len(pdf.pages), desc=f"reading {p.name}",
                enabled=None if len(pdf.pages) >= PROGRESS_PAGES else False,
            ) as bar:
                for number, page in enumerate(pdf.pages, start=1):
                    found.n_pages = number
                    bar.update(1)
                    if limits.MAX_PDF_PAGES and number > limits.MAX_PDF_PAGES:
                        raise InputLimitError(
                            f"more than {limits.MAX_PDF_PAGES:,} pages (CONSULT_MAX_PDF_PAGES)", path=where
                        )
                    _read_page(pdf, page, number, budget, found)
        except InputLimitError:
            raise
        except pdf_guard.Refused as stop:
            if stop.limit is None:
                raise UnsupportedInputError(f"corrupt PDF ({stop.message})", path=where) from None
            raise InputLimitError(stop.message, path=where) from None
        except RecursionError:  # objects nested (or referring to each other) without end
            raise UnsupportedInputError("corrupt PDF (objects nested or referring to each other "
                                        "too deeply)", path=where) from None
        except Exception as exc:  # pdfminer raises many unrelated classes; none may escape
            raise _translate(exc, where) from None
    return found


def _read_page(pdf: Any, page: Any, number: int, budget: pdf_guard.Budget, found: _Pages) -> None:
    """Add the text of page ``number`` to ``found``, or say why it gives none."""
    try:
        pdf_guard.page_layout(pdf, page, budget)
        text = page.extract_text(**EXTRACT_OPTIONS) or ""
    except Exception as exc:  # one damaged page must not lose the others
        found.problems[number] = f"cannot extract text ({_brief(exc)})"
        return
    finally:
        page.close()  # drop pdfplumber's per-page caches: memory stays bounded
    if not text.strip():
        found.problems[number] = "no text layer (image only?)"
        return
    unmapped, glyphs = unmapped_share(text)
    if glyphs and unmapped >= UNREADABLE_SHARE * glyphs:
        found.unmapped_pages.append(number)
        found.problems[number] = (f"no readable text: {unmapped:,} of its {glyphs:,} "
                                  "characters have no Unicode meaning in the PDF's fonts "
                                  "((cid:N), private-use or NUL glyphs); page left out")
        return
    if unmapped:
        text = _CID.sub("\ufffd", text)
        if unmapped >= WARN_SHARE * glyphs:
            found.problems[number] = (f"{unmapped:,} of its {glyphs:,} characters have no "
                                      "Unicode meaning in the PDF's fonts (shown as \ufffd)")
    page_lines = text.split("\n")
    found.lines.extend(page_lines)
    found.pages.extend([number] * len(page_lines))


def _check_found(found: _Pages, where: str) -> None:
    """Refuse a PDF without pages, whose every page failed, or without any text."""
    n_pages, problems = found.n_pages, found.problems
    if n_pages == 0:
        raise UnsupportedInputError("corrupt PDF (no pages found)", path=where)
    failed = [n for n, why in problems.items() if why.startswith("cannot")]
    if len(failed) == n_pages:
        raise UnsupportedInputError(f"corrupt PDF: page 1: {problems[1]}", path=where)
    if not any(line.strip() for line in found.lines):
        if found.unmapped_pages:
            raise UnsupportedInputError(
                f"PDF has no readable text: its fonts give no Unicode for the characters of "
                f"{len(found.unmapped_pages)} of its {n_pages} page(s) (text comes out as (cid:N) or "
                "private-use glyphs). consult reads text layers and does no OCR: export the "
                "document again as a PDF with text (or as .hwpx, .docx or .txt), or run an OCR "
                "tool (e.g. ocrmypdf --force-ocr) on it first",
                path=where,
            )
        raise UnsupportedInputError(
            f"PDF has no text layer (scanned?): none of its {n_pages} page(s) holds text; "
            "run OCR first",
            path=where,
        )


@contextmanager
def _opened(pdf, where: str):  # noqa: ANN001, ANN202 - a pdfplumber PDF
    """``pdf`` (opened on a file the caller closes: pdfplumber's own ``close()`` makes every
    page first, and its ``open(path)`` leaks the file when the document is refused), refused
    when it has more than MAX_PDF_PAGES pages — counted by walking its page tree lazily,
    before pdfplumber makes an object for every page (a tree of a million small pages)."""
    if limits.MAX_PDF_PAGES:
        from pdfminer.pdfpage import PDFPage  # heavy: imported when a PDF is read

        for n, _page in enumerate(PDFPage.create_pages(pdf.doc), start=1):
            if n > limits.MAX_PDF_PAGES:
                raise InputLimitError(
                    f"more than {limits.MAX_PDF_PAGES:,} pages (CONSULT_MAX_PDF_PAGES)", path=where)
    yield pdf


def unmapped_share(text: str) -> tuple[int, int]:
    """``(unmapped, characters)`` of a page's text: characters are its non-space characters,
    each ``(cid:N)`` counting as one; unmapped ones are ``(cid:N)`` (a glyph the font gives no
    Unicode for), NUL and private-use code points."""
    n_cid = cid_chars = 0
    for m in _CID.finditer(text):
        n_cid += 1
        cid_chars += len(m.group())
    other = len(_UNMAPPED_CHAR.findall(text))
    characters = len(text) - len(_SPACE.findall(text)) - cid_chars + n_cid
    return n_cid + other, characters


def _translate(exc: BaseException, where: str) -> UnsupportedInputError:
    """Turn a pdfplumber/pdfminer exception into a one-line :class:`UnsupportedInputError`."""
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 5:
        chain.append(cur)
        # pdfplumber wraps pdfminer's exception as PdfminerException(original)
        nested = cur.args[0] if cur.args and isinstance(cur.args[0], BaseException) else None
        cur = nested or cur.__cause__ or cur.__context__
    names = {type(e).__name__ for e in chain}
    if names & set(_PASSWORD_ERRORS):
        return UnsupportedInputError(
            "password-protected PDF: decrypt it first (e.g. qpdf --decrypt)", path=where
        )
    return UnsupportedInputError(f"corrupt PDF ({_brief(chain[-1])})", path=where)


def _brief(exc: BaseException) -> str:
    """``Class: message`` on one line, at most ~140 characters."""
    detail = " ".join(str(exc).split()) or "no detail"
    if len(detail) > 120:
        detail = detail[:117] + "..."
    return f"{type(exc).__name__}: {detail}"


@contextmanager
def _quiet_pdfminer():
    """Silence pdfminer's logging while reading (it logs every recoverable oddity)."""
    logger = logging.getLogger("pdfminer")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(old)
