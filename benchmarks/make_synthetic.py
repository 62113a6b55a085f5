"""A synthetic corpus of N reports made from the bundled sample, each with a perturbed layout.

    python benchmarks/make_synthetic.py OUT_DIR --reports 300 [--seed 0] [--sample PATH]

Every report is the sample (~10,250 lines, 34 transcripts) rewritten with its own random
choices, the way other Korean policy reports write the same minutes:

* point bullets ``●`` → one of ``● □ ○ ㅇ •`` (and sub-point dashes ``-`` → ``-`` or ``–``);
* question numbering ``1.`` → one of ``1.  1)  (1)  ①  Q1.``;
* speaker brackets ``<…>`` → one of ``<…>  […]  (…)  〈…〉``;
* transcript headers ``전문가 자문 회의록 (N)`` → one of four wordings;
* blank lines between wrapped lines kept or removed; extra running headers and page numbers
  inserted every 40–80 lines;
* encoding UTF-8, UTF-8 with BOM or CP949 (glyphs CP949 lacks are mapped to near ones), and LF
  or CRLF line ends;
* in one bullet line in three, two neighbouring words swapped, so that no two reports share
  their texts (a tokenizer cache cannot make a large corpus look cheap); headings, titles and
  date lines are left alone, so every report keeps the sample's 34 transcripts.

The same ``--seed`` gives the same files. Prints one line per 50 reports and a summary.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CANDIDATES = [
    ROOT / "examples" / "data" / "kaist_2023_annual_report.txt",
    ROOT.parent / "shared" / "corpus" / "003_e64dba568495b49d.txt",
]

POINT_BULLETS = ["●", "□", "○", "ㅇ", "•"]
SUB_DASHES = ["-", "–"]
NUMBERINGS = ["dot", "paren", "dparen", "circled", "q"]
BRACKETS = [("<", ">"), ("[", "]"), ("(", ")"), ("〈", "〉")]
HEADERS = ["전문가 자문 회의록 ({n})", "전문가 자문 회의록 {n}", "자문 회의록 ({n})", "[전문가 자문 회의록 {n}]"]
RUNNING = ["국가전략기술 정책연구 보고서 {year}", "전문가 자문 결과 보고서 제{vol}호"]
PAGE_FORMS = ["- {p} -", "{p} ❙", "❙ {p}", "page {p}"]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

#: glyphs of the sample that CP949 cannot encode -> near ones it can
CP949_MAP = {
    0x2219: "ㆍ", 0x25AA: "○", 0x2218: "○", 0xFF62: "「", 0xFF63: "」", 0x2759: "|", 0x2013: "-",
    0x2022: "○", 0xFF65: "ㆍ", 0x278A: "①", 0x278B: "②", 0x278C: "③", 0x2782: "③", 0x2783: "④",
    0x2784: "⑤",
}
CP949_MAP.update({c: "○" for c in range(0xE000, 0xF900)})  # private-use bullets

_HEADER = re.compile(r"^(\s*)전문가 자문 회의록 \((\d+)\)\s*$")
_SPEAKER = re.compile(r"^(\s*)<([^<>]{2,80})>(\s*)$")
_QUESTION = re.compile(r"^(\s*)(\d{1,2})\.\s+(?=\S)")
_POINT = re.compile(r"^(\s*)●\s*")
_DASH = re.compile(r"^(\s*)-\s+")


def find_sample(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    for cand in SAMPLE_CANDIDATES:
        if cand.exists():
            return cand
    sys.exit("sample not found; pass --sample PATH")


def _number(style: str, n: int) -> str:
    if style == "dot":
        return f"{n}. "
    if style == "paren":
        return f"{n}) "
    if style == "dparen":
        return f"({n}) "
    if style == "circled":
        return (CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"{n}.") + " "
    return f"Q{n}. "


def perturb(lines: list[str], rng: random.Random, report_no: int) -> tuple[str, str, str]:
    """One report's text, encoding and newline from the sample's lines."""
    bullet = rng.choice(POINT_BULLETS)
    dash = rng.choice(SUB_DASHES)
    numbering = rng.choice(NUMBERINGS)
    left, right = rng.choice(BRACKETS)
    header = rng.choice(HEADERS)
    compact = rng.random() < 0.4
    furniture_every = rng.randint(40, 80)
    running = rng.choice(RUNNING).format(year=2020 + report_no % 5, vol=report_no)
    page_form = rng.choice(PAGE_FORMS)
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp949"])
    newline = rng.choice(["\n", "\r\n"])

    out: list[str] = []
    page = rng.randint(1, 200)
    since = 0
    for line in lines:
        if compact and not line.strip():
            continue
        m = _HEADER.match(line)
        if m:
            line = m.group(1) + header.format(n=m.group(2))
        elif (m := _SPEAKER.match(line)) is not None:
            line = f"{m.group(1)}{left}{m.group(2)}{right}{m.group(3)}"
        elif (m := _QUESTION.match(line)) is not None:
            line = m.group(1) + _number(numbering, int(m.group(2))) + line[m.end():]
        elif (m := _POINT.match(line)) is not None or (m := _DASH.match(line)) is not None:
            glyph = bullet if "●" in m.group(0) else dash
            words = line[m.end():].split(" ")
            if len(words) >= 3 and rng.random() < 0.33:
                k = rng.randrange(1, len(words) - 1)  # the first word (a label) stays first
                words[k], words[k + 1] = words[k + 1], words[k]
            line = m.group(1) + glyph + " " + " ".join(words)
        out.append(line)
        since += 1
        # extra page furniture between two lines that are not part of a header/speaker pair
        if since >= furniture_every and line.strip() and not _HEADER.match(line):
            out.extend([page_form.format(p=page), running])
            page += 1
            since = 0
    text = "\n".join(out) + "\n"
    if encoding == "cp949":
        text = text.translate(CP949_MAP)
    return text, encoding, newline


def make_corpus(out_dir: Path, n_reports: int, seed: int = 0, sample: Path | None = None,
                verbose: bool = True) -> dict:
    """Write ``n_reports`` perturbed copies of the sample into ``out_dir``; return a summary."""
    sample = sample or find_sample(None)
    lines = sample.read_text(encoding="utf-8").splitlines()
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    total = 0
    encodings: dict[str, int] = {}
    for i in range(n_reports):
        rng = random.Random(seed * 1_000_003 + i)
        text, encoding, newline = perturb(lines, rng, i)
        data = text.replace("\n", newline).encode(encoding, errors="replace")
        (out_dir / f"report_{i:05d}.txt").write_bytes(data)
        total += len(data)
        encodings[encoding] = encodings.get(encoding, 0) + 1
        if verbose and (i + 1) % 50 == 0:
            print(f"  {i + 1}/{n_reports} reports", file=sys.stderr)
    return {"reports": n_reports, "bytes": total, "encodings": encodings,
            "seconds": time.perf_counter() - t0}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample")
    args = ap.parse_args(argv)
    info = make_corpus(Path(args.out_dir), args.reports, args.seed, find_sample(args.sample))
    print(f"{info['reports']} reports, {info['bytes'] / 1e6:.1f} MB, encodings {info['encodings']}, "
          f"{info['seconds']:.1f} s")


if __name__ == "__main__":
    main()
