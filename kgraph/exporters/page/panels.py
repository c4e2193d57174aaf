"""The page's reading list and advice: :func:`kgraph.answers.recommended` and
:func:`kgraph.answers.advice` of the whole graph, computed once at export, with each
entity's share of them (what a person recommends and advises, the advice on a topic, the
books linked to it), so that the page answers as ``kgraph books`` and ``kgraph advice`` do.

Quotes go through the page's shared tables (a claim's quote is already there for its
link); entities are the page's entity numbers.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kgraph.answers import advice, reading_order, recommended, specific_first
from kgraph.exporters.page.text import Tables, shown
from kgraph.query import as_index
from kgraph.query.names import norm

__all__ = ["panels"]


def panels(G: Any, number: dict[Any, int], tables: Tables) -> dict[str, Any]:
    """The ``panels`` table of the page.

    - ``books``: the reading list, best first, each ``[book, author, recommenders]``,
      a recommender ``[speaker, person or -1, [quotes]]``;
    - ``booksBy`` / ``booksNear``: entity -> its entries (what a person recommends; the
      books linked to an entity by any edge, as ``kgraph books --about`` counts links);
    - ``advice``: items ``[objects, predicate, negated, quote, specific]`` and ``groups``
      ``[speaker, person or -1, [items]]`` in the order of ``kgraph advice``;
    - ``adviceBy`` / ``adviceOn``: entity -> its groups (advice by a person; advice on a
      topic, grouped as ``kgraph advice TOPIC`` groups it).
    """
    Q = as_index(G)
    person = {norm(label): number[n] for n, label, kind, _, _ in Q.names() if kind == "person"}

    def who(name: str) -> list[int]:
        return [tables.speaker(name), person.get(norm(name), -1)]

    def quote(ev: dict[str, Any]) -> int:  # the claim's quote, already in the tables
        return tables.quote(ev["quote"], ev["speaker"], ev["document"], ev["time"], ev["url"])

    books, books_by, books_near = _books(Q, number, who, quote)
    items, groups, advice_by, advice_on = _advice(Q, number, who, quote, tables)
    return {
        "books": books,
        "booksBy": books_by,
        "booksNear": books_near,
        "advice": items,
        "groups": groups,
        "adviceBy": advice_by,
        "adviceOn": advice_on,
    }


def _books(Q: Any, number: dict[Any, int], who: Any, quote: Any) -> tuple[list, dict, dict]:
    """The reading list and, per entity, the entries a person recommends or that are
    linked to it."""
    entries, by, near = [], defaultdict(list), defaultdict(list)
    items = recommended(Q, "book")["items"]
    for k, item in enumerate(items):
        recommenders = []
        for r in item["recommenders"]:
            speaker, entity = who(r["name"])
            quotes = [q for q in map(quote, r["quotes"]) if q >= 0]
            recommenders.append([speaker, entity, quotes])
            if entity >= 0:  # as `kgraph books --by` ranks one person's books
                own = {**item, "speakers": 1, "quotes": len(r["quotes"])}
                by[entity].append((reading_order(own), k))
        book = number[item["id"]]
        entries.append([book, shown(item["author"] or ""), recommenders])
        for edge in Q.incident(item["id"]):
            other = number[edge[1] if edge[0] == item["id"] else edge[0]]
            if other != book and k not in near[other]:
                near[other].append(k)
    return entries, {e: [k for _, k in sorted(ks)] for e, ks in by.items()}, dict(near)


def _advice(
    Q: Any, number: dict[Any, int], who: Any, quote: Any, tables: Tables
) -> tuple[list, list, dict, dict]:
    """The advice items and groups of the whole graph, and each entity's groups."""
    items: list[list[Any]] = []
    groups: list[list[Any]] = []
    by: dict[int, list[int]] = {}
    on: dict[int, list[dict[str, Any]]] = defaultdict(list)  # answers' items, in order
    item_number: dict[int, int] = {}
    for group in advice(Q)["items"]:
        speaker, entity = who(group["speaker"])
        members = []
        for item in group["items"]:
            objects = [number[o["id"]] for o in item["objects"]]
            item_number[id(item)] = len(items)
            members.append(len(items))
            items.append(
                [
                    objects,
                    tables.predicate(item["predicate"]),
                    1 if item["negated"] else 0,
                    quote(item["evidence"]),
                    1 if item["specific"] else 0,
                ]
            )
            for o in objects:
                on[o].append(item)
        if entity >= 0:
            by.setdefault(entity, []).append(len(groups))
        groups.append([speaker, entity, members])
    advice_on = {
        entity: [
            [*who(g["speaker"]), [item_number[id(i)] for i in g["items"]]]
            for g in specific_first(topic_items)
        ]
        for entity, topic_items in on.items()
    }
    return items, groups, by, advice_on
