"""BERTopic backend, configured for the small corpora of consultation minutes.

* Embedding (default, offline): a scikit-learn pipeline TF-IDF over the Kiwi tokens →
  TruncatedSVD (≤ 50 dimensions) → L2 normalisation. A sentence-transformers model name (or
  object) is accepted instead; it is loaded with ``HF_HUB_OFFLINE=1`` and fails with a clear
  :class:`EmbeddingModelError` when it is not in the local cache.
* No UMAP by default (``reduction="none"``): the SVD embedding is already small, and UMAP's
  first-call compilation costs 10–15 s, which would break the 20 s budget of ``consult themes``.
* Clusterer: Ward agglomerative clustering into ``n_themes`` (default; deterministic, and the
  best of the three on the benchmark), KMeans, or HDBSCAN tuned for small corpora
  (``min_cluster_size=3, min_samples=1``) followed by ``reduce_outliers`` so that few answers
  stay in the outlier topic. Above 5,000 distinct answers Ward (quadratic memory) gives way
  to KMeans.
* Vectorizer: whitespace split of the already-tokenized answers (it accepts any text, also
  BERTopic's whole-topic documents).

An answer's (or point's) affinity to a theme is the cosine between its embedding and the
theme's centroid, so points and new corpora are scored the same way as the fitted answers.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..distribution import install_hint
from ..errors import ConsultWarning
from .base import EmbeddingModelError, MissingDependencyError, ThemeError

__all__ = ["BERTopicBackend", "import_bertopic"]

_INSTALL = f"the bertopic backend needs the optional bertopic package: {install_hint('bertopic')}"
_CLUSTERERS = ("agglomerative", "kmeans", "hdbscan")
_WARD_MAX = 5000
#: heavy modules BERTopic imports eagerly but that the offline default never uses
_DEFER = ("sentence_transformers", "transformers", "torch")


def import_bertopic() -> Any:
    """``bertopic.BERTopic``, imported without pulling in torch/transformers when they are not
    loaded yet (their optional BERTopic parts are only needed for sentence-transformers models,
    which import them on their own later). Saves 5–15 s per process."""
    if "bertopic" in sys.modules and sys.modules["bertopic"] is not None:
        return sys.modules["bertopic"].BERTopic
    deferred = [m for m in _DEFER if m not in sys.modules]
    try:
        import scipy.stats  # noqa: F401  # scipy inspects sys.modules["torch"] while importing
        import sklearn.base  # noqa: F401
    except ImportError:  # pragma: no cover
        deferred = []
    for name in deferred:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail fast
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from bertopic import BERTopic
    except ImportError as exc:
        if getattr(exc, "name", None) in (None, "bertopic") or "bertopic" in str(exc):
            raise MissingDependencyError(_INSTALL) from None
        raise MissingDependencyError(f"{_INSTALL} ({exc})") from None
    finally:
        for name in deferred:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return BERTopic


def _embedder(fn: Any) -> Any:
    """A BERTopic ``BaseEmbedder`` calling ``fn(list_of_strings)``."""
    from bertopic.backend import BaseEmbedder

    class _Embedder(BaseEmbedder):
        def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
            return fn(list(documents))

    return _Embedder()


def _join(doc: Sequence[str]) -> str:
    return " ".join(w.replace(" ", "_") for w in doc)


class BERTopicBackend:
    """BERTopic themes (see the module docstring for the configuration).

    Parameters
    ----------
    embedding_model:
        ``None`` (offline TF-IDF + SVD), a sentence-transformers model name available
        offline, or an object with ``encode(list_of_texts)``.
    clusterer:
        ``"agglomerative"`` (Ward), ``"kmeans"`` or ``"hdbscan"``.
    reduction:
        ``"none"`` or ``"umap"`` (slower: UMAP compiles on first use).
    n_components:
        dimensions of the default SVD embedding.
    """

    name = "bertopic"

    def __init__(self, embedding_model: Any = None, clusterer: str = "agglomerative",
                 reduction: str = "none", n_components: int = 50):
        self.embedding_model = embedding_model
        self.clusterer = clusterer
        self.reduction = reduction
        self.n_components = n_components

    # ------------------------------------------------------------------ embedding
    def _load_sentence_model(self) -> Any:
        model = self.embedding_model
        if not isinstance(model, str):
            if not hasattr(model, "encode"):
                raise EmbeddingModelError(
                    f"embedding_model must be a model name or have encode(), got {type(model).__name__}"
                )
            return model
        old = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbeddingModelError(
                f"cannot load {model!r}: sentence-transformers is not installed "
                "(pip install sentence-transformers), or use the default embedding"
            ) from None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    return SentenceTransformer(model, device="cpu", local_files_only=True)
                except TypeError:  # older sentence-transformers without local_files_only
                    return SentenceTransformer(model, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any loading failure means the same to the user
            msg = " ".join(str(exc).split())[:200]
            raise EmbeddingModelError(
                f"cannot load the sentence-transformers model {model!r} offline ({msg}); download "
                "it into the Hugging Face cache first, or leave embedding_model unset for the "
                "offline TF-IDF embedding"
            ) from None
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def _embed_joined(self, joined: Sequence[str]) -> np.ndarray:
        """Embedding of BERTopic's own strings (joined tokens)."""
        docs = [s.split() for s in joined]
        return self._embed(docs, [" ".join(w.replace("_", " ") for w in d) for d in docs])

    def _embed(self, docs: Sequence[Sequence[str]], texts: Sequence[str]) -> np.ndarray:
        if self.sentence_model_ is not None:
            emb = np.asarray(self.sentence_model_.encode(list(texts), show_progress_bar=False), dtype=float)
        else:
            emb = self.pipeline_.transform([_join(d) for d in docs])
        norm = np.linalg.norm(emb, axis=1, keepdims=True)
        return emb / np.where(norm > 0, norm, 1)

    # ------------------------------------------------------------------ fit
    def fit(
        self,
        docs: Sequence[Sequence[str]],
        texts: Sequence[str],
        n_themes: int,
        seeds: Sequence[Sequence[str]] = (),
        random_state: int | None = 0,
    ) -> BERTopicBackend:
        if self.clusterer not in _CLUSTERERS:
            raise ThemeError(f"clusterer must be one of {', '.join(_CLUSTERERS)}, got {self.clusterer!r}")
        if self.reduction not in ("none", "umap"):
            raise ThemeError(f"reduction must be 'none' or 'umap', got {self.reduction!r}")
        BERTopic = import_bertopic()
        from sklearn.feature_extraction.text import CountVectorizer  # lazy: heavy library

        joined = [_join(d) for d in docs]
        n = len(joined)
        self._fit_embedding(joined, random_state)
        emb = self._embed(docs, texts)
        # BERTopic embeds seed words (guided topics) itself: give it our embedding, never its
        # default model (which it would try to download)
        embedding_model = _embedder(self._embed_joined)

        k = int(min(n_themes, n))
        cluster = self._clusterer(k, n, random_state)
        reducer = self._reducer(n, random_state)
        seed_list = [[w.replace(" ", "_") for w in s] for s in seeds if s] or None
        model = BERTopic(
            embedding_model=embedding_model,
            umap_model=reducer,
            hdbscan_model=cluster,
            vectorizer_model=CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False),
            seed_topic_list=seed_list,
            calculate_probabilities=False,
            verbose=False,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            topics, _ = model.fit_transform(joined, embeddings=emb)
            topics = np.asarray(topics)
            if self.clusterer == "hdbscan" and (topics < 0).any() and (topics >= 0).any():
                topics = np.asarray(model.reduce_outliers(joined, list(topics), strategy="c-tf-idf"))
        ids = sorted(t for t in set(topics.tolist()) if t >= 0)
        if not ids:
            warnings.warn(
                "HDBSCAN found no cluster among so few answers; using KMeans instead",
                ConsultWarning, stacklevel=3,
            )
            from sklearn.cluster import KMeans

            topics = KMeans(k, n_init=10, random_state=random_state).fit_predict(emb)
            ids = sorted(set(topics.tolist()))
        self.topic_model_ = model
        self.topic_ids_ = ids
        cent = np.vstack([emb[topics == t].mean(axis=0) for t in ids])
        norm = np.linalg.norm(cent, axis=1, keepdims=True)
        self.centroids_ = cent / np.where(norm > 0, norm, 1)
        self.n_themes_ = len(ids)
        self.seed_of_ = self._match_seeds(docs, topics, ids, seeds)
        return self

    def _fit_embedding(self, joined: list[str], random_state: int | None) -> None:
        """The sentence model, or else the offline TF-IDF + SVD embedding fitted on ``joined``."""
        # lazy: heavy libraries
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import Normalizer

        self.sentence_model_ = None
        self.pipeline_ = None
        if self.embedding_model is not None:
            self.sentence_model_ = self._load_sentence_model()
            return
        from sklearn.decomposition import TruncatedSVD

        tfidf = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False,
                                sublinear_tf=True)
        n_features = len(set(" ".join(joined).split()))
        dims = max(1, min(self.n_components, n_features - 1, len(joined) - 1))
        self.pipeline_ = make_pipeline(tfidf, TruncatedSVD(dims, random_state=random_state), Normalizer())
        self.pipeline_.fit(joined)

    def _clusterer(self, k: int, n: int, random_state: int | None) -> Any:
        """The clustering model of ``n`` answers into ``k`` themes (HDBSCAN finds its own number)."""
        if self.clusterer == "hdbscan":
            from hdbscan import HDBSCAN  # lazy: heavy library

            return HDBSCAN(min_cluster_size=3, min_samples=1, prediction_data=True)
        if self.clusterer == "kmeans" or n > _WARD_MAX:
            from sklearn.cluster import KMeans  # lazy: heavy library

            return KMeans(k, n_init=10, random_state=random_state)
        from sklearn.cluster import AgglomerativeClustering  # lazy: heavy library

        return AgglomerativeClustering(k, linkage="ward")

    def _reducer(self, n: int, random_state: int | None) -> Any:
        """UMAP to 5 dimensions, or no reduction (BERTopic's pass-through)."""
        if self.reduction == "umap":
            from umap import UMAP  # lazy: heavy library

            return UMAP(n_neighbors=min(10, n - 1), n_components=5, min_dist=0.0,
                        metric="cosine", random_state=random_state)
        from bertopic.dimensionality import BaseDimensionalityReduction  # lazy: heavy library

        return BaseDimensionalityReduction()

    @staticmethod
    def _match_seeds(docs: Sequence[Sequence[str]], topics: np.ndarray, ids: list[int],
                     seeds: Sequence[Sequence[str]]) -> list[int]:
        """Seeded theme of each topic: the topic whose answers use the seed's words most."""
        out = [-1] * len(ids)
        if not seeds:
            return out
        strength = np.zeros((len(seeds), len(ids)))
        for j, t in enumerate(ids):
            members = [docs[i] for i in np.flatnonzero(topics == t)]
            for s, words in enumerate(seeds):
                ws = set(words)
                strength[s, j] = np.mean([sum(w in ws for w in d) > 0 for d in members]) if members else 0
        for _ in range(min(len(seeds), len(ids))):
            s, j = np.unravel_index(np.argmax(strength), strength.shape)
            if strength[s, j] <= 0:
                break
            out[j] = int(s)
            strength[s, :] = -1
            strength[:, j] = -1
        return out

    def affinity(self, docs: Sequence[Sequence[str]], texts: Sequence[str]) -> np.ndarray:
        emb = self._embed(docs, texts)
        return np.clip(emb @ self.centroids_.T, 0.0, None)
