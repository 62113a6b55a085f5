"""Collect what the report shows from a corpus, a theme model and a comparison.

Everything here is plain data (dicts, :class:`~consult.display.Table`, :class:`Link`)
so that the HTML and Markdown templates render the same content. Charts are returned as
callables (name → function returning a ``Figure``) and drawn only when a format needs them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..comparison import ALL, NO_VALUE
from ..display import Link, Table, anchor, is_missing
from ..labels import NO_AREA, ROLE_LABELS, area_label
from ..records import RECORD_ID, is_theme, short_id
from ..records import clip as _clip_to
from ..schema import frame_of
from .i18n import Translator

#: ``within`` value of compare's pooled block, and of its block for empty values (``포럼·기타``).
ALL_BLOCK = ALL
NONE_BLOCK = NO_VALUE
QUOTE_CHARS = 240
ANSWER_CHARS = 700


# ----------------------------------------------------------------------------- small helpers
def slug(prefix: str, value: Any) -> str:
    """A stable HTML id for an area / theme / block: ``slug("a", "반도체")`` → ``a-반도체``."""
    return prefix + "-" + re.sub(r"[^\w.\-]", "_", str(value))


def clip(text: Any, n: int = QUOTE_CHARS) -> str:
    """A quote as the report shows it: whitespace joined, at most ``n`` characters."""
    return _clip_to(text, n)


def _frame(obj: Any, name: str) -> pd.DataFrame | None:
    return frame_of(obj, name)


def _int(value: Any, default: int = 0) -> int:
    try:
        if is_missing(value):
            return default
        return int(value)
    except (TypeError, ValueError):
        return default


def _lines(rec: dict) -> str:
    """``p. 12, l. 340–352`` from a record's page / line_start / line_end."""
    parts = []
    if not is_missing(rec.get("page")) and rec.get("page") not in ("", None):
        parts.append(f"p. {_int(rec.get('page'))}")
    ls, le = rec.get("line_start"), rec.get("line_end")
    if not is_missing(ls) and ls not in ("", None):
        parts.append(f"l. {_int(ls)}" + (f"–{_int(le)}" if not is_missing(le) and _int(le) != _int(ls) else ""))
    return ", ".join(parts)


def _as_list(value: Any) -> list:
    if is_missing(value) if not isinstance(value, list | tuple | set | dict) else False:
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;,]\s*", value) if v.strip()]
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, pd.DataFrame):
        return value.to_dict("records")
    try:
        return list(value)
    except TypeError:
        return [value]


# ----------------------------------------------------------------------------- record index
class Records:
    """Look up any record (transcript, question, point) by id."""

    def __init__(self, corpus: Any, t: Translator | None = None):
        self.t = t or Translator()
        self.transcripts = _frame(corpus, "transcripts")
        self.questions = _frame(corpus, "questions")
        self.points = _frame(corpus, "points")
        if self.transcripts is None:
            raise TypeError("the report needs a Corpus (an object with a .transcripts table)")
        self.by_id: dict[str, dict] = {}
        for rec in self.transcripts.to_dict("records"):
            self.by_id[str(rec["transcript_id"])] = {**rec, "kind": "transcript", "text": ""}
        if self.questions is not None:
            for rec in self.questions.to_dict("records"):
                self.by_id[str(rec["question_id"])] = {
                    **rec, "kind": "question", "text": rec.get("answer") or rec.get("question") or ""
                }
        if self.points is not None:
            for rec in self.points.to_dict("records"):
                self.by_id[str(rec["point_id"])] = {**rec, "kind": "point", "text": rec.get("text") or ""}

    def get(self, record_id: Any) -> dict | None:
        return self.by_id.get(str(record_id)) if not is_missing(record_id) else None

    def link(self, record_id: Any, text: str | None = None) -> Link | str:
        """A link to the record when it exists in the records section, else the plain id."""
        if is_missing(record_id) or str(record_id) == "":
            return ""
        rid = str(record_id)
        if rid in self.by_id:
            return Link(text or short_id(rid), rid)
        return text or rid

    def speaker_link(self, transcript_id: Any) -> Link | str:
        rec = self.get(transcript_id)
        if rec is None:
            return self.link(transcript_id)
        return Link(str(rec.get("speaker") or short_id(transcript_id)), str(transcript_id))

    def source(self, record_id: Any) -> dict:
        """speaker, role, area and page/line of a record (for quotes)."""
        rec = self.get(record_id) or {}
        return {
            "id": str(record_id) if not is_missing(record_id) else "",
            "speaker": rec.get("speaker") or "",
            "role": rec.get("role") or "",
            "role_label": self.t.role(rec.get("role") or "unknown") if rec else "",
            "area": area_label(rec.get("area")) if rec else "",
            "where": _lines(rec) if rec else "",
            "found": bool(rec),
        }


# ----------------------------------------------------------------------------- overview
def collect_overview(corpus: Any, rec: Records) -> dict:
    tr = rec.t
    t = rec.transcripts
    q, p = rec.questions, rec.points
    areas = [a for a in dict.fromkeys(t["area"].map(area_label))] if len(t) else []
    areas = [a for a in areas if a != NO_AREA] + ([NO_AREA] if NO_AREA in areas else [])
    roles = [r for r in ROLE_LABELS if len(t) and r in set(t["role"])]
    roles += [r for r in dict.fromkeys(t["role"]) if r not in roles] if len(t) else []
    kinds = t["transcript_kind"].value_counts().to_dict() if "transcript_kind" in t else {}

    summaries = _frame(corpus, "summaries")
    stats = [
        ("documents", t["doc"].nunique() if "doc" in t and len(t) else 0, "#overview"),
        ("areas", len([a for a in areas if a != NO_AREA]), "#experts"),
        ("transcripts", len(t), "#records"),
        ("consultations", int(kinds.get("consultation", 0)), "#experts"),
        ("forum talks", int(kinds.get("forum", 0)), "#experts"),
        ("questions", 0 if q is None else len(q), "#records"),
        ("answer points", 0 if p is None else len(p), "#records"),
        ("summary-table rows", 0 if summaries is None else len(summaries), "#summaries"),
    ]
    stats = [(tr(label), value, href) for label, value, href in stats]
    coverage = None
    try:
        cov = corpus.coverage() if callable(getattr(corpus, "coverage", None)) else None
        if isinstance(cov, pd.DataFrame) and len(cov) and "record_id" in cov:
            in_rec = cov["record_id"].notna() & (cov["record_id"].astype(str) != "")
            coverage = {"lines": len(cov), "in_records": int(in_rec.sum()),
                        "share": float(in_rec.mean())}
    except Exception:  # noqa: BLE001 - coverage is informative only
        coverage = None

    # experts by area × role: counts link to the area's rows of the experts table
    ct = pd.crosstab(t["area"].map(area_label), t["role"]) if len(t) else pd.DataFrame()
    rows = []
    for a in areas:
        row: list[Any] = [Link(a, "#" + slug("experts", a))]
        for r in roles:
            k = int(ct.at[a, r]) if a in ct.index and r in ct.columns else 0
            row.append(Link(str(k), "#" + slug("experts", a)) if k else 0)
        row.append(Link(str(int(ct.loc[a].sum())), "#" + slug("experts", a)))
        rows.append(row)
    if len(t):
        rows.append([tr("total")] + [int(ct[r].sum()) for r in roles] + [len(t)])
    role_table = Table(
        [tr("area")] + [tr.role(r) for r in roles] + [tr("total")], rows,
        numeric=set(range(1, len(roles) + 2)), caption=tr("Experts (transcripts) by area and role"),
    )

    # one row per expert, grouped by area (the first row of each area is the link target)
    order = {a: i for i, a in enumerate(areas)}
    tt = t.assign(_area=t["area"].map(area_label)).assign(_o=lambda d: d["_area"].map(order))
    tt = tt.sort_values(["_o", "transcript_id"], kind="stable") if len(tt) else tt
    erows, row_ids, seen = [], [], set()
    for r in tt.to_dict("records"):
        a = r["_area"]
        row_ids.append(slug("experts", a) if a not in seen else None)
        seen.add(a)
        erows.append([
            a, rec.link(r["transcript_id"]), str(r.get("speaker") or ""), str(r.get("organization") or ""),
            tr.role(r.get("role") or "unknown"), tr(str(r.get("transcript_kind") or "")),
            _int(r.get("n_questions")), _int(r.get("n_points")), _lines(r),
        ])
    experts = Table(
        [tr(c) for c in ("area", "record", "speaker", "organization", "role", "kind", "questions",
                         "points", "source")],
        erows, numeric={6, 7}, row_ids=row_ids,
    )
    docs = sorted(t["doc"].astype(str).unique()) if "doc" in t and len(t) else []
    return {"stats": stats, "coverage": coverage, "role_table": role_table, "experts": experts,
            "areas": areas, "documents": docs}


# ----------------------------------------------------------------------------- themes
def _theme_frames(themes: Any) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    if themes is None:
        return None, None
    if isinstance(themes, pd.DataFrame):  # an assignments table
        return None, themes
    return _frame(themes, "themes_"), _frame(themes, "assignments_")


def _label_col(df: pd.DataFrame) -> str:
    for c in ("label", "theme_label", "name"):
        if c in df.columns:
            return c
    return "theme_id"


def theme_labels(themes: Any) -> dict[Any, str]:
    table, assign = _theme_frames(themes)
    if table is not None and "theme_id" in table:
        return dict(zip(table["theme_id"], table[_label_col(table)].astype(str), strict=False))
    if assign is not None and "theme_label" in assign:
        return dict(zip(assign["theme_id"], assign["theme_label"].astype(str), strict=False))
    return {}


def _is_outlier(theme_id: Any) -> bool:
    return not is_theme(theme_id)


def _normalize_quotes(value: Any, rec: Records) -> list[dict]:
    """Quotes from ``themes_['quotes']`` in whatever shape: ids, dicts, texts."""
    out = []
    for q in _as_list(value):
        rid, text = None, None
        if isinstance(q, dict):
            for key in ("point_id", "record_id", "question_id", "id", "transcript_id"):
                if not is_missing(q.get(key)) and q.get(key):
                    rid = str(q[key])
                    break
            text = q.get("text") or q.get("quote") or q.get("answer")
        elif isinstance(q, tuple) and len(q) == 2:
            a, b = (str(x) for x in q)
            rid, text = (a, b) if RECORD_ID.search(a) else (b, a) if RECORD_ID.search(b) else (None, f"{a} {b}")
        elif isinstance(q, str) and RECORD_ID.search(q.strip()):
            rid = q.strip()
        else:
            text = str(q)
        if rid is None and text:
            m = re.search(r"\[([^\[\]]*#T\d+[^\[\]]*)\]\s*$", str(text))  # "text [doc#T01.Q2.P1]"
            if m:
                rid, text = m.group(1), str(text)[: m.start()].strip()
        if not text and rid:
            text = (rec.get(rid) or {}).get("text", "")
        if text:
            out.append({"text": clip(text), **(rec.source(rid) if rid else {"id": ""})})
    return out


def _fallback_quotes(assign: pd.DataFrame, theme_id: Any, keywords: list[str], rec: Records, k: int) -> list[dict]:
    """Best-scoring answers of the theme, one per expert, as the point that names a keyword."""
    a = assign[assign["theme_id"] == theme_id]
    if "score" in a:
        a = a.sort_values("score", ascending=False, kind="stable")
    out = []
    for r in a.drop_duplicates("transcript_id").head(k).to_dict("records"):
        qid = r.get("question_id")
        best_id, best_text, best_score = qid, (rec.get(qid) or {}).get("text", ""), -1
        if rec.points is not None and qid is not None:
            pts = rec.points[rec.points["question_id"] == qid]
            for pid, text in zip(pts["point_id"], pts["text"].astype(str), strict=True):
                s = sum(text.count(w) for w in keywords)
                if s > best_score:
                    best_id, best_text, best_score = pid, text, s
        if best_text:
            out.append({"text": clip(best_text), **rec.source(best_id)})
    return out


def collect_themes(themes: Any, rec: Records, *, max_quotes: int = 3) -> dict | None:
    table, assign = _theme_frames(themes)
    if assign is None or assign.empty:
        return None
    from ..plots import theme_crosstab, theme_order

    labels = theme_labels(themes)
    t = rec.transcripts
    a = assign.copy()
    for col in ("area", "role"):
        if col not in a.columns:
            a = a.merge(t[["transcript_id", col]], on="transcript_id", how="left")
    if "theme_label" not in a:
        a["theme_label"] = a["theme_id"].map(labels)
    a_in = a[~a["theme_id"].map(_is_outlier)]
    by_area = theme_crosstab(a_in, t, by="area", index="theme_id")
    by_role = theme_crosstab(a_in, t, by="role", index="theme_id")
    order = theme_order(by_area)  # grouped by the area where a theme is strongest
    n_area = t.assign(_a=t["area"].map(area_label)).groupby("_a")["transcript_id"].nunique().to_dict()
    n_role = t.groupby(t["role"].astype(str))["transcript_id"].nunique().to_dict()

    ids = list(table["theme_id"]) if table is not None and "theme_id" in table else sorted(a_in["theme_id"].unique())
    ids = [i for i in order if i in set(ids)] + [i for i in ids if i not in set(order)]
    info = {r["theme_id"]: r for r in table.to_dict("records")} if table is not None and "theme_id" in table else {}
    cards = []
    for tid in ids:
        if _is_outlier(tid):
            continue
        row = info.get(tid, {})
        label = labels.get(tid, str(tid))
        qs = a_in[a_in["theme_id"] == tid]
        keywords = [str(k) for k in _as_list(row.get("keywords"))][:12] if row else []
        quotes = _normalize_quotes(row.get("quotes"), rec)[:max_quotes] if row else []
        if not quotes:
            quotes = _fallback_quotes(a_in, tid, keywords, rec, max_quotes)
        area_counts = [
            (c, int(by_area.at[tid, c]) if tid in by_area.index else 0, n_area.get(c, 0))
            for c in by_area.columns
        ]
        role_counts = [
            (c, int(by_role.at[tid, c]) if tid in by_role.index else 0, n_role.get(c, 0))
            for c in by_role.columns
        ]
        cards.append({
            "theme_id": tid,
            "anchor": slug("theme", tid),
            "label": label,
            "keywords": keywords,
            "n_questions": len(qs),
            "n_experts": int(qs["transcript_id"].nunique()),
            "areas": [(area, k, n, Link(f"{k}/{n}", "#" + slug("theme", tid) + "-q")) for area, k, n in area_counts if k],
            "roles": [(rec.t.role(r), k, n, r) for r, k, n in role_counts if k],
            "quotes": quotes,
            "questions": [rec.link(q) for q in qs["question_id"].astype(str)] if "question_id" in qs else [],
        })
    n_out = int(a["theme_id"].map(_is_outlier).sum())
    backend = getattr(themes, "backend", None)
    params = {k: getattr(themes, k) for k in ("backend", "n_themes", "random_state") if hasattr(themes, k)}
    chosen = getattr(themes, "n_themes_", None)
    return {
        "cards": cards,
        "n_outliers": n_out,
        "n_assigned": len(a),
        "backend": backend,
        "params": params,
        "chosen_k": chosen if chosen is not None else len(cards),
        "assign": a,
        "by_area": by_area,
        "by_role": by_role,
        "order": [c["theme_id"] for c in cards],
        "n_area": n_area,
        "labels": labels,
    }


def collect_cross_area(th: dict | None, tr: Translator | None = None) -> Table | None:
    """Themes sorted by how many areas raise them (experts k/n per area)."""
    if th is None:
        return None
    tr = tr or Translator()
    by_area = th["by_area"]
    areas = [c for c in by_area.columns]
    rows = []
    for card in th["cards"]:
        label = card["label"]
        tid = card["theme_id"]
        counts = by_area.loc[tid] if tid in by_area.index else pd.Series(0, index=areas)
        in_areas = [c for c in areas if counts.get(c, 0) > 0 and c != NO_AREA]
        rows.append((len(in_areas), card["n_experts"], [
            tid, Link(label, "#" + card["anchor"]), len(in_areas), card["n_experts"],
            *[Link(f"{int(counts.get(c, 0))}/{th['n_area'].get(c, 0)}", "#" + card["anchor"])
              if counts.get(c, 0) else "" for c in areas],
        ]))
    rows.sort(key=lambda r: (-r[0], -r[1]))
    return Table(
        [tr("no."), tr("theme"), tr("areas raising it"), tr("experts"), *[tr("{area} (k/n)", area=c) for c in areas]],
        [r[2] for r in rows], numeric={0} | set(range(2, 4 + len(areas))),
        caption=tr("Themes by number of technology areas that raise them (forum talks not counted as "
                   "an area); k experts of n in the area"),
    )


# ----------------------------------------------------------------------------- comparison
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


def _pick(df: pd.DataFrame | None, within: str, a: str, b: str) -> pd.DataFrame:
    if df is None or df.empty:
        return pd.DataFrame(columns=[] if df is None else df.columns)
    out = df[df["within"].astype(str) == within] if "within" in df else df
    if "group_a" in out and "group_b" in out:
        out = out[(out["group_a"].astype(str) == a) & (out["group_b"].astype(str) == b)]
    return out


def _quote_cell(text: Any, rid: Any, rec: Records) -> tuple:
    if is_missing(text) or not str(text):
        return ()
    src = rec.source(rid)
    meta = ", ".join(x for x in (src["speaker"], src["where"]) if x)
    return (f"“{clip(text)}” ", rec.link(rid), f" · {meta}" if meta else "")


def _ids_cell(value: Any, rec: Records) -> list:
    ids = [v for v in _as_list(value) if isinstance(v, str) and v]
    return [rec.link(v) for v in ids]


def collect_areas(cmp: Any, rec: Records, th: dict | None, areas_order: list[str], *, n_terms: int = 10) -> list[dict]:
    if cmp is None:
        return []
    tr = rec.t
    a, b = _first_pair(cmp)
    la, lb = tr.role(a), tr.role(b)
    terms = _frame(cmp, "terms")
    prev = _frame(cmp, "prevalence")
    cons = _frame(cmp, "consensus")
    div = _frame(cmp, "divergence")
    pairs = _frame(cmp, "pairs")
    gs = _frame(cmp, "groups_summary")
    by = getattr(cmp, "by", "role")
    ci = float((getattr(cmp, "params", None) or {}).get("ci", 0.95))
    theme_anchor = {c["theme_id"]: "#" + c["anchor"] for c in th["cards"]} if th else {}

    blocks: list[str] = []
    for df in (gs, terms, prev):
        if df is not None and "within" in df:
            blocks += [str(w) for w in df["within"].unique()]
    blocks = list(dict.fromkeys(blocks))
    order = {w: i for i, w in enumerate(areas_order)}
    blocks.sort(key=lambda w: (w == ALL_BLOCK, w == NONE_BLOCK, order.get(w, len(order)), w))

    t = rec.transcripts
    out = []
    for i, w in enumerate(blocks, 1):
        name = _block_name(w, tr)
        sid = slug("area", w)
        # group sizes and experts
        n_a = n_b = 0
        small = False
        if gs is not None and len(gs):
            g = gs[gs["within"].astype(str) == w]
            na = g[g["group"].astype(str) == a]["n_transcripts"]
            nb = g[g["group"].astype(str) == b]["n_transcripts"]
            n_a, n_b = (_int(na.iloc[0]) if len(na) else 0), (_int(nb.iloc[0]) if len(nb) else 0)
        within_col = getattr(cmp, "within", "area")
        experts = {}
        for grp in (a, b):
            sel = t
            if by in t.columns:
                sel = sel[sel[by].astype(str) == grp]
            if w not in (ALL_BLOCK,) and within_col in t.columns:
                value = "" if w == NONE_BLOCK else w
                sel = sel[sel[within_col].fillna("").astype(str) == value]
            experts[grp] = [rec.speaker_link(x) for x in sel["transcript_id"]]
        if not (n_a or n_b):
            n_a, n_b = len(experts[a]), len(experts[b])
        reports: list[str] = []
        if "report" in t.columns and w != ALL_BLOCK and within_col in t.columns:
            value = "" if w == NONE_BLOCK else w
            sel = t[t[within_col].fillna("").astype(str) == value]
            reports = [str(x) for x in dict.fromkeys(sel["report"].fillna("").astype(str)) if str(x)]
        small = min(n_a, n_b) < 2

        tsub = _pick(terms, w, a, b)
        terms_table = None
        counts_only = bool(len(tsub)) and tsub["z"].isna().all()
        if len(tsub) and not {"docs_a", "docs_b"} <= set(tsub.columns):  # a table from elsewhere
            tsub = tsub.assign(docs_a=float("nan"), docs_b=float("nan"))
        if len(tsub):
            if counts_only:  # a side of one or two experts: who used it, no statistic
                lean = tsub["docs_a"] / max(n_a, 1) - tsub["docs_b"] / max(n_b, 1)
                top = pd.concat([tsub[lean > 0].head(n_terms), tsub[lean < 0].tail(n_terms)[::-1]])
                leans = [la if x > 0 else lb for x in lean.loc[top.index]]
            else:
                top = pd.concat([tsub[tsub["z"] > 0].nlargest(n_terms, "z"), tsub[tsub["z"] < 0].nsmallest(n_terms, "z")])
                leans = [la if z > 0 else lb for z in top["z"]]
            terms_table = Table(
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

        # consensus / divergence rows get anchors; prevalence numbers link to them
        cd_anchor: dict[Any, str] = {}
        cd_tables = {}
        for kind, df in (("consensus", _pick(cons, w, a, b)), ("divergence", _pick(div, w, a, b))):
            if df.empty:
                cd_tables[kind] = None
                continue
            rows, ids = [], []
            for r in df.to_dict("records"):
                rid = slug(f"{kind}-{w}", r["theme_id"])
                cd_anchor[r["theme_id"]] = "#" + rid
                ids.append(rid)
                label = r.get("theme_label") or (th["labels"].get(r["theme_id"]) if th else r["theme_id"])
                theme_cell = Link(str(label), theme_anchor[r["theme_id"]]) if r["theme_id"] in theme_anchor else str(label)
                row = [theme_cell]
                if kind == "divergence":
                    leans = str(r.get("leans_to") or "")
                    row += [tr(str(r.get("kind") or "").replace("_", " ")), tr.role(leans) if leans else ""]
                row += [
                    f"{_int(r.get('k_a'))}/{_int(r.get('n_a'))} · {_int(r.get('k_b'))}/{_int(r.get('n_b'))}",
                    (f"{la}: {r.get('terms_a') or '—'}", "\n", f"{lb}: {r.get('terms_b') or '—'}"),
                    _quote_cell(r.get("quote_a"), r.get("quote_a_id"), rec),
                    _quote_cell(r.get("quote_b"), r.get("quote_b_id"), rec),
                    (_ids_cell(r.get("question_ids_a"), rec) or "—", " | ",
                     _ids_cell(r.get("question_ids_b"), rec) or "—"),
                ]
                rows.append(row)
            cols = [tr("theme")] + ([tr("kind"), tr("leans to")] if kind == "divergence" else []) + [
                "k/n", tr("distinctive terms"), tr("quote: {g}", g=la), tr("quote: {g}", g=lb), tr("questions"),
            ]
            cd_tables[kind] = Table(
                cols, rows, row_ids=ids, css="cd",
                caption=tr("k/n: experts raising it, {a} · {b}. Questions: {a} | {b}.", a=la, b=lb),
            )

        psub = _pick(prev, w, a, b)
        prev_table = None
        if len(psub):
            psub = psub[~psub["theme_id"].map(_is_outlier)].sort_values("diff", ascending=False)
            rows = []
            for r in psub.to_dict("records"):
                tid = r["theme_id"]
                label = (th["labels"].get(tid) if th else None) or r.get("theme_label") or str(tid)
                link_to = cd_anchor.get(tid)
                ka = f"{_int(r.get('k_a'))}/{_int(r.get('n_a', n_a))}"
                kb = f"{_int(r.get('k_b'))}/{_int(r.get('n_b', n_b))}"
                rows.append([
                    Link(label, theme_anchor[tid]) if tid in theme_anchor else label,
                    Link(ka, link_to) if link_to else ka, float(r["share_a"]),
                    Link(kb, link_to) if link_to else kb, float(r["share_b"]),
                    float(r["diff"]), f"{r['ci_low']:+.2f} … {r['ci_high']:+.2f}"
                    if not (is_missing(r.get("ci_low")) or is_missing(r.get("ci_high"))) else "",
                ])
            prev_table = Table(
                [tr("theme"), tr("{g} k/n", g=la), tr("share {g}", g=la), tr("{g} k/n", g=lb),
                 tr("share {g}", g=lb), tr("diff"), tr("{ci} interval", ci=f"{ci:.0%}")],
                rows, numeric={2, 4, 5},
                caption=tr("k/n: experts of the group who raise the theme. share: mean over the group's "
                           "experts of the part of their answers in the theme (each expert weighs the "
                           "same). diff = a − b with a bootstrap interval over experts"),
            )

        # same question put to both groups: one box per question, each side's answers listed once
        groups_: dict[Any, dict] = {}
        psub2 = _pick(pairs, w, a, b) if pairs is not None and len(pairs) else pd.DataFrame()
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
        pair_rows = [
            {"question": g["question"], "question_b": " / ".join(g["variants"][:2]),
             "similarity": g["similarity"], "a": list(g["a"].values()), "b": list(g["b"].values())}
            for g in groups_.values()
        ]

        out.append({
            "within": w, "name": name, "anchor": sid, "group_a": a, "group_b": b, "reports": reports,
            "chart_terms": f"terms_{i:02d}", "chart_prev": f"prevalence_{i:02d}",  # ASCII file names
            "label_a": la, "label_b": lb,
            "n_a": n_a, "n_b": n_b, "small": small,
            "experts_a": experts[a], "experts_b": experts[b],
            "terms": terms_table, "has_terms": len(tsub) > 0 and not counts_only, "prevalence": prev_table,
            "has_prevalence": prev_table is not None and len(prev_table) > 0,
            "consensus": cd_tables.get("consensus"), "divergence": cd_tables.get("divergence"),
            "pairs": pair_rows,
        })
    return out


# ----------------------------------------------------------------------------- summaries
def _bigrams(text: str) -> set[str]:
    s = re.sub(r"[\W_]+", "", str(text or ""))
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _overlap(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x) if x else 0.0


def collect_summaries(corpus: Any, rec: Records, th: dict | None, *, k: int = 3) -> list[dict]:
    """The authors' summary rows next to the minutes' questions that best match them.

    Matching is by shared character bigrams (topic vs question, opinion vs answer): a pointer
    for reading, not a claim.
    """
    s = _frame(corpus, "summaries")
    q = rec.questions
    if s is None or s.empty:
        return []
    theme_of = {}
    if th is not None and "question_id" in th["assign"]:
        theme_of = dict(zip(th["assign"]["question_id"], th["assign"]["theme_label"], strict=False))
    qrecs = q.to_dict("records") if q is not None else []
    qgrams = [(_bigrams(f"{r.get('question_topic') or ''} {r.get('question') or ''}"),
               _bigrams(r.get("answer") or "")) for r in qrecs]
    points_of: dict[str, list[dict]] = {}
    for pr in ([] if rec.points is None else rec.points.to_dict("records")):
        points_of.setdefault(str(pr["question_id"]), []).append(pr)
    out: dict[str, list] = {}
    for r in s.to_dict("records"):
        area = area_label(r.get("area"))
        tg, og = _bigrams(r.get("question_topic")), _bigrams(r.get("opinion"))
        scored = []
        for qr, (qg, ag) in zip(qrecs, qgrams, strict=True):
            if r.get("doc") is not None and qr.get("doc") != r.get("doc"):
                continue
            if area != NO_AREA and area_label(qr.get("area")) != area:
                continue
            score = 0.4 * _overlap(tg, qg) + 0.6 * _overlap(og, ag)
            if score >= 0.15:
                scored.append((score, qr))
        scored.sort(key=lambda x: -x[0])
        matches = []
        for score, qr in scored[:k]:
            qid = str(qr["question_id"])
            # the answer point closest to the authors' wording
            best_id, best_text, best = qid, str(qr.get("answer") or ""), -1.0
            for pr in points_of.get(qid, []):
                ov = _overlap(og, _bigrams(pr.get("text")))
                if ov > best:
                    best_id, best_text, best = str(pr["point_id"]), str(pr.get("text") or ""), ov
            matches.append([
                rec.link(qid), str(qr.get("speaker") or ""), rec.t.role(qr.get("role") or "unknown"),
                (clip(best_text, 180), " ", rec.link(best_id)), str(theme_of.get(qid, "")), round(score, 2),
            ])
        out.setdefault(area, []).append({
            "row": f"{_int(r.get('table_no'), 1)}.{_int(r.get('row_no'))}",
            "topic": str(r.get("question_topic") or ""),
            "opinion": str(r.get("opinion") or ""),
            "where": _lines(r),
            "matches": Table([rec.t(c) for c in ("question", "speaker", "role", "closest point in the minutes",
                                                 "theme", "match")],
                             matches, numeric={5}, css="matches") if matches else None,
            "roles": sorted({m[2] for m in matches}),
        })
    return [{"area": a, "anchor": slug("summary", a), "rows": rows} for a, rows in out.items()]


# ----------------------------------------------------------------------------- records
def collect_records(rec: Records, th: dict | None) -> list[dict]:
    """Every transcript with its questions and points, each with its anchor."""
    t, q, p = rec.transcripts, rec.questions, rec.points
    theme_of = {}
    if th is not None and "question_id" in th["assign"]:
        theme_of = dict(zip(th["assign"]["question_id"].astype(str), th["assign"]["theme_label"].astype(str), strict=False))
    q_by_t: dict[Any, list[dict]] = {}
    for qr in ([] if q is None else q.to_dict("records")):  # one to_dict: per-group calls are slow
        q_by_t.setdefault(qr["transcript_id"], []).append(qr)
    p_by_q: dict[Any, list[dict]] = {}
    for pr in ([] if p is None else p.to_dict("records")):
        p_by_q.setdefault(pr["question_id"], []).append(pr)
    out = []
    for tr in t.to_dict("records"):
        tid = str(tr["transcript_id"])
        questions = []
        for qr in q_by_t.get(tr["transcript_id"], []):
            qid = str(qr["question_id"])
            points = [
                {"id": str(pr["point_id"]), "short": short_id(pr["point_id"]), "anchor": anchor(pr["point_id"]),
                 "label": str(pr.get("point_label") or ""), "text": str(pr.get("text") or ""), "where": _lines(pr)}
                for pr in p_by_q.get(qr["question_id"], [])
            ]
            questions.append({
                "id": qid, "short": short_id(qid), "anchor": anchor(qid),
                "no": str(qr.get("question_no") or ""), "topic": str(qr.get("question_topic") or ""),
                "kind": str(qr.get("question_kind") or ""),
                "question": str(qr.get("question") or ""), "answer": str(qr.get("answer") or ""),
                "points": points, "where": _lines(qr), "theme": theme_of.get(qid, ""),
            })
        out.append({
            "id": tid, "short": short_id(tid), "anchor": anchor(tid), "speaker": str(tr.get("speaker") or ""),
            "organization": str(tr.get("organization") or ""), "role": rec.t.role(tr.get("role") or "unknown"),
            "area": area_label(tr.get("area")), "kind": rec.t(str(tr.get("transcript_kind") or "")),
            "evidence": str(tr.get("role_evidence") or ""), "where": _lines(tr), "doc": str(tr.get("doc") or ""),
            "report": str(tr.get("report") or ""),
            "questions": questions,
        })
    return out


# ----------------------------------------------------------------------------- charts
def chart_specs(rec: Records, th: dict | None, areas: list[dict], cmp: Any, overview_areas: list[str]) -> dict[str, Callable]:
    """name → zero-argument function drawing the chart (drawn only when needed)."""
    from .. import plots

    specs: dict[str, Callable] = {"overview": lambda: plots.plot_overview(rec.transcripts, areas=overview_areas)}
    if th is not None:
        assign = th["assign"][~th["assign"]["theme_id"].map(_is_outlier)]
        assign = assign.assign(theme_label=[_numbered(t, lab) for t, lab in
                                            zip(assign["theme_id"], assign["theme_label"], strict=True)])
        order = th["order"]
        specs["themes"] = lambda: plots.plot_theme_heatmap(assign, rec.transcripts, by=("area", "role"),
                                                          order=order)
    labels = th["labels"] if th else None
    for block in areas:
        w, a, b = block["within"], block["group_a"], block["group_b"]
        if block["has_terms"]:
            specs[block["chart_terms"]] = (
                lambda w=w, a=a, b=b, name=block["name"]: plots.plot_terms(
                    _pick(_frame(cmp, "terms"), w, a, b), groups=(a, b),
                    title=rec.t("Distinctive terms — {name}", name=name))
            )
        if block["has_prevalence"]:
            specs[block["chart_prev"]] = (
                lambda w=w, a=a, b=b, name=block["name"]: plots.plot_prevalence(
                    _pick(_frame(cmp, "prevalence"), w, a, b).pipe(lambda d: d[~d["theme_id"].map(_is_outlier)]),
                    groups=(a, b), labels=labels, title=rec.t("Theme prevalence — {name}", name=name))
            )
    return specs


def _numbered(theme_id: Any, label: Any) -> str:
    """``12. 리벨리온``: a heatmap row names the theme by its ``theme_id``, as the cards do."""
    label = str(label)
    return label if label.startswith(f"{theme_id}. ") else f"{theme_id}. {label}"


def is_nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)
