"""``analyze()``: the one place where themes are fitted and groups compared.

Every command that shows results (``consult report``, ``consult compare``, ``consult export``)
and :func:`consult.build_report` take the :class:`Analysis` this returns and only render it.

    >>> import consult                                                       # doctest: +SKIP
    >>> a = consult.analyze(consult.load("minutes.txt"), random_state=0)     # doctest: +SKIP
    >>> a.comparison.terms.head(); a.themes.themes_; a.warnings             # doctest: +SKIP

**The fallback rule** (the only one): when the corpus is too small or too empty for themes
(:class:`~consult.errors.CorpusTooSmallError`, :class:`~consult.errors.EmptyCorpusError`) and
themes were not asked for by name (``themes="auto"``), the analysis goes on without themes and
says so in ``warnings``; the comparison then has terms and pairs but no theme tables. When the
default groups (academic and industry) are not both present and no groups were named, the
comparison is left out the same way. Anything else (a named group that does not exist, a
missing optional package, an unknown backend) is an error.
"""

from __future__ import annotations

import dataclasses
import warnings as _warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .comparison import DEFAULT_GROUPS, Comparison, compare
from .corpus import Corpus, load
from .display import analysis_html
from .errors import (
    ConsultWarning,
    CorpusTooSmallError,
    EmptyCorpusError,
    UsageError,
)
from .findings import Claims, build_claims, check_summaries
from .findings import texts_to_tokenize as findings_texts
from .people.experts import ExpertView, expert_view
from .progress import stage
from .qda import CodeThemes, read_codes
from .records import is_theme
from .themes import BACKENDS, ThemeModel
from .themes.texts import texts_to_tokenize as themes_texts
from .tokens import corpus_texts, default_tokenizer

__all__ = ["Analysis", "analyze", "analysis_texts", "tokenize_once", "THEME_CHOICES"]

#: values of ``themes=`` naming a way to get themes (besides a ThemeModel)
THEME_CHOICES = ("auto", *(b for b in BACKENDS if b != "sklearn"), "sklearn", "none")


@dataclass(frozen=True, repr=False)
class Analysis:
    """What :func:`analyze` found: the corpus, its themes, the comparison, and what was left out.

    ``themes`` is a fitted :class:`~consult.ThemeModel` or ``None``; ``comparison`` a
    :class:`~consult.Comparison` or ``None``; ``claims`` the findings of the two groups
    (:class:`consult.findings.Claims`: every finding as an object and as the ``findings`` table,
    :data:`consult.findings.FINDING_COLUMNS`; ``positions``, what each side named on each
    question); ``questionnaire`` who was asked what; ``summary_checks`` the authors'
    summary-table claims checked against the minutes; ``settings`` the arguments used;
    ``warnings`` one sentence per part that was left out.
    """

    corpus: Corpus
    themes: ThemeModel | None
    comparison: Comparison | None
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    findings: pd.DataFrame | None = None
    questionnaire: pd.DataFrame | None = None
    summary_checks: pd.DataFrame | None = None
    claims: Claims | None = None

    @property
    def positions(self) -> pd.DataFrame | None:
        """What each side named on each question, before any verdict (``None`` without claims)."""
        return None if self.claims is None else self.claims.positions

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by sheet name: records, themes, then the comparison's tables."""
        out: dict[str, pd.DataFrame] = {
            "transcripts": self.corpus.transcripts,
            "questions": self.corpus.questions,
            "points": self.corpus.points,
        }
        if self.themes is not None:
            out["themes"] = self.themes.themes_
            out["assignments"] = self.themes.assignments_
        if self.findings is not None:
            out["findings"] = self.findings
            out["positions"] = self.positions
            out["questionnaire"] = self.questionnaire
        if self.summary_checks is not None and len(self.summary_checks):
            out["summary_checks"] = self.summary_checks
        if self.comparison is not None:
            out.update(self.comparison.tables())
        return out

    def __repr__(self) -> str:
        parts = [f"{len(self.corpus.transcripts)} transcripts"]
        if self.themes is not None:
            parts.append(f"{len(self.themes.themes_)} themes")
        if self.comparison is not None:
            parts.append(f"{' vs '.join(self.comparison.groups)} by {self.comparison.by}")
        return f"Analysis({'; '.join(parts)}; {len(self.warnings)} warnings)"

    def _repr_html_(self) -> str:
        return str(analysis_html(self))


def _as_corpus(corpus: Any, areas: Any, roles: Any) -> Corpus:
    if isinstance(corpus, Corpus):
        return corpus
    if isinstance(corpus, str | Path) or (
        isinstance(corpus, Sequence) and corpus and all(isinstance(c, str | Path) for c in corpus)
    ):
        return load(corpus if isinstance(corpus, str | Path) else list(corpus), areas=areas,
                    roles=roles)
    if hasattr(corpus, "questions") and hasattr(corpus, "transcripts"):
        return corpus  # a Corpus-like object (tests, user subclasses)
    raise UsageError(f"analyze() needs a consult Corpus or paths to load, not {type(corpus).__name__}")


def _fit_themes(corpus: Any, themes: Any, options: Mapping[str, Any], notes: list[str]):
    """A fitted ThemeModel, or ``None`` (themes off, or the fallback rule)."""
    if themes is None or themes is False or themes == "none":
        return None
    if hasattr(themes, "themes_"):  # fitted: a ThemeModel, or any object with its tables
        return themes
    if isinstance(themes, ThemeModel):
        return themes.fit(corpus)
    if not isinstance(themes, str) or themes not in THEME_CHOICES:
        raise UsageError(f"themes must be one of {', '.join(THEME_CHOICES)} or a ThemeModel, "
                         f"not {themes!r}")
    backend = "sklearn" if themes == "auto" else themes
    kwargs = {"backend": backend, **{k: v for k, v in options.items() if v is not None}}
    if backend != "sklearn":  # other backends model whole answers (one theme per question)
        kwargs["unit"] = "question"
    try:
        return ThemeModel(**kwargs).fit(corpus)
    except (CorpusTooSmallError, EmptyCorpusError) as exc:
        if themes != "auto":
            raise
        notes.append(f"themes left out: {exc}")
        return None


def _run_compare(corpus: Any, model: Any, groups: Any, by: Any, options: Mapping[str, Any],
                 notes: list[str]) -> Comparison | None:
    if groups is None and isinstance(by, str) and by in DEFAULT_GROUPS:
        # the groups of the experts who answered something: a transcript cut off before its
        # first question (or a speaker who only listened) gives its group nothing to compare
        table = corpus.questions if by in corpus.questions else corpus.transcripts
        present = set(table[by].astype(str)) if by in table else set()
        missing = [g for g in DEFAULT_GROUPS[by] if g not in present]
        if missing:
            notes.append(f"comparison left out: no {', '.join(missing)} expert answers in the corpus "
                         f"(name the groups to compare with groups=/--groups)")
            return None
    return compare(corpus, by=by, groups=groups, themes=_question_themes(corpus, model), **options)


def _question_themes(view: Any, model: Any) -> Any:
    """``model`` itself, or — for an expert view of meetings, whose questions are per speaker —
    each view question's most frequent theme among its points (an assignments table)."""
    if model is None or not isinstance(view, ExpertView):
        return model
    pa = getattr(model, "point_assignments_", None)
    if not isinstance(pa, pd.DataFrame) or "point_id" not in pa:
        return model
    pa = pa[pa["theme_id"].map(is_theme)]
    q_of = dict(zip(view.points["point_id"], view.points["question_id"], strict=True))
    rows = pa.assign(question_id=pa["point_id"].map(q_of)).dropna(subset=["question_id"])
    if rows.empty:
        return None
    top = (rows.groupby(["question_id", "theme_id"]).size().rename("n").reset_index()
           .sort_values(["question_id", "n", "theme_id"], ascending=[True, False, True])
           .drop_duplicates("question_id"))
    info = model.themes_
    label = dict(zip(info["theme_id"], info["label" if "label" in info else "theme_label"], strict=False))
    return top.assign(theme_label=top["theme_id"].map(label), score=1.0)[
        ["question_id", "theme_id", "theme_label", "score"]]


def analyze(
    corpus: Any,
    *,
    themes: Any = "auto",
    n_themes: int | None = None,
    seed_themes: Any = None,
    codebook: Any = None,
    codes: Any = None,
    by: str | Mapping[str, str] | pd.Series = "role",
    groups: Sequence[str] | str | None = None,
    within: str | None = "area",
    compare_groups: bool = True,
    text: str = "answer",
    min_count: int = 3,
    n_boot: int = 1000,
    random_state: int = 0,
    areas: Any = None,
    roles: Any = None,
    progress_bar: bool | None = None,
) -> Analysis:
    """Fit themes and compare groups of experts, once, for every output to render.

    Parameters
    ----------
    corpus:
        a :class:`consult.Corpus`, or file/folder path(s) to :func:`consult.load` (with the
        ``areas``/``roles`` taxonomy files).
    themes:
        ``"auto"`` (default: the sklearn backend, left out with a warning when the corpus is too
        small), a backend name (``"sklearn"``, ``"bertopic"``: errors are errors), ``"none"``,
        or a ``ThemeModel`` (fitted or not).
    n_themes, seed_themes, codebook:
        passed to ``ThemeModel`` (``seed_themes``: a TOML path or ``{label: [words]}``;
        ``codebook``: a TOML path with ``[[concern]]`` seeds, ``[rename]`` and ``[[merge]]``).
    codes:
        analysts' own codes used as the themes instead of a model: a codes table
        (:func:`consult.read_codes`) or the path of a coded ``.qdpx`` project (then ``themes``
        is ignored; each code is a theme labelled with its name).
    by, groups, within, text, min_count, n_boot:
        passed to :func:`consult.compare`. ``groups=None`` compares academia and industry when
        both are present (else the comparison is left out with a warning).
    compare_groups:
        ``False`` skips the comparison (themes only, e.g. for an export).
    random_state:
        seed of the theme model and the bootstrap.
    progress_bar:
        show the stage running (``None``: only on a terminal).
    """
    notes: list[str] = []
    corpus = _loaded(corpus, areas, roles, progress_bar)
    theme_options = {"n_themes": n_themes, "seed_words": seed_themes, "codebook": codebook,
                     "random_state": random_state}
    compare_options = {"within": within, "text": text, "min_count": min_count, "n_boot": n_boot,
                       "random_state": random_state}
    claims = None
    if codes is not None:
        themes = CodeThemes(codes if isinstance(codes, pd.DataFrame) else read_codes(codes, corpus),
                            corpus)
    point_themes = _fits_point_themes(themes)
    if point_themes or compare_groups:
        with stage("tokenize", enabled=progress_bar):  # every text in one batch, then look-ups
            tokenize_once(corpus, themes=point_themes, findings=compare_groups)
    experts = expert_view(corpus)  # a meeting's speakers are its experts (themes recur across them)
    with stage("themes", enabled=progress_bar):
        model = _fit_themes(experts, themes, theme_options, notes)
    with stage("compare", enabled=progress_bar):
        comparison = (_run_compare(experts, model, groups, by, compare_options, notes)
                      if compare_groups else None)
        claims = _claims_of(experts, comparison) if isinstance(by, str) else None
        checks = check_summaries(corpus) if compare_groups else None
    for note in notes:
        _warnings.warn(note, ConsultWarning, stacklevel=2)
    settings = _settings(themes, by, groups, compare_groups, {**theme_options, **compare_options})
    return Analysis(corpus=corpus, themes=model, comparison=comparison, settings=settings,
                    warnings=tuple(notes), findings=None if claims is None else claims.table,
                    questionnaire=None if claims is None else claims.questionnaire,
                    summary_checks=checks, claims=claims)


def _loaded(corpus: Any, areas: Any, roles: Any, progress_bar: bool | None) -> Corpus:
    """``corpus`` as a :class:`Corpus`: loaded in the "parse" stage unless it is one already."""
    if isinstance(corpus, Corpus) or (hasattr(corpus, "questions") and hasattr(corpus, "transcripts")):
        return _as_corpus(corpus, areas, roles)
    with stage("parse", enabled=progress_bar):
        return _as_corpus(corpus, areas, roles)


def _settings(themes: Any, by: Any, groups: Any, compare_groups: bool, options: dict[str, Any]) -> dict[str, Any]:
    """What an analysis was asked for, as :attr:`Analysis.settings` records it."""
    return {"themes": themes if isinstance(themes, str) else type(themes).__name__,
            "by": by if isinstance(by, str) else "mapping", "groups": groups,
            "compare": compare_groups, **options}


def _claims_of(experts: Any, comparison: Any) -> Any:
    """The findings of a comparison of two groups (``None`` for no comparison or other than two)."""
    if comparison is None or len(comparison.groups) != 2:
        return None
    return build_claims(experts, by=comparison.by, groups=(comparison.groups[0], comparison.groups[1]))


def with_comparison(analysis: Analysis, comparison: Any) -> Analysis:
    """``analysis`` with a comparison made elsewhere, and the findings and summary checks that go
    with it (so a report of a corpus with a ready ``Comparison`` keeps its findings)."""
    experts = expert_view(analysis.corpus)
    tokenize_once(analysis.corpus, themes=False, findings=True)  # look-ups when cached
    claims = _claims_of(experts, comparison)
    return dataclasses.replace(
        analysis, comparison=comparison, claims=claims,
        findings=None if claims is None else claims.table,
        questionnaire=None if claims is None else claims.questionnaire,
        summary_checks=check_summaries(analysis.corpus))


def analysis_texts(corpus: Any, *, themes: bool = True, findings: bool = True) -> list[str]:
    """Every text an analysis of ``corpus`` tokenizes, as each stage declares it: the questions
    and points (comparison, findings), the authors' summary claims (findings), the points
    without notes and their written words (themes). First-seen order, each once."""
    texts = corpus_texts(corpus)
    if findings:
        texts += findings_texts(corpus)
    if themes:
        texts += themes_texts(corpus)
    return list(dict.fromkeys(texts))


def tokenize_once(corpus: Any, *, themes: bool = True, findings: bool = True) -> int:
    """The analysis's one tokenization step: :func:`analysis_texts` in one Kiwi batch, kept in
    the token cache, so every later stage only looks its tokens up. The number of texts."""
    texts = analysis_texts(corpus, themes=themes, findings=findings)
    if texts:
        default_tokenizer().tokenize(texts, keep=False)
    return len(texts)


def _fits_point_themes(themes: Any) -> bool:
    """Whether the themes are fitted here from points with the default tokenizer (the sklearn
    backend): then the point texts without notes and their words are tokenized too."""
    if isinstance(themes, str):
        return themes in ("auto", "sklearn")
    return (isinstance(themes, ThemeModel) and not hasattr(themes, "themes_")
            and getattr(themes, "unit", None) == "point" and themes.tokenizer is None)
