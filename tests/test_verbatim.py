"""Verbatim records of other kinds than the real excerpt (tests/fixtures/verbatim/, written for
these tests, names masked): a 공청회 on a bill with 진술인 from a university, a company and a law
firm; a local council committee with a cover (일시, 장소, 의사일정, 출석위원, 출석 전문위원, 출석
공무원), ○ and a colon after each label, one paragraph a line; a committee's 현안질의 of a minister
and a vice-minister with a 참고인 from a civic group, and a wrapped paragraph."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import consult
from consult.errors import NoTranscriptsError

HERE = Path(__file__).parent / "fixtures" / "verbatim"
FILES = sorted(HERE.glob("*.txt"))


def _load(name: str) -> consult.Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return consult.load(HERE / f"{name}.txt")


def _questions_of(c: consult.Corpus, speaker: str):
    tid = c.transcripts.set_index("speaker").loc[speaker, "transcript_id"]
    return c.questions[c.questions["transcript_id"] == tid]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_line_is_in_a_record_or_the_residue_once(path: Path) -> None:
    c = _load(path.stem)
    assert c._parsed[0].conventions["shape"] == "verbatim"
    cov = c.coverage()
    lines = [i for i, t in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if t.strip()]
    assert sorted(cov["line"]) == lines
    assert (cov["reason"].ne("") | cov["record_id"].ne("")).all()
    assert not c.points["text"].str.contains(r"^\(|◯|○", regex=True).any()


def test_a_public_hearing_reads_each_witness_with_organization_and_role() -> None:
    c = _load("public_hearing_bill")
    tr = c.transcripts.set_index("speaker")
    assert list(tr.index) == ["진술인 박OO", "진술인 최OO", "진술인 정OO"]
    assert set(tr["transcript_kind"]) == {"testimony"}
    assert tr["role"].tolist() == ["academic", "industry", "law"]
    parts = c.participants.set_index("name")
    assert parts.loc["정OO", ["organization", "title", "group"]].tolist() == ["법무법인 정의", "변호사", "진술인"]
    assert "L19 introduction" in parts.loc["정OO", "role_evidence"]
    assert parts.loc["김OO", "group"] == "위원장" and parts.loc["서OO", "group"] == "전문위원"
    assert parts.loc[["이OO", "한OO"], "role"].tolist() == ["legislator", "legislator"]


def test_a_question_to_every_witness_is_asked_of_each_and_each_answer_is_theirs() -> None:
    c = _load("public_hearing_bill")
    common = c.questions[c.questions["question"].str.startswith("세 분 진술인께")]
    assert len(common) == 3 and set(common["question_label"]) == {"이OO 위원"}
    assert common["answer"].tolist() == ["대학원 정원 규제를 푸는 것이 가장 시급합니다.",
                                         "현장 실습 중심의 계약학과를 늘려야 합니다.",
                                         "외국인 전문인력의 비자 요건 완화도 법에 담을 필요가 있습니다."]
    calls = c.questions[c.questions["question_label"] == "위원장 김OO"]
    assert calls["question"].tolist() == ["먼저 박OO 진술인 진술해 주시기 바랍니다.",
                                          "다음은 최OO 진술인 진술해 주시기 바랍니다.",
                                          "다음은 정OO 진술인 말씀해 주십시오."]
    choi = _questions_of(c, "진술인 최OO")
    last = c.points[c.points["question_id"] == choi["question_id"].iloc[-1]]["text"].tolist()
    assert last == ["세액공제율이 오르면 국내 설비 투자를 앞당길 계획입니다.",
                    "다만 전력과 용수 같은 기반 시설이 함께 갖춰져야 투자가 실현됩니다."]


def test_a_public_hearing_keeps_procedure_and_stage_directions_out() -> None:
    c = _load("public_hearing_bill")
    res = c.residue.set_index("line")["reason"]
    assert res[3].startswith("cover")  # (법률안 심사를 위한 공청회): a subtitle, not a stage direction
    assert res[12] == res[20] == res[51] == res[55] == "stage direction"
    assert res[17].startswith("procedure (the chair")  # an introduction
    assert res[23].startswith("procedure (a witness")  # 한국대학교 박OO입니다.
    assert res[46].startswith("procedure (a witness")  # 계속 발언해도 되겠습니까?
    assert (res.loc[56:63] == "participants list").all()
    assert not c.points["text"].str.contains("박OO입니다|계속 발언").any()


def test_witnesses_of_the_roles_beyond_academia_and_industry_are_compared() -> None:
    c = _load("public_hearing_bill")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        comparison = consult.compare(c, groups=["academic", "law"])
        analysis = consult.analyze(c, themes="none")
    assert comparison.groups_summary["group"].tolist() == ["academic", "law"]
    q = analysis.questionnaire
    common = q[q["question"].str.startswith("세 분 진술인께")].iloc[0]
    assert (common["asked_academic"], common["asked_industry"], common["asked_law"]) == (1, 1, 1)


def test_a_council_committee_reads_its_cover_lists_and_keeps_officials_apart() -> None:
    c = _load("council_committee")
    parts = c.participants.set_index("name")
    assert parts.loc[["윤OO", "강OO", "오OO", "배OO"], "role"].tolist() == ["legislator"] * 4
    assert parts.loc["윤OO", "group"] == "위원장"
    assert parts.loc["남OO", ["title", "group", "role"]].tolist() == ["전문위원", "전문위원", "government"]
    assert parts.loc["권OO", ["organization", "title", "group"]].tolist() == ["문화관광국", "국장", "정부측"]
    assert parts.loc["류OO", "organization"] == "문화예술과"
    assert set(c.transcripts["transcript_kind"]) == {"official"}  # no witness: no expert
    assert _questions_of(c, "문화예술과장 류OO")["question"].tolist() == [
        "류OO 과장님께 묻겠습니다. 창작 공간은 어디에 마련할 계획입니까?"]
    kwon = _questions_of(c, "문화관광국장 권OO")
    assert kwon["question_label"].tolist() == ["위원장 윤OO", "강OO 위원"]
    assert kwon["question"].iloc[0] == "문화관광국장께서는 제안설명해 주시기 바랍니다."


def test_a_council_committee_keeps_votes_plans_and_statements_out() -> None:
    c = _load("council_committee")
    res = c.residue.set_index("line")["reason"]
    assert (res.loc[1:9].str.startswith("cover")).all()
    assert (res.loc[10:16] == "participants list").all()
    assert res[17] == res[35] == "stage direction"
    assert res[32] == "member's statement (no question put)"
    assert res[38] == "member's question (addressee not identified)"  # put to the chair
    assert res[34].startswith("procedure (the chair")  # the vote
    assert res[37].startswith("procedure (the chair")  # 행정사무감사 계획서 채택의 건
    assert not c.points["text"].str.contains("가결|계획서|권OO입니다").any()


def test_questioning_officials_and_a_civic_group() -> None:
    c = _load("committee_questioning")
    tr = c.transcripts.set_index("speaker")
    assert tr.loc["과학기술정보통신부장관 송OO", ["transcript_kind", "role"]].tolist() == ["official", "government"]
    assert tr.loc["과학기술정보통신부제2차관 임OO", "transcript_kind"] == "official"
    assert tr.loc["참고인 조OO", ["transcript_kind", "role"]].tolist() == ["testimony", "civil_society"]
    assert c.participants.set_index("name").loc["조OO", "organization"] == "녹색소비자시민연합"
    vice = _questions_of(c, "과학기술정보통신부제2차관 임OO")
    assert vice["answer"].tolist() == ["약관상 보상 기준을 상향하는 방안을 통신사와 협의하고 있습니다."]
    minister = _questions_of(c, "과학기술정보통신부장관 송OO")
    assert minister["question_label"].tolist() == ["홍OO 위원", "탁OO 위원", "탁OO 위원"]
    assert minister["question"].iloc[1].startswith("장관님께 질의하겠습니다.")
    assert "영상자료" not in minister["question"].iloc[1]
    assert minister["question"].iloc[2] == ""  # a second turn in a row: the question is not printed


def test_a_record_where_nobody_answers_fails_in_one_line(tmp_path: Path) -> None:
    src = tmp_path / "members_only.txt"
    src.write_text("◯위원장 홍길동  회의를 개의하겠습니다.\n◯김철수 위원  이 법안은 문제가 많습니다.\n"
                   "◯박영희 위원  저도 같은 생각입니다.\n◯위원장 홍길동  산회를 선포합니다.\n", encoding="utf-8")
    with pytest.raises(NoTranscriptsError) as err:
        consult.load(src)
    msg = str(err.value)
    assert msg.startswith(f"{src}:1: a verbatim record of 4 turns") and "\n" not in msg


def test_a_question_to_two_officials_is_answered_by_both(tmp_path: Path) -> None:
    src = tmp_path / "two.txt"
    src.write_text("◯위원장 문OO  통신 장애 현안에 대한 질의를 상정합니다. 먼저 홍OO 위원님 질의해 주십시오.\n"
                   "◯홍OO 위원  장관님, 장애 원인은 무엇입니까? 그리고 차관님께서는 보상 대책을 말씀해 주십시오.\n"
                   "◯과학기술정보통신부장관 송OO  소프트웨어 오류로 파악하고 있습니다.\n"
                   "◯과학기술정보통신부제2차관 임OO  약관상 보상 기준을 상향하겠습니다.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = consult.load(src)
    q = c.questions
    assert q["question_label"].tolist() == ["홍OO 위원", "홍OO 위원"]
    assert q["answer"].tolist() == ["소프트웨어 오류로 파악하고 있습니다.", "약관상 보상 기준을 상향하겠습니다."]


def test_officials_are_addressed_by_the_last_word_of_their_title() -> None:
    c = _load("media_questioning")
    tr = c.transcripts.set_index("speaker")
    assert set(tr["transcript_kind"]) == {"official"}
    acting = _questions_of(c, "방송통신위원회위원장직무대행 이OO")
    assert acting["question"].str.startswith("직무대행님").all()
    assert _questions_of(c, "한국방송공사사장 박OO")["question"].iloc[0].startswith("그러면 사장님")
    minister = _questions_of(c, "과학기술정보통신부장관 유OO")
    assert minister["question_label"].tolist() == ["김OO 위원", "정OO 위원", "정OO 위원"]


def test_a_forced_verbatim_reading_of_a_file_without_turns_fails_in_one_line(tmp_path: Path) -> None:
    from consult.ingest import read_document
    from consult.parse import load_hints, parse_document

    hints = tmp_path / "hints.toml"
    hints.write_text('shape = "verbatim"\n', encoding="utf-8")
    src = tmp_path / "plain.txt"
    src.write_text("간담회 결과\n○ 인력이 부족함\n", encoding="utf-8")
    parsed = parse_document(read_document(src), hints=load_hints(hints))
    from consult.corpus import check_minutes

    with pytest.raises(NoTranscriptsError, match="no turn"):
        check_minutes(parsed)


def test_glued_labels_and_the_unnamed_staff(tmp_path: Path) -> None:
    src = tmp_path / "glued.txt"
    src.write_text("◯위원장홍OO  검토보고를 듣겠습니다. 수석전문위원 보고해 주시기 바랍니다.\n"
                   "◯수석전문위원  검토보고 드리겠습니다. 본 개정안은 재정 추계가 필요합니다.\n"
                   "◯김OO위원  수석전문위원님, 추계 규모는 얼마입니까?\n"
                   "◯수석전문위원  약 200억 원으로 봅니다.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = consult.load(src)
    assert c.transcripts["speaker"].tolist() == ["수석전문위원"]
    assert c.questions["question_label"].tolist() == ["위원장홍OO", "김OO위원"]
    assert c.participants.set_index("name").loc["홍OO", "group"] == "위원장"
