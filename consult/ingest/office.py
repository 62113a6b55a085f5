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

* ``.hwpx`` and ``.hwp``: python-hwpx (Apache-2.0; reads HWP 5.0 by converting it in memory),
  with hwp-hwpx-parser (Apache-2.0) as a fallback when python-hwpx is missing or fails on a
  file that is not encrypted. The AGPL pyhwp is never used.
* ``.docx``: python-docx (MIT).

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

import logging
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import limits
from ..distribution import install_hint
from ..errors import ConsultError, EmptyInputError, InputLimitError, UnsupportedInputError
from ..lexicon import LIST_BULLET_GLYPHS
from .document import Document

__all__ = ["read_office", "OFFICE_SUFFIXES", "INSTALL_HINT"]

#: suffix -> source type
OFFICE_SUFFIXES = {".hwpx": "hwpx", ".hwp": "hwp", ".docx": "docx"}

#: What to tell a user whose environment lacks the readers.
INSTALL_HINT = install_hint("office")

_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file (HWP 5.0, .doc, encrypted OOXML)

# separators handed to python-hwpx's text export; never present in document text
_ENTRY_SEP = "\x1e"  # between body paragraphs / table rows
_CELL_SEP = "\x1f"  # between the cells of a table row (also what a tab in the text becomes)

_NEWLINES = re.compile(r"\r\n|\r|\n|\x0b|\u2028|\u2029")

# a cell that opens with a bullet or a question number holds minutes, not a table value: a
# "1. 질문 | ● 답변" row is split into lines so the parser sees the question and its answer
_STRUCTURAL = re.compile(
    r"^\s*+(?:[●○◦•▪■□◆◇▶▷➢ㅇㆍ※\-–—*\uf0a7\uf0b7]\s|\d{1,2}[.)]\s|\(\d{1,2}\)\s|[①-⑳]|Q\d)"
)
_LEVEL_REF = re.compile(r"%([1-9])")


# --------------------------------------------------------------------------------------------
# public entry point


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
            raise UnsupportedInputError(_cfb_docx_reason(p), path=where)
        lines = _read_docx(p, where, collected)
        source_type = "docx"
    else:
        # HWP 5.0 is a compound file, HWPX a zip package; trust the bytes over the suffix
        source_type = "hwp" if container == "cfb" else "hwpx"
        if container == "zip" and _is_ooxml(p):
            raise UnsupportedInputError(
                f"this is a Word (.docx) file named {p.suffix}; rename it to .docx", path=where
            )
        lines = _read_hangul(p, where, source_type, collected)
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


# --------------------------------------------------------------------------------------------
# HWPX / HWP 5.0


def _read_hangul(p: Path, where: str, source_type: str, collected: list[str]) -> list[str]:
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
            f"python-hwpx could not read the file ({_one_line(primary_error)}); "
            "read with hwp-hwpx-parser instead"
        )
    collected.append(
        "read with the fallback reader hwp-hwpx-parser: automatic list labels are not drawn "
        "and the paragraphs of a table cell are joined into one line"
    )
    return lines


def _unreadable(source_type: str, exc: BaseException | None, where: str) -> UnsupportedInputError:
    detail = f" ({_one_line(exc)})" if exc is not None and str(exc) else ""
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

    with warnings.catch_warnings(record=True) as caught, _quiet_logger("hwpx"):
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
        collected.append(_one_line(w.message))
    return _lines_from_entries(text.split(_ENTRY_SEP), _CELL_SEP)


@contextmanager
def _quiet_logger(name: str) -> Iterator[None]:
    """Keep a reader's log records (tracebacks included) off stderr; failures become errors."""
    logger = logging.getLogger(name)
    old_level, old_propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def _hwpx_plain_text(doc: Any) -> str:
    """Body text with our separators: entries by ``_ENTRY_SEP``, cells by ``_CELL_SEP``."""
    kwargs: dict[str, Any] = {
        "paragraph_separator": _ENTRY_SEP,
        "section_separator": _ENTRY_SEP,
        "include_tables": True,
        "tab_token": _CELL_SEP,
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
        table_delimiter=_CELL_SEP,
        paragraph_separator="\n",
        line_separator="\n",
        include_empty_paragraphs=True,
    )
    with _quiet_logger("hwp_hwpx_parser"), Reader(str(p)) as reader:
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
    for line in _NEWLINES.split(text):
        if _CELL_SEP in line:
            cells = next(csv.reader([line], delimiter=_CELL_SEP), [])
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


def _is_ooxml(p: Path) -> bool:
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "word/document.xml" in names and "Contents/content.hpf" not in names


# --------------------------------------------------------------------------------------------
# DOCX


def _cfb_docx_reason(p: Path) -> str:
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


def _read_docx(p: Path, where: str, collected: list[str]) -> list[str]:
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
            f"not a valid DOCX file (damaged package: {_one_line(exc)})", path=where
        ) from None
    except Exception as exc:  # lxml XMLSyntaxError and friends
        raise UnsupportedInputError(
            f"cannot read this DOCX file: it looks damaged ({_one_line(exc)})", path=where
        ) from None
    numbering = _DocxNumbering(document)
    entries: list[str] = []
    for entry in _docx_entries(document, document, numbering):
        entries.append(entry)
        if limits.MAX_PARAGRAPHS and len(entries) > limits.MAX_PARAGRAPHS:
            raise InputLimitError(
                f"more than {limits.MAX_PARAGRAPHS:,} paragraphs (CONSULT_MAX_PARAGRAPHS)", path=where
            )
    return _lines_from_entries(entries, _CELL_SEP)


def _docx_entries(container: Any, document: Any, numbering: _DocxNumbering) -> Iterator[str]:
    """One entry per body paragraph or table row, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield numbering.labelled(block)
        elif isinstance(block, Table):
            yield from _docx_table_rows(block, document, numbering)


def _docx_table_rows(table: Any, document: Any, numbering: _DocxNumbering) -> Iterator[str]:
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
        yield _CELL_SEP.join(cells)


def _cell_entry_lines(entry: str) -> list[str]:
    """A nested entry inside a cell (a paragraph, or a nested table row) as lines."""
    return _lines_from_entries([entry], _CELL_SEP)


_BULLET_GLYPHS = LIST_BULLET_GLYPHS

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_GANADA = "가나다라마바사아자차카타파하"
_CHOSUNG = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _int(raw: object, default: int) -> int:
    """A list attribute as a number: ``default`` when not one, clamped to ±MAX_LIST_NUMBER."""
    try:
        n = int(str(raw).strip())
    except ValueError:
        return default
    cap = limits.MAX_LIST_NUMBER or 10**9
    return max(-cap, min(n, cap))


def _format_number(n: int, fmt: str) -> str:
    if limits.MAX_LIST_NUMBER and n > limits.MAX_LIST_NUMBER:
        return str(n)  # no 10¹²-long Roman numeral, no 77 MB letter label
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letters(n)
        return s.lower() if fmt == "lowerLetter" else s
    if fmt in ("ganada", "koreanLegal") and 1 <= n <= len(_GANADA):
        return _GANADA[n - 1]
    if fmt == "chosung" and 1 <= n <= len(_CHOSUNG):
        return _CHOSUNG[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


#: left indents (twips) of a one-level bullet list that Word draws as a second or third level
_SUB_INDENT, _SUB_SUB_INDENT = 700, 1060


class _DocxNumbering:
    """Draws Word's automatic list labels (``1.``, ``가.``, ``●``) in front of paragraphs."""

    def __init__(self, document: Any):
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[str, dict[int, dict[str, Any]]] = {}  # numId -> ilvl -> level spec
        self._counters: dict[str, dict[int, int]] = {}
        self._abstract_of: dict[str, str] = {}
        self._style_num_pr: dict[str | None, Any] = {}  # paragraph style id -> its numPr
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, dict[str, Any]]] = {}
        for an in numbering.findall(qn("w:abstractNum")):
            abstract[an.get(qn("w:abstractNumId"))] = self._read_levels(an)
        for num in numbering.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            abs_id = ref.get(qn("w:val")) if ref is not None else None
            levels = {k: dict(v) for k, v in abstract.get(abs_id, {}).items()}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl"), "0"), 0)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = self._read_level(lvl)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    levels[ilvl]["start"] = _int(start.get(qn("w:val"), "1"), 1)
            self._levels[num_id] = levels
            self._abstract_of[num_id] = abs_id or num_id

    def _read_levels(self, abstract_num: Any) -> dict[int, dict[str, Any]]:
        qn = self._qn
        return {_int(lvl.get(qn("w:ilvl"), "0"), 0): self._read_level(lvl)
                for lvl in abstract_num.findall(qn("w:lvl"))}

    def _read_level(self, lvl: Any) -> dict[str, Any]:
        qn = self._qn

        def val(tag: str, default: str) -> str:
            el = lvl.find(qn(tag))
            return el.get(qn("w:val"), default) if el is not None else default

        ind = lvl.find(qn("w:pPr") + "/" + qn("w:ind"))
        left = (ind.get(qn("w:left")) or ind.get(qn("w:start"))) if ind is not None else None
        return {
            "fmt": val("w:numFmt", "decimal"),
            "text": val("w:lvlText", "%1."),
            "start": _int(val("w:start", "1"), 1),
            "indent": _int(left or "0", 0),
        }

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        qn = self._qn
        pPr = paragraph._p.pPr  # noqa: N806
        num_pr = pPr.find(qn("w:numPr")) if pPr is not None else None
        if num_pr is None:
            # numbering from the style, looked up once per style (python-docx finds a style by
            # scanning them all: per paragraph that was O(paragraphs × styles))
            p_style = pPr.find(qn("w:pStyle")) if pPr is not None else None
            key = p_style.get(qn("w:val")) if p_style is not None else None
            if key not in self._style_num_pr:
                self._style_num_pr[key] = self._style_chain_num_pr(paragraph.style)
            num_pr = self._style_num_pr[key]
        if num_pr is None:
            return None
        num_id_el = num_pr.find(qn("w:numId"))
        ilvl_el = num_pr.find(qn("w:ilvl"))
        if num_id_el is None:
            return None
        num_id = num_id_el.get(qn("w:val"))
        if num_id in (None, "0"):
            return None
        ilvl = _int(ilvl_el.get(qn("w:val"), "0"), 0) if ilvl_el is not None else 0
        return num_id, ilvl

    def _style_chain_num_pr(self, style: Any) -> Any:
        qn = self._qn
        seen = 0
        while style is not None and seen < 10:
            spPr = style.element.pPr  # noqa: N806
            num_pr = spPr.find(qn("w:numPr")) if spPr is not None else None
            if num_pr is not None:
                return num_pr
            style = style.base_style
            seen += 1
        return None

    def labelled(self, paragraph: Any) -> str:
        text = paragraph.text
        if not self._levels:
            return text
        try:
            found = self._num_pr(paragraph)
        except Exception:  # pragma: no cover - odd styles
            found = None
        if found is None or not text.strip():
            return text
        num_id, ilvl = found
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels:
            return text
        label = self._label(num_id, ilvl, levels)
        return f"{label} {text}" if label else text

    def _label(self, num_id: str, ilvl: int, levels: dict[int, dict[str, Any]]) -> str:
        spec = levels[ilvl]
        if spec["fmt"] == "bullet":
            glyph = "".join(_BULLET_GLYPHS.get(ch, ch) for ch in spec["text"]).strip()
            if ilvl == 0 and spec.get("indent", 0) >= _SUB_INDENT:
                # a one-level list indented as a sub-list (Word's "List Bullet 2"/"3" styles draw
                # the same glyph, deeper): a lower-ranked glyph, so its items stay sub-points
                return "·" if spec["indent"] >= _SUB_SUB_INDENT else "-"
            return glyph
        key = self._abstract_of.get(num_id, num_id)
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, spec["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            lspec = levels.get(level, spec)
            n = counters.get(level, lspec["start"])
            return _format_number(n, lspec["fmt"])

        return _LEVEL_REF.sub(number, spec["text"]).strip()


# --------------------------------------------------------------------------------------------
# shared


class _Lines(list):
    """Text lines, with ``cells``: per line ``(table, row, column)`` (column ``-1``: a whole row
    on one line, its cells joined by tabs), or ``None`` outside tables."""

    cells: list[tuple[int, int, int] | None]


def _lines_from_entries(entries: Iterable[str], cell_sep: str) -> list[str]:
    """Turn paragraph / table-row entries into text lines (see the module docstring)."""
    lines: _Lines = _Lines()
    cells_of: list[tuple[int, int, int] | None] = []
    table = row = 0
    in_table = False
    for entry in entries:
        if cell_sep not in entry:
            split = _NEWLINES.split(entry)
            lines.extend(split)
            cells_of.extend([None] * len(split))
            in_table = False
            continue
        if not in_table:
            table, row, in_table = table + 1, 0, True
        row += 1
        cells = entry.split(cell_sep)
        if not any(_NEWLINES.search(c) for c in cells) and not any(
            _STRUCTURAL.match(c) for c in cells[1:]
        ):
            lines.append("\t".join(cells))  # one-line cells (or a tab in a paragraph): one line
            cells_of.append((table, row, -1))
            continue
        for col, cell in enumerate(cells):
            if cell.strip():
                split = _NEWLINES.split(cell)
                lines.extend(split)
                cells_of.extend([(table, row, col)] * len(split))
    lines.cells = cells_of
    return lines


def _one_line(exc: object) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:200]
