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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ConsultError, ConsultWarning
from .locate import covered_points, fix_offsets, locate_points, normalize, to_normalized
from .project import Project, Source, read_project

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


def _source_rows(project: Project, src: Source, texts, t_of: dict[str, str]) -> tuple[list, int]:
    norm, where = normalize(src.text or "")
    located = _locate(norm, src, texts)
    spans = fix_offsets(src.text or "", [(s.start, s.end, s.name) for s in src.selections])
    rows, unmatched = [], 0
    for sel, (start, end) in zip(src.selections, spans, strict=True):
        a, b = to_normalized(where, start, end)
        pids = covered_points(located, a, b)
        if not pids:
            unmatched += 1
            continue
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
    project = read_project(path)
    texts = _point_texts(points)
    t_of = {pid: t for t, pts in texts.items() for pid, _ in pts}
    rows: list[tuple] = []
    unmatched = 0
    notes = list(project.warnings)
    for src in project.sources:
        if (sources is not None and src.name not in sources) or not src.selections:
            continue
        if src.text is None:
            unmatched += len(src.selections)
            continue
        got, missed = _source_rows(project, src, texts, t_of)
        rows.extend(got)
        unmatched += missed
    if not rows and any(s.selections for s in project.sources):
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
