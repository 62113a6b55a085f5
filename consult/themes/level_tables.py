"""The tables of a point-level fit (:func:`consult.themes.levels.fit_point_levels`).

Takes the fitted, labelled levels and writes ``point_themes_``, ``concern_assignments_``, the
legacy ``assignments_`` / ``point_assignments_``, ``themes_``, ``concerns_`` and ``stability_``.
See ``docs/themes.md`` for the columns.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .concerns import Level, monologue
from .headline import HEADLINE_COLUMNS, headline_columns, phrase_columns
from .labels import ctfidf_keywords

__all__ = ["POINT_THEME_COLUMNS", "CONCERN_COLUMNS", "CONCERN_ASSIGNMENT_COLUMNS",
           "STABILITY_COLUMNS", "THEME_POINT_COLUMNS", "Docs", "Levels", "write_tables"]

#: ``point_themes_``: one row per (point, fine theme) pair
POINT_THEME_COLUMNS = ["point_id", "question_id", "transcript_id", "area", "role", "theme_id",
                       "theme_label", "score", "rank"]
#: ``concerns_``: one row per cross-level concern
CONCERN_COLUMNS = ["concern_id", "label", "cross_area", "n_experts", "n_areas", "areas", "roles",
                   "n_points", "theme_ids", "keywords", "experts", "points", "quotes", "stability",
                   "reappears", "monologue", "seed", "residual", *HEADLINE_COLUMNS]
#: ``concern_assignments_``: one row per (point, concern) pair
CONCERN_ASSIGNMENT_COLUMNS = ["point_id", "question_id", "transcript_id", "area", "role",
                              "concern_id", "concern_label", "score", "rank"]
#: ``stability_``: one row per theme and per concern
STABILITY_COLUMNS = ["level", "id", "label", "stability", "reappears"]
#: ``themes_`` columns when ``unit="point"`` (the legacy columns first)
THEME_POINT_COLUMNS = ["theme_id", "label", "keywords", "size", "n_transcripts", "areas", "roles",
                       "quotes", "seed", "area", "n_points", "concern_id", "stability",
                       "reappears", "monologue"]


def col(df: pd.DataFrame, c: str, default: Any = "") -> np.ndarray:
    if c in df.columns:
        return df[c].fillna(default).to_numpy(dtype=object) if default is not None else df[c].to_numpy()
    return np.full(len(df), default, dtype=object)


@dataclass
class Docs:
    """The corpus's points and the live ones (``idx``: answer points with words) themes are fit on."""

    points: pd.DataFrame
    questions: pd.DataFrame
    note: np.ndarray           # (n_points,) bool: an editor's note, never themed
    idx: np.ndarray            # positions of the live points in ``points``
    ldocs: list                # tokens of each live point
    ltexts: list[str]          # text of each live point (notes stripped)
    area: np.ndarray           # the live points' area, transcript id, point id, question id, role
    experts: np.ndarray
    pid: np.ndarray
    qid: np.ndarray
    role: np.ndarray


@dataclass
class Levels:
    """Fine themes and concerns as they go from fitted to renumbered, labelled and merged."""

    fine: Level
    conc: Level
    owner: list[str]                     # the area of each fine theme
    n_chosen: int                        # fine themes before any merge
    f_stab: tuple | None = None          # (stability, reappears) per fine theme, per concern
    c_stab: tuple | None = None
    f_labels: list[str] = field(default_factory=list)
    c_labels: list[str] = field(default_factory=list)
    c_seed: list[str] = field(default_factory=list)
    c_residual: list[bool] = field(default_factory=list)
    c_info: list = field(default_factory=list)  # concerns: headline.LabelInfo per concern
    phrases: list = field(default_factory=list)  # each live point's noun phrases (labels)
    coherence: dict = field(default_factory=dict)  # concerns' anchor words: word_coherence
    generic: set = field(default_factory=set)      # the corpus's generic words
    p_found: list = field(default_factory=list)    # the phrase concerns (phrase_concerns.PhraseConcern)
    p_runs: list = field(default_factory=list)     # their refits: (points seen, members)
    n_phrase: int = 0                              # concerns 0 .. n_phrase-1 are the phrase concerns
    c_source: list = field(default_factory=list)   # per concern: phrase / components / residual / codebook


def write_tables(model: Any, d: Docs, lv: Levels) -> None:
    """Set the model's tables from the labelled levels."""
    kf = lv.fine.scores.shape[1]
    kc = lv.conc.scores.shape[1]
    f_kw = [[w for w, _ in ws] for ws in ctfidf_keywords(d.ldocs, lv.fine.primary, d.experts, kf, top_n=model.n_keywords)]
    # a concern's keywords and quotes come from all its members (a point carries several)
    pi, pc = np.nonzero(lv.conc.member)
    c_kw = [[w for w, _ in ws] for ws in ctfidf_keywords([d.ldocs[i] for i in pi], pc, d.experts[pi], kc,
                                                         top_n=model.n_keywords)]
    model.point_themes_ = _long_table(d, lv.fine, lv.f_labels, "theme_id", "theme_label")
    model.concern_assignments_ = _long_table(d, lv.conc, lv.c_labels, "concern_id", "concern_label")
    theme_concern = _theme_concern(lv.fine, lv.conc)
    q_theme = _legacy_views(model, d, lv.fine, lv.f_labels)
    rows = _theme_rows(model, d, lv, f_kw, theme_concern, q_theme)
    model.themes_ = pd.DataFrame(rows, columns=THEME_POINT_COLUMNS)
    crow = _concern_rows(model, d, lv, c_kw, theme_concern)
    model.concerns_ = pd.DataFrame(crow, columns=CONCERN_COLUMNS)
    stab = [("theme", r["theme_id"], r["label"], r["stability"], r["reappears"]) for r in rows]
    stab += [("concern", r["concern_id"], r["label"], r["stability"], r["reappears"]) for r in crow]
    model.stability_ = pd.DataFrame(stab, columns=STABILITY_COLUMNS)


def _long_table(d: Docs, level: Level, labels: list[str], id_col: str, label_col: str) -> pd.DataFrame:
    rows = []
    for i in range(len(d.idx)):
        js = np.flatnonzero(level.member[i])
        js = sorted(js, key=lambda j: (j != level.primary[i], -level.scores[i, j], j))
        for r, j in enumerate(js, 1):
            rows.append((d.pid[i], d.qid[i], d.experts[i], d.area[i], d.role[i], int(j), labels[j],
                         round(float(level.scores[i, j]), 6), r))
    cols = ["point_id", "question_id", "transcript_id", "area", "role", id_col, label_col, "score", "rank"]
    return pd.DataFrame(rows, columns=cols)


def _theme_concern(fine: Level, conc: Level) -> list[int]:
    """Fine theme -> concern: the majority concern of the theme's primary points (-1: none)."""
    out = []
    for t in range(fine.scores.shape[1]):
        c = conc.primary[fine.primary == t]
        c = c[c >= 0]
        out.append(int(Counter(c.tolist()).most_common(1)[0][0]) if len(c) else -1)
    return out


def _legacy_views(model: Any, d: Docs, fine: Level, f_labels: list[str]) -> np.ndarray:
    """Point- and question-level views (the legacy columns); returns each question's theme."""
    points, questions, idx = d.points, d.questions, d.idx
    kf = fine.scores.shape[1]
    p_theme = np.full(len(points), -1)
    p_score = np.zeros(len(points))
    p_theme[idx] = fine.primary
    own = fine.scores[np.arange(len(idx)), np.maximum(fine.primary, 0)]
    p_score[idx] = np.where(fine.primary >= 0, own, 0.0)
    q_ids = col(questions, "question_id").astype(str)
    q_sum: dict[str, np.ndarray] = {}
    q_n: Counter = Counter()
    allq = col(points, "question_id").astype(str)
    for q in allq:
        q_n[q] += 1
    for i, q in enumerate(d.qid):
        v = np.where(fine.member[i], fine.scores[i], 0.0)
        q_sum[q] = q_sum.get(q, np.zeros(kf)) + v
    q_theme = np.full(len(questions), -1)
    q_score = np.zeros(len(questions))
    for j, q in enumerate(q_ids):
        v = q_sum.get(q)
        if v is not None and v.max() > 0:
            q_theme[j] = int(v.argmax())
            q_score[j] = float(v.max() / max(q_n[q], 1))
    model._labels = f_labels
    q_of = dict(zip(q_ids.tolist(), q_theme.tolist(), strict=True))
    p_qtheme = np.array([q_of.get(q, -1) for q in allq], dtype=int)
    model.assignments_ = model._assignments(questions, q_theme, np.clip(q_score, 0, 1))
    model.point_assignments_ = model._point_assignments(points, p_theme, p_score, p_qtheme)
    model.point_assignments_["note"] = d.note
    return q_theme


def _stab(stab: tuple | None, j: int, which: int) -> float:
    return round(float(stab[which][j]), 3) if stab is not None else np.nan


def _theme_rows(model: Any, d: Docs, lv: Levels, f_kw: list, theme_concern: list[int],
                q_theme: np.ndarray) -> list[dict]:
    fine, experts, area = lv.fine, d.experts, d.area
    quotes_f = _quotes(fine, d.points, d.idx, d.ltexts, model.n_quotes)
    rows = []
    for t in range(fine.scores.shape[1]):
        m = fine.member[:, t]
        qm = q_theme == t
        mono, share = monologue(experts[fine.primary == t].tolist())
        rows.append({
            "theme_id": t, "label": lv.f_labels[t], "keywords": f_kw[t],
            "size": int(qm.sum()),
            "n_transcripts": int(len(set(experts[m]))),
            "areas": _counts(area[m]), "roles": _counts(d.role[m]),
            "quotes": quotes_f[t], "seed": "",
            "area": lv.owner[t] if lv.owner else "",
            "n_points": int(m.sum()),
            "concern_id": theme_concern[t],
            "stability": _stab(lv.f_stab, t, 0),
            "reappears": _stab(lv.f_stab, t, 1),
            "monologue": mono,
        })
    return rows


def _concern_rows(model: Any, d: Docs, lv: Levels, c_kw: list, theme_concern: list[int]) -> list[dict]:
    conc, experts = lv.conc, d.experts
    kf = lv.fine.scores.shape[1]
    quotes_c = _quotes(conc, d.points, d.idx, d.ltexts, model.n_quotes, members=True)
    reap = np.asarray(lv.c_stab[1], dtype=float) if lv.c_stab is not None else None
    k0 = lv.n_phrase
    head = phrase_columns(lv.p_found, conc.member[:, :k0], experts, d.area, None if reap is None else reap[:k0])
    rest = headline_columns(conc.member[:, k0:], experts, d.area, lv.phrases, lv.c_info[k0:],
                            None if reap is None else reap[k0:], conc.cores[k0:],
                            coherence=lv.coherence, generic=lv.generic)
    for i, r in enumerate(rest):  # the components' and residual concerns: below the headline, never on it
        r.update(headline=False, headline_rank=0, phrases=[], cohesion=np.nan, n_experts_label=0, label_areas={},
                 label_experts=[],
                 source=lv.c_source[k0 + i] if k0 + i < len(lv.c_source) else "components",
                 parent_id=r["parent_id"] + k0 if r["parent_id"] >= 0 else -1)
    head = head + rest
    crow = []
    for c in range(conc.scores.shape[1]):
        m = conc.member[:, c]
        ex = sorted(set(experts[m]))
        by_area: dict[str, set] = {}
        for a, e in zip(d.area[m], experts[m], strict=True):
            if a:
                by_area.setdefault(a, set()).add(e)
        n_areas = len(by_area)
        n_exp_in_areas = len(set().union(*by_area.values())) if by_area else 0
        mono, _ = monologue(experts[conc.primary == c].tolist())
        crow.append({
            "concern_id": c, "label": lv.c_labels[c],
            "cross_area": bool(n_areas >= 2 and n_exp_in_areas >= 2),
            "n_experts": len(ex), "n_areas": n_areas,
            "areas": {a: len(v) for a, v in sorted(by_area.items(), key=lambda kv: (-len(kv[1]), kv[0]))},
            "roles": _counts(d.role[m]), "n_points": int(m.sum()),
            "theme_ids": [t for t in range(kf) if theme_concern[t] == c],
            "keywords": c_kw[c], "experts": ex, "points": d.pid[m].tolist(),
            "quotes": quotes_c[c],
            "stability": _stab(lv.c_stab, c, 0),
            "reappears": _stab(lv.c_stab, c, 1),
            "monologue": mono, "seed": lv.c_seed[c] if c < len(lv.c_seed) else "",
            "residual": bool(c < len(lv.c_residual) and lv.c_residual[c]),
            **{col: head[c][col] for col in HEADLINE_COLUMNS},
        })
    return crow


def _counts(values: np.ndarray) -> dict[str, int]:
    vc = pd.Series(values, dtype=object).fillna("").astype(str).value_counts()
    return {k: int(v) for k, v in sorted(vc.items(), key=lambda kv: (-kv[1], kv[0]))}


def _quotes(level: Level, points: pd.DataFrame, idx: np.ndarray, texts: list[str], n: int,
            members: bool = False) -> list[list[dict]]:
    """Up to ``n`` quotes per group, one per expert, highest score first: from its rank-1 points
    (fine themes) or from all its members (``members``: concerns)."""
    k = level.scores.shape[1]
    out: list[list[dict]] = [[] for _ in range(k)]
    cols = [c for c in ("question_id", "point_id", "transcript_id", "speaker", "role", "area") if c in points.columns]
    recs = points[cols].iloc[idx].to_dict("records")
    for t in range(k):
        rows = np.flatnonzero(level.member[:, t] if members else level.primary == t)
        rows = sorted(rows, key=lambda i: (-round(level.scores[i, t], 6), -len(texts[i])))
        seen: set = set()
        for i in rows:
            r = recs[i]
            if r.get("transcript_id") in seen:
                continue
            seen.add(r.get("transcript_id"))
            out[t].append({
                "text": " ".join(texts[i].split()), "record_id": r.get("point_id"),
                "point_id": r.get("point_id"), "question_id": r.get("question_id"),
                "transcript_id": r.get("transcript_id"), "speaker": r.get("speaker"),
                "role": r.get("role"), "area": r.get("area"),
            })
            if len(out[t]) == n:
                break
    return out
