"""Findings: where two groups of experts agree and where they really differ, area by area.

One row per finding (:data:`FINDING_COLUMNS`). The expert is the unit; every count is "k of n
asked" with n from :func:`~consult.findings.questionnaire.questionnaire`:

``consensus``     both sides take the same stance on the same target (and name overlapping things)
``divergence``    opposite stances, or the same stance with different priorities (targets named)
``emphasis``      both raise a theme, one side clearly more (Fisher's exact test; only when
                  each side has at least 3 experts asked)
``one_side``      only one side raises a theme although both were asked where it came up
``not_asked``     only one side was asked the question: no comparison is possible
``not_comparable`` a group has no expert in the area

``strength`` is ``one_person`` (the smaller side asked is one expert), ``anecdotal`` (two), or
the test and its p-value. Positions are quoted from the minutes, never paraphrased.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pandas as pd
from scipy.stats import fisher_exact

from ..labels import ROLE_LABELS, area_label
from ..records import clip
from .questionnaire import plain_strings, question_gist, questionnaire
from .stance import StanceRules

__all__ = ["find_findings", "FINDING_COLUMNS", "KINDS"]

KINDS = ("divergence", "one_side", "emphasis", "consensus", "not_asked", "not_comparable")
FINDING_COLUMNS = [
    "within", "topic", "kind", "a_group", "b_group", "a_k", "a_asked", "b_k", "b_asked",
    "a_position", "b_position", "a_evidence", "b_evidence", "strength", "note",
    "basis", "aligned_id", "a_stance", "b_stance", "a_targets", "b_targets", "sentence",
]
_QUOTE = 160
_STANCE_WORD = {1: "필요·지지", -1: "부정·회의", 0: "중립·혼재"}
#: targets overlap at least this much (shared / smaller side) → the same priorities
_OVERLAP = 0.34
_N_TARGETS = 8
#: endings of words that name no thing: verb and adjective lemmas (…다) and …적 modifiers
_NOT_A_THING = ("다", "적")


def _strength(a_asked: int, b_asked: int, p: float | None = None) -> str:
    n = min(a_asked, b_asked)
    if n <= 1:
        return "one_person"
    if n == 2:
        return "anecdotal"
    return "counts only" if p is None else f"fisher p={p:.3f}"


def _group_stance(stances: Sequence[int]) -> int:
    plus, minus = sum(s > 0 for s in stances), sum(s < 0 for s in stances)
    return (plus > minus) - (minus > plus)


class _Area:
    """The points, experts and tokens of one area, for both groups."""

    def __init__(self, points: pd.DataFrame, tokens: pd.Series, rules: StanceRules,
                 by: str, groups: tuple[str, str]):
        self.points, self.tokens, self.rules, self.by, self.groups = points, tokens, rules, by, groups
        self.group_of = dict(zip(points["transcript_id"], points[by].astype(str), strict=False))
        self.stance = {pid: rules.stance(t) for pid, t in zip(points["point_id"], points["text"],
                                                             strict=True)}
        doc_freq = Counter(tok for toks in tokens for tok in set(toks))
        n = max(len(tokens), 1)
        self.idf = {t: math.log((1 + n) / (1 + c)) for t, c in doc_freq.items()}

    def experts(self, tids: Sequence[str], group: str) -> list[str]:
        return [t for t in tids if self.group_of.get(t) == group]

    def expert_stance(self, pts: pd.DataFrame, focus: Sequence[str] = ()) -> int:
        """An expert's stance on a question: the first point (the direct answer) counts twice.

        With ``focus`` words (what the question asks about), only the clauses that name them count
        when the expert names them at all; otherwise the whole answer does.
        """
        toward = [self.rules.stance_toward(t, focus) for t in pts["text"]] if focus else []
        if any(s is not None for s in toward):
            score = sum(s.polarity * (2 if i == 0 else 1)
                        for i, s in enumerate(toward) if s is not None)
        else:
            score = sum(self.stance[p].polarity * (2 if i == 0 else 1)
                        for i, p in enumerate(pts["point_id"]))
        return (score > 0) - (score < 0)

    def focus(self, question_words: set[str], q_points: pd.DataFrame, exclude: set[str]) -> list[str]:
        """What a question asks about: its words that its answers use far more than the area's.

        A question word counts when at least a fifth of the question's answer points use it and
        they use it at least twice as often as the area's answers in general (top three by lift).
        """
        ids = list(q_points["point_id"])
        if not ids:
            return []
        here = Counter(t for p in ids for t in set(self.tokens.get(p, ())))
        n_area = max(len(self.points), 1)
        area = Counter(t for p in self.points["point_id"] for t in set(self.tokens.get(p, ())))
        lift = {w: (here[w] / len(ids)) / (area[w] / n_area) for w in question_words - exclude
                if len(w) > 1 and here[w] / len(ids) >= 0.2 and area[w]}
        return sorted((w for w, v in lift.items() if v >= 2), key=lambda w: (-lift[w], w))[:3]

    def targets(self, pts: pd.DataFrame, exclude: set[str]) -> list[str]:
        """The most specific content words of these points (idf-weighted), question words out."""
        counts: Counter[str] = Counter()
        for pid in pts["point_id"]:
            for tok in set(self.tokens.get(pid, ())):
                if tok not in exclude and len(tok) > 1:
                    counts[tok] += 1
        ranked = sorted(counts, key=lambda t: (-counts[t] * self.idf.get(t, 0.0), t))
        return ranked[:_N_TARGETS]

    def consistent_targets(self, own: pd.DataFrame, other: pd.DataFrame, experts: Sequence[str],
                           exclude: set[str]) -> list[str]:
        """Words at least two (and half) of this side's experts use and no expert of the other."""
        need = max(2, math.ceil(len(experts) / 2))
        theirs = {t for pid in other["point_id"] for t in self.tokens.get(pid, ())}
        users: Counter[str] = Counter()
        for _, pts in own.groupby("transcript_id"):
            users.update({t for pid in pts["point_id"] for t in self.tokens.get(pid, ())})
        return sorted((t for t, n in users.items() if n >= need and t not in theirs
                       and t not in exclude and len(t) > 1),
                      key=lambda t: (-users[t] * self.idf.get(t, 0.0), t))[:_N_TARGETS]

    def shared_words(self, sides: Sequence[pd.DataFrame], exclude: set[str]) -> list[str]:
        """Specific words experts of both sides use on a theme: what they agree on.

        Both raising a theme with the same stance is agreement only when they also name the same
        things; the theme label's own words, words in over half the area's points, verbs and
        adjectives do not count. Ranked by experts using them × idf (specific words many use).
        """
        def users(pts: pd.DataFrame) -> Counter[str]:
            out: Counter[str] = Counter()
            for _, g in pts.groupby("transcript_id"):
                out.update({t for pid in g["point_id"] for t in self.tokens.get(pid, ())
                            if len(t) > 1 and t not in exclude and not t.endswith(_NOT_A_THING)
                            and self.idf.get(t, 0.0) >= math.log(2)})
            return out

        ua, ub = users(sides[0]), users(sides[1])
        both = set(ua) & set(ub)
        return sorted(both, key=lambda t: (-(ua[t] + ub[t]) * self.idf.get(t, 0.0), t))[:_N_TARGETS]

    def users(self, pts: pd.DataFrame, words: Sequence[str]) -> int:
        """How many experts of these points use any of ``words``."""
        return sum(any(t in words for pid in g["point_id"] for t in self.tokens.get(pid, ()))
                   for _, g in pts.groupby("transcript_id"))

    def quote(self, pts: pd.DataFrame, polarity: int) -> tuple[str, list[str]]:
        """The point that carries the side's stance most clearly, and every point's id."""
        if not len(pts):
            return "", []
        ids = pts["point_id"].tolist()
        best = max(range(len(ids)), key=lambda i: (
            self.stance[ids[i]].polarity == polarity and polarity != 0,
            abs(self.stance[ids[i]].score), -abs(len(pts["text"].iloc[i]) - 120), -i))
        return clip(pts["text"].iloc[best], _QUOTE), ids


def _question_words(text: str, tokenize) -> set[str]:
    return set(tokenize(text)) if tokenize else set()


def _row(area: str, topic: str, kind: str, groups: tuple[str, str], ks: tuple[int, int],
         asked: tuple[int, int], **extra: Any) -> dict[str, Any]:
    base = {"within": area, "topic": topic, "kind": kind, "a_group": groups[0],
            "b_group": groups[1], "a_k": ks[0], "a_asked": asked[0], "b_k": ks[1],
            "b_asked": asked[1], "a_position": "", "b_position": "", "a_evidence": "",
            "b_evidence": "", "strength": _strength(*asked), "note": "", "basis": "question",
            "aligned_id": "", "a_stance": 0, "b_stance": 0, "a_targets": "", "b_targets": ""}
    base.update(extra)
    return base


def _question_finding(ar: _Area, area: str, aq: pd.Series, q_points: pd.DataFrame,
                      tokenize) -> dict[str, Any]:
    a, b = ar.groups
    tids = aq["transcript_ids"].split("; ")
    ta, tb = ar.experts(tids, a), ar.experts(tids, b)
    topic = aq["question_topic"] or question_gist(aq["question"])
    exclude = _question_words(aq["question"], tokenize) | set(ar.rules.self_words)
    focus = ar.focus(_question_words(aq["question"], tokenize), q_points, set(ar.rules.self_words))
    sides = []
    for group_tids in (ta, tb):
        pts = q_points[q_points["transcript_id"].isin(group_tids)]
        per = [ar.expert_stance(pts[pts["transcript_id"] == t], focus) for t in group_tids]
        sides.append((pts, per, _group_stance(per)))
    if not ta or not tb:
        asked_side = 0 if ta else 1
        pts, per, pol = sides[asked_side]
        quote, ids = ar.quote(pts, pol)
        row = _row(area, topic, "not_asked", ar.groups, (len(ta), len(tb)), (len(ta), len(tb)),
                   aligned_id=aq["aligned_id"],
                   note=f"{ROLE_LABELS.get((a, b)[1 - asked_side], (a, b)[1 - asked_side])}에는 "
                        "묻지 않은 질문")
        row["ab"[asked_side] + "_position"] = quote
        row["ab"[asked_side] + "_evidence"] = ";".join(ids)
        row["ab"[asked_side] + "_stance"] = pol
        return row
    (pa, per_a, pol_a), (pb, per_b, pol_b) = sides
    tg_a, tg_b = ar.targets(pa, exclude), ar.targets(pb, exclude)
    ca, cb = ar.consistent_targets(pa, pb, ta, exclude), ar.consistent_targets(pb, pa, tb, exclude)
    shared = [t for t in tg_a if t in tg_b]
    if pol_a * pol_b < 0:
        kind, note = "divergence", "opposite stance"
        ks = (sum(s == pol_a for s in per_a), sum(s == pol_b for s in per_b))
    elif pol_a == pol_b != 0 and (ar.rules.is_evaluative(aq["question"]) or len(shared) >= 2):
        kind, note = "consensus", "same stance" + (": " + "·".join(shared[:4]) if shared else "")
        tg_a = tg_b = shared  # what both name
        ks = (sum(s == pol_a for s in per_a), sum(s == pol_b for s in per_b))
    elif min(len(ta), len(tb)) < 2:
        return None  # what one expert leaves unsaid is no evidence of a difference
    elif ca and cb:
        kind, note = "divergence", "different priorities: " + "·".join(ca[:3]) + " vs " + "·".join(cb[:3])
        tg_a, tg_b = ca, cb
        ks = (ar.users(pa, ca), ar.users(pb, cb))
    elif ca or cb:
        kind = "one_side"
        note = "only one side names " + "·".join((ca or cb)[:3])
        side_tids, side_pts, side_per = (ta, pa, per_a) if ca else (tb, pb, per_b)
        # the stances of the experts who name it (naming it is not agreeing on it)
        per = [st for t, st in zip(side_tids, side_per, strict=True)
               if ar.users(side_pts[side_pts["transcript_id"] == t], ca or cb)]
        if 1 in per and -1 in per:  # say the side is split
            note += f"; split {per.count(1)}+/{per.count(-1)}-"
        tg_a, tg_b = ca, cb
        ks = (ar.users(pa, ca), ar.users(pb, cb))
    else:
        return None  # no clear agreement or difference: the question stays in the questionnaire
    p = None
    if min(len(ta), len(tb)) >= 3:
        p = float(fisher_exact([[ks[0], len(ta) - ks[0]], [ks[1], len(tb) - ks[1]]])[1])
    qa, ida = ar.quote(pa, pol_a)
    qb, idb = ar.quote(pb, pol_b)
    return _row(area, topic, kind, ar.groups, ks, (len(ta), len(tb)), a_position=qa,
                b_position=qb, a_evidence=";".join(ida), b_evidence=";".join(idb),
                strength=_strength(len(ta), len(tb), p), note=note, aligned_id=aq["aligned_id"],
                a_stance=pol_a, b_stance=pol_b, a_targets=", ".join(tg_a[:5]),
                b_targets=", ".join(tg_b[:5]))


def _theme_findings(ar: _Area, area: str, qn: pd.DataFrame, point_themes: pd.DataFrame,
                    labels: dict[Any, str]) -> list[dict[str, Any]]:
    a, b = ar.groups
    aligned_of = {qid: aid for aid, members in zip(qn["aligned_id"], qn["_members"], strict=True)
                  for qid in members}
    asked_of = dict(zip(qn["aligned_id"], qn["transcript_ids"], strict=True))
    pts = ar.points.set_index("point_id")
    out = []
    for theme, rows in point_themes[point_themes["point_id"].isin(pts.index)].groupby("theme_id"):
        tp = pts.loc[rows["point_id"].unique()].reset_index()
        aligned = {aligned_of.get(q) for q in tp["question_id"]} - {None}
        # compare on the questions both sides were asked: answers to different questionnaires
        # differ because the questions differ
        both = {aid for aid in aligned if ar.experts(asked_of[aid].split("; "), a)
                and ar.experts(asked_of[aid].split("; "), b)}
        apart = False  # both raise it, each to questions the other side was not asked
        if both:
            tp = tp[tp["question_id"].map(aligned_of).isin(both)].reset_index(drop=True)
            aligned = both
        else:
            groups_here = set(tp["transcript_id"].map(ar.group_of))
            apart = a in groups_here and b in groups_here
        asked = {t for aid in aligned for t in asked_of[aid].split("; ")}
        ta, tb = ar.experts(sorted(asked), a), ar.experts(sorted(asked), b)
        ra = sorted(set(tp["transcript_id"]) & set(ta))
        rb = sorted(set(tp["transcript_id"]) & set(tb))
        if len(set(tp["transcript_id"])) < 2 and not (ra and rb):
            continue  # one expert's theme: not a recurring concern
        topic = labels.get(theme, str(theme))
        side_pts = [tp[tp["transcript_id"].isin(r)] for r in (ra, rb)]
        pols = [_group_stance([ar.expert_stance(sp[sp["transcript_id"] == t]) for t in r])
                for sp, r in zip(side_pts, (ra, rb), strict=True)]
        quotes = [ar.quote(sp, pol) for sp, pol in zip(side_pts, pols, strict=True)]
        p = None
        if apart:  # unprompted agreement is evidence; a difference between questionnaires is not
            if not (pols[0] == pols[1] != 0 and len(shared := ar.shared_words(
                    side_pts, set(ar.rules.self_words) | _label_words(topic))) >= 2):
                continue
            kind, note = "consensus", "same stance, different questions: " + "·".join(shared[:4])
        elif not ta or not tb:
            kind, note = "not_asked", "한쪽에만 물은 질문에서 나온 주제"
        elif ra and rb:
            if min(len(ta), len(tb)) >= 3:
                p = float(fisher_exact([[len(ra), len(ta) - len(ra)], [len(rb), len(tb) - len(rb)]])[1])
            if pols[0] * pols[1] < 0:
                kind, note = "divergence", "opposite stance"
            elif p is not None and p < 0.05:
                kind, note = "emphasis", f"more often raised by {a if len(ra) / len(ta) > len(rb) / len(tb) else b}"
            elif pols[0] == pols[1] != 0 and len(shared := ar.shared_words(
                    side_pts, set(ar.rules.self_words) | _label_words(topic))) >= 2:
                kind, note = "consensus", "same stance: " + "·".join(shared[:4])
            else:
                continue  # both raise it, stances unclear: the same words are no agreement
        elif len(tb if ra else ta) < 2:
            continue  # one expert's silence is no evidence that a side does not raise it
        else:
            kind, note = "one_side", f"only {a if ra else b} raise it"
        out.append(_row(area, topic, kind, ar.groups, (len(ra), len(rb)), (len(ta), len(tb)),
                        a_position=quotes[0][0], b_position=quotes[1][0],
                        a_evidence=";".join(quotes[0][1]), b_evidence=";".join(quotes[1][1]),
                        strength=_strength(len(ta), len(tb), p), note=note, basis="theme",
                        aligned_id=";".join(sorted(aligned)), a_stance=pols[0], b_stance=pols[1],
                        **({"a_targets": ", ".join(shared[:5]), "b_targets": ", ".join(shared[:5])}
                           if kind == "consensus" else {})))
    return out


def _without_repeats(theme_rows: list[dict[str, Any]], question_rows: list[dict[str, Any]]
                     ) -> list[dict[str, Any]]:
    """Theme findings that do not repeat a question finding: a theme whose evidence lies half or
    more in one question already compared (a third, when the two findings are of the same kind) is
    that question's finding again, read less exactly (its stance is not taken toward the
    question's focus)."""
    def evidence(r: dict[str, Any]) -> set[str]:
        return {e for e in f"{r['a_evidence']};{r['b_evidence']}".split(";") if e}

    asked = [(evidence(r), r["kind"]) for r in question_rows
             if r["basis"] == "question" and r["kind"] != "not_asked"]

    def repeats(r: dict[str, Any]) -> bool:
        ev = evidence(r)
        return any(len(ev & q) >= len(ev) / (3 if kind == r["kind"] else 2) for q, kind in asked if q)

    return [r for r in theme_rows if not repeats(r)]


def _label_words(label: str) -> set[str]:
    """The words of a theme label (``배터리 계약학과 입학`` → its three words)."""
    return {w for w in str(label).replace("·", " ").split() if w}


def find_findings(
    corpus: Any,
    *,
    by: str = "role",
    groups: tuple[str, str] = ("academic", "industry"),
    tokens: pd.Series | None = None,
    point_themes: pd.DataFrame | None = None,
    theme_labels: dict[Any, str] | None = None,
    rules: StanceRules | None = None,
    tokenize=None,
    include_forum: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(findings, questionnaire)`` of ``corpus`` for two groups of ``by``, per area.

    ``tokens``: content tokens per point_id (default: consult.tokens, cached);
    ``point_themes``: point_id → theme_id rows (several per point allowed) with
    ``theme_labels``; ``rules``: the stance cues (default ``consult/data/stance.toml``).
    """
    from ..tokens import corpus_tokens, default_tokenizer  # lazy: loads Kiwi

    rules = rules or StanceRules.default()
    if tokens is None:
        tokens = corpus_tokens(corpus)[1]
    points = plain_strings(corpus.points, ["point_id", "transcript_id", "transcript_kind", "area",
                                           "question_id", "text", by])
    if not include_forum and "transcript_kind" in points:
        points = points[points["transcript_kind"] != "forum"]
    qn = questionnaire(corpus)
    if tokenize is None:  # every question's words in one Kiwi batch (cached), then look-ups
        texts = list(dict.fromkeys(qn["question"].astype(str)))
        words = dict(zip(texts, default_tokenizer().tokenize(texts), strict=True)) if texts else {}

        def tokenize(text: str) -> list[str]:
            return words.get(text, [])
    rows: list[dict[str, Any]] = []
    for area, area_points in points.groupby(points["area"].map(area_label), sort=False):
        ar = _Area(area_points, tokens, rules, by, groups)
        present = set(area_points[by].astype(str))
        if not all(g in present for g in groups):
            missing = [g for g in groups if g not in present]
            rows.append(_row(area, "(전체)", "not_comparable", groups,
                             tuple(area_points.loc[area_points[by] == g, "transcript_id"].nunique()
                                   for g in groups), (0, 0), basis="area",
                             note=f"no {', '.join(missing)} expert in this area"))
            continue
        area_qn = qn[(qn["area"] == area) & ~qn["generic"]]
        for _, aq in area_qn.iterrows():
            q_points = area_points[area_points["question_id"].isin(aq["_members"])]
            row = _question_finding(ar, area, aq, q_points, tokenize) if len(q_points) else None
            if row is not None:
                rows.append(row)
        if point_themes is not None:
            rows += _without_repeats(_theme_findings(ar, area, qn[qn["area"] == area], point_themes,
                                                     theme_labels or {}), rows)
    out = pd.DataFrame(rows, columns=[c for c in FINDING_COLUMNS if c != "sentence"])
    out["sentence"] = [finding_sentence(r) for r in out.to_dict("records")]
    order = {k: i for i, k in enumerate(KINDS)}
    areas = list(dict.fromkeys(points["area"].map(area_label)))
    out = out.sort_values("kind", key=lambda s: s.map(order), kind="stable")
    out = out.sort_values("within", key=lambda s: s.map(areas.index), kind="stable")
    return out.reset_index(drop=True), qn.drop(columns="_members")


_MARKER = {"ko": {"one_person": " ⚠1인", "anecdotal": " ⚠2인"},
           "en": {"one_person": " ⚠ one person", "anecdotal": " ⚠ two people"}}
_STANCE_WORD_EN = {1: "in favour", -1: "against or sceptical", 0: "neutral or mixed"}
#: the groups as the subject of an English sentence ("academics say …")
_GROUP_EN = {"academic": "academics", "industry": "industry experts",
             "research": "research-institute experts", "government": "government experts",
             "unknown": "unclassified experts"}
LANGS = ("ko", "en")


def _marker(strength: str, lang: str = "ko") -> str:
    return _MARKER[lang].get(strength, "")


_SPLIT = re.compile(r"; split (\d+)\+/(\d+)-")


def _split(r: dict[str, Any]) -> tuple[int, int] | None:
    """``(for, against)`` when the side that names something is split on it (see ``note``)."""
    m = _SPLIT.search(str(r.get("note", "")))
    return (int(m.group(1)), int(m.group(2))) if m else None


def finding_sentence(r: dict[str, Any], lang: str = "ko") -> str:
    """The finding as one sentence with its counts (a template, nothing generated).

    ``lang="ko"`` (the default) writes Korean, ``lang="en"`` English; quotes, topics and area
    names stay as the minutes write them.
    """
    if lang == "en":
        return _sentence_en(r)
    if lang != "ko":
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    ga, gb = (ROLE_LABELS.get(g, g) for g in (r["a_group"], r["b_group"]))
    ka, kb = f"{r['a_k']}/{r['a_asked']}명", f"{r['b_k']}/{r['b_asked']}명"
    topic, mark = r["topic"], _marker(r["strength"])
    kind = r["kind"]
    if kind == "not_comparable":
        return f"{r['within']}: {ga}·{gb} 중 한쪽 전문가가 없어 비교할 수 없음."
    if kind == "not_asked":
        side = ga if r["a_asked"] else gb
        other = gb if r["a_asked"] else ga
        return f"「{topic}」은 {side}에만 물었음({max(r['a_asked'], r['b_asked'])}명) — {other}와 비교 불가."
    if kind == "one_side":
        side, other = (ga, gb) if r["a_k"] else (gb, ga)
        if r["basis"] == "question":
            split = _split(r)
            within = (f" 다만 {side} 안에서도 입장이 갈림(필요·지지 {split[0]}명, 부정·회의 {split[1]}명)."
                      if split else "")
            return (f"「{topic}」: {side}만 {r['a_targets'] if r['a_k'] else r['b_targets']}을(를) "
                    f"언급({ka if r['a_k'] else kb}); {other}는 같은 질문에 언급 없음.{within}{mark}")
        return (f"「{topic}」은 {side}만 제기({ka if r['a_k'] else kb}); "
                f"{other}는 질문받았으나 언급 없음({kb if r['a_k'] else ka}).{mark}")
    if kind == "divergence":
        if r["note"] == "opposite stance":
            return (f"「{topic}」: {ga}는 {_STANCE_WORD[int(r['a_stance'])]}({ka}), "
                    f"{gb}는 {_STANCE_WORD[int(r['b_stance'])]}({kb}).{mark}")
        return (f"「{topic}」: 같은 질문에 {ga}는 {r['a_targets'] or '—'}, "
                f"{gb}는 {r['b_targets'] or '—'}을(를) 꼽음({ka} · {kb}).{mark}")
    if kind == "emphasis":
        return f"「{topic}」: 양쪽 모두 제기했으나 정도가 다름({ga} {ka}, {gb} {kb}; {r['strength']}).{mark}"
    shared = r.get("a_targets") or ""
    said = f" — 양쪽이 함께 든 말: {shared}" if shared else ""
    apart = " (서로 다른 질문에 대한 답에서)" if "different questions" in str(r.get("note", "")) else ""
    return (f"「{topic}」: {ga}({ka})와 {gb}({kb}) 모두 {_STANCE_WORD[int(r['a_stance'])]}{said}"
            f"{apart}.{mark}")


def _sentence_en(r: dict[str, Any]) -> str:
    ga, gb = (_GROUP_EN.get(g, g) for g in (r["a_group"], r["b_group"]))
    ka, kb = f"{r['a_k']} of {r['a_asked']}", f"{r['b_k']} of {r['b_asked']}"
    topic, mark = r["topic"], _marker(r["strength"], "en")
    kind = r["kind"]
    if kind == "not_comparable":
        return f"{r['within']}: no comparison — there is no expert on one side ({ga} or {gb})."
    if kind == "not_asked":
        side = ga if r["a_asked"] else gb
        other = gb if r["a_asked"] else ga
        n = max(r["a_asked"], r["b_asked"])
        return f"「{topic}」 was asked of {side} only ({n}) — no comparison with {other}."
    if kind == "one_side":
        side, other = (ga, gb) if r["a_k"] else (gb, ga)
        if r["basis"] == "question":
            split = _split(r)
            within = (f" {side} are split among themselves ({split[0]} for, {split[1]} against or "
                      "sceptical)." if split else "")
            return (f"「{topic}」: only {side} name {r['a_targets'] if r['a_k'] else r['b_targets']} "
                    f"({ka if r['a_k'] else kb}); {other} do not mention it on the same question.{within}{mark}")
        return (f"「{topic}」 is raised by {side} only ({ka if r['a_k'] else kb}); "
                f"{other} were asked but do not mention it ({kb if r['a_k'] else ka}).{mark}")
    if kind == "divergence":
        if r["note"] == "opposite stance":
            return (f"「{topic}」: {ga} {_STANCE_WORD_EN[int(r['a_stance'])]} ({ka}), "
                    f"{gb} {_STANCE_WORD_EN[int(r['b_stance'])]} ({kb}).{mark}")
        return (f"「{topic}」: on the same question {ga} name {r['a_targets'] or '—'}, "
                f"{gb} name {r['b_targets'] or '—'} ({ka} · {kb}).{mark}")
    if kind == "emphasis":
        return (f"「{topic}」: both sides raise it, to a different degree ({ga} {ka}, {gb} {kb}; "
                f"{r['strength']}).{mark}")
    shared = r.get("a_targets") or ""
    said = f" — words both sides use: {shared}" if shared else ""
    apart = " (in answers to different questions)" if "different questions" in str(r.get("note", "")) else ""
    return (f"「{topic}」: {ga} ({ka}) and {gb} ({kb}) are both "
            f"{_STANCE_WORD_EN[int(r['a_stance'])]}{said}{apart}.{mark}")
