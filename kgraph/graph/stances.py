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
A sentence naming a thing and taking no stance on it may be followed by one that rejects
it by a pronoun ("People love OKRs. I think they're a waste of time."): a row against it,
its quote the two sentences, ``reading`` the second with the pronoun read as the thing
(:mod:`kgraph.answers.pronouns`). The stance claims (``recommends``, ``advises``) of a
sentence not so read (a thing named by its verb: "just make a decision") add a row each,
``claim`` True, with their ``subject`` when a person: the disagreements then read no quote
when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from kgraph.extract.stance_cues import DEBATED
from kgraph.model import Claim, Entity, Evidence

STANCE_PREDICATES = ("recommends", "advises")  # kgraph.query.STANCES


def read_stances(
    entities: Iterable[Entity],
    provenance: Callable[[Evidence], dict[str, Any]],
    cues: Mapping[str, Sequence[Any]] | None = None,
    claims: Iterable[Claim] = (),
    following: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Rows ``{"node", "polarity", **provenance(sentence)}`` of the sentences of
    ``entities`` (debated kinds only) that advise for or against what they name, then of
    the stance ``claims`` on them said in no such sentence.
    ``cues``: the sentences' cues as extraction read them (the others are read here);
    ``following``: the sentence after one naming a thing, whose pronoun may stand for it."""
    from kgraph.answers.stance import stance

    cues = cues or {}
    rows = []
    entities = {entity.id: entity for entity in entities}
    following = following or {}
    naming = _naming(entities.values(), following)
    read: set[tuple[str, str, int, str]] = set()
    for entity in entities.values():
        if entity.type not in DEBATED:
            continue
        forms = [entity.label, *entity.aliases]
        seen: set[tuple[str, int, str]] = set()
        for ev in entity.sentences if entity.sentences is not None else entity.mentions:
            key = (ev.document, ev.turn, ev.quote)
            if key in seen:
                continue
            seen.add(key)
            read.add((entity.id, *key))
            book, known = entity.type == "book", cues.get(ev.quote)
            polarity = stance(ev.quote, forms, praise=False, title=book, read=known)
            # praise for it counts, not dislike ("I don't love the PM as the CEO illusion")
            praised = not polarity and max(stance(ev.quote, forms, title=book, read=known), 0)
            if polarity or praised:
                rows.append(
                    {
                        "node": entity.id,
                        "polarity": polarity or praised,
                        **({"praise": True} if praised else {}),
                        **provenance(ev),
                    }
                )
            elif ev.quote in following:
                rows.extend(_said_after(entity, ev, following[ev.quote], naming, provenance))
    return rows + _claim_rows(claims, entities, read, provenance)


def _naming(entities: Iterable[Entity], following: Mapping[str, str]) -> dict[str, list]:
    """Each sentence some sentence follows -> (id, names) of the debated things it names."""
    naming: dict[str, list[tuple[str, list[str]]]] = {}
    if not following:
        return naming
    for entity in entities:
        if entity.type not in DEBATED:
            continue
        forms = [entity.label, *entity.aliases]
        for ev in entity.sentences if entity.sentences is not None else entity.mentions:
            if ev.quote in following:
                naming.setdefault(ev.quote, []).append((entity.id, forms))
    return naming


def _said_after(
    entity: Entity,
    ev: Evidence,
    after: str,
    naming: Mapping[str, list],
    provenance: Callable[[Evidence], dict[str, Any]],
) -> list[dict[str, Any]]:
    """The row against ``entity`` of the sentence ``after`` its sentence ``ev``, when a
    pronoun there stands for it and that reading rejects it; else none."""
    from kgraph.answers.pronouns import reading
    from kgraph.answers.stance import AGAINST, stance

    forms = [entity.label, *entity.aliases]
    others = [names for other, names in naming.get(ev.quote, []) if other != entity.id]
    read = reading(after, ev.quote, forms, others)
    if not read or stance(read, forms, praise=False, title=entity.type == "book") != AGAINST:
        return []
    quote = f"{ev.quote} {after}"
    return [
        {"node": entity.id, "polarity": AGAINST, **provenance(ev), "quote": quote, "reading": read}
    ]


def _claim_rows(
    claims: Iterable[Claim],
    entities: Mapping[str, Entity],
    read: set[tuple[str, str, int, str]],
    provenance: Callable[[Evidence], dict[str, Any]],
) -> list[dict[str, Any]]:
    """The rows of the stance claims on a debated thing whose sentence was not read as
    one naming it: advice for or against it by the quote (not praise)."""
    from kgraph.answers.stance import stance

    rows = []
    for claim in claims:
        thing, ev = entities.get(claim.object), claim.evidence
        key = (claim.object, ev.document, ev.turn, ev.quote)
        if claim.predicate not in STANCE_PREDICATES or not thing or thing.type not in DEBATED:
            continue
        if key in read:
            continue
        read.add(key)
        forms = [thing.label, *thing.aliases]
        polarity = stance(ev.quote, forms, praise=False, title=thing.type == "book")
        if polarity:
            subject = entities.get(claim.subject)
            by = {"subject": claim.subject} if subject and subject.type == "person" else {}
            rows.append(
                {"node": claim.object, "polarity": polarity, "claim": True, **by, **provenance(ev)}
            )
    return rows
