"""``recommends`` from an endorsement in the speaker's own words, where no one is urged:
"my favourite book is X", "one of my favorite books is X", "X changed how I think",
"mock interviews helped me the most", "the best way to prepare is mock interviews",
"X is a great book", "I loved X" (a book). Read from the parse, not from cue phrases:
the endorsed thing is the other side of the copula, the subject of the verb, or the
liking verb's object."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims.base import Rule, TurnContext, ref_of
from kgraph.extract.claims.grammar import (
    FIRST_PERSON,
    SUBJECT_DEPS,
    asks,
    negated,
    previous_sentence,
)
from kgraph.extract.claims.urging import specific

ENDORSABLE = ("BOOK", "CONCEPT", "ORG")
"""What a favourite may be (a product, a company's tool); the other endorsements name a
book or a practice."""
SIDES = ("nsubj", "attr", "appos", "nsubjpass", "acomp")


def first_person_in(node: Any) -> bool:
    return any(t.lower_ in FIRST_PERSON for t in node.subtree)


def singular_in(node: Any) -> bool:
    return any(t.lower_ in ("i", "me", "my") for t in node.subtree)


def entities_under(ctx: TurnContext, sent: Any, node: Any, labels: tuple[str, ...]) -> list[Any]:
    """The entities of ``labels`` whose root is in ``node``'s subtree, outside a clause of
    its own ("X, which I read at university")."""
    lo, hi = node.left_edge.i, node.right_edge.i
    found = []
    for ent in ctx.ents(sent):
        if ent.label_ not in labels or not lo <= ent.root.i <= hi:
            continue
        up = ent.root
        while up != node and up.dep_ not in ("relcl", "acl", "advcl", "ccomp"):
            up = up.head
        if up == node:
            found.append(ent)
    return found


def equated(ctx: TurnContext, sent: Any, phrase: Any, labels: tuple[str, ...]) -> list[Any]:
    """What a copula says ``phrase`` is ("my favourite book is X", "X is my favourite"),
    or what ``phrase`` is in apposition with ("my favourite book, X, ..."): the other
    side itself or a name it is joined with, not a noun deeper down ("my favourite quote
    is one from Kettering")."""
    sides = [c for c in phrase.children if c.dep_ == "appos"]
    verb = phrase.head
    if phrase.dep_ in SIDES and verb.lemma_ == "be":
        sides += [c for c in verb.children if c.dep_ in SIDES and c != phrase]
    return [e for c in sides for e in entities_under(ctx, sent, c, labels) if joined(e.root, c)]


def joined(token: Any, node: Any) -> bool:
    """``token`` is ``node`` or hangs off it only as a name, apposition or conjunct."""
    for _ in range(6):
        if token == node:
            return True
        if token.dep_ not in ("appos", "conj", "compound") or token.head == token:
            return False
        token = token.head
    return False


def favourites(ctx: TurnContext, sent: Any) -> list[tuple[Any, Any]]:
    """ "my favourite (book) is X", "one of my favorite books is X", "X is my fave"; an
    organization only as a favourite product, tool, show (``favourite_things``)."""
    out = []
    for token in sent:
        if token.lower_ not in ctx.words.favourite_words:
            continue
        noun = token.head if token.dep_ == "amod" else token
        if not any(c.lower_ in ("my", "our") for c in noun.children):
            continue
        phrase = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
            phrase = noun.head.head  # "one of my favorite books"
        found = equated(ctx, sent, phrase, ENDORSABLE) or named_after(ctx, sent, phrase)
        thing = noun.lemma_.lower() in ctx.words.favourite_things or noun == token
        past = phrase.head.lemma_ == "be" and phrase.head.tag_ == "VBD"
        # "C++ was my favorite language because I had a great teacher": a memory; a
        # favourite book told in the past tense is still one to read
        out += [
            (e, phrase.head)
            for e in found
            if (e.label_ != "ORG" or thing) and (not past or e.label_ == "BOOK")
        ]
    return out


def named_after(ctx: TurnContext, sent: Any, phrase: Any) -> list[Any]:
    """The entity right after the "is" that follows ``phrase``, where the parser reads a
    title as a verb ("one of my favorite books is Hooked by Nir Eyal")"""
    doc = sent.doc
    end = min(sent.end, phrase.right_edge.i + 12)
    be = next((t for t in doc[phrase.right_edge.i + 1 : end] if t.lemma_ == "be"), None)
    if be is None:
        return []
    ent = next((e for e in ctx.ents(sent) if e.start > be.i), None)
    gap = doc[be.i + 1 : ent.start] if ent is not None else None
    if ent is None or ent.label_ not in ENDORSABLE or len(gap) > 2:
        return []
    return [ent] if all(t.pos_ in ("ADV", "DET") for t in gap) else []


def superlatives(ctx: TurnContext, sent: Any) -> list[tuple[Any, Any]]:
    """ "the best way to prepare is mock interviews", "X is the best book on Y"."""
    out = []
    for token in sent:
        if token.lower_ != "best" or token.dep_ != "amod":
            continue
        noun = token.head
        if noun.lemma_.lower() not in ctx.words.superlative_nouns:
            continue
        out += [(e, noun.head) for e in equated(ctx, sent, noun, ("BOOK", "CONCEPT"))]
    return out


def praised_books(ctx: TurnContext, sent: Any) -> list[tuple[Any, Any]]:
    """ "X is a great book", "X is fantastic", "I loved X", "I really like X" (a book)."""
    out = []
    words = ctx.words
    for ent in ctx.ents(sent):
        if ent.label_ != "BOOK":
            continue
        root, verb = ent.root, ent.root.head
        if root.dep_ == "nsubj" and verb.lemma_ == "be":
            praise = [
                t
                for c in verb.children
                if c.dep_ in ("attr", "acomp")
                for t in (c, *c.children)
                if t.lemma_.lower() in words.praise_adjectives
            ]
            if praise:
                out.append((ent, verb))
        elif (
            root.dep_ == "dobj"
            and verb.lemma_.lower() in words.liking_verbs
            and any(c.dep_ in SUBJECT_DEPS and c.lower_ in ("i", "we") for c in verb.children)
        ):
            out.append((ent, verb))
    return out


def experienced(ctx: TurnContext, sent: Any) -> list[tuple[Any, Any]]:
    """ "X changed my life / how I think", "mock interviews helped me the most"."""
    out = []
    words = ctx.words
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in words.life_changing_verbs | words.helping_verbs:
            continue
        objects = [c for c in token.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
        if not any(first_person_in(o) for o in objects):
            continue
        if token.tag_ not in ("VBD", "VBN") and not any(singular_in(o) for o in objects):
            continue  # "observability helps (will help) us answer questions": what it does
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        out += [
            (e, token)
            for s in subjects
            for e in entities_under(ctx, sent, s, ("BOOK", "CONCEPT"))
            if s in (e.root, e.root.head)  # "mock interviews", "the book X"
        ]
    return out


def worked_well(ctx: TurnContext, sent: Any) -> list[tuple[Any, Any]]:
    """ "I've seen the embedded model work incredibly well", "code reviews pay off"."""
    out = []
    for token in sent:
        if token.lemma_.lower() not in ctx.words.working_verbs or token.pos_ == "AUX":
            continue
        if not any(c.lower_ in ("well", "off") for c in token.children):
            continue
        if any(beneficiary_of_others(c) for c in token.children if c.dep_ == "prep"):
            continue  # "the fast feedback loops work well for them": their experience
        # the tagger reads "seen X work well" as a noun "work" with X its compound
        subjects = ("nsubj",) if token.pos_ == "VERB" else ("nsubj", "compound")
        for s in (c for c in token.children if c.dep_ in subjects):
            out += [(e, token) for e in entities_under(ctx, sent, s, ("BOOK", "CONCEPT"))]
    return out


def beneficiary_of_others(prep: Any) -> bool:
    """ "for them", "for Google": who something works well for, when that is someone
    other than the speaker or the listener."""
    return prep.lower_ == "for" and any(
        c.dep_ == "pobj"
        and (c.lower_ in ("them", "him", "her", "they") or c.ent_type_ in ("PERSON", "ORG"))
        for c in prep.children
    )


def good_choice(ctx: TurnContext, sent: Any) -> tuple[list[tuple[Any, Any]], str]:
    """ "I got LeetCode Premium. That was a good idea.": what the speaker did in the
    sentence before, judged a good choice (the evidence is both sentences)."""
    root = sent.root
    first = next((t for t in sent if not t.is_punct), None)
    if root.lemma_ != "be" or first is None or first.lower_ not in ("that", "this", "it"):
        return [], ""
    if first.dep_ != "nsubj" or not any(
        t.lower_ in ctx.words.good_choice_words
        for c in root.children
        if c.dep_ == "acomp" or c.dep_ == "attr" and c.lemma_.lower() in ctx.words.choice_nouns
        for t in c.subtree
    ):  # "that was a good idea", "it was worth it"; not "it was a great time to learn"
        return [], ""
    prev = previous_sentence(ctx.doc, sent)
    verb = prev.root if prev is not None else None
    if verb is None or not any(
        c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children
    ):
        return [], ""
    found = [
        (e, root)
        for c in verb.children
        if c.dep_ == "dobj"
        for e in entities_under(ctx, prev, c, ENDORSABLE)
    ]
    return found, ctx.doc[prev.start : sent.end].text.strip()


def endorsed(ctx: TurnContext, sent: Any, text: str) -> None:
    """Speaker -recommends-> what a sentence of theirs endorses (negated with its verb)."""
    if ctx.speaker is None or asks(text):
        return
    found = favourites(ctx, sent) + superlatives(ctx, sent)
    found += praised_books(ctx, sent) + experienced(ctx, sent) + worked_well(ctx, sent)
    chosen, both = good_choice(ctx, sent)
    for (ent, verb), evidence in [(f, text) for f in found] + [(c, both) for c in chosen]:
        if ctx.voiced(ent[0]) or ctx.in_reported_quote(verb) or not specific(ctx, ent):
            continue  # someone else's favourite, quoted
        ctx.add(ctx.speaker, "recommends", ref_of(ent), evidence, negated(verb))


RULE = Rule("endorsement", ("recommends",), sentence=endorsed)
