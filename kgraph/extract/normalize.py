"""String normalisation shared by extraction, resolution and evaluation (no spaCy here)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_PLURAL = {
    "analytics",
    "statistics",
    "physics",
    "mathematics",
    "economics",
    "ethics",
    # fields named in -ics
    "bioinformatics",
    "biostatistics",
    "linguistics",
    "robotics",
    "genomics",
    "informatics",
    "econometrics",
    "logistics",
    "semantics",
    "dynamics",
    "electronics",
    "mechanics",
    "optics",
    "politics",
    "forensics",
    "ergonomics",
    "kubernetes",
    "pandas",
    "news",
    "series",
    "species",
    "ops",
    "mlops",
    "devops",
    "dataops",
    "business",
    "process",
    "class",
    "access",
    "success",
    "progress",
    "address",
    "express",
    "aws",
    "gps",
    "bias",
    "biases",
    "lens",
    "canvas",
    "corpus",
    "status",
    "focus",
    "campus",
    "bonus",
    "census",
    "consensus",
    "virus",
    "thesis",
    "analysis",
    "basis",
    "hypothesis",
    "axis",
    "diagnosis",
    "synthesis",
    "emphasis",
    "crisis",
    "chaos",
    "yes",
    "this",
    "its",
    "us",
    "less",
    "loss",
    "boss",
    "is",
    "was",
    "has",
    "does",
    "goes",
    "plus",
    "minus",
    "always",
    "sometimes",
    "perhaps",
    "whys",
    "microservices",
    "metrics",
    "kudos",
    "genetics",
    "graphics",
}
_IRREGULAR = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "indices": "index",
    "criteria": "criterion",
    "phenomena": "phenomenon",
}
_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def clean(text: str) -> str:
    """Unify quotes and dashes and collapse white space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(_QUOTES)).strip()


def is_acronym(word: str) -> bool:
    """``"CTO"``, ``"ML"``, ``"E7"``, ``"A/B"`` -> True; ``"Meta"`` -> False."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and len(word) <= 6 and all(c.isupper() for c in letters)


def singular(word: str) -> str:
    """Singular of one English word (rule based, conservative).

    >>> [singular(w) for w in ["docs", "companies", "analytics", "ETLs", "AWS", "boxes"]]
    ['doc', 'company', 'analytics', 'ETL', 'AWS', 'box']
    """
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if is_acronym(word):
        return word
    if len(word) > 2 and word.endswith("s") and is_acronym(word[:-1]):
        return word[:-1]  # ETLs, CNNs, E7s
    if len(low) <= 3 or low in _NOT_PLURAL or not low.endswith("s"):
        return word
    if low.endswith(("ss", "us", "is")) or low.endswith("'s"):
        return word
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + ("y" if word[-3].islower() else "Y")
    if low.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def plural(word: str) -> str:
    """Plural of one English word: ``"doc"`` -> ``"docs"``, ``"CTO"`` -> ``"CTOs"``."""
    if is_acronym(word):
        return word + "s"
    low = word.lower()
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


@lru_cache(maxsize=262144)
def norm_key(text: str) -> str:
    """Comparison key: lower case, singular last word, hyphens and spaces unified.

    >>> norm_key("Design Docs") == norm_key("design-doc") == "design doc"
    True
    """
    text = clean(text).strip(" .,;:!?\"'()[]")
    # a span cut inside a hyphenated word ("-touch attribution models") still has a key:
    # an empty first word made every such phrase one entity with an empty name
    words = [word for word in re.split(r"[\s\-]+", text) if word]
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words).lower()
