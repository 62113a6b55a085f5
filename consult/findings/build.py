"""Findings: on each question both sides were asked, what each side named, and where they agree,
differ or are split — by the rules of ``consult/data/claims.toml``, with their quotes.

    >>> import consult                                                        # doctest: +SKIP
    >>> claims = build_claims(consult.load("minutes.txt"))                   # doctest: +SKIP
    >>> claims.table[["within", "topic", "kind", "a_k", "a_asked", "b_k", "b_asked"]]  # doctest: +SKIP

The expert is the unit: every count is "k of n asked", n from the questionnaire. A finding rests
on one question (or a marked pair of similar questions, :mod:`~consult.findings.bases`), never on
answers to different questions; rules in order (see ``claims.toml`` for the wording):

``divergence``      on a judgement question, the two sides' majorities take opposite stances
``split``           experts of one side disagree (opposite stances, or someone contradicts a
                    thing both sides name)
``consensus``       the same specific thing named (or the same stance taken) by at least half of
                    those asked on each side, and nobody contradicting it
``contrast``        each side names things the other does not
``one_side``        one side names things the other, asked the same, does not
``not_asked``       only one side was asked the question
``not_comparable``  the area has no expert of one side
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..common_words import zipf
from ..labels import area_label
from .bases import Basis, asked_heads, find_bases
from .model import KINDS, Finding, Side
from .questionnaire import plain_strings, questionnaire
from .rules import ClaimRules
from .things import (
    Named,
    Quote,
    Vocabulary,
    in_passing,
    merged,
    named_things,
    quote_for,
    quote_of,
    shared_label,
)

__all__ = ["Claims", "build_claims", "find_findings"]

#: consensus or split findings kept per question (the things most experts name)
MAX_SHARED = 3
#: a single word both sides name is a shared thing only when general Korean uses it less than
#: this (Zipf; 글로벌, 의료 are too common to be an agreement by themselves; 부품, 코어, 특화망 not)
SHARED_ZIPF = 4.5
#: … and a word both sides mention beside their own things, only when general Korean uses it
#: less than this (인재, 성능, 솔루션 say nothing there)
ALSO_SHARED_ZIPF = 4.0


#: findings shown first per area (the report's first page): ``headline`` in the table. Only
#: findings about the same thing or the same judgement are headlines — where the two sides agree,
#: oppose, are split, or where only one side judges what both were asked. What each side named
#: that the other did not (``contrast`` and a ``one_side`` about things) is read from words and
#: often splits one shared point into fragments: it stays in the full list, not on the first page.
HEADLINES_PER_AREA = 4
#: a point's parenthesised heading ("(공급망 관점에서 국산화해야 할 핵심 부품 기술군) …"): the
#: interviewer's sub-topic, not what the sentence says
_HEADING = re.compile(r"^\([^()]*\)\s?")
COMPARATIVE = ("divergence", "split", "consensus", "contrast", "one_side")


def is_headline_kind(f: Finding) -> bool:
    """Whether a finding may be a headline (see :data:`HEADLINES_PER_AREA`)."""
    if f.kind in ("divergence", "split", "consensus"):
        return True
    return f.kind == "one_side" and bool(f.judgement) and not f.thing


@dataclass(frozen=True)
class Claims:
    """Every finding (``findings``), the same as a table (``table``, see
    :data:`consult.findings.FINDING_COLUMNS`), what each side said on each question
    (``positions``), who was asked what (``questionnaire``) and, per area, who was consulted and
    how many questions each side got (``areas``, :data:`consult.findings.AREA_COLUMNS`)."""

    findings: tuple[Finding, ...]
    table: pd.DataFrame
    positions: pd.DataFrame
    questionnaire: pd.DataFrame
    areas: pd.DataFrame


@dataclass
class _Context:
    points: pd.DataFrame
    tokens: pd.Series
    vocab: Vocabulary
    rules: ClaimRules
    groups: tuple[str, str]
    group_of: dict[str, str]
    area_common: dict[str, frozenset[str]]


def _need(rules: ClaimRules, n: int) -> int:
    return max(1, math.ceil(rules.consensus_share * n))


def _strength(n_a: int, n_b: int, p: float | None = None) -> str:
    n = min(n_a, n_b)
    if n == 0:
        return "no comparison"  # a side nobody asked (not_asked, not_comparable)
    if n == 1:
        return "one_person"
    if n == 2:
        return "anecdotal"
    return "counts only" if p is None else f"fisher p={p:.3f}"


def _fisher(k_a: int, n_a: int, k_b: int, n_b: int) -> float | None:
    if min(n_a, n_b) < 3:
        return None
    from scipy.stats import fisher_exact  # lazy: scipy.stats takes ~0.6 s to import, rarely needed

    return float(fisher_exact([[k_a, n_a - k_a], [k_b, n_b - k_b]])[1])


# ------------------------------------------------------------------------------ per basis
def _basis_points(ctx: _Context, basis: Basis) -> pd.DataFrame:
    p = ctx.points
    asked = {t for g in ctx.groups for t in basis.asked[g]}
    return p[p["question_id"].isin(basis.question_ids) & p["transcript_id"].isin(asked)]


def _exclude(ctx: _Context, basis: Basis, pts: pd.DataFrame) -> frozenset[str]:
    """The question's own words, the words of sub-question labels its answers repeat (a label
    two experts share echoes the question), the area's common words and the side words."""
    labels: dict[str, set[str]] = {}
    if "point_label" in pts:
        for tid, lab in zip(pts["transcript_id"], pts["point_label"], strict=True):
            if isinstance(lab, str) and lab.strip():
                labels.setdefault(lab.strip(), set()).add(tid)
    echoed = [lab for lab, who in labels.items() if len(who) >= 2]
    label_words = {tok for pid in pts["point_id"] for tok in ctx.tokens.get(pid, ()) or ()
                   if any(tok in lab for lab in echoed)}
    own = {tok for pid in pts["point_id"] for tok in ctx.tokens.get(pid, ()) or ()}
    inside = {tok for tok in own for q in basis.question_words  # 위성 in 위성통신, 시급 in 시급성
              if len(q) >= 2 and len(tok) >= 2 and tok in q and tok != q}
    return frozenset(basis.question_words | label_words | inside
                     | ctx.area_common.get(basis.area, frozenset()) | ctx.rules.excluded)


def _side_named(ctx: _Context, basis: Basis, pts: pd.DataFrame, exclude: frozenset[str]
                ) -> dict[str, list[Named]]:
    return {g: named_things(pts[pts["transcript_id"].isin(basis.asked[g])], ctx.tokens, ctx.vocab,
                            exclude) for g in ctx.groups}


def _dissent(ctx: _Context, pts: pd.DataFrame, words: Sequence[str], experts: Sequence[str]
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


def _stances(ctx: _Context, basis: Basis, pts: pd.DataFrame, exclude: frozenset[str],
             conceded: set[str]) -> tuple[dict[str, int], dict[str, Quote], list[str]]:
    """Each answering expert's stance toward what a judgement question asks about (+1, −1, 0),
    the quote that carries it, and the words taken as that target; the experts who reached
    their stance after conceding the other are added to ``conceded``."""
    stance = ctx.rules.judgement_stance(basis.judgement)
    focus = _focus(ctx, basis, pts)
    out, quotes = {}, {}
    for tid, own in pts.groupby("transcript_id", sort=False):
        texts = own["text"].astype(str).tolist()
        toward = [stance.stance_toward(t, focus) for t in texts] if focus else []
        if not any(s is not None for s in toward):
            toward = [stance.stance(t) for t in texts]
        scores = [(s.polarity if s is not None else 0) for s in toward]
        score = sum(s * (2 if i == 0 else 1) for i, s in enumerate(scores))
        out[str(tid)] = (score > 0) - (score < 0)
        if any(s is not None and s.conceded and s.polarity == out[str(tid)] != 0 for s in toward):
            conceded.add(str(tid))  # "시급하나, … 높다고 할 수는 없음": granted the other side a point
        pick = next((i for i, s in enumerate(scores) if s == out[str(tid)] and s), 0)
        quotes[str(tid)] = Quote(str(own["point_id"].iloc[pick]), str(tid),
                                 _stance_sentence(stance, texts[pick], focus, out[str(tid)]))
    return out, quotes, focus


def _needing_quote(stance: Any, tid: str, own: pd.DataFrame) -> Quote:
    """The sentence of one expert's answer that says something is needed, quoted from the point
    that says it (a sentence never runs from one point into the next)."""
    texts = own["text"].astype(str).tolist()
    pick = next((i for i, t in enumerate(texts) if stance.stance(t).polarity > 0), 0)
    return Quote(str(own["point_id"].iloc[pick]), tid, _stance_sentence(stance, texts[pick], [], 1))


def _stance_sentence(stance: Any, text: str, focus: Sequence[str], polarity: int) -> str:
    """The sentence of ``text`` that carries ``polarity`` toward the focus (else one naming it)."""
    from .stance import sentences

    for sentence in sentences(text):
        s = stance.stance_toward(sentence, focus) if focus else None
        if (s.polarity if s is not None else stance.stance(sentence).polarity) == polarity != 0:
            return quote_for(sentence, focus)
    return quote_for(text, focus)


def _focus(ctx: _Context, basis: Basis, pts: pd.DataFrame) -> list[str]:
    """What a judgement question asks about: its specific words that at least a third of the
    answering experts use (most specific first, at most three)."""
    experts = pts["transcript_id"].nunique()
    if not experts:
        return []
    users: dict[str, set[str]] = {}
    for pid, tid in zip(pts["point_id"], pts["transcript_id"], strict=True):
        for tok in ctx.tokens.get(pid, ()) or ():
            if tok in basis.question_words and not tok.endswith("다"):
                users.setdefault(tok, set()).add(tid)
    words = [w for w, u in users.items() if len(u) * 3 >= experts and w not in ctx.vocab.generic]
    return sorted(words, key=lambda w: (-ctx.vocab.idf.get(w, 0.0), w))[:3]


def _finding(ctx: _Context, basis: Basis, kind: str, topic: str, a: Side, b: Side, *, rule: str,
             thing: str = "", p: float | None = None) -> Finding:
    return Finding(
        finding_id="", area=basis.area, topic=topic, kind=kind, a=a, b=b, basis_id=basis.basis_id,
        basis_kind=basis.kind, question_ids=basis.question_ids,
        question_a=basis.question.get(ctx.groups[0], ""), question_b=basis.question.get(ctx.groups[1], ""),
        judgement=basis.judgement or "", strength=_strength(a.n, b.n, p), rule=rule, thing=thing,
        extra={"question_topic": basis.topic, "similarity": basis.similarity,
               "topics": dict(basis.topics), "n_questions": len(basis.aligned_ids)},
    )


def _judgement_findings(ctx: _Context, basis: Basis, pts: pd.DataFrame, exclude: frozenset[str]
                        ) -> list[Finding]:
    ga, gb = ctx.groups
    conceded: set[str] = set()
    stance, quotes, focus = _stances(ctx, basis, pts, exclude, conceded)
    counts = {}
    for g in ctx.groups:
        vals = [stance[t] for t in basis.asked[g] if t in stance]
        counts[g] = (sum(v > 0 for v in vals), sum(v < 0 for v in vals))
    major = {g: (c[0] > c[1]) - (c[1] > c[0]) for g, c in counts.items()}

    def side(g: str, holding: int) -> Side:
        fc, ac = counts[g]
        word = "for" if fc > ac else "against" if ac > fc else "mixed" if fc else ""
        held = [t for t in basis.asked[g] if stance.get(t) == holding] if holding else []
        other = [t for t in basis.asked[g] if holding and stance.get(t) == -holding]
        return Side(group=g, asked=basis.asked[g], k=len(held), stance=word, stance_counts=counts[g],
                    quotes=tuple(quotes[t] for t in held),
                    dissent=tuple(quotes[t] for t in other), conceded=sum(t in conceded for t in held))

    topic = basis.topic
    crossing = any(counts[g][0 if major[o] > 0 else 1] for g, o in ((ga, gb), (gb, ga)) if major[o])
    if major[ga] * major[gb] < 0 and not crossing:
        return [_finding(ctx, basis, "divergence", topic, side(ga, major[ga]), side(gb, major[gb]),
                         rule="judgement: the two sides' majorities take opposite stances, nobody "
                              "on either side holds the other side's")]
    if major[ga] * major[gb] < 0:  # someone holds the other side's stance: the split cuts across
        a, b = (side(g, major[g]) for g in ctx.groups)
        return [_finding(ctx, basis, "split", topic, a, b,
                         rule="judgement: the majorities are opposite, but the stances cut across "
                              "the two sides")]
    split = [g for g in ctx.groups if all(counts[g])]
    if split:
        a, b = (side(g, major[g] or 1) for g in ctx.groups)
        return [_finding(ctx, basis, "split", topic, a, b,
                         rule=f"judgement: opposite stances inside {', '.join(split)}")]
    if major[ga] == major[gb] != 0 and all(
            counts[g][0 if major[g] > 0 else 1] >= _need(ctx.rules, len(basis.asked[g])) for g in ctx.groups):
        return [_finding(ctx, basis, "consensus", topic, side(ga, major[ga]), side(gb, major[gb]),
                         rule="judgement: the same stance on both sides, nobody opposite")]
    judged = [g for g in ctx.groups if major[g]]
    silent = [g for g in ctx.groups if counts[g] == (0, 0)]
    if len(judged) == 1 and len(silent) == 1:  # one side judges, the other does not say
        g = judged[0]
        if counts[g][0 if major[g] > 0 else 1] >= _need(ctx.rules, len(basis.asked[g])):
            sides = {g: side(g, major[g]), silent[0]: side(silent[0], 0)}
            finding = _finding(ctx, basis, "one_side", topic, sides[ga], sides[gb],
                               rule=f"judgement: only the {g} side takes a stance; the other side does not say")
            # what the silent side does say, in the general cues ("투자가 필요", not "시급")
            general = {t: ctx.rules.stance.stance(" ".join(own["text"].astype(str))).polarity
                       for t, own in pts.groupby("transcript_id", sort=False) if t in basis.asked[silent[0]]}
            needing = [t for t, v in general.items() if v > 0]
            said = tuple(_needing_quote(ctx.rules.stance, str(t), own)
                         for t, own in pts.groupby("transcript_id", sort=False) if t in needing)
            quiet = replace(sides[silent[0]], quotes=said)  # their own words, so a reader can check
            finding = replace(finding, a=quiet if silent[0] == ga else finding.a,
                              b=quiet if silent[0] == gb else finding.b)
            return [replace(finding, extra={**finding.extra, "other_need": len(needing)})]
    return []


def _thing_findings(ctx: _Context, basis: Basis, pts: pd.DataFrame, named: dict[str, list[Named]],
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


def _shared_findings(ctx: _Context, basis: Basis, pts: pd.DataFrame, by_key: dict[str, dict[str, Named]],
                     shared: Sequence[str], answered: dict[str, set], used: set[str]) -> list[Finding]:
    """Consensus or split on each thing both sides name (at most :data:`MAX_SHARED`); the keys
    taken, or set aside as the same thing said again, are added to ``used``."""
    ga, gb = ctx.groups
    need = {g: _need(ctx.rules, len(basis.asked[g])) for g in ctx.groups}
    everyone = [t for g in ctx.groups for t in basis.asked[g] if t in answered[g]]
    out: list[Finding] = []
    seen: list[tuple] = []
    # what the question is about: the words it asks to name or judge (not its background)
    heads = {h for q in basis.question.values() for h in asked_heads(q, ctx.rules.excluded)}
    subject = [w for w in basis.question_words if len(w) > 1 and w not in ctx.vocab.generic
               and not w.endswith("다") and any(w in h for h in heads)]
    premise = _dissent(ctx, pts, subject, everyone) if shared else []
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
        dissent = _dissent(ctx, pts, words, everyone)
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
        def backs(sentence: str) -> bool:  # the sentence's own words, not its heading's
            return ctx.rules.stance.stance(_HEADING.sub("", sentence, count=1)).polarity > 0

        a = Side(ga, basis.asked[ga], k=na.k, named=(na,), dissent=dis[ga],
                 quotes=(quote_of(na, pts, words, against, backs),))
        b = Side(gb, basis.asked[gb], k=nb.k, named=(nb,), dissent=dis[gb],
                 quotes=(quote_of(nb, pts, words, against, backs),))
        kind = "split" if dissent else "consensus"
        rule = ("thing named by at least half of each side; contradicted by "
                + "; ".join(f"{t} ({cue})" for t, _, cue in dissent)) if dissent else \
            "thing named by at least half of each side, nobody contradicting it"
        out.append(_finding(ctx, basis, kind, label, a, b, rule=rule, thing=label))
        used.add(key)
    return out


def _own_findings(ctx: _Context, basis: Basis, pts: pd.DataFrame, named: dict[str, list[Named]],
                  by_key: dict[str, dict[str, Named]], shared: Sequence[str], answered: dict[str, set],
                  used: set[str]) -> list[Finding]:
    """What each side names that the other does not: a contrast when both sides do, one side's
    emphasis when only one does (with what both also mention, ``extra["both"]``)."""
    ga, gb = ctx.groups
    need = {g: _need(ctx.rules, len(basis.asked[g])) for g in ctx.groups}
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
        f = _finding(ctx, basis, "contrast", basis.topic, a, b,
                     rule="each side names things the other side does not")
        out.append(replace(f, extra={**f.extra, "both": both}))
    elif (own[ga] or own[gb]) and answered[ga] and answered[gb]:
        g = ga if own[ga] else gb
        o = gb if g == ga else ga
        top = own[g][0]
        sides = {g: Side(g, basis.asked[g], k=top.k, named=tuple(own[g]),
                         quotes=tuple(n.quote for n in own[g])),
                 o: Side(o, basis.asked[o], k=0)}
        p = _fisher(sides[ga].k, sides[ga].n, sides[gb].k, sides[gb].n)
        f = _finding(ctx, basis, "one_side", basis.topic, sides[ga], sides[gb],
                     rule=f"only the {g} side names things the other side, asked the same, does not", p=p)
        out.append(replace(f, extra={**f.extra, "both": both}))
    return out


def _held_by_both(ctx: _Context, basis: Basis, pts: pd.DataFrame, named: tuple[Named, Named],
                  labels: Sequence[str], against: Sequence[str]) -> tuple[str, Named, Named] | None:
    """The longest of ``labels`` that enough experts of each side write (:func:`_holders`, the
    dissenters ``against`` apart), with each side's holders of it; None when no label is."""
    need = [_need(ctx.rules, len(basis.asked[g])) for g in ctx.groups]
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


def _also_shared(ctx: _Context, shared: Sequence[str], by_key: dict[str, dict[str, Named]],
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


def _not_asked(ctx: _Context, basis: Basis, pts: pd.DataFrame, named: dict[str, list[Named]]) -> Finding:
    sides = {g: Side(g, basis.asked[g], k=len(basis.asked[g]), named=tuple(named[g][:ctx.rules.max_things]),
                     quotes=tuple(n.quote for n in named[g][:ctx.rules.max_things])) for g in ctx.groups}
    return _finding(ctx, basis, "not_asked", basis.topic, sides[ctx.groups[0]], sides[ctx.groups[1]],
                    rule="asked of one side only: nothing is compared")


def _basis_findings(ctx: _Context, basis: Basis) -> tuple[list[Finding], dict[str, list[Named]]]:
    pts = _basis_points(ctx, basis)
    exclude = _exclude(ctx, basis, pts)
    named = _side_named(ctx, basis, pts, exclude)
    if not basis.both_asked(ctx.groups):
        return [_not_asked(ctx, basis, pts, named)], named
    if pts.empty:
        return [], named
    out = _judgement_findings(ctx, basis, pts, exclude) if basis.judgement else []
    out += _thing_findings(ctx, basis, pts, named, exclude)
    return out, named


# ------------------------------------------------------------------------------ whole corpus
def build_claims(
    corpus: Any,
    *,
    by: str = "role",
    groups: tuple[str, str] = ("academic", "industry"),
    tokens: pd.Series | None = None,
    rules: ClaimRules | None = None,
    tokenize: Callable[[str], Sequence[str]] | None = None,
    include_forum: bool = False,
) -> Claims:
    """Every finding of ``corpus`` for two groups of ``by``, area by area (see the module).

    ``tokens``: content tokens per ``point_id`` (default: :func:`consult.tokens.corpus_tokens`,
    cached); ``rules``: :class:`~consult.findings.ClaimRules` (default ``claims.toml``);
    ``tokenize``: a text → tokens function for question texts (default: Kiwi, one batch).
    """
    from ..tokens import corpus_tokens, default_tokenizer  # lazy: loads Kiwi

    rules = rules or ClaimRules.default()
    groups = (str(groups[0]), str(groups[1]))
    if tokens is None:
        tokens = corpus_tokens(corpus)[1]
    columns = ["point_id", "transcript_id", "transcript_kind", "area", "question_id", "text",
               "point_label", by]
    points = plain_strings(corpus.points, columns)
    if not include_forum and "transcript_kind" in points:
        points = points[points["transcript_kind"] != "forum"]
    points = points.assign(area=points["area"].map(area_label))
    qn = questionnaire(corpus)
    if not include_forum and "transcript_ids" in qn and "transcript_kind" in corpus.transcripts:
        forum = set(corpus.transcripts.loc[corpus.transcripts["transcript_kind"] == "forum", "transcript_id"])
        qn = qn[~qn["transcript_ids"].map(lambda s: set(str(s).split("; ")) <= forum)]
    if tokenize is None:
        texts = list(dict.fromkeys(qn["question"].astype(str)))
        words = dict(zip(texts, default_tokenizer().tokenize(texts), strict=True)) if texts else {}

        def tokenize(text: str) -> list[str]:
            return words.get(text, [])
    tr = corpus.transcripts
    group_of = dict(zip(tr["transcript_id"], tr[by].astype(str), strict=False)) if by in tr else {}
    vocab = Vocabulary(tokens.reindex(points["point_id"]).dropna() if len(points) else tokens, rules,
                       texts=points["text"].astype(str))
    ctx = _Context(points=points, tokens=tokens, vocab=vocab, rules=rules, groups=groups,
                   group_of=group_of,
                   area_common={a: vocab.area_common(tokens.get(p, ()) for p in g["point_id"])
                                for a, g in points.groupby("area", sort=False)})
    findings: list[Finding] = []
    said: list[tuple[Basis, dict[str, list[Named]]]] = []
    area_rows = []
    for area, area_points in points.groupby("area", sort=False):
        present = set(area_points[by].astype(str)) if by in area_points else set()
        experts = {g: area_points.loc[area_points[by].astype(str) == g, "transcript_id"].nunique()
                   if by in area_points else 0 for g in groups}
        bases = []
        if not all(g in present for g in groups):
            findings.append(_not_comparable(str(area), area_points, by, groups))
        else:
            bases = find_bases(qn[qn["area"] == area], group_of, groups, rules, tokenize)
            for basis in bases:
                found, named = _basis_findings(ctx, basis)
                findings += found
                said.append((basis, named))
        kinds = Counter(b.kind for b in bases)
        compared = [b for b in bases if b.kind != "one_side"]
        area_rows.append({"within": str(area), "a_group": groups[0], "b_group": groups[1],
                          "a_experts": experts[groups[0]], "b_experts": experts[groups[1]],
                          "asked_both": kinds.get("same", 0), "similar_pairs": kinds.get("similar", 0),
                          "asked_one_side": kinds.get("one_side", 0),
                          **{f"{s}_per_question": _span(len(b.asked[g]) for b in compared)
                             for s, g in (("a", groups[0]), ("b", groups[1]))}})
    findings = _numbered(_ordered(findings, list(dict.fromkeys(points["area"]))))
    from .table import AREA_COLUMNS, findings_table, positions_table

    table = findings_table(findings)
    areas = pd.DataFrame(area_rows, columns=[c for c in AREA_COLUMNS if c in area_rows[0]] if area_rows
                         else AREA_COLUMNS)
    if len(areas):
        counts = table.groupby(["within", "kind"]).size().unstack(fill_value=0)
        areas = areas.assign(**{f"n_{k}": areas["within"].map(counts[k] if k in counts else {})
                                .fillna(0).astype(int) for k in KINDS})
    return Claims(findings=tuple(findings), table=table, positions=positions_table(said, groups),
                  questionnaire=qn.drop(columns="_members"), areas=areas.reindex(columns=AREA_COLUMNS))


def _span(counts: Iterable[int]) -> str:
    """``"2–3"`` (or ``"3"``, or ``""`` for none): how many experts the questions had."""
    values = sorted(set(counts))
    return "" if not values else str(values[0]) if len(values) == 1 else f"{values[0]}–{values[-1]}"


def _not_comparable(area: str, pts: pd.DataFrame, by: str, groups: tuple[str, str]) -> Finding:
    sides = []
    for g in groups:
        tids = tuple(dict.fromkeys(pts.loc[pts[by].astype(str) == g, "transcript_id"])) if by in pts else ()
        sides.append(Side(g, tids, k=len(tids)))
    missing = [g for g, s in zip(groups, sides, strict=True) if not s.asked]
    return Finding(finding_id="", area=area, topic="(전체)", kind="not_comparable", a=sides[0],
                   b=sides[1], basis_kind="area", strength=_strength(sides[0].n, sides[1].n),
                   rule=f"no {', '.join(missing)} expert in this area")


def _ordered(findings: list[Finding], areas: list[str]) -> list[Finding]:
    """Area by area; in an area the kinds in reading order (:data:`KINDS`), then the findings
    resting on more experts, then those more of each side share."""
    order = {k: i for i, k in enumerate(KINDS)}

    def share(f: Finding) -> float:
        return f.a.k / max(f.a.n, 1) + f.b.k / max(f.b.n, 1)

    return sorted(findings, key=lambda f: (areas.index(f.area) if f.area in areas else len(areas),
                                           order.get(f.kind, len(order)),
                                           -min(f.a.n, f.b.n), -share(f), f.basis_id))


def _numbered(findings: list[Finding]) -> list[Finding]:
    """Ids ``<area>·F<n>`` in order; the first :data:`HEADLINES_PER_AREA` findings of each area
    that may be headlines (:func:`is_headline_kind`) are its headlines (``extra["headline"]``)."""
    out, seen, shown = [], {}, {}
    for f in findings:
        seen[f.area] = seen.get(f.area, 0) + 1
        headline = is_headline_kind(f) and shown.get(f.area, 0) < HEADLINES_PER_AREA
        if headline:
            shown[f.area] = shown.get(f.area, 0) + 1
        out.append(replace(f, finding_id=f"{f.area}·F{seen[f.area]}",
                           extra={**f.extra, "headline": headline}))
    return out


def find_findings(corpus: Any, **kwargs: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(findings table, questionnaire)`` of :func:`build_claims` (same arguments)."""
    claims = build_claims(corpus, **kwargs)
    return claims.table, claims.questionnaire
