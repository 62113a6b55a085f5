"""The reader of meeting minutes (the ``meeting`` shape: 간담회·자문회의 결과).

A title, a header block (일시, 장소, 참석자 grouped as (학계)/(산업계)/(연구계)/(정부)), a
discussion section (``□ 주요 논의 내용``), numbered topics, and statements naming their speaker
inline (``○ (김OO 교수, 서울대) …``, ``- (산업부) …``) or in a speaker block above them (who
speaks each line: :mod:`consult.people.speakers`). One transcript of kind ``meeting`` per title
(or one for the file); each point carries its own speaker, resolved against the attendee list.
Closing sections (향후 계획, 붙임, 참석자 명단, 종합 시사점) end the minutes: they are residue
with their reason (an attendee list there still feeds ``participants``).

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> text = ("반도체 간담회 결과\\n□ 참석자 : (학계) 김OO 서울대 교수, (산업계) 박OO 삼성전자 상무\\n"
    ...         "□ 주요 논의 내용\\n○ (김OO 교수) 인력이 부족함\\n○ (박OO 상무) 장비 투자 확대\\n□ 향후 계획")
    >>> reading = Reading(document_from_text(text, name="d"), load_areas(), load_roles())
    >>> parsed = read_meeting(StatementLines(reading))
    >>> [(p.speaker.role, p.text) for p in parsed.transcripts[0].questions[0].points]
    [('academic', '인력이 부족함'), ('industry', '장비 투자 확대')]
"""

from __future__ import annotations

import re

from ..lexicon import CLOSING
from ..people import NO_SPEAKER, split_statement
from .marks import bullet
from .model import ParsedDocument, Transcript
from .statement_lines import StatementLines
from .statements import (
    INTERVIEWER_LINE,
    QuestionBlock,
    Segmented,
    TranscriptBlock,
    add_line,
    build_transcript,
    finish,
    segment_lines,
    table_residue,
)

__all__ = ["read_meeting", "UNSPOKEN_SECTION"]

_OVERVIEW = re.compile(r"개요|개최|배경|목적|참석|일시|장소|회의\s*명|추진\s*경과")
#: words of minutes that report a discussion without naming its speakers
_REPORTED = re.compile(r"의견|공감|제기|지적|건의|요청|논의|발언|참석자|위원들|다수")

#: the reason of a meeting section none of whose statements names a speaker, in minutes whose
#: other sections do: the document's own text (an overview, the authors' conclusions)
UNSPOKEN_SECTION = "section without a named speaker (the document's own text, not a statement)"


def read_meeting(sl: StatementLines) -> ParsedDocument:
    """The transcripts of meeting minutes (see the module docstring)."""
    seg = segment_lines(sl)
    blocks = _segment_meeting(seg)
    return finish(seg, [_build_meeting_sections(seg, n, t) for n, t in enumerate(blocks, start=1)])


def _headed_section(q: QuestionBlock) -> bool:
    """A section under a □/Ⅰ-style heading (not a numbered topic, a chair's prompt or the
    implicit first question)."""
    return q.head >= 0 and q.no is None and not q.chair


def _build_meeting_sections(seg: Segmented, seq: int, t: TranscriptBlock) -> Transcript:
    """A meeting's transcript, without the sections whose points name no speaker when two or
    more speakers are named elsewhere in it (the minutes' or report's own text around the
    statements: market figures, the authors' policy directions); their lines are residue
    (:data:`UNSPOKEN_SECTION`). Minutes that name nobody keep every section."""
    reading = seg.sl.reading
    warned = len(reading.warnings)
    tr = build_transcript(seg, seq, t)
    named = {pt.speaker.speaker for q in tr.questions for pt in q.points
             if not str(pt.speaker_source).startswith("unattributed") and pt.speaker.speaker}
    # a □/Ⅰ section (not a numbered topic of the meeting, where minutes summarise a discussion
    # without names: "참석자 전원이 … 공감함") whose points name nobody and report no discussion
    unspoken = [k for k, q in enumerate(tr.questions)
                if q.points and _headed_section(t.questions[k])
                and all(str(pt.speaker_source).startswith("unattributed") for pt in q.points)
                and not any(_REPORTED.search(pt.text) for pt in q.points)]
    if len(named) < 2 or not unspoken or len(unspoken) == len(tr.questions):
        return tr
    # and the headings above them that hold no statement of their own (Ⅰ. 산업 현황 over □ …)
    unspoken += [k for k, q in enumerate(tr.questions) if not q.points and _headed_section(t.questions[k])]
    drop = {id(t.questions[k]) for k in unspoken}
    for k in unspoken:
        q = t.questions[k]
        for i in ([q.head] if q.head >= 0 else []) + list(q.body):
            seg.residue[i] = UNSPOKEN_SECTION
            reading.uncover(seg.sl.lines[i])
    reading.drop_warnings_since(warned)
    t.questions = [q for q in t.questions if id(q) not in drop]
    return build_transcript(seg, seq, t)


def _new_meeting(i: int) -> TranscriptBlock:
    return TranscriptBlock("meeting", i, None, NO_SPEAKER, "")


def _close(out: list[TranscriptBlock], cur: TranscriptBlock | None, end: int) -> None:
    if cur is not None:
        cur.end = max(end, cur.head + 1)
        out.append(cur)


def _segment_meeting(seg: Segmented) -> list[TranscriptBlock]:
    """One ``meeting`` transcript per title (or one for the file): header, topics, statements."""
    sl = seg.sl
    out: list[TranscriptBlock] = []
    cur: TranscriptBlock | None = None
    region = "outside"
    closing = ""
    for i, c in enumerate(seg.classes):
        t = sl.lines[i].text
        if c == "title":
            _close(out, cur, i)
            cur, region = _new_meeting(i), "header"
            cur.parts[i] = "transcript header"
            continue
        if i in seg.attendee_lines:
            if cur is None:
                cur = _new_meeting(i)
            cur.parts[i] = "participants"
            continue
        if c == "closing":
            m = CLOSING.match(t)
            region, closing = "closing", m.group("what") if m else "붙임"
            seg.residue[i] = f"closing section ({closing})"
            continue
        if c == "interviewer":
            seg.residue[i] = INTERVIEWER_LINE
            continue
        if table_residue(c):
            seg.residue[i] = table_residue(c)
            if c == "table header" and region in ("outside", "header"):
                cur, region = cur or _new_meeting(i), "discussion"  # the rows are the statements
            continue
        if c == "meta" or (c == "section" and _OVERVIEW.search(t) and region != "discussion"):
            cur = cur or _new_meeting(i)
            cur.parts[i], region = "meeting header", "header"
            continue
        if c == "discussion" and region == "discussion" and cur is not None and _next_topic(sl, cur, t):
            add_line(sl, cur, i, "body")  # 3. 기타 건의사항: the next numbered topic, not a new section
            continue
        if c == "discussion" and region != "closing" or (region == "closing" and c in ("discussion", "meta")):
            cur = cur or _new_meeting(i)
            cur.parts[i], region = "discussion section header", "discussion"
            continue
        if region == "closing":
            seg.residue[i] = f"closing section ({closing})"
            continue
        if region == "header" and c == "body" and not _opens_discussion(sl, i):
            cur.parts[i] = "meeting header"
            continue
        if region in ("outside", "header") and (c == "section" or _opens_discussion(sl, i)):
            cur, region = cur or _new_meeting(i), "discussion"
        if region != "discussion" or cur is None:
            seg.residue[i] = "heading outside transcripts" if c == "section" else "outside transcripts"
            continue
        add_line(sl, cur, i, c)
    _close(out, cur, len(seg.classes))
    return out


def _next_topic(sl: StatementLines, cur: TranscriptBlock, t: str) -> bool:
    """Line ``t`` numbers the topic after the last numbered topic of ``cur``."""
    m = sl.question(t, cur.style)
    prev = next((q.no for q in reversed(cur.questions) if q.no is not None), None)
    return m is not None and prev is not None and m.number == prev + 1


def _opens_discussion(sl: StatementLines, i: int) -> bool:
    t = sl.lines[i].text
    rank, _g, rest = bullet(t)
    return bool(split_statement(rest if rank is not None else t, sl.book)) or i in sl.table.rows or \
        sl.speaker_block(i) is not None or sl.question(t, None) is not None
