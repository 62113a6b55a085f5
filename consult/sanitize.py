"""Cleaning document text for output formats that reject or misread some characters.

* C0 control characters (``\\x00``–``\\x08``, ``\\x0b``, ``\\x0c``, ``\\x0e``–``\\x1f``, ESC
  among them) and DEL are not allowed in XML 1.0 (a ``.qdpx`` holding one is rejected whole by
  NVivo/MAXQDA/QualCoder) and would reach a terminal from Markdown: they are removed; tab,
  newline and carriage return stay.
* Lone surrogates (from damaged HWP text) cannot be encoded in UTF-8: each becomes U+FFFD.

    >>> clean_text("a\\x1b[31mb\\x01\\ud800c")
    'a[31mb\\ufffdc'
"""

from __future__ import annotations

import re

__all__ = ["clean_text"]

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
