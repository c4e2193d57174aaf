"""GraphML for Gephi, yEd, igraph and networkx: every attribute a scalar of one declared type.

``generate_graphml``/``parse_graphml`` work on text, ``write_graphml``/``read_graphml`` on
files. What the writer guarantees (GraphML spec: http://graphml.graphdrawing.org/):

- one ``<key>`` per attribute and scope with ONE ``attr.type``, key ids unique across scopes
  and equal to the attribute name where possible (Gephi maps ids ``label``, ``size``,
  ``r``/``g``/``b``, ``x``/``y`` on nodes and ``edgelabel``, ``weight`` on edges; it would
  take networkx's numbered id ``d3`` as the node label, so ids are never ``dN``);
- no None: every key declares a default (``""`` for strings, ``-1`` for numbers, ``false``
  for booleans) and a None or missing value is left out, so readers apply that default
  (igraph fills it in; Gephi leaves the cell at the column default);
- no lists or dicts: they are JSON-encoded strings (node ``evidence``, edge ``examples``,
  ``document_ids``); mixed types on one attribute are declared ``string``;
- characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) are
  removed from every string;
- every edge has a unique ``id``, ``source::target::key``, the same in every build of
  a corpus (``e0``, ``e1``, ... in the rare graph where two would clash): networkx would
  use the key, which repeats across pairs, and Gephi drops an edge whose id exists ("edge
  already exists").
  The networkx key is kept in the edge attribute ``key``; an attribute named ``id`` is
  written as ``attr_id`` (igraph and Gephi reserve ``id``);
- what Gephi reads natively: node ``label`` (never empty: the id when the graph has none),
  colour as integer ``r``, ``g``, ``b``, ``size`` (5-40, from the mentions) and position
  ``x``, ``y`` (:mod:`kgraph.layout`); edge ``label`` (the predicate, or the kind) and
  ``weight``. Each edge also gets the ``document_title`` and ISO ``date`` of its document
  (a claim's; a co-mention's earliest, see :func:`kgraph.timeline.first_document`);
- no graph-level data: Gephi ignores it with a warning per attribute. The graph's name,
  version and document list are in the JSON export.

Known limits. Gephi's graph store (0.9+) keeps one edge per source, target and edge
*type*, and its GraphML importer sets no type: two edges between one pair (a co-mention
and a claim, two claims) are merged on import unless the import dialog's "edges merge
strategy" is "Don't merge" (its default sums them). GraphML has one ``edgedefault``, and
networkx and igraph refuse edges that differ from it: co-mentions are directed here, from
the id that sorts first. The GEXF export (:mod:`kgraph.exporters.gexf`) has neither limit.

The XML is written here rather than by ``nx.write_graphml``: with ``named_key_ids=True``
networkx gives a node key and an edge key of the same name one id (``label`` twice, which
the GraphML schema forbids), it ids edges by their key (``0``, ``0``, ... across pairs) and
it rejects None, lists and control characters instead of encoding them.

:func:`read_graphml` reverses the encoding for the graph schema of :mod:`kgraph.graph`
(JSON strings decoded, sentinels back to None, derived Gephi attributes dropped); the
graph's own attributes are not in the file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import networkx as nx

from kgraph.exporters.graphml_keys import RENAMED, Keys, clean_xml_text, xml_bytes
from kgraph.io import atomic_write
from kgraph.serial import EdgeItem, edge_list, gc_paused
from kgraph.timeline import document_dates, first_document

__all__ = [
    "clean_xml_text",
    "edge_id",
    "edge_ids",
    "generate_graphml",
    "parse_graphml",
    "read_graphml",
    "write_graphml",
]

# Attributes of kgraph.graph's schema that the reader restores.
_JSON_ATTRS = {
    "node": {"evidence", "document_ids"},
    "edge": {"examples", "document_ids"},
    "graph": {"documents", "stances"},
}
_NULLABLE_EDGE_ATTRS = {"speaker", "time", "url"}  # may be None in kgraph.graph
_EDGE_FIELDS = {
    "co_mention": {"kind", "weight", "examples", "document_ids"},
    "said": {"kind", "weight", "examples", "document_ids"},
    "claim": {
        "kind", "predicate", "speaker", "evidence", "document", "turn", "time", "url",
        "negated", "weight",
    },
}  # fmt: skip
_DERIVED = {"node": {"r", "g", "b"}, "edge": {"label", "key", "document_title", "date"}}
_RESTORED = {xml: name for name, xml in RENAMED.items()}


def _hex_to_rgb(color: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"#?([0-9a-fA-F]{6})", color or "")
    if not match:
        return None
    value = int(match.group(1), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def _gephi_nodes(G: nx.MultiDiGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """Node attributes plus Gephi's r/g/b from ``color``."""
    for node, data in G.nodes(data=True):
        out = dict(data)
        rgb = _hex_to_rgb(data.get("color", ""))
        if rgb is not None:
            out["r"], out["g"], out["b"] = rgb
        if not str(out.get("label") or "").strip():  # Gephi shows a blank node otherwise
            out["label"] = str(node)
        yield str(node), out


def _gephi_edges(
    raw: Iterable[EdgeItem], documents: list[dict[str, Any]]
) -> list[tuple[str, str, dict[str, Any]]]:
    """Edge attributes plus ``label`` (predicate or kind), the networkx ``key``, and the
    ``document_title`` and ISO ``date`` of the edge's document (see
    :func:`kgraph.timeline.first_document`)."""
    dates = document_dates(documents)
    titles = {str(d["id"]): d.get("title") for d in documents if "id" in d}
    edges = []
    for u, v, key, data in raw:
        if "label" in data:
            label = data["label"]
        else:
            label = data.get("predicate") or data.get("kind") or ""
            label = f"not {label}" if data.get("negated") else label
        # a copy with label and key set: existing names keep their place, new ones go last
        extra = {"label": label, "key": key}
        document = first_document(data, dates)
        if document is not None:
            extra["document_title"] = titles.get(document) or None
            extra["date"] = dates.get(document)
        edges.append((str(u), str(v), {**data, **extra}))
    return edges


def edge_id(u: str, v: str, key: Any) -> str:
    """The GraphML id of the edge ``(u, v, key)``: ``u::v::key``, the same in every build."""
    return f"{u}::{v}::{key}"


def edge_ids(edges: list[EdgeItem]) -> list[str]:
    """:func:`edge_id` of each edge; ``e0``, ``e1``, ... when two would share one (``::``
    inside a node id or key)."""
    ids = [edge_id(str(u), str(v), key) for u, v, key, _ in edges]
    return ids if len(set(ids)) == len(ids) else [f"e{i}" for i in range(len(ids))]


_NEEDS_QUOTING = re.compile("[&<>\"'\n\r\t]").search


def _xml_attr(value: str) -> str:
    """``quoteattr(value)``, without its work when nothing needs escaping."""
    return quoteattr(value) if _NEEDS_QUOTING(value) else f'"{value}"'


def _document(G: nx.MultiDiGraph) -> str:
    """GraphML text of ``G`` with the characters XML forbids still in (see xml_bytes)."""
    nodes = list(_gephi_nodes(G))
    node_data = [data for _, data in nodes]
    raw = edge_list(G)
    documents = [d for d in G.graph.get("documents") or [] if isinstance(d, dict)]
    edges = _gephi_edges(raw, documents)
    keys = Keys()
    keys.declare("node", node_data)  # nodes first: they get plain ids
    keys.declare("edge", [data for _, _, data in edges])
    ids = {node: _xml_attr(node) for node, _ in nodes}
    node_heads = [f"    <node id={ids[node]}>\n" for node, _ in nodes]
    edge_heads = [
        f"    <edge id={_xml_attr(edge)} source={ids[u]} target={ids[v]}>\n"
        for edge, (u, v, _) in zip(edge_ids(raw), edges, strict=True)
    ]
    edgedefault = "directed" if G.is_directed() else "undirected"
    return "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
            *keys.xml(),
            f'  <graph id="G" edgedefault="{edgedefault}">\n',
            *keys.blocks("node", node_data, node_heads, "    </node>\n"),
            *keys.blocks("edge", [data for _, _, data in edges], edge_heads, "    </edge>\n"),
            "  </graph>\n</graphml>\n",
        ]
    )


def generate_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML text of ``G`` (see the module docstring for the encoding)."""
    with gc_paused():
        return xml_bytes(_document(G)).decode("utf-8")


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as Gephi-safe GraphML, atomically."""
    with gc_paused():
        data = xml_bytes(_document(G))
    return atomic_write(path, data)


def _restore(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The kgraph schema back from what networkx read (see the module docstring)."""

    def decode(scope: str, data: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for name, value in data.items():
            if name in _DERIVED.get(scope, ()):
                continue
            name = _RESTORED.get(name, name)
            if name in _JSON_ATTRS[scope] and isinstance(value, str):
                value = json.loads(value) if value else []
            out[name] = value
        return out

    G = nx.MultiDiGraph()
    graph_data = {k: v for k, v in H.graph.items() if k not in ("node_default", "edge_default")}
    G.graph.update(decode("graph", graph_data))
    for node, data in H.nodes(data=True):
        G.add_node(node, **decode("node", data))
    for u, v, edge_id, data in H.edges(keys=True, data=True):
        key = data.get("key", edge_id)
        attrs = decode("edge", data)
        fields = _EDGE_FIELDS.get(attrs.get("kind", ""))
        if fields is not None:
            attrs = {name: value for name, value in attrs.items() if name in fields}
            for name in _NULLABLE_EDGE_ATTRS & fields:
                attrs.setdefault(name, None)
        G.add_edge(u, v, key=key, **attrs)
    return G


def parse_graphml(text: str | bytes) -> nx.MultiDiGraph:
    """Inverse of :func:`generate_graphml` for graphs built by :mod:`kgraph.graph`."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    H = nx.parse_graphml(data, force_multigraph=True, edge_key_type=str)
    return _restore(H)


def read_graphml(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graphml` back into the kgraph schema."""
    H = nx.read_graphml(path, force_multigraph=True, edge_key_type=str)
    return _restore(H)
