"""The name consult is installed under, and the install hints that use it.

The PyPI name ``consult`` belongs to an unrelated project, so this library is distributed as
``consult-minutes``; the module (``import consult``) and the command (``consult``) keep their
names.

    >>> install_hint("office")
    "pip install 'consult-minutes[office]'"
"""

from __future__ import annotations

__all__ = ["DIST_NAME", "install_hint"]

#: The distribution name (``pip install consult-minutes``, ``importlib.metadata.version(...)``).
DIST_NAME = "consult-minutes"


def install_hint(extra: str | None = None) -> str:
    """The pip command that installs consult, with ``extra`` (``"office"``, ``"bertopic"``)."""
    target = f"{DIST_NAME}[{extra}]" if extra else DIST_NAME
    return f"pip install '{target}'"
