"""Outputs stay valid and inert on hostile text: CSV formulas neutralised, lone surrogates."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner

from consult.cli import main
from consult.ingest.document import Document
from consult.output import write_table

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "정상 텍스트", "\t=1"]


def test_csv_for_excel_neutralises_formulas_and_raw_option(tmp_path, monkeypatch):
    df = pd.DataFrame({"text": pd.Series(HOSTILE, dtype=object), "n": range(len(HOSTILE))})
    out = tmp_path / "a.csv"
    write_table(df, out)
    back = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert all(not str(v).startswith(("=", "+", "-", "@", "\t")) for v in back["text"])
    assert back["text"].tolist()[4] == "정상 텍스트" and back["n"].tolist() == list(range(6))
    monkeypatch.setenv("CONSULT_RAW_CSV", "1")
    write_table(df, out)
    assert pd.read_csv(out, encoding="utf-8-sig")["text"].tolist()[0] == HOSTILE[0]


def test_lone_surrogates_never_reach_a_writer(tmp_path):
    doc = Document(path="x.hwp", name="x", lines=("전문가 자문 회의록 (1)", "a\ud800b"))
    assert doc.lines[1] == "a\ufffdb"


def test_parse_cli_csv_of_hostile_minutes_is_inert(tmp_path):
    src = tmp_path / "m.txt"
    src.write_text("전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문입니까?\n"
                   "● =HYPERLINK(\"http://evil\",\"click\")\n● @SUM(1)\n", encoding="utf-8")
    out = tmp_path / "p.csv"
    res = CliRunner().invoke(main, ["parse", str(src), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    text = pd.read_csv(out, encoding="utf-8-sig")["text"].tolist()
    assert text == ["'=HYPERLINK(\"http://evil\",\"click\")", "'@SUM(1)"]


def test_report_pages_carry_no_control_characters(tmp_path):
    import warnings

    import consult

    src = tmp_path / "m.txt"
    src.write_text("전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문입니까?\n"
                   "● 위험한\x1b[31m 글자\x07와 \x01제어 문자\n"
                   "전문가 자문 회의록 (2)\n<LG에너지솔루션 관계자>\n1. 질문입니까?\n● 평범한 답변\n",
                   encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = consult.build_report(consult.analyze(consult.load(src), themes="none"))
    html = report.to_html(progress=False)
    md, _ = report.to_markdown(progress=False)
    for page in (html, md):
        assert not any(c in page for c in "\x1b\x07\x01") and "제어 문자" in page
