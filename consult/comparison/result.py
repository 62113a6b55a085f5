"""The result of :func:`consult.compare`: the :class:`Comparison` and the columns of its tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..display import comparison_html
from ..labels import NO_AREA

__all__ = [
    "Comparison",
    "ALL",
    "NO_VALUE",
    "GROUP_COLUMNS",
    "TERM_COLUMNS",
    "MIN_EXPERTS_FOR_STATISTICS",
    "PREVALENCE_COLUMNS",
    "PAIR_COLUMNS",
    "concat_rows",
]

#: ``within`` value of the pooled block (every record of the compared groups).
ALL = "(all)"
#: ``within`` value for records whose ``within`` column is empty (e.g. forum talks have no area):
#: the name every output gives them, ``포럼·기타`` (:data:`consult.labels.NO_AREA`).
NO_VALUE = NO_AREA

GROUP_COLUMNS = [
    "within", "group", "n_transcripts", "n_questions", "n_tokens", "small_sample", "speakers",
]
TERM_COLUMNS = [
    "within", "term", "z", "count_a", "count_b", "freq_a", "freq_b",
    "group_a", "group_b", "delta", "se", "docs_a", "docs_b", "n_a", "n_b", "statistic",
]
#: the smallest number of experts on each side for which a z-score or an interval is shown
MIN_EXPERTS_FOR_STATISTICS = 3
PREVALENCE_COLUMNS = [
    "within", "theme_id", "share_a", "share_b", "diff", "ci_low", "ci_high",
    "theme_label", "n_a", "n_b", "k_a", "k_b", "group_a", "group_b",
]
PAIR_COLUMNS = [
    "within", "area", "question_group", "question", "group_a", "group_b", "similarity",
    "transcript_id_a", "speaker_a", "question_id_a", "answer_a",
    "transcript_id_b", "speaker_b", "question_id_b", "answer_b",
    "question_b", "theme_a", "theme_b",
]


def concat_rows(parts: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """The non-empty ``parts`` one after the other, in ``columns``; no rows: an empty table."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return pd.concat(parts, ignore_index=True)[columns]


@dataclass(frozen=True, repr=False)
class Comparison:
    """The result of :func:`compare`: four DataFrames and the settings that made them."""

    by: str
    groups: tuple[str, ...]
    within: str
    comparisons: tuple[tuple[str, str], ...]
    groups_summary: pd.DataFrame
    terms: pd.DataFrame
    prevalence: pd.DataFrame
    pairs: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by sheet name, in reading order (for ``consult.output.write_tables``)."""
        return {
            "groups": self.groups_summary,
            "terms": self.terms,
            "prevalence": self.prevalence,
            "pairs": self.pairs,
        }

    def top_terms(self, n: int = 10, within: str | None = None, group: str | None = None) -> pd.DataFrame:
        """The ``n`` terms leaning most to ``group`` (default: each side of each comparison), in
        each block (``within``: one block, e.g. an area; ``None``: every block).

        A term leans by its z-score; in a block with fewer than 3 experts a side (no z, counts
        only) by the difference of the shares of each side's experts who use it. Returns rows of
        ``terms`` with an added ``leans_to`` column, strongest first.
        """
        t = self.terms
        if within is not None:
            t = t[t["within"] == within]
        share = t["docs_a"] / t["n_a"].clip(lower=1) - t["docs_b"] / t["n_b"].clip(lower=1)
        t = t.assign(_lean=t["z"].where(t["z"].notna(), share))
        out = []
        for a, b in self.comparisons:
            sub = t[(t["group_a"] == a) & (t["group_b"] == b)]
            for side, name in ((1, a), (-1, b)):
                if group is not None and group != name:
                    continue
                for _block, rows in sub[sub["_lean"] * side > 0].groupby("within", sort=False):
                    rows = rows.assign(_key=rows["_lean"] * side).sort_values("_key", ascending=False)
                    out.append(rows.head(n).drop(columns="_key").assign(leans_to=name))
        if not out:
            return t.head(0).drop(columns="_lean").assign(leans_to=pd.Series(dtype=object))
        return pd.concat(out, ignore_index=True).drop(columns="_lean")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables().items())
        return (
            f"Comparison(by={self.by!r}, groups={self.groups!r}, within={self.within!r}; {sizes})"
        )

    def _repr_html_(self) -> str:
        """Jupyter view: group sizes, top terms and theme prevalence."""
        return str(comparison_html(self))
