"""``ThemeModel``: recurring themes across the experts' answers, with labels, quotes and tables.

The rows a fit works on (distinct documents, affinities, assignments) are
:mod:`consult.themes.fit_rows`; point-level themes and concerns are :mod:`consult.themes.levels`.

    >>> ThemeModel(n_themes=8)
    ThemeModel(n_themes=8)
"""

from __future__ import annotations

import inspect
import warnings
from typing import Any

import numpy as np
import pandas as pd

from ..display import themes_html
from ..errors import ConsultError, ConsultWarning, NotFittedError, SmallSampleWarning
from ..labels import area_label
from ..schema import TEXT_UNITS
from .base import (
    CorpusTooSmallError,
    EmptyCorpusError,
    ThemeError,
    choose_n_themes,
    get_backend,
)
from .fit_rows import (
    _affinity,
    _assign,
    _blas_single_thread,
    _col,
    _counts,
    _fit_index,
    _flatten,
    _table,
    _texts,
    _unique,
)
from .labels import NO_THEME_LABEL, ctfidf_keywords, make_labels, pick_quotes
from .seeds import normalize_seeds

__all__ = ["ThemeModel", "ASSIGNMENT_COLUMNS", "POINT_ASSIGNMENT_COLUMNS", "THEME_COLUMNS"]

#: columns of ``ThemeModel.themes_``
THEME_COLUMNS = ["theme_id", "label", "keywords", "size", "n_transcripts", "areas", "roles",
                 "quotes", "seed"]
#: columns of ``ThemeModel.assignments_`` (one row per question)
ASSIGNMENT_COLUMNS = ["transcript_id", "question_id", "question_no", "question_line", "theme_id",
                      "theme_label", "score", "transcript_kind", "area", "role"]
#: columns of ``ThemeModel.point_assignments_`` (one row per point)
POINT_ASSIGNMENT_COLUMNS = ["transcript_id", "question_id", "point_id", "point_no", "theme_id",
                            "theme_label", "score", "question_theme_id", "transcript_kind", "area",
                            "role"]
_TEXTS = TEXT_UNITS
_UNITS = ("point", "question")


class ThemeModel:
    """Recurring themes in the answers of a corpus (scikit-learn estimator conventions).

    Parameters
    ----------
    backend:
        ``"sklearn"`` (TF-IDF + NMF, the default: best on the benchmark, fast, no extras) or
        ``"bertopic"`` (BERTopic with an offline TF-IDF/SVD embedding; needs
        ``pip install 'consult-minutes[bertopic]'``), or a backend object (see ``consult.themes.base``).
    n_themes:
        number of themes; ``None`` chooses ``round(2 * sqrt(distinct answers))`` (see
        :func:`~consult.themes.base.choose_n_themes`) and records it in ``n_themes_chosen_``.
    seed_words:
        seeded (guided) themes: ``{label: [words]}``, a list of word lists, or a TOML path
        (see :mod:`consult.themes.seeds`). Without seeds, discovery is unsupervised.
    random_state:
        seed of every random step; the same input and ``random_state`` give identical output.
    text:
        what is clustered per question: ``"answer"`` (its points, the default) or
        ``"question+answer"``.
    tokenizer:
        a :class:`consult.tokens.Tokenizer` (own dictionary/stop-words); default the shipped one.
    embedding_model:
        bertopic backend only: ``None`` (offline TF-IDF + SVD), a sentence-transformers model
        name available offline, or any object with ``encode(texts)``.
    backend_options:
        extra keyword arguments for the backend's constructor.
    n_keywords, n_quotes:
        keywords and representative quotes kept per theme.

    Attributes (after ``fit``)
    --------------------------
    themes_ : DataFrame
        one row per theme: ``theme_id`` (0 = largest), ``label``, ``keywords`` (list),
        ``size`` (questions), ``n_transcripts`` (experts), ``areas``/``roles`` (dict of question
        counts), ``quotes`` (list of dicts with ``text``, ``record_id``, ``point_id``,
        ``question_id``, ``transcript_id``, ``speaker``, ``role``, ``area``), ``seed``.
    assignments_ : DataFrame
        one row per question (:data:`ASSIGNMENT_COLUMNS`); ``theme_id`` -1 = no content words.
    point_assignments_ : DataFrame
        one row per point (:data:`POINT_ASSIGNMENT_COLUMNS`).
    n_themes_ : int
        themes found (rows of ``themes_``).
    n_themes_chosen_ : int
        themes asked of the backend; ``n_themes_auto_`` says whether the rule chose it.
    n_documents_ : int
        distinct answers with content words the themes were learned from (identical answers,
        e.g. a report loaded twice, count once; every copy is assigned).
    backend_ :
        the fitted backend object.
    """

    def __init__(
        self,
        backend: Any = "sklearn",
        n_themes: int | None = None,
        seed_words: Any = None,
        random_state: int | None = 0,
        text: str = "answer",
        tokenizer: Any = None,
        embedding_model: Any = None,
        backend_options: dict[str, Any] | None = None,
        n_keywords: int = 10,
        n_quotes: int = 3,
        unit: str = "point",
        embedding: Any = None,
        synonyms: Any = None,
        codebook: Any = None,
        n_concerns: int | None = None,
        min_score: float | None = None,
        stability_seeds: int = 5,
    ):
        self.backend = backend
        self.n_themes = n_themes
        self.seed_words = seed_words
        self.random_state = random_state
        self.text = text
        self.tokenizer = tokenizer
        self.embedding_model = embedding_model
        self.backend_options = backend_options
        self.n_keywords = n_keywords
        self.n_quotes = n_quotes
        self.unit = unit
        self.embedding = embedding
        self.synonyms = synonyms
        self.codebook = codebook
        self.n_concerns = n_concerns
        self.min_score = min_score
        self.stability_seeds = stability_seeds

    # ------------------------------------------------------------------ sklearn conventions
    @classmethod
    def _param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return [p for p in sig.parameters if p != "self"]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> ThemeModel:
        for name, value in params.items():
            if name not in self._param_names():
                raise ConsultError(f"ThemeModel has no parameter {name!r}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = {
            p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()
            if p.name != "self"
        }
        shown = [f"{k}={v!r}" for k, v in self.get_params().items() if v is not defaults[k] and v != defaults[k]]
        return f"ThemeModel({', '.join(shown)})"

    def _repr_html_(self) -> str:
        return str(themes_html(self))

    def _check_fitted(self) -> None:
        if not hasattr(self, "themes_"):
            raise NotFittedError("this ThemeModel is not fitted yet; call .fit(corpus) first")

    # ------------------------------------------------------------------ inputs
    def _validate(self) -> None:
        if self.unit not in _UNITS:
            raise ThemeError(f"unit must be one of {', '.join(_UNITS)}, got {self.unit!r}")
        if self.unit == "point" and not (isinstance(self.backend, str) and self.backend == "sklearn"):
            raise ThemeError("backend= applies to unit='question' themes; point themes use "
                             "embedding= (ThemeModel(unit='question', backend=...) for the old model)")
        if self.unit == "point" and self.embedding_model is not None:
            raise ThemeError("embedding_model is for unit='question' with the bertopic backend; "
                             "point themes take embedding=")
        m = self.min_score
        if m is not None and not (isinstance(m, int | float) and 0 <= m <= 1):
            raise ThemeError(f"min_score must be a number in [0, 1] or None, got {m!r}")
        if self.text not in _TEXTS:
            raise ThemeError(f"text must be one of {', '.join(_TEXTS)}, got {self.text!r}")
        n = self.n_themes
        if n is not None and (isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1):
            raise ThemeError(f"n_themes must be a positive integer or None, got {n!r}")
        if self.embedding_model is not None and self.backend == "sklearn":
            raise ThemeError("embedding_model is used by the bertopic backend only")

    def _tokenizer(self) -> Any:
        from ..tokens import default_tokenizer

        return self.tokenizer or default_tokenizer()

    def _documents(self, corpus: Any) -> dict[str, Any]:
        """Token lists and texts of the corpus' questions and points."""
        from ..tokens import _corpus_parts

        questions = _table(corpus, "questions")
        points = _table(corpus, "points")
        q_tok, a_tok, p_tok = _corpus_parts(corpus, self._tokenizer())
        q_text = _texts(questions, "question")
        a_text = _texts(questions, "answer")
        docs, texts = [], []
        for qt, at, qs, as_ in zip(q_tok, a_tok, q_text, a_text, strict=True):
            if self.text == "question+answer":
                docs.append(list(qt) + list(at))
                texts.append(f"{qs}\n{as_}".strip())
            elif at:
                docs.append(list(at))
                texts.append(as_)
            else:  # no answer words: the question is all there is
                docs.append(list(qt))
                texts.append(qs)
        return {
            "questions": questions, "points": points, "docs": docs, "texts": texts,
            "p_docs": [list(t) for t in p_tok], "p_texts": _texts(points, "text"),
        }

    # ------------------------------------------------------------------ fit
    def fit(self, corpus: Any) -> ThemeModel:
        """Learn themes from ``corpus`` (a :class:`consult.Corpus`); returns ``self``."""
        from .fitcache import cached_fit

        with _blas_single_thread():  # the same fit on the same input: read from the cache
            return cached_fit(self, corpus, lambda: self._fit(corpus))

    def _seed_table(self) -> dict[str, list[str]]:
        seeds = dict(normalize_seeds(self.seed_words))
        seeds.update(self._codebook().seeds)
        return seeds

    def _codebook(self) -> Any:
        from .codebook import load_codebook

        return load_codebook(self.codebook)

    def _fit(self, corpus: Any) -> ThemeModel:
        self._validate()
        if self.unit == "point":
            from .levels import fit_point_levels

            _table(corpus, "questions")
            _table(corpus, "points")
            fit_point_levels(self, corpus)
            return self
        questions = self._fit_questions(corpus)
        d = self._documents(corpus)
        docs, texts = d["docs"], d["texts"]
        keys, uniq = _unique([tuple(x) for x in docs])
        fit_idx = _fit_index(docs, uniq)
        seed_labels, seed_tokens = self._seed_words()
        k, auto = self._choose_k(len(fit_idx), len(seed_labels))
        options = dict(self.backend_options or {})
        if self.embedding_model is not None:
            options["embedding_model"] = self.embedding_model
        backend = get_backend(self.backend, **options)
        fit_docs = [docs[i] for i in fit_idx]
        fit_texts = [texts[i] for i in fit_idx]
        backend.fit(fit_docs, fit_texts, k, seed_tokens, self.random_state)

        self.backend_ = backend
        self.n_themes_chosen_ = k
        self.n_themes_auto_ = auto
        self.n_documents_ = len(fit_idx)
        self.seeds_ = dict(zip(seed_labels, seed_tokens, strict=True))
        self._fit_docs, self._fit_texts, self._seed_tokens = fit_docs, fit_texts, seed_tokens

        q_aff, q_theme, q_score, keywords, seed_col = self._question_themes(
            backend, questions, d, keys, uniq, seed_labels)
        n = len(self._order)
        points = d["points"]
        p_aff, p_theme, p_score, p_qtheme = self._point_themes(backend, questions, d, q_theme)
        quotes = pick_quotes(points, p_aff, questions, q_theme, q_aff, n, k=self.n_quotes)
        self.assignments_ = self._assignments(questions, q_theme, q_score)
        self.point_assignments_ = self._point_assignments(points, p_theme, p_score, p_qtheme)
        self.themes_ = self._themes(questions, q_theme, keywords, quotes, seed_col)
        self.n_themes_ = n
        return self

    def _fit_questions(self, corpus: Any) -> pd.DataFrame:
        """The corpus's questions, from at least 2 transcripts."""
        questions = _table(corpus, "questions")
        if not len(questions):
            raise EmptyCorpusError("the corpus has no questions: nothing to find themes in")
        n_transcripts = questions["transcript_id"].nunique() if "transcript_id" in questions else 1
        if n_transcripts < 2:
            raise CorpusTooSmallError(
                f"themes are concerns that recur across experts, but the corpus has {n_transcripts} "
                "transcript; give at least 2"
            )
        return questions

    def _seed_words(self) -> tuple[list[str], list[list[str]]]:
        """The seed themes' labels and content words (a warning for a seed with none)."""
        seeds = normalize_seeds(self.seed_words)
        tok = self._tokenizer()
        seed_labels = list(seeds)
        seed_tokens = [_flatten(tok.tokenize(words)) for words in seeds.values()]
        for label, words in zip(seed_labels, seed_tokens, strict=True):
            if not words:
                warnings.warn(f"seed theme {label!r}: its words are all stop-words or empty",
                              ConsultWarning, stacklevel=3)  # fit()'s line, as before the split
        return seed_labels, seed_tokens

    def _choose_k(self, n_fit: int, n_seeds: int) -> tuple[int, bool]:
        """The number of themes to fit, and whether it was chosen automatically."""
        if self.n_themes is None:
            return choose_n_themes(n_fit, n_seeds), True
        k = int(self.n_themes)
        if k > n_fit:
            warnings.warn(
                f"n_themes={k} is more than the {n_fit} distinct answers; using {n_fit}",
                SmallSampleWarning, stacklevel=3,  # fit()'s line, as before the split
            )
            k = n_fit
        return k, False

    def _question_themes(self, backend: Any, questions: pd.DataFrame, d: dict, keys: np.ndarray, uniq: list[int],
                         seed_labels: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list, list[str]]:
        """Questions: affinity -> raw theme, then themes renumbered by size; keywords and labels
        (a seeded theme takes its seed's label). Sets ``_order`` and ``_labels``."""
        docs = d["docs"]
        q_aff = _affinity(backend, docs, d["texts"], keys, uniq)
        raw = np.where(q_aff.max(axis=1) > 0, q_aff.argmax(axis=1), -1) if q_aff.size else np.full(len(docs), -1)
        raw[[not x for x in docs]] = -1
        sizes = np.bincount(raw[raw >= 0], minlength=q_aff.shape[1])
        first = {t: i for i, t in reversed(list(enumerate(raw))) if t >= 0}
        order = sorted((t for t in range(q_aff.shape[1]) if sizes[t] > 0), key=lambda t: (-sizes[t], first[t]))
        self._order = order
        q_aff = q_aff[:, order] if order else np.zeros((len(docs), 0))
        q_theme, q_score = _assign(q_aff, docs)
        groups = questions["transcript_id"].tolist()
        kw = ctfidf_keywords(docs, q_theme, groups, len(order), top_n=self.n_keywords)
        keywords = [[w for w, _ in ws] for ws in kw]
        labels = make_labels(keywords)
        seed_of = list(getattr(backend, "seed_of_", [-1] * q_aff.shape[1]))
        seed_col = []
        for new, old in enumerate(order):
            s = seed_of[old] if old < len(seed_of) else -1
            seed_col.append(seed_labels[s] if s is not None and s >= 0 else "")
            if seed_col[-1]:
                labels[new] = seed_col[-1]
        self._labels = labels
        return q_aff, q_theme, q_score, keywords, seed_col

    def _point_themes(self, backend: Any, questions: pd.DataFrame, d: dict,
                      q_theme: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Points: affinity to the (renumbered) themes; a point with no words takes its question's."""
        points, order = d["points"], self._order
        p_keys, p_uniq = _unique([tuple(x) for x in d["p_docs"]])
        p_aff = _affinity(backend, d["p_docs"], d["p_texts"], p_keys, p_uniq)
        p_aff = p_aff[:, order] if order else np.zeros((len(points), 0))
        q_of = dict(zip(questions["question_id"].tolist(), q_theme.tolist(), strict=True))
        p_theme, p_score = _assign(p_aff, d["p_docs"])
        p_qtheme = np.array([q_of.get(q, -1) for q in points["question_id"].tolist()], dtype=int) if len(points) else np.zeros(0, int)
        empty = p_theme < 0
        p_theme[empty] = p_qtheme[empty]  # a point with no words shares its question's theme
        return p_aff, p_theme, p_score, p_qtheme

    def fit_transform(self, corpus: Any) -> pd.DataFrame:
        """``fit(corpus)`` and return the per-question assignments (same as ``transform``)."""
        return self.fit(corpus).assignments_.copy()

    def transform(self, corpus: Any) -> pd.DataFrame:
        """Per-question theme assignments of any corpus with the fitted themes."""
        self._check_fitted()
        d = self._documents(corpus)
        keys, uniq = _unique([tuple(x) for x in d["docs"]])
        with _blas_single_thread():
            aff = _affinity(self.backend_, d["docs"], d["texts"], keys, uniq)
        aff = aff[:, self._order] if self._order else np.zeros((len(d["docs"]), 0))
        theme, score = _assign(aff, d["docs"])
        return self._assignments(d["questions"], theme, score)

    # ------------------------------------------------------------------ tables
    def _label_of(self, theme: np.ndarray) -> list[str]:
        return [self._labels[t] if t >= 0 else NO_THEME_LABEL for t in theme.tolist()]

    def _assignments(self, questions: pd.DataFrame, theme: np.ndarray, score: np.ndarray) -> pd.DataFrame:
        out = pd.DataFrame({c: _col(questions, c) for c in ASSIGNMENT_COLUMNS[:4]})
        out["theme_id"] = theme.astype(int)
        out["theme_label"] = self._label_of(theme)
        out["score"] = np.round(score.astype(float), 6)
        for c in ASSIGNMENT_COLUMNS[7:]:
            out[c] = _col(questions, c)
        return out.reset_index(drop=True)

    def _point_assignments(self, points: pd.DataFrame, theme: np.ndarray, score: np.ndarray,
                           q_theme: np.ndarray) -> pd.DataFrame:
        out = pd.DataFrame({c: _col(points, c) for c in POINT_ASSIGNMENT_COLUMNS[:4]})
        out["theme_id"] = theme.astype(int)
        out["theme_label"] = self._label_of(theme)
        out["score"] = np.round(score.astype(float), 6)
        out["question_theme_id"] = q_theme.astype(int)
        for c in POINT_ASSIGNMENT_COLUMNS[8:]:
            out[c] = _col(points, c)
        return out.reset_index(drop=True)

    def _themes(self, questions: pd.DataFrame, theme: np.ndarray, keywords: list[list[str]],
                quotes: list[list[dict]], seed_col: list[str]) -> pd.DataFrame:
        rows = []
        tid = _col(questions, "transcript_id")
        area = _col(questions, "area")
        role = _col(questions, "role")
        for t in range(len(keywords)):
            m = theme == t
            rows.append({
                "theme_id": t,
                "label": self._labels[t],
                "keywords": keywords[t],
                "size": int(m.sum()),
                "n_transcripts": int(pd.Series(tid[m]).nunique()),
                "areas": _counts(area[m]),
                "roles": _counts(role[m]),
                "quotes": quotes[t],
                "seed": seed_col[t],
            })
        return pd.DataFrame(rows, columns=THEME_COLUMNS)

    def summary(self, max_quote: int = 300) -> pd.DataFrame:
        """``themes_`` flattened for a spreadsheet: lists and dicts as text, one column per quote."""
        self._check_fitted()
        rows = []
        for r in self.themes_.to_dict("records"):
            row = {
                "theme_id": r["theme_id"], "label": r["label"], "size": r["size"],
                "n_transcripts": r["n_transcripts"], "keywords": ", ".join(r["keywords"]),
                "areas": "; ".join(f"{area_label(k)} {v}" for k, v in r["areas"].items()),
                "roles": "; ".join(f"{k or '(none)'} {v}" for k, v in r["roles"].items()),
                "seed": r["seed"],
            }
            for i in range(self.n_quotes):
                q = r["quotes"][i] if i < len(r["quotes"]) else None
                text = "" if q is None else q["text"]
                row[f"quote_{i + 1}"] = text if len(text) <= max_quote else text[: max_quote - 1] + "…"
                row[f"quote_{i + 1}_id"] = "" if q is None else q["record_id"]
            rows.append(row)
        return pd.DataFrame(rows)

    def theme_table(self, by: str = "area", unit: str = "questions") -> pd.DataFrame:
        """Theme × ``by`` (any column of the assignments, e.g. ``area``, ``role``): counts and shares.

        ``unit="questions"`` counts questions; ``"transcripts"`` counts experts (a talkative expert
        counts once). ``share_of_theme`` = count / the theme's total; ``share_of_group`` = count /
        all units of that group (including questions without a theme).
        """
        self._check_fitted()
        a = self.assignments_
        if by not in a.columns:
            raise ThemeError(f"cannot tabulate themes by {by!r}; use one of {', '.join(a.columns)}")
        if unit not in ("questions", "transcripts"):
            raise ThemeError(f"unit must be 'questions' or 'transcripts', got {unit!r}")
        a = a.assign(_by=a[by].fillna("").astype(str))
        if unit == "transcripts":
            group_size = a.groupby("_by")["transcript_id"].nunique()
            counted = a[a["theme_id"] >= 0].drop_duplicates(["theme_id", "_by", "transcript_id"])
        else:
            group_size = a.groupby("_by").size()
            counted = a[a["theme_id"] >= 0]
        counts = counted.groupby(["theme_id", "_by"]).size().rename("count").reset_index()
        full = pd.MultiIndex.from_product(
            [list(self.themes_["theme_id"]), sorted(group_size.index)], names=["theme_id", "_by"]
        )
        counts = counts.set_index(["theme_id", "_by"]).reindex(full, fill_value=0).reset_index()
        theme_total = counts.groupby("theme_id")["count"].transform("sum")
        counts["share_of_theme"] = np.where(theme_total > 0, counts["count"] / theme_total.where(theme_total > 0, 1), 0.0).round(6)
        counts["share_of_group"] = (counts["count"] / counts["_by"].map(group_size)).round(6)
        counts.insert(1, "theme_label", counts["theme_id"].map(dict(enumerate(self._labels))))
        return counts.rename(columns={"_by": by})

    def by_area(self, unit: str = "questions") -> pd.DataFrame:
        """Theme × area counts and shares (see :meth:`theme_table`)."""
        return self.theme_table("area", unit)

    def by_role(self, unit: str = "questions") -> pd.DataFrame:
        """Theme × role counts and shares (see :meth:`theme_table`)."""
        return self.theme_table("role", unit)

    # ------------------------------------------------------------------ stability
    def stability(self, seeds: int = 5, return_pairs: bool = False) -> Any:
        """How stable the themes are across random seeds: mean pairwise adjusted Rand index.

        Refits the backend with ``random_state = 0 .. seeds-1`` on the same answers and compares
        the question assignments of every pair of runs (1 = identical partitions, ~0 = chance).
        With ``return_pairs=True`` returns ``(mean, DataFrame of pairs)``.
        """
        self._check_fitted()
        from sklearn.metrics import adjusted_rand_score

        if seeds < 2:
            raise ThemeError("stability needs at least 2 seeds")
        options = dict(self.backend_options or {})
        if self.embedding_model is not None:
            options["embedding_model"] = self.embedding_model
        keys, uniq = _unique([tuple(x) for x in self._fit_docs])
        with _blas_single_thread():
            runs = self._stability_runs(seeds, options, keys, uniq)
        pairs = [
            {"seed_a": i, "seed_b": j, "ari": float(adjusted_rand_score(runs[i], runs[j]))}
            for i in range(seeds) for j in range(i + 1, seeds)
        ]
        table = pd.DataFrame(pairs)
        mean = float(table["ari"].mean())
        return (mean, table) if return_pairs else mean

    def _stability_runs(self, seeds: int, options: dict, keys: np.ndarray, uniq: list[int]) -> list:
        runs = []
        for s in range(seeds):
            b = get_backend(self.backend, **options)
            b.fit(self._fit_docs, self._fit_texts, self.n_themes_chosen_, self._seed_tokens, s)
            aff = _affinity(b, self._fit_docs, self._fit_texts, keys, uniq)
            runs.append(aff.argmax(axis=1))
        return runs
