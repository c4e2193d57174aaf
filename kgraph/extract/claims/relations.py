"""Relations between two things (concepts or roles): ``compares_to``, ``leads_to``,
``requires``, ``part_of`` ("A vs B", "A leads to B", "A requires B", "A is part of B",
"Sourcing: referrals, portfolios" and an article's list under "<thing>:")."""

from __future__ import annotations

import re
from typing import Any

from kgraph.extract.boilerplate import is_boilerplate
from kgraph.extract.claims.base import Rule, TurnContext, ref_of
from kgraph.extract.claims.grammar import SUBJECT_DEPS

THINGS = ("CONCEPT", "ROLE")
NEAR = 8
"""Tokens at most between two things that one sentence relates."""


def relations(ctx: TurnContext, sent: Any, text: str) -> None:
    things = [e for e in ctx.ents(sent) if e.label_ in THINGS]
    if len(things) < 2:
        return
    doc = ctx.doc
    for i, head in enumerate(things):  # "Sourcing: referrals, portfolios" -> part_of
        if head.end < len(doc) and doc[head.end].text == ":":
            for part in things[i + 1 :]:
                ctx.add(ref_of(part), "part_of", ref_of(head), text)
    for a, b in zip(things, things[1:], strict=False):
        between = doc[a.end : b.start]
        words = " " + between.text.lower() + " "
        if len(between) > NEAR:
            continue
        if ctx.words.comparison.search(words) or between_a_and_b(ctx, a, sent, words):
            if {a.root.dep_, b.root.dep_} & {"compound", "nmod"}:
                continue  # "rather than a Kafka system kind of engineer": Kafka is no term
            first = compared_subject(a, things)
            if first is not None and first != b:
                ctx.add(ref_of(first), "compares_to", ref_of(b), text)
        elif ctx.words.part_of.search(words):
            ctx.add(ref_of(a), "part_of", ref_of(b), text)
        else:
            predicate = verb_relation(ctx, a, b)
            if predicate:
                ctx.add(ref_of(a), predicate, ref_of(b), text)


def compared_subject(a: Any, things: list[Any]) -> Any | None:
    """What is compared when ``a`` precedes "than": ``a`` itself, or, when ``a`` is
    what a comparative is about ("analysts are better at communication than
    engineers"), the comparative's subject (None when that is no thing)."""
    prep = a.root.head
    if a.root.dep_ != "pobj" or prep.head.tag_ not in ("JJR", "RBR"):
        return a
    node = prep.head
    while node.dep_ in ("acomp", "advmod", "amod", "attr") and node.head != node:
        node = node.head
    subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
    for thing in things:
        if any(thing.start <= s.i < thing.end for s in subjects):
            return thing
    return None


def between_a_and_b(ctx: TurnContext, a: Any, sent: Any, words: str) -> bool:
    """ "the difference between (a) A and (a) B", not "talks between A and B"."""
    if not re.fullmatch(r" and (?:an? |the )?", words):
        return False
    doc = ctx.doc
    start = a.start - 1
    if start > sent.start and doc[start].dep_ == "det":
        start -= 1
    if start < sent.start or doc[start].lower_ != "between":
        return False
    return (
        start == sent.start
        or any(  # "Between A and B?" opens a comparison
            t.lemma_.lower() in ctx.words.contrast_words
            for t in doc[max(sent.start, start - 6) : start]
        )
    )


def verb_relation(ctx: TurnContext, a: Any, b: Any) -> str | None:
    """ "A leads to B", "A requires B": A the subject of the verb, B in its object."""
    if a.root.dep_ != "nsubj":  # not passive: "roadmaps are led by product managers"
        return None
    verb = a.root.head
    if verb.pos_ not in ("VERB", "AUX") or b.root.i < verb.i:
        return None
    if verb not in list(b.root.ancestors):
        return None
    lemma = verb.lemma_.lower()
    if lemma in ctx.words.leading_verbs or (
        lemma == "lead"  # "leads to B"; "should lead the product manager" manages them
        and any(t.lower_ == "to" and t.head == verb for t in b.root.ancestors)
    ):
        return "leads_to"
    if lemma in ctx.words.requiring_verbs:
        return "requires"
    return None


def list_parts(ctx: TurnContext) -> None:
    """A sentence that ends in "<thing>:" (an article's list header, or a label the line
    goes on after) makes the things of the sentences after it part_of the thing, up to
    the next header or a blank line."""
    head: tuple[Any, str] | None = None
    for sent in ctx.doc.sents:
        if is_boilerplate(sent):
            head = None
            continue
        toks = [t for t in sent if not t.is_space]
        if len(toks) >= 2 and toks[-1].text == ":":
            ent = ctx.ent_of.get(toks[-2].i)
            head = (ent, sent.text.strip()) if ent is not None and ent.label_ in THINGS else None
            continue
        if head is None or "\n\n" in ctx.doc[head[0].end : sent.start].text:
            head = None
            continue
        ent, header = head
        text = sent.text.strip()
        for part in ctx.ents(sent):
            if part.label_ in THINGS:
                ctx.add(ref_of(part), "part_of", ref_of(ent), f"{header} {text}")


RULE = Rule(
    "relations",
    ("compares_to", "leads_to", "requires", "part_of"),
    sentence=relations,
    turn=list_parts,
)
