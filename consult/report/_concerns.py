"""The report's cross-area concerns (section 4): the theme model's second level, with its evidence.

A concern is cross-area when at least two experts in at least two areas raise it (the model's
``cross_area`` column). Order, counts, facets and flags are the model's (``concerns_.headline``,
``headline_rank``, ``parent_id``, ``n_experts_area``, ``areas``, ``stable``): the headline concerns
first, each followed by its facets, then the others. Each row of the table gives, per area, *k* experts who raise it out of *n*
experts in the area; each card its keywords, who raises it by role, the concerns that share most
of its answers, a stability flag, and quotes that link to their records.

    >>> from consult.report._concerns import collect_concerns                  # doctest: +SKIP
    >>> section = collect_concerns(analysis.themes, records, themes_section)   # doctest: +SKIP
    >>> section["table"], section["cards"][0]["label"]                          # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..display import Link, Table
from ..labels import NO_AREA, area_label
from ._data import Records, _normalize_quotes, slug

__all__ = ["collect_concerns", "OVERLAP", "headline_concern", "complete_summary"]

#: another concern is listed beside this one when it holds this share of the smaller one's answers
OVERLAP = 0.5
#: a concern that reappears in fewer than this share of the other seeds is marked unstable
UNSTABLE = 0.5


def headline_concern(label: str, n_experts: int = 0, areas: Any = (), anchor: str = "", *,
                     facets: Any = (), more_facets: int = 0, unstable: bool = False,
                     stability: float | None = None, residual: bool = False, n_forum: int = 0,
                     rank: int = 0, **more: Any) -> dict[str, Any]:
    """One concern of the first page with every key its renderers read (the one constructor:
    whichever model, codes or fallback the entry comes from).

    >>> sorted(headline_concern("규제", 2, ["반도체", "양자"]))  # doctest: +NORMALIZE_WHITESPACE
    ['anchor', 'areas', 'asked_in', 'chosen_by_phrase', 'facets', 'label', 'more_facets', 'n_experts',
     'n_forum', 'rank', 'residual', 'roles', 'stability', 'unstable']
    """
    return {**more, "label": str(label), "n_experts": int(n_experts),
            "areas": [str(a) for a in areas], "anchor": str(anchor or ""),
            "facets": [dict(f) for f in facets or ()], "more_facets": int(more_facets or 0),
            "unstable": bool(unstable), "stability": stability, "residual": bool(residual),
            "n_forum": int(n_forum or 0), "rank": int(rank or 0),
            "asked_in": [str(a) for a in more.get("asked_in") or ()],
            "roles": [(str(r), int(n)) for r, n in more.get("roles") or ()],
            "chosen_by_phrase": bool(more.get("chosen_by_phrase", False))}


def complete_summary(summary: dict[str, Any] | None) -> dict[str, Any] | None:
    """The first page with each concern through :func:`headline_concern` (an entry missing a
    key — ``unstable`` of a question-level model's or codes' fallback — would stop a template)."""
    if summary and summary.get("concerns"):
        summary["concerns"] = [headline_concern(**c) for c in summary["concerns"]]
    return summary


def collect_concerns(themes: Any, rec: Records, th: dict | None, *, max_quotes: int = 3) -> dict | None:
    """Table and cards of the cross-area concerns; ``None`` when the model has no such level."""
    concerns = getattr(themes, "concerns_", None)
    assign = getattr(themes, "concern_assignments_", None)
    if not isinstance(concerns, pd.DataFrame) or concerns.empty or not isinstance(assign, pd.DataFrame):
        return None
    cross = concerns[concerns["cross_area"].astype(bool)] if "cross_area" in concerns else concerns
    if cross.empty:
        return None
    tr = rec.t
    units = rec.units(assign["transcript_id"])
    n_area = units.assign(_a=units["area"].map(area_label)).groupby("_a")["transcript_id"].nunique().to_dict()
    areas = [a for a in n_area if a != NO_AREA] + ([NO_AREA] if NO_AREA in n_area else [])
    a = assign.assign(_a=assign["area"].map(area_label))
    k_area = a.groupby(["concern_id", "_a"])["transcript_id"].nunique().to_dict()
    k_role = a.groupby(["concern_id", "role"])["transcript_id"].nunique().to_dict()
    cross_ids = set(cross["concern_id"])
    n_role = units.groupby(units["role"].astype(str))["transcript_id"].nunique().to_dict()
    points = {cid: set(g["point_id"]) for cid, g in a.groupby("concern_id")}
    labels = dict(zip(concerns["concern_id"], concerns["label"].astype(str), strict=True))
    order = _order(cross.to_dict("records"))
    heads = {r["concern_id"] for r in order if r.get("headline")}
    rows, cards = [], []
    for r in order:
        cid = r["concern_id"]
        anchor = slug("concern", cid)
        per_area = [(c, int(k_area.get((cid, c), 0)), int(n_area.get(c, 0))) for c in areas]
        if isinstance(r.get("areas"), dict) and "n_experts_area" in r:  # the model's own counts
            mine_k = {area_label(a): int(v) for a, v in r["areas"].items()}
            per_area = [(c, mine_k.get(c, int(k_area.get((cid, c), 0)) if c == NO_AREA else 0), int(n_area.get(c, 0)))
                        for c in areas]
        rows.append([cid, Link(str(r["label"]), "#" + anchor), int(r.get("n_areas", 0)),
                     int(r.get("n_experts_area", r.get("n_experts", 0))),
                     *[Link(f"{k}/{n}", "#" + anchor) if k else "" for _, k, n in per_area]])
        mine = points.get(cid, set())
        if "parent_id" in r:  # the model's facets: its parent, then its own facets
            related = [int(r["parent_id"])] + [int(o["concern_id"]) for o in order
                                               if int(o.get("parent_id", -1)) == int(cid)]
            near = [(labels[o], slug("concern", o)) for o in related if o in cross_ids]
        else:
            near = [(labels[o], slug("concern", o)) for o, theirs in points.items()
                    if o != cid and mine and theirs and o in cross_ids
                    and len(mine & theirs) >= OVERLAP * min(len(mine), len(theirs))]
        stability = r.get("stability")
        stable = r.get("stable")
        cards.append({
            "concern_id": cid, "anchor": anchor, "label": str(r["label"]),
            "keywords": [str(k) for k in (r.get("keywords") or [])][:10],
            "n_experts": int(r.get("n_experts_area", r.get("n_experts", 0))),
            "n_forum": int(r.get("n_forum", 0)), "n_points": int(r.get("n_points", 0)),
            "headline": cid in heads, "headline_rank": int(r.get("headline_rank", 0) or 0),
            "parent_id": int(r.get("parent_id", -1)), "label_basis": str(r.get("label_basis", "")),
            "areas": [(c, k, n) for c, k, n in per_area if k],
            "roles": [(tr.role(role), int(k_role.get((cid, role), 0)), int(n_role.get(role, 0)), role)
                      for role in n_role if k_role.get((cid, role), 0)],
            "near": [Link(label, "#" + target) for label, target in near],
            "unstable": (not bool(stable)) if stable is not None else
                        (stability is not None and not pd.isna(stability) and float(stability) < UNSTABLE),
            "stability": None if stability is None or pd.isna(stability) else round(float(stability), 2),
            "monologue": bool(r.get("monologue", False)),
            "residual": bool(r.get("residual", False)),
            "quotes": _normalize_quotes(r.get("quotes"), rec)[:max_quotes],
            **_label_user_counts(r),
        })
    table = Table(
        [tr("no."), tr("concern"), tr("areas raising it"), tr("experts"),
         *[tr("{area} (k/n)", area=c) for c in areas]],
        rows, numeric={0} | set(range(2, 4 + len(areas))),
        caption=tr("Cross-area concerns (raised by at least two experts in at least two areas), by "
                   "number of areas; k experts of n in the area"),
    )
    return {"table": table, "cards": cards, "n_areas": len([c for c in areas if c != NO_AREA]),
            "from_codes": getattr(themes, "backend", "") == "codes"}


def _label_user_counts(r: dict) -> dict[str, Any]:
    """A phrase concern whose members include experts who write only a variant (「발굴」 for
    「사례 발굴」): how many write the label's words, where, and the variants the others write —
    ``label_users`` 0 when they are all the members."""
    own = r.get("label_areas")
    n_own = int(r.get("n_experts_label") or 0)
    if not isinstance(own, dict) or not own or n_own >= int(r.get("n_experts_area", 0)):
        return {"label_users": 0, "label_user_areas": [], "variants": []}
    return {"label_users": n_own, "label_user_areas": [area_label(a) for a in own],
            "variants": [str(p) for p in (r.get("phrases") or ())[1:] if str(p) != str(r["label"])]}


def _order(rows: list[dict]) -> list[dict]:
    """The model's headline concerns first (``headline_rank``), each followed by its facets; then
    the others, each followed by its facets — specific, tight and stable ones first, then by
    area experts and areas. A model without the headline columns: the residual pass's one-word
    concerns after the others, by areas and experts."""
    if not rows or "headline" not in rows[0]:
        return sorted(rows, key=lambda r: (bool(r.get("residual", False)), -int(r.get("n_areas", 0)),
                                           -int(r.get("n_experts", 0)), r["concern_id"]))
    ids = {r["concern_id"] for r in rows}

    def key(r: dict) -> tuple:
        weak = bool(r.get("generic_label")) or bool(r.get("catch_all")) or not bool(r.get("stable", True))
        return (not r.get("headline"), int(r.get("headline_rank", 0) or 0), weak,
                -int(r.get("n_experts_area", 0)), -int(r.get("n_areas", 0)), r["concern_id"])

    tops = sorted((r for r in rows if int(r.get("parent_id", -1)) not in ids), key=key)
    out: list[dict] = []
    for t in tops:
        out.append(t)
        out.extend(sorted((r for r in rows if int(r.get("parent_id", -1)) == t["concern_id"]), key=key))
    return out
