"""Charts: free functions that take a result and return a matplotlib ``Figure``.

Each function accepts the library object (``Corpus``, ``ThemeModel``, ``Comparison``) or the
plain DataFrame with the documented columns, so they also work on tables read back from disk.

    >>> import pandas as pd
    >>> from consult.plots import plot_overview
    >>> t = pd.DataFrame({"area": ["반도체", "반도체", "양자"], "role": ["academic", "industry", "academic"],
    ...                   "transcript_id": ["d#T1", "d#T2", "d#T3"]})
    >>> fig = plot_overview(t)
    >>> type(fig).__name__
    'Figure'

Figures are created without pyplot (``matplotlib.figure.Figure`` on an Agg canvas), so nothing
accumulates in pyplot's figure list and no GUI backend is needed. In Jupyter the returned
figure displays inline (consult registers the PNG formatter for ``Figure`` if the notebook has
not). Hangul uses NanumGothic (see :mod:`consult.fonts`). Every label is in one language,
``lang="ko"`` (default) or ``lang="en"`` (:mod:`consult.i18n`); the minutes' own words (areas,
terms, theme labels) are shown as written.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .fonts import setup_korean_font
from .i18n import Translator
from .labels import NO_AREA, ROLE_LABELS, area_label
from .records import clip
from .schema import frame_of

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "plot_overview",
    "plot_theme_heatmap",
    "plot_theme_roles",
    "plot_terms",
    "plot_prevalence",
    "theme_crosstab",
    "theme_order",
    "figure_png",
    "plain_text",
    "ROLE_COLORS",
]

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


# ----------------------------------------------------------------------------- overview
@_plain
def plot_overview(corpus: Any, *, areas: Sequence[str] | None = None, lang: str = "ko") -> Figure:
    """Experts by area, stacked by role (one bar per area; forum talks as ``포럼·기타``).

    ``corpus``: a ``Corpus`` or its ``transcripts`` table (columns ``area``, ``role``).
    """
    import pandas as pd

    tr = Translator(lang)
    t = _table(corpus, "transcripts")
    if t.empty:
        return _empty(new_figure(7, 2), tr("No transcripts"))
    counts = pd.crosstab(t["area"].map(area_label), t["role"].astype(str))
    order = [area_label(a) for a in (areas or [])] or list(dict.fromkeys(t["area"].map(area_label)))
    order = [a for a in order if a in counts.index] + [a for a in counts.index if a not in order]
    counts = counts.loc[order]
    roles = [r for r in ROLE_LABELS if r in counts.columns] + [
        r for r in counts.columns if r not in ROLE_LABELS
    ]
    counts = counts[roles]

    fig = new_figure(6.2, 0.5 * len(counts) + 1.3)
    ax = fig.add_subplot()
    y = list(range(len(counts)))[::-1]
    left = [0] * len(counts)
    for i, role in enumerate(roles):
        vals = counts[role].tolist()
        ax.barh(y, vals, left=left, color=_color(role, i), label=tr.role(role),
                edgecolor="white", height=0.65)
        for yy, v, lft in zip(y, vals, left, strict=True):
            if v:
                ax.text(lft + v / 2, yy, str(v), ha="center", va="center", fontsize=9,
                        color="white" if role in ("academic", "research", "unknown") else "black")
        left = [a + b for a, b in zip(left, vals, strict=True)]
    for yy, total in zip(y, left, strict=True):
        ax.text(total + 0.1, yy, f"n={total}", va="center", fontsize=9, color="#333")
    ax.set_yticks(y, counts.index.tolist())
    ax.set_xlabel(tr("Experts (transcripts)"))
    ax.set_xlim(0, max(left) * 1.15 + 0.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(roles), 5),
              frameon=False, fontsize=9, handlelength=1.2, columnspacing=1.2)
    ax.set_title(tr("Experts by area and role"), fontsize=11, pad=24)
    left = max(text_width(a, 10) for a in counts.index) + 0.25
    _margins(fig, left, 0.25, 0.75, 0.55)
    return fig


# ----------------------------------------------------------------------------- themes
def theme_crosstab(
    themes: Any,
    corpus: Any = None,
    by: str = "area",
    *,
    share: bool = False,
    order: Sequence[Any] | None = None,
    index: str = "label",
) -> pd.DataFrame:
    """Experts raising each theme: rows = themes, columns = values of ``by``.

    A cell counts distinct transcripts (experts) with at least one question assigned to the
    theme, so a talkative expert counts once. ``share=True`` divides by the number of
    transcripts in each column group (those in ``corpus``, or else those in the assignments).

    ``themes``: a fitted ``ThemeModel`` or its ``assignments_`` table; ``by`` must be a column
    of the assignments or of ``corpus.transcripts`` (joined on ``transcript_id``). Rows follow
    ``order`` (theme ids; default: by theme id) and are labelled by ``theme_label``
    (``index="label"``, made unique with the id when two themes share a label) or by
    ``theme_id`` (``index="theme_id"``). Outlier themes (id < 0) are left out.
    """
    import pandas as pd

    a = _table(themes, "assignments_")
    transcripts = None
    if corpus is not None:
        transcripts = _table(corpus, "transcripts")
    if by not in a.columns:
        if transcripts is None or by not in transcripts.columns:
            raise KeyError(f"column {by!r} is in neither the assignments nor the transcripts")
        a = a.merge(transcripts[["transcript_id", by]], on="transcript_id", how="left")
    a = a[a["theme_id"].notna() & a["theme_id"].map(_not_outlier)]
    a = a.assign(_by=a[by].map(area_label) if by == "area" else a[by].astype(str))
    table = pd.crosstab(a.drop_duplicates(["transcript_id", "theme_id", "_by"])["theme_id"],
                        a.drop_duplicates(["transcript_id", "theme_id", "_by"])["_by"])
    ids = list(order) if order is not None else sorted(table.index, key=_theme_sort_key)
    ids = [t for t in ids if t in table.index] + [t for t in table.index if t not in ids]
    table = table.reindex(ids)
    if by == "role":
        cols = [r for r in ROLE_LABELS if r in table.columns]
    else:  # order of first appearance (the taxonomy's order in the corpus), blanks last
        source = transcripts if transcripts is not None and by in transcripts.columns else a
        seen = source[by].map(area_label) if by == "area" else source[by].astype(str)
        cols = [c for c in dict.fromkeys(seen) if c in table.columns and c != NO_AREA]
        cols += [NO_AREA] if NO_AREA in table.columns else []
    table = table[cols + [c for c in table.columns if c not in cols]]
    if index == "label":
        names = (a.drop_duplicates("theme_id").set_index("theme_id")["theme_label"].astype(str)
                 if "theme_label" in a.columns else pd.Series(dtype=str))
        labels = [str(names.get(t, t)) for t in table.index]
        dup = {x for x in labels if labels.count(x) > 1}
        table.index = [f"{x} (#{t})" if x in dup else x for x, t in zip(labels, table.index, strict=True)]
    table.index.name = "theme"
    table.columns.name = by
    if share:
        base = transcripts if transcripts is not None else a
        base = base.assign(_by=base[by].map(area_label) if by == "area" else base[by].astype(str))
        n = base.drop_duplicates("transcript_id").groupby("_by")["transcript_id"].nunique()
        table = table.div(n.reindex(table.columns).replace(0, float("nan")), axis=1)
    return table


def _theme_sort_key(t: Any) -> tuple:
    try:
        return (0, float(t), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(t))


def _group_sizes(themes: Any, corpus: Any, by: str) -> dict[str, int]:
    base = _table(corpus, "transcripts") if corpus is not None else _table(themes, "assignments_")
    if by not in base.columns:
        return {}
    col = base[by].map(area_label) if by == "area" else base[by].astype(str)
    return base.assign(_by=col).groupby("_by")["transcript_id"].nunique().to_dict()


@_plain
def plot_theme_heatmap(
    themes: Any,
    corpus: Any = None,
    *,
    by: str | Sequence[str] = "area",
    max_themes: int = 30,
    order: Sequence[Any] | None = None,
    lang: str = "ko",
) -> Figure:
    """Theme × ``by`` heatmap: colour = share of that group's experts raising the theme,
    number = how many experts. Column labels carry the group size ``n``; rows follow ``order``
    (theme ids), by default grouped by the area where each theme is strongest.

    ``by`` may list several columns (``("area", "role")``): one panel each, side by side, on
    the same rows.
    """
    import numpy as np

    tr = Translator(lang)
    bys = [by] if isinstance(by, str) else list(by)
    if order is None:
        by_area = theme_crosstab(themes, corpus, by="area", index="theme_id")
        order = theme_order(by_area)
    panels = []
    for b in bys:
        counts = theme_crosstab(themes, corpus, by=b, order=order).iloc[:max_themes]
        sizes = _group_sizes(themes, corpus, b)
        n = np.array([max(sizes.get(c, int(counts[c].max()) if len(counts) else 1) or 1, 1)
                      for c in counts.columns])
        panels.append((b, counts, n))
    if not panels or panels[0][1].empty:
        return _empty(new_figure(6, 2), tr("No themes"))

    rows = list(panels[0][1].index)
    n_rows = len(rows)
    label_w = max(text_width(_wrap(t, 28), 8.5) for t in rows) + 0.2
    cell_w, gap, cbar_w = 0.78, 0.3, 1.15
    widths = [cell_w * max(len(c.columns), 1) for _, c, _ in panels]
    top, bottom = 0.85, 0.15
    width = label_w + sum(widths) + gap * (len(panels) - 1) + cbar_w
    height = max(2.2, 0.32 * n_rows + top + bottom)
    fig = new_figure(width, height)
    x = label_w
    im = None
    for (b, counts, n), w in zip(panels, widths, strict=True):
        counts = counts.reindex(rows).fillna(0)
        shares = counts.to_numpy() / n
        ax = fig.add_axes((x / width, bottom / height, w / width, (height - top - bottom) / height))
        im = ax.imshow(shares, aspect="auto", cmap="Blues", vmin=0, vmax=1)
        for i in range(n_rows):
            for j in range(counts.shape[1]):
                v = int(counts.iat[i, j])
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=8.5,
                            color="white" if shares[i, j] > 0.55 else "#222")
        col_labels = [f"{tr.role(c) if b == 'role' else c}\n(n={k})"
                      for c, k in zip(counts.columns, n, strict=True)]
        ax.set_xticks(range(counts.shape[1]), col_labels, fontsize=8.5)
        ax.xaxis.tick_top()
        if x == label_w:
            _ylabels(ax, range(n_rows), [_wrap(t, 28) for t in rows])
        else:
            ax.set_yticks([])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        x += w + gap
    what = "·".join(tr(b) for b in bys)
    _suptitle(fig, tr("Theme × {what} (number = experts)", what=what))
    cax = fig.add_axes(((x - gap + 0.15) / width, bottom / height, 0.14 / width, (height - top - bottom) / height))
    cbar = fig.colorbar(im, cax=cax)
    cbar.set_label(tr("Share of the group's experts"), fontsize=8)
    cbar.ax.tick_params(labelsize=7.5)
    return fig


@_plain
def plot_theme_roles(
    themes: Any, corpus: Any = None, *, max_themes: int = 30, order: Sequence[Any] | None = None,
    lang: str = "ko",
) -> Figure:
    """Theme × role heatmap (``plot_theme_heatmap(by="role")``)."""
    return plot_theme_heatmap(themes, corpus, by="role", max_themes=max_themes, order=order, lang=lang)


def theme_order(by_area: pd.DataFrame) -> list[Any]:
    """Theme ids grouped by the area where each theme has most experts (areas in column order,
    forum talks last), the most widespread first within an area — the heatmap then reads as
    blocks along its diagonal."""
    cols = [c for c in by_area.columns if c != NO_AREA] or list(by_area.columns)
    keyed = []
    for t, row in by_area.iterrows():
        vals = [row.get(c, 0) for c in cols]
        top = max(vals) if vals else 0
        where = vals.index(top) if top > 0 else len(cols)
        keyed.append(((where, -int((row > 0).sum()), -int(row.sum())), t))
    return [t for _, t in sorted(keyed, key=lambda x: x[0])]


# ----------------------------------------------------------------------------- comparison
def _groups_of(comparison: Any) -> tuple[str, str]:
    pairs = getattr(comparison, "comparisons", None)
    if pairs:
        return str(pairs[0][0]), str(pairs[0][1])
    groups = getattr(comparison, "groups", None)
    if groups is not None and len(groups) >= 2:
        return str(groups[0]), str(groups[1])
    return "a", "b"


def _pick_within(df: pd.DataFrame, within: Any, groups: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of one ``within`` block, and of the comparison ``a`` vs ``b`` when the table holds
    several (one-vs-rest comparisons of three or more groups)."""
    if within is not None and "within" in df.columns:
        df = df[df["within"].astype(str) == str(within)]
    if groups and {"group_a", "group_b"} <= set(df.columns):
        pair = df[(df["group_a"].astype(str) == str(groups[0])) & (df["group_b"].astype(str) == str(groups[1]))]
        if len(pair):
            df = pair
    return df


def _not_outlier(theme_id: Any) -> bool:
    try:
        return float(theme_id) >= 0
    except (TypeError, ValueError):
        return True


@_plain
def plot_terms(
    comparison: Any,
    within: Any = None,
    *,
    n: int = 10,
    groups: Sequence[str] | None = None,
    title: str | None = None,
    lang: str = "ko",
) -> Figure:
    """Distinctive terms: weighted log-odds z-scores, top ``n`` for each side.

    Two panels: the terms leaning to the second group (z < 0) on the left, to the first group
    (z > 0) on the right, strongest on top; bar length is |z| (the dotted line marks 1.96) and
    each bar is labelled with the term's counts in the two groups (a:b). ``within`` picks one area (or theme) of the
    comparison; ``None`` takes every row.
    """

    tr = Translator(lang)
    a, b = tuple(groups) if groups else _groups_of(comparison)
    df = _pick_within(_table(comparison, "terms"), within, (a, b))
    if df.empty:
        return _empty(new_figure(6.5, 1.6), tr("No distinctive terms"))
    df = df[df["z"].notna()]
    if df.empty:  # a side with fewer than 3 experts: the table has counts, not z
        return _empty(new_figure(6.5, 1.6), tr("Fewer than 3 experts on a side: counts only, no z"))
    pos = df[df["z"] > 0].nlargest(n, "z")
    neg = df[df["z"] < 0].nsmallest(n, "z")
    rows = max(len(pos), len(neg), 1)
    lw_b = max([text_width(_wrap(t, 16), 8.5) for t in neg["term"]] or [0.3])
    lw_a = max([text_width(_wrap(t, 16), 8.5) for t in pos["term"]] or [0.3])
    width = 9.0
    fig = new_figure(width, 0.26 * rows + 1.35)
    ax_b, ax_a = fig.subplots(1, 2)
    lim = max(df["z"].abs().max() * 1.3, 2.4)
    unit = tr("|z| · labels = token counts {a}:{b}", a=tr.role(a), b=tr.role(b))
    for ax, part, grp, col in ((ax_b, neg, b, _color(b, 1)), (ax_a, pos, a, _color(a, 0))):
        y = list(range(rows - 1, rows - 1 - len(part), -1))  # strongest on top
        ax.barh(y, part["z"].abs(), color=col, height=0.7)
        _ylabels(ax, y, [_wrap(t, 16) for t in part["term"]])
        for yy, (z, ca, cb) in zip(y, part[["z", "count_a", "count_b"]].itertuples(index=False), strict=True):
            ax.text(abs(z) + lim * 0.015, yy, f"{int(ca)}:{int(cb)}", va="center", ha="left",
                    fontsize=7.5, color="#444")
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(0, lim)
        ax.axvline(1.96, color="#999", lw=0.7, ls=":")
        _xaxis(ax, unit)
        _title(ax, tr("Leans to {g}", g=tr.role(grp)), color=col)
        if part.empty:
            ax.text(0.5, 0.5, tr("none"), transform=ax.transAxes, ha="center", color="#777")
    _suptitle(fig, title or tr("Distinctive terms") + ("" if within is None else f" — {within}"))
    left, gap, right = lw_b + 0.25, lw_a + 0.55, 0.3
    ax_w = (width - left - gap - right) / 2
    _margins(fig, left, right, 0.72, 0.6, wspace=gap / ax_w)
    return fig


@_plain
def plot_prevalence(
    comparison: Any,
    within: Any = None,
    *,
    labels: dict[Any, str] | None = None,
    groups: Sequence[str] | None = None,
    title: str | None = None,
    lang: str = "ko",
) -> Figure:
    """Theme prevalence by group: left panel the two shares, right panel their difference
    (a − b) with its bootstrap confidence interval. Intervals that cross 0 are grey; where a side
    has too few experts for an interval, none is drawn, nothing is coloured as a difference and
    the legend says "counts only".

    A share (``consult.compare``) is the mean over a group's experts of the part of each
    expert's answers that fall in the theme, so every expert weighs the same.

    ``labels`` maps ``theme_id`` to a label (taken from ``comparison.prevalence['theme_label']``
    or ``comparison.themes`` when present).
    """
    import numpy as np  # lazy, like matplotlib

    tr = Translator(lang)
    a, b = tuple(groups) if groups else _groups_of(comparison)
    df = _pick_within(_table(comparison, "prevalence"), within, (a, b))
    df = df[df["theme_id"].map(_not_outlier)].copy()  # -1 = no theme (BERTopic outliers)
    if df.empty:
        return _empty(new_figure(6.5, 1.6), tr("No theme shares"))
    if labels is None and "theme_label" in df.columns:
        labels = dict(zip(df["theme_id"], df["theme_label"], strict=False))
    labels = labels or {}
    df = df.sort_values("diff")
    names = [_wrap(labels.get(t, tr("theme {id}", id=t)), 24) for t in df["theme_id"]]
    fig = new_figure(8.5, 0.3 * len(df) + 1.3)
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.2]})
    y = list(range(len(df)))
    for yy, sa, sb in zip(y, df["share_a"], df["share_b"], strict=True):
        ax1.plot([sa, sb], [yy, yy], color="#bbb", lw=1, zorder=2)
    ax1.plot(df["share_a"], y, "o", color=_color(a, 0), ms=5, zorder=3)
    ax1.plot(df["share_b"], y, "s", color=_color(b, 1), ms=4.5, zorder=3)
    _ylabels(ax1, y, names)
    ax1.set_xlim(-0.03, 1.03)
    _xaxis(ax1, tr("Mean share of an expert's answers"))
    ax1.text(0.0, 1.02, f"● {tr.role(a)}", transform=ax1.transAxes, fontsize=8.5,
             color=_color(a, 0), va="bottom")
    ax1.text(0.5, 1.02, f"■ {tr.role(b)}", transform=ax1.transAxes, fontsize=8.5,
             color=_color(b, 1), va="bottom")
    lo, hi = df["ci_low"].to_numpy(dtype=float), df["ci_high"].to_numpy(dtype=float)
    d = df["diff"].to_numpy()
    counts_only = bool(np.isnan(lo).all() or np.isnan(hi).all())
    for yy, dd, l_, h_ in zip(y, d, lo, hi, strict=True):
        if np.isnan(l_) or np.isnan(h_):  # no interval (a side under 3 experts): no claim drawn
            ax2.plot([dd], [yy], "o", color="#888", ms=4.5, mfc="white")
            continue
        sig = l_ > 0 or h_ < 0
        col = (_color(a, 0) if dd > 0 else _color(b, 1)) if sig else "#888"
        ax2.plot([l_, h_], [yy, yy], color=col, lw=2, solid_capstyle="butt")
        ax2.plot([dd], [yy], "o", color=col, ms=4.5)
    ax2.axvline(0, color="#444", lw=0.8)
    ax2.set_xlim(-1.05, 1.05)
    ax2.set_yticks([])
    if counts_only:
        _xaxis(ax2, tr("Difference {a} − {b} (no interval)", a=tr.role(a), b=tr.role(b)))
        note = tr("A side has fewer than 3 experts: counts only")
    else:
        _xaxis(ax2, tr("Difference {a} − {b} ({ci} interval)", a=tr.role(a), b=tr.role(b), ci="95%"))
        note = tr("Grey: interval includes 0; open circle: no interval")
    ax2.text(1.0, 1.02, note, transform=ax2.transAxes, fontsize=7.5, color="#666", ha="right",
             va="bottom")
    for ax in (ax1, ax2):
        ax.set_ylim(-0.6, len(df) - 0.4)
        ax.grid(axis="x", color="#eee")
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
    _suptitle(fig, title or tr("Theme prevalence") + ("" if within is None else f" — {within}"))
    left = max(text_width(n_, 8.5) for n_ in names) + 0.2
    _margins(fig, left, 0.2, 0.7, 0.6, wspace=0.08)
    return fig
