"""Findings on a question that asks for a judgement (priority, urgency, necessity, feasibility,
effectiveness): each expert's stance toward what it asks about, with the sentence that carries
it; the two sides' majorities opposed (divergence), one side divided (split), both the same
(consensus), or only one side judging (one_side) — :func:`judgement_findings`.

    >>> from consult.findings import build_claims                               # doctest: +SKIP
    >>> build_claims(corpus).table.query("judgement != ''")                      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from .bases import Basis
from .context import Context, experts_needed, make_finding
from .model import Finding, Side
from .things import (
    Quote,
    quote_for,
)

__all__ = ["judgement_findings"]


def _stances(ctx: Context, basis: Basis, pts: pd.DataFrame, exclude: frozenset[str],
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


def _focus(ctx: Context, basis: Basis, pts: pd.DataFrame) -> list[str]:
    """What a judgement question asks about: its specific words that at least a third of the
    answering experts use (most specific first, at most three) — those of its topic's subject
    (what the asking sentence names, or the thing it points back to) when the answers use any: in
    "…정책인 ‘차세대 전지 초격차 R&D 전략’ … 탭리스, 건식 공정 등을 선언 … 이것이 R&D정책에
    포함되어야 할지" the judgement is on 공정, not on 차세대 전지 of the preamble."""
    experts = pts["transcript_id"].nunique()
    if not experts:
        return []
    users: dict[str, set[str]] = {}
    for pid, tid in zip(pts["point_id"], pts["transcript_id"], strict=True):
        for tok in ctx.tokens.get(pid, ()) or ():
            if tok in basis.question_words and not tok.endswith("다"):
                users.setdefault(tok, set()).add(tid)
    used = [w for w, u in users.items() if len(u) * 3 >= experts]
    # the topic's subject: what a pointing question points back to ("탭리스, 건식 공정: …에
    # 포함되어야 할지" → 탭리스, 건식 공정), else the whole topic
    subject = str(basis.topic).split(": ", 1)[0].replace(" ", "")
    asked = [w for w in used if w.replace(" ", "") in subject]  # the target, however common
    words = asked or [w for w in used if w not in ctx.vocab.generic]
    return sorted(words, key=lambda w: (-ctx.vocab.idf.get(w, 0.0), w))[:3]


def judgement_findings(ctx: Context, basis: Basis, pts: pd.DataFrame, exclude: frozenset[str]
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
        return [make_finding(ctx, basis, "divergence", topic, side(ga, major[ga]), side(gb, major[gb]),
                         rule="judgement: the two sides' majorities take opposite stances, nobody "
                              "on either side holds the other side's")]
    if major[ga] * major[gb] < 0:  # someone holds the other side's stance: the split cuts across
        a, b = (side(g, major[g]) for g in ctx.groups)
        return [make_finding(ctx, basis, "split", topic, a, b,
                         rule="judgement: the majorities are opposite, but the stances cut across "
                              "the two sides")]
    split = [g for g in ctx.groups if all(counts[g])]
    if split:
        a, b = (side(g, major[g] or 1) for g in ctx.groups)
        return [make_finding(ctx, basis, "split", topic, a, b,
                         rule=f"judgement: opposite stances inside {', '.join(split)}")]
    if major[ga] == major[gb] != 0 and all(
            counts[g][0 if major[g] > 0 else 1] >= experts_needed(ctx.rules, len(basis.asked[g])) for g in ctx.groups):
        return [make_finding(ctx, basis, "consensus", topic, side(ga, major[ga]), side(gb, major[gb]),
                         rule="judgement: the same stance on both sides, nobody opposite")]
    judged = [g for g in ctx.groups if major[g]]
    silent = [g for g in ctx.groups if counts[g] == (0, 0)]
    if len(judged) == 1 and len(silent) == 1:  # one side judges, the other does not say
        g = judged[0]
        if counts[g][0 if major[g] > 0 else 1] >= experts_needed(ctx.rules, len(basis.asked[g])):
            sides = {g: side(g, major[g]), silent[0]: side(silent[0], 0)}
            finding = make_finding(ctx, basis, "one_side", topic, sides[ga], sides[gb],
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
