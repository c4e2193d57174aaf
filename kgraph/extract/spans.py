"""Helpers shared by kgraph's spaCy components: merging spans into ``doc.ents``, matching
in bounded time, and token tests used by more than one component."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token


def nominal(token: Token) -> bool:
    """Part of a noun phrase: nouns, adjectives, and "-ing" forms ("machine learning")."""
    return token.pos_ in ("NOUN", "PROPN", "ADJ") or token.tag_ == "VBG"


LONGEST_RUN = 16
"""spaCy's Matcher takes time quadratic in the length of a run of words that a repeated
("*", "+") pattern token matches: thousands of capitalised words of junk text take minutes.
Noun phrases and role names are shorter than this; a longer run is matched in pieces."""


def bounded_matches(matcher: Any, doc: Doc, in_run: Callable[[Token], bool]) -> list[Any]:
    """``matcher(doc)``, each run of more than LONGEST_RUN tokens for which ``in_run`` holds
    matched in pieces of that length (offsets are the doc's)."""
    cuts, run = [], 0
    for token in doc:
        run = run + 1 if in_run(token) else 0
        if run > LONGEST_RUN and run % LONGEST_RUN == 1:
            cuts.append(token.i)
    if not cuts:
        return matcher(doc)
    found = []
    for start, end in pairwise([0, *cuts, len(doc)]):
        found += [(key, start + s, start + e) for key, s, e in matcher(doc[start:end])]
    return found


def merge_ents(doc: Doc, spans: Iterable[Span], *, overwrite: bool) -> None:
    """Add ``spans`` to ``doc.ents``: longer spans win; on ties the new span wins when
    ``overwrite`` and the existing one otherwise."""
    existing = list(doc.ents)
    new = list(spans)
    ranked = [(s, 1 if overwrite else 0) for s in new] + [
        (s, 0 if overwrite else 1) for s in existing
    ]
    ranked.sort(key=lambda item: (-(item[0].end - item[0].start), -item[1], item[0].start))
    taken: set[int] = set()
    kept: list[Span] = []
    for span, _ in ranked:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        kept.append(span)
        taken.update(range(span.start, span.end))
    doc.ents = sorted(kept, key=lambda s: s.start)


def author_at(doc: Doc, i: int) -> bool:
    """A name starts at ``doc[i]``: a name the NER found, a given name, or two or three
    capitalised words and no more ("by Donella Meadows", not "by Choice")."""
    from kgraph.extract.names import is_given_name

    if i >= len(doc):
        return False
    token = doc[i]
    if token.ent_iob_ == "B" and token.ent_type_ in ("PERSON", "ORG"):
        return True
    if token.is_title and is_given_name(token.text):
        return True
    end = i
    while end < len(doc) and end - i < 4 and doc[end].is_title and doc[end].is_alpha:
        end += 1
    return 2 <= end - i <= 3


def patterns_path(patterns: str | None) -> Path | None:
    return Path(patterns) if patterns else None


def after_hyphen(token: Token) -> bool:
    """``token`` continues a hyphenated word ("time" in "full-time")."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.text == "-" and not before.whitespace_
