"""Node positions, computed once per build, so Gephi opens the graph laid out.

Gephi scatters nodes without positions at random, and its ForceAtlas 2 takes minutes to
untangle thousands of nodes from there. igraph's Fruchterman-Reingold (its grid variant
above 1,000 nodes) lays out the corpus graph in seconds in Python. The layout is
deterministic: a seeded start and igraph's random numbers drawn from a seeded generator,
on the nodes and edges in the graph's own (sorted) order. Edges pull with the logarithm of
their weight, so a pair sharing 200 turns does not collapse onto itself.

Coordinates are centred on 0 and span about ``SPREAD * sqrt(n)`` units: room for nodes of
Gephi's usual sizes. Isolated nodes (no edge) would be flung to the rim by the layout; they
are set in rows below the drawing instead.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import networkx as nx

__all__ = ["LAYOUT_SEED", "SPREAD", "assign_positions", "iterations", "positions"]

LAYOUT_SEED = 7
SPREAD = 40.0
ITERATIONS = 500
# An iteration costs more than linear time in the nodes (a larger drawing is denser where
# the hubs are), so larger graphs get fewer: ITERATIONS up to FULL_NODES nodes, then as
# many as keep nodes x iterations constant (200 at 10,000 nodes), never under
# MIN_ITERATIONS. The drawing's extent is settled in the first hundred; later ones refine
# it, and a corpus of 11,000 nodes draws the same cloud after 200 as after 500 (the median
# edge is 5.5 % of its width either way); Gephi can go on from there.
FULL_NODES = 4_000
MIN_ITERATIONS = 100


def iterations(n: int) -> int:
    """Fruchterman-Reingold iterations for a graph of ``n`` nodes."""
    return max(MIN_ITERATIONS, min(ITERATIONS, ITERATIONS * FULL_NODES // max(n, 1)))


def _pairs(G: nx.Graph, index: dict[object, int]) -> dict[tuple[int, int], float]:
    """Summed attraction per unordered pair of distinct nodes: 1 + log(weight) per edge."""
    pulls: dict[tuple[int, int], float] = {}
    edges: Iterable[tuple[object, object, object]] = G.edges(data="weight", default=1)
    for u, v, weight in edges:
        a, b = index[u], index[v]
        if a == b:
            continue
        pair = (a, b) if a < b else (b, a)
        try:
            pull = 1.0 + math.log(max(float(weight), 1.0))
        except (TypeError, ValueError):
            pull = 1.0
        pulls[pair] = pulls.get(pair, 0.0) + pull
    return pulls


def _force_directed(
    n: int, pairs: list[tuple[int, int]], pulls: list[float], start: list[list[float]], seed: int
) -> list[list[float]]:
    """Fruchterman-Reingold coordinates of nodes ``0..n-1``: igraph's, else networkx's
    (a dependency, but kgraph keeps working without it: ~100x slower, and a circle
    without scipy above 500 nodes)."""
    try:
        import igraph  # imported here so that loading a graph stays light
    except ImportError:
        H = nx.Graph()
        H.add_nodes_from(range(n))
        H.add_weighted_edges_from((a, b, w) for (a, b), w in zip(pairs, pulls, strict=True))
        initial = {i: tuple(xy) for i, xy in enumerate(start)}
        try:
            pos = nx.spring_layout(H, pos=initial, seed=seed, iterations=50)
        except ImportError:
            pos = nx.circular_layout(H)
        return [list(pos[i]) for i in range(n)]
    graph = igraph.Graph(n=n, edges=pairs)
    igraph.set_random_number_generator(random.Random(seed))  # FR draws random numbers
    try:
        layout = graph.layout_fruchterman_reingold(weights=pulls, niter=iterations(n), seed=start)
    finally:
        igraph.set_random_number_generator(random)
    return [list(xy) for xy in layout.coords]


def positions(G: nx.Graph, *, seed: int = LAYOUT_SEED) -> dict[object, tuple[float, float]]:
    """``{node: (x, y)}`` for every node of ``G``, the same for the same graph and seed."""
    nodes = list(G)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pulls = _pairs(G, index)
    pairs = sorted(pulls)
    rng = random.Random(seed)
    spread = math.sqrt(len(nodes))  # a tight start puts every node in one grid cell: O(n^2)
    start = [[rng.uniform(-spread, spread), rng.uniform(-spread, spread)] for _ in nodes]
    linked = sorted({i for pair in pairs for i in pair})
    coords: list[list[float]] = start
    if pairs:
        coords = _force_directed(len(nodes), pairs, [pulls[pair] for pair in pairs], start, seed)
    scale = SPREAD * math.sqrt(len(nodes))
    out: dict[object, tuple[float, float]] = {}
    if linked:
        xs = [coords[i][0] for i in linked]
        ys = [coords[i][1] for i in linked]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        for i in linked:
            x, y = coords[i][0], coords[i][1]
            out[nodes[i]] = (round((x - cx) / span * scale, 2), round((y - cy) / span * scale, 2))
    isolated = [node for node in nodes if node not in out]
    per_row = max(1, int(math.sqrt(len(isolated)) * 2))
    step = scale / per_row
    top = scale * 0.6 if linked else -scale / 2
    for j, node in enumerate(isolated):
        row, col = divmod(j, per_row)
        out[node] = (round(-scale / 2 + col * step, 2), round(top + row * step, 2))
    return out


def assign_positions(G: nx.Graph, *, seed: int = LAYOUT_SEED) -> None:
    """Set the node attributes ``x`` and ``y`` of every node of ``G`` (see :func:`positions`)."""
    node_data = G.nodes
    for node, (x, y) in positions(G, seed=seed).items():
        data = node_data[node]
        data["x"], data["y"] = x, y
