"""What each side said on one question: the specific things its experts name, counted by
expert, each with a quote — before any verdict.

A *thing* is a content noun of an answer point (Kiwi tokens, :mod:`consult.tokens`) that is not
one of the question's own words (nor of the sub-question labels its answers repeat), not a word a
side uses for itself, and not a word most answers use (a word of at least ``generic_share`` of
the corpus's points, or of most points of the area: decided from the corpus, not from a list).
Each word is matched across the two sides on its own; words that always come together in the
same points (``RF`` + ``부품``) are shown once (:func:`merged`). A thing is shown by the phrase
the experts write it in: the words that stand next to it in the text.

    >>> runs("무선통신 부품기술 고도화 투자 중요", ["무선", "통신", "부품", "기술", "고도화", "투자", "중요"])
    [[('무선', 0), ('통신', 2), ('부품', 5), ('기술', 7), ('고도화', 10), ('투자', 14), ('중요', 17)]]
    >>> runs("RF분야는 어려운 기술은 아니나", ["RF", "분야", "어렵다", "기술"])
    [[('RF', 0), ('분야', 2)], [('기술', 10)]]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..common_words import is_common
from ..lexicon import ENTRY_MARKS, EXAMPLE_OF_MANY, SUCH_AS
from ..records import clip
from .rules import ClaimRules, sentences
from .stance import positions

__all__ = ["Quote", "Named", "Vocabulary", "runs", "named_things", "merged", "quote_for",
           "shared_label", "quote_of"]

QUOTE_CHARS = 160
#: endings of tokens that name no thing: verb and adjective lemmas (…다), modifiers (…적)
_NOT_NOUN = ("다", "적")
#: an area needs this many answer points before its most used words count as background
AREA_MIN_POINTS = 20
#: points sharing this share of their ids make two words one thing
_SAME_THING = 0.6


@dataclass(frozen=True)
class Quote:
    """A quoted piece of one answer point (``text`` is the sentence that carries the point)."""

    point_id: str
    transcript_id: str
    text: str


@dataclass(frozen=True)
class Named:
    """One thing a side named on one question: who named it, where, and a quote."""

    key: str
    label: str
    experts: tuple[str, ...]
    points: tuple[str, ...]
    quote: Quote
    salience: int = 1

    @property
    def k(self) -> int:
        return len(self.experts)


class Vocabulary:
    """Corpus-wide facts about words: which are generic (most answers use them) and how
    specific each is (idf over answer points)."""

    def __init__(self, point_tokens: pd.Series, rules: ClaimRules, texts: Iterable[str] = ()):
        n = max(len(point_tokens), 1)
        df = Counter(t for toks in point_tokens for t in set(toks or ()))
        self.predicative = predicative_nouns(df, texts)
        self.n_points = n
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        self.generic = frozenset(
            t for t, c in df.items()
            if is_common(t) or (c >= rules.generic_min_points and c / n >= rules.generic_share))
        self.excluded = rules.excluded

    def area_common(self, tokens: Iterable[Sequence[str]]) -> frozenset[str]:
        """Words more than half of an area's points use (in an area of at least
        :data:`AREA_MIN_POINTS` points: in a handful of answers to one question, a word all use
        is what they agree on, not background)."""
        tokens = list(tokens)
        if len(tokens) < AREA_MIN_POINTS:
            return frozenset()
        df = Counter(t for toks in tokens for t in set(toks or ()))
        half = len(tokens) / 2
        return frozenset(t for t, c in df.items() if c > half)

    def is_thing(self, token: str, exclude: frozenset[str]) -> bool:  # noqa: D401
        """A noun naming something particular: not a verb or a ``…적`` modifier, not a number,
        not a question or side word, not generic, and more than one letter."""
        return (not token.endswith(_NOT_NOUN) and not token[:1].isdigit() and not _latin_filler(token)
                and token not in exclude
                and token not in self.generic and token not in self.excluded and len(token) > 1
                and token not in self.predicative)


#: what follows a noun used as a verb (구축+하다, 확대+되다, 대응+해야, 특화+된)
_VERB_AFTER = ("하", "되", "해", "한", "할", "함", "됨", "된", "될", "돼", "했", "됐", "시키", "시켜")


#: a Hangul word (eojeol) of a text
_EOJEOL = re.compile(r"[가-힣]++")


def predicative_nouns(df: Counter, texts: Iterable[str], share: float = 0.25) -> frozenset[str]:
    """Nouns the texts use as verbs (an action, not a thing): at least ``share`` of the words
    that start with the noun and do not make a longer noun (특화된, 특화는 — not 특화망) go on
    with 하다/되다 forms (구축하는, 확대해야, 특화된).

        >>> sorted(predicative_nouns(Counter({"구축": 2, "의료": 1, "특화": 1}),
        ...                          ["플랫폼 구축하는 것", "의료 구축 필요", "특화된 학교, 특화망, 특화망"]))
        ['구축', '특화']
    """
    nouns = {w for w in df if len(w) >= 2 and "가" <= w[-1] <= "힣"}
    by_head: dict[str, list[str]] = {}
    for w in nouns:
        by_head.setdefault(w[:2], []).append(w)
    uses: Counter = Counter()
    verbs: Counter = Counter()
    for text in texts:
        for m in _EOJEOL.finditer(str(text)):
            word = m.group(0)
            for noun in by_head.get(word[:2], ()):
                if not word.startswith(noun):
                    continue
                rest = word[len(noun):]
                if rest.startswith(_VERB_AFTER):
                    verbs[noun] += 1
                    uses[noun] += 1
                elif not rest or rest[0] in _PARTICLE_START:
                    uses[noun] += 1
    return frozenset(w for w, v in verbs.items() if v >= share * uses[w])


#: first syllables of the particles that may follow a noun used as a noun (은/는/이/가/을/를 …)
_PARTICLE_START = frozenset("은는이가을를의에와과로으도만께처부까보")


def _latin_filler(token: str) -> bool:
    """``ex``, ``etc``, ``vs``, ``on``: short lowercase Latin words, never a thing."""
    return token.isascii() and token.islower() and len(token) <= 3


def runs(text: str, tokens: Sequence[str]) -> list[list[tuple[str, int]]]:
    """The tokens of ``text`` found in it in order, grouped into runs of words that stand next
    to each other (nothing but spaces between): ``[(token, start), …]`` per run."""
    out: list[list[tuple[str, int]]] = []
    cur: list[tuple[str, int]] = []
    pos, last_end = 0, -1
    for tok in tokens:
        at = text.find(tok, pos)
        if at < 0:
            if cur:
                out.append(cur)
            cur = []
            continue
        if cur and not text[last_end:at].strip():
            cur.append((tok, at))
        else:
            if cur:
                out.append(cur)
            cur = [(tok, at)]
        last_end, pos = at + len(tok), at + len(tok)
    if cur:
        out.append(cur)
    return out


#: separators of a list inside a sentence ("무선통신, 모바일 코어 네트워크, 유선 네트워크 모두 해당")
_LIST_SEP = re.compile(r"[,·ㆍ/]")
#: an item of such a list is this short (characters)
_LIST_ITEM = 16
#: "… 코어망 아키텍처 및 프레임워크 기술과 같은 항목": X given as an example ("such as",
#: :data:`consult.lexicon.SUCH_AS`), in the same clause, at most this many characters on
_SUCH_AS_REACH = 30


def _such_as(text: str, i: int) -> bool:
    """Whether ``text`` goes on from ``i`` to "…와 같은" / "…과 같은" within the same clause, a
    few words on (an example of something else).

        >>> _such_as("코어망 아키텍처 및 프레임워크 기술과 같은 항목", 3)
        True
        >>> _such_as("코어망 기술 중요, 다른 기술과 같은 수준", 3)
        False
    """
    window = text[i:i + _SUCH_AS_REACH + 4]
    at = min((k for k in (window.find(m) for m in SUCH_AS) if k >= 0), default=-1)
    return at >= 0 and not any(c in window[:at] for c in ",.;")


def _after_spaces(text: str, i: int) -> int:
    """The first position at or after ``i`` that is not a space."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def in_passing(text: str, word: str) -> bool:
    """Whether every mention of ``word`` in ``text`` is one item of a list of three or more short
    items in a row in its sentence — named in passing, not what the sentence is about (clauses
    joined by commas are long: no list).

        >>> in_passing("반도체는 무선통신, 모바일 코어 네트워크, 유선 네트워크 모두 해당함", "무선통신")
        True
        >>> in_passing("무선통신 및 코어 네트워크 기술 중요", "무선통신")
        False
        >>> in_passing("망간리치, 고전압미드니켈 등이 대안이 될 수 있는데, 어떤 소재가 실현 가능할지 모름", "망간리치")
        False
        >>> in_passing("특화망 등 많은 부분에서 속도가 필수 요건이므로 안테나 R&D 집중이 필요함", "특화망")
        True
        >>> in_passing("모바일 코어망 아키텍처 및 프레임워크 기술과 같은 항목에 AI 기술 반영됨", "코어")
        True
    """
    seen = False
    for sentence in sentences(text):
        if word not in sentence:
            continue
        seen = True
        if all(EXAMPLE_OF_MANY.match(sentence, _after_spaces(sentence, i + len(word)))
               or _such_as(sentence, i + len(word)) for i in positions(sentence, word)):
            continue  # every mention an example among many, or an example of something else
        items = [it.strip() for it in _LIST_SEP.split(sentence)]
        listed = False
        for i, item in enumerate(items):
            if word not in item or len(item) > _LIST_ITEM:
                continue
            lo = hi = i  # the run of short items around this one
            while lo > 0 and len(items[lo - 1]) <= _LIST_ITEM:
                lo -= 1
            while hi + 1 < len(items) and len(items[hi + 1]) <= _LIST_ITEM:
                hi += 1
            listed = listed or hi - lo + 1 >= 3
        if not listed:
            return False
    return seen


#: a piece this short after a break at a nominal ending (…음) is the end of the same sentence
_TAIL = 12


def _rejoined(parts: list[str]) -> list[str]:
    """``parts`` with a short tail put back on the sentence it was cut from: a noun ending like a
    sentence (저잡음 증폭기(LNA)임.) is no sentence end, so a quote never stops at 「…저잡음」.

        >>> _rejoined(["대표적인 것은 파워 앰프(PA), 저잡음", "증폭기(LNA)임.", "- 다음 항목"])
        ['대표적인 것은 파워 앰프(PA), 저잡음 증폭기(LNA)임.', '- 다음 항목']
    """
    out: list[str] = []
    for part in parts:
        if out and len(part) <= _TAIL and not out[-1].endswith((".", "?", "!", ";", "。")) \
                and not part.startswith(("-", "–", "•", "*", "※", "(")):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def quote_for(text: str, words: Sequence[str]) -> str:
    """The sentence of ``text`` that names the first of ``words`` it has (else its first
    sentence), clipped, without a leading list dash.

        >>> quote_for("RF 부품 중요. 다만 비용이 큼.", ["다만", "RF"])
        '다만 비용이 큼.'
    """
    parts = _rejoined(sentences(text))
    # a sentence about the word before one that lists it in passing
    pick = next((s for w in words for s in parts if w and w in s and not in_passing(s, w)),
                next((s for w in words for s in parts if w and w in s), parts[0] if parts else ""))
    return clip(pick.lstrip("-–• ").strip(), QUOTE_CHARS)


def _head_line(text: str) -> str:
    """The first line of ``text`` when sub-items (lines opening with a dash or a mark) follow it."""
    first, _, rest = text.partition("\n")
    return first if rest.lstrip().startswith(tuple(ENTRY_MARKS)) else ""


def named_things(points: pd.DataFrame, tokens: pd.Series, vocab: Vocabulary,
                 exclude: frozenset[str]) -> list[Named]:
    """The things named in ``points`` (one side's answers to one question: ``point_id``,
    ``transcript_id``, ``text``, optionally ``point_label``), most experts first, then the most
    salient (said most often, or in a point's own label: ``salience``), then the most
    specific."""
    users: dict[str, set[str]] = {}
    where: dict[str, list[str]] = {}
    text_of = dict(zip(points["point_id"], points["text"].astype(str), strict=True))
    tid_of = dict(zip(points["point_id"], points["transcript_id"], strict=True))
    label_of = (dict(zip(points["point_id"], points["point_label"].fillna("").astype(str), strict=True))
                if "point_label" in points else {})
    # a point's heading: its label, or the first line of a point whose sub-items follow it
    # ("● 막대한 칩 제조 비용으로 산업 내 스타트업은 한계에 봉착" over "- …" lines)
    label_of = {p: " ".join([label_of.get(p, ""), _head_line(text_of[p])]).strip() for p in text_of}
    for pid in points["point_id"]:
        for tok in dict.fromkeys(tokens.get(pid, ()) or ()):
            if vocab.is_thing(tok, exclude):
                where.setdefault(tok, []).append(pid)
                if not in_passing(text_of[pid], tok):  # a list item does not make an expert name it
                    users.setdefault(tok, set()).add(tid_of[pid])
    where = {t: ps for t, ps in where.items() if t in users}
    salience = {t: sum(text_of[p].count(t) for p in where[t])
                + 2 * sum(t in label_of.get(p, "") for p in where[t]) for t in users}
    keys = list(users)
    keys.sort(key=lambda t: (-len(users[t]), -salience[t], -vocab.idf.get(t, 0.0), t))
    out = []
    point_runs: dict[str, list] = {}  # each point's runs, made once for all its things
    for key in keys:
        pids = list(dict.fromkeys(where[key]))
        label = _label([key], pids, text_of, tokens, point_runs)
        best = min(pids, key=lambda p: (abs(len(text_of[p]) - 120), pids.index(p)))
        quote = Quote(best, str(tid_of[best]), quote_for(text_of[best], [key, label]))
        out.append(Named(key=key, label=label, experts=tuple(sorted(users[key])),
                         points=tuple(pids), quote=quote, salience=salience[key]))
    return out


def merged(named: Sequence[Named]) -> list[Named]:
    """``named`` with the words that always come together (the same experts, mostly the same
    points: ``RF`` + ``부품``) shown once, by the first of them (the list is in rank order)."""
    heads: list[Named] = []
    for n in named:
        mine = set(n.points)
        if any(h.experts == n.experts and len(mine & set(h.points)) >= _SAME_THING * len(mine | set(h.points))
               for h in heads):
            continue
        heads.append(n)
    return heads


def _label(words: list[str], pids: list[str], text_of: dict[str, str], tokens: pd.Series,
           point_runs: dict[str, list] | None = None) -> str:
    """How the experts write the thing: the most frequent phrase of one or two adjacent words
    holding it (two words when they come together at least half as often as it alone).
    ``point_runs`` keeps each point's :func:`runs` for the next thing's label."""
    key = words[0]
    singles, doubles = Counter(), Counter()
    point_runs = {} if point_runs is None else point_runs
    for pid in pids:
        text = text_of[pid]
        if pid not in point_runs:
            point_runs[pid] = runs(text, [t for t in tokens.get(pid, ()) or () if not _latin_filler(t)])
        for run in point_runs[pid]:
            for i, (tok, _at) in enumerate(run):
                if tok != key:
                    continue
                singles[tok] += 1
                for j in (i - 1, i + 1):
                    if 0 <= j < len(run):
                        lo, hi = sorted((i, j))
                        start, end = run[lo][1], run[hi][1] + len(run[hi][0])
                        doubles[text[start:end]] += 1 + (run[j][0] in words)
    if doubles:
        phrase, n = doubles.most_common(1)[0]
        if n * 2 >= singles[key] and n >= 2:
            return phrase
    return key


def shared_label(named: Sequence[Named], points: pd.DataFrame, tokens: pd.Series) -> str:
    """How both sides together write a thing they both name (its most frequent phrase)."""
    text_of = dict(zip(points["point_id"], points["text"].astype(str), strict=True))
    pids = [p for n in named for p in n.points if p in text_of]
    return _label([named[0].key], list(dict.fromkeys(pids)), text_of, tokens) if pids else named[0].label


def quote_of(named: Named, points: pd.DataFrame, words: Sequence[str], avoid: Iterable[str] = (),
             backs: Callable[[str], bool] | None = None) -> Quote:
    """The thing's quote from an expert who names it (``named.experts``) and is not in ``avoid``
    (e.g. not one who contradicts it): a sentence about it — the thing written whole, not an item
    of a passing list, one that ``backs`` it (says it is needed or important) where one does,
    the thing early in the sentence — of an answer of about 120 characters."""
    avoid = set(avoid)
    words = sorted(words, key=len, reverse=True)  # the thing as written whole (코어 네트워크) before its key (코어)
    rows = points[points["point_id"].isin(named.points) & ~points["transcript_id"].isin(avoid)
                  & points["transcript_id"].isin(named.experts)]
    if rows.empty:
        return named.quote
    text = rows["text"].astype(str)
    said = [quote_for(t, words) for t in text]

    def aboutness(i: int) -> tuple[int, int, bool, bool]:
        hit = [w for w in words if w and w in said[i]]
        at = min((said[i].find(w) for w in hit), default=len(said[i]))
        listed = any(in_passing(said[i], w) for w in hit)
        return listed, -max(map(len, hit), default=0), backs is not None and not backs(said[i]), at > 40

    best = min(range(len(rows)), key=lambda i: (*aboutness(i), abs(len(text.iloc[i]) - 120), i))
    return Quote(str(rows["point_id"].iloc[best]), str(rows["transcript_id"].iloc[best]),
                 quote_for(text.iloc[best], words))
