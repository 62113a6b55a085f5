"""Round trips as an analyst makes them: consult's export, recoded the way QualCoder, NVivo or
MAXQDA leave it (a code renamed, one deleted, new codes across areas, several codes on a point,
codings under the analyst's own name), read back into reports, comparisons and agreement.

The recoding imitates a QDA tool's export by editing ``project.qde`` (validated against the
REFI-QDA schema before it is read). ``scripts/qualcoder_roundtrip.py`` does it through
QualCoder's own import and export code; the last test runs it when ``CONSULT_QUALCODER_SRC``
(QualCoder's ``src`` folder) and ``CONSULT_QUALCODER_PYTHON`` (a Python with PyQt6, pymupdf,
Pillow and qtawesome) are set.
"""

from __future__ import annotations

import os
import subprocess
import uuid
import warnings
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd
import pytest
from click.testing import CliRunner

import consult
from consult.cli import main
from consult.export import write_qdpx
from consult.export.qdpx import ANALYST, NAMESPACE
from consult.qda import CodeThemes, read_codes
from consult.qda.agreement import MODEL_CODER

XSD = Path(__file__).parent / "fixtures" / "refi-qda" / "Project-mrt2019.xsd"
Q = f"{{{NAMESPACE}}}"
NS = {"q": NAMESPACE}
WHEN = "2024-05-01T09:30:00Z"

_DOC = """{area} 분야 전문가 인터뷰 결과

전문가 인터뷰 1
<{o1}>
1. 인력 현황에 대한 의견 부탁드립니다.
 → {p1}
 → {p2}
전문가 인터뷰 2
<{o2}>
1. 인력 현황에 대한 의견 부탁드립니다.
 → {p3}
 → {p4}
"""
#: two areas, an academic and an industry expert in each; "규제" in points of all four
DOCS = {
    "semi.txt": dict(area="반도체", o1="KAIST 전기및전자공학과 교수", o2="삼성전자 김OO 상무",
                     p1="컴파일러 인력이 부족하여 규제 완화와 대학의 장기 과정이 필요함",
                     p2="미들웨어 개발 필요",
                     p3="현장 인력 확보가 시급하며 기업 내 재교육 프로그램을 늘려야 함",
                     p4="수출 규제 대응 기술 개발이 필요함"),
    "battery.txt": dict(area="이차전지", o1="KAIST 신소재공학과 교수", o2="LG에너지솔루션 박OO 팀장",
                        p1="배터리 인력 양성을 위한 계약학과가 필요함",
                        p2="환경 규제에 맞춘 재활용 기술 개발",
                        p3="공정 인력의 처우 개선이 시급함",
                        p4="안전 규제 대응 기술 개발 인력이 부족함"),
}


@pytest.fixture(scope="module")
def minutes(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("two_areas")
    paths = []
    for name, fields in DOCS.items():
        (folder / name).write_text(_DOC.format(**fields), encoding="utf-8")
        paths.append(folder / name)
    return paths


def _validate(xml: bytes) -> None:
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    if not schema.validate(etree.fromstring(xml)):
        raise AssertionError(str(schema.error_log))


def _export(corpus, path: Path) -> Path:
    """consult's export with two themes: 0 on each expert's first point, 1 on the second."""
    pts = corpus.points
    assign = pd.DataFrame({"point_id": pts["point_id"], "theme_id": pts["point_no"].astype(int) - 1})
    themes = pd.DataFrame({"theme_id": [0, 1], "label": ["인력", "개발"]})
    return write_qdpx(corpus, path, themes=themes, assignments=assign, created=WHEN)


def _as_analyst(src: Path, dst: Path, *, rename: dict[str, str], delete: list[str],
                add: dict[str, list[str]], coder: str = "kim") -> bytes:
    """What a QDA tool exports after an analyst named ``coder`` renamed and deleted codes and
    coded each phrase of ``add`` wherever it occurs (a phrase inside a point)."""
    with zipfile.ZipFile(src) as z:
        files = {n: z.read(n) for n in z.namelist()}
    ET.register_namespace("", NAMESPACE)
    root = ET.fromstring(files["project.qde"])
    me = str(uuid.uuid4())
    ET.SubElement(root.find("q:Users", NS), Q + "User", {"guid": me, "name": coder})
    codes = {c.get("name"): c for c in root.iter(Q + "Code")}
    for old, new in rename.items():
        codes[old].set("name", new)
    dead = {codes[name].get("guid") for name in delete}
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == Q + "Code" and child.get("guid") in dead:
                parent.remove(child)
    for source in root.iter(Q + "TextSource"):
        for sel in source.findall("q:PlainTextSelection", NS):
            for coding in sel.findall("q:Coding", NS):
                if coding.find("q:CodeRef", NS).get("targetGUID") in dead:
                    sel.remove(coding)
            if not sel.findall("q:Coding", NS):
                source.remove(sel)
    book = root.find("q:CodeBook/q:Codes", NS)
    for code, phrases in add.items():
        cguid = str(uuid.uuid4())
        ET.SubElement(book, Q + "Code", {"guid": cguid, "name": code, "isCodable": "true"})
        for source in root.iter(Q + "TextSource"):
            text = files[f"sources/{source.get('guid')}.txt"].decode("utf-8")
            for phrase in phrases:
                start = text.find(phrase)
                while start >= 0:
                    sel = ET.SubElement(source, Q + "PlainTextSelection", {
                        "guid": str(uuid.uuid4()), "name": phrase, "startPosition": str(start),
                        "endPosition": str(start + len(phrase)), "creatingUser": me,
                        "creationDateTime": WHEN})
                    coding = ET.SubElement(sel, Q + "Coding", {
                        "guid": str(uuid.uuid4()), "creatingUser": me, "creationDateTime": WHEN})
                    ET.SubElement(coding, Q + "CodeRef", {"targetGUID": cguid})
                    start = text.find(phrase, start + 1)
    # the schema wants a source's selections before its variable values
    for source in root.iter(Q + "TextSource"):
        values = source.findall("q:VariableValue", NS)
        for v in values:
            source.remove(v)
            source.append(v)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    files["project.qde"] = xml
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return xml


@pytest.fixture(scope="module")
def coded(minutes, tmp_path_factory):
    """The corpus and its project as the analyst left it."""
    folder = tmp_path_factory.mktemp("coded")
    corpus = consult.load(minutes)
    xml = _as_analyst(_export(corpus, folder / "consult.qdpx"), folder / "coded.qdpx",
                      rename={"1. 개발": "개발·기술"}, delete=["0. 인력"],
                      add={"규제": ["규제"], "처우": ["처우"]})
    _validate(xml)
    return corpus, folder / "coded.qdpx"


def test_export_names_the_model_and_the_version(minutes, tmp_path):
    corpus = consult.load(minutes)
    with zipfile.ZipFile(_export(corpus, tmp_path / "p.qdpx")) as z:
        root = ET.fromstring(z.read("project.qde"))
    assert root.get("origin") == f"consult {consult.__version__}"
    users = [(u.get("guid"), u.get("name")) for u in root.find("q:Users", NS)]
    # QualCoder takes the first user's name as its coder name on import: a person's, not the model's
    assert [name for _, name in users] == [ANALYST, MODEL_CODER]
    model = users[1][0]
    codings = list(root.iter(Q + "Coding"))
    assert codings and {c.get("creatingUser") for c in codings} == {model}
    assert root.get("creatingUserGUID") == model
    codes = read_codes(tmp_path / "p.qdpx", corpus)
    assert set(codes["coder"]) == {MODEL_CODER}


def test_codes_read_back_renamed_deleted_and_several_per_point(coded):
    corpus, project = coded
    codes = read_codes(project, corpus)
    assert set(codes["code"]) == {"개발·기술", "규제", "처우"}  # "0. 인력" deleted, "1. 개발" renamed
    by_point = codes.groupby("point_id")["code"].agg(set)
    assert by_point["semi#T02.Q1.P2"] == {"개발·기술", "규제"}  # two codes on one point
    assert by_point["semi#T01.Q1.P1"] == {"규제"}
    assert set(codes.loc[codes["code"] == "규제", "coder"]) == {"kim"}
    assert set(codes.loc[codes["code"] == "개발·기술", "coder"]) == {MODEL_CODER}


def test_compare_counts_every_code_of_a_point(coded):
    corpus, project = coded
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = consult.analyze(corpus, codes=project, n_boot=50)
    prev = analysis.comparison.prevalence.set_index(["within", "theme_label"])
    # every expert of both areas said 규제; on the industry side it shares its point with
    # 개발·기술 (the question's one code would have been 개발·기술 there, and 규제 lost)
    for area in ("반도체", "이차전지"):
        assert prev.loc[(area, "규제"), ["k_a", "k_b"]].tolist() == [1, 1]
        assert prev.loc[(area, "개발·기술"), ["k_a", "k_b"]].tolist() == [1, 1]
        assert prev.loc[(area, "규제"), "share_b"] == 1.0
    assert prev.loc[("이차전지", "처우"), ["k_a", "k_b"]].tolist() == [0, 1]
    pairs = analysis.comparison.pairs
    assert any("규제" in t and "개발·기술" in t for t in pairs["theme_b"])


def test_report_with_codes_across_areas(coded, tmp_path):
    corpus, project = coded
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = consult.analyze(corpus, codes=project, n_boot=50)
    report = consult.build_report(analysis, progress=False)
    concerns = report.data["summary"]["concerns"]
    first = [c["label"] for c in concerns] + [f["label"] for c in concerns for f in c["facets"]]
    assert "규제" in first and "개발·기술" in first  # two areas, four experts each (or a facet)
    for c in report.data["summary"]["concerns"]:
        assert {"unstable", "stability", "residual", "facets", "more_facets"} <= set(c)
    html = report.to_html()
    assert "규제" in html and "0. 인력" not in html
    text, _ = report.to_markdown()
    assert "## 4. " in text and "규제" in text.split("## 4. ")[1]
    assert "분석자가 붙인 코드" in text.split("## 4. ")[1] and "분야별 세부 주제를" not in text


def test_report_concerns_of_a_model_without_a_concern_level(coded):
    """A question-level model (no ``concerns_``) whose themes cross areas: the first page's
    fallback entries carry every key the templates read."""
    corpus, project = coded
    themes = CodeThemes(read_codes(project, corpus), corpus)
    del themes.concerns_, themes.concern_assignments_
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = consult.analyze(corpus, themes=themes, n_boot=50)
    report = consult.build_report(analysis, progress=False)
    concerns = report.data["summary"]["concerns"]
    assert "개발·기술" in [c["label"] for c in concerns] and concerns[0]["unstable"] is False
    assert "규제" in report.to_html()


def test_cli_report_and_compare_with_codes(coded, minutes, tmp_path):
    corpus, project = coded
    runner = CliRunner()
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["report", *map(str, minutes), "--codes", str(project), "-q",
                                  "-o", str(out), "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 0, result.output
    assert "규제" in out.read_text(encoding="utf-8")
    prev = tmp_path / "prev.csv"
    result = runner.invoke(main, ["compare", *map(str, minutes), "--codes", str(project),
                                  "--level", "prevalence", "--n-boot", "50", "-q", "-o", str(prev)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(prev)
    assert set(table.loc[table["theme_label"] == "규제", "within"]) == {"반도체", "이차전지"}


def test_agree_on_consults_own_export_is_one(sample_path, tmp_path):
    """The model scored against its own export: every code of every point is exported (the
    model's point themes are multi-label), the refit is the same model, F1 is 1 — and the
    output says this measures nothing about people."""
    runner = CliRunner()
    project = tmp_path / "own.qdpx"
    result = runner.invoke(main, ["export", str(sample_path), "-q", "-o", str(project)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "agree.csv"
    result = runner.invoke(main, ["agree", str(sample_path), "--codes", str(project), "--n-boot", "0",
                                  "-q", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "no person's codes" in result.output
    table = pd.read_csv(out)
    assert len(table) > 10
    assert table["f1"].eq(1.0).all() and table["kappa"].eq(1.0).all(), table[table["f1"] < 1]


QUALCODER = os.environ.get("CONSULT_QUALCODER_SRC")
QUALCODER_PYTHON = os.environ.get("CONSULT_QUALCODER_PYTHON")


@pytest.mark.skipif(not (QUALCODER and QUALCODER_PYTHON),
                    reason="QualCoder's source and a Python with PyQt6 are not given")
def test_qualcoder_round_trip(sample_path, tmp_path):
    """consult's export → QualCoder's RefiImport → an analyst's codes → QualCoder's RefiExport
    → consult reads it, reports and compares with it."""
    runner = CliRunner()
    ours = tmp_path / "consult.qdpx"
    assert runner.invoke(main, ["export", str(sample_path), "-q", "-o", str(ours)]).exit_code == 0
    theirs = tmp_path / "qualcoder.qdpx"
    script = Path(__file__).resolve().parents[1] / "scripts" / "qualcoder_roundtrip.py"
    run = subprocess.run([QUALCODER_PYTHON, str(script), QUALCODER, str(ours), str(theirs)],
                         capture_output=True, text=True, timeout=600,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr[-2000:]
    assert "QualCoder's coder name after import: analyst" in run.stdout
    corpus = consult.load(sample_path)
    codes = read_codes(theirs, corpus)
    assert set(codes["coder"]) == {"analyst", MODEL_CODER} and codes.attrs.get("unmatched", 0) == 0
    mine = codes[codes["coder"] == "analyst"]
    text = corpus.points.set_index("point_id")["text"]
    phrases = ("규제", "제도 개선", "처우", "연봉")
    assert len(mine) > 10 and all(any(p in text[pid] for p in phrases) for pid in mine["point_id"])
    assert "세계 시장 (수정)" in set(codes["code"]) and not codes["code"].str.startswith("5. ").any()
    out = tmp_path / "r.md"
    result = runner.invoke(main, ["report", str(sample_path), "--codes", str(theirs), "-q", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "규제" in out.read_text(encoding="utf-8")
