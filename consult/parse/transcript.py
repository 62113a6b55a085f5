"""One numbered-Q&A transcript from its lines: the speaker (a speaker line, the header's own
``<…>``, or an overview block), the numbered questions, and their answer points.

The first numbered line fixes the numbering style of the transcript (``1.``, ``Q1``, ``①`` …, or
the user's question hint); a question's text runs to its first bullet (or, without bullets, to
its first line that ends like a question); a forum's ``(토론) 질문 및 의견`` section gives one
question per question from the floor (its top bullets), answered by the lower bullets.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> r = Reading(document_from_text("전문가 자문 회의록 (1)\\n<KAIST 교수>\\n1. 현황은?\\n● 인력 부족", name="d"),
    ...             load_areas(), load_roles())
    >>> tr = read_transcript(r, 1, "consultation", 1, r.lines, implicit=False)
    >>> tr.speaker.role, [(q.label, q.text, [p.text for p in q.points]) for q in tr.questions]
    ('academic', [('1.', '현황은?', ['인력 부족'])])
"""

from __future__ import annotations

import re

from ..layout import Line
from ..lexicon import ASKS, DATE_PLACE, ENDS_QUESTION
from ..records import question_id, transcript_id
from .headings import TRANSCRIPT_HEADER
from .marks import (
    DATE_PLACE_REASON,
    NEXT_QUESTION,
    bare_answer_mark,
    bullet,
    is_structural,
    topic_tag,
)
from .model import Question, Transcript
from .overview import overview_speaker
from .points import add_points
from .reading import Reading

__all__ = ["read_transcript", "INLINE_ANSWER"]

#: a question with its answer on the same line, after a tab or an arrow
INLINE_ANSWER = re.compile(r"^(?P<q>[^\t]+?\?) *+(?:\t|[→⇒](?=\s))\s*+(?P<a>\S.*)$")
#: a forum's discussion section, whose top bullets are questions from the floor
_FLOOR_SECTION = re.compile(r"토론|질의\s*+응답|Q\s*+&\s*+A|질문\s*+및\s*+의견|자유\s*+토의")

#: (index in the block, number, label, text) of a question's first line
_Start = tuple[int, int, str, str]


def read_transcript(reading: Reading, seq: int, kind: str, number: int | None, block: list[Line],
                    implicit: bool) -> Transcript:
    """The transcript of ``block`` (its header first, unless ``implicit``: a speaker line opens it)."""
    header = block[0]
    tid = transcript_id(reading.doc.name, seq)
    rest = block if implicit else block[1:]
    speaker_line = None
    inline = None if implicit else TRANSCRIPT_HEADER.match(header.text)
    if inline is not None and inline.group("speaker"):
        # the speaker on the header line itself: 전문가 자문 회의록 (1) <KAIST … 교수>
        label: str | None = reading.speaker_label(inline.group("speaker"))
        speaker_line = header
    else:  # the speaker line, after the interview's date and place if they come first
        k = next((k for k, ln in enumerate(rest) if not DATE_PLACE.match(ln.text)), len(rest))
        label = reading.speaker_label(rest[k].text) if k < len(rest) else None
        if label is not None:
            speaker_line, rest = rest[k], rest[:k] + rest[k + 1:]
    kv_lines: list[Line] = []
    kv_area = None
    if label is None:  # an interview's overview block: "- 대상 : 김OO 교수 (KAIST)", "- 분야 : 반도체"
        label, kv_area, kv_lines = overview_speaker(reading, rest)
        if label is None:
            reading.warn(header.no, "transcript has no speaker line")
    area, report = reading.context(header.no)
    if not area and kv_area:
        area = kv_area
    if kind == "forum":
        area = ""
    tr = Transcript(seq, kind, number, header, speaker_line, reading.roles.infer(label or ""), area,
                    report, block)
    if speaker_line is not None:
        reading.cover(speaker_line, tid, "speaker")
    if not implicit and speaker_line is not header:
        reading.cover(header, tid, "transcript header")
    starts = _question_starts(reading, rest)
    if not starts:
        reading.warn(header.no, "transcript ends without numbered questions")
    first = starts[0][0] if starts else len(rest)
    for ln in rest[:first]:
        if any(ln is kv for kv in kv_lines):
            reading.cover(ln, tid, "speaker")
            continue
        if bullet(ln.text).rank is not None and not starts:
            continue
        reading.residue(ln, DATE_PLACE_REASON if DATE_PLACE.match(ln.text) else
                        "transcript preamble (before the first question)")
        tr.preamble.append(ln)
    if not starts and any(bullet(ln.text).rank is not None for ln in rest):
        # minutes without numbered questions: all points answer one implicit question
        starts = [(0, 0, "", "")]
    prev_no = None
    for n, (k, q_no, qlabel, qtext) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(rest)
        if prev_no is not None and q_no and q_no != prev_no + 1:
            reading.warn(rest[k].no, f"question {q_no} follows question {prev_no} (numbers out of order)")
        prev_no = q_no or prev_no
        _add_questions(reading, tr, tid, rest[k:end], q_no or None, qlabel, qtext, implicit_q=qlabel == "")
    for q in tr.questions:
        for p in q.points:
            p.text = "\n".join(reading.join(item) for item in p.items)
    return tr


def _question_starts(reading: Reading, rest: list[Line]) -> list[_Start]:
    """The questions' first lines; the first numbered line fixes the numbering style."""
    style = None
    starts: list[_Start] = []
    for k, ln in enumerate(rest):
        m = reading.question_start(ln.text, style)
        if m is None:
            continue
        if style is None:
            style = m.style
        number = m.number if m.number != NEXT_QUESTION else (starts[-1][1] if starts else 0) + 1
        starts.append((k, number, m.label, m.text))
    return starts


def _question_end(block: list[Line], ranks: list[int | None], implicit_q: bool) -> int:
    """Where the question's own lines end in ``block``: at the first bullet or answer mark, at
    a line after one ending in ``?`` (unless it asks too), or — without bullets — after the
    first line that ends like a question."""
    q_end = 0 if implicit_q else 1
    while q_end < len(block) and ranks[q_end] is None and not bare_answer_mark(block[q_end].text) \
            and not (q_end > 0 and block[q_end - 1].text.rstrip().endswith("?")
                     and not ASKS.search(block[q_end].text)):
        q_end += 1
    if not implicit_q and q_end == len(block) and len(block) > 1:
        return next((k + 1 for k in range(len(block)) if ENDS_QUESTION.search(block[k].text)), 1)
    return q_end


def _add_questions(reading: Reading, tr: Transcript, tid: str, block: list[Line], number: int | None,
                   label: str, first_text: str, implicit_q: bool) -> None:
    """Add the question(s) in ``block`` (a numbered item and its answer) to ``tr``."""
    ranks = [bullet(ln.text).rank for ln in block]
    q_end = _question_end(block, ranks, implicit_q)
    q_lines = block[:q_end] if not implicit_q else []
    inline = INLINE_ANSWER.match(first_text) if not implicit_q and q_end == 1 else None
    if inline:  # "1. 질문?<TAB>답변" (a table row as text), "1. 질문? → 답변": the answer is inline
        first_text = inline.group("q").strip()
    b0 = block[0]
    first_line = Line(b0.no, b0.raw, first_text, b0.page, b0.trailing_space)
    text = reading.join([first_line, *q_lines[1:]]) if q_lines else ""
    answer = block[q_end:]
    answer_ranks = ranks[q_end:]
    if inline:
        answer = [Line(b0.no, b0.raw, inline.group("a").strip(), b0.page, b0.trailing_space), *answer]
        answer_ranks = [None, *answer_ranks]
    structural = [r for r in answer_ranks if is_structural(r)]
    point_rank = min(structural) if structural else None
    if _FLOOR_SECTION.search(text) and point_rank is not None and any(
            is_structural(r) and r > point_rank for r in answer_ranks):
        _add_floor_questions(reading, tr, tid, q_lines, answer, answer_ranks, point_rank, number,
                             label, topic_tag(text))
        return
    q = Question(seq=len(tr.questions) + 1, no=number, label=label,
                 kind="section" if tr.kind == "forum" else "prompt", topic=topic_tag(text),
                 lines=q_lines, text=text)
    qid = question_id(tid, q.seq)
    for ln in q_lines:
        reading.cover(ln, qid, "question")
    add_points(reading, q, qid, answer, answer_ranks)
    tr.questions.append(q)


def _add_floor_questions(reading: Reading, tr: Transcript, tid: str, header_lines: list[Line],
                         answer: list[Line], answer_ranks: list[int | None], point_rank: int,
                         number: int | None, label: str, topic: str) -> None:
    """A discussion section: its top bullets are questions from the floor, the lower ones
    their answers."""
    floor: list[list[int]] = []
    for k, r in enumerate(answer_ranks):
        if r == point_rank or not floor:
            floor.append([k])
        else:
            floor[-1].append(k)
    for f_no, idxs in enumerate(floor, start=1):
        fl = [answer[k] for k in idxs]
        fr = [answer_ranks[k] for k in idxs]
        end_q = 1
        while end_q < len(fl) and fr[end_q] is None:
            end_q += 1
        head = Line(fl[0].no, fl[0].raw, bullet(fl[0].text).rest, fl[0].page, fl[0].trailing_space)
        q = Question(seq=len(tr.questions) + 1, no=number,
                     label=f"{label}{f_no}" if label else str(f_no), kind="floor",
                     topic=topic or "토론", lines=fl[:end_q], text=reading.join([head, *fl[1:end_q]]))
        if f_no == 1:
            q.extra_lines = header_lines
        qid = question_id(tid, q.seq)
        for ln in header_lines if f_no == 1 else []:
            reading.cover(ln, qid, "discussion section header")
        for ln in q.lines:
            reading.cover(ln, qid, "question")
        add_points(reading, q, qid, fl[end_q:], fr[end_q:])
        tr.questions.append(q)
