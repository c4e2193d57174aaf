"""Exports of the graph: node-link JSON, Gephi-safe GraphML, GEXF for Gephi, offline HTML.

One module per format, each with symmetric ``generate_``/``write_`` (and ``read_``/
``parse_``) functions. Importing this package loads only the standard library and
networkx: pyvis, jinja2 and igraph are imported inside the functions that need them.
"""

from kgraph.exporters.gexf import generate_gexf, write_gexf
from kgraph.exporters.graphml import generate_graphml, parse_graphml, read_graphml, write_graphml
from kgraph.exporters.html import DEFAULT_MAX_NODES, generate_html, render_html, write_html
from kgraph.exporters.json import generate_json, parse_json, read_json, write_json

__all__ = [
    "DEFAULT_MAX_NODES",
    "generate_gexf",
    "generate_graphml",
    "generate_html",
    "generate_json",
    "parse_graphml",
    "parse_json",
    "read_graphml",
    "read_json",
    "render_html",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_json",
]
