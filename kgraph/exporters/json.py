"""Node-link JSON: the graph for programs and for the query commands.

``generate_json``/``parse_json`` work on text, ``write_json``/``read_json`` on files; the
round trip is exact (node and edge attributes, multi-edge keys, ``G.graph``). This module
imports only the standard library and networkx, so loading a graph stays fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import networkx as nx

from kgraph.io import atomic_write
from kgraph.serial import edge_list, encode_json, gc_paused

__all__ = [
    "ElementTexts",
    "element_texts",
    "generate_json",
    "parse_json",
    "read_json",
    "write_json",
]

_FIELDS = {"edges": "edges", "key": "key"}


class ElementTexts(NamedTuple):
    """JSON of each node's and each edge's attributes, in the graph's order.

    Made once by :func:`element_texts` for both the JSON file and the query index
    (:func:`kgraph.index.write_index`), which stores the same text per row.
    """

    nodes: list[str]
    edges: list[str]


def element_texts(G: nx.MultiDiGraph) -> ElementTexts:
    """``json.dumps(attributes, ensure_ascii=False)`` of every node and edge of ``G``."""
    with gc_paused():
        return ElementTexts(
            list(map(encode_json, G._node.values())),
            [encode_json(d) for *_, d in edge_list(G)],
        )


def _with(text: str, extra: str) -> str:
    """The JSON object ``text`` with the members ``extra`` added at its end."""
    return f"{text[:-1]}, {extra}}}" if text != "{}" else f"{{{extra}}}"


def generate_json(
    G: nx.MultiDiGraph, *, indent: int | None = None, texts: ElementTexts | None = None
) -> str:
    """Node-link JSON text of ``G`` (edges under ``"edges"``, multi-edge keys kept).

    The same text as ``json.dumps(nx.node_link_data(G, edges="edges", key="key"),
    ensure_ascii=False, indent=indent)``, made ~3x faster for a directed multigraph
    without indent: each element's attributes are encoded once (``texts``, made here
    when not given) and ``id``/``source``/``target``/``key`` appended to them.
    """
    if indent is not None or not (G.is_directed() and G.is_multigraph()):
        data = nx.node_link_data(G, **_FIELDS)
        return json.dumps(data, ensure_ascii=False, indent=indent)
    if texts is None:
        texts = element_texts(G)
    with gc_paused():
        ids = {n: encode_json(n) for n in G}
        nodes = [
            _with(text, f'"id": {ids[n]}')
            if "id" not in d
            else encode_json({**d, "id": n})  # node_link_data overwrites it in place
            for (n, d), text in zip(G._node.items(), texts.nodes, strict=True)
        ]
        keys = {}
        edges = []
        for (u, v, k, d), text in zip(edge_list(G), texts.edges, strict=True):
            if "source" in d or "target" in d or "key" in d:
                edges.append(encode_json({**d, "source": u, "target": v, "key": k}))
                continue
            key = keys.get(k)
            if key is None:
                key = keys[k] = encode_json(k)
            edges.append(_with(text, f'"source": {ids[u]}, "target": {ids[v]}, "key": {key}'))
        head = (
            f'{{"directed": true, "multigraph": true, "graph": {encode_json(G.graph)}, "nodes": ['
        )
        return "".join([head, ", ".join(nodes), '], "edges": [', ", ".join(edges), "]}"])


def parse_json(text: str | bytes) -> nx.MultiDiGraph:
    """Inverse of :func:`generate_json`; ValueError when the text is not node-link JSON."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise ValueError("not node-link JSON: no list of 'nodes'")
    edges = data.get("edges", [])
    if not (data.get("directed") and data.get("multigraph")) or any("key" not in e for e in edges):
        return nx.node_link_graph(
            data, directed=data.get("directed", True), multigraph=True, **_FIELDS
        )
    # Our own files: build directly, ~30% faster than node_link_graph on 100k edges.
    G = nx.MultiDiGraph()
    G.graph.update(data.get("graph", {}))
    G.add_nodes_from((n.pop("id"), n) for n in data["nodes"])
    G.add_edges_from((e.pop("source"), e.pop("target"), e.pop("key"), e) for e in edges)
    return G


def write_json(
    G: nx.MultiDiGraph, path: str | os.PathLike[str], *, texts: ElementTexts | None = None
) -> Path:
    """Write ``G`` as node-link JSON, atomically (``texts``: see :func:`generate_json`)."""
    return atomic_write(path, generate_json(G, texts=texts))


def read_json(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    return parse_json(Path(path).read_bytes())
