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


Cue = tuple[str, re.Pattern[str]]
"""A cue pattern and a piece of text (lower case, may be empty) every match of it holds."""


def _literal_in(pattern: str) -> str:
    """The longest run of plain characters at the top level of ``pattern`` (lower case):
    text every match holds, so that a quote without it need not be searched. Empty when
    there is none or the pattern cannot be read this way (the standard library's own
    parser of regular expressions, ``re._parser``)."""
    try:
        from re import _constants, _parser

        items = list(_parser.parse(pattern, re.IGNORECASE).data)
    except Exception:  # noqa: BLE001 - another Python's internals: no shortcut, same result
        return ""
    best = run = ""
    for op, value in items:
        if op is _constants.LITERAL:
            run += chr(value)
        else:
            best, run = max(best, run, key=len), ""
    best = max(best, run, key=len)
    # ASCII only: str.lower() and re.IGNORECASE agree on ASCII letters, but for the four
    # non-ASCII letters re also matches to them (Kelvin sign, long s, dotted and dotless
    # i), mapped to those first
    return best.lower() if best.isascii() else ""


_IGNORECASE_LIKE = str.maketrans({"K": "k", "ſ": "s", "ı": "i", "İ": "i"})


@functools.cache
def _rules() -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str], list[Cue]]:
    """The boilerplate phrases by first word (word tuples), the greeting openings and
    the sponsor-read and call-to-action cues (each with the text its matches hold:
    searching each cue where its text occurs is ~2x faster than searching one pattern
    of all of them everywhere)."""
    from kgraph.extract.boilerplate import default_lists

    lists = default_lists()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for name in PHRASE_LISTS:
        for phrase in lists.get(name) or []:
            words = tuple(_words(str(phrase)))
            if words:
                phrases.setdefault(words[0], []).append(words[1:])
    openings = frozenset(w for o in lists.get("openings") or [] for w in _words(str(o)))
    cues = [
        (_literal_in(p), re.compile(p, re.IGNORECASE))
        for name in CUE_LISTS
        for p in lists.get(name) or []
    ]
    return phrases, openings, cues


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
    if quote:
        lower = quote.translate(_IGNORECASE_LIKE).lower()
        if any(text in lower and cue.search(quote) for text, cue in cues):
            return BOILERPLATE
    if len(words) < MIN_WORDS:
        return SHORT
    return INFORMATIVE


def rank_quotes(items: Iterable[T], quote: Callable[[T], str | None]) -> list[T]:
    """``items`` best first by :func:`quote_rank` of ``quote(item)``, otherwise in order."""
    return sorted(items, key=lambda item: quote_rank(quote(item)))
