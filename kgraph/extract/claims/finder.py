"""Running the registered rules over one turn."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kgraph.extract.boilerplate import is_boilerplate
from kgraph.extract.claims.base import Clause, RawClaim, Rule, TurnContext, ref_of
from kgraph.extract.claims.words import Lexicon, default_lexicon


def find_claims(
    doc: Any,
    speaker: str | None,
    guest: str | None,
    turn_index: int,
    words: Lexicon | None = None,
    rules: tuple[Rule, ...] | None = None,
    asked: frozenset[str] = frozenset(),
    topics: frozenset[str] = frozenset(),
    concepts: Mapping[str, str] | None = None,
) -> list[RawClaim]:
    """All claims of one processed turn. ``speaker``: the turn's speaker (the subject of
    its first-person sentences; None: they have none); ``guest``: the person whose
    words a host tells back ("you said ..."); ``words``: the lexicon (default: the default
    vocabulary); ``rules``: default :data:`~kgraph.extract.claims.registry.RULES`;
    ``asked``: what the question the turn answers asks for ("books", "advice");
    ``topics``: normalised keys of the noun phrases the document keeps as concepts;
    ``concepts``: the document's concepts by their normalised surface forms and keys.
    Sentences :mod:`kgraph.extract.boilerplate` marked in ``doc`` give no claims."""
    if rules is None:
        from kgraph.extract.claims.registry import RULES as rules
    words = words or default_lexicon()
    ctx = TurnContext(doc, speaker, guest, turn_index, words, asked, topics, concepts)
    for rule in rules:
        if rule.turn is not None:
            rule.turn(ctx)
    for sent in doc.sents:
        if is_boilerplate(sent):
            continue  # a sponsor read, a call to action: no claims
        text = sent.text.strip()
        entity_rules(ctx, rules, sent, text)
        for rule in rules:
            if rule.sentence is not None:
                rule.sentence(ctx, sent, text)
        ctx.named.extend(ref_of(e) for e in ctx.ents(sent) if e.label_ == "PERSON")
    return consistent(ctx.claims)


def consistent(claims: list[RawClaim]) -> list[RawClaim]:
    """Claims without the negated twin of a claim of the same sentence: where one rule
    reads "it's not great, X is incredible" or "I'd be remiss in not recommending X" as
    against X and another as for it, the negation belonged to other words."""

    def key(c: RawClaim) -> tuple:
        return c.subject, c.predicate, c.object, c.sentence

    held = {key(c) for c in claims if not c.negated}
    return [c for c in claims if not (c.negated and key(c) in held)]


def entity_rules(ctx: TurnContext, rules: tuple[Rule, ...], sent: Any, text: str) -> None:
    """The entity rules over the entities of a sentence that asks nothing ("How do I
    prepare to be a data engineer?" asserts nothing; nor does a question quoted in it:
    '..., "How do I become X?"')."""
    if text.endswith("?"):
        return
    # the last "?" of the sentence, found once: per entity, a long sentence's rest is long
    asks = max((t.i for t in sent if t.text == "?"), default=-1)
    for ent in ctx.ents(sent):
        candidates = [r for r in rules if r.entity is not None and ent.label_ in r.labels]
        if not candidates or asks >= ent.end:
            continue
        clause = Clause.of(ctx, ent, sent, text)
        if clause is None:
            continue
        for rule in candidates:
            if rule.entity(clause):  # type: ignore[misc]
                break
