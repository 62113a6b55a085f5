"""What a written word is in general Korean: its nouns, how common each is, whether it is a name.

Kiwi numbers the morphemes of its dictionary by their frequency in its training corpus (general
Korean: 것 109, 문제 199, 기술 423, … 처우 11,306, 협업 15,511, 컴파일러 40,663), so a morpheme's
id is its rank in general-language frequency. :func:`word_profiles` analyses each written word
once (kept in memory and in the token cache folder, keyed by the tokenizer's configuration) and
:func:`kind_of` says what the word can be as a concern's label:

* ``"name"`` — every noun of it is a proper noun (NNP) or a word Kiwi does not know (a company
  or product name: 네이버, 리벨리온);
* ``"compound"`` — two or more nouns written as one word (테스트베드, 특화망, 계약학과, AI칩);
* ``"light"`` — one noun among the :data:`GENERAL_RANK` most frequent morphemes of general
  Korean (시도, 동시, 기능, 향상, 경쟁력, 규제, 인력 …), a Latin acronym alone (SW, AI) or a
  number: too common to name a concern on its own (in a phrase it may: 규제 개선, 인력 양성);
* ``"word"`` — one noun rarer than that (처우, 협업, 산학, 도메인): specific on its own.

No word list: the ranks are Kiwi's, the same for any minutes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

__all__ = ["GENERAL_RANK", "word_profiles", "kind_of"]

#: a noun among this many most frequent morphemes of general Korean is light on its own
GENERAL_RANK = 10_000

_NOUN = ("NNG", "NNP", "SL", "SH", "XR", "SN")
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
            kiwi = tokenizer.kiwi if hasattr(tokenizer, "kiwi") else None
            fresh: dict[str, tuple[str, ...]] = {}
            if kiwi is not None:
                for w, toks in zip(rest, kiwi.tokenize(rest), strict=True):
                    prof = tuple(f"{t.tag}:{t.id}:{int(bool(t.oov))}" for t in toks) or ("UNK:0:1",)
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
    if not profile:
        return "word"
    nouns = []
    for p in profile:
        tag, rank, oov = p.rsplit(":", 2)
        if tag.split("-")[0] in _NOUN:
            nouns.append((tag, int(rank), oov == "1"))
    if not nouns:
        return "light"
    if all(t == "NNP" or oov for t, _, oov in nouns):
        return "name"
    if len(nouns) >= 2 and any(t in ("NNG", "NNP") for t, _, _ in nouns):
        return "compound"
    tag, rank, oov = nouns[0]
    if tag in ("SL", "SH", "SN") or (tag in ("NNG", "XR") and rank <= GENERAL_RANK):
        return "light"
    return "word"
