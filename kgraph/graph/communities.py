"""Communities of the graph: Louvain over co-mentions and claims, numbered stably."""

from __future__ import annotations

import random
from collections import defaultdict

import networkx as nx

COMMUNITY_SEED = 42


def assign_communities(G: nx.MultiDiGraph, nodes: list[str], weights: dict[int, int]) -> None:
    """Louvain communities of the undirected weighted graph (co-mentions plus claims).

    ``nodes`` are G's nodes, sorted; ``weights`` the summed weight of the edges between
    ``nodes[i]`` and ``nodes[j]`` (``i < j``, self-loops left out) by ``i * len(nodes) + j``.
    igraph's multilevel Louvain (seeded) when python-igraph is installed, else networkx's.
    Numbered by decreasing size, ties by smallest node id, so numbers are stable.
    """
    if not weights:
        communities: list[set[str]] | list[list[str]] = [[n] for n in nodes]
    else:
        pairs = sorted(weights)
        edges = [divmod(pair, len(nodes)) for pair in pairs]
        communities = _louvain(nodes, edges, [weights[pair] for pair in pairs])
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    node_data = G._node
    for number, members in enumerate(ordered):
        for node in members:
            node_data[node]["community"] = number


def _louvain(
    nodes: list[str], edges: list[tuple[int, int]], weights: list[int]
) -> list[list[str]] | list[set[str]]:
    """Louvain partition of ``nodes`` (sorted) by weighted ``edges`` (sorted index pairs)."""
    try:
        import igraph
    except ImportError:
        H = nx.Graph()
        H.add_nodes_from(nodes)
        H.add_weighted_edges_from(
            (nodes[u], nodes[v], w) for (u, v), w in zip(edges, weights, strict=True)
        )
        return nx.community.louvain_communities(H, weight="weight", seed=COMMUNITY_SEED)
    graph = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(COMMUNITY_SEED))
    try:
        membership = graph.community_multilevel(weights=weights).membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[str]] = defaultdict(list)
    for node, group in zip(nodes, membership, strict=True):
        groups[group].append(node)
    return list(groups.values())
