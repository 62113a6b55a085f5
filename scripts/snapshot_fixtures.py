"""Parse every test fixture at every ``--level`` and print a SHA-256 per output.

The sibling of ``scripts/snapshot_outputs.sh`` (which runs it after the commands on the sample):
a refactor of the parser must leave every line of this listing as it was, except the outputs of
the bug fixes it names. Only the public API is used (``consult.load``, ``consult.write_table``,
``consult.inspect_file``), so the same script runs before and after a refactor.

For each input file (every fixture under ``tests/fixtures`` a reader accepts, and the bundled
data under ``examples/data``) the listing has one line per parse level (the CSV that ``consult
parse FILE --level LEVEL`` writes), one for the attendees, one for the parser's warnings and one
for the ``consult inspect`` text; a file that cannot be loaded gives its error instead.

    python scripts/snapshot_fixtures.py OUTDIR > fixtures.txt
"""

from __future__ import annotations

import hashlib
import sys
import warnings
from pathlib import Path

import consult
from consult.schema import PARSE_LEVELS

ROOT = Path(__file__).resolve().parent.parent
INPUT_SUFFIXES = {".txt", ".pdf", ".hwpx", ".hwp", ".docx", ".dat"}


def inputs() -> list[Path]:
    found = [p for base in (ROOT / "tests" / "fixtures", ROOT / "examples" / "data")
             for p in base.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES]
    return sorted(found, key=lambda p: p.relative_to(ROOT).as_posix())


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}".replace(str(ROOT), "<root>")


def snapshot(path: Path, out: Path) -> list[tuple[str, str]]:
    rel = path.relative_to(ROOT).as_posix()
    rows: list[tuple[str, str]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            corpus = consult.load(path)
        except Exception as exc:  # noqa: BLE001 - the error is part of the listing
            rows.append((f"{rel} load", digest(one_line(exc).encode())))
            corpus = None
        if corpus is not None:
            for level in PARSE_LEVELS:
                target = out / f"{rel.replace('/', '__')}.{level}.csv"
                consult.write_table(corpus.table(level), target)
                rows.append((f"{rel} {level}", digest(target.read_bytes())))
            target = out / f"{rel.replace('/', '__')}.participants.csv"
            consult.write_table(corpus.participants, target)
            rows.append((f"{rel} participants", digest(target.read_bytes())))
            rows.append((f"{rel} warnings", digest("\n".join(corpus.warnings).encode())))
        try:
            text = consult.inspect_file(path).text()
        except Exception as exc:  # noqa: BLE001
            text = one_line(exc)
        rows.append((f"{rel} inspect", digest(text.replace(str(ROOT), "<root>").encode())))
    return rows


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("snapshot_fixtures")
    out.mkdir(parents=True, exist_ok=True)
    for path in inputs():
        for name, h in snapshot(path, out):
            print(f"{h}  fixture:{name}")


if __name__ == "__main__":
    main()
