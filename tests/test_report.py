"""The report: HTML (self-contained, escaped, linked), Markdown, Excel; headless Chromium check."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from consult.display import anchor, comparison_html, corpus_html, frame_html, themes_html
from consult.errors import ConsultError
from consult.report import build_report, write_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "kaist_2023_annual_report.txt"
EVIL = "<script>alert('x')</script> & <b>bold</b>"

KEYS = ["doc", "area", "report", "transcript_id", "transcript_kind", "transcript_no", "speaker",
        "organization", "role"]


def _corpus() -> SimpleNamespace:
    """Six experts in two areas (one area with a single industry expert), one forum talk."""
    specs = [
        ("반도체", "academic", "KAIST 전기및전자공학과 교수"),
        ("반도체", "academic", "KAIST 반도체시스템공학과 교수"),
        ("반도체", "industry", "엔비디아 관계자"),
        ("이차전지", "academic", "KAIST 신소재공학과 교수"),
        ("이차전지", "industry", "LG에너지솔루션 관계자"),
        ("이차전지", "industry", EVIL),
        ("", "industry", "KT 관계자"),
    ]
    t_rows, q_rows, p_rows = [], [], []
    line = 10
    for i, (area, role, speaker) in enumerate(specs, 1):
        tid = f"demo#T{i:02d}"
        keys = dict(doc="demo", area=area, report="", transcript_id=tid,
                    transcript_kind="forum" if not area else "consultation", transcript_no=i,
                    speaker=speaker, organization=speaker.split()[0], role=role)
        n_pts = 0
        for qn in (1, 2):
            qid = f"{tid}.Q{qn}"
            qtext = ["시스템 SW 인재 확보 방안에 대해 의견 부탁드립니다.", "안전성 강화를 위한 기술은?"][qn - 1]
            pts = [
                f"시스템 SW 컴파일러 인력 부족 {i}" if qn == 1 else f"TP 열전이 안전 기술 확보 필요 {i}",
                EVIL if (i == 6 and qn == 2) else f"산학 협력 강화 필요 {i}-{qn}",
            ]
            qkeys = dict(question_id=qid, question_no=qn, question_label=f"{qn}.", question_kind="prompt",
                         question_topic="", question=qtext, question_line=line)
            for pn, text in enumerate(pts, 1):
                p_rows.append({**keys, **qkeys, "point_id": f"{qid}.P{pn}", "point_no": pn, "point_label": "",
                               "text": text, "page": None, "line_start": line + pn, "line_end": line + pn})
            q_rows.append({**keys, **qkeys, "answer": "\n".join(pts), "n_points": len(pts), "page": None,
                           "line_start": line, "line_end": line + 3})
            n_pts += len(pts)
            line += 5
        t_rows.append({**keys, "department": "", "role_evidence": "title", "n_questions": 2,
                       "n_points": n_pts, "page": None, "line_start": line - 10, "line_end": line})
    summaries = pd.DataFrame([
        dict(doc="demo", area="반도체", table_no=1, row_no=1, question_topic="시스템 SW 인재",
             opinion="컴파일러 등 시스템 SW 인력 부족", page=None, line_start=2, line_end=4),
        dict(doc="demo", area="이차전지", table_no=2, row_no=1, question_topic="안전성 강화",
             opinion="TP 열전이 안전 기술 " + EVIL, page=None, line_start=5, line_end=6),
    ])
    return SimpleNamespace(
        transcripts=pd.DataFrame(t_rows), questions=pd.DataFrame(q_rows), points=pd.DataFrame(p_rows),
        summaries=summaries,
    )


def _themes(corpus) -> SimpleNamespace:
    q = corpus.questions
    assign = pd.DataFrame({
        "transcript_id": q["transcript_id"], "question_id": q["question_id"], "question_no": q["question_no"],
        "question_line": q["question_line"], "theme_id": q["question_no"] - 1,
        "theme_label": q["question_no"].map({1: "시스템 SW 인재 부족", 2: "TP 안전 기술"}), "score": 0.9,
    })
    themes = pd.DataFrame({
        "theme_id": [0, 1], "label": ["시스템 SW 인재 부족", "TP 안전 기술"],
        "keywords": [["시스템 SW", "컴파일러", "인력"], ["TP", "열전이", "안전"]], "size": [7, 7],
        "areas": [{"반도체": 3}, {"이차전지": 3}], "roles": [{}, {}],
        "quotes": [["demo#T01.Q1.P1", "demo#T03.Q1.P1"], [{"point_id": "demo#T06.Q2.P2", "text": EVIL}]],
    })
    return SimpleNamespace(themes_=themes, assignments_=assign, backend="sklearn", random_state=0)


def _comparison() -> SimpleNamespace:
    blocks = ["반도체", "이차전지", "(all)"]
    gs = pd.DataFrame([
        dict(within=w, group=g, n_transcripts=n, n_questions=2 * n, n_tokens=10 * n, small_sample=n < 2,
             speakers="")
        for w, ns in zip(blocks, [(2, 1), (1, 2), (3, 4)], strict=True) for g, n in zip(("academic", "industry"), ns, strict=True)
    ])
    terms = pd.DataFrame([
        dict(within=w, term=t, z=z, count_a=ca, count_b=cb, freq_a=0.1, freq_b=0.1, group_a="academic",
             group_b="industry")
        for w in blocks for t, z, ca, cb in [("컴파일러", 2.5, 6, 0), ("인재", 1.2, 3, 1), ("<script>", -2.1, 0, 5)]
    ])
    prev = pd.DataFrame([
        dict(within=w, theme_id=k, share_a=sa, share_b=sb, diff=sa - sb, ci_low=sa - sb - 0.4,
             ci_high=sa - sb + 0.4, theme_label=lab, n_a=2, n_b=1, k_a=1, k_b=1, group_a="academic",
             group_b="industry")
        for w in blocks for k, lab, sa, sb in [(0, "시스템 SW 인재 부족", 1.0, 0.5), (1, "TP 안전 기술", 0.5, 1.0)]
    ])
    pairs = pd.DataFrame([dict(
        within="반도체", area="반도체", question_group=1, question="시스템 SW 인재 확보 방안?",
        group_a="academic", group_b="industry", similarity=1.0, transcript_id_a="demo#T01",
        speaker_a="KAIST 전기및전자공학과 교수", question_id_a="demo#T01.Q1", answer_a="인력 부족",
        transcript_id_b="demo#T03", speaker_b="엔비디아 관계자", question_id_b="demo#T03.Q1", answer_b=EVIL,
        question_b="시스템 SW 인재 확보 방안?", theme_a="시스템 SW 인재 부족", theme_b="시스템 SW 인재 부족")])
    return SimpleNamespace(by="role", groups=("academic", "industry"), within="area",
                           comparisons=(("academic", "industry"),), groups_summary=gs, terms=terms,
                           prevalence=prev, pairs=pairs, params={})


@pytest.fixture(scope="module")
def report():
    corpus = _corpus()
    return build_report(corpus, _themes(corpus), _comparison(), title="데모 <보고서>", progress=False)


@pytest.fixture(scope="module")
def html(report) -> str:
    return report.to_html(progress=False)


def test_html_is_self_contained(html):
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html and not re.search(r"url\((?!data:)", html)
    assert "Content-Security-Policy" in html
    assert "data:image/png;base64," in html


def test_document_text_is_escaped(html):
    assert "&lt;script&gt;alert(" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "데모 &lt;보고서&gt;" in html


def test_every_internal_link_has_a_target(html, report):
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    hrefs = set(re.findall(r'href="#([^"]*)"', html))
    assert hrefs and hrefs <= ids, sorted(hrefs - ids)[:10]
    corpus = _corpus()
    for rid in list(corpus.points["point_id"]) + list(corpus.questions["question_id"]) + list(corpus.transcripts["transcript_id"]):
        assert anchor(rid) in ids


KO_HEADINGS = ("1. 개요", "2. 반복되는 주제", "3. 분야별 학계·산업계 비교", "4. 여러 분야에 걸친 주제",
               "5. 보고서 저자의 요약표", "6. 원문 기록", "이 보고서를 읽는 법")
EN_HEADINGS = ("1. Overview", "2. Recurring themes", "3. academia vs industry, per area",
               "4. Themes across areas", "5. The authors' summary tables", "6. Records",
               "How to read this report")


def test_sections_and_small_n(html):
    assert '<html lang="ko">' in html
    for heading in KO_HEADINGS:
        assert heading in html
    assert "산업계 n=1" in html  # 반도체 has one industry expert
    assert "표본 적음" in html
    # quotes carry speaker, role, area and the record id
    assert re.search(r"KAIST 전기및전자공학과 교수 · 학계 · 반도체 · l\. \d+ · <a href=\"#r-demo_T01.Q1.P1\">", html)
    # the authors' summary row sits next to the matching question
    assert "컴파일러 등 시스템 SW 인력 부족" in html


def test_markdown(report, tmp_path):
    path = report.write(tmp_path / "rep.md", progress=False)
    text = path.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert images and all((tmp_path / i).is_file() for i in images)
    assert all(i.startswith("rep_files/") for i in images)
    assert "<script" not in text and "&lt;script&gt;" in text
    for heading in ("## 1. 개요", "## 2. 반복되는 주제", "## 4. 여러 분야에 걸친 주제", "## 6. 원문 기록"):
        assert heading in text
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links <= anchors, sorted(links - anchors)[:10]


_HEADING = re.compile(r"<h[1-4][^>]*>(.*?)</h[1-4]>", re.S)


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in _HEADING.findall(html)]


def test_english_with_lang_en(report):
    corpus = _corpus()
    en = build_report(corpus, _themes(corpus), _comparison(), title="데모", progress=False, lang="en")
    html = en.to_html(progress=False)
    assert '<html lang="en">' in html and en.lang == "en"
    for heading in EN_HEADINGS:
        assert heading in html
    for heading in KO_HEADINGS:
        assert heading not in html
    assert "small n: read as individual views" in html
    text, _ = en.to_markdown()
    assert "## 1. Overview" in text and "## 6. Records" in text
    # the minutes' own words are not translated
    assert "시스템 SW 인재 부족" in html and "반도체" in html


def test_korean_has_no_english_headings(html, report):
    """Every heading, caption, badge and table header of the default report is Korean."""
    from markupsafe import escape

    html = html.replace(str(escape(EVIL)), "")  # a speaker's name is document text
    words = re.compile(r"\b(?!(?:SW|TP|KAIST|KT|LG|n|k|z|id|theme_id|sklearn|consult)\b)[A-Za-z]{3,}\b")
    for heading in _headings(html):
        assert not words.search(heading.replace("(academic)", "").replace("(industry)", "")), heading
    for piece in re.findall(r"<(?:th|caption|figcaption|summary|span class=\"badge[^\"]*\")[^>]*>(.*?)</", html):
        assert not words.search(re.sub(r"<[^>]+>", "", piece)), piece
    text, _ = report.to_markdown()
    for line in text.splitlines():
        if line.startswith("#") and "script" not in line:  # (the hostile speaker's record)
            assert not words.search(re.sub(r"\]\(#[^)]*\)", "]", line)), line  # not link targets
    for english in ("How to read", "Overview", "Records", "Recurring themes", "small n", "keywords"):
        assert english not in html


def test_catalogue_covers_every_message():
    """Each ``_("…")`` of the templates and each ``tr("…")`` / ``t("…")`` of the report's code
    has its Korean."""
    from consult.report.i18n import KO

    root = ROOT / "consult" / "report"
    sources = [root / "templates" / "report.html.j2", root / "templates" / "report.md.j2",
               *sorted(f for f in root.glob("*.py") if f.name != "i18n.py")]  # every module
    call = re.compile(r"""\b(?:_|tr|rec\.t|self\.t|t)\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)""")
    missing = []
    for src in sources:
        for m in call.finditer(src.read_text(encoding="utf-8")):
            message = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))).replace('\\"', '"')
            if message and message not in KO:
                missing.append(f"{src.name}: {message}")
    assert not missing, missing


def test_unknown_lang():
    with pytest.raises(ConsultError, match="lang"):
        build_report(_corpus(), False, False, progress=False, lang="fr")


def test_theme_numbers_are_theme_ids(html, report):
    """The report names a theme by the theme_id the workbook and Python use."""
    assert "주제 0</span> 시스템 SW 인재 부족" in html and "주제 1</span> TP 안전 기술" in html
    cross = report.data["cross"]
    assert sorted(r[0] for r in cross.rows) == [0, 1] and cross.columns[0] == "번호"
    themes = report.tables()["themes"]
    assert set(themes["theme_id"]) == {0, 1}


def test_forum_block_is_named_once(report, tmp_path):
    """Records without an area are 포럼·기타 in the report and in the workbook."""
    from consult.comparison import NO_VALUE
    from consult.labels import NO_AREA

    assert NO_VALUE == NO_AREA == "포럼·기타"
    path = report.write(tmp_path / "rep.xlsx")
    transcripts = pd.read_excel(path, sheet_name="회의록")
    assert (transcripts["분야"] == NO_AREA).sum() == 1  # the one forum talk
    assert transcripts["분야"].notna().all()


def test_excel(report, tmp_path):
    from openpyxl import load_workbook

    path = report.write(tmp_path / "rep.xlsx")
    sheets = load_workbook(path, read_only=True).sheetnames
    for name in ("회의록", "질문", "답변 항목", "주제", "특징어", "주제 비중", "같은 질문 답변", "차트"):
        assert name in sheets
    themes = pd.read_excel(path, sheet_name="주제")
    assert themes.loc[0, "핵심어"] == "시스템 SW; 컴파일러; 인력"
    corpus = _corpus()
    en = build_report(corpus, _themes(corpus), _comparison(), progress=False, lang="en")
    path = en.write(tmp_path / "rep_en.xlsx")
    sheets = load_workbook(path, read_only=True).sheetnames
    for name in ("transcripts", "questions", "points", "themes", "terms", "prevalence", "pairs", "charts"):
        assert name in sheets
    assert "consensus" not in sheets and "divergence" not in sheets  # findings say that
    themes = pd.read_excel(path, sheet_name="themes")
    assert themes.loc[0, "keywords"] == "시스템 SW; 컴파일러; 인력"


def test_html_size_and_write(report, tmp_path):
    path = write_report(_corpus(), tmp_path / "r.html", _themes(_corpus()), _comparison(), progress=False)
    assert path.stat().st_size < 3_000_000
    assert "시스템 SW 인재 부족" in path.read_text(encoding="utf-8")


def test_without_themes_or_comparison(tmp_path):
    r = build_report(_corpus(), themes=False, comparison=False, progress=False)
    html = r.to_html()
    assert "1. 개요" in html and "6. 원문 기록" in html and "2. 반복되는 주제" not in html


def test_bad_suffix_and_folder(report, tmp_path):
    with pytest.raises(ConsultError, match="unknown report format"):
        report.write(tmp_path / "r.pdf")
    with pytest.raises(ConsultError, match="does not exist"):
        report.write(tmp_path / "nope" / "r.html")


def test_notebook_helpers():
    corpus, themes = _corpus(), _themes(_corpus())
    for html in (frame_html(corpus.points), corpus_html(corpus), themes_html(themes),
                 comparison_html(_comparison())):
        assert "<script" not in str(html)
    assert "&lt;script&gt;" in str(frame_html(corpus.points, max_rows=100))
    assert "not fitted" in str(themes_html(SimpleNamespace()))


# ----------------------------------------------------------------------------- the real sample
@pytest.fixture(scope="module")
def sample_analysis():
    import warnings

    import consult

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", consult.SmallSampleWarning)  # the sample has n=1 groups
        return consult.analyze(consult.load(str(SAMPLE)), random_state=0)


@pytest.fixture(scope="module")
def sample_html(sample_analysis):
    return build_report(sample_analysis, progress=False).to_html()


def test_every_number_of_the_first_page_is_the_findings_table(sample_html, sample_analysis):
    """The first page renders the findings table: each of its finding sentences is a headline
    row's own sentence (so its counts are the row's), every headline row is on it, and section 3
    has a row for every finding; the summary-check counts are the table's."""
    import html as html_lib

    findings = sample_analysis.findings
    first = sample_html.split('<section id="summary">')[1].split("</section>")[0]
    shown = [html_lib.unescape(re.sub(r"<[^>]+>", "", m))
             for m in re.findall(r'<span class="badge k-[a-z_]+">[^<]*</span> <a href="#finding-[^"]+">(.*?)</a>', first)]
    heads = findings[findings["headline"]]
    assert sorted(shown) == sorted(heads["sentence"])
    for r in heads.to_dict("records"):
        for side in ("a", "b"):
            if r["kind"] in ("consensus", "divergence"):
                assert f"{r[side + '_k']}/{r[side + '_asked']}명" in r["sentence"]
    section3 = sample_html.split('<section id="compare">')[1].split("</section>")[0]
    from consult.report.summary import finding_anchor

    for fid in findings.loc[findings["kind"] != "not_comparable", "finding_id"]:
        assert f'id="{finding_anchor(fid)}"' in section3
    checks = sample_analysis.summary_checks
    counts = checks["verdict"].value_counts()
    # the first page points to section 5 (the check matches words: its counts are no answers),
    # where the counts and the overstated claims stand
    assert f"요약표 주장 {len(checks)}개를 5장에서 답변과 낱말로 대조했습니다" in first
    section5 = sample_html.split('<section id="summaries">')[1].split("</section>")[0]
    line = re.search(r"요약표의 주장 (\d+)개 가운데 답변에서 같은 내용을 찾은 것 (\d+)개, 일부만 찾은 것 "
                     r"(\d+)개, 과장 (\d+)개.*같은 말로 된 답변을 찾지 못한 것 (\d+)개", section5)
    assert line and [int(x) for x in line.groups()] == [
        len(checks), counts.get("confirmed", 0), counts.get("partly", 0), counts.get("overstated", 0),
        counts.get("not_found", 0)]
    assert '<span class="badge warn">과장</span>' not in first
    assert section5.count('<span class="badge warn">과장</span>') == counts.get("overstated", 0)


def test_the_first_page_says_no_developer_words(sample_html):
    first = sample_html.split('<section id="summary">')[1].split("</section>")[0]
    for word in ("random_state", "시드", "consult/data", "corpus.", "toml", "을(를)", "은(는)", "이(가)"):
        assert word not in first


def test_sample_report(sample_html):
    assert len(sample_html.encode("utf-8")) <= 3_000_000
    for area in ("반도체", "이차전지", "양자", "차세대통신", "사이버보안"):
        assert f">{area}<" in sample_html
    ids = set(re.findall(r'\sid="([^"]+)"', sample_html))
    assert set(re.findall(r'href="#([^"]*)"', sample_html)) <= ids
    # section 4 shows the cross-area concerns (not the within-area themes), each with its
    # per-area counts and quotes, and the first page links to them
    section = sample_html.split('<section id="cross">')[1].split("</section>")[0]
    assert "4. 여러 분야에 걸친 관심사" in section and section.count('class="card"') >= 3
    first_page = sample_html.split('id="summary"')[1].split("</section>")[0]
    assert re.search(r'href="#concern-\d+"', first_page)
    assert section.count("<blockquote>") >= 3


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


def _chromium_dom(html: str) -> tuple[str, list[str]]:
    """The DOM after loading ``html`` headless, and the console / CSP lines Chromium logged."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line
               or "Refused to" in line or "Content Security Policy" in line]
    return proc.stdout, console


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on this machine")
def test_renders_in_headless_chromium(html):
    dom, console = _chromium_dom(html)
    assert "6. 원문 기록" in dom and "시스템 SW 인재 부족" in dom
    assert "&lt;script&gt;alert(" in dom  # the hostile text stayed text
    assert not console, console


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on this machine")
def test_sample_report_renders_in_headless_chromium(sample_html):
    dom, console = _chromium_dom(sample_html)
    assert "1. 개요" in dom and "이차전지" in dom and 'id="r-kaist_2023_annual_report_T01"' in dom
    assert not console, console


# ----------------------------------------------------------------------------- CLI
def test_cli_report(tmp_path):
    from click.testing import CliRunner

    from consult.cli import main

    runner = CliRunner()
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    result = runner.invoke(main, ["report", str(SAMPLE), "-o", str(html), "-o", str(xlsx),
                                  "--backend", "none", "--quiet"])
    assert result.exit_code == 0, result.output
    assert html.stat().st_size > 10_000 and xlsx.stat().st_size > 10_000
    assert "consult: wrote" not in result.output  # --quiet


def test_cli_report_errors(tmp_path):
    from click.testing import CliRunner

    from consult.cli import main

    runner = CliRunner()
    bad = runner.invoke(main, ["report", str(SAMPLE), "-o", str(tmp_path / "r.pdf")])
    assert bad.exit_code == 2 and "suffix" in bad.output
    missing = runner.invoke(main, ["report", str(tmp_path / "none.txt"), "-o", str(tmp_path / "r.html")])
    assert missing.exit_code == 1 and "consult: error:" in missing.output
    assert "Traceback" not in missing.output
    groups = runner.invoke(main, ["report", str(SAMPLE), "-o", str(tmp_path / "r.html"), "--groups", "academic"])
    assert groups.exit_code == 2


def test_excel_drops_control_characters(tmp_path):
    corpus = _corpus()
    corpus.points.loc[0, "text"] = "glyph\x00missing"  # what PDF extraction leaves for a lost glyph
    path = build_report(corpus, False, False, progress=False).write(tmp_path / "c.xlsx")
    points = pd.read_excel(path, sheet_name="답변 항목")
    assert points.loc[0, "내용"] == "glyphmissing"


def test_cli_report_in_a_fresh_process_leaves_stderr_clean(tmp_path):
    """The README's main command as a user runs it: charts are drawn in forked workers, and
    closing their pool must not print the workers' tracebacks (they inherited the CLI's SIGTERM
    handler before it was reset in the workers)."""
    import os
    import sys

    env = {**os.environ, "CONSULT_CACHE_DIR": str(tmp_path / "cache"), "MPLBACKEND": "Agg"}
    out = tmp_path / "report.html"
    proc = subprocess.run(
        [sys.executable, "-c", "from consult.cli import main; main(prog_name='consult')",
         "report", str(SAMPLE), "-o", str(out), "--quiet"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert out.stat().st_size > 10_000
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert all(line.startswith("consult: ") for line in proc.stderr.splitlines()), proc.stderr[-3000:]


MEETING = """2024년 반도체 분야 전문가 자문회의 결과

□ 일시: 2024. 3. 5.(화) 14:00~16:00
□ 참석자: 김철수 교수(서울대학교), 이영희 상무(삼성전자), 박민수 책임연구원(한국전자통신연구원)

Q1. AI 반도체 분야의 인력 수급 현황에 대한 의견을 부탁드립니다.
A. (김철수 교수) 시스템 SW와 컴파일러 인력이 절대적으로 부족합니다. 대학원 과정 확대가 필요합니다.
A. (이영희 상무) 기업에서도 컴파일러 인력 확보가 어렵습니다. 해외 인력 유치도 검토하고 있습니다.
A. (박민수 책임연구원) 출연연에서는 컴파일러 연구 인력과 장비 인프라가 부족합니다.

Q2. 정부 R&D 투자 방향에 대해 말씀해 주십시오.
A. (김철수 교수) 기초 연구에 대한 장기 투자와 테스트베드가 필요합니다.
A. (이영희 상무) 상용화 단계의 실증 지원이 시급합니다. 테스트베드 구축이 필요합니다.
A. (박민수 책임연구원) 공공 테스트베드를 개방해야 합니다.
"""


def test_a_meeting_is_reported_by_its_speakers(tmp_path):
    """One meeting, three speakers: themes recur across the speakers, every n counts speakers
    (k never exceeds n), and the title is the document's first line."""
    import warnings

    import consult

    src = tmp_path / "meeting.txt"
    src.write_text(MEETING, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", consult.SmallSampleWarning)
        analysis = consult.analyze(consult.load(src), random_state=0)
    assert analysis.themes is not None  # not left out for "1 transcript"
    md, _images = build_report(analysis, progress=False).to_markdown()
    assert md.startswith("# 2024년 반도체 분야 전문가 자문회의 결과")
    assert "| 합계 | 1 | 1 | 1 | 3 |" in md  # academic, industry, research: one speaker each
    for k, n in re.findall(r"반도체 (\d+)/(\d+)", md):
        assert int(k) <= int(n)
    assert "김철수 교수" in md.split("## 3.")[1]  # the groups are named by their speakers


def test_cli_report_stages_in_order(tmp_path):
    """``consult report`` runs in named stages, announced in order (issue 14)."""
    from click.testing import CliRunner

    from consult import progress
    from consult.cli import main

    seen: list[str] = []
    progress.add_stage_listener(seen.append)
    try:
        result = CliRunner().invoke(main, ["report", str(SAMPLE), "-o", str(tmp_path / "r.html"),
                                           "-o", str(tmp_path / "r.md"), "--quiet"])
    finally:
        progress.remove_stage_listener(seen.append)
    assert result.exit_code == 0, result.output
    assert seen == ["parse", "tokenize", "themes", "compare", "charts", "write"]
    assert tuple(seen) == progress.STAGES


def test_cli_report_stage_lines_on_stderr(tmp_path, monkeypatch):
    """Where progress shows (a terminal, or ``CONSULT_PROGRESS=1``), each stage is one line on
    stderr, in order; ``--quiet`` hides them."""
    from click.testing import CliRunner

    from consult import progress
    from consult.cli import main

    monkeypatch.setattr(progress, "_DISABLED", False)  # an earlier --quiet in this process
    monkeypatch.delenv("CONSULT_QUIET", raising=False)
    monkeypatch.setenv("CONSULT_PROGRESS", "1")
    args = ["report", str(SAMPLE), "-o", str(tmp_path / "r.html"), "--backend", "none"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if re.match(r"consult: \[\d/6\] ", line)]
    assert [line.split("] ")[1].rstrip(" …") for line in lines] == [
        "parse", "tokenize", "themes", "compare", "charts", "write"]
    assert lines[0].startswith("consult: [1/6] parse")
    quiet = CliRunner().invoke(main, [*args, "--quiet"])
    assert quiet.exit_code == 0 and "[1/6]" not in quiet.stderr


def test_font_subset_is_made_while_the_charts_are_drawn(monkeypatch):
    """``png(meanwhile=report.prepare_font)`` makes the page's font subset while the charts are
    drawn; ``to_html`` then finds it (the characters of the page do not depend on the charts)."""
    from consult import fontembed

    corpus = _corpus()
    rep = build_report(corpus, _themes(corpus), _comparison(), title="데모 <보고서>", progress=False)
    monkeypatch.setattr(fontembed, "_CACHE", {})
    monkeypatch.setenv("CONSULT_CACHE_DIR", "off")
    made: list[int] = []
    subset = fontembed._subset
    monkeypatch.setattr(fontembed, "_subset", lambda chars: made.append(len(chars)) or subset(chars))
    calls: list[bool] = []
    rep.png(progress=False, meanwhile=lambda: calls.append(True) or rep.prepare_font())
    assert calls == [True] and len(made) == 1
    page = rep.to_html(progress=False)
    assert len(made) == 1  # the subset made meanwhile serves the page
    assert ("@font-face" in page) == bool(fontembed._CACHE[next(iter(fontembed._CACHE))])


def test_a_ready_comparison_keeps_the_findings_and_the_checks():
    """build_report(corpus, comparison=cmp) makes the findings of that comparison (it used to
    drop them silently)."""
    import warnings

    import consult

    corpus = consult.load(str(Path(__file__).parent / "fixtures" / "layouts" / "interview_numbered_experts.txt"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", consult.SmallSampleWarning)
        cmp = consult.compare(corpus)
        report = build_report(corpus, themes=False, comparison=cmp, progress=False)
    assert report.analysis.comparison is cmp
    assert report.analysis.findings is not None and report.analysis.summary_checks is not None
    assert set(report.analysis.findings["kind"]) <= set(consult.findings.KINDS)
    assert len(report.analysis.questionnaire) == len(consult.analyze(corpus, themes="none").questionnaire)


def test_first_page_concern_counts_name_the_words_they_rest_on(sample_html, sample_analysis):
    """A headline concern is counted on the first page by the experts who write its label's words
    (synonyms merged) — never by a variant alone (「발굴」, "R&D 발굴", does not say 「사례 발굴」);
    its card in section 4 says how many of its members write the label and which variants the
    others write. Every concern on the page recurs by its label alone (>= 3 experts, >= 2 areas)."""
    import html as html_lib

    concerns = sample_analysis.themes.concerns_
    first = sample_html.split('<section id="summary">')[1].split("</section>")[0]
    items = {html_lib.unescape(re.sub(r"<[^>]+>", "", m.split("</b>")[0])): html_lib.unescape(re.sub(r"<[^>]+>", "", m))
             for m in re.findall(r"<li><b>(.*?)</li>", first)}
    heads = concerns[concerns["headline"] & ~concerns["parent_id"].isin(concerns.loc[concerns["headline"], "concern_id"])]
    assert len(heads) and set(heads["label"]) <= set(items)
    cross = html_lib.unescape(sample_html.split('<section id="cross">')[1].split("</section>")[0])
    from consult.report.i18n import Translator

    role_of = dict(zip(sample_analysis.corpus.transcripts["transcript_id"].astype(str),
                       sample_analysis.corpus.transcripts["role"].astype(str), strict=True))
    wider_seen = False
    for r in heads.to_dict("records"):
        own = r["label_areas"]
        assert r["n_experts_label"] >= 3 and len(own) >= 2
        # the label users' sides, from the transcripts table: "(학계 8명·산업계 2명)"
        assert len(r["label_experts"]) == r["n_experts_label"]
        sides = [role_of[e] for e in r["label_experts"]]
        by_side = "·".join(f"{Translator('ko').role(x)} {sides.count(x)}명"
                           for x in ("academic", "industry", "research", "government") if x in sides)
        assert items[r["label"]].split(";")[0].endswith(
            f"전문가 {r['n_experts_label']}명({by_side}), {len(own)}개 분야({', '.join(own)})")
        if r["n_experts_label"] < r["n_experts_area"]:
            wider_seen = True
            assert f"그중 「{r['label']}」의 낱말을 쓴 전문가는 {r['n_experts_label']}명({', '.join(own)})이고" in cross
    assert wider_seen  # the sample has such a concern (「인력 양성」 holds members who write only 「인력」)


def test_the_modules_a_first_run_imports_while_tokenizing_exist():
    """``consult report`` imports the later stages' modules while the prefetch child tokenizes;
    a module renamed away would silently cost the overlap (its import error is skipped there)."""
    import importlib

    from consult.cli.report_cmd import LATER_STAGE_MODULES, _import_later_stages

    for name in LATER_STAGE_MODULES:
        assert importlib.import_module(name)
    _import_later_stages()  # and the whole step runs (the charts' font registered)


def test_records_write_a_topic_or_label_once(sample_html):
    """A question's topic and a point's label the minutes write at the head of the text
    ("1. (기초과학) ‘기초과학'…", "● (전략) …") are shown once, in the minutes' own words."""
    assert "(기초과학) ‘기초과학" in sample_html
    doubled = re.findall(r"\(([^()<>]{1,30})\)\s*(?:</b>\s*)?\(\1\)", sample_html)
    assert doubled == []


def test_a_group_whose_only_transcript_has_no_answers_is_not_compared(tmp_path):
    """An industry transcript cut off before its first question leaves industry nothing to
    compare: the report is written with the comparison left out (said), not refused."""
    from click.testing import CliRunner

    from consult.cli import main

    fixture = Path(__file__).parent / "fixtures" / "bad" / "truncated_transcript.txt"
    out = tmp_path / "r.md"
    res = CliRunner().invoke(main, ["report", str(fixture), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    assert "comparison left out: no industry expert answers" in res.output
    page = out.read_text(encoding="utf-8")
    assert "KAIST 신소재공학과 교수" in page
    # the Korean report says why, in Korean (the terminal's note is English)
    assert "집단 비교는 싣지 않았습니다: 이 회의록에는 답변한 산업계 전문가가 없습니다" in page
    assert "주제 분석은 싣지 않았습니다" in page and "left out" not in page


def test_witnesses_of_a_hearing_are_heard_not_consulted(tmp_path):
    """The first page of a National Assembly hearing (witnesses and the nominee, transcript
    kinds testimony / official) says the two sides were heard, not consulted (자문)."""
    from click.testing import CliRunner

    from consult.cli import main

    hearing = Path(__file__).parent / "fixtures" / "real" / "na_sci_20240808_confirmation_hearing_excerpt.txt"
    out = tmp_path / "r.md"
    res = CliRunner().invoke(main, ["report", str(hearing), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    first = out.read_text(encoding="utf-8").split('<a id="overview">')[0]
    assert "학계 1명·산업계 1명 발언(청문·증언)" in first and "명 자문" not in first
