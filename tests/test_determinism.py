"""Same inputs and settings, same bytes: across processes, hash seeds and thread counts.

Each run happens in a fresh Python process (``subprocess``) with its own ``PYTHONHASHSEED``,
BLAS/OpenMP thread count and empty token cache, so nothing can be shared through memory or
the cache. Compared:

* ``consult parse`` output of one file (CSV, Parquet, JSON at every level) and of a folder
  (the streamed path: CSV, Parquet, JSON);
* theme assignments and theme tables of ``ThemeModel(random_state=0)`` and the tables of
  ``compare()`` on the sample (skipped, with the reason, while those stages are not built);
* ``consult themes`` output when that command exists.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ROOT / "tests" / "fixtures" / "variants"

#: two settings as different as a user's two runs can be
SETTINGS = [
    {"PYTHONHASHSEED": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"},
    {"PYTHONHASHSEED": "987654321", "OMP_NUM_THREADS": "2", "OPENBLAS_NUM_THREADS": "2",
     "MKL_NUM_THREADS": "2"},
]


def _env(tmp: Path, run: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONHASHSEED", "CONSULT_"))}
    env.update(SETTINGS[run])
    env["CONSULT_CACHE_DIR"] = str(tmp / f"cache{run}")  # each process tokenizes afresh
    env["CONSULT_QUIET"] = "1"
    env["MPLBACKEND"] = "Agg"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    code = "import sys; from consult.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=900)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_PARSE_SCRIPT = r"""
import json, sys
from consult.cli import main
for args in json.loads(sys.argv[1]):
    try:
        main(["parse", *args], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            raise
"""


def test_parse_output_is_byte_identical_across_processes(tmp_path, sample_path):
    """Every level and format of one file, and a streamed folder, in one process per run."""
    folder = tmp_path / "in"
    folder.mkdir()
    for src in sorted(VARIANTS.glob("*.txt")):
        shutil.copy(src, folder / src.name)
    names = [f"{level}.{fmt}" for level in ("point", "question", "transcript", "summary", "coverage")
             for fmt in ("csv", "parquet", "json")]
    digests: list[dict[str, str]] = []
    for run in (0, 1):
        out = tmp_path / f"out{run}"
        out.mkdir()
        jobs = [[str(sample_path), "--level", n.split(".")[0], "-o", str(out / n)] for n in names]
        jobs += [[str(folder), "-o", str(out / f"folder.{fmt}")] for fmt in ("csv", "parquet", "json")]
        res = subprocess.run([sys.executable, "-c", _PARSE_SCRIPT, json.dumps(jobs)],
                             env=_env(tmp_path, run), cwd=tmp_path, capture_output=True,
                             text=True, timeout=900)
        assert res.returncode == 0, res.stderr[-2000:]
        digests.append({p.name: _digest(p) for p in sorted(out.iterdir())})
    assert len(digests[0]) == len(names) + 3
    differ = [name for name in digests[0] if digests[0][name] != digests[1].get(name)]
    assert not differ, f"outputs differ between runs: {differ}"


_THEMES_SCRIPT = r"""
import hashlib, json, sys, warnings
warnings.simplefilter("ignore")
import consult
from consult.themes import ThemeModel
corpus = consult.load(sys.argv[1])
model = ThemeModel(random_state=0).fit(corpus)
out = {
    "assignments": model.assignments_[["question_id", "theme_id"]].astype(str).values.tolist(),
    "points": model.point_assignments_.astype(str).values.tolist(),
    "themes": model.themes_[["theme_id", "label", "size"]].astype(str).values.tolist(),
    "keywords": [list(map(str, k)) for k in model.themes_["keywords"]],
}
from consult.comparison import compare
comp = compare(corpus, themes=model, n_boot=200, random_state=0)
out["compare"] = {name: hashlib.sha256(df.to_csv(index=False).encode()).hexdigest()
                  for name, df in comp.tables().items()}
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def test_theme_assignments_are_identical_across_processes(tmp_path, sample_path):
    results = []
    for run in (0, 1):
        res = subprocess.run([sys.executable, "-c", _THEMES_SCRIPT, str(sample_path)],
                             env=_env(tmp_path, run), cwd=tmp_path, capture_output=True,
                             text=True, timeout=1800)
        assert res.returncode == 0, res.stderr[-2000:]
        results.append(json.loads(res.stdout))
    a, b = results
    assert len(a["assignments"]) > 100
    assert a["assignments"] == b["assignments"], "theme assignments differ between processes"
    assert a["points"] == b["points"]
    assert a["themes"] == b["themes"] and a["keywords"] == b["keywords"]
    differ = [k for k in a["compare"] if a["compare"][k] != b["compare"].get(k)]
    assert not differ, f"compare tables differ between processes: {differ}"


def test_themes_command_is_byte_identical_across_processes(tmp_path, sample_path):
    digests = []
    for run in (0, 1):
        out = tmp_path / f"themes{run}.csv"
        res = _cli(["themes", str(sample_path), "-o", str(out)], _env(tmp_path, run), tmp_path)
        assert res.returncode == 0, res.stderr[-2000:]
        digests.append(_digest(out))
    assert digests[0] == digests[1]
