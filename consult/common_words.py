"""What a word is in general Korean (not in these minutes): how common it is, and what kind of
word it is. The one home for both, used by the findings (things a side names) and by the themes
(which words may name a concern).

**How common** — the Zipf frequency of wordfreq's Korean list (subtitles, web, Wikipedia …;
offline, in the ``wordfreq`` package): log10 of the uses per billion words. A word every text
uses (미래, 경험, 기능, 시도, 개발) names no particular thing; a word general language rarely uses
(특화망, 컴파일러, 분리막, RF) does. A derived word missing from the list (고도화, 가속화, 효율성)
is judged by its stem.

* :func:`is_common` (Zipf >= :data:`COMMON_ZIPF`, 4.75): the word names nothing on its own
  (미래 5.0, 동일 4.8, 확장 4.75 — but 의료 4.7, 클라우드 4.1, 안테나 3.9, RF 3.2);
* :func:`is_rare` (Zipf < :data:`RARE_ZIPF`, 3.7: fewer than 5 uses per million words): a lone
  word specific enough to name a concern by itself (처우 3.4, 산학 3.4, 괴리 3.3, 협업 3.7 — but
  not 역량 3.9, 경쟁력 3.8, 추세 3.9, 규제 4.3, 인력 4.2: those name a concern only inside a
  phrase, 규제 개선, 인력 양성).

Why wordfreq and not Kiwi's dictionary (the previous home of the concern labels used Kiwi's
morpheme ids as frequency ranks): wordfreq is a documented frequency list on a known scale;
Kiwi's ids are frequency-ordered only for its built-in morphemes as an implementation detail (a
word of the user dictionary gets an id after 520,000 — "rare" by construction — whatever its
use), and they change with the model package. Kiwi stays for what it knows, parts of speech.

**What kind** — :func:`word_kind` reads Kiwi's analysis of the written word (its morphemes and
tags, :func:`consult.themes.wordinfo.word_profiles`): a name (every noun a proper noun or a word
Kiwi does not know: 네이버, 리벨리온), a compound (two or more nouns written as one word:
테스트베드, 특화망, 계약학과), a derived noun (a noun plus a suffix: 국산화, 효율성, 생태계, and the
modifiers in -적: 기술적), a symbol (Latin letters or digits alone: SW, AI, 6G), or a plain noun.

    >>> is_common("미래"), is_common("컴파일러"), is_common("특화망"), is_common("가속화")
    (True, False, False, False)
    >>> zipf("기술") > zipf("안테나") > 0
    True
    >>> is_rare("처우"), is_rare("역량"), is_rare("규제")
    (True, False, False)
    >>> word_kind("테스트베드", ("NNG:7081:0", "NNG:31325:0")), word_kind("효율성", ("NNG:2036:0", "XSN:176:0"))
    ('compound', 'derived')
"""

from __future__ import annotations

import math
from functools import lru_cache

__all__ = ["zipf", "is_common", "is_rare", "word_kind", "COMMON_ZIPF", "RARE_ZIPF", "WORD_KINDS"]

#: a word at least this frequent in general Korean (Zipf: log10 of uses per billion words) is
#: common: 미래 5.0, 동일 4.8, 확장 4.75 — but 의료 4.7, 클라우드 4.1, 안테나 3.9, RF 3.2
COMMON_ZIPF = 4.75
#: a lone word rarer than this in general Korean (5 uses per million words) is specific enough to
#: name a concern by itself: 처우 3.4, 산학 3.4, 협업 3.7 — not 역량 3.9, 추세 3.9, 규제 4.3
RARE_ZIPF = 3.7
#: derivational endings tried away when a word is not in the list (고도+화, 효율+성, 경쟁+력)
_SUFFIXES = ("화", "성", "력", "적", "상")
#: what :func:`word_kind` answers
WORD_KINDS = ("name", "compound", "derived", "modifier", "symbol", "plain")
_NOUN_TAGS = ("NNG", "NNP", "XR")


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


def _stem_zipf(word: str) -> float:
    """Zipf of the word, or — for a derived word the list lacks — of its stem (>= 2 syllables)."""
    z = zipf(word)
    if z:
        return z
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return zipf(word[: -len(suffix)])
    return 0.0


def is_common(word: str, threshold: float = COMMON_ZIPF) -> bool:
    """Whether general Korean uses ``word`` so often that it names no particular thing.

    A word the list lacks is common only if it is a derived form whose stem is common and whose
    stem is at least two syllables (가속화 → 가속 4.2: not common; 동시성 → 동시 5.1: common)."""
    return _stem_zipf(str(word)) >= threshold


def is_rare(word: str, threshold: float | None = None) -> bool:
    """Whether general Korean uses ``word`` rarely enough (Zipf below ``threshold``, default
    :data:`RARE_ZIPF`) that the word alone names something particular. A word the list lacks is
    rare unless its stem is not."""
    return _stem_zipf(str(word)) < (RARE_ZIPF if threshold is None else threshold)


def word_kind(word: str, profile: tuple[str, ...] | None) -> str:
    """One of :data:`WORD_KINDS` for a written word, from Kiwi's analysis of it (``profile``:
    ``("TAG:id:oov", …)`` per morpheme, as :func:`consult.themes.wordinfo.word_profiles` gives;
    the id is not used): ``name`` — every noun a proper noun or unknown to Kiwi; ``modifier`` — a
    noun with the suffix 적 (기술적, 효과적); ``derived`` — a noun with another suffix (국산화,
    효율성, 생태계); ``compound`` — two or more nouns written as one word; ``symbol`` — only
    Latin letters, digits or Chinese characters; ``plain`` — one noun. Without a profile the word
    is ``plain`` (or ``symbol``)."""
    word = str(word)
    if not profile:
        return "symbol" if word.isascii() else "plain"
    nouns, suffixes, symbols = [], [], 0
    for p in profile:
        tag, _, oov = p.rsplit(":", 2)
        tag = tag.split("-")[0]
        if tag in _NOUN_TAGS:
            nouns.append((tag, oov == "1"))
        elif tag == "XSN":
            suffixes.append(p)
        elif tag in ("SL", "SN", "SH"):
            symbols += 1
    if not nouns:
        return "symbol" if symbols else "plain"
    if all(t == "NNP" or oov for t, oov in nouns):
        return "name"
    if suffixes:
        # the suffix 적 makes a modifier (Kiwi: 적/XSN); its form is the word's last syllable
        return "modifier" if word.endswith("적") else "derived"
    if len(nouns) + symbols >= 2:
        return "compound"
    return "plain"
