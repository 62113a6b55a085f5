"""``compare()``: read the inputs, cut them into blocks, and run every statistic per block."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd

from ..errors import SmallSampleWarning
from .inputs import Inputs, Settings, check_params, read_inputs
from .pairs import same_question_pairs
from .prevalence import ThemeBootstrap
from .result import (
    ALL,
    GROUP_COLUMNS,
    MIN_EXPERTS_FOR_STATISTICS,
    PREVALENCE_COLUMNS,
    TERM_COLUMNS,
    Comparison,
    concat_rows,
)
from .terms import TermStats

__all__ = ["compare"]

Block = tuple[str, np.ndarray]  # (within value, boolean mask over the questions)


def compare(
    corpus: Any, by: str | Mapping[str, str] | pd.Series = "role",
    groups: Sequence[str] | str | None = None, within: str | None = "area", themes: Any = None,
    *, tokens: pd.Series | None = None, text: str = "answer", min_count: int = 3,
    prior: str = "corpus", prior_scale: float = 1.0, n_boot: int = 1000, ci: float = 0.95,
    z_crit: float = 1.96, pair_threshold: float = 0.5, overall: bool = False,
    random_state: int = 0, min_experts: int = MIN_EXPERTS_FOR_STATISTICS,
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
        ``overall=True`` adds the pooled block ``"(all)"`` — off by default: pooling areas
        mixes area with group (an area without industry experts makes every word of that
        area "lean academic"). With ``within="none"`` the pooled block is the only one.
    themes:
        a fitted ``ThemeModel`` (``assignments_``, ``themes_``) or an assignments DataFrame
        (``question_id``, ``theme_id``[, ``theme_label``, ``score``]). Without it ``prevalence``
        is empty. (Where the groups agree or differ is said by the findings,
        :func:`consult.findings.build_claims`, not here.)
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
        |z| at which a term counts as distinctive (kept in ``params``).
    pair_threshold:
        character-n-gram cosine similarity above which two questions are "the same question".
    min_experts:
        the fewest experts on each side for which a z-score or a bootstrap interval is computed
        (default 3); below it the tables show counts of experts only (``statistic`` column).

    Raises
    ------
    CompareError
        unknown column or group value, a group with no records, fewer than two groups, bad
        parameters.
    """
    check_params(min_count=min_count, n_boot=n_boot, ci=ci, text=text, prior=prior,
                 prior_scale=prior_scale)
    inp = read_inputs(corpus, by, groups, within, themes, tokens, text)
    settings = Settings(
        text=text if tokens is None else "tokens", min_count=int(min_count), prior=prior,
        prior_scale=float(prior_scale), n_boot=int(n_boot), ci=float(ci), z_crit=float(z_crit),
        pair_threshold=float(pair_threshold), overall=bool(overall), random_state=int(random_state),
        min_experts=int(min_experts),
    )
    return _run(inp, settings)


def _run(inp: Inputs, s: Settings) -> Comparison:
    """Every table of the comparison of ``inp.groups``, block by block."""
    chosen = inp.groups
    if len(chosen) == 2:
        comparisons = ((chosen[0], chosen[1]),)
    else:
        comparisons = tuple((g, f"not {g}") for g in chosen)
    terms = TermStats(inp.tokens, inp.tid_codes, prior=s.prior, prior_scale=s.prior_scale,
                      min_count=s.min_count, min_experts=s.min_experts)
    blocks = _blocks(inp, s.overall or inp.within == "theme")  # theme prevalence is pooled
    summary = _groups_summary(inp, terms.n_tokens, blocks)
    _warn_small(summary)
    tables = _block_tables(inp, s, terms, blocks, comparisons)
    return Comparison(
        by=inp.by,
        groups=chosen,
        within=inp.within,
        comparisons=comparisons,
        groups_summary=summary,
        terms=concat_rows(tables["terms"], TERM_COLUMNS),
        prevalence=concat_rows(tables["prevalence"], PREVALENCE_COLUMNS),
        pairs=same_question_pairs(inp, s.pair_threshold),
        params=asdict(s),
    )


def _blocks(inp: Inputs, overall: bool) -> list[Block]:
    """The pooled block (unless ``overall=False`` with a ``within``), then one per value of
    ``within`` in order of appearance; each restricted to the compared groups."""
    blocks: list[Block] = []
    wlabels = inp.within_labels
    in_groups = np.isin(inp.labels.to_numpy(dtype=object), list(inp.groups))
    if wlabels is None or overall:
        blocks.append((ALL, in_groups))
    if wlabels is not None:
        for value in dict.fromkeys(wlabels[in_groups].tolist()):
            blocks.append((value, in_groups & (wlabels == value).to_numpy()))
    return blocks


def _groups_summary(inp: Inputs, n_tokens: pd.Series, blocks: list[Block]) -> pd.DataFrame:
    rows = []
    q = inp.questions
    speaker = q["speaker"].astype(str) if "speaker" in q else inp.tids
    for bname, bmask in blocks:
        for g in inp.groups:
            m = bmask & (inp.labels == g).to_numpy()
            n_t = int(inp.tids[m].nunique())
            rows.append(dict(
                within=bname, group=g, n_transcripts=n_t, n_questions=int(m.sum()),
                n_tokens=int(n_tokens[m].sum()), small_sample=n_t < 2,
                speakers="; ".join(dict.fromkeys(speaker[m].tolist())),
            ))
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


def _warn_small(summary: pd.DataFrame) -> None:
    small = summary[summary["small_sample"]]
    if len(small):
        where = "; ".join(
            f"{w}: " + ", ".join(f"{g}={n}" for g, n in zip(s["group"], s["n_transcripts"], strict=False))
            for w, s in small.groupby("within", sort=False)
        )
        warnings.warn(  # stacklevel: the caller of compare() (compare → _run → here)
            f"groups with fewer than 2 transcripts ({where}); statistics there rest on one expert "
            "or none — read them as anecdotes",
            SmallSampleWarning, stacklevel=4,
        )


def _block_tables(inp: Inputs, s: Settings, terms: TermStats, blocks: list[Block],
                  comparisons: tuple[tuple[str, str], ...]) -> dict[str, list[pd.DataFrame]]:
    """The rows of terms and prevalence of every block and comparison (themes are compared per
    block, except within each theme of ``within='theme'``)."""
    out: dict[str, list[pd.DataFrame]] = {"terms": [], "prevalence": []}
    members = {g: {g} for g in inp.groups}
    for g in inp.groups:
        members[f"not {g}"] = set(inp.groups) - {g}
    boot = _bootstrap(inp, s) if inp.theme_of is not None else None
    label_arr = inp.labels.to_numpy(dtype=object)
    for bname, bmask in blocks:
        for a, b in comparisons:
            ma = bmask & np.isin(label_arr, sorted(members[a]))
            mb = bmask & np.isin(label_arr, sorted(members[b]))
            if not ma.any() or not mb.any():
                continue
            n_a, n_b = int(inp.tids[ma].nunique()), int(inp.tids[mb].nunique())
            out["terms"].append(terms.block(bname, a, b, ma, mb, n_a, n_b))
            if boot is not None and not (inp.within == "theme" and bname != ALL):
                out["prevalence"].append(boot.table(bname, a, b, ma, mb))
    return out


def _bootstrap(inp: Inputs, s: Settings) -> ThemeBootstrap:
    """The prevalence bootstrap (needs themes)."""
    theme_of = inp.theme_of
    labels = dict(zip(theme_of["theme_id"], theme_of["theme_label"], strict=False))
    if inp.theme_sets is not None:  # a multi-label model: each theme of a question counts
        labels = {**inp.theme_sets.attrs.get("labels", {}), **labels}
    return ThemeBootstrap(inp.q_themes, inp.tid_codes, labels, n_boot=s.n_boot, ci=s.ci,
                          random_state=s.random_state, min_experts=s.min_experts)
