"""Collect what the report shows from a corpus, a theme model and a comparison.

Everything here is plain data (dicts, :class:`~consult.display.Table`, :class:`Link`)
so that the HTML and Markdown templates render the same content. Charts are returned as
callables (name → function returning a ``Figure``) and drawn only when a format needs them.

This module: small helpers, the record index, the overview, themes and records. Its siblings:
``_areas.py`` (the per-area comparison blocks), ``_summary_rows.py`` (the authors' summary
tables beside the minutes) and ``_charts.py`` (chart specs).
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from ..comparison import ALL, NO_VALUE
from ..display import Link, Table, anchor, is_missing
from ..labels import NO_AREA, ROLE_LABELS, area_label
from ..people.experts import EXPERT_SEP, expert_view
from ..records import RECORD_ID, is_theme, short_id
from ..records import clip as _clip_to
from ..schema import frame_of
from .i18n import Translator

_ANCHOR_BAD = re.compile(r"[^\w.\-]")
_LIST_SEP = re.compile(r"[;,]\s*")
#: "text [doc#T01.Q2.P1]": the lookahead first checks that the bracket closes the text (one
#: scan of the bracket's content), so a "[" that does not is given up at once
_CITED_ID = re.compile(r"\[(?=[^\[\]]*+\]\s*+$)([^\[\]]*#T\d+[^\[\]]*)\]\s*$")

#: ``within`` value of compare's pooled block, and of its block for empty values (``포럼·기타``).
ALL_BLOCK = ALL
NONE_BLOCK = NO_VALUE
QUOTE_CHARS = 240
ANSWER_CHARS = 700


# ----------------------------------------------------------------------------- small helpers
def slug(prefix: str, value: Any) -> str:
    """A stable HTML id for an area / theme / block: ``slug("a", "반도체")`` → ``a-반도체``."""
    return prefix + "-" + _ANCHOR_BAD.sub("_", str(value))


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
        return [v.strip() for v in _LIST_SEP.split(value) if v.strip()]
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
        # the experts: a meeting's speakers, each with the ids expert_view gives them; those ids
        # are looked up here and link to the meeting's own record
        view = expert_view(corpus) if self.points is not None else corpus
        self.experts = self.transcripts if view is corpus else view.transcripts
        self._alias: dict[str, dict] = {}
        if view is not corpus:
            for kind, frame, key in (("transcript", view.transcripts, "transcript_id"),
                                     ("question", view.questions, "question_id")):
                for rec in frame.to_dict("records"):
                    rid = str(rec[key])
                    if rid not in self.by_id:
                        self._alias[rid] = {**rec, "kind": kind, "text": rec.get("answer") or "",
                                            "target": rid.split(EXPERT_SEP)[0]}

    def units(self, transcript_ids: Any) -> pd.DataFrame:
        """The table whose rows are the units ``transcript_ids`` name: the experts (a meeting's
        speakers one by one), or the transcripts for a model fitted on whole meetings."""
        ids = {str(i) for i in transcript_ids}
        if self.experts is self.transcripts or ids <= set(self.experts["transcript_id"].astype(str)):
            return self.experts
        return self.transcripts

    def get(self, record_id: Any) -> dict | None:
        if is_missing(record_id):
            return None
        return self.by_id.get(str(record_id)) or self._alias.get(str(record_id))

    def link(self, record_id: Any, text: str | None = None) -> Link | str:
        """A link to the record when it exists in the records section, else the plain id.

        A meeting speaker's id (``T03@2``, ``T03.Q1@2``) links to the meeting's record."""
        if is_missing(record_id) or str(record_id) == "":
            return ""
        rid = str(record_id)
        if rid in self.by_id:
            return Link(text or short_id(rid), rid)
        if rid in self._alias:
            return Link(text or short_id(rid), self._alias[rid]["target"])
        return text or rid

    def speaker_link(self, transcript_id: Any) -> Link | str:
        rec = self.get(transcript_id)
        if rec is None:
            return self.link(transcript_id)
        return Link(str(rec.get("speaker") or short_id(transcript_id)), str(rec.get("target") or transcript_id))

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
    t = rec.experts  # a meeting counts once per speaker
    q, p = rec.questions, rec.points
    areas = [a for a in dict.fromkeys(t["area"].map(area_label))] if len(t) else []
    areas = [a for a in areas if a != NO_AREA] + ([NO_AREA] if NO_AREA in areas else [])
    roles = [r for r in ROLE_LABELS if len(t) and r in set(t["role"])]
    roles += [r for r in dict.fromkeys(t["role"]) if r not in roles] if len(t) else []
    docs = rec.transcripts
    kinds = docs["transcript_kind"].value_counts().to_dict() if "transcript_kind" in docs else {}

    summaries = _frame(corpus, "summaries")
    stats = [
        ("documents", docs["doc"].nunique() if "doc" in docs and len(docs) else 0, "#overview"),
        ("areas", len([a for a in areas if a != NO_AREA]), "#experts"),
        ("transcripts", len(docs), "#records"),
        ("consultations", int(kinds.get("consultation", 0)), "#experts"),
        ("forum talks", int(kinds.get("forum", 0)), "#experts"),
        *((label, int(kinds.get(kind, 0)), "#experts")  # the kinds of a verbatim record, when present
          for kind, label in (("meeting", "meeting speakers"), ("testimony", "witnesses' testimonies"),
                              ("official", "officials' answers")) if kinds.get(kind, 0)),
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
            m = _CITED_ID.search(str(text))  # "text [doc#T01.Q2.P1]"
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
    t = rec.units(assign["transcript_id"]) if "transcript_id" in assign else rec.experts
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
                 "label": _tag_to_show(pr.get("point_label"), pr.get("text")), "text": str(pr.get("text") or ""),
                 "where": _lines(pr)}
                for pr in p_by_q.get(qr["question_id"], [])
            ]
            questions.append({
                "id": qid, "short": short_id(qid), "anchor": anchor(qid),
                "no": str(qr.get("question_no") or ""), "topic": _tag_to_show(qr.get("question_topic"), qr.get("question")),
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


def _tag_to_show(tag: Any, text: Any) -> str:
    """A question's topic or a point's label as the records show it before the text: ``""`` when
    the text itself begins with it in brackets, as the minutes write it (shown once, verbatim).

        >>> _tag_to_show("전략", "(전략) 장기 연구 지원 필요"), _tag_to_show("전략", "장기 연구 지원 필요")
        ('', '전략')
    """
    tag = "" if tag is None or is_nan(tag) else str(tag)
    body = "" if text is None or is_nan(text) else str(text)
    return "" if tag and body.lstrip().startswith(f"({tag})") else tag


def is_nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)
