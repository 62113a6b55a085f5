"""An interview's overview block: who was interviewed, in what field, before the first question.

``- 대상 : 김OO 교수 (KAIST)``, or ``성명``/``소속``/``직위`` lines, and ``- 분야 : 반도체``
(``면담자`` is the interviewer: not the one who answers).

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> r = Reading(document_from_text("■ 인터뷰 개요\\n- 대상 : 이OO 교수 (포항공과대학교)\\n- 분야 : 양자", name="d"),
    ...             load_areas(), load_roles())
    >>> person, area, lines = overview_speaker(r, r.lines)
    >>> person, area, len(lines)
    ('이OO 교수 (포항공과대학교)', '양자', 2)
"""

from __future__ import annotations

import re

from ..layout import Line
from ..lexicon import ENDS_STATEMENT, ENTRY_MARKS, SECTION_BOXES
from ..people import identifies_someone
from .marks import bullet
from .reading import Reading

__all__ = ["overview_speaker"]

_KV_BULLET = rf"(?:[{re.escape(ENTRY_MARKS + SECTION_BOXES)}]\s*+)?"
#: a key-value line of an interview's overview block (who was interviewed, in what field)
_PREAMBLE_KV = re.compile(
    "^" + _KV_BULLET + r"(?P<key>인터뷰\s*+대상자?|면담\s*+대상자?|자문\s*+대상자?|대상자?|응답자|"
    r"자문\s*+위원|성\s*+명|소\s*+속|직\s*+위|직\s*+책|분\s*+야)\s*+:\s*+(?P<val>\S.{0,80})$"
)
#: any key-value line (``- 면담자 : …``, ``- 일시: …``)
_ANY_KV = re.compile("^" + _KV_BULLET + r"[^:\s][^:]{0,11}:")
_SPACES = re.compile(r"\s+")
_COUNT = re.compile(r"\d+\s*+(?:명|인|개)")
#: keys naming the interviewee (면담자 is the interviewer: not among them)
_PERSON_KEYS = ("인터뷰대상", "인터뷰대상자", "면담대상", "면담대상자", "자문대상", "자문대상자", "대상",
                "대상자", "응답자", "자문위원")


def overview_speaker(reading: Reading, rest: list[Line]) -> tuple[str | None, str | None, list[Line]]:
    """``(speaker label, area, lines)`` from an overview block before the first question of
    ``rest``; ``(None, None, [])`` when it names neither a person nor a field."""
    found: dict[str, str] = {}
    lines: list[Line] = []
    for ln in rest[:40]:
        if reading.question_start(ln.text) is not None:
            break
        m = _PREAMBLE_KV.match(ln.text)
        if m is None:
            rank, _g, body = bullet(ln.text)
            if rank is not None and not _ANY_KV.match(ln.text) and (
                    len(body) > 30 or ENDS_STATEMENT.search(body)):
                break  # an answer already (not a heading such as "■ 인터뷰 개요"): the overview is over
            continue
        key = _SPACES.sub("", m.group("key"))
        found.setdefault(key, m.group("val").strip())
        lines.append(ln)

    def someone(value: str | None) -> str | None:  # a person, not a topic or a count
        ok = value and not _COUNT.search(value) and identifies_someone(value, reading.roles)
        return value if ok else None

    person = next((p for k in _PERSON_KEYS if (p := someone(found.get(k)))), None)
    if person is None and ("성명" in found or "소속" in found):
        person = someone(" ".join(found[k] for k in ("소속", "성명", "직위", "직책") if k in found))
    area = reading.areas.area_of(found["분야"]) if "분야" in found else None
    lines = [ln for ln in lines if person is not None or _SPACES.sub("", _PREAMBLE_KV.match(ln.text)
                                                                    .group("key")) == "분야"]
    if person is None and area is None:
        return None, None, []
    return person, area, lines
