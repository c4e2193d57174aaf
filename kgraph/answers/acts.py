"""What a piece of advice does with the thing it names: "don't create an LLM" advises
against creating one, not against using one ("use LLMs to draft"), while "stay away from
OKRs", "OKRs are overrated" or "don't use OKRs" reject the thing whole. Two sides of a
disagreement oppose each other when the side against rejects the thing whole or the
same act the other side advises."""

from __future__ import annotations

import functools
import re
from typing import Any

from kgraph.answers.cue_rules import FILL
from kgraph.answers.cue_words import vocabulary
from kgraph.answers.naming import object_at_start
from kgraph.query.names import norm

_FILLERS = re.compile(r"(?<![\w'])" + FILL + r"$", re.I)
_PARTICLES = frozenset(["away", "clear", "rid", "off", "over", "through"])


def act(quote: str, named: re.Pattern[str]) -> str | None:
    """The verb (with its particle: "stay away" from) acting on the thing ``named``
    finds in ``quote`` (the first one so acted on), fillers skipped; None when nothing
    acts on it (its clause starts with it: "OKRs are overrated") or only acts that take
    it whole ("use", "stay away" from)."""
    for found in named.finditer(quote):  # the first that is acted on: "they may have given
        # you good feedback, so you don't need to ask for feedback" asks for it
        clause = re.split(r"[.,;:!?\"\u201c\u201d]", quote[: found.start()])[-1]
        words = re.findall(r"[a-z']+", _FILLERS.sub("", clause).lower())[-2:]
        if not words or words[-1] in _function_words():  # "Honestly, OKRs are ...": none
            continue
        done = " ".join(words) if words[-1] in _PARTICLES and len(words) > 1 else words[-1]
        if done not in _whole_acts():
            return _lemma(done)
    return None


def opposed(for_act: str | None, against_act: str | None) -> bool:
    """Whether advice for a thing (by ``for_act``) and against it (``against_act``)
    oppose: the side against rejects it whole, or the very act advised."""
    return against_act is None or for_act == against_act


def opposing(S: Any, node: str, side: dict[bool, list[dict[str, Any]]]):
    """``side`` (negated: the side against) with only the quotes of some opposed pair by
    two people; None when no pair is opposed."""
    pairs = opposed_pairs(S, node, side[False], side[True])
    if not pairs:
        return None
    kept_for, kept_against = {id(f) for f, _ in pairs}, {id(a) for _, a in pairs}
    return {
        False: [i for i in side[False] if id(i) in kept_for],
        True: [i for i in side[True] if id(i) in kept_against],
    }


def opposed_pairs(
    S: Any, node: str, for_: list[dict[str, Any]], against: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The pairs (for, against) of quotes by two people that oppose, in the order of
    ``for_`` then of ``against``."""
    forms = [S.labels.get(node, node), *_aliases(S, node)]
    named = object_at_start(tuple(sorted({f for f in forms if f and f.strip()})))
    acts = {
        id(i): act(i.get("reading") or i["evidence"]["quote"] or "", named)
        for i in (*for_, *against)
    }
    return [
        (f, a)
        for f in for_
        for a in against
        if norm(f["who"]) != norm(a["who"]) and opposed(acts[id(f)], acts[id(a)])
    ]


def _aliases(S: Any, node: str) -> list[str]:
    from kgraph.answers.topics import alias_list

    return alias_list(S.Q.node(node).get("aliases"))


def _lemma(words: str) -> str:
    """Crudely, the verb's base: "creating", "creates", "created" -> "creat"."""
    first, _, rest = words.partition(" ")
    base = re.sub(r"(?:ing|ed|es|s|e)$", "", first) if len(first) > 4 else first
    return f"{base} {rest}".strip()


@functools.cache
def _whole_acts() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().get("whole_acts", []))


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().get("function_words", []))
