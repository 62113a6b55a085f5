"""The tiny protocol theme backends follow, their registry, errors and the n_themes rule.

A backend learns themes from documents given as token lists (plus the raw texts, for
embedding models that read text) and scores any documents against them::

    backend.fit(docs, texts, n_themes=K, seeds=[["컴파일러", "시스템 SW"]], random_state=0)
    backend.affinity(docs, texts)   # (n_docs, n_themes_) array, >= 0; argmax = theme
    backend.n_themes_               # themes actually learned
    backend.seed_of_                # per theme: index into ``seeds`` or -1

``ThemeModel`` does the rest (labels, quotes, tables) the same way for every backend, so a new
backend only needs those three members. Pass an instance as ``ThemeModel(backend=...)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..errors import (  # re-exported: the theme errors' home is consult.errors
    CorpusTooSmallError,
    EmbeddingModelError,
    EmptyCorpusError,
    MissingDependencyError,
    ThemeError,
    UnknownBackendError,
)

__all__ = [
    "ThemeBackend",
    "ThemeError",
    "EmptyCorpusError",
    "CorpusTooSmallError",
    "UnknownBackendError",
    "MissingDependencyError",
    "EmbeddingModelError",
    "BACKENDS",
    "get_backend",
    "choose_n_themes",
]




@runtime_checkable
class ThemeBackend(Protocol):
    """What ``ThemeModel`` needs from a backend."""

    n_themes_: int
    seed_of_: list[int]

    def fit(
        self,
        docs: Sequence[Sequence[str]],
        texts: Sequence[str],
        n_themes: int,
        seeds: Sequence[Sequence[str]],
        random_state: int | None,
    ) -> Any: ...

    def affinity(self, docs: Sequence[Sequence[str]], texts: Sequence[str]) -> np.ndarray: ...


#: backend name -> "module:class" (imported on first use)
BACKENDS = {
    "sklearn": "consult.themes.sklearn_backend:SklearnBackend",
    "bertopic": "consult.themes.bertopic_backend:BERTopicBackend",
}


def get_backend(backend: Any, **options: Any) -> Any:
    """A fresh backend object from a name (``"sklearn"``, ``"bertopic"``) or a backend instance."""
    if isinstance(backend, str):
        target = BACKENDS.get(backend.strip().lower())
        if target is None:
            raise UnknownBackendError(
                f"unknown theme backend {backend!r}; use one of: {', '.join(BACKENDS)}"
            )
        import importlib

        module_name, cls = target.split(":")
        return getattr(importlib.import_module(module_name), cls)(**options)
    if hasattr(backend, "fit") and hasattr(backend, "affinity"):
        if options:
            raise ThemeError("backend options apply to a backend given by name only")
        import copy

        return copy.deepcopy(backend)
    raise UnknownBackendError(
        f"backend must be one of {', '.join(BACKENDS)} or an object with fit() and affinity(), "
        f"got {type(backend).__name__}"
    )


def choose_n_themes(n_docs: int, n_seeds: int = 0) -> int:
    """Number of themes for ``n_docs`` distinct answers: ``round(2 * sqrt(n_docs))``.

    A recurring concern is raised by a handful of experts, so themes must stay small: on a
    report of ~150 answers this gives ~24 themes of ~6 answers each (see docs/themes.md for the
    benchmark behind the rule). It grows slowly with corpus size, is at least 2 (and more than
    the number of seeded themes) and at most 60 and ``n_docs - 1``.
    """
    if n_docs < 2:
        return 1
    k = round(2 * math.sqrt(n_docs))
    k = max(k, 2, n_seeds + 1)
    return int(min(k, 60, n_docs - 1)) if n_docs > 2 else 2
