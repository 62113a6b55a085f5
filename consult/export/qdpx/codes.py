"""The codebook of a ``.qdpx`` export: themes as codes, and where each theme is applied.

One code per theme under a ``주제 (themes)`` parent (its description holds the theme's
keywords), optionally ``Q1``, ``Q2`` … under ``질문 번호 (question numbers)``;
:func:`assignment_targets` says which point, question block or whole transcript each theme
codes at the export's level.

    >>> theme_code_name(3, "인력 양성"), theme_code_name(4, None)
    ('3. 인력 양성', '주제 4')
    >>> is_theme_id("-1"), is_theme_id(2)
    (False, True)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pandas as pd

from ...errors import ConsultError
from .elements import as_text, guid, sub_element

__all__ = ["theme_code_name", "is_theme_id", "theme_rows", "assignment_targets", "codebook"]

_THEME_PARENT = "주제 (themes)"
_QUESTION_PARENT = "질문 번호 (question numbers)"

# colour-blind-friendly palette (Okabe-Ito + Tableau 10), cycled over themes
_PALETTE = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1",
    "#FF9DA7", "#9C755F", "#BAB0AC",
]


def theme_code_name(theme_id: Any, label: Any) -> str:
    """The code name of a theme: ``"<id>. <label>"`` (or ``"주제 <id>"`` without a label)."""
    tid = as_text(theme_id)
    lab = as_text(label).strip()
    return f"{tid}. {lab}" if lab else f"주제 {tid}"


def is_theme_id(value: Any) -> bool:
    """A real theme id: not empty, not negative (``-1`` = no theme)."""
    key = as_text(value)
    return bool(key) and not key.startswith("-")


def theme_rows(themes: pd.DataFrame | None, assignments: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Themes in order: those of the themes table, then any assigned id it lacks (never
    ``-1``, the "no theme" of unassignable records)."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    if themes is not None and len(themes):
        label_col = "label" if "label" in themes.columns else (
            "theme_label" if "theme_label" in themes.columns else None)
        for r in themes.to_dict("records"):
            key = as_text(r.get("theme_id"))
            if not is_theme_id(key) or key in seen:
                continue
            seen.add(key)
            kw = r.get("keywords")
            if isinstance(kw, list | tuple):
                keywords = ", ".join(as_text(k) for k in kw)
            elif hasattr(kw, "tolist"):
                keywords = ", ".join(as_text(k) for k in kw.tolist())
            else:
                keywords = as_text(kw)
            rows.append({
                "theme_id": key,
                "label": as_text(r.get(label_col)) if label_col else "",
                "keywords": keywords,
            })
    if assignments is not None and len(assignments) and "theme_id" in assignments.columns:
        labels = assignments["theme_label"] if "theme_label" in assignments.columns else None
        for i, t in enumerate(assignments["theme_id"].tolist()):
            key = as_text(t)
            if not is_theme_id(key) or key in seen:
                continue
            seen.add(key)
            rows.append({"theme_id": key, "label": as_text(labels.iloc[i]) if labels is not None else "",
                         "keywords": ""})
    return rows


def assignment_targets(
    assignments: pd.DataFrame | None, corpus: Any, level: str
) -> dict[tuple[str, str], list[str]]:
    """``{(kind, record_id): [theme_id, …]}`` with kind ``point`` / ``question`` / ``transcript``."""
    out: dict[tuple[str, str], list[str]] = {}
    if assignments is None or not len(assignments) or "theme_id" not in assignments.columns:
        return out

    def put(kind: str, rid: str, theme: str) -> None:
        lst = out.setdefault((kind, rid), [])
        if theme not in lst:
            lst.append(theme)

    points = corpus.points
    if "point_id" in assignments.columns:
        q_of_p = dict(zip(points["point_id"], points["question_id"], strict=False))
        t_of_p = dict(zip(points["point_id"], points["transcript_id"], strict=False))
        for pid, theme in zip(assignments["point_id"], assignments["theme_id"], strict=False):
            pid, theme = as_text(pid), as_text(theme)
            if not pid or not is_theme_id(theme):
                continue
            if level == "point":
                put("point", pid, theme)
            elif level == "question" and pid in q_of_p:
                put("question", as_text(q_of_p[pid]), theme)
            elif pid in t_of_p:
                put("transcript", as_text(t_of_p[pid]), theme)
    elif "question_id" in assignments.columns:
        pts_of_q: dict[str, list[str]] = {}
        for pid, qid in zip(points["point_id"], points["question_id"], strict=False):
            pts_of_q.setdefault(as_text(qid), []).append(as_text(pid))
        questions = corpus.questions
        t_of_q = dict(zip(questions["question_id"], questions["transcript_id"], strict=False))
        for qid, theme in zip(assignments["question_id"], assignments["theme_id"], strict=False):
            qid, theme = as_text(qid), as_text(theme)
            if not qid or not is_theme_id(theme):
                continue
            if level == "point":
                for pid in pts_of_q.get(qid, []):
                    put("point", pid, theme)
            elif level == "question":
                put("question", qid, theme)
            elif qid in t_of_q:
                put("transcript", as_text(t_of_q[qid]), theme)
    else:
        raise ConsultError("theme assignments need a point_id or question_id column")
    return out


def codebook(root: ET.Element, rows: list[dict[str, Any]], theme_guid: dict[str, str],
             question_nos: list[int]) -> None:
    """The ``CodeBook`` of the project ``root``: the theme codes of :func:`theme_rows` (GUIDs
    ``theme_guid``) and the question-number codes ``Q<n>``; nothing when there are neither."""
    if not (rows or question_nos):
        return
    codes = sub_element(sub_element(root, "CodeBook"), "Codes")
    if rows:
        parent = sub_element(codes, "Code", {"guid": guid("code-parent", "themes"),
                                             "name": _THEME_PARENT, "isCodable": "false"})
        sub_element(parent, "Description",
                    text="Themes found by consult's ThemeModel; each code is applied to the points "
                         "assigned to the theme.")
        for i, t in enumerate(rows):
            code = sub_element(parent, "Code", {
                "guid": theme_guid[t["theme_id"]],
                "name": theme_code_name(t["theme_id"], t["label"]),
                "isCodable": "true",
                "color": _PALETTE[i % len(_PALETTE)],
            })
            desc = f"theme_id {t['theme_id']}"
            if t["keywords"]:
                desc += f"; keywords: {t['keywords']}"
            sub_element(code, "Description", text=desc)
    if question_nos:
        parent = sub_element(codes, "Code", {"guid": guid("code-parent", "questions"),
                                             "name": _QUESTION_PARENT, "isCodable": "false"})
        sub_element(parent, "Description",
                    text="Question numbers within each transcript (question_no); each code covers "
                         "the question and its answer.")
        for n in question_nos:
            sub_element(parent, "Code", {"guid": guid("question-code", n), "name": f"Q{n}",
                                         "isCodable": "true", "color": "#999999"})
