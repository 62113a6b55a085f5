"""A verbatim record (속기록) cut into its cover, its turns and its attendance lists.

A turn is a line ``◯<label>  <speech>`` (or ``○``, or a colon after the label; or a line the
user's speaker hints match) whose label names a speaker (:func:`consult.people.hearing.read_label`),
and the lines after it up to the next turn: its paragraphs. A line that starts with a space opens
a paragraph (the other lines are its wraps) when the record indents them so; otherwise each line
is one. A bracket standing alone on a line (``(인사)``, ``(14시 05분 회의중지)``), or opening it
with a stage word and speech glued after (``(마이크 중단 이후 계속 발언한 부분)이끌어 …``), is a
stage direction: never speech. Lines before the first turn are the cover (title, 일시, 장소,
의사일정); attendance lists (``◯출석 위원(19인)``, ``출석 전문위원``, ``◯진술인``) on the cover or
after the last turn list the people present.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> text = "◯위원장 홍길동  질의를 시작하겠습니다.\\n (「예」 하는 위원 있음)\\n◯김철수 위원  질문입니다."
    >>> cut = cut_turns(Reading(document_from_text(text, name="d"), load_areas(), load_roles()))
    >>> [(t.label.kind, [p.text or p.stage for p in t.paragraphs]) for t in cut.turns]
    [('chair', ['질의를 시작하겠습니다.', '(「예」 하는 위원 있음)']), ('member', ['질문입니다.'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout import Line
from ..lexicon import ATTENDANCE, STAGE_DIRECTION, STAGE_WORD, TURN, VERBATIM
from ..people.hearing import TurnLabel, read_label
from .reading import Reading

__all__ = ["Paragraph", "Turn", "Cut", "cut_turns", "turn_of", "stage_of", "attendance_kind"]

_ATTENDANCE_KIND = {w.replace(" ", ""): kind for kind, ws in VERBATIM["attendance"].items() for w in ws}


@dataclass
class Paragraph:
    """One paragraph of a turn: its physical ``lines``, its speech (``text``, without the label
    or a stage direction glued before it) and the stage direction it is or opens with."""

    lines: list[Line]
    text: str
    stage: str = ""


@dataclass
class Turn:
    """One speaker's turn: the ◯ line, the label read, and the paragraphs."""

    seq: int
    line: Line
    label: TurnLabel
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def speech(self) -> list[Paragraph]:
        """The paragraphs that are speech (stage directions left out)."""
        return [p for p in self.paragraphs if p.text]


@dataclass
class Cut:
    """A verbatim record cut up: ``turns``; the ``cover`` lines before the first turn;
    ``attendance`` lines ``(line, kind of the list, header?)``; ``stages`` outside the turns;
    ``closing`` lines from a heading the user's closing hints name up to the next turn."""

    turns: list[Turn]
    cover: list[Line] = field(default_factory=list)
    attendance: list[tuple[Line, str, bool]] = field(default_factory=list)
    stages: list[Line] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)


def turn_of(reading: Reading, text: str) -> tuple[TurnLabel, str] | None:
    """``(label, speech)`` when ``text`` opens a turn (the user's speaker hints first)."""
    for pat in reading.hints.speaker:
        m = pat.match(text)
        if m:
            label = read_label(m.group("label"), reading.roles)
            if label is not None:
                return label, text[m.end():].strip()
    if ATTENDANCE.match(text):
        return None
    m = TURN.match(text)
    if m is None:
        return None
    label = read_label(m.group("label"), reading.roles)
    if label is not None:
        return label, m.group("text").strip()
    words = text[1:].split()  # one space after the label: its first two or three words
    for k in (3, 2):
        if len(words) > k and (label := read_label(" ".join(words[:k]), reading.roles)) is not None:
            return label, " ".join(words[k:])
    return None


def stage_of(text: str) -> tuple[str, str] | None:
    """``(stage direction, speech glued after it)`` when ``text`` is or opens with one."""
    m = STAGE_DIRECTION.match(text)
    if m is None:
        return None
    rest = m.group("rest").strip()
    if rest and not STAGE_WORD.search(m.group("stage")):
        return None  # an inline bracket opening speech: (참고로) …
    return m.group("stage"), rest


def attendance_kind(text: str) -> tuple[str, str] | None:
    """``(kind, people listed on the line)`` of an attendance list's header."""
    m = ATTENDANCE.match(text)
    if m is None:
        return None
    kind = _ATTENDANCE_KIND.get(m.group("head").replace(" ", ""), "")
    return kind, (m.group("rest") or m.group("counted") or "").strip()


def cut_turns(reading: Reading) -> Cut:
    """The cover, turns and attendance lists of ``reading`` (see the module docstring)."""
    lines = reading.lines
    starts = {i: t for i, ln in enumerate(lines) if (t := turn_of(reading, ln.text)) is not None}
    indented = _indents_paragraphs(lines, starts)
    cut = Cut([])
    turn: Turn | None = None
    listing: str | None = None  # the kind of the attendance list being read
    closing = False  # after a heading the user's closing hints name
    for i, ln in enumerate(lines):
        if i in starts:
            label, text = starts[i]
            turn, listing, closing = Turn(len(cut.turns) + 1, ln, label), None, False
            cut.turns.append(turn)
            _add(turn, ln, text, new=True)
            continue
        closing = closing or any(p.match(ln.text) for p in reading.hints.closing)
        if closing:
            cut.closing.append(ln)
            continue
        header = attendance_kind(ln.text)
        if header is not None:
            listing = header[0]
            cut.attendance.append((ln, listing, True))
            continue
        if listing is not None and stage_of(ln.text) is None:
            cut.attendance.append((ln, listing, False))
            continue
        if turn is None:  # the cover: a bracket is a subtitle unless a stage word is in it
            stage = stage_of(ln.text)
            (cut.stages if stage and STAGE_WORD.search(stage[0]) else cut.cover).append(ln)
            continue
        _add(turn, ln, ln.text, new=not indented or ln.raw[:1].isspace(), reading=reading)
    return cut


def _indents_paragraphs(lines: list[Line], starts: dict) -> bool:
    """Whether the lines inside turns start their paragraphs with a space (then a line without
    one is a wrap); the cover and the attendance lists do not count."""
    inside = False
    for i, ln in enumerate(lines):
        if i in starts:
            inside = True
        elif attendance_kind(ln.text) is not None:
            inside = False
        elif inside and ln.raw[:1].isspace():
            return True
    return False


def _add(turn: Turn, ln: Line, text: str, new: bool, reading: Reading | None = None) -> None:
    """Line ``ln`` (its speech ``text``) into ``turn``: a new paragraph, or a wrap of the last."""
    stage = stage_of(text)
    last = turn.paragraphs[-1] if turn.paragraphs else None
    if last is not None and not last.text and not last.stage:  # the label's line held no speech
        last.lines.append(ln)
        last.text, last.stage = (stage[1], stage[0]) if stage else (text, "")
        return
    if stage is None and not new and last is not None and last.text and reading is not None:
        before = last.lines[-1]
        last.lines.append(ln)
        last.text = reading.join([Line(before.no, before.raw, last.text, before.page, before.trailing_space), ln])
        return
    if stage is not None:
        turn.paragraphs.append(Paragraph([ln], stage[1], stage[0]))
    else:
        turn.paragraphs.append(Paragraph([ln], text))
