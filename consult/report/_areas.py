"""The report's per-area comparison blocks: group sizes, the area's findings and what each side
named (:mod:`consult.report._findings`), distinctive terms, theme prevalence and the same
question put to both groups.

Plain data like :mod:`consult.report._data`, which this module builds on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..display import Link, Table, is_missing
from ..labels import NO_AREA
from ._data import (
    ALL_BLOCK,
    ANSWER_CHARS,
    NONE_BLOCK,
    Records,
    _frame,
    _int,
    _is_outlier,
    clip,
    slug,
)
from ._findings import area_findings, area_positions
from .i18n import Translator

__all__ = ["collect_areas", "pick"]


def _block_name(within: str, tr: Translator) -> str:
    if within == ALL_BLOCK:
        return tr("All areas pooled")
    if within == NONE_BLOCK:
        return NO_AREA
    return str(within)


def _first_pair(cmp: Any) -> tuple[str, str]:
    pairs = getattr(cmp, "comparisons", None)
    if pairs:
        return str(pairs[0][0]), str(pairs[0][1])
    groups = getattr(cmp, "groups", None) or ("a", "b")
    return str(groups[0]), str(groups[1]) if len(groups) > 1 else "rest"


def pick(df: pd.DataFrame | None, within: str, a: str, b: str) -> pd.DataFrame:
    """The rows of a comparison table for one block and one pair of groups."""
    if df is None or df.empty:
        return pd.DataFrame(columns=[] if df is None else df.columns)
    out = df[df["within"].astype(str) == within] if "within" in df else df
    if "group_a" in out and "group_b" in out:
        out = out[(out["group_a"].astype(str) == a) & (out["group_b"].astype(str) == b)]
    return out


@dataclass
class _Ctx:
    """What every block of one comparison reads: its tables, its first pair of groups, settings."""

    tables: dict[str, pd.DataFrame | None]  # the comparison's tables, by name
    rec: Records
    th: dict | None
    n_terms: int
    a: str
    b: str
    la: str                      # the groups' display names
    lb: str
    by: str
    within_col: str
    ci: float
    theme_anchor: dict

    @property
    def tr(self) -> Translator:
        return self.rec.t

    def frame(self, name: str, w: str) -> pd.DataFrame:
        return pick(self.tables[name], w, self.a, self.b)


def collect_areas(cmp: Any, rec: Records, th: dict | None, areas_order: list[str], *, n_terms: int = 10,
                  findings: pd.DataFrame | None = None, positions: pd.DataFrame | None = None) -> list[dict]:
    if cmp is None:
        return []
    a, b = _first_pair(cmp)
    names = ("terms", "prevalence", "pairs", "groups_summary")
    ctx = _Ctx(
        tables={name: _frame(cmp, name) for name in names}, rec=rec, th=th, n_terms=n_terms,
        a=a, b=b, la=rec.t.role(a), lb=rec.t.role(b),
        by=getattr(cmp, "by", "role"), within_col=getattr(cmp, "within", "area"),
        ci=float((getattr(cmp, "params", None) or {}).get("ci", 0.95)),
        theme_anchor={c["theme_id"]: "#" + c["anchor"] for c in th["cards"]} if th else {},
    )
    out = []
    for i, w in enumerate(_blocks(ctx, areas_order), 1):
        n_a, n_b, experts, reports = _groups(ctx, w)
        terms_table, has_terms = _terms_table(ctx, w, n_a, n_b)
        prev_table = _prevalence_table(ctx, w, n_a, n_b)
        out.append({
            "within": w, "name": _block_name(w, ctx.tr), "anchor": slug("area", w), "group_a": a, "group_b": b,
            "reports": reports,
            "chart_terms": f"terms_{i:02d}", "chart_prev": f"prevalence_{i:02d}",  # ASCII file names
            "label_a": ctx.la, "label_b": ctx.lb,
            "n_a": n_a, "n_b": n_b, "small": min(n_a, n_b) < 2,
            "experts_a": experts[a], "experts_b": experts[b],
            "terms": terms_table, "has_terms": has_terms, "prevalence": prev_table,
            "has_prevalence": prev_table is not None and len(prev_table) > 0,
            "findings": area_findings(findings, w, rec), "said": area_positions(positions, w, rec),
            "pairs": _pair_rows(ctx, w),
        })
    return out


def _blocks(ctx: _Ctx, areas_order: list[str]) -> list[str]:
    """The blocks (``within`` values) in the areas' order, then the empty area's, then the pooled one."""
    blocks: list[str] = []
    for df in (ctx.tables["groups_summary"], ctx.tables["terms"], ctx.tables["prevalence"]):
        if df is not None and "within" in df:
            blocks += [str(w) for w in df["within"].unique()]
    blocks = list(dict.fromkeys(blocks))
    order = {w: i for i, w in enumerate(areas_order)}
    blocks.sort(key=lambda w: (w == ALL_BLOCK, w == NONE_BLOCK, order.get(w, len(order)), w))
    return blocks


def _groups(ctx: _Ctx, w: str) -> tuple[int, int, dict[str, list], list[str]]:
    """Group sizes, each group's experts (links) and the block's reports."""
    a, b, t = ctx.a, ctx.b, ctx.rec.experts
    n_a = n_b = 0
    gs = ctx.tables["groups_summary"]
    if gs is not None and len(gs):
        g = gs[gs["within"].astype(str) == w]
        na = g[g["group"].astype(str) == a]["n_transcripts"]
        nb = g[g["group"].astype(str) == b]["n_transcripts"]
        n_a, n_b = (_int(na.iloc[0]) if len(na) else 0), (_int(nb.iloc[0]) if len(nb) else 0)
    within_col = ctx.within_col
    experts = {}
    for grp in (a, b):
        sel = t
        if ctx.by in t.columns:
            sel = sel[sel[ctx.by].astype(str) == grp]
        if w not in (ALL_BLOCK,) and within_col in t.columns:
            value = "" if w == NONE_BLOCK else w
            sel = sel[sel[within_col].fillna("").astype(str) == value]
        experts[grp] = [ctx.rec.speaker_link(x) for x in sel["transcript_id"]]
    if not (n_a or n_b):
        n_a, n_b = len(experts[a]), len(experts[b])
    reports: list[str] = []
    if "report" in t.columns and w != ALL_BLOCK and within_col in t.columns:
        value = "" if w == NONE_BLOCK else w
        sel = t[t[within_col].fillna("").astype(str) == value]
        reports = [str(x) for x in dict.fromkeys(sel["report"].fillna("").astype(str)) if str(x)]
    return n_a, n_b, experts, reports


def _terms_table(ctx: _Ctx, w: str, n_a: int, n_b: int) -> tuple[Table | None, bool]:
    """The most distinctive terms of each side (counts only when a side is too small for z);
    and whether there is a terms chart to draw."""
    tr, la, lb, n_terms = ctx.tr, ctx.la, ctx.lb, ctx.n_terms
    tsub = ctx.frame("terms", w)
    counts_only = bool(len(tsub)) and tsub["z"].isna().all()
    if len(tsub) and not {"docs_a", "docs_b"} <= set(tsub.columns):  # a table from elsewhere
        tsub = tsub.assign(docs_a=float("nan"), docs_b=float("nan"))
    if not len(tsub):
        return None, False
    if counts_only:  # a side of one or two experts: who used it, no statistic
        lean = tsub["docs_a"] / max(n_a, 1) - tsub["docs_b"] / max(n_b, 1)
        top = pd.concat([tsub[lean > 0].head(n_terms), tsub[lean < 0].tail(n_terms)[::-1]])
        leans = [la if x > 0 else lb for x in lean.loc[top.index]]
    else:
        top = pd.concat([tsub[tsub["z"] > 0].nlargest(n_terms, "z"), tsub[tsub["z"] < 0].nsmallest(n_terms, "z")])
        leans = [la if z > 0 else lb for z in top["z"]]
    table = Table(
        [tr("term"), "z", tr("experts {g}", g=la), tr("experts {g}", g=lb), tr("count {g}", g=la),
         tr("count {g}", g=lb), tr("leans to")],
        [[r["term"], "—" if counts_only else float(r["z"]), f"{_int(r['docs_a'])}/{n_a}",
          f"{_int(r['docs_b'])}/{n_b}", _int(r["count_a"]), _int(r["count_b"]), lean_to]
         for r, lean_to in zip(top.to_dict("records"), leans, strict=True)],
        numeric={1, 4, 5},
        caption=(tr("Terms by experts using them (a side has fewer than 3 experts: counts only, no z)")
                 if counts_only else
                 tr("Most distinctive terms (top {n} each side; z over experts, terms used by ≥ 2 experts)",
                    n=n_terms)),
    )
    return table, not counts_only


def _prevalence_table(ctx: _Ctx, w: str, n_a: int, n_b: int) -> Table | None:
    tr, la, lb, th = ctx.tr, ctx.la, ctx.lb, ctx.th
    psub = ctx.frame("prevalence", w)
    if not len(psub):
        return None
    psub = psub[~psub["theme_id"].map(_is_outlier)].sort_values("diff", ascending=False)
    rows = []
    for r in psub.to_dict("records"):
        tid = r["theme_id"]
        label = (th["labels"].get(tid) if th else None) or r.get("theme_label") or str(tid)
        ka = f"{_int(r.get('k_a'))}/{_int(r.get('n_a', n_a))}"
        kb = f"{_int(r.get('k_b'))}/{_int(r.get('n_b', n_b))}"
        rows.append([
            Link(label, ctx.theme_anchor[tid]) if tid in ctx.theme_anchor else label,
            ka, float(r["share_a"]), kb, float(r["share_b"]),
            float(r["diff"]), f"{r['ci_low']:+.2f} … {r['ci_high']:+.2f}"
            if not (is_missing(r.get("ci_low")) or is_missing(r.get("ci_high"))) else "",
        ])
    return Table(
        [tr("theme"), tr("{g} k/n", g=la), tr("share {g}", g=la), tr("{g} k/n", g=lb),
         tr("share {g}", g=lb), tr("diff"), tr("{ci} interval", ci=f"{ctx.ci:.0%}")],
        rows, numeric={2, 4, 5},
        caption=tr("k/n: experts of the group who raise the theme. share: mean over the group's "
                   "experts of the part of their answers in the theme (each expert weighs the "
                   "same). diff = a − b with a bootstrap interval over experts"),
    )


def _pair_rows(ctx: _Ctx, w: str) -> list[dict]:
    """The same question put to both groups: one box per question, each side's answers listed once."""
    rec = ctx.rec
    pairs = ctx.tables["pairs"]
    groups_: dict[Any, dict] = {}
    psub2 = pick(pairs, w, ctx.a, ctx.b) if pairs is not None and len(pairs) else pd.DataFrame()
    for r in psub2.to_dict("records"):
        key = r.get("question_group")
        key = r.get("question") if is_missing(key) else key
        g = groups_.setdefault(key, {"question": clip(r.get("question"), 300), "variants": [],
                                     "similarity": r.get("similarity"), "a": {}, "b": {}})
        qb = r.get("question_b")
        if qb and qb != r.get("question") and clip(qb, 300) not in g["variants"]:
            g["variants"].append(clip(qb, 300))
        if not is_missing(r.get("similarity")) and not is_missing(g["similarity"]):
            g["similarity"] = min(g["similarity"], r.get("similarity"))
        for side in ("a", "b"):
            qid = r.get(f"question_id_{side}")
            if qid and qid not in g[side]:
                g[side][qid] = {
                    "speaker": rec.speaker_link(r.get(f"transcript_id_{side}")),
                    "link": rec.link(qid), "answer": clip(r.get(f"answer_{side}"), ANSWER_CHARS),
                    "theme": r.get(f"theme_{side}") or "",
                }
    return [
        {"question": g["question"], "question_b": " / ".join(g["variants"][:2]),
         "similarity": g["similarity"], "a": list(g["a"].values()), "b": list(g["b"].values())}
        for g in groups_.values()
    ]
