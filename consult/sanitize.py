"""Cleaning document text for output formats that reject or misread some characters.

* C0 control characters (``\\x00``–``\\x08``, ``\\x0b``, ``\\x0c``, ``\\x0e``–``\\x1f``, ESC
  among them) and DEL are not allowed in XML 1.0 (a ``.qdpx`` holding one is rejected whole by
  NVivo/MAXQDA/QualCoder) and would reach a terminal from Markdown: they are removed; tab,
  newline and carriage return stay.
* Lone surrogates (from damaged HWP text) cannot be encoded in UTF-8: each becomes U+FFFD.

    >>> clean_text("a\\x1b[31mb\\x01\\ud800c")
    'a[31mb\\ufffdc'

For a terminal, :func:`shown` escapes instead of removing, so that a message still names the
file it is about: controls (ESC, OSC, BEL, C1), bidirectional overrides and line separators
become ``\\xNN``/``\\uNNNN``, and the bytes of a file name that are not valid UTF-8 (Python
holds them as surrogate escapes) become ``\\xNN``:

    >>> shown("a\\x1b]0;x\\x07b\\udcc8.txt")
    'a\\\\x1b]0;x\\\\x07b\\\\xc8.txt'
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "shown"]

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str, keep_length: bool = False) -> str:
    """``text`` without C0 controls (except tab/newline/CR) and DEL, lone surrogates as U+FFFD.

    ``keep_length``: each control becomes a space instead, so character offsets into the text
    (a ``.qdpx`` selection's start and end) stay right.
    """
    if not text.isprintable():  # fast path: most text has nothing to clean
        text = _CONTROLS.sub(" " if keep_length else "", text)
        text = _SURROGATES.sub("\ufffd", text)
    return text


#: what a terminal must not receive raw: C0/C1 controls, DEL, bidirectional marks and
#: overrides, line/paragraph separators, and lone surrogates (undecodable file-name bytes)
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
                         "\ud800-\udfff]")


def _escape_one(m: re.Match[str]) -> str:
    o = ord(m.group())
    if 0xDC80 <= o <= 0xDCFF:  # a byte a file name could not decode (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}"


def shown(text: object) -> str:
    """``text`` safe to print: every unshowable character as a ``\\x``/``\\u`` escape."""
    text = str(text)
    if text.isprintable():  # fast path (also false for surrogates and separators)
        return text
    return _UNSHOWABLE.sub(_escape_one, text)
