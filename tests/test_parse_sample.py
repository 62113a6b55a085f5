"""The bundled sample (KAIST 2023 annual report): structure, boundaries, unwrapping, roles."""

from __future__ import annotations

import pandas as pd
import pytest

from consult.schema import POINT_COLUMNS, QUESTION_COLUMNS, TRANSCRIPT_COLUMNS

AREAS = ["반도체", "이차전지", "양자", "차세대통신", "사이버보안"]


def test_columns_are_the_documented_schema(sample_corpus):
    assert list(sample_corpus.points.columns) == POINT_COLUMNS
    assert list(sample_corpus.questions.columns) == QUESTION_COLUMNS
    assert list(sample_corpus.transcripts.columns) == TRANSCRIPT_COLUMNS


def test_all_26_consultations_and_8_forum_talks(sample_corpus):
    tr = sample_corpus.transcripts
    kinds = tr["transcript_kind"].value_counts().to_dict()
    assert kinds == {"consultation": 26, "forum": 8}
    assert tr["transcript_id"].is_unique


def test_transcripts_per_area(sample_corpus):
    tr = sample_corpus.transcripts
    cons = tr[tr.transcript_kind == "consultation"]
    assert cons.groupby("area").size().to_dict() == {
        "반도체": 5, "이차전지": 7, "양자": 3, "차세대통신": 5, "사이버보안": 6
    }
    assert set(tr[tr.transcript_kind == "forum"]["area"]) == {""}


def test_roles_per_area(sample_corpus):
    tr = sample_corpus.transcripts
    got = tr.groupby(["area", "role"]).size().to_dict()
    assert got == {
        ("", "academic"): 1, ("", "industry"): 6, ("", "research"): 1,
        ("반도체", "academic"): 4, ("반도체", "industry"): 1,
        ("이차전지", "academic"): 5, ("이차전지", "industry"): 2,
        ("양자", "academic"): 3,
        ("차세대통신", "academic"): 3, ("차세대통신", "industry"): 2,
        ("사이버보안", "academic"): 4, ("사이버보안", "industry"): 2,
    }


@pytest.mark.parametrize(
    "speaker, organization, role",
    [
        ("엔비디아 관계자", "엔비디아", "industry"),
        ("KAIST 신소재공학과 교수", "KAIST", "academic"),
        ("LG에너지솔루션 관계자", "LG에너지솔루션", "industry"),
        ("한국직업능력연구원 인력수급분석센터 관계자", "한국직업능력연구원", "research"),
        ("KAIST홀딩스 관계자", "KAIST홀딩스", "industry"),
        ("연세대학교 전기전자공학부 교수", "연세대학교", "academic"),
        ("KAIST 전기및전자공학과 교수, AI반도체 창업", "KAIST", "academic"),
    ],
)
def test_speaker_organization_role(sample_corpus, speaker, organization, role):
    tr = sample_corpus.transcripts
    rows = tr[tr.speaker == speaker]
    assert len(rows) >= 1
    assert set(rows.organization) == {organization}
    assert set(rows.role) == {role}


def test_question_counts_per_transcript(sample_corpus):
    tr = sample_corpus.transcripts.set_index("line_start")
    # first semiconductor consultation: 3 questions; first battery (4 questions → 5 numbered)
    assert tr.loc[765, "n_questions"] == 3
    assert tr.loc[765, "n_points"] == 9
    assert tr.loc[3230, "n_questions"] == 5
    q = sample_corpus.questions
    cons = q[q.transcript_kind == "consultation"]
    # numbered questions run 1..n in every consultation
    for _, group in cons.groupby("transcript_id"):
        assert group["question_no"].tolist() == list(range(1, len(group) + 1))


@pytest.mark.parametrize(
    "start, end, next_heading_line",
    [
        (962, 998, 1004),    # last semiconductor consultation ends before 이슈브리프 및 별첨
        (3491, 3598, 3604),  # last battery consultation (first batch)
        (4040, 4203, 4204),  # SKon HR: ends before 별첨 1 이차전지 인력양성 방안
        (6405, 6496, 6504),  # last quantum consultation
        (8182, 8275, 8281),  # last 5G/6G consultation ends before the area title 사이버 보안
        (9015, 9080, 9081),  # last cyber consultation ends before 세션 1
    ],
)
def test_last_transcript_of_an_area_ends_before_the_next_heading(
    sample_corpus, start, end, next_heading_line
):
    tr = sample_corpus.transcripts.set_index("line_start")
    assert tr.loc[start, "line_end"] == end
    assert end < next_heading_line
    cov = sample_corpus.coverage().set_index("line")
    assert cov.loc[next_heading_line, "record_id"] == ""


def test_unwrapping_joins_mid_word_breaks_without_space_and_spaced_breaks_with_one(sample_corpus):
    q = sample_corpus.questions
    first = q[q.question_id.str.endswith("#T01.Q1")].iloc[0]
    # "…특이·변동사항)과 " + "산업현황(제공자료)…" : the line ended with a space
    assert "변동사항)과 산업현황(제공자료)에 대한 견해 부탁드립니다." in first.question
    # "반도체 산업은 첨단" + "기술의 향연" : mid-word break, no space
    assert "첨단기술의 향연" in first.answer
    assert "\n- 10억 개 칩 생산시" in first.answer  # sub-points stay on their own line


def test_topics_labels_and_forum_floor_questions(sample_corpus):
    q = sample_corpus.questions
    assert "기초과학" in set(q.question_topic)
    labels = set(sample_corpus.points.point_label)
    assert {"TP기술", "전략"} <= labels
    floor = q[q.question_kind == "floor"]
    assert set(floor.transcript_kind) == {"forum"}
    assert (floor.question_topic == "토론").all()
    first = floor.iloc[0]
    assert first.question.startswith("일본에서 IT 서비스에 투자하는 비중이 높은 이유가 궁금합니다")
    assert first.answer.startswith("일반 소비자용 IT 서비스를 하는 우리나라와 달리")
    sections = q[q.question_kind == "section"]
    assert sections.iloc[0].question == "반도체 관련 글로벌 시장 현황"


def test_running_headers_and_page_numbers_go_to_the_residue(sample_corpus):
    cov = sample_corpus.coverage().set_index("line")
    assert cov.loc[960, "reason"] == "page number"  # "18 ❙"
    assert cov.loc[958, "reason"] == "running header/footer"
    assert cov.loc[6510, "reason"] == "running header/footer"  # "… 보고서 _ 양자"
    assert not sample_corpus.points.text.str.contains("연차보고서").any()


def test_coverage_accounts_for_every_non_blank_line(sample_corpus, sample_path):
    lines = sample_path.read_text(encoding="utf-8-sig").splitlines()
    non_blank = {i for i, line in enumerate(lines, start=1) if line.strip()}
    cov = sample_corpus.coverage()
    assert cov["line"].is_unique
    assert set(cov["line"]) == non_blank
    in_record = cov["record_id"] != ""
    assert (cov.loc[~in_record, "reason"] != "").all()
    assert (cov.loc[in_record, "reason"] == "").all()
    # every record id in the coverage exists in a table
    ids = set(sample_corpus.transcripts.transcript_id) | set(sample_corpus.questions.question_id)
    ids |= set(sample_corpus.points.point_id)
    rec = cov.loc[in_record, "record_id"]
    assert rec[~rec.str.contains("#S")].isin(ids).all()


def test_point_lines_trace_back_to_the_source(sample_corpus, sample_path):
    lines = sample_path.read_text(encoding="utf-8-sig").splitlines()
    pts = sample_corpus.points
    for _, p in pts.sample(40, random_state=0).iterrows():
        first_source = lines[p.line_start - 1]
        words = p.text.split("\n")[0].split()[:2]
        assert all(w in first_source for w in words), (p.point_id, first_source)


def test_summary_tables_are_recovered(sample_corpus):
    s = sample_corpus.summaries
    assert {"반도체", "이차전지"} <= set(s.area)
    battery = s[s.area == "이차전지"]
    assert battery.question_topic.str.contains("안전성").any()
    assert not s.opinion.eq("").all()


def test_ids_are_stable_across_runs(sample_path, sample_corpus):
    import consult

    again = consult.load(sample_path)
    pd.testing.assert_frame_equal(again.points, sample_corpus.points)


def test_a_question_asking_twice_over_two_lines_stays_one_question(sample_corpus):
    """A line after a question ending in "?" is its answer only when it does not ask too
    (T21/T22 Q3 ask two things on two lines)."""
    q = sample_corpus.questions.set_index("question_id")["question"]
    for tid in ("T21", "T22"):
        text = q[f"kaist_2023_annual_report#{tid}.Q3"]
        assert text.startswith("DX 전환") and text.endswith("귀사의 전략은 무엇입니까?")
    assert len(sample_corpus.points) == 326
