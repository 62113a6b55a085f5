"""The distribution is installed as ``consult-minutes`` (PyPI's ``consult`` is another project),
and every install hint in the code and the docs says so."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from consult.distribution import DIST_NAME, install_hint

ROOT = Path(__file__).resolve().parents[1]
#: ``pip install consult[...]`` / ``pip install 'consult[...]'`` (the README may still say that a
#: bare ``pip install consult`` installs the other project)
OLD_HINT = re.compile(r"""pip install\s+['"]?consult\[""")


def _files() -> list[str]:
    paths = [*ROOT.joinpath("consult").rglob("*.py"), *ROOT.joinpath("docs").rglob("*.md"),
             ROOT / "README.md", ROOT / "scripts" / "test.sh"]
    return sorted(str(p.relative_to(ROOT)) for p in paths)


def test_pyproject_names_the_distribution():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DIST_NAME == "consult-minutes"
    assert project["scripts"] == {"consult": "consult.cli:main"}  # the command keeps its name
    assert install_hint("office") == "pip install 'consult-minutes[office]'"


@pytest.mark.parametrize("rel", _files())
def test_no_hint_names_the_other_package(rel):
    text = (ROOT / rel).read_text(encoding="utf-8")
    assert not OLD_HINT.search(text), f"{rel}: {OLD_HINT.search(text).group(0)!r}"
