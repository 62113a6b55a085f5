"""Every example (``examples/*.py`` scripts and ``*.ipynb`` notebooks) runs without error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))


def test_there_are_examples():
    assert (EXAMPLES / "walkthrough.py").is_file()


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_script_runs(script, tmp_path):
    env = {**os.environ, "MPLBACKEND": "Agg", "CONSULT_QUIET": "1", "TMPDIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, f"{script.name} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stderr
    assert not list(tmp_path.glob("consult-*")), "the example left a folder in the temporary directory"


def test_there_is_a_notebook():
    assert (EXAMPLES / "walkthrough.ipynb").is_file()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(notebook, tmp_path):
    """Execute the notebook in a fresh kernel, as a user would open it; cells tagged ``chart``
    must show their figure as an image (no ``%matplotlib inline`` in the notebook)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(notebook, as_version=4)
    # a user's kernel: no MPLBACKEND=Agg from conftest (ipykernel picks its inline backend)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(CONSULT_QUIET="1", TMPDIR=str(tmp_path))
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(notebook.parent)}})
    client.execute(env=env)
    charts = [c for c in nb.cells if "chart" in c.get("metadata", {}).get("tags", [])]
    if notebook.name == "walkthrough.ipynb":
        assert len(charts) >= 4
    for cell in charts:
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        shown = [o.get("data", {}).get("text/plain") for o in cell.outputs]
        assert images, f"chart cell shows no image: {cell.source!r} -> {shown}"
        assert len(images[0]["data"]["image/png"]) > 1000  # base64 of a real PNG
        # a chart, not the one-line "nothing to draw" figure (e.g. terms of a counts-only area)
        assert _png_height(images[0]["data"]["image/png"]) > 250, cell.source
    tables = [o["data"]["text/plain"] for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if "text/plain" in o.get("data", {})]
    assert not [t for t in tables if "NaN" in t], "a table of NaN is no demonstration"
    assert not list(tmp_path.glob("consult-*")), "the notebook left a folder in the temporary directory"


def _png_height(b64: str) -> int:
    import base64

    head = base64.b64decode(b64[:64])
    return int.from_bytes(head[20:24], "big")  # IHDR: width at 16, height at 20


def test_walkthrough_cells_are_marked():
    text = (EXAMPLES / "walkthrough.py").read_text(encoding="utf-8")
    cells = text.count("# %%")
    assert cells >= 10 and "# %% [markdown]" in text
