"""Section 5: the authors' summary tables beside the minutes — each row's claims with the
verdict of :func:`consult.findings.check_summaries` (the same rows the first page counts), who
in the minutes states each claim and who says otherwise, linked to their records.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..display import Table
from ..findings.summaries import VERDICT_LABELS, check_note
from ..labels import area_label
from ..records import summary_id
from ._data import Records, _frame, _int, _lines, slug

__all__ = ["collect_summaries"]


def _links(value: Any, rec: Records, n: int = 6) -> list:
    return [rec.link(i) for i in str(value or "").split(";") if i][:n]


def collect_summaries(corpus: Any, rec: Records, checks: pd.DataFrame | None) -> list[dict]:
    """Per area, per summary row: its topic, where it is in the source, and a table of its
    claims (verdict, claim, note, supporting and dissenting records)."""
    s = _frame(corpus, "summaries")
    if s is None or s.empty:
        return []
    t = rec.t
    by_row: dict[str, list[dict]] = {}
    if checks is not None and len(checks):
        for r in checks.to_dict("records"):
            by_row.setdefault(str(r["summary_id"]), []).append(r)
    out: dict[str, list] = {}
    for r in s.to_dict("records"):
        area = area_label(r.get("area"))
        sid = summary_id(r["doc"], _int(r.get("table_no"), 1), _int(r.get("row_no")))
        claims = by_row.get(sid, [])
        table = Table(
            [t("verdict"), t("claim"), t("what the minutes say"), t("stated in"), t("said otherwise in")],
            [[VERDICT_LABELS[c["verdict"]][0 if t.lang == "ko" else 1], c["claim"], check_note(c, t.lang),
              _links(c.get("evidence"), rec) or "—", _links(c.get("dissent_evidence"), rec) or "—"]
             for c in claims], css="checks") if claims else None
        topic = claims[0]["row_topic"] if claims else str(r.get("question_topic") or "")
        out.setdefault(area, []).append({
            "row": f"{_int(r.get('table_no'), 1)}.{_int(r.get('row_no'))}", "topic": topic,
            "opinion": str(r.get("opinion") or ""), "where": _lines(r), "claims": table,
        })
    return [{"area": a, "anchor": slug("summary", a), "rows": rows} for a, rows in out.items()]
