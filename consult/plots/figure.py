"""What every chart shares: the pyplot-free figure, plain text, margins, PNG and role colours.

    >>> from consult.plots.figure import figure_png, new_figure, text_width
    >>> fig = new_figure(2, 1)
    >>> figure_png(fig)[:4]
    b'\\x89PNG'
    >>> round(text_width("반도체", 10), 2)
    0.41
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..fonts import setup_korean_font
from ..records import clip
from ..schema import frame_of
from .notebook import _ensure_inline_display

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

#: One colour per role (colour-blind-safe Okabe–Ito palette).
ROLE_COLORS = {
    "academic": "#0072B2",
    "industry": "#E69F00",
    "research": "#009E73",
    "government": "#CC79A7",
    "law": "#56B4E9",
    "union": "#D55E00",
    "civil_society": "#F0E442",
    "student": "#88CCEE",
    "legislator": "#DDCC77",
    "unknown": "#999999",
}
_OTHER_COLORS = ["#56B4E9", "#D55E00", "#F0E442", "#000000"]


# ----------------------------------------------------------------------------- helpers
def _table(obj: Any, attr: str) -> pd.DataFrame:
    """``obj.attr`` when ``obj`` is a result object, else ``obj`` itself (a DataFrame)."""
    return frame_of(obj, attr, passthrough=True, error=UsageError)


def _color(group: str, i: int) -> str:
    return ROLE_COLORS.get(str(group), _OTHER_COLORS[i % len(_OTHER_COLORS)])



def new_figure(width: float, height: float) -> Figure:
    """A pyplot-free figure on the Agg canvas, with the Korean font set up."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    setup_korean_font()
    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    _ensure_inline_display()
    return fig


def plain_text(fig: Figure) -> Figure:
    """Every text of ``fig`` drawn as written: no mathtext, whatever it holds.

    Labels come from the documents and from people's codes; matplotlib reads a text with two
    ``$`` as mathtext, so ``$\\foo$대학교`` stopped a report (an unknown symbol) and
    ``$ 10M … $ 40M`` drew its Hangul as boxes (mathtext has no Hangul font). Each chart
    function returns its figure through this, and :func:`figure_png` draws with mathtext off
    (tick labels made while drawing are plain too). ``$`` shows as ``$``.
    """
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_parse_math(False)
    return fig


def _plain(func: Callable[..., Figure]) -> Callable[..., Figure]:
    """A chart function whose figure holds plain text only (see :func:`plain_text`)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        return plain_text(func(*args, **kwargs))

    return wrapper


def text_width(text: str, size: float) -> float:
    """Rough width in inches of ``text`` at ``size`` pt (Hangul ≈ 1 em, Latin ≈ 0.55 em).

    Used for margins instead of a layout engine: measuring every label with matplotlib's
    constrained layout doubles the drawing time of a chart.
    """
    em = 0.0
    for ch in str(text):
        o = ord(ch)
        if o >= 0x1100 and not 0x2000 <= o < 0x2E80:
            em += 0.98
        elif ch.isupper() or ch.isdigit():
            em += 0.64
        elif ch == " ":
            em += 0.3
        else:
            em += 0.52
    return em * size / 72


def _margins(fig: Figure, left: float, right: float, top: float, bottom: float, **kw: float) -> None:
    """Place the subplots with margins given in inches."""
    w, h = fig.get_size_inches()
    fig.subplots_adjust(left=min(left / w, 0.7), right=1 - right / w, top=1 - top / h,
                        bottom=min(bottom / h, 0.6), **kw)


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """The figure as a palette PNG (128 colours: about a third of the bytes of matplotlib's
    RGBA PNG, no visible loss on charts). The figure is drawn once on its Agg canvas and
    encoded once by Pillow (a matplotlib dependency)."""
    import io

    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    old_dpi = fig.dpi
    fig.set_dpi(dpi)
    try:
        with mpl.rc_context({"text.parse_math": False}):  # texts made while drawing: plain too
            plain_text(fig)
            canvas.draw()
        rgba = canvas.buffer_rgba()
        img = Image.frombuffer("RGBA", (int(rgba.shape[1]), int(rgba.shape[0])), rgba, "raw", "RGBA", 0, 1)
        rgb = Image.new("RGB", img.size, "white")
        rgb.paste(img, mask=img.getchannel("A"))
    finally:
        fig.set_dpi(old_dpi)
    out = io.BytesIO()
    rgb.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        out, format="PNG", compress_level=6
    )
    return out.getvalue()


def _empty(fig: Figure, message: str) -> Figure:
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color="#555")
    return fig


def _wrap(text: str, width: int = 18) -> str:
    return clip(text, width, squash=False)


def _ylabels(ax: Any, y: Sequence[float], labels: Sequence[str], size: float = 8.5) -> None:
    """Category labels left of the axes as plain texts (cheaper to draw than tick labels)."""
    ax.set_yticks([])
    trans = ax.get_yaxis_transform()
    for yy, label in zip(y, labels, strict=True):
        ax.text(-0.012, yy, label, transform=trans, ha="right", va="center", fontsize=size)


def _xaxis(ax: Any, label: str, nbins: int = 6) -> None:
    """Few x ticks and an axis label placed by offset (no tight-bbox measuring)."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10]))
    ax.tick_params(axis="x", labelsize=8)
    ax.annotate(label, xy=(0.5, 0), xycoords="axes fraction", xytext=(0, -20),
                textcoords="offset points", ha="center", va="top", fontsize=8)


def _title(ax: Any, text: str, color: str = "#222") -> None:
    ax.text(0.0, 1.02, text, transform=ax.transAxes, ha="left", va="bottom", fontsize=9.5,
            color=color)


def _suptitle(fig: Any, text: str) -> None:
    h = fig.get_size_inches()[1]
    fig.text(0.5, 1 - 0.1 / h, text, ha="center", va="top", fontsize=10.5)

