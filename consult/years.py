"""The year of a document, from its title or date line (or its file name).

    >>> doc_year("report", ["국가미래전략기술 정책연구소 연차보고서", "정책연구소(2023.12.27.)"])
    2023
    >>> doc_year("minutes_2021", ["회의록"])
    2021
    >>> doc_year("x", ["본문"]) is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .errors import UsageError

__all__ = ["doc_year", "parse_year_overrides", "HEAD_LINES"]

#: how many non-blank lines at the top of a document are read for its year
HEAD_LINES = 20
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def doc_year(name: str, lines: Sequence[str]) -> int | None:
    """The first full date (``2023.12.27``, ``2023년 12월 27일``) in the top lines, else the
    first year (``2023``) in them, else a year in ``name``; ``None`` when there is none."""
    head = [ln for ln in lines[:400] if ln.strip()][:HEAD_LINES]
    for pattern in (_DATE, _YEAR):
        for line in head:
            m = pattern.search(line)
            if m:
                return int(m.group(1))
    m = _YEAR.search(name)
    return int(m.group(1)) if m else None


def parse_year_overrides(values: Sequence[str] | Mapping[str, int] | None) -> dict[str, int]:
    """``["kaist_2023=2022", …]`` (the CLI's ``--year DOC=YEAR``) or a mapping → ``{doc: year}``.

        >>> parse_year_overrides(["a=2021", "b = 2022"])
        {'a': 2021, 'b': 2022}
    """
    if not values:
        return {}
    if isinstance(values, Mapping):
        return {str(k): int(v) for k, v in values.items()}
    out = {}
    for item in values:
        doc, sep, year = str(item).rpartition("=")
        if not sep or not doc.strip() or not year.strip().isdigit():
            raise UsageError(f"--year takes DOC=YEAR (e.g. report_2023=2023), not {item!r}")
        out[doc.strip()] = int(year)
    return out
