"""The Excel workbook of ``write_tables`` is formatted for reading, and reads back unchanged."""

from __future__ import annotations

import io

import pandas as pd
import pytest

openpyxl = pytest.importorskip("openpyxl")

from consult.output import write_tables  # noqa: E402
from consult.workbook import MAX_WIDTH, readable  # noqa: E402

LONG = "반도체 인력 양성을 위한 교육기관과 산학 협력이 부족하다는 의견이 반복해서 나왔음. " * 4


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (1200, 400), "white").save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    transcripts = pd.DataFrame({"transcript_id": ["d#T1", "d#T2"], "speaker": ["KAIST 교수", "삼성전자 관계자"]})
    questions = pd.DataFrame({"question_id": ["d#T1.Q1", "d#T2.Q1"], "transcript_id": ["d#T1", "d#T2"],
                              "question": ["인력 현황은?", "=SUM(A1:A2) 같은 수식처럼 보이는 질문"]})
    points = pd.DataFrame({"point_id": ["d#T1.Q1.P1", "d#T1.Q1.P2", "d#T2.Q1.P1"],
                           "question_id": ["d#T1.Q1", "d#T1.Q1", "d#T2.Q1"],
                           "transcript_id": ["d#T1", "d#T1", "d#T2"],
                           "text": [LONG, "짧은 의견", "현장 인력 확보"]})
    themes = pd.DataFrame({
        "theme_id": [0, 1],
        "label": ["인력 · 교육", "현장 · 확보"],
        "keywords": [["인력", "교육"], ["현장", "확보"]],
        "areas": [{"반도체": 2}, {"반도체": 1, "양자": 1}],
        "quotes": [[{"text": "짧은 의견", "speaker": "KAIST 교수", "record_id": "d#T1.Q1.P2"}],
                   [{"text": "현장 인력 확보", "speaker": "삼성전자 관계자", "record_id": "d#T2.Q1.P1"}]],
    })
    prevalence = pd.DataFrame({"theme_id": [0, 1], "share_a": [0.025, 0.5], "diff": [-0.0904, 0.25],
                               "z": [2.896877468949163, -1.5], "freq_a": [0.0166, 0.0054],
                               "quote_a_id": ["d#T1.Q1.P2", "d#T9.Q9.P9"], "n_a": [20, 13]})
    return {"transcripts": transcripts, "questions": questions, "points": points, "themes": themes,
            "prevalence": prevalence}


@pytest.fixture
def book(tables, tmp_path):
    path = tmp_path / "book.xlsx"
    write_tables(tables, path, charts={"overview": _png(), "terms_01": _png()})
    return path, openpyxl.load_workbook(path)


def _col(ws, name):
    return next(c.column_letter for c in ws[1] if c.value == name)


def test_every_sheet_has_a_bold_frozen_filtered_header(book, tables):
    _, wb = book
    assert wb.sheetnames == [*tables, "charts"]
    for name, df in tables.items():
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(df.shape[1])
        assert ws.auto_filter.ref == f"A1:{last}{len(df) + 1}"
        assert all(c.font.b for c in ws[1])
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width
                  for j in range(1, df.shape[1] + 1)]
        assert all(6 <= w <= MAX_WIDTH for w in widths), (name, widths)


def test_widths_follow_the_content_and_long_text_wraps(book):
    _, wb = book
    ws = wb["points"]
    text = _col(ws, "text")
    assert ws.column_dimensions[text].width == MAX_WIDTH
    assert ws[f"{text}2"].alignment.wrap_text
    assert ws.row_dimensions[2].height and ws.row_dimensions[2].height > 15
    assert ws.column_dimensions[_col(ws, "point_id")].width < 20


def test_floats_show_rounded_but_keep_their_value(book, tables):
    path, wb = book
    ws = wb["prevalence"]
    formats = {c.value: ws.cell(2, c.column).number_format for c in ws[1]}
    assert formats["z"] == "0.00"
    assert formats["share_a"] == "0.0%"
    assert "%" in formats["diff"] and "%" in formats["freq_a"]
    assert formats["n_a"] == "General"
    back = pd.read_excel(path, sheet_name="prevalence")
    assert back["z"].tolist() == tables["prevalence"]["z"].tolist()


def test_lists_and_dicts_are_readable_text(book):
    _, wb = book
    ws = wb["themes"]
    row = {c.value: ws.cell(2, c.column).value for c in ws[1]}
    assert row["keywords"] == "인력; 교육"
    assert row["areas"] == "반도체: 2"
    assert row["quotes"] == "“짧은 의견” — KAIST 교수 [d#T1.Q1.P2]"
    for r in ws.iter_rows(min_row=2, values_only=True):
        for v in r:
            assert not (isinstance(v, str) and ("{" in v or "'text'" in v or "[" == v[:1])), v


def test_record_ids_link_to_their_row(book):
    _, wb = book
    ws = wb["points"]
    q = ws[f"{_col(ws, 'question_id')}3"]
    assert q.hyperlink is not None
    target_sheet, target_cell = q.hyperlink.location.split("!")
    assert target_sheet == "'questions'"
    assert wb["questions"][target_cell].value == q.value == "d#T1.Q1"
    assert ws[f"{_col(ws, 'point_id')}2"].hyperlink is None  # a record does not link to itself
    prev = wb["prevalence"]
    quote = prev[f"{_col(prev, 'quote_a_id')}2"]
    sheet, cell = quote.hyperlink.location.split("!")
    assert sheet == "'points'" and wb["points"][cell].value == "d#T1.Q1.P2"
    assert prev[f"{_col(prev, 'quote_a_id')}3"].hyperlink is None  # no such record: no link


def test_text_starting_with_equals_stays_text(book):
    _, wb = book
    cell = wb["questions"][f"{_col(wb['questions'], 'question')}3"]
    assert cell.data_type == "s" and cell.value.startswith("=SUM")


def test_charts_sheet_holds_the_pngs(book):
    _, wb = book
    ws = wb["charts"]
    assert [ws["A1"].value] == ["overview"]
    assert len(ws._images) == 2
    emu_per_px = 9525
    assert [img.anchor.ext.width / emu_per_px for img in ws._images] == [900, 900]  # scaled down
    assert [img.anchor._from.row for img in ws._images] == [1, 1 + 3 + 15]  # below its title, no overlap


def test_reads_back_to_the_same_tables(book, tables):
    path, _ = book
    back = pd.read_excel(path, sheet_name=None)
    for name in ("transcripts", "questions", "points"):
        pd.testing.assert_frame_equal(back[name], tables[name], check_dtype=False)


def test_sample_records_link_across_sheets(sample_corpus, tmp_path):
    path = tmp_path / "records.xlsx"
    write_tables({"transcripts": sample_corpus.transcripts, "questions": sample_corpus.questions,
                  "points": sample_corpus.points}, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["points"]
    links = [c for c in ws[_col(ws, "question_id")][1:] if c.hyperlink]
    assert len(links) == len(sample_corpus.points)
    for c in links[::50]:
        sheet, cell = c.hyperlink.location.split("!")
        assert wb[sheet.strip("'")][cell].value == c.value


def test_readable():
    assert readable(["a", "b"]) == "a; b"
    assert readable({"x": 0.123456}) == "x: 0.1235"
    assert readable({"b", "a"}) == "a; b"
    assert readable(3) == 3 and readable("t") == "t"
    two = readable([{"text": "가", "record_id": "d#T1"}, {"text": "나"}])
    assert two == "“가” [d#T1]\n“나”"


def test_korean_workbook_names_sheets_headers_and_values(tables, tmp_path):
    """``lang="ko"``: Korean sheet names, headers and categorical values, record links to the
    Korean sheets, number formats still chosen by the data's names; ``lang="en"`` (and no
    ``lang``) keeps the data's own names; a CSV is never translated."""
    import re

    findings = pd.DataFrame({
        "finding_id": ["반도체·F1"], "kind": ["consensus"], "a_group": ["academic"],
        "b_group": ["industry"], "strength": ["one_person"], "a_quote_id": ["d#T1.Q1.P1"],
        "rule": ["only the academic side names things the other side, asked the same, does not"],
        "sentence": ["양쪽 모두 「인력」을 들었음"], "sentence_en": ["Both named 인력"]})
    prevalence = pd.DataFrame({"within": ["(all)"], "share_a": [0.5], "diff": [0.25]})
    data = {**tables, "findings": findings, "prevalence": prevalence}
    kinds = {"kind": {"consensus": ("공통", "Agreement")}}
    path = tmp_path / "ko.xlsx"
    write_tables(data, path, lang="ko", values=kinds, charts={"overview": _png()})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["회의록", "질문", "답변 항목", "주제", "주제 비중", "발견", "차트"]
    for ws in book.worksheets[:-1]:
        headers = [c.value for c in ws[1]]
        assert not [h for h in headers if re.search("[A-Za-z]{3,}", h)], (ws.title, headers)
    row = {c.value: v.value for c, v in zip(book["발견"][1], book["발견"][2], strict=True)}
    assert (row["유형"], row["집단(a)"], row["근거의 크기"]) == ("공통", "학계", "한쪽이 1명")
    assert row["적용 규칙"] == "학계만 듦(같은 질문을 받은 다른 쪽은 들지 않음)"
    assert "sentence_en" not in row and row["문장"].startswith("양쪽")
    link = book["발견"]["F2"].hyperlink                       # a_quote_id → its point
    assert link.location == "'답변 항목'!A2" and "답변 항목 시트 2행" in link.tooltip
    assert book["주제 비중"]["A2"].value == "전체(분야 통합)"
    assert book["주제 비중"]["B2"].number_format == "0.0%"        # share_a, by its data name
    en = tmp_path / "en.xlsx"
    write_tables(data, en, lang="en", values=kinds)
    assert list(pd.read_excel(en, sheet_name=None)) == list(data)
    assert list(pd.read_excel(en, sheet_name="findings").columns) == list(findings.columns)
    assert pd.read_excel(en, sheet_name="findings").loc[0, "kind"] == "consensus"
    csv = tmp_path / "f.csv"
    write_tables({"findings": findings}, csv, lang="ko", values=kinds)
    assert pd.read_csv(csv).loc[0, "kind"] == "consensus"
