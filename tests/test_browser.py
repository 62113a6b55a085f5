"""The evidence browser: its data and safety rules, and (in headless Chromium, when installed)
a reader typing a query and clicking filters."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import consult
from consult.corpus import Corpus
from consult.explore import browser_data, browser_html, write_browser

MINUTES = (
    "전문가 자문 회의록 (1)\n<KAIST 전기및전자공학과 교수>\n1. 인력 현황은?\n"
    "● 반도체 인력 양성 필요 </script><b>x</b>\n● Cloud 보안 투자\n"
    "전문가 자문 회의록 (2)\n<삼성전자 관계자>\n1. 인력 현황은?\n"
    "● 현장 인력 확보\n● cloud 인증 & 보안\n"
)
CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser")
                 if Path(p).exists()), shutil.which("chromium"))


class _Themes:
    point_themes_ = pd.DataFrame({"point_id": ["b#T01.Q1.P1", "b#T02.Q1.P1", "b#T01.Q1.P2"],
                                  "theme_id": [0, 0, 1]})
    themes_ = pd.DataFrame({"theme_id": [0, 1], "label": ["인력 양성", "클라우드 보안"]})


@pytest.fixture(scope="module")
def analysis():
    corpus = Corpus.from_text(MINUTES, name="b")
    findings = pd.DataFrame({"within": [""], "topic": ["인력"], "kind": ["consensus"],
                             "a_evidence": ["b#T01.Q1.P1"], "b_evidence": ["b#T02.Q1.P1"]})
    return consult.Analysis(corpus=corpus, themes=_Themes(), comparison=None, findings=findings)


def test_browser_data_and_safety(analysis):
    data = browser_data(analysis)
    assert len(data["points"]) == 4
    p = data["points"][0]
    assert (p["speaker"], p["role"], p["line"], p["themes"]) == (
        "KAIST 전기및전자공학과 교수", "academic", 4, [0])
    assert data["findings"][0]["points"] == ["b#T01.Q1.P1", "b#T02.Q1.P1"]
    html = browser_html(analysis)
    assert html.count("<script") == 2 and "</script><b>" not in html
    assert "http://" not in html and "https://" not in html          # nothing loaded
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp and "sha256-" in csp
    blob = re.search(r'<script type="application/json" id="consult-data">(.*?)</script>', html, re.S)
    assert json.loads(blob.group(1))["points"][0]["text"].endswith("</script><b>x</b>")
    with pytest.raises(consult.UsageError):
        write_browser(analysis, "/tmp/x.txt")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_browser_in_headless_chromium(analysis, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    page_file = write_browser(analysis, tmp_path / "evidence.html")
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=10_000)  # the script ran
        rows = page.locator("li.point")
        expect = sync_api.expect    # polls with locators: the page's CSP forbids eval
        expect(rows).to_have_count(4)
        page.fill("#q", "보안")                       # Hangul search
        expect(rows).to_have_count(2)
        page.click("button[data-role='industry']")   # a filter button
        expect(rows).to_have_count(1)
        assert "cloud 인증 & 보안" in rows.first.inner_text()
        assert "b:10" in rows.first.inner_text()        # source line
        assert "삼성전자 관계자" in rows.first.inner_text()  # speaker
        page.click("#reset")
        page.fill("#q", "CLOUD")                      # Latin, any case
        expect(rows).to_have_count(2)
        page.fill("#q", "")
        page.select_option("#f-theme", "1")
        expect(rows).to_have_count(1)
        assert "Cloud 보안 투자" in rows.first.inner_text()
        page.select_option("#f-theme", "*")
        page.select_option("#f-finding", "0")
        expect(rows).to_have_count(2)
        page.click("#reset")
        page.fill("#q", "script")                     # escaped text is shown as text
        expect(rows).to_have_count(1)
        assert page.locator("li.point b").count() == 0
        assert "</script><b>x</b>" in rows.first.inner_text()
        browser.close()
    assert not errors, errors                          # no CSP violation, no script error
