"""The report as a Hangul document (``.hwpx``, editable in 한글), with python-hwpx.

Built from the report's :class:`~consult.report.docmodel.DocModel`, like the Word document:
sections and their parts as outline headings (개요 1–3: 한글's outline view and table of
contents find them; the outline numbers are left blank, as the headings carry the report's own
numbers), findings, concerns, terms and claims as real tables (header row shaded and repeated on
each page), quotes indented with their record ids, bullets as 한글 bullets, charts as pictures
with captions (캡션), and every record id, concern or section named in the text a hyperlink to a
bookmark on it. python-hwpx checks the parts it writes against the HWPX (OWPML) schemas before
saving (``validate_on_save``); ``tests/test_report_editable.py`` also reads every file back
through consult's own ``.hwpx`` reader.

    >>> write_hwpx(report, "report.hwpx")                       # doctest: +SKIP
    >>> consult.ingest.read_office("report.hwpx").lines[0]      # doctest: +SKIP
    '국가미래전략기술 정책연구소 연차보고서'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..distribution import install_hint
from ..errors import ConsultError
from ..output import atomic_output
from .docmodel import (
    DocModel,
    Heading,
    Paragraph,
    Picture,
    Run,
    TableBlock,
    bookmark_name,
    document_model,
)

__all__ = ["write_hwpx", "hwpx_document", "BULLETS"]

#: the bullet of each list level
BULLETS = ("•", "◦")
#: the text's width on the page (python-hwpx's A4 skeleton: 210 mm less 30 mm margins each side)
TEXT_WIDTH_MM = 150.0
#: the size of a table's text (the body's is 10 pt)
TABLE_PT = 9
_HWPUNIT_PER_MM = 7200 / 25.4
_HEADER_FILL = "#D9E2F3"


def _require() -> Any:
    try:
        import hwpx  # heavy third-party, in the office extra: imported when a .hwpx is written
    except ImportError:  # pragma: no cover - depends on the environment
        raise ConsultError("writing .hwpx needs python-hwpx: " + install_hint("office")) from None
    return hwpx


def write_hwpx(report: Any, path: str | Path, *, progress: bool | None = None) -> Path:
    """Write ``report`` (a :class:`~consult.report.Report`) to ``path`` as a Hangul document."""
    document = hwpx_document(document_model(report, progress=progress))
    with atomic_output(path) as tmp:
        document.save_to_path(str(tmp))
    return Path(path)


def hwpx_document(model: DocModel) -> Any:
    """A python-hwpx ``HwpxDocument`` of ``model``."""
    hwpx = _require()
    document = hwpx.HwpxDocument.new()
    w = _Writer(document, model)
    for block in model.blocks:
        w.block(block)
    w.finish()
    return document


class _Writer:
    def __init__(self, document: Any, model: DocModel):
        self.doc = document
        self.dpi = model.dpi
        self.targets = {a: bookmark_name(a) for a in model.anchors}
        self._placed: set[str] = set()
        self.n = len(document.paragraphs)  # body paragraphs so far (the skeleton's first one)
        self.first = document.paragraphs[0]  # empty, holding the page set-up: the title goes there
        self.bullets: dict[int, list[int]] = {1: [], 2: []}
        self.quotes: list[int] = []
        self.right: list[Any] = []  # numeric table cells' paragraphs
        self.left: list[Any] = []  # the others' (바탕글 justifies, which spreads a short line)
        ensure = document.styles.ensure_run
        self.look = {(b, i): ensure(bold=b, italic=i) for b in (False, True) for i in (False, True)}
        self.cell_look = {(b, i): ensure(bold=b, italic=i, size=TABLE_PT) for b in (False, True)
                          for i in (False, True)}
        self.link = ensure(color="#0563C1", underline=True)  # as 한글 draws a hyperlink
        self.cell_link = ensure(color="#0563C1", underline=True, size=TABLE_PT)
        self.title = ensure(bold=True, size=18)
        self.heads = {2: ensure(bold=True, size=15), 3: ensure(bold=True, size=13),
                      4: ensure(bold=True, size=11)}
        # paragraph styles looked up once (python-hwpx resolves a style name at every call)
        self.styles = {name: _style_refs(document, name) for name in ("바탕글", "캡션")}
        _blank_outline_numbers(document)

    def block(self, b: Any) -> None:
        doc = self.doc
        if isinstance(b, Heading):
            if b.level <= 1 and self.first is not None:  # counted already
                p, self.first = self.first, None
                p.add_run(b.text, char_pr_id_ref=self.title)
            else:
                if b.level <= 1:
                    p = self.paragraph()
                    p.add_run(b.text, char_pr_id_ref=self.title)
                else:
                    p = doc.add_heading(b.text, level=min(b.level - 1, 3),
                                        char_pr_id_ref=self.heads[min(b.level, 4)])
                self.n += 1
            if b.anchor:
                self._bookmark(p, b.anchor)
        elif isinstance(b, Paragraph):
            p = self.paragraph("캡션" if b.kind == "caption" else "바탕글")
            if b.kind == "bullet":
                self.bullets[min(b.level, 2)].append(self.n)
            elif b.kind in ("quote", "note"):
                self.quotes.append(self.n)
            self.n += 1
            self.runs(p, b.runs, italic=b.kind == "quote")
            for a in b.anchors:
                self._bookmark(p, a)
        elif isinstance(b, TableBlock):
            self.table(b)
        elif isinstance(b, Picture):
            width = b.width_mm(self.dpi, TEXT_WIDTH_MM)
            height = width * b.height_px / b.width_px if b.width_px else width * 0.6
            para, char, sid = self.styles["바탕글"]  # not the heading's shapes before it
            doc.add_picture(b.png, "png", width_mm=width, height_mm=height, align="CENTER",
                            para_pr_id_ref=para, style_id_ref=sid, char_pr_id_ref=char)
            self.paragraph("캡션").add_run(b.caption)
            self.n += 2

    def paragraph(self, style: str = "바탕글") -> Any:
        """A new body paragraph in ``style`` (without the last paragraph's shapes)."""
        para, char, sid = self.styles[style]
        return self.doc.add_paragraph("", para_pr_id_ref=para, style_id_ref=sid, char_pr_id_ref=char,
                                      include_run=False, inherit_style=False)

    def runs(self, p: Any, runs: list[Run], italic: bool = False, cell: bool = False) -> None:
        look = self.cell_look if cell else self.look
        if not runs:
            p.add_run("", char_pr_id_ref=look[(False, False)])
        for r in runs:
            target = self.targets.get(r.ref) if r.ref else None
            if target:
                p.add_hyperlink("#" + target, r.text, char_pr_id_ref=self.cell_link if cell else self.link)
            else:
                p.add_run(r.text, char_pr_id_ref=look[(r.bold, r.italic or italic)])

    def table(self, b: TableBlock) -> None:
        doc = self.doc
        if b.caption:
            self.paragraph("캡션").add_run(b.caption)
            self.n += 1
        width = int(TEXT_WIDTH_MM * _HWPUNIT_PER_MM)
        table = doc.add_table(1 + len(b.rows), len(b.columns), width=width)
        self.n += 1
        table.set_column_widths(b.widths(TEXT_WIDTH_MM))
        table.element.set("repeatHeader", "1")
        rows = [row.cells for row in table.rows]  # table.cell(r, c) maps the whole grid each time
        for c, text in enumerate(b.columns):
            cell = rows[0][c]
            cell.element.set("header", "1")
            self.runs(_first(cell), [Run(text, bold=True)], cell=True)
            table.set_cell_shading(0, c, _HEADER_FILL)
        if b.anchor:
            self._bookmark(_first(rows[0][0]), b.anchor)
        for r, row in enumerate(b.rows):
            cells = rows[r + 1]
            for c, value in enumerate(row[:len(b.columns)]):
                p = _first(cells[c])
                self.runs(p, value, cell=True)
                (self.right if c in b.numeric else self.left).append(p)
            anchor = b.row_anchors[r] if b.row_anchors and r < len(b.row_anchors) else None
            if anchor:
                self._bookmark(_first(cells[0]), anchor)

    def _bookmark(self, p: Any, anchor: str) -> None:
        name = self.targets.get(anchor)
        if name and name not in self._placed:  # each bookmark once
            self._placed.add(name)
            p.add_bookmark(name)

    def finish(self) -> None:
        """Paragraph shapes given in one pass each: bullets, indented quotes, table cells
        left-aligned and numbers right."""
        styles = self.doc.styles
        for level, indexes in self.bullets.items():
            if indexes:
                styles.apply_list_format(paragraph_indexes=indexes, kind="bullet", level=level,
                                         bullet_char=BULLETS[level - 1])
        if self.quotes:
            styles.apply_paragraph_format(paragraph_indexes=self.quotes, indent_left_mm=8)
        if self.right:
            styles.apply_paragraph_format(paragraphs=self.right, alignment="RIGHT")
        if self.left:
            styles.apply_paragraph_format(paragraphs=self.left, alignment="LEFT")


def _style_refs(document: Any, name: str) -> tuple[Any, Any, Any]:
    """A paragraph style's paragraph shape, character shape and id."""
    style = document.styles.resolve(name)
    return style.para_pr_id_ref, style.char_pr_id_ref, style.id


def _first(cell: Any) -> Any:
    """A table cell's first paragraph (one is made when the cell has none)."""
    paragraphs = cell.paragraphs
    return paragraphs[0] if paragraphs else cell.add_paragraph("")


def _blank_outline_numbers(document: Any) -> None:
    """No outline numbers before headings (``1.``, ``가.``): the headings carry their own."""
    for header in document.oxml.headers:
        for head in header.element.iter():
            if str(head.tag).endswith("}paraHead") and head.get("level") in ("1", "2", "3", "4"):
                head.text = None
        header.mark_dirty()
