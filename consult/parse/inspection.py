"""``consult inspect``: what the parser found in one file and the conventions it detected.

    >>> from consult.parse import inspect_file
    >>> report = inspect_file("examples/data/kaist_2023_annual_report.txt").text().splitlines()
    >>> print("\\n".join(report[:3]))
    file: examples/data/kaist_2023_annual_report.txt (txt, utf-8-sig, 10251 lines)
    shape: report (transcript headers)
    transcript starts: 전문가 자문 회의록 (N) ×26, 발표내용 요약 (N) ×8

The report names the shape (transcript headers, meeting, speaker blocks, tables), the transcript
starts, the question numbering, the bullets, where the speakers of points came from, each
transcript with its speaker, role and counts, the attendees, and the residue by reason. It
works on a file that cannot be parsed too: then it lists what it saw (numbered lines, bullets,
bracketed lines) so a user can write a layout-hints file (:mod:`consult.parse.hints`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..ingest import read_document
from ..layout import normalise
from ..people import load_roles
from ..records import transcript_id
from ..taxonomy import load_areas
from .hints import load_hints
from .marks import bullet, question_start
from .model import ParsedDocument
from .shapes import parse_document

__all__ = ["inspect_file", "Inspection", "seen_summary", "conventions_of"]

_BRACKETED = re.compile(r"^[<\[【〈(].{2,60}[>\]】〉)]$")
_DIGITS = re.compile(r"\d+")
_LABEL_NUMBER = re.compile(r"\d+|[가-하①-⑳]")
#: how ``consult inspect`` names a shape
_SHAPES = {"report": "report (transcript headers)",
           "verbatim": "verbatim record (turns of speakers: ◯<label>  <speech>)"}


@dataclass(frozen=True)
class Inspection:
    """The parse of one file, for reading by a person."""

    parsed: ParsedDocument

    def text(self) -> str:
        p = self.parsed
        doc = p.doc
        out = [f"file: {doc.path} ({doc.source_type}"
               f"{', ' + doc.encoding if doc.encoding else ''}, {doc.n_lines} lines)"]
        conv = conventions_of(p)
        out.append(f"shape: {conv.get('shape', '?')}")
        for key in ("transcript_starts", "question_numbering", "bullets", "speaker_sources"):
            vals = conv.get(key) or {}
            shown = ", ".join(f"{k!s} ×{v}" for k, v in vals.items()) or "-"
            out.append(f"{key.replace('_', ' ')}: {shown}")
        verbatim = p.conventions.get("verbatim")
        if verbatim:
            for key, val in verbatim.items():
                shown = ", ".join(f"{k} ×{v}" for k, v in val.items()) if isinstance(val, dict) else val
                out.append(f"{key}: {shown}")
        out.append(f"transcripts: {len(p.transcripts)}")
        for tr in p.transcripts:
            n_points = sum(len(q.points) for q in tr.questions)
            who = tr.speaker.speaker or "-"
            out.append(f"  {transcript_id(doc.name, tr.seq)} {tr.kind} line {tr.header.no}"
                       f" [{tr.area or '-'}] speaker: {who} ({tr.speaker.role})"
                       f" questions {len(tr.questions)}, points {n_points}")
            speakers = Counter(
                f"{pt.speaker.speaker or '(unattributed)'} ({pt.speaker.role})"
                for q in tr.questions for pt in q.points if pt.speaker is not None
            )
            for label, n in speakers.most_common():
                out.append(f"      {label}: {n} point(s)")
        if p.participants:
            roles = Counter(a.role for a in p.participants)
            out.append(f"participants: {len(p.participants)} ("
                       + ", ".join(f"{r} {n}" for r, n in roles.most_common()) + ")")
        reasons = Counter(c.reason for c in p.coverage if c.reason)
        out.append("residue by reason:" + ("" if reasons else " none"))
        out.extend(f"  {r}: {n}" for r, n in reasons.most_common())
        if not p.transcripts or not any(t.questions for t in p.transcripts):
            out.append("seen: " + seen_summary(p))
        for line, msg in p.warnings[:20]:
            out.append(f"warning: line {line}: {msg}" if line else f"warning: {msg}")
        return "\n".join(out)


def seen_summary(parsed: ParsedDocument) -> str:
    """What a file without recognisable minutes holds: counts of the cues the parser looks for."""
    texts = [normalise(c.text) for c in parsed.coverage if not c.reason.startswith(("page", "running"))]
    numbered = sum(1 for t in texts if question_start(t))
    bullets = sum(1 for t in texts if bullet(t).rank is not None)
    bracketed = sum(1 for t in texts if _BRACKETED.match(t))
    return (f"{len(texts)} content lines, {numbered} numbered, {bullets} bulleted, "
            f"{bracketed} bracketed (speaker-like)")


def inspect_file(path: str | Path, *, hints: str | Path | None = None, areas: str | Path | None = None,
                 roles: str | Path | None = None) -> Inspection:
    """Read and parse ``path`` (never raising for a file without minutes) for :meth:`Inspection.text`."""
    doc = read_document(path)
    parsed = parse_document(doc, load_areas(areas), load_roles(roles), load_hints(hints))
    return Inspection(parsed)


def conventions_of(parsed: ParsedDocument) -> dict:
    """What the parser recognised, for ``consult inspect`` (computed on demand, not per parse)."""
    glyphs: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    headers: Counter[str] = Counter()
    verbatim = parsed.conventions.get("shape") == "verbatim"
    for tr in parsed.transcripts:
        # a verbatim record's transcripts are people (testimony, official), its questions labelled
        # with the asker
        headers[tr.kind if verbatim else _DIGITS.sub("N", tr.header.text)[:40]] += 1
        for q in tr.questions:
            if q.label:
                labels[f"asked by {q.label}" if verbatim else _LABEL_NUMBER.sub("N", q.label)] += 1
            for p in q.points:
                sources[(p.speaker_source or "transcript").split(":")[0].split(" (")[0]] += 1
                for ln in p.lines:
                    g = bullet(ln.text).glyph
                    if g:
                        glyphs[g] += 1
    shape = parsed.conventions.get("shape", "?")
    return {
        "shape": "none: no minutes found" if not parsed.transcripts else _SHAPES.get(shape, shape),
        "transcript_starts": dict(headers.most_common(3)),
        "question_numbering": dict(labels.most_common(4)),
        "bullets": dict(glyphs.most_common(8)),
        "speaker_sources": dict(sources),
    }
