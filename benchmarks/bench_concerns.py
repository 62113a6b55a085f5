"""Point-level themes and cross-area concerns against the hand reading of the sample.

    python benchmarks/bench_concerns.py                 # quality vs tests/fixtures/gold/sample_concerns.toml
    python benchmarks/bench_concerns.py --only embeddings   # TF-IDF vs e5 vs USE on the labelled set
    python benchmarks/bench_concerns.py --only cli      # `consult themes` cold and warm
    python benchmarks/bench_concerns.py --random-state 0 1 2 --gold other_reading.toml
    python benchmarks/bench_concerns.py --only sensitivity   # the headline rules moved one at a time

Per gold concern: the best-matching fine theme's and concern's F1 at point level (a point counts
for every theme it is assigned to; the gold's borderline and excluded points are left out of both
sides), the areas the best match spans, and for a cross-area gold concern whether a concern marked
``cross_area`` matches it with F1 >= 0.5. Then the headline list (``concerns_.headline``): each
headline concern's best match among the read concerns at point level and at question level (a
question counts when one of its points does), real when F1 >= 0.4 on either. The same against
``sample_concerns_second.toml`` (a second reading, written without the tool's output) when it is
there, and any ``--gold`` file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "kaist_2023_annual_report.txt"
GOLD = ROOT / "tests" / "fixtures" / "gold" / "sample_concerns.toml"
SECOND = ROOT / "tests" / "fixtures" / "gold" / "sample_concerns_second.toml"
EXTRA_GOLD: list[str] = []  # --gold: more hand readings (same schema)
LABELLED = ROOT / "benchmarks" / "fixtures" / "concern_points.toml"


def load_gold(path: Path = GOLD) -> tuple[list[dict], set[str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data["concern"], set(data.get("excluded", []))


def _f1(pred: set, gold: set) -> float:
    tp = len(pred & gold)
    return 0.0 if not tp else 2 * tp / (len(pred) + len(gold))


def score(model, gold: list[dict], excluded: set[str]) -> list[dict]:
    """One row per gold concern (see module doc)."""
    pt = model.point_themes_
    ca = model.concern_assignments_
    themes = {t: set(g["point_id"]) for t, g in pt.groupby("theme_id")}
    concerns = {c: set(g["point_id"]) for c, g in ca.groupby("concern_id")}
    cross = dict(zip(model.concerns_["concern_id"], model.concerns_["cross_area"], strict=True))
    t_label = dict(zip(model.themes_["theme_id"], model.themes_["label"], strict=True))
    c_label = dict(zip(model.concerns_["concern_id"], model.concerns_["label"], strict=True))
    area_of = dict(zip(pt["point_id"], pt["area"], strict=False))
    area_of.update(dict(zip(ca["point_id"], ca["area"], strict=False)))
    rows = []
    for g in gold:
        ignore = set(g.get("borderline", [])) | excluded
        want = set(g["points"]) - ignore

        def best(groups: dict, ignore: set = ignore, want: set = want) -> tuple[float, int]:
            scored = [(_f1(pts - ignore, want), k) for k, pts in groups.items()]
            return max(scored) if scored else (0.0, -1)

        tf, tid = best(themes)
        cf, cid = best(concerns)
        use_c = cf >= tf
        pts = (concerns.get(cid, set()) if use_c else themes.get(tid, set())) - ignore
        areas = sorted({area_of.get(p, "") for p in pts} - {""})
        cross_found = any(cross[c] and _f1(p - ignore, want) >= 0.5 for c, p in concerns.items())
        rows.append({
            "key": g.get("key", g["name"]), "name": g["name"], "scope": g.get("scope", ""),
            "named": g.get("named", ""), "n_gold": len(want),
            "theme_f1": round(tf, 2), "theme": t_label.get(tid, ""),
            "concern_f1": round(cf, 2), "concern": c_label.get(cid, ""),
            "best_f1": round(max(tf, cf), 2), "best_areas": areas,
            "cross_found": cross_found if g.get("scope") == "cross" else None,
        })
    return rows


#: a headline concern is real when it matches a read concern at this F1 (points or questions)
REAL_F1 = 0.4


def headline(model, gold: list[dict], excluded: set[str]) -> list[dict]:
    """One row per headline concern (``concerns_.headline``, in ``headline_rank`` order): the read
    concern it matches best at point level and at question level (a question counts when one of
    its points does), and whether it is real (F1 >= ``REAL_F1`` on either)."""
    c = model.concerns_
    heads = c[c["headline"]].sort_values("headline_rank") if "headline" in c else c.head(0)
    ca = model.concern_assignments_
    pts = {cid: set(g["point_id"]) for cid, g in ca.groupby("concern_id")}
    q_of = dict(zip(ca["point_id"], ca["question_id"], strict=False))
    q_of.update(dict(zip(model.point_assignments_["point_id"], model.point_assignments_["question_id"],
                         strict=False)))
    rows = []
    for r in heads.to_dict("records"):
        mine = pts.get(r["concern_id"], set())
        best_p, best_q = (0.0, ""), (0.0, "")
        for g in gold:
            ignore = set(g.get("borderline", [])) | excluded
            want = set(g["points"]) - ignore
            best_p = max(best_p, (_f1(mine - ignore, want), g.get("key", g["name"])))
            wq = {q_of.get(p, p.rsplit(".", 1)[0]) for p in want}
            mq = {q_of.get(p, p.rsplit(".", 1)[0]) for p in mine - ignore}
            best_q = max(best_q, (_f1(mq, wq), g.get("key", g["name"])))
        rows.append({"rank": int(r["headline_rank"]), "label": r["label"],
                     "facet": int(r.get("parent_id", -1)) >= 0 and bool(
                         c.loc[c["concern_id"] == r.get("parent_id", -1), "headline"].any()),
                     "n_experts_area": int(r["n_experts_area"]), "n_forum": int(r["n_forum"]),
                     "n_areas": int(r["n_areas"]), "n_points": int(r["n_points"]),
                     "basis": r["label_basis"], "support": r["label_support"],
                     "point_f1": round(best_p[0], 2), "point_match": best_p[1],
                     "question_f1": round(best_q[0], 2), "question_match": best_q[1],
                     "real": max(best_p[0], best_q[0]) >= REAL_F1})
    return rows


def print_headline(model, gold: list[dict], excluded: set[str], name: str = "") -> tuple[int, int]:
    rows = headline(model, gold, excluded)
    print(f"headline concerns{name}: {sum(r['real'] for r in rows)} of {len(rows)} real "
          f"(F1 >= {REAL_F1} with a read concern, points or questions); at point level "
          f"{sum(r['point_f1'] >= REAL_F1 for r in rows)} of {len(rows)}; distinct read concerns "
          f"matched: {len({r['point_match'] if r['point_f1'] >= r['question_f1'] else r['question_match'] for r in rows if r['real']})}")
    for r in rows:
        print(f"  {r['rank']:2d}. {('▸ ' if r.get('facet') else '') + r['label'][:26]:28s} 전문가 {r['n_experts_area']:2d}명+포럼 {r['n_forum']}, "
              f"{r['n_areas']}개 분야, {r['n_points']:3d} pts [{r['basis']}, {r['support']:.2f}]  "
              f"pt {r['point_f1']:.2f} {r['point_match']:14s} q {r['question_f1']:.2f} {r['question_match']:14s}"
              f"{'' if r['real'] else '  NOT REAL'}")
    return sum(r["real"] for r in rows), len(rows)


def quality(embedding=None, random_state: int = 0) -> None:
    import consult
    from consult.themes import ThemeModel

    corpus = consult.load(SAMPLE)
    gold, excluded = load_gold()
    t0 = time.perf_counter()
    model = ThemeModel(random_state=random_state, embedding=embedding).fit(corpus)
    dt = time.perf_counter() - t0
    rows = score(model, gold, excluded)
    print(f"embedding={embedding or 'tfidf'}, random_state={random_state}: fit {dt:.1f} s; {model.n_themes_} fine themes, "
          f"{model.n_concerns_} concerns, {int(model.concerns_['cross_area'].sum())} cross-area "
          f"(>=2 experts in >=2 areas)")
    print(f"{'gold concern':38s} {'scope':5s} {'n':>3s} {'theme F1':>8s} {'concern F1':>10s} "
          f"{'cross found':>11s}  best match (areas)")
    for r in rows:
        cf = "" if r["cross_found"] is None else ("yes" if r["cross_found"] else "no")
        print(f"{r['name'][:38]:38s} {r['scope']:5s} {r['n_gold']:3d} {r['theme_f1']:8.2f} "
              f"{r['concern_f1']:10.2f} {cf:>11s}  {r['theme'] if r['theme_f1'] > r['concern_f1'] else r['concern']} "
              f"({', '.join(r['best_areas'])})")
    named = [r for r in rows if r["named"]]
    print("named:", ", ".join(f"{r['named']} {r['best_f1']:.2f}" for r in named))
    cross = [r for r in rows if r["scope"] == "cross"]
    print(f"cross-area gold concerns found as cross-area concerns: "
          f"{sum(bool(r['cross_found']) for r in cross)} / {len(cross)}")
    print(f"mean best F1 over all gold concerns: {np.mean([r['best_f1'] for r in rows]):.2f}")
    print_headline(model, gold, excluded)
    for path in [SECOND, *EXTRA_GOLD]:
        if not Path(path).exists():
            continue
        gold2, excluded2 = load_gold(Path(path))
        rows2 = score(model, gold2, excluded2)
        cross2 = [r for r in rows2 if r["scope"] == "cross"]
        print(f"reading {Path(path).name}: cross-area read concerns found as cross-area concerns: "
              f"{sum(bool(r['cross_found']) for r in cross2)} / {len(cross2)}")
        print_headline(model, gold2, excluded2, f" vs {Path(path).name}")


def embeddings() -> None:
    """kNN precision and clustering ARI of each representation on the hand-labelled points."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import adjusted_rand_score

    import consult
    from consult.themes.concerns import area_marker_weights, center_by, combine, tfidf
    from consult.themes.embed import get_embedder
    from consult.themes.notes import strip_notes
    from consult.themes.synonyms import load_synonyms
    from consult.tokens import default_tokenizer

    corpus = consult.load(SAMPLE)
    p = corpus.points.reset_index(drop=True)
    texts = [strip_notes(t) for t in p["text"]]
    docs = load_synonyms().tokens(default_tokenizer().tokenize(texts))
    area = p["area"].fillna("").astype(str).to_numpy()
    groups = tomllib.loads(LABELLED.read_text(encoding="utf-8"))["group"]
    short = p["point_id"].str.split("#").str[1].tolist()
    lab = {pid: gi for gi, g in enumerate(groups) for pid in g["points"]}
    idx = [i for i, s in enumerate(short) if s in lab]
    y = np.array([lab[short[i]] for i in idx])
    X = tfidf(docs)
    Xm = tfidf(docs, area_marker_weights(docs, area, p["transcript_id"].astype(str).tolist()))

    def metrics(V) -> tuple[float, float, float]:
        V = V[idx]
        V = V.toarray() if hasattr(V, "toarray") else np.asarray(V)
        V = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
        S = V @ V.T
        np.fill_diagonal(S, -9)
        a = area[idx]
        p5, c5 = [], []
        for i in range(len(idx)):
            p5.append(np.mean(y[np.argsort(-S[i])[:5]] == y[i]))
            Sc = np.where(a == a[i], -9, S[i])
            c5.append(np.mean(y[np.argsort(-Sc)[:5]] == y[i]))
        cl = AgglomerativeClustering(len(groups), metric="cosine", linkage="average").fit_predict(V)
        return float(np.mean(p5)), float(np.mean(c5)), float(adjusted_rand_score(y, cl))

    print(f"{len(idx)} hand-labelled points in {len(groups)} groups ({LABELLED.name}); "
          "p@5 = share of the 5 nearest labelled points in the same group; cross p@5 = the same "
          "among points of other areas; ARI of average-linkage clustering into the groups")
    print(f"{'representation':32s} {'p@5':>6s} {'cross p@5':>9s} {'ARI':>6s} {'encode s':>8s}")
    for name, V, dt in (("tfidf", X, 0.0), ("tfidf, area words down-weighted", Xm, 0.0)):
        print(f"{name:32s} " + " ".join(f"{v:6.3f}" for v in metrics(V)) + f" {dt:8.1f}")
    for name in ("e5", "use"):
        try:
            emb = get_embedder(name)
            t0 = time.perf_counter()
            E = emb.encode(texts)
            dt = time.perf_counter() - t0
        except Exception as exc:  # noqa: BLE001
            print(f"{name}: not available ({exc})")
            continue
        for label, V in ((name, E), (f"{name} centred by area", center_by(E, area)),
                         (f"tfidf + {name}", combine(X, E)),
                         (f"masked tfidf + {name} centred", combine(Xm, center_by(E, area)))):
            m = metrics(V)
            print(f"{label:32s} {m[0]:6.3f} {m[1]:9.3f} {m[2]:6.3f} {dt:8.1f}")


#: (parameter, values) varied one at a time by --only sensitivity
SENSITIVITY = [
    ("MIN_COHESION", [1.28, 1.645, 2.0, 2.33]),
    ("MIN_LABEL_SUPPORT", [0.25, 1 / 3, 0.5]),
    ("FACET_SHARE", [0.5, 0.6, 0.7]),
    ("MAX_AREA_SHARE", [0.6, 2 / 3, 0.75]),
    ("MIN_REPEAT", [1, 2]),
    ("BROAD_SHARE", [0.3, 0.4, 0.5]),
    ("MIN_POINTS", [3, 4, 5]),
]


def sensitivity() -> None:
    """The headline list's precision against both readings when one rule of
    :mod:`consult.themes.phrase_concerns` is moved (the others at their defaults), plus the lone-word
    rarity (:data:`consult.common_words.RARE_ZIPF`)."""
    import consult
    import consult.common_words as cw
    import consult.themes.phrase_concerns as pc
    from consult.themes import ThemeModel

    corpus = consult.load(SAMPLE)
    readings = [(GOLD.name, *load_gold(GOLD))] + ([(SECOND.name, *load_gold(SECOND))] if SECOND.exists() else [])

    def run(what: str) -> None:
        model = ThemeModel(random_state=0).fit(corpus)
        parts = []
        for name, gold, excluded in readings:
            rows = headline(model, gold, excluded)
            parts.append(f"{name.removesuffix('.toml')}: {sum(r['real'] for r in rows)}/{len(rows)} real, "
                         f"{sum(r['point_f1'] >= REAL_F1 for r in rows)} at points")
        heads = model.concerns_[model.concerns_["headline"]].sort_values("headline_rank")["label"].tolist()
        print(f"{what:28s} " + "; ".join(parts) + f"  [{', '.join(heads)}]")

    run("defaults")
    for param, values in SENSITIVITY:
        default = getattr(pc, param)
        for v in values:
            if abs(float(v) - float(default)) < 1e-9:
                continue
            setattr(pc, param, type(default)(v))
            try:
                run(f"{param}={v:.3g}")
            finally:
                setattr(pc, param, default)
    default = cw.RARE_ZIPF
    for v in (3.5, 3.9, 4.35):
        cw.RARE_ZIPF = v
        try:
            run(f"RARE_ZIPF={v}")
        finally:
            cw.RARE_ZIPF = default


def cli() -> None:
    """``consult themes`` on the sample in a new process: empty token cache, then warm."""
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, CONSULT_CACHE_DIR=cache)
        for what in ("cold", "warm"):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "from consult.cli import main; main()", "themes", str(SAMPLE), "-o",
                            str(Path(out) / "t.csv"), "-q"], check=True, env=env,
                           stderr=subprocess.DEVNULL)
            print(f"consult themes ({what} token cache): {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", choices=["quality", "embeddings", "cli", "sensitivity"])
    ap.add_argument("--embedding", default=None, help="quality with this embedding (e5, use)")
    ap.add_argument("--random-state", type=int, nargs="+", default=[0],
                    help="quality at each of these random states (e.g. 0 1 2)")
    ap.add_argument("--gold", action="append", default=[],
                    help="another hand reading to score against too (same schema)")
    args = ap.parse_args()
    EXTRA_GOLD.extend(args.gold)
    only = args.only or ["quality", "cli"]
    if "quality" in only:
        for rs in args.random_state:
            quality(args.embedding, rs)
    if "embeddings" in only:
        embeddings()
    if "sensitivity" in only:
        sensitivity()
    if "cli" in only:
        cli()
