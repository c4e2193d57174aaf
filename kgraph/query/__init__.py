"""Questions over a built graph, answered as plain data (dicts and lists) with evidence.

Reads the node-link JSON written by ``kgraph build`` and never imports spaCy, so the query
commands start in a fraction of a second. Every answer carries the quotes it rests on.
One module per kind of question: :mod:`.files` (which graph, opened through its index),
:mod:`.names` (names to entities), :mod:`.quotes` (evidence), :mod:`.routes` (paths),
:mod:`.cards` (an entity's card and neighbours), :mod:`.filters` (claims), :mod:`.counts`.
"""

from kgraph.query.cards import (
    group_claims,
    link_strength,
    neighbors,
    neighbour_key,
    show,
    spread_over_documents,
)
from kgraph.query.counts import PROVENANCE_COLUMNS, provenance, stats
from kgraph.query.files import (
    DEFAULT_GRAPH,
    Graph,
    as_index,
    find_graph,
    last_build_file,
    load_graph,
    remember_build,
)
from kgraph.query.filters import STANCES, claims
from kgraph.query.names import AmbiguousEntityError, Match, QueryError, find_entity, match
from kgraph.query.routes import HUB_PENALTY, REUSE_PENALTY, SAID, paths

__all__ = [
    "DEFAULT_GRAPH",
    "HUB_PENALTY",
    "PROVENANCE_COLUMNS",
    "REUSE_PENALTY",
    "SAID",
    "STANCES",
    "AmbiguousEntityError",
    "Graph",
    "Match",
    "QueryError",
    "as_index",
    "claims",
    "find_entity",
    "find_graph",
    "group_claims",
    "last_build_file",
    "link_strength",
    "load_graph",
    "match",
    "neighbors",
    "neighbour_key",
    "paths",
    "provenance",
    "remember_build",
    "show",
    "spread_over_documents",
    "stats",
]
