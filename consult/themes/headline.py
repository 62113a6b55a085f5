"""The headline concerns: at most ten, each recurring across areas, specific, tight and stable.

The headline list is made of the concerns found phrase first (:mod:`consult.themes.phrase_concerns`;
:func:`phrase_columns` gives their columns and picks the list). The concerns of the components and
of the residual pass keep the labels and flags below (:func:`concern_labels`,
:func:`headline_columns`) and are listed below the headline ones, never on it.

Computed once, in the fitted model (columns of ``ThemeModel.concerns_``), so every place that
lists concerns — the report's first page and section 4, the workbook, the browser — shows the same
list with the same numbers. Nothing here is a word list: what is generic comes from the corpus
(``generic_words_``: words everywhere that say nothing on their own; area names and area-marking
words) and from general Korean (:mod:`consult.themes.wordinfo`: light nouns, names).

**Labels** (:func:`concern_labels`). Candidates are the noun phrases the concern's member points
use (as written, synonyms merged; :func:`consult.themes.phrases.phrase_lists`), used by at least 2
of its experts. A candidate is *plain* when every word of it is generic in the corpus, an area
word, or — for a lone word — light or a name in general Korean (:func:`~consult.themes.wordinfo.kind_of`).
Score = share of the concern's experts using it x log(1 + lift) x (1 + 0.6 per extra word); a
candidate that holds one of the concern's anchor words counts 1.5 x. The best non-plain candidate
is the label; a second one is joined (``A·B``) only when it shares no word with the first, scores
at least half as much and is said *together* with it (in >= 2 of the same points): two unrelated
words are never joined. ``label_basis`` says what the label rests on: ``phrase`` (a noun phrase
of >= 2 words), ``compound`` (nouns written as one word), ``word`` (one word, rare in general
Korean), ``generic`` (only plain candidates: the label is the best of them), ``codebook``.
``label_support`` = share of the member points that use a word of the label (generic and area
words aside) in one of their noun phrases.

**Catch-alls.** A concern rests on its anchor words (``anchor_words``: the words that decide
membership). It is a ``catch_all`` when none of the anchor words its label names marks a concern —
the points using the word do not hold together beyond it (cross-expert cosine, the word left out,
below :data:`CONCERN_COHERENCE` x the corpus mean: ``확보``, ``개발``, ``글로벌``, ``R&D`` in the
sample): it gathers every answer that happens to use a common word.

**Headline** (:func:`headline_columns`; in the fitted model these concerns keep the flags and
facets it computes, while their ``headline`` is set to false — the list is the phrase concerns').
A concern that could head a list (specific label, not
a catch-all, stable, tight) is a *facet* of a larger such concern (``parent_id``) when >=
:data:`FACET_SHARE` of its points are the larger one's; facets are shown under their parent, not
on their own. A concern is
headlined when it is not a facet and

* >= :data:`MIN_EXPERTS` experts of an area raise it in >= :data:`MIN_AREAS` areas (experts
  without an area — forum talks — are counted apart, ``n_forum``, and add no area);
* it is ``stable``: it reappears (Jaccard >= 0.5 with a concern of the refit) in >=
  :data:`STABLE_REAPPEARS` (4 of 5) of the refits on 90% of the points (unknown without refits:
  ``stability_seeds=0`` headlines on the other rules);
* its label is specific (``generic_label`` false) and tight (``label_support`` >=
  :data:`MIN_LABEL_SUPPORT`);

the first :data:`MAX_HEADLINE` by area experts, then areas, then points (``headline_rank`` 1…).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .wordinfo import kind_of

__all__ = ["LabelInfo", "concern_labels", "headline_columns", "phrase_columns", "MAX_HEADLINE", "MIN_EXPERTS",
           "MIN_AREAS", "STABLE_REAPPEARS", "MIN_LABEL_SUPPORT", "FACET_SHARE", "HEADLINE_COLUMNS"]

MAX_HEADLINE = 10
MIN_EXPERTS = 3
MIN_AREAS = 2
STABLE_REAPPEARS = 0.8
MIN_LABEL_SUPPORT = 0.5
FACET_SHARE = 0.6
ANCHOR_BOOST = 1.5
PAIR_SHARE = 0.5
PAIR_TOGETHER = 2
#: an anchor word marks a concern when its points hold together this much (the residual pass's test)
CONCERN_COHERENCE = 2.0

#: columns this module adds to ``concerns_``
HEADLINE_COLUMNS = ["anchor_words", "catch_all", "n_experts_area", "n_forum", "stable", "headline", "headline_rank",
                    "parent_id", "label_basis", "label_support", "generic_label", "one_word", "source",
                    "phrases", "cohesion", "n_experts_label", "label_areas", "label_experts"]


@dataclass
class LabelInfo:
    label: str
    basis: str            # phrase / compound / word / generic / codebook
    words: list[str]      # the label's words that are not generic or area words (label_support)


def _plain_word(w: str, generic: set, banned: set, profiles: dict) -> bool:
    return w in generic or w in banned or kind_of(w, profiles.get(w)) in ("light", "name")


def _phrase_kind(p: str, generic: set, banned: set, profiles: dict) -> str:
    words = p.split()
    if len(words) >= 2:
        if all(w in generic or w in banned or kind_of(w, profiles.get(w)) == "name" for w in words):
            return "generic"
        return "phrase"
    if _plain_word(p, generic, banned, profiles):
        return "generic"
    return "compound" if kind_of(p, profiles.get(p)) == "compound" else "word"


def concern_labels(phrases: Sequence[Sequence[str]], members: Sequence[Sequence[int]],
                   experts: Sequence[Any], *, generic: Any = (), banned: Any = (),
                   profiles: dict | None = None, anchors: Sequence[Sequence[str]] = (),
                   taken: Any = ()) -> list[LabelInfo]:
    """One :class:`LabelInfo` per concern (see the module doc); labels are unique, and none is one
    of the ``taken`` labels (the phrase concerns')."""
    generic, banned, profiles = set(generic), set(banned), dict(profiles or {})
    n = len(phrases)
    df: dict[str, int] = defaultdict(int)
    for cand in phrases:
        for p in set(cand):
            df[p] += 1
    out: list[LabelInfo | None] = [None] * len(members)
    seen: set[str] = set(taken)
    # the largest concern chooses first: a phrase two concerns share names the one holding more
    for t in sorted(range(len(members)), key=lambda t: (-len(members[t]), t)):
        rows = list(members[t])
        anchor = {w for w in (anchors[t] if t < len(anchors) else [])
                  if not _plain_word(w, generic, banned, profiles)}
        by_expert: dict[str, set] = defaultdict(set)
        where: dict[str, set] = defaultdict(set)
        for r in rows:
            for p in set(phrases[r]):
                where[p].add(r)
                by_expert[p].add(experts[r])
        n_exp = max(len({experts[r] for r in rows}), 1)
        need = min(2, n_exp)
        scored = []
        for p, rs in where.items():
            words = p.split()
            if len(by_expert[p]) < need or all(w in banned for w in words):
                continue
            lift = (len(rs) / max(len(rows), 1)) / (df[p] / max(n, 1))
            s = (len(by_expert[p]) / n_exp) * math.log1p(lift) * (1 + 0.6 * (len(words) - 1))
            if anchor & set(words):
                s *= ANCHOR_BOOST
            kind = _phrase_kind(p, generic, banned, profiles)
            scored.append((-s, -len(words), p, kind))
        scored.sort()
        good = [(-s, p, k) for s, _, p, k in scored if k != "generic"]
        named = [g for g in good if anchor & set(g[1].split())]
        if named:  # the label names what the membership rests on
            good = named + [g for g in good if g not in named]
        if good:
            best_s, label, basis = good[0]
            for s, p, _ in good[1:]:
                if s < PAIR_SHARE * best_s:
                    break
                if set(p.split()) & set(label.split()):
                    continue
                if len(where[p] & where[label]) >= PAIR_TOGETHER:
                    label, basis = f"{label}·{p}", "phrase"
                    break
        elif scored:
            label, basis = scored[0][2], "generic"
        else:
            label, basis = "(주제 없음)", "generic"
        if label in seen:  # a larger concern has it: the next specific phrase of this one
            label, basis = next(((p, k) for _, p, k in good if p not in seen), (label, basis))
        base = label
        i = 1
        while label in seen:
            i += 1
            label = f"{base} ({i})"
        seen.add(label)
        words = [w for part in base.split("·") for w in part.split() if w not in generic and w not in banned]
        out[t] = LabelInfo(label=label, basis=basis, words=words)
    return [o for o in out if o is not None]


def headline_columns(member: np.ndarray, experts: np.ndarray, area: np.ndarray, phrases: Sequence[Sequence[str]],
                     infos: Sequence[LabelInfo], reappears: np.ndarray | None,
                     anchors: Sequence[Sequence[str]] = (), coherence: dict | None = None,
                     generic: Any = ()) -> list[dict[str, Any]]:
    """Per concern (columns of ``member``): the :data:`HEADLINE_COLUMNS` (see the module doc)."""
    member = np.asarray(member, bool)
    n, k = member.shape
    experts = np.asarray(experts).astype(str)
    area = np.asarray(area).astype(str)
    doc_sets = [{w for p in ps for w in p.split()} for ps in phrases]
    rows: list[dict[str, Any]] = []
    for c in range(k):
        m = member[:, c]
        in_area = m & (area != "")
        n_exp_area = len(set(experts[in_area]))
        n_forum = len(set(experts[m & (area == "")]))
        n_areas = len(set(area[in_area]))
        info = infos[c]
        words = set(info.words)
        pts = np.flatnonzero(m)
        support = (sum(bool(words & doc_sets[i]) for i in pts) / len(pts)) if len(pts) and words else 0.0
        stable = True if reappears is None or np.isnan(reappears[c]) else bool(reappears[c] >= STABLE_REAPPEARS)
        generic_label = info.basis == "generic"
        one_word = info.basis in ("word", "generic") and "·" not in info.label and " " not in info.label
        named = {w for part in infos[c].label.split("·") for w in part.split()}
        anchor = [w for w in (anchors[c] if c < len(anchors) else []) if w not in generic and w in named]
        catch_all = coherence is not None and bool(anchors[c] if c < len(anchors) else []) and not any(
            coherence.get(w, 0.0) >= CONCERN_COHERENCE for w in anchor)
        rows.append({
            "anchor_words": list(anchors[c]) if c < len(anchors) else [], "catch_all": catch_all,
            "n_experts_area": n_exp_area, "n_forum": n_forum, "n_areas": n_areas,
            "stable": stable, "label_basis": info.basis, "label_support": round(float(support), 3),
            "generic_label": generic_label, "one_word": one_word, "n_points": int(m.sum()),
        })
    # facets: a concern mostly inside a larger one that could head a list
    can_head = [not r["generic_label"] and not r["catch_all"] and r["stable"]
                and r["label_support"] >= MIN_LABEL_SUPPORT for r in rows]
    sizes = member.sum(axis=0)
    inter = member.T.astype(np.int32) @ member.astype(np.int32)
    parent = [-1] * k
    for c in range(k):
        if not sizes[c] or not can_head[c]:  # a weak concern is no one's facet: it stays below
            continue
        cands = [(inter[c, o] / sizes[c], sizes[o], -o) for o in range(k)
                 if o != c and can_head[o] and sizes[o] > sizes[c]]
        if cands:
            share, _, neg = max(cands)
            if share >= FACET_SHARE:
                parent[c] = -neg
    for c in range(k):  # a facet's parent is a concern that is no facet itself
        seen = {c}
        while parent[c] >= 0 and parent[parent[c]] >= 0 and parent[parent[c]] not in seen:
            seen.add(parent[c])
            parent[c] = parent[parent[c]]
    eligible = [c for c in range(k) if parent[c] < 0 and can_head[c]
                and rows[c]["n_experts_area"] >= MIN_EXPERTS and rows[c]["n_areas"] >= MIN_AREAS]
    eligible.sort(key=lambda c: (-rows[c]["n_experts_area"], -rows[c]["n_areas"], -rows[c]["n_points"], c))
    rank = {c: i + 1 for i, c in enumerate(eligible[:MAX_HEADLINE])}
    for c, r in enumerate(rows):
        r["parent_id"] = parent[c]
        r["headline"] = c in rank
        r["headline_rank"] = rank.get(c, 0)
    return rows


def _label_users(c: Any, experts: np.ndarray, area: np.ndarray) -> dict[str, Any]:
    """``n_experts_label`` (experts of an area whose answers use the concern's label itself),
    ``label_areas`` (those experts per area, most first) and ``label_experts`` (who they are)."""
    lab = getattr(c, "label_members", None)
    lab = np.asarray(c.members if lab is None else lab, bool)
    by_area: dict[str, set] = defaultdict(set)
    for a, e in zip(area[lab], experts[lab], strict=True):
        if a:
            by_area[a].add(e)
    users = sorted(set().union(*by_area.values())) if by_area else []
    return {"n_experts_label": len(users), "label_experts": [str(e) for e in users],
            "label_areas": {a: len(v) for a, v in sorted(by_area.items(), key=lambda kv: (-len(kv[1]), kv[0]))}}


def phrase_columns(found: Sequence[Any], member: np.ndarray, experts: np.ndarray, area: np.ndarray,
                   reappears: np.ndarray | None) -> list[dict[str, Any]]:
    """The :data:`HEADLINE_COLUMNS` of the phrase concerns (:mod:`consult.themes.phrase_concerns`,
    in their order): on the headline when the search put them there (cross-area, or a kept facet
    of a concern that is on it) and they are ``stable``; at most :data:`MAX_HEADLINE` in all,
    facets counted, in the search's order (``headline_rank``)."""
    member = np.asarray(member, bool)
    experts = np.asarray(experts).astype(str)
    area = np.asarray(area).astype(str)
    rows: list[dict[str, Any]] = []
    for j, c in enumerate(found):
        m = member[:, j]
        in_area = m & (area != "")
        r = reappears[j] if reappears is not None and j < len(reappears) else np.nan
        stable = True if np.isnan(r) else bool(r >= STABLE_REAPPEARS)
        rows.append({
            "anchor_words": list(c.words), "catch_all": False,
            "n_experts_area": len(set(experts[in_area])), "n_forum": len(set(experts[m & (area == "")])),
            "n_areas": len(set(area[in_area])), "stable": stable, "parent_id": int(c.parent),
            "label_basis": c.label_basis, "label_support": float(c.label_support), "generic_label": False,
            "one_word": c.label_basis == "word", "source": "phrase",
            "phrases": [c.label, *c.variants], "cohesion": float(c.cohesion), "n_points": int(m.sum()),
            **_label_users(c, experts, area),
            "headline": False, "headline_rank": 0,
        })
    # the concerns that can head the list first (all of them, up to the cap), then their facets
    # in the search's order while there is room; each concern followed by its facets
    tops = [j for j, c in enumerate(found) if c.headline and c.parent < 0 and rows[j]["stable"]][:MAX_HEADLINE]
    room = MAX_HEADLINE - len(tops)
    facets = [j for j, c in enumerate(found) if c.headline and c.parent in tops and rows[j]["stable"]]
    chosen = set(tops) | set(facets[:max(room, 0)])
    order = [j for t in tops for j in [t] + [f for f in facets if found[f].parent == t and f in chosen]]
    for rank, j in enumerate(order, 1):
        rows[j]["headline"], rows[j]["headline_rank"] = True, rank
    return rows
