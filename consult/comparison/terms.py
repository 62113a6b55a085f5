"""Distinctive terms: the weighted log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008, "Fightin' Words"), for two term-count vectors
(:func:`log_odds_z`) or for two sets of questions of a corpus (:class:`TermStats`).

In a corpus the **expert is the unit**: a term counts once per expert who uses it (``docs_a``,
``docs_b``), so one talkative expert cannot make a term distinctive; the token counts are shown
beside. Terms used by a single expert, and the words a side uses for itself (``교수``, ``산업계``,
``자사`` … from ``consult/data/stance.toml``), are left out; a row is kept only when its leaning
agrees with the experts' shares; with fewer than
:data:`~consult.comparison.result.MIN_EXPERTS_FOR_STATISTICS` experts on a side no z is computed
(``statistic = "counts only"``)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from ..errors import CompareError
from ..findings.stance import StanceRules
from .result import MIN_EXPERTS_FOR_STATISTICS, TERM_COLUMNS

__all__ = ["log_odds_z", "TermStats"]

_STAT_COLUMNS = ["term", "z", "count_a", "count_b", "freq_a", "freq_b", "delta", "se",
                 "docs_a", "docs_b"]


def _log_odds_arrays(
    y_a: np.ndarray, y_b: np.ndarray, alpha: np.ndarray, n_a: float, n_b: float, a0: float
) -> tuple[np.ndarray, np.ndarray]:
    """delta and its standard error for every term (Monroe et al. 2008, eq. 16 and 18).

    A vocabulary of one term (all tokens and all prior mass on it) has no odds: delta is 0.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        ya, yb = y_a + alpha, y_b + alpha
        delta = np.log(ya / (n_a + a0 - ya)) - np.log(yb / (n_b + a0 - yb))
        se = np.sqrt(1.0 / ya + 1.0 / yb)
    delta = np.where(np.isnan(delta), 0.0, delta)
    return delta, se


def log_odds_z(
    counts_a: Mapping[str, float] | pd.Series,
    counts_b: Mapping[str, float] | pd.Series,
    prior: Mapping[str, float] | pd.Series | None = None,
) -> pd.Series:
    """z-scores of the weighted log-odds ratio with a Dirichlet prior, one per term.

    ``counts_a``/``counts_b`` map term → count in each group; ``prior`` maps term → the prior
    pseudo-count alpha_w (by default the pooled counts of both groups, the usual informative
    choice). Positive z: the term leans to group a. Swapping a and b negates every z.

        >>> z = log_odds_z({"x": 3, "y": 1}, {"x": 1, "y": 3})
        >>> bool(z["x"] > 0 and np.isclose(z["x"], -z["y"]))
        True
    """
    a = pd.Series(counts_a, dtype=float)
    b = pd.Series(counts_b, dtype=float)
    terms = a.index.union(b.index)
    a, b = a.reindex(terms, fill_value=0.0), b.reindex(terms, fill_value=0.0)
    if prior is None:
        alpha = a + b
    else:
        alpha = pd.Series(prior, dtype=float).reindex(terms)
        if alpha.isna().any() or (alpha <= 0).any():
            raise CompareError("the prior needs a positive pseudo-count for every term")
    delta, se = _log_odds_arrays(
        a.to_numpy(), b.to_numpy(), alpha.to_numpy(), a.sum(), b.sum(), alpha.sum()
    )
    return pd.Series(delta / se, index=terms, name="z")


class TermStats:
    """The question × term count matrix, and the log-odds statistics of any two sets of its
    questions (boolean masks over the questions).

    ``prior``: ``"corpus"``, ``"block"`` or ``"uniform"``, with total weight ``prior_scale`` ×
    the tokens compared; terms used fewer than ``min_count`` times are left out of the tables.
    """

    def __init__(self, tokens: pd.Series, tid_codes: np.ndarray, *, prior: str,
                 prior_scale: float, min_count: int,
                 min_experts: int = MIN_EXPERTS_FOR_STATISTICS):
        self.tid_codes = tid_codes
        self.prior = prior
        self.prior_scale = prior_scale
        self.min_count = min_count
        self.self_words = frozenset(StanceRules.default().self_words)
        self.min_experts = min_experts
        # question × term count matrix, built without a Python loop over tokens
        lengths = tokens.map(len).to_numpy()
        flat = [t for toks in tokens for t in toks]
        codes, vocab = pd.factorize(pd.Series(flat, dtype=object), sort=False)
        rows = np.repeat(np.arange(len(tokens)), lengths)
        self.X = sparse.csr_matrix(
            (np.ones(len(codes)), (rows, codes)), shape=(len(tokens), len(vocab))
        )
        self.X.sum_duplicates()
        self.vocab = np.asarray(vocab, dtype=object)
        #: tokens per question
        self.n_tokens = pd.Series(lengths)
        bg = np.asarray(self.X.sum(axis=0)).ravel()
        self.background = bg / bg.sum() if bg.sum() else bg

    def stats(self, ma: np.ndarray, mb: np.ndarray) -> pd.DataFrame:
        """z etc. for every term used in ma|mb (no min_count filter); z over experts."""
        ia, ib = np.flatnonzero(ma), np.flatnonzero(mb)
        ca = np.asarray(self.X[ia].sum(axis=0)).ravel()
        cb = np.asarray(self.X[ib].sum(axis=0)).ravel()
        da, db = self._docs(ia), self._docs(ib)
        ya, yb = da.astype(float), db.astype(float)  # the expert is the unit
        n_a, n_b = ya.sum(), yb.sum()
        used = np.flatnonzero((ya + yb) > 0)
        if n_a == 0 or n_b == 0 or len(used) == 0:
            return pd.DataFrame(columns=_STAT_COLUMNS)
        a0 = self.prior_scale * (n_a + n_b)
        if self.prior == "corpus":
            pi = self.background
        elif self.prior == "block":
            pi = (ya + yb) / (n_a + n_b)
        else:
            pi = np.where((ya + yb) > 0, 1.0, 0.0)
            pi = pi / pi.sum()
        ya_u, yb_u, alpha = ya[used], yb[used], a0 * pi[used]
        delta, se = _log_odds_arrays(ya_u, yb_u, alpha, n_a, n_b, a0)
        return pd.DataFrame({
            "term": self.vocab[used],
            "z": delta / se,
            "count_a": ca[used].astype(int),
            "count_b": cb[used].astype(int),
            "freq_a": ca[used] / max(ca.sum(), 1),
            "freq_b": cb[used] / max(cb.sum(), 1),
            "delta": delta,
            "se": se,
            "docs_a": da[used],
            "docs_b": db[used],
        })

    def _docs(self, rows: np.ndarray) -> np.ndarray:
        """Per term: the number of transcripts (among ``rows``' questions) that use it."""
        codes = self.tid_codes[rows]
        uniq, inv = np.unique(codes, return_inverse=True)
        ind = sparse.csr_matrix(
            (np.ones(len(rows)), (inv, np.arange(len(rows)))), shape=(len(uniq), len(rows))
        )
        per_t = ind @ self.X[rows]
        return np.asarray((per_t > 0).sum(axis=0)).ravel().astype(int)

    def block(self, bname: str, a: str, b: str, ma: np.ndarray, mb: np.ndarray,
              n_a: int, n_b: int) -> pd.DataFrame:
        """Rows of the ``terms`` table for group ``a`` (questions ``ma``, ``n_a`` transcripts)
        against ``b`` in block ``bname``, strongest lean to ``a`` first."""
        st = self._honest(self.stats(ma, mb), n_a, n_b)
        if min(n_a, n_b) < self.min_experts:
            st = st.assign(z=np.nan, delta=np.nan, se=np.nan, statistic="counts only",
                           _lean=st["docs_a"] / max(n_a, 1) - st["docs_b"] / max(n_b, 1))
            st = st.sort_values(["_lean", "term"], ascending=[False, True], kind="mergesort")
        else:
            st = st.assign(statistic="log-odds z over experts")
            st = st.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
        return st.assign(within=bname, group_a=a, group_b=b, n_a=n_a, n_b=n_b)[TERM_COLUMNS]

    def _honest(self, st: pd.DataFrame, n_a: int, n_b: int) -> pd.DataFrame:
        """Rows a reader can trust: used ``min_count`` times by ≥ 2 experts, not a side's word
        for itself, and leaning the way the experts' shares lean."""
        st = st[((st["count_a"] + st["count_b"]) >= self.min_count)
                & ((st["docs_a"] + st["docs_b"]) >= 2) & ~st["term"].isin(self.self_words)]
        share = st["docs_a"] / max(n_a, 1) - st["docs_b"] / max(n_b, 1)
        return st[(share * st["z"] > 0) | ((share == 0) & (st["z"] == 0))]
