"""Progress bars that show only on a terminal and can be switched off.

    >>> with progress(total=3, desc="work", enabled=False) as bar:
    ...     bar.update(3)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_DISABLED = False


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
    return sys.stderr.isatty()


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
