"""Layout hints are honoured by every reader: the numbered-Q&A reader, the statement readers and
the table reader (consult.parse.hints)."""

from __future__ import annotations

import re
from pathlib import Path

from consult.ingest import Document, document_from_text
from consult.parse import Hints, inspect_file, load_hints, parse_document

QUESTION = re.compile(r"^문항\s*(?P<no>\d+)\s*[.:]\s*(?P<text>.+)$")
SPEAKER = re.compile(r"^◎\s*(?P<label>.+?)\s*의견$")
CLOSING = re.compile(r"^첨부")

HEADERED = """전문가 자문 회의록 (1)
<서울대 김OO 교수>
문항 1: 인력 수급 전망은?
 ㅇ 석박사 인력 부족
문항 2: 정부 지원 방향은?
 ㅇ 장기 과제 확대
"""


def _questions(parsed):  # noqa: ANN001 - a ParsedDocument
    return [(t.speaker.speaker, [(q.no, q.text, [p.text for p in q.points]) for q in t.questions])
            for t in parsed.transcripts]


def test_a_question_hint_numbers_the_questions_of_a_headered_document(tmp_path: Path):
    """The issue's example: with ``shape = "report"`` the numbered-Q&A reader ignored the
    question hint and lost both questions (one implicit question held both answers)."""
    src = tmp_path / "headered.txt"
    src.write_text(HEADERED, encoding="utf-8")
    hints = tmp_path / "hints.toml"
    hints.write_text("shape = 'report'\nquestion = ['^문항\\s*(?P<no>\\d+)\\s*[.:]\\s*(?P<text>.+)$']\n",
                     encoding="utf-8")
    parsed = inspect_file(src, hints=hints).parsed
    assert parsed.conventions["shape"] == "report"
    assert _questions(parsed) == [("서울대 김OO 교수", [(1, "인력 수급 전망은?", ["석박사 인력 부족"]),
                                                    (2, "정부 지원 방향은?", ["장기 과제 확대"])])]
    without = parse_document(document_from_text(HEADERED, name="d"), hints=load_hints(None))
    assert [len(t.questions) for t in without.transcripts] == [1]  # one implicit question


def test_a_speaker_hint_opens_a_transcript_and_a_closing_hint_ends_one():
    text = ("전문가 자문 회의록 (1)\n<KAIST 교수>\n1. 현황은?\n● 인력 부족\n"
            "◎ 삼성전자 박OO 상무 의견\n1. 현황은?\n● 장비 부족\n첨부 1. 설문지\n2. 기타 의견?\n")
    hints = Hints(speaker=(SPEAKER,), closing=(CLOSING,))
    parsed = parse_document(document_from_text(text, name="d"), hints=hints)
    assert _questions(parsed) == [("KAIST 교수", [(1, "현황은?", ["인력 부족"])]),
                                  ("삼성전자 박OO 상무", [(1, "현황은?", ["장비 부족"])])]
    reasons = {c.line: c.reason for c in parsed.coverage if c.reason}
    assert reasons == {8: "heading outside transcripts", 9: "outside transcripts"}


def test_hints_in_a_meeting():
    text = ("간담회 결과\n□ 참석자 : (학계) 김OO 서울대 교수\n□ 주요 논의 내용\n"
            "문항 1: 인력 양성\n○ (김OO 교수) 인력이 부족함\n첨부 참석자 명단\n○ 기타\n")
    parsed = parse_document(document_from_text(text, name="d"), hints=Hints(question=(QUESTION,), closing=(CLOSING,)))
    assert parsed.conventions["shape"] == "meeting"
    assert [(q.no, q.text) for q in parsed.transcripts[0].questions] == [(1, "인력 양성")]
    assert {c.line for c in parsed.coverage if c.reason.startswith("closing")} == {6, 7}


def test_hints_in_interview_tables():
    lines = ("◎ 서울대학교 김OO 교수 의견", "질문\t답변", "문항 3: 인력 수급 전망은?\t● 석박사 인력 부족",
             "첨부 1. 설문지", "기타 사항")
    cells = (None, (1, 0, -1), (1, 1, -1), None, None)
    doc = Document(path="t.docx", name="t", lines=lines, source_type="docx", cells=cells)
    hints = Hints(speaker=(SPEAKER,), question=(QUESTION,), closing=(CLOSING,))
    parsed = parse_document(doc, hints=hints)
    assert parsed.conventions["shape"] == "tables"
    assert _questions(parsed) == [("서울대학교 김OO 교수", [(3, "인력 수급 전망은?", ["석박사 인력 부족"])])]
    reasons = {c.line: c.reason for c in parsed.coverage if c.reason}
    assert reasons == {2: "table header row", 4: "closing section (첨부 1. 설문지)",
                       5: "closing section (첨부 1. 설문지)"}
    plain = parse_document(doc)
    assert _questions(plain) == [("◎ 서울대학교 김OO 교수", [(1, "문항 3: 인력 수급 전망은?", ["석박사 인력 부족"])])]
