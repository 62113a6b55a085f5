"""How common a Korean word is in general language (not in these minutes): the Zipf frequency of
wordfreq's Korean list (subtitles, web, Wikipedia …; offline, in the ``wordfreq`` package).

A word every text uses (미래, 경험, 기능, 시도, 개발) names no particular thing; a word general
language rarely uses (특화망, 컴파일러, 분리막, RF) does. Used with the corpus's own counts to decide
which words are generic (never a headline concern, never a "thing" a side is said to name).
A derived word missing from the list (고도화, 가속화, 효율성) is judged by its stem.

    >>> is_common("미래"), is_common("컴파일러"), is_common("특화망"), is_common("가속화")
    (True, False, False, False)
    >>> zipf("기술") > zipf("안테나") > 0
    True
"""

from __future__ import annotations

import math
from functools import lru_cache

__all__ = ["zipf", "is_common", "COMMON_ZIPF"]

#: a word at least this frequent in general Korean (Zipf: log10 of uses per billion words) is
#: common: 미래 5.0, 동일 4.8, 확장 4.75 — but 의료 4.7, 클라우드 4.1, 안테나 3.9, RF 3.2
COMMON_ZIPF = 4.75
#: derivational endings tried away when a word is not in the list (고도+화, 효율+성, 경쟁+력)
_SUFFIXES = ("화", "성", "력", "적", "상")


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    try:
        from wordfreq import get_frequency_dict  # lazy: loads the list once (≈10 ms)
    except ImportError:  # pragma: no cover - a dependency; without it nothing is "common"
        return {}
    return get_frequency_dict("ko", wordlist="best")


def zipf(word: str) -> float:
    """The word's Zipf frequency in general Korean (0.0 when the list does not have it)."""
    freq = _table().get(str(word)) or _table().get(str(word).lower())
    return round(math.log10(freq) + 9, 2) if freq else 0.0


def is_common(word: str, threshold: float = COMMON_ZIPF) -> bool:
    """Whether general Korean uses ``word`` so often that it names no particular thing.

    A word the list lacks is common only if it is a derived form whose stem is common and whose
    stem is at least two syllables (가속화 → 가속 4.2: not common; 동시성 → 동시 5.1: common)."""
    z = zipf(word)
    if z:
        return z >= threshold
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return zipf(word[: -len(suffix)]) >= threshold
    return False
