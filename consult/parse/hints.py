"""Layout hints: name a speaker, question or closing pattern the parser does not know.

A hints file is a small TOML file (``consult inspect FILE --hints hints.toml``,
``consult.inspect_file(path, hints=...)``, ``consult.parse_document(doc, hints=load_hints(...))``)::

    shape = "meeting"          # optional: meeting | blocks | report | verbatim (force one reading)
    speaker = ['^◎\\s*(?P<label>.+?)\\s*의견$']       # a line naming the speaker of what follows
    question = ['^문항\\s*(?P<no>\\d+)\\s*[.:]\\s*(?P<text>.+)$']
    closing = ['^첨부']         # a heading that ends the minutes

Each entry is a Python regular expression matched at the start of a (stripped, normalised)
line; ``speaker`` needs a ``label`` group (``no`` optional), ``question`` the groups ``no`` and
``text``. Every reader honours them: the numbered-Q&A reader (a speaker line opens a transcript,
a question line numbers a question, a closing line ends the transcript like a heading), the
meeting and speaker-block readers, and the table reader (the expert heading above a table, the
question cell, a closing line).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "hints.toml")
    >>> _ = open(path, "w", encoding="utf-8").write(r"question = ['^문항\\s*(?P<no>\\d+)\\s*:\\s*(?P<text>.+)$']")
    >>> load_hints(path).question[0].match("문항 2: 지원 방향은?").group("text")
    '지원 방향은?'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConsultError
from ..usertoml import HINTS, load_toml

__all__ = ["Hints", "load_hints"]


@dataclass(frozen=True)
class Hints:
    """The user's layout hints (none of them: ``Hints()``)."""

    shape: str | None = None
    speaker: tuple[re.Pattern[str], ...] = field(default_factory=tuple)
    question: tuple[re.Pattern[str], ...] = field(default_factory=tuple)
    closing: tuple[re.Pattern[str], ...] = field(default_factory=tuple)


def load_hints(path: str | Path | Hints | None) -> Hints | None:
    """Read a hints TOML file (a :class:`Hints` is returned as it is)."""
    if path is None or isinstance(path, Hints):
        return path
    data = load_toml(path, HINTS, what="layout hints", error=ConsultError)  # keys and types checked
    shape = data.get("shape")

    def patterns(key: str, groups: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
        raw = data.get(key, [])
        raw = [raw] if isinstance(raw, str) else raw
        out = []
        for r in raw:
            try:
                pat = re.compile(r)
            except re.error as exc:
                raise ConsultError(f"{key} pattern {r!r}: {exc}", path=str(path)) from None
            missing = [g for g in groups if g not in pat.groupindex]
            if missing:
                raise ConsultError(f"{key} pattern {r!r} needs the group(s) {missing}", path=str(path))
            out.append(pat)
        return tuple(out)

    return Hints(shape, patterns("speaker", ("label",)), patterns("question", ("no", "text")),
                 patterns("closing", ()))
