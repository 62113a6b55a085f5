"""The rows a theme fit works on: a corpus's tables, distinct documents, affinities, assignments.

:class:`~consult.themes.model.ThemeModel` fits each distinct answer once and broadcasts the
backend's affinities to every row (``_unique``, ``_affinity``); ``_assign`` picks a row's theme
(-1 where it has no content words or no affinity).

    >>> import numpy as np
    >>> _unique([("a",), ("b",), ("a",)])
    (array([0, 1, 0]), [0, 1])
    >>> theme, score = _assign(np.array([[0.2, 0.7], [0.0, 0.0]]), [["공정"], []])
    >>> theme.tolist(), score.tolist()
    ([1, -1], [0.7, 0.0])
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from .base import CorpusTooSmallError, EmptyCorpusError, ThemeError


@contextmanager
def _blas_single_thread() -> Iterator[None]:
    """One BLAS/OpenMP thread while fitting: the matrices are small, and on a busy 2-core
    machine threaded BLAS made NMF 20x slower (busy-waiting threads fighting for the cores)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a scikit-learn dependency
        yield
        return
    with threadpool_limits(limits=1):
        yield


def _table(corpus: Any, name: str) -> pd.DataFrame:
    df = getattr(corpus, name, None)
    if not isinstance(df, pd.DataFrame):
        raise ThemeError(f"expected a Corpus (consult.load) with a .{name} table, got {type(corpus).__name__}")
    return df


def _texts(df: pd.DataFrame, col: str) -> list[str]:
    if col not in df.columns or not len(df):
        return [""] * len(df)
    return df[col].fillna("").astype(str).tolist()


def _col(df: pd.DataFrame, col: str) -> np.ndarray:
    if col in df.columns:
        return df[col].to_numpy()
    return np.full(len(df), "" if col in ("area", "role", "transcript_kind") else None, dtype=object)


def _counts(values: np.ndarray) -> dict[str, int]:
    s = pd.Series(values, dtype=object).fillna("").astype(str)
    vc = s.value_counts()
    return {k: int(v) for k, v in sorted(vc.items(), key=lambda kv: (-kv[1], kv[0]))}


def _fit_index(docs: list, uniq: list[int]) -> list[int]:
    """The distinct documents with content words that themes are fit on (at least 3)."""
    fit_idx = [i for i in uniq if docs[i]]
    if not fit_idx:
        raise EmptyCorpusError("no answer in the corpus has content words to find themes in")
    if len(fit_idx) < 3:
        raise CorpusTooSmallError(
            f"the corpus has {len(fit_idx)} distinct answers with content words; themes need at least 3"
        )
    return fit_idx


def _flatten(lists: Sequence[Sequence[str]]) -> list[str]:
    out: list[str] = []
    for x in lists:
        for w in x:
            if w not in out:
                out.append(w)
    return out


def _unique(keys: list[tuple]) -> tuple[np.ndarray, list[int]]:
    """Index of each key's first occurrence (per row) and the first occurrences in order."""
    first: dict[tuple, int] = {}
    idx = np.empty(len(keys), dtype=int)
    for i, k in enumerate(keys):
        idx[i] = first.setdefault(k, i)
    return idx, list(first.values())


def _affinity(backend: Any, docs: list, texts: list, keys: np.ndarray, uniq: list[int]) -> np.ndarray:
    """Backend affinities, computed once per distinct document and broadcast to all rows."""
    k = int(getattr(backend, "n_themes_", 0))
    if not len(docs):
        return np.zeros((0, k))
    live = [i for i in uniq if docs[i]]
    out = np.zeros((len(docs), k))
    if live:
        aff = np.asarray(backend.affinity([docs[i] for i in live], [texts[i] for i in live]), dtype=float)
        if aff.ndim != 2 or aff.shape[0] != len(live):
            raise ThemeError("the backend's affinity() returned a wrongly shaped array")
        if aff.shape[1] != k:
            out = np.zeros((len(docs), aff.shape[1]))
        pos = {i: j for j, i in enumerate(live)}
        rows = np.array([pos.get(int(keys[i]), -1) for i in range(len(docs))])
        has = rows >= 0
        out[has] = aff[rows[has]]
    return np.clip(np.nan_to_num(out), 0.0, None)


def _assign(aff: np.ndarray, docs: list) -> tuple[np.ndarray, np.ndarray]:
    if aff.shape[1] == 0:
        return np.full(len(docs), -1), np.zeros(len(docs))
    theme = aff.argmax(axis=1)
    score = aff.max(axis=1)
    none = (score <= 0) | np.array([not x for x in docs], dtype=bool)
    theme = np.where(none, -1, theme)
    score = np.where(none, 0.0, score)
    return theme.astype(int), score
