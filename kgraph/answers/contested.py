"""Disagreements: topics on which some people advise for and others against."""

from __future__ import annotations

from typing import Any

from kgraph.answers.stances import Stances, best_first, dedup, item_of, paged
from kgraph.answers.topics import resolve_topic, topic_note
from kgraph.query import Graph
from kgraph.query.names import norm as _norm


def contested(G: Graph, about: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """Topics on which some people recommend or advise and others advise against.

    A stance is a ``recommends`` or ``advises`` claim (negated: against); descriptions
    ("X is hard") are none. A person on both sides is on neither (listed as ``both``): it
    takes two people to disagree. Ranked by the smaller side's number of people, then by
    both sides' (three against four before one against forty), broad themes that a
    quarter of the episodes discuss ("feedback", "strategy") after the others: their
    sides seldom speak of the same thing. Each side has its people and quotes, each quote
    once. ``about`` keeps the topics it resolves to.
    """
    S = Stances(G)
    found = resolve_topic(S.Q, about) if about else None
    ids = set(found["ids"]) if found else None
    people: dict[str, dict[bool, set[str]]] = {}
    for u, v, data in S.claims:
        who = S.who(u, data)
        if who and (ids is None or v in ids):
            side = people.setdefault(v, {True: set(), False: set()})
            side[bool(data.get("negated"))].add(_norm(who))
    both = {v: side[True] & side[False] for v, side in people.items()}
    disputed = {v for v, side in people.items() if side[True] - both[v] and side[False] - both[v]}
    sides: dict[str, dict[bool, list[dict[str, Any]]]] = {}
    undecided: dict[str, dict[str, str]] = {}
    for u, v, data in S.claims:
        who = S.who(u, data)
        if v not in disputed or not who:
            continue
        if _norm(who) in both[v]:
            undecided.setdefault(v, {}).setdefault(_norm(who), who)
            continue
        item = item_of(S, u, v, data)
        sides.setdefault(v, {True: [], False: []})[item["negated"]].append(item)
    items = []
    for node, side in sides.items():
        against, for_ = (dedup(best_first(side[n], S), S) for n in (True, False))
        items.append(
            {
                "id": node,
                "label": S.labels.get(node, node),
                "type": S.types.get(node),
                "broad": S.broad(node),
                "for": _side(for_),
                "against": _side(against),
                "both": list(undecided.get(node, {}).values()),
            }
        )

    def rank(item: dict[str, Any]) -> tuple:
        n_for, n_against = item["for"]["speakers"], item["against"]["speakers"]
        return (item["broad"], -min(n_for, n_against), -(n_for + n_against), item["label"])

    items.sort(key=rank)
    return paged(items, limit, topic=found, note=topic_note(found))


def _side(items: list[dict[str, Any]]) -> dict[str, Any]:
    people: dict[str, str] = {}
    for item in items:
        people.setdefault(_norm(item["who"]), item["who"])
    return {
        "speakers": len(people),
        "people": list(people.values()),
        "quotes": [{**i["evidence"], "predicate": i["predicate"]} for i in items],
    }
