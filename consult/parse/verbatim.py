"""The reader of verbatim records (the ``verbatim`` shape): the National Assembly's minutes —
공청회, 인사청문회, 현안질의, 국정감사 — and local councils' and committees' minutes, turn by turn.

The record is cut into turns (:mod:`consult.parse.turns`), its people read with their
organization, title, role and the evidence (:mod:`consult.parse.witnesses`), and its questions
paired with their answers (:mod:`consult.parse.exchanges`). Each person who answers is one
transcript, as an expert of a consultation is: kind ``testimony`` for a witness (증인, 참고인,
진술인), ``official`` for the nominee, an official or the committee's staff, so their answers stay
apart from the experts'. A transcript's questions are the questions put to that person, labelled
with the asker (``이정헌 위원``; empty text when the record does not print the question); its
points are the paragraphs of that person's answering turns. The people are the participants.

What is in no record is residue with its reason: the cover, attendance lists, stage directions,
the chair's procedure, the oath, a member's statement that puts no question, a witness asking
for the floor.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> text = ("◯위원장 홍길동  진술인을 소개해 드리겠습니다.\\n 김OO 서울대학교 교수입니다.\\n"
    ...         " 김OO 진술인 진술해 주시기 바랍니다.\\n◯진술인 김OO  석박사 인력이 부족합니다.\\n"
    ...         " (영상자료를 보며)\\n 정부 지원이 필요합니다.")
    >>> parsed = read_verbatim(Reading(document_from_text(text, name="d"), load_areas(), load_roles()))
    >>> t = parsed.transcripts[0]
    >>> t.kind, t.speaker.speaker, t.speaker.role, t.questions[0].label, [p.text for p in t.questions[0].points]
    ('testimony', '진술인 김OO', 'academic', '위원장 홍길동', ['석박사 인력이 부족합니다.', '정부 지원이 필요합니다.'])
    >>> sorted({c.reason for c in parsed.coverage if c.reason})
    ['procedure (the chair: agenda, introductions, votes, the floor)', 'stage direction']
"""

from __future__ import annotations

from collections import Counter

from ..layout import Line
from ..people.hearing import WITNESSES
from ..records import point_id, question_id, transcript_id
from .exchanges import PROCEDURE_ANSWER, Exchange, Hearing, is_procedure, read_exchanges
from .model import ParsedDocument, Point, Question, Transcript
from .reading import Reading
from .turns import Cut, cut_turns
from .witnesses import People, Person

__all__ = ["read_verbatim", "COVER", "STAGE", "PARTICIPANTS", "CLOSING"]

#: residue reasons of the lines around the turns
COVER = "cover (title, date, place, agenda)"
STAGE = "stage direction"
PARTICIPANTS = "participants list"
CLOSING = "closing section (a heading of the layout hints)"


def read_verbatim(reading: Reading) -> ParsedDocument:
    """The records of a verbatim record (see the module docstring)."""
    cut = cut_turns(reading)
    people = People.of(cut, reading.roles)
    hearing = read_exchanges(cut, people)
    transcripts = _transcripts(reading, people, hearing)
    _residue(reading, cut, hearing)
    parsed = reading.result(transcripts, participants=[p.participant() for p in people.persons])
    parsed.conventions["verbatim"] = _summary(cut, people, hearing)
    return parsed


def _transcripts(reading: Reading, people: People, hearing: Hearing) -> list[Transcript]:
    """One transcript per person a question is put to, in the order they are first asked."""
    asked: dict[str, list[Exchange]] = {}
    for ex in hearing.exchanges:
        for person in ex.addressees:
            asked.setdefault(person.key, []).append(ex)
    return [_transcript(reading, people, people.by_key[key], exs, seq)
            for seq, (key, exs) in enumerate(asked.items(), start=1)]


def _transcript(reading: Reading, people: People, person: Person, exs: list[Exchange], seq: int) -> Transcript:
    tid = transcript_id(reading.doc.name, seq)
    questions: list[Question] = []
    span: list[Line] = []
    for ex in exs:
        lines = [ln for p in ex.question for ln in p.lines]
        label = ex.asker.display if ex.asker is not None else ""
        q = Question(len(questions) + 1, None, label, "prompt", "", lines, "\n".join(p.text for p in ex.question))
        qid = question_id(tid, q.seq)
        for ln in lines:
            if not reading.covered(ln):
                reading.cover(ln, qid, "question")
        for turn in ex.answers:
            if people.of_turn(turn) is not person:
                continue
            for para in turn.speech:
                if is_procedure(para, person.name):
                    continue
                first = para.lines[0]
                pt = Point(len(q.points) + 1, "", list(para.lines),
                           [[Line(first.no, first.raw, para.text, first.page, first.trailing_space)]], text=para.text)
                q.points.append(pt)
                for k, ln in enumerate(para.lines):
                    reading.cover(ln, point_id(qid, pt.no), "point" if k == 0 else "continuation")
        span += lines + [ln for pt in q.points for ln in pt.lines]
        questions.append(q)
    span = sorted(set(span), key=lambda ln: ln.no) or [exs[0].answers[0].line]
    area, report = reading.context(span[0].no)
    kind = "testimony" if person.kind in WITNESSES else "official"
    return Transcript(seq, kind, None, span[0], None, person.info(), area, report, span, questions)


def _residue(reading: Reading, cut: Cut, hearing: Hearing) -> None:
    """The lines no record holds, with their reasons."""
    for ln in cut.cover:
        reading.residue(ln, COVER)
    for ln in cut.stages:
        reading.residue(ln, STAGE)
    for ln in cut.closing:
        reading.residue(ln, CLOSING)
    for ln, _kind, _header in cut.attendance:
        reading.residue(ln, PARTICIPANTS)
    reasons = {id(p): r for p, r in hearing.residue}
    for turn in cut.turns:
        for para in turn.paragraphs:
            reason = reasons.get(id(para)) or (STAGE if not para.text else PROCEDURE_ANSWER)
            for ln in para.lines:
                if not reading.covered(ln):
                    reading.residue(ln, reason)


def _summary(cut: Cut, people: People, hearing: Hearing) -> dict:
    """What ``consult inspect`` shows of a verbatim record."""
    kinds = Counter(e.kind for e in hearing.exchanges)
    return {
        "turns": len(cut.turns),
        "speakers": dict(Counter(t.label.kind for t in cut.turns)),
        "people": dict(Counter(p.kind for p in people.persons)),
        "exchanges": dict(kinds),
        "stage directions": sum(1 for t in cut.turns for p in t.paragraphs if p.stage) + len(cut.stages),
    }
