"""The transcript × theme presence table qualitative researchers ask for.

Long (tidy) form, one row per transcript and theme — every combination, zeros included::

    transcript_id, doc, area, speaker, organization, role,
    theme_id, theme_label, n_questions, n_points, present

``n_questions`` counts the transcript's questions assigned to the theme, ``n_points`` its points
(with question-level assignments, the points of those questions), ``present`` is 1 when either
is positive. The wide form has one row per transcript and one column per theme
(``"<theme_id>. <label>"``) holding ``present`` (or a count, with ``value=``).

    >>> presence_table(corpus, model.assignments_, model.themes_)            # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import ConsultError
from .qdpx import _text, _theme_rows, theme_code_name

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
    wide: bool = False,
    value: str = "present",
) -> pd.DataFrame:
    """Transcript × theme presence (0/1) and counts; long form unless ``wide``.

    Args:
        corpus: a :class:`~consult.Corpus` (``transcripts``, ``questions``, ``points``).
        assignments: ``theme_id`` with ``point_id`` or ``question_id`` (several rows per record
            are allowed); rows without a theme are ignored.
        themes: the themes table (``theme_id``, ``label``) giving the theme order and labels;
            themes nobody was assigned to still get a column of zeros.
        wide: one row per transcript, one column per theme.
        value: what the wide cells hold: ``present``, ``n_questions`` or ``n_points``.
    """
    if value not in _VALUES:
        raise ConsultError(f"unknown presence value {value!r}; use one of {', '.join(_VALUES)}")
    if assignments is None or "theme_id" not in getattr(assignments, "columns", []):
        raise ConsultError("a presence table needs theme assignments (a theme_id column)")
    points = corpus.points[["transcript_id", "question_id", "point_id"]].astype(str)
    a = assignments.copy()
    a = a[a["theme_id"].map(lambda t: _text(t) != "")]
    a["theme_id"] = a["theme_id"].map(_text)
    if "point_id" in a.columns:
        a["point_id"] = a["point_id"].astype(str)
        hits = a[["point_id", "theme_id"]].merge(points, on="point_id", how="inner")
    elif "question_id" in a.columns:
        a["question_id"] = a["question_id"].astype(str)
        q_hits = a[["question_id", "theme_id"]].merge(
            corpus.questions[["question_id", "transcript_id"]].astype(str), on="question_id",
            how="inner")
        hits = q_hits.merge(points[["question_id", "point_id"]], on="question_id", how="left")
    else:
        raise ConsultError("theme assignments need a point_id or question_id column")

    grouped = hits.groupby(["transcript_id", "theme_id"], sort=False)
    counts = pd.DataFrame({
        "n_questions": grouped["question_id"].nunique(),
        "n_points": grouped["point_id"].nunique(),
    }).reset_index()

    theme_rows = _theme_rows(themes, a)
    theme_df = pd.DataFrame(
        {"theme_id": [t["theme_id"] for t in theme_rows],
         "theme_label": [t["label"] for t in theme_rows],
         "_order": range(len(theme_rows))},
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

    names = {t["theme_id"]: theme_code_name(t["theme_id"], t["label"]) for t in theme_rows}
    out = trans.drop(columns="_t").reset_index(drop=True)
    for t in theme_rows:
        col = long.loc[long["theme_id"] == t["theme_id"], value].to_numpy()
        out[names[t["theme_id"]]] = col if len(col) == len(out) else 0
    return out
