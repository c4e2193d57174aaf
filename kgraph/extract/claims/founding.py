"""``founded``: "I founded X", "X (the person behind Y)", "X, co-founder of Y"."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims import grammar
from kgraph.extract.claims.base import Clause, Rule, TurnContext, ref_of
from kgraph.extract.claims.grammar import NAMING_VERBS

NEAR = 10
"""Tokens at most between a person and the organization a founder phrase names."""


def founded_by_verb(clause: Clause) -> bool:
    """An organization as the object of a founding verb ("we started Acme")."""
    ent = clause.ent
    if any(t.lower_ in ("a", "an") for t in ent.root.children) or (
        ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("a", "an")
    ):
        return False  # "start a Substack" starts one of its kind, it founds no company
    if clause.lemma in clause.ctx.words.founding_verbs and ent.root.dep_ == "dobj":
        if grammar.supposed(clause.verb) or grammar.wished(clause.verb, clause.ctx.words):
            return True  # "if I was going to start X", "I'd love to start X": no claim
        if hired_as(clause):  # "I started OLX as a senior engineer": a first job there
            clause.claim("worked_at" if clause.past else "works_at")
            return True
        clause.claim("founded")
        return True
    # "I started a company called Blip": the thing named is the company founded
    root = ent.root
    noun = root.head.head if root.head.dep_ == "acl" else None
    if (
        clause.lemma in clause.ctx.words.founding_verbs
        and root.dep_ in ("oprd", "attr", "dobj")
        and root.head.lemma_ in NAMING_VERBS
        and noun is not None
        and noun.dep_ == "dobj"
        and noun.lemma_.lower() in clause.ctx.words.company_nouns
    ):
        clause.claim("founded")
        return True
    return False


def hired_as(clause: Clause) -> bool:
    """The founding verb has "as" a role other than a founder's: "I started OLX as a
    senior engineer" began a job there ("I started X as a side project" founded X)."""
    for prep in clause.verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for obj in prep.children:
                role = clause.ctx.ent_of.get(obj.i)
                if role is not None and role.label_ == "ROLE":
                    return role.kb_id_ not in clause.ctx.words.founder_roles
    return False


def founder_phrases(ctx: TurnContext, sent: Any, text: str) -> None:
    """ "X (the person behind Y)", "X, founder of Y", "founder of Y" said of X."""
    ents = list(ctx.ents(sent))
    for i, person in enumerate(ents):
        if person.label_ != "PERSON":
            continue
        for org in ents[i + 1 :]:
            if org.label_ != "ORG" or org.start - person.end > NEAR:
                continue
            between = ctx.doc[person.end : org.start].text
            cue = ctx.words.founder.search(between)
            # the phrase names the organization it ends at: "the founder of Transform who
            # led this at dbt Labs" founded Transform, not dbt Labs
            rest = between[cue.end() :].strip(" ,(") if cue else None
            if rest in ("", "the") and not ctx.words.not_founder.search(between):
                ctx.add(ref_of(person), "founded", ref_of(org), text)


RULE = Rule(
    "founding",
    ("founded",),
    labels=("ORG",),
    entity=founded_by_verb,
    sentence=founder_phrases,
)
