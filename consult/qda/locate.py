"""Find consult's answer points inside a source text, and the points a coded span covers.

Texts are compared *normalized*: NFKC per character, lower case, whitespace and zero-width
characters dropped, each kept character remembering its index in the original text. So a point
is found whether the tool re-wrapped it, re-indented it, re-encoded it or turned ``\\n`` into
``\\r\\n``, and a span's offsets map back to the original text.

    >>> norm, where = normalize("가 나\\r\\n다")
    >>> norm, where
    ('가나다', [0, 2, 5])
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["normalize", "Located", "locate_points", "covered_points", "fix_offsets"]

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
#: share of the shorter of (point, span) the overlap must cover for the point to count as coded
MIN_COVER = 0.5
#: a drifted span is looked for this many normalized characters either side
_WINDOW = 400


def normalize(text: str) -> tuple[str, list[int]]:
    """``(normalized, original_index_of_each_normalized_char)``."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in _ZERO_WIDTH:
            continue
        for c in unicodedata.normalize("NFKC", ch).lower():
            if not c.isspace():
                out.append(c)
                where.append(i)
    return "".join(out), where


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


def to_normalized(where: list[int], start: int, end: int) -> tuple[int, int]:
    """Original ``[start, end)`` → normalized ``[start, end)``."""
    return bisect_left(where, start), bisect_left(where, end)


def _utf16_to_cp(text: str) -> list[int] | None:
    """code-unit offset → code-point offset table, or None when the two agree (BMP only)."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table = []
    for i, c in enumerate(text):
        table.append(i)
        if ord(c) >= 0x10000:
            table.append(i)
    table.append(len(text))
    return table


def _crlf_to_cp(text: str) -> list[int] | None:
    """Offsets counted with ``\\r\\n`` as one character → offsets in ``text``."""
    if "\r\n" not in text:
        return None
    table = []
    i = 0
    while i < len(text):
        table.append(i)
        i += 2 if text.startswith("\r\n", i) else 1
    table.append(len(text))
    return table


def _remap(table: list[int] | None, pos: int) -> int:
    if table is None:
        return pos
    return table[min(max(pos, 0), len(table) - 1)]


def _name_key(name: str) -> str:
    return normalize(name.rstrip("…").rstrip("."))[0]


def _matches(norm: str, where: list[int], start: int, end: int, key: str) -> bool:
    a, b = to_normalized(where, start, end)
    span = norm[a:b]
    return bool(span) and (span.startswith(key) or key in span or span in key)


def fix_offsets(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The spans ``(start, end, name)`` in ``text``'s own code points.

    Picks how the tool counted (code points, UTF-16 units, ``\\r\\n`` as one) by how many
    selection names (tools often store the selected text there) match their span; a span
    whose name still does not match is re-anchored where the name's text occurs nearby.
    """
    norm, where = normalize(text)
    keys = [_name_key(n) if len(_name_key(n)) >= 4 else "" for _, _, n in spans]
    tables = [None, _utf16_to_cp(text), _crlf_to_cp(text)]
    tables = [t for i, t in enumerate(tables) if i == 0 or t is not None]

    def score(table: list[int] | None) -> int:
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
                shift = where[i] - s
                s, e = s + shift, e + shift
        out.append((max(0, min(s, len(text))), max(0, min(e, len(text)))))
    return out
