"""Synonym merging for themes: an editable table, ``consult/data/synonyms.toml``.

Variants (``인재``, ``소프트웨어``, ``활용사례``) are replaced by their canonical form (``인력``,
``SW``, ``사용 사례``) in the tokens themes are found from and in label phrases, so that one
concern written two ways is one theme with one name. The file format::

    [synonyms]
    "인력" = ["인재", "인적자원"]

A multi-word canonical form (``"사용 사례"``) stays one token, like the user dictionary's
compounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..usertoml import SYNONYMS, load_toml
from .base import ThemeError

__all__ = ["Synonyms", "load_synonyms"]


def _default_path() -> Path:
    return Path(str(resources.files("consult") / "data" / "synonyms.toml"))


def _read(path: str | Path) -> dict[str, list[str]]:
    path = Path(path)
    data = load_toml(path, SYNONYMS, what="synonyms file", error=ThemeError)
    table = data.get("synonyms", {})
    if not isinstance(table, Mapping):
        raise ThemeError("expected a [synonyms] table of canonical = [variants]", path=str(path))
    out: dict[str, list[str]] = {}
    for canon, variants in table.items():
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise ThemeError(f"synonym {canon!r} needs a list of variants", path=str(path))
        out[str(canon)] = [v for v in variants if v.strip()]
    return out


class Synonyms:
    """Variant -> canonical mapping (exact, whitespace-insensitive match of a whole token)."""

    def __init__(self, table: Mapping[str, Sequence[str]] | None = None):
        self.table = {str(k): list(v) for k, v in (table or {}).items()}
        self._map: dict[str, str] = {}
        for canon, variants in self.table.items():
            for v in [canon, *variants]:
                self._map[_key(v)] = canon

    def __call__(self, word: str) -> str:
        return self._map.get(_key(word), word)

    def tokens(self, docs: Iterable[Sequence[str]]) -> list[list[str]]:
        """Every token replaced by its canonical form."""
        m = self._map
        return [[m.get(_key(w), w) for w in d] for d in docs]

    def __len__(self) -> int:
        return len(self._map)


def _key(word: str) -> str:
    return "".join(str(word).split()).lower()


def load_synonyms(spec: Any = None) -> Synonyms:
    """``None``/``True``: the shipped table; ``False``: none; a path or a list of paths: the
    shipped table plus these files; a dict ``{canonical: [variants]}``: the shipped table plus it."""
    if spec is False:
        return Synonyms({})
    table = _read(_default_path())
    if spec is None or spec is True:
        return Synonyms(table)
    extra: list[Any] = [spec] if isinstance(spec, str | Path | Mapping) else list(spec)
    for item in extra:
        more = dict(item) if isinstance(item, Mapping) else _read(item)
        for canon, variants in more.items():
            variants = [variants] if isinstance(variants, str) else list(variants)
            table.setdefault(str(canon), [])
            table[str(canon)] = [*table[str(canon)], *variants]
    return Synonyms(table)
