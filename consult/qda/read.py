"""``read_codes``: the codes of a REFI-QDA project, mapped onto consult's answer points.

Works on the project consult exports (after someone recoded it in their tool) and on projects
made in QualCoder, NVivo, MAXQDA or ATLAS.ti from the minutes' text: each source is matched to
the corpus by finding the points' texts in it (whitespace, wrapping, encoding and line ends do
not matter), and each coded span to the points it covers.

    >>> codes = consult.read_codes("coded.qdpx", corpus)          # doctest: +SKIP
    >>> codes.groupby("code").point_id.nunique()                   # doctest: +SKIP
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .. import limits
from ..errors import ConsultError, ConsultWarning, InputLimitError
from .locate import (
    Located,
    Prepared,
    covered_points,
    fix_offsets,
    locate_points,
    normalize,
    to_normalized,
)
from .project import Project, Source, open_project

__all__ = ["read_codes", "CODE_COLUMNS"]

#: columns of the codes table (one row per coded span × answer point it covers)
CODE_COLUMNS = ["point_id", "code", "coder", "source", "start", "end", "transcript_id",
                "code_path"]

_TID = re.compile(r"[^\s#]+#T\d+")
#: a transcript counts as present in a source searched blindly when this share of its points
#: is found there (so a short generic point elsewhere does not drag its transcript in)
_MIN_FOUND = 0.5


def _point_texts(points: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """transcript_id → [(point_id, normalized text), …] in corpus order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for tid, pid, text in zip(points["transcript_id"], points["point_id"], points["text"],
                              strict=False):
        out.setdefault(str(tid), []).append((str(pid), normalize(str(text))[0]))
    return out


def _named_transcript(src: Source, known: set[str]) -> str | None:
    """The transcript a consult export's source stands for (its variables, description or
    name), else ``None``."""
    for key in ("source_transcript_id", "transcript_id"):
        if src.variables.get(key) in known:
            return src.variables[key]
    for m in _TID.finditer(src.description):
        if m.group(0) in known:
            return m.group(0)
    head = src.name.split(" ", 1)[0]
    for tid in known:
        if tid.replace("#", "_") == head:
            return tid
    return None


def _locate(src_norm: str, src: Source, texts: dict[str, list[tuple[str, str]]]):
    tid = _named_transcript(src, set(texts))
    if tid is not None:
        found = locate_points(src_norm, texts[tid])
        if found:
            return found
    found = locate_points(src_norm, [p for pts in texts.values() for p in pts])
    t_of = {pid: t for t, pts in texts.items() for pid, _ in pts}
    n_found: dict[str, int] = {}
    for loc in found:
        n_found[t_of[loc.point_id]] = n_found.get(t_of[loc.point_id], 0) + 1
    keep = {t for t, n in n_found.items() if n >= _MIN_FOUND * len(texts[t])}
    return [loc for loc in found if t_of[loc.point_id] in keep]


class _Covered:
    """The located points of one source, indexed by start, for :func:`_Covered.points`."""

    def __init__(self, located: list[Located]):
        order = sorted(range(len(located)), key=lambda i: (located[i].start, i))
        self.located = located
        self.order = order
        self.starts = [located[i].start for i in order]
        self.longest = max((loc.end - loc.start for loc in located), default=0)

    def points(self, start: int, end: int) -> list[str]:
        """What :func:`covered_points` gives, looking only at the points that can overlap."""
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        near = sorted(self.order[lo:hi])
        return covered_points([self.located[i] for i in near], start, end)


def _source_rows(project: Project, src: Source, prepared: Prepared, texts,
                 t_of: dict[str, str], budget: list[int], where_file: str) -> tuple[list, int]:
    where = prepared.where
    located = _Covered(_locate(prepared.norm, src, texts))
    spans = fix_offsets(prepared.text, [(s.start, s.end, s.name) for s in src.selections], prepared)
    rows, unmatched = [], 0
    for sel, (start, end) in zip(src.selections, spans, strict=True):
        a, b = to_normalized(where, start, end)
        pids = located.points(a, b)
        if not pids:
            unmatched += 1
            continue
        budget[0] -= len(pids) * len(sel.codings)
        if limits.MAX_CODE_ROWS and budget[0] < 0:
            raise InputLimitError(
                f"the coded spans cover more than {limits.MAX_CODE_ROWS:,} (span, point, code) "
                "rows (CONSULT_MAX_CODE_ROWS): many overlapping spans over whole sources?",
                path=where_file)
        for code_guid, user in sel.codings:
            name, path = project.codes.get(code_guid, (code_guid, code_guid))
            coder = project.users.get(user, user) or ""
            rows.extend((pid, name, coder, src.name, start, end, t_of[pid], path) for pid in pids)
    return rows, unmatched


def read_codes(path: str | Path, corpus: Any, *, sources: Sequence[str] | None = None) -> pd.DataFrame:
    """The codes of a REFI-QDA project as a table over ``corpus``'s answer points.

    Parameters
    ----------
    path:
        a ``.qdpx`` file (or a bare ``project.qde`` whose sources hold ``PlainTextContent``).
    corpus:
        the :class:`consult.Corpus` of the minutes the project was made from.
    sources:
        only these source names (default: every text source).

    Returns
    -------
    One row per (coded span, answer point it covers, code, coder), columns
    :data:`CODE_COLUMNS`: ``start``/``end`` are the span in the source's own text (code points,
    end exclusive, after re-anchoring a drifted span). A point counts as covered when the span
    overlaps at least half of the shorter of the two (a phrase inside a point codes the point;
    a span running a few characters into the next point does not). ``attrs`` holds
    ``unmatched`` (coded spans outside any point, e.g. on a speaker line) and ``warnings``.
    """
    points = corpus.points
    if not len(points):
        raise ConsultError("the corpus holds no answer points to map codes onto")
    texts = _point_texts(points)
    t_of = {pid: t for t, pts in texts.items() for pid, _ in pts}
    unmatched = 0
    budget = [limits.MAX_CODE_ROWS]
    per_source: dict[int, list[tuple]] = {}
    with open_project(path) as pf:
        project = pf.project
        notes = list(project.warnings)
        wanted = [i for i, src in enumerate(project.sources)
                  if (sources is None or src.name in sources) and src.selections]
        # sources naming the same member one after the other: each text is read, decoded and
        # normalized once, and let go before the next
        wanted.sort(key=lambda i: (project.sources[i].member or "", i))
        prepared: tuple[str | None, Any] = (None, None)
        for i in wanted:
            src = project.sources[i]
            key = src.member or f"#{i}"
            if prepared[0] != key:
                prepared = (None, None)  # the previous text and its index are let go first
                text = pf.text(src)
                prepared = (key, None if text is None else Prepared(text))
                del text
            if prepared[1] is None:
                unmatched += len(src.selections)
                continue
            got, missed = _source_rows(project, src, prepared[1], texts, t_of, budget, str(path))
            per_source[i] = got
            unmatched += missed
    rows = [row for i in sorted(per_source) for row in per_source[i]]
    if not any(s.selections for s in project.sources):
        raise ConsultError("the project holds no coded text (no selection with a code)",
                           path=str(path))
    if not rows:
        raise ConsultError("none of the project's coded spans falls on an answer point of these "
                           "minutes (is it the right corpus?)", path=str(path))
    if unmatched:
        notes.append(f"{unmatched} coded span(s) cover no answer point (speaker lines, question "
                     f"text or text not in the minutes) and were left out")
    for note in notes:
        warnings.warn(note, ConsultWarning, stacklevel=2)
    out = pd.DataFrame(rows, columns=CODE_COLUMNS)
    out = out.astype({"start": "int64", "end": "int64"})
    out.attrs.update(unmatched=unmatched, warnings=notes, project=str(path))
    return out
