"""Books: who ``wrote`` them ("X wrote Y", "Y, by X") and the speaker ``recommends`` a
book they present ("There is the book X") or name in answer to a question asking for
books."""

from __future__ import annotations

import re
from typing import Any

from kgraph.extract.claims.base import Clause, Rule, TurnContext, ref_of
from kgraph.extract.claims.grammar import asks


def written(clause: Clause) -> bool:
    """A writing verb with the book as its object: "Camille Fournier wrote X"."""
    if clause.lemma in clause.ctx.words.writing_verbs and clause.ent.root.dep_ in (
        "dobj",
        "pobj",
        "appos",
        "conj",
    ):
        clause.claim("wrote")
        return True
    return False


def by_author(ctx: TurnContext, sent: Any, text: str) -> None:
    """ "<book>, by <person>"."""
    ents = list(ctx.ents(sent))
    for i, book in enumerate(ents):
        if book.label_ != "BOOK":
            continue
        for person in ents[i + 1 : i + 2]:
            between = ctx.doc[book.end : person.start]
            if (
                person.label_ == "PERSON"
                and len(between) <= 4
                and any(t.lower_ == "by" for t in between)
            ):
                ctx.add(ref_of(person), "wrote", ref_of(book), text)


def presented(ctx: TurnContext, sent: Any, text: str) -> None:
    """Speaker -recommends-> a book they present: "There is the book X", "There's X"."""
    if ctx.speaker is None or asks(text):
        return
    for ent in ctx.ents(sent):
        if ent.label_ != "BOOK":
            continue
        node = ent.root
        for _ in range(4):  # "the book X": X's head is "book", the attribute of "is"
            if node.dep_ not in ("appos", "attr", "nsubj", "conj", "compound", "npadvmod"):
                break
            node = node.head
            if node.lemma_ == "be" and any(c.dep_ == "expl" for c in node.children):
                disliked = bool(_DISLIKED.search(text))  # "..., but I did not like that one"
                ctx.add(ctx.speaker, "recommends", ref_of(ent), text, disliked)
                break


_DISLIKED = re.compile(
    r"\b(did ?n[o']?t|do ?n[o']?t|never) (really |much |particularly )?"
    r"(like|love|enjoy|recommend|get)\b|\bnot (a|the) (big )?fan\b",
    re.I,
)


def answered(ctx: TurnContext, sent: Any, text: str) -> None:
    """Speaker -recommends-> each book named in an answer to a question asking for books
    ("What books have you recommended most?"), against it when the sentence says they
    did not like it; not their own book ("my book X"), nor a book in someone's quoted
    words."""
    if ctx.speaker is None or "books" not in ctx.asked or asks(text):
        return
    against = bool(_DISLIKED.search(text) or ctx.words.discourage.search(text))
    for ent in ctx.ents(sent):
        if ent.label_ != "BOOK" or ctx.voiced(ent[0]):
            continue
        if ent.start > 0 and ctx.doc[ent.start - 1].lower_ in ("my", "our"):
            continue
        ctx.add(ctx.speaker, "recommends", ref_of(ent), text, against)


def sentence(ctx: TurnContext, sent: Any, text: str) -> None:
    by_author(ctx, sent, text)
    presented(ctx, sent, text)
    answered(ctx, sent, text)


RULE = Rule(
    "books",
    ("wrote", "recommends"),
    labels=("BOOK",),
    entity=written,
    sentence=sentence,
)
