"""Parse speed and memory on the bundled sample (a benchmark, not a timed test).

    python benchmarks/bench_parse.py [--sample PATH] [--copies 100] [--repeat 5]

Reports, against the targets of the parser issue:

* parse time of the sample in-process (``consult.load``; best of ``--repeat`` runs after one
  warm-up run that pays the imports)                                   target <= 0.2 s
* throughput on a corpus of ``--copies`` copies of the sample (one folder, one
  ``consult.load``), and on a quarter and a half of it to show the time grows linearly
                                                                          target >= 5 MB/s
* peak Python memory (tracemalloc) while parsing one sample, and while parsing the whole
  corpus, as a multiple of the input size (per file for a folder, since files are parsed one
  by one), plus the process's peak RSS                                   target <= 10x input

Exit status 0 always: the numbers are for the closing note, not a gate.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_synthetic import find_sample  # noqa: E402  (the one sample lookup)

MB = 1024 * 1024


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def peak_traced(fn) -> tuple[int, object]:
    gc.collect()
    tracemalloc.start()
    try:
        out = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", help="the sample report (default: the bundled one)")
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    t_import0 = time.perf_counter()
    import consult
    from consult.errors import ConsultWarning

    warnings.simplefilter("ignore", ConsultWarning)
    load = consult.load
    t_import = time.perf_counter() - t_import0

    sample = find_sample(args.sample)
    size = sample.stat().st_size
    print(f"sample: {sample} ({size / 1024:.0f} KB); load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores (timings grow when the machine is busy)")

    t_first, corpus = timed(lambda: load(sample))
    t_best, corpus = timed(lambda: load(sample), args.repeat)
    n_tr, n_q, n_p = len(corpus.transcripts), len(corpus.questions), len(corpus.points)
    t_cov, _ = timed(lambda: load(sample).coverage(), 1)
    print(f"import consult + load: {t_import:.3f} s; first load (warm-up) {t_first:.3f} s")
    print(f"parse time, sample in-process: {t_best:.3f} s (best of {args.repeat})"
          f"  [{n_tr} transcripts, {n_q} questions, {n_p} points]  target <= 0.2 s: "
          f"{'OK' if t_best <= 0.2 else 'MISSED'}")
    print(f"  load + coverage(): {t_cov:.3f} s;  {size / MB / t_best:.1f} MB/s on one file")

    peak_one, _ = peak_traced(lambda: load(sample))
    print(f"peak traced memory, one sample: {peak_one / MB:.1f} MB = {peak_one / size:.1f}x input"
          f"  target <= 10x: {'OK' if peak_one <= 10 * size else 'MISSED'}")

    tmp = Path(tempfile.mkdtemp(prefix="consult-bench-"))
    try:
        results = []
        sizes = sorted({max(1, args.copies // 4), max(1, args.copies // 2), args.copies})
        for k in sizes:
            folder = tmp / f"c{k}"
            folder.mkdir()
            for i in range(k):
                shutil.copyfile(sample, folder / f"report_{i:04d}.txt")
            total = k * size
            t, c = timed(lambda folder=folder: load(folder), 1)
            results.append((k, total, t, len(c.points)))
            print(f"corpus of {k:4d} copies ({total / MB:6.1f} MB): {t:6.2f} s = "
                  f"{total / MB / t:5.1f} MB/s, {t / k * 1000:.1f} ms/copy, {len(c.points)} points")
        k, total, t, _ = results[-1]
        print(f"throughput on {k} copies: {total / MB / t:.1f} MB/s  target >= 5 MB/s: "
              f"{'OK' if total / MB / t >= 5 else 'MISSED'}")
        (k0, _, t0, _), (k1, _, t1, _) = results[0], results[-1]
        ratio = (t1 / t0) / (k1 / k0)
        print(f"linearity: time x{t1 / t0:.2f} for data x{k1 / k0:.0f} "
              f"(ratio {ratio:.2f}; 1.00 = linear)")

        folder = tmp / f"c{args.copies}"
        peak_all, _ = peak_traced(lambda: load(folder))
        print(f"peak traced memory, {args.copies} copies: {peak_all / MB:.1f} MB = "
              f"{peak_all / (args.copies * size):.2f}x the corpus, "
              f"{peak_all / size:.1f}x one file")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(f"peak RSS of this process: {rss:.0f} MB (includes Python, pandas and the results)")


if __name__ == "__main__":
    main()
