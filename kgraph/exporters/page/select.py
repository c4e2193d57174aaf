"""What the page draws: the most relevant entities and the strongest edges among them."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import networkx as nx

from kgraph.serial import EdgeItem, edge_list

SAID = "said"  # kgraph.graph.SAID


def relevance(mentions: int, documents: int, claims: int) -> float:
    """How much an entity matters to a reader: turns mentioning it, documents, and claims
    about or by it, each with diminishing returns, documents weighing most.

    A guest who speaks in 90 turns of one episode is less central to a corpus than a
    concept named in 40 turns of 30 episodes; a claim is someone saying something about it.
    """
    return math.log1p(mentions) + 2.0 * math.log1p(documents) + math.log1p(claims)


def kind_of(data: dict[str, Any]) -> str:
    return str(data.get("kind") or "co_mention")


def select_nodes(
    G: nx.MultiDiGraph, max_nodes: int | None, edges: list[EdgeItem] | None = None
) -> list[str]:
    """The ``max_nodes`` most relevant nodes (all when None), best first (:func:`relevance`).

    A node with no co-mention or claim to another kept node is then swapped for the most
    relevant linked node of its type left out (a "said" edge alone is not drawn).
    ``edges``: ``edge_list(G)`` when already made.
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, got {max_nodes}")
    edges = edge_list(G) if edges is None else edges
    claims: Counter[str] = Counter()
    for u, v, _, d in edges:
        if d.get("kind") == "claim":
            claims[u] += 1
            claims[v] += 1
    score = {
        n: relevance(int(d.get("mentions") or 0), int(d.get("documents") or 0), claims[n])
        for n, d in G.nodes(data=True)
    }
    ranked = sorted(G.nodes, key=lambda n: (-score[n], str(n)))
    if max_nodes is None or max_nodes >= len(ranked):
        return ranked
    kept = ranked[:max_nodes]
    _link_isolated(G, kept, ranked, edges)
    return sorted(kept, key=lambda n: (-score[n], str(n)))


def _link_isolated(
    G: nx.MultiDiGraph, kept: list[str], ranked: list[str], edges: list[EdgeItem]
) -> None:
    """Swap each kept node without a kept neighbour (over drawn kinds) for the best node
    of its type that has one (in place; nodes without such a replacement stay)."""
    linked: dict[str, set[str]] = {}
    for u, v, _, d in edges:
        if u != v and d.get("kind") != SAID:
            linked.setdefault(u, set()).add(v)
            linked.setdefault(v, set()).add(u)
    type_of = {n: G.nodes[n].get("type", "") for n in ranked}
    kept_set = set(kept)
    for _ in range(3):  # a swap can link a node left alone by an earlier pass
        swapped = False
        for i in range(len(kept) - 1, -1, -1):  # weakest first
            node = kept[i]
            if linked.get(node, set()) & kept_set:
                continue
            for candidate in ranked:
                if (
                    candidate not in kept_set
                    and type_of[candidate] == type_of[node]
                    and linked.get(candidate, set()) & kept_set
                ):
                    kept_set.discard(node)
                    kept_set.add(candidate)
                    kept[i] = candidate
                    swapped = True
                    break
        if not swapped:
            break


def select_edges(
    candidates: list[tuple[int, str, str, dict[str, Any]]], limit: int
) -> list[tuple[int, str, str, dict[str, Any]]]:
    """At most ``limit`` edges: first each node's strongest edge (so no shown node loses
    all its links), then claims (they carry the quotes), then co-mentions by weight.
    Returned in graph order."""
    ranked = sorted(
        candidates, key=lambda e: (e[3].get("kind") != "claim", -(e[3].get("weight") or 0), e[0])
    )
    strongest = sorted(
        candidates, key=lambda e: (-(e[3].get("weight") or 0), e[3].get("kind") != "claim", e[0])
    )
    chosen: dict[int, tuple[int, str, str, dict[str, Any]]] = {}
    linked: set[str] = set()
    for edge in strongest:
        if len(chosen) >= limit:
            break
        _, u, v, _ = edge
        if u != v and (u not in linked or v not in linked):
            chosen[edge[0]] = edge
            linked.update((u, v))
    for edge in ranked:
        if len(chosen) >= limit:
            break
        chosen.setdefault(edge[0], edge)
    return sorted(chosen.values(), key=lambda e: e[0])
