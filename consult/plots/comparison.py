"""Charts of a comparison of two groups: distinctive terms and theme prevalence.

    >>> import pandas as pd
    >>> from consult.plots.comparison import plot_terms
    >>> terms = pd.DataFrame({"term": ["공정", "인력"], "z": [2.5, -2.1], "count_a": [9, 1],
    ...                       "count_b": [1, 8]})
    >>> len(plot_terms(terms, groups=("academic", "industry")).axes)
    2
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import Translator
from .figure import (
    _color,
    _empty,
    _margins,
    _plain,
    _suptitle,
    _table,
    _title,
    _wrap,
    _xaxis,
    _ylabels,
    new_figure,
    text_width,
)
from .themes import _not_outlier

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure


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
