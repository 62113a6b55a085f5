"""Headline concerns, phrase first: the noun phrases the experts themselves use, shared across areas.

A reader names a recurring concern by the words the experts use for it (인력 양성, 처우, 산학,
협업, 사례 발굴). So the candidates for the headline list are the experts' own noun phrases, not
clusters to be named afterwards; a concern's members are the points that use its phrase (or a
variant of it), which keeps it tight by construction; its label is the phrase.

**Phrases** (:func:`consult.themes.phrases.phrase_lists`): runs of nouns as written, 1–3 words,
synonyms merged; each phrase has a *key*, its tokens (``인력확보`` and ``인력 확보`` are one key).
A lone token of a point (Kiwi's content token) is a key too, so a word written inside a longer
word still counts (``유출`` in ``두뇌유출``).

**Words** (:func:`word_classes`) — what each token can do in a concern's name, from the corpus and
from general Korean (:mod:`consult.common_words`), no word list: *generic* (the corpus's
``generic_words_``, or a word built on one with one more syllable: 기술력), *area* (area names
and area-marking words), *broad* (used by at least :data:`BROAD_SHARE` of the experts while the
points using it share nothing specific beyond it — the cross-expert cosine on specific words, the
word left out, is below :data:`BROAD_COHERENCE` x the corpus mean: 확보, 경쟁력, 연계, 글로벌 in the
sample; 인력, whose points share 양성·학생·교육, is not broad), *common* in general Korean, a
*name*, a *modifier* (-적), a *verb*, a *symbol* (SW, 6G: specific inside a phrase, not alone),
or *specific*.

**Candidates** (:func:`find_concerns`): a key used by at least :data:`MIN_AREA_EXPERTS` experts of
an area in at least :data:`MIN_AREAS` areas (speakers without an area — forum talks — counted
apart, ``n_forum``), in :data:`MIN_POINTS` points or more and at most :data:`MAX_SHARE` of them,
holding a specific word (a lone word must be specific itself), that some point uses at least
:data:`MIN_REPEAT` times (the point is about it, not passing by it).

**Concerns, variants and facets.** Candidates are taken by area experts, areas, points. One whose
points lie mostly (:data:`FACET_SHARE`) inside a concern already found is a *variant* of it when
it shares a word of the concern's anchor or label and adds no specific word (인력확보, 전문 인력
under 인력; its points join the concern), and otherwise a *facet* candidate (도메인 지식, 처우,
산학 under 인력). Any other candidate starts a concern if

* it can be **named** (:func:`_name`): by its own phrase or a variant's — a phrase that shares a
  word with it, lies mostly inside its points and is used by >= 2 experts — the one most area
  experts use, if it is a *phrase* (two words or more, one of them specific), a *compound*
  (nouns written as one word) or a lone *word* rare in general Korean
  (:func:`~consult.common_words.is_rare`: 처우, 협업, 산학 — not 역량, 규제, 인력), used by at least
  :data:`MIN_LABEL_SUPPORT` of the concern's points (``label_support``: a label only a few members
  use names a part, not the whole). 「역량」 cannot be named this way (neither the word nor
  「역량 강화」, used by 8 of its 43 points): it starts nothing, and the candidates inside it stay free;
* its points **hold together** beyond its words: *cohesion* — the mean cosine between points of
  different experts, the concern's words left out, as a z-score against random sets of as many
  points (drawn with fixed seeds) — of at least :data:`MIN_COHESION`.

A concern can head the list when it is **cross-area** — by its members and by those of them
that use its label itself (a variant alone — 「발굴」 for 「사례 발굴」, 「안보」 in "국방, 안보,
보안" for 「국가 안보」 — does not make an expert raise the labelled concern): the counts above,
and no area holds more than :data:`MAX_AREA_SHARE` of its area experts (one area's topic with stray mentions elsewhere —
학계, 공정, 부품 in the sample — is that area's, and the fine themes show it). Facets are found the
same way among the candidates inside a concern (one level; they need the counts, a name and
cohesion, not the balance: system-SW talent is one area's part of a concern of all areas); each
concern keeps its :data:`MAX_FACETS` facets with most area experts, then areas, then
``label_support``. A cross-area concern raised only by experts who also write a larger one's
label, with :data:`NESTED_SHARE` of its points inside it, is that concern's facet too
(「글로벌 기업」 under 「협업」 in the synthetic years: the same experts, the same sentences).

**Order**: the cross-area concerns by area experts, areas, points, each followed by its facets;
then the others. Deterministic: no random start, the cohesion's random sets drawn with fixed seeds.

**Stability** (:func:`survives`, :func:`reappearance`): a concern is checked on each refit's 90% of
the points — it survives when its kept members still meet the counts, the repeated use, its label
and (at least as much as random points) the cohesion. The headline list itself (at most ten,
facets counted) is :func:`consult.themes.headline.phrase_columns`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..common_words import is_rare
from .phrase_index import (
    BROAD_COHERENCE,
    BROAD_SHARE,
    MAX_SHARE,
    MIN_POINTS,
    PhraseIndex,
    word_classes,
)

__all__ = ["PhraseIndex", "PhraseConcern", "find_concerns", "word_classes", "survives", "reappearance",
           "MIN_AREA_EXPERTS", "MIN_AREAS", "MIN_POINTS", "MAX_SHARE", "MIN_COHESION",
           "REFIT_COHESION", "MIN_REPEAT", "MAX_AREA_SHARE", "FACET_SHARE", "MAX_FACETS", "NESTED_SHARE", "MIN_LABEL_SUPPORT",
           "BROAD_SHARE", "BROAD_COHERENCE"]

#: a candidate is used by at least this many experts of an area ...
MIN_AREA_EXPERTS = 3
#: ... in at least this many areas (speakers without an area counted apart)
MIN_AREAS = 2
#: the points of a candidate hold together beyond its phrase: cohesion z-score at least this
MIN_COHESION = 1.645
#: a concern at the top of the list: no area holds more than this share of its area experts
MAX_AREA_SHARE = 2 / 3
#: a candidate with this share of its points inside a concern is its variant or facet
FACET_SHARE = 0.6
#: facets kept per concern (those with most area experts)
MAX_FACETS = 5
#: a cross-area concern whose label users all use a larger one's label, with this share of its
#: points inside it, is that concern's facet, not a concern of its own
NESTED_SHARE = 0.5
#: the label phrase is used by at least this share of the concern's points
MIN_LABEL_SUPPORT = 1 / 3
#: a refit (stability) asks only that the points still hold together: cohesion at least this
REFIT_COHESION = 0.0
#: some point of a candidate uses its phrase at least this often (the point is about it)
MIN_REPEAT = 2


@dataclass
class _Candidate:
    i: int                     # index in PhraseIndex.keys
    key: tuple[str, ...]
    form: str
    rows: np.ndarray
    n_area_experts: int
    n_areas: int
    n_forum: int
    area_share: float          # share of its area experts in its largest area


@dataclass
class PhraseConcern:
    """One concern found phrase first (see the module doc)."""

    label: str
    label_basis: str           # phrase / compound / word
    label_key: tuple[str, ...]  # the label's tokens
    key: tuple[str, ...]       # the anchor's tokens (the phrase whose use makes a point a member)
    words: list[str]           # the concern's tokens (anchor, label, variants)
    variant_keys: list[tuple[str, ...]]  # the variants' tokens (their points joined the concern)
    variants: list[str]        # the other phrases whose points joined it, as written
    members: np.ndarray        # bool, one per point of the index
    label_support: float
    n_area_experts: int
    n_areas: int
    n_forum: int
    cohesion: float
    area_share: float
    parent: int = -1           # index of the concern this one is a facet of (-1: none)
    headline: bool = False     # top-level and cross-area (see the module doc), or a kept facet
    label_members: np.ndarray | None = None  # bool: the members that use the label itself


def _spread(idx: PhraseIndex, rows: np.ndarray) -> tuple[int, int, int, float]:
    """Area experts, areas, speakers without an area, and the largest area's share of the area
    experts, of the points ``rows``."""
    ex, ar = idx.experts[rows], idx.area[rows]
    in_area = ar != ""
    if idx.n_corpus_areas == 0:  # no areas at all: every expert counts, as one area
        return len(set(ex)), 1, 0, 1.0
    by_area: dict[str, set] = defaultdict(set)
    for a, e in zip(ar[in_area], ex[in_area], strict=True):
        by_area[a].add(e)
    n_exp = len(set(ex[in_area]))
    share = max((len(v) for v in by_area.values()), default=0) / n_exp if n_exp else 1.0
    return n_exp, len(by_area), len(set(ex[~in_area])), share


def _need_areas(idx: PhraseIndex) -> int:
    return min(MIN_AREAS, max(idx.n_corpus_areas, 1))


def _label_kind(form: str, key: tuple[str, ...], idx: PhraseIndex) -> str | None:
    """``phrase``, ``compound``, ``word`` — or None when the phrase cannot name a concern."""
    cls = [idx.classes.get(t, "specific") for t in key]
    if len(form.split()) >= 2:
        return "phrase" if "specific" in cls else None
    if len(key) >= 2:
        return "compound" if "specific" in cls else None
    if cls[0] != "specific":
        return None
    kind = idx.kinds.get(key[0], "plain")
    if kind == "compound":
        return "compound"
    return "word" if kind == "plain" and is_rare(key[0]) else None


def _rows(idx: PhraseIndex, j: int, keep: np.ndarray | None) -> np.ndarray:
    rows = idx.rows[j]
    return rows if keep is None else rows[keep[rows]]


def _candidates(idx: PhraseIndex, keep: np.ndarray | None) -> list[_Candidate]:
    n = len(idx.experts) if keep is None else int(keep.sum())
    out = []
    for i, key in enumerate(idx.keys):
        rows = _rows(idx, i, keep)
        if len(rows) < MIN_POINTS or len(rows) > MAX_SHARE * n:
            continue
        cls = [idx.classes.get(t, "specific") for t in key]
        if "specific" not in cls or (len(key) == 1 and cls[0] != "specific"):
            continue
        repeats = idx.repeats[i] if keep is None else idx.repeats[i][keep[idx.rows[i]]]
        if repeats.max() < MIN_REPEAT:
            continue
        n_exp, n_areas, n_forum, share = _spread(idx, rows)
        if n_exp < MIN_AREA_EXPERTS or n_areas < _need_areas(idx):
            continue
        out.append(_Candidate(i, key, idx.forms[i], rows, n_exp, n_areas, n_forum, share))
    out.sort(key=lambda c: (-c.n_area_experts, -c.n_areas, -len(c.rows), len(c.key), c.form))
    return out


def _inside(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the points ``a`` (indices) that are in ``b`` (a mask over all points)."""
    return float(b[a].mean()) if len(a) else 0.0


def _mask(rows: np.ndarray, n: int) -> np.ndarray:
    m = np.zeros(n, bool)
    m[rows] = True
    return m


def _name(c: _Candidate, idx: PhraseIndex, keep: np.ndarray | None) -> tuple[int, str, float] | None:
    """The label of a concern anchored by ``c`` — ``(index of its key, basis, support)``: its own
    phrase or a variant's (a phrase that shares a word with it, lies mostly inside its points and
    is used by >= 2 experts), the one most area experts use among those that can name a concern
    (:func:`_label_kind`) and that at least :data:`MIN_LABEL_SUPPORT` of its points use."""
    mine = _mask(c.rows, len(idx.experts))
    options = {c.i}
    for t in c.key:
        options.update(idx.by_token.get(t, ()))
    best = None
    for j in sorted(options):
        rows = _rows(idx, j, keep)
        if j != c.i and (len(rows) < 2 or _inside(rows, mine) < FACET_SHARE):
            continue
        kind = _label_kind(idx.forms[j], idx.keys[j], idx)
        if kind is None or len(set(idx.experts[rows])) < 2:
            continue
        support = _inside(c.rows, _mask(rows, len(idx.experts)))
        if support < MIN_LABEL_SUPPORT:
            continue
        rank = (len(set(idx.experts[rows][idx.area[rows] != ""])), len(idx.forms[j].split()), len(rows), idx.forms[j])
        if best is None or rank > best[0]:
            best = (rank, j, kind, support)
    return None if best is None else best[1:]


@dataclass
class _Group:
    anchor: _Candidate
    label: int                 # index of the label's key
    basis: str
    support: float
    head: set[str]             # the anchor's and the label's words: a variant shares one
    words: set[str]
    points: np.ndarray         # mask over all points
    variants: list[_Candidate] = field(default_factory=list)
    pool: list[_Candidate] = field(default_factory=list)       # facet candidates
    facets: list[_Group] = field(default_factory=list)


def _start(c: _Candidate, idx: PhraseIndex, keep: np.ndarray | None, min_cohesion: float) -> _Group | None:
    """A concern anchored by ``c``, if it can be named and its points hold together beyond its words."""
    named = _name(c, idx, keep)
    if named is None:
        return None
    j, basis, support = named
    head = set(c.key) | set(idx.keys[j])
    g = _Group(anchor=c, label=j, basis=basis, support=support, head=head, words=set(head),
               points=_mask(c.rows, len(idx.experts)))
    if idx.cohesion(c.rows, tuple(sorted(g.words))) < min_cohesion:
        return None
    return g


def _place(c: _Candidate, groups: list[_Group], idx: PhraseIndex) -> _Group | None:
    """The concern ``c`` lies mostly inside (joining it as a variant when it shares a word of its
    anchor or label and adds no specific word, else as a facet candidate), or None."""
    home = next((g for g in groups if _inside(c.rows, g.points) >= FACET_SHARE), None)
    if home is None:
        return None
    adds = any(t not in home.words and idx.classes.get(t, "specific") in ("specific", "symbol") for t in c.key)
    if set(c.key) & home.head and not adds:
        home.variants.append(c)
        home.words |= set(c.key)
        home.points[c.rows] = True
    else:
        home.pool.append(c)
    return home


def _assemble(cands: list[_Candidate], idx: PhraseIndex, keep: np.ndarray | None,
              min_cohesion: float) -> list[_Group]:
    """Concerns with their variants and facets, in the order of ``cands``."""
    groups: list[_Group] = []
    for c in cands:
        if _place(c, groups, idx) is None and (g := _start(c, idx, keep, min_cohesion)) is not None:
            groups.append(g)
    for g in groups:  # facets: the same among the candidates inside the concern (one level)
        for c in g.pool:
            home = next((f for f in g.facets if _inside(c.rows, f.points) >= FACET_SHARE), None)
            if home is not None:
                if set(c.key) & home.head:
                    home.variants.append(c)
                    home.words |= set(c.key)
                    home.points[c.rows] = True
                continue
            if (f := _start(c, idx, keep, min_cohesion)) is not None:
                g.facets.append(f)
    return groups


def _concern(g: _Group, idx: PhraseIndex, n: int, parent: int) -> PhraseConcern:
    rows = np.flatnonzero(g.points)
    member = g.points.copy()
    n_exp, n_areas, n_forum, share = _spread(idx, rows)
    words = sorted(g.words)
    label = idx.forms[g.label]
    others = [v for v in g.variants if v.form != label]
    if g.anchor.form != label:
        others = [g.anchor, *others]
    return PhraseConcern(
        label=label, label_basis=g.basis, label_key=idx.keys[g.label], key=g.anchor.key, words=words,
        variant_keys=[v.key for v in g.variants], variants=[v.form for v in others],
        members=member, label_support=round(float(g.support), 3), n_area_experts=n_exp,
        n_areas=n_areas, n_forum=n_forum, cohesion=round(idx.cohesion(rows, tuple(words)), 2),
        area_share=share, parent=parent, label_members=_mask(np.intersect1d(_label_rows(idx, g.label), rows), n))


def _label_rows(idx: PhraseIndex, j: int) -> np.ndarray:
    """The points that use the phrase ``j``: as one noun phrase (synonyms merged), or its written
    words in order with a particle or a compound's first part between them — 「사용사례 발굴」,
    「사례를 발굴」 and 「인력을 양성」 use 「사례 발굴」 and 「인력 양성」; 「국가」 in one sentence and
    「안보」 in another do not."""
    rows = idx.rows[j]
    words = idx.forms[j].split()
    singles = [idx.position.get((t,)) for t in idx.keys[j]]
    if len(words) < 2 or not idx.texts or any(s is None for s in singles):
        return rows
    near = re.compile(r"[^\s.,;:!?]{0,3}\s?".join(re.escape(w) for w in words))
    maybe = idx.rows[singles[0]]
    for s in singles[1:]:
        maybe = np.intersect1d(maybe, idx.rows[s])
    written = [i for i in maybe if near.search(idx.texts[i])]
    return np.union1d(rows, np.asarray(written, dtype=int))


def _label_spread(c: PhraseConcern, idx: PhraseIndex) -> tuple[int, int, int, float]:
    """:func:`_spread` of the members that use the label itself (not only a variant: 「발굴」
    alone does not say 「사례 발굴」)."""
    return _spread(idx, np.flatnonzero(c.label_members if c.label_members is not None else c.members))


def _recurs(c: PhraseConcern, idx: PhraseIndex, balanced: bool) -> bool:
    """Whether the concern, by its members and by those using its label, is raised by
    :data:`MIN_AREA_EXPERTS` experts of an area in :data:`MIN_AREAS` areas (and, ``balanced``,
    with no area holding more than :data:`MAX_AREA_SHARE` of them)."""
    for n_exp, n_areas, _, share in (_spread(idx, np.flatnonzero(c.members)), _label_spread(c, idx)):
        if n_exp < MIN_AREA_EXPERTS or n_areas < _need_areas(idx) or (balanced and share > MAX_AREA_SHARE + 1e-9):
            return False
    return True


def find_concerns(idx: PhraseIndex, keep: np.ndarray | None = None,
                  min_cohesion: float | None = None) -> list[PhraseConcern]:
    """The phrase concerns of the corpus (or of the ``keep`` points): those that can head the
    list (``headline``: cross-area), each followed by its facets (the first :data:`MAX_FACETS`
    marked ``headline``), then the others. ``members`` are over all the index's points."""
    n = len(idx.experts)
    cands = _candidates(idx, keep)
    groups = _assemble(cands, idx, keep, MIN_COHESION if min_cohesion is None else min_cohesion)
    tops, rest = [], []
    nested: dict[int, list] = {}  # a top concern's position in tops -> the (group, concern) nested in it
    for g in groups:
        c = _concern(g, idx, n, -1)
        c.headline = _recurs(c, idx, balanced=True)
        host = next((i for i, (_g, t) in enumerate(tops) if _nested(c, t, idx)), None) if c.headline else None
        if host is not None:
            nested.setdefault(host, []).append((g, c))
        else:
            (tops if c.headline else rest).append((g, c))
    out: list[PhraseConcern] = []
    for i, (g, c) in enumerate(tops + rest):
        out.append(c)
        me = len(out) - 1
        inner = nested.get(i, []) if i < len(tops) else []
        for _g, f in inner:  # a nested concern is a facet, and so are its own facets (one level)
            f.parent = me
        facets = [_concern(f, idx, n, me) for f in g.facets + [x for ng, _f in inner for x in ng.facets]]
        facets = [f for f in facets if _recurs(f, idx, balanced=False)] + [f for _g, f in inner]
        facets.sort(key=lambda f: (-f.n_area_experts, -f.n_areas, -f.label_support, -int(f.members.sum()), f.label))
        for k, f in enumerate(facets):
            f.headline = c.headline and k < MAX_FACETS
            out.append(f)
    return out


def _nested(c: PhraseConcern, host: PhraseConcern, idx: PhraseIndex) -> bool:
    """Whether cross-area ``c`` is a part of ``host`` (found before it, so at least as large):
    every area expert who uses its label uses the host's label too, and :data:`NESTED_SHARE` of
    its points are the host's (「글로벌 기업」 inside 「협업」: the same experts, the same sentences
    about working with global companies)."""
    def users(x: PhraseConcern) -> set:
        lab = x.members if x.label_members is None else x.label_members
        return set(idx.experts[lab & (idx.area != "")])

    mine = users(c)
    return bool(mine) and mine <= users(host) and \
        (c.members & host.members).sum() >= NESTED_SHARE * c.members.sum()


def survives(c: PhraseConcern, idx: PhraseIndex, keep: np.ndarray) -> bool:
    """Whether the concern is still there on the ``keep`` points (a refit on 90% of them): its
    kept members still come from :data:`MIN_AREA_EXPERTS` experts of an area in
    :data:`MIN_AREAS` areas, some of them still use its anchor twice in a point, its label is
    still used by >= 2 of their experts and by :data:`MIN_LABEL_SUPPORT` of them, and they still
    hold together beyond its words at least as much as random points (cohesion >=
    :data:`REFIT_COHESION`)."""
    rows = np.flatnonzero(c.members & keep)
    if not len(rows):
        return False
    n_exp, n_areas, _, _ = _spread(idx, rows)
    if n_exp < MIN_AREA_EXPERTS or n_areas < _need_areas(idx):
        return False
    pos = idx.position
    j = pos.get(c.key)
    if j is not None and (idx.repeats[j][keep[idx.rows[j]]].max(initial=0) < MIN_REPEAT):
        return False
    lab = pos.get(c.label_key)
    if lab is not None:
        used = _rows(idx, lab, keep)
        if len(set(idx.experts[used])) < 2 or _inside(rows, _mask(used, len(idx.experts))) < MIN_LABEL_SUPPORT:
            return False
    return idx.cohesion(rows, tuple(c.words)) >= REFIT_COHESION


def reappearance(found: Sequence[PhraseConcern], idx: PhraseIndex, keeps: Sequence[np.ndarray]) -> np.ndarray:
    """Per concern: the share of the refits (``keeps``: the points each saw) it survives
    (:func:`survives`); NaN without refits."""
    if not len(keeps):
        return np.full(len(found), np.nan)
    return np.array([np.mean([survives(c, idx, k) for k in keeps]) for c in found])
