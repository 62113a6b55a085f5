"""Find consult's answer points inside a source text, and the points a coded span covers.

Texts are compared *normalized*: NFKC per character, lower case, whitespace and zero-width
characters dropped, each kept character remembering its index in the original text. So a point
is found whether the tool re-wrapped it, re-indented it, re-encoded it or turned ``\\n`` into
``\\r\\n``, and a span's offsets map back to the original text.

    >>> norm, where = normalize("가 나\\r\\n다")
    >>> norm, where.tolist()
    ('가나다', [0, 2, 5])
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["normalize", "Prepared", "Located", "locate_points", "covered_points", "fix_offsets"]

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
#: share of the shorter of (point, span) the overlap must cover for the point to count as coded
MIN_COVER = 0.5
#: a drifted span is looked for this many normalized characters either side
_WINDOW = 400
#: runs of characters that are neither whitespace nor zero-width (what normalization keeps)
_RUN = re.compile("[^\\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CRLF = re.compile("\r\n")


#: characters normalization drops (every ``str.isspace`` one and the zero-width ones), as code points
_DROPPED_CPS: np.ndarray | None = None
_DROPPED = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BLOCK = 1 << 20


def _dropped_cps() -> np.ndarray:
    global _DROPPED_CPS
    if _DROPPED_CPS is None:
        spaces = [i for i in range(0x3001) if chr(i).isspace()]  # none above U+3000
        _DROPPED_CPS = np.array(sorted({*spaces, *map(ord, _ZERO_WIDTH)}), dtype=np.uint32)
    return _DROPPED_CPS


def _plain(block: str) -> str | None:
    """``block`` lower-cased when every character is its own NFKC form (a normalized string
    holds no character that normalization would change alone) and lower-casing keeps one
    character per character — nearly all text — else ``None`` (then done one by one)."""
    if not unicodedata.is_normalized("NFKC", block) or "\u03a3" in block:  # Σ: lowered by context
        return None
    low = block.lower()
    return low if len(low) == len(block) else None


def _by_character(block: str, offset: int) -> tuple[list[str], list[int]]:
    pieces: list[str] = []
    where: list[int] = []
    for m in _RUN.finditer(block):
        for k, ch in enumerate(m.group()):
            for c in unicodedata.normalize("NFKC", ch).lower():
                if not c.isspace():
                    pieces.append(c)
                    where.append(offset + m.start() + k)
    return pieces, where


def _index_type(n: int) -> type:
    return np.int32 if n < 2**31 - 1 else np.int64


def normalize(text: str) -> tuple[str, np.ndarray]:
    """``(normalized, original_index_of_each_normalized_char)``.

    The index is an integer array (4 bytes a character, no Python object per character):
    text is taken a block of a million characters at a time, and a block that normalization
    only lower-cases (nearly all) is done with whole-block string and array operations.
    """
    pieces: list[str] = []
    where = np.empty(len(text), dtype=_index_type(len(text)))  # grown only if NFKC expands
    n = 0
    for offset in range(0, len(text), _BLOCK):
        block = text[offset:offset + _BLOCK]
        low = _plain(block)
        if low is None:
            more, positions = _by_character(block, offset)
            pieces.extend(more)
            part = np.asarray(positions, dtype=where.dtype)
        else:
            cps = np.frombuffer(block.encode("utf-32-le"), dtype=np.uint32)
            part = (np.flatnonzero(~np.isin(cps, _dropped_cps())) + offset).astype(where.dtype)
            del cps
            pieces.append(_DROPPED.sub("", low))
        if n + len(part) > len(where):
            where = np.resize(where, max(2 * len(where), n + len(part)))
        where[n:n + len(part)] = part
        n += len(part)
    return "".join(pieces), where[:n]


class Prepared:
    """A source text and what matching spans in it needs, each made once: its normalized
    text and index (:func:`normalize`), and the tables of the other ways a tool may have
    counted offsets (made only when selection names are there to choose among them)."""

    def __init__(self, text: str):
        self.text = text
        self.norm, self.where = normalize(text)
        self._tables: list[np.ndarray | None] | None = None

    @property
    def tables(self) -> list[np.ndarray | None]:
        if self._tables is None:
            found = [None, _utf16_to_cp(self.text), _crlf_to_cp(self.text)]
            self._tables = [t for i, t in enumerate(found) if i == 0 or t is not None]
        return self._tables


@dataclass(frozen=True)
class Located:
    """A point found in a source: its id and ``[start, end)`` in the normalized text."""

    point_id: str
    start: int
    end: int


def _find(hay: str, needle: str, cursor: int) -> int:
    i = hay.find(needle, cursor)
    return i if i >= 0 else hay.find(needle)


def _find_fuzzy(hay: str, needle: str, cursor: int) -> tuple[int, int] | None:
    """Exact match, else a 16-character head and tail found in order at about the right
    distance (the coder fixed a typo inside the point)."""
    i = _find(hay, needle, cursor)
    if i >= 0:
        return i, i + len(needle)
    k = 16
    if len(needle) < 3 * k:
        return None
    head = _find(hay, needle[:k], cursor)
    if head < 0:
        return None
    tail = hay.find(needle[-k:], head + k)
    if tail < 0 or tail + k - head > 1.3 * len(needle):
        return None
    return head, tail + k


def locate_points(norm: str, points: Sequence[tuple[str, str]]) -> list[Located]:
    """Find each ``(point_id, normalized text)`` in ``norm``, in order (a cursor moves on, so
    a short point that occurs twice is taken at its place in the sequence)."""
    out: list[Located] = []
    cursor = 0
    for pid, text in points:
        if not text:
            continue
        hit = _find_fuzzy(norm, text, cursor)
        if hit is None:
            continue
        out.append(Located(pid, *hit))
        cursor = hit[1]
    return out


def covered_points(located: Sequence[Located], start: int, end: int) -> list[str]:
    """Point ids whose normalized span overlaps ``[start, end)`` by at least ``MIN_COVER``
    of the shorter of the two."""
    out = []
    for loc in located:
        overlap = min(end, loc.end) - max(start, loc.start)
        if overlap > 0 and overlap >= MIN_COVER * min(loc.end - loc.start, end - start):
            out.append(loc.point_id)
    return out


def to_normalized(where: np.ndarray | Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Original ``[start, end)`` → normalized ``[start, end)``."""
    if isinstance(where, np.ndarray):  # the bounds in the index's own type: no cast of the index
        info = np.iinfo(where.dtype)
        a, b = (where.dtype.type(min(max(x, info.min), info.max)) for x in (start, end))
        return int(np.searchsorted(where, a)), int(np.searchsorted(where, b))
    return bisect_left(where, start), bisect_left(where, end)


def _utf16_to_cp(text: str) -> np.ndarray | None:
    """code-unit offset → code-point offset table, or None when the two agree (BMP only)."""
    if _ASTRAL.search(text) is None:
        return None
    kind = _index_type(2 * len(text) + 2)
    astral = np.fromiter((m.start() for m in _ASTRAL.finditer(text)), dtype=np.int64)
    units = np.ones(len(text) + 1, dtype=np.int8)
    units[astral] = 2  # a character outside the BMP is two UTF-16 code units
    return np.repeat(np.arange(len(text) + 1, dtype=kind), units)


def _crlf_to_cp(text: str) -> np.ndarray | None:
    """Offsets counted with ``\\r\\n`` as one character → offsets in ``text``."""
    if "\r\n" not in text:
        return None
    keep = np.ones(len(text) + 1, dtype=bool)
    keep[np.fromiter((m.start() + 1 for m in _CRLF.finditer(text)), dtype=np.int64)] = False
    return np.flatnonzero(keep).astype(_index_type(len(text) + 1))


def _remap(table: np.ndarray | None, pos: int) -> int:
    if table is None:
        return pos
    return int(table[min(max(pos, 0), len(table) - 1)])


def _name_key(name: str) -> str:
    return normalize(name.rstrip("…").rstrip("."))[0]


def _matches(norm: str, where: np.ndarray, start: int, end: int, key: str) -> bool:
    a, b = to_normalized(where, start, end)
    span = norm[a:b]
    return bool(span) and (span.startswith(key) or key in span or span in key)


def fix_offsets(text: str, spans: Sequence[tuple[int, int, str]],
                prepared: Prepared | None = None) -> list[tuple[int, int]]:
    """The spans ``(start, end, name)`` in ``text``'s own code points.

    Picks how the tool counted (code points, UTF-16 units, ``\\r\\n`` as one) by how many
    selection names (tools often store the selected text there) match their span; a span
    whose name still does not match is re-anchored where the name's text occurs nearby.
    ``prepared``: ``Prepared(text)`` when the caller has it already (nothing is made twice).
    """
    prepared = prepared if prepared is not None else Prepared(text)
    norm, where = prepared.norm, prepared.where
    keys = [_name_key(n) if len(_name_key(n)) >= 4 else "" for _, _, n in spans]
    tables = prepared.tables if any(keys) else [None]

    def score(table: np.ndarray | None) -> int:
        return sum(_matches(norm, where, _remap(table, s), _remap(table, e), k)
                   for (s, e, _), k in zip(spans, keys, strict=True) if k)

    best = max(tables, key=score) if any(keys) and len(tables) > 1 else None
    out = []
    for (s, e, _), key in zip(spans, keys, strict=True):
        s, e = _remap(best, s), _remap(best, e) if e >= 0 else len(text)
        if key and not _matches(norm, where, s, e, key):
            a, _ = to_normalized(where, s, e)
            lo = max(0, a - _WINDOW)
            i = norm.find(key, lo, a + _WINDOW + len(key))
            if i >= 0:  # drifted: move the span, keeping its length
                shift = int(where[i]) - s
                s, e = s + shift, e + shift
        out.append((max(0, min(s, len(text))), max(0, min(e, len(text)))))
    return out
