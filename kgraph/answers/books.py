"""The reading list: books (or any type) ranked by how many people recommend them."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from kgraph.answers.cue_words import claim_lists
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
    then more mentions. Negated recommendations ("I would not read X") count for nothing,
    nor do a host's (introductions), an author's of their own book, and a quote that names
    another book by its title but not this one.
    """
    S = Stances(G)
    topic = resolve_topic(S.Q, about) if about else None
    groups = _recommendations(S, type, S.person_matcher(by) if by else None)
    wrote = _writers(S, groups)
    named = _named(S, groups)
    items = []
    for node, claims in groups.items():
        author, source = _author(S, node, wrote)
        claims = [
            c
            for c in claims
            if _norm(c["who"]) != _norm(author or "")  # an author's own book: a plug
            and _names_it(node, named[id(c)])
        ]
        if not claims:
            continue
        claims = dedup(best_first(claims, S), S)
        if topic and not _related(S, node, topic, claims):
            continue
        items.append(_item(S, node, type, author, source, claims))
    items.sort(key=reading_order)
    return paged(items, limit, topic=topic, note=topic_note(topic))


def _recommendations(
    S: Stances, type: str, by_person: Callable[[str, dict], bool] | None
) -> dict[str, list[dict[str, Any]]]:
    """The recommendations of each thing of ``type`` (by ``by_person`` when given), each
    as :func:`item_of` makes it; negated ones and a host's left out."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for u, v, data in S.claims:
        if data.get("predicate") != RECOMMENDS or data.get("negated") or S.types.get(v) != type:
            continue
        if by_person and not by_person(u, data):
            continue
        item = item_of(S, u, v, data)
        if item["who"] and not S.is_host(item["who"]):
            groups.setdefault(v, []).append(item)
    return groups


def _writers(S: Stances, groups: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    """Who the graph says wrote each of the recommended things."""
    wrote: dict[str, list[str]] = {}
    for u, v, data in S.every:
        if data.get("predicate") == "wrote" and not data.get("negated") and v in groups:
            wrote.setdefault(v, []).append(S.labels.get(u, u))
    return wrote


def _item(
    S: Stances,
    node: str,
    type: str,
    author: str | None,
    source: str | None,
    claims: list[dict[str, Any]],
) -> dict[str, Any]:
    """One entry of the list: the thing, its author, its recommenders each with their
    quotes, and the best quote (``claims`` come best first)."""
    people: dict[str, dict[str, Any]] = {}
    for claim in claims:
        people.setdefault(_norm(claim["who"]), {"name": claim["who"], "quotes": []})
        people[_norm(claim["who"])]["quotes"].append(claim["evidence"])
    best = claims[0]["evidence"]
    return {
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


# what a title after these is: another book's source, a sequel's original, an author's
# other work or own book, what others did ("the author of Good to Great", "a framework
# taken from a book called X", "all of our books: X", "Jeff was reading the book, X")
_MENTION_ONLY = re.compile(
    r"\b(?:author\s+of|authors\s+of|sequel\s+to|who\s+wrote|writer\s+of|taken\s+from"
    r"|based\s+on|comes\s+from|borrowed\s+from|inspired\s+by|(?:my|our)\s+(?:new\s+)?books?"
    r"|(?<!\bi\s)(?:were|was)\s+reading)[\s:,]+(?:[\w']+[\s,:]+){0,4}$",
    re.I,
)


# a title cited as the source of what the speaker explains, before it: "as Nir Eyal
# describes in Hooked", "like she says in the book"
_CITED_BEFORE = re.compile(
    r"\b(?:[Aa]s|[Ll]ike)\s+(?:[A-Z][\w.'-]*\s+){1,3}(?:\w+\s+)?(?:describes?|described|says|said"
    r"|writes|wrote|explains?|explained|puts\s+it|calls\s+it|argues?|argued)\s+in\s+"
    r"(?:(?:the|his|her|their)\s+book,?\s+)?$"
)
# ... and after it: "Hooked by Nir Eyal, and he talks about the investment step", "in
# Hooked, she describes ..."; what the book says is the point, not the book
_CITED_AFTER = re.compile(
    r"^(?:\s+by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})?[\s,]+(?:and\s+)?"
    r"(?:he|she|they|the\s+authors?)\s+(?:\w+\s+)?(?:talks?|talked|describes?|described"
    r"|explains?|explained|says|said|writes|wrote|argues?|argued|calls|called|introduces?"
    r"|introduced|lays\s+out)\b",
    re.I,
)
# said right after a title: an author's other work named beside the one spoken of ("X is
# another great book of his"), or one read before the one that counted ("I read X, but
# the one that changed me was Y")
_IN_PASSING = re.compile(
    r"^\W*(?:(?:is|was)\s+(?:also\s+)?another\s+(?:\w+\s+){0,2}(?:book|one|read)\s+of\s+"
    r"(?:his|hers|theirs)\b|[^.;!?]{0,60}?\bbut\s+the\s+(?:one|book)\s+(?:that|which)\b)",
    re.I,
)


# a named part of a book before its title: "The Flywheel from Good to Great", "the
# Hedgehog Concept in Good to Great" recommend the idea, not the book
_PART_OF = re.compile(r"\b[Tt]he\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\s+(?:from|in)\s+$")
# said right after a title: its name is praised, not the book ("X is a great title")
_TITLE_ONLY = re.compile(r"^\W*(?:is|was)\s+(?:a|an)\s+(?:\w+\s+)?(?:title|name)\b", re.I)


# said right after a title: the speaker did not like it ("X, but I did not like that one")
_DISLIKED = re.compile(
    r"\b(?:did\s+not|didn't|don't|do\s+not|wouldn't|would\s+not|never)\s+(?:really\s+)?"
    r"(?:like|recommend|enjoy|love)",
    re.I,
)


def _named(S: Stances, groups: dict[str, list[dict[str, Any]]]) -> dict[int, dict[str, bool]]:
    """For each claim (by ``id``), the things of the list its quote names by their title,
    each True when recommended, False when only another book's source or an author's
    other work: "I'd recommend Only the Paranoid Survive" recommends that book, not
    another by its author that a claim put on it. A title is written with its capitals
    ("positioning" is a word, "Positioning" a book)."""
    by_quote: dict[str, set[str]] = {}
    for node, claims in groups.items():
        for claim in claims:
            by_quote.setdefault(claim["evidence"]["quote"] or "", set()).add(node)
    names: dict[str, dict[str, bool]] = {}
    for quote, nodes in by_quote.items():
        names[quote] = {}
        for node in nodes:
            label = S.labels.get(node, node)
            forms = [label, *alias_list(S.Q.node(node).get("aliases"))]
            found = list(mention_pattern(forms).finditer(quote))
            matches = [
                _recommends_at(quote, m)
                for m in found
                if _capitalised(m.group(0)) or not _capitalised(label)
            ]
            if matches:
                names[quote][node] = any(matches)
            elif found and _an_idea(quote):
                names[quote][node] = False  # "I love radical candor": the idea, no book
    return {
        id(claim): names[claim["evidence"]["quote"] or ""]
        for claims in groups.values()
        for claim in claims
    }


def _recommends_at(quote: str, m: re.Match[str]) -> bool:
    """Whether the title matched at ``m`` is recommended where it is said: not another
    book's source or a part of it, not disliked or praised as a name, not cited as the
    source of what the speaker explains, not named in passing beside another."""
    before, after = quote[max(0, m.start() - 60) : m.start()], quote[m.end() : m.end() + 80]
    return not (
        _MENTION_ONLY.search(before[-50:])
        or _PART_OF.search(before[-50:])
        or _CITED_BEFORE.search(before)
        or _DISLIKED.search(after[:60])
        or _TITLE_ONLY.search(after[:40])
        or _CITED_AFTER.search(after)
        or _IN_PASSING.search(after)
    )


@functools.cache
def _reading() -> re.Pattern[str]:
    """The cue of a book read (``claims.yaml``'s ``reading``)."""
    return re.compile(r"\b(?:{})\b".format("|".join(claim_lists()[1]["reading"])), re.I)


def _capitalised(title: str) -> bool:
    """A title written with its capitals: its first word after an article ("the Art of
    War") starts with one, or with no letter ("15 Commitments ...")."""
    first = re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I)[:1]
    return not first.isalpha() or first.isupper()


def _an_idea(quote: str) -> bool:
    """A quote naming a title only in lower case names the idea, not the book, unless a
    book's cue is in it or the transcript writes nothing in capitals."""
    return not _reading().search(quote) and any(c.isupper() for c in quote[1:])


def _names_it(node: str, named: dict[str, bool]) -> bool:
    """Whether a claim's quote recommends that very thing: it names it by its title, or it
    names nothing of the list (the title said before: "It changed how I work"); not when
    the title is only another book's source or an author's other work."""
    if node in named:
        return named[node]
    return not any(named.values())


def reading_order(item: dict[str, Any]) -> tuple:
    """The reading list's order: more people, more quotes, more mentions, then by title.
    The HTML page orders a person's share of the whole list with it too."""
    return (-item["speakers"], -item["quotes"], -item["mentions"], item["label"])
