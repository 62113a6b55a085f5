"""Point-level themes (ThemeModel's default unit="point"): fine themes, concerns, gold figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from consult.themes import ThemeModel
from consult.themes.base import EmbeddingModelError, MissingDependencyError, ThemeError
from consult.themes.levels import (
    CONCERN_ASSIGNMENT_COLUMNS,
    CONCERN_COLUMNS,
    POINT_THEME_COLUMNS,
    STABILITY_COLUMNS,
    THEME_POINT_COLUMNS,
)
from consult.themes.model import ASSIGNMENT_COLUMNS
from consult.themes.notes import is_note, strip_notes

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold" / "sample_concerns.toml"

#: measured on the sample with the default model: 64 of 64 concerns pass the >= 2 experts in >= 2
#: areas rule (random_state 0); the test asks for 8 to leave room for seed and platform noise
MIN_CROSS_AREA = 8
#: cross-area gold concerns matched (F1 >= 0.5) by a concern marked cross_area: 5 of 11 at
#: random_state 0, 1 and 2 with the residual pass (talent 0.84, convergence 0.67 from `도메인`,
#: retention 0.56 from `처우`, industry-academia 0.51, international collaboration 0.50 from
#: `협업`); 3/2/3 before it. The test asks for 4 (the collaboration match sits at 0.50)
MIN_GOLD_CROSS = 4


def _bench():
    spec = importlib.util.spec_from_file_location("bench_concerns", ROOT / "benchmarks" / "bench_concerns.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_concerns"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def pmodel(sample_corpus):
    return ThemeModel(random_state=0).fit(sample_corpus)


def test_notes_are_stripped():
    assert strip_notes("본문\n* 각주: 설명\n  ※ 참고\n- 하위 항목") == "본문\n- 하위 항목"
    assert is_note("* 캐나다는 양자 기술 스타트업이 많음") and not is_note("본문 * 별표")


def test_tables(pmodel, sample_corpus):
    assert list(pmodel.themes_.columns) == THEME_POINT_COLUMNS
    assert list(pmodel.point_themes_.columns) == POINT_THEME_COLUMNS
    assert list(pmodel.concerns_.columns) == CONCERN_COLUMNS
    assert list(pmodel.concern_assignments_.columns) == CONCERN_ASSIGNMENT_COLUMNS
    assert list(pmodel.stability_.columns) == STABILITY_COLUMNS
    assert list(pmodel.assignments_.columns) == ASSIGNMENT_COLUMNS
    assert len(pmodel.assignments_) == len(sample_corpus.questions)  # one row per question
    assert len(pmodel.point_assignments_) == len(sample_corpus.points)
    pt = pmodel.point_themes_
    assert (pt["score"] >= pmodel.score_threshold_["theme"] - 1e-9).all()
    assert (pt.groupby("point_id")["rank"].min() == 1).all()
    # a fine theme lives in one area
    area_of = dict(zip(pmodel.themes_["theme_id"], pmodel.themes_["area"], strict=True))
    assert (pt["area"] == pt["theme_id"].map(area_of)).all()


def test_interviewer_note_gets_no_theme(pmodel):
    pa = pmodel.point_assignments_.set_index("point_id")
    note = "kaist_2023_annual_report#T13.Q4.P1"
    assert pa.loc[note, "note"] and pa.loc[note, "theme_id"] == -1
    assert note not in set(pmodel.point_themes_["point_id"])
    assert note not in set(pmodel.concern_assignments_["point_id"])


def test_cross_area_rule(pmodel):
    c = pmodel.concerns_
    assert ((c["n_areas"] >= 2) & (c["n_experts"] >= 2) | ~c["cross_area"]).all()
    assert int(c["cross_area"].sum()) >= MIN_CROSS_AREA


def test_labels_keep_compounds(pmodel):
    labels = " ".join(pmodel.themes_["label"]) + " " + " ".join(pmodel.concerns_["label"])
    assert "미스 · 매치" not in labels and "매치 · 미스" not in labels
    assert "미스매치" in labels and "특화망" in labels


def test_named_concerns_on_the_gold_reading(pmodel):
    bench = _bench()
    gold, excluded = bench.load_gold(GOLD)
    rows = {r["named"]: r for r in bench.score(pmodel, gold, excluded) if r["named"]}
    assert set(rows) == {"sw_talent", "tp_safety", "private_5g"}
    for name, r in rows.items():
        assert r["best_f1"] >= 0.6, (name, r)


def test_cross_area_gold_concerns_found(pmodel):
    bench = _bench()
    gold, excluded = bench.load_gold(GOLD)
    rows = {r["key"]: r for r in bench.score(pmodel, gold, excluded) if r["scope"] == "cross"}
    assert sum(bool(r["cross_found"]) for r in rows.values()) >= MIN_GOLD_CROSS, rows
    assert rows["talent"]["cross_found"] and rows["talent"]["concern_f1"] >= 0.7
    # the residual pass: small concerns with no NMF component of their own
    assert rows["retention"]["cross_found"] and rows["convergence"]["cross_found"], rows


def _residual_corpus():
    """Synthetic points in three areas: a large talent concern, background words, and a small
    concern (``규제``: 6 points, 5 experts, 3 areas, which share ``완화``/``개선``/``제도``) that
    a word-group model with few components does not give a group of its own."""
    docs, areas, experts = [], [], []
    fill = ["시장", "기업", "기술", "개발", "산업", "전략"]
    k = 0
    for a, area in enumerate(["반도체", "양자", "보안"]):
        for e in range(4):
            ex = f"T{a}{e}"
            for p in range(4):
                k += 1
                doc = ["인력", "양성", "교육", fill[k % 6]] if p < 2 else [fill[k % 6], fill[(k + 1) % 6],
                                                                         f"{area}{p}"]
                docs.append(doc)
                areas.append(area)
                experts.append(ex)
    for ex, area in [("T00", "반도체"), ("T01", "반도체"), ("T10", "양자"), ("T20", "보안"),
                     ("T21", "보안"), ("T21", "보안")]:
        docs.append(["규제", "완화", "개선", "제도", fill[len(docs) % 6]])
        areas.append(area)
        experts.append(ex)
    return docs, np.array(areas), np.array(experts)


def test_residual_words_find_a_small_cross_area_concern():
    from consult.themes.concerns import Level, add_residual, residual_words, tfidf

    docs, areas, experts = _residual_corpus()
    X, vocab = tfidf(docs, return_vocab=True)
    B = (X > 0).astype(float)
    talent = np.array(["인력" in d for d in docs])
    n = len(docs)
    lev = Level(primary=np.where(talent, 0, -1), scores=talent[:, None].astype(float),
                member=talent[:, None], tau=0.0, seed_of=[-1], cores=[["인력"]])
    extra = residual_words(X, B, vocab, lev.member, areas, experts, generic={"기술"})
    words = [w for w, _ in extra]
    reg = np.array(["규제" in d for d in docs])
    # the regulation points are found, by one of their shared words; the talent words are not
    # repeated (same points as the talent concern), nor the background words (points apart)
    assert words and all(w in {"규제", "완화", "개선", "제도"} for w in words), words
    assert (extra[0][1] == reg).all()
    assert len(words) == 1  # the other three words have the same points: one concern
    assert not {"인력", "양성", "교육", "시장", "기업", "개발"} & set(words)
    out = add_residual(X, lev, extra)
    assert out.member.shape == (n, 2) and out.cores == [["인력"], [words[0]]]
    assert (out.member[:, 1] == reg).all() and (out.primary[reg] >= 0).all()
    # the same points from too few experts, or from one area, are no residual concern
    few = np.where(reg, "T00", experts)
    assert residual_words(X, B, vocab, lev.member, areas, few) == []
    one_area = np.where(reg, "반도체", areas)
    assert residual_words(X, B, vocab, lev.member, one_area, experts) == []


def test_concern_labels_are_not_area_words(pmodel):
    c = pmodel.concerns_
    areas = {a for a in pmodel.point_themes_["area"] if a}
    banned = areas | set(pmodel.area_markers_)
    for label in c["label"]:
        parts = [w for p in label.split("·") for w in p.split()]
        assert not all(w in banned for w in parts), label
    assert c["label"].is_unique
    # points carry several concerns when their words anchor several
    assert (pmodel.concern_assignments_.groupby("point_id").size() > 1).any()


def test_same_random_state_same_output(pmodel, sample_corpus):
    again = ThemeModel(random_state=0).fit(sample_corpus)
    assert again.themes_["label"].tolist() == pmodel.themes_["label"].tolist()
    assert again.point_themes_.equals(pmodel.point_themes_)


def test_codebook_rename_merge_seed(tmp_path, sample_corpus, pmodel):
    a, b = pmodel.concerns_["label"].iloc[:2]
    book = tmp_path / "codebook.toml"
    book.write_text(
        '[[concern]]\nlabel = "배터리 안전"\nwords = ["TP", "화재"]\n\n'
        f'[rename]\n"{pmodel.themes_["label"].iloc[0]}" = "내 이름"\n\n'
        f'[[merge]]\nlabels = ["{a}", "{b}"]\nlabel = "합친 관심사"\n', encoding="utf-8")
    m = ThemeModel(random_state=0, codebook=book, stability_seeds=0).fit(sample_corpus)
    labels = m.concerns_["label"].tolist()
    assert "배터리 안전" in labels and m.concerns_.loc[m.concerns_["label"] == "배터리 안전", "seed"].iloc[0]
    assert "내 이름" in m.themes_["label"].tolist()
    bad = tmp_path / "bad.toml"
    bad.write_text("[[merge]]\nlabels = ['x']\n", encoding="utf-8")
    with pytest.raises(ThemeError, match="merge"):
        ThemeModel(codebook=bad).fit(sample_corpus)


def test_embedding_object_and_missing_model(sample_corpus):
    class Hash:
        def encode(self, texts):
            rng = np.random.default_rng(0)
            basis = rng.normal(size=(64, 16))
            return np.array([basis[[hash(w) % 64 for w in t.split()] or [0]].mean(axis=0) for t in texts])

    m = ThemeModel(embedding=Hash(), stability_seeds=0).fit(sample_corpus)
    assert m.n_themes_ > 5 and len(m.concerns_) > 2
    with pytest.raises((EmbeddingModelError, MissingDependencyError)):
        ThemeModel(embedding="no-such/model-xyz", stability_seeds=0).fit(sample_corpus)


def test_backend_needs_question_unit(sample_corpus):
    with pytest.raises(ThemeError, match="unit='question'"):
        ThemeModel(backend="bertopic").fit(sample_corpus)


# ------------------------------------------------------------------ headline concerns (issue 23)
def test_general_korean_word_kinds():
    """Light nouns (common in general Korean: wordfreq), names and compounds (Kiwi's parts of
    speech) — no word list."""
    from consult.themes.wordinfo import kind_of, word_profiles
    from consult.tokens import default_tokenizer

    words = ["시도", "동시", "기능", "처우", "협업", "테스트베드", "네이버", "SW"]
    prof = word_profiles(words, default_tokenizer())
    kinds = {w: kind_of(w, prof[w]) for w in words}
    assert kinds["시도"] == kinds["동시"] == kinds["기능"] == kinds["SW"] == "light"
    assert kinds["처우"] == kinds["협업"] == "word"
    assert kinds["테스트베드"] == "compound" and kinds["네이버"] == "name"


def _labels(phrases, members, experts, **kw):
    from consult.themes.headline import concern_labels

    profiles = {"시도": ("NNG:1552:0",), "동시": ("NNG:860:0",), "규제": ("NNG:1760:0",),
                "개선": ("NNG:900:0",), "네이버": ("NNP:12327:0",), "처우": ("NNG:11306:0",),
                "유출": ("NNG:14491:0",), "클라우드": ("NNG:65203:0",), "괴리": ("NNG:11769:0",)}
    return concern_labels(phrases, members, experts, profiles=profiles, **kw)


def test_labels_never_a_lone_light_word_or_a_name():
    phrases = [["시도", "네이버", "규제 개선", "규제", "개선"], ["시도", "네이버", "규제 개선", "규제"],
               ["시도", "네이버"], ["시도", "동시"], ["시도", "동시"], ["기타"]]
    experts = ["A", "B", "C", "D", "E", "F"]
    info = _labels(phrases, [[0, 1, 2], [3, 4]], experts)
    assert info[0].label == "규제 개선" and info[0].basis == "phrase"
    assert info[1].basis == "generic"  # only light words: named, but flagged generic


def test_labels_join_only_words_said_together():
    experts = ["A", "B", "C", "D"]
    apart = [["처우"], ["처우"], ["클라우드"], ["클라우드"]]
    assert "·" not in _labels(apart, [[0, 1, 2, 3]], experts)[0].label
    together = [["처우", "괴리"], ["처우", "괴리"], ["처우"], ["괴리"]]  # both rare in general Korean
    assert _labels(together, [[0, 1, 2, 3]], experts)[0].label in ("처우·괴리", "괴리·처우")


def _info(label, basis="phrase"):
    from consult.themes.headline import LabelInfo

    return LabelInfo(label=label, basis=basis, words=label.split())


def test_headline_rules_on_a_small_corpus():
    """Forum speakers apart, areas where the members are, unstable / generic / catch-all never
    headlined, facets under their parent, at most ten."""
    from consult.themes.headline import MAX_HEADLINE, headline_columns

    # 40 points: experts E0..E9 in two areas, F0..F3 forum speakers (no area)
    experts = np.array([f"E{i % 10}" for i in range(30)] + [f"F{i % 4}" for i in range(10)])
    area = np.array(["반도체" if int(e[1:]) < 5 else "양자" for e in experts[:30]] + [""] * 10)
    n = len(experts)
    cols, infos, reap, anchors = [], [], [], []

    def add(rows, label, basis="phrase", r=1.0, anchor=None):
        m = np.zeros(n, bool)
        m[list(rows)] = True
        cols.append(m)
        infos.append(_info(label, basis))
        reap.append(r)
        anchors.append([anchor or label.split()[0]])

    add(range(0, 20), "인력 양성")                         # 0: 10 area experts, 2 areas
    add([0, 1, 2, 30, 31, 32, 33], "규제 개선")             # 1: 3 area experts in ONE area + forum
    add([0, 5, 6, 30, 31], "해외 의존", r=0.4)              # 2: unstable
    add([1, 6, 7, 8], "시도", basis="generic")              # 3: generic label
    add([0, 1, 5], "인력 유출")                             # 4: inside 0: a facet
    add([2, 7, 9, 31], "확보 방안", anchor="확보")           # 5: catch-all anchor
    for j in range(12):                                    # 6..17: enough eligible ones
        add([20 + j % 5, 25 + j % 5, 20 + (j + 1) % 5, 36 + j % 4], f"주제{j} 정책")
    M = np.column_stack(cols)
    phrases = [[p for c, i in enumerate(infos) if M[r, c] for p in [i.label]] for r in range(n)]
    coh = {a[0]: 3.0 for a in anchors} | {"확보": 1.1}
    rows = headline_columns(M, experts, area, phrases, infos, np.array(reap), anchors, coherence=coh)
    assert rows[0]["n_experts_area"] == 10 and rows[0]["n_areas"] == 2 and rows[0]["n_forum"] == 0
    assert rows[1]["n_experts_area"] == 3 and rows[1]["n_forum"] == 4 and rows[1]["n_areas"] == 1
    assert not rows[1]["headline"]  # forum speakers add no area
    assert not rows[2]["stable"] and not rows[2]["headline"]
    assert rows[3]["generic_label"] and rows[3]["one_word"] and not rows[3]["headline"]
    assert rows[4]["parent_id"] == 0 and not rows[4]["headline"]
    assert rows[5]["catch_all"] and not rows[5]["headline"]
    heads = [r for r in rows if r["headline"]]
    assert len(heads) == MAX_HEADLINE and rows[0]["headline_rank"] == 1
    assert sorted(r["headline_rank"] for r in heads) == list(range(1, MAX_HEADLINE + 1))


def test_headline_on_the_sample(pmodel):
    """The headline list: phrase concerns, at most ten in all (facets counted), each top one
    cross-area (>= 3 area experts, >= 2 areas), stable, named by a phrase its members use;
    facets right after their parent; every number the members' own."""
    from consult.themes.headline import MAX_HEADLINE, MIN_AREAS, MIN_EXPERTS
    from consult.themes.phrase_concerns import MIN_LABEL_SUPPORT

    c = pmodel.concerns_
    heads = c[c["headline"]].sort_values("headline_rank")
    assert 1 <= len(heads) <= MAX_HEADLINE
    assert sorted(heads["headline_rank"]) == list(range(1, len(heads) + 1))
    assert heads["stable"].all() and not heads["generic_label"].any() and not heads["catch_all"].any()
    assert (heads["source"] == "phrase").all()
    assert (heads["n_experts_area"] >= MIN_EXPERTS).all() and (heads["n_areas"] >= MIN_AREAS).all()
    assert (heads["label_support"] >= MIN_LABEL_SUPPORT - 1e-9).all()
    listed = set(heads["concern_id"])
    previous = -1
    for r in heads.to_dict("records"):  # a facet comes right after its parent (or a sibling)
        if r["parent_id"] >= 0:
            assert r["parent_id"] in listed and previous in (r["parent_id"], *[
                x for x in heads["concern_id"] if int(c.loc[c["concern_id"] == x, "parent_id"].iloc[0]) == r["parent_id"]])
        previous = r["concern_id"]
    tops = heads[heads["parent_id"] < 0]
    assert len(tops) >= 2
    # the concerns of the components and the residual pass stay, below
    assert (c["source"] != "phrase").any() and not c[c["source"] != "phrase"]["headline"].any()
    ca = pmodel.concern_assignments_
    for r in c.to_dict("records"):  # every number is the members' own
        mine = ca[ca["concern_id"] == r["concern_id"]]
        in_area = mine[mine["area"] != ""]
        assert set(r["areas"]) == set(in_area["area"])
        assert r["n_experts_area"] == in_area["transcript_id"].nunique()
        assert r["n_forum"] == mine[mine["area"] == ""]["transcript_id"].nunique()
        if r["parent_id"] >= 0:
            assert not c.loc[c["concern_id"] == r["parent_id"], "generic_label"].iloc[0]
    # no generic word, light word or catch-all of the issue heads the list
    assert not any(lab in ("인력 확보", "성능·핵심", "경쟁력", "시도", "동시", "기능", "역량", "확보", "AI 최적화",
                           "알고리즘") for lab in heads["label"])
    # the phrase concerns' members use the phrase or one of its variants
    for r in heads.to_dict("records"):
        assert r["label"] == r["phrases"][0] and r["n_points"] == len(r["points"])


def test_headline_against_both_readings(pmodel):
    """Issue 23's target: at least 8 of the (at most 10) headline concerns are concerns a reader
    found (F1 >= 0.4 with a read concern, on points or on questions), in both hand readings."""
    bench = _bench()
    for path in (GOLD, bench.SECOND):
        gold, excluded = bench.load_gold(path)
        rows = bench.headline(pmodel, gold, excluded)
        assert len(rows) <= 10 and sum(r["real"] for r in rows) >= 8, (path.name, rows)


# ------------------------------------------------------------------ phrase-first concerns
def _phrase_corpus():
    """Points of 15 area experts (areas A, B, C: E0–E14) and 3 forum speakers (F0–F2): a talent
    concern written as 인력 양성 (and 인력확보), with a pay facet (처우) inside it; a collaboration
    concern (협업) across three areas; a one-area topic (부품: area C, one stray use in A); a word
    everyone uses whose points share nothing (확보); a common word (시도); filler words."""
    area_of = {f"E{i}": "ABC"[i // 5] for i in range(15)} | {f"F{i}": "" for i in range(3)}
    pts: list[tuple[str, list[str], dict]] = []
    fill = [["예산", "일정"], ["장비", "설계"], ["시험", "보고"], ["회의", "자료"], ["구매", "계약"]]

    def add(expert, tokens, phrases):
        pts.append((expert, tokens, phrases))

    for i, e in enumerate([f"E{i}" for i in range(10)] + ["F0", "F1"]):  # talent: areas A, B + forum
        add(e, ["인력", "인력", "양성", "커리큘럼", "장학", *fill[i % 5]],
            {"인력 양성": ("인력", "양성"), "인력": ("인력",), "양성": ("양성",), "커리큘럼": ("커리큘럼",)})
    for e in ["E0", "E1", "E5", "E6"]:
        add(e, ["인력", "인력", "확보", "확보", "커리큘럼", "장학"], {"인력확보": ("인력", "확보"), "커리큘럼": ("커리큘럼",)})
    for e in ["E1", "E2", "E6", "E7"]:  # pay: inside talent
        add(e, ["인력", "처우", "처우", "개선", "유치"], {"인력": ("인력",), "처우": ("처우",), "처우 개선": ("처우", "개선"),
                                                 "유치": ("유치",)})
    for e in ["E3", "E8", "E11", "E12", "F2"]:  # collaboration: areas A, B, C
        add(e, ["협업", "협업", "공동", "연구소", "파트너"], {"협업": ("협업",), "공동": ("공동",), "연구소": ("연구소",),
                                                   "파트너": ("파트너",)})
    for e in ["E10", "E11", "E13", "E4"]:  # one area's topic: C (one stray use in A)
        add(e, ["부품", "부품", "안테나", "모듈"], {"부품": ("부품",), "안테나": ("안테나",), "모듈": ("모듈",)})
    for i, e in enumerate([f"E{i}" for i in range(15)]):  # everyone: 확보 and 시도, nothing shared
        add(e, ["확보", "확보", "시도", "시도", *fill[i % 5], f"잡음{i}"], {"확보": ("확보",), "시도": ("시도",)})
        add(e, [*fill[(i + 2) % 5], f"기타{i}", f"소음{i}"], {})
    experts = np.array([e for e, _, _ in pts])
    area = np.array([area_of[e] for e in experts])
    docs = [t for _, t, _ in pts]
    keys = [k for _, _, k in pts]
    return docs, keys, experts, area


def _phrase_index(docs, keys, experts, area, **kw):
    from consult.themes.concerns import tfidf
    from consult.themes.phrase_concerns import PhraseIndex

    X, vocab = tfidf(docs, return_vocab=True)
    return PhraseIndex.build(docs, keys, X, vocab, experts, area, **kw)


def test_phrase_concerns_on_a_small_corpus():
    from consult.themes.phrase_concerns import find_concerns, survives

    docs, keys, experts, area = _phrase_corpus()
    idx = _phrase_index(docs, keys, experts, area, banned={"A", "B", "C"})
    assert idx.classes["확보"] == "broad" and idx.classes["시도"] == "common"
    found = find_concerns(idx)
    by = {c.label: c for c in found}
    # talent is named by the phrase its members use, not by the lone word; 인력확보 is a variant
    assert "인력 양성" in by and "인력" not in by and "인력확보" not in by
    talent = by["인력 양성"]
    assert talent.headline and talent.parent < 0 and talent.label_basis == "phrase"
    assert "인력확보" in talent.variants and talent.members.sum() == 12 + 4 + 4
    assert (talent.n_area_experts, talent.n_areas, talent.n_forum) == (10, 2, 2)
    # the pay facet lies inside talent and is listed right after it, named by its longest phrase
    # among those most of its experts use
    pay = by["처우 개선"]
    assert found[pay.parent] is talent and pay.headline and found.index(pay) == found.index(talent) + 1
    # collaboration is a concern of its own: three areas, a lone word rare in general Korean
    collab = by["협업"]
    assert collab.headline and collab.parent < 0 and collab.label_basis == "word" and collab.n_areas == 3
    # one area's topic is found but cannot head the list; a broad word and a common word name nothing
    assert "부품" not in by or not by["부품"].headline
    assert not {"확보", "시도"} & set(by)
    # the talent concern survives losing a few points; the collaboration concern does not survive
    # losing two of its three areas' experts
    keep = np.ones(len(docs), bool)
    assert survives(talent, idx, keep)
    gone = keep.copy()
    gone[[i for i, e in enumerate(experts) if e in ("E3", "E8") and "협업" in docs[i]]] = False
    assert not survives(collab, idx, gone)


def test_phrase_concerns_need_experts_in_two_areas():
    from consult.themes.phrase_concerns import find_concerns

    docs, keys, experts, area = _phrase_corpus()
    one = np.where(np.isin(experts, ["E3", "E8", "E11", "E12"]), "A", area)  # collaboration in one area
    idx = _phrase_index(docs, keys, experts, one, banned={"A", "B", "C"})
    assert "협업" not in {c.label for c in find_concerns(idx)}


def test_common_words_one_home():
    from consult.common_words import is_common, is_rare, word_kind

    assert is_common("시도") and not is_common("처우")
    assert is_rare("처우") and is_rare("산학") and not is_rare("역량") and not is_rare("규제")
    assert word_kind("네이버", ("NNP:1:0",)) == "name"
    assert word_kind("테스트베드", ("NNG:1:0", "NNG:2:0")) == "compound"
    assert word_kind("국산화", ("NNG:1:0", "XSN:2:0")) == "derived"
    assert word_kind("기술적", ("NNG:1:0", "XSN:2:0")) == "modifier"
    assert word_kind("SW", None) == "symbol" and word_kind("처우", ("NNG:1:0",)) == "plain"


def test_a_corpus_too_small_for_any_concern(tmp_path):
    """A short meeting (a chair's question, four members): no concern of any kind may come out,
    and then the headline is empty — no error."""
    import warnings

    from test_findings import MEETING_SPLIT

    import consult

    src = tmp_path / "meeting.txt"
    src.write_text(MEETING_SPLIT, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = consult.people.experts.expert_view(consult.load(src))
        m = ThemeModel(random_state=0, stability_seeds=2).fit(corpus)
    assert list(m.concerns_.columns) == CONCERN_COLUMNS
    assert not m.concerns_["headline"].any()


def test_a_label_is_used_where_its_words_are_written_together():
    """「사례 발굴」 is used by "사용사례 발굴" and "사례를 발굴" (a compound's first part, a
    particle between), not by a point with 「사례」 in one sentence and 「발굴」 in another."""
    from types import SimpleNamespace

    import numpy as np

    from consult.themes.phrase_concerns import _label_rows

    texts = ["사용사례 발굴 독려 필요", "기업 스스로 사례를 발굴하도록 지원", "우수 사례가 있음. 신규 R&D 발굴도 필요",
             "특화망 사례 발굴 지원"]
    keys = [("사례", "발굴"), ("사례",), ("발굴",)]
    idx = SimpleNamespace(rows=[np.array([3]), np.array([0, 1, 2, 3]), np.array([0, 1, 2, 3])],
                          forms=["사례 발굴", "사례", "발굴"], keys=keys,
                          position={k: j for j, k in enumerate(keys)}, texts=texts)
    assert _label_rows(idx, 0).tolist() == [0, 1, 3]


def test_a_concern_raised_only_by_a_larger_ones_experts_is_its_facet():
    """Three synthetic years: every expert who writes 「글로벌 기업」 also writes 「협업」, and half
    of its points are 「협업」's (working with global companies): it is shown as a facet of
    「협업」, not as a second headline concern resting on the same sentences."""
    import consult

    folder = Path(__file__).parents[1] / "examples" / "data" / "synthetic_years"
    files = sorted(folder.glob("synthetic_minutes_20*.txt"))
    from consult.people.experts import expert_view

    model = ThemeModel(random_state=0).fit(expert_view(consult.load(files)))
    c = model.concerns_
    host = c[c["label"] == "협업"].iloc[0]
    nested = c[c["label"] == "글로벌 기업"].iloc[0]
    assert int(host["parent_id"]) == -1 and bool(host["headline"])
    assert int(nested["parent_id"]) == int(host["concern_id"])
    assert set(nested["label_experts"]) <= set(host["label_experts"])
