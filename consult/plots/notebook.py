"""Figures shown inline in Jupyter: consult draws without pyplot, so it registers a PNG printer.

In a Jupyter kernel whose display formatters know no image printer for ``Figure``,
:func:`_ensure_inline_display` (called by :func:`consult.plots.figure.new_figure`) adds the PNG
printer IPython's inline backend uses; outside a notebook it does nothing.

    >>> _in_notebook()
    False
    >>> _ensure_inline_display()   # outside a kernel: nothing to do
"""

from __future__ import annotations

import sys
from typing import Any


def _in_notebook() -> bool:
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:  # noqa: BLE001
        return False
    return shell is not None and getattr(shell, "kernel", None) is not None


_INLINE_READY = False
#: Formatters that can show a ``Figure`` in a notebook; if none has a printer, PNG is added.
_FIGURE_MIMETYPES = ("image/png", "image/svg+xml", "image/jpeg", "application/pdf")


def _has_figure_printer(shell: Any, figure_type: type) -> bool:
    formatters = shell.display_formatter.formatters
    for mime in _FIGURE_MIMETYPES:
        formatter = formatters.get(mime)
        if formatter is None:
            continue
        try:  # IPython's ``lookup_by_type`` raises KeyError when nothing is registered
            formatter.lookup_by_type(figure_type)
        except KeyError:
            continue
        return True
    return False


def _ensure_inline_display() -> None:
    """In a Jupyter kernel, make bare ``Figure`` objects display as PNG.

    consult draws without pyplot, so matplotlib's inline backend never registers its figure
    formatter in a fresh kernel and a returned figure would print as ``<Figure ...>``. If no
    image formatter knows ``Figure`` (``%matplotlib inline`` or ``%config
    InlineBackend.figure_formats`` registers one), consult registers the PNG printer IPython's
    inline backend uses; a user's own choice (SVG, retina) is left alone.
    """
    global _INLINE_READY
    if _INLINE_READY or not _in_notebook():
        return
    _INLINE_READY = True
    try:
        import IPython
        from IPython.core.pylabtools import print_figure
        from matplotlib.figure import Figure as _Figure

        shell = IPython.get_ipython()
        if not _has_figure_printer(shell, _Figure):
            shell.display_formatter.formatters["image/png"].for_type(
                _Figure, lambda fig: print_figure(fig, "png", bbox_inches="tight")
            )
    except Exception:  # noqa: BLE001 - display is a nicety, never an error
        pass
