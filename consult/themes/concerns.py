"""Point-level, two-level themes: fine themes within an area and cross-area concerns.

The unit is an answer **point** with the rapporteur's notes left out (``notes``). Points are
represented by TF-IDF over their Kiwi tokens (synonyms merged), plus — when an ``embedding`` is
given — a sentence embedding, each part L2-normalised and concatenated.

* **Fine themes** — within each area (forum talks without an area form their own group), the
  points are clustered into ``k = round(sqrt(n / 1.5))`` groups for ``n`` points: NMF on the
  TF-IDF rows (a point's group = its largest component) when there is no sentence embedding,
  spherical k-means otherwise (and when seeds are given).
* **Concerns** — the cross-area level, anchored by words on the vocabulary the areas share
  (``cross_vocabulary``: words of >= 2 experts in >= 2 areas, minus *area markers* — a word is
  an area marker when at least 3 experts use it and 90% or more of them are in one area, found
  from the data, no word list). NMF with ``k = round(1.3 * sqrt(n))`` components on those TF-IDF
  rows; a component's core words are its top words with weight >= 0.5 x its top weight (at most
  3); a point carries every concern one of whose core words it uses (``anchored_level``).
  Duplicates, concerns of one point and concerns carried by > 40% of the points (a background
  word) are dropped. A second, *residual* pass (``residual_words``) then adds small concerns NMF
  gives no component of their own: a non-generic word of >= 4 experts in >= 2 areas (>= 5 points)
  whose points hold together (cross-expert cosine, the word left out, >= 2 x the corpus mean) and
  are not already one concern's points (Jaccard < 0.5) anchors a concern of the points using it. Each fine theme belongs to the concern that holds most of its points
  (``concerns_.theme_ids``). A concern is **cross-area** when at least 2 experts in at least 2
  areas raise it.
* **Multi-label (fine themes)** — a point's score for a theme is the cosine between the point and the theme's
  centroid. Its own cluster is rank 1 unless its score is below the level's threshold ``tau``
  (then the point stays unassigned); it also gets every other theme (same area, for fine themes)
  whose score is at least 0.8 x that theme's median member score and at least ``tau``. ``tau`` is
  ``min_score`` when given, else half the median of all members' scores at that level.
* **Stability** — the clustering is refitted ``stability_seeds`` times; run ``s`` uses
  ``random_state=s`` on 90% of the points drawn with seed ``s`` (NMF's start is deterministic, so
  the resampling is what varies). A theme's stability is the mean, over the runs, of the best
  Jaccard overlap between its points (those the run saw) and any theme of that run (1 = always
  found with the same points); ``reappears`` is the share of runs where that overlap is >= 0.5.
* **Monologue** — a theme or concern whose points come from one expert, or ≥ 60% from one
  expert, is flagged ``monologue``.

The rows and their clustering are :mod:`consult.themes.vectors`; the stability measures
:mod:`consult.themes.stability`.

    >>> choose_k_fine(30)
    4
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

# re-exported (``as``): levels, phrase_concerns and the tests import them from here
from .stability import jaccard_stability as jaccard_stability
from .stability import set_stability as set_stability
from .vectors import _normalize, cross_expert_cosine
from .vectors import center_by as center_by
from .vectors import combine as combine
from .vectors import spherical_kmeans as spherical_kmeans
from .vectors import tfidf as tfidf

__all__ = ["Level", "area_marker_weights", "generic_words", "choose_k_fine", "choose_k_concerns", "choose_k_anchored",
           "cross_vocabulary", "anchored_concerns", "anchored_level", "residual_words", "add_residual",
           "set_stability", "tighten", "word_coherence", "RESIDUAL_COHERENCE"]

MARKER_WEIGHT = 0.2
MARKER_MIN_EXPERTS = 3
MARKER_SHARE = 0.9
MONOLOGUE_SHARE = 0.6
MULTI_SHARE = 0.8


def choose_k_fine(n: int) -> int:
    """Fine themes in a group of ``n`` points: ``round(sqrt(n / 1.5))``, 1..n."""
    if n < 3:
        return 1
    return int(max(1, min(n - 1, round(math.sqrt(n / 1.5)))))


def choose_k_concerns(n: int) -> int:
    """Cross-area concerns among ``n`` points: ``round(sqrt(n))``, 2..60."""
    if n < 3:
        return 1
    return int(max(2, min(60, n - 1, round(math.sqrt(n)))))


def area_marker_weights(docs: Sequence[Sequence[str]], areas: Sequence[str],
                        experts: Sequence[Any]) -> dict[str, float]:
    """``{word: weight}`` for area-marking words (weight ``MARKER_WEIGHT``); others are 1.

    A word marks an area when at least ``MARKER_MIN_EXPERTS`` experts use it and at least
    ``MARKER_SHARE`` of them belong to one (non-empty) area. Experts without an area (forum
    talks) count as a group of their own, so a word they share with one area is not a marker.
    """
    users: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for d, a, e in zip(docs, areas, experts, strict=True):
        for w in set(d):
            users[w][a or ""].add(e)
    out = {}
    for w, g in users.items():
        n = sum(len(v) for v in g.values())
        top, who = max(g.items(), key=lambda kv: (len(kv[1]), kv[0]))
        if n >= MARKER_MIN_EXPERTS and top and len(who) / n >= MARKER_SHARE:
            out[w] = MARKER_WEIGHT
    return out


GENERIC_EXPERT_SHARE = 0.4
GENERIC_COHERENCE = 1.4


def generic_words(X: Any, vocab: Sequence[str], experts: Sequence[Any]) -> set[str]:
    """Words that are everywhere and say nothing on their own (``기술``, ``개발``, ``산업``), found
    from the corpus, no word list: used by at least ``GENERIC_EXPERT_SHARE`` of the experts, and
    their points do not hold together — the mean cosine between points of *different* experts
    that use the word, the word itself left out, is below ``GENERIC_COHERENCE`` x the same mean
    over all points. A broad word that marks a concern (``인력``: its points share ``양성``,
    ``학생``, ``교육`` ...) is not generic; one spread over every kind of answer is.

    ``X``: the L2-normalised TF-IDF rows, ``vocab`` their columns, ``experts`` each row's expert.
    """
    ex = np.asarray(experts, dtype=object).astype(str)
    codes = np.unique(ex, return_inverse=True)[1]
    n_exp = int(codes.max()) + 1 if len(codes) else 0
    X = sparse.csr_matrix(X)
    if n_exp < 4 or not X.nnz:
        return set()
    B = (X > 0).astype(float).tocsc()
    E = sparse.csr_matrix((np.ones(len(codes)), (np.arange(len(codes)), codes)), shape=(len(codes), n_exp))
    n_users = np.asarray(((B.T @ E) > 0).sum(axis=1)).ravel()
    base = cross_expert_cosine(X, codes)
    out: set[str] = set()
    if base <= 0:
        return out
    for j in np.flatnonzero(n_users >= GENERIC_EXPERT_SHARE * n_exp):
        rows = B[:, j].nonzero()[0]
        Y = X[rows].tolil()
        Y[:, j] = 0
        if cross_expert_cosine(_normalize(sparse.csr_matrix(Y)), codes[rows]) < GENERIC_COHERENCE * base:
            out.add(str(vocab[j]))
    return out


@dataclass
class Level:
    """One level's clustering of the live points: primary cluster, scores, labels."""

    primary: np.ndarray                    # (n_live,) cluster id or -1
    scores: np.ndarray                     # (n_live, k) cosine to centroids (0 outside scope)
    member: np.ndarray                     # (n_live, k) bool: multi-label assignment
    tau: float
    seed_of: list[int] = field(default_factory=list)
    cores: list[list[str]] = field(default_factory=list)  # concerns: the words that anchor each
    residual: list[bool] = field(default_factory=list)  # concerns: added by the residual pass


def score_level(X: Any, lab: np.ndarray, C: np.ndarray, scope: np.ndarray | None,
                min_score: float | None) -> Level:
    """Cosine scores, threshold, multi-label membership (see module doc)."""
    S = np.asarray(X @ C.T)
    if sparse.issparse(S):
        S = S.toarray()
    S = np.clip(np.asarray(S, dtype=float), 0.0, None)
    if scope is not None:
        S = S * scope
    n, k = S.shape
    own = S[np.arange(n), lab] if n else np.zeros(0)
    tau = float(min_score) if min_score is not None else (0.5 * float(np.median(own)) if n else 0.0)
    primary = np.where(own >= tau, lab, -1)
    med = np.array([np.median(own[lab == j]) if (lab == j).any() else np.inf for j in range(k)])
    member = (S >= np.maximum(MULTI_SHARE * med, tau)[None, :]) & (S > 0)
    member[np.arange(n), lab] = False
    member[primary >= 0, primary[primary >= 0]] = True
    member[primary < 0] = False
    return Level(primary=primary, scores=S, member=member, tau=tau)


def monologue(experts: Sequence[Any]) -> tuple[bool, float]:
    """(flag, share of the most frequent expert) for a theme's points' experts."""
    if not len(experts):
        return False, 0.0
    c = Counter(experts)
    share = max(c.values()) / len(experts)
    return bool(len(c) == 1 or share >= MONOLOGUE_SHARE), float(share)


# ------------------------------------------------------------------ cross-area concerns
CONCERN_MIN_EXPERTS = 2
CONCERN_MIN_AREAS = 2
CORE_SHARE = 0.5
MAX_CORE = 3
MAX_CONCERN_SHARE = 0.4


def choose_k_anchored(n: int) -> int:
    """Concern components among ``n`` points: ``round(1.3 * sqrt(n))``, 2..60 (more components
    than clusters would need: a component that duplicates another is merged, one without a
    cross-area core word is dropped)."""
    if n < 3:
        return 1
    return int(max(2, min(60, n - 1, round(1.3 * math.sqrt(n)))))


def cross_vocabulary(docs: Sequence[Sequence[str]], areas: Sequence[str], experts: Sequence[Any],
                     markers: Any = ()) -> set[str]:
    """Words used by >= ``CONCERN_MIN_EXPERTS`` experts in >= ``CONCERN_MIN_AREAS`` areas, area
    markers excluded: the policy vocabulary shared across areas (area-specific words carry the
    technology, not the lever). With fewer than 2 areas, every word used by >= 2 experts."""
    in_areas: dict[str, set] = defaultdict(set)
    by: dict[str, set] = defaultdict(set)
    for d, a, e in zip(docs, areas, experts, strict=True):
        for w in set(d):
            by[w].add(e)
            if a:
                in_areas[w].add(a)
    n_areas = len({a for a in areas if a})
    need_areas = CONCERN_MIN_AREAS if n_areas >= 2 else 0
    markers = set(markers)
    return {w for w in by if len(by[w]) >= CONCERN_MIN_EXPERTS and len(in_areas[w]) >= need_areas
            and w not in markers}


QUALIFIER_SHARE = 0.2


def anchored_concerns(X: Any, vocab: Sequence[str], k: int, random_state: int | None,
                      seeds: Sequence[Sequence[str]] = (), generic: Any = (),
                      ) -> tuple[list[list[str]], list[list[str]]]:
    """Core words and qualifiers of each concern: NMF (``k`` components) on the cross-vocabulary
    TF-IDF rows; a component's core = its top words with weight >= ``CORE_SHARE`` x its top
    weight (at most ``MAX_CORE``). When a core word is ``generic`` (see :func:`generic_words`),
    the component's top non-generic words with weight >= ``QUALIFIER_SHARE`` x its top weight (at
    most ``MAX_CORE``, core words first) are its qualifiers: a point that has only generic core
    words carries the concern only with a qualifier too (``사례`` with ``발굴``, ``투자`` with
    ``생태계``). A component whose core is all generic and has no qualifier is dropped (a
    background word, not a concern). Seeded concerns (codebook) come first with their seed words
    as core. Components whose core repeats an earlier one are dropped."""
    import warnings

    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    generic = set(generic)
    cores: list[list[str]] = [list(s) for s in seeds]
    quals: list[list[str]] = [[] for _ in seeds]
    k = max(1, min(k - len(cores), X.shape[0] - 1, X.shape[1]))
    if X.nnz and k >= 1:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)  # NMF's error: sqrt of a round-off < 0
            H = NMF(k, init="nndsvda", max_iter=600, random_state=random_state).fit(X).components_
        for h in H:
            if h.max() <= 0:
                continue
            order = np.lexsort((np.asarray(vocab), -h))
            core = [vocab[t] for t in order[:MAX_CORE] if h[t] >= CORE_SHARE * h[order[0]]]
            qual: list[str] = []
            if any(w in generic for w in core):
                qual = [vocab[t] for t in order if h[t] >= QUALIFIER_SHARE * h[order[0]]
                        and vocab[t] not in generic][:MAX_CORE]
                if not qual:
                    continue
            if core and not any(set(core) == set(c) for c in cores):
                cores.append(core)
                quals.append(qual)
    return cores, quals


def anchored_level(X: Any, B: Any, vocab: Sequence[str], cores: Sequence[Sequence[str]],
                   min_score: float | None, n_seeded: int = 0, quals: Sequence[Sequence[str]] = (),
                   generic: Any = ()) -> Level:
    """Multi-label concern membership: a point carries a concern when it uses one of the
    concern's non-generic core words, or a generic core word together with one of the concern's
    qualifiers (see :func:`anchored_concerns`), and, with ``min_score``, its score reaches it. Score = cosine to the
    centroid of the concern's points; rank 1 = the highest-scoring concern it carries. Concerns
    with the same points as an earlier one, with fewer than 2 points, or (unseeded) carried by
    more than ``MAX_CONCERN_SHARE`` of all points (a background word, not a concern) are
    dropped."""
    pos = {w: i for i, w in enumerate(vocab)}
    B = sparse.csc_matrix(B)
    members, kept, seed_of = [], [], []
    generic = set(generic)

    def uses(words: Sequence[str]) -> np.ndarray:
        cols = [pos[w] for w in words if w in pos]
        return np.asarray(B[:, cols].sum(axis=1)).ravel() > 0 if cols else np.zeros(B.shape[0], bool)

    for j, core in enumerate(cores):
        qual = list(quals[j]) if j < len(quals) else []
        if qual:
            m = uses([w for w in core if w not in generic]) | (uses([w for w in core if w in generic]) & uses(qual))
        else:
            m = uses(core)
        too_broad = j >= n_seeded and m.mean() > MAX_CONCERN_SHARE  # background, not a concern
        if m.sum() < 2 or too_broad or any((m == p).all() for p in members):
            continue
        members.append(m)
        kept.append(j)
        seed_of.append(j if j < n_seeded else -1)
    n = X.shape[0]
    M = np.stack(members, axis=1) if members else np.zeros((n, 0), bool)
    C = np.vstack([np.asarray(X[m].mean(axis=0)).ravel() for m in members]) if members else np.zeros((0, X.shape[1]))
    C = _normalize(C) if len(C) else C
    S = np.asarray((X @ C.T).toarray() if sparse.issparse(X @ C.T) else X @ C.T, dtype=float)
    S = np.clip(S, 0.0, None)
    tau = float(min_score) if min_score is not None else 0.0
    M = M & (S >= tau)
    primary = np.where(M.any(axis=1), np.where(M, S, -1.0).argmax(axis=1), -1) if M.shape[1] else np.full(n, -1)
    quals = list(quals)
    return Level(primary=primary.astype(int), scores=S, member=M, tau=tau, seed_of=seed_of,
                 cores=[list(dict.fromkeys([*cores[j], *(quals[j] if j < len(quals) else [])])) for j in kept])


# ------------------------------------------------------------------ residual pass
RESIDUAL_MIN_EXPERTS = 4
RESIDUAL_MIN_POINTS = 5
RESIDUAL_COHERENCE = 2.0
RESIDUAL_OVERLAP = 0.5


def residual_words(X: Any, B: Any, vocab: Sequence[str], member: np.ndarray, areas: Sequence[str],
                   experts: Sequence[Any], generic: Any = ()) -> list[tuple[str, np.ndarray]]:
    """Small concerns the components miss (``규제``, ``처우``, ``협업``: a few points, many other
    words), found from the data: ``[(word, points using it)]`` for each word of the concern
    vocabulary that

    * is not ``generic`` (see :func:`generic_words`),
    * is used in >= ``RESIDUAL_MIN_POINTS`` points by >= ``RESIDUAL_MIN_EXPERTS`` experts in >= 2
      areas (>= 2 experts when the corpus has no areas), in at most ``MAX_CONCERN_SHARE`` of the
      points,
    * has points that hold together: the mean cosine between points of different experts using
      it, the word left out, is >= ``RESIDUAL_COHERENCE`` x the same mean over all points (the
      inverse of the generic-word test: what else these points say is shared), and
    * is not already a concern: its points' Jaccard overlap with every column of ``member`` (and
      with every residual word kept before it) is below ``RESIDUAL_OVERLAP``.

    ``X``: L2-normalised TF-IDF rows over ``vocab``; ``B`` their binary presence. Words are tried
    in vocabulary order, so the result does not depend on a random state.
    """
    X = sparse.csr_matrix(X)
    n = X.shape[0]
    if n < 3 or not X.nnz:
        return []
    ex = np.asarray(experts, dtype=object).astype(str)
    codes = np.unique(ex, return_inverse=True)[1]
    ar = np.asarray(areas, dtype=object).astype(str)
    need_areas = CONCERN_MIN_AREAS if len({a for a in ar if a}) >= 2 else 0
    base = cross_expert_cosine(X, codes)
    if base <= 0:
        return []
    B = sparse.csc_matrix(B, copy=True)
    B.sum_duplicates()  # canonical: sorted, no duplicate entries
    B.eliminate_zeros()  # a stored zero is not a use of the word
    generic = set(generic)
    counts = np.diff(B.indptr)
    M = np.asarray(member, bool).reshape(n, -1).astype(np.int32)  # concerns so far, as columns
    sizes = M.sum(axis=0)
    out: list[tuple[str, np.ndarray]] = []
    for j in np.flatnonzero((counts >= RESIDUAL_MIN_POINTS) & (counts <= MAX_CONCERN_SHARE * n)):
        w = vocab[j]
        if w in generic:
            continue
        rows = B.indices[B.indptr[j]:B.indptr[j + 1]]
        if (len(np.unique(codes[rows])) < RESIDUAL_MIN_EXPERTS
                or len({a for a in ar[rows] if a}) < need_areas):
            continue
        inter = M[rows].sum(axis=0)
        if M.shape[1] and (inter >= RESIDUAL_OVERLAP * (len(rows) + sizes - inter)).any():
            continue  # already (half) a concern's points
        if _coherence_without(X, rows, int(j), codes) < RESIDUAL_COHERENCE * base:
            continue
        m = np.zeros(n, bool)
        m[rows] = True
        out.append((str(w), m))
        M = np.column_stack([M, m.astype(np.int32)])
        sizes = np.append(sizes, len(rows))
    return out


def word_coherence(X: Any, B: Any, vocab: Sequence[str], experts: Sequence[Any], words: Any) -> dict[str, float]:
    """``{word: cross-expert cosine of the points using it, the word left out, / the corpus
    mean}`` (the residual pass's test, :func:`residual_words`): >= ``RESIDUAL_COHERENCE`` when
    what else those points say is shared — the word marks a concern — and low for a word used
    in every kind of answer (``확보``, ``개발``, ``글로벌``)."""
    X = sparse.csr_matrix(X)
    ex = np.asarray(experts, dtype=object).astype(str)
    codes = np.unique(ex, return_inverse=True)[1]
    base = cross_expert_cosine(X, codes) if X.nnz else 0.0
    pos = {w: i for i, w in enumerate(vocab)}
    B = sparse.csc_matrix(B)
    out: dict[str, float] = {}
    for w in set(words):
        j = pos.get(w)
        if j is None or base <= 0:
            out[w] = 0.0
            continue
        rows = B[:, j].nonzero()[0]
        out[w] = _coherence_without(X, rows, j, codes) / base if len(rows) >= 2 else 0.0
    return out


def _coherence_without(X: Any, rows: np.ndarray, j: int, codes: np.ndarray) -> float:
    """:func:`~consult.themes.vectors.cross_expert_cosine` of ``X``'s ``rows`` with column ``j`` left out and the rows
    normalised again — in numpy over the CSR arrays (this runs for every candidate word)."""
    Y = X[rows]
    data = np.where(Y.indices == j, 0.0, Y.data)
    row_of = np.repeat(np.arange(len(rows)), np.diff(Y.indptr))
    norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=len(rows)))
    norms[norms == 0] = 1.0
    data = data / norms[row_of]
    width = X.shape[1]
    tot = np.bincount(Y.indices, weights=data, minlength=width)
    inv = np.unique(codes[rows], return_inverse=True)[1]
    per_expert = np.bincount(inv[row_of] * width + Y.indices, weights=data)
    pairs = len(rows) ** 2 - float((np.bincount(inv) ** 2).sum())
    if pairs <= 0:
        return 0.0
    return float((tot @ tot - per_expert @ per_expert) / pairs)


#: a point carries a concern that is not its rank-1 one when its score reaches this share of the
#: median score of the concern's rank-1 points (the concern's own calibration)
MEMBER_SHARE = 0.5


def tighten(level: Level, share: float = MEMBER_SHARE) -> Level:
    """Membership by the points whose concern it is: a point keeps a concern it carries when the
    concern is its rank-1 one, or its score reaches ``share`` x the median score of the
    concern's rank-1 points — not every concern whose word it happens to use."""
    S, M, prim = level.scores, level.member, level.primary
    n, k = M.shape
    if not k or share is None or share <= 0:
        return level
    own = np.zeros((n, k), bool)
    has = prim >= 0
    own[np.flatnonzero(has), prim[has]] = True
    med = np.array([np.median(S[own[:, j], j]) if own[:, j].any() else np.inf for j in range(k)])
    keep = M & (own | (S >= share * med[None, :]))
    return Level(primary=prim, scores=S, member=keep, tau=level.tau, seed_of=list(level.seed_of),
                 cores=list(level.cores), residual=list(level.residual))


def add_residual(X: Any, level: Level, extra: Sequence[tuple[str, np.ndarray]]) -> Level:
    """``level`` with the residual concerns ``extra`` (see :func:`residual_words`) appended:
    scores are the cosine to each concern's centroid, rank 1 the best-scoring concern a point
    carries (as in :func:`anchored_level`); with a ``tau`` > 0 a point below it does not carry
    a residual concern."""
    if not extra:
        return level
    X = sparse.csr_matrix(X)
    M = np.column_stack([level.member] + [m for _, m in extra])
    C = _normalize(np.vstack([np.asarray(X[m].mean(axis=0)).ravel() for _, m in extra]))
    S_new = np.clip(np.asarray(X @ C.T, dtype=float), 0.0, None)
    S = np.column_stack([level.scores, S_new])
    k0 = level.member.shape[1]
    M[:, k0:] &= S[:, k0:] >= level.tau
    primary = np.where(M.any(axis=1), np.where(M, S, -1.0).argmax(axis=1), -1)
    return Level(primary=primary.astype(int), scores=S, member=M, tau=level.tau,
                 seed_of=list(level.seed_of) + [-1] * len(extra),
                 cores=list(level.cores) + [[w] for w, _ in extra],
                 residual=[False] * k0 + [True] * len(extra))
