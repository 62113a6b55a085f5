"""The marks that open a line of minutes, read the same way by every reader: bullets (with their
rank), notes, answer marks, question numbering, topic tags and speaker lines.

    >>> bullet("● 인력 부족")
    Bullet(rank=0, glyph='●', rest='인력 부족')
    >>> bullet("- 시스템 SW").rank, bullet("※ 참고").rank, bullet("A. 예산 확대").rest, bullet("그냥 줄").rank
    (2, 9, '예산 확대', None)
    >>> question_start("Q3. 인력 현황은?")
    QuestionStart(style='q', number=3, label='Q3.', text='인력 현황은?')
    >>> question_start("[질문] 향후 과제는?").number == NEXT_QUESTION
    True
    >>> speaker_label("<KAIST 전기및전자공학과 교수>"), speaker_label("자문위원: 홍길동"), topic_tag("(인력) 부족")
    ('KAIST 전기및전자공학과 교수', '홍길동', '인력')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ..ingest.document import Document
from ..layout import Line
from ..lexicon import (
    ANSWER_AFTER_BULLET,
    ANSWER_MARK,
    BRACKETS,
    BULLET,
    BULLET_RANKS,
    CAPTION,
    CIRCLED,
    DATE_PLACE,
    HANGUL_ORDER,
    NEXT_QUESTION,
    NOTE,
    NOTE_RANK,
    QUESTION_STYLES,
    TOPIC_TAG,
)

__all__ = ["Bullet", "bullet", "is_structural", "QuestionStart", "question_start", "NEXT_QUESTION",
           "NOTE_RANK", "bare_answer_mark", "topic_tag", "speaker_label", "hinted_speaker", "in_table",
           "row_edge", "TABLE_AFTER_ANSWER", "DATE_PLACE_REASON", "DISCLAIMER_NOTE"]

#: a speaker line written with its word: ``자문위원: 홍길동``, ``발표자 : …``
_SPEAKER_PREFIX = re.compile(r"^(?:자문\s*+위원|자문자|발표자|참석자|전문가|응답자|연사)\s*+:\s*(?P<label>.+)$")

#: the reason of a closing note that disowns the answers (``※ 본 의견은 … 개인 의견``)
DISCLAIMER_NOTE = "closing note (a disclaimer: the expert's own view, not a point)"
#: the reason of an interview's date and place line (never its speaker)
DATE_PLACE_REASON = "interview date and place (not a speaker)"

#: the reason of table rows that follow an answer written as paragraphs (an overview or an
#: administrative table, not the answer: residue, never joined into the answer's text)
TABLE_AFTER_ANSWER = "table after an answer (not Q&A)"


class Bullet(NamedTuple):
    """A line's bullet: ``rank`` (0 highest, :data:`NOTE_RANK` a note, ``None`` no bullet), the
    ``glyph`` or mark, and the ``rest`` of the line."""

    rank: int | None
    glyph: str
    rest: str


class QuestionStart(NamedTuple):
    """A numbered item opening a line: its numbering ``style``, ``number``
    (:data:`NEXT_QUESTION` when unnumbered), ``label`` (``Q3.``) and ``text``."""

    style: str
    number: int
    label: str
    text: str


def bullet(text: str) -> Bullet:
    """The bullet of a line: a glyph (``●`` ``○`` ``-`` …), a note (``※``) or an answer mark (``A.``)."""
    m = BULLET.match(text)
    if m:
        glyph = m.group("b") or m.group("d")
        rest = text[m.end():]
        a = ANSWER_AFTER_BULLET.match(rest)  # "• A. …": a list bullet before the answer mark
        if a and len(rest) > a.end():
            rest = rest[a.end():]
        return Bullet(BULLET_RANKS.get(glyph, 1), glyph, rest)
    m = NOTE.match(text)
    if m:
        return Bullet(NOTE_RANK, m.group(0).strip(), text[m.end():].strip())
    m = ANSWER_MARK.match(text)
    if m and len(text) > m.end():
        return Bullet(0, m.group(0).strip(), text[m.end():])
    return Bullet(None, "", text)


def is_structural(rank: int | None) -> bool:
    """A bullet's rank that shapes the answer (a bullet, not a note, not a plain line)."""
    return rank is not None and rank != NOTE_RANK


def question_start(text: str, style: str | None = None,
                   hints: Sequence[re.Pattern[str]] = ()) -> QuestionStart | None:
    """The numbered item ``text`` opens (of numbering ``style`` when given), or ``None``.

    ``hints`` are the user's question patterns (groups ``no`` and ``text``), tried first; an item
    they find has the style ``hint``."""
    for pat in hints:
        h = pat.match(text)
        if h and h.group("no").isdigit():
            return QuestionStart("hint", int(h.group("no")), text[: h.start("text")].strip(),
                                 h.group("text").strip())
    for name, pattern in QUESTION_STYLES:
        if style is not None and name != style:
            continue
        m = pattern.match(text)
        if not m:
            continue
        raw = m.groupdict().get("no")
        if raw is None:
            number = NEXT_QUESTION
        elif name == "circled":
            number = CIRCLED.index(raw) + 1
        elif name == "hangul":
            number = HANGUL_ORDER.index(raw) + 1
        else:
            number = int(raw)
        rest = m.group("text").strip()
        if not rest and name != "circled":
            return None
        label = text[: len(text) - len(m.group("text"))].strip()
        return QuestionStart(name, number, label, rest)
    return None


def bare_answer_mark(text: str) -> bool:
    """A line holding only an answer mark (``[답변]``, ``A.``, ``답변:``): the answer follows below.

    >>> bare_answer_mark("[답변]"), bare_answer_mark("A. 인력이 부족함")
    (True, False)
    """
    m = ANSWER_MARK.match(text)
    return m is not None and m.end() >= len(text.rstrip())


def topic_tag(text: str) -> str:
    """The topic tag opening ``text`` (``(인력) …`` → ``인력``), or ``""``."""
    m = TOPIC_TAG.match(text)
    return m.group("tag").strip() if m else ""


def speaker_label(text: str, hints: Sequence[re.Pattern[str]] = ()) -> str | None:
    """The label of a speaker line (``<KAIST 교수>``, ``[…]``, ``자문위원: …``, or a line of the
    user's speaker patterns ``hints``), or ``None`` when ``text`` is not one."""
    hinted = hinted_speaker(text, hints)
    if hinted is not None:
        return hinted
    if DATE_PLACE.match(text):  # (인터뷰 일시: …, 장소: ○○연구원 회의실): when and where, not who
        return None
    if text and text[0] in BRACKETS and text.endswith(BRACKETS[text[0]]):
        inner = text[1:-1].strip()
        if inner and len(inner) <= 80 and not CAPTION.match(inner):
            return inner
        return None
    m = _SPEAKER_PREFIX.match(text)
    return m.group("label").strip() if m else None


def hinted_speaker(text: str, hints: Sequence[re.Pattern[str]]) -> str | None:
    """The ``label`` of the first of the user's speaker patterns ``hints`` that ``text`` matches."""
    for pat in hints:
        h = pat.match(text)
        if h:
            return h.group("label").strip()
    return None


def in_table(doc: Document, ln: Line) -> bool:
    """Whether line ``ln`` of a word-processor file comes from a table cell."""
    cells = doc.cells
    return cells is not None and 0 < ln.no <= len(cells) and cells[ln.no - 1] is not None


def row_edge(doc: Document, prev: Line, ln: Line) -> bool:
    """Whether ``prev`` and ``ln`` are not two wrapped parts of one sentence because one of them
    is a word-processor table row."""
    return in_table(doc, prev) or in_table(doc, ln)
