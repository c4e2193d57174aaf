"""How a quote names the thing a stance is about: its forms as whole words (plurals too,
an acronym in capitals only), where a cue's scope starts or a judged clause ends, and in
the case that names it (:func:`kgraph.answers.stance.stance`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kgraph.answers.cue_words import alternations, vocabulary


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
    """The object at the end of the clause before a judgement ("X is overrated"), two
    words or whom it is for after it ("OKRs for a seed startup are overkill"): made apart
    from :func:`object_at_start`, as most quotes need one of them only."""
    return re.compile(
        object_pattern(forms) + r"(?:\s+(?:for|at)(?:\s+\w+){1,4}|(?:\s+\w+){0,2})\s*$", re.I
    )


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


def in_a_way(words: str, start: int, at_start: re.Pattern[str]) -> bool:
    """The thing judged is qualified by a way of doing it: "OKRs done as a checklist"."""
    named = at_start.match(words, start)
    return bool(named) and manner(words[named.end() :])


def manner(after: str) -> bool:
    """The words after a thing advised against say a way of doing it (a participle, "with",
    "without", a relative clause: stances.yaml manner_words): "OKRs done as a checklist
    are a waste of time", "don't use LLMs without evals" reject that way, not the thing."""
    following = re.match(r"\s+([a-z]+)(?:\s+([a-z]+))?", after.lower())
    if not following:
        return False
    word, then = following.group(1), following.group(2) or ""
    if word == "that" and (then.endswith("ly") or then in degree_words()):
        return False  # "don't hire a PM that early": how early, no clause
    participle = len(word) >= 4 and word.endswith("ed") and not word.endswith("eed")
    return word in manner_words() or participle


@functools.cache
def degree_words() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().get("degree_words", []))


@functools.cache
def manner_words() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().get("manner_words", []))


@functools.cache
def faulted() -> re.Pattern[str]:
    """A fault said of the thing right before it: "a poor strategy is a waste of time"
    dismisses a poor one, not strategy."""
    return re.compile(rf"\b{alternations()['faulting_adjectives']}\s+$", re.I)


def qualifies(after: str) -> bool:
    """The thing named qualifies the word after it ("an analytics system", "a
    decision-making structure": a system, a structure) or is framed ("LLMs in terms of
    oracles"): the advice is not about it."""
    following = re.match(r"[\s\-]+([a-z]+)(?:\s+([a-z]+)\s+([a-z]+))?", after.lower())
    if not following:
        return False
    if following.group(1) == "in" and following.group(2, 3) == ("terms", "of"):
        return True
    return following.group(1) in compound_heads()


@functools.cache
def compound_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().get("compound_heads", []))
