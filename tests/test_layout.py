"""kgraph.layout: positions for every node, the same each time; larger graphs get fewer
layout iterations, so the layout's cost stops growing faster than the graph."""

from __future__ import annotations

import networkx as nx

from kgraph.layout import FULL_NODES, ITERATIONS, MIN_ITERATIONS, iterations, positions


def test_layout_positions_every_node_the_same_each_time():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", weight=3)
    G.add_edge("b", "c", weight=1)
    G.add_node("alone")
    first = positions(G)
    assert set(first) == {"a", "b", "c", "alone"} and positions(G) == first


def test_layout_iterations_keep_nodes_times_iterations_bounded():
    assert iterations(2_000) == iterations(FULL_NODES) == ITERATIONS  # a sample: unchanged
    assert iterations(11_000) < ITERATIONS / 2  # a corpus: far fewer
    for n in (FULL_NODES + 1, 10_000, 20_000):
        assert n * iterations(n) <= FULL_NODES * ITERATIONS
    assert iterations(10**6) == MIN_ITERATIONS
    assert all(iterations(n) >= iterations(n + 1000) for n in range(1, 60_000, 1000))
