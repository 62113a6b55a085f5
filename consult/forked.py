"""Run one function in a forked child process while this one goes on (POSIX, 2+ cores).

    >>> child = Child.start(lambda: sum(range(10)))   # doctest: +SKIP
    >>> child.result()   # after working here meanwhile  # doctest: +SKIP
    45

Used where the second core pays off and nothing needs sharing but the result: half the
theme-stability refits (:mod:`consult.themes.levels`; a cold ``consult report`` 16 % faster,
docs/scaling.md). The result — plain JSON data (dicts,
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
    yields, sent as soon as it is made; :meth:`result` waits for the next one. With
    ``inbox=True``, ``fn`` is called with a function returning the next object :meth:`send`
    gives the child (``None`` once this process closed the inbox or ended), so a child can
    start on what it can do alone (load a library) before its input is known."""

    def __init__(self, pid: int, read: int, inbox: int | None = None):
        self.pid = pid
        self._fh: Any = os.fdopen(read, "rb")
        self._inbox: Any = os.fdopen(inbox, "wb") if inbox is not None else None

    @classmethod
    def start(cls, fn: Callable[..., Any], parts: bool = False, inbox: bool = False) -> Child | None:
        """Fork a child running ``fn`` (``None`` if forking failed)."""
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        box = os.pipe() if inbox else None
        try:
            pid = os.fork()
        except OSError:
            for fd in (read, write, *(box or ())):
                os.close(fd)
            return None
        if pid == 0:  # the child: compute, send (one JSON line a part), exit without any cleanup
            try:
                os.close(read)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's handler
                from . import progress

                progress.set_enabled(False)
                args: tuple[Any, ...] = ()
                if box is not None:
                    os.close(box[1])
                    args = (_receiver(os.fdopen(box[0], "rb")),)
                with os.fdopen(write, "wb") as fh:
                    for part in (fn(*args) if parts else [fn(*args)]):
                        fh.write(json.dumps(part, ensure_ascii=True).encode("ascii") + b"\n")
                        fh.flush()
            finally:
                os._exit(0)
        os.close(write)
        if box is not None:
            os.close(box[0])
        return cls(pid, read, box[1] if box is not None else None)

    def send(self, obj: Any) -> bool:
        """Give the child (started with ``inbox=True``) one JSON object; False if it is gone.

        The object goes into a private temporary file whose name is sent, so a large one never
        blocks this process on a full pipe while the child is still busy (loading a library);
        the child reads and deletes the file."""
        if self._inbox is None:
            return False
        import tempfile

        name = None
        try:
            fd, name = tempfile.mkstemp(prefix="consult-", suffix=".json")  # mode 0600
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass"))
            self._inbox.write(json.dumps({"file": name}).encode("ascii") + b"\n")
            self._inbox.flush()
            return True
        except OSError:  # the child ended (broken pipe), or no temporary file
            if name is not None:
                try:
                    os.unlink(name)
                except OSError:
                    pass
            return False

    def stop(self) -> None:
        """End the child now, whatever it is doing (its results are not wanted)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:  # pragma: no cover - already gone
            pass
        self.close()

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
        if self._inbox is not None:
            try:
                self._inbox.close()
            except OSError:  # pragma: no cover - the child ended
                pass
            self._inbox = None
        if self._fh is None:
            return
        self._fh.close()
        self._fh = None
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped elsewhere
            pass


def _receiver(fh: Any) -> Callable[[], Any]:
    """The child's side of the inbox: each call reads one JSON line (``None`` at its end)."""

    def receive() -> Any:
        line = fh.readline()
        try:
            note = json.loads(line) if line.endswith(b"\n") else None
            if not isinstance(note, dict) or not isinstance(note.get("file"), str):
                return None
            path = note["file"]
            try:
                with open(path, "rb") as data:
                    return json.loads(data.read().decode("utf-8", "surrogatepass"))
            finally:
                os.unlink(path)
        except (OSError, ValueError):
            return None

    return receive
