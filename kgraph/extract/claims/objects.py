"""Tests on one entity of a sentence that urges something: whether it is what is urged
(a thing to use or to master, a judged thing) or not (a modifier, something told before,
the speaker's own plug, what the listener is told not to need)."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims import grammar
from kgraph.extract.claims.base import TurnContext
from kgraph.extract.claims.grammar import PEOPLE_PRONOUNS, SUBJECT_DEPS


def modifier_only(ctx: TurnContext, ent: Any) -> bool:
    """``ent`` only says what kind of other thing is meant: "the conference
    organizers", "the BI channels" (unless that thing is an entity of its own, or a
    kind of thing ``ent`` names: "the Grokking course", "machine learning projects")."""
    root = ent.root
    if root.dep_ not in ("compound", "nmod") or root.head.i < ent.end:
        return False
    head = root.head
    return head.i not in ctx.ent_of and head.lemma_.lower() not in ctx.words.category_nouns


def refused(ent: Any, words: Any) -> bool:
    """The verb ``ent`` hangs from is negated, said to the listener or as an order: "my
    advice is, don't do that testing up front", "you don't need a PhD" (not "don't forget
    X", which asks for it)."""
    verb, _ = grammar.governing_verb(ent.root)
    if verb is None or verb.lemma_.lower() in words.double_negative_verbs:
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return any(c.dep_ == "neg" for c in verb.children) and all(s.lower_ == "you" for s in subjects)


def used(ent: Any, words: Any) -> bool:
    """An organization as the thing to use: the object of a verb of using ("use Kaggle",
    "join DataTalks.Club"), or with "on"/"with" after one ("practice on LeetCode", "go
    with Kafka"), or what one is to be at ease with ("be comfortable with Excel"); not
    where one goes or works ("go to Google", "work at Meta")."""
    root = ent.root
    verb = root.head
    if mastered(ent, words):
        return True
    if root.dep_ == "pobj" and verb.lower_ in ("on", "with"):
        verb = verb.head
    elif root.dep_ != "dobj":
        return False
    return verb.pos_ == "VERB" and verb.lemma_.lower() in words.using_verbs


def mastered(ent: Any, words: Any) -> bool:
    """``ent`` is what one is to be at ease with: "be comfortable with Excel", "get good
    at Figma" (not "be careful with X")."""
    prep = ent.root.head
    if ent.root.dep_ != "pobj" or prep.lower_ not in ("with", "at", "in"):
        return False
    owner = prep.head
    if owner.pos_ == "ADJ":
        return owner.lower_ in words.mastery_adjectives
    return any(c.dep_ == "acomp" and c.lower_ in words.mastery_adjectives for c in owner.children)


def told(ent: Any) -> bool:
    """ "those rejections", "that same workshop": something said before, told again,
    not the thing advised."""
    before = [t for t in ent.doc[max(0, ent.start - 2) : ent.start] if t.pos_ != "ADJ"]
    return bool(before) and before[-1].lower_ in ("that", "this", "those", "these")


def own(ent: Any) -> bool:
    """The speaker's own thing, plugged rather than recommended: "check out my website
    X", "our podcast X", "read my book"."""
    root = ent.root
    owners = [c for c in root.children if c.dep_ == "poss"]
    if root.dep_ == "appos":  # "my website, Clues.Life"
        owners += [c for c in root.head.children if c.dep_ == "poss"]
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in ("my", "our"):
        return True
    return any(c.lower_ in ("my", "our") for c in owners)


def judged(ent: Any) -> bool:
    """``ent`` is what a judgement is about: the subject (or the attribute) of a copula
    that has no person as subject ("papers are a fantastic way to do that"), not a noun
    deeper down ("companies ... work well with referrals")."""
    verb = ent.root
    while verb.dep_ in ("conj", "appos", "compound") and verb.head != verb:
        verb = verb.head
    if verb.dep_ not in ("nsubj", "attr") or verb.head.lemma_ != "be":
        return False
    return not any(
        c.dep_ in SUBJECT_DEPS and (c.lower_ in PEOPLE_PRONOUNS or c.ent_type_ == "PERSON")
        for c in verb.head.children
    )
