"""Page layout clean-up: glyph normalisation, page numbers and running headers/footers.

The layout stage decides, for every non-blank source line, whether it is content or page
furniture (a page number, a running header/footer). Furniture is not dropped: it goes to the
residue with its reason. Content lines keep their source line number for traceability.

    >>> from consult.ingest import document_from_text
    >>> doc = document_from_text("본문 첫 줄\\n\\n18 ❙\\n본문 둘째 줄")
    >>> [(ln.no, ln.text) for ln in clean_lines(doc).content]
    [(1, '본문 첫 줄'), (4, '본문 둘째 줄')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .ingest.document import Document
from .lexicon import DASH_GLYPHS, ENDS_LIKE_PROSE, MARK_GLYPHS

__all__ = ["Line", "Layout", "clean_lines", "normalise", "join_wrapped", "PAGE_NUMBER", "RUNNING"]

PAGE_NUMBER = "page number"
RUNNING = "running header/footer"
NO_TEXT = "no visible text (unmapped glyphs)"

_TRANSLATE = {0: None, 0xFEFF: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x00AD: None}
_TRANSLATE.update({c: " " for c in (0x00A0, 0x3000, *range(0x2000, 0x200B), 0x202F, 0x205F)})
_TRANSLATE.update({c: "•" for c in range(0xE000, 0xF900)})  # private-use bullet glyphs
_TRANSLATE.update({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})  # full-width ASCII
_TRANSLATE[0x2219] = "∙"


_NEEDS_TRANSLATE = re.compile("[" + "".join(
    re.escape(chr(c)) if c > 0x20 or c == 0 else "" for c in (0, 0xFEFF, 0x200B, 0x200C, 0x200D, 0xAD,
                                                                 0xA0, 0x3000, 0x202F, 0x205F, 0x2219)
) + "\u2000-\u200a\ue000-\uf8ff\uff01-\uff5e\x00]")


def normalise(text: str) -> str:
    """Map PDF glyph oddities to plain characters and strip the ends.

    Private-use bullets (U+F0A7 …) become ``•``, NULs (missing glyphs) vanish, odd spaces become
    spaces, full-width ASCII becomes ASCII. ``①`` and Hangul are left alone.

    >>> normalise("\\uf0a7 칩\\u00a0제조（１）")
    '• 칩 제조(1)'
    """
    if _NEEDS_TRANSLATE.search(text) is None:
        return text.strip()
    return text.translate(_TRANSLATE).strip()


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank source line.

    Attributes:
        no: 1-based source line number.
        raw: the line as read.
        text: the normalised, stripped text.
        page: page number, where the input has pages.
        trailing_space: the raw line ends in whitespace (a wrap at a word boundary).
    """

    no: int
    raw: str
    text: str
    page: int | None
    trailing_space: bool


@dataclass(frozen=True)
class Layout:
    """Content lines and page furniture of one document."""

    content: list[Line]
    furniture: list[tuple[Line, str]]
    #: True when the source marks word-boundary wraps with a trailing space (PDF text layers);
    #: then a line without one was broken mid-word. False: every wrap is joined with a space.
    space_marks_wraps: bool


_DECORATED_PAGE = re.compile(
    r"^(?:\d{1,4}\s*[❙|│ㅣ]|[❙|│ㅣ]\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|"
    r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}\s*쪽)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
#: running headers/footers are title-like: at least this many non-space characters, and they
#: do not end like a sentence (a wrapped sentence's last line does: ``ENDS_LIKE_PROSE``)
_MIN_RUNNING = 5
_STRUCTURAL = re.compile(
    rf"^(?:[{MARK_GLYPHS}※*]|[{DASH_GLYPHS}]\s|[①-⑳]|[Qq]\s*\d|질문\s*\d|[가-하]\s*[.)]\s|"
    r"\d{1,2}\s*[.)]|\(\d{1,2}\)|[<\[〈(【].*[>\]〉)】]$)"
)


def clean_lines(doc: Document) -> Layout:
    """Split a document's non-blank lines into content and furniture (with reasons)."""
    lines: list[Line] = []
    invisible: list[Line] = []  # NUL-only lines: glyphs the PDF font could not map
    pages = doc.pages
    for i, raw in enumerate(doc.lines, start=1):
        stripped = raw.rstrip()
        if stripped and not stripped.isspace():
            ln = Line(i, raw, normalise(stripped), pages[i - 1] if pages else None, len(stripped) != len(raw))
            (lines if ln.text else invisible).append(ln)
    reasons: dict[int, str] = {}
    page_first_last = _page_edges(lines) if doc.pages is not None else set()
    for ln in lines:
        t = ln.text
        if len(t) <= 16 and (
            _DECORATED_PAGE.match(t) or (_BARE_NUMBER.match(t) and ln.no in page_first_last)
        ):
            reasons[ln.no] = PAGE_NUMBER

    # A running header/footer is a short, non-structural title-like line (5 characters or more,
    # not ending like a sentence)
    # found on the same side of two page numbers or more, at two lines or more, and found
    # beside page numbers at least as often as elsewhere.
    counts = Counter(ln.text for ln in lines)
    sides: dict[tuple[str, int], set[int]] = {}  # (text, -1 before / +1 after) -> page-number lines
    at: dict[str, set[int]] = {}
    for idx, ln in enumerate(lines):
        if reasons.get(ln.no) != PAGE_NUMBER:
            continue
        for j, side in ((idx - 1, -1), (idx + 1, 1)):
            if 0 <= j < len(lines):
                cand = lines[j]
                t = cand.text
                if (
                    cand.no not in reasons
                    and len(t) <= 60
                    and len(t.replace(" ", "")) >= _MIN_RUNNING
                    and not _STRUCTURAL.match(t)
                    and not ENDS_LIKE_PROSE.search(t)
                ):
                    sides.setdefault((t, side), set()).add(ln.no)
                    at.setdefault(t, set()).add(cand.no)
    running = {
        t
        for (t, _side), pages in sides.items()
        if len(pages) >= 2 and len(at[t]) >= 2 and 2 * len(at[t]) >= counts[t]
    }
    if doc.pages is not None:
        running |= _repeated_page_edges(lines) | _repeated_first_or_last(lines)
    for ln in lines:
        if ln.no not in reasons and ln.text in running:
            reasons[ln.no] = RUNNING

    content = [ln for ln in lines if ln.no not in reasons]
    furniture = [(ln, reasons[ln.no]) for ln in lines if ln.no in reasons]
    furniture += [(ln, NO_TEXT) for ln in invisible]
    return Layout(content, furniture, _space_marks_wraps(doc))


def _page_edges(lines: list[Line]) -> set[int]:
    """Line numbers of the first and last non-blank line of each page."""
    edges: set[int] = set()
    prev: Line | None = None
    for ln in lines:
        if prev is None or ln.page != prev.page:
            edges.add(ln.no)
            if prev is not None:
                edges.add(prev.no)
        prev = ln
    if prev is not None:
        edges.add(prev.no)
    return edges


def _repeated_page_edges(lines: list[Line]) -> set[str]:
    """Texts among the first/last two lines of pages that recur on half the pages (≥ 3)."""
    by_page: dict[int | None, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    if len(by_page) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page_lines in by_page.values():
        edge = {
            ln.text
            for ln in page_lines[:2] + page_lines[-2:]
            if len(ln.text) <= 60
            and len(ln.text.replace(" ", "")) >= _MIN_RUNNING
            and not ENDS_LIKE_PROSE.search(ln.text)
        }
        seen.update(edge)
    need = max(3, -(-len(by_page) // 2))  # on half the pages or more, and on 3 at least
    return {
        t for t, c in seen.items() if c >= need and not _STRUCTURAL.match(t) and not _BARE_NUMBER.match(t)
    }


def _repeated_first_or_last(lines: list[Line]) -> set[str]:
    """Title-like texts that are the first line of two pages or more, or the last line of two
    pages or more: a running header or footer even in a document of two pages (a report's title
    again after a form feed, never part of the answer it interrupts)."""
    firsts: Counter[str] = Counter()
    lasts: Counter[str] = Counter()
    prev: Line | None = None
    for ln in lines:
        if prev is None or ln.page != prev.page:
            firsts[ln.text] += 1
            if prev is not None:
                lasts[prev.text] += 1
        prev = ln
    if prev is not None:
        lasts[prev.text] += 1
    return {t for t, c in (firsts + lasts).items()
            if (firsts[t] >= 2 or lasts[t] >= 2) and len(t) <= 60 and len(t.replace(" ", "")) >= _MIN_RUNNING
            and not _STRUCTURAL.match(t) and not ENDS_LIKE_PROSE.search(t) and not _BARE_NUMBER.match(t)}


def _space_marks_wraps(doc: Document) -> bool:
    """Whether some lines end in a space (then a wrap without one is a mid-word break)."""
    ended = sum(1 for raw in doc.lines if raw.strip() and raw != raw.rstrip())
    return ended >= max(3, sum(1 for raw in doc.lines if raw.strip()) // 100)


_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")
_KEEP_SPACE_AFTER = frozenset(".,;:)]")


def join_wrapped(parts: list[Line], space_marks_wraps: bool) -> str:
    """Join the physical lines of one logical line the way a reader reads them.

    With ``space_marks_wraps``, a line ending in a space is joined with a space and one that
    does not (a mid-word break, ``확보`` + ``해야``) without; otherwise every join is a space.

    >>> a = Line(1, "기술로도 ", "기술로도", None, True)
    >>> b = Line(2, "안전성 확보", "안전성 확보", None, False)
    >>> c = Line(3, "해야", "해야", None, False)
    >>> join_wrapped([a, b, c], True)
    '기술로도 안전성 확보해야'
    """
    # Pieces joined once at the end, and the last character tracked, keep this linear in the
    # total length (re-scanning and re-copying the growing text was quadratic).
    pieces: list[str] = []
    last = ""  # last character of the text joined so far
    prev: Line | None = None
    for ln in parts:
        glue = ""
        if prev is not None:
            glue = " "
            if space_marks_wraps and not prev.trailing_space:
                glue = ""
                # Latin words, numbers and sentence ends keep a space between them
                if (_LATIN_END.match(last) and _LATIN_START.match(ln.text)) or last in _KEEP_SPACE_AFTER:
                    glue = " "
            pieces.append(glue)
        pieces.append(ln.text)
        joined = glue + ln.text
        last = joined[-1] if joined else last
        prev = ln
    return "".join(pieces)
