"""Entity labels written to ``doc.ents`` by kgraph's components, and their types."""

LABELS = {
    "person": "PERSON",
    "organization": "ORG",
    "role": "ROLE",
    "book": "BOOK",
    "concept": "CONCEPT",
}
TYPES = {label: etype for etype, label in LABELS.items()}
CONCEPT_SPANS = "kgraph_concepts"
