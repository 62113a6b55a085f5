"""Interviews written as word-processor tables (DOCX, HWPX, HWP).

Per expert, a heading (``2. 한국전자통신연구원 책임연구원 인터뷰``, ``<서울대 교수>``) and a table:

* a ``질문 | 답변`` header row (also 문항/질의 | 응답/의견), then one row per question;
* alternating ``Q1 | …`` / ``A | …`` rows, or ``질문 1 | …`` / ``답변 | …`` rows.

Bullets inside answer cells rank as everywhere (``●`` > ``○`` > ``-`` > ``·``); an answer
cell without bullets (Word paragraphs whose list bullets carry no glyph in the text) gives one
point per paragraph. Tables that are not Q&A (a ``구분 | 내용`` overview) are residue with the
reason ``table (not Q&A)``. The reader keeps each line's cell (:attr:`Document.cells`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..ingest.document import Document
from ..layout import Line, normalise
from ..lexicon import BRACKETS, CLOSING, INTERVIEW_SUFFIX
from ..records import question_id, transcript_id
from .marks import NEXT_QUESTION, bullet, hinted_speaker, topic_tag
from .model import ParsedDocument, Question, Transcript
from .points import add_points
from .reading import Reading

__all__ = ["table_shape", "read_tables"]

_Q_HEAD = re.compile(r"^(?:질문|문항|질의|질의\s*내용|질문\s*내용|주요\s*질문|Q|Question)$", re.IGNORECASE)
_A_HEAD = re.compile(r"^(?:답변|응답|의견|답변\s*내용|자문\s*의견|전문가\s*의견|A|Answer)$", re.IGNORECASE)
_Q_LABEL = re.compile(r"^(?:Q\s*+(?P<n1>\d{1,2})?|질문\s*+(?P<n2>\d{1,2})?|문항\s*+(?P<n3>\d{1,2})?)\s*+[.:)]?$",
                      re.IGNORECASE)
_A_LABEL = re.compile(r"^(?:A\s*+\d{0,2}|답변\s*+\d{0,2}|답|응답)\s*+[.:)]?$", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*+(?:(?P<no>\d{1,2})\s*+[.)]|\(\s*+(?P<no2>\d{1,2})\s*+\))\s*+")

Rows = dict[int, dict[int, list[Line]]]  # row -> column -> lines


def _tables(doc: Document, lines: list[Line]) -> dict[int, Rows]:
    out: dict[int, Rows] = {}
    for ln in lines:
        pos = doc.cells[ln.no - 1] if doc.cells else None
        if pos is None:
            continue
        table, row, col = pos
        cells = out.setdefault(table, {}).setdefault(row, {})
        if col == -1:
            for k, piece in enumerate(ln.text.split("\t")):
                cells.setdefault(k, []).append(Line(ln.no, ln.raw, piece.strip(), ln.page, False))
        else:
            cells.setdefault(col, []).append(ln)
    return _split_at_headers(out)


def _split_at_headers(tables: dict[int, Rows]) -> dict[int, Rows]:
    """Two tables with nothing between them read as one: split before a ``질문 | 답변`` row."""
    out: dict[int, Rows] = {}
    key = 0
    for rows in tables.values():
        key += 1
        for r in sorted(rows):
            cells = rows[r]
            if r != min(rows) and _Q_HEAD.match(_text(cells, 0)) and _A_HEAD.match(_text(cells, 1)):
                key += 1
            out.setdefault(key, {})[r] = cells
    return out


def _text(cells: dict[int, list[Line]], col: int) -> str:
    return " ".join(ln.text for ln in cells.get(col, []) if ln.text).strip()


def _qa_kind(rows: Rows) -> str | None:
    """``header`` (질문 | 답변 header row), ``labels`` (Q/A label rows) or ``None``."""
    if not rows:
        return None
    first = rows[min(rows)]
    if _Q_HEAD.match(_text(first, 0)) and _A_HEAD.match(_text(first, 1)):
        return "header"
    labels = [_text(c, 0) for c in rows.values()]
    if any(_Q_LABEL.match(x) for x in labels) and any(_A_LABEL.match(x) for x in labels):
        return "labels"
    return None


def table_shape(doc: Document) -> bool:
    """Whether ``doc`` holds at least one Q&A table."""
    if not doc.cells:
        return False
    lines = [Line(i, t, normalise(t), None, False) for i, t in enumerate(doc.lines, 1) if t.strip()]
    return any(_qa_kind(rows) for rows in _tables(doc, lines).values())


def _heading_speaker(text: str, hints: Sequence[re.Pattern[str]]) -> tuple[str, int | None]:
    """``(label, number)`` of the expert heading above a table (``2. 한국전자통신연구원
    책임연구원 인터뷰``, ``<서울대 교수>``, or a line of the user's speaker hints)."""
    hinted = hinted_speaker(text, hints)
    if hinted is not None:
        return hinted, None
    m = _NUMBER.match(text)
    no = int(m.group("no") or m.group("no2")) if m else None
    label = INTERVIEW_SUFFIX.sub("", text[m.end():] if m else text).strip()
    if len(label) > 2 and label[0] in BRACKETS and label.endswith(BRACKETS[label[0]]):
        label = label[1:-1].strip()
    return label, no


class _TableReader:
    def __init__(self, reading: Reading):
        self.reading = reading
        self.doc = reading.doc
        self.tables = _tables(self.doc, reading.lines)
        self.table_of = {ln.no: key for key, rows in self.tables.items()
                         for cells in rows.values() for col in cells.values() for ln in col}
        self.transcripts: list[Transcript] = []
        self.last_area = ""

    def _closing(self, text: str) -> str | None:
        """The word of a closing heading (향후 계획, 붙임 …, or a line of the user's closing hints)."""
        m = CLOSING.match(text)
        if m:
            return m.group("what")
        return text if any(p.match(text) for p in self.reading.hints.closing) else None

    def run(self) -> ParsedDocument:
        r = self.reading
        heading: Line | None = None
        current: Transcript | None = None
        done: set[int] = set()
        closing = ""
        for ln in r.lines:
            pos = self.doc.cells[ln.no - 1]
            if pos is None:
                if len(ln.text) <= 80 and r.areas.area_of(ln.text):
                    self.last_area = r.areas.area_of(ln.text)
                what = closing or self._closing(ln.text)
                if what:
                    closing = what
                    r.residue(ln, f"closing section ({closing})")
                elif heading is not None and current is None:
                    r.residue(heading, "outside transcripts")
                    heading = ln
                else:
                    heading, current = ln, None
                continue
            key = self.table_of[ln.no]
            if key in done:
                continue
            done.add(key)
            rows = self.tables[key]
            kind = _qa_kind(rows)
            if kind is None or closing:
                for cells in rows.values():
                    for col in cells.values():
                        for x in col:
                            r.residue(x, f"closing section ({closing})" if closing else "table (not Q&A)")
                continue
            if current is None:
                current = self._open(heading)
                heading = None
            self._read(current, rows, kind)
        if heading is not None and current is None:
            r.residue(heading, "outside transcripts")
        for tr in self.transcripts:
            tr.lines = sorted({ln.no: ln for ln in tr.lines if ln.no}.values(), key=lambda x: x.no)
            if tr.header.no == 0 and tr.lines:
                tr.header = tr.lines[0]
        return r.result(self.transcripts)

    def _open(self, heading: Line | None) -> Transcript:
        r = self.reading
        seq = len(self.transcripts) + 1
        label, no = _heading_speaker(heading.text, r.hints.speaker) if heading is not None else ("", None)
        header = heading or Line(0, "", "", None, False)
        speaker = r.roles.infer(label)
        area, report = r.context(header.no)
        tr = Transcript(seq, "consultation", no, header, heading, speaker,
                        area or self.last_area, report, [header])
        if heading is not None:
            r.cover(heading, transcript_id(self.doc.name, seq), "speaker")
        else:
            r.warn(None, "interview table without an expert heading above it")
        self.transcripts.append(tr)
        return tr

    def _read(self, tr: Transcript, rows: Rows, kind: str) -> None:
        order = sorted(rows)
        if kind == "header":
            first = rows[order[0]]
            for col in first.values():
                for ln in col:
                    self.reading.residue(ln, "table header row")
            for r in order[1:]:
                cells = rows[r]
                answer = [ln for c in sorted(cells) if c >= 1 for ln in cells[c]]
                self._question(tr, cells.get(0, []), answer)
            return
        for r in order:
            cells = rows[r]
            label = _text(cells, 0)
            body = [ln for c in sorted(cells) if c >= 1 for ln in cells[c]]
            if _Q_LABEL.match(label):
                m = _Q_LABEL.match(label)
                no = next((int(g) for g in m.groups() if g), None)
                self._question(tr, body, [], label_lines=cells.get(0, []), number=no, label=label)
            elif _A_LABEL.match(label) and tr.questions:
                self._answer(tr, tr.questions[-1], cells.get(0, []), body)
            else:
                for ln in [x for c in cells.values() for x in c]:
                    self.reading.residue(ln, "table (not Q&A)")

    def _question(self, tr: Transcript, q_lines: list[Line], answer: list[Line], *,
                  label_lines: list[Line] = (), number: int | None = None, label: str = "") -> None:
        text = " ".join(ln.text for ln in q_lines).strip()
        m = self.reading.question_start(text)
        if m is not None:
            number, label, text = (None if m.number == NEXT_QUESTION else m.number), m.label, m.text
        if number is None:
            number = len(tr.questions) + 1
        q = Question(len(tr.questions) + 1, number, label, "prompt", topic_tag(text), list(q_lines), text)
        tr.questions.append(q)
        qid = question_id(transcript_id(self.doc.name, tr.seq), q.seq)
        for ln in [*label_lines, *q_lines]:
            self.reading.cover(ln, qid, "question")
        tr.lines.extend([*label_lines, *q_lines])
        if answer:
            self._answer(tr, q, [], answer)

    def _answer(self, tr: Transcript, q: Question, label_lines: list[Line], lines: list[Line]) -> None:
        qid = question_id(transcript_id(self.doc.name, tr.seq), q.seq)
        lines = [ln for ln in lines if ln.text]
        ranks = [bullet(ln.text).rank for ln in lines]
        if all(r is None for r in ranks):
            ranks = [0] * len(ranks)  # paragraphs without bullets: one point each
        start = len(q.points)
        add_points(self.reading, q, qid, lines, ranks)
        for pt in q.points[start:]:
            pt.text = "\n".join(" ".join(x.text for x in item) for item in pt.items)
        for ln in label_lines:
            self.reading.cover(ln, qid, "question")
        shared = {ln.no for ln in q.lines} & {ln.no for ln in lines}
        for no in shared:  # a one-line row holding question and answer
            row = self.reading.covered_row(no)
            self.reading.recover(replace(row, text=self.doc.lines[no - 1], part="table row", reason=""))
        for no in {ln.no for ln in lines}:  # a cell's line: the source line is the whole row
            row = self.reading.covered_row(no)
            if row.text != self.doc.lines[no - 1]:
                self.reading.recover(replace(row, text=self.doc.lines[no - 1]))
        tr.lines.extend(lines)


def read_tables(reading: Reading) -> ParsedDocument:
    """Read the interview tables of a document (see the module docstring)."""
    return _TableReader(reading).run()
