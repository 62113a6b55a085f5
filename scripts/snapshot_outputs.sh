#!/usr/bin/env bash
# Run every consult command on the bundled sample and print a SHA-256 per output file; then parse
# every test fixture at every --level (scripts/snapshot_fixtures.py) and print theirs.
# Used to show that a refactor changes no output: run it before and after, then diff the two
# listings (`bash scripts/snapshot_outputs.sh OUTDIR > before.txt`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
export SOURCE_DATE_EPOCH=1700000000  # the .qdpx records its creation time otherwise
mkdir -p "$out"
s=examples/data/kaist_2023_annual_report.txt
for level in point question transcript summary coverage residue; do
  consult parse "$s" --level "$level" -o "$out/parse_$level.csv" -q 2>/dev/null
done
consult themes "$s" -o "$out/themes.csv" -q 2>/dev/null
consult compare "$s" -o "$out/compare.xlsx" -q 2>/dev/null
consult compare "$s" -o "$out/compare_terms.csv" -q 2>/dev/null
consult report "$s" -o "$out/report.html" -o "$out/report.md" -o "$out/report.xlsx" -q 2>/dev/null
consult export "$s" -o "$out/project.qdpx" -q 2>/dev/null
consult export "$s" --level question -o "$out/export_q.csv" -q 2>/dev/null
consult export "$s" --format presence -o "$out/presence.csv" -q 2>/dev/null
# xlsx files carry a creation time: compare their sheets as CSV instead
python - "$out" <<'PY'
import sys, pathlib, pandas as pd
out = pathlib.Path(sys.argv[1])
for x in sorted(out.glob("*.xlsx")):
    for name, df in pd.read_excel(x, sheet_name=None).items():
        df.to_csv(out / f"{x.stem}__{name}.csv", index=False)
PY
# every fixture (tests/fixtures/…, examples/data/…) at every --level, its attendees, warnings and
# `consult inspect` text (scripts/snapshot_fixtures.py), after the sample's outputs
python scripts/snapshot_fixtures.py "$out/fixtures" > "$out/fixtures.txt"
# NUL-separated: sheet names hold spaces (compare__같은 질문 답변.csv)
(cd "$out" && find . -type f ! -name '*.xlsx' ! -path './fixtures/*' ! -name fixtures.txt -print0 \
  | sort -z | xargs -0 sha256sum)
cat "$out/fixtures.txt"
