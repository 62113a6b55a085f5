"""consult.tokens: Kiwi content tokens, compounds, stop-words and the two caches."""

from __future__ import annotations

import types
from pathlib import Path

import pandas as pd
import pytest

from consult import tokens as text
from consult.errors import ConsultError, ConsultWarning


@pytest.fixture(autouse=True)
def tmp_cache(tmp_path, monkeypatch):
    """Every test gets its own empty disk cache and a clean memory cache."""
    monkeypatch.setenv("CONSULT_CACHE_DIR", str(tmp_path / "cache"))
    text.clear_cache()
    yield tmp_path / "cache"
    text.clear_cache()


def toks(s: str) -> list[str]:
    return text.tokenize_texts([s])[0]


@pytest.mark.parametrize(
    "sentence, compound",
    [
        ("우리나라는 시스템 SW 역량 부족", "시스템 SW"),
        ("시스템SW 기술개발 필요", "시스템 SW"),  # written without the space: same token
        ("5G 특화망 사업의 활용사례", "특화망"),
        ("오픈랜 기술에서 장비간 호환성", "오픈랜"),
        ("하이니켈 삼원계 적용 시", "하이니켈"),
        ("위협인텔리전스(TI) 기술", "위협 인텔리전스"),
        ("위협 인텔리전스 공유", "위협 인텔리전스"),
    ],
)
def test_compounds_stay_whole(sentence, compound):
    out = toks(sentence)
    assert compound in out
    for part in compound.split():  # the parts are not emitted on their own
        if part != compound:
            assert part not in out


@pytest.mark.parametrize(
    "sentence, token",
    [
        ("폐배터리의 재사용 기술", "폐배터리"),  # prefix 폐- joins its noun
        ("폐배터리의 재사용 기술", "재사용"),
        ("화재억제 등 안전성 기술", "안전성"),  # suffix -성 joins its noun
        ("부품 국산화 필요", "국산화"),
        ("AI칩 시장", "AI칩"),  # one-syllable noun joins the word before it
        ("코어망 기술", "코어망"),
        ("5G 킬러서비스", "5G"),  # number + unit
        ("국가 R&D 전략", "R&D"),
    ],
)
def test_general_joining_rule(sentence, token):
    assert token in toks(sentence)


def test_acronyms_kept():
    out = toks("TP(Thermal Propagation) 억제 기술과 XDR, RF 부품, SW 인력")
    for acronym in ("TP", "XDR", "RF", "SW"):
        assert acronym in out


def test_stopwords_removed():
    out = toks("견해 부탁드립니다. 현황에 대한 의견과 생각, 필요한 경우 제안")
    assert out == []
    out = toks("배터리 안전성 확보가 필요하다는 의견")
    assert "배터리" in out and "필요" not in out and "의견" not in out


def test_plain_words_split_at_spaces_not_inside_free_nouns():
    # two free nouns written together stay two tokens: 인력 / 양성 like 인력 양성
    assert toks("인력양성") == toks("인력 양성") == ["인력", "양성"]


def test_verbs_optional():
    with_verbs = text.Tokenizer(verbs=True).tokenize(["이루어지고 있는 연구"])[0]
    without = text.Tokenizer(verbs=False).tokenize(["이루어지고 있는 연구"])[0]
    assert "이루어지다" in with_verbs and without == ["연구"]


def test_any_text_accepted():
    tok = text.default_tokenizer()
    assert tok("") == []
    assert tok("   \n ") == []
    assert tok("12345 !!! ...") == []
    assert text.tokenize_texts([None, float("nan"), 3]) == [[], [], []]  # type: ignore[list-item]


def test_user_dictionary_and_stopwords(tmp_path):
    d = tmp_path / "mine.tsv"
    d.write_text("# my terms\n초전도큐비트\tNNG\t0\n", encoding="utf-8")
    s = tmp_path / "stop.txt"
    s.write_text("# mine\n연구\n", encoding="utf-8")
    default = text.Tokenizer().tokenize(["초전도큐비트 연구"])[0]
    mine = text.Tokenizer(user_dicts=[d], stopword_files=[s]).tokenize(["초전도큐비트 연구"])[0]
    assert mine == ["초전도큐비트"]
    assert "연구" in default
    assert text.Tokenizer(stopwords=["연구"]).tokenize(["양자 연구"])[0] == ["양자"]


def test_bad_user_files(tmp_path):
    with pytest.raises(ConsultError, match="not found"):
        text.Tokenizer(user_dicts=[tmp_path / "missing.tsv"]).tokenize(["양자"])
    bad = tmp_path / "bad.tsv"
    bad.write_text("no tab here\n", encoding="utf-8")
    with pytest.raises(ConsultError, match="WORD<TAB>TAG"):
        text.Tokenizer(user_dicts=[bad]).tokenize(["양자"])
    with pytest.raises(ConsultError, match="not found"):
        text.Tokenizer(stopword_files=[tmp_path / "nope.txt"]).tokenize(["양자"])


def test_kiwi_created_once_per_process():
    assert text.get_kiwi() is text.get_kiwi()
    assert text.Tokenizer().kiwi is text.default_tokenizer().kiwi


# ----------------------------------------------------------------------------- caches
TEXTS = ["시스템 SW 인력 양성", "특화망 활용사례 발굴", "TP 억제 기술", "시스템 SW 인력 양성"]


def test_memory_cache_second_call_does_not_tokenize():
    first = text.tokenize_texts(TEXTS)
    info = text.cache_info()
    assert info["tokenized"] == 3  # the repeated text is tokenized once
    second = text.tokenize_texts(TEXTS)
    assert second == first
    assert text.cache_info()["tokenized"] == 3
    assert text.cache_info()["memory_hits"] == info["memory_hits"] + 4


def test_disk_cache_survives_the_process(tmp_cache, monkeypatch):
    first = text.tokenize_texts(TEXTS)
    files = list(Path(tmp_cache).rglob("*.tsv"))
    assert len(files) >= 1
    text.clear_cache()  # a "new process": memory is empty, the disk cache is not

    def boom(self, items, desc):  # Kiwi must not be called again
        raise AssertionError("re-tokenized although the disk cache holds the texts")

    monkeypatch.setattr(text.Tokenizer, "_analyse", boom)
    assert text.tokenize_texts(TEXTS) == first
    info = text.cache_info()
    assert info["disk_hits"] == 3 and info["tokenized"] == 0


def test_disk_cache_key_depends_on_configuration(tmp_cache):
    text.tokenize_texts(TEXTS)
    text.Tokenizer(stopwords=["인력"]).tokenize(TEXTS)
    assert len({p.parent for p in Path(tmp_cache).rglob("*.tsv")}) == 2


def test_damaged_cache_file_is_ignored(tmp_cache):
    first = text.tokenize_texts(TEXTS)
    for path in Path(tmp_cache).rglob("*.tsv"):
        path.write_bytes(b"not a cache file")
    text.clear_cache()
    with pytest.warns(ConsultWarning, match="damaged"):
        assert text.tokenize_texts(TEXTS) == first
    assert text.cache_info()["tokenized"] == 3


def test_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("CONSULT_CACHE_DIR", "off")
    assert text.cache_dir() is None
    text.tokenize_texts(TEXTS)
    assert not list(tmp_path.rglob("*.tsv"))


def test_default_cache_dir_is_not_in_the_package(monkeypatch, tmp_path):
    monkeypatch.delenv("CONSULT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert text.cache_dir() == tmp_path / "xdg" / "consult"
    package = Path(text.__file__).parent
    assert package not in text.cache_dir().parents


# ----------------------------------------------------------------------------- corpus
def fake_corpus():
    questions = pd.DataFrame({
        "transcript_id": ["d#T01", "d#T01", "d#T02"],
        "question_id": ["d#T01.Q1", "d#T01.Q2", "d#T02.Q1"],
        "question": ["특화망 활용사례 견해 부탁드립니다", "TP 기술", "시스템 SW 현황"],
        "answer": ["특화망 도입\n스마트 공장", "열폭주 억제", "컴파일러 인력 부족"],
    })
    points = pd.DataFrame({
        "transcript_id": ["d#T01", "d#T01", "d#T01"],
        "question_id": ["d#T01.Q1", "d#T01.Q1", "d#T01.Q2"],
        "point_id": ["d#T01.Q1.P1", "d#T01.Q1.P2", "d#T01.Q2.P1"],
        "text": ["특화망 도입", "스마트 공장", "열폭주 억제"],
    })
    return types.SimpleNamespace(questions=questions, points=points)


def test_question_and_point_tokens():
    corpus = fake_corpus()
    q = text.question_tokens(corpus)
    p = text.point_tokens(corpus)
    a = text.answer_tokens(corpus)
    assert q.index.name == "question_id" and list(q.index) == list(corpus.questions["question_id"])
    assert p.index.name == "point_id" and list(p.index) == list(corpus.points["point_id"])
    assert p["d#T01.Q1.P1"] == ["특화망", "도입"]
    assert a["d#T01.Q1"] == ["특화망", "도입", "스마트", "공장"]
    assert q["d#T01.Q1"] == ["특화망", "사례", "특화망", "도입", "스마트", "공장"]
    # no point rows: the answer text is tokenized instead
    assert a["d#T02.Q1"] == ["컴파일러", "인력", "부족"]
    assert q["d#T02.Q1"] == ["시스템 SW", "컴파일러", "인력", "부족"]


def test_corpus_is_tokenized_once():
    corpus = fake_corpus()
    text.question_tokens(corpus)
    n = text.cache_info()["tokenized"]
    text.point_tokens(corpus)
    text.answer_tokens(corpus)
    assert text.cache_info()["tokenized"] == n


def test_corpus_input_checked():
    with pytest.raises(ConsultError, match="questions"):
        text.question_tokens(object())
    empty = types.SimpleNamespace(
        questions=pd.DataFrame(columns=["question_id", "question", "answer"]),
        points=pd.DataFrame(columns=["question_id", "point_id", "text"]),
    )
    assert text.question_tokens(empty).empty and text.point_tokens(empty).empty


def test_a_huge_text_is_tokenized_in_pieces_with_the_same_words():
    """Kiwi's time grows faster than one text's length: long texts go in pieces (issue 17)."""
    from consult.tokens import MAX_PIECE, Tokenizer, split_long

    sentence = "배터리 화재 안전 기술 확보가 시급하며 전문 인력 양성이 필요함. "
    text = sentence * (3 * MAX_PIECE // len(sentence))
    pieces = split_long(text)
    assert len(pieces) >= 3 and "".join(pieces) == text and max(map(len, pieces)) <= MAX_PIECE
    whole = Tokenizer(cache=False).tokenize([text])[0]
    one = Tokenizer(cache=False).tokenize([sentence])[0]
    assert whole[: len(one)] == one and len(whole) == len(one) * (len(text) // len(sentence))


def test_an_analysis_tokenizes_once_in_one_batch(sample_corpus, tmp_path, monkeypatch):
    """Every stage declares the texts it tokenizes; ``analyze`` tokenizes their union in one
    step, so the themes, the comparison, the findings and the summary checks only look tokens
    up afterwards (issue 21): nothing is tokenized after the step."""
    import warnings

    import consult
    from consult import tokens
    from consult.analysis import analysis_texts, tokenize_once

    monkeypatch.setenv("CONSULT_CACHE_DIR", str(tmp_path / "cache"))
    tokens.clear_cache()
    n = tokenize_once(sample_corpus)
    assert n == len(analysis_texts(sample_corpus)) == tokens.cache_info()["tokenized"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        consult.analyze(sample_corpus, random_state=0)
    assert tokens.cache_info()["tokenized"] == n  # the stages found every text in the cache


# ----------------------------------------------------------------------------- prefetch child
def _fork_or_skip() -> None:
    from consult import forked

    if not forked.fork_ok():
        pytest.skip("no fork here: the tokenizer never starts a prefetch child")


PREFETCH_TEXTS = ["시스템SW 기술개발 필요", "5G 특화망 사업의 활용사례", "", "위협인텔리전스(TI) 기술",
                  "위협인텔리전스(TI) 기술", "인력 양성이 시급"]


def test_prefetch_child_gives_the_same_tokens_and_profiles(monkeypatch):
    """A first run: Kiwi loads in a forked child, the texts (and the words' profiles) are
    analysed there, the same tokens as here; this process never loads Kiwi."""
    from consult.themes.wordinfo import _MEMORY as PROFILES
    from consult.themes.wordinfo import word_profiles

    _fork_or_skip()
    here = text.Tokenizer(cache=False)
    expected = here.tokenize(PREFETCH_TEXTS)
    words = ["테스트베드", "효율성", "네이버", "인력"]
    PROFILES.clear()
    expected_profiles = word_profiles(words, here)
    text.clear_cache()
    PROFILES.clear()
    tok = text.Tokenizer()
    assert not tok.prefetch()  # Kiwi is loaded here: a child would find no worker threads
    text._kiwi_for.cache_clear()  # as in a fresh process: no Kiwi here
    waited: list[bool] = []
    assert tok.prefetch(while_waiting=lambda: waited.append(tok._child is not None))
    assert not waited  # nothing waits yet
    monkeypatch.setattr(text.Tokenizer, "_analyse", lambda *a: pytest.fail("analysed here"))
    monkeypatch.setattr(text, "_kiwi_for", lambda *a: pytest.fail("Kiwi loaded here"))
    try:
        assert tok.tokenize(PREFETCH_TEXTS) == expected
        assert waited == [True]  # run once, while the child analysed the texts
        assert word_profiles(words, tok) == expected_profiles
        assert waited == [True]
        assert tok.tokenize(["처음 보는 문장의 산학 협력"])  # a later batch: the child again
    finally:
        tok.end_prefetch()
    PROFILES.clear()


def test_no_prefetch_when_the_disk_cache_has_entries(monkeypatch):
    _fork_or_skip()
    text.tokenize_texts(["산학 협력"])
    text._kiwi_for.cache_clear()  # as in a fresh process: no Kiwi here
    tok = text.Tokenizer()
    assert not tok.prefetch()  # a later run finds its tokens on disk: Kiwi is not wanted


def test_a_failed_prefetch_child_costs_only_time(monkeypatch):
    import os
    import signal

    _fork_or_skip()
    expected = text.Tokenizer(cache=False).tokenize(PREFETCH_TEXTS)
    text.clear_cache()
    tok = text.Tokenizer()
    text._kiwi_for.cache_clear()  # as in a fresh process: no Kiwi here
    assert tok.prefetch()
    os.kill(tok._child.pid, signal.SIGKILL)
    assert tok.tokenize(PREFETCH_TEXTS) == expected  # analysed here instead, no error
    assert tok._child is None
