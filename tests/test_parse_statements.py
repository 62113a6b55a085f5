"""The readers of statement-shaped minutes on small in-memory documents: a line's kind
(consult.parse.statement_lines), attendee lines and segments (consult.parse.statements),
meetings (consult.parse.meeting) and speaker blocks (consult.parse.blocks)."""

from __future__ import annotations

import pytest

from consult.ingest import document_from_text
from consult.parse.blocks import read_blocks
from consult.parse.meeting import UNSPOKEN_SECTION, read_meeting
from consult.parse.reading import Reading
from consult.parse.shapes import detect_shape, parse_document
from consult.parse.statement_lines import StatementLines
from consult.parse.statements import segment_lines
from consult.people import load_roles
from consult.taxonomy import load_areas

MEETING = """반도체 산학연 간담회 결과
□ 일시 : 2023. 5. 12.(금) 14:00
□ 참석자
 - (학계) 김OO 서울대학교 교수, 이OO KAIST 교수
 - (산업계) 박OO 삼성전자 상무
□ 주요 논의 내용
1. 인력 양성
 ○ (김OO 교수) 석박사 인력이 부족함
  - 대학 정원 확대 필요
 ○ (박OO 상무, 삼성전자) 현장 인력 확보가 시급
2. 장비 투자
 ○ 위원장: 장비에 대해서도 의견을 주십시오.
 ○ (이OO 교수) 공동 활용 장비 확대
□ 향후 계획
 ○ 차기 간담회에서 후속 논의
"""

BLOCKS = """2023 서면자문 결과
□ 자문위원 1 : 서울대학교 교수
Q1. 인력 현황은?
A. 석박사 인력이 부족함
 - 정원 확대 필요
Q2. 지원 방향은?
A. 장기 과제 확대
□ 자문위원 2 : 삼성전자 상무
Q1. 인력 현황은?
A. 현장 인력이 부족함
붙임 참석자 명단 1부. 끝.
"""


def _reading(text: str) -> Reading:
    return Reading(document_from_text(text, name="d"), load_areas(), load_roles())


def test_line_kinds():
    sl = StatementLines(_reading(MEETING))
    kinds = [sl.classify(i) for i in range(len(sl.lines))]
    assert kinds[:3] == ["title", "meta", "meta"]
    assert kinds[5] == "discussion" and kinds[-2] == "closing"
    assert detect_shape(sl) == "meeting"
    assert detect_shape(StatementLines(_reading(BLOCKS))) == "blocks"


def test_attendee_lines_feed_the_speaker_book():
    seg = segment_lines(StatementLines(_reading(MEETING)))
    assert sorted(seg.attendee_lines) == [3, 4]
    assert [(p.name, p.organization, p.role) for p in seg.sl.book.participants] == [
        ("김OO", "서울대학교", "academic"), ("이OO", "KAIST", "academic"), ("박OO", "삼성전자", "industry")]


def test_a_meeting_gives_each_point_its_speaker():
    parsed = read_meeting(StatementLines(_reading(MEETING)))
    (tr,) = parsed.transcripts
    assert tr.kind == "meeting" and tr.area == "반도체"
    got = [(q.kind, q.label, q.text, [(p.speaker.speaker, p.speaker.role, p.speaker_source, p.text)
                                      for p in q.points]) for q in tr.questions]
    assert got == [
        ("topic", "1.", "인력 양성", [
            ("서울대학교 김OO 교수", "academic", "participants", "석박사 인력이 부족함\n- 대학 정원 확대 필요"),
            ("삼성전자 박OO 상무", "industry", "participants", "현장 인력 확보가 시급")]),
        ("topic", "2.", "장비 투자", [
            ("KAIST 이OO 교수", "academic", "participants", "공동 활용 장비 확대")]),
    ]
    reasons = {c.line: c.reason for c in parsed.coverage if c.reason}
    assert reasons[12] == "chair's prompt, not an expert's view (위원장)"  # a numbered topic is open
    assert reasons[14] == reasons[15] == "closing section (향후 계획)"
    assert [p.name for p in parsed.participants] == ["김OO", "이OO", "박OO"]


def test_a_chair_prompt_opens_a_question_when_no_topic_is_open():
    text = ("간담회 결과\n□ 참석자 : (학계) 김OO 서울대 교수\n□ 주요 논의 내용\n"
            "○ 좌장: 인력 양성에 대해 말씀해 주십시오.\n○ (김OO 교수) 석박사 인력이 부족함\n")
    (tr,) = read_meeting(StatementLines(_reading(text))).transcripts
    assert [(q.kind, q.label, q.text, len(q.points)) for q in tr.questions] == [
        ("prompt", "좌장", "인력 양성에 대해 말씀해 주십시오.", 1)]


def test_a_section_nobody_speaks_in_is_residue():
    text = ("간담회 결과\n□ 참석자 : (학계) 김OO 서울대 교수, (산업계) 박OO 삼성전자 상무\n□ 주요 논의 내용\n"
            "□ 시장 현황\n ○ 세계 시장은 연 10% 성장\n□ 인력 양성\n"
            " ○ (김OO 교수) 인력이 부족함\n ○ (박OO 상무) 투자 확대 필요\n")
    parsed = read_meeting(StatementLines(_reading(text)))
    assert [q.text for q in parsed.transcripts[0].questions] == ["인력 양성"]
    reasons = {c.line: c.reason for c in parsed.coverage}
    assert reasons[4] == reasons[5] == UNSPOKEN_SECTION


def test_speaker_blocks_open_one_transcript_each():
    parsed = read_blocks(StatementLines(_reading(BLOCKS)))
    got = [(t.number, t.speaker.speaker, t.speaker.role,
            [(q.label, q.text, [p.text for p in q.points]) for q in t.questions]) for t in parsed.transcripts]
    assert got == [
        (1, "서울대학교 교수", "academic", [("Q1.", "인력 현황은?", ["석박사 인력이 부족함\n- 정원 확대 필요"]),
                                        ("Q2.", "지원 방향은?", ["장기 과제 확대"])]),
        (2, "삼성전자 상무", "industry", [("Q1.", "인력 현황은?", ["현장 인력이 부족함"])]),
    ]
    reasons = {c.line: c.reason for c in parsed.coverage if c.reason}
    assert reasons == {1: "heading outside transcripts", 11: "closing section (붙임)"}


def test_a_question_asking_without_a_question_mark_ends_its_line():
    """…니까 ends a prompt as …니다 does: the paragraph below is the answer, not the question."""
    text = ("□ 자문위원 1 : 서울대학교 교수\nQ1. 인력 양성이 시급하다고 보십니까\n"
            "석박사 인력이 부족하여 시급함\n□ 자문위원 2 : 삼성전자 상무\nQ1. 인력 현황은?\nA. 부족함\n")
    parsed = parse_document(document_from_text(text, name="d"))
    q = parsed.transcripts[0].questions[0]
    assert (q.text, [p.text for p in q.points]) == ("인력 양성이 시급하다고 보십니까", ["석박사 인력이 부족하여 시급함"])


def test_a_bracketed_speaker_whose_name_starts_like_a_caption():
    """【 표준연 … 】 was read as a caption (표 …) and its expert's answers were lost."""
    text = ("【 표준연 박OO 책임연구원 】\nQ1. 양자 인력 현황은?\nA. 석박사 인력이 부족함\n"
            "【 서울대 김OO 교수 】\nQ1. 양자 인력 현황은?\nA. 장비가 부족함\n")
    parsed = parse_document(document_from_text(text, name="d"))
    assert [(t.speaker.speaker, t.speaker.role) for t in parsed.transcripts] == [
        ("표준연 박OO 책임연구원", "research"), ("서울대 김OO 교수", "academic")]


@pytest.mark.parametrize("text, shape", [(MEETING, "meeting"), (BLOCKS, "blocks"),
                                         ("전문가 자문 회의록 (1)\n<KAIST 교수>\n1. 질문?\n● 답변", "report")])
def test_parse_document_records_the_shape(text, shape):
    assert parse_document(document_from_text(text, name="d")).conventions["shape"] == shape
