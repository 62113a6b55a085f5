"""Kiwi's analysis of the written words of label phrases, and what each can be as a label.

:func:`word_profiles` analyses each written word once (kept in memory and in the token cache
folder, keyed by the tokenizer's configuration): its morphemes and their tags. :func:`kind_of`
says what the word can be as a concern's label, from that analysis and from how common the word
is in general Korean — both judged in one place, :mod:`consult.common_words`:

* ``"name"`` — every noun of it is a proper noun (NNP) or a word Kiwi does not know (a company
  or product name: 네이버, 리벨리온);
* ``"compound"`` — two or more nouns written as one word (테스트베드, 특화망, 계약학과, AI칩);
* ``"light"`` — a lone word too common in general Korean to name a concern on its own (not
  :func:`~consult.common_words.is_rare`: 시도, 동시, 기능, 역량, 규제, 인력 …), a derived noun
  (국산화, 효율성), a Latin acronym alone (SW, AI) or a number (in a phrase it may: 규제 개선,
  인력 양성);
* ``"word"`` — one noun rare in general Korean (처우, 협업, 산학, 괴리): specific on its own.

No word list: the frequencies are wordfreq's, the parts of speech Kiwi's, the same for any
minutes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from ..common_words import is_rare, word_kind
from ..content_tokens import kiwi_profiles

__all__ = ["word_profiles", "kind_of", "kiwi_profiles"]

_MEMORY: dict[str, dict[str, tuple[str, ...]]] = {}


def _fingerprint(tokenizer: Any) -> str:
    from ..tokens import _kiwi_version

    base = getattr(tokenizer, "fingerprint", "") or ""
    h = hashlib.blake2b(f"consult-wordinfo/1/{_kiwi_version()}/{base}".encode(), digest_size=16)
    return h.hexdigest()


def word_profiles(words: Iterable[str], tokenizer: Any) -> dict[str, tuple[str, ...]]:
    """``{word: ("TAG:rank:oov", …)}`` — Kiwi's morphemes of each written word (a word of a
    phrase, synonyms merged), from memory, the disk cache or Kiwi."""
    from ..cache import TokenCache
    from ..tokens import _text_key, cache_dir

    words = sorted({w for w in words if w})
    fp = _fingerprint(tokenizer)
    memo = _MEMORY.setdefault(fp, {})
    missing = [w for w in words if w not in memo]
    if missing:
        root = cache_dir()
        disk = TokenCache(root, fp) if root is not None and getattr(tokenizer, "cache", True) else None
        keys = {_text_key(w): w for w in missing}
        found = disk.get(list(keys)) if disk is not None else {}
        for k, toks in found.items():
            memo[keys[k]] = toks
        rest = [w for w in missing if w not in memo]
        if rest:
            remote = getattr(tokenizer, "profiles_from_prefetch", None)
            profs = remote(rest) if remote is not None else None  # Kiwi in a forked child
            kiwi = tokenizer.kiwi if profs is None and hasattr(tokenizer, "kiwi") else None
            if profs is None and kiwi is not None:
                profs = kiwi_profiles(kiwi, rest)
            fresh: dict[str, tuple[str, ...]] = {}
            if profs is not None:
                for w, prof in zip(rest, profs, strict=True):
                    memo[w] = prof
                    fresh[_text_key(w)] = prof
            else:  # no Kiwi behind this tokenizer: nothing is known about the word
                for w in rest:
                    memo[w] = ("UNK:0:1",)
            if disk is not None and fresh:
                disk.put(fresh)
    return {w: memo[w] for w in words}


def kind_of(word: str, profile: tuple[str, ...] | None) -> str:
    """``"name"``, ``"compound"``, ``"light"`` or ``"word"`` (see the module doc)."""
    kind = word_kind(word, profile)
    if kind in ("name", "compound"):
        return kind
    if kind == "plain" and is_rare(word):
        return "word"
    return "light"
