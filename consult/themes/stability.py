"""How stable a level's clusters are over refits: best Jaccard overlap, run by run.

``jaccard_stability`` compares one cluster per point (fine themes), ``set_stability`` a points x
clusters membership (concerns, multi-label) — see :mod:`consult.themes.concerns`.

    >>> jaccard_stability(np.array([0, 0, 1]), [], 2)
    (array([1., 1.]), array([1., 1.]))
"""

from __future__ import annotations

import numpy as np


def jaccard_stability(ref: np.ndarray, runs: list[np.ndarray], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per reference cluster: mean best Jaccard over runs, share of runs with best >= 0.5.

    A reference cluster is compared on the points the run saw (``r >= 0``) with every cluster
    of the run; one contingency table per run.

        >>> jaccard_stability(np.array([0, 0, 1, 1]), [np.array([0, 0, 1, -1])], 2)
        (array([1., 1.]), array([1., 1.]))
    """
    ref = np.asarray(ref).astype(int)
    if not runs:
        return np.ones(k), np.ones(k)
    present = np.isin(np.arange(k), ref)
    bests = np.zeros((len(runs), k))
    for i, r in enumerate(runs):
        r = np.asarray(r).astype(int)
        seen = r >= 0
        us, col = np.unique(r[seen], return_inverse=True)
        if not len(us):
            continue
        both = seen & (ref >= 0) & (ref < k)
        inter = np.zeros((k, len(us)))
        np.add.at(inter, (ref[both], col[both[seen]]), 1.0)
        a = inter.sum(axis=1, keepdims=True)
        b = np.bincount(col, minlength=len(us))[None, :]
        bests[i] = (inter / (a + b - inter)).max(axis=1)
    stab = np.where(present, bests.mean(axis=0), 0.0)
    reap = np.where(present, (bests >= 0.5).mean(axis=0), 0.0)
    return stab, reap


def set_stability(ref: np.ndarray, runs: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Multi-label clusters (concerns): per column of ``ref`` (points x clusters, bool), the mean
    over ``runs`` of the best Jaccard overlap between its points that the run saw and the points
    of any cluster of the run, and the share of runs where that overlap is >= 0.5. A run is
    ``(seen, member)``: which points it saw and its own points x clusters membership.

        >>> ref = np.array([[1, 0], [1, 0], [0, 1], [1, 1]], bool)
        >>> set_stability(ref, [(np.array([1, 1, 1, 0], bool), np.array([[1], [1], [0], [0]], bool))])
        (array([1., 0.]), array([1., 0.]))
    """
    ref = np.asarray(ref, bool)
    k = ref.shape[1]
    if not runs:
        return np.ones(k), np.ones(k)
    bests = np.zeros((len(runs), k))
    for i, (seen, member) in enumerate(runs):
        member = np.asarray(member, bool)
        if not member.shape[1]:
            continue
        R = (ref & np.asarray(seen, bool)[:, None]).astype(np.int32)
        S = member.astype(np.int32)
        inter = R.T @ S
        union = R.sum(axis=0)[:, None] + S.sum(axis=0)[None, :] - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            J = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
        bests[i] = J.max(axis=1)
    return bests.mean(axis=0), (bests >= 0.5).mean(axis=0)
