"""Hostile files, round 3 (issue 25): coded projects, PDFs with odd text, file names, user TOML,
every output, the font cache. Each case of ``tests/fixtures/hostile/make_hostile.py`` ends in
its expected outcome — read, or one line naming the file — quickly, in bounded memory, without
a traceback, and without touching an earlier output."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import consult
from consult.cli import main as cli
from consult.errors import ConsultError, InputLimitError, OutputError, UsageError

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "hostile"))
import make_hostile as H  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.filterwarnings("ignore::consult.errors.ConsultWarning")


#: ``consult`` in a child that reports its own peak memory (VmHWM) as it exits
_CHILD = (
    "import atexit, sys\n"
    "def _peak():\n"
    "    try:\n"
    "        with open('/proc/self/status') as fh:\n"
    "            kb = next(int(ln.split()[1]) for ln in fh if ln.startswith('VmHWM:'))\n"
    "        sys.stderr.write(f'consult-peak-kb: {kb}\\n')\n"
    "    except (OSError, StopIteration):\n"
    "        pass\n"
    "atexit.register(_peak)\n"
    "from consult.cli import main\n"
    "main()\n"
)


def child(args: list[str], cwd: Path, *, fsize: int | None = None, timeout: float = 120,
          user: str | None = None) -> tuple[int, str, float, float]:
    """``consult ARGS`` in a child process: exit status, stderr, seconds, peak MB (its own
    ru_maxrss). ``fsize`` caps the size of files it may write (a full disk); ``user`` runs it
    as that user (``setpriv``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "CONSULT_CACHE_DIR": str(cwd / ".cache")}
    cmd = [sys.executable, "-c", _CHILD, *args]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    if fsize is not None:
        if shutil.which("prlimit") is None:
            pytest.skip("needs prlimit (util-linux)")
        cmd = ["prlimit", f"--fsize={fsize}", *cmd]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stderr.read()), daemon=True)
    reader.start()  # a pipe, not a file: a file-size cap must not cut the messages
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    reader.join(10)
    text = b"".join(chunks).decode("utf-8", "surrogateescape")
    peak = re.search(r"^consult-peak-kb: (\d+)$", text, re.M)
    text = re.sub(r"^consult-peak-kb: \d+\n?", "", text, flags=re.M)
    # the child's own high-water mark: its ru_maxrss would also count this (large) test
    # process, whose peak Linux charges to a child at its exec, forked or spawned
    kb = int(peak.group(1)) if peak else usage.ru_maxrss
    return os.waitstatus_to_exitcode(status), text, time.perf_counter() - t0, kb / 1024


def one_line_error(text: str, path: Path | str) -> str:
    assert "Traceback" not in text, text[-2000:]
    lines = [ln for ln in text.splitlines() if ln.startswith("consult: error:")]
    assert len(lines) == 1, text[-2000:]
    assert str(Path(path).name) in lines[0]
    return lines[0]


# ------------------------------------------------------------------------------ coded projects
@pytest.fixture(scope="module")
def qda_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("qda")


@pytest.fixture(scope="module")
def qda_corpora(qda_folder):
    out = {}
    for name, minutes in (("qda", H.QDA_MINUTES), ("many", H.MANY_POINTS)):
        path = qda_folder / f"{name}.txt"
        path.write_text(minutes, encoding="utf-8")
        out[name] = consult.load(path)
    return out


#: cases whose reading is checked in a child process for its peak memory (the big ones)
_HEAVY = {"source_20mb", "source_shared_member", "selections_whole", "codes_nested_long",
          "codes_many", "qde_utf16_entities", "source_inline_big"}


@pytest.mark.parametrize("name", sorted(set(H.QDPX_CASES) - _HEAVY))
def test_each_qdpx_case_reads_or_fails_in_one_line(qda_folder, qda_corpora, name):
    path, _ = H.write_qdpx_case(name, qda_folder)
    corpus = qda_corpora["many" if H.QDPX_CASES[name][3] is H.MANY_POINTS else "qda"]
    t0 = time.perf_counter()
    if H.QDPX_CASES[name][2] == H.OUTCOME_ERROR:
        with pytest.raises(ConsultError) as info:
            consult.read_codes(path, corpus)
        message = str(info.value)
        assert "\n" not in message and message.startswith(str(path)), message
    else:
        codes = consult.read_codes(path, corpus)
        assert len(codes) >= 1 and set(codes["point_id"]) <= set(corpus.points["point_id"])
    assert time.perf_counter() - t0 < 10


@pytest.mark.parametrize("name", sorted(_HEAVY))
def test_big_qdpx_cases_stay_small(qda_folder, name):
    """In a child: ``consult compare --codes`` ends as expected with a peak under 1 GB."""
    path, minutes = H.write_qdpx_case(name, qda_folder)
    rc, err, took, peak = child(["compare", str(minutes), "--codes", str(path), "--level",
                                 "prevalence", "--n-boot", "10", "-o", str(qda_folder / "o.csv"), "-q"],
                                qda_folder)
    assert "Traceback" not in err
    if H.QDPX_CASES[name][2] == H.OUTCOME_ERROR:
        assert rc == 1
        one_line_error(err, path)
    else:
        assert rc == 0, err[-2000:]
    assert peak < 1000, f"{name}: {peak:.0f} MB"
    assert took < 60


def test_dtd_is_refused_in_any_encoding(qda_folder, qda_corpora):
    from consult.qda.project import open_project

    for name in ("qde_utf16_entities", "qde_utf16_nobom_dtd", "qde_external_dtd"):
        path, _ = H.write_qdpx_case(name, qda_folder)
        with pytest.raises(ConsultError, match="DTD"):
            with open_project(path):
                pass
    # the same refusal for a bare project.qde in UTF-32 and in a declared single-byte encoding
    bomb = H._project("", "", prolog=H._laughs())
    for data in (bomb.encode("utf-32"), bomb.replace("utf-8", "iso-8859-1").encode("latin-1"),
                 bomb.replace("utf-8", "UTF-7").encode("utf-7")):
        bare = qda_folder / "bare.qde"
        bare.write_bytes(data)
        with pytest.raises(ConsultError, match="DTD"):
            consult.read_codes(bare, qda_corpora["qda"])


def test_codes_limits_and_shortened_paths(qda_folder, qda_corpora, monkeypatch):
    import consult.limits as limits

    path, _ = H.write_qdpx_case("codes_long_names", qda_folder)
    with pytest.warns(consult.errors.ConsultWarning, match="shortened"):
        codes = consult.read_codes(path, qda_corpora["qda"])
    assert codes["code_path"].str.len().max() <= limits.MAX_CODE_PATH
    assert codes["code"].str.len().max() <= limits.MAX_CODE_PATH
    monkeypatch.setattr(limits, "MAX_CODE_ROWS", 2)
    good, _ = H.write_qdpx_case("qdpx_good", qda_folder)
    with pytest.raises(InputLimitError, match="CONSULT_MAX_CODE_ROWS"):
        consult.read_codes(good, qda_corpora["qda"])


def test_each_member_is_read_once(qda_folder, qda_corpora, monkeypatch):
    from consult.qda import locate, project

    reads, norms = [], []
    real_read, real_norm = project._read_member, locate.normalize
    monkeypatch.setattr(project, "_read_member", lambda *a: reads.append(a[1].filename) or real_read(*a))
    monkeypatch.setattr(locate, "normalize", lambda t: norms.append(len(t)) or real_norm(t))
    body = H.QDA_MINUTES
    sels = H._point_sels(body, ["C1"])
    xml = H._project(H._code("C1", "인력"),
                     "".join(H._source(f"S{i}", f"s{i}", "A.txt" if i % 2 else "B.txt", sels) for i in range(6)))
    path = qda_folder / "shared.qdpx"
    path.write_bytes(H._qdpx(xml, {"A.txt": body.encode(), "B.txt": body.encode("utf-16")}))
    codes = consult.read_codes(path, qda_corpora["qda"])
    assert sorted(reads) == ["sources/A.txt", "sources/B.txt"]
    assert len([n for n in norms if n > 100]) == 2  # each text normalized once
    assert codes["source"].nunique() == 6  # rows in the sources' own order, every source
    assert codes["source"].tolist() == sorted(codes["source"].tolist(), key=lambda s: int(s[1:]))


def test_normalize_is_arrays_not_objects():
    from consult.qda.locate import normalize

    text = "가 나\r\n다 ＡＢ ㈜ Σx " * 1000
    norm, where = normalize(text)
    assert where.dtype.itemsize == 4 and len(norm) == len(where)
    assert norm.startswith("가나다ab(주)σx")
    assert [text[i] for i in where[:8]] == ["가", "나", "다", "Ａ", "Ｂ", "㈜", "㈜", "㈜"]


def test_code_names_never_reach_matplotlib_as_mathtext(qda_folder, qda_corpora, tmp_path):
    path, _ = H.write_qdpx_case("codes_mathtext", qda_folder)
    analysis = consult.analyze(qda_corpora["qda"], codes=path, n_boot=10)
    out = consult.build_report(analysis).write(tmp_path / "r.md", progress=False)
    assert "foo" in out.read_text(encoding="utf-8")  # the code's name, as Markdown escapes it
    assert len(list((tmp_path / "r_files").glob("*.png"))) >= 2


# ------------------------------------------------------------------------------ labels
def test_labels_are_plain_text_and_dollar_shows():
    import pandas as pd

    from consult.plots import figure_png, plot_overview

    t = pd.DataFrame({"area": ["$\\foo$대학교", "$ 10M … $ 40M"], "role": ["academic", "industry"],
                      "transcript_id": ["d#T1", "d#T2"]})
    fig = plot_overview(t)
    from matplotlib.text import Text

    assert all(not x.get_parse_math() for x in fig.findobj(Text))
    assert figure_png(fig).startswith(b"\x89PNG")


def test_report_by_organization_with_dollars(tmp_path):
    minutes = tmp_path / "m.txt"
    minutes.write_text(H.QDA_MINUTES.replace("KAIST", "$\\foo$대학교"), encoding="utf-8")
    res = CliRunner().invoke(cli, ["report", str(minutes), "--by", "organization", "--backend", "none",
                                   "-o", str(tmp_path / "r.md"), "-q"])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output


# ------------------------------------------------------------------------------ PDFs
@pytest.fixture(scope="module")
def pdf_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    for name in H.CASES:
        if name.startswith("pdf_"):
            H.write_case(name, folder)
    return folder


@pytest.mark.parametrize(("name", "message"), [
    ("pdf_ref_cycle", "cycle"), ("pdf_root_self", "cycle"),
    ("pdf_xobject_fanout", "CONSULT_MAX_PDF_EXPANSION"), ("pdf_array_fanout", "CONSULT_MAX_PDF_EXPANSION"),
    ("pdf_long_line", "CONSULT_MAX_PDF_PAGE_OBJECTS"), ("pdf_many_pages", "CONSULT_MAX_PDF_PAGES"),
    ("pdf_no_unicode", "OCR"), ("pdf_private_use", "OCR"), ("pdf_nul_glyphs", "OCR"),
])
def test_hostile_pdfs_end_in_time_proportional_to_the_file(pdf_folder, name, message):
    path = pdf_folder / H.CASES[name][0]
    t0 = time.perf_counter()
    with pytest.raises(ConsultError, match=message) as info:
        consult.load(path)
    assert "\n" not in str(info.value) and str(info.value).startswith(str(path))
    assert time.perf_counter() - t0 < 5  # a few KB: seconds, not the 300 s timer


def test_pdf_page_without_unicode_is_left_out_with_a_warning(pdf_folder):
    doc = consult.ingest.read_document(pdf_folder / "pdf_one_page_unmapped.pdf")
    assert any(w.startswith("page 2: no readable text") for w in doc.warnings)
    assert set(doc.pages) == {1} and not any("(cid:" in ln for ln in doc.lines)
    assert len(consult.load(pdf_folder / "pdf_one_page_unmapped.pdf").points) == 3


def test_pdf_guard_is_undone_and_cycle_safe_outside_reads(pdf_folder):
    from pdfminer.pdftypes import PDFObjRef

    before = PDFObjRef.resolve
    with pytest.raises(ConsultError):
        consult.load(pdf_folder / "pdf_ref_cycle.pdf")
    assert PDFObjRef.resolve is before
    assert consult.load(Path(ROOT, "tests/fixtures/variants/battery_pdf.pdf")).points.shape[0] > 0


def test_unmapped_share():
    from consult.ingest.pdf import unmapped_share

    assert unmapped_share("(cid:1)(cid:22) 가\x00\ue000") == (4, 5)
    assert unmapped_share("보통의 글 ●") == (0, 5)


# ------------------------------------------------------------------------------ file names
def test_a_folder_of_odd_file_names_parses_whole_and_prints_them_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    H.write_name_cases(folder)
    out = tmp_path / "p.csv"
    rc, err, _took, _peak = child(["parse", str(folder), "-o", str(out), "-q"], tmp_path)
    assert rc == 0, err
    assert "Traceback" not in err and "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    text = out.read_text(encoding="utf-8-sig")
    assert text.count("#T01.Q1.P1") == len(H.NAME_CASES)
    assert "ȸ\\xc0Ƿ\\xcf_2023#T01" in text  # the CP949 bytes that are not UTF-8, escaped
    assert "\\x1b]0;pwned" in err  # the OSC sequence shown, not sent
    assert "as CP949 it reads '회의록_2023.txt'" in err


def test_one_undecodable_name_alone(tmp_path):
    [path] = [p for p in H.write_name_cases(tmp_path) if "2023" in repr(p)][:1] or [None]
    corpus = consult.load(path)
    assert corpus.points["doc"].iloc[0] == "ȸ\\xc0Ƿ\\xcf_2023" and corpus.failures.empty
    assert not any(0xDC80 <= ord(c) <= 0xDCFF for c in corpus.documents["path"].iloc[0])


# ------------------------------------------------------------------------------ user TOML
@pytest.fixture(scope="module")
def toml_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("toml")
    (folder / "m.txt").write_text(H.QDA_MINUTES, encoding="utf-8")
    for name in H.TOML_CASES:
        H.write_toml_case(name, folder)
    return folder



@pytest.mark.parametrize("name", sorted(H.TOML_CASES))
def test_each_toml_case(toml_folder, name):
    filename, option, _text, outcome = H.TOML_CASES[name]
    path = toml_folder / filename
    command = H.TOML_COMMANDS[option]
    if outcome == H.OUTCOME_PARSED and command == "themes":  # accepted: the loader, not a fit
        from consult.themes.codebook import load_codebook
        from consult.themes.seeds import load_seed_themes
        from consult.themes.synonyms import load_synonyms

        {"--codebook": load_codebook, "--seed-themes": load_seed_themes,
         "--synonyms": load_synonyms}[option](path)
        return
    args = [command, str(toml_folder / "m.txt"), option, str(path)]
    if command != "inspect":
        args += ["-o", str(toml_folder / "out.csv"), "-q"]
    t0 = time.perf_counter()
    res = CliRunner().invoke(cli, args)
    assert time.perf_counter() - t0 < 10
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    if outcome == H.OUTCOME_ERROR:
        assert res.exit_code == 1
        line = one_line_error(res.output, path)
        assert option in line
    else:
        assert res.exit_code == 0, res.output


def test_toml_errors_name_the_key(tmp_path):
    from consult.usertoml import AREAS, CODEBOOK, load_toml

    p = tmp_path / "a.toml"
    p.write_text('[areas."로봇"]\naliases = ["로봇", 7]\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r'areas\."로봇"\.aliases\[1\]: expected a string, got an integer \(7\)'):
        load_toml(p, AREAS)
    p.write_text("[[merge]]\nlabels = ['x']\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"merge\[0\]\.labels: expected a list of at least 2"):
        load_toml(p, CODEBOOK)
    p.write_bytes(b"\xef\xbb\xbf[areas.x]\naliases = ['y']\n")
    assert load_toml(p, AREAS) == {"areas": {"x": {"aliases": ["y"]}}}
    p.write_bytes(b"x = '\xff'\n")
    with pytest.raises(UsageError, match="not UTF-8 text .* line 1"):
        load_toml(p, AREAS)


# ------------------------------------------------------------------------------ outputs
@pytest.fixture()
def minutes(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text(H.QDA_MINUTES, encoding="utf-8")
    return path


_WRITERS = [
    ["parse", "{m}", "-o", "{out}.csv"],
    ["kwic", "인력", "{m}", "-o", "{out}.html"],
    ["kwic", "없는말", "{m}", "-o", "{out}.html"],
    ["cooccur", "{m}", "--min-count", "1", "-o", "{out}.png"],
    ["browse", "{m}", "--no-themes", "-o", "{out}.html"],
]


@pytest.mark.parametrize("argv", _WRITERS, ids=lambda a: f"{a[0]}-{a[-1].rsplit('.', 1)[-1]}")
def test_outputs_replace_a_symlink_never_its_target(tmp_path, minutes, argv):
    out = tmp_path / "out"
    suffix = argv[-1].rsplit(".", 1)[-1]
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = Path(f"{out}.{suffix}")
    link.symlink_to(victim)
    args = [a.format(m=minutes, out=out) for a in argv] + ["-q"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not link.is_symlink() and link.stat().st_size > 0
    assert not list(tmp_path.glob(".*part*"))


def test_evidence_browser_and_markdown_charts_beside_a_report(tmp_path, minutes):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / "r_evidence.html").symlink_to(victim)
    res = CliRunner().invoke(cli, ["report", str(minutes), "--backend", "none", "--browser",
                                   "-o", str(tmp_path / "r.html"), "-q"])
    assert res.exit_code == 0, res.output
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "r_evidence.html").is_symlink()
    (tmp_path / "r2_files").symlink_to(tmp_path)
    res = CliRunner().invoke(cli, ["report", str(minutes), "--backend", "none", "-o", str(tmp_path / "r2.md")])
    assert res.exit_code == 1 and "chart folder" in res.output


@pytest.mark.parametrize("argv", [
    ["parse", "{m}", "-o", "{dir}"],
    ["report", "{m}", "-o", "{dir}.html"],
    ["kwic", "인력", "{m}", "-o", "{fifo}"],
    ["themes", "{m}", "-o", "{missing}/x.csv"],
    ["compare", "{m}", "-o", "{dir}.csv"],
    ["export", "{m}", "-o", "{dir}.qdpx"],
    ["report", "{m}", "-o", "{out}.html", "-o", "{out}.html"],
])
def test_output_paths_are_checked_before_any_work(tmp_path, minutes, argv, monkeypatch):
    import consult.corpus as corpus_module

    for d in ("d", "d.html", "d.csv", "d.qdpx"):
        (tmp_path / d).mkdir()
    os.mkfifo(tmp_path / "f.csv")
    monkeypatch.setattr(corpus_module, "load", lambda *a, **k: pytest.fail("work before the check"))
    args = [a.format(m=minutes, dir=tmp_path / "d", fifo=tmp_path / "f.csv", missing=tmp_path / "no",
                     out=tmp_path / "o") for a in argv]
    res = CliRunner().invoke(cli, args)
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)
    if res.exit_code == 2:  # click's own check of a dir_okay=False option: a usage error
        assert "is a directory" in res.output
    else:
        assert res.exit_code == 1, res.output
        assert res.output.count("consult: error:") == 1


def test_read_only_folder_is_one_line_before_any_work(tmp_path, minutes):
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: run the command as nobody
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to drop root")
        for p in (tmp_path, minutes):
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        rc, err, took, _ = child(["parse", str(minutes), "-o", str(folder / "p.csv")], tmp_path,
                                 user="65534")
        if "consult: error" not in err:
            pytest.skip(f"nobody cannot run this interpreter here: {err.strip()[-120:]}")
    else:
        os.chmod(folder, 0o555)
        rc, err, took, _ = child(["parse", str(minutes), "-o", str(folder / "p.csv")], tmp_path)
    assert rc == 1
    assert "cannot write in the output's folder" in one_line_error(err, folder)
    assert took < 10


def test_full_disk_keeps_the_old_output(tmp_path, minutes):
    for argv, out in ((["parse", str(minutes), "-o"], "p.csv"),
                      (["report", str(minutes), "--backend", "none", "-o"], "r.html"),
                      (["kwic", "인력", str(minutes), "-o"], "k.html")):
        target = tmp_path / out
        target.write_text("old output", encoding="utf-8")
        rc, err, _took, _peak = child([*argv, str(target), "-q"], tmp_path, fsize=300)
        assert rc == 1, err
        line = one_line_error(err, target)
        assert "File too large" in line or "No space" in line
        assert target.read_text(encoding="utf-8") == "old output"
        assert not list(tmp_path.glob(".*part*"))


def test_stale_part_files_of_this_user_are_cleaned(tmp_path, minutes):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".p.{dead}.part.csv"
    stale.write_text("half", encoding="utf-8")
    stale2 = tmp_path / f".p.{dead}.abc123.part.csv"
    stale2.write_text("half", encoding="utf-8")
    live = tmp_path / f".p.{os.getpid()}.xyz.part.csv"  # this very process: alive
    live.write_text("mine", encoding="utf-8")
    other = tmp_path / f".q.{dead}.part.csv"  # another output's: not ours to judge
    other.write_text("half", encoding="utf-8")
    res = CliRunner().invoke(cli, ["parse", str(minutes), "-o", str(tmp_path / "p.csv")])
    assert res.exit_code == 0, res.output
    assert not stale.exists() and not stale2.exists() and live.exists() and other.exists()


def test_atomic_output_errors_are_one_line_and_keep_the_old_file(tmp_path, monkeypatch):
    from consult import output as cio

    target = tmp_path / "t.csv"
    target.write_text("old", encoding="utf-8")

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device"):
        with cio.atomic_output(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            full()
    assert target.read_text(encoding="utf-8") == "old" and sorted(os.listdir(tmp_path)) == ["t.csv"]
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(UsageError, match="cannot write in the output's folder"):
        cio.check_output(target)


def test_a_title_that_is_not_utf8(tmp_path, minutes):
    out = tmp_path / "b.html"
    out.write_text("old", encoding="utf-8")
    title = os.fsdecode(b"\xff\xfe \xed\x95\x9c")  # surrogates, as Python gives a non-UTF-8 argv
    res = CliRunner().invoke(cli, ["browse", str(minutes), "--no-themes", "--title", title,
                                   "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    assert "<title>\ufffd\ufffd 한</title>" in out.read_text(encoding="utf-8")


def test_kwic_without_a_hit(tmp_path, minutes):
    res = CliRunner().invoke(cli, ["kwic", "없는말", str(minutes), "-o", str(tmp_path / "k.html")])
    assert res.exit_code == 0, res.output
    assert "no hit of '없는말'" in res.output
    assert "찾은 곳 없음" in (tmp_path / "k.html").read_text(encoding="utf-8")   # Korean by default


# ------------------------------------------------------------------------------ the browser
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("fragment", ["#%", "#%E0%A4%A", "#%ED%95%9C", "#abc%zz", "#T01.Q1.P1"])
def test_browser_script_survives_any_address(tmp_path, fragment):
    """browser.js in node with a minimal DOM: it reaches ``ready`` with any ``#…`` address."""
    script = (ROOT / "consult" / "explore" / "assets" / "browser.js").read_text(encoding="utf-8")
    data = {"points": [{"id": "d#T01.Q1.P1", "doc": "d", "area": "a", "role": "academic",
                        "speaker": "s", "org": "", "q": 0, "text": "t", "line": 1, "themes": []}],
            "questions": ["q"], "areas": [["*", "all"]], "roles": [["*", "all"]],
            "themes": [["*", "all"]], "findings": [], "areaNames": {}, "roleNames": {}, "themeNames": {},
            "ui": {"count": "{hits} / {total}", "first": " ({n})"}}
    harness = textwrap.dedent("""
        function el(id) { return { id: id, value: "*", hidden: false, dataset: {}, textContent: "",
          appendChild() {}, replaceChildren() {}, addEventListener() {} }; }
        const els = {}; const data = %s;
        global.document = {
          getElementById(id) { if (id === "consult-data") return { textContent: JSON.stringify(data) };
                               return els[id] || (els[id] = el(id)); },
          createElement(tag) { return el(tag); }, createDocumentFragment() { return el("frag"); },
          querySelectorAll() { return []; }, body: { dataset: {} } };
        global.location = { hash: %s };
        els.q = el("q"); els.q.value = "";
        %s
        if (document.body.dataset.ready !== "1") { console.error("not ready"); process.exit(1); }
        console.log(JSON.stringify(els.q.value));
    """) % (json.dumps(data), json.dumps(fragment), script)
    run = subprocess.run(["node", "-e", harness], capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout.strip())
    assert shown in (fragment[1:], {"#%ED%95%9C": "한"}.get(fragment, fragment[1:]))


# ------------------------------------------------------------------------------ the font cache
@pytest.fixture()
def font_cache(tmp_path, monkeypatch):
    from consult import fontembed

    monkeypatch.setenv("CONSULT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fontembed, "_CACHE", {})
    if not fontembed.font_face_css("가나"):
        pytest.skip("no NanumGothic/fontTools here")
    monkeypatch.setattr(fontembed, "_CACHE", {})
    return tmp_path / "cache" / "fonts"


def test_font_cache_is_private_checksummed_and_cleared(font_cache, monkeypatch):
    from consult import fontembed

    [entry] = list(font_cache.iterdir())
    assert stat.S_IMODE(font_cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    good = fontembed.font_face_css("가나")
    assert good.startswith("@font-face")
    # planted markup, a non-ASCII entry: discarded with a warning, made again, never pasted
    for planted in (b'consult-blob-1\t0\nAAAA);}</style><h1>forged</h1><form action="http://x">',
                    "가나다".encode(), b"\xff\xfe\x00"):
        entry.write_bytes(planted)
        monkeypatch.setattr(fontembed, "_CACHE", {})
        with pytest.warns(consult.errors.ConsultWarning, match="damaged"):
            css = fontembed.font_face_css("가나")
        assert css.startswith("@font-face") and len(css) > 1000 and "<" not in css  # made again
    # cleared by `consult cache clear`, counted by `consult cache info`
    info = CliRunner().invoke(cli, ["cache", "info"])
    assert "files: 1" in info.output
    CliRunner().invoke(cli, ["cache", "clear"])
    assert not font_cache.exists()


def test_the_font_subset_is_the_same_bytes_on_any_day(font_cache, monkeypatch):
    """A subset made now and one made "later" (another clock, no cache, no SOURCE_DATE_EPOCH)
    are the same bytes: a report made again is byte-identical (fontTools would stamp "now")."""
    import time as clock

    from consult import fontembed

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = fontembed._subset(["가", "나"])
    monkeypatch.setattr(clock, "time", lambda: 2_000_000_000.0)
    assert fontembed._subset(["가", "나"]) == first


def test_font_cache_owned_by_someone_else_or_a_symlink_is_not_used(font_cache, monkeypatch, tmp_path):
    from consult import fontembed

    shutil.rmtree(font_cache)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    font_cache.symlink_to(elsewhere)
    monkeypatch.setattr(fontembed, "_CACHE", {})
    with pytest.warns(consult.errors.ConsultWarning, match="not used"):
        assert fontembed.font_face_css("가나").startswith("@font-face")
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
    if os.geteuid() == 0:
        font_cache.unlink()
        font_cache.mkdir(mode=0o700)
        os.chown(font_cache, 65534, 65534)
        monkeypatch.setattr(fontembed, "_CACHE", {})
        with pytest.warns(consult.errors.ConsultWarning, match="another user"):
            fontembed.font_face_css("가나")
        assert list(font_cache.iterdir()) == []


def test_no_traceback_text_in_any_hostile_message(qda_folder, qda_corpora):
    """Every error above is one line: no 'Traceback', no raw control character."""
    for name in H.QDPX_CASES:
        if H.QDPX_CASES[name][2] != H.OUTCOME_ERROR or name in _HEAVY:
            continue
        path, _ = H.write_qdpx_case(name, qda_folder)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                consult.read_codes(path, qda_corpora["qda"])
            except ConsultError as exc:
                assert not re.search(r"[\x00-\x1f]", str(exc)), str(exc)
