"""Theme labels that say what the concern is: a short Korean noun phrase from the theme's own words.

Candidates are runs of consecutive noun words in the points of the theme, as written (a word the
minutes write in one piece — ``미스매치``, ``특화망``, ``계약학과``, ``TP기술`` — stays one word even
when the tokenizer splits it), with synonyms merged (``인재`` -> ``인력``). A run is cut at any
word that is not a noun: a particle-only word, a verb or adjective, a stop-word (``필요``), or
punctuation. Each 1–3-word sub-phrase is scored for the theme::

    score = (experts of the theme using it / experts of the theme)
            * log(1 + lift)  * (1 + 0.6 * (words - 1))
    lift  = (share of the theme's points using it) / (share of all points using it)

so a phrase that many of the theme's experts use, and that is rarer elsewhere, wins; longer
phrases are preferred when they are nearly as common. A phrase used by one point only is a
fallback. Labels are unique across a level (the next best phrase is added on a clash).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

__all__ = ["phrase_lists", "make_phrase_labels", "written_words"]

_SPLIT = re.compile(r"[\s,.;:!?·ㆍ/|()\[\]{}<>「」『』“”‘’\"'‧…~→←⇒=+\-–—①②③④⑤⑥⑦⑧⑨⑩]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CHUNK_SEP = re.compile(r"[,.;:!?()\[\]\n]+")


def written_words(text: str) -> list[list[str]]:
    """The written words of ``text``, chunk by chunk (cut at sentence punctuation): what the
    labels tokenize, one word at a time."""
    return [[w for w in _SPLIT.split(chunk) if w] for chunk in _CHUNK_SEP.split(str(text or ""))]


def phrase_lists(texts: Sequence[str], tokenizer: Any, synonyms: Any, keys: bool = False) -> Any:
    """Per text, its candidate noun phrases (1–3 words, as written, synonyms merged).

    With ``keys=True``: ``(phrases, keys)``, where ``keys[i][phrase]`` is the phrase's tokens
    (synonyms merged), so that one phrase written two ways (``인력확보`` / ``인력 확보``) has one key."""
    segments: list[list[str]] = []
    words: set[str] = set()
    for text in texts:
        segs = written_words(text)
        for ws in segs:
            words.update(ws)
        segments.append(segs)
    vocab = sorted(words)
    toks = tokenizer.tokenize(vocab, desc="label words") if vocab else []
    form: dict[str, str | None] = {}
    wkey: dict[str, tuple[str, ...]] = {}
    for w, ts in zip(vocab, toks, strict=True):
        form[w] = _noun_form(w, list(ts), synonyms)
        if keys and form[w]:
            merged = synonyms.tokens([list(ts)])[0] if synonyms is not None else list(ts)
            joined = "".join(ts)
            if synonyms is not None and form[w] != joined and form[w] != " ".join(ts) and form[w] == synonyms(form[w]) \
                    and synonyms(joined) == form[w]:
                merged = [form[w]]  # the written word is a variant of a canonical form: one token, as in the tokens
            wkey.setdefault(form[w], tuple(merged) or (str(form[w]),))
    out: list[list[str]] = []
    out_keys: list[dict[str, tuple[str, ...]]] = []
    for segs in segments:
        cand: list[str] = []
        ckeys: dict[str, tuple[str, ...]] = {}
        for ws in segs:
            run: list[str] = []
            for w in [*ws, None]:
                f = form.get(w) if w is not None else None
                if f:
                    run.append(f)
                    continue
                for i in range(len(run)):
                    for n in (1, 2, 3):
                        if i + n <= len(run):
                            p = " ".join(run[i:i + n])
                            if p not in cand:
                                cand.append(p)
                                if keys:
                                    ckeys[p] = tuple(t for x in run[i:i + n] for t in wkey.get(x, (x,)))
                run = []
        out.append(cand)
        out_keys.append(ckeys)
    return (out, out_keys) if keys else out


def _noun_form(word: str, tokens: list[str], synonyms: Any) -> str | None:
    """The noun part of one written word: its tokens joined as written, or None if it has none
    or ends in a verb/adjective stem (a ``…다`` token)."""
    if not tokens or any(t.endswith("다") and len(t) > 1 and _HANGUL.search(t) for t in tokens):
        return None
    joined = "".join(tokens)
    compact = word.replace(" ", "")
    base = joined if compact.startswith(joined) else " ".join(tokens)
    if len(base) < 2 and not base.isascii():
        return None
    return synonyms(base) if synonyms is not None else base


def make_phrase_labels(
    phrases: Sequence[Sequence[str]],
    members: Sequence[Sequence[int]],
    experts: Sequence[Any],
    fallback: Sequence[Sequence[str]] = (),
    min_experts: int = 1,
    banned: Any = (),
    pair: bool = False,
    generic: Any = (),
) -> list[str]:
    """One label per group: the best-scoring phrase of its member points (see module doc).

    ``members[t]`` lists the rows of ``phrases``/``experts`` in group ``t``; ``fallback[t]`` its
    keywords, used when no phrase exists. Concern labels (``min_experts=2``, ``banned`` = area
    names and area-marking words, ``pair=True``): a phrase must be used by at least
    ``min_experts`` of the group's experts and not be made only of banned words, and the best
    phrase is joined (``·``) with the next best one that shares no word with it when that one
    scores at least half as much (``인력 양성·미스매치``); single words count half.

    ``generic``: words found everywhere in the corpus (:func:`consult.themes.concerns.generic_words`).
    A phrase made only of generic (or banned) words counts half and is never a label alone: it is
    joined with the best phrase that has a non-generic word and shares no word with it
    (``사례·발굴``), and when there is none, the two best phrases with a non-generic word are used.
    A pair's second phrase is never all generic, and is used by at least half as many of the
    group's experts as the first.
    """
    banned = set(banned)
    generic = set(generic)
    n = len(phrases)
    df: dict[str, int] = defaultdict(int)
    for cand in phrases:
        for p in set(cand):
            df[p] += 1
    labels: list[str] = []
    seen: set[str] = set()
    for t, rows in enumerate(members):
        scored, dft, by_expert = _scored(list(rows), phrases, experts, df, n, min_experts=min_experts,
                                         banned=banned, pair=pair, generic=generic)
        ranked = [p for _, _, p in scored]
        if not ranked:
            ranked = [w for w in (fallback[t] if t < len(fallback) else []) if w]
        if not ranked:
            labels.append("(주제 없음)")
            continue
        label = _paired(ranked[0], scored, dft, by_expert, pair=pair, generic=generic, banned=banned)
        label = _unseen(label, ranked, t, seen)
        seen.add(label)
        labels.append(label)
    return labels


def _plain(p: str, generic: set[str], banned: set[str]) -> bool:
    """Whether phrase ``p`` is made only of generic or banned words."""
    return all(w in generic or w in banned for w in p.split())


def _scored(
    rows: list[int],
    phrases: Sequence[Sequence[str]],
    experts: Sequence[Any],
    df: dict[str, int],
    n: int,
    *,
    min_experts: int,
    banned: set[str],
    pair: bool,
    generic: set[str],
) -> tuple[list[tuple[float, int, str]], dict[str, int], dict[str, set]]:
    """The phrases of one group's points as ``(-score, -words, phrase)``, best first, with each
    phrase's number of points (``dft``) and experts (``by_expert``) in the group."""
    by_expert: dict[str, set] = defaultdict(set)
    dft: dict[str, int] = defaultdict(int)
    for r in rows:
        for p in set(phrases[r]):
            dft[p] += 1
            by_expert[p].add(experts[r])
    n_exp = max(len({experts[r] for r in rows}), 1)
    scored = []
    for p, k in dft.items():
        if len(by_expert[p]) < min(min_experts, n_exp) or all(w in banned for w in p.split()):
            continue
        lift = (k / max(len(rows), 1)) / (df[p] / max(n, 1))
        words = p.count(" ") + 1
        s = (len(by_expert[p]) / n_exp) * math.log1p(lift) * (1 + 0.6 * (words - 1))
        if k < 2:
            s *= 0.25
        if not _HANGUL.search(p):
            s *= 0.5
        if pair and words == 1:  # concerns: a phrase says more than a word
            s *= 0.5
        if generic and _plain(p, generic, banned):
            s *= 0.5
        scored.append((-s, -words, p))
    scored.sort()
    return scored, dft, by_expert


def _paired(
    label: str,
    scored: list[tuple[float, int, str]],
    dft: dict[str, int],
    by_expert: dict[str, set],
    *,
    pair: bool,
    generic: set[str],
    banned: set[str],
) -> str:
    """The best phrase ``label`` joined (``·``) with a partner phrase where the rules ask for one
    (a generic label; a concern's pair), see :func:`make_phrase_labels`."""
    # a partner phrase is used by at least half as many of the group's experts as the label
    wide = {p for p in dft if 2 * len(by_expert[p]) >= len(by_expert.get(label, ()))}
    if generic and _plain(label, generic, banned) and scored:
        specific = [p for _, _, p in scored if not _plain(p, generic, banned) and p in wide]
        partner = next((p for p in specific if not set(p.split()) & set(label.split())), None)
        if partner is not None:
            label = f"{label}·{partner}"
        elif specific:
            label = specific[0]
            partner = next((p for p in specific[1:] if not set(p.split()) & set(label.split())), None)
            label = f"{label}·{partner}" if partner else label
    elif pair and len(scored) > 1:
        best = -scored[0][0]
        for neg, _, p in scored[1:]:
            if -neg < 0.5 * best:
                break
            if (generic and _plain(p, generic, banned)) or p not in wide:
                continue
            if not set(p.split()) & set(label.split()):
                label = f"{label}·{p}"
                break
    return label


def _unseen(label: str, ranked: list[str], t: int, seen: set[str]) -> str:
    """``label`` made unlike the labels in ``seen``: the next phrases added, else the group number."""
    extra = iter(ranked[1:])
    while label in seen:
        nxt = next(extra, None)
        if nxt is None:
            label = f"{label} ({t})"
            break
        if nxt not in label:
            label = f"{label} · {nxt}"
    return label
