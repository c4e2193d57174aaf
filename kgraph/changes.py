"""What changed since the last build into the same place: entities and claims added and
removed, and the most mentioned new entities (``kgraph build`` prints it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.serial import edge_list

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["Contents", "changes_since", "previous_contents"]

ClaimKey = tuple[str, str, str, str, int, bool]
"""A claim's identity across builds: subject, predicate, object, document, turn, negated."""
Contents = tuple[dict[str, tuple[str, int]], set[ClaimKey]]
"""A graph's entities (id -> label, mentions) and claims."""


def _claim_key(u: str, v: str, data: dict[str, Any]) -> ClaimKey:
    return (
        u,
        str(data.get("predicate")),
        v,
        str(data.get("document")),
        int(data.get("turn") or 0),
        bool(data.get("negated")),
    )


def previous_contents(json_path: Path) -> Contents | None:
    """The entities and claims of the graph at ``json_path``, read from its query index;
    None when there is no graph there (or no index made from it)."""
    from kgraph.index import GraphIndex

    index = GraphIndex.open_fresh(json_path)
    if index is None:
        return None
    try:
        nodes = {n: (label, mentions) for n, label, _, _, mentions in index.names()}
        claims = {_claim_key(u, v, data) for u, v, _, data in index.claims()}
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        index.close()
    return nodes, claims


def changes_since(previous: Contents, G: nx.MultiDiGraph) -> dict[str, Any]:
    """What ``G`` has that the previous graph had not, and the other way round: counts of
    entities and claims (subject, predicate, object, document and turn) added and removed,
    and the labels of the ten most mentioned new entities."""
    nodes, claims = previous
    now = {_claim_key(u, v, d) for u, v, _, d in edge_list(G) if d.get("kind") == "claim"}
    added = sorted(
        (n for n in G if n not in nodes), key=lambda n: (-int(G.nodes[n].get("mentions") or 0), n)
    )
    return {
        "entities_added": len(added),
        "entities_removed": sum(1 for n in nodes if n not in G),
        "claims_added": len(now - claims),
        "claims_removed": len(claims - now),
        "new_entities": [str(G.nodes[n].get("label", n)) for n in added[:10]],
    }
