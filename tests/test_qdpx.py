"""REFI-QDA export: schema-valid, exact spans, deterministic; and the presence table.

The project XML is validated against the published REFI-QDA project schema
(tests/fixtures/refi-qda/Project-mrt2019.xsd, MIT licence). QualCoder itself is not on PyPI,
so ``test_qualcoder_import_contract`` reads the file the way QualCoder's REFI-QDA importer
does (sources folder, ``internal://`` paths, UTF-8 text, required timestamps, code lookups).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree as ET

import pandas as pd
import pytest

from consult.errors import ConsultError
from consult.export import PRESENCE_COLUMNS, build_project, presence_table, write_qdpx
from consult.export.qdpx import NAMESPACE, transcript_sources
from consult.schema import POINT_COLUMNS, QUESTION_COLUMNS, TRANSCRIPT_COLUMNS

XSD = Path(__file__).parent / "fixtures" / "refi-qda" / "Project-mrt2019.xsd"
OFFICE = Path(__file__).parent / "fixtures" / "office"
NS = {"q": NAMESPACE}
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
WHEN = "2024-05-01T09:30:00Z"


# ------------------------------------------------------------------ a tiny in-memory corpus


def _corpus() -> SimpleNamespace:
    t_common = {"doc": "r", "report": "", "transcript_kind": "consultation", "year": 2023}
    transcripts = [
        {**t_common, "area": "이차전지", "transcript_id": "r#T01", "transcript_no": 1,
         "speaker": "KAIST 신소재공학과 교수", "organization": "KAIST", "role": "academic",
         "department": "신소재공학과", "role_evidence": "title:교수", "n_questions": 2, "n_points": 3,
         "page": 3, "line_start": 10, "line_end": 20},
        {**t_common, "area": "양자", "transcript_id": "r#T02", "transcript_no": 2,
         "speaker": "LG에너지솔루션 관계자", "organization": "LG에너지솔루션", "role": "industry",
         "department": "", "role_evidence": "title:관계자", "n_questions": 1, "n_points": 2,
         "page": 5, "line_start": 22, "line_end": 30},
    ]
    questions = [
        ("r#T01", "r#T01.Q1", 1, "1.", "(인력) 인력 양성 방안은?", 11),
        ("r#T01", "r#T01.Q2", 2, "2.", "협력의 애로는?", 15),
        ("r#T02", "r#T02.Q1", 1, "1.", "핵심 과제는? 🔋", 23),
    ]
    points = [
        ("r#T01.Q1", 1, "인력", "(인력) 석박사급 인력 부족\n- 장기 과제 확대"),
        ("r#T01.Q1", 2, "", "공용 장비 접근성"),
        ("r#T01.Q2", 1, "", "성과 시점 불일치 😅"),
        ("r#T02.Q1", 1, "TP기술", "(TP기술) 열전이 억제 기술"),
        ("r#T02.Q1", 2, "", "핵심 광물 & <공급망> \"확보\""),
    ]
    tdf = pd.DataFrame(transcripts)[TRANSCRIPT_COLUMNS]
    tkeys = tdf.set_index("transcript_id")
    qrows = []
    for tid, qid, no, label, text, line in questions:
        t = tkeys.loc[tid]
        qrows.append({**{k: t[k] for k in ("doc", "area", "report", "transcript_kind", "transcript_no",
                                           "speaker", "organization", "role")},
                      "transcript_id": tid, "question_id": qid, "question_no": no,
                      "question_label": label, "question_kind": "prompt", "question_topic": "",
                      "question": text, "question_line": line, "answer": "", "n_points": 0,
                      "page": t["page"], "line_start": line, "line_end": line + 3})
    qdf = pd.DataFrame(qrows)[QUESTION_COLUMNS]
    qkeys = qdf.set_index("question_id")
    prow = []
    for qid, no, label, text in points:
        q = qkeys.loc[qid]
        prow.append({**{k: q[k] for k in QUESTION_COLUMNS if k in POINT_COLUMNS and k != "question_id"},
                     "question_id": qid, "point_id": f"{qid}.P{no}", "point_no": no,
                     "point_label": label, "text": text, "page": q["page"],
                     "line_start": q["line_start"] + no, "line_end": q["line_start"] + no,
                     "role_evidence": "", "speaker_source": "transcript",
                     "year": 2023})
    pdf = pd.DataFrame(prow)[POINT_COLUMNS]
    return SimpleNamespace(transcripts=tdf, questions=qdf, points=pdf)


THEMES = pd.DataFrame({
    "theme_id": [0, 1, 2],
    "label": ["인력 양성", "안전 기술", "공급망"],
    "keywords": [["인력", "교육"], ["열전이", "안전"], ["광물"]],
})
POINT_ASSIGN = pd.DataFrame({
    "point_id": ["r#T01.Q1.P1", "r#T01.Q1.P1", "r#T02.Q1.P1", "r#T02.Q1.P2"],
    "theme_id": [0, 1, 1, 2],
})
QUESTION_ASSIGN = pd.DataFrame({
    "question_id": ["r#T01.Q1", "r#T01.Q2", "r#T02.Q1"],
    "theme_id": [0, 0, 1],
    "theme_label": ["인력 양성", "인력 양성", "안전 기술"],
    "score": [0.9, 0.5, 0.7],
})


@pytest.fixture(scope="module")
def schema():
    etree = pytest.importorskip("lxml.etree")
    return etree.XMLSchema(etree.parse(str(XSD)))


def _validate(schema, xml: bytes) -> None:
    from lxml import etree

    doc = etree.fromstring(xml)
    if not schema.validate(doc):
        raise AssertionError(str(schema.error_log))


def _check_structure(xml: bytes, files: dict[str, bytes]) -> ET.Element:
    """Everything we rely on beyond the schema: GUIDs, references, spans."""
    root = ET.fromstring(xml)
    guids = [el.get("guid") for el in root.iter() if el.get("guid") is not None]
    assert all(GUID.match(g) for g in guids)
    assert len(guids) == len(set(guids)), "GUIDs must be unique"
    codes = {c.get("guid") for c in root.iterfind(".//q:CodeBook//q:Code", NS)}
    sources = {s.get("guid") for s in root.iterfind(".//q:Sources/q:TextSource", NS)}
    variables = {v.get("guid") for v in root.iterfind(".//q:Variables/q:Variable", NS)}
    for ref in root.iterfind(".//q:CodeRef", NS):
        assert ref.get("targetGUID") in codes
    for ref in root.iterfind(".//q:SourceRef", NS):
        assert ref.get("targetGUID") in sources
    for ref in root.iterfind(".//q:MemberSource", NS):
        assert ref.get("targetGUID") in sources
    for ref in root.iterfind(".//q:VariableRef", NS):
        assert ref.get("targetGUID") in variables
    for ts in root.iterfind(".//q:Sources/q:TextSource", NS):
        path = ts.get("plainTextPath")
        assert path == f"internal://{ts.get('guid')}.txt"
        text = files[f"sources/{ts.get('guid')}.txt"].decode("utf-8")
        assert "\r" not in text
        for sel in ts.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            assert 0 <= start < end <= len(text)
            assert sel.get("creationDateTime")
            assert sel.findall("q:Coding", NS)
    return root


# ------------------------------------------------------------------ schema and structure


@pytest.mark.parametrize("level", ["point", "question", "transcript"])
@pytest.mark.parametrize("assign", ["point", "question"])
def test_project_is_schema_valid(schema, level, assign):
    assignments = POINT_ASSIGN if assign == "point" else QUESTION_ASSIGN
    xml, files = build_project(_corpus(), themes=THEMES, assignments=assignments,
                               question_codes=True, level=level, created=WHEN)
    _validate(schema, xml)
    _check_structure(xml, files)


def test_project_without_themes_is_valid(schema):
    xml, files = build_project(_corpus(), created=WHEN)
    _validate(schema, xml)
    root = _check_structure(xml, files)
    assert root.find("q:CodeBook", NS) is None
    assert len(root.findall(".//q:Cases/q:Case", NS)) == 2


def test_point_spans_are_exact():
    corpus = _corpus()
    xml, files = build_project(corpus, themes=THEMES, assignments=POINT_ASSIGN, created=WHEN)
    root = ET.fromstring(xml)
    text_of = {p: t for p, t in zip(corpus.points["point_id"], corpus.points["text"], strict=True)}
    seen = {}
    for ts in root.iterfind(".//q:TextSource", NS):
        text = files[f"sources/{ts.get('guid')}.txt"].decode("utf-8")
        for sel in ts.iterfind("q:PlainTextSelection", NS):
            pid = sel.find("q:Description", NS).text.split(" · ")[0]
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            assert text[start:end] == text_of[pid]  # code points, incl. astral emoji
            seen[pid] = len(sel.findall("q:Coding", NS))
    assert seen == {"r#T01.Q1.P1": 2, "r#T02.Q1.P1": 1, "r#T02.Q1.P2": 1}


def test_sources_hold_every_record():
    corpus = _corpus()
    sources = transcript_sources(corpus)
    assert list(sources) == ["r#T01", "r#T02"]
    st = sources["r#T01"]
    assert st.text.startswith("<KAIST 신소재공학과 교수>\n")
    for pid, (a, b) in st.point_spans.items():
        assert st.text[a:b] == corpus.points.set_index("point_id").loc[pid, "text"]
    a, b = st.question_spans["r#T01.Q1"]
    block = st.text[a:b]
    assert block.startswith("1. (인력) 인력 양성 방안은?") and block.endswith("● 공용 장비 접근성")


def test_question_assignments_code_every_point_of_the_question():
    xml, _ = build_project(_corpus(), themes=THEMES, assignments=QUESTION_ASSIGN, created=WHEN)
    root = ET.fromstring(xml)
    names = [s.find("q:Description", NS).text.split(" · ")[0]
             for s in root.iterfind(".//q:PlainTextSelection", NS)]
    assert names == ["r#T01.Q1.P1", "r#T01.Q1.P2", "r#T01.Q2.P1", "r#T02.Q1.P1", "r#T02.Q1.P2"]


def test_cases_carry_attributes():
    xml, _ = build_project(_corpus(), created=WHEN)
    root = ET.fromstring(xml)
    var_name = {v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variable", NS)}
    case = root.find(".//q:Cases/q:Case", NS)
    values = {}
    for vv in case.iterfind("q:VariableValue", NS):
        key = var_name[vv.find("q:VariableRef", NS).get("targetGUID")]
        values[key] = (vv.find("q:TextValue", NS) if vv.find("q:TextValue", NS) is not None
                       else vv.find("q:IntegerValue", NS)).text
    assert values["organization"] == "KAIST"
    assert values["role"] == "academic"
    assert values["area"] == "이차전지"
    assert values["n_points"] == "3"
    sets = {s.get("name") for s in root.iterfind(".//q:Sets/q:Set", NS)}
    assert sets == {"role: academic", "role: industry", "area: 이차전지", "area: 양자"}


def test_question_codes():
    xml, _ = build_project(_corpus(), question_codes=True, created=WHEN)
    root = ET.fromstring(xml)
    names = [c.get("name") for c in root.iterfind(".//q:CodeBook//q:Code", NS)]
    assert names == ["질문 번호 (question numbers)", "Q1", "Q2"]
    assert len(root.findall(".//q:PlainTextSelection", NS)) == 3


def test_bad_level_and_empty_corpus():
    with pytest.raises(ConsultError, match="level"):
        build_project(_corpus(), level="page")
    empty = _corpus()
    empty.transcripts = empty.transcripts.iloc[0:0]
    with pytest.raises(ConsultError, match="no transcripts"):
        build_project(empty)


# ------------------------------------------------------------------ the .qdpx file


def test_qdpx_zip_is_deterministic(tmp_path):
    a = write_qdpx(_corpus(), tmp_path / "a.qdpx", themes=THEMES, assignments=POINT_ASSIGN,
                   created=WHEN)
    b = write_qdpx(_corpus(), tmp_path / "b.qdpx", themes=THEMES, assignments=POINT_ASSIGN,
                   created=WHEN)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        names = z.namelist()
        assert names[0] == "project.qde"
        assert all(n.startswith("sources/") and n.endswith(".txt") for n in names[1:])
        assert len(names) == 3
        assert {i.date_time for i in z.infolist()} == {(2024, 5, 1, 9, 30, 0)}
        assert z.testzip() is None


def test_default_timestamp_is_stable(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = write_qdpx(_corpus(), tmp_path / "a.qdpx")
    b = write_qdpx(_corpus(), tmp_path / "b.qdpx")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert b'creationDateTime="2023-11-14T22:13:20Z"' in z.read("project.qde")


def test_missing_output_folder(tmp_path):
    with pytest.raises(ConsultError, match="output folder"):
        write_qdpx(_corpus(), tmp_path / "nope" / "p.qdpx")


def test_qualcoder_import_contract(tmp_path):
    """Read the project the way QualCoder's REFI-QDA importer does."""
    path = write_qdpx(_corpus(), tmp_path / "p.qdpx", themes=THEMES, assignments=POINT_ASSIGN,
                      question_codes=True, created=WHEN)
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(path) as z:
        z.extractall(folder)
    sources_name = "/sources" if "sources" in {p.name for p in folder.iterdir()} else "/Sources"
    root = ET.parse(folder / "project.qde").getroot()
    users = {u.get("guid"): u.get("name") for u in root.iterfind(".//q:Users/q:User", NS)}
    codes = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:CodeBook//q:Code", NS)}
    coded = 0
    for ts in root.iterfind(".//q:TextSource", NS):
        assert ts.get("creatingUser") in users and ts.get("creationDateTime")
        source_path = str(folder) + sources_name + ts.get("plainTextPath").split("internal:/")[1]
        with open(source_path, encoding="utf-8", errors="strict") as fh:
            fulltext = fh.read()
        for sel in ts.iterfind("q:PlainTextSelection", NS):
            pos0, pos1 = int(sel.get("startPosition")), int(sel.get("endPosition"))
            sel.get("creationDateTime").replace("T", " ").replace("Z", "")
            assert fulltext[pos0:pos1]
            for coding in sel.iterfind("q:Coding", NS):
                assert codes[list(coding)[0].get("targetGUID")]
                coded += 1
    assert coded == 4 + 3


# ------------------------------------------------------------------ presence


def test_presence_long_form():
    table = presence_table(_corpus(), POINT_ASSIGN, THEMES)
    assert list(table.columns) == PRESENCE_COLUMNS
    assert len(table) == 2 * 3  # every transcript × theme, zeros included
    got = {(r.transcript_id, r.theme_id): (r.n_questions, r.n_points, r.present)
           for r in table.itertuples()}
    assert got == {
        ("r#T01", "0"): (1, 1, 1), ("r#T01", "1"): (1, 1, 1), ("r#T01", "2"): (0, 0, 0),
        ("r#T02", "0"): (0, 0, 0), ("r#T02", "1"): (1, 1, 1), ("r#T02", "2"): (1, 1, 1),
    }
    assert table["theme_label"].tolist()[:3] == ["인력 양성", "안전 기술", "공급망"]


def test_presence_from_question_assignments_and_wide():
    table = presence_table(_corpus(), QUESTION_ASSIGN, THEMES)
    row = table[(table.transcript_id == "r#T01") & (table.theme_id == "0")].iloc[0]
    assert (row.n_questions, row.n_points, row.present) == (2, 3, 1)
    wide = presence_table(_corpus(), QUESTION_ASSIGN, THEMES, wide=True, value="n_points")
    assert list(wide.columns[-3:]) == ["0. 인력 양성", "1. 안전 기술", "2. 공급망"]
    assert wide["0. 인력 양성"].tolist() == [3, 0]
    assert wide["2. 공급망"].tolist() == [0, 0]


def test_presence_counts_questions_and_points_separately():
    # question level says T01.Q1 is theme 0; point level puts its first point in theme 1 too
    table = presence_table(_corpus(), QUESTION_ASSIGN, THEMES, point_assignments=POINT_ASSIGN)
    got = {(r.transcript_id, r.theme_id): (r.n_questions, r.n_points, r.present)
           for r in table.itertuples()}
    assert got[("r#T01", "0")] == (2, 1, 1)
    assert got[("r#T01", "1")] == (0, 1, 1)
    assert got[("r#T02", "2")] == (0, 1, 1)


def test_no_theme_is_not_a_code():
    assign = pd.DataFrame({"point_id": ["r#T01.Q1.P1", "r#T01.Q1.P2"], "theme_id": [-1, 0],
                           "theme_label": ["(no theme)", "인력 양성"]})
    xml, _ = build_project(_corpus(), assignments=assign, created=WHEN)
    root = ET.fromstring(xml)
    assert [c.get("name") for c in root.iterfind(".//q:CodeBook//q:Code", NS)] == [
        "주제 (themes)", "0. 인력 양성"]
    assert len(root.findall(".//q:PlainTextSelection", NS)) == 1
    table = presence_table(_corpus(), assign)
    assert set(table["theme_id"]) == {"0"}


def test_presence_needs_assignments():
    with pytest.raises(ConsultError, match="theme"):
        presence_table(_corpus(), pd.DataFrame({"x": [1]}))
    with pytest.raises(ConsultError, match="value"):
        presence_table(_corpus(), POINT_ASSIGN, value="share")


# ------------------------------------------------------------------ with the real parser


@pytest.mark.parametrize("name", ["minutes.txt", "minutes.docx", "minutes.hwpx"])
def test_office_minutes_to_qdpx(schema, name, tmp_path):
    import consult

    if name != "minutes.txt":
        pytest.importorskip("hwpx")
        pytest.importorskip("docx")
    corpus = consult.load(OFFICE / name)
    assign = pd.DataFrame({"question_id": corpus.questions["question_id"],
                           "theme_id": [i % 2 for i in range(len(corpus.questions))]})
    path = write_qdpx(corpus, tmp_path / "p.qdpx", assignments=assign, question_codes=True,
                      created=WHEN)
    with zipfile.ZipFile(path) as z:
        xml = z.read("project.qde")
        files = {n: z.read(n) for n in z.namelist() if n.startswith("sources/")}
    _validate(schema, xml)
    _check_structure(xml, files)
    assert len(files) == len(corpus.transcripts) == 3


# ------------------------------------------------------------------ consult export (CLI)


@pytest.fixture
def fake_themes(monkeypatch):
    """Stand-in for ThemeModel: question themes by question number parity."""
    import consult.export.tables as tables

    def fit(corpus, **params):
        q = corpus.questions
        themes = pd.DataFrame({"theme_id": [0, 1], "label": ["인력", "안전"],
                               "keywords": [["인력", "교육"], ["열전이"]]})
        assign = pd.DataFrame({"question_id": q["question_id"],
                               "theme_id": [int(n) % 2 for n in q["question_no"]],
                               "score": [0.5] * len(q)})
        return themes, assign, None

    monkeypatch.setattr(tables, "fit_themes", fit)


def _run(args):
    from click.testing import CliRunner

    from consult.cli import main

    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_cli_qdpx_from_hwpx(schema, tmp_path, fake_themes):
    pytest.importorskip("hwpx")
    out = tmp_path / "project.qdpx"
    result = _run(["export", str(OFFICE / "minutes.hwpx"), "--question-codes", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 3 transcripts, 2 themes (qdpx)" in result.output
    with zipfile.ZipFile(out) as z:
        xml = z.read("project.qde")
        files = {n: z.read(n) for n in z.namelist() if n.startswith("sources/")}
    _validate(schema, xml)
    root = _check_structure(xml, files)
    names = [c.get("name") for c in root.iterfind(".//q:CodeBook//q:Code", NS)]
    assert names[:3] == ["주제 (themes)", "0. 인력", "1. 안전"]
    assert "Q1" in names


def test_cli_presence(tmp_path, fake_themes):
    out = tmp_path / "presence.csv"
    result = _run(["export", str(OFFICE / "minutes.txt"), "--format", "presence", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert list(table.columns) == PRESENCE_COLUMNS
    assert len(table) == 3 * 2
    assert table["present"].tolist() == [1, 1] * 3  # each transcript has an odd and an even Q
    xlsx = tmp_path / "presence.xlsx"
    assert _run(["export", str(OFFICE / "minutes.txt"), "--format", "presence",
                 "-o", str(xlsx)]).exit_code == 0
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert set(sheets) == {"presence", "presence_wide", "points_wide"}
    assert list(sheets["presence_wide"].columns[-2:]) == ["0. 인력", "1. 안전"]


@pytest.mark.parametrize("level", ["point", "question", "transcript"])
def test_cli_tables_with_themes(tmp_path, fake_themes, level):
    out = tmp_path / f"{level}.parquet"
    result = _run(["export", str(OFFICE / "minutes.txt"), "--level", level, "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out)
    if level == "transcript":
        assert len(table) == 3 and {"0. 인력", "1. 안전"} <= set(table.columns)
    else:
        assert {"theme_id", "theme_label", "theme_score"} <= set(table.columns)
        assert table["theme_label"].isin(["인력", "안전"]).all()


def test_cli_xlsx_has_theme_sheets(tmp_path, fake_themes):
    out = tmp_path / "points.xlsx"
    assert _run(["export", str(OFFICE / "minutes.txt"), "-o", str(out)]).exit_code == 0
    assert set(pd.read_excel(out, sheet_name=None)) == {"points", "themes", "presence"}


def test_cli_no_themes_to_stdout():
    result = _run(["export", str(OFFICE / "minutes.txt"), "--no-themes", "--level", "transcript"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("doc,area,report,transcript_id")
    assert len(result.output.splitlines()) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--no-themes", "--format", "presence", "-o", "p.csv"], "needs themes"),
        (["--no-themes", "--format", "qdpx"], "must be written to a file"),
        (["--no-themes", "--format", "parquet", "-o", "x.csv"], "does not match"),
        (["--no-themes", "-o", "x.docx"], "cannot tell the format"),
    ],
)
def test_cli_usage_errors(tmp_path, args, message, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run(["export", str(OFFICE / "minutes.txt"), *args])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_locked_input(tmp_path):
    result = _run(["export", str(OFFICE / "locked.hwp"), "--no-themes", "-o",
                   str(tmp_path / "p.qdpx")])
    assert result.exit_code == 1
    assert "locked.hwp" in result.output and "password-protected" in result.output


# ------------------------------------------------------------------ with the real ThemeModel


def test_sample_report_with_theme_model(schema, sample_corpus, tmp_path):
    """The bundled sample, themed by the default ThemeModel, to a valid project + presence."""
    import consult.themes as themes_mod
    from consult.export import theme_tables

    model = themes_mod.ThemeModel(backend="sklearn", random_state=0).fit(sample_corpus)
    themes, q_assign, p_assign = theme_tables(model)
    assert q_assign is not None and p_assign is not None
    path = write_qdpx(sample_corpus, tmp_path / "sample.qdpx", themes=themes,
                      assignments=p_assign, question_codes=True, created=WHEN)
    with zipfile.ZipFile(path) as z:
        xml = z.read("project.qde")
        files = {n: z.read(n) for n in z.namelist() if n.startswith("sources/")}
    _validate(schema, xml)
    root = _check_structure(xml, files)
    assert len(root.findall(".//q:TextSource", NS)) == len(sample_corpus.transcripts)
    theme_codes = root.findall(".//q:CodeBook/q:Codes/q:Code[1]/q:Code", NS)
    assert len(theme_codes) == int((themes["theme_id"] >= 0).sum())
    n_codings = len(root.findall(".//q:PlainTextSelection/q:Coding", NS))
    n_points = int((p_assign["theme_id"] >= 0).sum())
    assert n_codings == n_points + len(sample_corpus.questions)  # themes + Q-number codes
    table = presence_table(sample_corpus, q_assign, themes, point_assignments=p_assign)
    assert len(table) == len(sample_corpus.transcripts) * len(theme_codes)
    assert table["n_points"].sum() == n_points
    assert table["n_questions"].sum() == int((q_assign["theme_id"] >= 0).sum())


def test_cli_too_small_for_themes_warns_and_exports(tmp_path):
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문?\n● 답\n", encoding="utf-8")
    out = tmp_path / "tiny.qdpx"
    result = _run(["export", str(tiny), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning: themes left out" in result.output and out.exists()  # analyze()'s one fallback
    result = _run(["export", str(tiny), "--format", "presence", "-o", str(tmp_path / "p.csv")])
    assert result.exit_code == 1


def test_source_variables_have_names_of_their_own():
    """QualCoder gives each attribute name one type: cases and sources must not share names."""
    xml, _ = build_project(_corpus(), created=WHEN)
    root = ET.fromstring(xml)
    var_name = {v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variable", NS)}
    case_names = {var_name[r.get("targetGUID")]
                  for r in root.iterfind(".//q:Cases/q:Case/q:VariableValue/q:VariableRef", NS)}
    source = root.find(".//q:Sources/q:TextSource", NS)
    source_values = {var_name[vv.find("q:VariableRef", NS).get("targetGUID")]: list(vv)[1].text
                     for vv in source.iterfind("q:VariableValue", NS)}
    assert case_names and not case_names & set(source_values)
    assert source_values["source_role"] == "academic" and source_values["source_n_points"] == "3"
    assert len(var_name) == len(set(var_name.values()))

