"""Seed themes (guided topics): word lists the user gives to steer some themes.

A TOML file names each seeded theme and lists its words::

    # seeds.toml
    [themes."시스템 SW 인력"]
    words = ["시스템 SW", "컴파일러", "미들웨어", "OS"]

    [themes."배터리 안전"]
    words = ["TP", "화재", "열폭주", "안전성"]

(``"시스템 SW 인력" = ["시스템 SW", "컴파일러"]`` under ``[themes]`` works too.) Seed words are
tokenized like the answers, so compounds and inflected forms match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..usertoml import SEED_THEMES, load_toml
from .base import ThemeError

__all__ = ["load_seed_themes", "normalize_seeds"]


def load_seed_themes(path: str | Path) -> dict[str, list[str]]:
    """``{label: words}`` from a seed-themes TOML file."""
    path = Path(path)
    data = load_toml(path, SEED_THEMES, what="seed-themes file", error=ThemeError)
    table = data.get("themes")
    if not isinstance(table, Mapping) or not table:
        raise ThemeError('no [themes."label"] tables with words = [...] found', path=str(path))
    out: dict[str, list[str]] = {}
    for label, value in table.items():
        words = value.get("words") if isinstance(value, Mapping) else value
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            raise ThemeError(f"seed theme {label!r} needs a non-empty list of words", path=str(path))
        out[str(label)] = [w for w in words if w.strip()]
    return out


def normalize_seeds(seed_words: Any) -> dict[str, list[str]]:
    """Accept ``{label: words}``, a list of word lists, or a TOML path; return ``{label: words}``."""
    if seed_words is None:
        return {}
    if isinstance(seed_words, str | Path):
        return load_seed_themes(seed_words)
    if isinstance(seed_words, Mapping):
        items = list(seed_words.items())
    elif isinstance(seed_words, Sequence):
        items = []
        for words in seed_words:
            if isinstance(words, str):
                raise ThemeError("seed_words must be lists of words, e.g. [['TP', '화재'], ['특화망']]")
            items.append((" · ".join(map(str, list(words)[:3])), words))
    else:
        raise ThemeError(f"seed_words must be a dict, a list of word lists or a TOML path, got {type(seed_words).__name__}")
    out: dict[str, list[str]] = {}
    for label, words in items:
        words = [str(w) for w in words if str(w).strip()]
        if not words:
            raise ThemeError(f"seed theme {label!r} has no words")
        out[str(label)] = words
    return out
