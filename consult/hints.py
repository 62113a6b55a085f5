"""Layout hints: name a speaker, question or closing pattern the parser does not know.

A hints file is a small TOML file (``consult inspect FILE --hints hints.toml``, ``consult.load(...,
hints=...)``)::

    shape = "meeting"          # optional: meeting | blocks | report (force one reading)
    speaker = ['^◎\\s*(?P<label>.+?)\\s*의견$']       # a line naming the speaker of what follows
    question = ['^문항\\s*(?P<no>\\d+)\\s*[.:]\\s*(?P<text>.+)$']
    closing = ['^첨부']         # a heading that ends the minutes

Each entry is a Python regular expression matched at the start of a (stripped) line; ``speaker``
needs a ``label`` group (``no`` optional), ``question`` the groups ``no`` and ``text``.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConsultError
from .parse import _bullet

__all__ = ["Hints", "load_hints", "apply", "conventions_of"]

_DIGITS = re.compile(r"\d+")
_LABEL_NUMBER = re.compile(r"\d+|[가-하①-⑳]")


@dataclass(frozen=True)
class Hints:
    shape: str | None = None
    speaker: tuple[re.Pattern[str], ...] = field(default_factory=tuple)
    question: tuple[re.Pattern[str], ...] = field(default_factory=tuple)
    closing: tuple[re.Pattern[str], ...] = field(default_factory=tuple)


def load_hints(path: str | Path | Hints | None) -> Hints | None:
    """Read a hints TOML file (a :class:`Hints` is returned as it is)."""
    if path is None or isinstance(path, Hints):
        return path
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConsultError(f"cannot read layout hints ({exc})", path=str(path)) from None
    unknown = set(data) - {"shape", "speaker", "question", "closing"}
    if unknown:
        raise ConsultError(f"unknown hint(s) {sorted(unknown)}; use shape, speaker, question, closing",
                           path=str(path))
    shape = data.get("shape")
    if shape not in (None, "meeting", "blocks", "report"):
        raise ConsultError(f"shape = {shape!r}: use meeting, blocks or report", path=str(path))

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


def apply(parser, hints: Hints) -> None:  # noqa: ANN001 - a _StatementParser
    """Give the parser the user's patterns (checked before its own)."""
    parser.hints = hints


def conventions_of(parsed) -> dict:  # noqa: ANN001 - a ParsedDocument
    """What the parser recognised, for ``consult inspect`` (computed on demand, not per parse)."""
    glyphs: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    headers: Counter[str] = Counter()
    for tr in parsed.transcripts:
        headers[_DIGITS.sub("N", tr.header.text)[:40]] += 1
        for q in tr.questions:
            if q.label:
                labels[_LABEL_NUMBER.sub("N", q.label)] += 1
            for p in q.points:
                sources[(p.speaker_source or "transcript").split(":")[0].split(" (")[0]] += 1
                for ln in p.lines:
                    g = _bullet(ln.text)[1]
                    if g:
                        glyphs[g] += 1
    return {
        "shape": {"report": "report (transcript headers)"}.get(parsed.conventions.get("shape", ""),
                                                                 parsed.conventions.get("shape", "?")),
        "transcript_starts": dict(headers.most_common(3)),
        "question_numbering": dict(labels.most_common(4)),
        "bullets": dict(glyphs.most_common(8)),
        "speaker_sources": dict(sources),
    }
