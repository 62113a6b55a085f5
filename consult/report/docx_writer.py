"""The report as a Word document (``.docx``, editable), with python-docx.

Built from the report's :class:`~consult.report.docmodel.DocModel`: the title and headings in
Word's heading styles (the navigation pane and a table of contents find them), findings,
concerns, terms and claims as real tables (header row repeated on each page), quotes in the
Quote style with their record ids, charts as pictures with captions, and every record id,
concern or section named in the text an internal link to it (a bookmark). A4, Hangul set in
맑은 고딕 (the East Asian font of every style), the document's language Korean or English.

    >>> write_docx(report, "report.docx")                       # doctest: +SKIP
    >>> import docx; docx.Document("report.docx").paragraphs[0].text   # doctest: +SKIP
    '국가미래전략기술 정책연구소 연차보고서'
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from types import SimpleNamespace
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

__all__ = ["write_docx", "docx_document", "HANGUL_FONT"]

#: the font Hangul is set in (every Korean Windows and Office has it; others substitute)
HANGUL_FONT = "맑은 고딕"
_LATIN_FONT = "Malgun Gothic"
_KINDS = {"bullet": "List Bullet", "quote": "Quote", "caption": "Caption", "note": "Intense Quote"}
_LINK_COLOR = "0563C1"
#: the text's width on an A4 page with 25 mm margins
TEXT_WIDTH_MM = 160.0
#: the size of a table's text (the body's is 10 pt)
TABLE_PT = 9


@functools.cache
def _api() -> SimpleNamespace:
    """The python-docx names this writer uses (heavy third-party, in the ``office`` extra:
    imported when a ``.docx`` is written)."""
    try:
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt, RGBColor
    except ImportError:  # pragma: no cover - depends on the environment
        raise ConsultError("writing .docx needs python-docx: " + install_hint("office")) from None
    return SimpleNamespace(Document=docx.Document, STYLE=WD_STYLE_TYPE, RIGHT=WD_ALIGN_PARAGRAPH.RIGHT,
                           qn=qn, Mm=Mm, Pt=Pt, RGBColor=RGBColor)


def write_docx(report: Any, path: str | Path, *, progress: bool | None = None) -> Path:
    """Write ``report`` (a :class:`~consult.report.Report`) to ``path`` as a Word document."""
    document = docx_document(document_model(report, progress=progress))
    with atomic_output(path) as tmp:
        document.save(str(tmp))
    return Path(path)


def docx_document(model: DocModel) -> Any:
    """A python-docx ``Document`` of ``model``."""
    document = _api().Document()
    _setup(document, model)
    w = _Writer(document, model)
    for block in model.blocks:
        w.block(block)
    return document


# ----------------------------------------------------------------------------- set-up
def _setup(document: Any, model: DocModel) -> None:
    api = _api()
    WD_STYLE_TYPE, Mm, Pt, RGBColor = api.STYLE, api.Mm, api.Pt, api.RGBColor
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(20)
    lang = "ko-KR" if model.lang == "ko" else "en-US"
    for style in document.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            _fonts(style.element, lang)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    normal.font.name = _LATIN_FONT
    _fonts(normal.element, lang)
    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(_LINK_COLOR)
    link.font.underline = True
    props = document.core_properties
    props.title = model.title
    props.language = lang
    props.author = props.last_modified_by = "consult"


def _fonts(element: Any, lang: str) -> None:
    """The style's East Asian font (Hangul) and its languages."""
    qn = _api().qn
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), HANGUL_FONT)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = rpr.makeelement(qn("w:lang"), {})
        rpr.append(language)
    language.set(qn("w:val"), lang)
    language.set(qn("w:eastAsia"), "ko-KR")


# ----------------------------------------------------------------------------- blocks
class _Writer:
    def __init__(self, document: Any, model: DocModel):
        self.doc = document
        self.dpi = model.dpi
        self.targets = {a: bookmark_name(a) for a in model.anchors}
        self._placed: set[str] = set()
        self._next_id = 0
        # style ids by name, set on the XML: python-docx looks a style up (and scans for the
        # default) at every paragraph and run
        self.ids = {s.name: s.style_id for s in document.styles}

    def block(self, b: Any) -> None:
        if isinstance(b, Heading):
            p = self.paragraph("Title" if b.level <= 1 else f"Heading {min(b.level - 1, 9)}")
            p.add_run(b.text)
            if b.anchor:
                self._bookmark(p, b.anchor)
        elif isinstance(b, Paragraph):
            style = _KINDS.get(b.kind, "Normal")
            if b.kind == "bullet" and b.level > 1:
                style = "List Bullet 2"
            p = self.paragraph(style)
            self.runs(p, b.runs)
            for a in b.anchors:
                self._bookmark(p, a)
        elif isinstance(b, TableBlock):
            self.table(b)
        elif isinstance(b, Picture):
            self.doc.add_picture(io.BytesIO(b.png), width=_api().Mm(b.width_mm(self.dpi, TEXT_WIDTH_MM)))
            self.paragraph("Caption").add_run(b.caption)

    def paragraph(self, style: str = "Normal") -> Any:
        p = self.doc.add_paragraph()
        if style != "Normal":
            p._p.style = self.ids[style]
        return p

    def runs(self, p: Any, runs: list[Run], size: Any = None) -> None:
        for r in runs:
            target = self.targets.get(r.ref) if r.ref else None
            if target:
                run = self._link(p, r, target)
            else:
                run = p.add_run(r.text)
                run.bold, run.italic = r.bold or None, r.italic or None
            if size is not None:
                run.font.size = size

    def table(self, b: TableBlock) -> None:
        Mm, size = _api().Mm, _api().Pt(TABLE_PT)
        if b.caption:
            self.paragraph("Caption").add_run(b.caption)
        table = self.doc.add_table(rows=1 + len(b.rows), cols=len(b.columns))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        widths = [Mm(w) for w in b.widths(TEXT_WIDTH_MM)]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        rows = table.rows
        _header(rows[0])
        for i, text in enumerate(b.columns):
            cell = rows[0].cells[i]
            cell.width = widths[i]
            self.runs(cell.paragraphs[0], [Run(text, bold=True)], size)
            _shade(cell, "D9E2F3")
        if b.anchor:
            self._bookmark(rows[0].cells[0].paragraphs[0], b.anchor)
        for r, row in enumerate(b.rows):
            cells = rows[r + 1].cells
            for c, value in enumerate(row[:len(b.columns)]):
                cells[c].width = widths[c]
                p = cells[c].paragraphs[0]
                self.runs(p, value, size)
                if c in b.numeric:
                    p.alignment = _api().RIGHT
            anchor = b.row_anchors[r] if b.row_anchors and r < len(b.row_anchors) else None
            if anchor:
                self._bookmark(cells[0].paragraphs[0], anchor)
        self.doc.add_paragraph()  # Word joins tables that touch

    # -- links and bookmarks (python-docx has no API for them: the XML Word writes)
    def _bookmark(self, p: Any, anchor: str) -> None:
        qn = _api().qn
        name = self.targets.get(anchor)
        if not name or name in self._placed:  # each bookmark once
            return
        self._placed.add(name)
        self._next_id += 1
        start = p._p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): str(self._next_id), qn("w:name"): name})
        end = p._p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): str(self._next_id)})
        ppr = p._p.pPr
        p._p.insert(1 if ppr is not None else 0, start)
        p._p.append(end)

    def _link(self, p: Any, r: Run, target: str) -> Any:
        qn = _api().qn
        link = p._p.makeelement(qn("w:hyperlink"), {qn("w:anchor"): target, qn("w:history"): "1"})
        run = p.add_run(r.text)
        run._r.style = self.ids["Hyperlink"]
        run.bold, run.italic = r.bold or None, r.italic or None
        link.append(run._r)  # moved from the paragraph into the link
        p._p.append(link)
        return run


def _header(row: Any) -> None:
    """Repeat the row at the top of each page the table runs onto."""
    qn = _api().qn
    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _shade(cell: Any, fill: str) -> None:
    qn = _api().qn
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.append(tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                                qn("w:fill"): fill}))
