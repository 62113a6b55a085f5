"""Run one function in a forked child process while this one goes on (POSIX, 2+ cores).

    >>> child = Child.start(lambda: sum(range(10)))   # doctest: +SKIP
    >>> child.result()   # after working here meanwhile  # doctest: +SKIP
    45

Used where the second core pays off and nothing needs sharing but the result: tokenizing with
Kiwi while the report command imports its libraries (:mod:`consult.prefetch`), and half the
theme-stability refits (:mod:`consult.themes.levels`). The result — plain JSON data (dicts,
lists, strings, numbers; no pickle) — travels back through a pipe; the child exits with
``os._exit`` (no cleanup, no flushing of this process's buffers).
:meth:`Child.result` returns ``None`` when the child failed, and the caller then does the work
itself, so a child changes only the time a step takes, never its result.

:func:`fork_ok` says when forking is safe: ``os.fork`` exists, there are at least two cores,
and on Python 3.12+ (which warns about forking a threaded process) no other thread runs.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["Child", "fork_ok"]


def fork_ok() -> bool:
    """Whether a child may be forked here to run alongside this process."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return False
    if sys.version_info >= (3, 12):
        try:
            return len(os.listdir("/proc/self/task")) == 1
        except OSError:
            return False
    return True


class Child:
    """A forked child computing ``fn()`` (JSON data) — or, with ``parts=True``, each item ``fn()``
    yields, sent as soon as it is made; :meth:`result` waits for the next one."""

    def __init__(self, pid: int, read: int):
        self.pid = pid
        self._fh: Any = os.fdopen(read, "rb")

    @classmethod
    def start(cls, fn: Callable[[], Any], parts: bool = False) -> Child | None:
        """Fork a child running ``fn`` (``None`` if forking failed)."""
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid == 0:  # the child: compute, send (one JSON line a part), exit without any cleanup
            try:
                os.close(read)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's handler
                from . import progress

                progress.set_enabled(False)
                with os.fdopen(write, "wb") as fh:
                    for part in (fn() if parts else [fn()]):
                        fh.write(json.dumps(part, ensure_ascii=True).encode("ascii") + b"\n")
                        fh.flush()
            finally:
                os._exit(0)
        os.close(write)
        return cls(pid, read)

    def result(self) -> Any | None:
        """The child's (next) result, or ``None`` if it failed or sent everything (the caller
        then does the work)."""
        if self._fh is None:
            return None
        line = self._fh.readline()
        try:
            if line.endswith(b"\n"):
                return json.loads(line)
        except ValueError:  # a broken result: the caller computes it here
            pass
        self.close()
        return None

    def close(self) -> None:
        """Stop reading (a child still writing ends) and wait for the child to exit."""
        if self._fh is None:
            return
        self._fh.close()
        self._fh = None
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped elsewhere
            pass
