"""People in minutes (consult.people): the role lexicon and its user files, names, attendee lists,
the speaker book, and who speaks a line — including a title a user adds to a roles file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import consult
from consult.people import (
    SpeakerBook,
    SpeakerInfo,
    bare_speaker,
    identifies_someone,
    is_chair_prompt,
    lists_people,
    load_roles,
    names_a_person_by_title,
    parse_participants,
    speaker_block,
    split_person,
    split_statement,
    trailing_speaker,
)
from consult.people.book import abbreviates
from consult.people.names import trailing_group

DATA = Path(consult.__file__).parent / "data" / "roles.toml"
LEX = load_roles()


def _user_roles(tmp_path: Path, edit, name: str = "roles.toml") -> Path:  # noqa: ANN001 - str -> str
    path = tmp_path / name  # load_roles caches by path: one name per file
    path.write_text(edit(DATA.read_text(encoding="utf-8")), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ roles


@pytest.mark.parametrize("label, role, evidence", [
    ("KAIST 신소재공학과 교수", "academic", "title:교수"),
    ("삼성전자 관계자", "industry", "title:관계자"),
    ("삼성전자 메모리사업부", "industry", "organization:전자"),
    ("(주)한국연구소 소장", "industry", "firm:㈜"),
    ("LG에너지솔루션 배터리연구소 책임", "industry", "company lab:에너지솔루션+연구소"),
    ("한국전자통신연구원 책임연구원", "research", "organization:연구원"),
    ("산업통상자원부 과장", "government", "organization:산업통상자원부"),
    ("홍길동", "unknown", ""),
])
def test_infer_reads_a_label(label, role, evidence):
    info = LEX.infer(label)
    assert (info.role, info.evidence) == (role, evidence)


def test_infer_reads_full_width_forms_as_normalised():
    assert LEX.infer("（주）한국연구소 소장") == LEX.infer("(주)한국연구소 소장")


def test_titles_names_chairs():
    assert LEX.is_title("교수") and LEX.is_title("책임연구원") and LEX.is_title("본부장")
    assert not LEX.is_title("인력")
    assert LEX.is_name("김OO") and LEX.is_name("박민수") and not LEX.is_name("서울대")
    assert LEX.is_chair("위원장 홍길동") and not LEX.is_chair("사회학과 교수")
    assert LEX.mentions_title("KAIST 교수") and not LEX.mentions_title("인력 현황")


def test_a_user_roles_file_keeps_the_lists_it_leaves_out(tmp_path):
    # a roles file written before person_titles, chair_titles, … existed: the built-in lists stay
    old = _user_roles(tmp_path, lambda s: s[s.index("# Short names"):].replace("[groups]", "[old_groups]"))
    lex = load_roles(old)
    assert lex.groups == LEX.groups and lex.chair_titles == LEX.chair_titles
    assert lex.person_titles == LEX.person_titles and lex.sides == LEX.sides
    # a list the file gives replaces the built-in one
    own = _user_roles(tmp_path, lambda s: re.sub(r"chair_titles = \[[^\]]*\]", 'chair_titles = ["의장"]', s),
                      "own_roles.toml")
    assert load_roles(own).chair_titles == ("의장",)


def test_a_user_title_opens_a_transcript(tmp_path):
    """연구관 in a user's roles file: the bracketed speaker line naming it opens a transcript
    (it was a fixed list of titles in the parser; the answer went to the previous expert)."""
    doc = tmp_path / "minutes.txt"
    doc.write_text("전문가 자문 회의록 (1)\n<KAIST 전기및전자공학과 교수>\n1. 인력 현황은?\n● 석박사 인력이 부족함\n"
                   "<과학기술정보통신부 연구관>\n1. 인력 현황은?\n● 예산 확대가 필요함\n", encoding="utf-8")
    roles = _user_roles(tmp_path, lambda s: s.replace('titles = ["사무관"', 'titles = ["연구관", "사무관"'))
    assert load_roles(roles).mentions_title("과학기술정보통신부 연구관")
    corpus = consult.load(doc, roles=roles)
    assert corpus.transcripts[["speaker", "role"]].values.tolist() == [
        ["KAIST 전기및전자공학과 교수", "academic"], ["과학기술정보통신부 연구관", "government"]]
    assert corpus.points[["speaker", "text"]].values.tolist() == [
        ["KAIST 전기및전자공학과 교수", "석박사 인력이 부족함"], ["과학기술정보통신부 연구관", "예산 확대가 필요함"]]
    # without the user's title the line is not a speaker: it stays in the first answer
    with pytest.warns(consult.ParseWarning, match="question 1 follows question 1"):
        assert len(consult.load(doc).transcripts) == 1


# ------------------------------------------------------------------------------ names


@pytest.mark.parametrize("text, parts", [
    ("김OO 교수(서울대)", ("김OO", "교수", "서울대")),
    ("서울대 김OO 교수", ("김OO", "교수", "서울대")),
    ("산업부 과장", ("", "과장", "산업부")),
    ("김OO교수", ("김OO", "교수", "")),
    ("위원장(홍길동, 한양대 교수)", ("홍길동", "위원장 교수", "한양대")),
    ("이민정 위원(KAIST 교수)", ("이민정", "위원 교수", "KAIST")),
])
def test_split_person(text, parts):
    assert split_person(text, LEX) == parts


def test_designations_and_topics():
    assert names_a_person_by_title("서울대학교 김OO 교수", LEX)
    assert not names_a_person_by_title("교수 인력 현황", LEX)
    assert identifies_someone("한양대 교수", LEX) and not identifies_someone("신진 연구원", LEX)
    assert trailing_group("김OO ((주)안랩 연구소장)") == ("(주)안랩 연구소장", 4)
    assert trailing_group("인력 부족") is None


# ------------------------------------------------------------------------------ attendees


def test_participants_by_group_and_table_row():
    rows = parse_participants(["(학계) 김OO 서울대학교 교수, 이OO KAIST 교수 외 2명",
                               "산업계: 박OO 삼성전자 상무 / 최OO SK하이닉스 팀장",
                               "1\t정부\t홍길동\t산업통상자원부\t과장"], [1, 2, 3], LEX)
    assert [(p.name, p.role, p.group) for p in rows] == [
        ("김OO", "academic", "학계"), ("이OO", "academic", "학계"),
        ("박OO", "industry", "산업계"), ("최OO", "industry", "산업계"), ("홍길동", "government", "정부")]


def test_lists_people():
    assert lists_people("(학계) 김OO 교수", LEX) and lists_people("산업계: 박OO 상무", LEX)
    assert lists_people("홍길동 교수(서울대), 김OO 상무", LEX)
    assert not lists_people("양자 인력 양성에 대해 말씀해 주십시오", LEX)


def test_a_user_group_word_counts(tmp_path):
    roles = _user_roles(tmp_path, lambda s: s.replace('"학계" = "academic"', '"학계" = "academic"\n"대학계" = "academic"'))
    lex = load_roles(roles)
    assert [p.role for p in parse_participants(["(대학계) 김OO 서울대 교수"], [1], lex)] == ["academic"]


# ------------------------------------------------------------------------------ the book


def test_resolve_by_abbreviation_alias_and_learning():
    book = SpeakerBook(parse_participants(["(학계) 김OO 서울대학교 교수", "(정부) 산업통상자원부 반도체과장",
                                           "(연구계) 박OO 한국전자통신연구원 책임"], [1, 2, 3], LEX), LEX)
    assert book.resolve("산업부")[0].organization == "산업통상자원부"
    assert book.resolve("ETRI 박OO 책임")[1] == "participants"
    info, source = book.resolve("이민정 위원(KAIST 교수)")
    assert (info.role, source) == ("academic", "statement")
    assert book.resolve("이민정 위원") == (info, "participants")  # learned from the first statement
    assert abbreviates("과기정통부", "과학기술정보통신부") and not abbreviates("서울", "부산대학교")


# ------------------------------------------------------------------------------ who speaks a line


def test_split_statement_and_sides():
    book = SpeakerBook([], LEX)
    assert split_statement("(김OO 교수, 서울대) 인력이 부족", book)[1:] == (
        "인력이 부족", LEX.infer("김OO 교수, 서울대"), "statement")
    assert split_statement("(인력) 부족", book) is None
    assert split_statement("(산업계) 수요 발굴이 우선", book)[3] == "group"
    assert split_statement("(산업계) 수요 발굴이 우선", SpeakerBook([], LEX, sides_speak=False)) is None


def test_trailing_and_bare_speakers():
    book = SpeakerBook([], LEX)
    assert trailing_speaker("보안 인력 양성 필요 (안랩 박OO 상무)", book)[2].role == "industry"
    assert trailing_speaker("예산 확대가 필요 (2024년 기준)", book) is None
    assert bare_speaker("박민수 교수(KAIST)", book) and not bare_speaker("인력 양성이 시급함", book)


@pytest.mark.parametrize("line, expected", [
    ("□ 자문위원 2 : 한국전자통신연구원 책임연구원", ("한국전자통신연구원 책임연구원", 2)),
    ("[자문 1] 홍길동 (고려대 교수)", ("홍길동 (고려대 교수)", 1)),
    ("[인터뷰 대상] ㈜OO에너지 기술연구소 수석연구원", ("㈜OO에너지 기술연구소 수석연구원", None)),
    ("1. 서울대학교 김OO 교수 (인터뷰)", ("서울대학교 김OO 교수 (인터뷰)", 1)),
    ("【 삼성전자 박OO 상무 】", ("삼성전자 박OO 상무", None)),
    ("【 표준연 박OO 책임연구원 】", ("표준연 박OO 책임연구원", None)),  # 표준연 is no caption (표 1)
    ("【 표 1 】", None),
    ("【 붙임 1 】", None),
    ("□ 향후 계획", None),
])
def test_speaker_blocks(line, expected):
    assert speaker_block(line, SpeakerBook([], LEX)) == expected


def test_speaker_block_hints_come_first():
    hint = re.compile(r"^◎\s*(?P<label>.+?)\s*의견$")
    assert speaker_block("◎ 서울대 김OO 교수 의견", SpeakerBook([], LEX), [hint]) == ("서울대 김OO 교수", None)


def test_chair_prompts():
    chair = SpeakerInfo("위원장", "", "", "위원장", "unknown", "")
    assert is_chair_prompt("위원장", chair, "인력 양성에 대해서도 의견을 주십시오.", LEX)
    assert not is_chair_prompt("위원장", chair, "인력이 부족함", LEX)  # the chair's own opinion
    member = SpeakerInfo("사회학과 교수", "", "", "교수", "academic", "")
    assert not is_chair_prompt("사회학과 교수", member, "의견을 주십시오.", LEX)
