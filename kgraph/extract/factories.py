"""Registration of kgraph's spaCy components, each with its default config.

Importing this module registers the factories (it imports spaCy: import it lazily).
"""

from __future__ import annotations

from spacy.language import Language

from kgraph.extract.attributes import FastAttributeRuler
from kgraph.extract.books import BookDetector
from kgraph.extract.concepts import ConceptFinder
from kgraph.extract.gazetteer_ruler import GazetteerRuler
from kgraph.extract.lemmas import MemoLemmatizer
from kgraph.extract.ner import EntityFilter, SelectiveNER
from kgraph.extract.roles import RoleGrammar


@Language.factory(
    "kgraph_gazetteer",
    default_config={"patterns": None, "overwrite": False},
    assigns=["doc.ents"],
    requires=["token.pos"],
)
def make_gazetteer(
    nlp: Language, name: str, patterns: str | None, overwrite: bool
) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, patterns=patterns, overwrite=overwrite)


@Language.factory(
    "kgraph_roles",
    default_config={"patterns": None},
    assigns=["doc.ents"],
    requires=["token.pos", "token.dep"],
)
def make_roles(nlp: Language, name: str, patterns: str | None) -> RoleGrammar:
    return RoleGrammar(nlp, name, patterns=patterns)


@Language.factory(
    "kgraph_books",
    default_config={"patterns": None, "max_words": 12},
    assigns=["doc.ents"],
    requires=["token.pos"],
)
def make_books(nlp: Language, name: str, patterns: str | None, max_words: int) -> BookDetector:
    return BookDetector(nlp, name, patterns=patterns, max_words=max_words)


@Language.factory(
    "kgraph_entities",
    default_config={"patterns": None},
    assigns=["doc.ents"],
    requires=["doc.ents", "token.pos"],
)
def make_entities(nlp: Language, name: str, patterns: str | None) -> EntityFilter:
    return EntityFilter(nlp, name, patterns=patterns)


@Language.factory(
    "kgraph_concepts",
    default_config={"patterns": None, "max_words": 4},
    assigns=["doc.spans"],
    requires=["token.pos", "token.lemma", "doc.ents"],
)
def make_concepts(nlp: Language, name: str, patterns: str | None, max_words: int) -> ConceptFinder:
    return ConceptFinder(nlp, name, patterns=patterns, max_words=max_words)


@Language.factory(
    "kgraph_selective_ner",
    default_config={"batch_size": 256},
    assigns=["doc.ents"],
    requires=["doc.sents", "token.pos"],
)
def make_selective_ner(nlp: Language, name: str, batch_size: int) -> SelectiveNER:
    return SelectiveNER(nlp, name, batch_size=batch_size)


@Language.factory(
    "kgraph_attribute_ruler",
    assigns=["token.tag", "token.pos", "token.morph", "token.lemma"],
    requires=["token.tag"],
)
def make_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """The pipeline's AttributeRuler with indexed matching (set ``.ruler`` after adding)."""
    return FastAttributeRuler(nlp, name)


@Language.factory(
    "kgraph_memo_lemmatizer",
    assigns=["token.lemma"],
    requires=["token.pos"],
)
def make_memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    """The pipeline's rule Lemmatizer, each distinct key lemmatized once (set ``.lemmatizer``)."""
    return MemoLemmatizer(name)
