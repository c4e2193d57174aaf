"""A SQLite index of a built graph, so that query commands answer without loading it all.

Measured on the 195-episode corpus graph (7.5k nodes, 98k edges, 35 MB of JSON): reading
the JSON into networkx takes 2.1 s (and unpickling 0.7 s), which alone breaks the 1 s
budget of ``kgraph path``. The index keeps one row per node and per edge with the light
columns the queries filter and route on and where the element's object lies in the JSON
file (read and parsed only for the rows an answer shows; storing the objects again took
0.5 s of each build and doubled the disk used), and the routing table of ``kgraph path``
(the cheapest hop between two nodes) as one JSON text: building it from the edge rows took
0.37 s of a 0.85 s query, loading it takes ~0.1 s. ``kgraph build`` writes it to
``OUT/.cache/NAME.query.sqlite``; it records the size and modification time of the JSON it
was made from and is rebuilt from the JSON when they no longer match (or when it is
unreadable). The JSON stays the source of truth. Only the standard library is imported
here when a query opens an index (writing one imports kgraph's JSON writer).
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.serial import edge_list, encode_json, gc_paused

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.exporters.json import Layout

INDEX_FORMAT = "5"
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
                    mentions INTEGER, community INTEGER, start INTEGER, length INTEGER);
CREATE TABLE edges (u TEXT, v TEXT, key TEXT, kind TEXT, weight REAL, start INTEGER,
                    length INTEGER);
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


def _encoded(G: Any) -> tuple[bytes, Layout]:
    """Node-link JSON of ``G`` and its Layout; values JSON cannot encode (a set, an object
    a program put in) as their ``str``, where the JSON file could not be written at all."""
    from kgraph.exporters.json import Layout, encode_graph  # networkx: not for the queries

    try:
        return encode_graph(G)
    except (TypeError, ValueError, RecursionError):
        pass
    chunks: list[bytes] = []
    spans: list[list[tuple[int, int]]] = [[], []]
    position = 0
    order = edge_list(G)
    elements = [
        [{**d, "id": n} for n, d in G.nodes(data=True)],
        [{**d, "source": u, "target": v, "key": k} for u, v, k, d in order],
    ]
    for kind, objects in enumerate(elements):
        for obj in objects:
            text = _plain(obj).encode()
            chunks.append(text)
            spans[kind].append((position, len(text)))
            position += len(text)
    return b"".join(chunks), Layout(*spans, order)


def _aliases(d: dict[str, Any]) -> str:
    aliases = d.get("aliases")
    return "|".join(aliases) if isinstance(aliases, list) else str(aliases or "")


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
        if kind == "claim":
            cost = CLAIM_COST
        elif kind == "negated":
            cost = NEGATED_CLAIM_COST
        else:
            cost = 1.0 + 1.0 / (weight if weight > 1.0 else 1.0)
            if kind == "said":
                cost += SAID_EXTRA_COST
        row = adjacency[u]
        if cost < row.get(v, inf):
            row[v] = adjacency[v][u] = cost
    return adjacency


def _fill(conn: sqlite3.Connection, G: Any, meta: dict[str, str], layout: Layout) -> None:
    edges = layout.order
    light = [
        (u, v, str(d.get("kind", "co_mention")), float(d.get("weight") or 1))
        for u, v, _, d in edges
    ]
    nodes = sorted(G)
    routes = [
        (u, v, "negated", weight) if kind == "claim" and d.get("negated") else (u, v, kind, weight)
        for (u, v, kind, weight), (*_, d) in zip(light, edges, strict=True)
    ]
    routing = encode_json(routing_table(nodes, routes))
    claims = encode_json(routing_table(nodes, [e for e in routes if e[2] in _CLAIM_KINDS]))
    conn.executescript(SCHEMA)
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("format", INDEX_FORMAT),
            ("graph", _plain(dict(G.graph))),
            ("routing", routing),  # a path query loads it in one go
            ("routing_claims", claims),
            *meta.items(),
        ],
    )
    conn.executemany(
        "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                n,
                str(d.get("label", n)),
                str(d.get("type", "")),
                _aliases(d),
                int(d.get("mentions") or 0),
                d.get("community"),
                start,
                length,
            )
            for (n, d), (start, length) in zip(G.nodes(data=True), layout.nodes, strict=True)
        ),
    )
    conn.executemany(
        "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (u, v, str(k), kind, weight, start, length)
            for (u, v, k, _), (_, _, kind, weight), (start, length) in zip(
                edges, light, layout.edges, strict=True
            )
        ),
    )
    conn.executescript(INDEXES)
    conn.commit()


def write_index(
    G: Any, json_path: Path, written: Path | None = None, layout: Layout | None = None
) -> Path:
    """Write the index of ``G``, just written to ``json_path``, atomically beside it.

    ``written``: the file the JSON is in now, when it is renamed to ``json_path`` later
    (a rename keeps the size and modification time the index is stamped with).
    ``layout``: where each element lies in that file, as the JSON writer reported it; when
    not given, the file must hold exactly what :func:`kgraph.exporters.json.encode_graph`
    makes of ``G`` (ValueError otherwise).
    """
    source = Path(written or json_path)
    if layout is None:
        from kgraph.exporters.json import encode_graph

        data, layout = encode_graph(G)
        if source.read_bytes() != data:
            raise ValueError(f"{source} is not kgraph's JSON of this graph")
    target = index_path(json_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            with gc_paused():
                _fill(conn, G, _stamp(source), layout)
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

    def __init__(self, conn: sqlite3.Connection, source: Path | bytes):
        self.conn = conn
        self._source = source  # the JSON file (or its bytes) the rows' spans point into
        self._file: Any = None
        self.graph: dict[str, Any] = json.loads(self._meta("graph") or "{}")
        self.documents: dict[str, dict[str, Any]] = {
            d.get("id"): d for d in self.graph.get("documents") or [] if isinstance(d, dict)
        }
        self._nodes: dict[str, dict[str, Any]] = {}
        self._names: list[tuple[str, str, str, str, int]] | None = None

    # --------------------------------------------------------------- opening
    @classmethod
    def from_graph(cls, G: Any) -> GraphIndex:
        """An in-memory index of a networkx graph (for library use and tests)."""
        conn = sqlite3.connect(":memory:")
        data, layout = _encoded(G)
        _fill(conn, G, {}, layout)
        return cls(conn, data)

    @classmethod
    def open_fresh(cls, json_path: Path) -> GraphIndex | None:
        """The index of ``json_path`` if it exists and was made from that very file."""
        path = index_path(json_path)
        if not path.is_file():
            return None
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            if meta.get("format") != INDEX_FORMAT or any(
                meta.get(k) != v for k, v in _stamp(json_path).items()
            ):
                conn.close()
                return None
            return cls(conn, json_path)
        except (sqlite3.Error, ValueError):
            return None

    def close(self) -> None:
        self.conn.close()
        if self._file is not None:
            self._file.close()

    def _object(self, start: int, length: int) -> dict[str, Any]:
        """The JSON object at ``start`` in the source."""
        if isinstance(self._source, bytes):
            return json.loads(self._source[start : start + length])
        if self._file is None:
            self._file = open(self._source, "rb")  # noqa: SIM115 - closed by close()
        return json.loads(os.pread(self._file.fileno(), length, start))

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
            row = self.conn.execute(
                "SELECT start, length FROM nodes WHERE id = ?", (node,)
            ).fetchone()
            if row is None:
                raise KeyError(node)
            data = self._object(*row)
            data.pop("id", None)
            self._nodes[node] = data
        return self._nodes[node]

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
            f"SELECT u, v, key, start, length FROM edges WHERE {where} ORDER BY rowid",
            tuple(params),
        ).fetchall()
        edges = []
        for u, v, k, start, length in rows:
            data = self._object(start, length)
            for name in ("source", "target", "key"):
                data.pop(name, None)
            edges.append((u, v, k, data))
        return edges

    def routing(self, claims_only: bool = False) -> dict[str, dict[str, float]]:
        """The routing table (:func:`routing_table`) of all edges, or of the claims."""
        return json.loads(self._meta("routing_claims" if claims_only else "routing") or "{}")

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

    def number_of_edges(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM edges").fetchone()[0]

    def count_by_kind(self) -> dict[str, int]:
        return dict(
            self.conn.execute("SELECT kind, COUNT(*) FROM edges GROUP BY kind ORDER BY kind")
        )
