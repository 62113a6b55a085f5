"""ThemeModel: estimator contract, tables, determinism, seeds, bad input, CLI, quality on the sample."""

from __future__ import annotations

import re
import sys
import tomllib
import types
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from consult.errors import ConsultError, ConsultWarning, NotFittedError, SmallSampleWarning
from consult.themes import (
    ASSIGNMENT_COLUMNS,
    POINT_ASSIGNMENT_COLUMNS,
    THEME_COLUMNS,
    CorpusTooSmallError,
    EmbeddingModelError,
    EmptyCorpusError,
    MissingDependencyError,
    ThemeError,
    ThemeModel,
    UnknownBackendError,
    choose_n_themes,
    load_seed_themes,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "fixtures" / "gold_themes.toml"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def QModel(**kw):  # noqa: N802 - the question-level model (unit="question") these tests cover
    """``ThemeModel(unit="question", ...)``: the question-level backends; point themes are in
    tests/test_concerns.py."""
    return ThemeModel(unit="question", **kw)


# ----------------------------------------------------------------------------- fixtures
def make_corpus(transcripts: dict[str, list[list[str]]], area: str = "반도체") -> types.SimpleNamespace:
    """A corpus object with .questions/.points from {transcript: [[point, ...] per question]}."""
    qrows, prows = [], []
    for t_no, (tid, questions) in enumerate(transcripts.items(), 1):
        role = "academic" if t_no % 2 else "industry"
        for q_no, points in enumerate(questions, 1):
            qid = f"d#{tid}.Q{q_no}"
            base = {"doc": "d", "area": area, "transcript_id": f"d#{tid}", "transcript_kind": "consultation",
                    "role": role, "speaker": f"{role} {t_no}", "question_id": qid, "question_no": q_no,
                    "question_line": 100 * t_no + q_no}
            qrows.append({**base, "question": f"{q_no}번 질문에 대한 의견 부탁드립니다",
                          "answer": "\n".join(points), "n_points": len(points)})
            for p_no, text in enumerate(points, 1):
                prows.append({**base, "point_id": f"{qid}.P{p_no}", "point_no": p_no, "text": text})
    return types.SimpleNamespace(questions=pd.DataFrame(qrows), points=pd.DataFrame(prows))


TOPICS = {
    "battery": ["배터리 화재 억제 기술과 열폭주 안전성 확보", "TP 억제 위한 셀 모듈 팩 안전성 설계"],
    "5g": ["5G 특화망 활용사례 발굴과 스마트 공장 적용", "특화망 단말 장비 업링크 최적화"],
    "sw": ["시스템 SW 컴파일러 인력 부족", "컴파일러 미들웨어 전문 인력 양성"],
}


@pytest.fixture(scope="module")
def tiny():
    """Four experts, each answering the same three questions on three clearly separate topics."""
    return make_corpus({
        f"T{i:02d}": [[TOPICS["battery"][i % 2]], [TOPICS["5g"][i % 2]], [TOPICS["sw"][i % 2]]]
        for i in range(1, 5)
    })


@pytest.fixture(scope="module")
def model(sample_corpus):
    return QModel(random_state=0).fit(sample_corpus)


# ----------------------------------------------------------------------------- contract
def test_init_only_stores_parameters():
    m = QModel(backend="sklearn", n_themes=7, seed_words={"a": ["TP"]}, random_state=3)
    assert m.get_params()["n_themes"] == 7 and m.get_params()["random_state"] == 3
    assert not [k for k in vars(m) if k.endswith("_")]
    assert ThemeModel(backend="nonsense").backend == "nonsense"  # checked at fit, not init
    assert m.set_params(n_themes=9) is m and m.n_themes == 9
    with pytest.raises(ConsultError):
        m.set_params(colour="red")
    assert repr(ThemeModel(n_themes=5)) == "ThemeModel(n_themes=5)"


def test_unfitted_use_raises():
    m = QModel()
    for call in (lambda: m.transform(None), m.summary, m.by_area, m.by_role, m.stability):
        with pytest.raises(NotFittedError, match="fit"):
            call()


def test_fit_returns_self(tiny):
    m = QModel(n_themes=3)
    assert m.fit(tiny) is m


def test_tiny_topics_are_recovered(tiny):
    m = QModel(n_themes=3, random_state=0).fit(tiny)
    a = m.assignments_
    # every question number (= topic) forms exactly one theme, across all four experts
    assert a.groupby("question_no")["theme_id"].nunique().tolist() == [1, 1, 1]
    assert a.groupby("theme_id")["question_no"].nunique().tolist() == [1, 1, 1]
    labels = dict(zip(a["question_no"], a["theme_label"], strict=False))
    assert "화재" in labels[1] or "안전성" in labels[1] or "TP" in labels[1]
    assert "특화망" in labels[2]
    assert "컴파일러" in labels[3] or "시스템 SW" in labels[3]


# ----------------------------------------------------------------------------- tables
def test_tables_have_the_documented_columns(model, sample_corpus):
    assert list(model.themes_.columns) == THEME_COLUMNS
    assert list(model.assignments_.columns) == ASSIGNMENT_COLUMNS
    assert list(model.point_assignments_.columns) == POINT_ASSIGNMENT_COLUMNS
    assert model.assignments_["question_id"].tolist() == sample_corpus.questions["question_id"].tolist()
    assert model.point_assignments_["point_id"].tolist() == sample_corpus.points["point_id"].tolist()
    assert len(model.themes_) == model.n_themes_


def test_theme_ids_sizes_and_labels(model):
    t, a = model.themes_, model.assignments_
    assert t["theme_id"].tolist() == list(range(len(t)))
    assert set(a["theme_id"]) - {-1} == set(t["theme_id"])
    sizes = a[a["theme_id"] >= 0].groupby("theme_id").size()
    assert t.set_index("theme_id")["size"].equals(sizes.rename("size").astype(t["size"].dtype))
    assert t["size"].is_monotonic_decreasing  # theme 0 is the largest
    assert t["label"].is_unique
    assert all(HANGUL.search(label) for label in t["label"])
    assert all(len(k) >= 3 for k in t["keywords"])
    labels = dict(zip(t["theme_id"], t["label"], strict=True))
    assert (a.loc[a["theme_id"] >= 0, "theme_label"] == a.loc[a["theme_id"] >= 0, "theme_id"].map(labels)).all()
    assert a["score"].between(0, 1).all()
    for r in t.to_dict("records"):
        assert sum(r["areas"].values()) == r["size"] == sum(r["roles"].values())
        assert 1 <= r["n_transcripts"] <= r["size"]


def test_quotes_are_real_records_of_the_theme(model, sample_corpus):
    points = sample_corpus.points.set_index("point_id")
    a = model.assignments_.set_index("question_id")
    for r in model.themes_.to_dict("records"):
        quotes = r["quotes"]
        assert 1 <= len(quotes) <= 3
        if r["n_transcripts"] >= 2:
            assert len(quotes) >= 2
        assert len({q["transcript_id"] for q in quotes}) == len(quotes)  # one per expert
        for q in quotes:
            assert a.loc[q["question_id"], "theme_id"] == r["theme_id"]
            assert q["record_id"] == q["point_id"]
            assert q["text"] == " ".join(points.loc[q["point_id"], "text"].split())


def test_points_get_themes(model):
    p = model.point_assignments_
    assert (p["theme_id"] >= 0).all() or (p["theme_id"] == -1).sum() < len(p) * 0.05
    agree = (p["theme_id"] == p["question_theme_id"]).mean()
    assert agree > 0.5  # points mostly share their answer's theme, but are scored on their own


def test_n_themes_chosen_and_recorded(model):
    assert model.n_themes_auto_ is True
    assert model.n_themes_chosen_ == choose_n_themes(model.n_documents_)
    assert model.n_themes_ <= model.n_themes_chosen_


def test_choose_n_themes_rule():
    assert choose_n_themes(159) == 25
    assert choose_n_themes(3) == 2 and choose_n_themes(2) == 2
    assert choose_n_themes(100_000) == 60
    assert choose_n_themes(20, n_seeds=12) == 13


def test_theme_tables(model):
    for by in ("area", "role"):
        tab = getattr(model, f"by_{by}")()
        assert list(tab.columns) == ["theme_id", "theme_label", by, "count", "share_of_theme", "share_of_group"]
        sizes = model.themes_.set_index("theme_id")["size"]
        assert tab.groupby("theme_id")["count"].sum().equals(sizes.rename("count").astype(tab["count"].dtype))
        assert np.allclose(tab.groupby("theme_id")["share_of_theme"].sum(), 1.0)
        assert tab["share_of_group"].between(0, 1).all()
        experts = model.theme_table(by, unit="transcripts")
        assert (experts["count"].to_numpy() <= tab["count"].to_numpy()).all()
    with pytest.raises(ThemeError, match="tabulate"):
        model.theme_table("colour")


def test_summary_is_flat(model):
    s = model.summary()
    assert len(s) == model.n_themes_
    assert {"label", "keywords", "areas", "roles", "quote_1", "quote_1_id"} <= set(s.columns)
    for col in s.columns:
        assert not s[col].map(lambda v: isinstance(v, list | dict)).any()


# ----------------------------------------------------------------------------- determinism
def test_same_random_state_same_output(model, sample_corpus):
    again = QModel(random_state=0).fit(sample_corpus)
    pd.testing.assert_frame_equal(again.assignments_, model.assignments_)
    pd.testing.assert_frame_equal(again.point_assignments_, model.point_assignments_)
    pd.testing.assert_frame_equal(again.themes_, model.themes_)


def test_fit_transform_equals_fit_then_transform(model, sample_corpus):
    pd.testing.assert_frame_equal(QModel(random_state=0).fit_transform(sample_corpus), model.assignments_)
    pd.testing.assert_frame_equal(model.transform(sample_corpus), model.assignments_)


def test_transform_new_corpus(model, sample_corpus):
    sub = types.SimpleNamespace(
        questions=sample_corpus.questions[sample_corpus.questions["area"] == "이차전지"],
        points=sample_corpus.points[sample_corpus.points["area"] == "이차전지"],
    )
    out = model.transform(sub)
    expected = model.assignments_[model.assignments_["area"] == "이차전지"].reset_index(drop=True)
    pd.testing.assert_frame_equal(out, expected)


def test_stability(model):
    mean, pairs = model.stability(seeds=3, return_pairs=True)
    assert len(pairs) == 3 and -1 <= mean <= 1
    assert mean == pytest.approx(pairs["ari"].mean())
    assert mean > 0.3  # far from chance: themes are not an artefact of the seed
    with pytest.raises(ThemeError):
        model.stability(seeds=1)


def test_identical_copies_learn_once(tiny):
    doubled = types.SimpleNamespace(
        questions=pd.concat([tiny.questions, tiny.questions.assign(
            transcript_id=tiny.questions["transcript_id"] + "b",
            question_id=tiny.questions["question_id"] + "b")], ignore_index=True),
        points=pd.concat([tiny.points, tiny.points.assign(
            transcript_id=tiny.points["transcript_id"] + "b",
            question_id=tiny.points["question_id"] + "b", point_id=tiny.points["point_id"] + "b")],
            ignore_index=True),
    )
    one = QModel(n_themes=3).fit(tiny)
    two = QModel(n_themes=3).fit(doubled)
    assert two.n_documents_ == one.n_documents_
    n = len(tiny.questions)
    assert two.assignments_["theme_id"].iloc[:n].tolist() == two.assignments_["theme_id"].iloc[n:].tolist()
    assert two.assignments_["theme_id"].iloc[:n].tolist() == one.assignments_["theme_id"].tolist()


# ----------------------------------------------------------------------------- quality
def test_gold_themes_on_the_sample(model):
    """The three recurring concerns read by hand from the minutes are found (F1 >= 0.7)."""
    gold = tomllib.loads(GOLD.read_text(encoding="utf-8"))["themes"]
    q = model.assignments_
    by_line = dict(zip(q["question_line"], q["question_id"], strict=True))
    for name, spec in gold.items():
        members = {by_line[item["line"]] for item in spec["questions"]}
        best = 0.0
        for _, group in q[q["theme_id"] >= 0].groupby("theme_id"):
            hit = len(set(group["question_id"]) & members)
            if hit:
                p, r = hit / len(group), hit / len(members)
                best = max(best, 2 * p * r / (p + r))
        assert best >= 0.7, f"{name}: best F1 {best:.2f}"


# ----------------------------------------------------------------------------- seeds
def test_seeded_theme(sample_corpus):
    m = QModel(seed_words={"배터리 안전": ["TP", "화재", "열폭주"]}, random_state=0).fit(sample_corpus)
    seeded = m.themes_[m.themes_["seed"] == "배터리 안전"]
    assert len(seeded) == 1 and seeded["label"].iloc[0] == "배터리 안전"
    members = m.assignments_[m.assignments_["theme_id"] == seeded["theme_id"].iloc[0]]
    assert (members["area"] == "이차전지").mean() >= 0.75
    assert m.seeds_ == {"배터리 안전": ["TP", "화재", "열폭주"]}


def test_seed_toml(tmp_path, tiny):
    path = tmp_path / "seeds.toml"
    path.write_text('[themes."SW 인력"]\nwords = ["컴파일러", "시스템 SW"]\n\n[themes]\n"망" = ["특화망"]\n',
                    encoding="utf-8")
    assert load_seed_themes(path) == {"SW 인력": ["컴파일러", "시스템 SW"], "망": ["특화망"]}
    m = QModel(n_themes=3, seed_words=str(path)).fit(tiny)
    sw = m.themes_[m.themes_["seed"] == "SW 인력"]
    assert len(sw) == 1
    qs = m.assignments_[m.assignments_["theme_id"] == sw["theme_id"].iloc[0]]
    assert qs["question_no"].tolist() == [3, 3, 3, 3]


@pytest.mark.parametrize("content, message", [
    ("not toml = = =", "TOML"),
    ("[other]\nx = 1\n", "themes"),
    ('[themes."a"]\nwords = []\n', "non-empty"),
])
def test_bad_seed_files(tmp_path, content, message):
    path = tmp_path / "s.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ThemeError, match=message):
        load_seed_themes(path)
    with pytest.raises(ThemeError, match="not found"):
        load_seed_themes(tmp_path / "missing.toml")


def test_seed_of_stop_words_warns(tiny):
    with pytest.warns(ConsultWarning, match="stop-words"):
        QModel(n_themes=3, seed_words={"x": ["의견", "필요"]}).fit(tiny)


# ----------------------------------------------------------------------------- bad input
def test_empty_corpus():
    empty = types.SimpleNamespace(questions=pd.DataFrame(columns=["transcript_id", "question_id"]),
                                  points=pd.DataFrame(columns=["question_id", "point_id", "text"]))
    with pytest.raises(EmptyCorpusError):
        QModel().fit(empty)


def test_only_stop_words():
    c = make_corpus({"T01": [["의견 부탁드립니다"]], "T02": [["필요한 경우 검토"]]})
    with pytest.raises(EmptyCorpusError, match="content words"):
        QModel().fit(c)


def test_one_transcript_is_too_small():
    c = make_corpus({"T01": [[TOPICS["battery"][0]], [TOPICS["5g"][0]], [TOPICS["sw"][0]]]})
    with pytest.raises(CorpusTooSmallError, match="at least 2"):
        QModel().fit(c)


def test_too_few_answers():
    c = make_corpus({"T01": [[TOPICS["battery"][0]]], "T02": [[TOPICS["battery"][0]]]})
    with pytest.raises(CorpusTooSmallError, match="distinct answers"):
        QModel().fit(c)


def test_not_a_corpus():
    with pytest.raises(ThemeError, match="Corpus"):
        QModel().fit("report.txt")


def test_bad_parameters(tiny):
    with pytest.raises(UnknownBackendError, match="sklearn, bertopic"):
        QModel(backend="lda").fit(tiny)
    for bad in (0, -1, 2.5, "3", True):
        with pytest.raises(ThemeError, match="n_themes"):
            QModel(n_themes=bad).fit(tiny)
    with pytest.raises(ThemeError, match="text"):
        QModel(text="title").fit(tiny)
    with pytest.raises(ThemeError, match="bertopic backend only"):
        QModel(embedding_model="x").fit(tiny)


def test_more_themes_than_answers_warns(tiny):
    with pytest.warns(SmallSampleWarning, match="distinct answers"):
        m = QModel(n_themes=500).fit(tiny)
    assert m.n_themes_chosen_ == m.n_documents_


def test_missing_bertopic(monkeypatch, tiny):
    import consult.themes.bertopic_backend as bb

    monkeypatch.setitem(sys.modules, "bertopic", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'consult-minutes\[bertopic\]'"):
        bb.import_bertopic()
    with pytest.raises(MissingDependencyError, match="consult-minutes\\[bertopic\\]"):
        QModel(backend="bertopic").fit(tiny)


def test_custom_backend_object(tiny):
    class ByFirstWord:
        def fit(self, docs, texts, n_themes, seeds, random_state):
            self.words_ = sorted({d[0] for d in docs})
            self.n_themes_ = len(self.words_)
            self.seed_of_ = [-1] * self.n_themes_
            return self

        def affinity(self, docs, texts):
            return np.array([[float(d[0] == w) for w in self.words_] for d in docs])

    m = QModel(backend=ByFirstWord()).fit(tiny)
    assert m.n_themes_ == len({d[0] for d in m._fit_docs})
    with pytest.raises(UnknownBackendError):
        QModel(backend=42).fit(tiny)


# ----------------------------------------------------------------------------- CLI
@pytest.fixture
def cli():
    from consult.cli import main

    runner = CliRunner()
    return lambda *args: runner.invoke(main, ["themes", *map(str, args)])


def test_cli_csv_and_summary(cli, sample_path, tmp_path, model):
    out, summary = tmp_path / "themes.csv", tmp_path / "summary.csv"
    res = cli(sample_path, "-o", out, "--summary", summary, "-q", "--unit", "question")
    assert res.exit_code == 0, res.output
    assert re.search(r"consult: 25 themes \(chosen for \d+ distinct answers", res.stderr)
    assert len(res.stderr.strip().splitlines()) == 1
    a = pd.read_csv(out, encoding="utf-8-sig")
    assert list(a.columns) == ASSIGNMENT_COLUMNS
    assert a["theme_id"].tolist() == model.assignments_["theme_id"].tolist()
    s = pd.read_csv(summary, encoding="utf-8-sig")
    assert s["label"].tolist() == model.themes_["label"].tolist()


def test_cli_xlsx_sheets_and_n_themes(cli, sample_path, tmp_path):
    out = tmp_path / "themes.xlsx"
    res = cli(sample_path, "-o", out, "--n-themes", "8", "--random-state", "1", "--unit", "question")
    assert res.exit_code == 0, res.output
    assert "8 themes (as asked" in res.stderr
    sheets = pd.read_excel(out, sheet_name=None)
    assert {"assignments", "themes", "points", "theme_x_area", "theme_x_role"} <= set(sheets)
    assert sheets["themes"]["theme_id"].max() <= 7


def test_cli_seed_themes(cli, sample_path, tmp_path):
    seeds = tmp_path / "seeds.toml"
    seeds.write_text('[themes."배터리 안전"]\nwords = ["TP", "화재", "열폭주"]\n', encoding="utf-8")
    res = cli(sample_path, "-o", tmp_path / "t.csv", "--seed-themes", seeds, "--unit", "question")
    assert res.exit_code == 0, res.output
    assert "배터리 안전" in set(pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")["theme_label"])


def test_cli_errors_are_one_line(cli, tmp_path, minutes_text):
    one = tmp_path / "one.txt"  # minutes_text has two transcripts; keep the first only
    one.write_text(minutes_text.split(" 전문가 자문 회의록 (2)")[0] + "이슈브리프 및 별첨\n", encoding="utf-8")
    res = cli(one, "-o", tmp_path / "t.csv")
    assert res.exit_code == 1
    assert res.stderr.startswith("consult: error:") and "Traceback" not in res.output
    assert "transcript" in res.stderr
    res = cli(one, "--backend", "lda")
    assert res.exit_code == 2
    res = cli(one, "--embedding-model", "x")
    assert res.exit_code == 1 and "--backend bertopic" in res.stderr
    res = cli(one, "-o", tmp_path / "t.docx")
    assert res.exit_code == 1 and "unknown output format" in res.stderr


# ----------------------------------------------------------------------------- bertopic
@pytest.fixture(scope="module")
def bertopic_model(sample_corpus):
    pytest.importorskip("bertopic")
    return QModel(backend="bertopic", random_state=0).fit(sample_corpus)


@pytest.mark.bertopic
def test_bertopic_backend(bertopic_model, sample_corpus):
    m = bertopic_model
    assert list(m.themes_.columns) == THEME_COLUMNS
    assert m.n_themes_chosen_ == 25 and (m.assignments_["theme_id"] >= 0).all()
    again = QModel(backend="bertopic", random_state=0).fit(sample_corpus)
    pd.testing.assert_frame_equal(again.assignments_, m.assignments_)
    pd.testing.assert_frame_equal(m.transform(sample_corpus), m.assignments_)
    test_gold_themes_on_the_sample(m)


@pytest.mark.bertopic
def test_bertopic_does_not_import_torch(bertopic_model):
    import subprocess

    code = ("import sys; from consult.themes.bertopic_backend import import_bertopic; import_bertopic(); "
            "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.bertopic
def test_bertopic_kmeans(tiny):
    pytest.importorskip("bertopic")
    m = QModel(backend="bertopic", n_themes=3, backend_options={"clusterer": "kmeans"}).fit(tiny)
    assert m.assignments_.groupby("question_no")["theme_id"].nunique().tolist() == [1, 1, 1]


@pytest.mark.bertopic
def test_bertopic_hdbscan_leaves_no_outliers(sample_corpus, tiny):
    pytest.importorskip("bertopic")
    m = QModel(backend="bertopic", backend_options={"clusterer": "hdbscan"}).fit(sample_corpus)
    assert (m.assignments_["theme_id"] >= 0).all()  # reduce_outliers: no answer left out
    assert m.n_themes_ >= 10
    with pytest.warns(ConsultWarning, match="KMeans"):  # 6 distinct answers: no dense cluster
        m = QModel(backend="bertopic", n_themes=3, backend_options={"clusterer": "hdbscan"}).fit(tiny)
    assert m.n_themes_ == 3


@pytest.mark.bertopic
def test_bertopic_seeded(tiny):
    pytest.importorskip("bertopic")
    m = QModel(backend="bertopic", n_themes=3, seed_words={"망": ["특화망"]}).fit(tiny)
    seeded = m.themes_[m.themes_["seed"] == "망"]
    assert len(seeded) == 1
    qs = m.assignments_[m.assignments_["theme_id"] == seeded["theme_id"].iloc[0]]
    assert set(qs["question_no"]) == {2}


@pytest.mark.bertopic
def test_sentence_model_that_cannot_load(monkeypatch, tiny):
    """A model name that is not available offline is a clear EmbeddingModelError."""
    pytest.importorskip("bertopic")

    def fail(name, device=None, local_files_only=False):
        import os

        assert os.environ.get("HF_HUB_OFFLINE") == "1"
        raise OSError(f"We couldn't connect to 'https://huggingface.co' to load {name}")

    monkeypatch.setitem(sys.modules, "sentence_transformers", types.SimpleNamespace(SentenceTransformer=fail))
    with pytest.raises(EmbeddingModelError, match="offline"):
        QModel(backend="bertopic", n_themes=3, embedding_model="no-such/model").fit(tiny)


@pytest.mark.bertopic
def test_sentence_model_object(tiny):
    """Any object with encode() serves as embedding model."""
    pytest.importorskip("bertopic")
    topic = {w: i for i, ws in enumerate(TOPICS.values()) for s in ws for w in s.split()}

    class Encoder:
        def encode(self, texts, show_progress_bar=False):
            out = np.zeros((len(texts), 3))
            for i, t in enumerate(texts):
                for w in t.split():
                    if w in topic:
                        out[i, topic[w]] += 1
            return out + 1e-3

    m = QModel(backend="bertopic", n_themes=3, embedding_model=Encoder()).fit(tiny)
    assert m.assignments_.groupby("question_no")["theme_id"].nunique().tolist() == [1, 1, 1]


@pytest.mark.bertopic
@pytest.mark.slow
def test_real_sentence_transformers_offline(tiny):
    pytest.importorskip("sentence_transformers")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(EmbeddingModelError, match="offline"):
            QModel(backend="bertopic", n_themes=3,
                       embedding_model="consult-test/no-such-model-4321").fit(tiny)


def test_stability_refits_in_a_forked_child_change_nothing(sample_corpus, monkeypatch):
    """Every other stability refit runs in a forked child where that is possible (issue 14):
    the themes, concerns and stability tables are those of refitting everything here."""
    from consult import forked
    from consult.themes import ThemeModel

    if not forked.fork_ok():
        pytest.skip("no fork here: the refits run in this process anyway")
    monkeypatch.setenv("CONSULT_CACHE_DIR", "off")  # both fits made here, none read from the cache
    with_child = ThemeModel(random_state=0).fit(sample_corpus)
    monkeypatch.setattr(forked, "fork_ok", lambda: False)
    here = ThemeModel(random_state=0).fit(sample_corpus)
    pd.testing.assert_frame_equal(with_child.stability_, here.stability_)
    pd.testing.assert_frame_equal(with_child.themes_, here.themes_)
    pd.testing.assert_frame_equal(with_child.point_themes_, here.point_themes_)
