"""Topics as people type them: one entity for "PMF", "product-market fit" and
"Product market fits", else a fallback to the text the quotes hold."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kgraph.errors import EntityNotFoundError
from kgraph.mentions import Mentions
from kgraph.query import Graph, as_index, find_entity

SHOWN_TOPICS = 20  # labels of a topic's entities an answer lists (``ids`` holds them all)


def name_key(text: str) -> str:
    """Comparison key of a name as people type it: case, hyphens, plurals unified."""
    from kgraph.extract.normalize import norm_key  # standard library only; no spaCy

    return norm_key(text)


def _first(text: str) -> str:
    return next((c for c in text if c.isalnum()), "").lower()


def alias_list(value: Any) -> list[str]:
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
    wanted = name_key(text)
    if not wanted:
        raise EntityNotFoundError(text)
    rows = Q.names()
    head = _first(wanted)  # norm_key keeps the first letter: a cheap test before the key

    def named(label: str, aliases: str) -> bool:
        forms = (label, *alias_list(aliases))
        return any(_first(form) == head and name_key(form) == wanted for form in forms)

    ids = [n for n, label, _, aliases, _ in rows if named(label, aliases)]
    fallback = False
    if not ids:
        try:
            ids = [find_entity(Q, text)]
        except EntityNotFoundError:
            fallback = True
            pattern = mention_pattern([text])
            ids = [
                n
                for n, label, _, aliases, _ in rows
                if any(pattern.search(form) for form in (label, *alias_list(aliases)))
            ]
            for n in Q.nodes_mentioning(text):
                quotes = (ev.get("quote") or "" for ev in Q.node(n).get("evidence") or [])
                if n not in ids and any(pattern.search(q) for q in quotes):
                    ids.append(n)
    forms = {text}
    for n in ids if not fallback else ():
        data = Q.node(n)
        forms.add(str(data.get("label", n)))
        forms.update(alias_list(data.get("aliases")))
    return {
        "query": text,
        "ids": ids,
        "labels": [Q.label(n) for n in ids[:SHOWN_TOPICS]],  # a word can be in hundreds
        "fallback": fallback,
        "forms": sorted(forms),
    }


def mention_pattern(forms: Iterable[str]) -> Mentions:
    """Matches any of ``forms`` as whole words, spaces and hyphens alike, any case."""
    return Mentions(forms)


def topic_note(topic: dict[str, Any] | None) -> str | None:
    if not topic or not topic["fallback"]:
        return None
    return (
        f"no entity is named {topic['query']!r}: showing what is said where the quotes mention it"
    )
