"""Korean particles chosen by the sound that ends the word before them (을/를, 은/는, 이/가 …).

Templated Korean text must never print "을(를)": the particle follows the word's last sound. A
Hangul syllable with a final consonant (받침) takes 을·은·이·과·으로 (but ㄹ takes 로); a vowel
takes 를·는·가·와·로. Latin letters and digits are read as a Korean reader says them (``RF`` →
"알에프", ends in a vowel; ``XDR`` → "…알", ends in ㄹ; ``6G`` → "…지"; ``3`` → "삼", ㅁ). Closing
brackets and quotes are skipped: the particle follows the word inside them.

    >>> attach("특화망", "을"), attach("통신사", "을"), attach("RF", "은"), attach("「공정」", "이")
    ('특화망을', '통신사를', 'RF는', '「공정」이')
    >>> attach("XDR", "으로"), attach("서울", "으로"), attach("학계", "와"), attach("산업계·정부", "과")
    ('XDR로', '서울로', '학계와', '산업계·정부와')
    >>> attach("5G", "이"), attach("2023", "은"), attach("LFP 배터리", "를")
    ('5G가', '2023은', 'LFP 배터리를')
"""

from __future__ import annotations

__all__ = ["attach", "final_sound", "PAIRS"]

#: each particle and its partner: (after a final consonant, after a vowel)
PAIRS: dict[str, tuple[str, str]] = {}
for _consonant, _vowel in (("을", "를"), ("은", "는"), ("이", "가"), ("과", "와"), ("으로", "로"),
                           ("이나", "나"), ("이라고", "라고"), ("이며", "며"), ("이고", "고"),
                           ("이다", "다"), ("으로서", "로서")):
    PAIRS[_consonant] = PAIRS[_vowel] = (_consonant, _vowel)

#: how a Latin letter is read, by its last sound: "" vowel, "ㄹ" (L, R), "ㅁ" (M), "ㄴ" (N)
_LETTER_END = {"l": "ㄹ", "r": "ㄹ", "m": "ㅁ", "n": "ㄴ"}
#: how a digit is read (일 이 삼 사 오 육 칠 팔 구 영): its final consonant, "" for a vowel
_DIGIT_END = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ",
              "8": "ㄹ", "9": ""}
#: closing marks looked through to the word they close
_CLOSING = "」』》〉>)]}’”\"'·… "
_JONG = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def final_sound(word: str) -> str | None:
    """The final consonant of the last sounded character of ``word`` ("" for a vowel), or
    ``None`` when there is nothing to read (then the vowel form is used).

        >>> final_sound("망"), final_sound("사"), final_sound("길"), final_sound("TP")
        ('ㅇ', '', 'ㄹ', '')
    """
    text = str(word).rstrip(_CLOSING)
    if not text:
        return None
    ch = text[-1]
    if "가" <= ch <= "힣":
        jong = (ord(ch) - 0xAC00) % 28
        return "" if jong == 0 else _JONG[jong - 1]
    low = ch.lower()
    if "a" <= low <= "z":
        return _LETTER_END.get(low, "")
    if ch in _DIGIT_END:
        return _DIGIT_END[ch]
    return None


def attach(word: str, particle: str) -> str:
    """``word`` followed by ``particle`` in the form its last sound takes (either form may be
    given: ``attach(w, "을")`` and ``attach(w, "를")`` are the same)."""
    pair = PAIRS.get(particle)
    if pair is None:
        return f"{word}{particle}"
    end = final_sound(word)
    if end is None or end == "":
        return f"{word}{pair[1]}"
    if pair[0] in ("으로", "으로서") and end == "ㄹ":
        return f"{word}{pair[1]}"
    return f"{word}{pair[0]}"
