"""Mentions of entities in a document's turns, and the type of each statistical name
judged over all of its mentions in the document."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from kgraph.extract.boilerplate import window_of
from kgraph.extract.extraction import Mention
from kgraph.extract.patterns import Gazetteer
from kgraph.extract.texts import sentences_at
from kgraph.model import Document

_DANGLING = {"of", "for", "and", "the", "at", "&"}
"""Words no name ends with: the statistical NER stopped before the rest of the name."""


def mentions_of(
    gazetteer: Gazetteer, doc: Document, parsed: list[Any], known: Iterable[str] = ()
) -> list[Mention]:
    """Mentions of the entities in each turn. Statistical names that the document also
    writes in lower case ("Calendar" at least as often as "calendar", "Product
    Engineering" beside "product engineering") are common words, not names, unless the
    metadata names them; a statistical person or
    organization takes the type its mentions in the whole document support
    (:func:`name_types`)."""
    from kgraph.extract.labels import TYPES

    known = set(known)
    words = _Words(parsed, "\n".join(t.text for t in doc.turns))
    found: list[tuple[int, Any, str, str, int]] = []
    for turn, sdoc in zip(doc.turns, parsed, strict=True):
        companies = known_tokens(gazetteer, sdoc, "ORG")  # known organizations named here
        tools = known_tokens(gazetteer, sdoc, "CONCEPT")  # and known tools, practices
        sentence_at = sentences_at(sdoc)
        for ent in sdoc.ents:
            typed = _judged(gazetteer, ent, TYPES[ent.label_], known, companies, tools, words)
            if typed is not None:
                found.append((turn.index, ent, *typed, sentence_at[ent.start]))
    types = name_types(
        [(ent, etype) for _, ent, etype, source, _ in found if source == "ner"],
        known,
        gazetteer.name_word_sets(),
    )
    mentions: list[Mention] = []
    for turn_index, ent, etype, source, sentence in found:
        if source == "ner" and ent.text in types:
            etype = types[ent.text]
            if etype is None:
                continue
        for key in (ent.kb_id_ or ent.text).split("|"):
            mentions.append(
                Mention(etype, ent.text, key, turn_index, sentence, source, window_of(ent))
            )
    return mentions


class _Words:
    """How a document writes its words: lower-case words (with counts), title-case words
    inside sentences (lower-cased, with counts), common nouns also written in lower case,
    and the whole text."""

    def __init__(self, parsed: list[Any], written: str) -> None:
        from spacy.attrs import IS_ALPHA, IS_LOWER, IS_TITLE, LOWER, ORTH, POS, SENT_START
        from spacy.parts_of_speech import NOUN

        self.lower: Counter[str] = Counter()
        self.capital: Counter[str] = Counter()
        nouns: set[str] = set()
        columns = [ORTH, LOWER, IS_LOWER, IS_ALPHA, IS_TITLE, SENT_START, POS]
        for sdoc in parsed:  # read in bulk: no Token object per token
            if not len(sdoc):
                continue
            strings = sdoc.vocab.strings
            rows = sdoc.to_array(columns).tolist()
            for orth, lower, is_lower, is_alpha, is_title, sent_start, pos in rows:
                if is_lower and is_alpha:
                    self.lower[strings[orth]] += 1
                if is_title and sent_start != 1:  # a title-case word inside a sentence
                    self.capital[strings[lower]] += 1
                if pos == NOUN:
                    nouns.add(strings[orth])
        self.lower_nouns = {n for n in nouns if n in self.lower}
        self.written = written


def _judged(
    gazetteer: Gazetteer,
    ent: Any,
    etype: str,
    known: set[str],
    companies: set[int],
    tools: set[int],
    words: _Words,
) -> tuple[str, str] | None:
    """The (type, source) of the entity ``ent`` of NER type ``etype``, or None when it is
    no name: a kind of thing, a name cut short, a common word, a thing named like a person."""
    source = source_of(gazetteer, ent, etype)
    alpha = [t for t in ent if t.is_alpha]
    lone_name = source == "ner" and etype == "person" and len(ent) == 1 and ent.text not in known
    if lone_name and _listed_with(ent, companies):
        return "organization", "grammar"
    if lone_name and _listed_with(ent, tools):  # "Jenkins or GitHub Actions"
        return "concept", "grammar"
    if lone_name and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN":
        return None  # names a kind of thing: "a Skunkworks project", "Pokemon pipeline"
    if source != "ner":
        return etype, source
    if ent[-1].lower_ in _DANGLING:
        return None  # a name cut short by a known term: "Department of" [Data Science]
    if ent.text in known:
        return etype, source
    if (
        alpha
        and len(alpha) == len(ent)
        and all(t.lower_ in words.lower for t in alpha)
        and (
            _written_lower(ent.text, words.written)
            if len(alpha) > 1
            else words.lower[alpha[0].lower_] >= words.capital[alpha[0].lower_]
        )
    ):
        return None
    if etype == "person" and _thing_named_like_a_person(ent, words.lower_nouns):
        return None
    return etype, source


def known_tokens(gazetteer: Gazetteer, sdoc: Any, label: str) -> set[int]:
    """Indexes of the tokens of the gazetteer's entities labelled ``label`` in ``sdoc``."""
    from kgraph.extract.labels import TYPES

    return {
        i
        for ent in sdoc.ents
        if ent.label_ == label and source_of(gazetteer, ent, TYPES[label]) == "gazetteer"
        for i in range(ent.start, ent.end)
    }


def source_of(gazetteer: Gazetteer, ent: Any, etype: str) -> str:
    if not ent.kb_id_:
        return "ner"
    if etype == "book":
        return "book"
    known = gazetteer.lookup(ent.kb_id_, etype)
    return "gazetteer" if known and known[1] == ent.kb_id_ else "grammar"


def _written_lower(phrase: str, text: str) -> bool:
    """Whether ``text`` writes the words of ``phrase`` in lower case, as one phrase: "First
    Round" is a name where the text never says "first round" (it may say "first" and
    "round" apart)."""
    return re.search(rf"(?<![\w-]){re.escape(phrase.lower())}(?![\w-])", text) is not None


def name_types(
    names: list[tuple[Any, str]], known: Iterable[str], words: dict[str, frozenset[str]]
) -> dict[str, str | None]:
    """The type of each statistical person or organization name of a document, judged
    over all its mentions (``names``: (span, NER type) pairs; ``known``: the people the
    metadata names).

    A person's name starts with a given name, or is a word of a full name the document
    gives, or the sentences around it read it as a person; an organization's sentences
    read it as one ("CTO at X", "X's founder"). A one-word name that is no given name and
    that no sentence reads as a person is an organization (a company or its product); a
    longer one stays a person (a surname-first or foreign name the lexicon lacks)."""
    from kgraph.extract.names import Cues, add, mention_cues

    known = set(known)
    known_first = {n.split()[0] for n in known if n.split()}
    cues: dict[str, Cues] = {}
    votes: dict[str, Counter] = {}
    for ent, etype in names:
        if etype not in ("person", "organization"):
            continue
        add(cues.setdefault(ent.text, Cues()), mention_cues(ent, words))
        votes.setdefault(ent.text, Counter())[etype] += 1
    full_words, org_first = _name_words(known, known_first, votes, cues)
    out: dict[str, str | None] = {}
    for name, vote in votes.items():
        if name in known:
            continue
        judged = _name_type(name, vote, cues[name], known_first, full_words, org_first, words)
        if judged is not None:
            out[name] = judged or None  # "": no name of a person or an organization
    return out


def _name_type(
    name: str,
    vote: Counter,
    c: Any,
    known_first: set[str],
    full_words: set[str],
    org_first: set[str],
    words: dict[str, frozenset[str]],
) -> str | None:
    """The type :func:`name_types` gives ``name`` (NER ``vote``, cues ``c``), None where
    the NER's own reading stands, "" where it is no name of either."""
    from kgraph.extract.names import (
        family_names,
        is_given_name,
        is_surname_shaped,
        unlike_a_person,
    )

    parts = name.split()
    given = is_given_name(parts[0], known_first)
    part_of_person = len(parts) == 1 and name in full_words
    if len(parts) == 1 and name in org_first and not part_of_person:
        return "organization"
    if vote["person"] >= vote["organization"] and len(parts) > 1:
        last = parts[-1].lower()
        if last in words["org_heads"] and last not in family_names():
            return "organization"  # "Audrey Capital", "Acme Labs": a firm's name ("Alonzo Church")
        if c.person == 0 and not given and unlike_a_person(parts):
            return ""  # "Snow Leopard", "Pocket Casts", "Death Star": a title or product
    if vote["person"] >= vote["organization"]:
        if given or part_of_person:
            if c.organization > c.person + 1:
                return "organization"
        elif c.organization > c.person:
            return "organization"
        elif c.person == 0 and len(parts) == 1:
            # "Superhuman", "Nordstrom": no given name, no person's context; a proper
            # name that is no person is mostly a company or its product here
            return "organization"
        return None
    if part_of_person and c.organization == 0:
        return "person"  # "Mazal" of "Jorge Mazal"
    if len(parts) == 1 and c.person > c.organization and name not in org_first:
        return "person"  # "Antonis is asking", "we had Amjad on the podcast"
    if (
        2 <= len(parts) <= 3
        and c.organization == 0
        and given
        and all(p[:1].isupper() for p in parts)
        and is_surname_shaped(parts[-1])
        and parts[-1].lower() not in words["org_heads"]
    ):
        return "person"  # "Dolly Parton quotes", "Julia Evans": a person's name
    if (
        2 <= len(parts) <= 3
        and c.person > c.organization
        and parts[-1].lower() not in words["org_heads"]
    ):
        return "person"  # "Bo Burnham, the comedian", "a book by Donella Meadows"
    return None


def _name_words(
    known: set[str], known_first: set[str], votes: dict[str, Counter], cues: dict[str, Any]
) -> tuple[set[str], set[str]]:
    """The first and last words of the document's full names of people, and the first
    words of its names of organizations."""
    from kgraph.extract.names import is_given_name

    full_words = set()  # words of the document's full names of people
    for name in [*known, *(n for n, v in votes.items() if v["person"] >= v["organization"])]:
        parts = name.split()
        if 2 <= len(parts) <= 4 and (name in known or is_given_name(parts[0], known_first)):
            full_words.update(p for p in (parts[0], parts[-1]) if p[:1].isupper())
    org_first = {  # "Surge" of "Surge AI", "Stitch" of "Stitch Fix"
        n.split()[0]
        for n, v in votes.items()
        if len(n.split()) > 1
        and (v["organization"] > v["person"] or cues[n].organization > cues[n].person)
    }
    return full_words, org_first


def _thing_named_like_a_person(ent: Any, lower_nouns: set[str]) -> bool:
    """A two-word "person" of the statistical NER that names a thing: its last word is a
    common noun the document also writes in lower case ("Quantum Collider" beside "the
    collider"), or it follows an article ("the Large Quantum Collider": people take none)."""
    words = [t for t in ent if t.is_alpha]
    if len(words) != 2 or len(ent) != 2:
        return False
    if words[-1].lower_ in lower_nouns:
        return True
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].is_title and doc[i].pos_ in ("ADJ", "PROPN") and ent.start - i < 3:
        i -= 1  # "the Large ..."
    return i >= 0 and doc[i].lower_ in ("the", "a", "an")


def _listed_with(ent: Any, companies: set[int]) -> bool:
    """Whether a one-word "person" is listed with known things (tokens ``companies``) and
    no person ("Fivetran, Stitch, Xplenty"): the items of a list are things of one kind. A list
    separates its items with commas or "and"/"or", not with a dash ("working for
    DataTalks.Club – Francis and Valeria")."""
    conjuncts = ent.root.conjuncts
    if any(t.ent_type_ == "PERSON" for t in conjuncts):
        return False
    doc = ent.doc
    for t in conjuncts:  # the known thing, or a name it starts ("GitHub Actions")
        if t.i in companies or (
            t.pos_ == "PROPN" and any(c.i in companies for c in t.children if c.dep_ == "compound")
        ):
            between = doc[min(t.i, ent.start) + 1 : max(t.i, ent.start)]
            if any(w.text == "," or w.dep_ == "cc" for w in between) and not any(
                w.text in ("-", "\u2013", "\u2014", ":") for w in between
            ):
                return True
    return False
