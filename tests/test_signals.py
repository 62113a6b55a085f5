"""SIGTERM and Ctrl-C (SIGINT) in the middle of a run: no ``.part`` file, no half output, no traceback.

``consult parse`` streams a folder of many transcripts into one output: its temporary
``.<stem>.<pid>.part.csv`` exists from the first parsed file on. The signal is sent once it is
there, so the run is interrupted mid-way however fast the machine is.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from consult.output import atomic_output, write_table

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "kaist_2023_annual_report.txt"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def _interrupt(tmp_path: Path, sig: int) -> tuple[subprocess.CompletedProcess, list[Path]]:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(400):
        (folder / f"m{i:03}.txt").write_text(text, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-c", "from consult.cli import main; main()", "parse", str(folder),
           "-o", str(out_dir / "points.csv"), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 120
    while not list(out_dir.glob("*.part*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    assert list(out_dir.glob("*.part*")), "no .part file appeared"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), sorted(out_dir.iterdir())


def test_sigterm_removes_partial_output(tmp_path):
    done, left = _interrupt(tmp_path, signal.SIGTERM)
    assert done.returncode == 143
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == "consult: terminated (SIGTERM); no output was written"
    assert left == []  # neither the .part file nor a half-written points.csv


def test_ctrl_c_says_interrupted_and_exits_130(tmp_path):
    done, left = _interrupt(tmp_path, signal.SIGINT)
    assert done.returncode == 130
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == "consult: interrupted; no output was written"
    assert sum("interrupted" in ln for ln in lines) == 1
    assert left == []


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
def test_atomic_output_leaves_nothing_when_interrupted(tmp_path, error):
    target = tmp_path / "t.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(error), atomic_output(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]
    assert target.read_text(encoding="utf-8") == "old"  # the previous output is untouched


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json", ".parquet"])
def test_tables_are_written_through_a_part_file(tmp_path, suffix):
    target = tmp_path / f"t{suffix}"
    write_table(pd.DataFrame({"a": ["가", "=1"]}), target)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
