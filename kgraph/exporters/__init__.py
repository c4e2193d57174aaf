"""Exports of the graph: node-link JSON, Gephi-safe GraphML, offline HTML.

One module per format, each with symmetric ``generate_``/``write_`` (and ``read_``)
functions. Heavy imports (pyvis, igraph) happen inside the functions that need them.
"""

from kgraph.exporters.json import generate_json, parse_json, read_json, write_json

__all__ = ["generate_json", "parse_json", "read_json", "write_json"]
