"""Findings and positions as tables with fixed columns (documented in docs/findings.md): what
the report, the workbook, ``findings.csv`` and the evidence browser render.

``findings``: one row per :class:`~consult.findings.model.Finding` (:data:`FINDING_COLUMNS`).
``positions``: what each side said on each question, before any verdict — one row per side and
thing named, counted by expert (:data:`POSITION_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .bases import Basis
from .model import Finding, Side
from .sentences import sentence
from .things import Named

__all__ = ["FINDING_COLUMNS", "POSITION_COLUMNS", "AREA_COLUMNS", "findings_table",
           "positions_table", "named_text"]

FINDING_COLUMNS = [
    "finding_id", "within", "topic", "kind", "thing", "question_topic", "basis", "basis_kind",
    "judgement", "a_group", "b_group", "a_k", "a_asked", "b_k", "b_asked", "a_named", "b_named",
    "both_named", "a_stance", "b_stance", "a_position", "b_position", "a_quote_id", "b_quote_id",
    "a_evidence", "b_evidence", "a_dissent", "b_dissent", "a_dissent_ids", "b_dissent_ids",
    "question_ids", "strength", "rule", "headline", "sentence", "sentence_en",
]
#: per area: experts of each group, questions both groups were asked (``asked_both``), pairs of
#: similar questions, questions asked of one group only, and the findings of each kind
AREA_COLUMNS = [
    "within", "a_group", "b_group", "a_experts", "b_experts", "asked_both", "similar_pairs",
    "asked_one_side", "a_per_question", "b_per_question", "n_divergence", "n_split", "n_consensus", "n_contrast", "n_one_side",
    "n_not_asked", "n_not_comparable",
]
POSITION_COLUMNS = [
    "within", "basis", "basis_kind", "question_topic", "group", "asked", "answered", "thing",
    "k", "experts", "point_ids", "quote", "quote_id",
]


def named_text(named: Sequence[Named]) -> str:
    """``특화망 (3명); 의료 (2명)`` — what a side named, with how many of its experts."""
    return "; ".join(f"{n.label} ({n.k}명)" for n in named)


def _side_cols(prefix: str, s: Side) -> dict:
    first = s.quotes[0] if s.quotes else None
    return {
        f"{prefix}_group": s.group, f"{prefix}_k": s.k, f"{prefix}_asked": s.n,
        f"{prefix}_named": named_text(s.named), f"{prefix}_stance": s.stance,
        f"{prefix}_position": first.text if first else "",
        f"{prefix}_quote_id": first.point_id if first else "",
        f"{prefix}_evidence": ";".join(s.evidence),
        f"{prefix}_dissent": " / ".join(q.text for q in s.dissent),
        f"{prefix}_dissent_ids": ";".join(q.point_id for q in s.dissent),
    }


def findings_table(findings: Sequence[Finding]) -> pd.DataFrame:
    """One row per finding (:data:`FINDING_COLUMNS`), sentences in Korean and English."""
    rows = []
    for f in findings:
        rows.append({
            "finding_id": f.finding_id, "within": f.area, "topic": f.topic, "kind": f.kind,
            "thing": f.thing, "question_topic": f.extra.get("question_topic", ""),
            "basis": f.basis_id, "basis_kind": f.basis_kind, "judgement": f.judgement,
            **_side_cols("a", f.a), **_side_cols("b", f.b),
            "both_named": "; ".join(f"{label} ({ka}·{kb}명)" for label, ka, kb in f.extra.get("both", ())),
            "question_ids": ";".join(f.question_ids), "strength": f.strength, "rule": f.rule,
            "headline": bool(f.extra.get("headline", False)),
            "sentence": sentence(f, "ko"), "sentence_en": sentence(f, "en"),
        })
    out = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    for c in ("a_k", "a_asked", "b_k", "b_asked"):
        out[c] = out[c].astype(int)
    return out


def positions_table(said: Sequence[tuple[Basis, dict[str, list[Named]]]], groups: Sequence[str]
                    ) -> pd.DataFrame:
    """What each side named on each question (every thing, not only those a finding uses)."""
    rows = []
    for basis, named in said:
        for g in groups:
            if not basis.asked.get(g):
                continue
            for n in named.get(g, []):
                rows.append({
                    "within": basis.area, "basis": basis.basis_id, "basis_kind": basis.kind,
                    "question_topic": basis.topic, "group": g, "asked": len(basis.asked[g]),
                    "answered": None, "thing": n.label, "k": n.k, "experts": ";".join(n.experts),
                    "point_ids": ";".join(n.points), "quote": n.quote.text,
                    "quote_id": n.quote.point_id,
                })
    out = pd.DataFrame(rows, columns=POSITION_COLUMNS)
    return out.drop(columns="answered") if out.empty else out.assign(
        answered=out.groupby(["basis", "group"])["experts"].transform(
            lambda s: len({e for v in s for e in str(v).split(";") if e})))
