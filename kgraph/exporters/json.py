"""Node-link JSON: the graph for programs and for the query commands.

``generate_json``/``parse_json`` work on text, ``write_json``/``read_json`` on files; the
round trip is exact (node and edge attributes, multi-edge keys, ``G.graph``). This module
imports only the standard library and networkx, so loading a graph stays fast.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.io import atomic_write
from kgraph.serial import edge_list, encode_json, gc_paused

__all__ = ["encode_graph", "generate_json", "parse_json", "read_json", "write_json"]

_FIELDS = {"edges": "edges", "key": "key"}


def _with(text: str, extra: str) -> str:
    """The JSON object ``text`` with the members ``extra`` added at its end."""
    return f"{text[:-1]}, {extra}}}" if text != "{}" else f"{{{extra}}}"


def encode_graph(G: nx.MultiDiGraph) -> bytes:
    """UTF-8 node-link JSON of a directed multigraph.

    The same bytes as ``json.dumps(nx.node_link_data(G, edges="edges", key="key"),
    ensure_ascii=False)``, several times faster on a large graph: each element's attributes
    are encoded by a reused C encoder and ``id``/``source``/``target``/``key`` appended.
    """
    with gc_paused():
        ids = {n: encode_json(n) for n in G}
        keys: dict[Any, str] = {}

        def node_objects() -> Iterator[str]:
            for n, d in G._node.items():
                if "id" in d:  # node_link_data overwrites it in place
                    yield encode_json({**d, "id": n})
                else:
                    yield _with(encode_json(d), f'"id": {ids[n]}')

        def edge_objects() -> Iterator[str]:
            for u, v, k, d in edge_list(G):
                if "source" in d or "target" in d or "key" in d:
                    yield encode_json({**d, "source": u, "target": v, "key": k})
                else:
                    key = keys.get(k)
                    if key is None:
                        key = keys[k] = encode_json(k)
                    extra = f'"source": {ids[u]}, "target": {ids[v]}, "key": {key}'
                    yield _with(encode_json(d), extra)

        text = (
            f'{{"directed": true, "multigraph": true, "graph": {encode_json(G.graph)}, '
            f'"nodes": [{", ".join(node_objects())}], "edges": [{", ".join(edge_objects())}]}}'
        )
        return text.encode("utf-8")


def generate_json(G: nx.MultiDiGraph, *, indent: int | None = None) -> str:
    """Node-link JSON text of ``G`` (edges under ``"edges"``, multi-edge keys kept): the
    text of ``json.dumps(nx.node_link_data(G, edges="edges", key="key"),
    ensure_ascii=False, indent=indent)`` (see :func:`encode_graph` for the fast case)."""
    if indent is not None or not (G.is_directed() and G.is_multigraph()):
        data = nx.node_link_data(G, **_FIELDS)
        return json.dumps(data, ensure_ascii=False, indent=indent)
    return encode_graph(G).decode("utf-8")


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


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as node-link JSON, atomically (see :func:`generate_json`)."""
    if G.is_directed() and G.is_multigraph():
        return atomic_write(path, encode_graph(G))
    return atomic_write(path, generate_json(G))


def read_json(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    return parse_json(Path(path).read_bytes())
