"""Theme matrices from a fitted ``ThemeModel`` (its multi-label ``point_themes_``), as NVivo's
matrix coding and MAXQDA's code relations browser show them.

    >>> from consult.explore import theme_cooccurrence, theme_expert_matrix   # doctest: +SKIP
    >>> theme_cooccurrence(model, unit="expert")      # doctest: +SKIP
    >>> theme_expert_matrix(model, corpus)            # doctest: +SKIP

(``theme_cooccurrence``: themes raised by the same expert; ``theme_expert_matrix``: points per
expert and theme.)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import NotFittedError, UsageError
from ..records import is_theme

__all__ = ["theme_cooccurrence", "theme_expert_matrix", "UNITS"]

#: what "together" means: the same answer point, or the same expert (transcript)
UNITS = {"point": "point_id", "expert": "transcript_id"}


def _point_themes(model: Any) -> tuple[pd.DataFrame, dict[Any, str]]:
    table = getattr(model, "point_themes_", None)
    if table is None:
        table = getattr(model, "point_assignments_", None)
    if not isinstance(table, pd.DataFrame):
        raise NotFittedError("theme matrices need a fitted ThemeModel (point_themes_)")
    if not {"point_id", "transcript_id", "theme_id"} <= set(table.columns):
        raise UsageError("point_themes_ needs point_id, transcript_id and theme_id columns")
    table = table[table["theme_id"].map(is_theme)]
    info = getattr(model, "themes_", None)
    labels: dict[Any, str] = {}
    if isinstance(info, pd.DataFrame) and "theme_id" in info:
        col = "label" if "label" in info else "theme_label"
        labels = {t: f"{t}: {lab}" for t, lab in zip(info["theme_id"], info[col], strict=False)}
    return table, labels


def _indicator(table: pd.DataFrame, key: str) -> pd.DataFrame:
    """Units × themes, 1 when the unit carries the theme."""
    pairs = table[[key, "theme_id"]].drop_duplicates()
    return pd.crosstab(pairs[key], pairs["theme_id"]).clip(upper=1)


def theme_cooccurrence(model: Any, unit: str = "point", *, label: bool = True) -> pd.DataFrame:
    """Theme × theme: how many units (answer points, or experts with ``unit="expert"``) carry
    both themes; the diagonal is the units carrying the theme. Rows and columns are labelled
    ``"<id>: <label>"`` (``label=False``: theme ids)."""
    if unit not in UNITS:
        raise UsageError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    table, labels = _point_themes(model)
    x = _indicator(table, UNITS[unit])
    out = x.T @ x
    out.index.name = out.columns.name = None
    if label and labels:
        out = out.rename(index=labels, columns=labels)
    return out


def theme_expert_matrix(model: Any, corpus: Any = None, *, label: bool = True) -> pd.DataFrame:
    """Expert × theme: the expert's answer points carrying each theme. With ``corpus`` the rows
    carry ``speaker``, ``role`` and ``area`` before the theme columns (index ``transcript_id``)."""
    table, labels = _point_themes(model)
    pairs = table[["point_id", "transcript_id", "theme_id"]].drop_duplicates()
    out = pd.crosstab(pairs["transcript_id"], pairs["theme_id"])
    out.columns.name = None
    if label and labels:
        out = out.rename(columns=labels)
    if corpus is not None:
        tr = corpus.transcripts.set_index("transcript_id")[["speaker", "role", "area"]]
        out = tr.join(out, how="left").fillna(0)
        for col in out.columns[3:]:
            out[col] = out[col].astype(int)
    return out
