"""Figures of the explore tables, in :mod:`consult.plots`' style: free functions that take the
table (or its result object) and return a pyplot-free matplotlib ``Figure`` with Hangul labels
in one language (``lang="ko"``, the default, or ``"en"``).

A network's word labels never overlap: the most frequent words are labelled first, each on its
node or just beside it (above, below, right, left, diagonally), measured as drawn; a word whose
label fits nowhere free stays unlabelled (its node is still drawn)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..i18n import Translator
from ..labels import area_label
from ..plots.figure import ROLE_COLORS, _empty, _plain, _suptitle, _title, new_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["plot_cooccurrence", "LABEL_GID"]

#: the ``gid`` of a word label (to find them in the figure: ``ax.texts``)
LABEL_GID = "consult-term"
#: where a label may go, in points from its node: on it, then around it
_SPOTS = ((0, 0, "center", "center"), (0, 7, "center", "bottom"), (0, -7, "center", "top"),
          (7, 0, "left", "center"), (-7, 0, "right", "center"), (6, 6, "left", "bottom"),
          (-6, 6, "right", "bottom"), (6, -6, "left", "top"), (-6, -6, "right", "top"))

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


def _fix_limits(ax: Any, xs: Sequence[float], ys: Sequence[float]) -> None:
    """Axis limits around the nodes (8% margin), set before labels are measured."""
    for values, setter in ((xs, ax.set_xlim), (ys, ax.set_ylim)):
        lo, hi = (min(values), max(values)) if len(values) else (0.0, 1.0)
        pad = 0.08 * ((hi - lo) or 1.0)
        setter(lo - pad, hi + pad)


def _place_labels(ax: Any, words: Sequence[tuple[Any, float, float]]) -> int:
    """Label each ``(word, x, y)`` in order at the first spot of :data:`_SPOTS` where its label
    overlaps no earlier label and stays inside the axes; a word with no such spot is left
    unlabelled. Returns the number of labels placed."""
    from matplotlib.patheffects import withStroke

    halo = [withStroke(linewidth=2.2, foreground="white")]  # a label stays legible over a line
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list[Any] = []
    for term, x, y in words:
        for dx, dy, ha, va in _SPOTS:
            label = ax.annotate(str(term), (x, y), xytext=(dx, dy), textcoords="offset points",
                                fontsize=8, ha=ha, va=va, zorder=3, gid=LABEL_GID,
                                path_effects=halo)
            box = label.get_window_extent(renderer).expanded(1.04, 1.08)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                      and box.y1 <= frame.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            label.remove()
    return len(placed)


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
    _fix_limits(ax, xs, ys)
    order = nodes.assign(_x=xs, _y=ys).sort_values("n_points_term", ascending=False, kind="stable")
    _place_labels(ax, list(zip(order["term"], order["_x"], order["_y"], strict=True))[:max_labels])
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
    lang: str = "ko",
) -> Figure:
    """The co-occurrence networks of ``groups`` side by side (one panel each) for one block.

    Node size = points using the word, colour = community, edge width = weight (Jaccard or
    PMI); of the ``max_labels`` most frequent words of each panel, those whose labels fit
    without overlapping are labelled (see the module docstring). ``network``: a
    :class:`consult.explore.Network` (from :func:`consult.explore.cooccurrence`) or
    ``{"edges": …, "nodes": …}`` with its columns.
    """
    t = Translator(lang)
    edges, nodes = _edges_nodes(network)
    groups = [str(g) for g in groups]
    fig = new_figure(6.0 * max(len(groups), 1), 6.0)
    sub_e = edges[edges["within"].astype(str) == str(within)]
    where = t("All areas") if within == "(all)" else area_label(within)
    if sub_e.empty:
        return _empty(fig, t("No co-occurrence links in {area}", area=where))
    fig.subplots_adjust(left=0.02, right=0.98, top=0.9, bottom=0.03, wspace=0.05)
    for i, group in enumerate(groups):
        ax = fig.add_subplot(1, len(groups), i + 1)
        e = sub_e[sub_e["group"].astype(str) == group]
        n = nodes[(nodes["within"].astype(str) == str(within)) & (nodes["group"].astype(str) == group)]
        head = t("{group} — {n} words, {m} links", group=t.role(group), n=len(n), m=len(e))
        _title(ax, head, color=ROLE_COLORS.get(group, "#222"))
        if e.empty:
            ax.axis("off")
            ax.text(0.5, 0.5, t("no links"), ha="center", va="center", color="#555",
                    transform=ax.transAxes)
            continue
        _draw_panel(ax, e, n, max_labels, seed)
    _suptitle(fig, title or t("Words used together in the same answer")
              + ("" if within == "(all)" else f" · {where}"))
    return fig
