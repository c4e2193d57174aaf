"""The graph's stances: every sentence naming a thing people debate (a concept, a role, a
book) that advises for or against it, read once at build time.

A node keeps a handful of quotes and an edge three examples, too few to find the rare
"don't do X" that answers another guest's "you should do X"; reading every sentence of an
archive at query time takes seconds. So the build reads them all
(:func:`kgraph.answers.stance.stance`) and keeps those that take a stance as the graph
attribute ``stances``, one row per (thing, sentence): ``node``, ``polarity`` (1 for, -1
against), ``praise`` True when the stance is praise or liking only ("X is really
important", "I love X": an opinion, no advice; the disagreements count it, the advice
does not; dislike is left out, seldom about the thing itself) and the quote's provenance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from kgraph.extract.stance_cues import DEBATED
from kgraph.model import Entity, Evidence


def read_stances(
    entities: Iterable[Entity],
    provenance: Callable[[Evidence], dict[str, Any]],
    cues: Mapping[str, Sequence[Any]] | None = None,
) -> list[dict[str, Any]]:
    """Rows ``{"node", "polarity", **provenance(sentence)}`` of the sentences of
    ``entities`` (debated kinds only) that advise for or against what they name.
    ``cues``: the sentences' cues as extraction read them (the others are read here)."""
    from kgraph.answers.stance import stance

    cues = cues or {}
    rows = []
    for entity in entities:
        if entity.type not in DEBATED:
            continue
        forms = [entity.label, *entity.aliases]
        seen: set[tuple[str, int, str]] = set()
        for ev in entity.sentences if entity.sentences is not None else entity.mentions:
            key = (ev.document, ev.turn, ev.quote)
            if key in seen:
                continue
            seen.add(key)
            book, read = entity.type == "book", cues.get(ev.quote)
            polarity = stance(ev.quote, forms, praise=False, title=book, read=read)
            # praise for it counts, not dislike ("I don't love the PM as the CEO illusion")
            praised = not polarity and max(stance(ev.quote, forms, title=book, read=read), 0)
            if polarity or praised:
                rows.append(
                    {
                        "node": entity.id,
                        "polarity": polarity or praised,
                        **({"praise": True} if praised else {}),
                        **provenance(ev),
                    }
                )
    return rows
