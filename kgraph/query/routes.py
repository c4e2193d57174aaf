"""``paths``: short, varied routes between two entities, every hop with its evidence."""

from __future__ import annotations

import heapq
import math
import operator
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from kgraph.errors import NoPathError, quoted
from kgraph.index import GraphIndex, Router
from kgraph.query.files import Graph, as_index
from kgraph.query.names import QueryError, find_entity
from kgraph.query.quotes import claim_record, co_mention_evidence, node_ref

# Path costs: hops as kgraph.index.routing_table prices them (claims cheaper than co-mentions);
# each intermediate node adds HUB_PENALTY * log(1 + degree): a host who co-mentions
# everything is a poor explanation.
HUB_PENALTY = 0.35
CANDIDATES_PER_PATH = 4  # searches per requested path before giving up on variety
REUSE_PENALTY = 1.0  # added to a node or hop each time an earlier path used it
SAID = "said"  # kgraph.graph.SAID (not imported: the queries never load networkx)
_SHARED_TURN_KINDS = ("co_mention", SAID)


def _cheapest_path(
    router: Router,
    source: int,
    target: int,
    entry: list[float],
    edge_extra: Counter[frozenset[int]],
) -> list[int] | None:
    """Dijkstra; entering a node costs ``entry[node]`` extra (0 for the target, inf for
    one avoided), a hop of an earlier path ``edge_extra`` more."""
    offsets, targets, costs = router.lists()
    best = [math.inf] * len(entry)
    best[source] = 0.0
    previous: dict[int, int] = {}
    queue = [(0.0, source)]
    done = bytearray(len(entry))
    penalised = {n for pair in edge_extra for n in pair}  # ends of the hops made dearer
    pop, push = heapq.heappop, heapq.heappush
    while queue:
        cost, node = pop(queue)
        if done[node]:
            continue
        if node == target:
            path = [target]
            while path[-1] != source:
                path.append(previous[path[-1]])
            return path[::-1]
        done[node] = 1
        start, end = offsets[node], offsets[node + 1]
        dearer = node in penalised
        # no step is negative, so a settled node is never bettered (done is not tested
        # here) and an avoided one is never reached (inf < inf is false)
        for other, hop in zip(targets[start:end], costs[start:end], strict=True):
            if dearer and other in penalised:
                step = hop + edge_extra[frozenset((node, other))] + entry[other]
            else:
                step = hop + entry[other]
            # a node costing no less than the target's best is never on the path: not kept
            if cost + step < best[other] and cost + step < best[target]:
                best[other] = cost + step
                previous[other] = node
                push(queue, (cost + step, other))
    return None


def _hop(Q: GraphIndex, u: str, v: str, claims_only: bool) -> dict[str, Any]:
    """The best evidence for the hop u - v: a claim (either direction), else a co-mention,
    else a ``said`` edge (one of them speaking named the other; ``forward``: u spoke)."""
    edges = Q.edges_between(u, v)
    claims = [(a, b, d) for a, b, _, d in edges if d.get("kind") == "claim"]
    hop: dict[str, Any] = {"from": node_ref(Q, u), "to": node_ref(Q, v)}
    shared = [d for *_, d in edges if d.get("kind", "co_mention") in _SHARED_TURN_KINDS]
    if claims and (claims_only or not shared or not all(d.get("negated") for *_, d in claims)):
        # a negated claim explains a hop only when nothing else links the two
        a, b, data = min(claims, key=lambda c: (c[2].get("negated", False), c[0] != u))
        claim = claim_record(Q, a, b, data)
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
                    evidence=co_mention_evidence(Q, a, b, data),
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
    avoided = {row[0] for row in Q.names() if row[2].casefold() in avoid} if avoid else set()
    found = _varied_paths(Q.router(claims_only), source, target, k, avoided)
    if not found:
        what = "claims" if claims_only else "edges"
        extra = f" avoiding {', '.join(sorted(avoid))}" if avoid else ""
        raise NoPathError(
            f"no path between {Q.label(source)} and {Q.label(target)} through {what}{extra}"
        )
    chosen = sorted(found.items(), key=lambda item: (item[1], len(item[0])))
    return [
        {
            "nodes": [node_ref(Q, n) for n in nodes],
            "cost": round(cost, 3),
            "hops": [_hop(Q, u, v, claims_only) for u, v in pairwise(nodes)],
        }
        for nodes, cost in chosen
    ]


def _varied_paths(
    router: Router,
    source: str,
    target: str,
    k: int,
    avoided: set[str],
) -> dict[tuple[str, ...], float]:
    """Up to ``k`` paths, each with its true cost, through none of the ``avoided`` nodes;
    after each one its intermediate nodes and hops get dearer (REUSE_PENALTY), so that the
    next search finds another way."""
    nodes, number = router.nodes, router.number()
    if source not in number or target not in number:
        return {}
    edge_extra: Counter[frozenset[int]] = Counter()
    # what entering each node costs: its hub penalty (inf when avoided) plus REUSE_PENALTY
    # each time an earlier path went through it; nothing for the target
    offsets = router.lists()[0]
    hub = [HUB_PENALTY * x for x in map(math.log1p, map(operator.sub, offsets[1:], offsets))]
    for node in avoided:
        if node in number:
            hub[number[node]] = math.inf
    hub[number[target]] = 0.0
    entry, reuse = list(hub), Counter[int]()

    def true_cost(path: list[int]) -> float:
        hops = sum(router.cost(u, v) for u, v in pairwise(path))
        return hops + sum(HUB_PENALTY * math.log1p(router.degree(n)) for n in path[1:-1])

    found: dict[tuple[str, ...], float] = {}
    for _ in range(max(k, 1) * CANDIDATES_PER_PATH):
        path = _cheapest_path(router, number[source], number[target], entry, edge_extra)
        if path is None:
            break
        found.setdefault(tuple(nodes[n] for n in path), true_cost(path))
        if len(found) >= k:
            break
        reuse.update(path[1:-1])
        for n in path[1:-1]:
            entry[n] = hub[n] + REUSE_PENALTY * reuse[n]
        edge_extra.update(frozenset(hop) for hop in pairwise(path))
    return found
