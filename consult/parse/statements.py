"""What the readers of statement-shaped minutes share: the attendee lines, the segmented blocks
(a transcript's head, its questions and their body lines), and the transcripts made of them,
each point with its own speaker.

:func:`segment_lines` classifies the lines and reads the attendees (so that statements resolve
against them); a shape's reader (:mod:`consult.parse.meeting`, :mod:`consult.parse.blocks`)
cuts the lines into :class:`TranscriptBlock` s with :func:`add_line`; :func:`build_transcript`
makes each one a :class:`~consult.parse.model.Transcript`; :func:`finish` is the parsed document.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> text = "간담회 결과\\n□ 참석자 : (학계) 김OO 서울대학교 교수\\n□ 주요 논의 내용\\n○ (김OO 교수) 인력 부족"
    >>> seg = segment_lines(StatementLines(Reading(document_from_text(text, name="d"), load_areas(), load_roles())))
    >>> seg.classes, sorted(seg.attendee_lines), [p.name for p in seg.sl.book.participants]
    (['title', 'meta', 'discussion', 'body'], [1], ['김OO'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..layout import Line
from ..lexicon import BOXES, CONTINUES, DATE_PLACE, DISCLAIMER, ENDS_PROMPT, ROMAN
from ..people import (
    NO_SPEAKER,
    SpeakerInfo,
    bare_speaker,
    is_chair_prompt,
    parse_participants,
    split_statement,
    trailing_speaker,
)
from ..records import point_id, question_id, transcript_id
from .marks import (
    DATE_PLACE_REASON,
    DISCLAIMER_NOTE,
    NEXT_QUESTION,
    NOTE_RANK,
    TABLE_AFTER_ANSWER,
    bare_answer_mark,
    bullet,
    in_table,
    is_structural,
    row_edge,
    topic_tag,
)
from .model import ParsedDocument, Point, Question, Transcript
from .speaker_tables import ROW_NUMBER, TABLE_HEADER
from .statement_lines import META, OPINIONS, StatementLines
from .transcript import INLINE_ANSWER

__all__ = ["QuestionBlock", "TranscriptBlock", "Segmented", "segment_lines", "add_line",
           "build_transcript", "finish", "UNATTRIBUTED", "CONTINUED", "INTERVIEWER_LINE", "SPEAKER_TABLE",
           "table_residue"]

_PARTICIPANT_SECTION = re.compile(r"참석|명단")
#: a one-line note about an attachment ("붙임 참석자 명단 1부. 끝."), not the list itself
_ATTACHMENT_NOTE = re.compile(r"\d\s*부\b|\d\s*부\s*[.,]|끝\s*\.?\s*$")
#: the box or Roman numeral of a section heading
_GLYPH = re.compile(rf"^(?:[{BOXES}]|[{ROMAN}]\s*[.)]?)\s*")
#: the source of a point no statement names a speaker for
UNATTRIBUTED = "unattributed: no speaker named in the statement or above it"
#: the source of a point whose speaker a speaker table's row names (번호 | 발언자 | 주요 내용)
SPEAKER_TABLE = "speaker table"
#: the reason of the line naming the interviewer (``- 면담자 : 정OO 연구원``)
INTERVIEWER_LINE = "interviewer (who asked, not an expert)"
#: the source of an unlabelled statement that goes on with the one above it (``○ 또한 …``)
CONTINUED = "continued (또한 …: the statement above's speaker)"


@dataclass
class QuestionBlock:
    """A question of a segmented transcript and its body."""

    head: int  # index of the numbered line (or -1: implicit)
    no: int | None
    label: str
    text: str
    body: list[int] = field(default_factory=list)  # line indices after the question line
    chair: bool = False  # a meeting chair's prompt (위원장: … 의견을 주십시오), asked of everyone


@dataclass
class TranscriptBlock:
    """A segmented transcript: its head line, speaker, covered parts and questions."""

    kind: str
    head: int
    number: int | None
    speaker: SpeakerInfo
    source: str
    parts: dict[int, str] = field(default_factory=dict)  # line index -> covered part (no question)
    preamble: list[int] = field(default_factory=list)
    questions: list[QuestionBlock] = field(default_factory=list)
    style: str | None = None
    end: int = 0


@dataclass
class Segmented:
    """The lines of a document as the statement readers cut them."""

    sl: StatementLines
    #: the kind of each line (:meth:`StatementLines.classify`)
    classes: list[str]
    #: indices of the lines listing attendees
    attendee_lines: set[int]
    #: (line index, area) of the title and section headings that name an area
    title_areas: list[tuple[int, str]]
    #: line index -> why no transcript holds it (kept unless a transcript covers the line)
    residue: dict[int, str] = field(default_factory=dict)


def segment_lines(sl: StatementLines) -> Segmented:
    """Classify the lines, read the attendees (statements resolve against them), and classify
    again knowing them and whether ``□`` heads sections."""
    reading = sl.reading
    classes = [sl.classify(i) for i in range(len(sl.lines))]
    sl.find_box_headings()
    attendees = _attendee_lines(sl, classes)
    idxs = sorted(attendees)
    sl.book.restart(parse_participants([_listed(sl.lines[i].text) for i in idxs],
                                       [sl.lines[i].no for i in idxs], reading.roles))
    classes = [c if i in attendees else sl.classify(i) for i, c in enumerate(classes)]
    title_areas = [(i, a) for i, c in enumerate(classes)
                   if (i == 0 or c in ("title", "section", "discussion")) and len(sl.lines[i].text) <= 80
                   and (a := reading.areas.area_of(sl.lines[i].text))]
    return Segmented(sl, classes, attendees, title_areas)


def table_residue(c: str) -> str | None:
    """The reason of a speaker table's header row or number cell (class ``c``), else ``None``."""
    return {"table header": TABLE_HEADER, "table number": ROW_NUMBER}.get(c)


def finish(seg: Segmented, transcripts: list[Transcript]) -> ParsedDocument:
    """The parsed document: the lines no transcript covers are residue with their reason."""
    reading, lines = seg.sl.reading, seg.sl.lines
    for i, reason in seg.residue.items():
        if not reading.covered(lines[i]):
            reading.residue(lines[i], reason)
    return reading.result(transcripts, participants=seg.sl.book.participants)


def _attendee_lines(sl: StatementLines, classes: list[str]) -> set[int]:
    """Indices of lines listing attendees: a ``참석자`` label's own line and the lines under
    it, and the body of a closing ``참석자 명단`` section."""
    out: set[int] = set()
    n = len(sl.lines)
    for i, c in enumerate(classes):
        t = sl.lines[i].text
        m = META.match(t) if c == "meta" else None
        if m and m.group("key").replace(" ", "").startswith(("참석", "좌장", "패널", "토론자")):
            if (m.group("rest") or "").strip():
                out.add(i)
        elif not (c == "closing" and _PARTICIPANT_SECTION.search(t) and not _ATTACHMENT_NOTE.search(t)):
            continue
        j = i + 1
        while j < n and classes[j] in ("body", "speaker") and sl.question(sl.lines[j].text, None) is None:
            if not sl.lists_people(sl.lines[j].text):
                break
            out.add(j)
            j += 1
    return out


def _listed(text: str) -> str:
    """The attendee part of a line: after a ``참석자 :`` label when there is one."""
    m = META.match(text)
    return (m.group("rest") or "") if m else text


def add_line(sl: StatementLines, cur: TranscriptBlock, i: int, c: str) -> None:
    """A line of a discussion (or of an expert's block): a new question, or a body line."""
    t = sl.lines[i].text
    if c == "section":
        glyph = _GLYPH.match(t)
        cur.questions.append(QuestionBlock(i, None, glyph.group(0).strip() if glyph else "", _GLYPH.sub("", t)))
        return
    m = sl.question(t, cur.style)
    prev = next((q.no for q in reversed(cur.questions) if q.no is not None), None)
    if m is not None and m.number == NEXT_QUESTION:  # unnumbered ([질문] …): the next number
        m = m._replace(number=(prev or 0) + 1)
    if m is not None and (prev is None and m.number <= 2 or prev is not None and m.number == prev + 1):
        cur.style = m.style
        cur.questions.append(QuestionBlock(i, m.number, m.label, m.text))
        return
    # the chair asks: the statements after it answer this question — unless a numbered topic
    # of the minutes is open (its structure stands; the prompt stays residue, see make_points)
    topic_open = any(q.no is not None and not q.chair for q in cur.questions[-1:])
    chair = _chair_prompt(sl, t) if cur.kind == "meeting" and not topic_open else None
    if chair is not None:
        cur.questions.append(QuestionBlock(i, None, chair[0], chair[1], chair=True))
        return
    if not cur.questions:
        if cur.kind != "meeting" and bullet(t).rank is None:
            cur.preamble.append(i)
            return
        cur.questions.append(QuestionBlock(-1, None, "", ""))
    cur.questions[-1].body.append(i)


def _chair_prompt(sl: StatementLines, t: str) -> tuple[str, str] | None:
    """``(label, question)`` when line ``t`` is the meeting chair asking or announcing
    (``위원장: 인력 양성에 대해서도 의견을 주십시오.``, :func:`consult.people.is_chair_prompt`)."""
    rank, _g, rest = bullet(t)
    if rank == NOTE_RANK:
        return None
    st = split_statement(rest if rank is not None else t, sl.book)
    if st is None or not st[1].strip() or not is_chair_prompt(st[0], st[2], st[1], sl.reading.roles):
        return None
    return st[0], st[1].strip()


def build_transcript(seg: Segmented, seq: int, t: TranscriptBlock) -> Transcript:
    """A :class:`Transcript` (with its questions and points) from a segmented block."""
    sl, reading = seg.sl, seg.sl.reading
    lines = sl.lines
    tid = transcript_id(reading.doc.name, seq)
    header = lines[t.head]
    area, report = reading.context(header.no)
    if not area:  # the document's own title or section heading above the transcript
        above = [a for k, a in seg.title_areas if k <= t.head]
        area = above[-1] if above else (reading.areas.area_of(header.text) or "")
    span = [lines[k] for k in range(t.head, t.end)]
    speaker_line = header if t.kind != "meeting" else None
    tr = Transcript(seq, t.kind, t.number, header, speaker_line, t.speaker, area, report, span)
    for k, part in t.parts.items():
        reading.cover(lines[k], tid, part)
    for k in t.preamble:
        reading.residue(lines[k], DATE_PLACE_REASON if DATE_PLACE.match(lines[k].text) else
                        "transcript preamble (before the first question)")
        tr.preamble.append(lines[k])
    default = (None, "") if t.kind == "meeting" else (t.speaker, "")
    for q in t.questions:
        tr.questions.append(_question(seg, tr, tid, q, default))
    if not tr.questions:
        reading.warn(header.no, "transcript ends without numbered questions")
    return tr


def _question(seg: Segmented, tr: Transcript, tid: str, q: QuestionBlock,
              default: tuple[SpeakerInfo | None, str]) -> Question:
    """One question of a segmented transcript, with its points."""
    sl, reading = seg.sl, seg.sl.reading
    lines = sl.lines
    qlines = [lines[q.head]] if q.head >= 0 else []
    body = list(q.body)
    inline = INLINE_ANSWER.match(q.text) if qlines else None
    if inline:  # "1. 질문?<TAB>답변", "1. 질문? → 답변": the answer on the question's line
        q.text = inline.group("q").strip()
    while qlines and not inline and body and bullet(lines[body[0]].text).rank is None and not (
            ENDS_PROMPT.search(qlines[-1].text)) and sl.speaker_block(body[0]) is None and \
            not bare_answer_mark(lines[body[0]].text) and not split_statement(lines[body[0]].text, sl.book):
        qlines.append(lines[body.pop(0)])
    first = Line(qlines[0].no, qlines[0].raw, q.text, qlines[0].page, qlines[0].trailing_space) \
        if qlines else None
    text = reading.join([first, *qlines[1:]]) if first else ""
    kind = "topic" if tr.kind == "meeting" and not q.chair else "prompt"
    question = Question(len(tr.questions) + 1, q.no, q.label, kind, topic_tag(text), qlines, text)
    qid = question_id(tid, question.seq)
    for ln in qlines:
        reading.cover(ln, qid, "question")
    if inline:
        h = qlines[0]
        ans = Line(h.no, h.raw, inline.group("a").strip(), h.page, h.trailing_space)
        who = default[0] or NO_SPEAKER
        src = default[1] if default[0] is not None else UNATTRIBUTED
        question.points.append(Point(1, topic_tag(ans.text), [h], [[ans]], speaker=who, speaker_source=src))
    make_points(seg, question, qid, body, default)
    return question


class _LineInfo(NamedTuple):
    """One body line of a question: its bullet, the statement it opens (``(label, rest,
    speaker, source)``) and the speaker block it is (``(label, number)``)."""

    i: int
    rank: int | None
    rest: str
    statement: tuple[str, str, SpeakerInfo, str] | None
    block: tuple[str, int | None] | None


def _line_infos(sl: StatementLines, q: Question, idxs: list[int],
                default: tuple[SpeakerInfo | None, str]) -> list[_LineInfo]:
    """Who speaks each body line: a statement names its speaker (before or after it), a speaker
    block names the speaker of what follows, a bullet naming only a person with deeper bullets
    under it is a speaker block too."""
    info = []
    for i in idxs:
        t = sl.lines[i].text
        rank, _glyph, rest = bullet(t)
        st = split_statement(rest if rank is not None else t, sl.book) if rank != NOTE_RANK else None
        row = sl.table.rows.get(i)
        if row is not None:  # a row of a speaker table (번호 | 발언자 | 주요 내용)
            rank, rest, st = None, row[1], _row_statement(sl, *row)
        if st is None and is_structural(rank) and default[0] is None:
            st = trailing_speaker(rest, sl.book)  # "… 필요 (김OO 교수)": the speaker after
        if st is not None and (st[3] == "group" or st[0] in sl.reading.roles.groups) and (
                default[0] is not None or (q.text and not OPINIONS.search(q.text))):
            # "(산업계) …" in an expert's own answer, or under a heading that is not opinions
            # (추진 과제): a tag naming a subject, not a side speaking
            st = None
        block = sl.speaker_block(i) if st is None and rank in (None, 0) else None
        info.append(_LineInfo(i, rank, rest, st, block))
    # a bullet naming only a speaker, with deeper bullets under it (``○ 박OO 교수(KAIST)`` then
    # ``- …``): a speaker block for those bullets
    for k, x in enumerate(info):
        nxt = info[k + 1].rank if k + 1 < len(info) else None
        if (x.statement is None and x.block is None and is_structural(x.rank)
                and is_structural(nxt) and nxt > x.rank and bare_speaker(x.rest, sl.book)):
            info[k] = x._replace(block=(x.rest.strip(), None))
    return info


def _row_statement(sl: StatementLines, label: str, text: str) -> tuple[str, str, SpeakerInfo, str]:
    """``(label, text, speaker, source)`` of a speaker table's row: the attendee its speaker
    cell names, else the cell read with the role lexicon (source ``speaker table``)."""
    found = sl.book.resolve(label)
    if found is not None and found[1] == "participants":
        return label, text, found[0], found[1]
    return label, text, found[0] if found else sl.reading.roles.infer(label), SPEAKER_TABLE


def make_points(seg: Segmented, q: Question, qid: str, idxs: list[int],
                default: tuple[SpeakerInfo | None, str]) -> None:
    """Points of one question from its body lines: statements (a bullet naming its speaker)
    always open a point; so do bullets at the highest rank; lower ones are sub-points."""
    sl, reading = seg.sl, seg.sl.reading
    doc = reading.doc
    info = _line_infos(sl, q, idxs, default)
    stated = [x.rank for x in info if x.statement is not None and x.rank is not None]
    structural = [x.rank for x in info if is_structural(x.rank) and x.block is None]
    point_rank = min(stated) if stated else (min(structural) if structural else None)
    speaker, source = default
    cur: Point | None = None
    block_rank: int | None = None  # under a speaker block, its first bullet's rank marks points
    prompt = False  # inside a chair's prompt (its continuation lines are residue too)
    for i, rank, rest, st, block in info:
        ln = sl.lines[i]
        if cur is not None and in_table(doc, ln) and not in_table(doc, cur.lines[0]):
            reading.residue(ln, TABLE_AFTER_ANSWER)  # an overview table below a typed answer
            continue
        if DISCLAIMER.match(ln.text):  # ※ 본 의견은 … 개인 의견: no point's
            reading.residue(ln, DISCLAIMER_NOTE)
            continue
        if rank is None and st is None and block is None and bare_answer_mark(ln.text):
            reading.cover(ln, qid, "answer mark")  # [답변] above the answer's bullets
            cur = None
            continue
        if st is not None and is_chair_prompt(st[0], st[2], st[1], reading.roles):
            reading.residue(ln, f"chair's prompt, not an expert's view ({st[0]})")
            cur, prompt = None, True
            continue
        if prompt and st is None and block is None and rank is None:
            reading.residue(ln, "chair's prompt, not an expert's view")
            continue
        prompt = False
        if block is not None:  # a speaker block inside a topic: the speaker of what follows
            found = sl.book.resolve(block[0])
            speaker, source = (found[0] if found else SpeakerInfo(block[0], "", "", "", "unknown", ""),
                               "speaker block")
            reading.cover(ln, qid, "speaker")
            cur, block_rank = None, -1
            continue
        if st is not None:
            block_rank = None
        elif block_rank == -1 and is_structural(rank):
            block_rank = rank
        top = block_rank if block_rank not in (None, -1) else point_rank
        if cur is None or st is not None or (is_structural(rank) and top is not None and rank <= top):
            body = st[1] if st is not None else (rest if is_structural(rank) else ln.text)
            who, src = (st[2], st[3]) if st is not None else (speaker, source)
            if who is None and cur is not None and CONTINUES.match(body) and not str(
                    cur.speaker_source).startswith("unattributed"):
                who, src = cur.speaker, CONTINUED  # ○ 또한 … after ○ (기관 이름 직함) …: theirs
            if who is None:
                who, src = NO_SPEAKER, UNATTRIBUTED
            first = Line(ln.no, ln.raw, body, ln.page, ln.trailing_space)
            cur = Point(len(q.points) + 1, topic_tag(body), [ln], [[first]], speaker=who, speaker_source=src)
            q.points.append(cur)
            part = "point"
        elif rank is None and not row_edge(doc, cur.items[-1][-1], ln):
            cur.items[-1].append(ln)
            cur.lines.append(ln)
            part = "continuation"
        else:
            cur.items.append([ln])
            cur.lines.append(ln)
            part = "sub-point"
        reading.cover(ln, point_id(qid, cur.no), part)
    for p in q.points:
        items = [reading.join(it) for it in p.items]
        p.text = "\n".join(x for x in items if x)
