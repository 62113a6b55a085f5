"""What :func:`consult.compare` reads, checked: parameters, groups, ``within`` blocks, themes
and tokens, gathered in one :class:`Inputs` (one row per question)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import CompareError, ConsultWarning, NotFittedError
from ..schema import ROLES, frame_of
from .result import NO_VALUE

__all__ = ["DEFAULT_GROUPS", "Inputs", "Settings", "check_params", "read_inputs"]

_LIST_SEP = re.compile(r"[,;·]")

#: Groups compared when ``groups`` is not given, per grouping column.
DEFAULT_GROUPS = {"role": ("academic", "industry")}
#: Values never picked as groups by default (still allowed when named explicitly).
_SKIP_BY_DEFAULT = {"", "unknown"}
_WITHIN_NONE = {None, "none", "None", ""}
_PRIORS = ("corpus", "block", "uniform")


# --------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The statistics' parameters; ``text`` is ``"tokens"`` when tokens were given."""

    text: str
    min_count: int
    prior: str
    prior_scale: float
    n_boot: int
    ci: float
    z_crit: float
    pair_threshold: float
    overall: bool
    random_state: int
    min_experts: int = 3


def check_params(*, min_count: Any, n_boot: Any, ci: Any, text: Any, prior: Any,
                 prior_scale: Any) -> None:
    """Raise ``CompareError`` on the first parameter :func:`compare` cannot use."""
    if not isinstance(min_count, int | np.integer) or min_count < 1:
        raise CompareError(f"min_count must be a positive integer, not {min_count!r}")
    if not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise CompareError(f"n_boot must be a positive integer, not {n_boot!r}")
    if not 0 < ci < 1:
        raise CompareError(f"ci must be between 0 and 1, not {ci!r}")
    if text not in ("answer", "question+answer"):
        raise CompareError(f"unknown text {text!r}; use 'answer' or 'question+answer'")
    if prior not in _PRIORS:
        raise CompareError(f"unknown prior {prior!r}; use one of {', '.join(_PRIORS)}")
    if not prior_scale > 0:
        raise CompareError(f"prior_scale must be positive, not {prior_scale!r}")


# --------------------------------------------------------------------------------------------
# Groups and blocks
# --------------------------------------------------------------------------------------------


def _group_labels(
    questions: pd.DataFrame, transcripts: pd.DataFrame | None, by: Any
) -> tuple[str, pd.Series]:
    """The grouping column's name and its value (str) for every question."""
    if isinstance(by, Mapping | pd.Series):
        mapping = pd.Series(by)
        name = str(mapping.name) if getattr(mapping, "name", None) else "group"
        values = questions["transcript_id"].map(mapping)
        if values.notna().sum() == 0:
            raise CompareError(
                "the grouping mapping matches no transcript_id of the corpus "
                f"(e.g. {', '.join(map(str, questions['transcript_id'].head(3)))})"
            )
        return name, values.fillna("").astype(str)
    if not isinstance(by, str) or not by:
        raise CompareError(f"`by` must be a column name or a transcript_id → group mapping, not {by!r}")
    if by in questions.columns:
        col = questions[by]
    elif transcripts is not None and by in transcripts.columns:
        lookup = transcripts.drop_duplicates("transcript_id").set_index("transcript_id")[by]
        col = questions["transcript_id"].map(lookup)
    else:
        cols = list(dict.fromkeys(list(questions.columns) + list(
            [] if transcripts is None else transcripts.columns
        )))
        raise CompareError(
            f"unknown grouping column {by!r}; columns: {', '.join(map(str, cols))}"
        )
    return by, col.fillna("").astype(str)


def _describe_values(labels: pd.Series, tids: pd.Series) -> str:
    counts = tids.groupby(labels.to_numpy()).nunique()
    return ", ".join(
        f"{'(empty)' if k == '' else k} ({v} transcript{'s' if v != 1 else ''})"
        for k, v in counts.sort_values(ascending=False).items()
    ) or "none"


def _default_choice(by: str, labels: pd.Series, tids: pd.Series, present: list[str]) -> tuple[str, ...]:
    """The groups compared when none are named: ``DEFAULT_GROUPS[by]``, else every value."""
    default = DEFAULT_GROUPS.get(by)
    if default and all(g in present for g in default):
        chosen = tuple(default)
    else:
        order = {r: i for i, r in enumerate(ROLES)} if by == "role" else {}
        chosen = tuple(sorted(
            (g for g in present if g not in _SKIP_BY_DEFAULT),
            key=lambda g: (order.get(g, len(order)), present.index(g)),
        ))
    if len(chosen) < 2:
        raise CompareError(
            f"need at least two groups to compare, but column {by!r} holds "
            f"{_describe_values(labels, tids)}"
        )
    return chosen


def _choose_groups(
    by: str, labels: pd.Series, tids: pd.Series, groups: Any, known: Iterable[str] = ()
) -> tuple[str, ...]:
    """The groups to compare; ``known`` are values that exist but may have no records."""
    present = list(dict.fromkeys(labels.tolist()))
    if isinstance(groups, str):
        groups = [g.strip() for g in groups.split(",") if g.strip()]
    if groups is None:
        return _default_choice(by, labels, tids, present)
    chosen = tuple(str(g) for g in groups)
    if len(chosen) < 2:
        raise CompareError(
            f"need at least two groups to compare, got {list(chosen)}; column {by!r} holds "
            f"{_describe_values(labels, tids)}"
        )
    dupes = sorted({g for g in chosen if chosen.count(g) > 1})
    if dupes:
        raise CompareError(f"group(s) named twice: {', '.join(dupes)}")
    known = set(known) | (set(ROLES) if by == "role" else set())
    for g in chosen:
        if g in present:
            continue
        what = "has no records in" if g in known else "is not a value of"
        raise CompareError(
            f"group {g!r} {what} column {by!r}; values present: {_describe_values(labels, tids)}"
        )
    return chosen


def _within_labels(
    within: Any, questions: pd.DataFrame, transcripts: pd.DataFrame | None,
    theme_of: pd.DataFrame | None,
) -> tuple[str, pd.Series | None]:
    if within in _WITHIN_NONE:
        return "none", None
    if not isinstance(within, str):
        raise CompareError(f"`within` must be 'area', 'theme', 'none' or a column name, not {within!r}")
    if within == "theme":
        if theme_of is None:
            raise CompareError(
                "within='theme' needs themes: a fitted ThemeModel or its assignments as `themes=` "
                "(on the command line, a --themes-backend other than none)"
            )
        lab = questions["question_id"].map(theme_of["within_label"])
        return "theme", lab.fillna(NO_VALUE).astype(str)
    try:
        _, lab = _group_labels(questions, transcripts, within)
    except CompareError as exc:
        raise CompareError(
            str(exc).replace("grouping column", "`within` column") + "; or use 'theme' / 'none'"
        ) from None
    return within, lab.replace("", NO_VALUE)


# --------------------------------------------------------------------------------------------
# Themes and tokens
# --------------------------------------------------------------------------------------------


def _model_assignments(themes: Any) -> tuple[Any, dict[Any, str], dict[Any, list[str]]]:
    """A fitted model's assignments, and its theme labels and keywords by theme_id."""
    labels: dict[Any, str] = {}
    keywords: dict[Any, list[str]] = {}
    try:
        assign = themes.assignments_
    except AttributeError:
        raise NotFittedError(
            f"{type(themes).__name__} is not fitted (no assignments_); call .fit(corpus) first"
        ) from None
    info = getattr(themes, "themes_", None)
    if isinstance(info, pd.DataFrame) and "theme_id" in info:
        if "label" in info:
            labels = dict(zip(info["theme_id"], info["label"].astype(str), strict=False))
        if "keywords" in info:
            keywords = {k: _as_list(v) for k, v in zip(info["theme_id"], info["keywords"], strict=False)}
    return assign, labels, keywords


def _themes_table(themes: Any, question_ids: pd.Index) -> pd.DataFrame | None:
    """question_id → theme_id, theme_label, score, within_label, keywords (one row each)."""
    if themes is None:
        return None
    if isinstance(themes, pd.DataFrame):
        assign, labels, keywords = themes, {}, {}
    else:
        assign, labels, keywords = _model_assignments(themes)
    if not isinstance(assign, pd.DataFrame) or not {"question_id", "theme_id"} <= set(assign.columns):
        raise CompareError("theme assignments need the columns question_id and theme_id")
    if "point_id" in assign.columns:  # per-point assignments: keep one row per question
        assign = assign.drop_duplicates("question_id")
    a = assign.drop_duplicates("question_id").set_index("question_id")
    a = a[a.index.isin(question_ids)]
    if a.empty:
        raise CompareError("the theme assignments match no question_id of this corpus")
    out = pd.DataFrame(index=a.index)
    out["theme_id"] = a["theme_id"]
    lab = a["theme_id"].map(labels) if labels else pd.Series(np.nan, index=a.index, dtype=object)
    if "theme_label" in a:
        lab = lab.fillna(a["theme_label"])
    out["theme_label"] = lab.fillna(a["theme_id"].astype(str)).astype(str)
    out["score"] = a["score"].astype(float) if "score" in a else 1.0
    # a unique label per theme for within='theme'
    pairs = out[["theme_id", "theme_label"]].drop_duplicates()
    dup = pairs["theme_label"].duplicated(keep=False)
    wl = pairs["theme_label"].where(~dup, pairs["theme_id"].astype(str) + ": " + pairs["theme_label"])
    out["within_label"] = out["theme_id"].map(dict(zip(pairs["theme_id"], wl, strict=False)))
    out.attrs["keywords"] = keywords
    return out


def _theme_sets(themes: Any, question_ids: pd.Index) -> pd.DataFrame | None:
    """Every theme of each question — ``question_themes_`` of a multi-label model (analysts'
    codes: each code on any of a question's points) — as ``question_id`` → ``theme_ids`` (a
    tuple) and their ``labels``; ``None`` for a model with one theme a question."""
    table = None if isinstance(themes, pd.DataFrame) else getattr(themes, "question_themes_", None)
    if not isinstance(table, pd.DataFrame) or not {"question_id", "theme_id"} <= set(table.columns):
        return None
    table = table[table["question_id"].isin(question_ids)]
    out = pd.DataFrame({"theme_ids": table.groupby("question_id", sort=False)["theme_id"].agg(tuple)})
    labels = (dict(zip(table["theme_id"], table["theme_label"].astype(str), strict=False))
              if "theme_label" in table.columns else {})
    out.attrs["labels"] = labels
    return out


def _as_list(v: Any) -> list[str]:
    if isinstance(v, str):
        return [w.strip() for w in _LIST_SEP.split(v) if w.strip()]
    if isinstance(v, Iterable):
        return [str(w) for w in v]
    return []


def _default_tokens(corpus: Any, text: str) -> pd.Series:
    """Kiwi content tokens per question_id: its answer's points (``"answer"``) or, with
    ``"question+answer"``, the question text too (``consult.tokens.question_tokens``)."""
    # lazy: consult.tokens loads Kiwi, which compare() does not need when tokens are given
    from ..tokens import corpus_tokens

    q_tok, p_tok = corpus_tokens(corpus)
    if text == "question+answer":
        return q_tok
    points = frame_of(corpus, "points")
    if points is None or points.empty:
        return q_tok
    by_q: dict[str, list[str]] = {}
    for qid, toks in zip(points["question_id"], p_tok.reindex(points["point_id"]), strict=True):
        if isinstance(toks, list | tuple):
            by_q.setdefault(qid, []).extend(toks)
    # a question without point rows keeps its question+answer tokens
    return pd.Series({qid: by_q.get(qid, toks) for qid, toks in q_tok.items()}, dtype=object)


def _tokens_for(
    corpus: Any, questions: pd.DataFrame, tokens: pd.Series | None, text: str = "answer"
) -> pd.Series:
    if tokens is None:
        tokens = _default_tokens(corpus, text)
    if not isinstance(tokens, pd.Series):
        raise CompareError("`tokens` must be a pandas Series of token lists indexed by question_id")
    qids = questions["question_id"]
    found = qids.isin(tokens.index)
    if not found.any():
        raise CompareError("`tokens` holds no question_id of this corpus")
    if not found.all():
        warnings.warn(  # stacklevel: the caller of compare() (compare → read_inputs → here)
            f"{int((~found).sum())} question(s) have no tokens and count as empty",
            ConsultWarning, stacklevel=4,
        )
    tok = tokens[~tokens.index.duplicated()].reindex(qids.to_numpy())
    return pd.Series(
        [list(v) if isinstance(v, list | tuple | np.ndarray) else [] for v in tok.tolist()],
        index=questions.index, dtype=object,
    )


# --------------------------------------------------------------------------------------------
# Everything together
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """The corpus as :func:`compare` uses it: one row per question (index 0..n-1) with its
    group, transcript, ``within`` block, theme and tokens; shared by every statistic."""

    questions: pd.DataFrame
    points: pd.DataFrame | None
    by: str
    labels: pd.Series  # the grouping value of each question
    tids: pd.Series  # its transcript_id (str)
    groups: tuple[str, ...]
    within: str
    within_labels: pd.Series | None  # its block; None for within='none'
    theme_of: pd.DataFrame | None  # question_id → theme_id, theme_label, …
    tokens: pd.Series  # its token list
    theme_sets: pd.DataFrame | None = None  # question_id → theme_ids: every theme (multi-label)
    tid_codes: np.ndarray = field(init=False)  # transcript as an integer code
    qids: np.ndarray = field(init=False)  # question_id (str)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tid_codes", pd.factorize(self.tids)[0])
        object.__setattr__(self, "qids", self.questions["question_id"].astype(str).to_numpy())

    @property
    def q_theme(self) -> pd.Series:
        """The theme_id of each question (needs themes)."""
        return self.questions["question_id"].map(self.theme_of["theme_id"])

    @property
    def q_themes(self) -> pd.Series:
        """Every theme of each question (a tuple): a multi-label model's ``theme_sets``, else
        the one theme of :attr:`q_theme` (needs themes)."""
        one = self.q_theme
        if self.theme_sets is None:
            return one.map(lambda t: () if pd.isna(t) else (t,))
        sets = self.questions["question_id"].map(self.theme_sets["theme_ids"])
        return pd.Series([s if isinstance(s, tuple) else (() if pd.isna(t) else (t,))
                          for s, t in zip(sets, one, strict=True)], index=one.index, dtype=object)


def _questions_of(corpus: Any) -> pd.DataFrame:
    questions = frame_of(corpus, "questions")
    if questions is None:
        raise CompareError(f"{type(corpus).__name__} has no questions table; pass a consult Corpus")
    if questions.empty:
        raise CompareError("the corpus holds no questions; nothing to compare")
    for col in ("question_id", "transcript_id"):
        if col not in questions.columns:
            raise CompareError(f"the questions table lacks the column {col!r}")
    return questions.reset_index(drop=True)


def read_inputs(corpus: Any, by: Any, groups: Any, within: Any, themes: Any,
                tokens: pd.Series | None, text: str) -> Inputs:
    """Read and check what :func:`compare` needs from ``corpus`` (see its parameters)."""
    questions = _questions_of(corpus)
    transcripts = frame_of(corpus, "transcripts")
    points = frame_of(corpus, "points")

    by_name, labels = _group_labels(questions, transcripts, by)
    tids = questions["transcript_id"].astype(str)
    known = ()
    if isinstance(by, str) and transcripts is not None and by in transcripts.columns:
        known = transcripts[by].dropna().astype(str).unique().tolist()
    chosen = _choose_groups(by_name, labels, tids, groups, known)

    theme_of = _themes_table(themes, pd.Index(questions["question_id"]))
    within_name, wlabels = _within_labels(within, questions, transcripts, theme_of)

    toks = _tokens_for(corpus, questions, tokens, text)
    return Inputs(
        questions=questions, points=points, by=by_name, labels=labels, tids=tids, groups=chosen,
        within=within_name, within_labels=wlabels, theme_of=theme_of, tokens=toks,
        theme_sets=_theme_sets(themes, pd.Index(questions["question_id"])) if theme_of is not None else None,
    )
