"""``import consult`` is light, and every documented name and subpackage is reachable from it."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "bertopic", "sentence_transformers", "kiwipiepy", "sklearn", "matplotlib")


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=120).stdout.strip()


def test_import_consult_loads_no_heavy_library():
    out = _run(f"import sys, consult; print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    assert out == "[]"


def test_subpackages_are_reachable_right_after_import_consult():
    out = _run("import consult; print(consult.explore.write_browser.__name__, "
               "len(consult.findings.KINDS), consult.lexicon.__name__)")
    assert out == "write_browser 7 consult.lexicon"


def test_every_public_name_resolves():
    import consult

    for name in consult.__all__:
        assert getattr(consult, name) is not None, name
    assert set(consult._SUBPACKAGES) <= set(dir(consult))
