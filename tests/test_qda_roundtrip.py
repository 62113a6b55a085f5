"""Round trips: export → recode in project.qde (programmatically) → read_codes → compare.

The recoded project is validated against the REFI-QDA schema before it is read back; a
project "from another tool" (the minutes' own text, CRLF line ends, a BOM, re-wrapped points,
drifted offsets) is read too.
"""

from __future__ import annotations

import uuid
import warnings
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import numpy as np
import pandas as pd
import pytest

import consult
from consult.errors import ConsultError, ConsultWarning
from consult.export import write_qdpx
from consult.export.qdpx import NAMESPACE
from consult.qda import CODE_COLUMNS, read_codes
from consult.qda import project as qda_project
from consult.qda.agreement import MODEL_CODER

XSD = Path(__file__).parent / "fixtures" / "refi-qda" / "Project-mrt2019.xsd"
NS = {"q": NAMESPACE}
WHEN = "2024-05-01T09:30:00Z"
Q = f"{{{NAMESPACE}}}"

MINUTES = (
    "반도체\n전문가 자문 회의록 (1)\n<KAIST 전기및전자공학과 교수>\n"
    "1. 시스템 SW 인력 현황에 대한 의견 부탁드립니다.\n"
    "● 컴파일러 인력이 부족하여 교육기관과 대학의 장기 과정이 필요함\n"
    "● 미들웨어 개발 필요\n"
    "2. 추가 의견 부탁드립니다.\n● 생태계 조성 필요\n"
    "전문가 자문 회의록 (2)\n<삼성전자 관계자>\n"
    "1. 시스템 SW 인력 현황에 대한 의견 부탁드립니다.\n"
    "● 현장 인력 확보가 시급하며 기업 내 재교육 프로그램을 늘려야 함\n"
    "● 미들웨어 개발 필요\n"
)


@pytest.fixture(scope="module")
def tiny():
    return consult.Corpus.from_text(MINUTES, name="mini")


def _gid() -> str:
    return str(uuid.uuid4())


def _validate(xml: bytes) -> None:
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    if not schema.validate(etree.fromstring(xml)):
        raise AssertionError(str(schema.error_log))


def _export(corpus, path: Path) -> Path:
    pts = corpus.points
    assign = pd.DataFrame({"point_id": pts["point_id"], "theme_id": [i % 2 for i in range(len(pts))]})
    themes = pd.DataFrame({"theme_id": [0, 1], "label": ["인력", "개발"]})
    return write_qdpx(corpus, path, themes=themes, assignments=assign, created=WHEN)


def _recode(src: Path, dst: Path) -> bytes:
    """A second coder: drop the first coding, add a code '재교육' on a phrase inside a point."""
    with zipfile.ZipFile(src) as z:
        files = {n: z.read(n) for n in z.namelist()}
    ET.register_namespace("", NAMESPACE)
    root = ET.fromstring(files["project.qde"])
    users = root.find("q:Users", NS)
    rater = _gid()
    ET.SubElement(users, Q + "User", {"guid": rater, "name": "rater2"})
    codes = root.find("q:CodeBook/q:Codes", NS)
    new_code = _gid()
    ET.SubElement(codes, Q + "Code", {"guid": new_code, "name": "재교육", "isCodable": "true"})
    first_source = root.find(".//q:TextSource", NS)
    first_source.remove(first_source.find("q:PlainTextSelection", NS))
    for ts in root.iterfind(".//q:TextSource", NS):
        text = files[f"sources/{ts.get('guid')}.txt"].decode("utf-8")
        i = text.find("재교육 프로그램")
        if i < 0:
            continue
        sel = ET.Element(Q + "PlainTextSelection", {
            "guid": _gid(), "name": "재교육 프로그램", "startPosition": str(i),
            "endPosition": str(i + len("재교육 프로그램")), "creatingUser": rater,
            "creationDateTime": WHEN})
        coding = ET.SubElement(sel, Q + "Coding", {"guid": _gid(), "creatingUser": rater,
                                                   "creationDateTime": WHEN})
        ET.SubElement(coding, Q + "CodeRef", {"targetGUID": new_code})
        after = len(ts.findall("q:Description", NS)) + len(ts.findall("q:PlainTextSelection", NS))
        ts.insert(after, sel)
    files["project.qde"] = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return files["project.qde"]


def test_export_recode_read(tiny, tmp_path):
    exported = _export(tiny, tmp_path / "a.qdpx")
    before = read_codes(exported, tiny)
    assert list(before.columns) == CODE_COLUMNS
    assert len(before) == len(tiny.points) and before["coder"].eq(MODEL_CODER).all()
    xml = _recode(exported, tmp_path / "b.qdpx")
    _validate(xml)
    after = read_codes(tmp_path / "b.qdpx", tiny)
    assert len(after) == len(tiny.points)  # one coding dropped, one added
    added = after[after["code"] == "재교육"]
    assert added["coder"].tolist() == ["rater2"]
    assert added["point_id"].tolist() == ["mini#T02.Q1.P1"]
    assert "mini#T01.Q1.P1" not in set(after["point_id"])


def _foreign_project(selections: list[tuple[int, int, str, str]]) -> tuple[bytes, str]:
    """A minimal project as another tool writes it: one source, codes by name."""
    ET.register_namespace("", NAMESPACE)
    user, sguid = _gid(), _gid()
    root = ET.Element(Q + "Project", {"name": "other", "creatingUserGUID": user})
    ET.SubElement(ET.SubElement(root, Q + "Users"), Q + "User", {"guid": user, "name": "kim"})
    codes = ET.SubElement(ET.SubElement(root, Q + "CodeBook"), Q + "Codes")
    guids = {}
    for *_, code in selections:
        if code not in guids:
            guids[code] = _gid()
            ET.SubElement(codes, Q + "Code", {"guid": guids[code], "name": code, "isCodable": "true"})
    ts = ET.SubElement(ET.SubElement(root, Q + "Sources"), Q + "TextSource", {
        "guid": sguid, "name": "회의록", "plainTextPath": f"internal://{sguid}.txt"})
    for start, end, name, code in selections:
        sel = ET.SubElement(ts, Q + "PlainTextSelection", {
            "guid": _gid(), "name": name, "startPosition": str(start), "endPosition": str(end)})
        c = ET.SubElement(sel, Q + "Coding", {"guid": _gid(), "creatingUser": user})
        ET.SubElement(c, Q + "CodeRef", {"targetGUID": guids[code]})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True), sguid


def _zip(path: Path, xml: bytes, sguid: str, text: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", xml)
        z.writestr(f"sources/{sguid}.txt", text)
    return path


def test_foreign_tool_crlf_bom_rewrap_drift(tiny, tmp_path):
    # the minutes as the tool holds them: CRLF, a BOM, one point re-wrapped over two lines
    text = MINUTES.replace("교육기관과 대학의", "교육기관과\n  대학의").replace("\n", "\r\n")
    phrase = "재교육 프로그램"
    i = text.find(phrase)
    j = text.find("미들웨어")  # first occurrence: T01
    k = text.find("교육기관과")
    sels = [
        (i - text[:i].count("\r"), i - text[:i].count("\r") + len(phrase), phrase, "재교육"),  # \r\n as 1
        (j + 9, j + 9 + 9, "미들웨어 개발 필요", "개발"),                          # drifted by 9
        (k, k + 20, "", "교육"),                                            # across the wrap
    ]
    xml, sguid = _foreign_project(sels)
    path = _zip(tmp_path / "other.qdpx", xml, sguid, b"\xef\xbb\xbf" + text.encode("utf-8"))
    codes = read_codes(path, tiny)
    got = dict(zip(codes["code"], codes["point_id"], strict=True))
    assert got == {"재교육": "mini#T02.Q1.P1", "개발": "mini#T01.Q1.P2", "교육": "mini#T01.Q1.P1"}
    assert codes["coder"].eq("kim").all() and codes["source"].eq("회의록").all()


def test_unmatched_spans_warn(tiny, tmp_path):
    text = MINUTES
    i = text.find("<KAIST")
    xml, sguid = _foreign_project([(i, i + 10, "", "화자"),
                                        (text.find("생태계"), text.find("생태계") + 3, "", "x")])
    path = _zip(tmp_path / "o.qdpx", xml, sguid, text.encode("cp949"))
    with pytest.warns(ConsultWarning, match="1 coded span"):
        codes = read_codes(path, tiny)
    assert codes["point_id"].tolist() == ["mini#T01.Q2.P1"] and codes.attrs["unmatched"] == 1


def test_refuses_dtd_and_oversize(tiny, tmp_path, monkeypatch):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]>'
            b'<Project xmlns="urn:QDA-XML:project:1.0">&a;</Project>')
    bad = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("project.qde", bomb)
    with pytest.raises(ConsultError, match="DTD"):
        read_codes(bad, tiny)
    exported = _export(tiny, tmp_path / "a.qdpx")
    monkeypatch.setattr(qda_project, "MAX_SOURCE_BYTES", 10)
    with pytest.raises(ConsultError, match="large"):
        read_codes(exported, tiny)
    with pytest.raises(ConsultError, match="no such"):
        read_codes(tmp_path / "missing.qdpx", tiny)


def test_wrong_corpus_is_an_error(tiny, tmp_path):
    exported = _export(tiny, tmp_path / "a.qdpx")
    other = consult.Corpus.from_text("전문가 자문 회의록 (1)\n<LG 관계자>\n1. 질문?\n● 전혀 다른 답변 내용",
                                     name="other")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ConsultError, match="right corpus"):
            read_codes(exported, other)


def test_recoded_project_drives_compare_and_report(tmp_path):
    from click.testing import CliRunner

    from consult.cli import main

    minutes = tmp_path / "mini.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    corpus = consult.load(minutes)
    _recode(_export(corpus, tmp_path / "a.qdpx"), tmp_path / "b.qdpx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = consult.analyze(corpus, codes=tmp_path / "b.qdpx", n_boot=50)
    labels = set(analysis.themes.themes_["label"])
    assert labels == {"0. 인력", "1. 개발", "재교육"}
    assert analysis.comparison is not None and len(analysis.comparison.prevalence)
    pa = analysis.themes.point_assignments_
    assert pa.set_index("point_id").loc["mini#T02.Q1.P1", "theme_label"] in labels
    html = consult.build_report(analysis).to_html()
    assert "재교육" in html
    out = tmp_path / "prev.csv"
    result = CliRunner().invoke(main, ["compare", str(minutes), "--codes", str(tmp_path / "b.qdpx"),
                                       "--level", "prevalence", "--n-boot", "50", "-q", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(out)) > 0


def test_kappa_matches_sklearn_and_agreement_table():
    from sklearn.metrics import cohen_kappa_score

    from consult.qda import agreement, cohen_kappa
    from consult.qda.themes import CodeThemes

    rng = np.random.default_rng(1)
    for _ in range(20):
        a = rng.random(60) < 0.3
        b = np.where(rng.random(60) < 0.8, a, rng.random(60) < 0.5)
        assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    corpus = consult.Corpus.from_text(MINUTES, name="mini")
    pids = corpus.points["point_id"].tolist()
    model_codes = pd.DataFrame({"point_id": pids, "code": ["A", "A", "B", "B", "A"],
                                "coder": "m"})
    model = CodeThemes(model_codes, corpus)
    human = pd.DataFrame({"point_id": pids[:3] + pids[:2], "code": ["x", "x", "y", "x", "y"],
                          "coder": ["kim", "kim", "kim", "lee", "lee"]})
    table = agreement(model, human, corpus=corpus, n_boot=200)
    x = table.set_index("code").loc["x"]
    h = np.isin(pids, pids[:2] + pids[:1])
    m = np.isin(pids, [pids[0], pids[1], pids[4]])
    assert x["theme_label"] == "A" and x["tp"] == 2 and x["fp"] == 1
    assert x["kappa"] == pytest.approx(cohen_kappa_score(h, m))
    assert x["kappa_low"] <= x["kappa"] <= x["kappa_high"]
    assert x["human_kappa"] == pytest.approx(cohen_kappa_score(np.isin(pids, pids[:2]),
                                                               np.isin(pids, pids[:1])))
    asym = agreement(model, human, corpus=corpus, n_boot=0).set_index("code").loc["x"]
    assert asym["ci_method"] == "asymptotic" and asym["kappa_low"] < asym["kappa"]


def test_cli_agree(tmp_path):
    from click.testing import CliRunner

    from consult.cli import main

    minutes = tmp_path / "mini.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    corpus = consult.load(minutes)
    _recode(_export(corpus, tmp_path / "a.qdpx"), tmp_path / "b.qdpx")
    out = tmp_path / "agreement.csv"
    result = CliRunner().invoke(main, ["agree", str(minutes), "--codes", str(tmp_path / "b.qdpx"),
                                       "--n-boot", "50", "-q", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert table["code"].tolist() == ["재교육"]  # consult's own codings are the model's
