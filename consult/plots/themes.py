"""Themes by group: the experts-per-theme table, its row order and the heatmaps drawn from it.

    >>> import pandas as pd
    >>> from consult.plots.themes import theme_crosstab
    >>> a = pd.DataFrame({"transcript_id": ["d#T1", "d#T1", "d#T2"], "theme_id": [0, 0, 1],
    ...                   "theme_label": ["공정", "공정", "인력"], "area": ["반도체", "반도체", "양자"]})
    >>> theme_crosstab(a).to_dict()
    {'반도체': {'공정': 1, '인력': 0}, '양자': {'공정': 0, '인력': 1}}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import Translator
from ..labels import NO_AREA, ROLE_LABELS, area_label
from .figure import _empty, _plain, _suptitle, _table, _wrap, _ylabels, new_figure, text_width

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure


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


def _not_outlier(theme_id: Any) -> bool:
    try:
        return float(theme_id) >= 0
    except (TypeError, ValueError):
        return True
