"""The point themes' fit kept beside the token cache (consult.themes.fitcache): a hit gives the
same tables without fitting, any change of input, parameter or file is a miss, a damaged entry
is fitted again without a traceback, and ``consult cache clear`` removes the entries."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from consult.themes import ThemeModel, fitcache
from consult.themes import levels as levels_mod

TABLES = ("themes_", "concerns_", "point_themes_", "concern_assignments_", "assignments_",
          "point_assignments_", "stability_")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONSULT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def fitted(sample_corpus):
    """The sample's themes fitted without any cache (the reference)."""
    import os

    old = os.environ.get("CONSULT_CACHE_DIR")
    os.environ["CONSULT_CACHE_DIR"] = "off"
    try:
        return ThemeModel(random_state=0).fit(sample_corpus)
    finally:
        if old is None:
            os.environ.pop("CONSULT_CACHE_DIR", None)
        else:
            os.environ["CONSULT_CACHE_DIR"] = old


def _no_fit(*args, **kwargs):
    raise AssertionError("fitted again: the cache was not used")


def _entries(cache: Path) -> list[Path]:
    folder = cache / fitcache.FOLDER
    return sorted(folder.glob("*.b64")) if folder.is_dir() else []


def _same(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    for name in ("area_markers_", "generic_words_", "n_themes_", "n_concerns_", "n_documents_",
                 "score_threshold_", "seeds_", "_labels"):
        assert getattr(a, name) == getattr(b, name), name


def test_hit_gives_the_same_tables_without_fitting(sample_corpus, fitted, cache, monkeypatch):
    first = ThemeModel(random_state=0).fit(sample_corpus)
    _same(first, fitted)
    assert len(_entries(cache)) == 1
    monkeypatch.setattr(levels_mod, "fit_point_levels", _no_fit)
    again = ThemeModel(random_state=0).fit(sample_corpus)
    _same(again, fitted)
    assert again.themes_ is not first.themes_  # a copy read back, not the same objects


def test_changed_input_or_parameters_miss(sample_corpus, cache):
    model = ThemeModel(random_state=0)
    key = fitcache.fit_key(model, sample_corpus)
    assert key and key == fitcache.fit_key(ThemeModel(random_state=0), sample_corpus)
    for other in (ThemeModel(random_state=1), ThemeModel(random_state=0, n_concerns=12),
                  ThemeModel(random_state=0, stability_seeds=3), ThemeModel(random_state=0, min_score=0.2),
                  ThemeModel(random_state=0, seed_words={"인력": ["인력", "양성"]})):
        assert fitcache.fit_key(other, sample_corpus) != key, other

    class Edited:  # one point's text changed by one character
        questions = sample_corpus.questions
        points = sample_corpus.points.copy()

    Edited.points.loc[Edited.points.index[0], "text"] = str(Edited.points["text"].iloc[0]) + "."
    assert fitcache.fit_key(model, Edited) != key

    class OneMoreQuestion:  # the questions table changed
        questions = sample_corpus.questions.iloc[:-1]
        points = sample_corpus.points

    assert fitcache.fit_key(model, OneMoreQuestion) != key


def test_a_file_parameter_is_keyed_by_its_contents(sample_corpus, cache, tmp_path):
    book = tmp_path / "codebook.toml"
    book.write_text('[rename]\n"인력 양성" = "인재 양성"\n', encoding="utf-8")
    key = fitcache.fit_key(ThemeModel(random_state=0, codebook=str(book)), sample_corpus)
    book.write_text('[rename]\n"인력 양성" = "인력 확보"\n', encoding="utf-8")
    assert fitcache.fit_key(ThemeModel(random_state=0, codebook=str(book)), sample_corpus) != key


def test_code_change_is_a_miss(sample_corpus, cache, monkeypatch):
    key = fitcache.fit_key(ThemeModel(random_state=0), sample_corpus)
    monkeypatch.setattr(fitcache, "_PACKAGE_DIGEST", "another version of consult's files")
    assert fitcache.fit_key(ThemeModel(random_state=0), sample_corpus) != key


def test_not_kept_for_other_fits(sample_corpus, cache):
    assert fitcache.fit_key(ThemeModel(unit="question", random_state=0), sample_corpus) is None
    assert fitcache.fit_key(ThemeModel(random_state=0, tokenizer=object()), sample_corpus) is None
    assert fitcache.fit_key(ThemeModel(random_state=0, embedding="some-model"), sample_corpus) is None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "valid-checksum-not-an-entry"])
def test_damaged_entry_is_fitted_again_without_a_traceback(sample_corpus, fitted, cache, damage):
    ThemeModel(random_state=0).fit(sample_corpus)
    (entry,) = _entries(cache)
    key = entry.stem
    if damage == "garbage":
        entry.write_bytes(b"\x00\xffnot a cache entry")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:1000])
    else:  # a well-formed blob (checksum right) whose content is not a fit
        import base64

        entry.unlink()
        fitcache._blobs().put(key, base64.b64encode(b"not zlib, not JSON").decode("ascii"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = ThemeModel(random_state=0).fit(sample_corpus)  # no exception: fitted again
    _same(model, fitted)
    notes = [str(w.message) for w in caught]
    assert all("Traceback" not in n for n in notes)
    if damage != "valid-checksum-not-an-entry":  # the blob cache says it discarded the file, once
        assert sum("discarded a damaged entry" in n for n in notes) == 1, notes
    assert fitcache.load_fit(key) is not None  # stored again, good this time


def test_cache_off_keeps_nothing(sample_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_CACHE_DIR", "off")
    monkeypatch.setattr(fitcache, "store_fit", lambda *a: pytest.fail("stored with the cache off"))
    ThemeModel(random_state=0, stability_seeds=0).fit(sample_corpus)


def test_cache_clear_removes_the_fits(sample_corpus, cache):
    from consult.cache import clear_disk, disk_info

    ThemeModel(random_state=0, stability_seeds=0).fit(sample_corpus)
    assert _entries(cache) and disk_info(cache)["files"] >= 1
    clear_disk(cache)
    assert not _entries(cache)


def test_a_fit_that_warns_is_not_kept(sample_corpus, cache, monkeypatch):
    original = levels_mod.fit_point_levels

    def warning_fit(model, corpus):
        warnings.warn("a note about these minutes", UserWarning, stacklevel=1)
        return original(model, corpus)

    monkeypatch.setattr(levels_mod, "fit_point_levels", warning_fit)
    for _ in range(2):  # warned both times: fitted both times, nothing stored
        with pytest.warns(UserWarning, match="a note about these minutes"):
            ThemeModel(random_state=0, stability_seeds=0).fit(sample_corpus)
    assert not _entries(cache)


def test_entry_is_typed_json_that_reads_back_exactly(sample_corpus, fitted, cache):
    """No pickle: the entry is JSON; tuples, numpy scalars, dict keys, NaN and dtypes survive,
    and what would not read back exactly is not stored."""
    import base64
    import json
    import zlib

    import numpy as np

    ThemeModel(random_state=0).fit(sample_corpus)
    (entry,) = _entries(cache)
    doc = json.loads(zlib.decompress(base64.b64decode(entry.read_text().split("\n", 1)[1])))
    assert doc["format"].startswith("consult-themes-fit/")
    odd = {"t": (1, "a"), "n": np.int64(3), "f": float("nan"), "k": {1: [2.5, None]},
           "df": pd.DataFrame({"a": pd.Series(["x", None], dtype="str"), "b": [[1], (2,)]},
                              index=[5, 7])}
    back = fitcache._loads_raw(zlib.decompress(base64.b64decode(fitcache._dumps(odd))))
    assert fitcache._same(back, odd) and type(back["n"]) is np.int64 and back["t"] == (1, "a")
    assert fitcache._dumps({"x": np.zeros(3)}) is None  # an array: not this format, not kept
    assert fitcache._dumps({"x": {1, 2}}) is None  # a set (no order): not kept
