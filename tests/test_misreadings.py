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


# -- the family's gaps (issue 24): each pattern in a file written for it ------------------------

def test_an_interview_heading_names_the_expert_and_its_date_line_is_not_a_speaker():
    c = _load("interview_heading_with_date_line")
    assert c.transcripts["speaker"].tolist() == ["가온테크 상무", "나래소재 연구소장"]
    assert c.transcripts["n_questions"].tolist() == [2, 2]
    res = c.residue.set_index("line")["reason"]
    assert res[4] == res[11] == "interview date and place (not a speaker)"


def test_an_interview_date_line_between_a_header_and_its_speaker_line(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text("전문가 인터뷰 (1)\n(인터뷰 일시: 2024. 3. 5. 14:00, 장소: 가온연구원 회의실)\n<가온테크 상무>\n"
                   "1. 인력 현황은?\n● 공정 엔지니어가 부족함\n전문가 인터뷰 (2)\n"
                   "(인터뷰 일시: 2024. 3. 6. 10:00, 장소: 나래연구소)\n<나래소재 연구소장>\n1. 인력 현황은?\n"
                   "● 연구 인력이 부족함\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = consult.load(src)
    assert c.transcripts["speaker"].tolist() == ["가온테크 상무", "나래소재 연구소장"]
    assert c.transcripts["n_points"].tolist() == [1, 1]


def test_a_last_topic_of_other_requests_is_a_topic_and_also_continues_its_speaker():
    c = _load("meeting_last_topic_and_also")
    assert c.questions["question"].tolist() == ["인력 양성", "안전 기술", "기타 건의사항"]
    pts = c.points
    assert pts.loc[pts["text"].str.startswith("또한"), "speaker"].tolist() == [
        "한국대학교 김OO 교수", "한국에너지연구원 이OO 책임연구원"]
    assert not pts["speaker_source"].str.startswith("unattributed").any()
    last = pts[pts["question_id"].str.endswith("Q3")]
    assert last["role"].tolist() == ["industry", "academic"]


def test_an_interviewer_line_does_not_turn_a_written_consultation_into_a_meeting():
    c = _load("written_consultation_with_interviewer")
    assert set(c.transcripts["transcript_kind"]) == {"consultation"}
    assert c.transcripts["speaker"].tolist() == ["한국대학교 물리학과 교수", "가온퀀텀 연구소장"]
    assert not c.points["text"].str.contains("면담자|정OO").any()
    assert set(c.residue.loc[c.residue["text"].str.contains("면담자"), "reason"]) == {
        "interviewer (who asked, not an expert)"}


def test_a_speaker_table_is_read_as_turns_in_text_docx_and_hwpx():
    layouts = Path(__file__).parent / "fixtures" / "layouts"
    for suffix in ("txt", "docx", "hwpx"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c = consult.load(layouts / f"meeting_speaker_table.{suffix}")
        pts = c.points
        assert pts["role"].tolist() == ["academic", "industry", "research"], suffix
        assert pts["text"].iloc[0] == "6G 주파수 연구 인력이 부족함", suffix
        assert not pts["text"].str.contains("발언자|주요 내용").any(), suffix
        assert "table header row" in set(c.residue["reason"]), suffix


def test_a_running_header_after_a_form_feed_is_not_joined_into_an_answer():
    c = _load("running_header_after_form_feed")
    assert c.points["text"].iloc[0] == "설계 인력이 부족하며 특히 검증 분야의 경력 인력이 매우 부족함"
    res = c.residue.set_index("line")["reason"]
    assert res[7] == "running header/footer"


def test_a_closing_note_of_personal_views_is_residue_not_a_point():
    c = _load("closing_note_personal_view")
    assert not c.points["text"].str.contains("개인").any()
    assert c.points["text"].tolist()[-1] == "세액공제를 확대해야 함"
    res = c.residue.set_index("line")["reason"]
    assert res[9] == res[16] == "closing note (a disclaimer: the expert's own view, not a point)"
