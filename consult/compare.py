"""Group comparisons: where academic and industry experts agree and where they diverge.

``compare(corpus, by="role", groups=("academic", "industry"), within="area", themes=model)``
returns a :class:`Comparison` holding six tables (pandas DataFrames):

``groups_summary``
    transcripts / questions / tokens per group per block, with a ``small_sample`` flag.
``terms``
    distinctive terms: the weighted log-odds ratio with an informative Dirichlet prior
    (Monroe, Colaresi & Quinn 2008, "Fightin' Words") and its z-score. ``z > 0`` leans to
    ``group_a``; swapping the two groups negates ``z``.
``prevalence``
    theme shares by group with bootstrap confidence intervals over transcripts (the expert is
    the resampling unit, so a talkative expert cannot decide a difference alone).
``consensus`` / ``divergence``
    every theme raised in a block lands in exactly one of the two: raised by both groups
    (consensus) or raised by one only / raised by both with a clear difference (divergence),
    with a quote and the record ids from each side.
``pairs``
    the same question put to experts of both groups, the two answers side by side.

A *block* is one value of ``within`` (an area, a theme, any column) plus the pooled block
``"(all)"``. With more than two groups each group is compared with the rest (one-vs-rest).

    >>> import pandas as pd
    >>> a = pd.Series({"x": 3, "y": 1}); b = pd.Series({"x": 1, "y": 3})
    >>> round(float(log_odds_z(a, b, prior=pd.Series({"x": 4.0, "y": 4.0}))["x"]), 3)
    1.149
"""

from __future__ import annotations

import re
import sys
import types
import warnings
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from .display import comparison_html
from .errors import CompareError, NotFittedError, SmallSampleWarning

__all__ = [
    "compare",
    "Comparison",
    "CompareError",
    "log_odds_z",
    "ALL",
    "NO_VALUE",
    "DEFAULT_GROUPS",
    "GROUP_COLUMNS",
    "TERM_COLUMNS",
    "PREVALENCE_COLUMNS",
    "CONSENSUS_COLUMNS",
    "DIVERGENCE_COLUMNS",
    "PAIR_COLUMNS",
]

#: ``within`` value of the pooled block (every record of the compared groups).
ALL = "(all)"
#: ``within`` value for records whose ``within`` column is empty (e.g. forum talks have no area).
NO_VALUE = "(none)"
#: Groups compared when ``groups`` is not given, per grouping column.
DEFAULT_GROUPS = {"role": ("academic", "industry")}
#: Values never picked as groups by default (still allowed when named explicitly).
_SKIP_BY_DEFAULT = {"", "unknown"}

GROUP_COLUMNS = [
    "within", "group", "n_transcripts", "n_questions", "n_tokens", "small_sample", "speakers",
]
TERM_COLUMNS = [
    "within", "term", "z", "count_a", "count_b", "freq_a", "freq_b",
    "group_a", "group_b", "delta", "se", "docs_a", "docs_b", "n_a", "n_b",
]
PREVALENCE_COLUMNS = [
    "within", "theme_id", "share_a", "share_b", "diff", "ci_low", "ci_high",
    "theme_label", "n_a", "n_b", "k_a", "k_b", "group_a", "group_b",
]
_THEME_ROW_COLUMNS = [
    "within", "theme_id", "theme_label", "group_a", "group_b", "n_a", "n_b", "k_a", "k_b",
    "share_a", "share_b", "diff", "ci_low", "ci_high", "small_sample", "note",
    "terms_a", "terms_b", "quote_a", "quote_a_id", "quote_b", "quote_b_id",
    "question_ids_a", "question_ids_b",
]
CONSENSUS_COLUMNS = list(_THEME_ROW_COLUMNS)
DIVERGENCE_COLUMNS = _THEME_ROW_COLUMNS[:3] + ["kind", "leans_to"] + _THEME_ROW_COLUMNS[3:]
PAIR_COLUMNS = [
    "within", "area", "question_group", "question", "group_a", "group_b", "similarity",
    "transcript_id_a", "speaker_a", "question_id_a", "answer_a",
    "transcript_id_b", "speaker_b", "question_id_b", "answer_b",
    "question_b", "theme_a", "theme_b",
]

_WITHIN_NONE = {None, "none", "None", ""}
_PRIORS = ("corpus", "block", "uniform")
_QUOTE_CHARS = 200


# --------------------------------------------------------------------------------------------
# The statistic
# --------------------------------------------------------------------------------------------


def _log_odds_arrays(
    y_a: np.ndarray, y_b: np.ndarray, alpha: np.ndarray, n_a: float, n_b: float, a0: float
) -> tuple[np.ndarray, np.ndarray]:
    """delta and its standard error for every term (Monroe et al. 2008, eq. 16 and 18).

    A vocabulary of one term (all tokens and all prior mass on it) has no odds: delta is 0.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        ya, yb = y_a + alpha, y_b + alpha
        delta = np.log(ya / (n_a + a0 - ya)) - np.log(yb / (n_b + a0 - yb))
        se = np.sqrt(1.0 / ya + 1.0 / yb)
    delta = np.where(np.isnan(delta), 0.0, delta)
    return delta, se


def log_odds_z(
    counts_a: Mapping[str, float] | pd.Series,
    counts_b: Mapping[str, float] | pd.Series,
    prior: Mapping[str, float] | pd.Series | None = None,
) -> pd.Series:
    """z-scores of the weighted log-odds ratio with a Dirichlet prior, one per term.

    ``counts_a``/``counts_b`` map term → count in each group; ``prior`` maps term → the prior
    pseudo-count alpha_w (by default the pooled counts of both groups, the usual informative
    choice). Positive z: the term leans to group a. Swapping a and b negates every z.

        >>> z = log_odds_z({"x": 3, "y": 1}, {"x": 1, "y": 3})
        >>> bool(z["x"] > 0 and np.isclose(z["x"], -z["y"]))
        True
    """
    a = pd.Series(counts_a, dtype=float)
    b = pd.Series(counts_b, dtype=float)
    terms = a.index.union(b.index)
    a, b = a.reindex(terms, fill_value=0.0), b.reindex(terms, fill_value=0.0)
    if prior is None:
        alpha = a + b
    else:
        alpha = pd.Series(prior, dtype=float).reindex(terms)
        if alpha.isna().any() or (alpha <= 0).any():
            raise CompareError("the prior needs a positive pseudo-count for every term")
    delta, se = _log_odds_arrays(
        a.to_numpy(), b.to_numpy(), alpha.to_numpy(), a.sum(), b.sum(), alpha.sum()
    )
    return pd.Series(delta / se, index=terms, name="z")


# --------------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Comparison:
    """The result of :func:`compare`: six DataFrames and the settings that made them."""

    by: str
    groups: tuple[str, ...]
    within: str
    comparisons: tuple[tuple[str, str], ...]
    groups_summary: pd.DataFrame
    terms: pd.DataFrame
    prevalence: pd.DataFrame
    consensus: pd.DataFrame
    divergence: pd.DataFrame
    pairs: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by sheet name, in reading order (for ``consult.io.write_tables``)."""
        return {
            "groups": self.groups_summary,
            "terms": self.terms,
            "prevalence": self.prevalence,
            "consensus": self.consensus,
            "divergence": self.divergence,
            "pairs": self.pairs,
        }

    def top_terms(self, n: int = 10, within: str | None = ALL, group: str | None = None) -> pd.DataFrame:
        """The ``n`` terms leaning most to ``group`` (default: each side of each comparison).

        Returns rows of ``terms`` with an added ``leans_to`` column, strongest first.
        """
        t = self.terms
        if within is not None:
            t = t[t["within"] == within]
        out = []
        for a, b in self.comparisons:
            sub = t[(t["group_a"] == a) & (t["group_b"] == b)]
            for side, name, asc in ((1, a, False), (-1, b, True)):
                if group is not None and group != name:
                    continue
                rows = sub[sub["z"] * side > 0].sort_values("z", ascending=asc).head(n)
                out.append(rows.assign(leans_to=name))
        if not out:
            return t.head(0).assign(leans_to=pd.Series(dtype=object))
        return pd.concat(out, ignore_index=True)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables().items())
        return (
            f"Comparison(by={self.by!r}, groups={self.groups!r}, within={self.within!r}; {sizes})"
        )

    def _repr_html_(self) -> str:
        """Jupyter view: group sizes, top terms, prevalence, consensus and divergence."""
        return str(comparison_html(self))


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


def _frame(corpus: Any, name: str) -> pd.DataFrame | None:
    df = getattr(corpus, name, None)
    if callable(df):  # tolerate methods
        df = df()
    return df if isinstance(df, pd.DataFrame) else None


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


def _choose_groups(
    by: str, labels: pd.Series, tids: pd.Series, groups: Any, known: Iterable[str] = ()
) -> tuple[str, ...]:
    """The groups to compare; ``known`` are values that exist but may have no records."""
    present = list(dict.fromkeys(labels.tolist()))
    if isinstance(groups, str):
        groups = [g.strip() for g in groups.split(",") if g.strip()]
    if groups is None:
        default = DEFAULT_GROUPS.get(by)
        if default and all(g in present for g in default):
            chosen = tuple(default)
        else:
            from .schema import ROLES

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
    chosen = tuple(str(g) for g in groups)
    if len(chosen) < 2:
        raise CompareError(
            f"need at least two groups to compare, got {list(chosen)}; column {by!r} holds "
            f"{_describe_values(labels, tids)}"
        )
    dupes = sorted({g for g in chosen if chosen.count(g) > 1})
    if dupes:
        raise CompareError(f"group(s) named twice: {', '.join(dupes)}")
    from .schema import ROLES

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


def _themes_table(themes: Any, question_ids: pd.Index) -> pd.DataFrame | None:
    """question_id → theme_id, theme_label, score, within_label, keywords (one row each)."""
    if themes is None:
        return None
    labels: dict[Any, str] = {}
    keywords: dict[Any, list[str]] = {}
    if isinstance(themes, pd.DataFrame):
        assign = themes
    else:
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


def _as_list(v: Any) -> list[str]:
    if isinstance(v, str):
        return [w.strip() for w in re.split(r"[,;·]", v) if w.strip()]
    if isinstance(v, Iterable):
        return [str(w) for w in v]
    return []


def _default_tokens(corpus: Any, text: str) -> pd.Series:
    """Kiwi content tokens per question_id: its answer's points (``"answer"``) or, with
    ``"question+answer"``, the question text too (``consult.tokens.question_tokens``)."""
    from .tokens import corpus_tokens  # lazy: loads Kiwi

    q_tok, p_tok = corpus_tokens(corpus)
    if text == "question+answer":
        return q_tok
    points = _frame(corpus, "points")
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
        from .errors import ConsultWarning

        warnings.warn(
            f"{int((~found).sum())} question(s) have no tokens and count as empty",
            ConsultWarning, stacklevel=3,
        )
    tok = tokens[~tokens.index.duplicated()].reindex(qids.to_numpy())
    return pd.Series(
        [list(v) if isinstance(v, list | tuple | np.ndarray) else [] for v in tok.tolist()],
        index=questions.index, dtype=object,
    )


# --------------------------------------------------------------------------------------------
# compare()
# --------------------------------------------------------------------------------------------


def compare(
    corpus: Any,
    by: str | Mapping[str, str] | pd.Series = "role",
    groups: Sequence[str] | str | None = None,
    within: str | None = "area",
    themes: Any = None,
    *,
    tokens: pd.Series | None = None,
    text: str = "answer",
    min_count: int = 3,
    prior: str = "corpus",
    prior_scale: float = 1.0,
    n_boot: int = 1000,
    ci: float = 0.95,
    z_crit: float = 1.96,
    pair_threshold: float = 0.5,
    overall: bool = True,
    random_state: int = 0,
) -> Comparison:
    """Compare groups of experts (by default academic vs industry), per area.

    Parameters
    ----------
    corpus:
        a :class:`consult.Corpus` (anything with ``.questions`` and ``.transcripts``; ``.points``
        is used for quotes when present).
    by:
        grouping column of ``corpus.questions`` or ``corpus.transcripts`` (``role``,
        ``organization``, ``area``, a user metadata column), or a mapping transcript_id → group.
    groups:
        the groups to compare (``("academic", "industry")`` or ``"academic,industry"``). Two
        groups: a vs b. Three or more: each against the rest of them (``group_b = "not <a>"``).
        Default: ``DEFAULT_GROUPS[by]`` when all present, else every value present except
        empty and ``unknown``.
    within:
        ``"area"`` (default), ``"theme"`` (needs ``themes``), any column, or ``"none"``.
        Every table also holds the pooled block ``"(all)"`` unless ``overall=False``.
    themes:
        a fitted ``ThemeModel`` (``assignments_``, ``themes_``) or an assignments DataFrame
        (``question_id``, ``theme_id``[, ``theme_label``, ``score``]). Without it ``prevalence``,
        ``consensus`` and ``divergence`` are empty.
    tokens:
        token lists per question (a Series indexed by ``question_id``); default: the Kiwi
        content tokens of ``consult.tokens`` (cached), of the text named by ``text``.
    text:
        ``"answer"`` (default: the experts' points only, so that questions worded for one group,
        e.g. "교수님의 견해", do not count as that group's words) or ``"question+answer"``
        (``consult.tokens.question_tokens``).
    min_count:
        terms used fewer than ``min_count`` times in a block (both groups together) are left out
        of ``terms`` (they still count in the totals).
    prior, prior_scale:
        the Dirichlet prior: ``"corpus"`` (term shares of the whole corpus, the informative prior),
        ``"block"`` (pooled shares of the two groups in the block) or ``"uniform"``; its total
        weight alpha_0 is ``prior_scale`` × the number of tokens compared.
    n_boot, ci, random_state:
        bootstrap replicates over transcripts, interval level, seed (same seed, same output).
    z_crit:
        |z| at which a term counts as distinctive (for ``divergence``' "opposite_terms").
    pair_threshold:
        character-n-gram cosine similarity above which two questions are "the same question".

    Raises
    ------
    CompareError
        unknown column or group value, a group with no records, fewer than two groups, bad
        parameters.
    """
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

    questions = _frame(corpus, "questions")
    if questions is None:
        raise CompareError(f"{type(corpus).__name__} has no questions table; pass a consult Corpus")
    if questions.empty:
        raise CompareError("the corpus holds no questions; nothing to compare")
    for col in ("question_id", "transcript_id"):
        if col not in questions.columns:
            raise CompareError(f"the questions table lacks the column {col!r}")
    questions = questions.reset_index(drop=True)
    transcripts = _frame(corpus, "transcripts")
    points = _frame(corpus, "points")

    by_name, labels = _group_labels(questions, transcripts, by)
    tids = questions["transcript_id"].astype(str)
    known = ()
    if isinstance(by, str) and transcripts is not None and by in transcripts.columns:
        known = transcripts[by].dropna().astype(str).unique().tolist()
    chosen = _choose_groups(by_name, labels, tids, groups, known)

    theme_of = _themes_table(themes, pd.Index(questions["question_id"]))
    within_name, wlabels = _within_labels(within, questions, transcripts, theme_of)

    toks = _tokens_for(corpus, questions, tokens, text)

    if len(chosen) == 2:
        comparisons = ((chosen[0], chosen[1]),)
    else:
        comparisons = tuple((g, f"not {g}") for g in chosen)
    members = {g: {g} for g in chosen}
    for g in chosen:
        members[f"not {g}"] = set(chosen) - {g}

    ctx = _Context(
        questions=questions, labels=labels, tids=tids, tokens=toks, theme_of=theme_of,
        points=points, min_count=int(min_count), prior=prior, prior_scale=float(prior_scale),
        n_boot=int(n_boot), ci=float(ci), z_crit=float(z_crit), random_state=int(random_state),
    )

    # blocks: (name, boolean mask over questions)
    blocks: list[tuple[str, np.ndarray]] = []
    label_arr = labels.to_numpy(dtype=object)
    in_groups = np.isin(label_arr, list(chosen))
    if wlabels is None or overall:
        blocks.append((ALL, in_groups))
    if wlabels is not None:
        for value in dict.fromkeys(wlabels[in_groups].tolist()):
            blocks.append((value, in_groups & (wlabels == value).to_numpy()))

    summary = _groups_summary(ctx, blocks, chosen)
    small = summary[summary["small_sample"]]
    if len(small):
        where = "; ".join(
            f"{w}: " + ", ".join(f"{g}={n}" for g, n in zip(s["group"], s["n_transcripts"], strict=False))
            for w, s in small.groupby("within", sort=False)
        )
        warnings.warn(
            f"groups with fewer than 2 transcripts ({where}); statistics there rest on one expert "
            "or none — read them as anecdotes",
            SmallSampleWarning, stacklevel=2,
        )

    terms, prevalence, consensus, divergence = [], [], [], []
    for bname, bmask in blocks:
        for a, b in comparisons:
            ma = bmask & np.isin(label_arr, sorted(members[a]))
            mb = bmask & np.isin(label_arr, sorted(members[b]))
            if not ma.any() or not mb.any():
                continue
            terms.append(ctx.terms_block(bname, a, b, ma, mb))
            if theme_of is not None and not (within_name == "theme" and bname != ALL):
                prev, cons, div = ctx.theme_block(bname, a, b, ma, mb)
                prevalence.append(prev)
                consensus.append(cons)
                divergence.append(div)

    pairs = _pairs(ctx, chosen, within_name, float(pair_threshold))

    params = dict(
        text=text if tokens is None else "tokens", min_count=int(min_count), prior=prior, prior_scale=float(prior_scale), n_boot=int(n_boot),
        ci=float(ci), z_crit=float(z_crit), pair_threshold=float(pair_threshold),
        overall=bool(overall), random_state=int(random_state),
    )
    return Comparison(
        by=by_name,
        groups=chosen,
        within=within_name,
        comparisons=comparisons,
        groups_summary=summary,
        terms=_concat(terms, TERM_COLUMNS),
        prevalence=_concat(prevalence, PREVALENCE_COLUMNS),
        consensus=_concat(consensus, CONSENSUS_COLUMNS),
        divergence=_concat(divergence, DIVERGENCE_COLUMNS),
        pairs=pairs,
        params=params,
    )


def _concat(parts: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return pd.concat(parts, ignore_index=True)[columns]


def _groups_summary(ctx: _Context, blocks: list[tuple[str, np.ndarray]], chosen: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    q = ctx.questions
    speaker = q["speaker"].astype(str) if "speaker" in q else ctx.tids
    for bname, bmask in blocks:
        for g in chosen:
            m = bmask & (ctx.labels == g).to_numpy()
            n_t = int(ctx.tids[m].nunique())
            rows.append(dict(
                within=bname, group=g, n_transcripts=n_t, n_questions=int(m.sum()),
                n_tokens=int(ctx.n_tokens[m].sum()), small_sample=n_t < 2,
                speakers="; ".join(dict.fromkeys(speaker[m].tolist())),
            ))
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


# --------------------------------------------------------------------------------------------
# The work, per block
# --------------------------------------------------------------------------------------------


class _Context:
    """Everything computed once and shared by the blocks."""

    def __init__(self, *, questions, labels, tids, tokens, theme_of, points, min_count, prior,
                 prior_scale, n_boot, ci, z_crit, random_state):
        self.questions = questions
        self.labels = labels
        self.tids = tids
        self.theme_of = theme_of
        self.points = points
        self.min_count = min_count
        self.prior = prior
        self.prior_scale = prior_scale
        self.n_boot = n_boot
        self.ci = ci
        self.z_crit = z_crit
        self.random_state = random_state
        # question × term count matrix, built without a Python loop over tokens
        lengths = tokens.map(len).to_numpy()
        flat = [t for toks in tokens for t in toks]
        codes, vocab = pd.factorize(pd.Series(flat, dtype=object), sort=False)
        rows = np.repeat(np.arange(len(tokens)), lengths)
        self.X = sparse.csr_matrix(
            (np.ones(len(codes)), (rows, codes)), shape=(len(tokens), len(vocab))
        )
        self.X.sum_duplicates()
        self.vocab = np.asarray(vocab, dtype=object)
        self.n_tokens = pd.Series(lengths)
        bg = np.asarray(self.X.sum(axis=0)).ravel()
        self.background = bg / bg.sum() if bg.sum() else bg
        self.tid_codes, self.tid_uniques = pd.factorize(tids)
        self.qids = questions["question_id"].astype(str).to_numpy()
        self._candidates = self._quote_candidates()
        if theme_of is not None:
            self.q_theme = questions["question_id"].map(theme_of["theme_id"])
            self._q_theme_list = self.q_theme.tolist()
            self.theme_labels = dict(zip(theme_of["theme_id"], theme_of["theme_label"], strict=False))
            self.keywords = theme_of.attrs.get("keywords", {})

    # ---- terms ------------------------------------------------------------------------------

    def _term_stats(self, ma: np.ndarray, mb: np.ndarray) -> pd.DataFrame:
        """z etc. for every term used in ma|mb (no min_count filter)."""
        ia, ib = np.flatnonzero(ma), np.flatnonzero(mb)
        ya = np.asarray(self.X[ia].sum(axis=0)).ravel()
        yb = np.asarray(self.X[ib].sum(axis=0)).ravel()
        n_a, n_b = ya.sum(), yb.sum()
        used = np.flatnonzero((ya + yb) > 0)
        if n_a == 0 or n_b == 0 or len(used) == 0:
            return pd.DataFrame(columns=["term", "z", "count_a", "count_b", "freq_a", "freq_b",
                                         "delta", "se", "docs_a", "docs_b"])
        a0 = self.prior_scale * (n_a + n_b)
        if self.prior == "corpus":
            pi = self.background
        elif self.prior == "block":
            pi = (ya + yb) / (n_a + n_b)
        else:
            pi = np.where((ya + yb) > 0, 1.0, 0.0)
            pi = pi / pi.sum()
        ya_u, yb_u, alpha = ya[used], yb[used], a0 * pi[used]
        delta, se = _log_odds_arrays(ya_u, yb_u, alpha, n_a, n_b, a0)
        return pd.DataFrame({
            "term": self.vocab[used],
            "z": delta / se,
            "count_a": ya_u.astype(int),
            "count_b": yb_u.astype(int),
            "freq_a": ya_u / n_a,
            "freq_b": yb_u / n_b,
            "delta": delta,
            "se": se,
            "docs_a": self._docs(ia)[used],
            "docs_b": self._docs(ib)[used],
        })

    def _docs(self, rows: np.ndarray) -> np.ndarray:
        """Per term: the number of transcripts (among ``rows``' questions) that use it."""
        codes = self.tid_codes[rows]
        uniq, inv = np.unique(codes, return_inverse=True)
        ind = sparse.csr_matrix(
            (np.ones(len(rows)), (inv, np.arange(len(rows)))), shape=(len(uniq), len(rows))
        )
        per_t = ind @ self.X[rows]
        return np.asarray((per_t > 0).sum(axis=0)).ravel().astype(int)

    def terms_block(self, bname: str, a: str, b: str, ma: np.ndarray, mb: np.ndarray) -> pd.DataFrame:
        st = self._term_stats(ma, mb)
        st = st[(st["count_a"] + st["count_b"]) >= self.min_count]
        st = st.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
        return st.assign(
            within=bname, group_a=a, group_b=b,
            n_a=int(self.tids[ma].nunique()), n_b=int(self.tids[mb].nunique()),
        )[TERM_COLUMNS]

    # ---- themes -----------------------------------------------------------------------------

    def _shares(self, m: np.ndarray, theme_ids: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Per transcript (rows) × theme: the share of the transcript's questions in the theme."""
        rows = np.flatnonzero(m)
        t_codes, t_inv = np.unique(self.tid_codes[rows], return_inverse=True)
        col = {t: j for j, t in enumerate(theme_ids)}
        th = np.array([col.get(t, -1) for t in self.q_theme_list_at(rows)], dtype=int)
        counts = np.zeros((len(t_codes), len(theme_ids)))
        ok = th >= 0
        np.add.at(counts, (t_inv[ok], th[ok]), 1.0)
        n_q = np.bincount(t_inv, minlength=len(t_codes)).astype(float)
        return counts / n_q[:, None], t_codes

    def q_theme_list_at(self, rows: np.ndarray) -> list[Any]:
        return [self._q_theme_list[i] for i in rows]

    def _rng(self, bname: str, a: str) -> np.random.Generator:
        return np.random.default_rng(
            [self.random_state, zlib.crc32(bname.encode()), zlib.crc32(a.encode())]
        )

    def _boot_means(self, P: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        n = P.shape[0]
        idx = rng.integers(0, n, size=(self.n_boot, n))
        idx += np.arange(self.n_boot)[:, None] * n
        W = np.bincount(idx.ravel(), minlength=self.n_boot * n).reshape(self.n_boot, n)
        return (W @ P) / n

    def theme_block(self, bname, a, b, ma, mb):
        themes_here = pd.unique(pd.concat([self.q_theme[ma], self.q_theme[mb]]).dropna())
        theme_ids = sorted(themes_here.tolist(), key=_sort_key)
        Pa, _ = self._shares(ma, theme_ids)
        Pb, _ = self._shares(mb, theme_ids)
        share_a, share_b = Pa.mean(axis=0), Pb.mean(axis=0)
        rng = self._rng(bname, a)
        diffs = self._boot_means(Pa, rng) - self._boot_means(Pb, rng)
        lo, hi = np.quantile(diffs, [(1 - self.ci) / 2, 1 - (1 - self.ci) / 2], axis=0)
        n_a, n_b = Pa.shape[0], Pb.shape[0]
        prev = pd.DataFrame({
            "within": bname, "theme_id": theme_ids, "share_a": share_a, "share_b": share_b,
            "diff": share_a - share_b, "ci_low": lo, "ci_high": hi,
            "theme_label": [self.theme_labels.get(t, str(t)) for t in theme_ids],
            "n_a": n_a, "n_b": n_b,
            "k_a": (Pa > 0).sum(axis=0), "k_b": (Pb > 0).sum(axis=0),
            "group_a": a, "group_b": b,
        })[PREVALENCE_COLUMNS]

        cons, div = [], []
        for _, r in prev.iterrows():
            if _is_outlier(r["theme_id"]) or (r["k_a"] == 0 and r["k_b"] == 0):
                continue
            row = self._theme_row(r, ma, mb)
            if r["k_a"] > 0 and r["k_b"] > 0:
                kind, leans = self._both_raise_kind(r, row)
            else:
                kind, leans = "one_sided", (a if r["k_a"] > 0 else b)
            row["note"] = _note(kind, r, a, b)
            if kind == "consensus":
                cons.append(row)
            else:
                div.append({**row, "kind": kind, "leans_to": leans})
        return (
            prev,
            pd.DataFrame(cons, columns=CONSENSUS_COLUMNS),
            pd.DataFrame(div, columns=DIVERGENCE_COLUMNS),
        )

    def _both_raise_kind(self, r: pd.Series, row: dict) -> tuple[str, str]:
        if row.pop("_opposite"):
            return "opposite_terms", ""
        if min(r["n_a"], r["n_b"]) >= 2 and (r["ci_low"] > 0 or r["ci_high"] < 0):
            return "unequal_share", r["group_a"] if r["diff"] > 0 else r["group_b"]
        return "consensus", ""

    def _theme_row(self, r: pd.Series, ma: np.ndarray, mb: np.ndarray) -> dict:
        in_theme = self.q_theme.to_numpy() == r["theme_id"]
        ta, tb = ma & in_theme, mb & in_theme
        st = self._term_stats(ta, tb) if ta.any() and tb.any() else None
        terms_a = terms_b = ""
        opposite = False
        if st is not None and len(st):
            st = st[(st["count_a"] + st["count_b"]) >= self.min_count]
            top_a = st[st["z"] > 0].sort_values("z", ascending=False)
            top_b = st[st["z"] < 0].sort_values("z")
            terms_a = ", ".join(top_a["term"].head(5))
            terms_b = ", ".join(top_b["term"].head(5))
            opposite = bool((st["z"] >= self.z_crit).any() and (st["z"] <= -self.z_crit).any())
        else:
            terms_a = self._frequent_terms(ta)
            terms_b = self._frequent_terms(tb)
        qa, qida = self._quote(ta, r["theme_id"])
        qb, qidb = self._quote(tb, r["theme_id"])
        return {
            **{k: r[k] for k in ("within", "theme_id", "theme_label", "group_a", "group_b", "n_a",
                                 "n_b", "k_a", "k_b", "share_a", "share_b", "diff", "ci_low",
                                 "ci_high")},
            "small_sample": bool(min(r["n_a"], r["n_b"]) < 2),
            "terms_a": terms_a, "terms_b": terms_b,
            "quote_a": qa, "quote_a_id": qida, "quote_b": qb, "quote_b_id": qidb,
            "question_ids_a": "; ".join(self.qids[ta]),
            "question_ids_b": "; ".join(self.qids[tb]),
            "_opposite": opposite,
        }

    def _frequent_terms(self, m: np.ndarray, n: int = 5) -> str:
        if not m.any():
            return ""
        y = np.asarray(self.X[np.flatnonzero(m)].sum(axis=0)).ravel()
        top = [i for i in np.argsort(-y, kind="stable")[:n] if y[i] > 0]
        return ", ".join(self.vocab[top])

    def _quote_candidates(self) -> list[list[tuple[str, str]]]:
        """Per question row: its (record id, text) quote candidates — points, else the answer."""
        q = self.questions
        cands: list[list[tuple[str, str]]] = [[] for _ in range(len(q))]
        pts = self.points
        if pts is not None and {"question_id", "point_id", "text"} <= set(pts.columns):
            row_of = {qid: i for i, qid in enumerate(self.qids)}
            for qid, pid, text in zip(pts["question_id"].astype(str), pts["point_id"].astype(str),
                                      pts["text"].astype(str), strict=False):
                i = row_of.get(qid)
                if i is not None:
                    cands[i].append((pid, text))
        if "answer" in q:
            for i, ans in enumerate(q["answer"].astype(str)):
                if not cands[i] and ans.strip():
                    cands[i].append((self.qids[i], ans))
        return cands

    def _quote(self, m: np.ndarray, theme_id: Any) -> tuple[str, str]:
        """The answer point (or answer) of these questions that best carries the theme."""
        kws = [k for k in self.keywords.get(theme_id, []) if k]
        cands = [c for i in np.flatnonzero(m) for c in self._candidates[i]]
        if not cands:
            return "", ""
        best = max(
            range(len(cands)),
            key=lambda i: (sum(cands[i][1].count(k) for k in kws), -abs(len(cands[i][1]) - 120), -i),
        )
        return _clip(cands[best][1]), cands[best][0]


def _sort_key(t: Any) -> tuple:
    return (0, t, "") if isinstance(t, int | np.integer | float) else (1, 0, str(t))


def _is_outlier(theme_id: Any) -> bool:
    return isinstance(theme_id, int | np.integer | float) and theme_id < 0


def _clip(text: str, n: int = _QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _note(kind: str, r: pd.Series, a: str, b: str) -> str:
    raised = f"raised by {r['k_a']}/{r['n_a']} {a} and {r['k_b']}/{r['n_b']} {b} transcripts"
    if kind == "one_sided":
        return f"only {a if r['k_a'] > 0 else b}: {raised}"
    if kind == "unequal_share":
        return (f"both raise it, {a if r['diff'] > 0 else b} clearly more "
                f"(diff {r['diff']:+.2f}, CI {r['ci_low']:+.2f}..{r['ci_high']:+.2f}): {raised}")
    if kind == "opposite_terms":
        return f"both raise it in different words (distinctive terms on each side): {raised}"
    return f"both raise it: {raised}"


# --------------------------------------------------------------------------------------------
# Same question, two answers
# --------------------------------------------------------------------------------------------

_LEAD_NUMBER = re.compile(r"^\s*(?:Q\s*\d+[.)]?|\d+\s*[.)]|\(\d+\)|[①-⑳])\s*")
_NON_WORD = re.compile(r"[\W_]+")


def _norm_question(text: str) -> str:
    return _NON_WORD.sub("", _LEAD_NUMBER.sub("", str(text)))


def _char_ngram_vectors(texts: list[str], n: tuple[int, ...] = (2, 3)) -> sparse.csr_matrix:
    """L2-normalised TF-IDF vectors of character n-grams (smooth idf, like scikit-learn's)."""
    grams = [[t[i:i + k] for k in n for i in range(len(t) - k + 1)] or [t] for t in texts]
    lengths = np.fromiter((len(g) for g in grams), dtype=int, count=len(grams))
    codes, _ = pd.factorize(pd.Series([g for gs in grams for g in gs], dtype=object))
    rows = np.repeat(np.arange(len(texts)), lengths)
    X = sparse.csr_matrix((np.ones(len(codes)), (rows, codes)), shape=(len(texts), codes.max() + 1))
    X.sum_duplicates()
    df = np.bincount(X.indices, minlength=X.shape[1])
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    X = X @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ X)


def _rounds(q: pd.DataFrame) -> np.ndarray:
    """A consultation round per question row: a run of transcripts of one document, area and
    report whose header numbers go up — ``(1)``, ``(2)``, … — a new run starting when the
    numbering starts again. The questionnaire is shared within a round, not across rounds."""
    cols = [c for c in ("doc", "area", "report") if c in q]
    t = q.drop_duplicates("transcript_id")
    keys = (
        t[cols].fillna("").astype(str).groupby(cols, sort=False).ngroup().tolist()
        if cols else [0] * len(t)
    )
    nos = (
        pd.to_numeric(t["transcript_no"], errors="coerce").tolist()
        if "transcript_no" in t else [np.nan] * len(t)
    )
    round_of: dict[str, int] = {}
    current, prev_key, prev_no = -1, None, np.nan
    for tid, key, no in zip(t["transcript_id"], keys, nos, strict=True):
        restart = not (pd.isna(no) or pd.isna(prev_no)) and no <= prev_no
        if key != prev_key or restart:
            current += 1
        round_of[tid] = current
        prev_key, prev_no = key, no
    return q["transcript_id"].map(round_of).to_numpy()


def _pairs(ctx: _Context, chosen: tuple[str, ...], within_name: str, threshold: float) -> pd.DataFrame:
    q = ctx.questions
    if "question" not in q.columns:
        return _concat([], PAIR_COLUMNS)
    from scipy.sparse.csgraph import connected_components

    keep = ctx.labels.isin(chosen).to_numpy()
    area = q["area"].fillna("").astype(str) if "area" in q else pd.Series("", index=q.index)
    norm = q["question"].map(_norm_question)
    df = pd.DataFrame({
        "row": np.arange(len(q)), "round": _rounds(q), "area": area, "norm": norm,
        "group": ctx.labels,
    })[keep & (norm.str.len() > 0).to_numpy()]
    if df.empty:
        return _concat([], PAIR_COLUMNS)

    # question groups: connected components of similar texts within one consultation round
    tcode, uniq = pd.factorize(df["norm"])
    X = _char_ngram_vectors(list(uniq))
    qgroup = np.empty(len(df), dtype=int)
    seen: dict[tuple[int, ...], np.ndarray] = {}
    next_id = 0
    rounds = df["round"].to_numpy()
    order = np.argsort(rounds, kind="stable")
    bounds = np.flatnonzero(np.diff(rounds[order])) + 1
    for rows in np.split(order, bounds):
        codes = tcode[rows]
        members = tuple(sorted(set(codes.tolist())))
        comp = seen.get(members)
        if comp is None:
            sub = X[list(members)]
            adj = sparse.csr_matrix((sub @ sub.T) >= threshold)
            comp = connected_components(adj, directed=False)[1]
            seen[members] = comp
        pos = {c: i for i, c in enumerate(members)}
        qgroup[rows] = next_id + comp[[pos[c] for c in codes]]
        next_id += int(comp.max()) + 1
    df = df.assign(qgroup=qgroup, tcode=tcode)

    speaker = q["speaker"].astype(str) if "speaker" in q else ctx.tids
    answer = q["answer"].astype(str) if "answer" in q else pd.Series("", index=q.index)
    theme = (
        q["question_id"].map(ctx.theme_of["theme_label"]).fillna("")
        if ctx.theme_of is not None else pd.Series("", index=q.index)
    )
    side = pd.DataFrame({
        "qgroup": df["qgroup"].to_numpy(),
        "group": df["group"].to_numpy(),
        "tcode": df["tcode"].to_numpy(),
        "area": df["area"].to_numpy(),
        "question": q["question"].astype(str).to_numpy()[df["row"]],
        "transcript_id": ctx.tids.to_numpy()[df["row"]],
        "speaker": speaker.to_numpy()[df["row"]],
        "question_id": q["question_id"].astype(str).to_numpy()[df["row"]],
        "answer": answer.to_numpy()[df["row"]],
        "theme": theme.to_numpy()[df["row"]],
        "order": df["row"].to_numpy(),
    })
    out = []
    for i, ga in enumerate(chosen):
        for gb in chosen[i + 1:]:
            left = side[side["group"] == ga]
            right = side[side["group"] == gb].drop(columns=["area"])
            m = left.merge(right, on="qgroup", suffixes=("_a", "_b"))
            if m.empty:
                continue
            m["similarity"] = np.asarray(
                X[m["tcode_a"].to_numpy()].multiply(X[m["tcode_b"].to_numpy()]).sum(axis=1)
            ).ravel()
            out.append(pd.DataFrame({
                "within": m["area"].replace("", NO_VALUE) if within_name == "area" else ALL,
                "area": m["area"],
                "question_group": m["qgroup"].astype(int),
                "question": m["question_a"],
                "group_a": ga, "group_b": gb,
                "similarity": m["similarity"].round(3),
                "transcript_id_a": m["transcript_id_a"], "speaker_a": m["speaker_a"],
                "question_id_a": m["question_id_a"], "answer_a": m["answer_a"],
                "transcript_id_b": m["transcript_id_b"], "speaker_b": m["speaker_b"],
                "question_id_b": m["question_id_b"], "answer_b": m["answer_b"],
                "question_b": m["question_b"], "theme_a": m["theme_a"], "theme_b": m["theme_b"],
                "_oa": m["order_a"], "_ob": m["order_b"],
            }))
    if not out:
        return _concat([], PAIR_COLUMNS)
    res = pd.concat(out, ignore_index=True)
    order = np.lexsort((res["_ob"].to_numpy(), res["_oa"].to_numpy(),
                        res["question_group"].to_numpy()))
    return res.iloc[order][PAIR_COLUMNS].reset_index(drop=True)


class _CallableModule(types.ModuleType):
    """``consult.compare`` is both this module and the function: importing the submodule
    (``from consult.compare import Comparison``) binds the module to ``consult.compare``, so the
    module itself forwards calls to :func:`compare` and ``consult.compare(corpus, …)`` always
    works."""

    def __call__(self, *args: Any, **kwargs: Any) -> Comparison:
        return compare(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
