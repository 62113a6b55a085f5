"""The lexicon (consult.lexicon): the named sentence endings, heading words from
data/sections.toml, brackets, glyph ranks, numbering and masked names every reader shares."""

from __future__ import annotations

import re

import pytest

from consult import lexicon as L
from consult.parse.marks import NEXT_QUESTION, bullet, question_start

ENDINGS = {
    # text: (ASKS, ENDS_PROMPT, ENDS_QUESTION, ENDS_STATEMENT, ENDS_SENTENCE, ENDS_SAYING)
    "현황은 어떻습니까?": (True, True, True, False, True, True),
    "현황은 어떻습니까": (True, True, True, False, False, True),
    "의견을 주십시오.": (True, True, True, False, True, True),
    "의견 부탁드립니다.": (False, True, True, True, True, True),
    "어떤가요": (False, False, True, False, True, True),
    "있나요": (True, True, True, False, True, True),
    "필요해요": (False, False, True, False, True, True),
    "인력이 부족함": (False, False, False, True, True, True),
    "인력이 부족함 .": (False, False, False, True, True, True),
    "교수 인력 현황": (False, False, False, False, False, False),
    "2023. 5. 12.": (False, False, False, False, True, False),
}


@pytest.mark.parametrize("text", sorted(ENDINGS))
def test_sentence_endings_are_named_variants(text):
    names = ("ASKS", "ENDS_PROMPT", "ENDS_QUESTION", "ENDS_STATEMENT", "ENDS_SENTENCE", "ENDS_SAYING")
    got = tuple(bool(getattr(L, n).search(text)) for n in names)
    assert got == ENDINGS[text]


def test_each_variant_is_a_superset_of_the_one_it_extends():
    texts = [*ENDINGS, "하겠습니다", "좋습니다 ", "됩니까 ?", "검토함.", "확대 필요"]
    for t in texts:
        if L.ASKS.search(t):
            assert L.ENDS_PROMPT.search(t), t
        if L.ENDS_PROMPT.search(t):
            assert L.ENDS_QUESTION.search(t), t
        if L.ENDS_STATEMENT.search(t):
            assert L.ENDS_SENTENCE.search(t), t


def test_endings_take_no_full_width_forms():
    """Layout normalisation has mapped them to ASCII before any pattern runs."""
    assert not L.ASKS.search("어떻습니까？x")
    for name in L.__all__:
        value = getattr(L, name)
        if isinstance(value, re.Pattern):
            assert not re.search("[？：（）＜＞Ｏ＊，；]", value.pattern), name


def test_phrases_allow_any_spacing_and_take_the_longest():
    pat = re.compile("^" + L.phrases(["향후 추진", "향후 추진 계획"]))
    assert pat.match("향후추진계획").group(0) == "향후추진계획"
    assert pat.match("향후  추진 일정").group(0) == "향후  추진"


@pytest.mark.parametrize("word", L.SECTIONS["closing"])
def test_every_closing_word_closes(word):
    m = L.CLOSING.match(f"□ {word}")
    assert m is not None and m.group("what") == word


def test_meeting_titles_and_discussion_headings():
    assert L.MEETING_TITLE.match("반도체 산학연 간담회 결과")
    assert L.MEETING_TITLE.match("양자 분야 자문회의 결과 보고 (5.12)")
    assert not L.MEETING_TITLE.match("○ 간담회 결과를 공유")
    assert L.DISCUSSION_HEADING.match("□ 주요 논의 내용")
    assert L.DISCUSSION_HEADING.match("2. 전문가별 의견")
    assert not L.DISCUSSION_HEADING.match("논의가 필요합니다.")


def test_sections_toml_holds_the_heading_words():
    assert set(L.SECTIONS) >= {"closing", "meetings", "discussion"}
    assert "향후 계획" in L.SECTIONS["closing"] and "간담회" in L.SECTIONS["meetings"]


def test_brackets_and_unwrap():
    assert L.BRACKETS["【"] == "】" and L.BRACKETS["〈"] == "〉"
    assert L.unwrap("《KAIST 교수》") == "KAIST 교수"
    assert L.unwrap("(김철수 (ETRI 책임))") == "김철수 (ETRI 책임)"


def test_glyph_ranks():
    assert [L.BULLET_RANKS[g] for g in "●○-·"] == [0, 1, 2, 3]
    assert bullet("ㅇ 인력").rank == 1 and bullet("ㅇ인력").rank is None  # ㅇ needs a space
    assert bullet("※ 참고").rank == L.NOTE_RANK


@pytest.mark.parametrize("text, number", [("① 현황", 1), ("다. 과제", 3), ("(12) 예산", 12), ("질문 3: 전망", 3),
                                          ("Q. 전망", NEXT_QUESTION), ("[문항 4] 전망", 4)])
def test_numbering_styles(text, number):
    assert question_start(text).number == number


def test_masked_names_one_character_set():
    for name in ("김OO", "김○○", "김◯", "김**", "김XX", "김xx", "김00"):
        assert L.MASKED_NAME.match(name), name
        assert L.GLUED_TITLE.match(name + "교수"), name
        assert L.HAS_MASKED_NAME.search(f"(학계) {name} 교수"), name
    assert not L.MASKED_NAME.match("김철수")
