"""Marks put on a document's parsed turns before its mentions are read: its known people
wherever they occur, and the title-case runs of turns that answer a question about books
as books."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from typing import Any

from kgraph.model import Document

_BOOK_WORDS = {"book", "read", "reading", "author", "novel", "memoir"}
_ASKING = {
    "recommend",
    "recommendation",
    "favorite",
    "favourite",
    "suggest",
    "love",
    "influence",
    "read",
    "gift",
    "learn",
}
_ADVICE_WORDS = {
    "advice",
    "advise",
    "tip",
    "lesson",
    "recommend",
    "recommendation",
    "suggest",
    "suggestion",
    "trick",
    "secret",
}


def _question_lemmas(sdoc: Any) -> Iterator[set[str]]:
    """The words of each question: a sentence that ends with "?", not a statement closed
    by a tag ("... reading a lot of books to come to a definition of love, right?")."""
    for sent in sdoc.sents:
        text = sent.text.rstrip(" \n\"'\u201d)")
        if not text.endswith("?"):
            continue
        head, comma, tag = text.rpartition(",")
        if comma and len(head.split()) > 3 and len(tag.split()) <= 2:
            continue  # "..., right?", "..., you know?", "..., no?"
        yield {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}


def asks_for_books(sdoc: Any) -> bool:
    """A question asking for books ("What are two or three books you've recommended most?",
    "Any book recommendations?", "What resources (books, blogs) have you learned from?"):
    a question sentence naming books with a word of recommending, liking, reading or
    learning."""
    return any("book" in lemmas and lemmas & _ASKING for lemmas in _question_lemmas(sdoc))


def asks_for_people(sdoc: Any) -> bool:
    """A question asking for people too ("What resources (books, blogs, people) have you
    learned from? Who are your role models?"): an author named in its answer is one of
    them, not a stand-in for their book."""
    for sent in sdoc.sents:
        if not sent.text.rstrip(" \n\"'\u201d)").endswith("?"):
            continue
        for token in sent:
            if token.lower_ in ("who", "whom") and token.head.dep_ != "relcl":
                return True  # "Who are your role models?", not "people who ..."
            if token.lower_ in ("people", "person") and not (
                token.dep_ == "pobj" and token.head.lower_ in ("to", "for")
            ):
                return True  # "books, blogs, people", not "recommend to other people"
    return False


def asks_for_advice(sdoc: Any) -> bool:
    """A question asking for advice or recommendations ("What's your advice to people
    pursuing a Staff role?", "Any tips for someone starting out?"), not for books."""
    return any("book" not in lemmas and lemmas & _ADVICE_WORDS for lemmas in _question_lemmas(sdoc))


def _new_question(sdoc: Any) -> bool:
    """A question of its own (four words or more, not about books): the next topic."""
    for sent in sdoc.sents:
        words = [t for t in sent if t.is_alpha]
        if (
            "?" in sent.text
            and len(words) >= 4
            and not any(t.lemma_.lower() in _BOOK_WORDS for t in words)
        ):
            return True
    return False


def book_answers(doc: Document, parsed: list[Any], limit: int = 6) -> list[int]:
    """Indexes of the turns that answer a question about books (:func:`answers`)."""
    return answers(doc, parsed, asks_for_books, limit)


def answers(
    doc: Document, parsed: list[Any], asks: Callable[[Any], bool], limit: int = 6
) -> list[int]:
    """Indexes of the turns that answer a question ``asks`` recognises: the turns of the
    other speakers after it, until the asker asks something else (at most ``limit``
    turns)."""
    out: list[int] = []
    asker: str | None = None
    left = 0
    for t_i, (turn, sdoc) in enumerate(zip(doc.turns, parsed, strict=True)):
        if turn.speaker and asks(sdoc):
            asker, left = turn.speaker, limit
            continue
        if not left:
            continue
        if turn.speaker == asker or not turn.speaker:
            if _new_question(sdoc):
                left = 0
            continue
        out.append(t_i)
        left -= 1
    return out


def _named_like_a_person(span: Any) -> bool:
    """Two title-case words, the first a given name ("Neal Ford"): an answer about
    resources ("books, blogs, people") names people among its titles."""
    from kgraph.extract.names import is_given_name

    words = [t for t in span if t.is_alpha]
    return (
        len(words) == len(span) == 2
        and all(t.is_title for t in words)
        and (is_given_name(words[0].text))
    )


def _reads_as_title(span: Any) -> bool:
    """A "person" of the NER written as no name is: no given name first, and a gerund
    first ("Liberating Structures"), a plural noun, a function word or a number among its
    words. The small model calls many multi-word titles people."""
    from kgraph.extract.names import is_given_name

    if span.kb_id_ or len(span) < 2 or is_given_name(span[0].text):
        return False
    gerund = span[0].lower_.endswith("ing") and len(span[0]) > 5
    return gerund or any(t.tag_ in ("NNS", "NNPS") or t.is_stop or t.like_num for t in span)


def _gloss(span: Any) -> bool:
    """A run after a person's name and a dash is what the list says of them, no title:
    "Steve Klabnik - Known for his Rust advocacy"."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].text in ("-", "\u2013", "\u2014")
        and doc[span.start - 2].ent_type_ == "PERSON"
    )


def mark_titles(sdoc: Any) -> None:
    """The title-case runs of a turn that answers a question about books are books (the
    candidates the book detector left in the span group), unless a person or a known name
    of another type takes the words, or they read as a person's name."""
    from spacy.tokens import Span

    from kgraph.extract.labels import CONCEPT_SPANS, TITLE
    from kgraph.extract.spans import merge_ents

    taken = {
        i
        for e in sdoc.ents
        if e.label_ == "PERSON" and not _reads_as_title(e)
        for i in range(e.start, e.end)
    }
    spans = [
        Span(sdoc, s.start, s.end, label="BOOK", kb_id=s.kb_id_)
        for s in sdoc.spans.get(CONCEPT_SPANS, [])
        if s.label_ == TITLE
        and not any(i in taken for i in range(s.start, s.end))
        and not _named_like_a_person(s)
        and not _gloss(s)
    ]
    if spans:
        merge_ents(sdoc, spans, overwrite=True)


CALENDAR_WORDS = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)
"""Given names that are also months or days ("April", "June"): alone, they are dates."""


def mark_people(sdoc: Any, names: list[str]) -> None:
    """Tag the document's known people (speakers, guests) as PERSON wherever they occur:
    the statistical NER misses or mislabels them (a first name as a place)."""
    from spacy.tokens import Span

    from kgraph.extract.spans import merge_ents

    by_first: dict[str, list[list[str]]] = {}
    for name in names:
        words = name.split()
        by_first.setdefault(words[0], []).append(words)
    # a known person's first name alone ("Shaun is CPO at Confluent", in the host's
    # introduction of Shaun Clowes) is that person, when no other known name shares it
    # and the parse reads a name there (not "Will you ...", not the month "April")
    lone = {
        first
        for first, full in by_first.items()
        if len(full) == 1 and len(full[0]) > 1 and first[:1].isupper() and first.isalpha()
    }
    spans = []
    tokens = [t.text for t in sdoc]
    for i, text in enumerate(tokens):
        for words in sorted(by_first.get(text, []), key=len, reverse=True):
            if tokens[i : i + len(words)] == words:
                spans.append(Span(sdoc, i, i + len(words), label="PERSON"))
                break
        else:
            token = sdoc[i]
            if (
                text in lone
                and token.pos_ == "PROPN"
                and text not in CALENDAR_WORDS
                and not (i + 1 < len(tokens) and tokens[i + 1][:1].isupper())
            ):
                spans.append(Span(sdoc, i, i + 1, label="PERSON"))
    for i in range(2, len(tokens)):  # "a question from Ravi": audience members are people
        if tokens[i - 1].lower() == "from" and sdoc[i - 2].lemma_.lower() in (
            "question",
            "comment",
        ):
            end = i
            while end < len(sdoc) and end - i < 2 and sdoc[end].is_title and sdoc[end].is_alpha:
                end += 1
            if end > i and not (
                sdoc[i].ent_type_ and sdoc[i].ent_type_ != "PERSON" and sdoc[i].ent_kb_id_
            ):
                spans.append(Span(sdoc, i, end, label="PERSON"))
    if spans:
        merge_ents(sdoc, spans, overwrite=True)


def linked_books(cited: dict[str, str], pages: list[str]) -> list[str]:
    """Titles of the books an article links to a bookshop's or catalogue's page of
    (``pages``: regexes of such addresses): the link's text, its subtitle and a trailing
    ", Author" dropped ("Creativity Inc., Ed Catmull" -> "Creativity Inc."); a text in lower
    case ("a class on adaptive leadership") describes the book, it gives no title."""
    from kgraph.extract.names import is_given_name

    found = [re.compile(p) for p in pages]
    titles = []
    for text, url in cited.items():
        if not any(p.search(url) for p in found):
            continue
        title = re.split(r"\s*:\s+|\s+[-\u2013\u2014]\s+", text.strip(), maxsplit=1)[0]
        head, _, tail = title.rpartition(",")
        author = tail.split()
        if head and 2 <= len(author) <= 3 and is_given_name(author[0]):
            title = head
        title = title.strip(" ,;\"'\u201c\u201d")
        if title[:1].isupper() and any(len(w) > 1 for w in re.findall(r"\w+", title)):
            titles.append(title)
    return titles


def linked_sites(cited: dict[str, str]) -> list[str]:
    """Names an article links to a site of the same name ("[Proofpoint](https://www.
    proofpoint.com)"): organizations. Not a person's own site ("[Edward Tufte](https://
    www.edwardtufte.com)": a given name first)."""
    from kgraph.extract.names import is_given_name

    names = []
    for text, url in cited.items():
        host = re.match(r"^https?://(?:www\.)?([^/:?#]+)", url)
        words = text.split()
        if host is None or not text[:1].isupper() or not 1 <= len(words) <= 3:
            continue
        label = host[1].split(".")[0]
        if re.sub(r"[^a-z0-9]", "", text.lower()) != label.lower():
            continue
        if len(words) > 1 and is_given_name(words[0]):
            continue
        names.append(text)
    return names


def mark_linked(sdoc: Any, books: dict[str, str], sites: dict[str, str]) -> None:
    """Tag the titles of linked books as BOOK and the names of linked sites as ORG wherever
    the turn writes them (:func:`linked_books`, :func:`linked_sites`; name -> canonical
    name)."""
    from kgraph.extract.spans import merge_ents

    spans = []
    for names, label in ((books, "BOOK"), (sites, "ORG")):
        for name, canonical in names.items():
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sdoc.text):
                span = sdoc.char_span(m.start(), m.end(), label=label, kb_id=canonical)
                if span is not None:
                    spans.append(span)
    if spans:
        merge_ents(sdoc, spans, overwrite=True)
