"""Stance of an answer by Korean cue rules: for (+1), against or sceptical (−1), or neither (0).

Rules, not a model: cue words from ``consult/data/stance.toml`` matched clause by clause, a
negation after a cue in the same clause flipping it, hedges reported. The rules and their tests
(``tests/test_findings.py``) are the documentation of what counts.

    >>> rules = StanceRules.default()
    >>> rules.stance("정부 지원이 시급히 필요합니다.").polarity
    1
    >>> rules.stance("이탈은 우려할 정도는 아닙니다.").polarity
    1
    >>> rules.stance("효과적이지 않을 것으로 보입니다.").polarity
    -1
    >>> rules.stance_toward("계약학과보다는 마이크로 디그리가 필요합니다.", ["계약학과"]).polarity
    -1
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import DECLARATIVE

__all__ = ["Stance", "StanceRules", "sentences", "positions"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "stance.toml"
#: a clause ends at punctuation or at a sentence ending (…다. …음 …함); commas and 나/지만 split
_CLAUSE = re.compile(rf"[.;?!。\n]|(?<=[{''.join(DECLARATIVE)}])\s|,\s?|(?<=지만)\s|(?<=나)\s(?=[가-힣])")
#: a sentence ends at . ? ! ; before a space or the end (not inside 1.5), at a line break, or at a
#: nominal sentence ending (…음/함/임/됨) before a space — not at every 다 ("집중하기 보다 …")
_NOMINAL_ENDS = "".join(e for e in DECLARATIVE if e != "다")
_SENTENCE = re.compile(rf"(?<=[.?!;。])(?:\s+|$)|\n+|(?<=[{_NOMINAL_ENDS}])\s+")


def positions(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``.

        >>> positions("특화망 사업, 특화망", "특화망")
        [0, 8]
    """
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def sentences(text: str) -> list[str]:
    r"""The sentences of an answer (stripped, none empty).

        >>> sentences("망간리치(Li1.5) 까지 개발함. 다만 어렵다 보다 낫다\n- 둘째 문장")
        ['망간리치(Li1.5) 까지 개발함.', '다만 어렵다 보다 낫다', '- 둘째 문장']
    """
    return [s.strip() for s in _SENTENCE.split(str(text)) if s and s.strip()]
#: how far after a cue a negation may stand (characters) to flip it
_NEGATION_REACH = 12


@dataclass(frozen=True)
class Stance:
    """``polarity`` +1 / −1 / 0; the cues that decided it; ``hedged`` when a hedge was seen;
    ``conceded`` when a conceding clause with the other stance gave way to it ("시급하나, …
    우선순위가 높다고 할 수는 없음": against, conceded)."""

    polarity: int
    score: int
    cues: tuple[str, ...]
    hedged: bool
    conceded: bool = False


@dataclass(frozen=True)
class StanceRules:
    """Cue lists (see ``consult/data/stance.toml``); ``instruments`` maps a lever to its words."""

    positive: tuple[str, ...]
    negative: tuple[str, ...]
    negative_phrases: tuple[str, ...]
    negations: tuple[str, ...]
    hedges: tuple[str, ...]
    instruments: tuple[tuple[str, tuple[str, ...]], ...]
    concessive: tuple[str, ...] = ()
    evaluative_question: tuple[str, ...] = ()
    self_words: tuple[str, ...] = ()
    contrast: tuple[str, ...] = ()
    problem: tuple[str, ...] = ()

    @classmethod
    def from_toml(cls, path: str | Path) -> StanceRules:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        return cls(
            positive=tuple(data.get("positive", ())),
            negative=tuple(data.get("negative", ())),
            negative_phrases=tuple(data.get("negative_phrases", ())),
            negations=tuple(data.get("negations", ())),
            hedges=tuple(data.get("hedges", ())),
            instruments=tuple((k, tuple(v)) for k, v in data.get("instruments", {}).items()),
            concessive=tuple(data.get("concessive", ())),
            evaluative_question=tuple(data.get("evaluative_question", ())),
            self_words=tuple(data.get("self_words", ())),
            contrast=tuple(data.get("contrast", ())),
            problem=tuple(data.get("problem", ())),
        )

    @classmethod
    def default(cls) -> StanceRules:
        return _default_rules()

    def _clause_score(self, clause: str) -> tuple[int, list[str]]:
        score, cues = 0, []
        taken = [False] * len(clause)
        for phrase in self.negative_phrases:
            for m in _literal(phrase).finditer(clause):
                if not any(taken[m.start():m.end()]):  # overlapping phrases count once …
                    score -= 1
                    cues.append(phrase)
                taken[m.start():m.end()] = [True] * (m.end() - m.start())  # … and cover their words
        for words, sign in ((self.positive, 1), (self.negative, -1), (self.problem, 0)):
            for word in words:
                for m in _literal(word).finditer(clause):
                    if any(taken[m.start():m.end()]):
                        continue
                    after = clause[m.end():m.end() + _NEGATION_REACH]
                    # a negation that belongs to a negative phrase already counted ("무리가 있어
                    # 필요하지 않음") flips nothing else
                    flipped = any(not taken[m.end() + i] for n in self.negations
                                  for i in positions(after, n))
                    if sign == 0:  # a problem named: no stance; a problem denied: for
                        score += 1 if flipped else 0
                        cues.append(("¬" if flipped else "") + word + "?")
                        continue
                    score += -sign if flipped else sign
                    cues.append(("¬" if flipped else "") + word)
        return score, cues

    def stance(self, text: str) -> Stance:
        """The stance of one answer text (a point, or several joined)."""
        clauses = [c.strip() for c in _CLAUSE.split(str(text)) if c and c.strip()]
        return self._combine(clauses, [self._clause_score(c) for c in clauses], str(text))

    def stance_toward(self, text: str, targets: Sequence[str]) -> Stance | None:
        """The stance of ``text`` toward ``targets`` (the thing a question asks about).

        Only the sentences that name a target count, and a preference marker (``contrast``:
        "X보다는 Y") decides its clause: against the target before it, for the target after it.
        ``None`` when no clause names a target (the caller falls back to :meth:`stance`).
        """
        targets = [t for t in targets if t]
        kept, scored = [], []
        for sentence in sentences(text):
            if not any(t in sentence for t in targets):
                continue
            for clause in (c.strip() for c in _CLAUSE.split(sentence)):
                if not clause:
                    continue
                kept.append(clause)
                at = [clause.find(t) for t in targets if t in clause]
                marker = next(((m, clause.find(m)) for m in self.contrast if m in clause), None)
                if at and marker is not None:
                    before = min(at) < marker[1]
                    scored.append((-1 if before else 1, [("¬" if before else "") + marker[0].strip()]))
                else:
                    scored.append(self._clause_score(clause))
        return self._combine(kept, scored, " ".join(kept)) if kept else None

    def _combine(self, clauses: list[str], scored: list[tuple[int, list[str]]], text: str) -> Stance:
        """One vote per clause; a conceding clause gives way to a next clause with a stance."""
        score, cues, given = 0, [], []
        for i, (s, c) in enumerate(scored):
            gives_way = (clauses[i].rstrip(" ,").endswith(self.concessive) and i + 1 < len(scored)
                         and scored[i + 1][0] != 0)
            if not gives_way:
                score += max(-1, min(1, s))  # one vote per clause
                cues += c
            elif s:
                given.append(s)
        hedged = any(h in text for h in self.hedges)
        polarity = (score > 0) - (score < 0)
        return Stance(polarity=polarity, score=score, cues=tuple(cues), hedged=hedged,
                      conceded=any(s * polarity < 0 for s in given))

    def is_evaluative(self, question: str) -> bool:
        """Does the question ask for a judgement (need, urgency, priority …)?"""
        return any(w in str(question) for w in self.evaluative_question)

    def instruments_in(self, text: str) -> tuple[str, ...]:
        """The policy instruments a text names (``예산·투자``, ``계약학과``, …), in rule order."""
        return tuple(name for name, words in self.instruments if any(w in text for w in words))


@lru_cache(maxsize=4096)
def _literal(text: str) -> re.Pattern[str]:
    """``text`` as a compiled literal pattern (escaped and compiled once, not at every clause)."""
    return re.compile(re.escape(text))


@lru_cache(maxsize=1)
def _default_rules() -> StanceRules:
    return StanceRules.from_toml(_DATA)
