"""Progress bars and stage lines that show only on a terminal and can be switched off.

    >>> with progress(total=3, desc="work", enabled=False) as bar:
    ...     bar.update(3)

A long command runs in named stages (:data:`STAGES`: parse, tokenize, themes, compare, charts,
write); :func:`stage` announces each one on stderr (``consult: [2/6] tokenize …``) where bars
show, and tells the listeners added with :func:`add_stage_listener` in every case (a test, or a
benchmark timing the stages)::

    >>> seen = []
    >>> add_stage_listener(seen.append)
    >>> with stage("parse", enabled=False):
    ...     pass
    >>> remove_stage_listener(seen.append); seen
    ['parse']

``CONSULT_PROGRESS=1`` shows bars and stage lines even off a terminal (a log file, CI);
``--quiet``, :func:`set_enabled` and ``CONSULT_QUIET=1`` still switch them off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_DISABLED = False
#: the stages of a long command, in the order they run (a command may skip some)
STAGES = ("parse", "tokenize", "themes", "compare", "charts", "write")
_LISTENERS: list[Callable[[str], object]] = []


def set_enabled(enabled: bool) -> None:
    """Switch all progress bars on or off for this process (the CLI's ``--quiet``)."""
    global _DISABLED
    _DISABLED = not enabled


def bars_enabled(enabled: bool | None = None) -> bool:
    """Whether bars show: never when disabled, under ``CONSULT_QUIET=1`` or off a terminal."""
    if enabled is not None:
        return enabled and not _DISABLED
    if _DISABLED or os.environ.get("CONSULT_QUIET") == "1":
        return False
    return os.environ.get("CONSULT_PROGRESS") == "1" or sys.stderr.isatty()


def add_stage_listener(listener: Callable[[str], object]) -> None:
    """Call ``listener(name)`` at the start of every stage (see :func:`stage`)."""
    _LISTENERS.append(listener)


def remove_stage_listener(listener: Callable[[str], object]) -> None:
    """Stop calling a listener added with :func:`add_stage_listener` (no error if absent)."""
    if listener in _LISTENERS:
        _LISTENERS.remove(listener)


@contextmanager
def stage(name: str, enabled: bool | None = None) -> Iterator[None]:
    """Mark the start of a stage: tell the listeners, and say so on stderr where bars show."""
    for listener in list(_LISTENERS):
        listener(name)
    if bars_enabled(enabled):
        number = f"[{STAGES.index(name) + 1}/{len(STAGES)}] " if name in STAGES else ""
        sys.stderr.write(f"consult: {number}{name} …\n")
        sys.stderr.flush()
    yield


class _NullBar:
    def update(self, n: int = 1) -> None:  # noqa: D401 - same API as tqdm
        pass

    def set_description(self, desc: str) -> None:
        pass


@contextmanager
def progress(total: int | None = None, desc: str = "", enabled: bool | None = None) -> Iterator[Any]:
    """A tqdm bar on stderr, or a no-op object with the same ``update``/``set_description``."""
    if not bars_enabled(enabled):
        yield _NullBar()
        return
    from tqdm.auto import tqdm

    bar = tqdm(total=total, desc=desc, file=sys.stderr, leave=False)
    try:
        yield bar
    finally:
        bar.close()
