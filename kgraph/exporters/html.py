"""A self-contained, offline HTML page of the graph (pyvis 0.3.2 + vis-network 9.1.2) that
answers what people open it for: find any entity, see what it is connected to and why,
and find how two entities relate.

What is drawn: the ``max_nodes`` most relevant entities (:func:`relevance`: mentions,
documents, claims) and the strongest edges among them; the "said" edges of a speaker are
drawn hidden, shown by their switch in the legend. What the page carries for *every*
entity of the graph, so that search, focus and paths work beyond the drawing:

- an index of names: label, aliases, gazetteer synonyms, type, mentions;
- its strongest neighbours (:data:`FOCUS_NEIGHBOURS`, ranked as ``kgraph neighbors`` ranks
  them), each link with its best quote (quotes are stored best first by the graph,
  :mod:`kgraph.evidence`), drawn and listed when the entity is focused;
- those links priced as ``kgraph path`` prices hops (:func:`kgraph.index.hop_cost`), with
  each entity's degree in the whole graph for the hub penalty: the page's From / To box
  finds up to three short paths as :func:`kgraph.query.paths` does, over these links;
- a few quotes of its own, with speaker, time, document title and a link to the moment;
- the reading list and the advice of ``kgraph books`` and ``kgraph advice``, for the
  whole graph and each entity's share (:mod:`kgraph.exporters.page.panels`).
  Quotes, speakers and documents are tables referred to by number (a sentence naming ten
  entities is written once).

The parts live in :mod:`kgraph.exporters.page` (``select``: what is drawn; ``links``:
names, neighbours and paths; ``panels``; ``text``: shown text and the shared tables;
``layout``: positions, labels, vis-network's options) and ``static/`` (the template, its
CSS and scripts, inlined).

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
  containing ``<script>`` is shown, never run. Bidirectional control characters are
  removed from every text, so none can reorder what the page shows.

Up to :data:`BROWSER_LAYOUT_MAX_NODES` nodes the browser lays them out with a short
Barnes-Hut stabilisation, then physics is switched off; beyond that, positions come from
igraph's Fruchterman-Reingold layout in Python and the browser only draws.

For tests and scripts, the page reports its state on ``#kgraph-status``
(``data-ready``, ``data-drawn``, ``data-external-requests``, ...) and in ``window.kgraph``.
"""

from __future__ import annotations

import functools
import math
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.exporters.page.layout import LABELLED_NODES, layout, options, weigh_labels
from kgraph.exporters.page.links import FOCUS_NEIGHBOURS, page_data
from kgraph.exporters.page.panels import panels
from kgraph.exporters.page.select import SAID, kind_of, relevance, select_edges, select_nodes
from kgraph.exporters.page.text import shown
from kgraph.io import atomic_write
from kgraph.model import OTHER_COLOR, type_order
from kgraph.query import HUB_PENALTY, REUSE_PENALTY
from kgraph.serial import EdgeItem, edge_list, gc_paused

__all__ = [
    "BROWSER_LAYOUT_MAX_NODES",
    "DEFAULT_MAX_NODES",
    "FOCUS_NEIGHBOURS",
    "LABELLED_NODES",
    "HtmlPage",
    "generate_html",
    "relevance",
    "render_html",
    "select_nodes",
    "write_html",
]

DEFAULT_MAX_NODES = 300
EDGES_PER_NODE = 4  # default max_edges = EDGES_PER_NODE * shown nodes
BROWSER_LAYOUT_MAX_NODES = 1000
STATIC_DIR = Path(__file__).parent / "static"
TEMPLATE = "kgraph.html.j2"

Edge = tuple[int, Any, Any, dict[str, Any]]  # (number in the edge list, u, v, data)


@dataclass
class HtmlPage:
    """A rendered page and what was left out of its drawing."""

    html: str
    nodes_shown: int
    nodes_dropped: int
    edges_shown: int
    edges_dropped: int


def _edge_payload(
    i: int, a: int, b: int, data: dict[str, Any], parallel: int, link: int, claim: int
) -> dict[str, Any]:
    """A drawn edge: vis-network's style and, in ``kg``, its kind and where its words are
    (``link``: the pair's entry in the links table; ``claim``: which of the pair's claims)."""
    kind = kind_of(data)
    weight = int(data.get("weight") or 1)
    edge: dict[str, Any] = {"id": f"e{i}", "from": a, "to": b}
    if kind == "claim":
        negated = bool(data.get("negated"))
        edge.update(
            arrows="to", width=1.5, color="#c0392b" if negated else "#555555", dashes=negated
        )
    elif kind == SAID:
        edge.update(
            arrows="to",
            width=round(1 + 0.5 * math.log2(weight), 2),
            color="rgba(78,121,167,0.5)",
            dashes=[2, 4],
            hidden=True,  # shown by the legend's switch
            physics=False,  # hidden edges still pull: a host would gather everything
        )
    else:  # co-mentions take the options' colour: the page fades them all at once
        edge.update(width=round(1 + math.log2(max(weight, 1)), 2))
    edge["kg"] = {"kind": kind if kind in ("claim", SAID) else "co_mention", "link": link}
    if kind == "claim":
        edge["kg"]["claim"] = claim
    if parallel:  # curve parallel edges apart instead of drawing them on top of each other
        edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * parallel}
    return edge


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
    patterns: Path | str | None = None,
    index: Any = None,
) -> HtmlPage:
    """Render the page.

    Parameters
    ----------
    max_nodes : draw at most this many nodes, the most relevant (None: all).
    max_edges : draw at most this many edges among them, claims first then the heaviest
        co-mentions (default: ``EDGES_PER_NODE`` per drawn node), besides the hidden
        "said" edges.
    title : page title (default: the graph's name).
    edges : ``edge_list(G)`` when the caller has it already.
    patterns : the user's gazetteer file of the build, for the synonyms search knows.
    index : the graph's :class:`kgraph.index.GraphIndex` when the caller has one (the
        reading list and advice are computed on it; else ``G`` is indexed in memory).
    """
    with gc_paused():
        all_edges = edge_list(G) if edges is None else edges
        kept = select_nodes(G, max_nodes, all_edges)
        ids = sorted(G, key=str)  # entity numbers: stable file content for the same graph
        number = {n: i for i, n in enumerate(ids)}
        types = sorted({str(t) for _, t in G.nodes(data="type", default="")}, key=type_order)
        shown_edges = _drawn_edges(kept, all_edges, max_edges)
        pairs = {tuple(sorted((number[u], number[v]))) for _, u, v, _ in shown_edges}
        data, tables, link_number = page_data(G, ids, set(kept), pairs, all_edges, types, patterns)
        data["panels"] = panels(G if index is None else index, number, tables)
        data.update(tables.data())
        physics = len(kept) <= BROWSER_LAYOUT_MAX_NODES
        nodes = _node_payloads(G, kept, number, data["entities"]["label"], shown_edges, physics)
        edges_drawn = _edge_payloads(shown_edges, number, link_number)
        meta = _meta(G, kept, types, max_nodes, len(all_edges), len(edges_drawn), physics)
        meta["title"] = shown(title or G.graph.get("name") or "kgraph")
        html = _generate(nodes, edges_drawn, options(physics, len(kept)), meta, data)
    return HtmlPage(html, len(kept), meta["nodes_dropped"], len(edges_drawn), meta["edges_dropped"])


def _drawn_edges(kept: list[Any], all_edges: list[EdgeItem], max_edges: int | None) -> list[Edge]:
    """The drawn edges among the kept nodes (:func:`select_edges`) and, hidden until asked
    for, their strongest "said" edges, in graph order."""
    kept_set = set(kept)
    candidates = [
        (i, u, v, d)
        for i, (u, v, _, d) in enumerate(all_edges)
        if u in kept_set and v in kept_set and d.get("kind") != SAID
    ]
    limit = max_edges if max_edges is not None else EDGES_PER_NODE * max(len(kept), 1)
    said = sorted(
        (
            (i, u, v, d)
            for i, (u, v, _, d) in enumerate(all_edges)
            if u in kept_set and v in kept_set and u != v and d.get("kind") == SAID
        ),
        key=lambda e: (-(e[3].get("weight") or 0), e[0]),
    )[: len(kept)]
    return sorted(select_edges(candidates, limit) + said, key=lambda e: e[0])


def _node_payloads(
    G: nx.MultiDiGraph,
    kept: list[Any],
    number: dict[Any, int],
    labels: list[str],
    shown_edges: list[Edge],
    physics: bool,
) -> list[dict[str, Any]]:
    """The drawn nodes, labelled by relevance; placed here when the browser will not."""
    rank = {number[n]: r for r, n in enumerate(kept)}
    nodes = []
    for n in sorted(kept, key=number.__getitem__):
        d = G.nodes[n]
        nodes.append(
            {
                "id": number[n],
                "label": labels[number[n]],
                "color": d.get("color") or OTHER_COLOR,
                "value": float(d.get("size") or 10.0),  # scaled by options.nodes.scaling
                "mass": 1.0,  # set by weigh_labels
                "kg": {},
            }
        )
    weigh_labels(nodes, rank)
    if not physics:
        drawn_pairs = [(number[u], number[v]) for _, u, v, d in shown_edges if kind_of(d) != SAID]
        positions = layout([node["id"] for node in nodes], drawn_pairs)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
            node["physics"] = False
    return nodes


def _edge_payloads(
    shown_edges: list[Edge], number: dict[Any, int], link_number: dict[tuple[int, int], int]
) -> list[dict[str, Any]]:
    seen_pairs: Counter[tuple[int, int]] = Counter()
    claim_seen: Counter[tuple[int, int]] = Counter()
    edges = []
    for i, (_, u, v, d) in enumerate(shown_edges):
        a, b = number[u], number[v]
        pair = (a, b) if a < b else (b, a)
        claim = 0
        if kind_of(d) == "claim":
            claim = claim_seen[pair]
            claim_seen[pair] += 1
        edges.append(_edge_payload(i, a, b, d, seen_pairs[pair], link_number[pair], claim))
        seen_pairs[pair] += 1
    return edges


def _meta(
    G: nx.MultiDiGraph,
    kept: list[Any],
    types: list[str],
    max_nodes: int | None,
    edges_total: int,
    edges_shown: int,
    physics: bool,
) -> dict[str, Any]:
    """What the page says about the drawing, and the path costs of ``kgraph path``."""
    shown_types = Counter(G.nodes[n].get("type", "") for n in kept)
    all_types = Counter(str(t) for _, t in G.nodes(data="type", default=""))
    return {
        "types": [
            {
                "type": t,
                "color": _type_color(G, t),
                "shown": shown_types[t],
                "total": all_types[t],
            }
            for t in types
        ],
        "nodes_total": G.number_of_nodes(),
        "nodes_shown": len(kept),
        "nodes_dropped": G.number_of_nodes() - len(kept),
        "edges_total": edges_total,
        "edges_shown": edges_shown,
        "edges_dropped": edges_total - edges_shown,
        "max_nodes": max_nodes,
        "physics": physics,
        "documents": len(G.graph.get("documents") or []),
        # kgraph.query.paths' costs: the page finds paths as `kgraph path` does
        "hub_penalty": HUB_PENALTY,
        "reuse_penalty": REUSE_PENALTY,
    }


def _generate(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    network_options: dict[str, Any],
    meta: dict[str, Any],
    data: dict[str, Any],
) -> str:
    """The page's HTML: our template (static/) through pyvis's Network."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = nodes
    net.edges = edges
    net.options = network_options
    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(STATIC_DIR)), FileSystemLoader(net.template_dir)]
        ),
        autoescape=False,
        bytecode_cache=_template_code(),  # compiled once per process
    )
    # compact JSON, UTF-8 as it is: ~0.5 MB less on a large page (|tojson still escapes
    # < > & ' so that no text can close the script)
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "separators": (",", ":"),
        "ensure_ascii": False,
    }
    env.globals["kg"] = meta
    env.globals["kgdata"] = data
    net.templateEnv = env
    net.path = TEMPLATE
    return net.generate_html(name="kgraph.html")


def _type_color(G: nx.MultiDiGraph, entity_type: str) -> str:
    for _, data in G.nodes(data=True):
        if data.get("type", "") == entity_type and data.get("color"):
            return str(data["color"])
    return OTHER_COLOR


def generate_html(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = None,
    title: str | None = None,
) -> str:
    """The HTML text of the page (see :func:`write_html`)."""
    return render_html(G, max_nodes=max_nodes, max_edges=max_edges, title=title).html


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], **options: Any) -> int:
    """Write the offline HTML page of :func:`render_html` (same ``options``) atomically;
    return how many nodes its drawing left out (search, focus and paths still reach them)."""
    page = render_html(G, **options)
    atomic_write(path, page.html)
    return page.nodes_dropped
