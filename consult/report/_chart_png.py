"""A report's charts drawn to PNG bytes: in forked workers when that pays off, else one by one.

:class:`consult.report.builder.Report` asks for its charts once (``Report.png``); each chart is a
function returning a matplotlib figure (:mod:`consult.report._charts`), drawn by
:func:`consult.plots.figure_png`.

    >>> from consult.plots import new_figure
    >>> pngs = render_charts({"blank": lambda: new_figure(1, 1)}, 50, tick=lambda: None)
    >>> list(pngs), pngs["blank"][:4]
    (['blank'], b'\\x89PNG')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..forked import fork_ok
from ..plots import figure_png, new_figure

__all__ = ["render_charts"]

_JOBS: tuple[list[Callable], int] | None = None  # read by forked chart workers


def _quiet_worker() -> None:
    """A chart worker ends quietly when the pool is closed (``Pool.__exit__`` sends SIGTERM):
    the CLI's SIGTERM handler, inherited through fork, would print a traceback per worker."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _render_one(i: int) -> bytes:
    draws, dpi = _JOBS  # type: ignore[misc]
    return figure_png(draws[i](), dpi=dpi)


def _fork_ok(n_charts: int, workers: int | None) -> int:
    """How many forked workers to draw charts with (0: draw here).

    Forking copies the loaded process (data, fonts, matplotlib) for free on Linux; it is used
    with enough charts and where :func:`consult.forked.fork_ok` says forking is safe (the one
    test of that, shared with the theme refits).
    """
    import multiprocessing as mp
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    want = min(cores, 4) if workers is None else workers
    if want < 2 or n_charts < 4 or "fork" not in mp.get_all_start_methods() or not fork_ok():
        return 0
    return min(want, n_charts)


def render_charts(charts: dict[str, Callable], dpi: int, tick: Callable[[], Any],
                   workers: int | None = None, meanwhile: Callable[[], Any] | None = None
                   ) -> dict[str, bytes]:
    """Draw every chart to PNG bytes: in forked workers when that pays off, else one by one;
    ``meanwhile()`` runs here while the workers draw (after drawing without them)."""
    global _JOBS
    names = list(charts)
    n = _fork_ok(len(names), workers)
    if n:
        import gc
        import multiprocessing as mp

        new_figure(1, 1)  # import matplotlib and register the fonts once, before forking
        _JOBS = ([charts[k] for k in names], dpi)
        gc.freeze()  # keep the collector in the workers from touching (and copying) every page
        try:
            out: dict[str, bytes] = {}
            with mp.get_context("fork").Pool(n, initializer=_quiet_worker) as pool:
                drawn = pool.imap(_render_one, range(len(names)))  # the workers start now
                if meanwhile is not None:
                    meanwhile, run = None, meanwhile
                    run()
                for name, png in zip(names, drawn, strict=True):
                    out[name] = png
                    tick()
            return out
        except Exception:  # noqa: BLE001 - any trouble with processes: draw here instead
            pass
        finally:
            _JOBS = None
            gc.unfreeze()
    out = {}
    for name in names:
        out[name] = figure_png(charts[name](), dpi=dpi)
        tick()
    if meanwhile is not None:
        meanwhile()
    return out
