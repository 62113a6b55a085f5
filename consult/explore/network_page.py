"""The co-occurrence networks as one self-contained HTML page: per block (every area pooled, or
each area), the groups' networks side by side as an image, then each group's most used words
and strongest links as tables, in Korean (``lang="ko"``, the default) or English.

    >>> import consult                                                          # doctest: +SKIP
    >>> net = consult.explore.cooccurrence(corpus, within="area")              # doctest: +SKIP
    >>> html = consult.explore.network_html(net, lang="en")                    # doctest: +SKIP

The page has no script and loads nothing: the figures are ``data:`` PNGs, the NanumGothic
subset of its characters is embedded (see :mod:`consult.explore.page`).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ..display import Table, table_html
from ..i18n import COLUMNS, Translator
from ..labels import NO_AREA, ROLE_LABELS, area_label
from ..plots import figure_png
from .cooccurrence import ALL, Network
from .network_plot import plot_cooccurrence
from .page import html_page

__all__ = ["network_html"]

_CSS = (
    "table.data{border-collapse:collapse;font-size:13px;margin:0 1.5em 1.5em 0;display:inline-table;"
    "vertical-align:top}th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top}"
    "caption{text-align:left;font-weight:700;padding:6px 0}img{max-width:100%;height:auto}"
    ".note{color:#555;font-size:13px}"
)
_WORD_COLUMNS = ["term", "n_points_term", "degree", "betweenness", "community"]
_LINK_COLUMNS = ["source", "target", "n_both", "weight"]


def _groups(network: Network, groups: Sequence[str] | None) -> list[str]:
    if groups is not None:
        return [str(g) for g in groups]
    present = list(dict.fromkeys(network.nodes["group"].astype(str)))
    return [r for r in ROLE_LABELS if r in present] + [g for g in present if g not in ROLE_LABELS]


def _measure(name: str, t: Translator) -> str:
    return COLUMNS.get(name, name) if t.lang == "ko" else name


def _table(df: Any, columns: list[str], caption: str, t: Translator, n: int) -> Markup:
    header = [COLUMNS.get(c, c) if t.lang == "ko" else c for c in columns]
    rows = [list(r) for r in df[columns].head(n).itertuples(index=False, name=None)]
    return table_html(Table(header, rows, caption=caption, numeric=set(range(1, len(columns)))))


def network_html(network: Network, groups: Sequence[str] | None = None, *, lang: str = "ko",
                 top: int = 20, max_labels: int = 60, embed_font: bool = True) -> str:
    """The page of ``network`` (from :func:`consult.explore.cooccurrence`): for each block, the
    ``groups``' networks side by side (default: every group, academia and industry first) and
    each group's ``top`` words (by answer points) and links (by weight)."""
    t = Translator(lang)
    groups = _groups(network, groups)
    edges, nodes, settings = network.edges, network.nodes, network.settings
    blocks = list(dict.fromkeys(edges["within"].astype(str))) or [ALL]
    blocks.sort(key=lambda b: (b != ALL, area_label(b) == NO_AREA))  # pooled first, forum last
    parts = [Markup('<p class="note">{}</p>').format(t(
        "{n} words, {m} links; words in at least {k} answer points, the {top} strongest links of "
        "each group", n=len(nodes), m=len(edges), k=settings.get("min_count", ""),
        top=settings.get("top", ""))),
        Markup('<p class="note">{}</p>').format(t(
            "Node size = answer points using the word, colour = community, line width = {measure}; "
            "the most frequent words are labelled where their labels do not overlap.",
            measure=_measure(str(settings.get("measure", "")), t)))]
    for block in blocks:
        name = t("All areas") if block == ALL else area_label(block)
        png = figure_png(plot_cooccurrence(network, groups, within=block, max_labels=max_labels,
                                           lang=t.lang))
        parts.append(Markup("<h2>{}</h2>").format(name))
        parts.append(Markup('<img alt="{}" src="data:image/png;base64,{}">').format(
            name, base64.b64encode(png).decode("ascii")))
        for group in groups:
            who = t.role(group)
            n = nodes[(nodes["within"].astype(str) == block) & (nodes["group"].astype(str) == group)]
            e = edges[(edges["within"].astype(str) == block) & (edges["group"].astype(str) == group)]
            if len(n):
                parts.append(_table(n, _WORD_COLUMNS, t("Words of {group}", group=who), t, top))
            if len(e):
                parts.append(_table(e, _LINK_COLUMNS, t("Strongest links of {group}", group=who), t, top))
    title = t("Words used together: {groups}", groups=" · ".join(t.role(g) for g in groups))
    return html_page(title, Markup("").join(parts), _CSS, lang=t.lang, images=True,
                     embed_font=embed_font)
