"""Co-occurrence networks per group: content words (Kiwi tokens, synonyms merged) that appear
together in the same answer point, for each role (and each area), as two tables.

    >>> import consult                                                              # doctest: +SKIP
    >>> net = consult.explore.cooccurrence(corpus, by="role", min_count=2, top=60)  # doctest: +SKIP
    >>> net.edges.head(); net.nodes.sort_values("betweenness").tail()              # doctest: +SKIP

Counts are over points (a word counts once per point). An edge joins two words that share at
least ``min_count`` points of the group (among its ``max_terms`` most frequent words); its weight is the Jaccard coefficient
``n_both / (n_source + n_target - n_both)`` or the PMI ``log(n_both * n_points / (n_source *
n_target))``; the ``top`` edges of each group by weight are kept. Node measures come from
networkx on the kept edges: degree centrality, betweenness centrality (unweighted shortest
paths) and communities (greedy modularity on the weights).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import UsageError
from ..themes.synonyms import load_synonyms
from ..tokens import point_tokens

__all__ = ["Network", "cooccurrence", "EDGE_COLUMNS", "NODE_COLUMNS", "MEASURES"]

#: one row per edge of a group's network
EDGE_COLUMNS = ["within", "group", "source", "target", "n_both", "n_source", "n_target",
                "n_points", "jaccard", "pmi", "weight"]
#: one row per word of a group's network
NODE_COLUMNS = ["within", "group", "term", "n_points_term", "degree", "degree_centrality",
                "betweenness", "community"]
MEASURES = ("jaccard", "pmi")
#: the ``within`` value of a network over every area
ALL = "(all)"


@dataclass(frozen=True, repr=False)
class Network:
    """Co-occurrence networks: ``edges`` (:data:`EDGE_COLUMNS`), ``nodes`` (:data:`NODE_COLUMNS`)
    and the settings they were built with (``by``, ``within``, ``measure``, ``min_count``,
    ``top``)."""

    edges: pd.DataFrame
    nodes: pd.DataFrame
    settings: dict

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"edges": self.edges, "nodes": self.nodes}

    def graph(self, group: str, within: str = ALL) -> Any:
        """The networkx ``Graph`` of one group (edge attributes: the edge table's columns)."""
        import networkx as nx  # heavy: only when a graph is asked for

        sub = self.edges[(self.edges["group"] == group) & (self.edges["within"] == within)]
        return nx.from_pandas_edgelist(sub, "source", "target", edge_attr=True)

    def __repr__(self) -> str:
        groups = sorted(set(self.nodes["group"])) if len(self.nodes) else []
        return (f"Network({len(self.nodes)} nodes, {len(self.edges)} edges; groups "
                f"{', '.join(map(str, groups))}; {self.settings.get('measure')})")


def _docs(corpus: Any, synonyms: Any) -> tuple[pd.DataFrame, list[list[str]]]:
    points = corpus.points
    toks = point_tokens(corpus)
    docs = [list(t) for t in toks.reindex(points["point_id"]).tolist()]
    docs = [d if isinstance(d, list) else [] for d in docs]
    if synonyms is not False:
        docs = load_synonyms(None if synonyms is True else synonyms).tokens(docs)
    return points, docs


def _block_edges(docs: list[list[str]], min_count: int, measure: str, top: int,
                 max_terms: int) -> tuple[pd.DataFrame, dict[str, int]]:
    """Edges of one group's points (a binary point × word matrix multiplied by itself)."""
    from scipy import sparse  # heavy (scikit-learn's dependency): only here

    sets = [sorted(set(d)) for d in docs if d]
    n = len(sets)
    df: dict[str, int] = {}
    for s in sets:
        for w in s:
            df[w] = df.get(w, 0) + 1
    frequent = sorted((w for w, c in df.items() if c >= min_count), key=lambda w: (-df[w], w))
    vocab = sorted(frequent[:max_terms])
    if n == 0 or len(vocab) < 2:
        return pd.DataFrame(columns=EDGE_COLUMNS[2:]), {}
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols = [], []
    for r, s in enumerate(sets):
        for w in s:
            if w in index:
                rows.append(r)
                cols.append(index[w])
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, len(vocab)))
    co = sparse.triu(x.T @ x, k=1).tocoo()
    keep = co.data >= min_count
    i, j, both = co.row[keep], co.col[keep], co.data[keep].astype(float)
    freq = np.array([df[w] for w in vocab], dtype=float)
    ni, nj = freq[i], freq[j]
    jac = both / (ni + nj - both)
    pmi = np.log(both * n / (ni * nj))
    edges = pd.DataFrame({
        "source": [vocab[k] for k in i], "target": [vocab[k] for k in j],
        "n_both": both.astype(int), "n_source": ni.astype(int), "n_target": nj.astype(int),
        "n_points": n, "jaccard": np.round(jac, 6), "pmi": np.round(pmi, 6),
    })
    edges["weight"] = edges[measure]
    edges = edges.sort_values(["weight", "n_both", "source", "target"],
                              ascending=[False, False, True, True], kind="stable").head(top)
    return edges.reset_index(drop=True), df


def _node_measures(edges: pd.DataFrame, freq: dict[str, int]) -> pd.DataFrame:
    import networkx as nx  # heavy: only when networks are built
    from networkx.algorithms.community import greedy_modularity_communities

    g = nx.Graph()
    for s, t, w in zip(edges["source"], edges["target"], edges["weight"], strict=True):
        g.add_edge(s, t, weight=max(float(w), 1e-9))
    if g.number_of_nodes() == 0:
        return pd.DataFrame(columns=NODE_COLUMNS[2:])
    degree = nx.degree_centrality(g)
    between = nx.betweenness_centrality(g, normalized=True)
    community = {}
    for k, members in enumerate(greedy_modularity_communities(g, weight="weight")):
        for m in members:
            community[m] = k
    nodes = sorted(g.nodes, key=lambda w: (-freq.get(w, 0), w))
    return pd.DataFrame({
        "term": nodes, "n_points_term": [freq.get(w, 0) for w in nodes],
        "degree": [g.degree(w) for w in nodes],
        "degree_centrality": [round(degree[w], 6) for w in nodes],
        "betweenness": [round(between[w], 6) for w in nodes],
        "community": [community[w] for w in nodes],
    })


def cooccurrence(
    corpus: Any,
    by: str = "role",
    within: str | None = None,
    min_count: int = 2,
    top: int = 60,
    measure: str = "jaccard",
    groups: Any = None,
    synonyms: Any = True,
    max_terms: int = 80,
) -> Network:
    """Word co-occurrence networks of each group's answer points (see the module docstring).

    ``by``: the group column (``role``); ``within``: ``None`` for one network per group over
    every area (``within = "(all)"``), or a column (``area``) for one per group per block;
    ``groups``: the group values to keep (default every one present); ``max_terms``: the
    words considered per network, the most frequent ones (rare pairs would otherwise fill the
    top edges with Jaccard 1.0).
    """
    if measure not in MEASURES:
        raise UsageError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if min_count < 1 or top < 1:
        raise UsageError("min_count and top must be >= 1")
    points, docs = _docs(corpus, synonyms)
    for col in (by, within):
        if col is not None and col not in points.columns:
            raise UsageError(f"unknown column {col!r}; use one of {', '.join(points.columns)}")
    group_of = points[by].astype(str).to_numpy()
    block_of = points[within].astype(str).to_numpy() if within else np.full(len(points), ALL)
    wanted = None if groups is None else {str(g) for g in ([groups] if isinstance(groups, str) else groups)}
    all_edges, all_nodes = [], []
    keys = sorted({(b, g) for b, g in zip(block_of, group_of, strict=True)
                   if wanted is None or g in wanted})
    for block, group in keys:
        mask = (block_of == block) & (group_of == group)
        sub = [d for d, m in zip(docs, mask, strict=True) if m]
        edges, freq = _block_edges(sub, min_count, measure, top, max_terms)
        nodes = _node_measures(edges, freq)
        for table, out in ((edges, all_edges), (nodes, all_nodes)):
            table.insert(0, "group", group)
            table.insert(0, "within", block)
            out.append(table)
    edges = pd.concat(all_edges, ignore_index=True) if all_edges else pd.DataFrame(columns=EDGE_COLUMNS)
    nodes = pd.concat(all_nodes, ignore_index=True) if all_nodes else pd.DataFrame(columns=NODE_COLUMNS)
    settings = {"by": by, "within": within, "measure": measure, "min_count": min_count, "top": top,
                "max_terms": max_terms}
    return Network(edges[EDGE_COLUMNS], nodes[NODE_COLUMNS], settings)


