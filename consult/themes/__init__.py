"""Recurring themes across experts' answers: ``ThemeModel`` and its backends.

    >>> from consult.themes import ThemeModel
    >>> model = ThemeModel(backend="sklearn", random_state=0).fit(corpus)   # doctest: +SKIP
    >>> model.themes_[["theme_id", "label", "size"]]                       # doctest: +SKIP

Backends (``consult.themes.base.BACKENDS``): ``sklearn`` (TF-IDF + NMF, default) and
``bertopic`` (optional extra). Heavy libraries load only when a model is fitted.
"""

from __future__ import annotations

from .base import (
    BACKENDS,
    CorpusTooSmallError,
    EmbeddingModelError,
    EmptyCorpusError,
    MissingDependencyError,
    ThemeBackend,
    ThemeError,
    UnknownBackendError,
    choose_n_themes,
    get_backend,
)
from .model import ASSIGNMENT_COLUMNS, POINT_ASSIGNMENT_COLUMNS, THEME_COLUMNS, ThemeModel
from .seeds import load_seed_themes

__all__ = [
    "ThemeModel",
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
    "load_seed_themes",
    "THEME_COLUMNS",
    "ASSIGNMENT_COLUMNS",
    "POINT_ASSIGNMENT_COLUMNS",
]
