"""A SQLite index of a built graph, so that query commands answer without loading it all.

Reading the JSON of a large corpus into networkx takes seconds, more than a query may. The
index keeps one row per node and per edge: the columns the queries filter and route on and
the element's attributes as JSON (parsed only for the rows an answer shows), and the
routing table of ``kgraph path`` (the cheapest hop between two nodes) as arrays of
numbers (:class:`Router`), which load in milliseconds where a JSON text of it took a
second. ``kgraph build`` writes it to ``OUT/.cache/NAME.query.sqlite``; it records the
size and modification time of the JSON it was made from and is made again from the JSON
when they no longer match (or when it is unreadable). The JSON stays the source of truth.
Only the standard library is imported here.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kgraph.io import temporary_file
from kgraph.routing import Router
from kgraph.serial import edge_list, encode_json, gc_paused

INDEX_FORMAT = "8"
# Path costs (see kgraph.query.paths). A claim hop is a statement someone made, so it is
# cheaper than a co-mention; a co-mention gets cheaper the more turns share both entities.
CLAIM_COST = 0.6
# "X is not a Y" links X and Y no more than a single shared turn does.
NEGATED_CLAIM_COST = 2.0
# "S, speaking, named X" says less about S and X than a sentence naming both: a hop of a
# host's turns costs this much more than a co-mention of the same weight.
SAID_EXTRA_COST = 1.0
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE nodes (id TEXT PRIMARY KEY, label TEXT, type TEXT, aliases TEXT,
                    mentions INTEGER, community INTEGER, data TEXT);
CREATE TABLE edges (u TEXT, v TEXT, key TEXT, kind TEXT, weight REAL, data TEXT);
CREATE TABLE stances (node TEXT, polarity INTEGER, data TEXT);
"""
INDEXES = """
CREATE INDEX edges_u ON edges (u);
CREATE INDEX edges_v ON edges (v);
CREATE INDEX edges_kind ON edges (kind);
"""

Edge = tuple[str, str, str, dict[str, Any]]  # u, v, key, attributes
_CLAIM_KINDS = ("claim", "negated")  # the routing kinds of claim edges


def index_path(json_path: Path) -> Path:
    """Where the index of ``graphs/NAME.json`` lives: ``graphs/.cache/NAME.query.sqlite``."""
    return json_path.parent / ".cache" / f"{json_path.stem}.query.sqlite"


def _stamp(json_path: Path) -> dict[str, str]:
    stat = json_path.stat()
    return {"json_size": str(stat.st_size), "json_mtime_ns": str(stat.st_mtime_ns)}


def _plain(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _encode(value: dict[str, Any]) -> str:
    """JSON of an element's attributes; values JSON cannot encode (a set, an object a
    program put in) as their ``str``, where the JSON file could not be written at all."""
    try:
        return encode_json(value)
    except (TypeError, ValueError, RecursionError):
        return _plain(value)


def _aliases(d: dict[str, Any]) -> str:
    aliases = d.get("aliases")
    return "|".join(aliases) if isinstance(aliases, list) else str(aliases or "")


def hop_cost(kind: str, weight: float) -> float:
    """The cost of one hop over an edge of ``kind`` (``"negated"`` for a negated claim)."""
    if kind == "claim":
        return CLAIM_COST
    if kind == "negated":
        return NEGATED_CLAIM_COST
    cost = 1.0 + 1.0 / (weight if weight > 1.0 else 1.0)
    return cost + SAID_EXTRA_COST if kind == "said" else cost


def routing_table(
    nodes: Iterable[str], edges: Iterable[tuple[str, str, str, float]]
) -> dict[str, dict[str, float]]:
    """Undirected adjacency ``{u: {v: cost}}`` with the cheapest hop between two nodes,
    from ``(u, v, kind, weight)`` edges; self-loops left out. A claim hop costs CLAIM_COST,
    a negated claim (kind ``"negated"``) NEGATED_CLAIM_COST, a co-mention ``1 + 1 / weight``
    and a ``said`` edge SAID_EXTRA_COST more."""
    adjacency: dict[str, dict[str, float]] = {n: {} for n in nodes}
    inf = math.inf
    for u, v, kind, weight in edges:
        if u == v:
            continue
        cost = hop_cost(kind, weight)
        row = adjacency[u]
        if cost < row.get(v, inf):
            row[v] = adjacency[v][u] = cost
    return adjacency


def _fill(conn: sqlite3.Connection, G: Any, meta: dict[str, str], texts: dict[int, str]) -> None:
    edges = edge_list(G)
    light = [
        (u, v, str(d.get("kind", "co_mention")), float(d.get("weight") or 1))
        for u, v, _, d in edges
    ]
    nodes = sorted(G)
    routes = [
        (u, v, "negated", weight) if kind == "claim" and d.get("negated") else (u, v, kind, weight)
        for (u, v, kind, weight), (*_, d) in zip(light, edges, strict=True)
    ]
    routing = Router.pack(nodes, routing_table(nodes, routes))
    claims = Router.pack(nodes, routing_table(nodes, [e for e in routes if e[2] in _CLAIM_KINDS]))
    conn.executescript(SCHEMA)
    # the stances (kgraph.graph.stances) have a table: the graph's own row is read by
    # every query, the stances only by the answer views
    stances = G.graph.get("stances")
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("format", INDEX_FORMAT),
            ("graph", _plain({k: v for k, v in G.graph.items() if k != "stances"})),
            *([("stances", "read")] if isinstance(stances, list) else []),
            ("routing_nodes", encode_json(nodes)),
            ("byteorder", sys.byteorder),
            *((f"routing:{part}", data) for part, data in routing.items()),
            *((f"routing_claims:{part}", data) for part, data in claims.items()),
            *meta.items(),
        ],
    )
    conn.executemany(
        "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                n,
                str(d.get("label", n)),
                str(d.get("type", "")),
                _aliases(d),
                int(d.get("mentions") or 0),
                d.get("community"),
                texts.get(id(d)) or _encode(d),
            )
            for n, d in G.nodes(data=True)
        ),
    )
    conn.executemany(
        "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?)",
        (
            (u, v, str(k), kind, weight, texts.get(id(d)) or _encode(d))
            for (u, v, k, d), (_, _, kind, weight) in zip(edges, light, strict=True)
        ),
    )
    _fill_stances(conn, stances if isinstance(stances, list) else [])
    conn.executescript(INDEXES)
    conn.commit()


def _fill_stances(conn: sqlite3.Connection, stances: list[Any]) -> None:
    conn.executemany(
        "INSERT INTO stances VALUES (?, ?, ?)",
        (
            (str(row.get("node")), int(row.get("polarity") or 0), _encode(row))
            for row in stances
            if isinstance(row, dict)
        ),
    )


def write_index(
    G: Any, json_path: Path, written: Path | None = None, texts: dict[int, str] | None = None
) -> Path:
    """Write the index of ``G``, just written to ``json_path``, atomically beside it.

    ``written``: the file the JSON is in now, when it is renamed to ``json_path`` later
    (a rename keeps the size and modification time the index is stamped with). ``texts``:
    the JSON of element attribute dicts by ``id``, as the JSON writer made them
    (:func:`kgraph.exporters.json.encode_graph`); the others are encoded here.
    """
    source = Path(written or json_path)
    target = index_path(json_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temporary_file(target)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            with gc_paused():
                _fill(conn, G, _stamp(source), texts or {})
        finally:
            conn.close()
        umask = os.umask(0)  # mkstemp makes 0600: give the index the usual permissions
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


class GraphIndex:
    """Read access to a graph for the queries: nodes, edges by endpoint, claims, counts."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.graph: dict[str, Any] = json.loads(self._meta("graph") or "{}")
        self.documents: dict[str, dict[str, Any]] = {
            d.get("id"): d for d in self.graph.get("documents") or [] if isinstance(d, dict)
        }
        self._nodes: dict[str, dict[str, Any]] = {}
        self._names: list[tuple[str, str, str, str, int]] | None = None
        self.file: str | None = None  # the JSON file it was opened for (kgraph.query)

    # --------------------------------------------------------------- opening
    @classmethod
    def from_graph(cls, G: Any) -> GraphIndex:
        """An in-memory index of a networkx graph (for library use and tests)."""
        conn = sqlite3.connect(":memory:")
        _fill(conn, G, {}, {})
        return cls(conn)

    @classmethod
    def open_fresh(cls, json_path: Path) -> GraphIndex | None:
        """The index of ``json_path`` if it exists and was made from that very file (None
        when the JSON file is gone, as after a build interrupted before its outputs)."""
        path = index_path(json_path)
        if not path.is_file() or not json_path.is_file():
            return None
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            if meta.get("format") != INDEX_FORMAT or any(
                meta.get(k) != v for k, v in _stamp(json_path).items()
            ):
                conn.close()
                return None
            return cls(conn)
        except (sqlite3.Error, ValueError, OSError):
            return None

    def close(self) -> None:
        self.conn.close()

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # --------------------------------------------------------------- nodes
    def __contains__(self, node: object) -> bool:
        return self.conn.execute("SELECT 1 FROM nodes WHERE id = ?", (node,)).fetchone() is not None

    def names(self) -> list[tuple[str, str, str, str, int]]:
        """(id, label, type, aliases "a|b", mentions) of every node."""
        if self._names is None:
            self._names = self.conn.execute(
                "SELECT id, label, type, aliases, mentions FROM nodes ORDER BY id"
            ).fetchall()
        return self._names

    def node(self, node: str) -> dict[str, Any]:
        """All attributes of one node."""
        if node not in self._nodes:
            row = self.conn.execute("SELECT data FROM nodes WHERE id = ?", (node,)).fetchone()
            if row is None:
                raise KeyError(node)
            self._nodes[node] = json.loads(row[0])
        return self._nodes[node]

    def attribute(self, name: str, type_: str) -> dict[str, Any]:
        """One attribute of every node of a type, read in the index (not node by node)."""
        rows = self.conn.execute(
            "SELECT id, json_extract(data, ?) FROM nodes WHERE type = ?", (f"$.{name}", type_)
        )
        return dict(rows.fetchall())

    def label(self, node: str) -> str:
        return str(self.node(node).get("label", node))

    def number_of_nodes(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM nodes").fetchone()[0]

    def count_by_type(self) -> dict[str, int]:
        return dict(
            self.conn.execute("SELECT type, COUNT(*) FROM nodes GROUP BY type ORDER BY type")
        )

    def communities(self) -> int:
        return self.conn.execute(
            "SELECT COUNT(DISTINCT community) FROM nodes WHERE community IS NOT NULL"
        ).fetchone()[0]

    def nodes_mentioning(self, text: str) -> list[str]:
        """Nodes whose attributes (label, aliases, evidence) hold ``text``, ignoring ASCII
        case, most mentioned first: candidates for a word no entity is named."""
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.execute(
            "SELECT id FROM nodes WHERE data LIKE ? ESCAPE '\\' ORDER BY mentions DESC, id",
            (f"%{escaped}%",),
        )
        return [row[0] for row in rows]

    def most_mentioned(self, top: int) -> list[str]:
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT id FROM nodes ORDER BY mentions DESC, id LIMIT ?", (top,)
            )
        ]

    # --------------------------------------------------------------- edges
    def _edges(self, where: str, params: Iterable[Any]) -> list[Edge]:
        rows = self.conn.execute(
            f"SELECT u, v, key, data FROM edges WHERE {where} ORDER BY rowid", tuple(params)
        ).fetchall()
        return [(u, v, k, json.loads(data)) for u, v, k, data in rows]

    def routing(self, claims_only: bool = False) -> dict[str, dict[str, float]]:
        """The routing table (:func:`routing_table`) of all edges, or of the claims."""
        return self.router(claims_only).table()

    def router(self, claims_only: bool = False) -> Router:
        """The routing table of all edges, or of the claims, as :class:`Router` arrays."""
        key = "routing_claims" if claims_only else "routing"
        rows = dict(
            self.conn.execute(
                "SELECT key, value FROM meta WHERE key IN (?, ?, ?)",
                (f"{key}:offsets", f"{key}:targets", f"{key}:costs"),
            )
        )
        nodes = json.loads(self._meta("routing_nodes") or "[]")
        swap = self._meta("byteorder") not in (None, sys.byteorder)
        return Router.unpack(nodes, rows, key, swap)

    def edges_between(self, a: str, b: str) -> list[Edge]:
        """Edges a -> b then b -> a."""
        return self._edges("u = ? AND v = ?", (a, b)) + self._edges("u = ? AND v = ?", (b, a))

    def incident(self, node: str) -> list[Edge]:
        """Every edge leaving or entering ``node``."""
        return self._edges("u = ?", (node,)) + self._edges("v = ? AND u != ?", (node, node))

    def claims(self, node: str | None = None) -> list[Edge]:
        """Claim edges, all or those whose subject or object is ``node``."""
        if node is None:
            return self._edges("kind = 'claim'", ())
        return self._edges("kind = 'claim' AND (u = ? OR v = ?)", (node, node))

    def said(self, speakers: Iterable[str] = (), targets: Iterable[str] = ()) -> list[Edge]:
        """``said`` edges (a speaker's quotes naming an entity) from one of ``speakers``
        and to one of ``targets`` (either left out: any; both: all of them)."""
        tests, params = ["kind = 'said'"], []
        for column, nodes in (("u", list(speakers)), ("v", list(targets))):
            if nodes:
                tests.append(f"{column} IN ({', '.join('?' * len(nodes))})")
                params += nodes
        return self._edges(" AND ".join(tests), params)

    def stances(self) -> list[dict[str, Any]] | None:
        """The graph's stance rows (:mod:`kgraph.graph.stances`), None when it has none
        (a graph built before them, or not by ``kgraph build``)."""
        if self._meta("stances") is None:
            return None
        rows = self.conn.execute("SELECT data FROM stances ORDER BY rowid").fetchall()
        return [json.loads(row[0]) for row in rows]

    def number_of_edges(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM edges").fetchone()[0]

    def count_by_kind(self) -> dict[str, int]:
        return dict(
            self.conn.execute("SELECT kind, COUNT(*) FROM edges GROUP BY kind ORDER BY kind")
        )
