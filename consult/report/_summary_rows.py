"""The authors' summary tables beside the minutes: each summary row with the questions that
best match it (a pointer for reading, not a claim).
"""

from __future__ import annotations

import re
from typing import Any

from ..display import Table
from ..labels import NO_AREA, area_label
from ._data import Records, _frame, _int, _lines, clip, slug

__all__ = ["collect_summaries"]

_NON_WORD = re.compile(r"[\W_]+")


def _bigrams(text: str) -> set[str]:
    s = _NON_WORD.sub("", str(text or ""))
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
