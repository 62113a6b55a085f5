"""What every finding of one basis is made from: the run's :class:`Context` (points, tokens,
vocabulary, rules, the two groups), the share of a side a finding needs (:func:`experts_needed`), how much
a comparison can say at its size (:func:`strength`), who contradicts a thing (:func:`dissenters`),
and the one constructor of a :class:`~consult.findings.model.Finding` (:func:`make_finding`).

    >>> from consult.findings.rules import ClaimRules
    >>> experts_needed(ClaimRules.default(), 3), strength(1, 4), strength(3, 5)
    (2, 'one_person', 'counts only')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .bases import Basis
from .model import Finding, Side
from .rules import ClaimRules
from .things import (
    Quote,
    Vocabulary,
    quote_for,
)

__all__ = ["Context", "experts_needed", "strength", "fisher", "dissenters", "make_finding"]


@dataclass
class Context:
    points: pd.DataFrame
    tokens: pd.Series
    vocab: Vocabulary
    rules: ClaimRules
    groups: tuple[str, str]
    group_of: dict[str, str]
    area_common: dict[str, frozenset[str]]


def experts_needed(rules: ClaimRules, n: int) -> int:
    return max(1, math.ceil(rules.consensus_share * n))


def strength(n_a: int, n_b: int, p: float | None = None) -> str:
    n = min(n_a, n_b)
    if n == 0:
        return "no comparison"  # a side nobody asked (not_asked, not_comparable)
    if n == 1:
        return "one_person"
    if n == 2:
        return "anecdotal"
    return "counts only" if p is None else f"fisher p={p:.3f}"


def fisher(k_a: int, n_a: int, k_b: int, n_b: int) -> float | None:
    if min(n_a, n_b) < 3:
        return None
    from scipy.stats import fisher_exact  # lazy: scipy.stats takes ~0.6 s to import, rarely needed

    return float(fisher_exact([[k_a, n_a - k_a], [k_b, n_b - k_b]])[1])


def dissenters(ctx: Context, pts: pd.DataFrame, words: Sequence[str], experts: Sequence[str]
             ) -> list[tuple[str, Quote, str]]:
    """``(transcript_id, quote, cue)`` of each expert whose answer contradicts the thing."""
    out = []
    for tid in experts:
        for pid, text in zip(*(pts.loc[pts["transcript_id"] == tid, c] for c in ("point_id", "text")),
                             strict=True):
            cue = next((c for w in words if (c := ctx.rules.dissent(str(text), w))), None)
            if cue:
                out.append((tid, Quote(pid, tid, quote_for(str(text), [cue, *words])), cue))
                break
    return out


def make_finding(ctx: Context, basis: Basis, kind: str, topic: str, a: Side, b: Side, *, rule: str,
             thing: str = "", p: float | None = None) -> Finding:
    return Finding(
        finding_id="", area=basis.area, topic=topic, kind=kind, a=a, b=b, basis_id=basis.basis_id,
        basis_kind=basis.kind, question_ids=basis.question_ids,
        question_a=basis.question.get(ctx.groups[0], ""), question_b=basis.question.get(ctx.groups[1], ""),
        judgement=basis.judgement or "", strength=strength(a.n, b.n, p), rule=rule, thing=thing,
        extra={"question_topic": basis.topic, "similarity": basis.similarity,
               "topics": dict(basis.topics), "n_questions": len(basis.aligned_ids)},
    )
