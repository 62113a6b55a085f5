"""consult.cache: the on-disk token cache heals itself, stays private and writes atomically."""

from __future__ import annotations

import os
import stat
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from consult import cache as store
from consult import tokens as text
from consult.cli import main
from consult.errors import ConsultWarning

TEXTS = ["시스템 SW 인력 양성", "특화망 활용사례 발굴", "TP 억제 기술", "열폭주 억제 방안 마련"]


@pytest.fixture(autouse=True)
def tmp_cache(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv("CONSULT_CACHE_DIR", str(root))
    text.clear_cache()
    yield root
    text.clear_cache()


@pytest.fixture(scope="module")
def expected():
    return text.Tokenizer(cache=False).tokenize(TEXTS)


def shards(root: Path) -> list[Path]:
    return sorted(root.rglob("*.tsv"))


def rerun(texts=TEXTS) -> tuple[list[list[str]], list[warnings.WarningMessage]]:
    """A new process: empty memory, the same disk cache; returns tokens and consult warnings."""
    text.clear_cache()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = text.tokenize_texts(texts)
    return result, [w for w in caught if issubclass(w.category, ConsultWarning)]


def test_per_text_entries_hit_for_an_overlapping_set(tmp_cache, expected):
    assert text.tokenize_texts(TEXTS[:3]) == expected[:3]
    entries = sum(p.read_bytes().count(b"\n") for p in shards(tmp_cache))
    assert entries == 3
    result, warned = rerun(TEXTS[1:])  # two seen texts, one new
    assert result == expected[1:] and not warned
    info = text.cache_info()
    assert info["disk_hits"] == 2 and info["tokenized"] == 1
    assert sum(p.read_bytes().count(b"\n") for p in shards(tmp_cache)) == 4  # linear growth
    _, _ = rerun(TEXTS)
    assert text.cache_info()["disk_hits"] == 4 and text.cache_info()["tokenized"] == 0


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "nested"])
def test_damaged_shards_are_discarded_once_and_recomputed(tmp_cache, expected, damage):
    text.tokenize_texts(TEXTS)
    for path in shards(tmp_cache):
        data = path.read_bytes()
        if damage == "flip":
            data = bytes(b ^ 0xFF if i % 7 == 3 else b for i, b in enumerate(data))
        elif damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "garbage":
            data = os.urandom(200) + b"\x1f\x8b\x08" + os.urandom(200)
        else:
            data = b"[" * 200_000 + b"\n" + b"{" * 200_000
        path.write_bytes(data)
    result, warned = rerun()
    assert result == expected
    assert len(warned) == 1 and "damaged" in str(warned[0].message)
    assert text.cache_info()["tokenized"] == len(TEXTS)
    result, warned = rerun()  # healed: served from disk, no warning
    assert result == expected and not warned
    assert text.cache_info()["disk_hits"] == len(TEXTS)


def test_planted_wrong_tokens_fail_their_checksum(tmp_cache, expected):
    text.tokenize_texts(TEXTS)
    for path in shards(tmp_cache):
        lines = path.read_text(encoding="utf-8").split("\n")
        planted = []
        for line in lines:
            if line:
                key, checksum, _ = line.split("\t", 2)
                line = f"{key}\t{checksum}\t해킹\t악성\t토큰"
            planted.append(line)
        path.write_text("\n".join(planted), encoding="utf-8")
    result, warned = rerun()
    assert result == expected
    assert not any("해킹" in toks for toks in result)
    assert len(warned) == 1


def test_a_file_that_is_too_large_is_not_read(tmp_cache, expected, monkeypatch):
    text.tokenize_texts(TEXTS)
    monkeypatch.setattr(store, "MAX_SHARD_BYTES", 10)
    result, warned = rerun()
    assert result == expected and len(warned) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and symlinks")
def test_private_permissions(tmp_cache):
    text.tokenize_texts(TEXTS)
    folders = [tmp_cache, tmp_cache / "tokens", *(p for p in (tmp_cache / "tokens").iterdir())]
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    files = shards(tmp_cache)
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    # an existing tokens folder opened up by someone is made private again
    os.chmod(tmp_cache / "tokens", 0o777)
    rerun(["새로운 문장 하나"])
    assert stat.S_IMODE((tmp_cache / "tokens").stat().st_mode) == 0o700


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_planted_symlinks_are_never_followed(tmp_cache, tmp_path, expected):
    text.tokenize_texts(TEXTS[:1])
    folder = next((tmp_cache / "tokens").iterdir())
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    # where the old code put its temporary file, and where any predictable one would go
    tok = text.default_tokenizer()
    for text_ in TEXTS:
        key = store.entry_key(tok.fingerprint, text._text_key(text_))
        for name in (f"{key[:2]}.tsv.{os.getpid()}.tmp", f".{key[:2]}.tsv.tmp", f"{key[:2]}.tsv.tmp"):
            if not (folder / name).exists():
                (folder / name).symlink_to(victim)
        shard = folder / f"{key[:2]}.tsv"
        if not shard.exists():  # a symlink in place of a shard is neither read nor written through
            shard.symlink_to(victim)
    result, warned = rerun()
    assert result == expected
    assert victim.read_text(encoding="utf-8") == "precious"
    assert len(warned) <= 1
    result, warned = rerun()
    assert result == expected and not warned
    assert victim.read_text(encoding="utf-8") == "precious"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_tokens_folder_that_is_a_symlink_turns_the_cache_off(tmp_cache, tmp_path, expected):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    tmp_cache.mkdir()
    (tmp_cache / "tokens").symlink_to(elsewhere)
    result, warned = rerun()
    assert result == expected and len(warned) == 1
    assert not list(elsewhere.iterdir())


def test_write_failure_is_one_warning(tmp_path, monkeypatch, expected):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CONSULT_CACHE_DIR", str(blocker / "sub"))
    result, warned = rerun()
    assert result == expected and len(warned) == 1


def test_tokens_with_tabs_and_newlines_round_trip(tmp_path):
    cache = store.TokenCache(tmp_path, "f" * 32)
    tokens = ("a\tb", "c\nd", "e\\f", "g\\", "\\t", "h\rj")
    cache.put({"k1": tokens, "k2": ()})
    again = store.TokenCache(tmp_path, "f" * 32)
    assert again.get(["k1", "k2", "k3"]) == {"k1": tokens, "k2": ()}


def test_cli_info_and_clear(tmp_cache):
    text.tokenize_texts(TEXTS)
    runner = CliRunner()
    res = runner.invoke(main, ["cache", "info"])
    assert res.exit_code == 0, res.output
    assert str(tmp_cache) in res.output and "entries: 4" in res.output
    res = runner.invoke(main, ["cache", "clear"])
    assert res.exit_code == 0 and "removed 4 entries" in res.output
    assert not (tmp_cache / "tokens").exists()
    res = runner.invoke(main, ["cache", "info"])
    assert "entries: 0" in res.output


def test_cli_cache_off(monkeypatch):
    monkeypatch.setenv("CONSULT_CACHE_DIR", "off")
    res = CliRunner().invoke(main, ["cache", "info"])
    assert res.exit_code == 0 and "off" in res.output
