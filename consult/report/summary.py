"""The report's first page: the answers in five minutes, in Korean (or English).

Built from the :class:`~consult.Analysis` only (rendering computes nothing new): the concerns
that recur across areas (how many experts, which areas), then per area who was consulted and
the area's headline findings (``headline`` in the findings table) — each the finding's own
sentence with its counts, a marker where a side is one or two people, each side's words quoted
and linked to their records — then how the authors' summary tables fare against the minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ..findings import KIND_NAMES
from ..findings.model import JUDGED_BY_ONE_SIDE
from ..findings.summaries import VERDICT_LABELS, check_note
from ..labels import area_label
from ..lexicon import BOXES, DASH_GLYPHS, MARK_GLYPHS
from ..records import clip, is_theme
from ..schema import ROLES
from ._data import slug

__all__ = ["collect_summary", "document_title", "finding_anchor", "kind_label"]


def finding_anchor(finding_id: Any) -> str:
    """The HTML id of a finding (its row in section 3)."""
    return slug("finding", finding_id)

#: a concern sharing this share of the smaller one's answer points is a facet of the one before it
OVERLAP = 0.5

#: characters of a quote on the first page
FIRST_PAGE_QUOTE = 110


def document_title(corpus: Any) -> str | None:
    """The documents' own title: the first non-blank source line of a document, when it reads
    like a title (short, not a numbered item) — and only when every document has that title
    (the report of several different documents is not titled after one of them)."""
    try:
        cov = corpus.coverage()
    except Exception:  # noqa: BLE001 - a corpus without source lines has no title line
        return None
    if cov is None or cov.empty:
        return None
    titles = {_title_of(rows) for _, rows in cov.groupby("doc", sort=False)}
    return titles.pop() if len(titles) == 1 else None


def _title_of(rows: Any) -> str | None:
    for text in rows.sort_values("line")["text"].astype(str).head(5):
        text = " ".join(text.split())
        if 4 <= len(text) <= 80 and not _numbered_or_bulleted(text):
            return text
    return None


#: a line that starts like this is an item of a list, not a title (□ 일시: …, ○ 참석자, - …):
#: the lexicon's marks, boxes, dashes and notes
_BULLETS = tuple(dict.fromkeys(MARK_GLYPHS + BOXES + DASH_GLYPHS.replace("ㅇ", "") + "▷*※>"))


def _numbered_or_bulleted(text: str) -> bool:
    """``1. 개요``, ``(2)``, ``3``, ``□ 일시: …`` — but not ``2024년 … 자문회의 결과``."""
    if text.startswith(_BULLETS) or text.startswith("("):
        return True
    digits = len(text) - len(text.lstrip("0123456789"))
    rest = text[digits:].lstrip()
    return digits > 0 and (not rest or rest[0] in ".)" or digits <= 2 and rest[0] in "-,")


def _asking(rec: Any) -> Callable[[str], set[str]]:
    """A function giving the areas where some question itself contains a phrase, as the model
    reads words (Kiwi tokens, synonyms merged: "인재 양성 방안" contains 「인력 양성」): there the
    experts answered a question about it rather than raising it on their own, and a reader
    should know. The questions are read once."""
    q = getattr(rec, "questions", None)
    if q is None or not len(q) or "question" not in q:
        return lambda phrase: set()
    from ..themes.synonyms import load_synonyms  # lazy: the tokenizer loads Kiwi (cached texts)
    from ..tokens import default_tokenizer

    tok, syn = default_tokenizer(), load_synonyms(None)
    words = [set(w) for w in syn.tokens(tok.tokenize(q["question"].astype(str).tolist()))]
    area = (q["area"].map(area_label) if "area" in q else pd.Series([""] * len(q))).tolist()

    def areas_asking(phrase: str) -> set[str]:
        key = set(syn.tokens(tok.tokenize([phrase]))[0])
        return {a for a, w in zip(area, words, strict=True) if key and key <= w}
    return areas_asking

def _expert_roles(themes: Any) -> dict[str, str]:
    """Each expert's role as the concern assignments give it (the experts of ``label_experts``)."""
    assign = getattr(themes, "concern_assignments_", None)
    if not isinstance(assign, pd.DataFrame) or "role" not in assign or "transcript_id" not in assign:
        return {}
    return dict(zip(assign["transcript_id"].astype(str), assign["role"].astype(str), strict=True))


def _role_counts(experts: Any, role_of: dict[str, str], t: Any) -> list[tuple[str, int]]:
    """``[(role in the report's language, experts), …]`` of a concern's label users, in the
    order of :data:`consult.schema.ROLES`; ``[]`` when the model does not name them (then the
    page gives the count alone)."""
    if not isinstance(experts, list | tuple) or not experts or not role_of:
        return []
    counts: dict[str, int] = {}
    for e in experts:
        role = role_of.get(str(e), "unknown")
        counts[role] = counts.get(role, 0) + 1
    order = {r: i for i, r in enumerate(ROLES)}
    return [(t.role(r), n) for r, n in sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))]


def _concerns(themes: Any, rec: Any) -> list[dict[str, Any]]:
    """The headline concerns as the model chose them (``concerns_.headline``, in
    ``headline_rank`` order, at most ten in all): the concerns at the top of the list, each with
    its facets on the list (``parent_id``; the facets not on it are counted, "외 N개"); counts
    are the model's own (``n_experts_area``: experts of an area, ``n_forum`` apart; ``areas``:
    where its points are). Nothing is computed here. A model without that column (an older or
    question-level one): themes raised by at least two experts in at least two areas."""
    if themes is None:
        return []
    concerns = getattr(themes, "concerns_", None)
    if isinstance(concerns, pd.DataFrame) and len(concerns) and "headline" in concerns:
        rows = concerns.to_dict("records")
        listed = {int(r["concern_id"]) for r in rows if r.get("headline")}
        heads = sorted((r for r in rows if r.get("headline") and int(r.get("parent_id", -1)) not in listed),
                       key=lambda r: int(r["headline_rank"]))
        out = []
        asking = _asking(rec)
        role_of = _expert_roles(themes)
        for r in heads:
            facets = [f for f in rows if int(f.get("parent_id", -1)) == int(r["concern_id"])]
            on = sorted((f for f in facets if f.get("headline")), key=lambda f: int(f["headline_rank"]))
            # counted by the experts who write the label's words (「발굴」 alone, "R&D 발굴", does
            # not say 「사례 발굴」: section 4 shows the members found by such variants too)
            areas = [str(a) for a in (r.get("areas") or {})]
            own = r.get("label_areas")
            own = [str(a) for a in own] if isinstance(own, dict) and own else areas
            n_own = int(r.get("n_experts_label") or 0) or int(r.get("n_experts_area", 0))
            out.append({"label": str(r["label"]), "n_experts": n_own,
                        "n_forum": int(r.get("n_forum", 0)), "areas": own,
                        "anchor": f"concern-{r['concern_id']}", "residual": bool(r.get("residual", False)),
                        "rank": int(r["headline_rank"]),
                        "facets": [{"label": str(f["label"]), "anchor": f"concern-{f['concern_id']}"}
                                   for f in on[:MAX_FACETS]],
                        "more_facets": max(0, len(facets) - min(len(on), MAX_FACETS)),
                        "chosen_by_phrase": True,
                        "asked_in": [a for a in areas if a in asking(str(r["label"]))],
                        "roles": _role_counts(r.get("label_experts"), role_of, rec.t),
                        **_stability(r.get("stability"), r.get("stable"))})
        return out
    if isinstance(concerns, pd.DataFrame) and len(concerns):
        out = []
        for r in concerns.to_dict("records"):
            areas = r.get("areas") or {}
            areas = list(areas) if isinstance(areas, dict | list | tuple) else []
            cross = r.get("cross_area", len(areas) >= 2 and int(r.get("n_experts", 0)) >= 2)
            if cross:
                out.append({"label": str(r.get("label", "")), "n_experts": int(r.get("n_experts", 0)),
                            "areas": [str(a) for a in areas],
                            "anchor": f"concern-{r['concern_id']}" if "concern_id" in r else "",
                            "residual": bool(r.get("residual", False)),
                            **_stability(r.get("stability"))})
        # the residual pass's one-word concerns after the others (they become facets where they overlap)
        out.sort(key=lambda r: (r["residual"], -len(r["areas"]), -r["n_experts"], r["label"]))
        return _with_facets(out, getattr(themes, "concern_assignments_", None))
    pa = getattr(themes, "point_assignments_", None)
    if pa is None:
        pa = getattr(themes, "assignments_", None)
    if not isinstance(pa, pd.DataFrame) or not {"theme_id", "transcript_id"} <= set(pa.columns):
        return []
    pa = pa[pa["theme_id"].map(is_theme)]
    if "area" not in pa.columns:
        return []
    info = themes.themes_
    labels = dict(zip(info["theme_id"], info["label" if "label" in info else "theme_label"],
                      strict=False))
    out = []
    for tid, rows in pa.groupby("theme_id"):
        areas = sorted({a for a in rows["area"].fillna("").astype(str) if a})
        n_experts = rows["transcript_id"].nunique()
        if len(areas) >= 2 and n_experts >= 2:
            out.append({"label": labels.get(tid, str(tid)), "n_experts": int(n_experts),
                        "areas": areas, "anchor": f"theme-{tid}"})
    return sorted(out, key=lambda r: (-len(r["areas"]), -r["n_experts"], r["label"]))


#: facets named beside a concern on the first page (the rest are counted: "외 N개")
MAX_FACETS = 5


def _with_facets(concerns: list[dict[str, Any]], assign: Any) -> list[dict[str, Any]]:
    """(Models without ``concerns_.parent_id`` only.) Concerns that share half or more of their
    answer points with one listed before them are its facets (shown with it, not as concerns of
    their own), so the list names distinct ones."""
    if not isinstance(assign, pd.DataFrame) or not {"concern_id", "point_id"} <= set(assign.columns):
        return concerns
    points = {str(cid): set(g["point_id"]) for cid, g in assign.groupby("concern_id")}
    heads: list[dict[str, Any]] = []
    for c in concerns:
        mine = points.get(c["anchor"].removeprefix("concern-"), set())
        head = next((h for h in heads if mine and (theirs := points.get(h["anchor"].removeprefix("concern-")))
                     and len(mine & theirs) >= OVERLAP * min(len(mine), len(theirs))), None)
        if head is None:
            heads.append({**c, "facets": [], "more_facets": 0})
        elif len(head["facets"]) < MAX_FACETS:
            head["facets"].append({"label": c["label"], "anchor": c["anchor"]})
        else:
            head["more_facets"] = head.get("more_facets", 0) + 1
    return heads


def _stability(value: Any, stable: Any = None) -> dict[str, Any]:
    """``unstable`` as the model says (``concerns_.stable``: reappears in too few refits), or —
    for a model without that column — when the stability is under 0.5 (the report marks it)."""
    s = None if value is None or pd.isna(value) else round(float(value), 2)
    if stable is not None and not (isinstance(stable, float) and pd.isna(stable)):
        return {"unstable": not bool(stable), "stability": s}
    return {"unstable": s is not None and s < 0.5, "stability": s}


def _sentence(r: dict[str, Any], lang: str) -> str:
    """The finding's own sentence in ``lang`` (both are in the findings table)."""
    return str(r["sentence_en"] if lang == "en" else r["sentence"])


def _quotes(r: dict[str, Any], rec: Any) -> list[dict[str, Any]]:
    """Each side's quote (its own words) and the dissenting quotes, with their links."""
    out = []
    for side in ("a", "b"):
        who = rec.t.role(r[f"{side}_group"])
        if r.get(f"{side}_position") and r.get(f"{side}_quote_id"):
            out.append({"who": who, "text": clip(r[f"{side}_position"], FIRST_PAGE_QUOTE),
                        "link": rec.link(r[f"{side}_quote_id"]), "dissent": False})
        ids = [i for i in str(r.get(f"{side}_dissent_ids") or "").split(";") if i]
        texts = [t for t in str(r.get(f"{side}_dissent") or "").split(" / ") if t]
        for pid, text in zip(ids, texts, strict=False):
            out.append({"who": who, "text": clip(text, FIRST_PAGE_QUOTE), "link": rec.link(pid),
                        "dissent": True})
    return out


def _item(r: dict[str, Any], rec: Any) -> dict[str, Any]:
    return {"id": r["finding_id"], "anchor": finding_anchor(r["finding_id"]), "kind": r["kind"], "kind_label": kind_label(r["kind"], rec.t.lang, r.get("judgement") or ""),
            "sentence": _sentence(r, rec.t.lang), "strength": r["strength"],
            "quotes": _quotes(r, rec)}


def kind_label(kind: str, lang: str, judgement: str = "") -> str:
    """How a kind of finding is named in ``lang`` (:data:`consult.findings.KIND_NAMES`; a
    one-side finding on a judgement question: :data:`~consult.findings.model.JUDGED_BY_ONE_SIDE`)."""
    names = JUDGED_BY_ONE_SIDE if kind == "one_side" and judgement else KIND_NAMES[kind]
    return names[0 if lang == "ko" else 1]


def _intro(a: dict[str, Any], rec: Any) -> str:
    """Who was consulted in the area and what both sides were asked."""
    t = rec.t
    # witnesses of a hearing are heard, not consulted: said so when every expert compared here
    # testified or spoke as an official (transcript_kind)
    ex = rec.experts
    kinds = ({str(k) for area, role, k in zip(ex["area"].map(area_label), ex["role"].astype(str),
                                              ex["transcript_kind"], strict=True)
              if area == a["within"] and role in (a["a_group"], a["b_group"])}
             if "transcript_kind" in ex and "role" in ex and "area" in ex else set())
    heard = bool(kinds) and kinds <= {"testimony", "official"}
    text = t("{ga} {na}, {gb} {nb} heard" if heard else "{ga} {na}, {gb} {nb} consulted",
             ga=t.role(a["a_group"]), na=int(a["a_experts"]), gb=t.role(a["b_group"]), nb=int(a["b_experts"]))
    parts = [text]
    if int(a["asked_both"]):
        parts.append(t("{n} questions put to both sides", n=int(a["asked_both"])))
    if int(a["similar_pairs"]):
        parts.append(t("{n} groups of similar questions from the two questionnaires",
                       n=int(a["similar_pairs"])))
    if int(a["asked_one_side"]):
        parts.append(t("{n} questions asked of one side only", n=int(a["asked_one_side"])))
    # when not everyone got every question, how many each compared question had
    per = (str(a.get("a_per_question") or ""), str(a.get("b_per_question") or ""))
    if any(per) and per != (str(int(a["a_experts"])), str(int(a["b_experts"]))):
        parts.append(t("each compared question put to {ra} {ga} and {rb} {gb}", ra=per[0], ga=t.role(a["a_group"]),
                       rb=per[1], gb=t.role(a["b_group"])))
    return "; ".join(parts)


def collect_summary(analysis: Any, rec: Any) -> dict[str, Any] | None:
    """The data of the first page (``None`` when there is nothing to summarise)."""
    findings = analysis.findings
    claims = getattr(analysis, "claims", None)
    concerns = _concerns(analysis.themes, rec)
    if findings is None and not concerns:
        return None
    areas = []
    if findings is not None and claims is not None and len(claims.areas):
        for a in claims.areas.to_dict("records"):
            rows = findings[findings["within"] == a["within"]].to_dict("records")
            heads = [r for r in rows if r.get("headline")]
            areas.append({
                "name": a["within"], "anchor": slug("area", a["within"]), "intro": _intro(a, rec),
                "shown": [_item(r, rec) for r in heads],
                "more": sum(r["kind"] != "not_comparable" for r in rows) - len(heads),
                "more_one_asked": sum(r["kind"] == "not_asked" for r in rows),
                "not_asked": int(a["n_not_asked"]),
                "not_comparable": next((_sentence(r, rec.t.lang) for r in rows
                                        if r["kind"] == "not_comparable"), ""),
            })
        groups = (rec.t.role(claims.areas["a_group"].iloc[0]), rec.t.role(claims.areas["b_group"].iloc[0])) \
            if len(claims.areas) else ("", "")
    else:
        groups = ("", "")
    return {"concerns": concerns[:10], "areas": areas, "groups": groups,
            "checks": _checks(getattr(analysis, "summary_checks", None), rec)}


def _checks(checks: pd.DataFrame | None, rec: Any) -> dict[str, Any] | None:
    """How the authors' summary-table claims fare against the minutes, and the claims that do
    not hold as written (overstated: fewer say it, or someone says otherwise), with who says
    what. A claim not found in the same words is counted, not listed: the check matches words,
    and such a claim is often said in other words (section 5 lists them)."""
    if checks is None or checks.empty:
        return None
    counts = checks["verdict"].value_counts().to_dict()
    lang = rec.t.lang
    doubtful = []
    for r in checks.to_dict("records"):
        if r["verdict"] != "overstated":
            continue
        ids = [i for i in str(r.get("evidence") or "").split(";") if i][:6]
        ids += [i for i in str(r.get("dissent_evidence") or "").split(";") if i][:2]
        doubtful.append({"area": r["area"], "claim": clip(r["claim"], 160),
                         "verdict": VERDICT_LABELS[r["verdict"]][0 if lang == "ko" else 1],
                         "note": check_note(r, lang), "links": [rec.link(i) for i in ids]})
    return {"n": len(checks), "confirmed": counts.get("confirmed", 0),
            "partly": counts.get("partly", 0), "overstated": counts.get("overstated", 0),
            "not_found": counts.get("not_found", 0), "doubtful": doubtful}
