"""Cost of the explore features: KWIC, co-occurrence networks, the evidence browser (build, file
size, and in headless Chromium: time to first render and to filter by a search and a role).

    python benchmarks/bench_explore.py [INPUTS...] [--themes] [--chromium /usr/bin/chromium]

INPUTS default to the bundled sample; for 100 reports make them first:
``python benchmarks/make_synthetic.py /tmp/syn100 --reports 100``. ``--themes`` fits themes
and findings (``consult.analyze``) so the browser carries them (slow on 100 reports); without it
the browser has the points only. Tokens are computed once before the co-occurrence timing and
reported separately (Kiwi dominates; it is cached afterwards).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "kaist_2023_annual_report.txt"


def _timed(label: str, func, *args, **kwargs):  # noqa: ANN001, ANN202
    t = time.perf_counter()
    out = func(*args, **kwargs)
    print(f"{label:<34} {time.perf_counter() - t:8.2f} s")
    return out


def _chromium(path: Path, exe: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        page = browser.new_page()
        t = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=120_000)
        print(f"{'browser: open and first render':<34} {time.perf_counter() - t:8.2f} s")
        rows = page.locator("li.point")
        t = time.perf_counter()
        page.fill("#q", "인력 양성")
        expect(page.locator("#count")).to_contain_text(" / ", timeout=60_000)
        page.wait_for_timeout(100)  # the input handler waits 80 ms before filtering
        expect(rows.first).to_be_visible()
        print(f"{'browser: search (incl. 80 ms pause)':<34} {time.perf_counter() - t:8.2f} s")
        t = time.perf_counter()
        page.click("button[data-role='industry']")
        expect(rows.first).to_be_visible()
        print(f"{'browser: role filter':<34} {time.perf_counter() - t:8.2f} s")
        print(f"{'browser: count':<34} {page.locator('#count').inner_text()}")
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="*", default=[str(SAMPLE)])
    ap.add_argument("--themes", action="store_true")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    os.environ.setdefault("CONSULT_QUIET", "1")
    import consult
    from consult.explore import cooccurrence, plot_cooccurrence, write_browser
    from consult.plots import figure_png
    from consult.tokens import point_tokens

    corpus = _timed("load", consult.load, args.inputs)
    print(f"{'points':<34} {len(corpus.points):8d}")
    hits = _timed("kwic 인력 (synonyms)", corpus.kwic, "인력")
    _timed("kwic regex AI|인공\\s*지능", corpus.kwic, r"AI|인공\s*지능", regex=True)
    print(f"{'kwic hits':<34} {len(hits):8d}")
    _timed("tokens (Kiwi, first time)", point_tokens, corpus)
    net = _timed("cooccurrence by role", cooccurrence, corpus)
    _timed("cooccurrence by role within area", cooccurrence, corpus, within="area")
    _timed("plot_cooccurrence + PNG", lambda: figure_png(plot_cooccurrence(net)))
    analysis = _timed("analyze" + ("" if args.themes else " (no themes)"), consult.analyze, corpus,
                      themes="auto" if args.themes else "none", compare_groups=args.themes)
    out = Path(tempfile.mkdtemp()) / "evidence.html"
    _timed("write_browser", write_browser, analysis, out)
    print(f"{'browser file':<34} {out.stat().st_size / 1e6:8.2f} MB")
    if Path(args.chromium).exists():
        try:
            _chromium(out, args.chromium)
        except ImportError:
            print("browser timing skipped: pip install playwright")
    else:
        print(f"browser timing skipped: {args.chromium} missing")


if __name__ == "__main__":
    main()
