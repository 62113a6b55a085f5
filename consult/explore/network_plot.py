"""Figures of the explore tables, in :mod:`consult.plots`' style: free functions that take the
table (or its result object) and return a pyplot-free matplotlib ``Figure`` with Hangul labels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..labels import area_label, group_label
from ..plots import ROLE_COLORS, _empty, _plain, _suptitle, _title, new_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["plot_cooccurrence"]

#: community colours (Okabe–Ito and Tableau tones; communities past these are grey)
_COMMUNITY_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                     "#F0E442", "#8C564B", "#7F7F7F", "#17BECF"]


def _edges_nodes(network: Any) -> tuple[Any, Any]:
    edges = getattr(network, "edges", None)
    nodes = getattr(network, "nodes", None)
    if edges is None and isinstance(network, dict):
        edges, nodes = network.get("edges"), network.get("nodes")
    if edges is None or nodes is None or not hasattr(edges, "columns"):
        raise UsageError("plot_cooccurrence needs a consult.explore.Network "
                         "(or {'edges': DataFrame, 'nodes': DataFrame})")
    return edges, nodes


def _layout(edges: Any, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx  # heavy: only when drawing

    g = nx.from_pandas_edgelist(edges, "source", "target", edge_attr="weight")
    return nx.spring_layout(g, seed=seed, weight="weight", k=1.2 / max(len(g), 1) ** 0.5)


def _draw_panel(ax: Any, edges: Any, nodes: Any, max_labels: int, seed: int) -> None:
    from matplotlib.collections import LineCollection

    pos = _layout(edges, seed)
    wmax = float(edges["weight"].max()) or 1.0
    segs = [(pos[s], pos[t]) for s, t in zip(edges["source"], edges["target"], strict=True)]
    widths = [0.4 + 2.6 * float(w) / wmax for w in edges["weight"]]
    ax.add_collection(LineCollection(segs, linewidths=widths, colors="#9a9a9a", alpha=0.7, zorder=1))
    nodes = nodes[nodes["term"].isin(pos)]
    fmax = float(nodes["n_points_term"].max()) or 1.0
    xs = [pos[t][0] for t in nodes["term"]]
    ys = [pos[t][1] for t in nodes["term"]]
    sizes = [40 + 460 * float(f) / fmax for f in nodes["n_points_term"]]
    colors = [_COMMUNITY_COLORS[c] if c < len(_COMMUNITY_COLORS) else "#bbbbbb"
              for c in nodes["community"].astype(int)]
    ax.scatter(xs, ys, s=sizes, c=colors, alpha=0.85, edgecolors="white", linewidths=0.6, zorder=2)
    labelled = set(nodes.sort_values("n_points_term", ascending=False, kind="stable")["term"]
                   .head(max_labels))
    for term, x, y in zip(nodes["term"], xs, ys, strict=True):
        if term in labelled:
            ax.text(x, y, str(term), fontsize=8, ha="center", va="center", zorder=3)
    ax.autoscale_view()
    ax.margins(0.08)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)


@_plain
def plot_cooccurrence(
    network: Any,
    groups: Sequence[str] = ("academic", "industry"),
    within: str = "(all)",
    *,
    max_labels: int = 60,
    seed: int = 0,
    title: str | None = None,
) -> Figure:
    """The co-occurrence networks of ``groups`` side by side (one panel each) for one block.

    Node size = points using the word, colour = community, edge width = weight (Jaccard or
    PMI); the ``max_labels`` most frequent words of each panel are labelled. ``network``: a
    :class:`consult.explore.Network` (from :func:`consult.explore.cooccurrence`) or
    ``{"edges": …, "nodes": …}`` with its columns.
    """
    edges, nodes = _edges_nodes(network)
    groups = [str(g) for g in groups]
    fig = new_figure(6.0 * max(len(groups), 1), 6.0)
    sub_e = edges[edges["within"].astype(str) == str(within)]
    if sub_e.empty:
        return _empty(fig, f"no co-occurrence edges in {area_label(within)}")
    fig.subplots_adjust(left=0.02, right=0.98, top=0.9, bottom=0.03, wspace=0.05)
    for i, group in enumerate(groups):
        ax = fig.add_subplot(1, len(groups), i + 1)
        e = sub_e[sub_e["group"].astype(str) == group]
        n = nodes[(nodes["within"].astype(str) == str(within)) & (nodes["group"].astype(str) == group)]
        head = f"{group_label(group)} — {len(n)} words, {len(e)} links"
        _title(ax, head, color=ROLE_COLORS.get(group, "#222"))
        if e.empty:
            ax.axis("off")
            ax.text(0.5, 0.5, "no links", ha="center", va="center", color="#555",
                    transform=ax.transAxes)
            continue
        _draw_panel(ax, e, n, max_labels, seed)
    where = "" if within == "(all)" else f" · {area_label(within)}"
    _suptitle(fig, title or f"같은 답변에 함께 나오는 말{where}")
    return fig
