"""Interviewer notes inside answer points: footnotes (``*``, ``**``) and reference marks (``※``).

Minutes written by a rapporteur carry, under an expert's answer, lines that are not the expert's
words: footnotes explaining a term (``* CWPP: Cloud Workload Protection Platform``) and ``※``
remarks (``※ 메가존클라우드는 …``). Themes are found from the experts' own words, so these lines
are left out; a point made only of such lines (``* 캐나다는 양자 기술 스타트업이 …``) is a note,
not an answer, and gets no theme.
"""

from __future__ import annotations

import re

__all__ = ["strip_notes", "is_note"]

#: a line that starts (after indentation) with *, ** … or ※ is the rapporteur's note
NOTE_LINE = re.compile(r"^\s*(?:\*+|※)")


def strip_notes(text: str) -> str:
    """``text`` without its note lines (lines starting with ``*``, ``**`` or ``※``)."""
    if not text:
        return ""
    return "\n".join(line for line in str(text).splitlines() if not NOTE_LINE.match(line)).strip()


def is_note(text: str) -> bool:
    """True when ``text`` has words but all of them are in note lines."""
    return bool(str(text or "").strip()) and not strip_notes(text)
