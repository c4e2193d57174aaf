"""Where the page puts its nodes, how big their labels are, and vis-network's options."""

from __future__ import annotations

import math
import random
from typing import Any

import networkx as nx

LABELLED_NODES = 60  # labels drawn at the first view; the others appear on zoom
CO_MENTION_COLOR = "rgba(140,140,140,0.45)"


def layout(
    nodes: list[Any], edges: list[tuple[Any, Any]], seed: int = 7
) -> dict[Any, tuple[float, float]]:
    """Positions for a graph too large for in-browser physics (igraph FR, else networkx)."""
    scale = 40.0 * math.sqrt(len(nodes))
    index = {n: i for i, n in enumerate(nodes)}
    pairs = sorted({(index[u], index[v]) for u, v in edges if u != v})
    rng = random.Random(seed)
    spread = math.sqrt(len(nodes))  # a tight start puts every node in one grid cell: O(n^2)
    start = [[rng.uniform(-spread, spread), rng.uniform(-spread, spread)] for _ in nodes]
    try:
        import igraph
    except ImportError:  # a dependency, but keep working without it: networkx is ~100x
        H = nx.Graph(pairs)  # slower, needs scipy above 500 nodes, else a circle
        H.add_nodes_from(range(len(nodes)))
        try:
            pos = nx.spring_layout(H, seed=seed, iterations=50)
        except ImportError:
            pos = nx.circular_layout(H)
        coords = [pos[i] for i in range(len(nodes))]
    else:
        g = igraph.Graph(n=len(nodes), edges=pairs)
        igraph.set_random_number_generator(random.Random(seed))  # FR draws random numbers
        try:
            coords = g.layout_fruchterman_reingold(niter=500, seed=start).coords
        finally:
            igraph.set_random_number_generator(random)
    linked = {i for pair in pairs for i in pair}
    if not linked:
        linked = set(range(len(nodes)))
    xs = [c[0] for i, c in enumerate(coords) if i in linked]
    ys = [c[1] for i, c in enumerate(coords) if i in linked]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    positions = {}
    for i, (n, c) in enumerate(zip(nodes, coords, strict=True)):
        if i in linked:
            positions[n] = (
                round((c[0] - cx) / span * scale, 1),
                round((c[1] - cy) / span * scale, 1),
            )
    # FR pushes unconnected nodes far out and shrinks the rest: put them in rows below
    isolated = [n for i, n in enumerate(nodes) if i not in linked]
    per_row = max(1, int(math.sqrt(len(isolated)) * 2))
    step = scale / max(per_row, 1)
    for j, n in enumerate(isolated):
        row, col = divmod(j, per_row)
        positions[n] = (round(-scale / 2 + col * step, 1), round(scale * 0.6 + row * step, 1))
    return positions


def weigh_labels(nodes: list[dict[str, Any]], rank: dict[Any, int]) -> None:
    """Set ``kg.label_weight``: 0..1 by size for the LABELLED_NODES most relevant nodes
    (their labels show at the first view, bigger for bigger nodes), -1 for the others.

    The labelled nodes also get a large ``mass``: in Barnes-Hut they push each other (and
    their crowd) apart, so their labels do not pile up in the middle of the drawing.
    """
    labelled = sorted(nodes, key=lambda n: rank[n["id"]])[:LABELLED_NODES]
    for node in nodes:
        node["kg"]["label_weight"] = -1.0
        node["mass"] = 1.0
    if not labelled:
        return
    top = max(n["value"] for n in labelled)
    bottom = min(n["value"] for n in labelled)
    for node in labelled:
        weight = (node["value"] - bottom) / (top - bottom) if top > bottom else 1.0
        node["kg"]["label_weight"] = round(weight, 3)
        node["mass"] = round(8.0 + 16.0 * weight, 2)


def options(physics: bool, n_nodes: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            # sizes from the graph's `size`; the page sizes the labels once the drawing
            # is fitted (kg.label_weight): readable for the LABELLED_NODES most relevant
            # nodes, below drawThreshold (screen pixels) for the others until zoomed in
            "scaling": {
                "min": 8,
                "max": 48,
                "label": {"enabled": False, "drawThreshold": 9, "maxVisible": 30},
            },
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "arrowStrikethrough": False,
            "color": dict.fromkeys(("color", "highlight", "hover"), CO_MENTION_COLOR),
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n_nodes > 500,
            "hideEdgesOnZoom": n_nodes > 1000,
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -20000,
                "centralGravity": 0.3,
                "springLength": 250,
                "springConstant": 0.04,
                "damping": 0.5,
                "avoidOverlap": 1.0,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": 250 if n_nodes <= 300 else 150 if n_nodes <= 600 else 100,
                "updateInterval": 25,
                "fit": False,  # the page fits (or focuses the #q= entity) itself
            },
        },
    }
