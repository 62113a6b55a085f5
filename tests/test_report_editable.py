"""The editable reports: ``.docx`` (Word) and ``.hwpx`` (한글) of the sample, opened by their readers.

Word: python-docx reads the file back (headings, tables, quotes, pictures, internal links);
where LibreOffice is installed it converts the file to PDF. Hangul: python-hwpx validates the
parts against the HWPX schemas and the package as 한글 opens it, and consult's own ``.hwpx``
reader (``consult.ingest.read_office``) reads the text back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import pytest

import consult
from consult.display import anchor
from consult.report import build_report
from consult.report.docmodel import Heading, TableBlock, bookmark_name, document_model

docx = pytest.importorskip("docx")
hwpx = pytest.importorskip("hwpx")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "kaist_2023_annual_report.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def analysis():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", consult.SmallSampleWarning)
        return consult.analyze(consult.load(str(SAMPLE)), random_state=0)


@pytest.fixture(scope="module")
def report(analysis):
    return build_report(analysis, progress=False)


@pytest.fixture(scope="module")
def files(report, tmp_path_factory):
    folder = tmp_path_factory.mktemp("editable")
    return {fmt: report.write(folder / f"report.{fmt}") for fmt in ("docx", "hwpx")}


def _md_headings(report) -> list[tuple[int, str]]:
    """The Markdown report's headings, unescaped: the sections both editable files must have."""
    text, _ = report.to_markdown()
    out = []
    for line in text.splitlines():
        m = re.match(r"^(#{1,4}) (.+)$", line)
        if m:
            title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(2))
            title = re.sub(r"\\(.)", r"\1", title).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            out.append((len(m.group(1)), title))
    return out


def _findings_area(report) -> dict:
    return next(a for a in report.data["areas"] if a.get("findings"))


# ----------------------------------------------------------------------------- Word
def test_docx_has_the_markdown_reports_headings(report, files):
    doc = docx.Document(str(files["docx"]))
    headings = [(p.style.name, p.text) for p in doc.paragraphs
                if p.style.name == "Title" or p.style.name.startswith("Heading")]
    level = {"Title": 1, "Heading 1": 2, "Heading 2": 3, "Heading 3": 4}
    assert [(level[s], t) for s, t in headings] == _md_headings(report)
    assert headings[0] == ("Title", report.title)
    assert ("Heading 1", "한눈에 보기") in headings and ("Heading 1", "1. 개요") in headings
    assert doc.core_properties.title == report.title and doc.core_properties.language == "ko-KR"


def test_docx_findings_are_a_table(report, files):
    doc = docx.Document(str(files["docx"]))
    area = _findings_area(report)
    columns = area["findings"].columns
    tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == columns]
    assert tables, "no table with the findings' columns"
    first = tables[0]
    assert len(first.rows) == 1 + len(area["findings"].rows)
    sentence = re.sub(r"\s+", " ", consult.display.cell_text(area["findings"].rows[0][1]))[:30]
    assert sentence in first.rows[1].cells[1].text
    # the header row repeats on each page
    assert first.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


def test_docx_quotes_carry_their_record_ids_and_link_to_them(report, files):
    doc = docx.Document(str(files["docx"]))
    body = doc.element.body
    marks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    links = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")]
    assert links and set(links) <= marks  # every internal link lands on a bookmark
    card = report.data["themes"]["cards"][0]
    quote = card["quotes"][0]
    quotes = [p for p in doc.paragraphs if p.style.name == "Quote"]
    i = next(i for i, p in enumerate(quotes) if p.text.startswith("“" + quote["text"][:20]))
    who = quotes[i + 1]
    assert quote["id"] in who.text and quote["speaker"] in who.text
    assert bookmark_name(anchor(quote["id"])) in [h.get(f"{W}anchor") for h in who._p.iter(f"{W}hyperlink")]
    assert bookmark_name(anchor(quote["id"])) in marks  # the record itself, in section 6


def test_docx_holds_every_chart(report, files):
    doc = docx.Document(str(files["docx"]))
    assert len(doc.inline_shapes) == len(report.png()) >= 3
    with zipfile.ZipFile(files["docx"]) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert {z.read(n)[:8] for n in media} == {b"\x89PNG\r\n\x1a\n"}


def test_docx_in_english(analysis, tmp_path):
    path = build_report(analysis, progress=False, lang="en").write(tmp_path / "en.docx")
    doc = docx.Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["At a glance", "Concerns that recur across areas"]
    assert "1. Overview" in headings and "한눈에 보기" not in headings
    assert doc.core_properties.language == "en-US"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_docx_converts_to_pdf_with_libreoffice(files, tmp_path):
    """LibreOffice lays the document out; the NanumGothic consult draws its charts with stands
    in for 맑은 고딕 (a machine without a Korean font would draw boxes)."""
    import os

    from consult.fonts import korean_font_files

    pdfplumber = pytest.importorskip("pdfplumber")
    fonts = korean_font_files()
    if not fonts:
        pytest.skip("no Korean font file to lay the document out with")
    conf = tmp_path / "fonts.conf"
    alias = "".join(f"<alias binding='same'><family>{f}</family><prefer><family>NanumGothic</family>"
                    "</prefer></alias>" for f in ("맑은 고딕", "Malgun Gothic"))
    conf.write_text("<?xml version='1.0'?><fontconfig><include ignore_missing='yes'>/etc/fonts/fonts.conf"
                    f"</include><dir>{fonts[0].parent}</dir>{alias}<cachedir>{tmp_path}/fc</cachedir>"
                    "</fontconfig>", encoding="utf-8")
    run = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(files["docx"])],
                         capture_output=True, timeout=300, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    pdf = tmp_path / "report.pdf"
    assert pdf.is_file(), run.stderr.decode(errors="replace")
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) > 20
        text = doc.pages[0].extract_text() or ""
        assert "한눈에 보기" in text
        assert any(page.images for page in doc.pages[:8])


# ----------------------------------------------------------------------------- Hangul
def test_hwpx_is_valid_as_hangul_opens_it(files):
    from hwpx.tools.package_validator import validate_package

    document = hwpx.HwpxDocument.open(str(files["hwpx"]))
    assert document.validate().issues == ()  # header and section XML against the schemas
    report = validate_package(str(files["hwpx"]))
    assert [i for i in report.issues if i.level == "error"] == []


def test_hwpx_reads_back_through_consults_reader(report, files):
    from consult.ingest.office import read_office

    lines = read_office(files["hwpx"]).lines
    assert lines[0] == report.title
    text = "\n".join(lines)
    for _level, title in _md_headings(report):
        assert title in lines, title  # every heading, without an outline number before it
    assert "• " + report.data["summary"]["concerns"][0]["label"] in text  # a 한글 bullet
    # a findings row: its cells on one line, joined by tabs, or cell by cell
    area = _findings_area(report)
    kind = consult.display.cell_text(area["findings"].rows[0][0])
    assert any(line.startswith(kind) for line in lines)
    quote = report.data["themes"]["cards"][0]["quotes"][0]
    assert any(quote["id"] in line and quote["speaker"] in line for line in lines)


def test_hwpx_tables_pictures_and_links(report, files):
    model = document_model(report)
    document = hwpx.HwpxDocument.open(str(files["hwpx"]))
    tables = [t for p in document.paragraphs for t in p.tables]
    assert len(tables) == sum(isinstance(b, TableBlock) for b in model.blocks)
    area = _findings_area(report)
    columns = area["findings"].columns
    found = [t for t in tables if [t.cell(0, c).text for c in range(t.column_count)] == columns]
    assert found and found[0].row_count == 1 + len(area["findings"].rows)
    with zipfile.ZipFile(files["hwpx"]) as z:
        pictures = [n for n in z.namelist() if n.startswith("BinData/")]
        assert len(pictures) == len(report.png())
        section = z.read("Contents/section0.xml").decode("utf-8")
    marks = set(re.findall(r'<hp:bookmark name="([^"]+)"', section))
    links = set(re.findall(r'type="HYPERLINK" name="#([^"]+)"', section))
    assert links and links <= marks
    assert bookmark_name(anchor(report.data["themes"]["cards"][0]["quotes"][0]["id"])) in links


def test_headings_are_outline_levels(report, files):
    """Sections are 한글 outline headings (개요 1–3), so its outline view and table of contents
    find them."""
    document = hwpx.HwpxDocument.open(str(files["hwpx"]))
    for level in (1, 2, 3):
        style = str(document.styles.resolve(f"개요 {level}").id)
        texts = [p.text for p in document.paragraphs if str(p.style_id_ref) == style]
        assert texts == [t for n, t in _md_headings(report) if n == level + 1]


# ----------------------------------------------------------------------------- the commands
def test_cli_writes_both_and_refuses_to_replace_an_input(tmp_path):
    from click.testing import CliRunner

    from consult.cli import main

    minutes = ROOT / "tests" / "fixtures" / "layouts" / "interview_arrows.txt"
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(minutes), "--backend", "none", "-q",
                                  "-o", str(tmp_path / "r.docx"), "-o", str(tmp_path / "r.hwpx")])
    assert result.exit_code == 0, result.output
    assert docx.Document(str(tmp_path / "r.docx")).paragraphs[0].text
    own = tmp_path / "minutes.docx"
    shutil.copy(tmp_path / "r.docx", own)
    before = own.read_bytes()
    result = runner.invoke(main, ["report", str(own), "--backend", "none", "-q", "-o", str(own)])
    assert result.exit_code != 0 and "is one of the inputs" in result.output
    assert own.read_bytes() == before


def test_write_report_api(analysis, report, tmp_path):
    path = consult.write_report(analysis, tmp_path / "x.docx", progress=False)
    assert docx.Document(str(path)).paragraphs[0].text == report.title
    headings = [b.text for b in document_model(report).blocks if isinstance(b, Heading)]
    assert headings[:2] == [report.title, "한눈에 보기"]


def test_missing_writer_is_one_line_before_the_work(monkeypatch, tmp_path):
    import importlib.util

    from consult.errors import ConsultError

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "hwpx" else real(name, *a))
    with pytest.raises(ConsultError, match=r"python-hwpx: pip install 'consult-minutes\[office\]'"):
        consult.write_report(SAMPLE, tmp_path / "x.hwpx")
    assert not (tmp_path / "x.hwpx").exists()


def test_document_text_that_xml_cannot_hold(tmp_path):
    """Control characters, a lone surrogate, U+FFFF and markup in the minutes: both documents
    are written, and the text reads back as text."""
    from click.testing import CliRunner

    from consult.cli import main
    from consult.ingest.office import read_office

    text = (ROOT / "tests" / "fixtures" / "layouts" / "interview_arrows.txt").read_text(encoding="utf-8")
    bad = text.replace("공정 엔지니어가 크게 부족함", "공정 \x01엔지니어\x0b가 <b>&amp; \ud800 크게\x1b[31m 부족함 \uffff")
    minutes = tmp_path / "hostile.txt"
    minutes.write_text(bad, encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(main, ["report", str(minutes), "--backend", "none", "-q",
                                       "-o", str(tmp_path / "h.docx"), "-o", str(tmp_path / "h.hwpx")])
    assert result.exit_code == 0, result.output
    cells = [c.text for t in docx.Document(str(tmp_path / "h.docx")).tables for r in t.rows for c in r.cells]
    assert any("엔지니어" in c and "<b>&amp;" in c for c in cells)
    lines = read_office(tmp_path / "h.hwpx").lines
    assert any("엔지니어" in line and "<b>&amp;" in line for line in lines)
    assert not any(ch in line for line in lines for ch in "\x01\x0b\x1b\uffff")
