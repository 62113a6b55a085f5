"""Streaming many files into one table (consult/stream.py and ``consult parse`` with several inputs).

The streamed output must be the table ``consult.load(...)`` + ``write_table`` gives (byte for
byte for CSV and JSON, equal frames for Parquet and Excel), a bad file must cost one warning
and nothing else, nothing must be written when nothing parses, and memory must not grow
with the number of files.
"""

from __future__ import annotations

import gc
import shutil
import tracemalloc
import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import consult
from consult.cli import main
from consult.errors import ConsultError, NoTranscriptsError, ParseWarning
from consult.output import write_table
from consult.stream import stream_parse

FIXTURES = Path(__file__).parent / "fixtures"
VARIANTS = FIXTURES / "variants"
BAD = FIXTURES / "bad"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> Path:
    """The layout variants, the sample, a duplicate file name in a subfolder and a news text."""
    root = tmp_path_factory.mktemp("many")
    for src in sorted(VARIANTS.glob("*.txt")):
        shutil.copy(src, root / src.name)
    shutil.copy(sample_path, root / "sample.txt")
    (root / "sub").mkdir()
    shutil.copy(VARIANTS / "battery_compact.txt", root / "sub" / "battery_compact.txt")
    shutil.copy(BAD / "news_000_bfccc35b16155898.txt", root / "news.txt")
    return root


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ParseWarning)
        return fn(*args, **kwargs)


@pytest.fixture(scope="module")
def loaded(folder: Path):
    return _quiet(consult.load, folder)


@pytest.mark.parametrize("level", ["point", "question", "transcript", "summary", "coverage", "residue"])
@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_stream_is_byte_identical_to_load(folder, loaded, tmp_path, level, suffix):
    want, got = tmp_path / f"want.{suffix}", tmp_path / f"got.{suffix}"
    write_table(loaded.table(level), want)
    result = _quiet(stream_parse, [folder], got, level=level)
    assert got.read_bytes() == want.read_bytes()
    assert result.rows == len(loaded.table(level))
    assert result.parsed == len(loaded.documents)
    assert [p for p, _ in result.failures] == loaded.failures["path"].tolist()


@pytest.mark.parametrize("level", ["point", "transcript", "summary", "coverage"])
def test_stream_parquet_and_xlsx_equal_load(folder, loaded, tmp_path, level):
    want = loaded.table(level).reset_index(drop=True)
    pq = tmp_path / "got.parquet"
    _quiet(stream_parse, [folder], pq, level=level, row_group_rows=50)  # many row groups
    back = pd.read_parquet(pq)
    ref = tmp_path / "want.parquet"
    write_table(want, ref)
    pd.testing.assert_frame_equal(back, pd.read_parquet(ref))
    if level in ("point", "transcript"):
        xl = tmp_path / "got.xlsx"
        _quiet(stream_parse, [folder], xl, level=level)
        ref_xl = tmp_path / "want.xlsx"
        write_table(want, ref_xl)
        pd.testing.assert_frame_equal(pd.read_excel(xl), pd.read_excel(ref_xl))


@pytest.mark.parametrize("suffix", ["csv", "json", "parquet"])
def test_stream_with_no_rows_writes_what_write_table_writes(tmp_path, suffix):
    """Files without summary tables at --level summary: an empty table, as load would give."""
    inputs = [VARIANTS / "battery_compact.txt", VARIANTS / "forum_talks.txt"]
    empty = _quiet(consult.load, inputs).summaries
    assert len(empty) == 0
    want, got = tmp_path / f"want.{suffix}", tmp_path / f"got.{suffix}"
    write_table(empty, want)
    result = _quiet(stream_parse, inputs, got, level="summary")
    assert result.rows == 0 and result.parsed == 2
    assert got.read_bytes() == want.read_bytes()


def test_stream_ids_and_summary_match_load(folder, loaded):
    result = _quiet(stream_parse, [folder], None)
    pd.testing.assert_frame_equal(result.summary, loaded.summary())
    assert result.parsed == len(loaded.documents)
    assert "battery_compact~2" in set(loaded.documents["doc"])


def test_stream_warns_once_per_bad_file_and_goes_on(tmp_path):
    out = tmp_path / "all.csv"
    inputs = [VARIANTS / "battery_compact.txt", BAD / "binary.dat", BAD / "empty.txt",
              VARIANTS / "forum_talks.txt"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = stream_parse(inputs, out)
    skipped = [str(w.message) for w in caught if "skipped" in str(w.message)]
    assert len(skipped) == 2 and "binary.dat" in skipped[0] and "empty.txt" in skipped[1]
    assert all("\n" not in s for s in skipped)
    assert result.parsed == 2 and len(result.failures) == 2
    rows = pd.read_csv(out, encoding="utf-8-sig")
    assert set(rows["doc"]) == {"battery_compact", "forum_talks"}


def test_nothing_parsed_writes_nothing_and_keeps_the_old_output(tmp_path):
    out = tmp_path / "all.parquet"
    out.write_bytes(b"earlier output")
    with pytest.raises(NoTranscriptsError) as info:
        _quiet(stream_parse, [BAD / "empty.txt", BAD / "binary.dat"], out)
    assert "none of the 2 files" in str(info.value) and "\n" not in str(info.value)
    assert out.read_bytes() == b"earlier output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.parquet"]  # no temporary left


def test_bad_output_is_reported_before_parsing(tmp_path):
    with pytest.raises(ConsultError, match="unknown output format"):
        stream_parse([VARIANTS], tmp_path / "x.docx")
    with pytest.raises(ConsultError, match="output folder does not exist"):
        stream_parse([VARIANTS], tmp_path / "missing" / "x.csv")


# ------------------------------------------------------------------------------ CLI
def test_cli_folder_to_parquet(folder, loaded, tmp_path):
    out = tmp_path / "all.parquet"
    res = CliRunner().invoke(main, ["parse", str(folder), "-o", str(out), "--level", "question"])
    assert res.exit_code == 0, res.stderr
    back = pd.read_parquet(out)
    assert back["question_id"].tolist() == loaded.questions["question_id"].tolist()
    warn = [ln for ln in res.stderr.splitlines() if "warning" in ln and "skipped" in ln]
    assert len(warn) == 1 and "news.txt" in warn[0]
    assert f"wrote {len(back)} question rows" in res.stderr


def test_cli_several_files_stdout_matches_load(folder, loaded):
    files = [str(VARIANTS / "battery_compact.txt"), str(folder / "sample.txt")]
    res = CliRunner().invoke(main, ["parse", *files, "--level", "transcript"])
    assert res.exit_code == 0, res.stderr
    want = _quiet(consult.load, files).transcripts.to_csv(index=False, lineterminator="\n")
    assert res.stdout == want


def test_cli_summary_of_a_folder_matches_load(folder, loaded):
    res = CliRunner().invoke(main, ["parse", str(folder), "--summary"])
    assert res.exit_code == 0, res.stderr
    table = loaded.summary()
    assert res.stdout.startswith(table.to_string(index=False))
    assert f"total: {len(loaded.documents)} document(s), {len(loaded.transcripts)} transcripts" in res.stdout
    assert "포럼·기타" in res.stdout and "(no area)" not in res.stdout   # the forum talks, as in the report


def test_cli_all_bad_exits_1(tmp_path):
    out = tmp_path / "all.csv"
    res = CliRunner().invoke(main, ["parse", str(BAD / "empty.txt"), str(BAD / "binary.dat"),
                                    "-o", str(out)])
    assert res.exit_code == 1
    errors = [ln for ln in res.stderr.splitlines() if "error" in ln]
    assert len(errors) == 1 and "none of the 2 files" in errors[0]
    assert not out.exists()


# ------------------------------------------------------------------------------ memory
def _traced_peak(fn) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_files(tmp_path):
    src = (VARIANTS / "battery_pdfstyle.txt").read_bytes()
    few, many = tmp_path / "few", tmp_path / "many"
    for d, n in ((few, 3), (many, 24)):
        d.mkdir()
        for i in range(n):
            (d / f"r{i:03d}.txt").write_bytes(src)
    stream_parse([few], tmp_path / "warm.parquet")  # imports and caches outside the measurement
    for suffix in ("parquet", "csv", "json"):
        p_few = _traced_peak(lambda s=suffix: stream_parse([few], tmp_path / f"few.{s}", row_group_rows=100))
        p_many = _traced_peak(lambda s=suffix: stream_parse([many], tmp_path / f"many.{s}", row_group_rows=100))
        # 8x the files; the peak may grow by the row-group buffer and small per-file counters
        assert p_many < 1.5 * p_few + 300_000, (suffix, p_few, p_many)
    p_load = _traced_peak(lambda: consult.load(many))
    assert p_load > 2 * p_many  # what streaming saves: load keeps every document


# ------------------------------------------------------------------------------ per-document unit
def _parse_one(item: tuple[str, str]):
    from consult.corpus import parse_file

    path, name = item
    try:
        return parse_file(path, name=name)
    except ConsultError as exc:
        return str(exc)


def test_parse_file_in_a_process_pool_gives_the_records_of_load(folder, loaded):
    """What docs/scaling.md tells users with many reports: parse_file per file in worker
    processes (results pickled back), then Corpus.from_parsed."""
    from concurrent.futures import ProcessPoolExecutor

    from consult.corpus import expand_inputs

    paths = expand_inputs(folder)
    seen: dict[str, int] = {}
    items = []
    for p in paths:  # the names load gives: the stem, then stem~2, …
        seen[p.stem] = seen.get(p.stem, 0) + 1
        items.append((str(p), p.stem if seen[p.stem] == 1 else f"{p.stem}~{seen[p.stem]}"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_parse_one, items))
    parsed = [r for r in results if not isinstance(r, str)]
    errors = [r for r in results if isinstance(r, str)]
    assert len(errors) == 1 and "news.txt" in errors[0]
    corpus = consult.Corpus.from_parsed(parsed)
    pd.testing.assert_frame_equal(corpus.points, loaded.points)
    pd.testing.assert_frame_equal(corpus.coverage(), loaded.coverage())
