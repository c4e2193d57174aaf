"""Whether a name the statistical NER found is a person, an organization or neither.

spaCy's small English NER calls many products and companies people ("Superhuman",
"Stitch Fix") and some people organizations; its label alone is weak evidence. Each name is
judged over all its mentions in a document by three kinds of evidence that hold beyond
the documents they were developed on:

- its shape: whether its first word is a given name (the first names of Faker's person
  providers, ~20k names of ~60 locales) or it is the first or last word of a person's
  full name in the same document;
- the sentences around it: "CTO at X", "joined X", "X's founder", "the founder of X", "X
  acquired", "X is a startup" say organization; "X said", "my friend X", "X's book", "X,
  who", "X, the CEO of" say person (cue words in ``kgraph/data/names.yaml``);
- what the document knows: speaker names and metadata (the caller passes them).

No spaCy import here: the functions read tokens and spans handed to them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_NAME = re.compile(r"[^\W\d_][^\W\d_'\-]*", re.UNICODE)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lower-case given names of Faker's person providers (every locale written in the
    Latin script, including romanised lists). Empty when Faker is not installed."""
    return _provider_names(("first_names", "first_romanized_names"))


@lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    """Lower-case family names of Faker's person providers (Latin script). Empty when
    Faker is not installed."""
    return _provider_names(("last_names", "last_romanized_names"))


def _provider_names(prefixes: tuple[str, ...]) -> frozenset[str]:
    try:
        providers = importlib.import_module("faker.providers.person")
    except ImportError:
        return frozenset()
    names: set[str] = set()
    for info in pkgutil.iter_modules(providers.__path__):
        try:
            module = importlib.import_module(f"faker.providers.person.{info.name}")
        except ImportError:
            continue
        provider = getattr(module, "Provider", None)
        for attr in dir(provider) if provider is not None else ():
            if not attr.startswith(prefixes):
                continue
            values = getattr(provider, attr)
            if isinstance(values, dict):
                values = list(values)
            if not isinstance(values, (list, tuple, set, frozenset)):
                continue
            for name in values:
                if isinstance(name, str) and name.isascii() and _NAME.fullmatch(name):
                    names.add(name.lower())
    return frozenset(names)


def is_surname_shaped(word: str) -> bool:
    """Whether ``word`` can end a person's name: a family name of Faker's lists, or a word
    rare in English (wordfreq Zipf < 3.5: "Sanfilippo", "Parton"), not a common word
    ("Kitchen", "Labs")."""
    if word.lower() in family_names():
        return True
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return False
    return zipf_frequency(word, "en") < 3.5


def unlike_a_person(parts: list[str]) -> bool:
    """Whether a name of several words whose first is no given name is no person's: its
    last word is no surname ("Scavengers Reign", "Gen Z"), or its first is a common English
    word and its last no family name ("Snow Leopard", "Global Gurus"). A foreign given
    name the lexicon lacks is rare in English and keeps a person ("Bangaly Kaba")."""
    if not is_surname_shaped(parts[-1]):
        return True
    return parts[-1].lower() not in family_names() and _zipf(parts[0]) >= 3.8


def _zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale); 0 without wordfreq."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return 0.0
    return zipf_frequency(word.lower(), "en")


def is_given_name(word: str, extra: Iterable[str] = ()) -> bool:
    """Whether ``word`` is a known given name (case-insensitive); ``extra`` adds names."""
    low = word.lower()
    return low in given_names() or low in {w.lower() for w in extra}


@dataclass
class Cues:
    """Evidence for one name over its mentions: sentences that read it as a person or as
    an organization."""

    person: int = 0
    organization: int = 0


def _lemma(token: Any) -> str:
    return token.lemma_.lower()


# Long as a table of rules is: one `if` a cue, each with its example, all reading the same
# neighbours of the mention and adding to one count; kept together so that they can be
# compared (and a new cue added) in one place.
def mention_cues(ent: Any, words: dict[str, frozenset[str]]) -> Cues:
    """What the words around one mention say about it (``words``: the cue word lists)."""
    doc = ent.doc
    cues = Cues()
    prev = doc[ent.start - 1] if ent.start > 0 else None
    prev2 = doc[ent.start - 2] if ent.start > 1 else None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    nxt2 = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
    root = ent.root
    org_nouns = words["org_nouns"]
    person_nouns = words["person_nouns"]
    # --- organization
    if prev is not None and prev.lower_ == "the" and not ent[0].is_lower:
        cues.organization += 1  # "the Federal Reserve": people take no article
    if prev is not None:
        if prev.lower_ == "at" and _lemma(prev.head) not in words["at_not_org"]:
            cues.organization += 1  # "CTO at X", "I was at X"
        elif prev.lower_ in ("joined", "join", "joining", "joins"):
            cues.organization += 1
        elif prev.lower_ == "for" and _lemma(prev.head) == "work":
            cues.organization += 1  # "worked for X"; "worked with X" names people as often
        elif prev.lower_ == "of" and (
            _lemma(prev.head) in words["org_roles"] or prev.head.ent_type_ == "ROLE"
        ):
            cues.organization += 1  # "the founder of X", "head of product at"
        elif (
            prev.lower_ in ("like", "called", "named")
            and prev2 is not None
            and _lemma(prev2) in org_nouns
        ):
            cues.organization += 1  # "companies like X", "a startup called X"
    if nxt is not None and nxt.lower_ in ("'s", "\u2019s") and nxt2 is not None:
        if nxt2.lower_ in words["org_possessions"]:
            cues.organization += 1  # "X's founder", "X's customers"
        elif nxt2.lower_ in words["person_possessions"]:
            cues.person += 1  # "X's book", "X's wife"
    if nxt is not None and nxt.lower_ in org_nouns and nxt.pos_ == "NOUN":
        cues.organization += 1  # "the X app", "X platform"
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if _lemma(head) in words["org_verbs"]:
            cues.organization += 1  # "X acquired", "X raised"
        elif _lemma(head) in words["person_verbs"]:
            cues.person += 1  # "X said", "X wrote"
        elif _lemma(head) == "be":
            for child in head.children:
                if child.dep_ == "attr" and _lemma(child) in org_nouns:
                    cues.organization += 1  # "X is a startup"
                elif child.dep_ == "attr" and (
                    child.ent_type_ == "ROLE" or _lemma(child) in person_nouns
                ):
                    cues.person += 1  # "X is the CEO of", "X is an author"
    if root.dep_ == "dobj" and _lemma(head) in words["org_objects"]:
        cues.organization += 1  # "I joined X", "they acquired X", "we use X"
    if root.dep_ == "appos" and (head.ent_type_ == "ROLE" or _lemma(head) in person_nouns):
        cues.person += 1  # "our chief people officer, Julia,", "your colleague, Justin,"
    for child in root.children:
        if child.dep_ != "appos":
            continue
        if child.ent_type_ == "ROLE" or _lemma(child) in person_nouns:
            cues.person += 1  # "X, the CEO of Y", "X, a writer"
        elif _lemma(child) in org_nouns:
            cues.organization += 1  # "X, a startup in Berlin"
    if prev is not None and (
        prev.lower_ in person_nouns or (prev.ent_type_ == "ROLE" and prev.dep_ == "compound")
    ):
        cues.person += 1  # "my friend X", "author X", "CEO X"
    if (
        prev is not None
        and prev.lower_ == "by"
        and prev2 is not None
        and (
            prev2.ent_type_ == "BOOK"
            or prev2.is_title
            or _lemma(prev.head) in words["person_verbs"] | {"book", "essay", "article"}
        )
    ):
        cues.person += 1  # "Thinking in Systems by X", "a book by X", "written by X"
    if (
        nxt is not None
        and nxt.lower_ == "as"
        and nxt2 is not None
        and nxt2.lower_ in ("a", "an", "the", "our", "my")
        and ent.end + 2 < len(doc)
        and (doc[ent.end + 2].ent_type_ == "ROLE" or doc[ent.end + 2].lower_ in person_nouns)
    ):
        cues.person += 1  # "Janice as a designer is going to design a prototype"
    if (
        prev is not None
        and _lemma(prev) == "have"
        and nxt is not None
        and nxt.lower_ == "on"
        and ent.end + 2 < len(doc)
        and doc[ent.end + 2].lower_ in words.get("shows", ())
    ):
        cues.person += 1  # "when we had X on the podcast": a guest
    relative = nxt2 if nxt is not None and nxt.text == "," else nxt
    if relative is not None and relative.lower_ in ("who", "whom", "whose"):
        cues.person += 1  # "X, who ...", "it was X who said"
    if (
        prev is not None
        and prev.lower_ == "from"
        and prev2 is not None
        and _lemma(prev2) in words["said_by"]
    ):
        cues.person += 1  # "a question from X"
    return cues


def add(total: Cues, more: Cues) -> None:
    total.person += more.person
    total.organization += more.organization


@lru_cache(maxsize=1)
def _gendered_names() -> dict[str, str]:
    """Lower-case given name -> "male" / "female" for names Faker's English-speaking
    locales (en_US, en_GB, en_IN, ...) list for one of the two only. Empty when Faker is
    not installed."""
    try:
        providers = importlib.import_module("faker.providers.person")
    except ImportError:
        return {}
    seen: dict[str, set[str]] = {}
    for info in pkgutil.iter_modules(providers.__path__):
        if not info.name.startswith("en_"):  # "en" lists unisex names for one only ("Tobi")
            continue
        try:
            module = importlib.import_module(f"faker.providers.person.{info.name}")
        except ImportError:
            continue
        provider = getattr(module, "Provider", None)
        for gender in ("male", "female"):
            values = getattr(provider, f"first_names_{gender}", None) or ()
            for name in list(values):
                if isinstance(name, str) and name.isascii():
                    seen.setdefault(name.lower(), set()).add(gender)
    return {name: genders.pop() for name, genders in seen.items() if len(genders) == 1}


def given_name_gender(name: str) -> str | None:
    """ "male" or "female" when the first word of ``name`` is a given name listed for one
    only ("Mark", "Naomi"); None when unknown or used for both ("Alex", "Jordan")."""
    first = name.split()[0].lower() if name.split() else ""
    return _gendered_names().get(first)
