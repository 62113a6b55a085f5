"""Distinctive terms: the weighted log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008, "Fightin' Words"), for two term-count vectors
(:func:`log_odds_z`) or for two sets of questions of a corpus (:class:`TermStats`)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from ..errors import CompareError
from .result import TERM_COLUMNS

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
                 prior_scale: float, min_count: int):
        self.tid_codes = tid_codes
        self.prior = prior
        self.prior_scale = prior_scale
        self.min_count = min_count
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
        """z etc. for every term used in ma|mb (no min_count filter)."""
        ia, ib = np.flatnonzero(ma), np.flatnonzero(mb)
        ya = np.asarray(self.X[ia].sum(axis=0)).ravel()
        yb = np.asarray(self.X[ib].sum(axis=0)).ravel()
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
            "count_a": ya_u.astype(int),
            "count_b": yb_u.astype(int),
            "freq_a": ya_u / n_a,
            "freq_b": yb_u / n_b,
            "delta": delta,
            "se": se,
            "docs_a": self._docs(ia)[used],
            "docs_b": self._docs(ib)[used],
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
        st = self.stats(ma, mb)
        st = st[(st["count_a"] + st["count_b"]) >= self.min_count]
        st = st.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
        return st.assign(within=bname, group_a=a, group_b=b, n_a=n_a, n_b=n_b)[TERM_COLUMNS]

    def distinctive(self, ta: np.ndarray, tb: np.ndarray, z_crit: float) -> tuple[str, str, bool]:
        """The top five terms of each side (``"x, y, …"``) and whether both sides have a term
        with ``|z| >= z_crit``; with one side empty, each side's most frequent terms."""
        st = self.stats(ta, tb) if ta.any() and tb.any() else None
        if st is None or not len(st):
            return self.frequent(ta), self.frequent(tb), False
        st = st[(st["count_a"] + st["count_b"]) >= self.min_count]
        top_a = st[st["z"] > 0].sort_values("z", ascending=False)
        top_b = st[st["z"] < 0].sort_values("z")
        opposite = bool((st["z"] >= z_crit).any() and (st["z"] <= -z_crit).any())
        return ", ".join(top_a["term"].head(5)), ", ".join(top_b["term"].head(5)), opposite

    def frequent(self, m: np.ndarray, n: int = 5) -> str:
        """The ``n`` terms used most in questions ``m`` (``"x, y, …"``)."""
        if not m.any():
            return ""
        y = np.asarray(self.X[np.flatnonzero(m)].sum(axis=0)).ravel()
        top = [i for i in np.argsort(-y, kind="stable")[:n] if y[i] > 0]
        return ", ".join(self.vocab[top])
