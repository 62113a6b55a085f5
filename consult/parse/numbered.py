"""The reader of reports of numbered-Q&A transcripts (the ``report`` shape).

It reads the whole family of Korean consultation-minutes layouts:

* transcript headers ``전문가 자문 회의록 (N)``, ``자문 회의록 N``, ``발표내용 요약 (N)`` (forum talks),
  ``전문가 인터뷰 N`` …, with or without parentheses or a number;
* a speaker line in ``<…>``, ``[…]``, ``(…)``, ``〈…〉`` or ``자문위원: …`` form (or the user's
  speaker hint); a bracketed line naming a title of the role lexicon, followed by a numbered
  question, opens a transcript without a header;
* numbered questions ``1.`` ``1)`` ``(1)`` ``①`` ``Q1.`` ``질문 1`` ``<질문 1>`` (unnumbered ``[질문]``
  ``질의:`` ``Q.`` are numbered in order; the user's question hint first), with an optional
  topic tag ``1. (기초과학) …``;
* answer points with bullets ``● ■ □ ◆`` > ``○ ◦ ㅇ •`` > ``- – ㆍ · ∙`` (the highest-ranked bullet
  in an answer marks its points, lower ones its sub-points) and notes ``※ * ex)``;
* a forum's ``(토론) 질문 및 의견`` section, whose top bullets are questions from the floor and
  whose lower bullets are the speaker's answers;
* the report authors' summary tables (``주요 질문 / 전문가 의견``).

A transcript ends at the next transcript, at a heading (:mod:`consult.parse.headings`: ``이슈브리프
및 별첨``, ``별첨 1``, ``붙임2``, ``세션 1``, a report title followed by its date line, an area title,
or a line of the user's closing hints) or at the end. A document with no transcript header and
no summary table may be one interview (:mod:`consult.parse.one_interview`). Every non-blank line
is accounted for: in a record, or in the residue with a reason.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> text = "전문가 자문 회의록 (1)\\n<KAIST 교수>\\n1. 현황은?\\n● 인력 부족\\n- 시스템 SW\\n"
    >>> parsed = read_numbered(Reading(document_from_text(text, name="d"), load_areas(), load_roles()))
    >>> t = parsed.transcripts[0]
    >>> t.speaker.role, t.questions[0].text, t.questions[0].points[0].text
    ('academic', '현황은?', '인력 부족\\n- 시스템 SW')
"""

from __future__ import annotations

from ..lexicon import BRACKETS, DATE_PLACE
from .headings import HEADER_WORD, SUMMARY_START, TRANSCRIPT_HEADER
from .marks import hinted_speaker
from .model import ParsedDocument, SummaryRow, Transcript
from .one_interview import read_one_interview
from .reading import Reading
from .summary_tables import read_summary_table
from .transcript import read_transcript

__all__ = ["read_numbered", "transcript_start"]


def transcript_start(reading: Reading, i: int) -> tuple[str, int | None] | None:
    """``(kind, number)`` when line ``i`` opens a transcript with a header (kind ``forum`` for
    a talk's ``발표내용 요약``, else ``consultation``)."""
    lines = reading.lines
    t = lines[i].text
    if not HEADER_WORD.search(t):
        return None
    m = TRANSCRIPT_HEADER.match(t)
    if m is None:
        return None
    number = int(m.group("no")) if m.group("no") else None
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    if number is None and m.group("speaker") is None and reading.speaker_label(nxt) is None:
        return None
    return ("forum" if "발표" in m.group("name") else "consultation"), number


def _implicit_start(reading: Reading, i: int) -> bool:
    """A speaker line naming a title (or a line of the user's speaker hints), followed by a
    numbered question, opens a transcript."""
    lines = reading.lines
    t = lines[i].text
    if hinted_speaker(t, reading.hints.speaker) is None:
        if not t or (t[0] not in BRACKETS and ":" not in t):
            return False
        label = reading.speaker_label(t)
        if label is None or not reading.roles.mentions_title(label):
            return False
    return i + 1 < len(lines) and reading.question_start(lines[i + 1].text) is not None


def _is_boundary(reading: Reading, i: int, after_header: bool = False) -> bool:
    """Whether line ``i`` ends the block before it (a speaker right after a header does not)."""
    return (
        i in reading.headings.lines
        or SUMMARY_START.match(reading.lines[i].text) is not None
        or transcript_start(reading, i) is not None
        or (not after_header and _implicit_start(reading, i))
    )


def read_numbered(reading: Reading) -> ParsedDocument:
    """Transcripts and summary tables of a report (see the module docstring)."""
    transcripts: list[Transcript] = []
    summaries: list[SummaryRow] = []
    lines = reading.lines
    i = 0
    last_number: int | None = None
    while i < len(lines):
        start = transcript_start(reading, i)
        implicit = start is None and _implicit_start(reading, i)
        if start or implicit:
            j = i + 1
            while j < len(lines) and not _is_boundary(reading, j, after_header=not implicit and all(
                    DATE_PLACE.match(lines[k].text) for k in range(i + 1, j))):  # the speaker after the
                j += 1  # header, or after the interview's date and place
            kind, number = start if start else ("consultation", None)
            if number is not None and last_number is not None and number <= last_number:
                reading.warn(lines[i].no, f"transcript number ({number}) repeats or goes back after ({last_number})")
            last_number = number if number is not None else last_number
            transcripts.append(read_transcript(reading, len(transcripts) + 1, kind, number, lines[i:j], implicit))
            i = j
            continue
        if i in reading.headings.lines:
            last_number = None
        if SUMMARY_START.match(lines[i].text):
            j = i + 1
            while j < len(lines) and not (_is_boundary(reading, j) and not SUMMARY_START.match(lines[j].text)):
                j += 1
            table_no = len({s.table_no for s in summaries}) + 1
            summaries.extend(read_summary_table(reading, table_no, lines[i:j]))
            i = j
            continue
        reading.residue(lines[i], "heading outside transcripts" if i in reading.headings.lines
                        else "outside transcripts")
        i += 1
    if not transcripts and not summaries:
        whole = read_one_interview(reading)
        if whole is not None:
            transcripts.append(whole)
    return reading.result(transcripts, summaries)
