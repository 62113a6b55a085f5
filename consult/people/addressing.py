"""Whom a questioner's words address, in a verbatim record.

A legislator addresses a witness by name and title (``주영창 증인께서는``, ``이영국 원장님,``), by
title alone (``교수께서는``, ``원장님``, ``참고인님``), the nominee by his (``후보자님``, ``장관님``),
or several at once (``진술인 여러분``, ``세 분 진술인께``). A name or title followed by a particle
that talks *about* someone (``신명호 참고인처럼``, ``유상임 후보자는``, ``후보자께 드린``,
``장관후보자님하고``) addresses nobody. :func:`addresses` lists the addresses of a text in order;
``call`` marks one made while calling the person to the podium (``… 나와 주시겠습니까?``).

    >>> people = [Addressee("주영창", "주영창", ("교수", "증인"), "witness", "증인"),
    ...           Addressee("유상임", "유상임", ("장관후보자", "후보자", "후보", "장관"), "nominee")]
    >>> [(a.who, a.call) for a in addresses("주영창 교수님 답변석으로 좀 나와 주시겠습니까?", people)]
    [(('주영창',), True)]
    >>> [a.who for a in addresses("재료공학부 교수 출신 유상임 후보자는 장관을 하게 되고요.", people)]
    []
    >>> [a.who for a in addresses("후보자께 계속 질문을 드리겠습니다. 후보자님, 잘 아시겠지요.", people)]
    [('유상임',)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Addressee", "Address", "addresses", "mentions"]

#: a word of a text (names may be masked: 김OO, 김○○)
_WORD = re.compile(r"[가-힣A-Za-z0-9○◯]++")
#: a call to the podium (발언대로 나와 주시겠습니까, 참고인 나오셨지요)
_CALL = re.compile(r"나와\s*+주|나오셨|나오시|나와서|나와\s*+보|앞으로\s*+나와")
#: what follows 님 or 께서 when the words talk about someone (장관후보자님하고, 원장님에 대해서)
_ABOUT = ("하고", "과", "와", "의", "에", "에게", "처럼", "보다", "께", "한테", "이랑", "같은")
#: a word after a title that starts a phrase about the person (장관후보자님 말씀도 들었잖아요)
_ABOUT_NEXT = ("말씀도", "말씀은", "말씀처럼", "말씀대로", "얘기도", "얘기는", "얘기처럼", "이야기도", "발언도",
               "답변도", "답변처럼")
#: a verb after ``…께`` (dative) that puts a question to the person (장관께 질의하겠습니다)
_ASKING = ("질의", "질문", "묻", "여쭙", "여쭤")
#: a group of people of a kind (진술인 여러분, 세 분 진술인, 진술인들께서)
_GROUP = ("여러분", "들께서", "들께", "분들", "들은", "들도")
_COUNT = ("두", "세", "네", "다섯", "여섯", "모든", "각", "각각의")


@dataclass(frozen=True)
class Addressee:
    """Someone a questioner may address: ``key`` (who it is), ``name``, the ``terms`` that
    address them (titles, kind words, 후보자 …; the longer first), ``kind`` and the kind's word
    (``진술인``: ``진술인 여러분`` addresses every one of them)."""

    key: str
    name: str
    terms: tuple[str, ...]
    kind: str
    kind_word: str = ""


@dataclass(frozen=True)
class Address:
    """An address in a text: where (``at``, a character offset), whom (``who``: keys; several
    when a title fits several, or a ``group`` is addressed: 진술인 여러분), whether it calls them to
    the podium, whether it names them."""

    at: int
    who: tuple[str, ...]
    call: bool = False
    by_name: bool = False
    group: bool = False


def _marker(word: str) -> tuple[str, str] | None:
    """``(stem, after)`` of a word addressing someone: ``원장님`` → ``('원장', '')``,
    ``증인께서는`` → ``('증인', '는')``; ``None`` when the word has no 님 or 께서."""
    for mark in ("님께서", "께서", "님"):
        k = word.find(mark)
        if k > 0:
            return word[:k], word[k + len(mark):]
    return None


def addresses(text: str, people: Sequence[Addressee]) -> list[Address]:
    """The addresses of ``text``, in order (see the module docstring)."""
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text)]
    by_name = {p.name: p for p in people if p.name}
    out: list[Address] = []
    for k, (at, w) in enumerate(words):
        end = at + len(w)
        nxt = words[k + 1][1] if k + 1 < len(words) else ""
        person = by_name.get(w)
        if person is not None:
            if text[end:end + 2].strip().startswith(","):  # 유광일, …
                out.append(Address(at, (person.key,), by_name=True))
            continue
        marked = _marker(w)
        dative = w.endswith("께") and not w.endswith("께서") and nxt.startswith(_ASKING)
        if marked is None and not dative:
            continue
        stem, after = marked if marked is not None else (w[:-1], "")
        if after.startswith(_ABOUT) or (not after and nxt.startswith(_ABOUT_NEXT)):
            continue
        prev = words[k - 1][1] if k else ""
        named = by_name.get(prev) or by_name.get(stem)
        if named is not None and (stem == named.name or any(stem.endswith(t) for t in named.terms)):
            out.append(Address(at, (named.key,), by_name=True))
            continue
        fits = tuple(p.key for p in people if any(stem.endswith(t) for t in p.terms))
        if fits:
            out.append(Address(at, fits))
    out += _groups(words, people)
    calls = [m.start() for m in _CALL.finditer(text)]
    out = [Address(a.at, a.who, any(0 <= c - a.at <= 40 for c in calls), a.by_name, a.group) for a in out]
    return sorted(out, key=lambda a: a.at)


def _groups(words: list[tuple[int, str]], people: Sequence[Addressee]) -> list[Address]:
    """``진술인 여러분``, ``세 분 진술인께``, ``진술인들께서``: everyone of that kind word."""
    out = []
    kind_words = sorted({p.kind_word for p in people if p.kind_word}, key=len, reverse=True)
    for k, (at, w) in enumerate(words):
        word = next((kw for kw in kind_words if w.startswith(kw)), None)
        if word is None:
            continue
        after = w[len(word):]
        nxt = words[k + 1][1] if k + 1 < len(words) else ""
        before = [x for _, x in words[max(0, k - 2):k]]
        if after.startswith(_GROUP) or nxt.startswith("여러분") or (
                before and before[-1] in _COUNT) or (len(before) == 2 and before[0] in _COUNT and before[1] == "분"):
            who = tuple(p.key for p in people if p.kind_word == word)
            if len(who) > 1:
                out.append(Address(at, who, group=True))
    return out


def mentions(text: str, people: Sequence[Addressee]) -> list[str]:
    """Keys of the people ``text`` names or refers to by their title or kind word, in any form
    (an address or not): where a chair's call to speak starts (``김OO 진술인 진술해 주시기
    바랍니다``, ``문화관광국장께서는 제안설명해 주시기 바랍니다``)."""
    words = {w for _, w in ((m.start(), m.group(0)) for m in _WORD.finditer(text))}
    out = []
    for p in people:
        if (p.name and any(w.startswith(p.name) for w in words)) or any(
                t in w for w in words for t in p.terms[:1] + (p.kind_word,) if t):
            out.append(p.key)
    return out
