"""Analysts' own codes as consult's themes: a fitted-``ThemeModel``-like object.

``CodeThemes(codes, corpus)`` turns a codes table (:func:`consult.read_codes`) into the tables
the comparison, the findings and the report read from a theme model: ``themes_`` (one row per
code, labelled with the code's name), ``point_themes_`` (one row per coded point × code: every
code of a point, multi-label as the model's point themes), ``point_assignments_`` (one row per
point: its first code, ``-1`` when uncoded), ``assignments_`` (one row per question: the code
most of its points carry) and ``question_themes_`` (one row per question × each code on any
of its points: what the comparison counts). Codes are one level, so they are the concerns too:
``concerns_`` (one row per code; ``cross_area`` when at least two experts in at least two areas
carry it, as the model's) and ``concern_assignments_`` (``point_themes_`` by concern).

    >>> themes = CodeThemes(consult.read_codes("coded.qdpx", corpus), corpus)   # doctest: +SKIP
    >>> consult.analyze(corpus, themes=themes)                                  # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from ..records import NO_THEME

__all__ = ["CodeThemes", "STRUCTURAL_PARENTS"]

#: the columns of ``concerns_`` (those of the model's that codes have)
CONCERN_COLUMNS = ["concern_id", "label", "cross_area", "n_experts", "n_areas", "areas", "roles",
                   "n_points", "theme_ids", "keywords", "experts", "points", "quotes", "stability",
                   "reappears", "monologue", "seed", "residual"]

#: code parents consult writes for structure, not content (left out of the themes)
STRUCTURAL_PARENTS = ("질문 번호 (question numbers)",)
_NO_CODE = "(코드 없음)"


def _counts(values: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in values.value_counts().items() if str(k)}


class CodeThemes:
    """Codes read from a QDA project, in the shape of a fitted ``ThemeModel``.

    Parameters
    ----------
    codes: the codes table (``point_id``, ``code``; ``coder``, ``code_path`` used if present).
    corpus: the corpus the codes were read over.
    coder: keep only this coder's codes (default: every coder's, united).
    """

    backend = "codes"

    def __init__(self, codes: pd.DataFrame, corpus: Any, *, coder: str | None = None):
        table = codes
        if coder is not None and "coder" in table.columns:
            table = table[table["coder"] == coder]
        if "code_path" in table.columns:
            structural = table["code_path"].astype(str).str.startswith(STRUCTURAL_PARENTS)
            table = table[~structural]
        points = corpus.points
        table = table[table["point_id"].isin(set(points["point_id"]))]
        pairs = table[["point_id", "code"]].drop_duplicates()
        order = pairs["code"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
        self.codes = list(order.index)
        self.theme_of = {c: i for i, c in enumerate(self.codes)}
        self.n_themes_ = len(self.codes)
        self._build(pairs, points, corpus.questions)

    def _build(self, pairs: pd.DataFrame, points: pd.DataFrame, questions: pd.DataFrame) -> None:
        info = points.set_index("point_id")
        pt = pairs.assign(theme_id=pairs["code"].map(self.theme_of)).sort_values(
            ["point_id", "theme_id"], kind="stable")
        pt["rank"] = pt.groupby("point_id").cumcount()
        for col in ("question_id", "transcript_id", "area", "role"):
            pt[col] = pt["point_id"].map(info[col])
        pt["theme_label"], pt["score"] = pt["code"], 1.0
        self.point_themes_ = pt[["point_id", "question_id", "transcript_id", "area", "role",
                                 "theme_id", "theme_label", "score", "rank"]].reset_index(drop=True)
        first = pt[pt["rank"] == 0].set_index("point_id")["theme_id"]
        q_theme = self._question_themes(pt, questions)
        pa = points[["transcript_id", "question_id", "point_id", "point_no"]].copy()
        pa["theme_id"] = pa["point_id"].map(first).fillna(NO_THEME).astype(int)
        pa["theme_label"] = pa["theme_id"].map(self._label)
        pa["score"] = (pa["theme_id"] != NO_THEME).astype(float)
        pa["question_theme_id"] = pa["question_id"].map(q_theme).fillna(NO_THEME).astype(int)
        for col in ("transcript_kind", "area", "role"):
            pa[col] = points[col].to_numpy()
        self.point_assignments_ = pa.reset_index(drop=True)
        qa = questions[["transcript_id", "question_id", "question_no", "question_line"]].copy()
        qa["theme_id"] = qa["question_id"].map(q_theme).fillna(NO_THEME).astype(int)
        qa["theme_label"] = qa["theme_id"].map(self._label)
        n_points = questions.set_index("question_id")["n_points"]
        share = pt.groupby(["question_id", "theme_id"]).size()
        qa["score"] = [float(share.get((q, t), 0)) / max(int(n_points.get(q, 1)), 1)
                       for q, t in zip(qa["question_id"], qa["theme_id"], strict=True)]
        for col in ("transcript_kind", "area", "role"):
            qa[col] = questions[col].to_numpy()
        self.assignments_ = qa.reset_index(drop=True)
        self.themes_ = self._themes_table(pt)
        qt = pt.groupby(["question_id", "theme_id"], sort=True).size().rename("n_points").reset_index()
        self.question_themes_ = qt.assign(theme_label=qt["theme_id"].map(self._label))[
            ["question_id", "theme_id", "theme_label", "n_points"]]
        self.concern_assignments_ = self.point_themes_.rename(
            columns={"theme_id": "concern_id", "theme_label": "concern_label"})
        self.concerns_ = self._concerns_table(pt)

    def _label(self, theme_id: int) -> str:
        return self.codes[theme_id] if theme_id >= 0 else _NO_CODE

    @staticmethod
    def _question_themes(pt: pd.DataFrame, questions: pd.DataFrame) -> dict[str, int]:
        """question → the code most of its points carry (ties: the more frequent code)."""
        out: dict[str, int] = {}
        for qid, rows in pt.groupby("question_id", sort=False):
            counts = Counter(rows["theme_id"].tolist())
            out[str(qid)] = min(counts, key=lambda t: (-counts[t], t))
        return out

    def _themes_table(self, pt: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for t, code in enumerate(self.codes):
            m = pt[pt["theme_id"] == t]
            rows.append({"theme_id": t, "label": code, "keywords": [], "size": int(len(m)),
                         "n_transcripts": int(m["transcript_id"].nunique()),
                         "areas": _counts(m["area"].astype(str)),
                         "roles": _counts(m["role"].astype(str)),
                         "quotes": m["point_id"].head(3).tolist(), "seed": "codes"})
        return pd.DataFrame(rows, columns=["theme_id", "label", "keywords", "size",
                                           "n_transcripts", "areas", "roles", "quotes", "seed"])

    def _concerns_table(self, pt: pd.DataFrame) -> pd.DataFrame:
        """One row per code in the columns the report reads from the model's ``concerns_``
        (no stability: codes are not refitted)."""
        rows = []
        for t, code in enumerate(self.codes):
            m = pt[pt["theme_id"] == t]
            named = m[m["area"].fillna("").astype(str) != ""]
            by_area = named.groupby(named["area"].astype(str))["transcript_id"].nunique()
            by_area = by_area.sort_index().sort_values(ascending=False, kind="stable")
            n_in_areas = int(named["transcript_id"].nunique())
            experts = sorted(set(m["transcript_id"].astype(str)))
            rows.append({"concern_id": t, "label": code,
                         "cross_area": bool(len(by_area) >= 2 and n_in_areas >= 2),
                         "n_experts": len(experts), "n_areas": int(len(by_area)),
                         "areas": {str(a): int(k) for a, k in by_area.items()},
                         "roles": _counts(m["role"].astype(str)), "n_points": int(len(m)),
                         "theme_ids": [t], "keywords": [], "experts": experts,
                         "points": m["point_id"].astype(str).tolist(),
                         "quotes": m["point_id"].astype(str).head(3).tolist(),
                         "stability": float("nan"), "reappears": float("nan"), "monologue": False,
                         "seed": "codes", "residual": False})
        return pd.DataFrame(rows, columns=CONCERN_COLUMNS)

    def __repr__(self) -> str:
        return f"CodeThemes({self.n_themes_} codes over {len(self.point_assignments_)} points)"
