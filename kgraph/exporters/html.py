"""A self-contained, offline HTML page of the graph (pyvis 0.3.2 + vis-network 9.1.2).

pyvis is used for what it does well -- carrying nodes, edges and options into a Jinja
template and bundling vis-network -- while avoiding its measured traps:

- ``from_nx`` is quadratic and renames ``weight``: ``net.nodes``/``net.edges`` are filled
  as dicts directly;
- ``set_options`` deletes spaces from the JSON: ``net.options`` is assigned;
- its template links Bootstrap from a CDN even with ``cdn_resources="in_line"``: our own
  template (``static/kgraph.html.j2``) inlines vis-network's JS and CSS from pyvis's
  ``templates/lib`` and references nothing else; a Content-Security-Policy forbids any
  request the page might still try to make;
- ``write_html`` writes without an encoding: ``generate_html()`` is written as UTF-8;
- titles containing ``href`` switch pyvis to ``innerHTML`` tooltips: no ``title`` is set
  in Python; the page builds tooltips as DOM nodes with ``textContent``, and all data
  reaches the page through ``tojson`` (``<``, ``>``, ``&``, ``'`` escaped), so a transcript
  containing ``<script>`` is shown, never run.

Large graphs: ``max_nodes`` keeps the most connected and most mentioned entities (the page
says how many were left out) and ``max_edges`` the strongest edges among them. Up to
:data:`BROWSER_LAYOUT_MAX_NODES` nodes the browser lays them out with a short Barnes-Hut
stabilisation, then physics is switched off; beyond that, positions come from igraph's
Fruchterman-Reingold layout in Python and the browser only draws.

For tests and scripts, the page reports its state on ``#kgraph-status``
(``data-ready``, ``data-drawn``, ``data-external-requests``, ...) and in ``window.kgraph``.
"""

from __future__ import annotations

import functools
import math
import os
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.io import atomic_write
from kgraph.model import OTHER_COLOR, type_order
from kgraph.serial import EdgeItem, edge_list, gc_paused

__all__ = [
    "BROWSER_LAYOUT_MAX_NODES",
    "DEFAULT_MAX_NODES",
    "LABELLED_NODES",
    "TYPE_FLOOR_SHARE",
    "HtmlPage",
    "generate_html",
    "node_score",
    "render_html",
    "select_nodes",
    "write_html",
]

DEFAULT_MAX_NODES = 300
TYPE_FLOOR_SHARE = 0.10  # each entity type keeps at least this share of max_nodes
LABELLED_NODES = 60  # labels drawn at the first view; the others appear on zoom
EDGES_PER_NODE = 4  # default max_edges = EDGES_PER_NODE * shown nodes
BROWSER_LAYOUT_MAX_NODES = 1000
MAX_QUOTE_CHARS = 320
MAX_QUOTES = 3
STATIC_DIR = Path(__file__).parent / "static"
TEMPLATE = "kgraph.html.j2"

_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+")


@dataclass
class HtmlPage:
    """A rendered page and what was left out of it."""

    html: str
    nodes_shown: int
    nodes_dropped: int
    edges_shown: int
    edges_dropped: int


def node_score(G: nx.MultiDiGraph, node: str, strength: Counter[str] | None = None) -> float:
    """How central a node is: its mentions plus its weighted degree over all edges.

    ``strength`` (weighted degree by node) may be passed when scoring many nodes.
    (Weighting by the number of documents was tried: on a podcast corpus it favours
    concepts over guests, who are each in one episode.)
    """
    if strength is None:
        strength = _strength(G)
    return float(strength[node] + (G.nodes[node].get("mentions") or 0))


def _strength(G: nx.MultiDiGraph, edges: list[EdgeItem] | None = None) -> Counter[str]:
    """Weighted degree by node (``edges``: ``edge_list(G)`` when already made)."""
    strength: Counter[str] = Counter()
    for u, v, _, d in edge_list(G) if edges is None else edges:
        w = d.get("weight", 1) or 0
        strength[u] += w
        strength[v] += w
    return strength


def select_nodes(
    G: nx.MultiDiGraph, max_nodes: int | None, strength: Counter[str] | None = None
) -> list[str]:
    """The ``max_nodes`` nodes to show (all when None), best first by :func:`node_score`.

    Every type keeps a floor of its best nodes -- ``TYPE_FLOOR_SHARE`` of ``max_nodes``, or
    all of them when it has fewer -- so a few hundred concepts cannot crowd out the people
    and books; the other places go to the best nodes of any type. A node with no link to
    another shown node is then swapped for the best linked node of its type left out.
    ``strength``: the weighted degree by node, when already computed.
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, got {max_nodes}")
    if strength is None:
        strength = _strength(G)
    score = {n: node_score(G, n, strength) for n in G}
    ranked = sorted(G.nodes, key=lambda n: (-score[n], str(n)))
    if max_nodes is None or max_nodes >= len(ranked):
        return ranked
    type_of = {n: G.nodes[n].get("type", "") for n in ranked}
    counts = Counter(type_of.values())
    floor = min(max(1, round(TYPE_FLOOR_SHARE * max_nodes)), max_nodes // len(counts))
    need = {t: min(count, floor) for t, count in counts.items()}
    reserved = sum(need.values())
    kept: list[str] = []
    for n in ranked:
        if len(kept) == max_nodes:
            break
        if need[type_of[n]] > 0:
            need[type_of[n]] -= 1
            reserved -= 1
            kept.append(n)
        elif len(kept) + reserved < max_nodes:
            kept.append(n)
    _link_isolated(G, kept, ranked, type_of)
    return sorted(kept, key=lambda n: (-score[n], str(n)))


def _link_isolated(
    G: nx.MultiDiGraph, kept: list[str], ranked: list[str], type_of: dict[str, str]
) -> None:
    """Swap each kept node without a kept neighbour for the best node of its type that
    has one (in place; nodes without such a replacement stay)."""
    kept_set = set(kept)

    def neighbours(n: str) -> set[str]:
        return (set(G.succ[n]) | set(G.pred[n])) - {n}

    for _ in range(3):  # a swap can link a node left alone by an earlier pass
        swapped = False
        for i in range(len(kept) - 1, -1, -1):  # weakest first
            node = kept[i]
            if neighbours(node) & kept_set:
                continue
            for candidate in ranked:
                if (
                    candidate not in kept_set
                    and type_of[candidate] == type_of[node]
                    and neighbours(candidate) & kept_set
                ):
                    kept_set.discard(node)
                    kept_set.add(candidate)
                    kept[i] = candidate
                    swapped = True
                    break
        if not swapped:
            break


def _select_edges(
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


def _quote(text: str | None) -> str:
    text = " ".join((text or "").split())
    if len(text) > MAX_QUOTE_CHARS:
        text = text[: MAX_QUOTE_CHARS - 1].rstrip() + "…"
    return text


def _url(url: Any) -> str | None:
    """Only http(s) links reach the page (no ``javascript:``)."""
    return url if isinstance(url, str) and _SAFE_URL.fullmatch(url) else None


def _layout(
    nodes: list[str], edges: list[tuple[str, str]], seed: int = 7
) -> dict[str, tuple[float, float]]:
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


def _node_payload(node: str, data: dict[str, Any], titles: dict[str, str]) -> dict[str, Any]:
    evidence = []
    for ev in (data.get("evidence") or [])[:MAX_QUOTES]:
        evidence.append(
            {
                "quote": _quote(ev.get("quote")),
                "speaker": ev.get("speaker"),
                "time": ev.get("time"),
                "url": _url(ev.get("url")),
                "document": titles.get(ev.get("document"), ev.get("document")),
            }
        )
    mentions = int(data.get("mentions") or 0)
    return {
        "id": node,
        "label": str(data.get("label", node)),
        "color": data.get("color") or OTHER_COLOR,
        "value": float(data.get("size") or 10.0),  # scaled by options.nodes.scaling
        "mass": 1.0,  # set by _weigh_labels
        "kg": {
            "type": data.get("type", ""),
            "aliases": [a for a in str(data.get("aliases") or "").split("|") if a],
            "mentions": mentions,
            "documents": int(data.get("documents") or 0),
            "community": data.get("community"),
            "evidence": evidence,
        },
    }


def _weigh_labels(nodes: list[dict[str, Any]]) -> None:
    """Set ``kg.label_weight``: 0..1 by size for the LABELLED_NODES biggest nodes (their
    labels show at the first view, bigger for bigger nodes), -1 for the others.

    The labelled nodes also get a large ``mass``: in Barnes-Hut they push each other (and
    their crowd) apart, so their labels do not pile up in the middle of the drawing.
    """
    biggest = sorted(nodes, key=lambda n: (-n["value"], n["id"]))[:LABELLED_NODES]
    for node in nodes:
        node["kg"]["label_weight"] = -1.0
        node["mass"] = 1.0
    if not biggest:
        return
    top, bottom = biggest[0]["value"], biggest[-1]["value"]
    for node in biggest:
        weight = (node["value"] - bottom) / (top - bottom) if top > bottom else 1.0
        node["kg"]["label_weight"] = round(weight, 3)
        node["mass"] = round(8.0 + 16.0 * weight, 2)


def _edge_payload(
    i: int, u: str, v: str, data: dict[str, Any], parallel: int, titles: dict[str, str]
) -> dict[str, Any]:
    kind = data.get("kind", "")
    weight = data.get("weight") or 1
    edge: dict[str, Any] = {"id": f"e{i}", "from": u, "to": v}
    if kind == "claim":
        negated = bool(data.get("negated"))
        edge.update(
            arrows="to",
            width=1.5,
            color="#c0392b" if negated else "#555555",
            dashes=negated,
            kg={
                "kind": "claim",
                "predicate": data.get("predicate"),
                "negated": negated,
                "quote": _quote(data.get("evidence")),
                "speaker": data.get("speaker"),
                "time": data.get("time"),
                "url": _url(data.get("url")),
                "document": titles.get(data.get("document"), data.get("document")),
            },
        )
    else:
        edge.update(
            width=round(1 + math.log2(max(weight, 1)), 2),
            color="rgba(140,140,140,0.45)",
            kg={
                "kind": kind or "edge",
                "weight": weight,
                "examples": len(data.get("examples") or []),
                # one quote of a shared turn (more would weigh ~0.5 MB per 1,000 edges)
                "quotes": [
                    {
                        "quote": _quote(ex.get("quote")),
                        "speaker": ex.get("speaker"),
                        "time": ex.get("time"),
                        "url": _url(ex.get("url")),
                        "document": titles.get(ex.get("document"), ex.get("document")),
                    }
                    for ex in (data.get("examples") or [])
                    if isinstance(ex, dict) and ex.get("quote")
                ][:1],
            },
        )
    if parallel:  # curve parallel edges apart instead of drawing them on top of each other
        edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * parallel}
    return edge


def _options(physics: bool, n_nodes: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            # sizes from the graph's `size`; the page sizes the labels once the drawing
            # is fitted (kg.label_weight): readable for the LABELLED_NODES biggest nodes,
            # below drawThreshold (screen pixels) for the others until zoomed in
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
        "edges": {"smooth": False, "selectionWidth": 2, "arrowStrikethrough": False},
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


@functools.cache
def _template_code() -> Any:
    """An in-memory Jinja bytecode cache (keyed by the template's source checksum)."""
    from jinja2 import BytecodeCache

    class MemoryBytecodeCache(BytecodeCache):
        def __init__(self) -> None:
            self.code: dict[str, bytes] = {}

        def load_bytecode(self, bucket: Any) -> None:
            if bucket.key in self.code:
                bucket.bytecode_from_string(self.code[bucket.key])

        def dump_bytecode(self, bucket: Any) -> None:
            self.code[bucket.key] = bucket.bytecode_to_string()

    return MemoryBytecodeCache()


def render_html(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = None,
    title: str | None = None,
    edges: list[EdgeItem] | None = None,
) -> HtmlPage:
    """Render the page; see :func:`write_html` for the parameters."""
    with gc_paused():
        return _render(
            G,
            max_nodes=max_nodes,
            max_edges=max_edges,
            title=title,
            all_edges=edge_list(G) if edges is None else edges,
        )


def _render(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int | None,
    max_edges: int | None,
    title: str | None,
    all_edges: list[EdgeItem],
) -> HtmlPage:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader
    from pyvis.network import Network

    kept = select_nodes(G, max_nodes, _strength(G, all_edges))
    kept_set = set(kept)
    titles = {d.get("id"): d.get("title") for d in G.graph.get("documents") or []}

    candidates = [  # a speaker's "said" edges are not drawn (a hairball around the host)
        (i, u, v, d)
        for i, (u, v, _, d) in enumerate(all_edges)
        if u in kept_set and v in kept_set and d.get("kind") != "said"
    ]
    limit = max_edges if max_edges is not None else EDGES_PER_NODE * max(len(kept), 1)
    shown_edges = _select_edges(candidates, limit)

    physics = len(kept) <= BROWSER_LAYOUT_MAX_NODES
    node_order = sorted(kept, key=str)  # stable file content for the same graph
    nodes = [_node_payload(n, G.nodes[n], titles) for n in node_order]
    _weigh_labels(nodes)
    if not physics:
        positions = _layout(node_order, [(u, v) for _, u, v, _ in shown_edges])
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
            node["physics"] = False
    seen_pairs: Counter[tuple[str, str]] = Counter()
    edges = []
    for i, (_, u, v, data) in enumerate(shown_edges):
        pair = (min(u, v, key=str), max(u, v, key=str))
        edges.append(_edge_payload(i, u, v, data, seen_pairs[pair], titles))
        seen_pairs[pair] += 1

    type_counts = Counter(G.nodes[n].get("type", "") for n in kept)
    all_types = Counter(t for _, t in G.nodes(data="type", default=""))
    colors = {
        t: c
        for _, t, c in ((n, d.get("type", ""), d.get("color")) for n, d in G.nodes(data=True))
        if c
    }
    types = sorted(all_types, key=type_order)
    page_title = title or str(G.graph.get("name") or "kgraph")
    meta = {
        "title": page_title,
        "types": [
            {
                "type": t,
                "color": colors.get(t, OTHER_COLOR),
                "shown": type_counts[t],
                "total": all_types[t],
            }
            for t in types
        ],
        "nodes_total": G.number_of_nodes(),
        "nodes_shown": len(kept),
        "nodes_dropped": G.number_of_nodes() - len(kept),
        "edges_total": len(all_edges),
        "edges_shown": len(edges),
        "edges_dropped": len(all_edges) - len(edges),
        "max_nodes": max_nodes,
        "physics": physics,
        "documents": len(G.graph.get("documents") or []),
    }

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = nodes
    net.edges = edges
    net.options = _options(physics, len(kept))
    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(STATIC_DIR)), FileSystemLoader(net.template_dir)]
        ),
        autoescape=False,
        bytecode_cache=_template_code(),  # compiled once per process: 0.07 s a page
    )
    env.globals["kg"] = meta
    net.templateEnv = env
    net.path = TEMPLATE
    html = net.generate_html(name="kgraph.html")
    return HtmlPage(html, len(kept), meta["nodes_dropped"], len(edges), meta["edges_dropped"])


def generate_html(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = None,
    title: str | None = None,
) -> str:
    """The HTML text of the page (see :func:`write_html`)."""
    return render_html(G, max_nodes=max_nodes, max_edges=max_edges, title=title).html


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = None,
    title: str | None = None,
    edges: list[EdgeItem] | None = None,
) -> int:
    """Write the offline HTML page atomically; return how many nodes were left out.

    Parameters
    ----------
    max_nodes : keep at most this many nodes, the most connected and mentioned (None: all).
    max_edges : keep at most this many edges among them, claims first then the heaviest
        co-mentions (default: ``EDGES_PER_NODE`` per shown node).
    title : page title (default: the graph's name).
    edges : ``edge_list(G)`` when the caller has it already (a large graph's takes ~0.03 s).
    """
    page = render_html(G, max_nodes=max_nodes, max_edges=max_edges, title=title, edges=edges)
    atomic_write(path, page.html)
    return page.nodes_dropped
