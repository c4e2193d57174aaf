"""GEXF 1.3 for Gephi: typed edges in one mixed graph, laid out, coloured, on a timeline.

``generate_gexf`` gives the text, ``write_gexf`` writes a file atomically. GEXF
(https://gexf.net) says what GraphML cannot tell Gephi:

- **Edge types.** Gephi keeps one edge per source, target and edge type, merging the others
  on import (summing weights by default). Each edge's ``kind`` attribute, Gephi's edge
  type, is its claim predicate (``works_at``, ``not recommends``) or its kind of link
  (``co_mention``, ``said``, or any other): a claim and a co-mention between one pair stay
  two edges. A second claim with the same predicate from the same subject to the same
  object gets ``recommends #2``, and so on, so Gephi keeps it too (its ``label`` and
  ``predicate`` stay ``recommends``).
- **A mixed graph.** Co-mentions are undirected (``type="undirected"``: degree and
  PageRank no longer depend on which id sorts first); claims and every other kind are
  directed. Every edge states its type and the graph sets no ``defaultedgetype``, which
  Gephi reads as a mixed graph.
- **Positions, sizes and colours** as ``viz:position`` (the node's ``x``/``y``, see
  :mod:`kgraph.layout`; computed here when the graph has none), ``viz:size`` (the node's
  ``size``) and ``viz:color`` (its ``color``).
- **Time.** Each node and edge carries, as ``<spell timestamp="YYYY-MM-DD"/>``, the dates of
  the documents that mention it (see :mod:`kgraph.timeline`); Gephi's timeline then plays
  the archive document by document. Elements of undated documents carry no time and
  Gephi shows them throughout.
- **Columns.** Every other scalar attribute is a column of one declared type (``integer``,
  ``long``, ``double``, ``boolean`` or ``string``). Quotes are trimmed to
  :data:`QUOTE_CHARS` characters (a list of quotes, such as ``examples``, keeps its first
  one); other lists and the node's colour, size and position (given natively) are left
  out. Each edge gets the ``document_title`` and ``date`` of its document (a claim's, a
  co-mention's earliest: see :func:`kgraph.timeline.first_document`).

networkx's ``read_gexf`` refuses mixed graphs and python-igraph reads no GEXF: programs
read the JSON export; the GEXF is for Gephi.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator, Mapping
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph import __version__
from kgraph.exporters.graphml import clean_xml_text, edge_ids
from kgraph.exporters.graphml_keys import xml_bytes
from kgraph.io import atomic_write
from kgraph.model import OTHER_COLOR
from kgraph.serial import EdgeItem, edge_list, gc_paused
from kgraph.timeline import document_dates, element_dates, first_document

__all__ = ["QUOTE_CHARS", "UNDIRECTED_KINDS", "generate_gexf", "write_gexf"]

NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
QUOTE_CHARS = 120
UNDIRECTED_KINDS = frozenset({"co_mention"})  # symmetric links; every other kind is directed

_QUOTES = {"evidence", "examples", "quote"}  # attributes holding quotes: trimmed
# given natively (label, viz, weight, time) or meaningless in Gephi: never a column
_NATIVE = {
    "node": {"label", "color", "size", "x", "y", "document_ids"},
    "edge": {"label", "weight", "document_ids"},
}
# names Gephi keeps for its own columns (id, label, weight, timeset) or for time
_RESERVED = {"id", "label", "weight", "timeset", "start", "end", "timestamp"}
_INT32 = range(-(2**31), 2**31)


def _token(text: Any) -> str:
    """An ``xsd:token``: no line breaks or tabs, single spaces, none at the ends."""
    return " ".join(clean_xml_text(str(text)).split())


_NEEDS_ESCAPE = re.compile('[&<>"\n\r\t]').search


def _attr(text: str) -> str:
    """Text as an XML attribute value in double quotes, line breaks and tabs kept (the
    characters XML forbids are removed from the whole document: :func:`generate_gexf`)."""
    if not _NEEDS_ESCAPE(text):  # most values: one search instead of seven
        return f'"{text}"'
    for char, ref in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        if char in text:
            text = text.replace(char, ref)
    if "\n" in text or "\r" in text or "\t" in text:
        text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return f'"{text}"'


def _trimmed(quote: str) -> str:
    quote = " ".join(quote.split())
    if len(quote) <= QUOTE_CHARS:
        return quote
    return quote[: QUOTE_CHARS - 1].rstrip() + "…"


def _column_value(name: str, value: Any) -> Any:
    """The value a column gets: scalars as they are, quotes trimmed, a list of quotes its
    first one; None for what is left out (other lists, dicts, None, NaN)."""
    if isinstance(value, list):
        if name not in _QUOTES or not value:
            return None
        first = value[0]
        value = first.get("quote") if isinstance(first, dict) else first
        if not isinstance(value, str):
            return None
    if isinstance(value, str):
        return _trimmed(value) if name in _QUOTES else value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (bool, int, float)):
        return value
    return None


def _gexf_type(values: list[Any]) -> str:
    kinds = set(map(type, values))
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "integer" if _INT32.start <= min(values) and max(values) < _INT32.stop else "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


def _boolean(value: Any) -> str:
    return "true" if value else "false"


def _double(value: Any) -> str:
    return repr(float(value))


# The text of a value by its column's type, quoted: only strings can need escapes. The
# values of an integer column are all of type int (see _gexf_type), so str() is int()'s text.
_QUOTED_TEXT = {
    "boolean": lambda value: f'"{_boolean(value)}"',
    "integer": lambda value: f'"{value}"',
    "long": lambda value: f'"{value}"',
    "double": lambda value: f'"{_double(value)}"',
}


class _Columns:
    """The columns of one class (node or edge): name -> (id, GEXF type), in first-seen order."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        by_names: dict[tuple[str, ...], list[dict[str, Any]]] = {}  # rows of the same names
        for row in rows:
            by_names.setdefault(tuple(row), []).append(row)
        values: dict[str, list[Any]] = {}  # in first-seen order (a group's first row's)
        for names, group in by_names.items():
            for name in names:
                values.setdefault(name, []).extend(map(itemgetter(name), group))
        self.types = {name: _gexf_type(vals) for name, vals in values.items()}
        # per column: the start of its attvalue, and its values' quoted text
        self.heads = {name: f"<attvalue for={_attr(name)} value=" for name in self.types}
        self.texts = {
            name: _QUOTED_TEXT.get(gexf_type, _quoted_string)
            for name, gexf_type in self.types.items()
        }

    def declaration(self, cls: str) -> str:
        lines = [f'    <attributes class="{cls}">\n']
        for name, gexf_type in self.types.items():
            lines.append(
                f'      <attribute id={_attr(name)} title={_attr(name)} type="{gexf_type}"/>\n'
            )
        lines.append("    </attributes>\n")
        return "".join(lines)

    def values(self, row: dict[str, Any]) -> str:
        if not row:
            return ""
        heads, texts = self.heads, self.texts
        attvalues = "".join([f"{heads[name]}{texts[name](value)}/>" for name, value in row.items()])
        return f"<attvalues>{attvalues}</attvalues>"


def _quoted_string(value: Any) -> str:
    return _attr(value if type(value) is str else str(value))


_SKIPPED = {scope: frozenset(names | _RESERVED) for scope, names in _NATIVE.items()}


def _row(scope: str, data: Mapping[str, Any]) -> dict[str, Any]:
    skip = _SKIPPED[scope]
    row = {}
    for name, value in data.items():
        if type(name) is not str:
            name = str(name)
        if name in skip:
            continue
        kind = type(value)  # the common cases first, as _column_value gives them
        if kind is str:
            row[name] = _trimmed(value) if name in _QUOTES else value
        elif kind is int or kind is bool:
            row[name] = value
        else:
            value = _column_value(name, value)
            if value is not None:
                row[name] = value
    return row


def _spells(dates: list[str]) -> str:
    if not dates:
        return ""
    return "<spells>" + "".join(f'<spell timestamp="{date}"/>' for date in dates) + "</spells>"


def _rgb(color: Any) -> tuple[int, int, int]:
    match = re.fullmatch(r"#?([0-9a-fA-F]{6})", color if isinstance(color, str) else "")
    value = int((match.group(1) if match else OTHER_COLOR[1:]), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def _number(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _edge_kinds(edges: list[tuple[Any, Any, Any, dict[str, Any]]]) -> list[tuple[str, str, bool]]:
    """Per edge: its label, its Gephi edge type (``kind``, unique per source, target and
    direction) and whether it is directed."""
    seen: dict[tuple[str, str, str], int] = {}
    tokens: dict[str, str] = {}  # a few labels, on many edges
    out = []
    for u, v, _, data in edges:
        kind = str(data.get("kind") or "")
        directed = kind not in UNDIRECTED_KINDS
        label = data.get("label")
        if label is None:
            label = data.get("predicate") or kind or "edge"
            label = f"not {label}" if data.get("negated") else label
        token = tokens.get(label) if type(label) is str else None
        if token is None:
            token = _token(label) or "edge"
            if type(label) is str:
                tokens[label] = token
        label = token
        a, b = str(u), str(v)
        pair = (a, b) if directed or a <= b else (b, a)
        n = seen[(*pair, label)] = seen.get((*pair, label), 0) + 1
        out.append((label, label if n == 1 else f"{label} #{n}", directed))
    return out


def _document(G: nx.MultiDiGraph) -> Iterator[str]:
    documents = [d for d in G.graph.get("documents") or [] if isinstance(d, dict)]
    dates = document_dates(documents)
    nodes = list(G.nodes(data=True))
    edges = edge_list(G)
    node_rows = [_row("node", data) for _, data in nodes]
    edge_rows = _edge_rows(edges, documents, dates)
    node_columns, edge_columns = _Columns(node_rows), _Columns(edge_rows)
    node_dates = [element_dates(data, dates) for _, data in nodes]
    edge_dates = [element_dates(data, dates) for *_, data in edges]
    dynamic = any(node_dates) or any(edge_dates)

    name = _token(G.graph.get("name") or "kgraph")
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{NAMESPACE}" xmlns:viz="{VIZ_NAMESPACE}" version="1.3">\n'
        "  <meta>\n"
        f"    <creator>kgraph {_token(__version__)}</creator>\n"
        f"    <description>{_attr(name)[1:-1]}: {len(_titles(documents))} documents</description>\n"
        "  </meta>\n"
    )
    time = ' timeformat="date" timerepresentation="timestamp"' if dynamic else ""
    yield f'  <graph mode="{"dynamic" if dynamic else "static"}"{time}>\n'
    yield node_columns.declaration("node")
    yield edge_columns.declaration("edge")
    ids = {node: _attr(str(node)) for node, _ in nodes}
    yield f'    <nodes count="{len(nodes)}">\n'  # then one line per node, per edge
    yield from _node_lines(G, nodes, ids, node_columns, node_rows, node_dates)
    yield "    </nodes>\n"
    yield f'    <edges count="{len(edges)}">\n'
    yield from _edge_lines(edges, ids, edge_columns, edge_rows, edge_dates)
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _titles(documents: list[dict[str, Any]]) -> dict[str, str]:
    return {str(d["id"]): str(d.get("title") or "") for d in documents if "id" in d}


def _edge_rows(
    edges: list[EdgeItem], documents: list[dict[str, Any]], dates: dict[str, str]
) -> list[dict[str, Any]]:
    """Each edge's attribute row, with the title and date of its document."""
    titles = _titles(documents)
    rows = []
    for *_, data in edges:
        row = _row("edge", data)
        document = first_document(data, dates)
        if document is not None and "document_title" not in row:
            title = titles.get(document)
            if title:
                row["document_title"] = title
            date = dates.get(document)
            if date:
                row["date"] = date
        rows.append(row)
    return rows


def _node_lines(
    G: nx.MultiDiGraph,
    nodes: list[tuple[Any, dict[str, Any]]],
    ids: dict[Any, str],
    columns: _Columns,
    rows: list[dict[str, Any]],
    dates: list[list[str]],
) -> Iterator[str]:
    """One ``<node>`` line per node: label, attributes, dates, colour, position, size."""
    missing = any("x" not in data or "y" not in data for _, data in nodes)
    if missing:
        from kgraph.layout import positions

        where = positions(G)
    for (node, data), row, spans in zip(nodes, rows, dates, strict=True):
        label = _token(data.get("label") or "") or _token(node)
        x, y = (data["x"], data["y"]) if not missing else where[node]
        r, g, b = _rgb(data.get("color"))
        size = max(_number(data.get("size"), 10.0), 0.0)
        yield (
            f"<node id={ids[node]} label={_attr(label)}>"
            + columns.values(row)
            + _spells(spans)
            + f'<viz:color r="{r}" g="{g}" b="{b}"/>'
            f'<viz:position x="{_number(x, 0.0)!r}" y="{_number(y, 0.0)!r}" z="0.0"/>'
            f'<viz:size value="{size!r}"/></node>\n'
        )


def _edge_lines(
    edges: list[EdgeItem],
    ids: dict[Any, str],
    columns: _Columns,
    rows: list[dict[str, Any]],
    dates: list[list[str]],
) -> Iterator[str]:
    """One ``<edge>`` line per edge: its Gephi type and kind, label, weight, attributes."""
    kinds = _edge_kinds(edges)
    for (u, v, _, data), row, spans, (label, kind, directed), eid in zip(
        edges, rows, dates, kinds, edge_ids(edges), strict=True
    ):
        weight = _number(data.get("weight"), 1.0)
        yield (
            f"<edge id={_attr(eid)} source={ids[u]} "
            f'target={ids[v]} type="{"directed" if directed else "undirected"}" '
            f'kind={_attr(kind)} label={_attr(label)} weight="{weight!r}">'
            + columns.values(row)
            + _spells(spans)
            + "</edge>\n"
        )


def generate_gexf(G: nx.MultiDiGraph) -> str:
    """GEXF 1.3 text of ``G`` (see the module docstring)."""
    with gc_paused():
        return xml_bytes("".join(_document(G))).decode("utf-8")


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GEXF 1.3 (see the module docstring), atomically."""
    with gc_paused():
        data = xml_bytes("".join(_document(G)))
    return atomic_write(path, data)
