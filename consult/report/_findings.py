"""Section 3's findings of one area: every finding of the findings table (the same rows, counts
and sentences as the first page), and what each side named on each question, before any verdict.

Plain data like :mod:`consult.report._data`: :class:`~consult.display.Table` objects that the
HTML and Markdown templates render alike.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..display import Table
from ._data import Records, clip
from .summary import finding_anchor, kind_label

__all__ = ["area_findings", "area_positions"]

QUOTE = 140


def _things(text: Any) -> str:
    """``특화망 (3명); 의료 (2명)`` as the report shows it."""
    return "; ".join(t for t in str(text or "").split("; ") if t)


def _quote(text: Any, rid: Any, rec: Records) -> tuple | str:
    if not text or not rid:
        return ""
    return (f"“{clip(text, QUOTE)}” ", rec.link(rid))


def _dissent(texts: Any, ids: Any, rec: Records) -> list:
    out = []
    for text, rid in zip(str(texts or "").split(" / "), str(ids or "").split(";"), strict=False):
        if text and rid:
            out.append(_quote(text, rid, rec))
    return out


def area_findings(findings: pd.DataFrame | None, area: str, rec: Records) -> Table | None:
    """Every finding of ``area`` (not the "not comparable" row, said above the block)."""
    if findings is None or findings.empty:
        return None
    rows = findings[(findings["within"] == area) & (findings["kind"] != "not_comparable")]
    if rows.empty:
        return None
    t = rec.t
    first = rows.iloc[0]
    la, lb = t.role(first["a_group"]), t.role(first["b_group"])
    body, ids = [], []
    for r in rows.to_dict("records"):
        sentence = r["sentence_en"] if t.lang == "en" else r["sentence"]
        body.append([
            kind_label(r["kind"], t.lang, r.get("judgement") or ""), sentence,
            (_things(r["a_named"]), "\n" if r["a_named"] else "", *_quote(r["a_position"], r["a_quote_id"], rec)),
            (_things(r["b_named"]), "\n" if r["b_named"] else "", *_quote(r["b_position"], r["b_quote_id"], rec)),
            _dissent(r["a_dissent"], r["a_dissent_ids"], rec) + _dissent(r["b_dissent"], r["b_dissent_ids"], rec),
            t(STRENGTH_LABELS.get(r["strength"], r["strength"])) if r["strength"] in STRENGTH_LABELS
            else r["strength"],
            [rec.link(q) for q in str(r["question_ids"]).split(";") if q][:6],
        ])
        ids.append(finding_anchor(r["finding_id"]))
    return Table([t("kind"), t("finding"), t("{g}: what they named", g=la), t("{g}: what they named", g=lb),
                  t("said otherwise"), t("evidence"), t("questions")], body, row_ids=ids, css="findings",
                 caption=t("Every finding of this area, in the order of the first page."))


#: how strong the evidence of a finding is (English message; Korean in the catalogue)
STRENGTH_LABELS = {"one_person": "one person on a side", "anecdotal": "two people on a side",
                   "counts only": "counts only (no test)", "no comparison": "nothing compared"}


def area_positions(positions: pd.DataFrame | None, area: str, rec: Records) -> Table | None:
    """Per question, what each side named (k of n asked), with a quote: before any verdict."""
    if positions is None or positions.empty:
        return None
    rows = positions[positions["within"] == area]
    if rows.empty:
        return None
    t = rec.t
    groups = list(dict.fromkeys(rows["group"]))
    by_basis: dict[Any, list[dict]] = {}  # the rows of each question, in the table's order
    for r in rows.to_dict("records"):
        if r["basis"] == r["basis"]:  # not NaN (groupby leaves those out)
            by_basis.setdefault(r["basis"], []).append(r)
    body = []
    for q in by_basis.values():
        cells = []
        for g in groups:
            side = [r for r in q if r["group"] == g]
            cells.append([(f"{r['thing']} ({int(r['k'])}/{int(r['asked'])}) ", rec.link(r["quote_id"]))
                          for r in side[:6]] or "—")
        body.append([q[0]["question_topic"], *cells])
    return Table([t("question"), *(t("{g}: what they named", g=t.role(g)) for g in groups)], body,
                 css="said", caption=t("What each side named on each question (experts who named it / "
                                       "experts asked), each linked to a quote."))
