"""Findings: stance cue rules, who was asked what, and the kinds of finding (tiny corpora)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from consult.findings import StanceRules, find_findings, questionnaire

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


def _tokens(corpus):
    return pd.Series({p: t.replace(".", " ").split() for p, t in
                      zip(corpus.points["point_id"], corpus.points["text"], strict=True)})


def _find(corpus, **kw):
    return find_findings(corpus, tokens=_tokens(corpus), tokenize=lambda s: s.split(), **kw)


LEO = "저궤도 위성통신 R&D 투자의 시급성과 우선순위를 평가해 주십시오."


def test_opposite_stance_is_divergence_with_counts_of_asked():
    c = _corpus([
        (1, "industry", "통신", LEO, ["저궤도 위성 투자가 필요합니다."]),
        (2, "industry", "통신", LEO, ["위성 기술은 시급히 확보해야 합니다."]),
        (3, "academic", "통신", LEO, ["국내 시장에서는 중요도 낮음."]),
        (4, "academic", "통신", LEO, ["우리 국토에서는 효과적이지 않음."]),
        (5, "academic", "통신", LEO + " ", ["상대적으로 우선순위가 낮습니다."]),
    ])
    f, asked = _find(c)
    row = f[f["basis"] == "question"].iloc[0]
    assert row["kind"] == "divergence" and row["note"] == "opposite stance"
    assert (row["a_k"], row["a_asked"], row["b_k"], row["b_asked"]) == (3, 3, 2, 2)
    assert row["strength"] == "anecdotal"            # two industry experts
    assert asked.iloc[0]["asked_academic"] == 3 and asked.iloc[0]["asked_industry"] == 2
    assert "d#T03.Q1.P1" in row["a_evidence"] and "d#T01.Q1.P1" in row["b_evidence"]
    assert row["a_position"] in c.points["text"].tolist()  # quoted, not paraphrased


def test_question_asked_of_one_side_only_is_not_asked():
    c = _corpus([
        (1, "academic", "보안", "보안 인재 양성 전략에 대한 의견", ["인재 양성이 시급합니다."]),
        (2, "academic", "보안", "보안 인재 양성 전략에 대한 의견", ["인력 부족이 심각합니다."]),
        (3, "industry", "보안", "클라우드 보안 기술 경쟁력 확보 전략", ["클라우드 투자가 필요합니다."]),
    ])
    f, _ = _find(c)
    kinds = dict(zip(f["topic"].str[:5], f["kind"], strict=True))
    assert set(kinds.values()) == {"not_asked"}
    assert not (f["kind"] == "one_side").any()       # never "only academics raise talent"


def test_same_stance_on_an_evaluative_question_is_consensus():
    q = "정부 지원 필요성에 대한 의견"
    c = _corpus([(1, "academic", "A", q, ["지원이 필요합니다."]),
                 (2, "industry", "A", q, ["정부 지원이 시급합니다."])])
    f, _ = _find(c)
    assert f.iloc[0]["kind"] == "consensus" and f.iloc[0]["strength"] == "one_person"


@pytest.mark.parametrize("industry_text, kind", [
    ("안전 TP 억제 연구 필요", "consensus"),        # names what the academics name
    ("국제 표준 대응 필요", None),                # same theme, same stance, nothing in common
])
def test_a_shared_theme_is_consensus_only_when_both_name_the_same_things(industry_text, kind):
    q = "배터리 R&D 전략은 무엇입니까"
    c = _corpus([(1, "academic", "A", q, ["안전 TP 억제 기술 필요"]),
                 (2, "academic", "A", q, ["TP 억제 안전 확보 필요"]),
                 (3, "industry", "A", q, [industry_text]),
                 (4, "industry", "A", q, ["안전 관련 개발 필요"])]
                + [(t, role, "A", "시장 전망은", [f"시장 전망 {i}" for i in range(3)])
                   for t, role in ((1, "academic"), (2, "academic"), (3, "industry"), (4, "industry"))])
    first = c.points[c.points["question_id"].str.endswith("Q1")]
    themes = pd.DataFrame({"point_id": first["point_id"], "theme_id": 0})
    # the theme rows themselves (find_findings leaves out a theme that repeats a question finding)
    from consult.findings.build import _Area, _theme_findings

    qn = questionnaire(c)  # with its private _members column (question ids)
    from consult.findings import finding_sentence

    area = _Area(c.points, _tokens(c), RULES, "role", ("academic", "industry"))
    theme = pd.DataFrame(_theme_findings(area, "A", qn, themes, {0: "안전"}))
    if kind is None:
        assert theme.empty
    else:
        row = theme.iloc[0]
        assert row["kind"] == kind and {"TP", "억제"} <= set(row["a_targets"].split(", "))
        assert "TP" in finding_sentence(row) and "안전" not in row["a_targets"]  # not the label's word


def _apart(academic_text, industry_text):
    """Academics and industry asked different questions; one theme over every answer."""
    rows = [(t, "academic", "A", "인재 양성 전략은", [academic_text]) for t in (1, 2)]
    rows += [(t, "industry", "A", "귀사의 사업 전략은", [industry_text]) for t in (3, 4)]
    rows += [(t, role, "A", f"시장 전망은 {t}", [f"시장 전망 {i}" for i in range(3)])
             for t, role in ((1, "academic"), (2, "academic"), (3, "industry"), (4, "industry"))]
    c = _corpus(rows)
    first = c.points[c.points["question_id"].str.endswith("Q1")]
    return _find(c, point_themes=pd.DataFrame({"point_id": first["point_id"], "theme_id": 0}),
                 theme_labels={0: "인재"})[0]


def test_answers_to_different_questions_never_make_a_divergence():
    f = _apart("고급 인재 양성 확대가 필요", "고급 인재 부족이 우려")
    assert not (f["kind"] == "divergence").any() and not (f["kind"] == "one_side").any()


def test_unprompted_agreement_across_questionnaires_is_consensus_and_says_so():
    f = _apart("보안 TI 정보 공유 확대가 필요", "보안 TI 정보 공유 플랫폼이 필요")
    row = f[f["basis"] == "theme"].iloc[0]
    assert row["kind"] == "consensus" and "different questions" in row["note"]
    assert "서로 다른 질문" in row["sentence"]


def test_a_theme_that_repeats_a_question_finding_is_left_out():
    q = "저궤도 위성통신 투자의 시급성과 우선순위를 평가해 주십시오"
    c = _corpus([(1, "academic", "A", q, ["저궤도 위성 투자는 우선순위가 낮음"]),
                 (2, "academic", "A", q, ["저궤도 위성은 시기상조"]),
                 (3, "industry", "A", q, ["저궤도 위성 투자가 시급히 필요"]),
                 (4, "industry", "A", q, ["저궤도 위성 확대가 필요"])])
    themes = pd.DataFrame({"point_id": c.points["point_id"], "theme_id": 0})
    f, _ = _find(c, point_themes=themes, theme_labels={0: "저궤도 위성"})
    assert list(f["basis"]) == ["question"] and f.iloc[0]["kind"] == "divergence"


def test_one_person_silence_is_no_difference():
    q = "향후 전략은 무엇입니까"
    c = _corpus([(1, "academic", "A", q, ["소재 연구를 강화"]), (2, "academic", "A", q, ["소재 개발"]),
                 (3, "industry", "A", q, ["양산 공정 최적화"])])
    f, _ = _find(c)
    assert f.empty                                   # one industry expert: no claim either way


def test_area_without_a_group_is_not_comparable():
    c = _corpus([(1, "academic", "양자", "질문", ["필요"]), (2, "academic", "양자", "질문", ["필요"])])
    f, _ = _find(c)
    assert f.iloc[0]["kind"] == "not_comparable"


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


def test_summary_head_counts_are_checked_against_the_minutes(sample_corpus):
    from consult.findings import check_summaries

    checks = check_summaries(sample_corpus)
    counted = checks[checks["claimed_n"].notna() & (checks["claimed_n"] > 0)]
    assert len(counted) >= 2
    for r in counted.to_dict("records"):      # never more support than experts who answered
        assert r["verdict"] in ("supported", "partly", "not_found")
        if r["verdict"] == "supported":
            assert r["n_supporters"] >= r["claimed_n"]
        if r["verdict"] == "partly":
            assert 0 < r["n_supporters"] < r["claimed_n"]
    ids = {i for e in checks["evidence"] for i in str(e).split(";") if i}
    assert ids <= set(sample_corpus.points["point_id"])   # evidence links to real points


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
    assert list(f.columns[:15]) == ["within", "topic", "kind", "a_group", "b_group", "a_k",
                                    "a_asked", "b_k", "b_asked", "a_position", "b_position",
                                    "a_evidence", "b_evidence", "strength", "note"]
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


# ----------------------------------------------------------------------------- sentences, ko / en
_ROW = dict(within="차세대통신", topic="저궤도 위성통신", a_group="academic", b_group="industry",
            a_k=3, a_asked=3, b_k=2, b_asked=2, strength="anecdotal", note="opposite stance",
            basis="theme", a_stance=-1, b_stance=1, a_targets="의료, 구축", b_targets="단말")


@pytest.mark.parametrize("kind, note, ko, en", [
    ("divergence", "opposite stance",
     "「저궤도 위성통신」: 학계는 부정·회의(3/3명), 산업계는 필요·지지(2/2명). ⚠2인",
     "「저궤도 위성통신」: academics against or sceptical (3 of 3), industry experts in favour (2 of 2). ⚠ two people"),
    ("divergence", "different priorities: …",
     "「저궤도 위성통신」: 같은 질문에 학계는 의료, 구축, 산업계는 단말을(를) 꼽음(3/3명 · 2/2명). ⚠2인",
     "「저궤도 위성통신」: on the same question academics name 의료, 구축, industry experts name 단말 (3 of 3 · 2 of 2). ⚠ two people"),
    ("consensus", "",
     "「저궤도 위성통신」: 학계(3/3명)와 산업계(2/2명) 모두 부정·회의 — 양쪽이 함께 든 말: 의료, 구축. ⚠2인",
     "「저궤도 위성통신」: academics (3 of 3) and industry experts (2 of 2) are both against or sceptical"
     " — words both sides use: 의료, 구축. ⚠ two people"),
    ("not_comparable", "",
     "차세대통신: 학계·산업계 중 한쪽 전문가가 없어 비교할 수 없음.",
     "차세대통신: no comparison — there is no expert on one side (academics or industry experts)."),
])
def test_finding_sentence_in_korean_and_english(kind, note, ko, en):
    from consult.findings import finding_sentence

    row = {**_ROW, "kind": kind, "note": note}
    assert finding_sentence(row) == ko == finding_sentence(row, lang="ko")
    assert finding_sentence(row, lang="en") == en
    with pytest.raises(ValueError, match="lang"):
        finding_sentence(row, lang="fr")


def test_summary_check_notes_in_english():
    from consult.findings.summaries import check_note, verdict_note

    assert verdict_note("partly", want=5, n=3) == "5명 공통이라 했으나 비슷한 답변을 한 전문가는 3명"
    assert verdict_note("partly", want=5, n=3, lang="en") == (
        "said to be shared by 5 experts, but experts with a similar answer: only 3")
    assert verdict_note("not_supported", side="학계", roles={"industry"}) == (
        "학계의 의견이라 했으나 비슷한 답변은 산업계에서만 나옴")
    row = {"verdict": "partly", "claimed_n": 0.0, "claimed_role": "", "supporter_roles": "academic",
           "n_supporters": 2}
    assert check_note(row, n_area=5) == "5명 공통이라 했으나 비슷한 답변을 한 전문가는 2명"
    assert check_note(row, n_area=5, lang="en").startswith("said to be shared by 5 experts")


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


def test_questionnaire_is_reused_for_the_same_questions_only(sample_corpus):
    """``consult report`` makes the questionnaire while Kiwi runs (issue 14); find_findings then
    reuses it — only for questions with the same content."""
    import importlib
    import types

    qmod = importlib.import_module("consult.findings.questionnaire")  # the module, not the function

    first = qmod.questionnaire(sample_corpus)
    again = qmod.questionnaire(sample_corpus)  # Corpus.questions is a new frame each time
    pd.testing.assert_frame_equal(first, again)
    assert again is not first and qmod._LAST is not None
    changed = sample_corpus.questions.copy()
    changed.loc[changed.index[0], "question"] = "전혀 다른 질문"
    other = qmod.questionnaire(types.SimpleNamespace(questions=changed))
    assert "전혀 다른 질문" in set(other["question"]) and "전혀 다른 질문" not in set(first["question"])


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
    row = f[f["topic"] == "시스템 소프트웨어 인력 문제"].iloc[0]
    assert row["kind"] == "one_side" and (row["b_k"], row["b_asked"]) == (2, 2)
    assert "입장이 갈림(필요·지지 1명, 부정·회의 1명)" in row["sentence"]
