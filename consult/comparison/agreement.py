"""Consensus and divergence: every theme raised in a block lands in exactly one of the two,
with the note that says why, each side's distinctive terms and a quote from each side."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..records import clip, is_theme, pick_quote
from .result import CONSENSUS_COLUMNS, DIVERGENCE_COLUMNS
from .terms import TermStats

__all__ = ["QuotePicker", "ThemeAgreement"]

_QUOTE_CHARS = 200
_ROW_FROM_PREVALENCE = ("within", "theme_id", "theme_label", "group_a", "group_b", "n_a", "n_b",
                        "k_a", "k_b", "share_a", "share_b", "diff", "ci_low", "ci_high")


class QuotePicker:
    """Per question, its quote candidates (its answer points, else its answer); picks the one
    of a set of questions that best carries a theme's keywords."""

    def __init__(self, questions: pd.DataFrame, points: pd.DataFrame | None, qids: np.ndarray,
                 keywords: dict[Any, list[str]]):
        self.keywords = keywords
        cands: list[list[tuple[str, str]]] = [[] for _ in range(len(questions))]
        if points is not None and {"question_id", "point_id", "text"} <= set(points.columns):
            row_of = {qid: i for i, qid in enumerate(qids)}
            for qid, pid, text in zip(points["question_id"].astype(str),
                                      points["point_id"].astype(str),
                                      points["text"].astype(str), strict=False):
                i = row_of.get(qid)
                if i is not None:
                    cands[i].append((pid, text))
        if "answer" in questions:
            for i, ans in enumerate(questions["answer"].astype(str)):
                if not cands[i] and ans.strip():
                    cands[i].append((qids[i], ans))
        self._candidates = cands

    def pick(self, m: np.ndarray, theme_id: Any) -> tuple[str, str]:
        """(quote, record id): the answer point (or answer) of questions ``m`` that best
        carries the theme; ``("", "")`` when they have none."""
        cands = [c for i in np.flatnonzero(m) for c in self._candidates[i]]
        best = pick_quote(cands, self.keywords.get(theme_id, []))
        if best is None:
            return "", ""
        return clip(cands[best][1], _QUOTE_CHARS), cands[best][0]


def _note(kind: str, r: pd.Series, a: str, b: str) -> str:
    raised = f"raised by {r['k_a']}/{r['n_a']} {a} and {r['k_b']}/{r['n_b']} {b} transcripts"
    if kind == "one_sided":
        return f"only {a if r['k_a'] > 0 else b}: {raised}"
    if kind == "unequal_share":
        return (f"both raise it, {a if r['diff'] > 0 else b} clearly more "
                f"(diff {r['diff']:+.2f}, CI {r['ci_low']:+.2f}..{r['ci_high']:+.2f}): {raised}")
    if kind == "opposite_terms":
        return f"both raise it in different words (distinctive terms on each side): {raised}"
    return f"both raise it: {raised}"


def _both_raise_kind(r: pd.Series, opposite: bool) -> tuple[str, str]:
    if opposite:
        return "opposite_terms", ""
    if min(r["n_a"], r["n_b"]) >= 2 and (r["ci_low"] > 0 or r["ci_high"] < 0):
        return "unequal_share", r["group_a"] if r["diff"] > 0 else r["group_b"]
    return "consensus", ""


class ThemeAgreement:
    """Sorts the themes of a block's ``prevalence`` rows into consensus and divergence rows.

    ``q_theme``: the theme_id of each question; ``qids``: its question_id. A theme counts as
    divergence when one group only raises it, when both sides have a distinctive term
    (``|z| >= z_crit``, "opposite_terms"), or when the share CI excludes 0 ("unequal_share").
    """

    def __init__(self, q_theme: pd.Series, qids: np.ndarray, terms: TermStats,
                 quotes: QuotePicker, *, z_crit: float):
        self.q_theme = q_theme.to_numpy()
        self.qids = qids
        self.terms = terms
        self.quotes = quotes
        self.z_crit = z_crit

    def split(self, prev: pd.DataFrame, a: str, b: str, ma: np.ndarray,
              mb: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(consensus rows, divergence rows) of group ``a`` (questions ``ma``) against ``b``."""
        cons, div = [], []
        for _, r in prev.iterrows():
            if not is_theme(r["theme_id"]) or (r["k_a"] == 0 and r["k_b"] == 0):
                continue
            row, opposite = self._row(r, ma, mb)
            if r["k_a"] > 0 and r["k_b"] > 0:
                kind, leans = _both_raise_kind(r, opposite)
            else:
                kind, leans = "one_sided", (a if r["k_a"] > 0 else b)
            row["note"] = _note(kind, r, a, b)
            if kind == "consensus":
                cons.append(row)
            else:
                div.append({**row, "kind": kind, "leans_to": leans})
        return (
            pd.DataFrame(cons, columns=CONSENSUS_COLUMNS),
            pd.DataFrame(div, columns=DIVERGENCE_COLUMNS),
        )

    def _row(self, r: pd.Series, ma: np.ndarray, mb: np.ndarray) -> tuple[dict, bool]:
        """A theme's row (all but ``note``) and whether each side has a distinctive term."""
        in_theme = self.q_theme == r["theme_id"]
        ta, tb = ma & in_theme, mb & in_theme
        terms_a, terms_b, opposite = self.terms.distinctive(ta, tb, self.z_crit)
        qa, qida = self.quotes.pick(ta, r["theme_id"])
        qb, qidb = self.quotes.pick(tb, r["theme_id"])
        return {
            **{k: r[k] for k in _ROW_FROM_PREVALENCE},
            "small_sample": bool(min(r["n_a"], r["n_b"]) < 2),
            "terms_a": terms_a, "terms_b": terms_b,
            "quote_a": qa, "quote_a_id": qida, "quote_b": qb, "quote_b_id": qidb,
            "question_ids_a": "; ".join(self.qids[ta]),
            "question_ids_b": "; ".join(self.qids[tb]),
        }, opposite
