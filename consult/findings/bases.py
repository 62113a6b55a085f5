"""What a finding may rest on: one question put to both sides, or a marked pair of similar
questions from the two sides' questionnaires — never answers to different questions.

A *basis* is one aligned question of :func:`~consult.findings.questionnaire.questionnaire`
(the same question, asked of everyone it lists), or — where the two groups answered different
questionnaires — a pair of one-side questions that ask about the same thing in other words
(``kind="similar"``: they ask to name or judge the same head word, their content words have a
cosine of at least :data:`PAIR_MIN`, and the most similar such pairs are taken one to one). A question asked of one group only, with
no such partner, is a basis of kind ``"one_side"``: it shows what that side said and nothing
is compared on it.

    >>> question_topic("저궤도 위성통신이 논의되고 있습니다. 저궤도 위성통신 R&D 투자의 시급성에 대해 평가해 주십시오.")
    '저궤도 위성통신 R&D 투자의 시급성'
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .questionnaire import question_gist
from .rules import ClaimRules

__all__ = ["Basis", "find_bases", "question_topic", "PAIR_MIN"]

#: cosine of two one-side questions' content words (area idf) for them to be a similar pair
PAIR_MIN = 0.15
#: a question topic longer than this is shortened to its last clause(s)
TOPIC_CHARS = 40
#: clause connectives a long question is cut after (what it asks about follows the last one)
_CONNECTIVE = re.compile(
    r"(?:고려(?:했|하였|할)을?\s*때|감안(?:했|할)을?\s*때|고려\s*시|상황에서|배경\s*아래|"
    r"있는데|하는데|되는데|는데|보면|에\s*따른|에\s*따라|측면에서|관점에서|대비|와\s*함께|"
    r"과\s*함께|가운데|으로서|로서|무엇이고|무엇이며|무엇인지와|단계이며|않더라도|관련하여)[,]?\s+")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_QUOTES = re.compile(r"[‘’“”'\"*]")
_POINTING = ("이것", "이러한", "이런", "이에", "이와", "이를", "그러한", "해당")
#: the last thing a sentence puts forward as an object ("… 버그바운티 및 화이트해커 등을 활용하자는")
_OBJECT = re.compile(r"(?:위해|보면|에서|는데|하며|하고|으로)\s+([^.]{2,30}?)\s*(?:등)?(?:을|를)\s")
#: the end of an asking clause that names nothing (its verb and wh-word)
_ASK_END = re.compile(
    r"(?:(?:이라고|라고)?(?<!\s)\s*+생각(?:하시는\s*+지요|하시는지요|하십니까|하시는지|하세요|하시나요))$|"
    r"(?:(?:이|가)(?<!\s)\s*+)?(?:있을까요|있을지|있는\s*+지요|있는지요|있는지|있습니까|있나요|있다면)$|"
    r"(?:인가요|일까요|인지요|일지|인지)$|(?<!\s)\s*+(?:에\s*+대한|에\s*+대해)?\s*+의견\s*+부탁\S*+$|"
    r"(?<!\s)\s++(?:또는|혹은|및)$")
_WH_END = re.compile(r"(?<!\s)\s*+(?:은|는|이|가|에는|에서는|으로는|로는)?\s*+(?:무엇|어떤\s++방법|어떤\s++것|어떠한\s++것)$")
#: "…이루어지고 있는지요" said as a noun clause
_HAPPENING = re.compile(r"이루어지고\s*+있는\s*+지?요?$")
#: the space after a sentence's end
_SENTENCE_GAP = re.compile(r"(?<=[.?!])\s+")
#: a word a shortened topic should not start with: it hangs on a word cut away
_HANGING = ("에", "에서", "를", "을", "으로", "로", "과", "와", "는", "은", "고", "며", "서", "도")
_WH_DIFF = re.compile(r"(?:에서는|에는|은|는)?(?<!\s)\s*+어떠한\s++차이$")
Tokenize = Callable[[str], Sequence[str]]


@dataclass(frozen=True)
class Basis:
    """One question (or marked pair) findings may rest on.

    ``asked`` maps each group to the experts (transcript ids) asked; ``question`` each group to
    the question text it was asked in; ``kind`` is ``same``, ``similar`` or ``one_side``.
    """

    basis_id: str
    area: str
    kind: str
    aligned_ids: tuple[str, ...]
    question_ids: tuple[str, ...]
    question: dict[str, str]
    asked: dict[str, tuple[str, ...]]
    topic: str
    judgement: str | None = None
    similarity: float | None = None
    question_words: frozenset[str] = field(default_factory=frozenset)
    topics: dict[str, str] = field(default_factory=dict)

    def both_asked(self, groups: Sequence[str]) -> bool:
        return all(self.asked.get(g) for g in groups)


def question_topic(text: str, tokens: Sequence[str] = (), limit: int = TOPIC_CHARS) -> str:
    """What a question asks about as a short, whole phrase: its asking sentence without the
    request for views, the asking verb, brackets and quote marks; when long, the part after
    its last clause connective that fits (``…고려했을 때 X`` → ``X``); a sentence that points
    back ("이것이 …", "이러한 제안의 …") names what it points to. Never cut inside a word.

        >>> question_topic("초거대 AI 확산과 함께 AI칩 수요증가에 따른 시장 현황(흐름)과 산업현황(제공자료)에 대한 견해 부탁드립니다.", limit=30)
        'AI칩 수요증가에 따른 시장 현황과 산업현황'
        >>> question_topic("테슬라의 로드맵을 보면 탭리스, 건식 공정 등을 선언하고 있습니다. 이것이 우리나라 R&D정책에 포함되어야 할지 의견 부탁드립니다.")
        '탭리스, 건식 공정: 우리나라 R&D정책에 포함되어야 할지'
        >>> question_topic("이차전지 인력양성에 있어서 가장 중요한 점이 무엇이라고 생각하시는지요?")
        '이차전지 인력양성에 있어서 가장 중요한 점'
    """
    clean = _QUOTES.sub("", _PAREN.sub("", " ".join(str(text).split())))
    clean = " ".join(clean.replace(" ,", ",").replace(" .", ".").split())
    sentences = [x for x in _SENTENCE_GAP.split(clean) if x.strip()]
    at = next((i for i, x in enumerate(sentences) if x.rstrip().endswith("?")
               or question_gist(x, limit=400) != x.rstrip(" .?!")), 0) if sentences else 0
    gist = question_gist(sentences[at], limit=400).lstrip("…").strip(" ,") if sentences else ""
    gist = _trim_ask(gist)
    if gist.endswith(("어야", "해야")):
        gist += " 할지"
    short = _shorten(gist, limit)
    pointed = ""
    if short.startswith(_POINTING) and at > 0:
        found = list(_OBJECT.finditer(sentences[at - 1] + " "))
        pointed = found[-1].group(1).strip(" ,") if found else ""
        short = _shorten(_unpoint(short), limit - (len(pointed) + 2 if pointed else 0))
    elif short.startswith(_POINTING):
        short = _unpoint(short)
    if not short:
        words = [t for t in dict.fromkeys(tokens) if not t.endswith("다")]
        short = "·".join(words[:4]) if words else gist[:limit]
    return f"{pointed}: {short}" if pointed else short


def _unpoint(text: str) -> str:
    """``text`` without the pointing words it starts with ("이에 대한 X" → "X")."""
    words = text.split()
    while len(words) > 1 and (words[0].startswith(_POINTING) or words[0] in ("대한", "대해", "관련한", "관련하여")):
        words = words[1:]
    return " ".join(words)


def _trim_ask(gist: str) -> str:
    """The asking clause without its asking verb and wh-word ("…점이 무엇이라고 생각하시는지요")."""
    gist = _HAPPENING.sub("이루어지는지", gist)
    for _ in range(2):
        gist = _ASK_END.sub("", gist).rstrip(" ,")
        gist = _WH_END.sub("", gist).rstrip(" ,")
    return _WH_DIFF.sub("의 차이", gist).rstrip(" ,")


def _shorten(gist: str, limit: int) -> str:
    """``gist`` if it fits; else the longest part after a clause connective that fits (at least
    two words); else its last words that fit."""
    if len(gist) <= limit:
        return gist
    for m in _CONNECTIVE.finditer(gist):
        rest = gist[m.end():].strip(" ,")
        if len(rest) <= limit and " " in rest:
            return rest
    words = gist.split()
    out: list[str] = []
    for w in reversed(words):
        if len(" ".join([w, *out])) > limit:
            break
        out.insert(0, w)
    while len(out) > 2 and out[0].endswith(_HANGING):
        out = out[1:]
    return " ".join(out)


def find_bases(questionnaire: pd.DataFrame, group_of: dict[str, str], groups: Sequence[str],
               rules: ClaimRules, tokenize: Tokenize) -> list[Basis]:
    """Every basis of every area: aligned questions, similar pairs, one-side questions."""
    out: list[Basis] = []
    all_words = [_words(tokenize(q)) for q in questionnaire["question"].astype(str)]
    for area, block in questionnaire.groupby("area", sort=False):
        rows = [r for r in block.to_dict("records") if not r.get("generic")]
        words = {r["aligned_id"]: _words(tokenize(r["question"])) for r in rows}
        asked = {r["aligned_id"]: _asked_by(r, group_of, groups) for r in rows}
        both = [r for r in rows if all(asked[r["aligned_id"]][g] for g in groups)]
        ones = [r for r in rows if r not in both and any(asked[r["aligned_id"]][g] for g in groups)]
        pairs = _similar_pairs(ones, rows, words, asked, groups, rules, all_words)
        paired = {r["aligned_id"] for group, _ in pairs for r in group}
        for r in both:
            out.append(_basis(str(area), "same", [r], asked, words, rules, tokenize))
        for group, sim in pairs:
            out.append(_basis(str(area), "similar", group, asked, words, rules, tokenize, sim))
        for r in ones:
            if r["aligned_id"] not in paired:
                out.append(_basis(str(area), "one_side", [r], asked, words, rules, tokenize))
    return out


def _words(tokens: Sequence[str]) -> list[str]:
    return [t for t in tokens if not t.endswith("다")]


def _asked_by(row: dict, group_of: dict[str, str], groups: Sequence[str]) -> dict[str, tuple[str, ...]]:
    tids = [t for t in str(row["transcript_ids"]).split("; ") if t]
    return {g: tuple(t for t in tids if group_of.get(t) == g) for g in groups}


def _basis(area: str, kind: str, rows: list[dict], asked: dict, words: dict, rules: ClaimRules,
           tokenize: Tokenize, similarity: float | None = None) -> Basis:
    groups = list(next(iter(asked.values())).keys())
    by_group: dict[str, tuple[str, ...]] = {g: () for g in groups}
    question: dict[str, str] = {}
    for r in rows:
        for g in groups:
            if asked[r["aligned_id"]][g]:
                by_group[g] = by_group[g] + asked[r["aligned_id"]][g]
                question.setdefault(g, str(r["question"]))
    first = rows[0]
    topic_of = {r["aligned_id"]: r.get("question_topic") or question_topic(r["question"], words[r["aligned_id"]])
                for r in rows}
    topics: dict[str, str] = {}
    for r in rows:  # a side asked in two questionnaires' words: both topics, 「A」·「B」
        for g in groups:
            if asked[r["aligned_id"]][g] and topic_of[r["aligned_id"]] not in topics.get(g, ""):
                topics[g] = f"{topics[g]}」·「{topic_of[r['aligned_id']]}" if g in topics else topic_of[r["aligned_id"]]
    topic = topic_of[first["aligned_id"]]
    qwords = frozenset(w for r in rows for w in words[r["aligned_id"]])
    # a judgement is asked in the asking clause, not in the background ("…필요성이 부각되는 상황에서")
    judged = [rules.judgement(topic_of[r["aligned_id"]]) for r in rows]
    return Basis(
        basis_id="~".join(r["aligned_id"] for r in rows), area=area, kind=kind,
        aligned_ids=tuple(r["aligned_id"] for r in rows),
        question_ids=tuple(q for r in rows for q in str(r["question_ids"]).split("; ") if q),
        question=question, asked=by_group, topic=str(topic),
        judgement=judged[0] if len(set(judged)) == 1 else None,
        similarity=None if similarity is None else round(similarity, 3), question_words=qwords,
        topics=topics,
    )


def asked_heads(question: str, excluded: frozenset[str] = frozenset()) -> set[str]:
    """What a question asks the expert to name or judge: the two words before each "…은
    무엇" / "…에 대한 의견" (없으면 the last two words of its asking clause), without words
    that only ask (전략, 방안, 의견 …).

        >>> sorted(asked_heads("반드시 확보해야 할 기술이 무엇인지와 정부 지원의 필요성에 대한 의견 부탁드립니다."))
        ['기술', '지원', '필요성', '할']
    """
    heads: set[str] = set()
    for m in _ASKED.finditer(str(question)):
        words = (m.group(1) or m.group(2)).split()[-2:]
        heads.update(_JOSA_END.sub("", w) or w for w in words)
    if not heads:
        words = question_gist(str(question), limit=400).split()[-2:]
        heads.update(_JOSA_END.sub("", w) or w for w in words)
    return {h for h in heads if h and h not in excluded}


#: what stands before a question word or a request for views ("X는 무엇", "X에 대한 의견")
_ASKED = re.compile(r"(?<!\S)((?:\S+\s){0,2}?\S+?)(?:은|는|이|가)\s*+무엇|"
                    r"(?<!\S)((?:\S+\s){0,2}?\S+?)에\s*+(?:대한|대해|관한)\s*+(?:의견|견해|조언)")
_JOSA_END = re.compile(r"(?:은|는|이|가|의|을|를)$")


def _similar_pairs(ones: list[dict], rows: list[dict], words: dict, asked: dict,
                   groups: Sequence[str], rules: ClaimRules, all_words: Sequence[Sequence[str]]
                   ) -> list[tuple[list[dict], float]]:
    """Groups of one-side questions that ask for the same thing in other words, each with its
    similarity: they ask to name (or judge) the same head word (:func:`asked_heads`), and of such
    pairs the most similar ones are taken one to one, each at cosine ≥ :data:`PAIR_MIN` (content
    words weighted by their idf over all questions ``all_words``; words nearly every question of
    the area uses weigh nothing). A question left over joins the pair of its best match when it
    was put to other experts of the same side (their questionnaire asked it in its own words:
    two academics got Q2, two others Q1); the same experts' answers to two questions are never
    joined."""
    a_side = [r for r in ones if asked[r["aligned_id"]][groups[0]]]
    b_side = [r for r in ones if asked[r["aligned_id"]][groups[1]]]
    if not a_side or not b_side:
        return []
    df = Counter(w for d in all_words for w in set(d))
    n = len(all_words)
    idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
    area_df = Counter(w for r in rows for w in set(words[r["aligned_id"]]))
    ubiquitous = {w for w, c in area_df.items() if len(rows) >= 4 and c >= 0.8 * len(rows)}

    def vec(r: dict) -> dict[str, float]:
        v = {w: idf.get(w, 1.0) for w in set(words[r["aligned_id"]]) if w not in ubiquitous}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    heads = {r["aligned_id"]: asked_heads(r["question"], rules.excluded) for r in ones}
    cands = []
    for a in a_side:
        va = vec(a)
        for b in b_side:
            if not heads[a["aligned_id"]] & heads[b["aligned_id"]]:
                continue
            vb = vec(b)
            sim = sum(x * vb.get(w, 0.0) for w, x in va.items())
            if sim >= PAIR_MIN:
                cands.append((sim, a["aligned_id"], b["aligned_id"], a, b))
    pairs: list[tuple[list[dict], float]] = []
    group_of: dict[str, int] = {}
    ranked = sorted(cands, key=lambda c: (-c[0], c[1], c[2]))
    for sim, aid, bid, a, b in ranked:
        if aid not in group_of and bid not in group_of:
            group_of[aid] = group_of[bid] = len(pairs)
            pairs.append(([a, b], sim))
    for sim, aid, bid, a, b in ranked:  # best match first: a left-over question joins its best
        for extra, partner in ((a, bid), (b, aid)):
            eid = extra["aligned_id"]
            if eid in group_of or partner not in group_of:
                continue
            group, best = pairs[group_of[partner]]
            side = [g for g in groups if asked[eid][g]]
            mates = [r for r in group if r["aligned_id"] != partner]
            if any(set(asked[eid][g]) & set(asked[r["aligned_id"]][g]) for r in mates for g in side):
                continue  # the same experts asked two questions: not one question in other words
            group_of[eid] = group_of[partner]
            pairs[group_of[partner]] = ([*group, extra], min(best, sim))
    return pairs
