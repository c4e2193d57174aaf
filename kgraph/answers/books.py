"""The reading list: books (or any type) ranked by how many people recommend them."""

from __future__ import annotations

import functools
from typing import Any

from kgraph.answers.stances import RECOMMENDS, Stances, best_first, dedup, item_of, paged
from kgraph.answers.topics import alias_list, mention_pattern, name_key, resolve_topic, topic_note
from kgraph.query import Graph
from kgraph.query.names import norm as _norm


@functools.cache
def _gazetteer_authors() -> dict[str, str]:
    from kgraph.extract.patterns import load_gazetteer  # reads YAML only; no spaCy

    gazetteer = load_gazetteer()
    authors = {}
    for title, author in gazetteer.book_authors.items():
        authors[name_key(title)] = author
        for alias in gazetteer.entries.get("book", {}).get(title, []):
            authors.setdefault(name_key(alias), author)
    return authors


def _author(S: Stances, book: str, wrote: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """A book's author: from a ``wrote`` claim in the graph, else the default gazetteer."""
    if wrote.get(book):
        return wrote[book][0], "claim"
    if S.types.get(book) != "book":
        return None, None
    data = S.Q.node(book)
    authors = _gazetteer_authors()
    for form in (data.get("label", ""), *alias_list(data.get("aliases"))):
        if name_key(form) in authors:
            return authors[name_key(form)], "gazetteer"
    return None, None


def _related(S: Stances, node: str, topic: dict[str, Any], claims: list[dict]) -> bool:
    """Whether ``node`` is about the topic: an edge to one of its entities, or a quote
    recommending it, or the title or tags of the episode where it was, that names it."""
    pattern = mention_pattern(topic["forms"])
    for claim in claims:
        ev = claim["evidence"]
        info = S.Q.documents.get(ev["document"]) or {}
        tags = info.get("tags") if isinstance(info.get("tags"), list) else []
        if any(pattern.search(str(text or "")) for text in (ev["quote"], ev["title"], *tags)):
            return True
    return any(S.Q.edges_between(node, t) for t in topic["ids"] if t != node)


def recommended(
    G: Graph,
    type: str = "book",
    about: str | None = None,
    by: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Things of ``type`` ranked by how many distinct people recommend them.

    Each item: the entity, its ``author`` (books: a ``wrote`` claim, else the gazetteer),
    its ``recommenders`` (each with their best quote), the best quote overall and its link.
    ``about`` keeps what is linked to a topic (:func:`resolve_topic`) or recommended in
    words, or in an episode whose title or tags, name it; ``by`` keeps one person's
    recommendations. Ties: more distinct quotes,
    then more mentions. Negated recommendations ("I would not read X") count for nothing.
    """
    S = Stances(G)
    topic = resolve_topic(S.Q, about) if about else None
    by_person = S.person_matcher(by) if by else None
    groups: dict[str, list[dict[str, Any]]] = {}
    for u, v, data in S.claims:
        if data.get("predicate") != RECOMMENDS or data.get("negated") or S.types.get(v) != type:
            continue
        if by_person and not by_person(u, data):
            continue
        item = item_of(S, u, v, data)
        if item["who"]:
            groups.setdefault(v, []).append(item)
    wrote: dict[str, list[str]] = {}
    for u, v, data in S.every:
        if data.get("predicate") == "wrote" and not data.get("negated") and v in groups:
            wrote.setdefault(v, []).append(S.labels.get(u, u))
    items = []
    for node, claims in groups.items():
        claims = dedup(best_first(claims, S), S)
        if topic and not _related(S, node, topic, claims):
            continue
        people: dict[str, dict[str, Any]] = {}
        for claim in claims:
            people.setdefault(_norm(claim["who"]), {"name": claim["who"], "quotes": []})
            people[_norm(claim["who"])]["quotes"].append(claim["evidence"])
        author, source = _author(S, node, wrote)
        best = claims[0]["evidence"]
        items.append(
            {
                "id": node,
                "label": S.labels.get(node, node),
                "type": type,
                "author": author,
                "author_from": source,
                "speakers": len(people),
                "quotes": len(claims),
                "recommenders": list(people.values()),
                "quote": best,
                "url": best["url"],
                "mentions": S.Q.node(node).get("mentions", 0),
            }
        )
    items.sort(key=reading_order)
    return paged(items, limit, topic=topic, note=topic_note(topic))


def reading_order(item: dict[str, Any]) -> tuple:
    """The reading list's order: more people, more quotes, more mentions, then by title.
    The HTML page orders a person's share of the whole list with it too."""
    return (-item["speakers"], -item["quotes"], -item["mentions"], item["label"])
