"""A finding is one claim about two groups on one question, with its evidence; every sentence,
table row and chart about it is a rendering of this object.

    Finding
      area, topic                 a short noun phrase (the thing, or what the question asks)
      basis                       the question it rests on (or a marked pair of similar questions)
      kind                        consensus · divergence · split · contrast · one_side · not_asked
                                  · not_comparable (see ``consult/data/claims.toml``)
      sides (a, b)                per group: experts asked, experts counted (k), what they named
                                  with quotes, stance (judgement questions only), dissent quoted
      strength                    one_person · anecdotal (two) · counts only / a test (≥ 3 a side) · no comparison
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .things import Named, Quote

__all__ = ["Side", "Finding", "KINDS", "KIND_NAMES", "STRENGTHS"]

#: the kinds of finding, in the order a reader should see them
KINDS = ("divergence", "split", "consensus", "contrast", "one_side", "not_asked", "not_comparable")
#: how each kind is named: (Korean, English)
KIND_NAMES = {
    "divergence": ("반대 입장", "Opposite views"), "split": ("의견 갈림", "Views split"),
    "consensus": ("공통", "Agreement"), "contrast": ("각자 언급", "What each side names"),
    "one_side": ("한쪽만 언급", "One side only"), "not_asked": ("한쪽만 질문받음", "Asked of one side"),
    "not_comparable": ("비교 불가", "Not comparable"),
}
#: a one-side finding on a judgement question: one side judges, the other does not
JUDGED_BY_ONE_SIDE = ("한쪽만 판단", "Only one side judges")
STRENGTHS = ("one_person", "anecdotal", "counts only", "no comparison")


@dataclass(frozen=True)
class Side:
    """One group on one finding.

    ``asked``: experts asked the question; ``k``: experts the finding counts on this side (who
    name its thing, or hold its stance); ``named``: the things this side named (for the
    finding's thing, or the side's own emphases); ``stance``: ``for``/``against``/``mixed`` on
    judgement questions, else ``""``; ``stance_counts``: (for, against); ``dissent``: quotes of
    this side's experts who say otherwise; ``quotes``: the quotes behind ``k``; ``conceded``:
    of ``k``, those who grant the other stance a point first ("시급하나, …").
    """

    group: str
    asked: tuple[str, ...]
    k: int = 0
    named: tuple[Named, ...] = ()
    stance: str = ""
    stance_counts: tuple[int, int] = (0, 0)
    dissent: tuple[Quote, ...] = ()
    quotes: tuple[Quote, ...] = ()
    conceded: int = 0

    @property
    def n(self) -> int:
        return len(self.asked)

    @property
    def evidence(self) -> tuple[str, ...]:
        ids = [q.point_id for q in self.quotes]
        for thing in self.named:
            ids += list(thing.points)
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class Finding:
    """One claim about two groups on one basis (see the module docstring)."""

    finding_id: str
    area: str
    topic: str
    kind: str
    a: Side
    b: Side
    basis_id: str = ""
    basis_kind: str = "same"      # same · similar · one_side · area
    question_ids: tuple[str, ...] = ()
    question_a: str = ""
    question_b: str = ""
    judgement: str = ""
    strength: str = ""
    rule: str = ""
    thing: str = ""
    extra: dict = field(default_factory=dict)

    def side(self, which: str) -> Side:
        return self.a if which == "a" else self.b
