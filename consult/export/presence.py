"""The transcript × theme presence table qualitative researchers ask for.

Long (tidy) form, one row per transcript and theme — every combination, zeros included::

    transcript_id, doc, area, speaker, organization, role,
    theme_id, theme_label, n_questions, n_points, present

``n_questions`` counts the transcript's questions assigned to the theme, ``n_points`` its points
(from point-level assignments when given — the segments a ``.qdpx`` codes — else the points of
those questions), ``present`` is 1 when either is positive. The wide form has one row per transcript and one column per theme
(``"<theme_id>. <label>"``) holding ``present`` (or a count, with ``value=``).

    >>> presence_table(corpus, model.assignments_, model.themes_)            # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import ConsultError
from .qdpx.codes import is_theme_id, theme_code_name, theme_rows
from .qdpx.elements import as_text

__all__ = ["presence_table", "PRESENCE_KEYS", "PRESENCE_COLUMNS"]

#: Transcript columns that lead each presence row.
PRESENCE_KEYS = ["transcript_id", "doc", "area", "speaker", "organization", "role"]

#: Columns of the long presence table, in order.
PRESENCE_COLUMNS = PRESENCE_KEYS + ["theme_id", "theme_label", "n_questions", "n_points", "present"]

_VALUES = ("present", "n_questions", "n_points")


def presence_table(
    corpus: Any,
    assignments: pd.DataFrame,
    themes: pd.DataFrame | None = None,
    *,
    point_assignments: pd.DataFrame | None = None,
    wide: bool = False,
    value: str = "present",
) -> pd.DataFrame:
    """Transcript × theme presence (0/1) and counts; long form unless ``wide``.

    Args:
        corpus: a :class:`~consult.Corpus` (``transcripts``, ``questions``, ``points``).
        assignments: ``theme_id`` with ``question_id`` (question level, e.g.
            ``ThemeModel.assignments_``) or ``point_id`` (point level); several rows per
            record are allowed; rows without a theme or with ``-1`` (no theme) are ignored.
        themes: the themes table (``theme_id``, ``label``) giving the theme order and labels;
            themes nobody was assigned to still get a column of zeros.
        point_assignments: point-level assignments (``ThemeModel.point_assignments_``) to count
            ``n_points`` with, next to question-level ``assignments`` counting
            ``n_questions``. Without it both counts come from ``assignments``.
        wide: one row per transcript, one column per theme.
        value: what the wide cells hold: ``present``, ``n_questions`` or ``n_points``.
    """
    if value not in _VALUES:
        raise ConsultError(f"unknown presence value {value!r}; use one of {', '.join(_VALUES)}")
    tables = [t for t in (assignments, point_assignments) if t is not None]
    if not tables or any("theme_id" not in getattr(t, "columns", []) for t in tables):
        raise ConsultError("a presence table needs theme assignments (a theme_id column)")

    hits = _hits(corpus, assignments)
    counts = _count(hits)
    if point_assignments is not None:
        p_counts = _count(_hits(corpus, point_assignments))
        counts = counts.drop(columns="n_points").merge(
            p_counts.drop(columns="n_questions"), on=["transcript_id", "theme_id"], how="outer")

    ordered = theme_rows(themes, pd.concat([t[["theme_id"]] for t in tables]))
    theme_df = pd.DataFrame(
        {"theme_id": [t["theme_id"] for t in ordered],
         "theme_label": [t["label"] for t in ordered],
         "_order": range(len(ordered))},
    )
    trans = corpus.transcripts.copy()
    for col in PRESENCE_KEYS:
        if col not in trans.columns:
            trans[col] = ""
    trans = trans[PRESENCE_KEYS].copy()
    trans["transcript_id"] = trans["transcript_id"].astype(str)
    trans["_t"] = range(len(trans))
    grid = trans.merge(theme_df, how="cross")
    grid = grid.merge(counts, on=["transcript_id", "theme_id"], how="left")
    for col in ("n_questions", "n_points"):
        grid[col] = grid[col].fillna(0).astype("int64")
    grid["present"] = ((grid["n_questions"] > 0) | (grid["n_points"] > 0)).astype("int64")
    grid = grid.sort_values(["_t", "_order"], kind="stable")
    long = grid[PRESENCE_COLUMNS].reset_index(drop=True)
    if not wide:
        return long

    names = {t["theme_id"]: theme_code_name(t["theme_id"], t["label"]) for t in ordered}
    out = trans.drop(columns="_t").reset_index(drop=True)
    for t in ordered:
        col = long.loc[long["theme_id"] == t["theme_id"], value].to_numpy()
        out[names[t["theme_id"]]] = col if len(col) == len(out) else 0
    return out


def _hits(corpus: Any, assignments: pd.DataFrame) -> pd.DataFrame:
    """(transcript_id, question_id, point_id, theme_id) for every assigned record."""
    points = corpus.points[["transcript_id", "question_id", "point_id"]].astype(str)
    a = assignments[assignments["theme_id"].map(is_theme_id)].copy()
    a["theme_id"] = a["theme_id"].map(as_text)
    if "point_id" in a.columns:
        a["point_id"] = a["point_id"].astype(str)
        return a[["point_id", "theme_id"]].merge(points, on="point_id", how="inner")
    if "question_id" in a.columns:
        a["question_id"] = a["question_id"].astype(str)
        q_hits = a[["question_id", "theme_id"]].merge(
            corpus.questions[["question_id", "transcript_id"]].astype(str), on="question_id",
            how="inner")
        return q_hits.merge(points[["question_id", "point_id"]], on="question_id", how="left")
    raise ConsultError("theme assignments need a point_id or question_id column")


def _count(hits: pd.DataFrame) -> pd.DataFrame:
    grouped = hits.groupby(["transcript_id", "theme_id"], sort=False)
    return pd.DataFrame({
        "n_questions": grouped["question_id"].nunique(),
        "n_points": grouped["point_id"].nunique(),
    }).reset_index()
