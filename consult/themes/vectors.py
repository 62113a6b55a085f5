"""Points as vectors: L2-normalised TF-IDF rows, embeddings beside them, spherical k-means.

The level fits of :mod:`consult.themes.concerns` and :mod:`consult.themes.levels` cluster these
rows; :func:`cross_expert_cosine` measures how well a set of rows holds together across experts.

    >>> X, vocab = tfidf([["인력", "양성"], ["인력", "공정"], ["공정", "장비"]], return_vocab=True)
    >>> vocab, X.shape
    (['공정', '양성', '인력', '장비'], (3, 4))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse


def cross_expert_cosine(Y: Any, codes: np.ndarray) -> float:
    """Mean cosine between unit rows of different experts (``codes``), without the n x n matrix:
    (|sum|^2 - sum over experts of |expert's sum|^2) / (n^2 - sum of n_e^2); 0 for fewer than
    two rows or one expert."""
    Y = sparse.csr_matrix(Y)
    n = Y.shape[0]
    if n < 2:
        return 0.0
    u, inv = np.unique(codes, return_inverse=True)
    G = sparse.csr_matrix((np.ones(n), (inv, np.arange(n))), shape=(len(u), n)) @ Y
    tot = np.asarray(Y.sum(axis=0)).ravel()
    pairs = n * n - float((np.bincount(inv) ** 2).sum())
    if pairs <= 0:
        return 0.0
    return float((tot @ tot - G.multiply(G).sum()) / pairs)


def _normalize(X: Any) -> Any:
    if sparse.issparse(X):
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms) @ X
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return X / norms


def tfidf(docs: Sequence[Sequence[str]], weights: dict[str, float] | None = None,
          return_vocab: bool = False) -> Any:
    """L2-normalised TF-IDF rows (sublinear tf; words of one point only, or in over half of the
    points, dropped — kept when too few words would be left)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    def _vec(min_df: int, max_df: float) -> Any:
        return TfidfVectorizer(analyzer=_identity, lowercase=False, sublinear_tf=True,
                               min_df=min_df, max_df=max_df)

    X = None
    for min_df, max_df in ((2, 0.5), (1, 0.5), (1, 1.0)):  # words of one point recur nowhere
        try:
            vec = _vec(min_df, max_df)
            X = vec.fit_transform(docs)
        except ValueError:
            continue
        if X.shape[1] >= 2 and (X.getnnz(axis=1) > 0).mean() > 0.9:
            break
    if weights:
        w = np.array([weights.get(t, 1.0) for t in vec.get_feature_names_out()])
        X = X @ sparse.diags(w)
    X = _normalize(sparse.csr_matrix(X))
    return (X, [str(t) for t in vec.get_feature_names_out()]) if return_vocab else X


def _identity(doc: Any) -> Any:
    return doc


def combine(X: Any, E: np.ndarray | None) -> Any:
    """TF-IDF rows and (optional) embedding rows, each unit length, side by side."""
    if E is None:
        return X
    return sparse.hstack([X, sparse.csr_matrix(_normalize(E))]).tocsr() * (1 / math.sqrt(2))


def center_by(E: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each group's mean vector removed (after L2 normalisation)."""
    E = _normalize(np.asarray(E, dtype=float)).copy()
    for g in np.unique(groups):
        m = groups == g
        E[m] -= E[m].mean(axis=0)
    return E


def spherical_kmeans(X: Any, k: int, random_state: int | None, init: np.ndarray | None = None
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Labels and unit-length centroids of k-means on unit-length rows."""
    n = X.shape[0]
    k = max(1, min(k, n))
    nonneg = sparse.issparse(X) and (X.data >= 0).all()
    if nonneg and (init is None or not len(init)):
        k = max(1, min(k, X.shape[1]))  # NMF's nndsvda start needs k <= the number of words
    if k == 1:
        lab = np.zeros(n, dtype=int)
    elif nonneg and (init is None or not len(init)):
        # TF-IDF only: NMF finds word-coherent groups; a point's group = its largest component
        import warnings

        from sklearn.decomposition import NMF
        from sklearn.exceptions import ConvergenceWarning

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)  # NMF's error: sqrt of a round-off < 0
            W = NMF(k, init="nndsvda", max_iter=400, random_state=random_state).fit_transform(X)
        lab = W.argmax(axis=1)
    else:
        from sklearn.cluster import (  # lazy: sklearn.cluster takes 0.2 s to import
            KMeans,
            kmeans_plusplus,
        )

        if init is not None and len(init):
            s = min(len(init), k)
            Xd = X.toarray() if sparse.issparse(X) else X
            rest, _ = kmeans_plusplus(Xd, k, random_state=random_state)
            centers = np.vstack([init[:s], rest[: k - s]])
            km = KMeans(k, init=centers, n_init=1, random_state=random_state)
        else:
            km = KMeans(k, n_init=4, random_state=random_state)
        lab = km.fit_predict(X)
    C = np.vstack([np.asarray(X[lab == j].mean(axis=0)).ravel() if (lab == j).any()
                   else np.zeros(X.shape[1]) for j in range(k)])
    return lab.astype(int), _normalize(C)
