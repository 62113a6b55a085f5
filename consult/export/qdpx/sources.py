"""The text of each ``.qdpx`` source: one transcript rebuilt from its records.

The speaker line, then each question (``1. …``) followed by its points (``● …``, sub-points as
they were); a floor question (an open discussion) is a ``●`` line with ``-`` points. Running
headers, page numbers and PDF wraps are gone, so a point's span is exactly its ``text`` column.

    >>> import consult
    >>> corpus = consult.Corpus.from_text(
    ...     "전문가 자문 회의록 (1)\\n<KAIST 교수>\\n1. 인력 수급은?\\n● 석사 인력이 부족하다", name="m")
    >>> st = transcript_sources(corpus)["m#T01"]
    >>> start, end = st.point_spans["m#T01.Q1.P1"]
    >>> st.text[start:end]
    '석사 인력이 부족하다'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .elements import as_text

__all__ = ["SourceText", "transcript_sources"]


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
    tid = as_text(row.get("transcript_id")).replace("#", "_")
    speaker = as_text(row.get("speaker"))
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
        tid = as_text(row["transcript_id"])
        buf = _TextBuilder()
        add = buf.add
        speaker = as_text(row.get("speaker"))
        add(f"<{speaker}>\n" if speaker else "\n")
        point_spans: dict[str, tuple[int, int]] = {}
        question_spans: dict[str, tuple[int, int]] = {}
        tq = q_by_t.get(tid)
        for q in ([] if tq is None else tq.to_dict("records")):
            qid = as_text(q["question_id"])
            add("\n")
            kind = as_text(q.get("question_kind"))
            label = as_text(q.get("question_label"))
            qtext = _clean(as_text(q.get("question")))
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
                point_spans[as_text(p["point_id"])] = add(_clean(as_text(p.get("text"))))
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

