"""Findings about the things the two sides name on one question (:func:`thing_findings`): what
both name — a consensus when at least half of each side write it and nobody contradicts it, a
split when someone does — then what each side names alone (a contrast of emphases, or one side's).

    >>> from consult.findings.shared import MAX_SHARED
    >>> MAX_SHARED
    3
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from ..common_words import zipf
from .bases import Basis, asked_heads
from .context import Context, dissenters, experts_needed, fisher, make_finding
from .model import Finding, Side
from .things import (
    Named,
    in_passing,
    merged,
    quote_of,
    shared_label,
)

__all__ = ["thing_findings", "MAX_SHARED", "SHARED_ZIPF", "ALSO_SHARED_ZIPF"]


#: consensus or split findings kept per question (the things most experts name)
MAX_SHARED = 3


#: a single word both sides name is a shared thing only when general Korean uses it less than
#: this (Zipf; 글로벌, 의료 are too common to be an agreement by themselves; 부품, 코어, 특화망 not)
SHARED_ZIPF = 4.5


#: … and a word both sides mention beside their own things, only when general Korean uses it
#: less than this (인재, 성능, 솔루션 say nothing there)
ALSO_SHARED_ZIPF = 4.0


#: a point's parenthesised heading ("(공급망 관점에서 국산화해야 할 핵심 부품 기술군) …"): the
#: interviewer's sub-topic, not what the sentence says
_HEADING = re.compile(r"^\([^()]*\)\s?")


def thing_findings(ctx: Context, basis: Basis, pts: pd.DataFrame, named: dict[str, list[Named]],
                    exclude: frozenset[str]) -> list[Finding]:
    """The findings about things on one basis: what both sides name (consensus or split,
    :func:`_shared_findings`), then what each side names alone (:func:`_own_findings`)."""
    ga, gb = ctx.groups
    by_key = {g: {n.key: n for n in named[g]} for g in ctx.groups}
    answered = {g: set(pts.loc[pts["transcript_id"].isin(basis.asked[g]), "transcript_id"])
                for g in ctx.groups}
    shared = [k for k in by_key[ga] if k in by_key[gb]]
    shared.sort(key=lambda k: (-(by_key[ga][k].k / len(basis.asked[ga]) + by_key[gb][k].k / len(basis.asked[gb])),
                               -ctx.vocab.idf.get(k, 0.0), k))
    used: set[str] = set()
    out = _shared_findings(ctx, basis, pts, by_key, shared, answered, used)
    return out + _own_findings(ctx, basis, pts, named, by_key, shared, answered, used)


def _shared_findings(ctx: Context, basis: Basis, pts: pd.DataFrame, by_key: dict[str, dict[str, Named]],
                     shared: Sequence[str], answered: dict[str, set], used: set[str]) -> list[Finding]:
    """Consensus or split on each thing both sides name (at most :data:`MAX_SHARED`); the keys
    taken, or set aside as the same thing said again, are added to ``used``."""
    ga, gb = ctx.groups
    need = {g: experts_needed(ctx.rules, len(basis.asked[g])) for g in ctx.groups}
    everyone = [t for g in ctx.groups for t in basis.asked[g] if t in answered[g]]
    out: list[Finding] = []
    seen: list[tuple] = []
    # what the question is about: the words it asks to name or judge (not its background)
    heads = {h for q in basis.question.values() for h in asked_heads(q, ctx.rules.excluded)}
    subject = [w for w in basis.question_words if len(w) > 1 and w not in ctx.vocab.generic
               and not w.endswith("다") and any(w in h for h in heads)]
    premise = dissenters(ctx, pts, subject, everyone) if shared else []

    def backs(sentence: str) -> bool:  # the sentence's own words, not its heading's
        return ctx.rules.stance.stance(_HEADING.sub("", sentence, count=1)).polarity > 0

    for key in shared:
        na, nb = by_key[ga][key], by_key[gb][key]
        if na.k < need[ga] or nb.k < need[gb] or len(seen) >= MAX_SHARED:
            continue
        if not all(n.k >= 2 or n.salience >= 2 for n in (na, nb)):
            continue  # one expert's passing mention is not what a side holds
        if na.k + nb.k < ctx.rules.shared_min_experts:
            continue  # one expert on each side: two anecdotes, not an agreement
        if na.label != nb.label and na.label not in nb.label and nb.label not in na.label:
            continue  # 교육트랙 / 진로트랙: one word in two different things
        if " " not in na.label and zipf(na.label) >= SHARED_ZIPF:
            continue  # 글로벌: a word too common to be what two sides agree on by itself
        if any(key in k or k in key for k in used):
            continue  # 망간 beside 망간리치: one thing, said once
        pattern = (na.experts, nb.experts, frozenset(na.points) | frozenset(nb.points))
        if any(p[0] == pattern[0] and p[1] == pattern[1] and len(p[2] & pattern[2]) >= 0.6 * len(p[2] | pattern[2])
               for p in seen):
            used.add(key)  # the same experts in the same points: the same thing as one said
            continue
        seen.append(pattern)
        label = shared_label([na, nb], pts, ctx.tokens)
        words = list(dict.fromkeys([key, label, na.label, nb.label]))
        dissent = dissenters(ctx, pts, words, everyone)
        # someone who denies what the question is about ("인력 부족은 과장된 면이 있습니다")
        # contradicts any agreement on it too
        dissent += [d for d in premise if d[0] not in {t for t, _, _ in dissent}]
        dis = {g: tuple(q for t, q, _ in dissent if ctx.group_of.get(t) == g) for g in ctx.groups}
        against = [t for t, _, _ in dissent]
        # who names it is who names it — the thing as the sides write it (「무선통신」, not 무선링크
        # for the key 무선), not only in a list — without saying otherwise (a dissenter is apart);
        # the thing is the longest of the labels both sides write (「특화망」 when one side writes
        # 「특화망 실증」 and the other only 「특화망」)
        held = _held_by_both(ctx, basis, pts, (na, nb), [label, na.label, nb.label], against)
        if held is None:
            used.add(key)
            continue
        label, na, nb = held
        a = Side(ga, basis.asked[ga], k=na.k, named=(na,), dissent=dis[ga],
                 quotes=(quote_of(na, pts, words, against, backs),))
        b = Side(gb, basis.asked[gb], k=nb.k, named=(nb,), dissent=dis[gb],
                 quotes=(quote_of(nb, pts, words, against, backs),))
        kind = "split" if dissent else "consensus"
        rule = ("thing named by at least half of each side; contradicted by "
                + "; ".join(f"{t} ({cue})" for t, _, cue in dissent)) if dissent else \
            "thing named by at least half of each side, nobody contradicting it"
        out.append(make_finding(ctx, basis, kind, label, a, b, rule=rule, thing=label))
        used.add(key)
    return out


def _own_findings(ctx: Context, basis: Basis, pts: pd.DataFrame, named: dict[str, list[Named]],
                  by_key: dict[str, dict[str, Named]], shared: Sequence[str], answered: dict[str, set],
                  used: set[str]) -> list[Finding]:
    """What each side names that the other does not: a contrast when both sides do, one side's
    emphasis when only one does (with what both also mention, ``extra["both"]``)."""
    ga, gb = ctx.groups
    need = {g: experts_needed(ctx.rules, len(basis.asked[g])) for g in ctx.groups}
    out: list[Finding] = []
    own = {}
    for g, other in ((ga, gb), (gb, ga)):
        other_text = " ".join(pts.loc[pts["transcript_id"].isin(basis.asked[other]), "text"].astype(str))
        # a side's emphases: things the other side does not name, named by at least half of
        # this side — and, when one expert names it, said more than once or in a point's label
        own[g] = [n for n in named[g] if n.key not in used and n.key not in by_key[other]
                  and n.key not in other_text and n.k >= need[g] and n.k >= ctx.rules.min_experts
                  and (n.k >= 2 or n.salience >= 2)]
        labels = [n.label for n in own[g]]
        own[g] = [n for n in merged(own[g])  # 「SW」 beside 「시스템 SW」: the specific one is enough
                  if not any(n.label != other_label and n.label in other_label for other_label in labels)]
        own[g] = own[g][:ctx.rules.max_things]
    both = _also_shared(ctx, shared, by_key, used) if own[ga] or own[gb] else ()
    if own[ga] and own[gb]:
        a = Side(ga, basis.asked[ga], k=own[ga][0].k, named=tuple(own[ga]),
                 quotes=tuple(n.quote for n in own[ga]))
        b = Side(gb, basis.asked[gb], k=own[gb][0].k, named=tuple(own[gb]),
                 quotes=tuple(n.quote for n in own[gb]))
        f = make_finding(ctx, basis, "contrast", basis.topic, a, b,
                     rule="each side names things the other side does not")
        out.append(replace(f, extra={**f.extra, "both": both}))
    elif (own[ga] or own[gb]) and answered[ga] and answered[gb]:
        g = ga if own[ga] else gb
        o = gb if g == ga else ga
        top = own[g][0]
        sides = {g: Side(g, basis.asked[g], k=top.k, named=tuple(own[g]),
                         quotes=tuple(n.quote for n in own[g])),
                 o: Side(o, basis.asked[o], k=0)}
        p = fisher(sides[ga].k, sides[ga].n, sides[gb].k, sides[gb].n)
        f = make_finding(ctx, basis, "one_side", basis.topic, sides[ga], sides[gb],
                     rule=f"only the {g} side names things the other side, asked the same, does not", p=p)
        out.append(replace(f, extra={**f.extra, "both": both}))
    return out


def _held_by_both(ctx: Context, basis: Basis, pts: pd.DataFrame, named: tuple[Named, Named],
                  labels: Sequence[str], against: Sequence[str]) -> tuple[str, Named, Named] | None:
    """The longest of ``labels`` that enough experts of each side write (:func:`_holders`, the
    dissenters ``against`` apart), with each side's holders of it; None when no label is."""
    need = [experts_needed(ctx.rules, len(basis.asked[g])) for g in ctx.groups]
    for label in sorted(dict.fromkeys(labels), key=lambda w: (-len(w), w)):
        if not all(n.key in label for n in named):
            continue
        held = [replace(n, experts=tuple(t for t in _holders(n, label, pts) if t not in against)) for n in named]
        if all(h.k >= k for h, k in zip(held, need, strict=True)) and \
                sum(h.k for h in held) >= ctx.rules.shared_min_experts:
            return label, held[0], held[1]
    return None


def _holders(n: Named, label: str, pts: pd.DataFrame) -> tuple[str, ...]:
    """The experts of ``n`` who write its ``label`` (spaces aside) outside a passing list; all of
    them when the label is the key itself (the key's own mentions were checked when counted)."""
    if label == n.key:
        return n.experts
    flat = label.replace(" ", "")
    texts = pts.loc[pts["point_id"].isin(n.points), ["transcript_id", "text"]]
    out = {str(t) for t, text in zip(texts["transcript_id"], texts["text"].astype(str), strict=True)
           if flat in text.replace(" ", "")
           and not in_passing(text, label if label in text else flat if flat in text else label)}
    return tuple(t for t in n.experts if t in out)


def _also_shared(ctx: Context, shared: Sequence[str], by_key: dict[str, dict[str, Named]],
                 used: set[str]) -> tuple[tuple[str, int, int], ...]:
    """What both sides also name on a question where each names things of its own (too few
    experts for an agreement): ``(label, k_a, k_b)``, at most :data:`MAX_SHARED` — said beside
    the differences, so that a reader does not take different words for different views."""
    ga, gb = ctx.groups
    out: list[tuple[str, int, int]] = []
    ranked = sorted(shared, key=lambda k: (-(by_key[ga][k].k + by_key[gb][k].k), -ctx.vocab.idf.get(k, 0.0), k))
    kept = {n.key for n in merged([by_key[ga][k] for k in ranked])}  # Thermal + Propagation: once
    for key in ranked:
        na, nb = by_key[ga][key], by_key[gb][key]
        if key in used or key not in kept or (" " not in na.label and zipf(na.label) >= ALSO_SHARED_ZIPF):
            continue
        if na.label != nb.label and na.label not in nb.label and nb.label not in na.label:
            continue
        label = min((na.label, nb.label), key=len) if na.label != nb.label else na.label
        if any(label in o or o in label for o, _, _ in out):
            continue
        out.append((label, na.k, nb.k))
        if len(out) >= MAX_SHARED:
            break
    return tuple(out)
