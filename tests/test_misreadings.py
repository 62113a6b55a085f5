"""Ordinary minutes that the readers of other layouts must not misread (a review's
reproductions, tests/fixtures/misreadings/): a rule added for one layout of the family must not
fire on the text of another."""

from __future__ import annotations

import warnings
from pathlib import Path

import consult

HERE = Path(__file__).parent / "fixtures" / "misreadings"


def _load(name: str) -> consult.Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # small-sample and parser notes are not what is tested
        return consult.load(HERE / f"{name}.txt")


def test_answer_marks_are_stripped_only_as_marks_and_arrows_are_sub_points():
    texts = _load("answer_marks_and_arrows").points["text"].tolist()
    assert texts[:2] == ["석박사 인력이 크게 부족함\n→ 정부의 장학금 지원 확대가 필요함",
                         "기업과 대학의 협력이 미흡함\n→ 계약학과 확대 필요"]
    assert texts[2] == "A.I. 반도체 설계 인력이 특히 부족함"
    words = _load("words_starting_with_answer").points["text"].tolist()
    assert [t.split()[0] for t in words] == ["답변율이", "답변서", "A사"]


def test_a_side_tag_in_an_experts_answer_is_a_tag_not_the_speaker():
    pts = _load("side_tags_in_an_answer").points
    first = pts[pts["transcript_id"].str.endswith("T01")]
    assert set(first["role"]) == {"academic"} and set(first["speaker_source"]) == {"transcript"}


def test_side_tags_under_a_heading_of_tasks_name_subjects_not_speakers():
    c = _load("report_side_tags_as_subjects")
    assert set(c.points["speaker_source"]) == {"statement"}
    assert not c.points["text"].str.contains("세액공제|2배").any()
    assert c.residue["text"].str.contains("세액공제").any()  # kept as residue, with its reason


def test_a_meeting_topic_summarised_without_names_is_kept():
    c = _load("meeting_topic_summarised")
    assert c.points["text"].str.contains("샌드박스").any()
    assert "규제 개선" in c.questions["question"].tolist()


def test_topic_bullets_that_end_in_a_title_word_are_not_speakers():
    pts = _load("topic_bullets_with_titles").points
    speakers = set(pts["speaker"])
    assert not any("신진" in s or "광고" in s for s in speakers)
    assert "government" not in set(pts["role"])


def test_a_department_name_is_not_a_chair_title():
    c = _load("member_of_a_sociology_department")
    assert c.questions["question"].tolist() == ["인력 양성", "규제 개선"]
    assert set(c.questions["question_kind"]) == {"topic"}


def test_numbered_topics_ending_in_titles_are_not_experts():
    c = _load("numbered_topics_ending_in_titles")
    assert len(c.transcripts) == 1 and c.transcripts["speaker"].iloc[0] == "KAIST 김OO 교수"


def test_a_tab_inside_a_text_sentence_does_not_split_it():
    text = _load("tab_inside_a_sentence").points["text"].iloc[0]
    assert "\n" not in text and text.endswith("심각한 수준임")


def test_a_panel_subheading_is_part_of_the_minutes_not_new_minutes():
    c = _load("seminar_panel_subheading")
    assert len(c.transcripts) == 1 and len(c.points) == 5
    assert c.points["text"].str.contains("정원 규제").any()


def test_chair_prompts_without_punctuation_are_questions_not_attendees():
    c = _load("panel_prompts_unpunctuated")
    assert c.questions["question"].tolist() == ["양자 인력 양성에 대해 말씀해 주십시오", "국제 협력은 어떻습니까",
                                                "마지막으로 정부 지원 방안 의견 요청"]
    assert sorted(c.participants["name"]) == ["김OO", "이OO", "홍길동"]


def test_panel_lines_that_say_something_stay_points():
    c = _load("panel_word_in_statements")
    assert c.points["text"].str.contains("OLED").any()
    assert not c.participants["organization"].astype(str).str.contains("OLED").any()


def test_an_overview_names_the_interviewee_not_a_topic_or_the_interviewer():
    assert _load("overview_names_a_topic").transcripts["speaker"].tolist() == [""]
    t = _load("overview_with_interviewer").transcripts
    assert t["speaker"].tolist() == ["KAIST 전기및전자공학부 김OO 교수"] and t["role"].tolist() == ["academic"]


def test_speakers_named_after_their_statements_are_read():
    roles = _load("ministry_speakers_after_statements").points["role"].tolist()
    assert roles[:4] == ["academic", "industry", "academic", "industry"]


def test_an_attendee_count_is_not_a_speaker():
    c = _load("seminar_count_of_attendees")
    assert c.transcripts["transcript_kind"].tolist() == ["meeting"]
    assert c.transcripts["area"].tolist() == ["이차전지"]
    assert {"academic", "industry", "research"} <= set(c.points["role"])


def test_a_name_then_its_institution_in_brackets_is_read_by_the_institution():
    t = _load("name_then_institution_in_brackets").transcripts
    prof = t[t["speaker"].str.contains("연세대학교")]
    assert prof["role"].tolist() == ["academic"] and prof["organization"].tolist() == ["연세대학교"]


def test_questions_numbered_mun_and_an_interviewee_heading_are_read():
    c = _load("written_mun_questions")
    assert len(c.transcripts) == 3 and c.questions["question_no"].tolist() == [1, 2] * 3
    assert c.transcripts["role"].tolist() == ["academic", "research", "industry"]
    t = _load("interviewee_in_brackets").transcripts
    assert t["role"].tolist() == ["industry"] and "수석연구원" in t["speaker"].iloc[0]


def test_the_row_number_of_an_attendee_table_is_not_an_organization():
    c = _load("attendee_table_with_row_numbers")
    assert c.participants["organization"].tolist() == ["서울대학교", "한국전자통신연구원", "LG전자"]
    assert c.transcripts["speaker"].str.match(r"^\D").all()


def test_a_document_that_is_one_interview_is_read_as_its_transcript():
    c = _load("one_interview_without_header")
    assert c.transcripts["role"].tolist() == ["academic"] and c.transcripts["area"].tolist() == ["양자"]
    assert len(c.questions) == 3 and len(c.points) == 3
    assert c.points["text"].iloc[1].startswith("학부 단계부터")  # the paragraph answer, not the question
    assert "※" in c.points["text"].iloc[1]


def test_an_answer_on_the_questions_line_is_a_point():
    c = _load("question_and_answer_on_one_line")
    assert c.questions["question"].str.endswith("?").all()
    assert c.points["text"].iloc[0].startswith("생성형 AI") and set(c.points["role"]) == {"research"}
