"""Questions over a built graph, answered as plain data (dicts and lists) with evidence.

Reads the node-link JSON written by ``kgraph build`` and never imports spaCy, so the query
commands start in a fraction of a second. Every answer carries the quotes it rests on.
"""

from __future__ import annotations

import contextlib
import heapq
import math
import os
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from kgraph.errors import (
    EntityNotFoundError,
    GraphNotFoundError,
    KgraphError,
    NoPathError,
    quoted,
)
from kgraph.evidence import rank_quotes
from kgraph.index import GraphIndex, write_index
from kgraph.model import moment_url, node_id

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

Graph = Union[GraphIndex, "nx.MultiDiGraph"]  # every query takes either

DEFAULT_GRAPH = Path("graphs") / "kgraph.json"

# Path costs: hops as kgraph.index.routing_table prices them (claims cheaper than co-mentions);
# each intermediate node adds HUB_PENALTY * log(1 + degree): a host who co-mentions
# everything is a poor explanation.
HUB_PENALTY = 0.35
CANDIDATES_PER_PATH = 4  # searches per requested path before giving up on variety
REUSE_PENALTY = 1.0  # added to a node or hop each time an earlier path used it
FUZZY_ACCEPT = 90  # rapidfuzz score at which a lone best match is taken without asking
# A suggestion is close under WRatio (parts of names count) and alike as a whole
# (plain ratio): "x" is in "Dropbox" and "banana bread" is like nothing in a career graph.
SUGGEST, SUGGEST_WHOLE = 75, 50


def last_build_file() -> Path:
    """Where ``kgraph build`` records its JSON: $KGRAPH_HOME/last or ~/.cache/kgraph/last."""
    home = os.environ.get("KGRAPH_HOME")
    return Path(home) / "last" if home else Path.home() / ".cache" / "kgraph" / "last"


def remember_build(json_path: Path) -> None:
    """Record ``json_path`` as the last build; best effort (a read-only home is no error)."""
    from kgraph.io import atomic_write

    with contextlib.suppress(OSError):
        atomic_write(last_build_file(), f"{Path(json_path).resolve()}\n")


def find_graph(path: Path | str | None = None) -> tuple[Path, str]:
    """The graph file a query reads, and why that one.

    In order: ``path`` when given; ``graphs/kgraph.json`` in the current folder (the
    graph of the folder you are in wins over one built elsewhere); the last build
    (:func:`last_build_file`). GraphNotFoundError when none exists.
    """
    if path is not None:
        return Path(path), "--graph"
    if DEFAULT_GRAPH.is_file():
        return DEFAULT_GRAPH, "in this folder"
    try:
        recorded = Path(last_build_file().read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        recorded = None
    if recorded is not None and recorded.is_file():
        return recorded, "the last build"
    raise GraphNotFoundError(
        f"no graph: {DEFAULT_GRAPH} is not in this folder and no build is recorded; "
        "run `kgraph build` or pass --graph FILE"
    )


def load_graph(path: Path | str | None = None) -> GraphIndex:
    """Open the graph written by ``kgraph build`` (its JSON, through the query index).

    ``path`` None: the graph :func:`find_graph` finds. Uses ``.cache/NAME.query.sqlite``
    beside the JSON when it was made from that very file; otherwise reads the JSON and
    (re)writes the index, or keeps it in memory when the folder is read-only. The index's
    ``file`` is the JSON read.
    """
    path, _ = find_graph(path)
    if not path.is_file():
        raise GraphNotFoundError(
            "no such graph file: run `kgraph build` first or check the path", path=str(path)
        )
    index = _open(path)
    index.file = str(path)
    return index


def _open(path: Path) -> GraphIndex:
    index = GraphIndex.open_fresh(path)
    if index is not None:
        return index
    from kgraph.exporters.json import read_json

    try:
        G = read_json(path)
    except (ValueError, KeyError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
        raise GraphNotFoundError(
            f"not a kgraph JSON graph ({exc}): rebuild it with `kgraph build`", path=str(path)
        ) from exc
    try:
        write_index(G, path)
    except (OSError, ValueError):  # a read-only folder; a JSON file written by other means
        return GraphIndex.from_graph(G)
    return GraphIndex.open_fresh(path) or GraphIndex.from_graph(G)


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def as_index(G: Graph) -> GraphIndex:
    """The query index of ``G`` (a networkx graph is indexed in memory, once)."""
    if isinstance(G, GraphIndex):
        return G
    index = _INDEXES.get(G)
    if index is None:
        index = _INDEXES[G] = GraphIndex.from_graph(G)
    return index


# ----------------------------------------------------------------------------- names


class QueryError(KgraphError):
    """A query the graph cannot answer as asked (usage error, exit 2)."""

    exit_code = 2


class AmbiguousEntityError(QueryError):
    """A name that fits several entities equally well; carries them as ``Label (type)``."""

    SHOWN = 10

    def __init__(self, name: str, candidates: list[str]):
        self.candidates = candidates
        listed = ", ".join(candidates[: self.SHOWN])
        if len(candidates) > self.SHOWN:
            listed += f", … {len(candidates) - self.SHOWN} more"
        super().__init__(
            f"{quoted(name)} matches {len(candidates)} entities: {listed}; "
            "pass the full name (or TYPE:NAME, such as person:Jane Doe)"
        )


@dataclass
class Match:
    """The entity a name was taken for, and how: ``"id"``, ``"label"``, ``"alias"`` or
    ``"near"`` (close to a name; worth a notice). ``others`` are the other entities of
    the same name, each ``{"id", "label", "type"}`` (a role and a book both called
    "Staff Engineer"): the most mentioned is taken, ``TYPE:NAME`` picks another."""

    id: str
    label: str
    type: str
    how: str
    others: list[dict[str, str]] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip()


def _aliases(aliases: str | list[str] | None) -> list[str]:
    if isinstance(aliases, list):
        return [a for a in aliases if a]
    return [a for a in str(aliases or "").split("|") if a]


def find_entity(G: Graph, name: str) -> str:
    """Node id for a name (see :func:`match`).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("role:cto", label="CTO", type="role", aliases="chief technology officer")
    >>> find_entity(G, "Chief Technology Officer")
    'role:cto'
    """
    return match(G, name).id


def match(G: Graph, name: str) -> Match:
    """The entity a name means: exact id, label, alias (case-insensitive), then fuzzily.

    A full label shared by several entities (say a role and a book) resolves to the most
    mentioned one, the others listed in ``Match.others``; ``TYPE:NAME`` picks a type. A name
    that is only an alias or the first name of several entities ("Chris") raises
    AmbiguousEntityError listing them; EntityNotFoundError carries the closest names, as
    ``Label (type)``, or none when nothing is close.
    """
    Q = as_index(G)
    rows = Q.names()  # (id, label, type, aliases, mentions)
    if name in Q:
        row = next(row for row in rows if row[0] == name)
        return Match(row[0], row[1], row[2], "id")
    wanted = _norm(name)
    if not wanted:
        raise EntityNotFoundError(name)
    prefix = wanted.split(":", 1)[0].strip() if ":" in wanted else None
    if prefix and prefix in {row[2] for row in rows}:
        wanted = wanted.split(":", 1)[1].strip()
        rows = [row for row in rows if row[2] == prefix]

    by_label = [row for row in rows if _norm(row[1]) == wanted]
    if by_label:
        return _most_mentioned(by_label, "label")
    by_alias = [row for row in rows if wanted in {_norm(a) for a in _aliases(row[3])}]
    if by_alias:
        return _only(name, by_alias)
    if " " not in wanted:  # a first name shared by several people
        by_first = [
            row for row in rows if row[2] == "person" and _norm(row[1]).split(" ")[0] == wanted
        ]
        if len(by_first) > 1:
            return _only(name, by_first)

    from rapidfuzz import fuzz, process, utils

    choices: dict[str, str] = {}  # surface form -> node id (labels win over aliases)
    for n, _, _, aliases, _ in rows:
        for form in _aliases(aliases):
            choices.setdefault(form, n)
    for n, label, *_ in rows:
        choices[label] = n
    # a form less than half as long as the name only matches a piece of it ("C++" and "DE"
    # are 90 for "academia" under WRatio's partial match): no suggestion, no answer
    shortest = len(utils.default_process(wanted)) / 2
    choices = {f: n for f, n in choices.items() if len(utils.default_process(f)) >= shortest}
    if not choices:
        raise EntityNotFoundError(name)
    scored = process.extract(
        wanted, list(choices), scorer=fuzz.WRatio, processor=utils.default_process, limit=40
    )
    by_id = {row[0]: row for row in rows}
    best: dict[str, tuple] = {}
    for form, score, _ in scored:
        if score < FUZZY_ACCEPT:
            break
        # WRatio rates "Gergely" against "Gergely Orosz" as 90: only accept partial
        # matches that agree on whole words
        if fuzz.token_sort_ratio(wanted, form, processor=utils.default_process) >= FUZZY_ACCEPT:
            best[choices[form]] = by_id[choices[form]]
    names = {_norm(row[1]) for row in best.values()}
    if len(names) == 1:  # one name (maybe of several types: those are its others)
        same = {row[0]: row for row in rows if _norm(row[1]) in names}
        return _most_mentioned(list({**same, **best}.values()), "near")
    close = [
        (by_id[choices[form]], score)
        for form, score, _ in scored
        if score >= SUGGEST
        and fuzz.ratio(wanted, form, processor=utils.default_process) >= SUGGEST_WHOLE
    ]
    raise EntityNotFoundError(name, _suggestions(close))


def _most_mentioned(found: list[tuple], how: str) -> Match:
    """The most mentioned of ``found`` (rows of GraphIndex.names), the others kept."""
    ordered = sorted(found, key=lambda row: (-row[4], row[0]))
    n, label, type_, *_ = ordered[0]
    others = [{"id": r[0], "label": r[1], "type": r[2]} for r in ordered[1:] if r[0] != n]
    return Match(n, label, type_, how, others)


def _only(name: str, found: list[tuple]) -> Match:
    """The one node of ``found`` (rows of GraphIndex.names); several: AmbiguousEntityError."""
    if len({row[0] for row in found}) == 1:
        n, label, type_, *_ = found[0]
        return Match(n, label, type_, "alias")
    ordered = sorted(found, key=lambda row: (-row[4], row[1], row[0]))
    raise AmbiguousEntityError(name, [f"{row[1]} ({row[2]})" for row in ordered])


def _suggestions(close: list[tuple[tuple, float]]) -> list[str]:
    """Up to five of the ``close`` entities (rows of GraphIndex.names), as ``Label (type)``."""
    found: list[str] = []
    for row, _ in close:
        shown = f"{row[1]} ({row[2]})"
        if shown not in found:
            found.append(shown)
    return found[:5]


# ----------------------------------------------------------------------------- evidence


def _url(Q: GraphIndex, document: str | None, time: float | None) -> str | None:
    info = Q.documents.get(document)
    return moment_url(info.get("url"), time) if info else None


def _title(Q: GraphIndex, document: str | None) -> str | None:
    info = Q.documents.get(document)
    return info.get("title") if info else None


def _date(Q: GraphIndex, document: str | None) -> str | None:
    info = Q.documents.get(document)
    return info.get("date") if info else None


def _evidence(
    Q: GraphIndex,
    *,
    document: str | None,
    turn: int | None,
    quote: str | None,
    speaker: str | None = None,
    time: float | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    return {
        "speaker": speaker,
        "quote": quote,
        "document": document,
        "title": _title(Q, document),
        "date": _date(Q, document),
        "turn": turn,
        "time": time,
        "url": url or _url(Q, document, time),
    }


def _node_quote(Q: GraphIndex, nodes: Iterable[str], document: str, turn: int) -> dict | None:
    """The stored evidence of one of ``nodes`` from that document and turn, if any."""
    for n in nodes:
        for ev in Q.node(n).get("evidence") or []:
            if ev.get("document") == document and ev.get("turn") == turn and ev.get("quote"):
                return ev
    return None


def _co_mention_evidence(Q: GraphIndex, u: str, v: str, data: dict) -> dict[str, Any]:
    """A quote for two entities mentioned in the same turn, from the graph alone.

    In order: a quote stored on the edge's examples, the stored evidence of either entity
    from an example turn, then either entity's stored evidence (source files are not read).
    """
    examples = data.get("examples") or []
    for ex in examples:
        if ex.get("quote"):
            return _evidence(
                Q,
                document=ex.get("document"),
                turn=ex.get("turn"),
                quote=ex["quote"],
                speaker=ex.get("speaker"),
                time=ex.get("time"),
                url=ex.get("url"),
            )
    for ex in examples:
        found = _node_quote(Q, (u, v), ex.get("document"), ex.get("turn"))
        if found:
            return _stored_evidence(Q, found)
    for n in (u, v):
        for ev in Q.node(n).get("evidence") or []:
            if ev.get("quote"):
                return _stored_evidence(Q, ev)
    first = examples[0] if examples else {}
    return _evidence(
        Q,
        document=first.get("document"),
        turn=first.get("turn"),
        quote=None,
        time=first.get("time"),
    )


def _stored_evidence(Q: GraphIndex, ev: dict) -> dict[str, Any]:
    """A node's stored Evidence dict in the shape of the answers."""
    return _evidence(
        Q,
        document=ev.get("document"),
        turn=ev.get("turn"),
        quote=ev.get("quote"),
        speaker=ev.get("speaker"),
        time=ev.get("time"),
        url=ev.get("url"),
    )


def _claim(Q: GraphIndex, u: str, v: str, data: dict) -> dict[str, Any]:
    return {
        "subject": u,
        "subject_label": Q.label(u),
        "predicate": data.get("predicate"),
        "object": v,
        "object_label": Q.label(v),
        "negated": bool(data.get("negated", False)),
        "evidence": _evidence(
            Q,
            document=data.get("document"),
            turn=data.get("turn"),
            quote=data.get("evidence"),
            speaker=data.get("speaker"),
            time=data.get("time"),
            url=data.get("url"),
        ),
    }


def _node_ref(Q: GraphIndex, n: str) -> dict[str, Any]:
    d = Q.node(n)
    return {"id": n, "label": d.get("label", n), "type": d.get("type")}


# ----------------------------------------------------------------------------- paths

SAID = "said"  # kgraph.graph.SAID (not imported: the queries never load networkx)
_SHARED_TURN_KINDS = ("co_mention", SAID)


def _cheapest_path(
    adjacency: dict[str, dict[str, float]],
    source: str,
    target: str,
    node_cost: Callable[[str], float],
    edge_extra: Counter[frozenset[str]],
) -> list[str] | None:
    """Dijkstra; entering a node other than the target costs ``node_cost(node)`` extra."""
    best = {source: 0.0}
    previous: dict[str, str] = {}
    queue = [(0.0, source)]
    done: set[str] = set()
    penalised = {n for pair in edge_extra for n in pair}  # ends of the hops made dearer
    entry: dict[str, float] = {}  # node_cost per node, asked once per run
    while queue:
        cost, node = heapq.heappop(queue)
        if node in done:
            continue
        if node == target:
            path = [target]
            while path[-1] != source:
                path.append(previous[path[-1]])
            return path[::-1]
        done.add(node)
        for other, hop in adjacency[node].items():
            if other in done:
                continue
            step = hop
            if node in penalised and other in penalised:
                step += edge_extra[frozenset((node, other))]
            if other != target:
                extra = entry.get(other)
                if extra is None:
                    extra = entry[other] = node_cost(other)
                if extra == math.inf:
                    continue
                step += extra
            if cost + step < best.get(other, math.inf):
                best[other] = cost + step
                previous[other] = node
                heapq.heappush(queue, (cost + step, other))
    return None


def _hop(Q: GraphIndex, u: str, v: str, claims_only: bool) -> dict[str, Any]:
    """The best evidence for the hop u - v: a claim (either direction), else a co-mention,
    else a ``said`` edge (one of them speaking named the other; ``forward``: u spoke)."""
    edges = Q.edges_between(u, v)
    claims = [(a, b, d) for a, b, _, d in edges if d.get("kind") == "claim"]
    hop: dict[str, Any] = {"from": _node_ref(Q, u), "to": _node_ref(Q, v)}
    shared = [d for *_, d in edges if d.get("kind", "co_mention") in _SHARED_TURN_KINDS]
    if claims and (claims_only or not shared or not all(d.get("negated") for *_, d in claims)):
        # a negated claim explains a hop only when nothing else links the two
        a, b, data = min(claims, key=lambda c: (c[2].get("negated", False), c[0] != u))
        claim = _claim(Q, a, b, data)
        hop.update(
            kind="claim",
            predicate=claim["predicate"],
            negated=claim["negated"],
            forward=a == u,
            evidence=claim["evidence"],
        )
        return hop
    if claims_only:  # pragma: no cover - routing graph only holds claim edges then
        raise AssertionError("claim hop without a claim edge")
    for kind in _SHARED_TURN_KINDS:  # as the routing prices them: co-mentions first
        for a, b, _, data in edges:
            if data.get("kind", "co_mention") == kind:
                hop.update(
                    kind=kind,
                    predicate=None,
                    negated=False,
                    forward=kind != SAID or a == u,
                    weight=data.get("weight", 1),
                    evidence=_co_mention_evidence(Q, a, b, data),
                )
                return hop
    raise AssertionError(f"no edge between {u} and {v}")  # pragma: no cover


def paths(
    G: Graph,
    a: str,
    b: str,
    k: int = 3,
    claims_only: bool = False,
    avoid_types: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Up to ``k`` short, varied paths between two names, every hop with its evidence.

    Costs prefer claims and strong co-mentions, and each intermediate node costs
    ``HUB_PENALTY * log(1 + degree)``, so a host who co-mentions everything is a poor
    route. After each path found, its intermediate nodes and hops get dearer, so the next
    paths differ (k cheap Dijkstra runs rather than Yen's k shortest paths, which took
    seconds on a corpus graph). ``avoid_types`` keeps nodes of those types out of the
    middle. Raises EntityNotFoundError, QueryError (A and B are one entity) or NoPathError.

    Returns ``[{"nodes": [...], "cost": float, "hops": [{"from", "to", "kind",
    "predicate", "evidence": {"speaker", "quote", "document", "title", "time", "url"}}]}]``,
    cheapest first.
    """
    Q = as_index(G)
    source, target = find_entity(Q, a), find_entity(Q, b)
    if source == target:
        raise QueryError(
            f"{quoted(a)} and {quoted(b)} are the same entity, {Q.label(source)} "
            f"({source}): name two different ones"
        )
    avoid = {t.casefold() for t in avoid_types}
    types = {row[0]: row[2].casefold() for row in Q.names()} if avoid else {}
    adjacency = Q.routing(claims_only)
    reuse: Counter[str] = Counter()
    edge_extra: Counter[frozenset[str]] = Counter()

    def node_cost(node: str) -> float:
        if avoid and types.get(node) in avoid:
            return math.inf
        return HUB_PENALTY * math.log1p(len(adjacency[node])) + REUSE_PENALTY * reuse[node]

    def true_cost(nodes: list[str]) -> float:
        hops = sum(adjacency[u][v] for u, v in pairwise(nodes))
        return hops + sum(HUB_PENALTY * math.log1p(len(adjacency[n])) for n in nodes[1:-1])

    found: dict[tuple[str, ...], float] = {}
    for _ in range(max(k, 1) * CANDIDATES_PER_PATH):
        nodes = _cheapest_path(adjacency, source, target, node_cost, edge_extra)
        if nodes is None:
            break
        found.setdefault(tuple(nodes), true_cost(nodes))
        if len(found) >= k:
            break
        reuse.update(nodes[1:-1])
        edge_extra.update(frozenset(hop) for hop in pairwise(nodes))
    if not found:
        what = "claims" if claims_only else "edges"
        extra = f" avoiding {', '.join(sorted(avoid))}" if avoid else ""
        raise NoPathError(
            f"no path between {Q.label(source)} and {Q.label(target)} through {what}{extra}"
        )
    chosen = sorted(found.items(), key=lambda item: (item[1], len(item[0])))
    return [
        {
            "nodes": [_node_ref(Q, n) for n in nodes],
            "cost": round(cost, 3),
            "hops": [_hop(Q, u, v, claims_only) for u, v in pairwise(nodes)],
        }
        for nodes, cost in chosen
    ]


# ----------------------------------------------------------------------------- cards


def _claim_order(claim: dict[str, Any]) -> tuple:
    ev = claim["evidence"]
    return (ev["document"] or "", ev["turn"] if ev["turn"] is not None else -1)


def spread_over_documents(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims in turn order within each document, taken from the documents in turn, so that
    the first few of a long list already show every source; a claim repeated in the same
    words (a sponsor read in every episode) is listed once."""
    by_document: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[Any, ...]] = set()  # one claim said in the same words twice: once
    for claim in sorted(claims, key=_claim_order):
        quote = " ".join(str(claim["evidence"].get("quote") or "").lower().split())
        key = (claim.get("subject"), claim.get("predicate"), claim.get("object"), quote)
        if quote and key in seen:
            continue
        seen.add(key)
        by_document.setdefault(claim["evidence"]["document"] or "", []).append(claim)
    queues = list(by_document.values())
    longest = max((len(q) for q in queues), default=0)
    return [q[i] for i in range(longest) for q in queues if i < len(q)]


def link_strength(kind: str | None, weight: int, speaks: bool) -> tuple[int, int]:
    """What one edge between an entity and a neighbour adds to the neighbour's
    ``(weight, said_by)``.

    ``weight`` ranks neighbours: shared turns, claims (either direction) and the turns in
    which the entity, speaking, named the neighbour (a ``said`` edge it starts: ``speaks``).
    The turns in which the neighbour, speaking, named the entity (``said_by``) only break
    ties: a host who names everything is not everything's strongest neighbour.
    """
    if kind == "claim":
        return 1, 0
    if kind == SAID:
        return (weight, 0) if speaks else (0, weight)
    return weight, 0


def neighbour_key(weight: int, said_by: int, label: str) -> tuple[int, int, str]:
    """Sort key of neighbours: strongest first (see :func:`link_strength`)."""
    return (-weight, -said_by, label)


def _tally(row: dict[str, Any], speaks: bool, data: dict[str, Any]) -> None:
    """Count one edge between an entity and the neighbour of ``row`` into it."""
    kind = data.get("kind")
    weight = data.get("weight", 1)
    added, said_by = link_strength(kind, weight, speaks)
    row["weight"] += added
    row["said_by"] += said_by
    if kind == "claim":
        predicate = data.get("predicate")
        if predicate not in row["predicates"]:
            row["predicates"].append(predicate)
    elif kind == SAID:
        row["said"] += added
    else:
        row["co_mentions"] += added


def neighbors(
    G: Graph, entity: str, type: str | None = None, top: int = 10
) -> list[dict[str, Any]]:
    """The entity's neighbours, strongest first (see :func:`link_strength`)."""
    Q = as_index(G)
    node = find_entity(Q, entity)
    types = {row[0]: row[2] for row in Q.names()}
    found: dict[str, dict[str, Any]] = {}
    for u, v, _, data in Q.incident(node):
        other = v if u == node else u
        if other == node or (type and types.get(other) != type):
            continue
        row = found.get(other)
        if row is None:
            row = found[other] = {
                **_node_ref(Q, other),
                "weight": 0,
                "co_mentions": 0,
                "said": 0,
                "said_by": 0,
                "predicates": [],
            }
        _tally(row, u == node, data)
    rows = sorted(
        found.values(), key=lambda r: neighbour_key(r["weight"], r["said_by"], r["label"])
    )
    return rows[:top] if top and top > 0 else rows


def show(G: Graph, entity: str, top: int | None = None) -> dict[str, Any]:
    """The entity's card: what it is, where it appears, its neighbours (the ``top``
    strongest; None: all) and its claims in two groups: ``claims_said``, those it said
    (its name is their speaker), and ``claims_about``, those others said about it (it is
    their subject or object). See :func:`group_claims` for their shape."""
    Q = as_index(G)
    node = find_entity(Q, entity)
    data = Q.node(node)
    label = str(data.get("label", node))
    documents: dict[str, dict[str, Any]] = {}

    def seen_in(document: str | None) -> None:
        if document and document not in documents:
            documents[document] = {
                "id": document,
                "title": _title(Q, document),
                "date": _date(Q, document),
            }

    for ev in data.get("evidence") or []:
        seen_in(ev.get("document"))
    about: list[dict[str, Any]] = []
    for u, v, _, edge in Q.incident(node):
        if edge.get("kind") == "claim":
            seen_in(edge.get("document"))
            if not _said_by(edge, label):
                about.append(_claim(Q, u, v, edge))
        else:
            for ex in edge.get("examples") or []:
                seen_in(ex.get("document"))
    said = [_claim(Q, u, v, edge) for u, v, _, edge in Q.claims() if _said_by(edge, label)]
    return {
        **_node_ref(Q, node),
        "aliases": [a for a in _aliases(data.get("aliases")) if a != label],
        "mentions": data.get("mentions", 0),
        "document_count": data.get("documents", len(documents)),
        "documents": sorted(documents.values(), key=lambda d: d["id"]),
        "community": data.get("community"),
        "quotes": [_stored_evidence(Q, ev) for ev in (data.get("evidence") or [])[:3]],
        "neighbors": neighbors(Q, node, top=top or 0),
        "claims_said": group_claims(said),
        "claims_about": group_claims(about),
    }


def _said_by(edge: dict[str, Any], label: str) -> bool:
    return _norm(str(edge.get("speaker") or "")) == _norm(label)


def group_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims of one subject, predicate, polarity and object as one group: ``{"subject",
    "subject_label", "predicate", "object", "object_label", "negated", "count",
    "speakers", "quotes"}``, the quotes best first (:mod:`kgraph.evidence`), the groups
    with the most quotes first ("worked at Meta — 4 quotes" once, not four times)."""
    groups: dict[tuple, dict[str, Any]] = {}
    for claim in spread_over_documents(claims):
        key = (claim["subject"], claim["predicate"], claim["negated"], claim["object"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                **{k: claim[k] for k in _CLAIM_KEYS},
                "count": 0,
                "speakers": [],
                "quotes": [],
            }
        group["count"] += 1
        speaker = claim["evidence"]["speaker"]
        if speaker and speaker not in group["speakers"]:
            group["speakers"].append(speaker)
        group["quotes"].append(claim["evidence"])
    for group in groups.values():
        group["quotes"] = rank_quotes(group["quotes"], lambda ev: ev["quote"])
    order = {key: i for i, key in enumerate(groups)}
    return [groups[k] for k in sorted(groups, key=lambda k: (-groups[k]["count"], order[k]))]


_CLAIM_KEYS = ("subject", "subject_label", "predicate", "object", "object_label", "negated")


STANCES = ("recommends", "advises")  # predicates for or (negated) against their object


def _contested(edges: list[Any]) -> dict[str, tuple[int, int]]:
    """Objects that some speakers recommend or advise and others advise against:
    object -> (speakers against, speakers for), for ranking the most even disagreement."""
    sides: dict[str, tuple[set[str], set[str]]] = {}
    for _, v, _, data in edges:
        if data.get("predicate") in STANCES and data.get("speaker"):
            against, for_ = sides.setdefault(v, (set(), set()))
            (against if data.get("negated") else for_).add(str(data["speaker"]))
    return {
        v: (len(against), len(for_))
        for v, (against, for_) in sides.items()
        if against and for_ and len(against | for_) >= 2
    }


def _speaker_is(who: str, name: str) -> bool:
    """``who`` (normalised) is the speaker ``name``: all of it, a word or a part of it."""
    return bool(name) and (who == name or who in name.split() or who in name)


def _check_speaker(Q: GraphIndex, speaker: str, who: str) -> None:
    """EntityNotFoundError (with the closest speakers) when no claim's speaker is ``who``."""
    speakers = {str(d.get("speaker")) for *_, d in Q.claims() if d.get("speaker")}
    if any(_speaker_is(who, _norm(name)) for name in speakers):
        return
    from rapidfuzz import process

    scored = process.extract(speaker, sorted(speakers), limit=3)
    close = [name for name, score, _ in scored if score >= SUGGEST]
    raise EntityNotFoundError(speaker, close, what="speaker")


def claims(
    G: Graph,
    speaker: str | None = None,
    about: str | None = None,
    predicate: str | None = None,
    contested: bool = False,
    type: str | None = None,
    subject_type: str | None = None,
) -> list[dict[str, Any]]:
    """Claims filtered by who said them, an entity they involve, their predicate, and
    the types of their object (``type``) and subject (``subject_type``).

    ``speaker`` matches the speaker's name case-insensitively (whole name or a part of it,
    such as a surname; EntityNotFoundError when no speaker is); ``about`` is resolved like
    any entity name and matches claims whose subject or object it is. ``contested`` keeps
    the recommendations and advice on things speakers disagree about (someone advises
    against what someone else recommends), the most evenly disputed first, those against
    before those for.
    """
    Q = as_index(G)
    node = find_entity(Q, about) if about else None
    who = _norm(speaker) if speaker else None
    what = _norm(predicate).replace(" ", "_") if predicate else None
    if what:
        known = sorted({str(d.get("predicate")) for *_, d in Q.claims() if d.get("predicate")})
        if what not in {_norm(p) for p in known}:
            raise QueryError(
                f"unknown predicate {quoted(predicate or '')}; the graph has: {', '.join(known)}"
            )
    if who:
        _check_speaker(Q, speaker or "", who)
    edges = Q.claims(node)
    disputed = _contested(Q.claims() if node else edges) if contested else {}
    types = {row[0]: row[2] for row in Q.names()} if type or subject_type else {}
    found = []
    for u, v, _, data in edges:
        if what and _norm(str(data.get("predicate", ""))) != what:
            continue
        if (type and types.get(v) != type) or (subject_type and types.get(u) != subject_type):
            continue
        if contested and (v not in disputed or data.get("predicate") not in STANCES):
            continue
        if who and not _speaker_is(who, _norm(str(data.get("speaker") or ""))):
            continue
        found.append(_claim(Q, u, v, data))
    if contested:  # even and broad disputes first: 3 against 4 before 5 against 67
        rank = {v: (-min(n) * min(n) / max(n), -sum(n), v) for v, n in disputed.items()}
        return sorted(
            found,
            key=lambda c: (rank[c["object"]], not c["negated"], _claim_order(c)),
        )
    return sorted(found, key=_claim_order)


def stats(G: Graph) -> dict[str, Any]:
    """Counts: documents, turns, words, entities per type, edges per kind, predicates."""
    Q = as_index(G)
    docs = list(Q.documents.values())
    predicates = Counter(str(d.get("predicate")) for *_, d in Q.claims())
    return {
        "name": Q.graph.get("name"),
        "file": Q.file,
        "kgraph_version": Q.graph.get("kgraph_version"),
        "documents": len(docs),
        "turns": sum(int(d.get("turns", 0)) for d in docs),
        "words": sum(int(d.get("words", 0)) for d in docs),
        "nodes": Q.number_of_nodes(),
        "edges": Q.number_of_edges(),
        "entities": Q.count_by_type(),
        "edge_kinds": Q.count_by_kind(),
        "predicates": dict(predicates.most_common()),
        "communities": Q.communities(),
        "top_entities": [
            {**_node_ref(Q, n), "mentions": Q.node(n).get("mentions", 0)}
            for n in Q.most_mentioned(10)
        ],
    }


PROVENANCE_COLUMNS = (
    ("documents", None, "documents"),
    ("titled", "documents", "with a title"),
    ("dated", "documents", "with a date"),
    ("turns", None, "turns"),
    ("spoken", "turns", "with a speaker"),
    ("timed", "turns", "with a time"),
    ("linked", "timed", "timed with a link"),
    ("claims", None, "claims"),
    ("claim_speaker", "claims", "claims said by a person node"),
    ("claim_title", "claims", "claims with a document title"),
    ("claim_link", "claims", "claims with a link"),
)
"""(count, what it is a share of, description) of each column of :func:`provenance`."""


def provenance(G: Graph) -> list[dict[str, Any]]:
    """How well each folder of a graph's documents is backed: documents with a title and a
    date; turns with a speaker, a time, and (timed ones) a link to the moment; claims whose
    speaker is a person node, whose document has a title, with a link.

    One row per folder (of the documents' sources, in order), then ``"all"``; each row holds
    the counts of :data:`PROVENANCE_COLUMNS` and ``share_<count>`` of its base (None when
    the graph does not say: turns with a speaker or a time in graphs of older versions).
    """
    Q = as_index(G)
    rows: dict[str, Counter] = {}
    folder_of: dict[str, str] = {}
    titled: set[str] = set()
    built = str(Q.graph.get("folder") or ".")  # sources are relative to it
    for doc in Q.documents.values():
        source = str(doc.get("source") or "").replace("\\", "/")
        if "/" not in source:
            folder = built
        elif source.startswith("/") or ":" in source.split("/")[0]:  # graphs of old builds
            folder = source.rsplit("/", 1)[0]
        else:
            folder = f"{built}/{source.rsplit('/', 1)[0]}"
        folder_of[doc.get("id")] = folder
        row = rows.setdefault(folder, Counter())
        timed = int(doc.get("timed") or 0)
        has_title = bool(doc.get("title")) and doc.get("title") != doc.get("id")
        if has_title:
            titled.add(doc.get("id"))
        if "timed" not in doc:  # a graph of an older kgraph: turns were not counted
            row["uncounted"] += 1
        row.update(
            documents=1,
            titled=has_title,
            dated=bool(doc.get("date")),
            turns=int(doc.get("turns") or 0),
            spoken=int(doc.get("spoken") or 0),
            timed=timed,
            linked=timed if doc.get("url") else 0,
        )
    people: dict[str, bool] = {}
    for *_, data in Q.claims():
        row = rows.setdefault(folder_of.get(data.get("document"), "?"), Counter())
        speaker = data.get("speaker")
        if speaker and speaker not in people:
            try:
                people[speaker] = Q.node(node_id("person", speaker)).get("type") == "person"
            except KeyError:
                people[speaker] = False
        row.update(
            claims=1,
            claim_speaker=bool(speaker and people[speaker]),
            claim_title=data.get("document") in titled,
            claim_link=bool(data.get("url")),
        )
    total: Counter = Counter()
    for row in rows.values():
        total.update(row)
    result = []
    for folder, row in [*rows.items(), ("all", total)]:
        entry: dict[str, Any] = {"folder": folder}
        for count, base, _ in PROVENANCE_COLUMNS:
            unknown = row["uncounted"] and count in ("spoken", "timed", "linked")
            entry[count] = None if unknown else row[count]
            if base:
                known = row[base] and not unknown
                entry[f"share_{count}"] = round(row[count] / row[base], 4) if known else None
        result.append(entry)
    return result
