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


_ENGLISH = re.compile(r"[A-Za-z]{3,}")
_HANGUL = re.compile("[가-힣]")


def _interface(html: str) -> str:
    """The page's own words: its markup with the data block, script and styles taken out."""
    html = re.sub(r"<script.*?</script>|<style>.*?</style>", "", html, flags=re.S)
    attrs = " ".join(re.findall(r'(?:placeholder|aria-label)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attrs


def test_browser_interface_in_korean_and_english(analysis):
    """Korean by default: no English word in the interface; English with lang="en": no Korean
    word but the minutes' own (area names, speakers, topics)."""
    ko = browser_html(analysis, embed_font=False)
    assert '<html lang="ko">' in ko and "<title>증거 탐색기</title>" in ko
    assert not _ENGLISH.findall(_interface(ko)), _ENGLISH.findall(_interface(ko))
    data = browser_data(analysis)
    assert [d[1] for d in (data["areas"][0], data["roles"][0], data["themes"][0])] == [
        "모든 분야", "모든 소속", "모든 주제"]
    assert data["roleNames"] == {"academic": "학계", "industry": "산업계"}
    assert data["findings"][0]["label"].split(" · ")[1] == "공통"     # the findings' KIND_NAMES
    assert not _ENGLISH.search(re.sub(r"\{\w+\}", "", data["ui"]["count"] + data["ui"]["first"]))
    en = browser_html(analysis, lang="en", embed_font=False)
    assert '<html lang="en">' in en and "<title>Evidence browser</title>" in en
    assert not _HANGUL.findall(_interface(en)), _HANGUL.findall(_interface(en))
    data = browser_data(analysis, "en")
    assert data["roles"][1:] == [["academic", "academia"], ["industry", "industry"]]
    assert data["findings"][0]["label"].split(" · ")[1] == "Agreement"
    assert data["ui"] == {"count": "{hits} / {total} points", "first": " (first {n} shown)"}
    script = (Path(consult.__file__).parent / "explore" / "assets" / "browser.js").read_text()
    literals = re.findall(r'"([^"]*)"', script)                # no interface words in the script
    assert not [w for w in literals if re.search(r"points|shown|first|all ", w)]   # (ids aside)


def test_browser_embeds_its_font(analysis):
    from consult import fontembed

    html = browser_html(analysis)
    if not fontembed.font_face_css("가"):
        pytest.skip("no NanumGothic/fontTools here")
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "font-src data:" in csp and csp.count("sha256-") == 3   # script, style, font face
    assert html.count("<style>") == 2 and "@font-face" in html and "consult-nanum" in html


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
        assert page.inner_text("#count") == "답변 2 / 4건"   # the interface in Korean
        assert page.inner_text("#reset") == "초기화"
        page.click("#reset")
        page.fill("#q", "script")                     # escaped text is shown as text
        expect(rows).to_have_count(1)
        assert page.locator("li.point b").count() == 0
        assert "</script><b>x</b>" in rows.first.inner_text()
        browser.close()
    assert not errors, errors                          # no CSP violation, no script error
