"""Extraction stage: spaCy finds entities and claims in each turn of a document.

Importing this package imports neither spaCy nor the claim rules: the views read the
gazetteer and name keys (``kgraph.extract.patterns``, ``.normalize``) without them, and
the model loads on the first extraction. The names below load when first used.
"""

import importlib
from typing import Any

_HOMES = {
    "Ref": "kgraph.extract.claims",
    "EXTRACTION_VERSION": "kgraph.extract.extraction",
    "ClaimMention": "kgraph.extract.extraction",
    "DocumentExtraction": "kgraph.extract.extraction",
    "Mention": "kgraph.extract.extraction",
    "TurnRef": "kgraph.extract.extraction",
    "Extractor": "kgraph.extract.extractor",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
