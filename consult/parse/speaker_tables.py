"""Tables of who said what (``번호 | 발언자 | 주요 내용``), in a word-processor file or typed as
text: each row is a statement by the speaker its row names.

A header row names a speaker column (발언자, 발언인, 성명, 참석자, 전문가 …) and a column of
what was said (주요 내용, 발언 내용, 의견, 발언 요지 …), a number column perhaps (번호, 순번,
연번). A row on one line (cells parted by tabs, ``|`` or two spaces or more, or a word-processor
row whose cells hold one line each) is a statement (:attr:`SpeakerTable.rows`). A word-processor
row whose cells hold several lines gives its speaker cell as a speaker block and its content
lines as the statements under it (:attr:`SpeakerTable.labels`); the number cell is residue.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> text = "번호\\t발언자\\t주요 내용\\n1\\t한국대학교 김OO 교수\\t인력이 부족함"
    >>> table = SpeakerTable.of(Reading(document_from_text(text, name="d"), load_areas(), load_roles()).lines, None)
    >>> sorted(table.headers), table.rows
    ([0], {1: ('한국대학교 김OO 교수', '인력이 부족함')})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.document import Document
from ..layout import Line

__all__ = ["SpeakerTable", "TABLE_HEADER", "ROW_NUMBER"]

#: residue reasons
TABLE_HEADER = "table header row"
ROW_NUMBER = "table row number"

#: the cells of a row typed as text: a tab, a bar, two spaces or more between them
_CELLS = re.compile(r"\t|\x1f|\s*+\|\s*+|\s{2,}+")
_NUMBER_HEAD = re.compile(r"^(?:번\s*+호|순\s*+번|연\s*+번|No\.?)$", re.IGNORECASE)
_SPEAKER_HEAD = re.compile(r"^(?:발언자|발언인|발언\s*+위원|발표자|성\s*+명|이\s*+름|참석자|전문가|위원|"
                           r"소속\s*+및\s*+성명|소속\s*+/\s*+성명|성명\s*+/\s*+소속)$")
_TEXT_HEAD = re.compile(r"^(?:주요\s*+내용|발언\s*+내용|내\s*+용|주요\s*+의견|의\s*+견|발언\s*+요지|요\s*+지|주요\s*+발언)$")
_ROW_NUMBER = re.compile(r"^\d{1,3}\s*+[.)]?$")


def _cells(text: str) -> list[str]:
    return [c.strip() for c in _CELLS.split(text.strip(" |"))]


@dataclass
class SpeakerTable:
    """The speaker tables of a document: ``headers`` (line indices of header rows), ``rows``
    (line index → ``(speaker label, statement)`` of a row on one line), ``labels`` (line index →
    speaker label of a speaker cell on lines of its own), ``numbers`` (line indices of number
    cells)."""

    headers: set[int] = field(default_factory=set)
    rows: dict[int, tuple[str, str]] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    numbers: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, lines: list[Line], doc: Document | None) -> SpeakerTable:
        """The speaker tables of ``lines`` (``doc`` tells word-processor cells, if any)."""
        out = cls()
        cells_of = doc.cells if doc is not None and doc.cells else None
        columns: tuple[int, int] | None = None  # (speaker, text) columns of the open table
        table_at: tuple[int, int] | None = None  # (table, header row) of a word-processor table
        for i, ln in enumerate(lines):
            pos = cells_of[ln.no - 1] if cells_of is not None and 0 < ln.no <= len(cells_of) else None
            head = _header(_cells(ln.text)) if pos is None or pos[2] == -1 else None
            if head is not None:
                out.headers.add(i)
                columns, table_at = head, (pos[0], pos[1]) if pos is not None else None
                continue
            if columns is None:
                continue
            if pos is not None and pos[2] >= 0:  # a cell of several lines
                if table_at is None or pos[0] != table_at[0]:
                    columns = None
                    continue
                if pos[2] == columns[0]:
                    out.labels[i] = ln.text
                elif pos[2] < columns[0] and _ROW_NUMBER.match(ln.text):
                    out.numbers.add(i)
                continue
            if table_at is not None and (pos is None or pos[0] != table_at[0]):
                columns = table_at = None
                continue
            cells = _cells(ln.text)
            if len(cells) <= max(columns) or not cells[columns[0]]:
                columns = table_at = None  # the table ended
                continue
            out.rows[i] = (cells[columns[0]], " ".join(c for c in cells[columns[1]:] if c))
        return out


def _header(cells: list[str]) -> tuple[int, int] | None:
    """``(speaker column, text column)`` of a header row, or ``None``."""
    speaker = next((k for k, c in enumerate(cells) if _SPEAKER_HEAD.match(c)), None)
    text = next((k for k, c in enumerate(cells) if _TEXT_HEAD.match(c)), None)
    if speaker is None or text is None or text <= speaker or len(cells) > 5:
        return None
    if any(not (_NUMBER_HEAD.match(c) or _SPEAKER_HEAD.match(c) or _TEXT_HEAD.match(c) or not c)
           for c in cells):
        return None
    return speaker, text
