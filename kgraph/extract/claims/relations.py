"""Relations between two things (concepts or roles): ``compares_to``, ``leads_to``,
``requires``, ``part_of`` ("A vs B", "A is like B", "unlike B, A", "A leads to B", "A helps
you get B", "A requires B", "to become A you need B", "A is part of B",
"Sourcing: referrals, portfolios" and an article's list under "<thing>:"); and
``part_of`` between two organizations ("Instagram is part of Meta")."""

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
    organizations = [e for e in ctx.ents(sent) if e.label_ == "ORG"]
    for a, b in zip(organizations, organizations[1:], strict=False):
        between = ctx.doc[a.end : b.start]
        if len(between) <= NEAR and ctx.words.part_of.search(" " + between.text.lower() + " "):
            ctx.add(ref_of(a), "part_of", ref_of(b), text)
    things = [e for e in ctx.ents(sent) if e.label_ in THINGS]
    if len(things) < 2:
        return
    if not text.endswith("?"):  # "Does a DevRel need to be a teacher?" asserts nothing
        requirements(ctx, sent, things, text)
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
        elif unlike(ctx, a) and b.root.dep_ in SUBJECT_DEPS:  # "Unlike A, B is ..."
            ctx.add(ref_of(b), "compares_to", ref_of(a), text)
        elif not text.endswith("?"):
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


def unlike(ctx: TurnContext, a: Any) -> bool:
    """Whether ``a`` is what "unlike" (or another contrasting preposition) governs."""
    prep = a.root.head
    return a.root.dep_ == "pobj" and prep.lower_ in ctx.words.contrast_preps


def verb_relation(ctx: TurnContext, a: Any, b: Any) -> str | None:
    """ "A leads to B", "A requires B", "A helps you get B": A the subject of the verb, B
    in its object."""
    if a.root.dep_ != "nsubj":  # not passive: "roadmaps are led by product managers"
        return None
    verb = a.root.head
    if verb.pos_ not in ("VERB", "AUX") or b.root.i < verb.i:
        return None
    ancestors = list(b.root.ancestors)
    if verb not in ancestors:
        return None
    lemma = verb.lemma_.lower()
    if (
        a.label_ == "CONCEPT"
        and lemma in ctx.words.helping_verbs
        and any(  # "helps you get B", "helped me land B"
            t.head == verb
            and t.dep_ in ("xcomp", "ccomp")
            and t.lemma_.lower() in ctx.words.gaining_verbs
            for t in ancestors
        )
    ):
        return "leads_to"
    if lemma in ctx.words.leading_verbs or (
        lemma == "lead"  # "leads to B"; "should lead the product manager" manages them
        and any(t.lower_ == "to" and t.head == verb for t in b.root.ancestors)
    ):
        return "leads_to"
    if lemma in ctx.words.requiring_verbs:
        return "requires"
    return None


def requirements(ctx: TurnContext, sent: Any, things: list[Any], text: str) -> None:
    """ "To become a data engineer, you need SQL", "as a manager you have to learn X": said
    to anyone ("you"), the role requires what the need verb's object names."""
    for role in things:
        need = needing_verb(ctx, role) if role.label_ == "ROLE" else None
        if need is None:
            continue
        for other in things:
            if other.start > need.i and needed(other.root, need):
                ctx.add(ref_of(role), "requires", ref_of(other), text)


def needed(token: Any, need: Any) -> bool:
    """Whether ``token`` is what ``need`` says is needed: its object ("you need SQL", "SQL
    and Spark"), or the object of the verb it governs ("you need to learn SQL")."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ != "dobj":
        return False
    verb = token.head
    return verb == need or (verb.dep_ == "xcomp" and verb.head == need)


def needing_verb(ctx: TurnContext, role: Any) -> Any | None:
    """The verb saying what it takes to be ``role``: "need", "require", "have to", "must"
    in the clause that "to become <role>" or "as <role>" qualifies, said of "you"."""
    words = ctx.words
    head = role.root.head
    if role.root.dep_ == "pobj" and head.lower_ == "as" and head.dep_ == "prep":
        verb = head.head
    elif role.root.dep_ in ("attr", "oprd") and head.lemma_.lower() in words.becoming_verbs:
        verb = head
        while verb.dep_ in ("advcl", "xcomp") and verb.lemma_.lower() not in words.requiring_verbs:
            verb = verb.head
    else:
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in ("you", "one") for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    must = any(c.dep_ == "aux" and c.lower_ == "must" for c in verb.children)
    have_to = lemma == "have" and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children
    )
    return verb if lemma in words.requiring_verbs or must or have_to else None


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
