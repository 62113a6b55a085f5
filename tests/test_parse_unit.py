"""The parser on small in-memory minutes: structure, boundaries, joins, ids, the CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

import consult
from consult.cli import main
from consult.errors import NoTranscriptsError


def test_structure_of_a_small_text(minutes_text):
    c = consult.Corpus.from_text(minutes_text, name="mini")
    tr = c.transcripts
    assert tr[["transcript_no", "speaker", "organization", "role", "area"]].values.tolist() == [
        [1, "KAIST 전기및전자공학과 교수", "KAIST", "academic", "반도체"],
        [2, "삼성전자 관계자", "삼성전자", "industry", "반도체"],
    ]
    q = c.questions
    assert q.question_id.tolist() == ["mini#T01.Q1", "mini#T01.Q2", "mini#T02.Q1"]
    assert q.question_topic.tolist() == ["인력", "", "인력"]
    assert q.iloc[0].question == "(인력) 시스템 SW 인력 현황에 대한 의견 부탁드립니다."
    p = c.points
    assert p.point_id.tolist()[:2] == ["mini#T01.Q1.P1", "mini#T01.Q1.P2"]
    assert p.iloc[0].text == "(인력) 컴파일러 인력이 부족\n- 교육기관 부재"
    assert p.iloc[0].point_label == "인력"
    assert p.iloc[0].line_start == 10 and p.iloc[0].line_end == 11


def test_last_transcript_stops_at_the_next_heading(minutes_text):
    c = consult.Corpus.from_text(minutes_text, name="mini")
    last = c.points.iloc[-1]
    # this text has almost no space-ended lines, so every wrap is joined with a space
    assert last.text == "현장 인력 확보 해야 함"
    cov = c.coverage().set_index("line")
    assert cov.loc[20, "reason"].startswith("heading")
    assert cov.loc[21, "reason"] == "outside transcripts"
    assert cov.loc[5, "reason"] == "outside transcripts"


def test_wraps_join_by_trailing_space_when_the_source_marks_them():
    body = "".join(f"줄 {i} 끝 \n" for i in range(5))  # enough space-ended lines: spaces mark wraps
    text = (
        body + "전문가 자문 회의록 (1)\n<LG에너지솔루션 관계자>\n1. 질문입니다.\n"
        "● 안전성 확보\n해야 하며 기술로도 \n안전성 확보\n"
    )
    c = consult.Corpus.from_text(text)
    assert c.points.iloc[0].text == "안전성 확보해야 하며 기술로도 안전성 확보"


def test_news_text_has_no_transcripts():
    with pytest.raises(NoTranscriptsError):
        consult.Corpus.from_text("KAIST와 기업이 MOU를 맺었다.\n<사진> 협약식\n1. 행사 개요\n")


def test_select_returns_a_new_corpus(minutes_text):
    c = consult.Corpus.from_text(minutes_text, name="mini")
    ind = c.select(role="industry")
    assert len(ind) == 1 and len(c) == 2
    assert set(ind.points.role) == {"industry"}
    with pytest.raises(consult.ConsultError, match="unknown column"):
        c.select(colour="red")


def test_user_area_taxonomy(tmp_path):
    toml = tmp_path / "areas.toml"
    toml.write_text('[areas."로봇"]\naliases = ["로봇", "로보틱스"]\n', encoding="utf-8")
    text = (
        "로봇\n연구진\n로보틱스 산업 동향\n(2024.01.02) 연구소\n"
        "전문가 자문 회의록 (1)\n<현대로보틱스 관계자>\n1. 질문?\n● 답변\n"
    )
    c = consult.Corpus.from_text(text, areas=toml)
    assert c.transcripts.area.tolist() == ["로봇"]


def test_load_several_files_keeps_the_good_ones(tmp_path, minutes_text):
    good = tmp_path / "good.txt"
    good.write_text(minutes_text, encoding="utf-8")
    bad = tmp_path / "news.txt"
    bad.write_text("기사 본문입니다.\n", encoding="utf-8")
    with pytest.warns(consult.ParseWarning) as caught:
        c = consult.load(tmp_path)
    said = [str(w.message) for w in caught]
    assert any("news.txt" in m for m in said)
    assert said[-1].startswith("1 of 2 files could not be read")  # the count comes last
    assert c.documents.doc.tolist() == ["good"]
    assert c.failures.path.str.endswith("news.txt").tolist() == [True]


def test_cli_parse_formats(tmp_path, minutes_text):
    src = tmp_path / "m.txt"
    src.write_text(minutes_text, encoding="cp949")
    runner = CliRunner()
    for suffix in ("csv", "json", "xlsx", "parquet"):
        out = tmp_path / f"r.{suffix}"
        res = runner.invoke(main, ["parse", str(src), "-o", str(out), "--level", "question"])
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 0
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [r["question_no"] for r in rows] == [1, 2, 1]
    back = pd.read_parquet(tmp_path / "r.parquet")
    assert back.answer.iloc[0].startswith("(인력) 컴파일러")


def test_cli_parse_stdout_and_errors(tmp_path, minutes_text):
    src = tmp_path / "m.txt"
    src.write_text(minutes_text, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["parse", str(src), "--level", "transcript"])
    assert res.exit_code == 0
    assert res.output.splitlines()[0].startswith("doc,area,report,transcript_id")
    res = runner.invoke(main, ["parse", str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    assert "missing.txt" in res.output and "Traceback" not in res.output
    res = runner.invoke(main, ["parse", str(src), "-o", str(tmp_path / "x.docx")])
    assert res.exit_code == 1 and "unknown output format" in res.output
    res = runner.invoke(main, ["parse", str(src), "--summary"])
    assert "total: 1 document(s), 2 transcripts, 3 questions, 4 points" in res.output


def test_speaker_on_the_header_line_and_hangul_numbering():
    c = consult.Corpus.from_text(
        "전문가 자문 회의록 (1) <KAIST 신소재공학과 교수>\n가. 첫 질문?\n● 답 하나\n나. 둘째 질문?\n● 답 둘\n"
    )
    q = c.questions
    assert q[["role", "question_no", "question_label", "question", "answer"]].values.tolist() == [
        ["academic", 1, "가.", "첫 질문?", "답 하나"],
        ["academic", 2, "나.", "둘째 질문?", "답 둘"],
    ]
    assert c.coverage().part.tolist() == ["speaker", "question", "point", "question", "point"]


def test_headers_without_questions_are_no_transcripts():
    with pytest.raises(NoTranscriptsError, match="no numbered questions"):
        consult.Corpus.from_text("전문가 자문 회의록 (1)\n<LG 관계자>\n전문가 자문 회의록 (2)\n")


def test_interview_layout_with_field_headings():
    """Another family member: 전문가 인터뷰 N, [name, org title], Q1., □/○ bullets, 'N. X 분야'."""
    text = (
        "Ⅲ. 전문가 인터뷰 결과\n1. 반도체 분야\n전문가 인터뷰 1\n[홍길동, 한국전자통신연구원 책임연구원]\n"
        "Q1. 국내 AI 반도체 생태계의 가장 큰 문제는 무엇입니까?\n□ 시스템 SW 인력 부족이 가장 심각\n"
        "  ○ 컴파일러 개발자 부족\n□ 팹리스 투자 부족\nQ2. 정부 정책 방향은?\n□ 장기 R&D 지원 필요\n"
        "전문가 인터뷰 2\n(삼성전자 DS부문 상무)\nQ1. 가장 큰 문제는 무엇입니까?\n□ 양산 경험 부족\n"
        "2. 이차전지 분야\n전문가 인터뷰 3\n[서울대학교 화학생물공학부 교수]\nQ1. 전고체 전지 전망은?\n"
        "□ 2030년 이후 상용화\n"
    )
    c = consult.Corpus.from_text(text, name="stepi")
    tr = c.transcripts
    assert tr[["organization", "role", "area", "n_questions", "n_points"]].values.tolist() == [
        ["한국전자통신연구원", "research", "반도체", 2, 3],
        ["삼성전자", "industry", "반도체", 1, 1],
        ["서울대학교", "academic", "이차전지", 1, 1],
    ]
    assert c.points.text.tolist()[0] == "시스템 SW 인력 부족이 가장 심각\n○ 컴파일러 개발자 부족"
    assert c.points.text.tolist()[3] == "양산 경험 부족"  # the next field heading is not swallowed
    assert c.residue.reason.tolist() == ["heading outside transcripts"] * 3


def test_point_or_wrapped_line_naming_an_area_field_is_no_field_heading():
    """Found by the property tests: '● (전략) 5G … 부문' is a point and a wrapped '5G 부문' is the
    end of one, not field headings that would end the transcript."""
    from consult.ingest import document_from_text
    from consult.parse import parse_document

    for text in ("전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 인력 인력?\n● (전략) 5G 방안 연구자 부문\n투자\n",
                 "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 인력 인력?\n● (전략)\n5G 부문\n인력\n"):
        parsed = parse_document(document_from_text(text, name="t"))
        (t,) = parsed.transcripts
        assert len(t.questions[0].points) == 1


COMMITTEE = """제3차 이차전지 산업 발전 위원회 회의록

1. 안건 논의

○ 위원장(홍길동, 한양대 교수): 오늘은 배터리 안전 기술에 대해 논의하겠습니다.
○ 김영수 위원(LG에너지솔루션 전무): 열전이(TP) 억제 기술이 가장 시급합니다.
○ 이민정 위원(KAIST 교수): 전고체 전지 연구로 안전성 문제를 해결하려 합니다.
○ 위원장: 인력 양성에 대해서도 의견을 주십시오.
○ 이민정 위원: 계약학과보다는 일반 대학원 지원을 늘리는 편이 좋다고 봅니다.
○ 김영수 위원: 계약학과는 인력 확보에 효과적인 수단입니다.
○ 위원장: 안전 기준 정비도 시급하다고 봅니다.
"""


def test_a_speaker_named_in_full_once_is_the_same_person_later(tmp_path):
    """Minutes name a member in full at first (이민정 위원(KAIST 교수)) and by name afterwards
    (이민정 위원), the chair by title alone (위원장): each is one person with one role. The
    chair's prompts (…논의하겠습니다, …주십시오) are questions put to everyone after them (who was
    asked what) — but inside a numbered topic of the minutes they are residue (the topic
    stands); the chair's own opinion is a point."""
    import consult

    src = tmp_path / "committee.txt"
    src.write_text(COMMITTEE, encoding="utf-8")  # "1. 안건 논의" heads the discussion: no topic
    corpus = consult.load(src)
    points = corpus.points
    assert not points["text"].str.contains("주십시오|논의하겠습니다").any()
    asked = corpus.questions[corpus.questions["question_kind"] == "prompt"]
    assert asked["question_label"].tolist() == ["위원장(홍길동, 한양대 교수)", "위원장"]
    assert asked["question"].tolist() == ["오늘은 배터리 안전 기술에 대해 논의하겠습니다.",
                                          "인력 양성에 대해서도 의견을 주십시오."]
    talent = points[points["question_id"] == asked["question_id"].iloc[1]]
    assert talent["text"].str.contains("계약학과").sum() == 2  # both members answered it
    assert corpus.residue.empty
    src.write_text(COMMITTEE.replace("1. 안건 논의", "1. 배터리 안전"), encoding="utf-8")
    topical = consult.load(src)
    assert topical.questions["question"].tolist() == ["배터리 안전"]
    prompts = topical.residue[topical.residue["reason"].astype(str).str.startswith("chair's prompt")]
    assert len(prompts) == 2
    people = points.groupby("speaker")["role"].agg(set).to_dict()
    assert len(people) == 3, people
    assert all(len(roles) == 1 for roles in people.values())
    by_name = {next(n for n in ("홍길동", "김영수", "이민정") if n in s): r.pop() for s, r in people.items()}
    assert by_name == {"홍길동": "academic", "김영수": "industry", "이민정": "academic"}
