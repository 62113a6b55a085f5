"""The claims rules (``consult/data/claims.toml``): when a finding is consensus, divergence,
a split, a contrast or one side only — as data a person can read and edit.

    >>> rules = ClaimRules.default()
    >>> rules.judgement("저궤도 위성통신 R&D 투자의 시급성과 우선순위에 대해 평가해 주십시오.")
    'urgency+priority'
    >>> rules.stance_words('urgency+priority')
    ('시급성·우선순위를 높게 봄', '시급성·우선순위를 낮게 봄')
    >>> rules.judgement("가장 우선적으로 확보해야 할 기술은 무엇입니까?") is None
    True
    >>> urgent = rules.judgement_stance("urgency")
    >>> urgent.stance("투자가 필요함").polarity, urgent.stance("투자가 시급함").polarity
    (0, 1)
    >>> urgent.stance("투자가 시급하나, 우선순위가 더 높다고 할 수는 없음.").polarity
    -1
    >>> rules.dissent("고가 RF 핵심부품이 없더라도 통신 시스템 구축시 큰 문제는 없음.", "RF")
    '없더라도'
    >>> rules.dissent("학계에서는 공정연구에 집중하기 보다 차세대 전지 R&D에 집중 필요", "공정")
    '기 보다'
    >>> rules.dissent("RF 부품 중요", "RF") is None
    True
    >>> rules.dissent("무선링크 연구가 많으므로, 유선광은 중요도를 조금 낮출 필요", "무선") is None
    True
    >>> rules.dissent("모든 기술군(AI, 클라우드 등)이 중요하나, 이보다는 기반기술력이 가장 중요", "클라우드")
    '이보다는'

    >>> rules.dissent("산학 R&D는 좋은 전략일 수도 있음. 다만 운영할 교수진이 많지 않음.", "산학")
    '다만'

"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..josa import attach
from .stance import StanceRules, sentences

__all__ = ["ClaimRules", "JUDGEMENTS", "sentences"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "claims.toml"
#: the judgements a question can ask for, in the order the rules file lists them
JUDGEMENTS = ("priority", "urgency", "necessity", "feasibility", "effectiveness")
#: where a clause ends inside a sentence: a comma, or a connective ending and a space
_CLAUSE_END = re.compile(r",\s*|(?<=므로)\s|(?<=으며)\s|(?<=하며)\s|(?<=하고)\s|(?<=어서)\s|(?<=는데)\s|(?<=지만)\s")


@dataclass(frozen=True)
class ClaimRules:
    """The rules of ``claims.toml`` plus the stance cues of ``stance.toml`` (``stance``)."""

    consensus_share: float
    shared_min_experts: int
    min_experts: int
    generic_share: float
    generic_min_points: int
    max_things: int
    judgement_cues: tuple[tuple[str, tuple[str, ...]], ...]
    naming: tuple[str, ...]
    judgement_words: dict[str, tuple[tuple[str, str], tuple[str, str]]]
    dissent_phrases: tuple[str, ...]
    before_marker: tuple[str, ...]
    anywhere: tuple[str, ...]
    concessive: tuple[str, ...]
    concede_ends: tuple[str, ...]
    turn_away: tuple[str, ...]
    turns: tuple[str, ...]
    limits: tuple[str, ...]
    excluded: frozenset[str]
    stance: StanceRules
    judgement_cue_lists: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    judgement_names: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, path: str | Path, stance: StanceRules | None = None) -> ClaimRules:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        judgement = data.get("judgement", {})
        words = data.get("judgement_words", {})
        dissent = data.get("dissent", {})
        return cls(
            consensus_share=float(data.get("consensus_share", 0.5)),
            shared_min_experts=int(data.get("shared_min_experts", 3)),
            min_experts=int(data.get("min_experts", 1)),
            generic_share=float(data.get("generic_share", 0.10)),
            generic_min_points=int(data.get("generic_min_points", 5)),
            max_things=int(data.get("max_things", 3)),
            judgement_cues=tuple((k, tuple(judgement.get(k, ()))) for k in JUDGEMENTS),
            naming=tuple(judgement.get("naming", ())),
            judgement_words={k: (tuple(v[0]), tuple(v[1])) for k, v in words.items()},
            dissent_phrases=tuple(dissent.get("phrases", ())),
            before_marker=tuple(dissent.get("before_marker", ())),
            anywhere=tuple(dissent.get("anywhere", ())),
            concessive=tuple(dissent.get("concessive", ())),
            concede_ends=tuple(dissent.get("concede_ends", ())),
            turn_away=tuple(dissent.get("turn_away", ())),
            turns=tuple(dissent.get("turns", ())),
            limits=tuple(dissent.get("limits", ())),
            excluded=frozenset(data.get("things", {}).get("exclude", ())),
            stance=stance or StanceRules.default(),
            judgement_cue_lists={k: (tuple(v.get("for", ())), tuple(v.get("against", ())))
                                 for k, v in data.get("judgement_cues", {}).items()},
            judgement_names={k: (str(v[0]), str(v[1])) for k, v in data.get("judgement_names", {}).items()},
        )

    @classmethod
    def default(cls) -> ClaimRules:
        return _default()

    # -- questions ----------------------------------------------------------------------
    def judgement(self, question: str) -> str | None:
        """What the question asks to be judged (``"urgency"`` …), or ``None`` for an open
        question (no judgement cue, or a word asking to name things). A question that asks
        several ("시급성과 … 우선순위를 평가") gets them joined in the order asked
        (``"urgency+priority"``): an answer judging either is a stance on it."""
        text = str(question)
        if any(w in text for w in self.naming):
            return None
        found = sorted((text.find(c), kind) for kind, cues in self.judgement_cues for c in cues if c in text)
        return "+".join(dict.fromkeys(kind for _, kind in found)) or None

    def judgement_stance(self, judgement: str | None) -> StanceRules:
        """The stance cues for a judgement: the general cues, with the judgement's own FOR cues
        in place of the general ones and its AGAINST cues added (``[judgement_cues]``)."""
        lists = [self.judgement_cue_lists[k] for k in (judgement or "").split("+") if k in self.judgement_cue_lists]
        if not lists:
            return self.stance
        for_cues = tuple(dict.fromkeys(c for f, _ in lists for c in f))
        against = tuple(dict.fromkeys(c for _, a in lists for c in a))
        return replace(self.stance, positive=for_cues or self.stance.positive,
                       negative_phrases=(*against, *self.stance.negative_phrases))

    def stance_words(self, judgement: str, lang: str = "ko") -> tuple[str, str]:
        """How "for" and "against" are said for a judgement (``("시급하다고 봄", …)``); for
        several asked together, the judgement words of ``[judgement_words.combined]`` with
        their names joined ("시급성·우선순위를 높게 봄")."""
        kinds = [k for k in str(judgement).split("+") if k]
        if len(kinds) > 1:
            names = [self.judgement_names.get(k, (k, k)) for k in kinds]
            ko = "·".join(n[0] for n in names)
            en = " and ".join(n[1] for n in names)
            return ((f"{ko}을 높게 봄" if attach(ko, "을").endswith("을") else f"{ko}를 높게 봄",
                     f"{ko}을 낮게 봄" if attach(ko, "을").endswith("을") else f"{ko}를 낮게 봄")
                    if lang == "ko" else (f"high in {en}", f"low in {en}"))
        ko, en = self.judgement_words.get(judgement, (("지지", "반대"), ("for", "against")))
        return ko if lang == "ko" else en

    # -- contradiction -------------------------------------------------------------------
    def dissent(self, text: str, thing: str) -> str | None:
        """The cue by which ``text`` contradicts ``thing`` (in a sentence naming it), or ``None``.

        A dissent phrase after the thing, a preference marker after it ("X보다는"), a
        "차라리" anywhere in the sentence, a conceding clause naming it ("X는 … 아니나"), or a
        turn later in the text that limits it ("다만 … 많지 않음")."""
        if not thing:
            return None
        text = str(text)
        for sentence in sentences(text):
            at = sentence.find(thing)
            if at < 0:
                continue
            # the clause that names the thing (a cue in a later clause is about something else:
            # "…무선링크 연구가 많으므로, … 유선광은 중요도를 낮출 필요") — unless that clause
            # concedes and the next one turns away ("…중요하나, 이보다는 …")
            clauses = _CLAUSE_END.split(sentence[at + len(thing):], maxsplit=1)
            after = clauses[0]
            if len(clauses) > 1 and after.rstrip(" ,").endswith(self.concede_ends):
                turn = next((w for w in self.turn_away if w in clauses[1][:20]), None)
                if turn:
                    return turn
            hits = [(after.find(c), c) for c in (*self.dissent_phrases, *self.before_marker,
                                                 *self.concessive) if c in after]
            hits += [(-1, c) for c in self.anywhere if c in sentence]
            if hits:
                return min(hits)[1]  # the cue nearest the thing
        at = text.find(thing)
        for turn in self.turns if at >= 0 else ():
            j = text.find(turn, at + len(thing))
            if j >= 0:
                opened = sentences(text[j:])[0]
                if any(limit in opened for limit in self.limits):
                    return turn
        return None


@lru_cache(maxsize=1)
def _default() -> ClaimRules:
    return ClaimRules.from_toml(_DATA)
