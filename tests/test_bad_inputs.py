"""Broken and hostile inputs (tests/fixtures/bad/): each has the outcome in bad/expected.toml.

Through the library (``consult.load``) and through the CLI (``consult parse FILE``): a
one-line message naming the file, the library's own error class, exit status != 0 where
nothing could be parsed, never a traceback and never invented records; partial records and
a warning where something could be parsed; and with several files one bad file does not lose
the others' records.
"""

from __future__ import annotations

import io
import tomllib
import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import consult
import consult.errors as errors
from consult.cli import main

BAD = Path(__file__).parent / "fixtures" / "bad"
GOOD = Path(__file__).parent / "fixtures" / "variants" / "battery_compact.txt"
EXPECTED: dict[str, dict] = tomllib.loads((BAD / "expected.toml").read_text(encoding="utf-8"))["files"]
NAMES = sorted(EXPECTED)
ERRORS = [n for n in NAMES if EXPECTED[n]["outcome"] == "error"]
PARTIAL = [n for n in NAMES if EXPECTED[n]["outcome"] != "error"]


def test_every_bad_file_has_an_expectation() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "expected.toml"}
    assert files == set(EXPECTED)


def _xfail_known(names: list[str]) -> list:
    """Parameters, with a strict xfail mark on files whose expectation the parser misses."""
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=EXPECTED[n]["known_gap"]))
        if EXPECTED[n].get("known_gap") else n
        for n in names
    ]


def _load_recording(path: Path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = consult.load(path)
    return corpus, [w for w in caught if issubclass(w.category, errors.ConsultWarning)]


# ------------------------------------------------------------------------------ library
@pytest.mark.parametrize("name", _xfail_known(ERRORS))
def test_load_raises_the_expected_error(name: str) -> None:
    exp = EXPECTED[name]
    path = BAD / name
    cls = getattr(errors, exp["error"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", errors.ConsultWarning)
        with pytest.raises(errors.ConsultError) as info:
            consult.load(path)
    assert isinstance(info.value, cls), f"{type(info.value).__name__}: {info.value}"
    message = str(info.value)
    assert exp["message"].lower() in message.lower(), message
    assert name in message, f"message does not name the file: {message}"
    assert "\n" not in message


@pytest.mark.parametrize("name", _xfail_known(PARTIAL))
def test_load_keeps_partial_records(name: str) -> None:
    exp = EXPECTED[name]
    corpus, caught = _load_recording(BAD / name)
    if "transcripts" in exp:
        assert len(corpus.transcripts) == exp["transcripts"]
    if "questions" in exp:
        assert len(corpus.questions) == exp["questions"]
    if "points" in exp:
        assert len(corpus.points) == exp["points"]
    if "question_numbers" in exp:
        qs = corpus.questions.sort_values("question_line")
        assert [int(n) for n in qs["question_no"]] == exp["question_numbers"]
    if "contains" in exp:
        assert corpus.points["text"].str.contains(exp["contains"], regex=False).any()
    assert corpus.transcripts["transcript_id"].is_unique
    assert corpus.points["point_id"].is_unique
    if exp["outcome"] == "warning":
        cls = getattr(errors, exp["warning"])
        hits = [w for w in caught if issubclass(w.category, cls)
                and exp["message"].lower() in str(w.message).lower()]
        assert hits, f"no {exp['warning']} with {exp['message']!r}: {[str(w.message) for w in caught]}"
        assert any(name in str(w.message) for w in hits), "the warning does not name the file"
        assert all("\n" not in str(w.message) for w in hits)


def test_no_speaker_is_not_invented() -> None:
    corpus, _ = _load_recording(BAD / "no_speaker.txt")
    t2 = corpus.transcripts.sort_values("line_start").iloc[1]
    assert (t2["speaker"] or "") == ""
    assert t2["role"] == "unknown"


def test_duplicate_numbers_get_distinct_ids() -> None:
    corpus, _ = _load_recording(BAD / "duplicate_transcript_numbers.txt")
    tr = corpus.transcripts.sort_values("line_start")
    assert [int(n) for n in tr["transcript_no"]] == [1, 1]
    assert tr["transcript_id"].is_unique


def test_mixed_encodings_decode_each_line() -> None:
    corpus, _ = _load_recording(BAD / "mixed_encodings.txt")
    assert set(corpus.transcripts["speaker"]) == {"KAIST 신소재공학과 교수", "LG에너지솔루션 관계자"}
    assert not corpus.points["text"].str.contains("\ufffd").any()


def test_truncated_utf8_keeps_the_text_before_the_cut() -> None:
    corpus, _ = _load_recording(BAD / "truncated_utf8.txt")
    last = corpus.points.sort_values("line_start").iloc[-1]["text"]
    assert "실증 사업 확대 필요" in " ".join(str(last).split())


def test_50mb_single_line(tmp_path: Path) -> None:
    """A 50 MB file without a newline: no minutes, a clear error, no crash and no hang."""
    path = tmp_path / "one_line_50mb.txt"
    unit = "국가전략기술 인재 양성과 산학 협력이 필요함. 1. ● - (전략) <관계자> ".encode()
    with path.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(unit) + 1):
            fh.write(unit)
    assert path.stat().st_size >= 50 * 1024 * 1024
    with pytest.raises(errors.NoTranscriptsError) as info:
        consult.load(path)
    assert path.name in str(info.value) and "\n" not in str(info.value)


# ------------------------------------------------------------------------------ several files
def test_one_bad_file_does_not_lose_the_others(tmp_path: Path) -> None:
    paths = [GOOD, BAD / "empty.txt", BAD / "news_000_bfccc35b16155898.txt",
             BAD / "password_protected.pdf", BAD / "binary.dat"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = consult.load(paths)
    alone = consult.load(GOOD)
    assert len(corpus.transcripts) == len(alone.transcripts) == 2
    assert corpus.points["text"].tolist() == alone.points["text"].tolist()
    failed = corpus.failures
    assert len(failed) == 4
    text = " ".join(failed.astype(str).agg(" ".join, axis=1))
    for p in paths[1:]:
        assert p.name in text
    assert any(issubclass(w.category, errors.ConsultWarning) for w in caught)


def test_several_files_all_bad_is_an_error() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", errors.ConsultWarning)
        with pytest.raises(errors.ConsultError) as info:
            consult.load([BAD / "empty.txt", BAD / "news_000_bfccc35b16155898.txt"])
    assert "\n" not in str(info.value)


def test_folder_with_bad_files_keeps_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD.read_bytes())
    for name in ("empty.txt", "binary.dat", "corrupt.pdf", "only_page_headers.txt"):
        (tmp_path / name).write_bytes((BAD / name).read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", errors.ConsultWarning)
        corpus = consult.load(tmp_path)
    assert len(corpus.transcripts) == 2
    assert len(corpus.failures) >= 3  # binary.dat may be skipped by suffix when listing a folder


# ------------------------------------------------------------------------------ CLI
def _run(args: list[str]):
    return CliRunner().invoke(main, args, catch_exceptions=True)


@pytest.mark.parametrize("name", _xfail_known(ERRORS))
def test_cli_error_is_one_line_naming_the_file(name: str) -> None:
    exp = EXPECTED[name]
    result = _run(["parse", str(BAD / name)])
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    err = result.stderr.strip().splitlines()
    errs = [line for line in err if "error" in line]
    assert len(errs) == 1, result.stderr
    assert name in errs[0] and exp["message"].lower() in errs[0].lower(), errs[0]
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.stdout.strip() == ""  # no records invented


@pytest.mark.parametrize("name", _xfail_known(PARTIAL))
def test_cli_partial_records_exit_zero(name: str) -> None:
    exp = EXPECTED[name]
    result = _run(["parse", str(BAD / name)])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    if "points" in exp:
        rows = pd.read_csv(io.StringIO(result.stdout.lstrip("\ufeff")))
        assert len(rows) == exp["points"]
    if exp["outcome"] == "warning":
        warn = [line for line in result.stderr.splitlines() if "warning" in line]
        assert any(name in line and exp["message"].lower() in line.lower() for line in warn), \
            result.stderr


def test_cli_several_files_one_bad() -> None:
    result = _run(["parse", str(GOOD), str(BAD / "binary.dat"), str(BAD / "empty.txt")])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "LG에너지솔루션" in result.stdout
    assert "binary.dat" in result.stderr and "empty.txt" in result.stderr
