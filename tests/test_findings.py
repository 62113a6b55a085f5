"""Findings: stance cue rules, who was asked what, the kinds of finding and their sentences,
the authors' summary tables checked (tiny corpora, real Kiwi tokens)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from consult.findings import StanceRules, build_claims, questionnaire

RULES = StanceRules.default()


@pytest.mark.parametrize("text, polarity", [
    ("정부 지원이 시급히 필요합니다.", 1),
    ("투자를 확대해야 합니다.", 1),
    ("투자가 필요하지 않다고 봅니다.", -1),           # negation flips
    ("효과적이지 않을 것으로 보입니다.", -1),          # a negated phrase
    ("이탈은 우려할 정도는 아닙니다.", 1),             # a negated concern
    ("국내 시장 측면에서 상대적으로 중요도 낮음.", -1),
    ("투자가 시급하나, 국토 규모를 고려하면 효과적이지 않음.", -1),  # the concession gives way
    ("계약학과에 대해서는 회의적입니다.", -1),
    ("시스템 SW 인력이 절대적으로 부족합니다.", 0),     # a problem named: neither for nor against
    ("인력 부족이 심각하여 양성 확대가 필요합니다.", 1),  # … and the remedy asked for
    ("해당 기술의 동향을 설명드리겠습니다.", 0),
])
def test_stance_rules(text, polarity):
    assert RULES.stance(text).polarity == polarity


@pytest.mark.parametrize("text, polarity", [
    ("정말 큰 특혜인지를 생각해 보는 것이 필요.", -1),   # doubt, although 필요 is in it
    ("실효성이 있는지 의문입니다.", -1),
])
def test_doubt_is_against(text, polarity):
    assert RULES.stance(text).polarity == polarity


@pytest.mark.parametrize("text, polarity", [
    ("계약학과보다는 마이크로 디그리 같은 트랙이 낫습니다.", -1),   # prefers something else
    ("학과 신설 대신 계약학과를 늘리는 편이 좋습니다.", 1),         # prefers the target
    ("계약학과는 효과적인 수단입니다. 다만 교수 인력은 부족합니다.", 1),  # the other sentence is not about it
])
def test_stance_toward_a_target(text, polarity):
    assert RULES.stance_toward(text, ["계약학과"]).polarity == polarity


def test_stance_toward_falls_back_when_the_target_is_not_named():
    assert RULES.stance_toward("예산이 부족합니다.", ["계약학과"]) is None


@pytest.mark.parametrize("question, gist", [
    ("저궤도 위성통신이 논의되고 있습니다. 위성통신 R&D 투자의 우선순위에 대해 평가해 주십시오.",
     "위성통신 R&D 투자의 우선순위"),                                  # the ask, not the context
    ("버그바운티를 활용하자는 제안이 있습니다. 이러한 제안의 현실성과 효과성에 대한 의견을 부탁드립니다.",
     "버그바운티를 활용하자는 제안이 있습니다. 이러한 제안의 현실성과 효과성"),  # what "이러한" points at
    ("3. 인력 수요 및 양성 전략", "인력 수요 및 양성 전략"),                 # a heading stays as it is
])
def test_question_gist_says_what_is_asked(question, gist):
    from consult.findings import question_gist

    assert question_gist(question) == gist


def test_a_long_question_is_cut_from_the_front():
    from consult.findings import question_gist

    gist = question_gist("기업에서는 " + "수요가 매우 크고 " * 12 + "이탈에 대한 선제 대응 방안이 있을지 의견 부탁드립니다.")
    assert gist.startswith("…") and gist.endswith("이탈에 대한 선제 대응 방안") and len(gist) <= 60


def test_hedge_and_instruments():
    s = RULES.stance("다소 필요할 수도 있습니다")
    assert s.hedged and s.polarity == 1
    assert RULES.instruments_in("테스트베드 구축과 예산 확대") == ("예산·투자", "테스트베드")


def _corpus(rows):
    """rows: (transcript, role, area, question text, [point texts])."""
    pts, qs, ts = [], [], {}
    for t, role, area, qtext, texts in rows:
        tid = f"d#T{t:02d}"
        qid = f"{tid}.Q{sum(q['transcript_id'] == tid for q in qs) + 1}"
        ts[tid] = {"transcript_id": tid, "role": role, "area": area, "doc": "d"}
        qs.append({"doc": "d", "area": area, "transcript_id": tid, "question_id": qid,
                   "question": qtext, "question_topic": "", "role": role})
        for i, text in enumerate(texts, 1):
            pts.append({"doc": "d", "area": area, "transcript_id": tid, "question_id": qid,
                        "point_id": f"{qid}.P{i}", "text": text, "role": role,
                        "transcript_kind": "consultation"})
    return SimpleNamespace(points=pd.DataFrame(pts), questions=pd.DataFrame(qs),
                           transcripts=pd.DataFrame(list(ts.values())))



def _find(corpus, **kw):
    """The findings table (Kiwi tokens, cached)."""
    return build_claims(corpus, **kw).table


LEO = "저궤도 위성통신 R&D 투자의 시급성을 평가해 주십시오."


def test_opposite_stances_on_a_judgement_question_are_a_divergence_with_counts_of_asked():
    c = _corpus([
        (1, "industry", "통신", LEO, ["저궤도 위성 투자가 시급합니다."]),
        (2, "industry", "통신", LEO, ["위성 기술은 시급히 확보해야 합니다."]),
        (3, "academic", "통신", LEO, ["국내 시장에서는 중요도 낮음."]),
        (4, "academic", "통신", LEO, ["우리 국토에서는 효과적이지 않음."]),
        (5, "academic", "통신", LEO, ["상대적으로 우선순위가 낮습니다."]),
    ])
    claims = build_claims(c)
    row = claims.table[claims.table["kind"] == "divergence"].iloc[0]
    assert row["judgement"] == "urgency"
    assert (row["a_k"], row["a_asked"], row["b_k"], row["b_asked"]) == (3, 3, 2, 2)
    assert (row["a_stance"], row["b_stance"]) == ("against", "for")
    assert row["strength"] == "anecdotal"            # two industry experts
    assert "시급하지 않다고 봄(3/3명)" in row["sentence"] and "시급하다고 봄(2/2명)" in row["sentence"]
    assert row["a_position"] in " ".join(c.points["text"])  # quoted, not paraphrased
    assert claims.questionnaire.iloc[0]["asked_academic"] == 3


def test_needed_is_not_urgent_and_a_side_that_does_not_judge_is_said_so():
    c = _corpus([
        (1, "industry", "통신", LEO, ["저궤도 위성 기술 확보가 필요함."]),
        (2, "industry", "통신", LEO, ["위성 부품 국산화 투자가 중요함."]),
        (3, "academic", "통신", LEO, ["국내 시장에서는 중요도 낮음."]),
        (4, "academic", "통신", LEO, ["우리 국토에서는 효과적이지 않음."]),
        (5, "academic", "통신", LEO, ["미래지향적 투자로 보아야 함."]),
    ])
    f = _find(c)
    assert not (f["kind"] == "divergence").any()     # "필요/중요" is not "시급"
    row = f[(f["kind"] == "one_side") & (f["judgement"] == "urgency")].iloc[0]
    assert (row["a_k"], row["a_asked"], row["a_stance"]) == (3, 3, "against")
    assert row["b_stance"] == "" and row["b_k"] == 0
    assert "학계는 시급하지 않다고 봄(3/3명)" in row["sentence"]
    # what the silent side does say is said too: needed, not urgent
    assert "산업계(2명)는 이에 대한 판단은 밝히지 않았으나 2명은 필요하다고 봄" in row["sentence"]


def test_a_question_asking_two_judgements_takes_a_stance_on_either():
    q = "저궤도 위성통신 R&D 투자의 시급성과 우선순위를 평가해 주십시오."
    c = _corpus([
        (1, "industry", "통신", q, ["저궤도 위성 투자가 시급합니다."]),
        (2, "industry", "통신", q, ["최우선으로 추진해야 합니다."]),
        (3, "academic", "통신", q, ["글로벌 관점에서는 투자가 시급하나, 우선순위가 더 높다고 할 수는 없음."]),
        (4, "academic", "통신", q, ["국내 시장에서는 중요도 낮음."]),
    ])
    row = _find(c).query("kind == 'divergence'").iloc[0]
    assert row["judgement"] == "urgency+priority"
    # "시급하나, 우선순위가 더 높다고 할 수는 없음": against, after granting the other view a point
    assert "학계는 시급성·우선순위를 낮게 봄(2/2명; 그중 1명은 반대쪽 면도 먼저 인정함)" in row["sentence"]
    assert "산업계는 시급성·우선순위를 높게 봄(2/2명)" in row["sentence"]
    assert "평가해" not in row["question_topic"]


def test_opposite_stances_that_cut_across_the_sides_are_a_split_not_opposite_views():
    q = "탭리스, 건식 공정이 우리나라 R&D정책에 포함되어야 할지 의견 부탁드립니다."
    c = _corpus([
        (1, "academic", "전지", q, ["연구기관의 R&D로 제시하기에는 무리가 있어 필요하지 않음."]),
        (2, "academic", "전지", q, ["학교에서 시행하기에는 무리가 있어 필요하지 않음."]),
        (3, "academic", "전지", q, ["산학연 컨소시엄 연구가 필요함."]),
        (4, "industry", "전지", q, ["학계에서도 최신 공정 기술개발 시도가 필요함."]),
    ])
    f = _find(c)
    assert not (f["kind"] == "divergence").any()
    row = f.query("kind == 'split'").iloc[0]
    assert "학계 안에서 갈림(필요하다고 봄 1명, 필요하지 않다고 봄 2명)" in row["sentence"]
    assert "산업계는 필요하다고 봄(1/1명)" in row["sentence"]


def test_a_stance_word_only_where_the_question_asks_for_a_judgement():
    q = "우리나라가 집중해야 할 실증 분야는 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["특화망 실증이 필요합니다."]),
                 (2, "academic", "A", q, ["특화망 실증 확대가 중요합니다."]),
                 (3, "industry", "A", q, ["특화망 사업이 필요합니다."]),
                 (4, "industry", "A", q, ["특화망 단말 개발이 필요합니다."])])
    f = _find(c)
    assert set(f["judgement"]) == {""} and set(f["a_stance"]) | set(f["b_stance"]) == {""}
    for word in ("필요하다고 봄", "지지", "부정", "회의"):
        assert not f["sentence"].str.contains(word).any()


def test_the_same_specific_thing_named_by_half_of_each_side_and_nobody_against_is_consensus():
    q = "우리나라가 집중해야 할 실증 분야는 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["특화망 실증이 필요합니다."]),
                 (2, "academic", "A", q, ["특화망 사업 확대가 중요합니다."]),
                 (3, "industry", "A", q, ["특화망 단말 개발이 필요합니다. 특화망 수요가 큽니다."]),
                 (4, "industry", "A", q, ["공장 자동화가 중요합니다."])])
    f = _find(c)
    row = f[f["kind"] == "consensus"].iloc[0]
    assert row["thing"] == "특화망" and (row["a_k"], row["b_k"]) == (2, 1)
    assert "「특화망」을 들었고, 이와 다르게 말한 전문가는 없음" in row["sentence"]
    assert row["a_quote_id"].startswith(("d#T01", "d#T02")) and row["b_quote_id"].startswith("d#T03")


def test_someone_who_says_otherwise_makes_it_a_split_and_is_quoted():
    q = "가장 우선적으로 확보해야 할 기술은 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["RF 부품 국산화가 중요합니다."]),
                 (2, "academic", "A", q, ["고가 RF 부품이 없더라도 큰 문제는 없음."]),
                 (3, "industry", "A", q, ["RF 부품 내재화 투자가 필요합니다."]),
                 (4, "industry", "A", q, ["RF 칩 원천기술을 확보해야 합니다."])])
    f = _find(c)
    assert not (f["kind"] == "consensus").any()
    row = f[f["kind"] == "split"].iloc[0]
    assert row["a_dissent_ids"] == "d#T02.Q1.P1" and "없더라도" in row["a_dissent"]
    assert "학계 1명은 단서를 달거나 다르게 말함" in row["sentence"]
    assert row["a_quote_id"] == "d#T01.Q1.P1"          # the side's quote is not the dissent


def test_one_experts_passing_mention_is_not_what_a_side_holds():
    q = "우리나라가 집중해야 할 실증 분야는 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["특화망 실증이 필요합니다."]),
                 (2, "academic", "A", q, ["특화망 사업 확대가 중요합니다."]),
                 (3, "industry", "A", q, ["특화망 단말 개발이 필요합니다."]),   # once, in passing
                 (4, "industry", "A", q, ["공장 자동화가 중요합니다."])])
    assert not (_find(c)["kind"] == "consensus").any()


def test_both_saying_something_is_needed_is_no_consensus():
    q = "향후 R&D 전략은 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["기술 개발 지원이 필요합니다."]),
                 (2, "academic", "A", q, ["기술 개발이 중요합니다."]),
                 (3, "industry", "A", q, ["기술 개발 확대가 필요합니다."]),
                 (4, "industry", "A", q, ["기술 개발 지원이 중요합니다."])])
    f = _find(c)
    assert not (f["kind"] == "consensus").any()


def test_different_things_are_a_contrast_with_each_sides_own_words():
    q = "우리나라가 집중해야 할 실증 분야는 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["의료 분야 실증이 필요합니다. 의료 데이터가 중요합니다."]),
                 (2, "academic", "A", q, ["원격 의료 서비스에 집중해야 합니다."]),
                 (3, "industry", "A", q, ["단말 보급이 중요합니다. 단말 가격이 문제입니다."]),
                 (4, "industry", "A", q, ["로봇 단말 개발이 필요합니다."])])
    f = _find(c)
    row = f[f["kind"] == "contrast"].iloc[0]
    assert "의료" in row["a_named"] and "단말" in row["b_named"]
    assert "학계는 「의료」" in row["sentence"] and "산업계는 「단말」" in row["sentence"]


def test_swapping_the_groups_swaps_the_sides():
    q = "우리나라가 집중해야 할 실증 분야는 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["특화망 실증이 필요합니다."]),
                 (2, "academic", "A", q, ["특화망 사업 확대가 중요합니다."]),
                 (3, "industry", "A", q, ["특화망 단말 개발이 필요합니다."]),
                 (4, "industry", "A", q, ["특화망 장비가 중요합니다."])])
    ab = _find(c).set_index(["kind", "thing"])
    ba = _find(c, groups=("industry", "academic")).set_index(["kind", "thing"])
    assert set(ab.index) == set(ba.index)
    for key in ab.index:
        assert (ab.loc[key, "a_k"], ab.loc[key, "b_k"]) == (ba.loc[key, "b_k"], ba.loc[key, "a_k"])


def test_a_question_asked_of_one_side_only_is_not_asked_never_a_difference():
    c = _corpus([
        (1, "academic", "보안", "보안 인재 양성 전략에 대한 의견", ["인재 양성이 시급합니다."]),
        (2, "academic", "보안", "보안 인재 양성 전략에 대한 의견", ["인력 부족이 심각합니다."]),
        (3, "industry", "보안", "클라우드 보안 기술 경쟁력 확보 전략", ["클라우드 투자가 필요합니다."]),
    ])
    f = _find(c)
    assert set(f["kind"]) == {"not_asked"}
    assert f["sentence"].str.contains("에만 물었음").all()


def test_similar_questions_of_two_questionnaires_are_set_side_by_side_and_marked():
    qa = "사이버보안 분야에서 국가 차원에서 반드시 확보해야 할 핵심 기술은 무엇입니까?"
    qb = "투자가 시급하고 경쟁력을 확보할 수 있는 사이버보안 핵심 기술 분야는 무엇입니까?"
    c = _corpus([(1, "academic", "보안", qa, ["위협 인텔리전스 기술이 중요합니다."]),
                 (2, "academic", "보안", qa, ["위협 인텔리전스 공유가 필요합니다."]),
                 (3, "industry", "보안", qb, ["위협 인텔리전스 플랫폼에 투자해야 합니다. 위협 인텔리전스 공유도 중요합니다."]),
                 (4, "industry", "보안", qb, ["XDR 기술이 유망합니다."])])
    f = _find(c)
    assert set(f["basis_kind"]) == {"similar"}
    assert f["sentence"].str.startswith("비슷한 두 질문(학계: 「").all()


def test_korean_particles_follow_the_word():
    q = "우리나라가 집중해야 할 실증 분야는 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["XDR 기술이 중요합니다."]), (2, "academic", "A", q, ["XDR 도입"]),
                 (3, "industry", "A", q, ["통신사 협력이 필요합니다. 통신사 역할"]), (4, "industry", "A", q, ["통신사 참여"])])
    f = _find(c)
    text = " ".join(f["sentence"])
    assert "을(를)" not in text and "은(는)" not in text and "이(가)" not in text
    assert "「XDR」을" in text and "「통신사」를" in text   # 엑스디알을, 통신사를


def test_every_finding_is_one_row_with_the_same_numbers_in_both_languages():
    f = _find(_corpus([(1, "industry", "통신", LEO, ["저궤도 위성 투자가 시급합니다."]),
                       (2, "academic", "통신", LEO, ["우선순위가 낮습니다."])]))
    for r in f.to_dict("records"):
        for n in (r["a_k"], r["a_asked"], r["b_k"], r["b_asked"]):
            assert str(n) in r["sentence"] and str(n) in r["sentence_en"]
    assert f["finding_id"].is_unique


def test_area_without_a_group_is_not_comparable():
    c = _corpus([(1, "academic", "양자", "질문", ["필요"]), (2, "academic", "양자", "질문", ["필요"])])
    f = _find(c)
    assert f.iloc[0]["kind"] == "not_comparable"
    assert f.iloc[0]["sentence"] == "양자: 산업계 전문가가 없어 비교할 수 없음(학계 2명만 자문)."


def test_questionnaire_aligns_paraphrases_within_an_area_only():
    c = _corpus([
        (1, "academic", "A", "1. 인력양성 전략에 대해 의견 부탁드립니다.", ["x"]),
        (2, "industry", "A", "인력 양성 전략에 대한 의견 부탁드립니다", ["y"]),
        (3, "industry", "B", "인력양성 전략에 대해 의견 부탁드립니다.", ["z"]),
    ])
    q = questionnaire(c)
    assert len(q) == 2
    a = q[q["area"] == "A"].iloc[0]
    assert (a["asked_academic"], a["asked_industry"], a["n_asked"]) == (1, 1, 2)


def test_claimed_counts():
    from consult.findings import claimed_count

    assert claimed_count("RF 안테나(5인 공통의견)") == 5
    assert claimed_count("역량 강화 필요(자문 4인 공통 의견)") == 4
    assert claimed_count("인재양성 전략이 효과적(전원 공통 의견 제시)") == 0
    assert claimed_count("신중한 접근이 필요하다는 의견 다수") == -1
    assert claimed_count("하이니켈 고도화") is None


@pytest.mark.parametrize("topic_cell, opinion, claims, question", [
    # a bullet the PDF put in the topic cell, wrapped over two pieces, then the question
    ("통신 하드웨어 • 무선통신 핵심부품은 RF 안테나 및 소자, / 저잡음 증폭기 / 통신 HW기술 중 전략성과",
     "RF 소자 R&D 필요", ["무선통신 핵심부품은 RF 안테나 및 소자, 저잡음 증폭기", "RF 소자 R&D 필요"],
     "통신 HW기술 중 전략성과"),
    ("공정 기술", "공정부분은 산업체를 중심으로 실행\n(클라우드 보안 기술)",
     ["공정부분은 산업체를 중심으로 실행", "(클라우드 보안 기술)"], ""),
])
def test_summary_rows_are_cut_into_claims(topic_cell, opinion, claims, question):
    from consult.findings.summaries import split_row

    topic, got, q = split_row(topic_cell, opinion)
    assert got == claims and q == question and "•" not in topic


@pytest.mark.parametrize("line, claim", [
    ("(음극재) 실리콘 음극제 고도화 및 R&D 활성화소재성능 고도화를 위한 R&D 전략",
     "(음극재) 실리콘 음극제 고도화 및 R&D 활성화"),
    ("인재양성 전략이 효과적일 것임(전원 공통 의견 제시) 가능성 측면에서 내재화가 필요한 기술에 관한 의견 문의",
     "인재양성 전략이 효과적일 것임(전원 공통 의견 제시)"),
    ("정부의 신중한 접근이 필요하다는 의견 다수가능성 측면에서 필요한 기술에 관한 의견 문의",
     "정부의 신중한 접근이 필요하다는 의견 다수"),
    ("(산업계) 스마트팩토리 등 무인공정을 위한 제조 향상 R&D 필요-", "(산업계) 스마트팩토리 등 무인공정을 위한 제조 향상 R&D 필요"),
    ("저궤도 위성의 상업화 및 투자 효율성에 대해서는 신중한 접근이 필요", "저궤도 위성의 상업화 및 투자 효율성에 대해서는 신중한 접근이 필요"),
])
def test_question_text_glued_onto_a_claim_is_cut_off(line, claim):
    from consult.findings.summaries import unglue

    assert unglue(line, lambda text: 1.0)[0] == claim


def _summary_corpus(claim_line, answers):
    """A corpus of one area with one summary row (``claim_line`` its opinion) and ``answers``
    (role, text) to one question."""
    c = _corpus([(i, role, "A", "RF 부품 국산화 전략은 무엇입니까?", [text])
                 for i, (role, text) in enumerate(answers, 1)])
    c.summaries = pd.DataFrame([{"doc": "d", "area": "A", "table_no": 1, "row_no": 1,
                                 "question_topic": "RF 부품", "opinion": claim_line,
                                 "line_start": 1, "line_end": 2}])
    c.coverage = lambda: pd.DataFrame(columns=["doc", "line", "text"])
    return c


def test_a_claim_in_other_words_is_confirmed_and_a_head_count_is_counted_per_expert():
    from consult.findings import check_summaries

    c = _summary_corpus("RF 부품 국산화가 중요(3인 공통의견)",
                        [("academic", "RF 부품의 국산화가 매우 중요함."),
                         ("academic", "국산화 대상으로 RF 부품이 중요함."),
                         ("industry", "안테나 설계 인력이 부족함.")])
    row = check_summaries(c).iloc[0]
    assert row["claimed_n"] == 3 and row["n_supporters"] == 2
    assert row["verdict"] == "overstated" and "3명 공통이라 했으나 같은 내용을 찾은 전문가는 2명" in row["note"]
    assert set(row["supporters"].split("; ")) == {"d#T01", "d#T02"}


def test_a_claim_nobody_makes_is_not_found_and_a_dissenter_is_named():
    from consult.findings import check_summaries

    c = _summary_corpus("RF 부품 국산화가 중요\n양자 컴퓨터 도입 필요",
                        [("academic", "RF 부품 국산화가 중요함."),
                         ("academic", "고가 RF 부품 국산화가 없더라도 큰 문제는 없음."),
                         ("industry", "RF 부품 국산화 투자가 필요함.")])
    checks = check_summaries(c).set_index("claim")
    rf = checks.loc["RF 부품 국산화가 중요"]
    assert rf["verdict"] == "confirmed" and rf["dissenters"] == "d#T02"
    assert checks.loc["양자 컴퓨터 도입 필요", "verdict"] == "not_found"


def test_summary_checks_of_the_sample_link_to_real_points(sample_corpus):
    from consult.findings import check_summaries

    checks = check_summaries(sample_corpus)
    ids = {i for c in ("evidence", "dissent_evidence") for e in checks[c] for i in str(e).split(";") if i}
    known = set(sample_corpus.points["point_id"]) | set(sample_corpus.questions["question_id"])
    assert ids <= known
    assert not checks["claim"].str.contains("의견 문의").any()   # question text cut off
    assert set(checks["verdict"]) <= {"confirmed", "partly", "overstated", "not_found"}
    # the head counts the authors overstate (a hand check: 5 said, 4 and 2 found)
    rf = checks[checks["claim"].str.contains("RF 안테나")].iloc[0]
    assert rf["verdict"] == "overstated" and rf["claimed_n"] == 5


def _cli(*args):
    from click.testing import CliRunner

    from consult.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


_PROFS_ONLY = "".join(
    f" 전문가 자문 회의록 ({i})\n\n<KAIST 신소재공학과 교수>\n\n1. 투자 필요성에 대해 의견 부탁드립니다.\n\n"
    f"● 투자가 시급히 필요함.\n\n" for i in (1, 2))


def test_cli_compare_refuses_missing_groups_in_one_line(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text(_PROFS_ONLY, encoding="utf-8")
    res = _cli("compare", path, "--themes-backend", "none", "-o", tmp_path / "f.csv")
    assert res.exit_code == 1 and res.output.count("consult: error:") == 1, res.output
    assert "nothing to compare" in res.output
    res = _cli("compare", path, "--themes-backend", "none", "--groups", "academic,government",
               "-o", tmp_path / "f.csv")
    assert res.exit_code == 1 and "government" in res.output and "Traceback" not in res.output
    res = _cli("report", path, "--backend", "none", "--groups", "academic,government",
               "-o", tmp_path / "r.html")
    assert res.exit_code == 1 and not (tmp_path / "r.html").exists()


def test_cli_compare_writes_findings_level(tmp_path):
    from test_compare import TINY

    path = tmp_path / "m.txt"
    path.write_text(TINY, encoding="utf-8")
    out = tmp_path / "findings.csv"
    res = _cli("compare", path, "--themes-backend", "none", "--level", "findings", "-o", out)
    assert res.exit_code == 0, res.output
    f = pd.read_csv(out, encoding="utf-8-sig")
    from consult.findings import FINDING_COLUMNS

    assert list(f.columns) == FINDING_COLUMNS
    assert (f["a_k"] <= f["a_asked"]).all() and (f["b_k"] <= f["b_asked"]).all()


def test_a_meeting_feeds_the_comparison_through_its_speakers():
    import warnings
    from pathlib import Path

    import consult
    from consult.people.experts import expert_view

    path = Path(__file__).parent / "fixtures" / "layouts" / "meeting_inline.txt"
    corpus = consult.load(path)
    view = expert_view(corpus)
    assert len(view.transcripts) > len(corpus.transcripts)          # one expert per speaker
    assert set(view.points["point_id"]) == set(corpus.points["point_id"])  # real record ids
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = consult.analyze(corpus, themes="none")
    g = a.comparison.groups_summary.set_index("group")["n_transcripts"]
    assert g["academic"] >= 2 and g["industry"] >= 2
    q = a.questionnaire.iloc[0]
    assert q["asked_academic"] == g["academic"] and q["asked_industry"] == g["industry"]


def test_report_links_into_the_evidence_browser(tmp_path):
    import warnings

    from test_compare import TINY

    import consult

    src = tmp_path / "m.txt"
    src.write_text(TINY, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = consult.analyze(consult.load(src), themes="none")
        consult.build_report(analysis, browser=True).write(tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'href="r_evidence.html"' in html
    browser = (tmp_path / "r_evidence.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in browser and analysis.corpus.points["point_id"].iloc[0] in browser


MEETING_SPLIT = """제4차 반도체 전문가 자문회의 회의록

일시: 2024년 7월 1일
참석자: 위원장 홍길동(한양대 교수), 김철수 위원(삼성전자 상무), 이영희 위원(서울대 교수), 박민수 위원(SK하이닉스 전무), 최지훈 위원(KAIST 교수)

위원장: 시스템 소프트웨어 인력 문제에 대해 의견을 주십시오.
김철수 위원: 컴파일러와 런타임 인력이 가장 부족합니다. 인력 양성 사업을 확대해야 합니다.
이영희 위원: 대학에서 시스템 소프트웨어 교육 과정을 늘려야 합니다.
박민수 위원: 인력 부족은 과장된 면이 있습니다.
최지훈 위원: 인력 양성이 시급합니다. 대학원 정원 확대가 필요합니다.
"""


def test_a_side_that_names_something_but_is_split_on_it_is_said_to_be_split(tmp_path):
    """A meeting chair's question is put to every member who answers it; when only industry
    names 부족 but one industry member calls the shortage overstated, the finding says that
    side is split (naming a thing is not agreeing on it)."""
    import warnings

    import consult

    src = tmp_path / "meeting.txt"
    src.write_text(MEETING_SPLIT, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = consult.analyze(src)
    q = analysis.corpus.questions
    assert q["question_kind"].tolist() == ["prompt"] and q["question_label"].tolist() == ["위원장"]
    f = analysis.findings
    assert (f["a_asked"] == 2).all() and (f["b_asked"] == 2).all()  # every member was asked
    assert not (f["kind"] == "consensus").any()


def test_a_things_quote_is_the_sentence_that_writes_it_whole():
    """Of two experts naming 「코어 네트워크」, the quote is the sentence that writes the thing
    whole and early (「무선통신 및 코어 네트워크 기술 중요」), not one with its bare key in a
    clause about something else; and of one answer, the sentence that writes it whole."""
    from consult.findings.things import Named, Quote, quote_of

    pts = pd.DataFrame({
        "point_id": ["T1.Q1.P1", "T2.Q1.P1"], "transcript_id": ["T1", "T2"],
        "text": ["AI 네이티브는 기존 통신에 없던 부분이며, 모바일 코어망 아키텍처 기술과 같은 항목이 반영됨.",
                 "(국가경쟁력 확보 측면) 무선통신 및 코어 네트워크 기술 중요"]})
    named = Named(key="코어", label="코어", experts=("T1", "T2"), points=("T1.Q1.P1", "T2.Q1.P1"),
                  quote=Quote("T1.Q1.P1", "T1", ""), salience=2)
    assert quote_of(named, pts, ["코어", "코어 네트워크"]).point_id == "T2.Q1.P1"
    one = pts.assign(text=["단말부터 기지국, 코어 등 통신 전 분야는 연계성이 높음. 특히, 코어 네트워크가 "
                           "우선적으로 적용되는 기술 영역임.", "무관한 답변."])
    assert quote_of(named, one.iloc[:1], ["코어", "코어 네트워크"]).text.startswith("특히, 코어 네트워크가")


def test_a_shared_thing_is_what_both_sides_write():
    """One side writes 「특화망 실증」, the other only 「특화망」: they agree on 「특화망」, not on
    「특화망 실증」 (which one side never wrote); and a side whose experts wrote the longer
    label only in a passing list does not hold it."""
    q = "우리나라가 집중해야 할 실증 분야는 무엇입니까?"
    c = _corpus([(1, "academic", "A", q, ["특화망 실증이 필요합니다."]),
                 (2, "academic", "A", q, ["특화망 실증 확대가 중요합니다."]),
                 (3, "industry", "A", q, ["특화망 사업이 필요합니다."]),
                 (4, "industry", "A", q, ["특화망 단말 개발이 필요합니다."])])
    row = _find(c).query("kind == 'consensus'").iloc[0]
    assert row["thing"] == "특화망" and "모두 「특화망」을 들었고" in row["sentence"]


def test_a_judgement_is_taken_on_what_the_question_asks_about_not_its_preamble():
    """"…정책인 ‘차세대 전지 초격차 R&D 전략’ … 탭리스, 건식 공정 등을 선언 … 이것이 R&D정책에
    포함되어야 할지": the stances are toward 공정 (the topic), not 차세대 전지 of the preamble. The
    professor's "공정연구에 집중하기 보다 차세대 전지 … 집중 필요" is against process research in
    academia — not the consensus "both find it needed" that 차세대 전지 as the focus gave."""
    from pathlib import Path

    import consult

    path = Path(__file__).parents[1] / "examples" / "data" / "synthetic_years" / "synthetic_minutes_2022.txt"
    table = build_claims(consult.load(path)).table
    [row] = table[table["topic"].str.contains("탭리스")].to_dict("records")
    assert row["kind"] == "divergence", row["sentence"]
    assert "학계는 필요하지 않다고 봄" in row["sentence"]


def test_the_same_question_in_two_documents_is_one_question_asked_to_both():
    """Two years' minutes put the 이차전지 questions in the same words (academics in 2021,
    academics and industry in 2022): each is one aligned question asked to 3 academics and 1
    industry expert, with an id unique in its area — not two rows sharing "이차전지·A1"."""
    from pathlib import Path

    import consult
    from consult.people.experts import expert_view

    folder = Path(__file__).parents[1] / "examples" / "data" / "synthetic_years"
    corpus = consult.load([folder / "synthetic_minutes_2021.txt", folder / "synthetic_minutes_2022.txt"])
    qn = questionnaire(expert_view(corpus))
    assert not qn["aligned_id"].duplicated().any()
    battery = qn[qn["area"] == "이차전지"]
    assert len(battery) == 5
    assert battery["asked_academic"].tolist() == [3] * 5 and battery["asked_industry"].tolist() == [1] * 5
    assert set(battery["doc"]) == {"synthetic_minutes_2021; synthetic_minutes_2022"}
