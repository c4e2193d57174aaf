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
import math
import os
import re
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import is_, itemgetter
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kgraph.io import atomic_write
from kgraph.serial import EdgeItem, edge_list, gc_paused
from kgraph.serial import encode_json as _encode_json
from kgraph.timeline import document_dates, first_document

__all__ = [
    "clean_xml_text",
    "edge_id",
    "generate_graphml",
    "parse_graphml",
    "read_graphml",
    "write_graphml",
]

# XML 1.0 allows #x9 #xA #xD [#x20-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF], nothing else
_FORBIDDEN_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# the same in UTF-8 bytes, for the whole document (see _xml_bytes)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r")
_NONCHARACTERS = ("\ufffe".encode(), "\uffff".encode())

_INT32 = range(-(2**31), 2**31)
_DEFAULTS = {"string": "", "int": -1, "long": -1, "double": -1.0, "boolean": False}

# Attributes of kgraph.graph's schema that the reader restores.
_JSON_ATTRS = {
    "node": {"evidence", "document_ids"},
    "edge": {"examples", "document_ids"},
    "graph": {"documents"},
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
# igraph keeps GraphML's node and edge ids in an attribute "id" and warns when one exists
_RENAMED = {"id": "attr_id"}
_RESTORED = {xml: name for name, xml in _RENAMED.items()}
# Types of the schema's attributes, used when every value is None (claims without times).
_SCHEMA_TYPES = {
    "node": {"mentions": "int", "documents": "int", "community": "int", "size": "double"},
    "edge": {"weight": "int", "turn": "int", "time": "double", "negated": "boolean"},
}


def clean_xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (``\\x0b``, ``\\x00``, ...)."""
    return _FORBIDDEN_XML.sub("", text)


def _xml_bytes(text: str) -> bytes:
    """``text`` as UTF-8 without the characters XML 1.0 forbids.

    The same as :func:`clean_xml_text` on the whole document, ~10x faster: the markup
    itself never contains such characters, so cleaning the document cleans every value.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return clean_xml_text(text).encode("utf-8")
    data = data.translate(None, _CONTROL_BYTES)  # in UTF-8 these bytes are only themselves
    if _NONCHARACTERS[0] in data or _NONCHARACTERS[1] in data:
        data = data.replace(_NONCHARACTERS[0], b"").replace(_NONCHARACTERS[1], b"")
    return data


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


def _declared_type(values: list[Any], when_all_none: str = "string") -> str:
    """One GraphML type for all the non-None values of an attribute."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if not kinds:
        return when_all_none
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        ints = [v for v in values if v is not None] if None in values else values
        return "int" if _INT32.start <= min(ints) and max(ints) < _INT32.stop else "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


def _scalar(value: Any, attr_type: str) -> str:
    """The text of one value under its declared type (None -> the declared default)."""
    if value is None:
        value = _DEFAULTS[attr_type]
    if attr_type == "boolean":
        return "true" if value else "false"
    if attr_type in ("int", "long"):
        return str(int(value))
    if attr_type == "double":
        number = float(value)
        return repr(number) if math.isfinite(number) else str(_DEFAULTS["double"])
    if isinstance(value, (list, tuple, dict, set)):
        return json.dumps(_clean_nested(value), ensure_ascii=False)
    return clean_xml_text(str(value))


def _clean_nested(value: Any) -> Any:
    """Strings inside lists and dicts cleaned too (JSON would only escape them)."""
    if isinstance(value, str):
        return clean_xml_text(value)
    if isinstance(value, dict):
        return {clean_xml_text(str(k)): _clean_nested(v) for k, v in value.items()}
    if isinstance(value, set):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return [_clean_nested(v) for v in value]
    return value


# Text of the values of one attribute, a column at a time (most of the work runs in C).
# The values of an attribute declared int, double or boolean are all int, int or float,
# or bool (see _declared_type). Characters XML forbids are left in: _xml_bytes removes
# them from the whole document.
_BOOLEAN_TEXT = {True: "true", False: "false"}
_NEEDS_CLEANING = re.compile(r"\\(?:u00|b|f)").search  # JSON escapes of control characters


def _double_text(value: float) -> str:
    number = float(value)
    return repr(number) if math.isfinite(number) else "-1.0"


def _escaped(texts: Iterable[str], cr: bool = True) -> Iterator[str]:
    """XML text escapes (``&``, ``<``, ``>`` and CR, which parsers would normalise away)."""
    texts = map(str.replace, texts, repeat("&"), repeat("&amp;"))
    texts = map(str.replace, texts, repeat(">"), repeat("&gt;"))
    texts = map(str.replace, texts, repeat("<"), repeat("&lt;"))
    return map(str.replace, texts, repeat("\r"), repeat("&#13;")) if cr else texts


def _json_text(value: Any) -> str:
    """JSON of a list or dict with its strings cleaned for XML."""
    try:
        text = _encode_json(value)
    except (TypeError, ValueError, RecursionError):  # sets inside, ...
        text = None
    if text is None or _NEEDS_CLEANING(text):  # cleaning removes what JSON would escape
        text = json.dumps(_clean_nested(value), ensure_ascii=False)
    return text


def _string_text(value: Any) -> str:
    if isinstance(value, (list, tuple, dict, set)):
        return next(_escaped([_json_text(value)], cr=False))
    return next(_escaped([str(value)]))


def _column_text(attr_type: str, values: list[Any]) -> Iterable[str]:
    """The texts of ``values`` (none of them None) under their declared type."""
    if attr_type in ("int", "long"):
        return map(str, values)
    if attr_type == "boolean":
        return map(_BOOLEAN_TEXT.__getitem__, values)
    if attr_type == "double":
        numbers = list(map(float, values))
        return map(repr, numbers) if all(map(math.isfinite, numbers)) else map(_double_text, values)
    kinds = set(map(type, values))
    if kinds == {str}:
        return _escaped(values)
    if kinds <= {list, dict}:
        try:
            texts = list(map(_encode_json, values))
        except (TypeError, ValueError, RecursionError):
            texts = list(map(_json_text, values))
        else:
            if any(map(_NEEDS_CLEANING, texts)):
                texts = list(map(_json_text, values))
        return _escaped(texts, cr=False)  # JSON has no raw CR
    return map(_string_text, values)


# elements with the same attribute names in the same order: names, their indexes, the
# elements, one column of values per name
_Group = tuple[tuple[Any, ...], list[int], list[dict[str, Any]], list[list[Any]]]


class _Keys:
    """Attribute keys of one graph: name and scope -> unique id and declared type."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []  # id, scope, name, type
        self.by_scope: dict[str, dict[str, tuple[str, str]]] = {}
        self._ids: set[str] = set()
        # elements of each scope grouped by attribute names (in order): names -> indexes
        self._groups: dict[str, list[_Group]] = {}

    def declare(self, scope: str, elements: list[dict[str, Any]]) -> None:
        by_names: dict[tuple[Any, ...], list[int]] = {}
        for i, data in enumerate(elements):
            by_names.setdefault(tuple(data), []).append(i)
        groups = self._groups[scope] = []
        values: dict[str, list[Any]] = {}
        for names, indexes in by_names.items():
            group = list(map(elements.__getitem__, indexes))
            columns = [list(map(itemgetter(name), group)) for name in names]
            groups.append((names, indexes, group, columns))
            for name, column in zip(names, columns, strict=True):
                values.setdefault(str(name), []).extend(column)
        keys = self.by_scope.setdefault(scope, {})
        for name, vals in values.items():
            xml_name = _RENAMED.get(name, name)
            key_id = self._unique_id(scope, xml_name)
            attr_type = _declared_type(vals, _SCHEMA_TYPES.get(scope, {}).get(name, "string"))
            keys[name] = (key_id, attr_type)
            self.rows.append((key_id, scope, xml_name, attr_type))

    def _unique_id(self, scope: str, name: str) -> str:
        clean = re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "attr"
        if not re.match(r"[A-Za-z_]", clean):
            clean = f"a_{clean}"
        if scope == "edge" and clean == "label":
            clean = "edgelabel"  # Gephi's id for edge labels; "label" belongs to nodes
        candidate = clean
        if candidate in self._ids or re.fullmatch(r"d\d+", candidate):
            candidate = f"{scope}_{clean}"
        n = 2
        while candidate in self._ids:
            candidate, n = f"{scope}_{clean}_{n}", n + 1
        self._ids.add(candidate)
        return candidate

    def xml(self) -> Iterator[str]:
        for key_id, scope, name, attr_type in self.rows:
            default = _scalar(None, attr_type)
            yield (
                f'  <key id={quoteattr(key_id)} for="{scope}" attr.name={quoteattr(name)} '
                f'attr.type="{attr_type}"><default>{escape(default)}</default></key>\n'
            )

    def blocks(
        self,
        scope: str,
        elements: list[dict[str, Any]],
        heads: list[str],
        tail: str,
    ) -> list[str]:
        """Each element's XML: its head, one ``<data>`` per value, ``tail``. None values
        are left out, so readers apply the key's declared default."""
        indent = "    " if scope == "graph" else "      "
        keys = self.by_scope.get(scope, {})
        out = [""] * len(elements)
        for names, indexes, group, columns in self._groups[scope]:
            if not any(any(map(is_, column, repeat(None))) for column in columns):
                parts = [(names, indexes, columns)]
            else:  # regroup by which values are set
                subgroups: dict[tuple[Any, ...], list[int]] = {}
                for i, data in zip(indexes, group, strict=True):
                    subgroups.setdefault(
                        tuple(n for n, v in data.items() if v is not None), []
                    ).append(i)
                parts = []
                for sub_names, sub_indexes in subgroups.items():
                    sub = list(map(elements.__getitem__, sub_indexes))
                    parts.append(
                        (sub_names, sub_indexes, [list(map(itemgetter(n), sub)) for n in sub_names])
                    )
            for sub_names, sub_indexes, sub_columns in parts:
                template = "{}"
                texts = []
                for name, column in zip(sub_names, sub_columns, strict=True):
                    key_id, attr_type = keys[str(name)]
                    tag = f"{indent}<data key={quoteattr(key_id)}>".replace("{", "{{")
                    template += tag.replace("}", "}}") + "{}</data>\n"
                    texts.append(_column_text(attr_type, column))
                template += tail
                written = map(template.format, map(heads.__getitem__, sub_indexes), *texts)
                for i, block in zip(sub_indexes, written, strict=True):
                    out[i] = block
        return out


def edge_id(u: str, v: str, key: Any) -> str:
    """The GraphML id of the edge ``(u, v, key)``: ``u::v::key``, the same in every build."""
    return f"{u}::{v}::{key}"


def _edge_ids(edges: list[EdgeItem]) -> list[str]:
    """:func:`edge_id` of each edge; ``e0``, ``e1``, ... when two would share one (``::``
    inside a node id or key)."""
    ids = [edge_id(str(u), str(v), key) for u, v, key, _ in edges]
    return ids if len(set(ids)) == len(ids) else [f"e{i}" for i in range(len(ids))]


_NEEDS_QUOTING = re.compile("[&<>\"'\n\r\t]").search


def _xml_attr(value: str) -> str:
    """``quoteattr(value)``, without its work when nothing needs escaping."""
    return quoteattr(value) if _NEEDS_QUOTING(value) else f'"{value}"'


def _document(G: nx.MultiDiGraph) -> str:
    """GraphML text of ``G`` with the characters XML forbids still in (see _xml_bytes)."""
    nodes = list(_gephi_nodes(G))
    node_data = [data for _, data in nodes]
    raw = edge_list(G)
    documents = [d for d in G.graph.get("documents") or [] if isinstance(d, dict)]
    edges = _gephi_edges(raw, documents)
    keys = _Keys()
    keys.declare("node", node_data)  # nodes first: they get plain ids
    keys.declare("edge", [data for _, _, data in edges])
    ids = {node: _xml_attr(node) for node, _ in nodes}
    node_heads = [f"    <node id={ids[node]}>\n" for node, _ in nodes]
    edge_heads = [
        f"    <edge id={_xml_attr(edge)} source={ids[u]} target={ids[v]}>\n"
        for edge, (u, v, _) in zip(_edge_ids(raw), edges, strict=True)
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
        return _xml_bytes(_document(G)).decode("utf-8")


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as Gephi-safe GraphML, atomically."""
    with gc_paused():
        data = _xml_bytes(_document(G))
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
