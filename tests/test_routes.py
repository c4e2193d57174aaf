"""The path search against a plain Dijkstra: the same paths on random graphs full of ties."""

from __future__ import annotations

import heapq
import math
import random
from collections import Counter
from itertools import pairwise

import pytest

from kgraph.index import Router
from kgraph.query import routes
from kgraph.query.routes import HUB_PENALTY, REUSE_PENALTY, _varied_paths


def plain_paths(router: Router, source: str, target: str, k: int, avoided: set[str]):
    """The search as first written: Dijkstra over a dict, entering a node other than the
    target at its hub and reuse penalty (inf when avoided), each hop of an earlier path
    dearer by the times it was used; k * CANDIDATES_PER_PATH tries."""
    number, nodes = router.number(), router.nodes
    reuse: Counter[int] = Counter()
    extra: Counter[frozenset[int]] = Counter()

    def node_cost(n: int) -> float:
        if nodes[n] in avoided:
            return math.inf
        return HUB_PENALTY * math.log1p(router.degree(n)) + REUSE_PENALTY * reuse[n]

    def search(s: int, t: int) -> list[int] | None:
        best, previous, queue, done = {s: 0.0}, {}, [(0.0, s)], set()
        while queue:
            cost, node = heapq.heappop(queue)
            if node in done:
                continue
            if node == t:
                path = [t]
                while path[-1] != s:
                    path.append(previous[path[-1]])
                return path[::-1]
            done.add(node)
            for other, hop in router.hops(node):
                if other in done:
                    continue
                step = hop + extra[frozenset((node, other))]
                if other != t:
                    if node_cost(other) == math.inf:
                        continue
                    step += node_cost(other)
                if cost + step < best.get(other, math.inf):
                    best[other], previous[other] = cost + step, node
                    heapq.heappush(queue, (cost + step, other))
        return None

    found: dict[tuple[str, ...], float] = {}
    for _ in range(k * routes.CANDIDATES_PER_PATH):
        path = search(number[source], number[target])
        if path is None:
            break
        hops = sum(router.cost(u, v) for u, v in pairwise(path))
        found.setdefault(
            tuple(nodes[n] for n in path),
            hops + sum(HUB_PENALTY * math.log1p(router.degree(n)) for n in path[1:-1]),
        )
        if len(found) >= k:
            break
        reuse.update(path[1:-1])
        extra.update(frozenset(hop) for hop in pairwise(path))
    return found


def random_router(rng: random.Random, size: int) -> Router:
    nodes = [f"n{i}" for i in range(size)]
    table: dict[str, dict[str, float]] = {n: {} for n in nodes}
    for _ in range(size * 3):
        a, b = rng.sample(nodes, 2)
        table[a][b] = table[b][a] = rng.choice([0.6, 1.5, 2.0])  # few costs: many ties
    hub = nodes[0]  # a host naming everyone
    for n in nodes[1:]:
        if rng.random() < 0.7:
            table[hub][n] = table[n][hub] = 2.0
    packed = Router.pack(nodes, table)
    return Router.unpack(nodes, {f"r:{k}": v for k, v in packed.items()}, "r", False)


@pytest.mark.parametrize("seed", range(6))
def test_paths_are_those_of_a_plain_dijkstra(seed):
    rng = random.Random(seed)
    router = random_router(rng, 60)
    for _ in range(25):
        a, b = rng.sample(router.nodes, 2)
        avoided = set(rng.sample(router.nodes, rng.choice([0, 0, 5])))
        k = rng.choice([1, 3])
        assert _varied_paths(router, a, b, k, avoided) == plain_paths(router, a, b, k, avoided)
