"""Node-link JSON: the graph for programs and for the query commands.

``generate_json``/``parse_json`` work on text, ``write_json``/``read_json`` on files; the
round trip is exact (node and edge attributes, multi-edge keys, ``G.graph``). This module
imports only the standard library and networkx, so loading a graph stays fast.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from kgraph.io import atomic_write
from kgraph.serial import EdgeItem, edge_list, encode_json, gc_paused

__all__ = [
    "Layout",
    "encode_graph",
    "generate_json",
    "parse_json",
    "read_json",
    "write_json",
]

_FIELDS = {"edges": "edges", "key": "key"}

Span = tuple[int, int]
"""Where an element's JSON object lies in the file: ``(start, length)`` in bytes."""
Known = Mapping[tuple[str, str, str], bytes]
"""Edges whose complete JSON object (attributes, ``source``, ``target``, ``key``) is known,
by ``(u, v, key)``: a rebuild copies them from the file it wrote before."""


class Layout(NamedTuple):
    """The Span of every node's and every edge's object, in the graph's order, and that
    order of the edges: ``edge_list(G)``, which later writers of the same graph reuse."""

    nodes: list[Span]
    edges: list[Span]
    order: list[EdgeItem]


def _with(text: str, extra: str) -> str:
    """The JSON object ``text`` with the members ``extra`` added at its end."""
    return f"{text[:-1]}, {extra}}}" if text != "{}" else f"{{{extra}}}"


def encode_graph(G: nx.MultiDiGraph, known: Known | None = None) -> tuple[bytes, Layout]:
    """UTF-8 node-link JSON of a directed multigraph, and where each element lies in it.

    The same bytes as ``json.dumps(nx.node_link_data(G, edges="edges", key="key"),
    ensure_ascii=False)``, ~3x faster: each element's attributes are encoded by a reused C
    encoder and ``id``/``source``/``target``/``key`` appended to them. The edges in
    ``known`` are copied, not encoded.
    """
    with gc_paused():
        ids = {n: encode_json(n) for n in G}
        head = (
            f'{{"directed": true, "multigraph": true, "graph": {encode_json(G.graph)}, "nodes": ['
        ).encode()
        keys: dict[Any, str] = {}

        def node_objects() -> Iterator[bytes]:
            for n, d in G._node.items():
                if "id" in d:  # node_link_data overwrites it in place
                    yield encode_json({**d, "id": n}).encode()
                else:
                    yield _with(encode_json(d), f'"id": {ids[n]}').encode()

        order = edge_list(G)

        def edge_objects() -> Iterator[bytes]:
            for u, v, k, d in order:
                data = known.get((u, v, k)) if known else None
                if data is not None:
                    yield data
                elif "source" in d or "target" in d or "key" in d:
                    yield encode_json({**d, "source": u, "target": v, "key": k}).encode()
                else:
                    key = keys.get(k)
                    if key is None:
                        key = keys[k] = encode_json(k)
                    extra = f'"source": {ids[u]}, "target": {ids[v]}, "key": {key}'
                    yield _with(encode_json(d), extra).encode()

        chunks = [head]
        node_spans, position = _append(chunks, len(head), node_objects())
        chunks.append(b'], "edges": [')
        edge_spans, _ = _append(chunks, position + 13, edge_objects())
        chunks.append(b"]}")
        return b"".join(chunks), Layout(node_spans, edge_spans, order)


def _append(chunks: list[bytes], position: int, objects: Iterable[bytes]) -> tuple[list[Span], int]:
    """Append ``objects`` to ``chunks``, which end at byte ``position``, separated by ", ";
    their spans and the position after them."""
    spans: list[Span] = []
    for text in objects:
        if spans:
            chunks.append(b", ")
            position += 2
        chunks.append(text)
        spans.append((position, len(text)))
        position += len(text)
    return spans, position


def generate_json(G: nx.MultiDiGraph, *, indent: int | None = None) -> str:
    """Node-link JSON text of ``G`` (edges under ``"edges"``, multi-edge keys kept): the
    text of ``json.dumps(nx.node_link_data(G, edges="edges", key="key"),
    ensure_ascii=False, indent=indent)`` (see :func:`encode_graph` for the fast case)."""
    if indent is not None or not (G.is_directed() and G.is_multigraph()):
        data = nx.node_link_data(G, **_FIELDS)
        return json.dumps(data, ensure_ascii=False, indent=indent)
    return encode_graph(G)[0].decode("utf-8")


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
        return atomic_write(path, encode_graph(G)[0])
    return atomic_write(path, generate_json(G))


def read_json(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    return parse_json(Path(path).read_bytes())
