"""Groups of similar texts without an n × n matrix: connected components, a block at a time.

Aligning questions (``comparison.pairs``, ``findings.questionnaire``) links two texts whose
cosine is at least a threshold and takes the connected components. All similarities at once
are n² values: 10,000 questions that share a word took gigabytes. Here the rows are compared a
block at a time and each block's links are merged into the components found so far (every row
linked to its component's first row), so memory is one block's however many texts there are.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

__all__ = ["similar_components"]

#: how many similarities one block of rows may hold: about 50 MB
BLOCK_CELLS = 4_000_000


def similar_components(X: sparse.spmatrix, threshold: float,
                       extra: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Component label per row of ``X``: rows linked when ``X[i] · X[j] >= threshold``.

    ``extra``: further links ``(rows, cols)``. Labels are those of ``connected_components`` on
    the whole matrix (numbered in the order of each component's first row). ``threshold`` must
    be above 0 (at 0, every pair is linked by the zeros this never stores).
    """
    X = sparse.csr_matrix(X)
    n = X.shape[0]
    step = max(1, BLOCK_CELLS // max(n, 1))
    label = np.arange(n)
    first = np.arange(n)  # each row's component's first row
    starts = list(range(0, n, step)) or [0]
    for b, start in enumerate(starts):
        block = sparse.coo_matrix((X[start:start + step] @ X.T) >= threshold)
        rows = [block.row + start, np.arange(n)]
        cols = [block.col, first]
        if extra is not None and b == 0:
            rows.append(np.asarray(extra[0], dtype=int))
            cols.append(np.asarray(extra[1], dtype=int))
        r, c = np.concatenate(rows), np.concatenate(cols)
        graph = sparse.csr_matrix((np.ones(len(r), dtype=bool), (r, c)), shape=(n, n))
        label = connected_components(graph, directed=False)[1]
        first = np.unique(label, return_index=True)[1][label]
    return label
