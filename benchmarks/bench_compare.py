"""Benchmark ``consult.compare`` on the bundled sample and on a 100-copy corpus.

    python benchmarks/bench_compare.py [--copies 100] [--repeat 3]

Target (issue 4): compare on the sample in at most 5 s in-process, after tokenization.
Tokenization, theme fitting and parsing are timed separately and are not part of the target.
The 100-copy corpus is the sample text concatenated 100 times into one file; its theme
assignments are copied from the sample's (by identical question and answer text), so that the
number measured is the comparison, not a second theme fit.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "examples" / "data" / "kaist_2023_annual_report.txt"
TARGET_S = 5.0


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def theme_assignments(corpus):
    """A fitted ThemeModel when consult.themes exists, else question-number themes (marked)."""
    import pandas as pd

    try:
        from consult.themes import ThemeModel
    except ImportError:
        q = corpus.questions
        fake = pd.DataFrame({"question_id": q["question_id"], "theme_id": q["question_no"] % 7})
        return fake, None, "question_no % 7 (consult.themes not available)"
    model, seconds = timed(ThemeModel(random_state=0).fit, corpus)
    return model, seconds, "ThemeModel(random_state=0)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    warnings.simplefilter("ignore")
    import pandas as pd

    import consult
    from consult.comparison import compare
    from consult.comparison.inputs import _default_tokens

    corpus, t_load = timed(consult.load, SAMPLE)
    tokens, t_tok = timed(_default_tokens, corpus, "answer")
    themes, t_fit, how = theme_assignments(corpus)
    times = []
    for _ in range(args.repeat):
        cmp, t = timed(compare, corpus, themes=themes, tokens=tokens)
        times.append(t)
    best = min(times)
    print(f"sample: {len(corpus.transcripts)} transcripts, {len(corpus.questions)} questions, "
          f"{sum(map(len, tokens))} tokens")
    print(f"  load {t_load:.2f} s, tokens {t_tok:.2f} s (cached after the first run), "
          f"themes {'-' if t_fit is None else f'{t_fit:.2f} s'} [{how}]")
    print(f"  compare: best {best:.3f} s, runs " + ", ".join(f"{t:.3f}" for t in times)
          + f"  (target <= {TARGET_S:.0f} s: {'PASS' if best <= TARGET_S else 'FAIL'})")
    print(f"  tables: {cmp!r}")

    if args.copies > 1:
        # theme of each (question, answer) in the sample, copied onto the big corpus
        assign = themes.assignments_ if hasattr(themes, "assignments_") else themes
        q = corpus.questions
        theme_of = dict(zip(
            zip(q["question"], q["answer"], strict=True),
            q["question_id"].map(assign.drop_duplicates("question_id").set_index("question_id")["theme_id"]),
            strict=True,
        ))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"sample_x{args.copies}.txt"
            text = SAMPLE.read_text(encoding="utf-8")
            path.write_text(text * args.copies, encoding="utf-8")
            big, t_load = timed(consult.load, path)
        big_tokens, t_tok = timed(_default_tokens, big, "answer")
        bq = big.questions
        big_assign = pd.DataFrame({
            "question_id": bq["question_id"],
            "theme_id": [theme_of.get(k) for k in zip(bq["question"], bq["answer"], strict=True)],
        }).dropna()
        cmp, t = timed(compare, big, themes=big_assign, tokens=big_tokens)
        print(f"{args.copies} copies: {len(big.transcripts)} transcripts, {len(bq)} questions, "
              f"{sum(map(len, big_tokens))} tokens")
        print(f"  load {t_load:.1f} s, tokens {t_tok:.1f} s")
        print(f"  compare: {t:.2f} s")
        print(f"  tables: {cmp!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
