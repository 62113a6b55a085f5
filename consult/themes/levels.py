"""``ThemeModel(unit="point")`` fitting: points -> fine themes and cross-area concerns -> tables.

The steps, in order: the live documents, their representations, fine themes per area and
concerns, stability across seeds, renumbering, labels and codebook merges; the tables are
written by :mod:`consult.themes.level_tables`. See :mod:`consult.themes.concerns` for the method
and ``docs/themes.md`` for the columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import CorpusTooSmallError, EmptyCorpusError
from .concerns import (
    Level,
    add_residual,
    anchored_concerns,
    anchored_level,
    area_marker_weights,
    choose_k_anchored,
    choose_k_fine,
    combine,
    cross_vocabulary,
    generic_words,
    jaccard_stability,
    residual_words,
    score_level,
    set_stability,
    spherical_kmeans,
    tfidf,
    tighten,
    word_coherence,
)
from .embed import encode, get_embedder
from .headline import LabelInfo, concern_labels, phrase_columns
from .labels import ctfidf_keywords
from .level_tables import (
    CONCERN_ASSIGNMENT_COLUMNS,
    CONCERN_COLUMNS,
    POINT_THEME_COLUMNS,
    STABILITY_COLUMNS,
    THEME_POINT_COLUMNS,
    Docs,
    Levels,
    col,
    write_tables,
)
from .notes import is_note, strip_notes
from .phrase_concerns import PhraseIndex, find_concerns, reappearance
from .phrases import make_phrase_labels, phrase_lists
from .synonyms import load_synonyms
from .wordinfo import word_profiles

__all__ = ["fit_point_levels", "POINT_THEME_COLUMNS", "CONCERN_COLUMNS",
           "CONCERN_ASSIGNMENT_COLUMNS", "STABILITY_COLUMNS", "THEME_POINT_COLUMNS"]


@dataclass
class _Reps:
    """The live points' representations and the seed words' anchors."""

    F: Any                       # tf-idf (+ embeddings): fine themes
    Xc: Any                      # tf-idf over the cross-area vocabulary: concerns
    Bc: Any                      # its binary presence
    c_vocab: list[str]
    markers: Any                 # area-marking words
    generic: set[str]            # words everywhere that say nothing on their own
    seeds: dict[str, list[str]]  # seed label -> seed words as given
    seed_tokens: list[list[str]]
    seed_cores: list[list[str]]  # the seeds with a word in the concern vocabulary ...
    seed_index: list[int]        # ... and their positions in ``seeds``
    X: Any = None                # tf-idf over every word (the phrase index)
    vocab: list[str] | None = None
    phrases: list[list[str]] | None = None  # each live point's noun phrases (labels, phrase concerns)
    profiles: dict | None = None  # Kiwi's analysis of the phrases' words and of the tokens
    pidx: Any = None             # the phrase concerns' index (consult.themes.phrase_concerns)


def fit_point_levels(model: Any, corpus: Any) -> None:
    d, tok, syn = _documents(model, corpus)
    r = _representations(model, d, tok, syn)
    refits = _Refits.start(model, d, r)  # the stability refits need only the rows: begun first
    try:
        _phrase_representations(d, r, tok, syn)
        lv = _fit_levels(model, d, r)
    except BaseException:
        refits.stop()
        raise
    _stability(model, d, r, lv, refits)
    _renumber(lv)
    _label_levels(model, d, r, lv, tok, syn)
    _add_phrase_concerns(d, r, lv, model._codebook().rename)
    write_tables(model, d, lv)
    model.area_markers_ = sorted(r.markers)
    model.generic_words_ = sorted(r.generic)
    model.n_themes_ = lv.fine.scores.shape[1]
    model.n_themes_chosen_ = lv.n_chosen
    model.n_themes_auto_ = model.n_themes is None
    model.n_concerns_ = lv.conc.scores.shape[1]
    model.n_documents_ = len(d.idx)
    model.score_threshold_ = {"theme": lv.fine.tau, "concern": lv.conc.tau}
    model.seeds_ = dict(zip(list(r.seeds), r.seed_tokens, strict=True))


def _documents(model: Any, corpus: Any) -> tuple[Docs, Any, Any]:
    """The answer points with words (editors' notes aside), at least 3 from at least 2 experts;
    with the tokenizer and synonyms that made their words."""
    questions = corpus.questions
    points = corpus.points.reset_index(drop=True)
    if not len(points) and not len(questions):
        raise EmptyCorpusError("the corpus has no questions: nothing to find themes in")
    tok = model._tokenizer()
    syn = load_synonyms(model.synonyms)
    raw = [str(t) for t in col(points, "text")]  # not .astype(str): a fixed-width array of the longest text
    clean = [strip_notes(t) for t in raw]
    note = np.array([is_note(t) for t in raw], dtype=bool)
    docs = syn.tokens(tok.tokenize(clean)) if clean else []
    live = np.array([bool(d) for d in docs], dtype=bool) & ~note
    idx = np.flatnonzero(live)
    experts_all = col(points, "transcript_id").astype(str)
    if len(set(experts_all[idx])) < 2:
        raise CorpusTooSmallError(
            f"themes are concerns that recur across experts, but the corpus has "
            f"{len(set(experts_all[idx]))} transcript with answer words; give at least 2"
        )
    if len(idx) < 3:
        raise CorpusTooSmallError(f"the corpus has {len(idx)} answer points with words; themes need at least 3")
    d = Docs(
        points=points, questions=questions, note=note, idx=idx,
        ldocs=[docs[i] for i in idx], ltexts=[clean[i] for i in idx],
        area=col(points, "area").astype(str)[idx], experts=experts_all[idx],
        pid=col(points, "point_id").astype(str)[idx], qid=col(points, "question_id").astype(str)[idx],
        role=col(points, "role").astype(str)[idx],
    )
    return d, tok, syn


def _representations(model: Any, d: Docs, tok: Any, syn: Any) -> _Reps:
    X, vocab = tfidf(d.ldocs, return_vocab=True)
    markers = area_marker_weights(d.ldocs, d.area, d.experts)
    generic = generic_words(X, vocab, d.experts)
    # seeds (codebook / seed_words) -> concerns anchored by their seed words
    seeds = model._seed_table()
    seed_tokens = [list(dict.fromkeys(w for ws in tok.tokenize(words) for w in syn.tokens([ws])[0]))
                   for words in seeds.values()]
    cross_vocab = cross_vocabulary(d.ldocs, d.area, d.experts, markers) | {w for ws in seed_tokens for w in ws}
    cdocs = [[w for w in doc if w in cross_vocab] for doc in d.ldocs]
    Xc, c_vocab = tfidf(cdocs, return_vocab=True) if any(cdocs) else (tfidf(d.ldocs, markers, return_vocab=True))
    Bc = (Xc > 0).astype(float)
    embedder = get_embedder(model.embedding)
    E = encode(embedder, d.ltexts) if embedder is not None else None
    F = combine(X, E)
    seed_cores = [[w for w in words if w in set(c_vocab)] for words in seed_tokens]
    seed_index = [i for i, c in enumerate(seed_cores) if c]
    seed_cores = [seed_cores[i] for i in seed_index]
    return _Reps(F=F, Xc=Xc, Bc=Bc, c_vocab=c_vocab, markers=markers, generic=generic, seeds=seeds,
                 seed_tokens=seed_tokens, seed_cores=seed_cores, seed_index=seed_index, X=X, vocab=vocab)


def _phrase_representations(d: Docs, r: _Reps, tok: Any, syn: Any) -> None:
    """The live points' noun phrases, Kiwi's profiles of their words and the phrase concerns'
    index (``r.phrases``, ``r.profiles``, ``r.pidx``): the labels and phrase concerns read them,
    the refits do not."""
    phrases, keys = phrase_lists(d.ltexts, tok, syn, keys=True)
    profiles = word_profiles({w for ps in phrases for p in ps for w in p.split()}
                             | {t for doc in d.ldocs for t in doc}, tok)
    banned = set(r.markers) | {a for a in d.area if a}
    r.pidx = PhraseIndex.build(d.ldocs, keys, r.X, r.vocab, d.experts, d.area, generic=r.generic,
                               banned=banned, profiles=profiles, texts=d.ltexts)
    r.phrases, r.profiles = phrases, profiles


def _fine_run(model: Any, d: Docs, F: Any, seed: int | None,
              keep: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Fine themes: k-means within each area; labels, centroids and each centroid's area."""
    n = len(d.idx)
    lab = np.full(n, -1)
    cents, owner = [], []
    for g in sorted(set(d.area)):
        m = np.flatnonzero((d.area == g) & (keep if keep is not None else True))
        k = choose_k_fine(len(m)) if model.n_themes is None else max(1, min(len(m), round(model.n_themes * len(m) / n)))
        sub, C = spherical_kmeans(F[m], k, seed)
        lab[m] = sub + len(cents)
        cents.extend(list(C))
        owner.extend([g] * len(C))
    return lab, np.vstack(cents), owner


def _concern_run(model: Any, d: Docs, r: _Reps, seed: int | None, keep: np.ndarray | None = None) -> Level:
    """Concerns anchored by their core words (the seeds' first), then the residual pass's
    single-word concerns, over all or the ``keep`` points."""
    n = len(d.idx)
    k = choose_k_anchored(n) if model.n_concerns is None else int(model.n_concerns)
    k = max(k, len(r.seed_cores) + 1)
    rows = np.flatnonzero(keep) if keep is not None else np.arange(n)
    cores, quals = anchored_concerns(r.Xc[rows], r.c_vocab, k, seed, seeds=r.seed_cores, generic=r.generic)
    lev = anchored_level(r.Xc[rows], r.Bc[rows], r.c_vocab, cores, model.min_score, len(r.seed_cores),
                         quals=quals, generic=r.generic)
    extra = residual_words(r.Xc[rows], r.Bc[rows], r.c_vocab, lev.member, d.area[rows], d.experts[rows],
                           generic=r.generic)
    lev = tighten(add_residual(r.Xc[rows], lev, extra))
    if keep is None:
        return lev
    lab = np.full(n, -1)
    lab[rows] = lev.primary
    member = np.zeros((n, lev.member.shape[1]), bool)
    member[rows] = lev.member
    return Level(primary=lab, scores=lev.scores, member=member, tau=lev.tau)


def _fit_levels(model: Any, d: Docs, r: _Reps) -> Levels:
    rs = model.random_state
    flab, fC, owner = _fine_run(model, d, r.F, rs)
    scope = (np.asarray(owner)[None, :] == d.area[:, None]).astype(float)
    fine = score_level(r.F, flab, fC, scope, model.min_score)
    conc = _concern_run(model, d, r, rs)
    conc.seed_of = [r.seed_index[j] if j >= 0 else -1 for j in conc.seed_of]
    return Levels(fine=fine, conc=conc, owner=owner, n_chosen=fC.shape[0])


def _stability(model: Any, d: Docs, r: _Reps, lv: Levels, refits: _Refits | None = None) -> None:
    """Stability across seeds: each run takes 90% of the points, drawn with seed s, and
    random_state s. Fine themes are compared by their points (rank 1), concerns by their member
    points (every point that carries one): :func:`consult.themes.concerns.set_stability`."""
    n_stab = int(model.stability_seeds or 0)
    runs = (refits or _Refits.start(model, d, r, forked=False)).finish()
    f_runs = [runs[s][0] for s in range(n_stab)]
    n = len(d.idx)
    c_runs = []
    for s in range(n_stab):
        pairs = np.asarray(runs[s][1], dtype=int).reshape(-1, 2)
        k = int(pairs[:, 1].max()) + 1 if len(pairs) else 0
        m = np.zeros((n, k), bool)
        m[pairs[:, 0], pairs[:, 1]] = True
        c_runs.append((_keep(s, n), m))
    lv.f_stab = jaccard_stability(lv.fine.primary, f_runs, lv.fine.scores.shape[1]) if n_stab else None
    lv.c_stab = set_stability(lv.conc.member, c_runs) if n_stab else None
    # the phrase concerns are deterministic: each is checked on the points each refit saw
    # (consult.themes.phrase_concerns.survives)
    lv.p_runs = [_keep(s, n) for s in range(n_stab)]


def _keep(s: int, n: int) -> np.ndarray:
    """The points refit ``s`` sees: 90% drawn with seed ``s``."""
    return np.random.default_rng(s).random(n) < 0.9


def _stability_run(model: Any, d: Docs, r: _Reps, s: int) -> tuple[np.ndarray, np.ndarray]:
    """One refit on the 90% of the points drawn with seed ``s``: fine-theme labels (-1 for a
    point not seen) and the concerns' members as flat (point, concern) pairs."""
    keep = _keep(s, len(d.idx))
    member = _concern_run(model, d, r, s, keep).member
    return _fine_run(model, d, r.F, s, keep)[0], np.column_stack(np.nonzero(member)).ravel()


#: of the ``stability_seeds`` refits, how many this process makes itself when a forked child
#: makes the others: it also makes the phrase index and the main fit meanwhile (about as long
#: as three refits), so with the default five refits the child takes four
OWN_REFITS = 1


class _Refits:
    """The stability refits by seed. Each is independent and seeded, so with two cores a forked
    child makes all but :data:`OWN_REFITS` of them, begun as soon as the rows are made, while
    this process makes the phrase index, the main fit and its own refits (same results, less
    time). Only for TF-IDF rows (NMF, no OpenMP k-means, which may hang in a forked child)."""

    def __init__(self, model: Any, d: Docs, r: _Reps, n: int, child: Any, theirs: list[int]):
        self.model, self.d, self.r, self.n = model, d, r, n
        self.child, self.theirs = child, theirs

    @classmethod
    def start(cls, model: Any, d: Docs, r: _Reps, forked: bool = True) -> _Refits:
        from scipy import sparse

        from ..forked import Child, fork_ok

        n = int(model.stability_seeds or 0)
        child, theirs = None, []
        if forked and n >= 2 and sparse.issparse(r.F) and fork_ok():
            theirs = list(range(min(OWN_REFITS, n - 1), n))
            child = Child.start(lambda: {str(s): [a.tolist() for a in _stability_run(model, d, r, s)]
                                         for s in theirs})
        return cls(model, d, r, n, child, theirs if child is not None else [])

    def stop(self) -> None:
        """End the child (its refits are not wanted: the fit failed)."""
        if self.child is not None:
            self.child.stop()
            self.child, self.theirs = None, []

    def finish(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Every refit by seed: this process's made now, the child's received (or made here if
        the child failed)."""
        model, d, r = self.model, self.d, self.r
        runs = {s: _stability_run(model, d, r, s) for s in range(self.n) if s not in self.theirs}
        got = None
        if self.child is not None:
            got = self.child.result()
            self.child.close()
        for s in range(self.n):
            if s in runs:
                continue
            sent = got.get(str(s)) if isinstance(got, dict) else None
            runs[s] = (tuple(np.asarray(a, dtype=int) for a in sent) if sent and len(sent) == 2
                       else _stability_run(model, d, r, s))
        return runs


def _renumber(lv: Levels) -> None:
    """Seeded concerns first, then by size."""
    fine_order = _order(lv.fine)
    conc_order = _order(lv.conc)
    lv.fine = _reorder(lv.fine, fine_order)
    lv.conc = _reorder(lv.conc, conc_order, seeded=True)
    if lv.f_stab is not None:
        lv.f_stab = tuple(a[fine_order] for a in lv.f_stab)
        lv.c_stab = tuple(a[conc_order] for a in lv.c_stab)
    lv.owner = [lv.owner[j] for j in fine_order]


def _label_levels(model: Any, d: Docs, r: _Reps, lv: Levels, tok: Any, syn: Any) -> None:
    """Labels from phrases (a seeded concern takes its seed's label), then the codebook's merges
    (by label, after labelling) and renames. Concerns: :func:`consult.themes.headline.concern_labels`
    (what each label rests on is kept in ``lv.c_info``)."""
    phrases, profiles = r.phrases, r.profiles
    f_labels = _labels(lv.fine, phrases, d.experts, d.ldocs, generic=r.generic)
    banned = set(r.markers) | {a for a in d.area if a}
    lv.p_found = find_concerns(r.pidx)
    ctx = {"generic": r.generic, "banned": banned, "profiles": profiles,
           "taken": {c.label for c in lv.p_found}}
    c_labels = _concern_labels(lv.conc, phrases, d.experts, ctx)
    seed_labels = list(r.seeds)
    c_seed = [seed_labels[s] if s >= 0 else "" for s in lv.conc.seed_of]
    c_labels = [c_seed[j] or c_labels[j] for j in range(len(c_labels))]
    cb = model._codebook()
    lv.fine, f_labels, lv.f_stab, lv.owner, _, _ = _apply_merges(lv.fine, f_labels, lv.f_stab, lv.owner, cb,
                                                                 phrases, d.experts, d.ldocs, generic=r.generic)
    residual = [j < len(lv.conc.residual) and lv.conc.residual[j] for j in range(len(c_labels))]
    lv.conc, c_labels, lv.c_stab, _, lv.c_seed, lv.c_residual = _apply_merges(
        lv.conc, c_labels, lv.c_stab, None, cb, phrases, d.experts, d.ldocs, c_seed, banned,
        generic=r.generic, flags=residual, ctx=ctx)
    lv.f_labels = [cb.rename.get(x, x) for x in f_labels]
    lv.c_labels = [cb.rename.get(x, x) for x in c_labels]
    infos = _concern_infos(lv.conc, phrases, d.experts, ctx)
    for j, info in enumerate(infos):  # a label the codebook gave (seed, merge, rename) is its own basis
        if lv.c_labels[j] != info.label:
            info.label, info.basis = lv.c_labels[j], "codebook"
            info.words = [w for w in lv.c_labels[j].replace("·", " ").split()]
    lv.c_info = infos
    lv.phrases = phrases
    lv.generic = set(r.generic)
    lv.coherence = word_coherence(r.Xc, r.Bc, r.c_vocab, d.experts, {w for c in lv.conc.cores for w in c})


#: a concern of the components or the residual pass with these points in common (Jaccard) with a
#: phrase concern is the same concern found twice: it is kept once, as the phrase concern
SAME_CONCERN = 0.8


def _add_phrase_concerns(d: Docs, r: _Reps, lv: Levels, rename: dict | None = None) -> None:
    """The phrase concerns (:mod:`consult.themes.phrase_concerns`) first, then the concerns of the
    components and of the residual pass that are not one of them again (:data:`SAME_CONCERN`):
    one level, one table. Scores are the cosine to each concern's centroid, as for the others;
    stability on the refits' phrase search (:func:`consult.themes.concerns.set_stability`)."""
    found = lv.p_found
    n = len(d.idx)
    # the headline concerns first (in headline order), then the other phrase concerns
    reap = reappearance(found, r.pidx, lv.p_runs) if lv.c_stab is not None else np.full(len(found), np.nan)
    P0 = np.column_stack([c.members for c in found]) if found else np.zeros((n, 0), bool)
    ranks = [h["headline_rank"] for h in phrase_columns(found, P0, d.experts, d.area, reap)]
    order = sorted(range(len(found)), key=lambda j: (ranks[j] == 0, ranks[j], j))
    new_of = {old: new for new, old in enumerate(order)}
    found = [found[j] for j in order]
    for c in found:
        c.parent = new_of.get(c.parent, -1) if c.parent >= 0 else -1
    reap = reap[order] if len(order) else reap
    lv.p_found = found
    P = np.column_stack([c.members for c in found]) if found else np.zeros((n, 0), bool)
    M = lv.conc.member
    inter = P.T.astype(np.int32) @ M.astype(np.int32)
    union = P.sum(axis=0)[:, None] + M.sum(axis=0)[None, :] - inter
    jac = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
    keep = [j for j in range(M.shape[1]) if not (jac[:, j] >= SAME_CONCERN).any()] if P.shape[1] else list(range(M.shape[1]))
    X = r.Xc
    C = np.vstack([np.asarray(X[m].mean(axis=0)).ravel() for m in P.T]) if P.shape[1] else np.zeros((0, X.shape[1]))
    norms = np.linalg.norm(C, axis=1, keepdims=True)
    C = C / np.where(norms > 0, norms, 1.0)
    S_p = np.clip(np.asarray(X @ C.T, dtype=float), 0.0, None) * P
    member = np.column_stack([P, M[:, keep]])
    scores = np.column_stack([S_p, lv.conc.scores[:, keep]])
    primary = (np.where(member.any(axis=1), np.where(member, scores, -1.0).argmax(axis=1), -1)
               if member.shape[1] else np.full(n, -1))
    k0 = P.shape[1]
    cores = [list(c.words) for c in found] + [lv.conc.cores[j] if j < len(lv.conc.cores) else [] for j in keep]
    lv.conc = Level(primary=primary.astype(int), scores=scores, member=member, tau=lv.conc.tau,
                    seed_of=[-1] * k0 + [lv.conc.seed_of[j] if j < len(lv.conc.seed_of) else -1 for j in keep],
                    cores=cores, residual=[False] * k0 + [bool(j < len(lv.c_residual) and lv.c_residual[j]) for j in keep])
    rename = rename or {}
    lv.c_labels = [rename.get(c.label, c.label) for c in found] + [lv.c_labels[j] for j in keep]
    lv.c_seed = [""] * k0 + [lv.c_seed[j] if j < len(lv.c_seed) else "" for j in keep]
    old_residual = lv.c_residual
    lv.c_residual = [False] * k0 + [bool(j < len(old_residual) and old_residual[j]) for j in keep]
    lv.c_info = [LabelInfo(label=lv.c_labels[i], basis=c.label_basis if lv.c_labels[i] == c.label else "codebook",
                           words=list(c.words)) for i, c in enumerate(found)] + [lv.c_info[j] for j in keep]
    lv.c_source = ["phrase"] * k0 + [("codebook" if lv.c_seed[k0 + i] else "residual" if lv.c_residual[k0 + i]
                                      else "components") for i in range(len(keep))]
    if lv.c_stab is not None:
        p_stab = (reap, reap)
        lv.c_stab = tuple(np.concatenate([np.asarray(p_stab[i], float), np.asarray(lv.c_stab[i], float)[keep]])
                          for i in range(2))
    lv.n_phrase = k0


def _concern_infos(level: Level, phrases: list, experts: np.ndarray, ctx: dict) -> list:
    k = level.scores.shape[1]
    members = [np.flatnonzero(level.member[:, t]).tolist() for t in range(k)]
    anchors = [level.cores[t] if t < len(level.cores) else [] for t in range(k)]
    return concern_labels(phrases, members, experts.tolist(), anchors=anchors, **ctx)


def _concern_labels(level: Level, phrases: list, experts: np.ndarray, ctx: dict) -> list[str]:
    return [i.label for i in _concern_infos(level, phrases, experts, ctx)]


def _order(level: Level) -> list[int]:
    k = level.scores.shape[1]
    sizes = np.bincount(level.primary[level.primary >= 0], minlength=k)
    seeded = [j for j in range(k) if j < len(level.seed_of) and level.seed_of[j] >= 0]
    rest = sorted((j for j in range(k) if j not in seeded and sizes[j] > 0), key=lambda j: (-sizes[j], j))
    return [j for j in seeded if sizes[j] > 0] + rest


def _reorder(level: Level, order: list[int], seeded: bool = False) -> Level:
    inv = {old: new for new, old in enumerate(order)}
    prim = np.array([inv.get(int(p), -1) for p in level.primary], dtype=int)
    seed_of = [level.seed_of[j] if j < len(level.seed_of) else -1 for j in order] if seeded else []
    residual = [j < len(level.residual) and level.residual[j] for j in order] if seeded else []
    cores = [level.cores[j] if j < len(level.cores) else [] for j in order] if seeded else []
    return Level(primary=prim, scores=level.scores[:, order], member=level.member[:, order],
                 tau=level.tau, seed_of=seed_of, residual=residual, cores=cores)


def _labels(level: Level, phrases: list[list[str]], experts: np.ndarray, docs: list,
            banned: Any = None, generic: Any = ()) -> list[str]:
    """Fine themes: the best phrase of the theme's rank-1 points. Concerns (``banned`` given):
    the best phrase of all the points carrying the concern, used by >= 2 of its experts, not an
    area name or area-marking word, paired with the next best (see ``make_phrase_labels``)."""
    k = level.scores.shape[1]
    kw = [[w for w, _ in ws] for ws in ctfidf_keywords(docs, level.primary, experts, k, top_n=5)]
    if banned is None:
        members = [np.flatnonzero(level.primary == t).tolist() for t in range(k)]
        return make_phrase_labels(phrases, members, experts.tolist(), kw, generic=generic)
    members = [np.flatnonzero(level.member[:, t]).tolist() for t in range(k)]
    return make_phrase_labels(phrases, members, experts.tolist(), kw, min_experts=2, banned=banned,
                              pair=True, generic=generic)


def _apply_merges(level: Level, labels: list[str], stab: Any, owner: list | None, cb: Any,
                  phrases: list, experts: np.ndarray, docs: list, seeds: list[str] | None = None,
                  banned: Any = None, generic: Any = (), flags: list[bool] | None = None,
                  ctx: dict | None = None):
    """Merge the groups the codebook names (by label or id) into the first of each group;
    ``flags`` (the residual pass's mark per group) stay with the groups no merge touched."""
    k = level.scores.shape[1]
    seeds = list(seeds) if seeds is not None else [""] * k
    flags = list(flags) if flags is not None else [False] * k
    target = list(range(k))
    new_label: dict[int, str] = {}
    for group, label in cb.merges:
        ids = [j for j in range(k) if labels[j] in group or str(j) in group]
        if owner is not None:  # fine themes merge only within one area
            ids = [j for j in ids if owner[j] == owner[ids[0]]] if ids else ids
        if len(ids) < 2:
            continue
        for j in ids[1:]:
            target[j] = ids[0]
        if label:
            new_label[ids[0]] = label
    if all(target[j] == j for j in range(k)):
        return level, labels, stab, owner, seeds, flags
    keep = [j for j in range(k) if target[j] == j]
    pos = {j: i for i, j in enumerate(keep)}
    S = np.zeros((level.scores.shape[0], len(keep)))
    M = np.zeros_like(S, dtype=bool)
    for j in range(k):
        S[:, pos[target[j]]] = np.maximum(S[:, pos[target[j]]], level.scores[:, j])
        M[:, pos[target[j]]] |= level.member[:, j]
    prim = np.array([pos[target[p]] if p >= 0 else -1 for p in level.primary], dtype=int)
    cores = [list(dict.fromkeys(w for x in range(k) if target[x] == j and x < len(level.cores)
                                for w in level.cores[x])) for j in keep]
    merged = Level(primary=prim, scores=S, member=M, tau=level.tau, cores=cores)
    relabel = (_concern_labels(merged, phrases, experts, ctx) if ctx is not None
               else _labels(merged, phrases, experts, docs, banned, generic=generic))
    labels2 = []
    for j in keep:
        if j in new_label:
            labels2.append(new_label[j])
        elif any(target[x] == j and x != j for x in range(k)):
            labels2.append(relabel[pos[j]])
        else:
            labels2.append(labels[j])
    if stab is not None:  # a merged group's stability is not measured: keep the first's
        stab = tuple(np.asarray(a)[keep] for a in stab)
    owner2 = [owner[j] for j in keep] if owner is not None else None
    merged_into = {target[x] for x in range(k) if target[x] != x}
    return merged, labels2, stab, owner2, [seeds[j] for j in keep], \
        [flags[j] and j not in merged_into for j in keep]
