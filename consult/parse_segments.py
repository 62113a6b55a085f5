"""Segmentation of statement-shaped minutes (meetings, speaker blocks) into transcripts.

Called by :func:`consult.shapes.parse_with_shapes`; see that module for the shapes.
"""

from __future__ import annotations

import re

from .parse import NEXT_QUESTION, ParsedDocument, _bullet, _question_match
from .parse_statements import (
    _CLOSING,
    _META,
    _NOTE_RANK,
    _Q,
    _T,
    _StatementParser,
    build_transcript,
)
from .people import SpeakerInfo, is_chair_prompt, parse_participants, split_statement

__all__ = ["run_statements"]

_OVERVIEW = re.compile(r"개요|개최|배경|목적|참석|일시|장소|회의\s*명|추진\s*경과")
_PARTICIPANT_SECTION = re.compile(r"참석|명단")
#: a one-line note about an attachment ("붙임 참석자 명단 1부. 끝."), not the list itself
_ATTACHMENT_NOTE = re.compile(r"\d\s*부\b|\d\s*부\s*[.,]|끝\s*\.?\s*$")
_GLYPH = re.compile(r"^(?:[□■◆◇▣◈]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*[.)]?)\s*")
_NO_SPEAKER = SpeakerInfo("", "", "", "", "unknown", "")


def run_statements(p: _StatementParser, shape: str) -> ParsedDocument:
    classes = [p.classify(i) for i in range(len(p.lines))]
    p.box_headings = _box_headings(p)
    part_idx = _participant_lines(p, classes)
    idxs = sorted(part_idx)
    p.book.participants = parse_participants([_listed(p.lines[i].text) for i in idxs],
                                             [p.lines[i].no for i in idxs], p.roles)
    classes = [c if i in part_idx else p.classify(i) for i, c in enumerate(classes)]
    p.title_areas = [(i, a) for i, c in enumerate(classes)
                     if (i == 0 or c in ("title", "section", "discussion")) and len(p.lines[i].text) <= 80
                     and (a := p.areas.area_of(p.lines[i].text))]
    blocks = _segment_blocks(p, classes, part_idx) if shape == "blocks" else \
        _segment_meeting(p, classes, part_idx)
    transcripts = [_build_meeting_sections(p, n, t) if t.kind == "meeting" else build_transcript(p, n, t)
                   for n, t in enumerate(blocks, start=1)]
    for ln, reason in p.layout.furniture:
        p._residue(ln, reason)
    for i, reason in p.residue_reason.items():
        if p.lines[i].no not in p.coverage:
            p._residue(p.lines[i], reason)
    coverage = [p.coverage[k] for k in sorted(p.coverage)]
    return ParsedDocument(p.doc, transcripts, [], coverage, p.warnings,
                          participants=list(p.book.participants))


#: the reason of a meeting section none of whose statements names a speaker, in minutes whose
#: other sections do: the document's own text (an overview, the authors' conclusions)
UNSPOKEN_SECTION = "section without a named speaker (the document's own text, not a statement)"


#: words of minutes that report a discussion without naming its speakers
_REPORTED = re.compile(r"의견|공감|제기|지적|건의|요청|논의|발언|참석자|위원들|다수")


def _headed_section(q: _Q) -> bool:
    """A section under a □/Ⅰ-style heading (not a numbered topic, a chair's prompt or the
    implicit first question)."""
    return q.head >= 0 and q.no is None and not q.chair


def _build_meeting_sections(p: _StatementParser, seq: int, t: _T):  # noqa: ANN202 - a Transcript
    """A meeting's transcript, without the sections whose points name no speaker when two or
    more speakers are named elsewhere in it (the minutes' or report's own text around the
    statements: market figures, the authors' policy directions); their lines are residue
    (:data:`UNSPOKEN_SECTION`). Minutes that name nobody keep every section."""
    warned = len(p.warnings)
    tr = build_transcript(p, seq, t)
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
            p.residue_reason[i] = UNSPOKEN_SECTION
            p.coverage.pop(p.lines[i].no, None)
    del p.warnings[warned:]
    t.questions = [q for q in t.questions if id(q) not in drop]
    return build_transcript(p, seq, t)


def _box_headings(p: _StatementParser) -> bool:
    """``□``/``■`` head sections in this document: most such lines are followed by a
    lower-ranked bullet or a numbered line (then a ``□`` line is a heading, not a point)."""
    boxes = [i for i, ln in enumerate(p.lines) if ln.text[:1] in "□■" and i + 1 < len(p.lines)]
    under = sum(1 for i in boxes if _bullet(p.lines[i + 1].text)[0] not in (None, 0)
                or _question_match(p.lines[i + 1].text, None) or _META.match(p.lines[i + 1].text))
    return under >= 2 and under * 2 >= len(boxes)


def _participant_lines(p: _StatementParser, classes: list[str]) -> set[int]:
    """Indices of lines listing attendees: a ``참석자`` label's own line and the lines under
    it, and the body of a closing ``참석자 명단`` section."""
    out: set[int] = set()
    n = len(p.lines)
    for i, c in enumerate(classes):
        t = p.lines[i].text
        m = _META.match(t) if c == "meta" else None
        if m and m.group("key").replace(" ", "").startswith(("참석", "좌장", "패널", "토론자")):
            if (m.group("rest") or "").strip():
                out.add(i)
        elif not (c == "closing" and _PARTICIPANT_SECTION.search(t) and not _ATTACHMENT_NOTE.search(t)):
            continue
        j = i + 1
        while j < n and classes[j] in ("body", "speaker") and _question_match(p.lines[j].text, None) is None:
            if not p.lists_people(p.lines[j].text):
                break
            out.add(j)
            j += 1
    return out


def _listed(text: str) -> str:
    """The attendee part of a line: after a ``참석자 :`` label when there is one."""
    m = _META.match(text)
    return (m.group("rest") or "") if m else text


def _new_meeting(i: int) -> _T:
    return _T("meeting", i, None, _NO_SPEAKER, "")


def _segment_meeting(p: _StatementParser, classes: list[str], part_idx: set[int]) -> list[_T]:
    """One ``meeting`` transcript per title (or one for the file): header, topics, statements."""
    out: list[_T] = []
    cur: _T | None = None
    region = "outside"
    closing = ""
    for i, c in enumerate(classes):
        t = p.lines[i].text
        if c == "title":
            cur = _close(out, cur, i)
            cur, region = _new_meeting(i), "header"
            cur.parts[i] = "transcript header"
            continue
        if i in part_idx:
            if cur is None:
                cur = _new_meeting(i)
            cur.parts[i] = "participants"
            continue
        if c == "closing":
            region, closing = "closing", _CLOSING.match(t).group("what") if _CLOSING.match(t) else "붙임"
            p.residue_reason[i] = f"closing section ({closing})"
            continue
        if c == "meta" or (c == "section" and _OVERVIEW.search(t) and region != "discussion"):
            cur = cur or _new_meeting(i)
            cur.parts[i], region = "meeting header", "header"
            continue
        if c == "discussion" and region != "closing" or (region == "closing" and c in ("discussion", "meta")):
            cur = cur or _new_meeting(i)
            cur.parts[i], region = "discussion section header", "discussion"
            continue
        if region == "closing":
            p.residue_reason[i] = f"closing section ({closing})"
            continue
        if region == "header" and c == "body" and not _opens_discussion(p, i):
            cur.parts[i] = "meeting header"
            continue
        if region in ("outside", "header") and (c == "section" or _opens_discussion(p, i)):
            cur, region = cur or _new_meeting(i), "discussion"
        if region != "discussion" or cur is None:
            p.residue_reason[i] = "heading outside transcripts" if c == "section" else "outside transcripts"
            continue
        _add_line(p, cur, i, c)
    _close(out, cur, len(classes))
    return out


def _opens_discussion(p: _StatementParser, i: int) -> bool:
    t = p.lines[i].text
    rank, _g, rest = _bullet(t)
    return bool(split_statement(rest if rank is not None else t, p.book)) or \
        p.speaker_block(i) is not None or _question_match(t, None) is not None


def _add_line(p: _StatementParser, cur: _T, i: int, c: str) -> None:
    """A line of a discussion (or of an expert's block): a new question, or a body line."""
    t = p.lines[i].text
    if c == "section":
        text = _GLYPH.sub("", t)
        cur.questions.append(_Q(i, None, _GLYPH.match(t).group(0).strip() if _GLYPH.match(t) else "", text))
        return
    m = p.question(t, cur.style)
    prev = next((q.no for q in reversed(cur.questions) if q.no is not None), None)
    if m is not None and m[1] == NEXT_QUESTION:  # unnumbered ([질문] …): the next number
        m = (m[0], (prev or 0) + 1, m[2], m[3])
    if m is not None and (prev is None and m[1] <= 2 or prev is not None and m[1] == prev + 1):
        cur.style = m[0]
        cur.questions.append(_Q(i, m[1], m[2], m[3]))
        return
    # the chair asks: the statements after it answer this question — unless a numbered topic
    # of the minutes is open (its structure stands; the prompt stays residue, see make_points)
    topic_open = any(q.no is not None and not q.chair for q in cur.questions[-1:])
    chair = _chair_prompt(p, t) if cur.kind == "meeting" and not topic_open else None
    if chair is not None:
        cur.questions.append(_Q(i, None, chair[0], chair[1], chair=True))
        return
    if not cur.questions:
        if cur.kind != "meeting" and not _body_starts_answer(p, i):
            cur.preamble.append(i)
            return
        cur.questions.append(_Q(-1, None, "", ""))
    cur.questions[-1].body.append(i)


def _chair_prompt(p: _StatementParser, t: str) -> tuple[str, str] | None:
    """``(label, question)`` when line ``t`` is the meeting chair asking or announcing
    (``위원장: 인력 양성에 대해서도 의견을 주십시오.``, :func:`is_chair_prompt`)."""
    rank, _g, rest = _bullet(t)
    if rank == _NOTE_RANK:
        return None
    st = split_statement(rest if rank is not None else t, p.book)
    if st is None or not st[1].strip() or not is_chair_prompt(st[0], st[2], st[1], p.roles):
        return None
    return st[0], st[1].strip()


def _body_starts_answer(p: _StatementParser, i: int) -> bool:
    return _bullet(p.lines[i].text)[0] is not None


def _close(out: list[_T], cur: _T | None, end: int) -> _T | None:
    if cur is not None:
        cur.end = max(end, cur.head + 1)
        out.append(cur)
    return None


def _segment_blocks(p: _StatementParser, classes: list[str], part_idx: set[int]) -> list[_T]:
    """One transcript per speaker block (서면자문 ``자문위원 k``, ``■ 발언:``, ``【 … 】``)."""
    out: list[_T] = []
    cur: _T | None = None
    closing = ""
    for i, c in enumerate(classes):
        t = p.lines[i].text
        if i in part_idx:
            p.residue_reason[i] = "participants list"
            continue
        if c == "speaker":
            cur = _close(out, cur, i)
            label, number = p.speaker_block(i)
            found = p.book.resolve(label)
            info = found[0] if found else SpeakerInfo(label, "", "", "", "unknown", "")
            cur = _T("consultation", i, number, info, found[1] if found else "")
            cur.parts[i] = "speaker"
            closing = ""
            continue
        if c == "closing" or closing:
            if c == "closing":
                cur = _close(out, cur, i)
                m = _CLOSING.match(t)
                closing = m.group("what") if m else "붙임"
            p.residue_reason[i] = f"closing section ({closing})"
            continue
        if c in ("title", "meta", "discussion", "section"):
            cur = _close(out, cur, i)
            p.residue_reason[i] = "heading outside transcripts"
            continue
        if cur is None:
            p.residue_reason[i] = "outside transcripts"
            continue
        _add_line(p, cur, i, "body")
    _close(out, cur, len(classes))
    return out
