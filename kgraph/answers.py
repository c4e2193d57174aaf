"""Answers to the questions people bring to an archive: what to read, what is advised,
where speakers disagree. Plain data over the built graph, like :mod:`kgraph.query`.

Every view rests on stance claims (``recommends`` and ``advises``, negated: against) and
counts people, not sentences: a book three guests recommend ranks above one a single guest
praises five times. A quote said once is shown once, however many claims or files carry
it. Each answer is ``{"total", "truncated", "items", ...}`` so that a program can tell a
short list from a cut one.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("person:ann", label="Ann", type="person")
>>> G.add_node("book:grit", label="Grit", type="book")
>>> G.add_edge("person:ann", "book:grit", kind="claim", predicate="recommends",
...            speaker="Ann", evidence="Read Grit.", document="d", turn=1)
>>> [item["label"] for item in recommended(G)["items"]]
['Grit']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from kgraph.errors import EntityNotFoundError
from kgraph.evidence import INFORMATIVE, quote_rank
from kgraph.query import STANCES, Graph, as_index, find_entity
from kgraph.query.names import norm as _norm
from kgraph.query.quotes import stored_evidence

RECOMMENDS = "recommends"
# An object that more than this share of a graph's documents mention is a broad theme
# ("feedback", "strategy"): advice about it is less specific than advice about a rarer one.
BROAD_SHARE = 0.25
BROAD_MIN_DOCUMENTS = 8  # below this many documents every object is rare enough
# "I loved using eBay", "Shishir has been a mentor": recommending a company or a person is
# seldom advice one can act on, so it comes after the specific advice.
NOT_ADVICE = ("organization", "person")
SHOWN_TOPICS = 20  # labels of a topic's entities an answer lists (``ids`` holds them all)


# ----------------------------------------------------------------------------- topics


def _key(text: str) -> str:
    """Comparison key of a name as people type it: case, hyphens, plurals unified."""
    from kgraph.extract.normalize import norm_key  # standard library only; no spaCy

    return norm_key(text)


def _first(text: str) -> str:
    return next((c for c in text if c.isalnum()), "").lower()


def _aliases(value: Any) -> list[str]:
    if isinstance(value, list):
        return [a for a in value if a]
    return [a for a in str(value or "").split("|") if a]


def resolve_topic(G: Graph, text: str) -> dict[str, Any]:
    """The entities a typed topic means, or the fallback when none is named so.

    "product-market fit", "Product market fits" and an alias such as "PMF" reach the
    same entities (every node whose label or alias has the same key, so two nodes left
    apart by resolution both count); else :func:`kgraph.query.find_entity` (typos, ids,
    ``type:label``). A name that matches nothing falls back to the text itself:
    ``fallback`` True, ``ids`` the entities whose label, alias or stored evidence holds it,
    and the views then also take the claims whose quote holds it.
    """
    Q = as_index(G)
    wanted = _key(text)
    if not wanted:
        raise EntityNotFoundError(text)
    rows = Q.names()
    head = _first(wanted)  # norm_key keeps the first letter: a cheap test before the key

    def named(label: str, aliases: str) -> bool:
        forms = (label, *_aliases(aliases))
        return any(_first(form) == head and _key(form) == wanted for form in forms)

    ids = [n for n, label, _, aliases, _ in rows if named(label, aliases)]
    fallback = False
    if not ids:
        try:
            ids = [find_entity(Q, text)]
        except EntityNotFoundError:
            fallback = True
            pattern = _mention_pattern([text])
            ids = [
                n
                for n, label, _, aliases, _ in rows
                if any(pattern.search(form) for form in (label, *_aliases(aliases)))
            ]
            for n in Q.nodes_mentioning(text):
                quotes = (ev.get("quote") or "" for ev in Q.node(n).get("evidence") or [])
                if n not in ids and any(pattern.search(q) for q in quotes):
                    ids.append(n)
    forms = {text}
    for n in ids if not fallback else ():
        data = Q.node(n)
        forms.add(str(data.get("label", n)))
        forms.update(_aliases(data.get("aliases")))
    return {
        "query": text,
        "ids": ids,
        "labels": [Q.label(n) for n in ids[:SHOWN_TOPICS]],  # a word can be in hundreds
        "fallback": fallback,
        "forms": sorted(forms),
    }


def _mention_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """Matches any of ``forms`` as whole words, spaces and hyphens alike, any case."""
    return _compiled(tuple(sorted({f for f in forms if f.strip()}, key=lambda f: (-len(f), f))))


@functools.lru_cache(maxsize=4096)  # one pattern per object, asked for each of its claims
def _compiled(forms: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for form in forms:
        words = [re.escape(w) for w in re.split(r"[\s\-]+", form.strip()) if w]
        parts.append(r"[\s\-]+".join(words) + r"(?:e?s)?")
    if not parts:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _topic_note(topic: dict[str, Any] | None) -> str | None:
    if not topic or not topic["fallback"]:
        return None
    return (
        f"no entity is named {topic['query']!r}: showing what is said where the quotes mention it"
    )


# ----------------------------------------------------------------------------- claims


class _Stances:
    """The stance claims of a graph with what the views ask of each: who, which episode."""

    def __init__(self, G: Graph):
        self.Q = Q = as_index(G)
        self.types = {n: t for n, _, t, _, _ in Q.names()}
        self.labels = {n: label for n, label, _, _, _ in Q.names()}
        self.every = [(u, v, data) for u, v, _, data in Q.claims()]
        self.claims = [(u, v, d) for u, v, d in self.every if d.get("predicate") in STANCES]
        self.documents = max(len(Q.documents), 1)

    def who(self, u: str, data: dict[str, Any]) -> str | None:
        """Who takes the stance: the subject when it is a person, else the speaker."""
        if self.types.get(u) == "person":
            return self.labels.get(u, u)
        speaker = data.get("speaker")
        return str(speaker) if speaker else None

    def episode(self, document: str | None) -> str:
        """One key per episode, so the same episode in two files counts once."""
        info = self.Q.documents.get(document) or {}
        for field in ("video_id", "url"):
            if info.get(field):
                return f"{field}:{info[field]}"
        title = _norm(str(info.get("title") or ""))
        return f"title:{title}" if title else f"document:{document}"

    def broad(self, node: str) -> bool:
        if self.documents < BROAD_MIN_DOCUMENTS:
            return False
        seen = self.Q.node(node).get("documents") or 0
        return isinstance(seen, int) and seen / self.documents > BROAD_SHARE

    def person_matcher(self, name: str):
        """A test ``(subject, data) -> bool`` for claims by the person ``name``."""
        wanted = _norm(name)
        try:
            node = find_entity(self.Q, name)
        except EntityNotFoundError:
            node = None
        label = _norm(self.labels.get(node, "")) if node else None

        def by_person(u: str, data: dict[str, Any]) -> bool:
            who = _norm(self.who(u, data) or "")
            if node is not None:
                return u == node or who == label
            return bool(who) and (wanted == who or wanted in who.split() or wanted in who)

        if node is None and not any(by_person(u, d) for u, _, d in self.claims):
            raise EntityNotFoundError(name)
        return by_person


def _quote_key(quote: str | None) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (quote or "").casefold()).split())


def _item(S: _Stances, u: str, v: str, data: dict[str, Any]) -> dict[str, Any]:
    """A claim as :mod:`kgraph.query` shows one, with the object's type and who took it."""
    return {
        "subject": u,
        "subject_label": S.labels.get(u, u),
        "predicate": data.get("predicate"),
        "object": v,
        "object_label": S.labels.get(v, v),
        "object_type": S.types.get(v),
        "negated": bool(data.get("negated", False)),
        "who": S.who(u, data),
        "evidence": stored_evidence(S.Q, data, "evidence"),
    }


def _dedup(items: list[dict[str, Any]], S: _Stances) -> list[dict[str, Any]]:
    """One item per quote (the same sentence from two claims or two files of one episode):
    the first kept, the others' objects added to its ``objects``."""
    kept: dict[tuple[str, str], dict[str, Any]] = {}
    for item in items:
        ev = item["evidence"]
        quote = _quote_key(ev["quote"])
        key = (
            (quote, "") if quote else (S.episode(ev["document"]), f"{ev['turn']}:{item['object']}")
        )
        first = kept.get(key)
        if first is None:
            item["objects"] = [{"id": item["object"], "label": item["object_label"]}]
            kept[key] = item
        elif item["object"] not in {o["id"] for o in first["objects"]}:
            first["objects"].append({"id": item["object"], "label": item["object_label"]})
    return list(kept.values())


def _page(items: list[Any], limit: int | None, **extra: Any) -> dict[str, Any]:
    shown = items[:limit] if limit and limit > 0 else items
    return {**extra, "total": len(items), "truncated": len(shown) < len(items), "items": shown}


# ----------------------------------------------------------------------------- reading list


@functools.cache
def _gazetteer_authors() -> dict[str, str]:
    from kgraph.extract.patterns import load_gazetteer  # reads YAML only; no spaCy

    gazetteer = load_gazetteer()
    authors = {}
    for title, author in gazetteer.book_authors.items():
        authors[_key(title)] = author
        for alias in gazetteer.entries.get("book", {}).get(title, []):
            authors.setdefault(_key(alias), author)
    return authors


def _author(S: _Stances, book: str, wrote: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """A book's author: from a ``wrote`` claim in the graph, else the default gazetteer."""
    if wrote.get(book):
        return wrote[book][0], "claim"
    if S.types.get(book) != "book":
        return None, None
    data = S.Q.node(book)
    authors = _gazetteer_authors()
    for form in (data.get("label", ""), *_aliases(data.get("aliases"))):
        if _key(form) in authors:
            return authors[_key(form)], "gazetteer"
    return None, None


def _related(S: _Stances, node: str, topic: dict[str, Any], claims: list[dict]) -> bool:
    """Whether ``node`` is about the topic: an edge to one of its entities, or a quote
    recommending it, or the title or tags of the episode where it was, that names it."""
    pattern = _mention_pattern(topic["forms"])
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
    S = _Stances(G)
    topic = resolve_topic(S.Q, about) if about else None
    by_person = S.person_matcher(by) if by else None
    groups: dict[str, list[dict[str, Any]]] = {}
    for u, v, data in S.claims:
        if data.get("predicate") != RECOMMENDS or data.get("negated") or S.types.get(v) != type:
            continue
        if by_person and not by_person(u, data):
            continue
        item = _item(S, u, v, data)
        if item["who"]:
            groups.setdefault(v, []).append(item)
    wrote: dict[str, list[str]] = {}
    for u, v, data in S.every:
        if data.get("predicate") == "wrote" and not data.get("negated") and v in groups:
            wrote.setdefault(v, []).append(S.labels.get(u, u))
    items = []
    for node, claims in groups.items():
        claims = _dedup(_best_first(claims, S), S)
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
    return _page(items, limit, topic=topic, note=_topic_note(topic))


def reading_order(item: dict[str, Any]) -> tuple:
    """The reading list's order: more people, more quotes, more mentions, then by title.
    The HTML page orders a person's share of the whole list with it too."""
    return (-item["speakers"], -item["quotes"], -item["mentions"], item["label"])


def _best_first(claims: list[dict[str, Any]], S: _Stances) -> list[dict[str, Any]]:
    """Informative quotes that name their object first, then in document and turn order."""

    def key(claim: dict[str, Any]) -> tuple:
        ev = claim["evidence"]
        forms = [claim["object_label"], *_aliases(S.Q.node(claim["object"]).get("aliases"))]
        names = bool(_mention_pattern(forms).search(ev["quote"] or ""))
        turn = ev["turn"] if ev["turn"] is not None else -1
        return (quote_rank(ev["quote"]), not names, ev["document"] or "", turn)

    return sorted(claims, key=key)


# ----------------------------------------------------------------------------- advice


def advice(
    G: Graph, topic: str | None = None, by: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The advice and recommendations on a topic, or by a person, grouped by who gave it.

    Each group holds one person's items, specific ones first: an informative quote that
    names what it advises, about something not every episode discusses (and no company or
    person merely recommended). Items are quotes
    with speaker, episode title and link; the same quote is shown once (``objects`` lists
    everything it is advice about). Advice against a thing is kept, ``negated`` True.
    Groups with the most specific advice come first; ``limit`` counts groups.
    """
    S = _Stances(G)
    found = resolve_topic(S.Q, topic) if topic else None
    by_person = S.person_matcher(by) if by else None
    ids = set(found["ids"]) if found else set()
    pattern = _mention_pattern([topic]) if found and found["fallback"] else None
    chosen = []
    for u, v, data in S.claims:
        if found and v not in ids and not (pattern and pattern.search(data.get("evidence") or "")):
            continue
        if by_person and not by_person(u, data):
            continue
        item = _item(S, u, v, data)
        if item["who"]:
            chosen.append(item)
    for item in chosen:
        ev = item["evidence"]
        names = _mention_pattern(
            [item["object_label"], *_aliases(S.Q.node(item["object"]).get("aliases"))]
        ).search(ev["quote"] or "")
        item["specific"] = bool(
            quote_rank(ev["quote"]) == INFORMATIVE
            and names
            and not S.broad(item["object"])
            and (item["predicate"] != RECOMMENDS or item["object_type"] not in NOT_ADVICE)
        )
    chosen.sort(key=lambda i: (not i["specific"], *_order(i)))
    ordered = group_by_speaker(_dedup(chosen, S))
    return _page(ordered, limit, topic=found, note=_topic_note(found), by=by)


def group_by_speaker(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Advice items (in order) as groups ``{"speaker", "items"}``: the groups with the
    most specific advice first, then the largest. The HTML page groups its per-entity
    views of the whole graph's advice with this too."""
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        group = groups.setdefault(_norm(item["who"]), {"speaker": item["who"], "items": []})
        group["items"].append(item)
    return sorted(
        groups.values(),
        key=lambda g: (
            -sum(i["specific"] for i in g["items"]),
            -len(g["items"]),
            g["speaker"],
        ),
    )


def _order(item: dict[str, Any]) -> tuple:
    ev = item["evidence"]
    return (ev["document"] or "", ev["turn"] if ev["turn"] is not None else -1)


# ----------------------------------------------------------------------------- contested


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
    S = _Stances(G)
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
        item = _item(S, u, v, data)
        sides.setdefault(v, {True: [], False: []})[item["negated"]].append(item)
    items = []
    for node, side in sides.items():
        against, for_ = (_dedup(_best_first(side[n], S), S) for n in (True, False))
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
    return _page(items, limit, topic=found, note=_topic_note(found))


def _side(items: list[dict[str, Any]]) -> dict[str, Any]:
    people: dict[str, str] = {}
    for item in items:
        people.setdefault(_norm(item["who"]), item["who"])
    return {
        "speakers": len(people),
        "people": list(people.values()),
        "quotes": [{**i["evidence"], "predicate": i["predicate"]} for i in items],
    }
