"""A codebook (TOML) to seed, rename and merge themes and concerns.

::

    # codebook.toml
    [[concern]]                       # a seeded concern: found first, keeps this label
    label = "시스템 SW 인력"
    words = ["시스템 SW", "컴파일러"]

    [rename]                          # shown label (or id) -> your label
    "인력 양성" = "전문 인력 양성"

    [[merge]]                         # these themes/concerns become one (labels or ids)
    labels = ["계약학과", "산학 R&D"]
    label = "계약학과·산학 R&D 인력 확보"   # optional; otherwise relabelled from the phrases

The seed-themes format (``[themes."label"] words = [...]``) is accepted too. Renames and merges
apply to both levels wherever the label matches (fine themes merge only within one area).
There is no built-in codebook: without one, everything is found from the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..usertoml import CODEBOOK, load_toml
from .base import ThemeError
from .seeds import normalize_seeds

__all__ = ["Codebook", "load_codebook"]


@dataclass
class Codebook:
    seeds: dict[str, list[str]] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    merges: list[tuple[set[str], str]] = field(default_factory=list)


def load_codebook(spec: Any) -> Codebook:
    """A :class:`Codebook` from ``None``, a TOML path, a dict of the same shape, or a Codebook."""
    if spec is None:
        return Codebook()
    if isinstance(spec, Codebook):
        return spec
    path = None
    if isinstance(spec, str | Path):
        path = str(spec)
        data = load_toml(spec, CODEBOOK, what="codebook", error=ThemeError)
    elif isinstance(spec, Mapping):
        data = dict(spec)
    else:
        raise ThemeError(f"codebook must be a TOML path or a dict, got {type(spec).__name__}")
    cb = Codebook()
    for entry in data.get("concern", []) or []:
        if not isinstance(entry, Mapping) or not entry.get("label") or not entry.get("words"):
            raise ThemeError("each [[concern]] needs label = \"…\" and words = [\"…\"]", path=path)
        words = entry["words"]
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ThemeError(f"concern {entry['label']!r}: words must be a list of strings", path=path)
        cb.seeds[str(entry["label"])] = [w for w in words if w.strip()]
    if "themes" in data:
        try:
            cb.seeds.update(normalize_seeds(dict(data["themes"])) if isinstance(data["themes"], Mapping) else {})
        except ThemeError as exc:
            raise ThemeError(exc.message, path=path) from None
    rename = data.get("rename", {}) or {}
    if not isinstance(rename, Mapping) or not all(isinstance(v, str) for v in rename.values()):
        raise ThemeError("[rename] must map labels to new labels", path=path)
    cb.rename = {str(k): v for k, v in rename.items()}
    for entry in data.get("merge", []) or []:
        labels = entry.get("labels") if isinstance(entry, Mapping) else None
        if not isinstance(labels, list) or len(labels) < 2:
            raise ThemeError("each [[merge]] needs labels = [at least two labels or ids]", path=path)
        cb.merges.append(({str(x) for x in labels}, str(entry.get("label", "") or "")))
    if not (cb.seeds or cb.rename or cb.merges):
        raise ThemeError("the codebook has no [[concern]], [themes], [rename] or [[merge]] entries", path=path)
    return cb
