"""Ingest: decoding of every supported encoding, pages from form feeds and from PDFs, PDF errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from consult.errors import DecodeError, EmptyInputError, UnsupportedInputError
from consult.ingest import decode_bytes, document_from_text, read_document
from consult.ingest.pdf import read_pdf

FIXTURES = Path(__file__).parent / "fixtures"
VARIANTS = FIXTURES / "variants"
BAD = FIXTURES / "bad"

TEXT = "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문입니다.\n● 답변 필요\n"


# ---------------------------------------------------------------------------- decoding
@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (TEXT.encode("cp949"), "cp949"),
        (TEXT.encode("euc_kr"), "cp949"),  # EUC-KR is decoded as its superset CP949
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp949", "euc-kr", "utf16-le-bom", "utf16-be-bom"],
)
def test_decode_every_encoding(data: bytes, encoding: str) -> None:
    text, enc, warnings = decode_bytes(data)
    assert enc == encoding
    assert warnings == []
    assert text.lstrip("\ufeff") == TEXT


def test_cp949_extension_syllables() -> None:
    # 똠, 햏, 뷁 are outside KS X 1001's 2,350 syllables: CP949 (UHC) has two-byte codes for
    # them, EUC-KR only 8-byte jamo sequences. CP949 decoding reads both encodings.
    s = "똠방각하 햏자 뷁 전문가 자문 회의록\n"
    assert len(s.encode("cp949")) < len(s.encode("euc_kr"))
    text, enc, _ = decode_bytes(s.encode("cp949"))
    assert (text, enc) == (s, "cp949")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
def test_newlines_and_bom_are_not_in_lines(newline: str) -> None:
    data = ("\ufeff" + TEXT.replace("\n", newline)).encode("utf-8")
    text, _, _ = decode_bytes(data)
    doc = document_from_text(text, path="x.txt")
    assert doc.lines == tuple(TEXT.splitlines())
    assert not any("\r" in line or "\ufeff" in line for line in doc.lines)


def test_mixed_utf8_and_cp949_lines() -> None:
    data = "가나다 UTF-8 줄\n".encode() + "라마바 CP949 줄\n".encode("cp949") + "사아자\n".encode()
    text, enc, warnings = decode_bytes(data)
    assert text.splitlines() == ["가나다 UTF-8 줄", "라마바 CP949 줄", "사아자"]
    assert enc.startswith("mixed")
    assert warnings == []


def test_truncated_utf8_is_decoded_with_a_warning_naming_the_line() -> None:
    doc = read_document(BAD / "truncated_utf8.txt")
    assert doc.warnings and doc.warnings[0].startswith(f"line {doc.n_lines}:")
    assert doc.lines[-1].endswith("\ufffd")
    assert doc.lines[-2] == "대 필요"  # the lines before it are intact


def test_empty_and_binary_inputs() -> None:
    with pytest.raises(EmptyInputError, match="empty"):
        decode_bytes(b"")
    with pytest.raises(EmptyInputError):
        decode_bytes(b" \n\t\r\n")
    with pytest.raises(UnsupportedInputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(DecodeError):
        decode_bytes(b"\xff\xfe\x00")  # a UTF-16 BOM followed by half a character


# ---------------------------------------------------------------------------- variant files
BATTERY_TEXT_VARIANTS = {
    "battery_pdfstyle.txt": "utf-8-sig",
    "battery_compact.txt": "utf-8-sig",
    "battery_crlf_bom.txt": "utf-8-sig",
    "battery_cp949.txt": "cp949",
    "battery_euckr.txt": "cp949",
    "battery_bullets_dot.txt": "utf-8-sig",
    "battery_formfeed.txt": "utf-8-sig",
}


@pytest.mark.parametrize("name", sorted(BATTERY_TEXT_VARIANTS))
def test_variant_files_decode(name: str) -> None:
    doc = read_document(VARIANTS / name)
    assert doc.encoding == BATTERY_TEXT_VARIANTS[name]
    assert doc.source_type == "txt"
    assert doc.name == Path(name).stem
    text = "\n".join(doc.lines)
    assert "LG에너지솔루션 관계자" in text
    assert "덴드라이트" in text and "열전이(TP)" in text
    assert not any("\r" in line or "\ufeff" in line or "\ufffd" in line for line in doc.lines)
    assert doc.warnings == ()


def test_crlf_file_has_one_line_per_source_line() -> None:
    raw = (VARIANTS / "battery_crlf_bom.txt").read_bytes()
    doc = read_document(VARIANTS / "battery_crlf_bom.txt")
    assert doc.n_lines == raw.count(b"\r\n")
    assert doc.lines[0] == "붙임3 이차전지 분야 산학 전문가 자문 내용"


# ---------------------------------------------------------------------------- pages
def test_pages_from_form_feeds() -> None:
    # a form feed starts the first line of the next page (as pdftotext writes it)
    doc = document_from_text("a\nb\n\fc\nd\n\fe\n")
    assert doc.lines == ("a", "b", "c", "d", "e")
    assert doc.pages == (1, 1, 2, 2, 3)
    assert document_from_text("a\nb\n").pages is None


def test_pages_from_form_feeds_in_a_file() -> None:
    doc = read_document(VARIANTS / "battery_formfeed.txt")
    assert doc.pages is not None and len(doc.pages) == doc.n_lines
    assert doc.pages[0] == 1 and doc.pages[-1] == 4
    assert list(doc.pages) == sorted(doc.pages)
    header2 = doc.lines.index("전문가 자문 회의록 2") + 1
    assert doc.page_of(header2) == 3
    # the page-number lines stay as lines (the layout stage removes them)
    assert "- 17 -" in doc.lines and "- 20 -" in doc.lines


def test_pdf_lines_and_pages() -> None:
    doc = read_pdf(VARIANTS / "battery_pdf.pdf")
    assert doc.source_type == "pdf"
    assert doc.name == "battery_pdf"
    assert doc.encoding is None
    assert doc.pages is not None and len(doc.pages) == doc.n_lines
    assert sorted(set(doc.pages)) == [1, 2, 3, 4]
    assert list(doc.pages) == sorted(doc.pages)
    # reading order: running header first, page number last, on every page
    for page in (1, 2, 3, 4):
        lines = [line for line, p in zip(doc.lines, doc.pages, strict=True) if p == page]
        assert lines[0] == "국가미래전략기술 정책연구소 2023 연차보고서"
        assert lines[-1] == f"- {16 + page} -"
    assert doc.page_of(doc.lines.index("전문가 자문 회의록 (2)") + 1) == 3
    # a line that ends with a space keeps it (the wrap joins with a space)
    assert "● (TP기술) 열전이(TP) 억제 기술로도 " in doc.lines
    assert "● (전략) 차세대 전지 소재의 원천기술 확" in doc.lines


def test_read_document_dispatches_pdf_by_suffix() -> None:
    assert read_document(VARIANTS / "battery_pdf.pdf") == read_pdf(VARIANTS / "battery_pdf.pdf")


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("scanned_no_text.pdf", UnsupportedInputError, "PDF has no text layer (scanned?)"),
        ("password_protected.pdf", UnsupportedInputError, "password-protected PDF"),
        ("corrupt.pdf", UnsupportedInputError, "corrupt PDF"),
        ("truncated.pdf", UnsupportedInputError, "corrupt PDF"),
        ("not_a_pdf.pdf", UnsupportedInputError, "not a PDF file"),
    ],
)
def test_pdf_errors(name: str, error: type[Exception], message: str) -> None:
    path = BAD / name
    with pytest.raises(error) as info:
        read_pdf(path)
    text = str(info.value)
    assert message in text
    assert text.startswith(str(path) + ": ")
    assert "\n" not in text
    with pytest.raises(error):
        read_document(path)


def test_empty_pdf_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(EmptyInputError, match="empty"):
        read_pdf(p)


def test_pdf_header_only(tmp_path: Path) -> None:
    p = tmp_path / "stub.pdf"
    p.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(UnsupportedInputError, match="corrupt PDF"):
        read_pdf(p)


def test_missing_glyphs_and_private_use_glyphs_are_kept(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(FIXTURES))
    try:
        import make_fixtures
    finally:
        sys.path.remove(str(FIXTURES))
    p = tmp_path / "glyphs.pdf"
    # NanumGothic has no ❙ and no U+F0A7: the text layer holds \x00 for them
    make_fixtures.write_pdf(p, [["18 ❙", "\uf0a7 사설 영역 글머리표"]], header=None, footer=None)
    doc = read_pdf(p)
    assert doc.lines == ("18 \x00", "\x00 사설 영역 글머리표")


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(VARIANTS / "battery_pdf.pdf")
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    p = tmp_path / "owner_only.pdf"
    with p.open("wb") as fh:
        writer.write(fh)
    doc = read_pdf(p)
    assert doc.lines == read_pdf(VARIANTS / "battery_pdf.pdf").lines


def test_pdfplumber_is_imported_lazily() -> None:
    code = (
        "import sys, consult, consult.ingest; from consult.ingest import read_document; "
        "read_document('tests/fixtures/variants/battery_compact.txt'); "
        "assert 'pdfplumber' not in sys.modules and 'pdfminer' not in sys.modules, 'eager'"
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_a_damaged_page_does_not_lose_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber.page

    real = pdfplumber.page.Page.extract_text

    def flaky(self, **kwargs):
        if self.page_number == 2:
            raise KeyError("broken font dictionary")
        return real(self, **kwargs)

    monkeypatch.setattr(pdfplumber.page.Page, "extract_text", flaky)
    doc = read_pdf(VARIANTS / "battery_pdf.pdf")
    assert sorted(set(doc.pages)) == [1, 3, 4]
    assert doc.warnings == ("page 2: cannot extract text (KeyError: 'broken font dictionary')",)

    monkeypatch.setattr(pdfplumber.page.Page, "extract_text",
                        lambda self, **kw: (_ for _ in ()).throw(ValueError("bad stream")))
    with pytest.raises(UnsupportedInputError, match="corrupt PDF: page 1: cannot extract text"):
        read_pdf(VARIANTS / "battery_pdf.pdf")


def test_an_image_only_page_is_reported_not_fatal(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    for src in (VARIANTS / "battery_pdf.pdf", BAD / "scanned_no_text.pdf"):
        writer.append(str(src))
    p = tmp_path / "mixed.pdf"
    with p.open("wb") as fh:
        writer.write(fh)
    doc = read_pdf(p)
    assert doc.lines == read_pdf(VARIANTS / "battery_pdf.pdf").lines
    assert doc.warnings == ("page 5: no text layer (image only?)",)
