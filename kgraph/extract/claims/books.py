"""Books: who ``wrote`` them ("X wrote Y", "Y, by X") and the speaker ``recommends`` a
book they present ("There is the book X") or name in answer to a question asking for
books."""

from __future__ import annotations

import re
from typing import Any

from kgraph.extract.claims import grammar
from kgraph.extract.claims.base import Clause, Rule, TurnContext, in_order, ref_of
from kgraph.extract.claims.grammar import NAMING_VERBS, asks


def written(clause: Clause) -> bool:
    """A writing verb with the book as its object: "Camille Fournier wrote X", "he
    published a new book called X"."""
    root = clause.ent.root
    named = (
        root.dep_ in ("oprd", "attr", "dobj")
        and root.head.dep_ == "acl"
        and root.head.lemma_ in NAMING_VERBS
    )
    if clause.lemma in clause.ctx.words.writing_verbs and (
        root.dep_ in ("dobj", "pobj", "appos", "conj") or named
    ):
        clause.claim("wrote")
        return True
    return False


def authored(ctx: TurnContext, sent: Any, text: str) -> None:
    """ "<person> is the author of <book>", "<person>, (the) author of <book>", and the
    speaker's own book: "my book, <book>", "in our new book <book>"."""
    words = ctx.words
    for book in ctx.ents(sent):
        if book.label_ != "BOOK" or ctx.voiced(book[0]):
            continue
        root = book.root
        head = root.head
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in words.author_nouns:
            noun = head.head
            writer = None
            if noun.dep_ == "attr" and noun.head.lemma_ == "be":
                subj, _ = grammar.subject_of(noun.head)
                writer = ctx.person_ref(subj) if subj is not None else None
            elif noun.dep_ == "appos":
                person = ctx.ent_of.get(noun.head.i)
                writer = (
                    ref_of(person) if person is not None and person.label_ == "PERSON" else None
                )
            if writer is not None and writer.type == "person":
                ctx.add(writer, "wrote", ref_of(book), text)
            continue
        noun = head if root.dep_ == "appos" else None
        if noun is None and book.start >= 2:  # "my book(,) X": the title follows the noun
            at = book.start - 2 if ctx.doc[book.start - 1].text == "," else book.start - 1
            before = ctx.doc[at]
            noun = before if before.lemma_.lower() in words.own_work_nouns else None
        if (
            noun is not None
            and noun.lemma_.lower() in words.own_work_nouns
            and any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in noun.children)
            and ctx.speaker is not None
        ):
            ctx.add(ctx.speaker, "wrote", ref_of(book), text)


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


RULE = Rule(
    "books",
    ("wrote", "recommends"),
    labels=("BOOK",),
    entity=written,
    sentence=in_order(by_author, authored, presented, answered),
)
