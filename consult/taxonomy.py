"""Area taxonomy (기술군), editable TOML data (``consult/data/areas.toml``). The role lexicon
(산·학·연·관) is :mod:`consult.people.roles`.

    >>> tax = load_areas()
    >>> tax.area_of("붙임1 5G/6G분야 산학 전문가 자문 내용")
    '차세대통신'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ConsultError
from .lexicon import read_data
from .usertoml import AREAS

__all__ = ["AreaTaxonomy", "load_areas"]


_SPACES = re.compile(r"\s+")
_TITLE_PREFIX = re.compile(r"^[\d①-⑳.\s)]+")
#: a bracketed ending: from the first "(" to a closing ")" at the end (anchored, so one scan;
#: the text is squashed, without newlines, so this is what ``\(.*?\)$`` found)
_TITLE_SUFFIX = re.compile(r"^(?P<head>[^(\n]*+)\(.*\)$")


def _squash(text: str) -> str:
    return _SPACES.sub("", text).lower()


@dataclass(frozen=True)
class AreaTaxonomy:
    """Areas and the aliases that name them in headings.

    Attributes:
        areas: area name -> aliases (the name itself is always an alias).
    """

    areas: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        # squashed alias -> area, longest aliases first (computed once: headings are many)
        pairs = sorted(
            ((_squash(a), area) for area, aliases in self.areas.items() for a in aliases),
            key=lambda p: -len(p[0]),
        )
        object.__setattr__(self, "_pairs", [p for p in pairs if p[0]])
        object.__setattr__(self, "_exact", dict(reversed(pairs)))

    def area_of(self, text: str) -> str | None:
        """The area whose alias occurs first in ``text`` (spaces ignored), else ``None``."""
        s = _squash(text)
        best: tuple[int, int, str] | None = None
        for alias, area in self._pairs:  # type: ignore[attr-defined]
            pos = s.find(alias)
            if pos >= 0 and (best is None or (pos, -len(alias)) < best[:2]):
                best = (pos, -len(alias), area)
        return None if best is None else best[2]

    def is_area_title(self, text: str) -> str | None:
        """The area when ``text`` is nothing but an area name or alias (a title line)."""
        if len(text) > 40:
            return None
        s = _TITLE_SUFFIX.sub(r"\g<head>", _squash(_TITLE_PREFIX.sub("", text)))
        return self._exact.get(s)  # type: ignore[attr-defined]


def load_areas(path: str | Path | AreaTaxonomy | None = None) -> AreaTaxonomy:
    """The built-in five areas, extended (or overridden, area by area) by the TOML at ``path``.

    A user file has the built-in layout: ``[areas."로봇"] aliases = ["로봇", "로보틱스"]``.
    An :class:`AreaTaxonomy` is returned as it is.
    """
    if isinstance(path, AreaTaxonomy):
        return path
    areas = _parse_areas(read_data(None, "areas.toml"), "areas.toml")
    if path is not None:
        areas.update(_parse_areas(read_data(path, "", AREAS, "areas file"), str(path)))
    return AreaTaxonomy(areas)


def _parse_areas(data: dict, source: str) -> dict[str, tuple[str, ...]]:
    table = data.get("areas")
    if not isinstance(table, dict):
        raise ConsultError("no [areas] table", path=source)
    out: dict[str, tuple[str, ...]] = {}
    for name, spec in table.items():
        aliases = spec.get("aliases", []) if isinstance(spec, dict) else []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConsultError(f"area {name!r}: aliases must be a list of strings", path=source)
        out[name] = tuple(dict.fromkeys([name, *aliases]))
    return out
