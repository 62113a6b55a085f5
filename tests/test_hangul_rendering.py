"""Every HTML page consult writes shows Hangul on a machine without a Korean font.

Chromium runs with a fontconfig that lists one folder: matplotlib's own Latin fonts (DejaVu),
so no system font can draw Hangul. On each page (the report, the evidence browser, the KWIC and
co-occurrence pages) the first two different Hangul letters of its heading are drawn in the
heading's own font stack: with the embedded subset they are two different glyphs; the same page
written without it (``embed_font=False``) draws both as the same missing-glyph box — the
control that proves no Korean font was visible. Skipped without Chromium (``/usr/bin/chromium``)
or Playwright (``pip install playwright``; never ``playwright install``).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import consult
from consult import fontembed

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser")
                 if Path(p).exists()), shutil.which("chromium"))
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

MINUTES = (
    "전문가 자문 회의록 (1)\n<KAIST 전기및전자공학과 교수>\n1. 인력 현황은?\n"
    "● 반도체 인력 양성 필요\n● 반도체 장비 국산화\n● 반도체 인력 부족\n"
    "전문가 자문 회의록 (2)\n<삼성전자 관계자>\n1. 인력 현황은?\n"
    "● 현장 인력 확보\n● 현장 인력 채용\n● 클라우드 보안 투자\n"
)

#: draws two letters of the heading in the heading's fonts; are they two different glyphs?
PROBE = """async () => {
  await document.fonts.ready;
  const h1 = document.querySelector('h1');
  const letters = [...new Set(h1.textContent.match(/[\\uac00-\\ud7a3]/g) || [])].slice(0, 2);
  const family = getComputedStyle(h1).fontFamily;
  try { await document.fonts.load('32px ' + family, letters.join('')); } catch (e) { /* blocked */ }
  const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
  const g = canvas.getContext('2d');
  const pixels = letters.map((ch) => {
    g.clearRect(0, 0, 48, 48); g.font = '32px ' + family; g.fillText(ch, 4, 38);
    return Array.from(g.getImageData(0, 0, 48, 48).data);
  });
  const differ = pixels.length === 2 ? pixels[0].filter((v, i) => v !== pixels[1][i]).length : 0;
  return {letters: letters.join(''), differ, embedded: [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'consult-nanum'
                                                    && f.status === 'loaded'),
          width: (() => { const r = document.createRange(); r.selectNodeContents(h1);
                          return Math.round(r.getBoundingClientRect().width); })()};
}"""


@pytest.fixture(scope="module")
def latin_only(tmp_path_factory) -> dict[str, str]:
    """The environment of a Chromium that sees matplotlib's DejaVu fonts and nothing else."""
    import matplotlib

    fonts = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    folder = tmp_path_factory.mktemp("fontconfig")
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><dir>{fonts}</dir><cachedir>{folder / 'cache'}</cachedir>"
                    "</fontconfig>\n", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(folder)}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each page written with the font subset and without it."""
    from consult.explore import cooccurrence, kwic_html, network_html, write_browser

    if not fontembed.font_face_css("가"):
        pytest.skip("no NanumGothic/fontTools to embed")
    out = tmp_path_factory.mktemp("pages")
    corpus = consult.Corpus.from_text(MINUTES, name="demo")
    analysis = consult.Analysis(corpus=corpus, themes=None, comparison=None, findings=pd.DataFrame())
    net = cooccurrence(corpus, min_count=1)
    made = {}
    for name, write in {
        "report": lambda p, e: consult.build_report(corpus, False, False, title="전문가 자문 보고서",
                                                    embed_font=e, progress=False).write(p),
        "browser": lambda p, e: write_browser(analysis, p, embed_font=e),
        "kwic": lambda p, e: p.write_text(kwic_html(corpus.kwic("인력"), "인력", embed_font=e),
                                          encoding="utf-8"),
        "cooccur": lambda p, e: p.write_text(network_html(net, embed_font=e), encoding="utf-8"),
    }.items():
        made[name] = (out / f"{name}.html", out / f"{name}_nofont.html")
        write(made[name][0], True)
        write(made[name][1], False)
    return made


def _probe(env: dict[str, str], files: list[Path]) -> list[dict]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], env=env)
        try:
            page = browser.new_page()
            results = []
            for f in files:
                page.goto(f.as_uri())
                results.append(page.evaluate(PROBE))
            return results
        finally:
            browser.close()


def test_every_page_shows_hangul_without_a_korean_font(pages, latin_only):
    names = list(pages)
    shown = _probe(latin_only, [pages[n][0] for n in names] + [pages[n][1] for n in names])
    with_font, without = shown[:len(names)], shown[len(names):]
    for name, good, bare in zip(names, with_font, without, strict=True):
        assert len(good["letters"]) == 2 and re.fullmatch("[가-힣]{2}", good["letters"]), name
        # without the subset both letters are the same box: no Korean font is visible here
        assert bare["differ"] == 0 and not bare["embedded"], (name, bare)
        # with it they are two glyphs, from the embedded face
        assert good["embedded"] and good["differ"] > 100, (name, good)

