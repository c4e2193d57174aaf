"""Questions over a built graph, answered as plain data (dicts and lists) with evidence.

Reads the node-link JSON written by ``kgraph build`` and never imports spaCy, so the query
commands start in a fraction of a second. Every answer carries the quotes it rests on.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("role:cto", label="CTO", type="role", aliases="chief technology officer")
>>> find_entity(G, "Chief Technology Officer")
'role:cto'
"""

from __future__ import annotations

import heapq
import math
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.errors import EntityNotFoundError, GraphNotFoundError, NoPathError

DEFAULT_GRAPH = Path("graphs") / "kgraph.json"

# Path costs. A claim hop is a statement someone made, so it is cheaper than a co-mention;
# a co-mention gets cheaper the more turns share both entities. Each intermediate node adds
# HUB_PENALTY * log(1 + degree): a host who co-mentions everything is a poor explanation.
CLAIM_COST = 0.6
HUB_PENALTY = 0.35
CANDIDATES_PER_PATH = 4  # searches per requested path before giving up on variety
REUSE_PENALTY = 1.0  # added to a node or hop each time an earlier path used it
FUZZY_ACCEPT = 90  # rapidfuzz score at which a lone best match is taken without asking


def load_graph(path: Path | str = DEFAULT_GRAPH) -> nx.MultiDiGraph:
    """Read the node-link JSON graph written by ``kgraph build``."""
    path = Path(path)
    if not path.is_file():
        raise GraphNotFoundError(
            "no graph here: run `kgraph build` first or pass --graph FILE", path=str(path)
        )
    from kgraph.exporters.json import read_json

    try:
        return read_json(path)
    except (ValueError, KeyError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
        raise GraphNotFoundError(
            f"not a kgraph JSON graph ({exc}): rebuild it with `kgraph build`", path=str(path)
        ) from exc


# ----------------------------------------------------------------------------- names


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip()


def _aliases(data: dict[str, Any]) -> list[str]:
    aliases = data.get("aliases") or ""
    if isinstance(aliases, list):
        return [a for a in aliases if a]
    return [a for a in str(aliases).split("|") if a]


def _most_mentioned(G: nx.MultiDiGraph, ids: Iterable[str]) -> str:
    return max(ids, key=lambda n: (G.nodes[n].get("mentions", 0), G.degree(n), n))


def find_entity(G: nx.MultiDiGraph, name: str) -> str:
    """Node id for a name: exact id, label, alias (case-insensitive), then fuzzily.

    A name shared by several entities (say a concept and an organization) resolves to the
    most mentioned one; ``type:label`` picks a type. Raises EntityNotFoundError carrying
    the closest labels when nothing is close enough.
    """
    if name in G:
        return name
    wanted = _norm(name)
    if not wanted:
        raise EntityNotFoundError(name)
    wanted_type = None
    if ":" in wanted and wanted.split(":", 1)[0] in {
        str(d.get("type")) for _, d in G.nodes(data=True)
    }:
        wanted_type, wanted = (s.strip() for s in wanted.split(":", 1))

    def nodes() -> Iterator[tuple[str, dict[str, Any]]]:
        for n, d in G.nodes(data=True):
            if wanted_type is None or d.get("type") == wanted_type:
                yield n, d

    by_label = [n for n, d in nodes() if _norm(str(d.get("label", ""))) == wanted]
    if by_label:
        return _most_mentioned(G, by_label)
    by_alias = [n for n, d in nodes() if wanted in {_norm(a) for a in _aliases(d)}]
    if by_alias:
        return _most_mentioned(G, by_alias)

    from rapidfuzz import fuzz, process, utils

    choices: dict[str, str] = {}  # surface form -> node id (labels win over aliases)
    for n, d in nodes():
        for form in _aliases(d):
            choices.setdefault(form, n)
    for n, d in nodes():
        choices[str(d.get("label", n))] = n
    if not choices:
        raise EntityNotFoundError(name)
    forms = list(choices)
    scored = process.extract(
        wanted, forms, scorer=fuzz.WRatio, processor=utils.default_process, limit=40
    )
    best_ids: list[str] = []
    for form, score, _ in scored:
        if score < FUZZY_ACCEPT:
            break
        # WRatio rates "Gergely" against "Gergely Orosz" as 90: only accept partial
        # matches that agree on whole words, and only when one entity is that close.
        if fuzz.token_sort_ratio(wanted, form, processor=utils.default_process) >= FUZZY_ACCEPT:
            best_ids.append(choices[form])
    if len(set(best_ids)) == 1:
        return best_ids[0]
    raise EntityNotFoundError(name, _suggestions(G, scored, choices))


def _suggestions(
    G: nx.MultiDiGraph, scored: list[tuple[str, float, int]], choices: dict[str, str]
) -> list[str]:
    """Up to five close labels; weaker ones (up to three) only when nothing is close."""
    for cutoff, limit in ((70, 5), (50, 3)):
        labels: list[str] = []
        for form, score, _ in scored:
            label = str(G.nodes[choices[form]].get("label", form))
            if score >= cutoff and label not in labels:
                labels.append(label)
        if labels:
            return labels[:limit]
    return []


# ----------------------------------------------------------------------------- evidence


_DOCUMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _documents(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """The graph's documents by id (computed once per graph)."""
    by_id = _DOCUMENTS.get(G)
    if by_id is None:
        by_id = {d.get("id"): d for d in G.graph.get("documents") or [] if isinstance(d, dict)}
        _DOCUMENTS[G] = by_id
    return by_id


def _url(G: nx.MultiDiGraph, document: str | None, time: float | None) -> str | None:
    info = _documents(G).get(document)
    if not info or not info.get("video_id"):
        return None
    url = f"https://www.youtube.com/watch?v={info['video_id']}"
    return url if time is None else f"{url}&t={int(time)}s"


def _title(G: nx.MultiDiGraph, document: str | None) -> str | None:
    info = _documents(G).get(document)
    return info.get("title") if info else None


def _evidence(
    G: nx.MultiDiGraph,
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
        "title": _title(G, document),
        "turn": turn,
        "time": time,
        "url": url or _url(G, document, time),
    }


def _node_quote(G: nx.MultiDiGraph, nodes: Iterable[str], document: str, turn: int) -> dict | None:
    """The stored evidence of one of ``nodes`` from that document and turn, if any."""
    for n in nodes:
        for ev in G.nodes[n].get("evidence") or []:
            if ev.get("document") == document and ev.get("turn") == turn and ev.get("quote"):
                return ev
    return None


def _co_mention_evidence(G: nx.MultiDiGraph, u: str, v: str, data: dict) -> dict[str, Any]:
    examples = data.get("examples") or []
    ordered = sorted(examples, key=lambda e: not e.get("quote"))  # examples with quotes first
    for ex in ordered:
        quote, speaker, url = ex.get("quote"), ex.get("speaker"), ex.get("url")
        if not quote:
            found = _node_quote(G, (u, v), ex.get("document"), ex.get("turn"))
            if found:
                quote = found.get("quote")
                speaker = speaker or found.get("speaker")
                url = url or found.get("url")
        if quote or ex is ordered[-1]:
            return _evidence(
                G,
                document=ex.get("document"),
                turn=ex.get("turn"),
                quote=quote,
                speaker=speaker,
                time=ex.get("time"),
                url=url,
            )
    return _evidence(G, document=None, turn=None, quote=None)


def _claim(G: nx.MultiDiGraph, u: str, v: str, data: dict) -> dict[str, Any]:
    return {
        "subject": u,
        "subject_label": G.nodes[u].get("label", u),
        "predicate": data.get("predicate"),
        "object": v,
        "object_label": G.nodes[v].get("label", v),
        "negated": bool(data.get("negated", False)),
        "evidence": _evidence(
            G,
            document=data.get("document"),
            turn=data.get("turn"),
            quote=data.get("evidence"),
            speaker=data.get("speaker"),
            time=data.get("time"),
            url=data.get("url"),
        ),
    }


def _node_ref(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = G.nodes[n]
    return {"id": n, "label": d.get("label", n), "type": d.get("type")}


# ----------------------------------------------------------------------------- paths


def _hop_cost(kind: str, weight: float) -> float:
    if kind == "claim":
        return CLAIM_COST
    return 1.0 + 1.0 / max(float(weight or 1), 1.0)


def _routing_graph(G: nx.MultiDiGraph, claims_only: bool) -> dict[str, dict[str, float]]:
    """Undirected adjacency ``{u: {v: cost}}`` with the cheapest hop between two nodes."""
    adjacency: dict[str, dict[str, float]] = {n: {} for n in G}
    for u, v, data in G.edges(data=True):
        kind = data.get("kind", "co_mention")
        if u == v or (claims_only and kind != "claim"):
            continue
        cost = _hop_cost(kind, data.get("weight", 1))
        if cost < adjacency[u].get(v, math.inf):
            adjacency[u][v] = adjacency[v][u] = cost
    return adjacency


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
            step = hop + edge_extra[frozenset((node, other))]
            if other != target:
                extra = node_cost(other)
                if extra == math.inf:
                    continue
                step += extra
            if cost + step < best.get(other, math.inf):
                best[other] = cost + step
                previous[other] = node
                heapq.heappush(queue, (cost + step, other))
    return None


def _hop(G: nx.MultiDiGraph, u: str, v: str, claims_only: bool) -> dict[str, Any]:
    """The best evidence for the hop u - v: a claim (either direction), else a co-mention."""
    claims = [
        (a, b, d)
        for a, b in ((u, v), (v, u))
        for d in G.get_edge_data(a, b, default={}).values()
        if d.get("kind") == "claim"
    ]
    hop: dict[str, Any] = {"from": _node_ref(G, u), "to": _node_ref(G, v)}
    if claims:
        a, b, data = min(claims, key=lambda c: (c[2].get("negated", False), c[0] != u))
        claim = _claim(G, a, b, data)
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
    for a, b in ((u, v), (v, u)):
        for data in G.get_edge_data(a, b, default={}).values():
            if data.get("kind", "co_mention") == "co_mention":
                hop.update(
                    kind="co_mention",
                    predicate=None,
                    negated=False,
                    forward=True,
                    weight=data.get("weight", 1),
                    evidence=_co_mention_evidence(G, a, b, data),
                )
                return hop
    raise AssertionError(f"no edge between {u} and {v}")  # pragma: no cover


def paths(
    G: nx.MultiDiGraph,
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
    middle. Raises EntityNotFoundError or NoPathError.

    Returns ``[{"nodes": [...], "cost": float, "hops": [{"from", "to", "kind",
    "predicate", "evidence": {"speaker", "quote", "document", "title", "time", "url"}}]}]``,
    cheapest first.
    """
    source, target = find_entity(G, a), find_entity(G, b)
    if source == target:
        raise NoPathError(f"{a!r} and {b!r} are the same entity ({source})")
    avoid = {t.casefold() for t in avoid_types}
    adjacency = _routing_graph(G, claims_only)
    reuse: Counter[str] = Counter()
    edge_extra: Counter[frozenset[str]] = Counter()

    def node_cost(node: str) -> float:
        if avoid and str(G.nodes[node].get("type", "")).casefold() in avoid:
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
            f"no path between {G.nodes[source].get('label')} and "
            f"{G.nodes[target].get('label')} through {what}{extra}"
        )
    chosen = sorted(found.items(), key=lambda item: (item[1], len(item[0])))
    return [
        {
            "nodes": [_node_ref(G, n) for n in nodes],
            "cost": round(cost, 3),
            "hops": [_hop(G, u, v, claims_only) for u, v in pairwise(nodes)],
        }
        for nodes, cost in chosen
    ]


# ----------------------------------------------------------------------------- cards


def _claim_edges(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict]]:
    for u, v, data in G.edges(data=True):
        if data.get("kind") == "claim":
            yield u, v, data


def _claim_order(claim: dict[str, Any]) -> tuple:
    ev = claim["evidence"]
    return (ev["document"] or "", ev["turn"] if ev["turn"] is not None else -1)


def neighbors(
    G: nx.MultiDiGraph, entity: str, type: str | None = None, top: int = 10
) -> list[dict[str, Any]]:
    """The entity's neighbours, strongest first: shared turns plus claims, either direction."""
    node = find_entity(G, entity)
    found: dict[str, dict[str, Any]] = {}
    for u, v, data in (*G.out_edges(node, data=True), *G.in_edges(node, data=True)):
        other = v if u == node else u
        if other == node or (type and G.nodes[other].get("type") != type):
            continue
        row = found.setdefault(
            other, {**_node_ref(G, other), "weight": 0, "co_mentions": 0, "predicates": []}
        )
        if data.get("kind") == "claim":
            row["weight"] += 1
            predicate = data.get("predicate")
            if predicate not in row["predicates"]:
                row["predicates"].append(predicate)
        else:
            row["weight"] += data.get("weight", 1)
            row["co_mentions"] += data.get("weight", 1)
    rows = sorted(found.values(), key=lambda r: (-r["weight"], r["label"]))
    return rows[:top] if top and top > 0 else rows


def show(G: nx.MultiDiGraph, entity: str, top: int = 10) -> dict[str, Any]:
    """The entity's card: what it is, where it appears, its neighbours and its claims."""
    node = find_entity(G, entity)
    data = G.nodes[node]
    label = str(data.get("label", node))
    documents: dict[str, dict[str, Any]] = {}

    def seen_in(document: str | None) -> None:
        if document and document not in documents:
            documents[document] = {"id": document, "title": _title(G, document)}

    for ev in data.get("evidence") or []:
        seen_in(ev.get("document"))
    by: list[dict[str, Any]] = []
    about: list[dict[str, Any]] = []
    said: list[dict[str, Any]] = []
    for u, v, edge in _claim_edges(G):
        if node not in (u, v) and _norm(str(edge.get("speaker") or "")) != _norm(label):
            continue
        claim = _claim(G, u, v, edge)
        if node in (u, v):
            seen_in(claim["evidence"]["document"])
        (by if u == node else about if v == node else said).append(claim)
    for _, _, edge in (*G.out_edges(node, data=True), *G.in_edges(node, data=True)):
        if edge.get("kind") != "claim":
            for ex in edge.get("examples") or []:
                seen_in(ex.get("document"))
    return {
        **_node_ref(G, node),
        "aliases": [a for a in _aliases(data) if a != label],
        "mentions": data.get("mentions", 0),
        "document_count": data.get("documents", len(documents)),
        "documents": sorted(documents.values(), key=lambda d: d["id"]),
        "community": data.get("community"),
        "quotes": [
            _evidence(
                G,
                document=ev.get("document"),
                turn=ev.get("turn"),
                quote=ev.get("quote"),
                speaker=ev.get("speaker"),
                time=ev.get("time"),
                url=ev.get("url"),
            )
            for ev in (data.get("evidence") or [])[:3]
        ],
        "neighbors": neighbors(G, node, top=top),
        "claims_by": sorted(by, key=_claim_order),
        "claims_about": sorted(about, key=_claim_order),
        "claims_said": sorted(said, key=_claim_order),
    }


def claims(
    G: nx.MultiDiGraph,
    speaker: str | None = None,
    about: str | None = None,
    predicate: str | None = None,
) -> list[dict[str, Any]]:
    """Claims filtered by who said them, an entity they involve, and their predicate.

    ``speaker`` matches the speaker's name case-insensitively (whole name or a part of it,
    such as a surname); ``about`` is resolved like any entity name and matches claims
    whose subject or object it is.
    """
    node = find_entity(G, about) if about else None
    who = _norm(speaker) if speaker else None
    what = _norm(predicate).replace(" ", "_") if predicate else None
    found = []
    for u, v, data in _claim_edges(G):
        if node and node not in (u, v):
            continue
        if what and _norm(str(data.get("predicate", ""))) != what:
            continue
        if who:
            name = _norm(str(data.get("speaker") or ""))
            if not name or (who != name and who not in name.split() and who not in name):
                continue
        found.append(_claim(G, u, v, data))
    if speaker and not found and not about and not predicate:
        speakers = {str(d.get("speaker")) for _, _, d in _claim_edges(G) if d.get("speaker")}
        if speakers:
            from rapidfuzz import process

            close = [
                s for s, score, _ in process.extract(speaker, speakers, limit=3) if score >= 60
            ]
            if close:
                raise EntityNotFoundError(speaker, close)
    return sorted(found, key=_claim_order)


def stats(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts: documents, turns, words, entities per type, edges per kind, predicates."""
    docs = [d for d in G.graph.get("documents") or [] if isinstance(d, dict)]
    types = Counter(str(d.get("type")) for _, d in G.nodes(data=True))
    kinds: Counter[str] = Counter()
    predicates: Counter[str] = Counter()
    for _, _, data in G.edges(data=True):
        kind = str(data.get("kind", "co_mention"))
        kinds[kind] += 1
        if kind == "claim":
            predicates[str(data.get("predicate"))] += 1
    top = sorted(G.nodes(data=True), key=lambda nd: (-nd[1].get("mentions", 0), nd[0]))[:10]
    communities = {d.get("community") for _, d in G.nodes(data=True)} - {None}
    return {
        "name": G.graph.get("name"),
        "kgraph_version": G.graph.get("kgraph_version"),
        "documents": len(docs),
        "turns": sum(int(d.get("turns", 0)) for d in docs),
        "words": sum(int(d.get("words", 0)) for d in docs),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "entities": dict(sorted(types.items())),
        "edge_kinds": dict(sorted(kinds.items())),
        "predicates": dict(predicates.most_common()),
        "communities": len(communities),
        "top_entities": [{**_node_ref(G, n), "mentions": d.get("mentions", 0)} for n, d in top],
    }
