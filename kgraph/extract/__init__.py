"""Extraction stage: spaCy finds entities and claims in each turn of a document.

Importing this package does not import spaCy; the model loads on the first extraction.
"""

from kgraph.extract.claims import Ref
from kgraph.extract.extraction import (
    EXTRACTION_VERSION,
    ClaimMention,
    DocumentExtraction,
    Mention,
    TurnRef,
)
from kgraph.extract.extractor import Extractor

__all__ = [
    "EXTRACTION_VERSION",
    "ClaimMention",
    "DocumentExtraction",
    "Extractor",
    "Mention",
    "Ref",
    "TurnRef",
]
