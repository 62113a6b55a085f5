"""Every docstring example of the package runs and says what it shows (doctest).

One test per module of ``consult``: a module that cannot be imported fails here too. Examples
that need data or optional parts carry ``# doctest: +SKIP``; the others run from the repository
root, where ``examples/data`` and ``tests/fixtures`` are.
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
from pathlib import Path

import pytest

import consult

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(info.name for info in pkgutil.walk_packages(consult.__path__, "consult.")
                 if not info.name.endswith("__main__"))


def test_every_module_is_found():
    assert {"consult.lexicon", "consult.parse.shapes", "consult.people.speakers"} <= set(MODULES)


@pytest.mark.parametrize("name", ["consult", *MODULES])
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner()
    out = io.StringIO()
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, name):
        runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()
