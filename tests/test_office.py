"""HWPX / HWP 5.0 / DOCX input: the same minutes read the same as the plain-text version.

Fixtures are made by tests/fixtures/office/make_fixtures.py (python-hwpx and python-docx);
the three office files lay the same minutes out differently (typed paragraphs, a one-cell box
table, automatic numbering and bullets, a 2-column summary table).
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from consult.errors import ConsultError, EmptyInputError, UnsupportedInputError
from consult.ingest import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "office"
TXT = FIXTURES / "minutes.txt"
OFFICE = ["minutes.hwpx", "minutes.hwp", "minutes.docx"]

pytest.importorskip("hwpx", reason="needs the office extra (python-hwpx)")
pytest.importorskip("docx", reason="needs the office extra (python-docx)")

from consult.ingest.office import read_office  # noqa: E402
from consult.ingest.office_lines import lines_from_entries  # noqa: E402


def nonblank(lines):
    return [line for line in lines if line.strip()]


@pytest.fixture(scope="module")
def reference_lines():
    return read_document(TXT).lines


@pytest.mark.parametrize("name", OFFICE)
def test_office_text_equals_plain_text(name, reference_lines):
    doc = read_document(FIXTURES / name)
    assert doc.source_type == Path(name).suffix.lstrip(".")
    assert doc.pages is None
    assert doc.name == "minutes"
    assert doc.warnings == ()
    assert nonblank(doc.lines) == nonblank(reference_lines)


def test_docx_keeps_empty_paragraphs_as_blank_lines(reference_lines):
    assert read_office(FIXTURES / "minutes.docx").lines == reference_lines


@pytest.mark.parametrize("name", OFFICE)
def test_automatic_numbering_and_bullets_are_drawn(name):
    lines = read_office(FIXTURES / name).lines
    # transcript 3 uses the word processor's own numbering and ● bullets
    assert "1. 전지 관리 시스템(BMS) 분야의 연구 방향은 무엇입니까?" in lines
    assert "2. 연구소와 기업의 역할 분담에 대한 의견을 부탁드립니다." in lines
    assert "● (SW) 배터리 상태 추정 알고리즘과 시스템 SW 인재 부족이 심각" in lines


@pytest.mark.parametrize("name", OFFICE)
def test_box_table_cells_become_lines_and_summary_rows_stay_one_line(name):
    lines = read_office(FIXTURES / name).lines
    assert "<LG에너지솔루션 관계자>" in lines  # inside a one-cell box
    assert "(인력) 전문인력 확보 방안\t석박사급 융합 인력 양성 필요" in lines


# ------------------------------------------------------------------ records equal the .txt's

CONTENT_COLUMNS = [
    "area", "transcript_kind", "transcript_no", "speaker", "organization", "role",
    "question_no", "question_label", "question_kind", "question_topic", "question",
    "point_no", "point_label", "text",
]


@pytest.mark.parametrize("name", OFFICE)
def test_records_equal_plain_text_records(name):
    import consult

    want = consult.load(TXT).points
    got = consult.load(FIXTURES / name).points
    assert len(want) > 0
    cols = [c for c in CONTENT_COLUMNS if c in want.columns]
    assert got[cols].reset_index(drop=True).equals(want[cols].reset_index(drop=True))


# ------------------------------------------------------------------ errors


def test_password_protected_hwp():
    with pytest.raises(UnsupportedInputError, match="password-protected") as info:
        read_document(FIXTURES / "locked.hwp")
    assert "locked.hwp" in str(info.value)
    assert "\n" not in str(info.value)


def test_password_protected_docx():
    path = FIXTURES / "locked.docx"
    if not path.exists():
        pytest.skip("locked.docx not made (msoffcrypto-tool missing when fixtures were made)")
    with pytest.raises(UnsupportedInputError, match="password-protected") as info:
        read_document(path)
    assert "locked.docx" in str(info.value)


@pytest.mark.parametrize("name", OFFICE)
def test_truncated_file_is_a_clear_error(name, tmp_path):
    data = (FIXTURES / name).read_bytes()
    bad = tmp_path / name
    bad.write_bytes(data[: len(data) // 3])
    with pytest.raises(UnsupportedInputError) as info:
        read_document(bad)
    message = str(info.value)
    assert message.startswith(str(bad)) and "\n" not in message


@pytest.mark.parametrize("suffix", [".hwpx", ".hwp", ".docx"])
def test_garbage_bytes(suffix, tmp_path):
    bad = tmp_path / f"x{suffix}"
    bad.write_bytes(b"this is not a document at all\n" * 10)
    with pytest.raises(UnsupportedInputError, match="not a valid"):
        read_document(bad)


@pytest.mark.parametrize("suffix", [".hwpx", ".hwp", ".docx"])
def test_empty_file(suffix, tmp_path):
    bad = tmp_path / f"x{suffix}"
    bad.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        read_document(bad)


def test_zip_that_is_not_a_document(tmp_path):
    bad = tmp_path / "x.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedInputError, match="DOCX"):
        read_document(bad)
    bad2 = tmp_path / "x.hwpx"
    shutil.copy(bad, bad2)
    with pytest.raises(UnsupportedInputError, match="HWPX"):
        read_document(bad2)


def test_docx_named_hwpx_says_so(tmp_path):
    odd = tmp_path / "minutes.hwpx"
    shutil.copy(FIXTURES / "minutes.docx", odd)
    with pytest.raises(UnsupportedInputError, match="rename it to .docx"):
        read_document(odd)


def test_content_decides_hwp_versus_hwpx(tmp_path, reference_lines):
    odd = tmp_path / "minutes.hwpx"
    shutil.copy(FIXTURES / "minutes.hwp", odd)
    doc = read_document(odd)
    assert doc.source_type == "hwp"
    assert any("read as HWP" in w for w in doc.warnings)
    assert nonblank(doc.lines) == nonblank(reference_lines)


def test_hwp_named_docx(tmp_path):
    odd = tmp_path / "minutes.docx"
    shutil.copy(FIXTURES / "minutes.hwp", odd)
    with pytest.raises(UnsupportedInputError, match="rename it to .hwp"):
        read_document(odd)


def test_missing_optional_packages(monkeypatch):
    monkeypatch.setitem(sys.modules, "hwpx", None)
    monkeypatch.setitem(sys.modules, "hwp_hwpx_parser", None)
    monkeypatch.setitem(sys.modules, "docx", None)
    for name in OFFICE:
        with pytest.raises(ConsultError, match=r"pip install 'consult-minutes\[office\]'") as info:
            read_document(FIXTURES / name)
        assert name in str(info.value)


def test_fallback_reader_when_python_hwpx_is_missing(monkeypatch):
    pytest.importorskip("hwp_hwpx_parser")
    monkeypatch.setitem(sys.modules, "hwpx", None)
    doc = read_document(FIXTURES / "minutes.hwp")
    assert doc.source_type == "hwp"
    assert any("fallback" in w for w in doc.warnings)
    lines = doc.lines
    # typed paragraphs and one-line table rows survive; box cells are flattened
    assert "<KAIST 신소재공학과 교수>" in lines
    assert "● (인력) 전고체전지 소재를 이해하는 석박사급 인력이 절대적으로 부족" in lines
    assert "주요 질문\t전문가 의견" in lines


# ------------------------------------------------------------------ line assembly


@pytest.mark.parametrize(
    ("entries", "lines"),
    [
        (["a", "b\nc"], ["a", "b", "c"]),  # soft line break starts a line
        (["q\x1fa"], ["q\ta"]),  # one-line cells: one line
        (["1. q\n● a\x1f- b"], ["1. q", "● a", "- b"]),  # multi-line cells: cell by cell
        (["x\n\x1f\x1fy"], ["x", "", "y"]),  # empty cells skipped
        (["1. 질문\x1f● 답"], ["1. 질문", "● 답"]),  # a Q | A row: the answer cell is minutes
        (["2023\x1f-5%"], ["2023\t-5%"]),  # a number is not a bullet
        ([""], [""]),
    ],
)
def test_lines_from_entries(entries, lines):
    assert lines_from_entries(entries, "\x1f") == lines


def test_question_answer_table_docx_gives_the_txt_records(tmp_path):
    """Minutes laid out as a 2-column question | answer table read like the plain text."""
    import docx

    import consult

    rows = [
        ("1. 인력 양성 방안은 무엇입니까?", ["● (인력) 석박사급 인력 부족", "- 장기 과제 확대 필요"]),
        ("2. 협력의 애로사항은 무엇입니까?", ["● 성과 시점 불일치"]),
    ]
    head = ["전문가 자문 회의록 (1)", "<KAIST 신소재공학과 교수>"]
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=2)
    for r, (question, answer) in enumerate(rows):
        table.cell(r, 0).text = question
        cell = table.cell(r, 1)
        cell.paragraphs[0].text = answer[0]
        for line in answer[1:]:
            cell.add_paragraph(line)
    document.save(str(tmp_path / "qa.docx"))
    (tmp_path / "qa.txt").write_text(
        "\n".join(head + [x for q, a in rows for x in [q, *a]]) + "\n", encoding="utf-8")
    want = consult.load(tmp_path / "qa.txt").points
    got = consult.load(tmp_path / "qa.docx").points
    assert len(want) == 2
    cols = [c for c in CONTENT_COLUMNS if c in want.columns]
    assert got[cols].reset_index(drop=True).equals(want[cols].reset_index(drop=True))


def test_word_list_styles_indented_deeper_stay_sub_points(tmp_path):
    """Word's "List Bullet 2" is a one-level list drawn with the same glyph, indented deeper:
    its items are sub-points of the "List Bullet" item above them, not points of their own."""
    import docx

    import consult

    d = docx.Document()
    d.add_paragraph("□ 자문위원 1 : 고려대학교 정보보호대학원 교수")
    d.add_paragraph("Q1. 국내 보안 인력 수급 현황은?")
    d.add_paragraph("실무형 인력이 크게 부족함", style="List Bullet")
    d.add_paragraph("대학 교육과 현장 요구의 격차가 큼", style="List Bullet 2")
    d.add_paragraph("경력직 이직이 잦음", style="List Bullet")
    d.add_paragraph("Q2. 정부 정책 제언은?")
    d.add_paragraph("공공 보안 예산 확대 필요", style="List Bullet")
    path = tmp_path / "nested.docx"
    d.save(str(path))
    texts = consult.load(path).points["text"].tolist()
    assert texts == ["실무형 인력이 크게 부족함\n- 대학 교육과 현장 요구의 격차가 큼", "경력직 이직이 잦음",
                     "공공 보안 예산 확대 필요"]
