"""REFI-QDA project export (``.qdpx``) for NVivo, MAXQDA, ATLAS.ti and QualCoder.

A ``.qdpx`` file is a zip holding ``project.qde`` (QDA-XML, namespace
``urn:QDA-XML:project:1.0``) and a ``sources/`` folder with one UTF-8 plain-text file per
source. What consult puts in it:

* **Sources** — one ``TextSource`` per transcript. Its text is the transcript rebuilt from the
  records: the speaker line, then each question (``1. …``) followed by its points
  (``● …``, sub-points as they were). Running headers, page numbers and PDF wraps are gone, so a
  point's span is exactly its ``text`` column.
* **Cases** — one per transcript (one expert speaking), with the variables ``speaker``,
  ``organization``, ``department``, ``role``, ``area``, ``transcript_kind``, ``report``, ``doc``,
  ``transcript_id`` and the counts ``n_questions`` / ``n_points``; the same values are attached
  to the source as ``source_speaker``, ``source_organization``, … (names of their own, since
  QualCoder gives each attribute name one type and would not show source values of case names). Sets group the sources by role and by area.
* **Codes** — one per theme under a ``주제 (themes)`` parent (the description holds the theme's
  keywords), applied to the exact character span of every point the theme was assigned to
  (``PlainTextSelection startPosition/endPosition``, counted in Unicode code points, end
  exclusive); optionally ``질문 번호 (question numbers)`` codes ``Q1``, ``Q2`` … applied to each
  question's block (the question and its answer).
* Each selection's description cites the record: ``point_id``, file, lines and page.

Output is deterministic: GUIDs are UUID5s of the record ids, the timestamps are fixed (see
:func:`write_qdpx`) and so is the zip layout, so the same corpus gives the same bytes.

    >>> write_qdpx(corpus, "project.qdpx", themes=model.themes_,          # doctest: +SKIP
    ...            assignments=model.assignments_)
"""

from __future__ import annotations

import math
import os
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__
from ..errors import ConsultError
from ..output import atomic_output
from ..qda.agreement import MODEL_CODER
from ..sanitize import clean_text
from ..schema import RECORD_LEVELS

__all__ = [
    "NAMESPACE",
    "SourceText",
    "build_project",
    "write_qdpx",
    "transcript_sources",
    "theme_code_name",
    "guid",
]

#: QDA-XML project namespace.
NAMESPACE = "urn:QDA-XML:project:1.0"

#: UUID5 namespace of every GUID consult writes (a fixed, arbitrary UUID).
_GUID_NAMESPACE = uuid.UUID("6f1c2b8e-8d7a-5b7e-9c1e-3a0f5d2c4b61")

#: Fallback timestamp when nothing better is known (also the zip epoch floor).
_DEFAULT_CREATED = datetime(2000, 1, 1, tzinfo=UTC)

#: the user every coding of the export is made by: the model, by a name that says so
#: (:data:`consult.qda.agreement.MODEL_CODER`); the project also lists this placeholder person
#: first, whose name QualCoder adopts as its coder name on import (set your own in its Settings)
ANALYST = "analyst"

_THEME_PARENT = "주제 (themes)"
_QUESTION_PARENT = "질문 번호 (question numbers)"

# colour-blind-friendly palette (Okabe-Ito + Tableau 10), cycled over themes
_PALETTE = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1",
    "#FF9DA7", "#9C755F", "#BAB0AC",
]

_CASE_TEXT_VARIABLES = [
    "speaker", "organization", "department", "role", "area", "transcript_kind", "report", "doc",
    "transcript_id",
]
_CASE_INT_VARIABLES = ["n_questions", "n_points"]
_SOURCE_PREFIX = "source_"

LEVELS = RECORD_LEVELS


def guid(kind: str, key: object) -> str:
    """Deterministic GUID for an object of ``kind`` identified by ``key``.

    >>> guid("source", "a#T01") == guid("source", "a#T01")
    True
    """
    return str(uuid.uuid5(_GUID_NAMESPACE, f"{kind}:{key}"))


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _int_or_none(value: Any) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


# ---------------------------------------------------------------------------- source texts


@dataclass(frozen=True)
class SourceText:
    """The plain text of one transcript source and where its records sit in it.

    ``point_spans`` / ``question_spans`` map record ids to ``(start, end)`` offsets (code
    points, end exclusive): ``text[start:end]`` is the point's ``text`` / the question block.
    """

    transcript_id: str
    name: str
    text: str
    point_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    question_spans: dict[str, tuple[int, int]] = field(default_factory=dict)


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _source_name(row: Mapping[str, Any]) -> str:
    tid = _text(row.get("transcript_id")).replace("#", "_")
    speaker = _text(row.get("speaker"))
    name = f"{tid} {speaker}".strip()
    return name.replace("/", "_").replace("\\", "_")


class _TextBuilder:
    """Appends strings and tells the ``(start, end)`` offsets of each piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return start, self.pos

    def text(self) -> str:
        return "".join(self.parts)


def transcript_sources(corpus: Any) -> dict[str, SourceText]:
    """Rebuild each transcript's text from the corpus records (see the module docstring)."""
    transcripts = corpus.transcripts
    questions = corpus.questions
    points = corpus.points
    q_by_t = {k: g for k, g in questions.groupby("transcript_id", sort=False)}
    p_by_q = {k: g for k, g in points.groupby("question_id", sort=False)}
    out: dict[str, SourceText] = {}
    for row in transcripts.to_dict("records"):
        tid = _text(row["transcript_id"])
        buf = _TextBuilder()
        add = buf.add
        speaker = _text(row.get("speaker"))
        add(f"<{speaker}>\n" if speaker else "\n")
        point_spans: dict[str, tuple[int, int]] = {}
        question_spans: dict[str, tuple[int, int]] = {}
        tq = q_by_t.get(tid)
        for q in ([] if tq is None else tq.to_dict("records")):
            qid = _text(q["question_id"])
            add("\n")
            kind = _text(q.get("question_kind"))
            label = _text(q.get("question_label"))
            qtext = _clean(_text(q.get("question")))
            if kind == "floor":
                head = f"● {qtext}"
                mark = "  - "
            else:
                head = f"{label} {qtext}".strip() if label else qtext
                mark = "● "
            q_start, _ = add(head + "\n")
            q_end = buf.pos - 1
            qp = p_by_q.get(qid)
            for p in ([] if qp is None else qp.to_dict("records")):
                add(mark)
                point_spans[_text(p["point_id"])] = add(_clean(_text(p.get("text"))))
                add("\n")
                q_end = buf.pos - 1
            question_spans[qid] = (q_start, q_end)
        out[tid] = SourceText(
            transcript_id=tid,
            name=_source_name(row),
            text=buf.text(),
            point_spans=point_spans,
            question_spans=question_spans,
        )
    return out


# ---------------------------------------------------------------------------- themes


def theme_code_name(theme_id: Any, label: Any) -> str:
    """The code name of a theme: ``"<id>. <label>"`` (or ``"주제 <id>"`` without a label)."""
    tid = _text(theme_id)
    lab = _text(label).strip()
    return f"{tid}. {lab}" if lab else f"주제 {tid}"


def _is_theme(value: Any) -> bool:
    """A real theme id: not empty, not negative (``-1`` = no theme)."""
    key = _text(value)
    return bool(key) and not key.startswith("-")


def _theme_rows(themes: pd.DataFrame | None, assignments: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Themes in order: those of the themes table, then any assigned id it lacks (never
    ``-1``, the "no theme" of unassignable records)."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    if themes is not None and len(themes):
        label_col = "label" if "label" in themes.columns else (
            "theme_label" if "theme_label" in themes.columns else None)
        for r in themes.to_dict("records"):
            key = _text(r.get("theme_id"))
            if not _is_theme(key) or key in seen:
                continue
            seen.add(key)
            kw = r.get("keywords")
            if isinstance(kw, list | tuple):
                keywords = ", ".join(_text(k) for k in kw)
            elif hasattr(kw, "tolist"):
                keywords = ", ".join(_text(k) for k in kw.tolist())
            else:
                keywords = _text(kw)
            rows.append({
                "theme_id": key,
                "label": _text(r.get(label_col)) if label_col else "",
                "keywords": keywords,
            })
    if assignments is not None and len(assignments) and "theme_id" in assignments.columns:
        labels = assignments["theme_label"] if "theme_label" in assignments.columns else None
        for i, t in enumerate(assignments["theme_id"].tolist()):
            key = _text(t)
            if not _is_theme(key) or key in seen:
                continue
            seen.add(key)
            rows.append({"theme_id": key, "label": _text(labels.iloc[i]) if labels is not None else "",
                         "keywords": ""})
    return rows


def _assignment_targets(
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
            pid, theme = _text(pid), _text(theme)
            if not pid or not _is_theme(theme):
                continue
            if level == "point":
                put("point", pid, theme)
            elif level == "question" and pid in q_of_p:
                put("question", _text(q_of_p[pid]), theme)
            elif pid in t_of_p:
                put("transcript", _text(t_of_p[pid]), theme)
    elif "question_id" in assignments.columns:
        pts_of_q: dict[str, list[str]] = {}
        for pid, qid in zip(points["point_id"], points["question_id"], strict=False):
            pts_of_q.setdefault(_text(qid), []).append(_text(pid))
        questions = corpus.questions
        t_of_q = dict(zip(questions["question_id"], questions["transcript_id"], strict=False))
        for qid, theme in zip(assignments["question_id"], assignments["theme_id"], strict=False):
            qid, theme = _text(qid), _text(theme)
            if not qid or not _is_theme(theme):
                continue
            if level == "point":
                for pid in pts_of_q.get(qid, []):
                    put("point", pid, theme)
            elif level == "question":
                put("question", qid, theme)
            elif qid in t_of_q:
                put("transcript", _text(t_of_q[qid]), theme)
    else:
        raise ConsultError("theme assignments need a point_id or question_id column")
    return out


# ---------------------------------------------------------------------------- XML


def _created_for(corpus: Any, created: datetime | str | None) -> datetime:
    if isinstance(created, str):
        created = datetime.fromisoformat(created.replace("Z", "+00:00"))
    if created is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            created = datetime.fromtimestamp(int(epoch), tz=UTC)
    if created is None:
        mtimes: list[float] = []
        documents = getattr(corpus, "documents", None)
        if isinstance(documents, pd.DataFrame) and "path" in documents.columns:
            for p in documents["path"].tolist():
                try:
                    mtimes.append(Path(str(p)).stat().st_mtime)
                except OSError:
                    pass
        created = (datetime.fromtimestamp(int(max(mtimes)), tz=UTC) if mtimes
                   else _DEFAULT_CREATED)
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    created = created.astimezone(UTC).replace(microsecond=0)
    return max(created, datetime(1980, 1, 2, tzinfo=UTC))


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, attrs: Mapping[str, str] | None = None,
         text: str | None = None) -> ET.Element:
    # document text may hold C0 controls (invalid XML 1.0) or lone surrogates (not UTF-8)
    clean = {k: clean_text(v, keep_length=True) if isinstance(v, str) else v for k, v in (attrs or {}).items()}
    el = ET.SubElement(parent, _q(tag), clean)
    if text is not None:
        el.text = clean_text(text, keep_length=True)
    return el


def _variable_value(parent: ET.Element, var_guid: str, kind: str, value: Any) -> None:
    vv = _sub(parent, "VariableValue")
    _sub(vv, "VariableRef", {"targetGUID": var_guid})
    if kind == "Integer":
        n = _int_or_none(value)
        _sub(vv, "IntegerValue", text=str(n if n is not None else 0))
    else:
        _sub(vv, "TextValue", text=_text(value))


def build_project(
    corpus: Any,
    *,
    themes: pd.DataFrame | None = None,
    assignments: pd.DataFrame | None = None,
    question_codes: bool = False,
    level: str = "point",
    name: str | None = None,
    created: datetime | str | None = None,
) -> tuple[bytes, dict[str, bytes]]:
    """Build ``project.qde`` and the source files; return ``(xml_bytes, {zip_path: bytes})``.

    Args:
        corpus: a :class:`~consult.Corpus` (or anything with ``transcripts``, ``questions``
            and ``points`` DataFrames in the schema's columns).
        themes: a themes table (``theme_id``, ``label``, optional ``keywords``) — the codebook.
        assignments: theme assignments with ``theme_id`` and ``point_id`` (point level) or
            ``question_id`` (question level).
        question_codes: also code each question block with a ``Q<n>`` code.
        level: where theme codes go: ``"point"`` (each point's span; question assignments are
            applied to every point of the question), ``"question"`` (question blocks) or
            ``"transcript"`` (the whole source).
        name: project name (default: the corpus's file names).
        created: creation timestamp written on every element (default: ``SOURCE_DATE_EPOCH``,
            else the newest input file's modification time).
    """
    if level not in LEVELS:
        raise ConsultError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    transcripts = corpus.transcripts
    if transcripts is None or not len(transcripts):
        raise ConsultError("nothing to export: the corpus holds no transcripts")
    when = _iso(_created_for(corpus, created))
    sources = transcript_sources(corpus)
    theme_rows = _theme_rows(themes, assignments)
    targets = _assignment_targets(assignments, corpus, level)

    if name is None:
        docs = list(dict.fromkeys(_text(d) for d in transcripts["doc"].tolist() if _text(d)))
        name = ", ".join(docs[:3]) + (" …" if len(docs) > 3 else "") if docs else "consult"

    ET.register_namespace("", NAMESPACE)
    user = guid("user", "consult")
    root = ET.Element(_q("Project"), {
        "name": name,
        "origin": f"consult {_consult_version()}",
        "creatingUserGUID": user,
        "creationDateTime": when,
        "modifyingUserGUID": user,
        "modifiedDateTime": when,
    })
    users = _sub(root, "Users")
    # the analyst first: QualCoder takes the first user's name as its coder name on import, so
    # what a person codes is not written under the model's name (which consult sets apart)
    _sub(users, "User", {"guid": guid("user", ANALYST), "name": ANALYST, "id": "analyst"})
    _sub(users, "User", {"guid": user, "name": MODEL_CODER, "id": "consult"})

    # --- codebook
    theme_guid = {t["theme_id"]: guid("theme", t["theme_id"]) for t in theme_rows}
    question_nos: list[int] = []
    if question_codes:
        nos = {_int_or_none(v) for v in corpus.questions["question_no"].tolist()}
        question_nos = sorted(n for n in nos if n is not None)
    if theme_rows or question_nos:
        codes = _sub(_sub(root, "CodeBook"), "Codes")
        if theme_rows:
            parent = _sub(codes, "Code", {"guid": guid("code-parent", "themes"),
                                          "name": _THEME_PARENT, "isCodable": "false"})
            _sub(parent, "Description",
                 text="Themes found by consult's ThemeModel; each code is applied to the points "
                      "assigned to the theme.")
            for i, t in enumerate(theme_rows):
                code = _sub(parent, "Code", {
                    "guid": theme_guid[t["theme_id"]],
                    "name": theme_code_name(t["theme_id"], t["label"]),
                    "isCodable": "true",
                    "color": _PALETTE[i % len(_PALETTE)],
                })
                desc = f"theme_id {t['theme_id']}"
                if t["keywords"]:
                    desc += f"; keywords: {t['keywords']}"
                _sub(code, "Description", text=desc)
        if question_nos:
            parent = _sub(codes, "Code", {"guid": guid("code-parent", "questions"),
                                          "name": _QUESTION_PARENT, "isCodable": "false"})
            _sub(parent, "Description",
                 text="Question numbers within each transcript (question_no); each code covers "
                      "the question and its answer.")
            for n in question_nos:
                _sub(parent, "Code", {"guid": guid("question-code", n), "name": f"Q{n}",
                                      "isCodable": "true", "color": "#999999"})

    # --- variables
    # cases and sources get variables of their own names (``source_…`` on sources): QualCoder
    # gives each attribute name one type, so shared names would hide the source values
    names = [p + v for p in ("", _SOURCE_PREFIX) for v in _CASE_TEXT_VARIABLES + _CASE_INT_VARIABLES]
    var_guid = {v: guid("variable", v) for v in names}
    variables = _sub(root, "Variables")
    for v in names:
        kind = "Integer" if v.removeprefix(_SOURCE_PREFIX) in _CASE_INT_VARIABLES else "Text"
        _sub(variables, "Variable", {"guid": var_guid[v], "name": v, "typeOfVariable": kind})

    def add_values(parent: ET.Element, row: Mapping[str, Any], prefix: str = "") -> None:
        for v in _CASE_TEXT_VARIABLES:
            _variable_value(parent, var_guid[prefix + v], "Text", row.get(v))
        for v in _CASE_INT_VARIABLES:
            _variable_value(parent, var_guid[prefix + v], "Integer", row.get(v))

    rows = transcripts.to_dict("records")
    # --- cases (one per transcript = one expert speaking)
    cases = _sub(root, "Cases")
    for row in rows:
        tid = _text(row["transcript_id"])
        case = _sub(cases, "Case", {"guid": guid("case", tid),
                                    "name": f"{_text(row.get('speaker')) or '?'} ({tid})"})
        _sub(case, "Description", text=_case_description(row))
        add_values(case, row)
        _sub(case, "SourceRef", {"targetGUID": guid("source", tid)})

    # --- sources
    points = corpus.points
    point_rows = {(_text(p["point_id"])): p for p in points.to_dict("records")}
    question_rows = {_text(q["question_id"]): q for q in corpus.questions.to_dict("records")}
    files: dict[str, bytes] = {}
    src_el = _sub(root, "Sources")
    for row in rows:
        tid = _text(row["transcript_id"])
        st = sources[tid]
        sguid = guid("source", tid)
        files[f"sources/{sguid}.txt"] = clean_text(st.text, keep_length=True).encode("utf-8")
        ts = _sub(src_el, "TextSource", {
            "guid": sguid,
            "name": st.name,
            "plainTextPath": f"internal://{sguid}.txt",
            "creatingUser": user,
            "creationDateTime": when,
            "modifyingUser": user,
            "modifiedDateTime": when,
        })
        _sub(ts, "Description", text=_source_description(row))
        selections: list[tuple[int, int, str, str, list[tuple[str, str]]]] = []
        # theme codings
        for pid, span in st.point_spans.items():
            themes_here = targets.get(("point", pid), [])
            if themes_here:
                selections.append((*span, f"sel:{pid}", _point_name(point_rows[pid]),
                                   [(f"{pid}|{t}", theme_guid[t]) for t in themes_here]))
        for qid, span in st.question_spans.items():
            codings = [(f"{qid}|{t}", theme_guid[t]) for t in targets.get(("question", qid), [])]
            if question_codes:
                n = _int_or_none(question_rows[qid].get("question_no"))
                if n is not None:
                    codings.append((f"{qid}|Q{n}", guid("question-code", n)))
            if codings:
                selections.append((*span, f"sel:{qid}", _question_name(question_rows[qid]), codings))
        t_codings = [(f"{tid}|{t}", theme_guid[t]) for t in targets.get(("transcript", tid), [])]
        if t_codings:
            selections.append((0, len(st.text), f"sel:{tid}", f"{tid} (whole transcript)", t_codings))
        selections.sort(key=lambda s: (s[0], -s[1], s[2]))
        for start, end, key, desc, codings in selections:
            sel = _sub(ts, "PlainTextSelection", {
                "guid": guid("selection", key),
                "name": _snippet(st.text[start:end]),
                "startPosition": str(start),
                "endPosition": str(end),
                "creatingUser": user,
                "creationDateTime": when,
                "modifyingUser": user,
                "modifiedDateTime": when,
            })
            _sub(sel, "Description", text=desc)
            for ckey, code_guid in codings:
                coding = _sub(sel, "Coding", {"guid": guid("coding", ckey), "creatingUser": user,
                                              "creationDateTime": when})
                _sub(coding, "CodeRef", {"targetGUID": code_guid})
        add_values(ts, row, _SOURCE_PREFIX)

    # --- sets: sources by role and by area
    groups: dict[str, list[str]] = {}
    for row in rows:
        sg = guid("source", _text(row["transcript_id"]))
        role = _text(row.get("role"))
        area = _text(row.get("area"))
        if role:
            groups.setdefault(f"role: {role}", []).append(sg)
        if area:
            groups.setdefault(f"area: {area}", []).append(sg)
    if groups:
        sets = _sub(root, "Sets")
        for set_name in sorted(groups):
            s = _sub(sets, "Set", {"guid": guid("set", set_name), "name": set_name})
            for sg in groups[set_name]:
                _sub(s, "MemberSource", {"targetGUID": sg})

    _sub(root, "Description", text=(
        f"Expert-consultation minutes exported by consult {_consult_version()}: "
        f"{len(rows)} transcripts, {len(points)} points"
        + (f", {len(theme_rows)} theme codes" if theme_rows else "")
        + ". Each source is one transcript rebuilt from the parsed records; selections cite "
          "the record id, file, lines and page."
    ))
    ET.indent(root, space=" ")
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml, files


def _consult_version() -> str:
    """The running consult's version (``consult.__version__``, the one the distribution
    ``consult-minutes`` is built with)."""
    return __version__


def _snippet(text: str, n: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= n else one[: n - 1] + "…"


def _where(row: Mapping[str, Any]) -> str:
    doc = _text(row.get("doc"))
    a, b = _int_or_none(row.get("line_start")), _int_or_none(row.get("line_end"))
    page = _int_or_none(row.get("page"))
    out = doc
    if a is not None:
        out += f" line {a}" if b in (None, a) else f" lines {a}–{b}"
    if page is not None:
        out += f", page {page}"
    return out


def _point_name(row: Mapping[str, Any]) -> str:
    return f"{_text(row.get('point_id'))} · {_where(row)}"


def _question_name(row: Mapping[str, Any]) -> str:
    return f"{_text(row.get('question_id'))} · {_where(row)}"


def _case_description(row: Mapping[str, Any]) -> str:
    bits = [_text(row.get("speaker"))]
    for key in ("organization", "department", "role", "area"):
        v = _text(row.get(key))
        if v:
            bits.append(f"{key}: {v}")
    evidence = _text(row.get("role_evidence"))
    if evidence:
        bits.append(f"role evidence: {evidence}")
    return "; ".join(b for b in bits if b)


def _source_description(row: Mapping[str, Any]) -> str:
    return (f"{_text(row.get('transcript_id'))} — {_text(row.get('speaker'))} "
            f"({_where(row)}); rebuilt from consult's records").strip()


# ---------------------------------------------------------------------------- writing


def write_qdpx(
    corpus: Any,
    path: str | Path,
    *,
    themes: pd.DataFrame | None = None,
    assignments: pd.DataFrame | None = None,
    question_codes: bool = False,
    level: str = "point",
    name: str | None = None,
    created: datetime | str | None = None,
) -> Path:
    """Write a REFI-QDA ``.qdpx`` project; see :func:`build_project` for the arguments."""
    out = Path(path)
    if not out.parent.exists():
        raise ConsultError("output folder does not exist", path=str(out.parent))
    when = _created_for(corpus, created)
    xml, files = build_project(
        corpus, themes=themes, assignments=assignments, question_codes=question_codes,
        level=level, name=name, created=when,
    )
    stamp = when.timetuple()[:6]
    with atomic_output(out) as tmp, zipfile.ZipFile(tmp, "w") as z:
        for arcname, data in _entries(xml, files):
            info = zipfile.ZipInfo(arcname, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, so the attributes above hold on every platform
            z.writestr(info, data)
    return out


def _entries(xml: bytes, files: Mapping[str, bytes]) -> Iterable[tuple[str, bytes]]:
    yield "project.qde", xml
    yield from files.items()
