"""The spaCy labels of kgraph's entity types (from :data:`kgraph.model.ENTITY_TABLE`)."""

from kgraph.model import ENTITY_TABLE

LABELS = {t.name: t.spacy_label for t in ENTITY_TABLE}
TYPES = {t.spacy_label: t.name for t in ENTITY_TABLE}
CONCEPT_SPANS = "kgraph_concepts"
"""Span group of candidates decided by the extractor: concepts (label CONCEPT) and titles
(label TITLE, kept in an answer about books)."""
TITLE = "TITLE"
