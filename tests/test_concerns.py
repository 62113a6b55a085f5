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
