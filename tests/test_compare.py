"""Tests of consult.compare (package consult.comparison): log-odds terms, prevalence with
bootstrap CIs, pairs, group handling, bad input and the
``consult compare`` command.

Most tests use a tiny in-memory corpus (``FakeCorpus``) with injected tokens and theme
assignments, so they run without the parser, Kiwi or a theme model.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.comparison import (
    ALL,
    PAIR_COLUMNS,
    PREVALENCE_COLUMNS,
    TERM_COLUMNS,
    CompareError,
    Comparison,
    compare,
    log_odds_z,
)
from consult.errors import ConsultError, NotFittedError, SmallSampleWarning

# --------------------------------------------------------------------------------------------
# A fake corpus
# --------------------------------------------------------------------------------------------

QUESTIONS = {
    "이차전지": [
        "1. 이차전지 소재 R&D 전략에 대해 의견 부탁드립니다.",
        "2. 안전성 R&D를 강화하기 위한 전략에 대해 의견 부탁드립니다.",
        "3. 공정기술이 R&D 정책에 포함되어야 할지 의견 부탁드립니다.",
    ],
    "양자": [
        "1. 양자 인력양성 방안에 대해 의견 부탁드립니다.",
        "2. 양자 기초연구 투자 방향은 어떠해야 합니까?",
    ],
}

# transcript -> (area, role, organization, speaker, [answer tokens per question], [theme per q])
TRANSCRIPTS = {
    "T01": ("이차전지", "academic", "KAIST", "KAIST 생명화학공학과 교수",
            [["전고체", "차세대", "전지", "소재"], ["안전성", "분리막", "소재"], ["공정", "학계", "어렵"]],
            [0, 1, 2]),
    "T02": ("이차전지", "academic", "KAIST", "KAIST 신소재공학과 교수",
            [["전고체", "차세대", "소재", "소재"], ["안전성", "전고체"], ["공정", "산업계", "주도"]],
            [0, 1, 2]),
    "T03": ("이차전지", "academic", "KAIST", "KAIST 화학과 교수",
            [["차세대", "전지", "전고체"], ["안전성", "소재"], ["차세대", "전지", "학계"]],
            [0, 1, 0]),
    "T04": ("이차전지", "industry", "LG에너지솔루션", "LG에너지솔루션 관계자",
            [["가격", "경쟁력", "망간리치"], ["TP", "안전성", "TP"], ["스마트팩토리", "무인", "공정"]],
            [3, 1, 2]),
    "T05": ("이차전지", "industry", "SKon", "SKon 관계자",
            [["가격", "경쟁력", "LFP"], ["TP", "열전이", "안전성"], ["제조", "공정", "스마트팩토리"]],
            [3, 1, 2]),
    "T06": ("이차전지", "research", "KERI", "한국전기연구원 연구원",
            [["소재", "표준"], ["안전성", "표준"], ["공정", "표준"]],
            [0, 1, 2]),
    "T07": ("양자", "academic", "KAIST", "KAIST 물리학과 교수",
            [["인력", "양성", "기초"], ["기초", "연구", "장기"]],
            [4, 5]),
    "T08": ("양자", "academic", "KAIST", "KAIST 양자대학원 교수",
            [["인력", "대학원", "기초"], ["기초", "연구"]],
            [4, 5]),
    "T09": ("양자", "industry", "SKT", "SKT 관계자",
            [["인력", "채용", "실무"], ["응용", "상용화"]],
            [4, 6]),
}

THEME_LABELS = {0: "차세대 전지", 1: "안전성", 2: "공정", 3: "가격경쟁력", 4: "인력양성",
                5: "기초연구", 6: "상용화"}


@dataclass
class FakeCorpus:
    questions: pd.DataFrame
    transcripts: pd.DataFrame
    points: pd.DataFrame


def make_corpus(transcripts=TRANSCRIPTS) -> tuple[FakeCorpus, pd.Series, pd.DataFrame]:
    qrows, trows, prows, tok, assign = [], [], [], {}, []
    for tid, (area, role, org, speaker, answers, themes) in transcripts.items():
        transcript_id = f"doc#{tid}"
        keys = dict(doc="doc", area=area, report="r", transcript_id=transcript_id,
                    transcript_kind="consultation", transcript_no=int(tid[1:]), speaker=speaker,
                    organization=org, role=role)
        trows.append({**keys, "n_questions": len(answers), "tenure": "senior" if tid in
                      ("T01", "T04", "T07") else "junior"})
        for i, (ans, theme) in enumerate(zip(answers, themes, strict=True), start=1):
            qid = f"{transcript_id}.Q{i}"
            text = " ".join(ans)
            qrows.append({**keys, "question_id": qid, "question_no": i,
                          "question": QUESTIONS[area][i - 1], "answer": "● " + text,
                          "question_kind": "prompt"})
            prows.append({**keys, "question_id": qid, "point_id": qid + ".P1", "text": text})
            tok[qid] = list(ans)
            assign.append({"transcript_id": transcript_id, "question_id": qid, "question_no": i,
                           "theme_id": theme, "theme_label": THEME_LABELS[theme], "score": 1.0})
    corpus = FakeCorpus(pd.DataFrame(qrows), pd.DataFrame(trows), pd.DataFrame(prows))
    return corpus, pd.Series(tok), pd.DataFrame(assign)


class FakeModel:
    def __init__(self, assignments):
        self.assignments_ = assignments
        self.themes_ = pd.DataFrame({
            "theme_id": list(THEME_LABELS), "label": list(THEME_LABELS.values()),
            "keywords": [[v] for v in THEME_LABELS.values()],
        })


class UnfittedModel:
    pass


@pytest.fixture(scope="module")
def fake():
    return make_corpus()


def run(fake, **kw):
    corpus, tokens, assign = fake
    kw.setdefault("themes", FakeModel(assign))
    kw.setdefault("n_boot", 300)
    kw.setdefault("min_count", 1)
    # the statistics' arithmetic on a small fake corpus: z and intervals for any group size, and
    # the pooled block; the honest defaults (min_experts=3, no pooled block) have their own tests
    kw.setdefault("min_experts", 1)
    kw.setdefault("overall", True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        return compare(corpus, tokens=tokens, **kw)


# --------------------------------------------------------------------------------------------
# The statistic
# --------------------------------------------------------------------------------------------


def test_log_odds_known_values():
    # a = {x: 3, y: 1}, b = {x: 1, y: 3}, alpha_w = 4 (alpha_0 = 8):
    # delta_x = log(7/5) - log(5/7) = 2 log 1.4; var = 1/7 + 1/5
    z = log_odds_z({"x": 3, "y": 1}, {"x": 1, "y": 3}, prior={"x": 4.0, "y": 4.0})
    expected = 2 * math.log(1.4) / math.sqrt(1 / 7 + 1 / 5)
    assert z["x"] == pytest.approx(expected)
    assert z["x"] == pytest.approx(1.1492, abs=1e-4)
    assert z["y"] == pytest.approx(-expected)


def test_log_odds_default_prior_is_pooled_counts_and_equal_use_gives_zero():
    z = log_odds_z({"x": 2, "y": 2}, {"x": 4, "y": 4})
    assert np.allclose(z.to_numpy(), 0.0)
    with pytest.raises(CompareError, match="prior"):
        log_odds_z({"x": 1}, {"y": 1}, prior={"x": 1.0})


@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 50), min_size=1),
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 50), min_size=1),
)
@settings(max_examples=60, deadline=None)
def test_log_odds_swap_negates_property(a, b):
    if sum(a.values()) == 0 or sum(b.values()) == 0:
        return
    prior = {w: 0.5 + i for i, w in enumerate("abcdefgh")}
    ab = log_odds_z(a, b, prior=prior)
    ba = log_odds_z(b, a, prior=prior)
    assert np.allclose(ab.to_numpy(), -ba.reindex(ab.index).to_numpy())
    assert np.isfinite(ab.to_numpy()).all()


def test_terms_toy_values_match_formula(fake):
    # pooled block, prior='corpus': alpha_w = (n_a + n_b) * share of w in the whole corpus, where
    # y_w counts the EXPERTS using w (the expert is the unit) and n = the sum of those counts
    corpus, tokens, _ = fake
    cmp = run(fake, within="none", themes=None)
    t = cmp.terms.set_index("term")
    q = corpus.questions
    role = q.set_index("question_id")["role"]
    tid = q.set_index("question_id")["transcript_id"]

    def experts(r):
        used = {(tid[qid], w) for qid, toks in tokens.items() if role[qid] == r for w in toks}
        return pd.Series([w for _, w in used]).value_counts()

    a, b = experts("academic"), experts("industry")
    every = pd.Series([w for toks in tokens for w in toks]).value_counts()
    n_a, n_b = a.sum(), b.sum()
    a0 = n_a + n_b
    w = "전고체"
    alpha = a0 * every[w] / every.sum()
    ya, yb = a.get(w, 0) + alpha, b.get(w, 0) + alpha
    delta = math.log(ya / (n_a + a0 - ya)) - math.log(yb / (n_b + a0 - yb))
    z = delta / math.sqrt(1 / ya + 1 / yb)
    assert t.loc[w, "z"] == pytest.approx(z)
    assert t.loc[w, "count_a"] == 4 and t.loc[w, "count_b"] == 0   # tokens, shown beside
    assert t.loc[w, "docs_a"] == 3  # three professors say it
    assert t.loc["스마트팩토리", "z"] < 0  # industry's word
    assert "학계" not in t.index and "산업계" not in t.index  # a side's word for itself


def test_honest_defaults_no_z_for_small_groups_no_pooled_block(fake):
    corpus, tokens, assign = fake
    with pytest.warns(SmallSampleWarning):
        cmp = compare(corpus, themes=FakeModel(assign), tokens=tokens, min_count=1, n_boot=100)
    assert ALL not in set(cmp.terms["within"]) and ALL not in set(cmp.groups_summary["within"])
    # 이차전지 has 2 industry experts, 양자 one: counts of experts only, never a z or an interval
    assert cmp.terms["z"].isna().all() and (cmp.terms["statistic"] == "counts only").all()
    assert cmp.prevalence["ci_low"].isna().all() and cmp.prevalence["ci_high"].isna().all()
    assert ((cmp.terms["docs_a"] + cmp.terms["docs_b"]) >= 2).all()  # one expert's word is out


def test_leaning_always_agrees_with_the_expert_counts(fake):
    cmp = run(fake, within="none", themes=None, prior="uniform")
    t = cmp.terms
    share = t["docs_a"] / t["n_a"] - t["docs_b"] / t["n_b"]
    assert (share * t["z"] > 0).all() or ((share * t["z"] >= 0) & ((share == 0) == (t["z"] == 0))).all()


def test_swapping_groups_negates_z(fake):
    ab = run(fake, groups=("academic", "industry"))
    ba = run(fake, groups=("industry", "academic"))
    key = ["within", "term"]
    m = ab.terms.merge(ba.terms, on=key, suffixes=("_ab", "_ba"))
    assert len(m) == len(ab.terms) == len(ba.terms) > 10
    assert np.allclose(m["z_ab"], -m["z_ba"])
    assert (m["count_a_ab"] == m["count_b_ba"]).all()
    assert np.allclose(m["freq_a_ab"], m["freq_b_ba"])
    p = ab.prevalence.merge(ba.prevalence, on=["within", "theme_id"], suffixes=("_ab", "_ba"))
    assert np.allclose(p["diff_ab"], -p["diff_ba"])


def test_terms_columns_sorted_and_min_count(fake):
    cmp = run(fake, min_count=2)
    assert list(cmp.terms.columns) == TERM_COLUMNS
    assert ((cmp.terms["count_a"] + cmp.terms["count_b"]) >= 2).all()
    for _, block in cmp.terms.groupby("within"):
        assert block["z"].is_monotonic_decreasing
    assert set(cmp.terms["within"]) == {ALL, "이차전지", "양자"}
    assert len(run(fake, min_count=100).terms) == 0


def test_prior_options_all_antisymmetric(fake):
    for prior in ("corpus", "block", "uniform"):
        ab = run(fake, prior=prior, within="none", themes=None).terms.set_index("term")["z"]
        ba = run(fake, prior=prior, within="none", themes=None, groups=("industry", "academic")
                 ).terms.set_index("term")["z"]
        assert np.allclose(ab.sort_index(), -ba.sort_index())


# --------------------------------------------------------------------------------------------
# Prevalence (where the groups agree or differ is said by consult.findings, not here)
# --------------------------------------------------------------------------------------------


def test_prevalence_shares_and_ci(fake):
    cmp = run(fake, n_boot=500)
    p = cmp.prevalence
    assert list(p.columns) == PREVALENCE_COLUMNS
    bat = p[p["within"] == "이차전지"].set_index("theme_id")
    # academic transcripts: T01 (0,1,2), T02 (0,1,2), T03 (0,1,0) -> theme 0 share = (1/3+1/3+2/3)/3
    assert bat.loc[0, "share_a"] == pytest.approx(4 / 9)
    assert bat.loc[0, "share_b"] == 0
    assert bat.loc[3, "share_b"] == pytest.approx(1 / 3)
    assert (bat["n_a"] == 3).all() and (bat["n_b"] == 2).all()
    assert bat.loc[0, "k_a"] == 3 and bat.loc[2, "k_a"] == 2
    assert np.allclose(p["diff"], p["share_a"] - p["share_b"])
    assert ((p["ci_low"] <= p["diff"] + 1e-12) & (p["diff"] <= p["ci_high"] + 1e-12)).all()
    # the industry shares of theme 1 (one of three questions each) never vary: theme 1 is 1/3
    # for every transcript of both groups -> degenerate interval at 0
    assert bat.loc[1, "ci_low"] == pytest.approx(0) and bat.loc[1, "ci_high"] == pytest.approx(0)


def test_bootstrap_is_seeded_and_deterministic(fake):
    a = run(fake, random_state=7).prevalence
    b = run(fake, random_state=7).prevalence
    c = run(fake, random_state=8).prevalence
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"], c["ci_low"]) or not np.allclose(a["ci_high"], c["ci_high"])
    # a block's interval does not depend on which other blocks are computed
    only = run(fake, random_state=7, overall=False).prevalence
    pd.testing.assert_frame_equal(
        a[a["within"] == "양자"].reset_index(drop=True),
        only[only["within"] == "양자"].reset_index(drop=True),
    )


def test_the_comparison_makes_no_agreement_claims(fake):
    """Agreement and disagreement are findings (consult.findings, on the questions both sides
    were asked); the comparison only measures words and theme shares."""
    cmp = run(fake)
    assert not hasattr(cmp, "consensus") and not hasattr(cmp, "divergence")
    assert set(cmp.tables()) == {"groups", "terms", "prevalence", "pairs"}


def test_within_theme(fake):
    cmp = run(fake, within="theme")
    assert cmp.within == "theme"
    assert "안전성" in set(cmp.terms["within"])
    assert set(cmp.prevalence["within"]) == {ALL}
    with pytest.raises(CompareError, match="themes"):
        run(fake, within="theme", themes=None)


def test_no_themes_gives_empty_theme_tables(fake):
    cmp = run(fake, themes=None)
    assert cmp.prevalence.empty
    assert list(cmp.prevalence.columns) == PREVALENCE_COLUMNS
    assert len(cmp.terms) and len(cmp.pairs)


# --------------------------------------------------------------------------------------------
# Pairs and group summaries
# --------------------------------------------------------------------------------------------


def test_pairs_same_question_side_by_side(fake):
    cmp = run(fake)
    p = cmp.pairs
    assert list(p.columns) == PAIR_COLUMNS
    # battery: 3 academics x 2 industry x 3 questions; quantum: 2 x 1 x 2
    assert len(p) == 3 * 2 * 3 + 2 * 1 * 2
    assert (p["group_a"] == "academic").all() and (p["group_b"] == "industry").all()
    row = p[p["question_id_a"] == "doc#T01.Q2"].iloc[0]
    assert row["question_id_b"] in {"doc#T04.Q2", "doc#T05.Q2"}
    assert "안전성" in row["question"] and "TP" in row["answer_b"]
    assert (p["similarity"] == 1.0).all()
    # questions of different wording are not paired
    assert not ((p["question_id_a"].str[-2:]) != (p["question_id_b"].str[-2:])).any()


def test_groups_summary_counts(fake):
    cmp = run(fake)
    s = cmp.groups_summary.set_index(["within", "group"])
    assert s.loc[(ALL, "academic"), "n_transcripts"] == 5
    assert s.loc[("이차전지", "industry"), "n_questions"] == 6
    assert s.loc[("양자", "industry"), "small_sample"]
    assert not s.loc[("이차전지", "industry"), "small_sample"]


def test_small_sample_warning(fake):
    corpus, tokens, assign = fake
    with pytest.warns(SmallSampleWarning, match="양자: industry=1"):
        compare(corpus, tokens=tokens, themes=FakeModel(assign), n_boot=50)


# --------------------------------------------------------------------------------------------
# Grouping columns
# --------------------------------------------------------------------------------------------


def test_one_vs_rest_with_three_groups(fake):
    cmp = run(fake, groups=("academic", "industry", "research"), within="none")
    assert cmp.comparisons == (("academic", "not academic"), ("industry", "not industry"),
                               ("research", "not research"))
    t = cmp.terms
    # '표준' only one research expert uses it: one expert's word is no group's term
    assert not (t["term"] == "표준").any()
    # industry vs (academic + research) counts 'TP' on the industry side only
    i = t[(t["group_a"] == "industry") & (t["term"] == "TP")].iloc[0]
    assert i["count_a"] == 3 and i["z"] > 0
    assert set(cmp.groups_summary["group"]) == {"academic", "industry", "research"}
    assert set(cmp.prevalence["group_b"]) == {"not academic", "not industry", "not research"}
    # pairs: every pair of groups
    assert set(zip(cmp.pairs["group_a"], cmp.pairs["group_b"], strict=True)) == {
        ("academic", "industry"), ("academic", "research"), ("industry", "research")}


def test_organization_grouping(fake):
    cmp = run(fake, by="organization", groups=["KAIST", "LG에너지솔루션", "SKon"])
    assert cmp.by == "organization"
    s = cmp.groups_summary.set_index(["within", "group"])
    assert s.loc[(ALL, "KAIST"), "n_transcripts"] == 5
    assert s.loc[(ALL, "SKon"), "n_transcripts"] == 1
    assert "KAIST" in set(cmp.terms["group_a"])


def test_transcript_metadata_column_and_mapping(fake):
    cmp = run(fake, by="tenure", groups="senior,junior", within="none")
    assert cmp.groups == ("senior", "junior")
    assert cmp.groups_summary.set_index("group").loc["senior", "n_transcripts"] == 3
    mapping = {f"doc#T0{i}": ("x" if i <= 4 else "y") for i in range(1, 10)}
    cmp2 = run(fake, by=mapping, within="none")
    assert cmp2.groups == ("x", "y")


def test_default_groups_for_role_are_academic_vs_industry(fake):
    cmp = run(fake)
    assert cmp.groups == ("academic", "industry")
    assert isinstance(cmp, Comparison)
    assert set(cmp.tables()) == {"groups", "terms", "prevalence", "pairs"}
    assert "academic" in repr(cmp) and "<table" in cmp._repr_html_()
    top = cmp.top_terms(n=3)
    assert set(top["leans_to"]) == {"academic", "industry"}
    assert (top[top["leans_to"] == "industry"]["z"] < 0).all()
    assert (top.groupby(["within", "leans_to"]).size() <= 3).all()


def test_top_terms_lean_by_shares_where_there_is_no_z():
    terms = pd.DataFrame({"within": ["A", "A", "A"], "term": ["x", "y", "w"], "z": [float("nan")] * 3,
                          "docs_a": [2, 0, 1], "docs_b": [0, 2, 1], "n_a": [2, 2, 2], "n_b": [2, 2, 2],
                          "group_a": ["academic"] * 3, "group_b": ["industry"] * 3})
    cmp = Comparison(by="role", groups=("academic", "industry"), within="area",
                     comparisons=(("academic", "industry"),),
                     groups_summary=pd.DataFrame(), terms=terms, prevalence=pd.DataFrame(),
                     pairs=pd.DataFrame())
    top = cmp.top_terms()
    assert dict(zip(top["term"], top["leans_to"], strict=True)) == {"x": "academic", "y": "industry"}


def test_consult_compare_is_the_function_even_after_the_package_is_imported(fake):
    import consult
    import consult.comparison as package

    corpus, tokens, _ = fake
    assert consult.compare is package.compare
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        for f in (consult.compare, package.compare):
            cmp = f(corpus, tokens=tokens, within="none", n_boot=10)
            assert isinstance(cmp, Comparison) and cmp.groups == ("academic", "industry")


def test_input_is_not_mutated(fake):
    corpus, tokens, assign = fake
    before = corpus.questions.copy(), corpus.transcripts.copy(), tokens.copy(), assign.copy()
    run(fake)
    pd.testing.assert_frame_equal(before[0], corpus.questions)
    pd.testing.assert_frame_equal(before[1], corpus.transcripts)
    pd.testing.assert_series_equal(before[2], tokens)
    pd.testing.assert_frame_equal(before[3], assign)


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kw, match",
    [
        (dict(by="gender"), r"unknown grouping column 'gender'; columns: .*role"),
        (dict(groups=("academic", "alien")), r"'alien' is not a value of column 'role'.*academic \(5"),
        (dict(groups=("academic", "government")), r"'government' has no records.*industry \(3"),
        (dict(groups=("academic",)), r"at least two groups.*academic \(5 transcripts\)"),
        (dict(groups=("academic", "academic")), r"named twice"),
        (dict(by="report"), r"at least two groups.*r \(9 transcripts\)"),
        (dict(within="sector"), r"unknown `within` column 'sector'"),
        (dict(min_count=0), r"min_count"),
        (dict(n_boot=0), r"n_boot"),
        (dict(ci=1.5), r"ci must"),
        (dict(prior="flat"), r"unknown prior 'flat'; use one of corpus, block, uniform"),
        (dict(themes=pd.DataFrame({"question_id": ["nope"], "theme_id": [1]})), r"match no question_id"),
        (dict(themes=pd.DataFrame({"qid": ["x"]})), r"question_id and theme_id"),
        (dict(by={"nope": "x"}), r"mapping matches no transcript_id"),
    ],
)
def test_bad_input_errors(fake, kw, match):
    with pytest.raises(CompareError, match=match):
        run(fake, **kw)


def test_group_with_transcripts_but_no_questions_has_no_records(fake):
    corpus, tokens, assign = fake
    extra = corpus.transcripts.iloc[[0]].assign(transcript_id="doc#T99", tenure="emeritus")
    fc = FakeCorpus(corpus.questions, pd.concat([corpus.transcripts, extra]), corpus.points)
    with pytest.raises(CompareError, match=r"'emeritus' has no records in column 'tenure'"):
        compare(fc, tokens=tokens, by="tenure", groups=("senior", "emeritus"))


def test_bad_input_errors_are_consult_errors(fake):
    corpus, tokens, _ = fake
    with pytest.raises(NotFittedError, match="not fitted"):
        compare(corpus, tokens=tokens, themes=UnfittedModel())
    with pytest.raises(ConsultError, match="no questions"):
        compare(FakeCorpus(corpus.questions.head(0), corpus.transcripts, corpus.points), tokens=tokens)
    with pytest.raises(ConsultError, match="no questions table"):
        compare(object(), tokens=tokens)
    with pytest.raises(ConsultError, match="no question_id of this corpus"):
        compare(corpus, tokens=pd.Series({"x": ["a"]}))
    with pytest.raises(ConsultError, match="Series"):
        compare(corpus, tokens={"x": ["a"]})


# --------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------

TINY = """ 붙임3 이차전지 분야 산학 전문가 자문 내용

 전문가 자문 회의록 (1)

<KAIST 생명화학공학과 교수>

1. 이차전지 소재 R&D 전략에 대해 의견 부탁드립니다.

● 전고체 등 차세대 전지 연구가 중요함.

2. 공정기술이 R&D 정책에 포함되어야 할지 의견 부탁드립니다.

● 공정은 산업체가 잘하는 영역이므로 학계는 차세대 전지에 집중.

 전문가 자문 회의록 (2)

<KAIST 신소재공학과 교수>

1. 이차전지 소재 R&D 전략에 대해 의견 부탁드립니다.

● 전고체 전지와 리튬금속 음극 연구 확대 필요.

2. 공정기술이 R&D 정책에 포함되어야 할지 의견 부탁드립니다.

● 학계는 공정 연구 시설이 부족함.

 전문가 자문 회의록 (3)

<LG에너지솔루션 관계자>

1. 이차전지 소재 R&D 전략에 대해 의견 부탁드립니다.

● 망간리치와 LFP 등 가격경쟁력 소재 개발 필요.

2. 공정기술이 R&D 정책에 포함되어야 할지 의견 부탁드립니다.

● 스마트팩토리 등 무인공정을 위한 제조 향상 필요.

 전문가 자문 회의록 (4)

<SKon 관계자>

1. 이차전지 소재 R&D 전략에 대해 의견 부탁드립니다.

● 가격경쟁력 있는 LFP 소재 양산 필요.

2. 공정기술이 R&D 정책에 포함되어야 할지 의견 부탁드립니다.

● 스마트팩토리 제조 공정 혁신 필요.
"""


def _split_tokens(corpus, text):
    """A whitespace tokenizer standing in for Kiwi (keeps the CLI tests fast)."""
    return pd.Series({
        qid: [w.strip(".,") for w in ans.split() if w.strip(".,●")]
        for qid, ans in zip(corpus.questions["question_id"], corpus.questions["answer"], strict=True)
    })


class _TinyThemeModel:
    """Theme 0 for the first question of each transcript, theme 1 for the second."""

    def __init__(self, backend="sklearn", random_state=0, n_themes=None):
        self.backend = backend

    def fit(self, corpus):
        q = corpus.questions
        self.assignments_ = pd.DataFrame({
            "transcript_id": q["transcript_id"], "question_id": q["question_id"],
            "question_no": q["question_no"], "theme_id": (q["question_no"] - 1) % 2,
            "theme_label": np.where(q["question_no"] == 1, "소재 전략", "공정"), "score": 1.0,
        })
        self.themes_ = pd.DataFrame({"theme_id": [0, 1], "label": ["소재 전략", "공정"],
                                     "keywords": [["소재"], ["공정"]]})
        return self


@pytest.fixture
def cli(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import consult.themes
    from consult.cli import main

    monkeypatch.setattr("consult.comparison.inputs._default_tokens", _split_tokens)
    monkeypatch.setattr(consult.themes, "ThemeModel", _TinyThemeModel)
    monkeypatch.setattr("consult.analysis.ThemeModel", _TinyThemeModel)  # analyze() fits themes
    path = tmp_path / "minutes.txt"
    path.write_text(TINY, encoding="utf-8")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, ["compare", str(path), *args]), tmp_path


def test_cli_csv_writes_terms(cli):
    invoke, tmp = cli
    out = tmp / "terms.csv"
    res = invoke("--by", "role", "--min-count", "2", "-o", str(out))
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns) == TERM_COLUMNS
    assert set(df["within"]) == {"이차전지"}  # no pooled block across areas by default
    assert df["z"].isna().all() and (df["statistic"] == "counts only").all()  # 2 industry experts
    t = df.set_index("term")
    assert t.loc["전고체", "docs_a"] > t.loc["전고체", "docs_b"]
    assert t.loc["스마트팩토리", "docs_b"] > t.loc["스마트팩토리", "docs_a"]
    assert ((df["count_a"] + df["count_b"]) >= 2).all()


def test_cli_xlsx_writes_every_table(cli):
    invoke, tmp = cli
    out = tmp / "compare.xlsx"
    res = invoke("--groups", "industry,academic", "--n-boot", "50", "-o", str(out), "--lang", "en")
    assert res.exit_code == 0, res.output
    sheets = pd.read_excel(out, sheet_name=None)          # English: the tables' own names
    assert list(sheets)[:4] == ["groups", "terms", "prevalence", "pairs"]
    assert {"findings", "questionnaire", "points"} <= set(sheets)
    assert set(sheets["groups"]["group"]) == {"industry", "academic"}
    assert (sheets["terms"]["group_a"] == "industry").all()
    assert len(sheets["prevalence"]) == 2  # 2 themes x 이차전지 (no pooled block)
    assert len(sheets["pairs"]) == 2 * 2 * 2  # 2 questions x 2 industry x 2 academic
    assert "스마트팩토리" in " ".join(sheets["pairs"]["answer_a"].astype(str))
    res = invoke("--groups", "industry,academic", "--n-boot", "50", "-o", str(out))
    assert res.exit_code == 0, res.output
    ko = pd.read_excel(out, sheet_name=None)              # Korean (the default): Korean words
    assert list(ko)[:4] == ["집단", "특징어", "주제 비중", "같은 질문 답변"]
    assert {"발견", "질문지", "답변 항목"} <= set(ko)
    assert set(ko["집단"]["집단"]) == {"산업계", "학계"}
    assert (ko["특징어"]["집단(a)"] == "산업계").all() and (ko["특징어"]["통계"] == "수만 셈").all()
    from consult.findings import KIND_NAMES

    assert set(ko["발견"]["유형"]) <= {ko_name for ko_name, _ in KIND_NAMES.values()}
    assert "sentence_en" in sheets["findings"] and "문장" in ko["발견"]  # the Korean sentence only
    assert not any(c.endswith("_en") or c == "sentence_en" for c in ko["발견"].columns)
    assert [len(ko[k]) for k in ko] == [len(sheets[k]) for k in sheets]  # the same rows


def test_cli_stdout_and_no_themes(cli):
    invoke, _ = cli
    res = invoke("--themes-backend", "none", "--within", "none", "--min-count", "1")
    assert res.exit_code == 0, res.output
    assert res.output.startswith("within,term,z")
    assert "(all),전고체," in res.output


def test_cli_goes_on_without_themes_when_too_small(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import consult.themes as themes
    from consult.cli import main
    too_small = themes.CorpusTooSmallError

    class TooSmall(_TinyThemeModel):
        def fit(self, corpus):
            raise too_small("only 4 transcripts")

    monkeypatch.setattr("consult.comparison.inputs._default_tokens", _split_tokens)
    monkeypatch.setattr("consult.analysis.ThemeModel", TooSmall)  # analyze() fits the themes
    path = tmp_path / "minutes.txt"
    path.write_text(TINY, encoding="utf-8")
    out = tmp_path / "c.xlsx"
    res = CliRunner().invoke(main, ["compare", str(path), "-o", str(out), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "consult: warning: themes left out: only 4 transcripts" in res.output
    sheets = pd.read_excel(out, sheet_name=None)
    assert len(sheets["terms"]) and sheets["prevalence"].empty
    res = CliRunner().invoke(main, ["compare", str(path), "--within", "theme"])
    assert res.exit_code == 1 and "only 4 transcripts" in res.output


def test_cli_errors_are_one_line(cli):
    invoke, _ = cli
    res = invoke("--by", "gender")
    assert res.exit_code == 1
    assert "consult: error: unknown grouping column 'gender'" in res.output
    res = invoke("--groups", "academic,government")
    assert res.exit_code == 1 and "'government' has no records" in res.output
    assert "academic (2 transcripts)" in res.output
    res = invoke("--groups", "academic")
    assert res.exit_code == 1 and "at least two groups" in res.output
    assert "Traceback" not in res.output
    res = invoke("--min-count", "0")
    assert res.exit_code == 2


def test_pairs_stay_within_a_consultation_round():
    # two rounds of the same questionnaire in one document: header numbers restart at (1)
    corpus, tokens, assign = make_corpus()
    q2 = corpus.questions.copy()
    second = q2[q2["area"] == "양자"].copy()
    second["transcript_id"] = second["transcript_id"] + "b"
    second["question_id"] = second["transcript_id"] + "." + second["question_id"].str.split(".").str[-1]
    both = pd.concat([q2, second], ignore_index=True)
    tok2 = pd.concat([tokens, pd.Series(dict(zip(second["question_id"],
                                                 tokens[q2.loc[second.index, "question_id"]].tolist(),
                                                 strict=True)))])
    fc = FakeCorpus(both, corpus.transcripts, corpus.points)
    cmp = compare(fc, tokens=tok2, within="none", n_boot=10, min_count=1)
    p = cmp.pairs[cmp.pairs["area"] == "양자"]
    assert len(p) == 2 * (2 * 1 * 2)  # each round pairs only its own transcripts
    same_round = p["transcript_id_a"].str.endswith("b") == p["transcript_id_b"].str.endswith("b")
    assert same_round.all()


# --------------------------------------------------------------------------------------------
# The battery check example (real parser, Kiwi and, when present, the theme model)
# --------------------------------------------------------------------------------------------


@pytest.mark.slow  # ~15-25 s (Kiwi + a theme fit); tests/test_examples.py runs it by default
def test_battery_check_example_runs(capsys):
    import runpy
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples" / "battery_check.py"
    ns = runpy.run_path(str(path), run_name="__main__")
    claims, check, evidence = ns["claims"], ns["check"], ns["evidence"]
    # the claim is read from the authors' summary table, one line per side
    assert set(claims["group"]) == {"academic", "industry"}
    assert "전고체" in ns["claim_tokens"]["academic"]
    assert {"스마트", "무인"} <= set(ns["claim_tokens"]["industry"])
    assert set(check["claimed_for"]) == {"academic", "industry"}
    assert set(check["verdict"]) <= {"supported", "leans as claimed, not significant",
                                     "leans the other way, not significant", "contradicted",
                                     "leans as claimed (counts only)", "leans the other way (counts only)",
                                     "used alike (counts only)", "not in the answers"}
    # a word some expert uses is never "not in the answers"; every piece of evidence cites a
    # battery point of the sample and uses the word
    used = set(evidence["term"])
    assert not (check["term"].isin(used) & (check["verdict"] == "not in the answers")).any()
    assert len(evidence) > 0
    assert evidence["point_id"].str.startswith("kaist_2023_annual_report#T").all()
    cmp = ns["cmp"]
    battery_ids = set(cmp.pairs.loc[cmp.pairs["area"] == "이차전지", "transcript_id_b"])
    assert battery_ids  # the closing question is paired across the two sides
    out = capsys.readouterr().out
    assert "Claim for academic" in out and "Claim for industry" in out
