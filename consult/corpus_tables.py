"""The record tables of a :class:`consult.corpus.Corpus`, built from its parsed documents.

One row per transcript, question, answer point, summary-table row and attendee, with the
columns of :mod:`consult.schema`; integer columns are nullable ``Int64``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .parse.model import ParsedDocument, Point, Question, SummaryRow, Transcript
from .records import point_id, question_id, transcript_id
from .schema import (
    PARTICIPANT_COLUMNS,
    POINT_COLUMNS,
    QUESTION_COLUMNS,
    SUMMARY_COLUMNS,
    TRANSCRIPT_COLUMNS,
)
from .years import doc_year

__all__ = ["build_tables", "frame"]

_INT_COLUMNS = ("transcript_no", "question_no", "point_no", "page", "row_no", "question_line",
                "year")


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A table of ``rows`` with these ``columns``, the integer ones as nullable ``Int64``."""
    df = pd.DataFrame(rows, columns=columns)
    for col in _INT_COLUMNS:
        if col in df.columns:
            df[col] = pd.array(df[col].tolist(), dtype="Int64") if len(df) else df[col].astype("Int64")
    return df


def build_tables(parsed_docs: Sequence[ParsedDocument], years: dict[str, int]) -> dict[str, pd.DataFrame]:
    """``transcripts``, ``questions``, ``points``, ``summaries`` and ``participants``; ``years``
    overrides the year read from a document (by document name)."""
    trs: list[dict] = []
    qs: list[dict] = []
    ps: list[dict] = []
    ss: list[dict] = []
    for parsed in parsed_docs:
        doc = parsed.doc
        year = years.get(doc.name, doc_year(doc.name, doc.lines))
        for tr in parsed.transcripts:
            _transcript_rows(doc.name, tr, year, trs, qs, ps)
        ss += [_summary_row(doc.name, s) for s in parsed.summaries]
    return {
        "transcripts": frame(trs, TRANSCRIPT_COLUMNS),
        "questions": frame(qs, QUESTION_COLUMNS),
        "points": frame(ps, POINT_COLUMNS),
        "summaries": frame(ss, SUMMARY_COLUMNS),
        "participants": frame(
            [{"doc": p.doc.name, "transcript_id": _meeting_of(p, a.line), "name": a.name,
              "title": a.title, "organization": a.organization, "role": a.role,
              "role_evidence": a.evidence, "group": a.group, "line": a.line}
             for p in parsed_docs for a in p.participants],
            PARTICIPANT_COLUMNS,
        ),
    }


def _transcript_rows(doc_name: str, tr: Transcript, year: int | None, trs: list[dict], qs: list[dict], ps: list[dict]) -> None:
    """Append the transcript's row to ``trs``, its questions' to ``qs`` and its points' to ``ps``."""
    tid = transcript_id(doc_name, tr.seq)
    keys = {
        "doc": doc_name,
        "area": tr.area,
        "report": tr.report,
        "transcript_id": tid,
        "transcript_kind": tr.kind,
        "transcript_no": tr.number,
        "speaker": tr.speaker.speaker,
        "organization": tr.speaker.organization,
        "role": tr.speaker.role,
    }
    n_points = sum(len(q.points) for q in tr.questions)
    trs.append(
        {
            **keys,
            "department": tr.speaker.department,
            "role_evidence": tr.speaker.evidence,
            "n_questions": len(tr.questions),
            "n_points": n_points,
            "page": tr.header.page,
            "line_start": tr.lines[0].no,
            "line_end": tr.lines[-1].no,
            "year": year,
        }
    )
    for q in tr.questions:
        qkeys = _question_rows(tid, tr, q, keys, qs)
        ps += [_point_row(tr, p, keys, qkeys, year) for p in q.points]


def _question_rows(tid: str, tr: Transcript, q: Question, keys: dict, qs: list[dict]) -> dict:
    """Append the question's row to ``qs``; return the question columns its points repeat."""
    qid = question_id(tid, q.seq)
    q_lines = q.extra_lines + q.lines + [ln for p in q.points for ln in p.lines]
    first = min(q_lines, key=lambda ln: ln.no) if q_lines else tr.header
    qkeys = {
        "question_id": qid,
        "question_no": q.no,
        "question_label": q.label,
        "question_kind": q.kind,
        "question_topic": q.topic,
        "question": q.text,
        "question_line": (q.lines[0].no if q.lines else first.no),
    }
    qs.append(
        {
            **keys,
            **qkeys,
            "answer": "\n".join(p.text for p in q.points),
            "n_points": len(q.points),
            "page": first.page,
            "line_start": first.no,
            "line_end": max(ln.no for ln in q_lines) if q_lines else first.no,
        }
    )
    return qkeys


def _point_row(tr: Transcript, p: Point, keys: dict, qkeys: dict, year: int | None) -> dict:
    who = p.speaker or tr.speaker
    return {
        **keys,
        "speaker": who.speaker,
        "organization": who.organization,
        "role": who.role,
        **qkeys,
        "point_id": point_id(qkeys["question_id"], p.no),
        "point_no": p.no,
        "point_label": p.label,
        "text": p.text,
        "page": p.lines[0].page,
        "line_start": p.lines[0].no,
        "line_end": p.lines[-1].no,
        "role_evidence": who.evidence,
        "speaker_source": p.speaker_source or "transcript",
        "year": year,
    }


def _summary_row(doc_name: str, s: SummaryRow) -> dict:
    return {
        "doc": doc_name,
        "area": s.area,
        "table_no": s.table_no,
        "row_no": s.row_no,
        "question_topic": s.topic,
        "opinion": s.opinion,
        "page": s.lines[0].page,
        "line_start": s.lines[0].no,
        "line_end": s.lines[-1].no,
    }


def _meeting_of(parsed: ParsedDocument, line: int) -> str:
    """The transcript whose coverage holds attendee-list ``line`` (empty when none)."""
    if not parsed.participants:
        return ""
    held = {c.line: c.record_id for c in parsed.coverage if c.part == "participants"}
    return held.get(line, "").split(".")[0]
