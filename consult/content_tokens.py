"""What becomes a token: Kiwi's content morphemes, with bound pieces joined into one term.

:func:`content_tokens` keeps nouns, proper nouns, foreign words, Chinese characters, roots and
(optionally) verb/adjective stems of one Kiwi analysis and glues to a word the pieces Kiwi splits
off it — a prefix (``폐`` + ``배터리``), a derivational suffix (``안전`` + ``성``), a one-syllable
noun (``특화`` + ``망``) and a number before a unit (``5`` + ``G``). :func:`split_long` cuts a long
text at whitespace into pieces Kiwi analyses quickly; :func:`kiwi_profiles` reads a word's
morphemes, for :mod:`consult.themes.wordinfo`. :mod:`consult.tokens` runs Kiwi and caches.

    >>> from types import SimpleNamespace as Tok
    >>> toks = [Tok(form="안전", tag="NNG", start=0, len=2), Tok(form="성", tag="XSN", start=2, len=1)]
    >>> content_tokens(toks, frozenset(), verbs=True)
    ['안전성']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["CONTENT_TAGS", "MAX_PIECE", "content_tokens", "kiwi_profiles", "split_long"]

#: Kiwi tags (before any ``-I``/``-R`` irregularity suffix) kept as content tokens.
CONTENT_TAGS = ("NNG", "NNP", "SL", "SH", "XR")
_VERB_TAGS = ("VV", "VA")
_NOUNS = frozenset(("NNG", "NNP"))
#: derivational suffixes that do *not* make a new term (기업+들, 소재+별, 교수+님, …)
_LOOSE_SUFFIXES = frozenset(("들", "님", "별", "씩", "쯤", "당", "경", "가량", "짜리", "끼리", "상", "내"))


@dataclass
class _Piece:
    form: str
    kind: str  # "noun" | "latin" | "num" | "verb"
    start: int
    end: int


def _is_hangul_syllable(form: str) -> bool:
    return len(form) == 1 and "\uac00" <= form <= "\ud7a3"


def content_tokens(tokens: Iterable[Any], stopwords: frozenset[str], verbs: bool) -> list[str]:
    """Content tokens of one Kiwi analysis, with bound pieces joined to their word."""
    pieces: list[_Piece] = []
    prefix: _Piece | None = None  # a prefix (폐-, 재-, 전-) waiting for its noun
    lone_head: bool = False  # pieces[-1] is a one-syllable noun that may take the next noun
    for tok in tokens:
        form, tag, start = tok.form, tok.tag.split("-", 1)[0], tok.start
        end = start + tok.len
        last = pieces[-1] if pieces else None
        touching = last is not None and last.end == start and last.kind in ("noun", "latin", "num")
        if tag in CONTENT_TAGS:
            kind = "latin" if tag == "SL" else "noun"
            if prefix is not None and prefix.end == start and kind == "noun":
                form, start = prefix.form + form, prefix.start
                touching = False
            prefix = None
            if touching and tag in _NOUNS and _is_hangul_syllable(form) and last.kind != "num":
                last.form += form  # 특화+망, AI+칩
                last.end = end
                last.kind = "noun"
                lone_head = False
                continue
            if touching and lone_head and tag in _NOUNS:
                last.form += form  # 빅+테크
                last.end = end
                lone_head = False
                continue
            if touching and last.kind == "num" and tag == "SL" and len(form) <= 3:
                last.form += form  # 5+G, 3+nm
                last.end = end
                last.kind = "latin"
                continue
            pieces.append(_Piece(form, kind, start, end))
            lone_head = tag in _NOUNS and _is_hangul_syllable(form) and not touching
        elif tag == "XSN" and touching and last.kind == "noun" and form not in _LOOSE_SUFFIXES:
            last.form += form  # 안전+성, 고도+화
            last.end = end
            lone_head = False
        elif tag in ("XPN", "MM") and _is_hangul_syllable(form):
            prefix = _Piece(form, "prefix", start, end)
            lone_head = False
        elif tag == "SN":
            pieces.append(_Piece(form, "num", start, end))
            lone_head = False
        elif tag == "SW" and form == "&" and touching and last.kind == "latin":
            last.form += form  # R&D (joined with the next Latin piece below)
            last.end = end
            last.kind = "amp"
        elif verbs and tag in _VERB_TAGS and len(form) >= 2:
            pieces.append(_Piece(form + "다", "verb", start, end))
            lone_head = False
        else:
            lone_head = False
        if tag not in CONTENT_TAGS and tag not in ("XPN", "MM"):
            prefix = None
    out = []
    merged: list[_Piece] = []
    for piece in pieces:  # R & D
        if merged and merged[-1].kind == "amp" and piece.kind == "latin" and merged[-1].end == piece.start:
            merged[-1].form += piece.form
            merged[-1].end = piece.end
            merged[-1].kind = "latin"
            continue
        merged.append(piece)
    for piece in merged:
        form = piece.form
        if piece.kind in ("num", "amp"):
            continue
        if piece.kind == "latin" and len(form) < 2:
            continue
        if form in stopwords:
            continue
        out.append(form)
    return out


#: the longest text handed to Kiwi in one piece (characters); longer texts are cut at whitespace
MAX_PIECE = 10_000


def split_long(text: str, limit: int = MAX_PIECE) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at the last whitespace (or line
    end) before the limit, so no word is split unless it alone is longer than the limit.

        >>> [len(p) for p in split_long("가나 " * 5, limit=6)]
        [6, 6, 3]
    """
    if len(text) <= limit:
        return [text]
    out, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end))
            end = cut + 1 if cut > start else end
        out.append(text[start:end])
        start = end
    return out


def kiwi_profiles(kiwi: Any, words: list[str]) -> list[tuple[str, ...]]:
    """Each word's profile, ``("TAG:id:oov", …)`` per morpheme of Kiwi's analysis (what
    :mod:`consult.themes.wordinfo` reads a word's kind from).

        >>> class K:  # a stand-in for Kiwi: one morpheme per word
        ...     def tokenize(self, words):
        ...         return [[type("T", (), {"tag": "NNG", "id": 7, "oov": False})()] for _ in words]
        >>> kiwi_profiles(K(), ["인력"])
        [('NNG:7:0',)]
    """
    return [tuple(f"{t.tag}:{t.id}:{int(bool(t.oov))}" for t in toks) or ("UNK:0:1",)
            for toks in kiwi.tokenize(words)]
