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


def make_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """The pipeline's AttributeRuler with indexed matching (set ``.ruler`` after adding)."""
    return FastAttributeRuler(nlp, name)


def make_memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    """The pipeline's rule Lemmatizer, each distinct key lemmatized once (set ``.lemmatizer``)."""
    return MemoLemmatizer(name)


# name, the component (a class made as ``Component(nlp, name, **config)``, or a function),
# its default config, what it assigns and what it requires.
COMPONENTS = (
    ("kgraph_gazetteer", GazetteerRuler, {"patterns": None, "overwrite": False},
     ["doc.ents"], ["token.pos"]),
    ("kgraph_roles", RoleGrammar, {"patterns": None},
     ["doc.ents"], ["token.pos", "token.dep"]),
    ("kgraph_books", BookDetector, {"patterns": None, "max_words": 12},
     ["doc.ents"], ["token.pos"]),
    ("kgraph_entities", EntityFilter, {"patterns": None},
     ["doc.ents"], ["doc.ents", "token.pos"]),
    ("kgraph_concepts", ConceptFinder, {"patterns": None, "max_words": 4},
     ["doc.spans"], ["token.pos", "token.lemma", "doc.ents"]),
    ("kgraph_selective_ner", SelectiveNER, {"batch_size": 256},
     ["doc.ents"], ["doc.sents", "token.pos"]),
    ("kgraph_attribute_ruler", make_attribute_ruler, {},
     ["token.tag", "token.pos", "token.morph", "token.lemma"], ["token.tag"]),
    ("kgraph_memo_lemmatizer", make_memo_lemmatizer, {},
     ["token.lemma"], ["token.pos"]),
)  # fmt: skip

for _name, _component, _config, _assigns, _requires in COMPONENTS:
    Language.factory(
        _name, default_config=_config, assigns=_assigns, requires=_requires, func=_component
    )
