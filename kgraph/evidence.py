"""Which quotes inform: greetings, introductions and few-word mentions rank last.

One ranking for every place that shows quotes. The graph stores each node's evidence and
each edge's examples in this order (``kgraph.graph``), so the HTML page, ``kgraph show`` and
``kgraph path`` all show the telling quotes first: "We have a special guest today, X" says
nothing about X, and "He's a staff at Pinterest." little about staff engineers. The phrases
and cues are data: ``kgraph/data/boilerplate.yaml``, the one list of boilerplate, whose
sponsor-read and call-to-action cues also keep claims out (``kgraph.extract.boilerplate``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["BOILERPLATE", "INFORMATIVE", "SHORT", "quote_rank", "rank_quotes"]

PHRASE_LISTS = ("greeting", "introduction", "sign_off")
CUE_LISTS = ("sponsor_start", "sponsor_mention", "call_to_action")
MIN_WORDS = 6
"""Sentences with fewer words name something in passing ("He's a staff at Pinterest.")."""

INFORMATIVE, SHORT, BOILERPLATE = 0, 1, 2  # ranks, best first

T = TypeVar("T")


_WORD = re.compile(r"[\w']+")


@functools.cache
def _rules() -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str], re.Pattern[str]]:
    """The boilerplate phrases by first word (word tuples), the greeting openings and
    the sponsor-read and call-to-action cues (one pattern)."""
    from kgraph.extract.boilerplate import default_lists

    lists = default_lists()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for name in PHRASE_LISTS:
        for phrase in lists.get(name) or []:
            words = tuple(_words(str(phrase)))
            if words:
                phrases.setdefault(words[0], []).append(words[1:])
    openings = frozenset(w for o in lists.get("openings") or [] for w in _words(str(o)))
    cues = "|".join(f"(?:{p})" for name in CUE_LISTS for p in lists.get(name) or [])
    return phrases, openings, re.compile(cues or r"(?!)", re.I)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


@functools.lru_cache(maxsize=1 << 16)  # a sentence is ranked for many pairs of one turn
def quote_rank(quote: str | None) -> int:
    """INFORMATIVE (0), SHORT (1: fewer than ``min_words`` words) or BOILERPLATE (2:
    a greeting, an introduction, a sign-off or a sponsor read); lower is better.

    >>> quote_rank("We have a special guest today, Jakob.")
    2
    >>> quote_rank("He's a staff at Pinterest.")
    1
    >>> quote_rank("A design doc lets the whole team review the plan before anyone codes.")
    0
    """
    phrases, openings, cues = _rules()
    words = _words(quote or "")
    if words and words[0] in openings:
        return BOILERPLATE
    # word tuples, not one regular expression: 40x faster over a corpus's sentences
    if not phrases.keys().isdisjoint(words):
        for i, word in enumerate(words):
            for rest in phrases.get(word, ()):
                if tuple(words[i + 1 : i + 1 + len(rest)]) == rest:
                    return BOILERPLATE
    if quote and cues.search(quote):
        return BOILERPLATE
    if len(words) < MIN_WORDS:
        return SHORT
    return INFORMATIVE


def rank_quotes(items: Iterable[T], quote: Callable[[T], str | None]) -> list[T]:
    """``items`` best first by :func:`quote_rank` of ``quote(item)``, otherwise in order."""
    return sorted(items, key=lambda item: quote_rank(quote(item)))
