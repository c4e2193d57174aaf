"""How a quote names the thing a stance is about: its forms as whole words (plurals too,
an acronym in capitals only), where a cue's scope starts or a judged clause ends, and in
the case that names it (:func:`kgraph.answers.stance.stance`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable


def object_pattern(forms: Iterable[str]) -> str:
    """Any of ``forms`` as whole words (plurals too); an acronym ("PR", "OKR") only in
    capitals, so that "pr" in a word's other sense does not count."""
    parts = []
    for form in sorted({f.strip() for f in forms if f and f.strip()}, key=lambda f: -len(f)):
        words = r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", form))
        acronym = form.isupper() and len(form) <= 6
        parts.append(f"(?-i:{words}(?:s)?)" if acronym else f"{words}(?:e?s)?")
    # not the end of a hyphenated word: "founder" is not "co-founder"
    return r"(?<![\w-])(?:" + "|".join(parts or ["(?!)"]) + r")(?!\w)"


@functools.lru_cache(maxsize=4096)
def object_at_start(forms: tuple[str, ...]) -> re.Pattern[str]:
    """The object at the start of a cue's scope (its fillers gone)."""
    return re.compile(object_pattern(forms), re.I)


@functools.lru_cache(maxsize=4096)
def object_at_end(forms: tuple[str, ...]) -> re.Pattern[str]:
    """The object at the end of the clause before a judgement ("X is overrated"): made
    apart from :func:`object_at_start`, as most quotes need one of them only."""
    return re.compile(object_pattern(forms) + r"(?:\s+\w+){0,2}\s*$", re.I)


def names_by_case(text: str, title: bool, lower: bool, clause_start: bool) -> bool:
    """Whether ``text`` names the thing by its case too: a title (the book "Principles")
    is not a word in lower case ("make your principle"); a thing named in lower case (its
    label: the role "entrepreneur") is not a capitalised word inside a clause, which is a
    name ("stop chasing Entrepreneur", the magazine)."""
    letters = [c for c in text if c.isalpha()][:2]
    if title:
        return bool(letters) and letters[0].isupper()
    if lower and len(letters) == 2 and letters[0].isupper() and letters[1].islower():
        return clause_start  # not "KPIs": an acronym
    return True
