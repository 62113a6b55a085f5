"""The index the phrase concerns are found on (:class:`PhraseIndex`, built once per fit): where
each phrase key is used, how often, as what written form; the words' classes (:func:`word_classes`:
generic, area, broad, common, name, modifier, verb, symbol, specific — from the corpus and general
Korean, no word list); and the cohesion test — the mean cosine between the points of different
experts, a concern's words left out, as a z-score against random point sets (:class:`_Null`).
See :mod:`consult.themes.phrase_concerns` for how concerns are found on it.

    >>> from consult.themes.phrase_index import word_classes
    >>> word_classes(["특화망"])["특화망"]
    'specific'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from ..common_words import is_common, word_kind
from .concerns import tfidf
from .vectors import cross_expert_cosine

__all__ = ["PhraseIndex", "word_classes", "MIN_POINTS", "MAX_SHARE", "BROAD_SHARE", "BROAD_COHERENCE"]


#: a candidate is used in at least this many points ...
MIN_POINTS = 4


#: ... and in at most this share of them (a background word, not a concern)
MAX_SHARE = 0.4


#: a word used by this share of the experts ...
BROAD_SHARE = 0.4


#: ... whose points share specific words below this multiple of the corpus mean is broad
BROAD_COHERENCE = 2.0


#: random point sets per size for the cohesion z-scores, and the sizes they are drawn at
_NULL_DRAWS = 32


_NULL_GROWTH = 2.0


_NULL_MAX_SIZE = 1000


def word_classes(tokens: Any, *, generic: Any = (), banned: Any = (), profiles: dict | None = None,
                 broad: Any = ()) -> dict[str, str]:
    """``{token: class}`` (see the module doc): generic, area, broad, verb, name, modifier,
    symbol, common or specific."""
    generic, banned, broad, profiles = set(generic), set(banned), set(broad), dict(profiles or {})
    out = {}
    for t in tokens:
        t = str(t)
        if t in generic or any(t[:-1] == g for g in generic if len(t) > len(g) >= 2):
            c = "generic"  # or built on a generic word with one more syllable: 기술력, 산업계, 시장성
        elif t in banned:
            c = "area"
        elif t in broad:
            c = "broad"
        elif t.endswith("다") and len(t) > 1 and not t.isascii():
            c = "verb"
        else:
            kind = word_kind(t, profiles.get(t))
            if kind in ("name", "modifier", "symbol"):
                c = kind
            elif is_common(t):
                c = "common"
            else:
                c = "specific"
        out[t] = c
    return out


def _without(X: Any, rows: np.ndarray, cols: Sequence[int]) -> Any:
    """``X[rows]`` with ``cols`` zeroed and the rows normalised again."""
    Y = sparse.csr_matrix(X[rows], copy=True)
    if len(cols):
        mask = np.isin(Y.indices, np.asarray(cols))
        Y.data[mask] = 0.0
        Y.eliminate_zeros()
    norms = np.sqrt(np.asarray(Y.multiply(Y).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ Y


@dataclass
class _Null:
    """Mean and spread of the cross-group cosine of random point sets, by set size (interpolated
    in log size between sizes drawn with fixed seeds)."""

    sizes: np.ndarray
    mean: np.ndarray
    sd: np.ndarray

    @classmethod
    def draw(cls, X: Any, codes: np.ndarray, max_size: int) -> _Null:
        n = X.shape[0]
        sizes: list[int] = []
        s = float(MIN_POINTS)
        while True:
            k = min(int(round(s)), n)
            if not sizes or k > sizes[-1]:
                sizes.append(k)
            if k >= min(max_size, n):
                break
            s *= _NULL_GROWTH
        mean, sd = [], []
        for k in sizes:
            rng = np.random.default_rng(k)
            v = [cross_expert_cosine(X[r], codes[r]) for r in (rng.choice(n, k, replace=False) for _ in range(_NULL_DRAWS))]
            mean.append(float(np.mean(v)))
            sd.append(float(np.std(v)) or 1e-9)
        return cls(np.log(np.array(sizes, float)), np.array(mean), np.array(sd))

    def z(self, value: float, size: int) -> float:
        x = np.log(max(size, 1))
        mu = float(np.interp(x, self.sizes, self.mean))
        sd = float(np.interp(x, self.sizes, self.sd))
        if x > self.sizes[-1]:  # beyond the largest size drawn: the spread shrinks as 1 / sqrt(size)
            sd *= float(np.exp((self.sizes[-1] - x) / 2))
        return (value - mu) / max(sd, 1e-9)


@dataclass
class PhraseIndex:
    """Where each phrase key is used, and what the cohesion tests need; built once per fit."""

    keys: list[tuple[str, ...]]             # every key used by >= 2 points (candidates need MIN_POINTS)
    rows: list[np.ndarray]                  # the points using each key
    repeats: list[np.ndarray]               # how often each of those points uses it (a phrase: its rarest word)
    forms: list[str]                        # each key as written most often
    X: Any                                  # L2-normalised TF-IDF rows (all words)
    col: dict[str, int]                     # token -> column of X
    experts: np.ndarray
    area: np.ndarray
    classes: dict[str, str]                 # token -> word class
    kinds: dict[str, str]                   # token -> what kind of word in general Korean
    null: _Null                             # cohesion of random point sets
    ecodes: np.ndarray = field(default_factory=lambda: np.zeros(0, int))
    n_corpus_areas: int = 0
    by_token: dict[str, list[int]] = field(default_factory=dict)
    position: dict[tuple[str, ...], int] = field(default_factory=dict)
    texts: Sequence[str] = ()               # the points as written (a label's inflected uses)

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]], keys: Sequence[dict[str, tuple[str, ...]]],
              X: Any, vocab: Sequence[str], experts: Sequence[Any], area: Sequence[Any], *,
              generic: Any = (), banned: Any = (), profiles: dict | None = None,
              texts: Sequence[str] = ()) -> PhraseIndex:
        n = len(docs)
        experts = np.asarray(experts, dtype=object).astype(str)
        area = np.asarray(area, dtype=object).astype(str)
        where: dict[tuple[str, ...], set[int]] = defaultdict(set)
        forms: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        uses: dict[tuple[str, ...], dict[int, int]] = defaultdict(dict)
        for i in range(n):
            for t, k in Counter(str(t) for t in docs[i]).items():
                where[(t,)].add(i)
                uses[(t,)][i] = k
            counts = Counter(str(t) for t in docs[i])
            for phrase, key in (keys[i] if i < len(keys) else {}).items():
                if 1 <= len(key) <= 3:
                    where[key].add(i)
                    forms[key][phrase] += 1
                    if len(key) > 1:
                        uses[key][i] = max(1, min(counts.get(t, 1) for t in key))
        kept = sorted((k for k, r in where.items() if len(r) >= 2), key=lambda k: (len(k), k))  # labels: >= 2 points
        col = {str(w): j for j, w in enumerate(vocab)}
        ecodes = np.unique(experts, return_inverse=True)[1]
        X = sparse.csr_matrix(X)
        tokens = {t for k in kept for t in k}
        broad = _broad_words(docs, experts, tokens, generic=generic, banned=banned, profiles=profiles)
        classes = word_classes(tokens, generic=generic, banned=banned, profiles=profiles, broad=broad)
        big = max((len(where[k]) for k in kept), default=MIN_POINTS)
        big = min(big, int(MAX_SHARE * n) + 1, _NULL_MAX_SIZE)
        return cls(keys=kept, rows=[np.array(sorted(where[k]), dtype=int) for k in kept],
                   repeats=[np.array([uses[k].get(i, 1) for i in sorted(where[k])]) for k in kept],
                   forms=[forms[k].most_common(1)[0][0] if forms[k] else " ".join(k) for k in kept],
                   X=X, col=col, experts=experts, area=area, classes=classes,
                   kinds={t: word_kind(t, (profiles or {}).get(t)) for t in tokens},
                   null=_Null.draw(X, ecodes, big), ecodes=ecodes, n_corpus_areas=len({a for a in area if a}),
                   by_token=_by_token(kept), position={k: j for j, k in enumerate(kept)},
                   texts=[str(t) for t in texts])

    def cohesion(self, rows: np.ndarray, key: Sequence[str]) -> float:
        """z-score of the mean cosine between the ``rows`` of different experts, the key's words
        left out, against random point sets of as many points."""
        cols = [self.col[t] for t in key if t in self.col]
        value = cross_expert_cosine(_without(self.X, rows, cols), self.ecodes[rows])
        return self.null.z(value, len(rows))


def _by_token(keys: Sequence[tuple[str, ...]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for j, k in enumerate(keys):
        for t in set(k):
            out[t].append(j)
    return dict(out)


def _broad_words(docs: Sequence[Sequence[str]], experts: np.ndarray, tokens: set[str], *,
                 generic: Any, banned: Any, profiles: dict | None) -> set[str]:
    """Words used by >= BROAD_SHARE of the experts (>= 4 experts in the corpus) whose points share
    no specific words beyond them (see the module doc)."""
    n_exp = len(set(experts))
    if n_exp < 4:
        return set()
    users: dict[str, set] = defaultdict(set)
    rows_of: dict[Any, list[int]] = defaultdict(list)  # the docs holding each token, in order
    for i, (d, e) in enumerate(zip(docs, experts, strict=True)):
        for t in set(d):
            users[str(t)].add(e)
            rows_of[t].append(i)
    wide = [t for t in tokens if len(users.get(t, ())) >= BROAD_SHARE * n_exp]
    if not wide:
        return set()
    pre = word_classes({str(t) for d in docs for t in d}, generic=generic, banned=banned, profiles=profiles)
    sdocs = [[str(t) for t in d if pre.get(str(t)) in ("specific", "symbol")] for d in docs]
    try:
        Xs, svocab = tfidf(sdocs, return_vocab=True)
    except ValueError:
        return set()
    Xs = sparse.csr_matrix(Xs)
    codes = np.unique(experts, return_inverse=True)[1]
    base = cross_expert_cosine(Xs, codes)
    if base <= 0:
        return set()
    scol = {w: j for j, w in enumerate(svocab)}
    out = set()
    for t in wide:
        rows = np.array(rows_of.get(t, []), dtype=int)
        if len(rows) < 2:
            continue
        value = cross_expert_cosine(_without(Xs, rows, [scol[t]] if t in scol else []), codes[rows])
        if value < BROAD_COHERENCE * base:
            out.add(t)
    return out
