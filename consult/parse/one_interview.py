"""A document that is one interview without a transcript header: an overview block naming the
interviewee (``- 대상 : 이○○ 교수 (포항공과대학교)``) before numbered questions. The whole
document is that expert's transcript (its lines before the first question are its preamble).

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> text = "- 대상 : 이OO 교수 (포항공과대학교)\\n1. 현황은?\\n● 인력 부족"
    >>> r = Reading(document_from_text(text, name="d"), load_areas(), load_roles())
    >>> read_one_interview(r).speaker.role
    'academic'
"""

from __future__ import annotations

from .model import Transcript
from .overview import overview_speaker
from .reading import Reading
from .transcript import read_transcript

__all__ = ["read_one_interview"]


def read_one_interview(reading: Reading) -> Transcript | None:
    """The document's one transcript, or ``None`` when no overview names an interviewee."""
    lines = reading.lines
    first_q = next((k for k, ln in enumerate(lines) if reading.question_start(ln.text)), None)
    if first_q is None:
        return None
    label, _area, _kv = overview_speaker(reading, lines[:first_q])
    if label is None:
        return None
    return read_transcript(reading, 1, "consultation", None, lines, True)
