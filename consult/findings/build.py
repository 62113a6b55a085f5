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

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..labels import area_label
from .bases import Basis, find_bases
from .context import Context, make_finding, strength
from .judged import judgement_findings
from .model import KINDS, Finding, Side
from .questionnaire import plain_strings, questionnaire
from .rules import ClaimRules
from .shared import thing_findings
from .things import (
    Named,
    Vocabulary,
    named_things,
)

__all__ = ["Claims", "build_claims", "find_findings"]


#: findings shown first per area (the report's first page): ``headline`` in the table. Only
#: findings about the same thing or the same judgement are headlines — where the two sides agree,
#: oppose, are split, or where only one side judges what both were asked. What each side named
#: that the other did not (``contrast`` and a ``one_side`` about things) is read from words and
#: often splits one shared point into fragments: it stays in the full list, not on the first page.
HEADLINES_PER_AREA = 4
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


# ------------------------------------------------------------------------------ per basis
def _basis_points(ctx: Context, basis: Basis) -> pd.DataFrame:
    p = ctx.points
    asked = {t for g in ctx.groups for t in basis.asked[g]}
    return p[p["question_id"].isin(basis.question_ids) & p["transcript_id"].isin(asked)]


def _exclude(ctx: Context, basis: Basis, pts: pd.DataFrame) -> frozenset[str]:
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


def _side_named(ctx: Context, basis: Basis, pts: pd.DataFrame, exclude: frozenset[str]
                ) -> dict[str, list[Named]]:
    return {g: named_things(pts[pts["transcript_id"].isin(basis.asked[g])], ctx.tokens, ctx.vocab,
                            exclude) for g in ctx.groups}


def _not_asked(ctx: Context, basis: Basis, pts: pd.DataFrame, named: dict[str, list[Named]]) -> Finding:
    sides = {g: Side(g, basis.asked[g], k=len(basis.asked[g]), named=tuple(named[g][:ctx.rules.max_things]),
                     quotes=tuple(n.quote for n in named[g][:ctx.rules.max_things])) for g in ctx.groups}
    return make_finding(ctx, basis, "not_asked", basis.topic, sides[ctx.groups[0]], sides[ctx.groups[1]],
                    rule="asked of one side only: nothing is compared")


def _basis_findings(ctx: Context, basis: Basis) -> tuple[list[Finding], dict[str, list[Named]]]:
    pts = _basis_points(ctx, basis)
    exclude = _exclude(ctx, basis, pts)
    named = _side_named(ctx, basis, pts, exclude)
    if not basis.both_asked(ctx.groups):
        return [_not_asked(ctx, basis, pts, named)], named
    if pts.empty:
        return [], named
    out = judgement_findings(ctx, basis, pts, exclude) if basis.judgement else []
    out += thing_findings(ctx, basis, pts, named, exclude)
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
    from ..tokens import corpus_tokens  # lazy: loads Kiwi

    rules = rules or ClaimRules.default()
    groups = (str(groups[0]), str(groups[1]))
    if tokens is None:
        tokens = corpus_tokens(corpus)[1]
    points, qn = _claim_inputs(corpus, by, include_forum)
    tokenize = tokenize or _question_words(qn)
    tr = corpus.transcripts
    group_of = dict(zip(tr["transcript_id"], tr[by].astype(str), strict=False)) if by in tr else {}
    vocab = Vocabulary(tokens.reindex(points["point_id"]).dropna() if len(points) else tokens, rules,
                       texts=points["text"].astype(str))
    ctx = Context(points=points, tokens=tokens, vocab=vocab, rules=rules, groups=groups,
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


def _claim_inputs(corpus: Any, by: str, include_forum: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The points the findings read (narrow, text as objects, area labels; forum talks left out
    unless ``include_forum``) and the questionnaire (without questions put only to the forum)."""
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
    return points, qn


def _question_words(qn: pd.DataFrame) -> Callable[[str], list[str]]:
    """A text → tokens look-up for the questionnaire's questions, tokenized in one Kiwi batch."""
    from ..tokens import default_tokenizer  # lazy: loads Kiwi

    texts = list(dict.fromkeys(qn["question"].astype(str)))
    words = dict(zip(texts, default_tokenizer().tokenize(texts), strict=True)) if texts else {}
    return lambda text: words.get(text, [])


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
                   b=sides[1], basis_kind="area", strength=strength(sides[0].n, sides[1].n),
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
