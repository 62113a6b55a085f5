"""``project.qde`` of a ``.qdpx`` export: :func:`build_project`, step by step.

The project holds, in this order: its users (the analyst first, then the model), the codebook
(:mod:`.codes`), the case and source variables, one case per transcript, one ``TextSource``
per transcript with its coded selections (text from :mod:`.sources`), sets of sources by role
and by area, and a description. Cases carry the variables ``speaker``, ``organization``,
``department``, ``role``, ``area``, ``transcript_kind``, ``report``, ``doc``, ``transcript_id``
and the counts ``n_questions`` / ``n_points``; sources carry the same values as
``source_speaker``, ``source_organization``, … Each selection's description cites the record:
``point_id``, file, lines and page.

    >>> xml, files = build_project(corpus, themes=model.themes_,        # doctest: +SKIP
    ...                            assignments=model.assignments_)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from ...errors import ConsultError
from ...qda.agreement import MODEL_CODER
from ...sanitize import clean_text
from ...schema import RECORD_LEVELS
from .codes import assignment_targets, codebook, theme_rows
from .elements import (
    NAMESPACE,
    as_text,
    consult_version,
    created_for,
    guid,
    int_or_none,
    iso,
    qname,
    sub_element,
    variable_value,
)
from .sources import SourceText, transcript_sources

__all__ = ["build_project", "ANALYST", "LEVELS"]

#: the user every coding of the export is made by: the model, by a name that says so
#: (:data:`consult.qda.agreement.MODEL_CODER`); the project also lists this placeholder person
#: first, whose name QualCoder adopts as its coder name on import (set your own in its Settings)
ANALYST = "analyst"

_CASE_TEXT_VARIABLES = [
    "speaker", "organization", "department", "role", "area", "transcript_kind", "report", "doc",
    "transcript_id",
]
_CASE_INT_VARIABLES = ["n_questions", "n_points"]
_SOURCE_PREFIX = "source_"

LEVELS = RECORD_LEVELS

#: a selection: start, end, key of its GUID, description, codings ``[(key, code GUID), …]``
_Selection = tuple[int, int, str, str, list[tuple[str, str]]]


@dataclass(frozen=True)
class _Stamp:
    """What the sources' elements share: who made them and when, and the GUIDs they refer to."""

    user: str
    when: str
    theme_guid: dict[str, str]
    var_guid: dict[str, str]
    targets: dict[tuple[str, str], list[str]]
    question_codes: bool


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
    when = iso(created_for(corpus, created))
    sources = transcript_sources(corpus)
    themes_in = theme_rows(themes, assignments)
    targets = assignment_targets(assignments, corpus, level)
    if name is None:
        name = _default_name(transcripts)

    ET.register_namespace("", NAMESPACE)
    user = guid("user", "consult")
    root = _project_root(name, user, when)
    theme_guid = {t["theme_id"]: guid("theme", t["theme_id"]) for t in themes_in}
    codebook(root, themes_in, theme_guid, _question_numbers(corpus) if question_codes else [])
    stamp = _Stamp(user=user, when=when, theme_guid=theme_guid, var_guid=_variables(root),
                   targets=targets, question_codes=question_codes)
    rows = transcripts.to_dict("records")
    _cases(root, rows, stamp.var_guid)
    files = _sources(root, corpus, rows, sources, stamp)
    _sets(root, rows)
    sub_element(root, "Description", text=(
        f"Expert-consultation minutes exported by consult {consult_version()}: "
        f"{len(rows)} transcripts, {len(corpus.points)} points"
        + (f", {len(themes_in)} theme codes" if themes_in else "")
        + ". Each source is one transcript rebuilt from the parsed records; selections cite "
          "the record id, file, lines and page."
    ))
    ET.indent(root, space=" ")
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml, files


def _default_name(transcripts: pd.DataFrame) -> str:
    """The corpus's first three file names (``a, b, c …``), or ``consult``."""
    docs = list(dict.fromkeys(as_text(d) for d in transcripts["doc"].tolist() if as_text(d)))
    return ", ".join(docs[:3]) + (" …" if len(docs) > 3 else "") if docs else "consult"


def _question_numbers(corpus: Any) -> list[int]:
    """The question numbers of the corpus, each once, in order: the ``Q<n>`` codes."""
    nos = {int_or_none(v) for v in corpus.questions["question_no"].tolist()}
    return sorted(n for n in nos if n is not None)


def _project_root(name: str, user: str, when: str) -> ET.Element:
    """The ``Project`` element with its ``Users``."""
    root = ET.Element(qname("Project"), {
        "name": name,
        "origin": f"consult {consult_version()}",
        "creatingUserGUID": user,
        "creationDateTime": when,
        "modifyingUserGUID": user,
        "modifiedDateTime": when,
    })
    users = sub_element(root, "Users")
    # the analyst first: QualCoder takes the first user's name as its coder name on import, so
    # what a person codes is not written under the model's name (which consult sets apart)
    sub_element(users, "User", {"guid": guid("user", ANALYST), "name": ANALYST, "id": "analyst"})
    sub_element(users, "User", {"guid": user, "name": MODEL_CODER, "id": "consult"})
    return root


def _variables(root: ET.Element) -> dict[str, str]:
    """The ``Variables`` of cases and sources; returns their GUIDs by name."""
    # cases and sources get variables of their own names (``source_…`` on sources): QualCoder
    # gives each attribute name one type, so shared names would hide the source values
    names = [p + v for p in ("", _SOURCE_PREFIX) for v in _CASE_TEXT_VARIABLES + _CASE_INT_VARIABLES]
    var_guid = {v: guid("variable", v) for v in names}
    variables = sub_element(root, "Variables")
    for v in names:
        kind = "Integer" if v.removeprefix(_SOURCE_PREFIX) in _CASE_INT_VARIABLES else "Text"
        sub_element(variables, "Variable", {"guid": var_guid[v], "name": v, "typeOfVariable": kind})
    return var_guid


def _add_values(parent: ET.Element, row: Mapping[str, Any], var_guid: Mapping[str, str],
                prefix: str = "") -> None:
    """The transcript ``row``'s variable values on a case (or, with ``source_``, a source)."""
    for v in _CASE_TEXT_VARIABLES:
        variable_value(parent, var_guid[prefix + v], "Text", row.get(v))
    for v in _CASE_INT_VARIABLES:
        variable_value(parent, var_guid[prefix + v], "Integer", row.get(v))


def _cases(root: ET.Element, rows: list[dict[str, Any]], var_guid: Mapping[str, str]) -> None:
    """One ``Case`` per transcript (one expert speaking), with its values and its source."""
    cases = sub_element(root, "Cases")
    for row in rows:
        tid = as_text(row["transcript_id"])
        case = sub_element(cases, "Case", {"guid": guid("case", tid),
                                           "name": f"{as_text(row.get('speaker')) or '?'} ({tid})"})
        sub_element(case, "Description", text=_case_description(row))
        _add_values(case, row, var_guid)
        sub_element(case, "SourceRef", {"targetGUID": guid("source", tid)})


def _sources(root: ET.Element, corpus: Any, rows: list[dict[str, Any]],
             sources: Mapping[str, SourceText], stamp: _Stamp) -> dict[str, bytes]:
    """One ``TextSource`` per transcript; returns the source files ``{zip_path: bytes}``."""
    point_rows = {(as_text(p["point_id"])): p for p in corpus.points.to_dict("records")}
    question_rows = {as_text(q["question_id"]): q for q in corpus.questions.to_dict("records")}
    files: dict[str, bytes] = {}
    src_el = sub_element(root, "Sources")
    for row in rows:
        tid = as_text(row["transcript_id"])
        st = sources[tid]
        sguid = guid("source", tid)
        files[f"sources/{sguid}.txt"] = clean_text(st.text, keep_length=True).encode("utf-8")
        ts = sub_element(src_el, "TextSource", {
            "guid": sguid,
            "name": st.name,
            "plainTextPath": f"internal://{sguid}.txt",
            "creatingUser": stamp.user,
            "creationDateTime": stamp.when,
            "modifyingUser": stamp.user,
            "modifiedDateTime": stamp.when,
        })
        sub_element(ts, "Description", text=_source_description(row))
        for selection in _selections(tid, st, stamp, point_rows, question_rows):
            _selection(ts, st.text, selection, stamp)
        _add_values(ts, row, stamp.var_guid, _SOURCE_PREFIX)
    return files


def _selections(tid: str, st: SourceText, stamp: _Stamp, point_rows: Mapping[str, Any],
                question_rows: Mapping[str, Any]) -> list[_Selection]:
    """The coded spans of one source — points, question blocks, the whole transcript — in
    order of start (the longer first at the same start)."""
    theme_guid, targets = stamp.theme_guid, stamp.targets
    selections: list[_Selection] = []
    for pid, span in st.point_spans.items():
        themes_here = targets.get(("point", pid), [])
        if themes_here:
            selections.append((*span, f"sel:{pid}", _point_name(point_rows[pid]),
                               [(f"{pid}|{t}", theme_guid[t]) for t in themes_here]))
    for qid, span in st.question_spans.items():
        codings = [(f"{qid}|{t}", theme_guid[t]) for t in targets.get(("question", qid), [])]
        if stamp.question_codes:
            n = int_or_none(question_rows[qid].get("question_no"))
            if n is not None:
                codings.append((f"{qid}|Q{n}", guid("question-code", n)))
        if codings:
            selections.append((*span, f"sel:{qid}", _question_name(question_rows[qid]), codings))
    t_codings = [(f"{tid}|{t}", theme_guid[t]) for t in targets.get(("transcript", tid), [])]
    if t_codings:
        selections.append((0, len(st.text), f"sel:{tid}", f"{tid} (whole transcript)", t_codings))
    selections.sort(key=lambda s: (s[0], -s[1], s[2]))
    return selections


def _selection(ts: ET.Element, text: str, selection: _Selection, stamp: _Stamp) -> None:
    """One ``PlainTextSelection`` of the source ``ts`` with its codings."""
    start, end, key, desc, codings = selection
    sel = sub_element(ts, "PlainTextSelection", {
        "guid": guid("selection", key),
        "name": _snippet(text[start:end]),
        "startPosition": str(start),
        "endPosition": str(end),
        "creatingUser": stamp.user,
        "creationDateTime": stamp.when,
        "modifyingUser": stamp.user,
        "modifiedDateTime": stamp.when,
    })
    sub_element(sel, "Description", text=desc)
    for ckey, code_guid in codings:
        coding = sub_element(sel, "Coding", {"guid": guid("coding", ckey), "creatingUser": stamp.user,
                                             "creationDateTime": stamp.when})
        sub_element(coding, "CodeRef", {"targetGUID": code_guid})


def _sets(root: ET.Element, rows: list[dict[str, Any]]) -> None:
    """``Sets`` of the sources by role and by area (none when no transcript has either)."""
    groups: dict[str, list[str]] = {}
    for row in rows:
        sg = guid("source", as_text(row["transcript_id"]))
        role = as_text(row.get("role"))
        area = as_text(row.get("area"))
        if role:
            groups.setdefault(f"role: {role}", []).append(sg)
        if area:
            groups.setdefault(f"area: {area}", []).append(sg)
    if groups:
        sets = sub_element(root, "Sets")
        for set_name in sorted(groups):
            s = sub_element(sets, "Set", {"guid": guid("set", set_name), "name": set_name})
            for sg in groups[set_name]:
                sub_element(s, "MemberSource", {"targetGUID": sg})


def _snippet(text: str, n: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= n else one[: n - 1] + "…"


def _where(row: Mapping[str, Any]) -> str:
    doc = as_text(row.get("doc"))
    a, b = int_or_none(row.get("line_start")), int_or_none(row.get("line_end"))
    page = int_or_none(row.get("page"))
    out = doc
    if a is not None:
        out += f" line {a}" if b in (None, a) else f" lines {a}–{b}"
    if page is not None:
        out += f", page {page}"
    return out


def _point_name(row: Mapping[str, Any]) -> str:
    return f"{as_text(row.get('point_id'))} · {_where(row)}"


def _question_name(row: Mapping[str, Any]) -> str:
    return f"{as_text(row.get('question_id'))} · {_where(row)}"


def _case_description(row: Mapping[str, Any]) -> str:
    bits = [as_text(row.get("speaker"))]
    for key in ("organization", "department", "role", "area"):
        v = as_text(row.get(key))
        if v:
            bits.append(f"{key}: {v}")
    evidence = as_text(row.get("role_evidence"))
    if evidence:
        bits.append(f"role evidence: {evidence}")
    return "; ".join(b for b in bits if b)


def _source_description(row: Mapping[str, Any]) -> str:
    return (f"{as_text(row.get('transcript_id'))} — {as_text(row.get('speaker'))} "
            f"({_where(row)}); rebuilt from consult's records").strip()

