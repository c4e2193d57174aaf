"""Topics as people type them: one entity for "PMF", "product-market fit" and
"Product market fits", else a fallback to the text the quotes hold."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kgraph.errors import EntityNotFoundError
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


@dataclass(frozen=True)
class Mention:
    """One match of :class:`Mentions`, read like a regular expression's match."""

    text: str
    begin: int
    stop: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self, index: int = 0) -> str:
        return self.text[self.begin : self.stop]


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


class Mentions:
    """Names found by plain string search, not a regular expression: a view looks for
    hundreds of names, each in a few quotes, and compiling a pattern per name cost more
    than all the searching. Matches as ``(?<!\\w)(?:name1|name2...)(?:e?s)?(?!\\w)``
    would, names longest first, the words of a name joined by any run of spaces and
    hyphens, any case: leftmost, then the longest name, never overlapping."""

    def __init__(self, forms: Iterable[str]) -> None:
        unique = sorted({f for f in forms if f.strip()}, key=lambda f: (-len(f), f))
        split = (re.split(r"[\s\-]+", f.strip().lower()) for f in unique)
        self.forms = [words for words in ([w for w in ws if w] for ws in split) if words]

    def _at(self, low: str, start: int, words: list[str]) -> int | None:
        """The end of ``words`` matched at ``start`` with a plural ending, else None."""
        i = start + len(words[0])
        for word in words[1:]:
            gap = i
            while gap < len(low) and (low[gap].isspace() or low[gap] == "-"):
                gap += 1
            if gap == i or not low.startswith(word, gap):
                return None
            i = gap + len(word)
        for ending in ("es", "s", ""):
            if low.startswith(ending, i) and not _word_char(low, i + len(ending)):
                return i + len(ending)
        return None

    def _first_from(self, text: str, low: str, pos: int) -> Mention | None:
        best: tuple[int, int, int] | None = None  # (start, name order, end)
        for order, words in enumerate(self.forms):
            start = low.find(words[0], pos)
            while start >= 0 and (best is None or start < best[0]):
                end = None if _word_char(low, start - 1) else self._at(low, start, words)
                if end is not None:
                    best = (start, order, end)
                    break
                start = low.find(words[0], start + 1)
        return Mention(text, best[0], best[2]) if best else None

    def finditer(self, text: str) -> Iterator[Mention]:
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer: keep positions
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        pos = 0
        while (found := self._first_from(text, low, pos)) is not None:
            yield found
            pos = max(found.end(), found.start() + 1)

    def search(self, text: str) -> Mention | None:
        return next(self.finditer(text), None)


def topic_note(topic: dict[str, Any] | None) -> str | None:
    if not topic or not topic["fallback"]:
        return None
    return (
        f"no entity is named {topic['query']!r}: showing what is said where the quotes mention it"
    )
