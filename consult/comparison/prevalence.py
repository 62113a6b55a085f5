"""Theme prevalence by group: each transcript's share of questions per theme, averaged over a
group's transcripts, with a bootstrap confidence interval of the difference (the expert is the
resampling unit, so a talkative expert cannot decide a difference alone)."""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pandas as pd

from .result import MIN_EXPERTS_FOR_STATISTICS, PREVALENCE_COLUMNS

__all__ = ["ThemeBootstrap"]


def _sort_key(t: Any) -> tuple:
    return (0, t, "") if isinstance(t, int | np.integer | float) else (1, 0, str(t))


class ThemeBootstrap:
    """Rows of the ``prevalence`` table for two sets of questions (boolean masks).

    ``q_theme``: the theme_id of each question, or a tuple of its theme_ids (a multi-label
    model: a question counts towards each); ``tid_codes``: its transcript as an integer code;
    ``theme_labels``: theme_id → label. The same ``random_state`` gives the same CIs.
    """

    def __init__(self, q_theme: pd.Series, tid_codes: np.ndarray, theme_labels: dict[Any, str],
                 *, n_boot: int, ci: float, random_state: int,
                 min_experts: int = MIN_EXPERTS_FOR_STATISTICS):
        self.min_experts = min_experts
        self.q_theme = q_theme
        self._q_sets = [t if isinstance(t, tuple) else (() if pd.isna(t) else (t,)) for t in q_theme]
        self.tid_codes = tid_codes
        self.theme_labels = theme_labels
        self.n_boot = n_boot
        self.ci = ci
        self.random_state = random_state

    def _shares(self, m: np.ndarray, theme_ids: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Per transcript (rows) × theme: the share of the transcript's questions in the theme."""
        rows = np.flatnonzero(m)
        t_codes, t_inv = np.unique(self.tid_codes[rows], return_inverse=True)
        col = {t: j for j, t in enumerate(theme_ids)}
        pairs = [(k, col[t]) for k, i in enumerate(rows) for t in self._q_sets[i] if t in col]
        counts = np.zeros((len(t_codes), len(theme_ids)))
        if pairs:
            at, th = np.array(pairs, dtype=int).T
            np.add.at(counts, (t_inv[at], th), 1.0)
        n_q = np.bincount(t_inv, minlength=len(t_codes)).astype(float)
        return counts / n_q[:, None], t_codes

    def _rng(self, bname: str, a: str) -> np.random.Generator:
        return np.random.default_rng(
            [self.random_state, zlib.crc32(bname.encode()), zlib.crc32(a.encode())]
        )

    def _boot_means(self, P: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        n = P.shape[0]
        idx = rng.integers(0, n, size=(self.n_boot, n))
        idx += np.arange(self.n_boot)[:, None] * n
        W = np.bincount(idx.ravel(), minlength=self.n_boot * n).reshape(self.n_boot, n)
        return (W @ P) / n

    def table(self, bname: str, a: str, b: str, ma: np.ndarray, mb: np.ndarray) -> pd.DataFrame:
        """Shares of group ``a`` (questions ``ma``) and ``b`` per theme raised in block ``bname``,
        their difference and its bootstrap CI; ``k_a``/``k_b`` count transcripts raising it."""
        here = np.flatnonzero(ma | mb)
        themes_here = dict.fromkeys(t for i in here for t in self._q_sets[i])
        theme_ids = sorted(themes_here, key=_sort_key)
        Pa, _ = self._shares(ma, theme_ids)
        Pb, _ = self._shares(mb, theme_ids)
        share_a, share_b = Pa.mean(axis=0), Pb.mean(axis=0)
        rng = self._rng(bname, a)
        diffs = self._boot_means(Pa, rng) - self._boot_means(Pb, rng)
        lo, hi = np.quantile(diffs, [(1 - self.ci) / 2, 1 - (1 - self.ci) / 2], axis=0)
        if min(Pa.shape[0], Pb.shape[0]) < self.min_experts:
            lo = hi = np.full(len(theme_ids), np.nan)  # no interval for one or two experts
        n_a, n_b = Pa.shape[0], Pb.shape[0]
        return pd.DataFrame({
            "within": bname, "theme_id": theme_ids, "share_a": share_a, "share_b": share_b,
            "diff": share_a - share_b, "ci_low": lo, "ci_high": hi,
            "theme_label": [self.theme_labels.get(t, str(t)) for t in theme_ids],
            "n_a": n_a, "n_b": n_b,
            "k_a": (Pa > 0).sum(axis=0), "k_b": (Pb > 0).sum(axis=0),
            "group_a": a, "group_b": b,
        })[PREVALENCE_COLUMNS]
