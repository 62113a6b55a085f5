"""Finding a claim of the authors' summary tables in the answers of its area (for
:func:`consult.findings.summaries.check_summaries`): who holds how much of it, and where it
stands in the source.

A *unit* is one answer point, or all of one expert's points on one question (a claim the
authors condensed from several points of one answer). A unit's *coverage* of a claim is the
larger of the weighted share of the claim's key words it holds (each weighted by how specific it
is in the area; found as a word or inside the text, spaces ignored) and the share of the claim's
character pairs it holds.

    >>> sorted(bigrams("RF 안테나"))
    ['F안', 'RF', '안테', '테나']
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from .rules import ClaimRules

__all__ = ["ClaimMatcher", "AreaAnswers", "SourceLines", "bigrams"]

_SPACES = re.compile(r"\s+")
#: words of a claim that never decide whether the minutes hold it
_FILLER = frozenset("필요 중요 의견 공통 다수 전원 자문 인 제시 제안 경우 등 관련 부분".split())


class ClaimMatcher:
    """Claims against the answers of one area: key words, their weights, coverage (of a unit:
    see the module doc)."""

    def __init__(self, points: pd.DataFrame, tokens: pd.Series, rules: ClaimRules):
        self.rules = rules
        units: dict[str, tuple[str, str, set[str], str]] = {}  # id → (expert, question, tokens, flat)
        for pid, tid, qid, text in zip(points["point_id"], points["transcript_id"],
                                       points["question_id"], points["text"], strict=True):
            toks = set(tokens.get(pid, ()) or ())
            flat = _SPACES.sub("", str(text))
            units[pid] = (tid, qid, toks, flat)
            joined = units.get(qid)
            units[qid] = (tid, qid, (joined[2] | toks) if joined else set(toks),
                          (joined[3] + flat) if joined else flat)
        self.units = units
        # each unit's character pairs, spaces removed (a claim pair is in the text iff it is one)
        self.pairs = {u: {flat[i:i + 2] for i in range(len(flat) - 1)} for u, (_t, _q, _w, flat) in units.items()}
        n = max(len(points), 1)
        df: dict[str, int] = {}
        for pid in points["point_id"]:
            for t in units[pid][2]:
                df[t] = df.get(t, 0) + 1
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        self.max_idf = math.log(1 + n) + 1

    def keys(self, claim_tokens: Sequence[str]) -> dict[str, float]:
        return {t: self.idf.get(t, self.max_idf) for t in dict.fromkeys(claim_tokens)
                if not t.endswith("다") and t not in _FILLER and (len(t) > 1 or not t.isascii())}

    def coverage(self, keys: dict[str, float], bigrams: set[str], unit: str) -> float:
        """The larger of the weighted share of key words the unit holds and the share of the
        claim's character pairs it holds (a claim in other words still shares most of them)."""
        total = sum(keys.values())
        _tid, _qid, own, flat = self.units[unit]
        by_words = (sum(w for k, w in keys.items() if k in own or k.replace(" ", "") in flat) / total
                    if total else 0.0)
        by_pairs = len(bigrams & self.pairs[unit]) / len(bigrams) if bigrams else 0.0
        return max(by_words, by_pairs)

    def best(self, keys: dict[str, float], bigrams: set[str],
             questions: set[str] | None = None) -> dict[str, tuple[float, str]]:
        """Each expert's best coverage and the point (or question) that gives it — among the
        answers to ``questions`` when given, else in the whole area."""
        out: dict[str, tuple[float, str]] = {}
        for unit, (tid, qid, _toks, _flat) in self.units.items():
            if questions is not None and qid not in questions:
                continue
            c = self.coverage(keys, bigrams, unit)
            if c > out.get(tid, (0.0, ""))[0]:
                out[tid] = (c, unit)
        return out


#: characters whose pairs are compared (Hangul, Latin letters and digits)
_WORDISH = re.compile(r"[^가-힣A-Za-z0-9]+")


def bigrams(text: str) -> set[str]:
    flat = _WORDISH.sub("", str(text))
    return {flat[i:i + 2] for i in range(len(flat) - 1)}


class AreaAnswers:
    """What every claim of one area is checked against, read once: the area's points (as
    tuples) and their :class:`ClaimMatcher`, its questions, who was asked each, each expert's role."""

    def __init__(self, points: pd.DataFrame, questions: pd.DataFrame, tokens: pd.Series,
                 rules: ClaimRules):
        self.matcher = ClaimMatcher(points, tokens, rules)
        self.points = list(zip(points["point_id"], points["transcript_id"], points["question_id"],
                               points["text"], strict=True))
        self.role_of = dict(zip(points["transcript_id"], points["role"], strict=False))
        self.question_ids = questions["question_id"].tolist()
        self.n_questions = questions["question_id"].nunique()
        self.asked_of = list(zip(questions["question_id"], questions["transcript_id"], strict=True))

    def asked(self, qids: set[str]) -> set[str]:
        """The experts asked any of ``qids``."""
        return {t for q, t in self.asked_of if q in qids}


class SourceLines:
    """The source lines of each document (``corpus.coverage()``), spaces removed, read once:
    :meth:`line_of` finds where a claim starts."""

    def __init__(self, cov: pd.DataFrame | None):
        self.docs: dict[Any, list[tuple[int, str]]] = {}
        if cov is None or cov.empty:
            return
        for doc, line, text in zip(cov["doc"], cov["line"], cov["text"].astype(str), strict=True):
            self.docs.setdefault(doc, []).append((int(line), _SPACES.sub("", text)))

    def line_of(self, r: dict, claim: str) -> int | None:
        """The source line where the claim starts (its first words, spaces ignored), within its
        row (or up to 40 lines after it)."""
        start, end = r.get("line_start"), r.get("line_end")
        if not self.docs or start is None or end is None:
            return None
        probe = _SPACES.sub("", claim)[:12]
        first, last = int(start), int(end) + 40
        for line, flat in self.docs.get(r["doc"], ()):
            if first <= line <= last and probe and probe[:8] in flat:
                return line
        return int(start)
