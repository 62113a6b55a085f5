"""Scale benchmark: parse + tokenize + themes + compare on 100 and 300 synthetic reports.

    python benchmarks/bench_scale.py [--sizes 100,300] [--workdir DIR] [--keep] [--seed 0]
                                     [--stages parse,tokenize,themes,compare] [--json out.json]

For each size N, ``benchmarks/make_synthetic.py`` writes N reports made from the bundled sample
with perturbed layouts (bullets, numbering, speaker brackets, header wordings, blank lines,
extra running headers, UTF-8/BOM/CP949, LF/CRLF; ~335 KB and 34 transcripts each). Then, each
in a fresh process with an empty token cache:

* **pipeline** — ``consult.load(folder)`` (parse), ``consult.tokens.corpus_tokens`` (Kiwi
  tokenization of every question and point), ``ThemeModel(random_state=0).fit`` (themes) and
  ``compare(corpus, themes=model)`` (academic vs industry per area): seconds per stage and the
  process's peak resident memory (``resource.getrusage(RUSAGE_SELF).ru_maxrss``);
* **stream** — ``consult parse folder/ -o all.parquet`` (file by file, :mod:`consult.stream`):
  seconds and peak memory, which should not grow with N.

Targets (issue 6): the 300-report time at most 3.5x the 100-report time (about linear), and
peak memory at most 4 GB. Stages whose module is not built yet are skipped and reported so.
Exit status 0 always: the figures are for the closing note, not a gate.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STAGES = ["parse", "tokenize", "themes", "compare"]
MODULES = {"tokenize": "consult.tokens", "themes": "consult.themes", "compare": "consult.comparison"}
TARGET_RATIO = 3.5
TARGET_RSS_MB = 4096


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


# ------------------------------------------------------------------------------ children
def child_pipeline(folder: str, stages: list[str]) -> dict:
    warnings.simplefilter("ignore")
    out: dict = {"seconds": {}, "skipped": {}}
    t = time.perf_counter()
    import consult

    corpus = consult.load(folder)
    out["seconds"]["parse"] = time.perf_counter() - t
    out["rss_after_mb"] = {"parse": _maxrss_mb()}
    out["records"] = {"documents": len(corpus.documents), "transcripts": len(corpus.transcripts),
                      "questions": len(corpus.questions), "points": len(corpus.points)}
    model = None
    for stage in stages:
        if stage == "parse":
            continue
        if not _has(MODULES[stage]):
            out["skipped"][stage] = f"{MODULES[stage]} is not built yet"
            continue
        t = time.perf_counter()
        if stage == "tokenize":
            from consult.tokens import corpus_tokens

            q_tokens, p_tokens = corpus_tokens(corpus)
            out["records"]["tokens"] = int(sum(len(x) for x in p_tokens))
        elif stage == "themes":
            from consult.themes import ThemeModel

            model = ThemeModel(random_state=0).fit(corpus)
            out["records"]["themes"] = int(model.n_themes_)
        elif stage == "compare":
            from consult.comparison import compare

            comparison = compare(corpus, themes=model)
            out["records"]["compare_rows"] = {k: len(v) for k, v in comparison.tables().items()}
        out["seconds"][stage] = time.perf_counter() - t
        out["rss_after_mb"][stage] = _maxrss_mb()
    out["total_seconds"] = sum(out["seconds"].values())
    out["peak_rss_mb"] = _maxrss_mb()
    return out


def child_stream(folder: str, output: str) -> dict:
    warnings.simplefilter("ignore")
    t = time.perf_counter()
    from consult.stream import stream_parse

    result = stream_parse([folder], output, level="point", show_progress=False)
    return {"seconds": time.perf_counter() - t, "peak_rss_mb": _maxrss_mb(), "rows": result.rows,
            "parsed": result.parsed, "failures": len(result.failures),
            "output_mb": Path(output).stat().st_size / 1e6}


def _run_child(args: list[str], cache: Path) -> dict:
    env = dict(os.environ)
    env.update({"CONSULT_CACHE_DIR": str(cache), "CONSULT_QUIET": "1", "MPLBACKEND": "Agg",
                "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")})
    t = time.perf_counter()
    res = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], env=env,
                         capture_output=True, text=True)
    wall = time.perf_counter() - t
    if res.returncode != 0:
        return {"error": res.stderr.strip().splitlines()[-1:] or ["failed"], "wall_seconds": wall}
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["wall_seconds"] = wall
    return out


# ------------------------------------------------------------------------------ parent
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,300")
    ap.add_argument("--stages", default=",".join(STAGES))
    ap.add_argument("--workdir")
    ap.add_argument("--keep", action="store_true", help="keep the synthetic corpora")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        stages = [s for s in args.stages.split(",") if s]
        out = child_pipeline(rest[0], stages) if kind == "pipeline" else child_stream(*rest)
        print(json.dumps(out, ensure_ascii=False))
        return 0

    sys.path.insert(0, str(HERE))
    from make_synthetic import make_corpus

    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="consult-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict] = {}
    print(f"workdir {work}; {os.cpu_count()} cores; stages {args.stages}", flush=True)
    for n in sizes:
        folder = work / f"reports_{n}"
        if not folder.exists() or len(list(folder.glob("*.txt"))) != n:
            shutil.rmtree(folder, ignore_errors=True)
            info = make_corpus(folder, n, args.seed, verbose=False)
            print(f"[{n}] made {n} reports, {info['bytes'] / 1e6:.1f} MB, {info['encodings']}",
                  flush=True)
        size_mb = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
        pipe = _run_child(["--stages", args.stages, "--child", "pipeline", str(folder)],
                          work / f"cache_{n}_pipeline")
        print(f"[{n}] pipeline {json.dumps(pipe, ensure_ascii=False)}", flush=True)
        stream = _run_child(["--child", "stream", str(folder), str(work / f"all_{n}.parquet")],
                            work / f"cache_{n}_stream")
        print(f"[{n}] stream {json.dumps(stream, ensure_ascii=False)}", flush=True)
        results[n] = {"input_mb": size_mb, "pipeline": pipe, "stream": stream}
        shutil.rmtree(work / f"cache_{n}_pipeline", ignore_errors=True)
        shutil.rmtree(work / f"cache_{n}_stream", ignore_errors=True)

    print()
    print(_table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    if not args.keep and not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _table(results: dict[int, dict]) -> str:
    sizes = sorted(results)
    lines = []
    head = f"{'':28}" + "".join(f"{n:>12}" for n in sizes)
    if len(sizes) >= 2:
        head += f"{'ratio':>10}"
    lines.append(head)

    def row(label: str, values: list[float | None], fmt: str = "{:12.1f}", ratio: bool = True) -> None:
        cells = "".join(fmt.format(v) if v is not None else f"{'-':>12}" for v in values)
        r = ""
        if ratio and len(values) >= 2 and values[0] and values[-1] is not None:
            r = f"{values[-1] / values[0]:10.2f}"
        lines.append(f"{label:28}{cells}{r}")

    row("input MB", [results[n]["input_mb"] for n in sizes])
    pipes = [results[n]["pipeline"] for n in sizes]
    for stage in STAGES:
        vals = [p.get("seconds", {}).get(stage) for p in pipes]
        if any(v is not None for v in vals):
            row(f"{stage} s", vals)
    row("pipeline total s", [p.get("total_seconds") for p in pipes])
    row("pipeline peak RSS MB", [p.get("peak_rss_mb") for p in pipes])
    streams = [results[n]["stream"] for n in sizes]
    row("stream parse -> parquet s", [s.get("seconds") for s in streams])
    row("stream peak RSS MB", [s.get("peak_rss_mb") for s in streams])
    skipped = {k: v for p in pipes for k, v in p.get("skipped", {}).items()}
    for stage, why in skipped.items():
        lines.append(f"skipped {stage}: {why}")
    errors = [(n, k, results[n][k]["error"]) for n in sizes for k in ("pipeline", "stream")
              if "error" in results[n][k]]
    for n, k, e in errors:
        lines.append(f"ERROR [{n}] {k}: {e}")
    if len(sizes) >= 2 and not errors:
        t0, t1 = pipes[0]["total_seconds"], pipes[-1]["total_seconds"]
        ratio = t1 / t0
        peak = max(max(p["peak_rss_mb"] for p in pipes), max(s["peak_rss_mb"] for s in streams))
        n_ratio = sizes[-1] / sizes[0]
        lines.append(
            f"time ratio {sizes[-1]}/{sizes[0]} reports: {ratio:.2f} (x{n_ratio:g} the reports; target "
            f"<= {TARGET_RATIO * n_ratio / 3:g}) {'OK' if ratio <= TARGET_RATIO * n_ratio / 3 else 'OVER'}; "
            f"peak memory {peak:.0f} MB (target <= {TARGET_RSS_MB}) "
            f"{'OK' if peak <= TARGET_RSS_MB else 'OVER'}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
