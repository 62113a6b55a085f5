"""Offline and safe: no network, document text escaped, no eval/pickle, no paths from content.

* With every socket connection and name lookup made to fail, the whole default pipeline runs
  on the sample: ``consult.load`` → ``ThemeModel`` → ``compare`` → HTML and Markdown reports,
  and the ``parse``/``themes``/``compare``/``report`` commands.
* The sample carries hostile text (``<script>``, an ``<img onerror>`` in a speaker label,
  Markdown/HTML specials): reports show it escaped, never as markup.
* The package source calls no ``eval``/``exec``/``compile``/``__import__``, imports no
  ``pickle``/``marshal``/``shelve``/``dill``/``joblib``/``cloudpickle`` and no network module,
  and never reads pickles (``read_pickle``, ``allow_pickle=True``) or runs a shell.
* Document text that starts with ``=`` stays text in ``.xlsx`` output, never a formula.
* Output paths come from the user's options only: documents whose text and names look like
  paths create no file anywhere but where the user asked.
"""

from __future__ import annotations

import ast
import socket
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import consult
from consult.cli import main

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "consult"

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
HOSTILE_SPEAKER = f"<KAIST {IMG} 신소재공학과 교수>"




# ------------------------------------------------------------------------------ no network
class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Every outgoing connection and DNS lookup raises (and is recorded)."""
    attempts: list[str] = []

    def refuse(what):
        def _refuse(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkUsed(f"network access attempted: {what}")
        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


def test_the_socket_block_works(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80), timeout=1)
    no_network.clear()


@pytest.fixture(scope="module")
def hostile_sample(tmp_path_factory, sample_path) -> Path:
    """The sample with hostile text in a speaker label, a point and a question."""
    text = sample_path.read_text(encoding="utf-8")
    text = text.replace("<KAIST 신소재공학과 교수>", HOSTILE_SPEAKER, 1)
    first_point = text.index("\n●", text.index(HOSTILE_SPEAKER)) + 1
    text = text[:first_point] + f"● {SCRIPT} [링크](javascript:alert(3)) | 표 *강조* \n" + text[first_point:]
    first_q = text.index("\n1.", text.index(HOSTILE_SPEAKER)) + 1
    text = text[:first_q] + text[first_q:].replace("1.", f"1. {SCRIPT}", 1)
    path = tmp_path_factory.mktemp("hostile") / "hostile_sample.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_text_is_parsed_as_text(hostile_sample):
    corpus = consult.load(hostile_sample)
    assert HOSTILE_SPEAKER[1:-1] in set(corpus.transcripts["speaker"])
    assert corpus.points["text"].str.contains(SCRIPT, regex=False).any()
    assert corpus.questions["question"].str.contains(SCRIPT, regex=False).any()


def test_pipeline_runs_offline_and_reports_escape_text(no_network, hostile_sample, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = consult.load(hostile_sample)
        from consult.themes import ThemeModel

        model = ThemeModel(random_state=0).fit(corpus)
        assert len(model.assignments_) == len(corpus.questions)
        from consult.comparison import compare

        comparison = compare(corpus, themes=model, n_boot=100, random_state=0)
        assert len(comparison.tables()) > 0
        from consult.report import build_report

        report = build_report(corpus, model, comparison)
        html_path = report.write(tmp_path / "r.html")
        md_path = report.write(tmp_path / "r.md")
    html = html_path.read_text(encoding="utf-8")
    md = md_path.read_text(encoding="utf-8")
    for out in (html, md):
        assert SCRIPT not in out and "<script>alert" not in out
        assert "<img src=x" not in out  # (the escaped attribute text is harmless)
    assert "[링크](javascript:" not in md  # no live Markdown link (harmless text in HTML)
    # the hostile speaker label is shown (escaped), so escaping was really exercised
    assert "&lt;img src=x onerror=" in html
    assert "&lt;img src=x onerror=" in md
    # the report's own markup holds no script at all (and loads nothing from the network)
    assert "<script" not in html.lower()
    for attr in ('src="http', "src='http", 'href="http', "url(http", "@import"):
        assert attr not in html, attr


def test_commands_run_offline(no_network, sample_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "points.csv"
    res = runner.invoke(main, ["parse", str(sample_path), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    jobs = {
        "themes": ["themes", str(sample_path), "-o", str(tmp_path / "themes.csv")],
        "compare": ["compare", str(sample_path), "--n-boot", "50", "-o", str(tmp_path / "cmp.xlsx")],
        "report": ["report", str(sample_path), "-o", str(tmp_path / "report.html")],
    }
    for name, args in jobs.items():
        res = runner.invoke(main, args)
        assert res.exit_code == 0, (name, res.stderr[-2000:], res.exception)
        assert Path(args[args.index("-o") + 1]).stat().st_size > 0


# ------------------------------------------------------------------------------ spreadsheets
def test_xlsx_never_turns_document_text_into_formulas(tmp_path):
    import openpyxl

    text = "전문가 자문 회의록 (1)\n<KAIST 교수>\n1. 질문?\n● =HYPERLINK(\"http://x.invalid\",\"클릭\")\n"
    corpus = consult.Corpus.from_text(text, name="formula")
    out, many = tmp_path / "p.xlsx", tmp_path / "all.xlsx"
    consult.write_table(corpus.points, out)
    consult.write_tables({"points": corpus.points, "questions": corpus.questions}, many)
    for path in (out, many):
        for ws in openpyxl.load_workbook(path).worksheets:
            cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
            assert "f" not in {c.data_type for c in cells}, path.name
            assert any(str(c.value).startswith("=HYPERLINK") for c in cells)


# ------------------------------------------------------------------------------ source scan
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
FORBIDDEN_MODULES = {
    "pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "joblib", "cloudpickle",
    "socket", "urllib", "http", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
    "telnetlib", "xmlrpc", "webbrowser",
}
FORBIDDEN_ATTRS = {"read_pickle", "to_pickle", "system", "popen", "load_module"}


def _violations(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in FORBIDDEN_CALLS:
                found.append(f"{where}: {f.id}()")
            if isinstance(f, ast.Attribute) and f.attr in FORBIDDEN_ATTRS:
                found.append(f"{where}: .{f.attr}()")
            if isinstance(f, ast.Attribute) and f.attr == "load" and isinstance(f.value, ast.Name) \
                    and f.value.id in ("yaml", "pickle", "marshal", "dill", "joblib"):
                found.append(f"{where}: {f.value.id}.load()")
            for kw in node.keywords:
                if kw.arg in ("allow_pickle", "shell") and isinstance(kw.value, ast.Constant) \
                        and kw.value.value is True:
                    found.append(f"{where}: {kw.arg}=True")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FORBIDDEN_MODULES:
                    found.append(f"{where}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] in FORBIDDEN_MODULES:
                found.append(f"{where}: from {node.module} import …")
    return found


def test_package_has_no_eval_pickle_shell_or_network_code():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    found = [v for f in files for v in _violations(f)]
    assert not found, "\n".join(found)


def test_the_source_scan_catches_what_it_should(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import pickle\nfrom urllib.request import urlopen\nimport pandas as pd\n"
        "eval('1')\npd.read_pickle('x')\nimport numpy as np\nnp.load('x', allow_pickle=True)\n"
        "import subprocess\nsubprocess.run('ls', shell=True)\n",
        encoding="utf-8",
    )
    hits = _violations(probe, root=tmp_path)
    assert len(hits) == 6, hits


# ------------------------------------------------------------------------------ output paths
def _snapshot(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_output_paths_never_come_from_document_content(tmp_path, sample_path):
    """Documents named and filled like paths: files appear only where the options say."""
    work = tmp_path / "work"
    inputs = work / "in"
    (inputs / "sub").mkdir(parents=True)
    evil = (
        "../../escaped.csv\n/tmp/consult-evil.txt\n전문가 자문 회의록 (1)\n<../../../etc/passwd 관계자>\n"
        "1. ../../x.parquet 질문?\n● (..\\..\\win.csv) 답변 /dev/null\n● $(touch pwned) `rm -rf` ; | &\n"
    )
    (inputs / "..evil name;$(x).txt").write_text(evil, encoding="utf-8")
    (inputs / "sub" / "-o evil.txt").write_text(evil, encoding="utf-8")
    (inputs / "sample.txt").write_bytes(sample_path.read_bytes())
    out = work / "out"
    out.mkdir()
    before_root = _snapshot(tmp_path)
    runner = CliRunner()
    for fmt in ("csv", "parquet", "json", "xlsx"):
        res = runner.invoke(main, ["parse", str(inputs), "-o", str(out / f"all.{fmt}")])
        assert res.exit_code == 0, res.stderr
    res = runner.invoke(main, ["parse", str(inputs / "..evil name;$(x).txt"), "-o", str(out / "one.csv")])
    assert res.exit_code == 0, res.stderr
    created = _snapshot(tmp_path) - before_root
    want = {f"work/out/all.{fmt}" for fmt in ("csv", "parquet", "json", "xlsx")} | {"work/out/one.csv"}
    assert created == want, created - want
    assert not Path("/tmp/consult-evil.txt").exists()
    corpus = consult.load(inputs / "..evil name;$(x).txt")
    assert corpus.transcripts["speaker"].tolist() == ["../../../etc/passwd 관계자"]
    assert corpus.transcripts["transcript_id"].tolist() == ["..evil name;$(x)#T01"]

    from consult.report import write_report  # the report writes only where asked too

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before = _snapshot(tmp_path)
        write_report(consult.load(inputs), out / "r.md")
        created = _snapshot(tmp_path) - before
    assert created and all(c == "work/out/r.md" or c.startswith("work/out/r_files") for c in created), created
