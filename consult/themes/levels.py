"""``ThemeModel(unit="point")`` fitting: points -> fine themes and cross-area concerns -> tables.

See :mod:`consult.themes.concerns` for the method and ``docs/themes.md`` for the columns.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from .base import CorpusTooSmallError, EmptyCorpusError
from .concerns import (
    Level,
    anchored_concerns,
    anchored_level,
    area_marker_weights,
    choose_k_anchored,
    choose_k_fine,
    combine,
    cross_vocabulary,
    jaccard_stability,
    monologue,
    score_level,
    spherical_kmeans,
    tfidf,
)
from .labels import ctfidf_keywords
from .notes import is_note, strip_notes
from .phrases import make_phrase_labels, phrase_lists

__all__ = ["fit_point_levels", "POINT_THEME_COLUMNS", "CONCERN_COLUMNS",
           "CONCERN_ASSIGNMENT_COLUMNS", "STABILITY_COLUMNS"]

#: ``point_themes_``: one row per (point, fine theme) pair
POINT_THEME_COLUMNS = ["point_id", "question_id", "transcript_id", "area", "role", "theme_id",
                       "theme_label", "score", "rank"]
#: ``concerns_``: one row per cross-level concern
CONCERN_COLUMNS = ["concern_id", "label", "cross_area", "n_experts", "n_areas", "areas", "roles",
                   "n_points", "theme_ids", "keywords", "experts", "points", "quotes", "stability",
                   "reappears", "monologue", "seed"]
#: ``concern_assignments_``: one row per (point, concern) pair
CONCERN_ASSIGNMENT_COLUMNS = ["point_id", "question_id", "transcript_id", "area", "role",
                              "concern_id", "concern_label", "score", "rank"]
#: ``stability_``: one row per theme and per concern
STABILITY_COLUMNS = ["level", "id", "label", "stability", "reappears"]


def _col(df: pd.DataFrame, c: str, default: Any = "") -> np.ndarray:
    if c in df.columns:
        return df[c].fillna(default).to_numpy(dtype=object) if default is not None else df[c].to_numpy()
    return np.full(len(df), default, dtype=object)


def fit_point_levels(model: Any, corpus: Any) -> None:
    from .embed import encode, get_embedder
    from .synonyms import load_synonyms

    questions = corpus.questions
    points = corpus.points.reset_index(drop=True)
    if not len(points) and not len(questions):
        raise EmptyCorpusError("the corpus has no questions: nothing to find themes in")
    tok = model._tokenizer()
    syn = load_synonyms(model.synonyms)
    raw = _col(points, "text").astype(str).tolist()
    clean = [strip_notes(t) for t in raw]
    note = np.array([is_note(t) for t in raw], dtype=bool)
    docs = syn.tokens(tok.tokenize(clean)) if clean else []
    live = np.array([bool(d) for d in docs], dtype=bool) & ~note
    idx = np.flatnonzero(live)
    experts_all = _col(points, "transcript_id").astype(str)
    if len(set(experts_all[idx])) < 2:
        raise CorpusTooSmallError(
            f"themes are concerns that recur across experts, but the corpus has "
            f"{len(set(experts_all[idx]))} transcript with answer words; give at least 2"
        )
    if len(idx) < 3:
        raise CorpusTooSmallError(f"the corpus has {len(idx)} answer points with words; themes need at least 3")
    ldocs = [docs[i] for i in idx]
    ltexts = [clean[i] for i in idx]
    area = _col(points, "area").astype(str)[idx]
    experts = experts_all[idx]
    rs = model.random_state

    # representations
    X = tfidf(ldocs)
    markers = area_marker_weights(ldocs, area, experts)
    # seeds (codebook / seed_words) -> concerns anchored by their seed words
    seeds = model._seed_table()
    seed_tokens = [list(dict.fromkeys(w for ws in tok.tokenize(words) for w in syn.tokens([ws])[0]))
                   for words in seeds.values()]
    cross_vocab = cross_vocabulary(ldocs, area, experts, markers) | {w for ws in seed_tokens for w in ws}
    cdocs = [[w for w in d if w in cross_vocab] for d in ldocs]
    Xc, c_vocab = tfidf(cdocs, return_vocab=True) if any(cdocs) else (tfidf(ldocs, markers, return_vocab=True))
    Bc = (Xc > 0).astype(float)
    embedder = get_embedder(model.embedding)
    E = encode(embedder, ltexts) if embedder is not None else None
    F = combine(X, E)

    seed_cores = [[w for w in words if w in set(c_vocab)] for words in seed_tokens]
    seed_index = [i for i, c in enumerate(seed_cores) if c]
    seed_cores = [seed_cores[i] for i in seed_index]

    k_fine_total = [0]

    def fine_run(seed: int | None, keep: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
        lab = np.full(len(idx), -1)
        cents, owner = [], []
        for g in sorted(set(area)):
            m = np.flatnonzero((area == g) & (keep if keep is not None else True))
            k = choose_k_fine(len(m)) if model.n_themes is None else max(1, min(len(m), round(model.n_themes * len(m) / len(idx))))
            sub, C = spherical_kmeans(F[m], k, seed)
            lab[m] = sub + len(cents)
            cents.extend(list(C))
            owner.extend([g] * len(C))
        return lab, np.vstack(cents), owner

    def concern_run(seed: int | None, keep: np.ndarray | None = None) -> Level:
        k = choose_k_anchored(len(idx)) if model.n_concerns is None else int(model.n_concerns)
        k = max(k, len(seed_cores) + 1)
        rows = np.flatnonzero(keep) if keep is not None else np.arange(len(idx))
        cores = anchored_concerns(Xc[rows], c_vocab, k, seed, seeds=seed_cores)
        lev = anchored_level(Xc[rows], Bc[rows], c_vocab, cores, model.min_score, len(seed_cores))
        if keep is None:
            return lev
        lab = np.full(len(idx), -1)
        lab[rows] = lev.primary
        return Level(primary=lab, scores=lev.scores, member=lev.member, tau=lev.tau)

    flab, fC, owner = fine_run(rs)
    scope = (np.asarray(owner)[None, :] == area[:, None]).astype(float)
    fine = score_level(F, flab, fC, scope, model.min_score)
    conc = concern_run(rs)
    conc.seed_of = [seed_index[j] if j >= 0 else -1 for j in conc.seed_of]
    k_fine_total[0] = fC.shape[0]

    # stability across seeds
    n_stab = int(model.stability_seeds or 0)
    f_runs, c_runs = [], []
    for s in range(n_stab):  # each run: 90% of the points, drawn with seed s, and random_state s
        keep = np.random.default_rng(s).random(len(idx)) < 0.9
        f_runs.append(fine_run(s, keep)[0])
        c_runs.append(concern_run(s, keep).primary)
    f_stab = jaccard_stability(fine.primary, f_runs, fine.scores.shape[1]) if n_stab else None
    c_stab = jaccard_stability(conc.primary, c_runs, conc.scores.shape[1]) if n_stab else None

    # codebook merges (by label after labelling), then renumber by size
    phrases = phrase_lists(ltexts, tok, syn)
    fine_order = _order(fine)
    conc_order = _order(conc)
    fine = _reorder(fine, fine_order)
    conc = _reorder(conc, conc_order, seeded=True)
    if f_stab is not None:
        f_stab = tuple(a[fine_order] for a in f_stab)
        c_stab = tuple(a[conc_order] for a in c_stab)
    fine_owner = [owner[j] for j in fine_order]

    f_labels = _labels(fine, phrases, experts, ldocs)
    banned = set(markers) | {a for a in area if a}
    c_labels = _labels(conc, phrases, experts, ldocs, banned)
    seed_labels = list(seeds)
    c_seed = [seed_labels[s] if s >= 0 else "" for s in conc.seed_of]
    c_labels = [c_seed[j] or c_labels[j] for j in range(len(c_labels))]

    cb = model._codebook()
    fine, f_labels, f_stab, fine_owner, _ = _apply_merges(fine, f_labels, f_stab, fine_owner, cb, phrases, experts, ldocs)
    conc, c_labels, c_stab, _, c_seed = _apply_merges(conc, c_labels, c_stab, None, cb, phrases, experts, ldocs, c_seed,
                                                 banned)
    f_labels = [cb.rename.get(x, x) for x in f_labels]
    c_labels = [cb.rename.get(x, x) for x in c_labels]

    # ---------------------------------------------------------------- tables
    pid = _col(points, "point_id").astype(str)[idx]
    qid = _col(points, "question_id").astype(str)[idx]
    role = _col(points, "role").astype(str)[idx]
    kf = fine.scores.shape[1]
    kc = conc.scores.shape[1]
    f_kw = [[w for w, _ in ws] for ws in ctfidf_keywords(ldocs, fine.primary, experts, kf, top_n=model.n_keywords)]
    c_kw = [[w for w, _ in ws] for ws in ctfidf_keywords(ldocs, conc.primary, experts, kc, top_n=model.n_keywords)]

    def long_table(level: Level, labels: list[str], id_col: str, label_col: str) -> pd.DataFrame:
        rows = []
        for i in range(len(idx)):
            js = np.flatnonzero(level.member[i])
            js = sorted(js, key=lambda j: (j != level.primary[i], -level.scores[i, j], j))
            for r, j in enumerate(js, 1):
                rows.append((pid[i], qid[i], experts[i], area[i], role[i], int(j), labels[j],
                             round(float(level.scores[i, j]), 6), r))
        cols = ["point_id", "question_id", "transcript_id", "area", "role", id_col, label_col, "score", "rank"]
        return pd.DataFrame(rows, columns=cols)

    model.point_themes_ = long_table(fine, f_labels, "theme_id", "theme_label")
    model.concern_assignments_ = long_table(conc, c_labels, "concern_id", "concern_label")

    # fine theme -> concern (majority of its primary points)
    theme_concern = []
    for t in range(kf):
        m = fine.primary == t
        c = conc.primary[m]
        c = c[c >= 0]
        theme_concern.append(int(Counter(c.tolist()).most_common(1)[0][0]) if len(c) else -1)

    # point- and question-level views (legacy columns)
    p_theme = np.full(len(points), -1)
    p_score = np.zeros(len(points))
    p_theme[idx] = fine.primary
    own = fine.scores[np.arange(len(idx)), np.maximum(fine.primary, 0)]
    p_score[idx] = np.where(fine.primary >= 0, own, 0.0)
    q_ids = _col(questions, "question_id").astype(str)
    q_sum: dict[str, np.ndarray] = {}
    q_n: Counter = Counter()
    allq = _col(points, "question_id").astype(str)
    for q in allq:
        q_n[q] += 1
    for i, q in enumerate(qid):
        v = np.where(fine.member[i], fine.scores[i], 0.0)
        q_sum[q] = q_sum.get(q, np.zeros(kf)) + v
    q_theme = np.full(len(questions), -1)
    q_score = np.zeros(len(questions))
    for j, q in enumerate(q_ids):
        v = q_sum.get(q)
        if v is not None and v.max() > 0:
            q_theme[j] = int(v.argmax())
            q_score[j] = float(v.max() / max(q_n[q], 1))
    model._labels = f_labels
    q_of = dict(zip(q_ids.tolist(), q_theme.tolist(), strict=True))
    p_qtheme = np.array([q_of.get(q, -1) for q in allq], dtype=int)
    model.assignments_ = model._assignments(questions, q_theme, np.clip(q_score, 0, 1))
    model.point_assignments_ = model._point_assignments(points, p_theme, p_score, p_qtheme)
    model.point_assignments_["note"] = note

    # themes_
    quotes_f = _quotes(fine, points, idx, ltexts, model.n_quotes)
    rows = []
    for t in range(kf):
        m = fine.member[:, t]
        qm = q_theme == t
        mono, share = monologue(experts[fine.primary == t].tolist())
        rows.append({
            "theme_id": t, "label": f_labels[t], "keywords": f_kw[t],
            "size": int(qm.sum()),
            "n_transcripts": int(len(set(experts[m]))),
            "areas": _counts(area[m]), "roles": _counts(role[m]),
            "quotes": quotes_f[t], "seed": "",
            "area": fine_owner[t] if fine_owner else "",
            "n_points": int(m.sum()),
            "concern_id": theme_concern[t],
            "stability": round(float(f_stab[0][t]), 3) if f_stab is not None else np.nan,
            "reappears": round(float(f_stab[1][t]), 3) if f_stab is not None else np.nan,
            "monologue": mono,
        })
    model.themes_ = pd.DataFrame(rows, columns=THEME_POINT_COLUMNS)

    # concerns_
    quotes_c = _quotes(conc, points, idx, ltexts, model.n_quotes)
    crow = []
    for c in range(kc):
        m = conc.member[:, c]
        ex = sorted(set(experts[m]))
        by_area: dict[str, set] = {}
        for a, e in zip(area[m], experts[m], strict=True):
            if a:
                by_area.setdefault(a, set()).add(e)
        n_areas = len(by_area)
        n_exp_in_areas = len(set().union(*by_area.values())) if by_area else 0
        mono, _ = monologue(experts[conc.primary == c].tolist())
        crow.append({
            "concern_id": c, "label": c_labels[c],
            "cross_area": bool(n_areas >= 2 and n_exp_in_areas >= 2),
            "n_experts": len(ex), "n_areas": n_areas,
            "areas": {a: len(v) for a, v in sorted(by_area.items(), key=lambda kv: (-len(kv[1]), kv[0]))},
            "roles": _counts(role[m]), "n_points": int(m.sum()),
            "theme_ids": [t for t in range(kf) if theme_concern[t] == c],
            "keywords": c_kw[c], "experts": ex, "points": pid[m].tolist(),
            "quotes": quotes_c[c],
            "stability": round(float(c_stab[0][c]), 3) if c_stab is not None else np.nan,
            "reappears": round(float(c_stab[1][c]), 3) if c_stab is not None else np.nan,
            "monologue": mono, "seed": c_seed[c] if c < len(c_seed) else "",
        })
    model.concerns_ = pd.DataFrame(crow, columns=CONCERN_COLUMNS)
    stab = [("theme", r["theme_id"], r["label"], r["stability"], r["reappears"]) for r in rows]
    stab += [("concern", r["concern_id"], r["label"], r["stability"], r["reappears"]) for r in crow]
    model.stability_ = pd.DataFrame(stab, columns=STABILITY_COLUMNS)
    model.area_markers_ = sorted(markers)
    model.n_themes_ = kf
    model.n_themes_chosen_ = k_fine_total[0]
    model.n_themes_auto_ = model.n_themes is None
    model.n_concerns_ = kc
    model.n_documents_ = len(idx)
    model.score_threshold_ = {"theme": fine.tau, "concern": conc.tau}
    model.seeds_ = dict(zip(seed_labels, seed_tokens, strict=True))


#: ``themes_`` columns when ``unit="point"`` (the legacy columns first)
THEME_POINT_COLUMNS = ["theme_id", "label", "keywords", "size", "n_transcripts", "areas", "roles",
                       "quotes", "seed", "area", "n_points", "concern_id", "stability",
                       "reappears", "monologue"]


def _counts(values: np.ndarray) -> dict[str, int]:
    vc = pd.Series(values, dtype=object).fillna("").astype(str).value_counts()
    return {k: int(v) for k, v in sorted(vc.items(), key=lambda kv: (-kv[1], kv[0]))}


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
    return Level(primary=prim, scores=level.scores[:, order], member=level.member[:, order],
                 tau=level.tau, seed_of=seed_of)


def _labels(level: Level, phrases: list[list[str]], experts: np.ndarray, docs: list,
            banned: Any = None) -> list[str]:
    """Fine themes: the best phrase of the theme's rank-1 points. Concerns (``banned`` given):
    the best phrase of all the points carrying the concern, used by >= 2 of its experts, not an
    area name or area-marking word, paired with the next best (see ``make_phrase_labels``)."""
    k = level.scores.shape[1]
    kw = [[w for w, _ in ws] for ws in ctfidf_keywords(docs, level.primary, experts, k, top_n=5)]
    if banned is None:
        members = [np.flatnonzero(level.primary == t).tolist() for t in range(k)]
        return make_phrase_labels(phrases, members, experts.tolist(), kw)
    members = [np.flatnonzero(level.member[:, t]).tolist() for t in range(k)]
    return make_phrase_labels(phrases, members, experts.tolist(), kw, min_experts=2, banned=banned,
                              pair=True)


def _apply_merges(level: Level, labels: list[str], stab: Any, owner: list | None, cb: Any,
                  phrases: list, experts: np.ndarray, docs: list, seeds: list[str] | None = None,
                  banned: Any = None):
    """Merge the groups the codebook names (by label or id) into the first of each group."""
    k = level.scores.shape[1]
    seeds = list(seeds) if seeds is not None else [""] * k
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
        return level, labels, stab, owner, seeds
    keep = [j for j in range(k) if target[j] == j]
    pos = {j: i for i, j in enumerate(keep)}
    S = np.zeros((level.scores.shape[0], len(keep)))
    M = np.zeros_like(S, dtype=bool)
    for j in range(k):
        S[:, pos[target[j]]] = np.maximum(S[:, pos[target[j]]], level.scores[:, j])
        M[:, pos[target[j]]] |= level.member[:, j]
    prim = np.array([pos[target[p]] if p >= 0 else -1 for p in level.primary], dtype=int)
    merged = Level(primary=prim, scores=S, member=M, tau=level.tau)
    relabel = _labels(merged, phrases, experts, docs, banned)
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
    return merged, labels2, stab, owner2, [seeds[j] for j in keep]


def _quotes(level: Level, points: pd.DataFrame, idx: np.ndarray, texts: list[str], n: int) -> list[list[dict]]:
    k = level.scores.shape[1]
    out: list[list[dict]] = [[] for _ in range(k)]
    cols = [c for c in ("question_id", "point_id", "transcript_id", "speaker", "role", "area") if c in points.columns]
    recs = points[cols].iloc[idx].to_dict("records")
    for t in range(k):
        rows = np.flatnonzero(level.primary == t)
        rows = sorted(rows, key=lambda i: (-round(level.scores[i, t], 6), -len(texts[i])))
        seen: set = set()
        for i in rows:
            r = recs[i]
            if r.get("transcript_id") in seen:
                continue
            seen.add(r.get("transcript_id"))
            out[t].append({
                "text": " ".join(texts[i].split()), "record_id": r.get("point_id"),
                "point_id": r.get("point_id"), "question_id": r.get("question_id"),
                "transcript_id": r.get("transcript_id"), "speaker": r.get("speaker"),
                "role": r.get("role"), "area": r.get("area"),
            })
            if len(out[t]) == n:
                break
    return out
