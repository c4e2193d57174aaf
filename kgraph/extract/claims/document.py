"""The claims of one document: each turn's claims (:func:`find_claims`) with its speaker
and the guest whose words a host tells back ("you said ..."), and what the gazetteer's
books and authors add (a known author named beside their book wrote it; a recommended
author's one known book is recommended)."""

from __future__ import annotations

import re
from typing import Any

from kgraph.extract.claims.base import Ref
from kgraph.extract.claims.finder import find_claims
from kgraph.extract.claims.words import Lexicon, lexicon_of
from kgraph.extract.extraction import ClaimMention, Mention
from kgraph.extract.marks import answers, asks_for_advice, asks_for_books, asks_for_people
from kgraph.extract.normalize import norm_key
from kgraph.extract.patterns import Gazetteer
from kgraph.model import Document

ADVICE = ("recommends", "advises")


def document_claims(
    gazetteer: Gazetteer,
    doc: Document,
    parsed: list[Any],
    speakers: dict[str, str],
    mentions: list[Mention],
) -> list[ClaimMention]:
    """The claims of ``doc`` (``parsed``: its turns' analyses; ``speakers``: label -> full
    name; ``mentions``: its entity mentions)."""
    guests = list(doc.guests)
    labels = list(dict.fromkeys(t.speaker for t in doc.turns if t.speaker))
    claims: list[ClaimMention] = []
    words = lexicon_of(gazetteer)
    asked: dict[int, set[str]] = {}
    for kind, asks in (
        ("books", asks_for_books),
        ("advice", asks_for_advice),
        ("people", asks_for_people),
    ):
        for t_i in answers(doc, parsed, asks):
            asked.setdefault(t_i, set()).add(kind)
    topics = frozenset(norm_key(m.key) for m in mentions if m.source == "discovered")
    concepts = concept_forms(mentions)
    speaker_default = doc.author
    generic = set(doc.generic_speakers)  # "Host", "SPEAKER_00": roles, not people
    for t_i, (turn, sdoc) in enumerate(zip(doc.turns, parsed, strict=True)):
        speaker = (None if turn.speaker in generic else turn.speaker) or speaker_default
        guest = guest_for(speaker, speakers, guests, labels)
        wanted = frozenset(asked.get(t_i, ()))
        # an interview's host asks, sums up and reads ads: what they recommend or advise
        # is the guest's advice said back ("So just lean into it"), not their own
        hosting = is_host(speaker, speakers, guests)
        for raw in find_claims(
            sdoc, speaker, guest, turn.index, words, asked=wanted, topics=topics, concepts=concepts
        ):
            if hosting and raw.subject.speaker and raw.predicate in ADVICE:
                continue
            claims.append(
                ClaimMention(
                    raw.subject,
                    raw.predicate,
                    raw.object,
                    turn.index,
                    raw.sentence,
                    raw.negated,
                )
            )
    claims.extend(recommended_authors(gazetteer, doc, mentions, claims, asked))
    claims.extend(known_authors(gazetteer, mentions, claims))
    claims.extend(recommended_books(gazetteer, claims))
    claims = screen_titles_left_out(words, doc, claims)
    return own_books_left_out(gazetteer, claims)


def concept_forms(mentions: list[Mention]) -> dict[str, str]:
    """The document's concepts by the normalised forms it names them with (each surface
    form and the key), for advice that names one by a word of its stem ("you should
    network": networking); the first concept named so keeps a form."""
    forms: dict[str, str] = {}
    for m in mentions:
        if m.type == "concept":
            for form in (m.text, m.key):
                forms.setdefault(norm_key(form), m.key)
    return forms


def own_books_left_out(gazetteer: Gazetteer, claims: list[ClaimMention]) -> list[ClaimMention]:
    """An author on their own book ("what people found useful about Make Time") plugs it:
    no recommendation of a book its recommender wrote (by the document or the gazetteer)."""
    wrote = {(c.subject.key, c.object.key) for c in claims if c.predicate == "wrote"}
    return [
        c
        for c in claims
        if not (
            c.predicate == "recommends"
            and c.object.type == "book"
            and (
                (c.subject.key, c.object.key) in wrote
                or gazetteer.book_authors.get(c.object.key) == c.subject.key
            )
        )
    ]


SCREEN_TURNS = 4
"""How many turns after one speaking of a title's screen adaptation the talk may still be
of the show."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def screen_titles_left_out(
    words: Lexicon, doc: Document, claims: list[ClaimMention]
) -> list[ClaimMention]:
    """No recommendation of a book whose title a sentence of that turn or of the few before
    names as something watched ("I've been watching Foundation", "the Dune movie"): the
    talk is of the show ("I've been waiting to see what happens with Foundation"); unless
    the recommendation speaks of reading."""
    at = {turn.index: i for i, turn in enumerate(doc.turns)}
    sentences = [_SENTENCE_END.split(t.text) for t in doc.turns]

    def watched(claim: ClaimMention) -> bool:
        title = re.compile(rf"(?<!\w){re.escape(claim.object.text)}(?!\w)")
        here = at[claim.turn]
        return any(
            title.search(s) and words.screen.search(s)
            for turns in sentences[max(0, here - SCREEN_TURNS) : here + 1]
            for s in turns
        )

    return [
        c
        for c in claims
        if not (
            c.predicate == "recommends"
            and c.object.type == "book"
            and c.turn in at
            and not words.reading.search(c.sentence)
            and watched(c)
        )
    ]


def books_of(gazetteer: Gazetteer, author: str) -> list[str]:
    """The known books of a known author."""
    by_author = gazetteer.__dict__.get("_books_by_author")
    if by_author is None:  # made once per gazetteer, as its claim lexicon
        by_author = gazetteer.__dict__["_books_by_author"] = {}
        for title, name in sorted(gazetteer.book_authors.items()):
            by_author.setdefault(name, []).append(title)
    return by_author.get(author, [])


def is_host(speaker: str | None, speakers: dict[str, str], guests: list[str]) -> bool:
    """Whether ``speaker`` is the host of an interview with ``guests``: none of the guests,
    not even by first name ("Gergely" for the guest "Gergely Orosz")."""
    if not guests or not speaker:
        return False
    names = {speaker, speakers.get(speaker, speaker)}
    firsts = {n.split()[0].lower() for n in names if n.split()}
    return not any(g in names or g.split()[0].lower() in firsts for g in guests if g.split())


def recommended_authors(
    gazetteer: Gazetteer,
    doc: Document,
    mentions: list[Mention],
    claims: list[ClaimMention],
    asked: dict[int, set[str]],
) -> list[ClaimMention]:
    """In an answer to a question asking for books, the speaker recommends the one known
    book of an author they name ("anything by Donella Meadows"); not where it asks for
    people too ("books, blogs, people you learned from?"): the author is one of them."""
    generic = set(doc.generic_speakers)
    speaker_of = {
        turn.index: (None if turn.speaker in generic else turn.speaker) or doc.author
        for t_i, turn in enumerate(doc.turns)
        if "books" in asked.get(t_i, ()) and "people" not in asked.get(t_i, ())
    }
    found = {(c.subject.key, c.object.key) for c in claims if c.predicate == "recommends"}
    out: list[ClaimMention] = []
    for m in mentions:
        speaker = speaker_of.get(m.turn) if m.type == "person" else None
        titles = books_of(gazetteer, m.key) if speaker and m.key != speaker else []
        if len(titles) != 1 or (speaker, titles[0]) in found or told_of(m):
            continue
        found.add((speaker, titles[0]))
        book = Ref("book", titles[0], titles[0])
        out.append(
            ClaimMention(
                Ref("person", speaker, speaker, speaker=True),
                "recommends",
                book,
                m.turn,
                m.sentence,
            )
        )
    return out


def told_of(mention: Mention) -> bool:
    """The author opens the sentence, its subject: "Robert Cialdini does a bunch of books
    around persuasion" tells of them; "anything by Donella Meadows" recommends."""
    lead = r"^(?:\W*(?:and|so|but|also|well|then|oh)\b)*\W*"
    return re.match(lead + re.escape(mention.text) + r"\b(?!')", mention.sentence, re.I) is not None


def authors_books(
    gazetteer: Gazetteer, mentions: list[Mention], answers: set[int]
) -> list[Mention]:
    """An author named in an answer about books stands for their book when the
    gazetteer knows one book of theirs ("anything by Donella Meadows")."""
    named = {(m.turn, m.key) for m in mentions if m.type == "book"}
    out: list[Mention] = []
    for m in mentions:
        if m.type != "person" or m.turn not in answers:
            continue
        titles = books_of(gazetteer, m.key)
        if len(titles) != 1 or (m.turn, titles[0]) in named:
            continue
        named.add((m.turn, titles[0]))
        out.append(Mention("book", titles[0], titles[0], m.turn, m.sentence, "book", m.window))
    return out


def recommended_books(gazetteer: Gazetteer, claims: list[ClaimMention]) -> list[ClaimMention]:
    """A recommendation of the author of one known book recommends that book too."""
    out = []
    for c in claims:
        titles = books_of(gazetteer, c.object.key) if c.object.type == "person" else []
        if c.predicate == "recommends" and len(titles) == 1:
            book = Ref("book", titles[0], titles[0])
            out.append(ClaimMention(c.subject, c.predicate, book, c.turn, c.sentence, c.negated))
    return out


def known_authors(
    gazetteer: Gazetteer, mentions: list[Mention], claims: list[ClaimMention]
) -> list[ClaimMention]:
    """ "wrote" claims for a known book whose known author the document also names."""
    people = {m.key: m for m in mentions if m.type == "person"}
    found = {(c.subject.key, c.object.key) for c in claims if c.predicate == "wrote"}
    out: list[ClaimMention] = []
    for m in mentions:
        author = gazetteer.book_authors.get(m.key) if m.type == "book" else None
        if not author or (author, m.key) in found:
            continue
        named = next(
            (p for key, p in sorted(people.items()) if key == author or key == author.split()[-1]),
            None,
        )
        if named is not None:
            found.add((author, m.key))
            out.append(
                ClaimMention(
                    Ref("person", named.text, named.key),
                    "wrote",
                    Ref("book", m.text, m.key),
                    m.turn,
                    m.sentence,
                )
            )
    return out


def guest_for(
    speaker: str | None, speakers: dict[str, str], guests: list[str], labels: list[str]
) -> str | None:
    """Whose words a turn of ``speaker`` tells back ("you said ..."): a guest who is not
    them."""
    full = speakers.get(speaker or "", speaker)
    if full in guests or speaker in guests:
        return None  # a guest's "he"/"she" is someone else we cannot tell
    for guest in guests:
        if guest != full and guest != speaker:
            return guest
    others = [label for label in labels if label != speaker]
    return others[0] if len(others) == 1 else None
