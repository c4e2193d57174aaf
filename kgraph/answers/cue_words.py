"""The words of the stance cues: the lists of ``kgraph/data/stances.yaml`` and those the
answer views share with the claim rules (``claims.yaml``), each as one regular-expression
alternation, and the words a cue against cannot do without (a cheap test before its
search). Kept apart from :mod:`kgraph.answers.stance`, whose grammar reads them."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

_DATA = Path(__file__).resolve().parent.parent / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STRINGS = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar a string ("yes")


def _load(name: str, loader: type = _LOADER) -> dict:
    return yaml.load((_DATA / name).read_text(encoding="utf-8"), Loader=loader) or {}


@functools.cache
def vocabulary() -> dict[str, list[str]]:
    """The lists of ``stances.yaml`` as written (words and phrases)."""
    return {
        name: [str(item) for item in items or []] for name, items in _load("stances.yaml").items()
    }


@functools.cache
def claim_lists() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The claim rules' word lists (lower case) and cue regexes of ``claims.yaml``, each
    once, as :func:`kgraph.extract.patterns.read_patterns_file` reads them; read here
    without it, whose import (the extraction's modules) and checks cost a view's start
    more than all its answer."""
    data = _load("claims.yaml", _STRINGS)

    def lists(section: str, lower: bool) -> dict[str, list[str]]:
        read = {}
        for name, items in (data.get(section) or {}).items():
            found = (" ".join(item.split()) for item in items or [])
            read[name] = list(dict.fromkeys(w.lower() if lower else w for w in found))
        return read

    return lists("claim_words", True), lists("claim_cues", False)


def _phrases(items: Iterable[str]) -> str:
    """Phrases as one alternation, the longest first, any whitespace between words."""
    ordered = sorted({str(p) for p in items}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) + ")"


@functools.cache
def alternations() -> dict[str, str]:
    """Each vocabulary list as one alternation: the answer views' own lists, and those
    they share with the claim rules, read from ``claims.yaml`` as the rules read it."""
    words = {name: _phrases(items) for name, items in vocabulary().items()}
    shared, cues = claim_lists()
    words["recommending_verbs"] = _phrases(shared["urging_verbs"])
    words["liking_verbs"] = _phrases(shared["liking_verbs"])
    avoiding = shared["avoid_verbs"] + shared["avoid_particle_verbs"]
    words["against_verbs"] = _phrases(avoiding)
    # negated, an avoid verb advises too: "don't skip onboarding", "never stop learning"
    words["double_negative_verbs"] = _phrases(shared["double_negative_verbs"] + avoiding)
    # regular expressions already ("(a )?(bad|terrible) idea")
    dismissing = [r"\s+".join(map(re.escape, p.split())) for p in vocabulary()["dismissing"]]
    words["against_judgements"] = "(?:" + "|".join([*cues["discourage"], *dismissing]) + ")"
    words["general_advice"] = "(?:" + "|".join(cues["general_advice"]) + ")"
    words["action_gerunds"] = _phrases(map(ing, vocabulary()["action_verbs"]))
    return words


def ing(verb: str) -> str:
    """The -ing form of a verb (its first word): use -> using, run -> running, read ->
    reading, focus on -> focusing on."""
    first, _, rest = verb.partition(" ")
    if first.endswith("ie"):
        done = first[:-2] + "ying"
    elif first.endswith("e") and not first.endswith("ee"):
        done = first[:-1] + "ing"
    elif (
        len(first) <= 4
        and first[-1] not in "aeiouwxy"
        and first[-2] in "aeiou"
        and first[-3:-2] not in tuple("aeiou")
    ):
        done = first + first[-1] + "ing"
    else:
        done = first + "ing"
    return f"{done} {rest}" if rest else done


@functools.cache
def needed() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The words (lower case) a cue against cannot do without: a negation; the longest
    word of a verb of avoiding ("get rid": "rid"); the word of a judgement against that is
    left when its optional parts are gone ("waste" of "(a )?waste of (time|money)")."""
    w = alternations()
    verbs = {max(re.split(r"\\s\+", p.lower())[::-1], key=len) for p in _plain(w["against_verbs"])}
    judged = set()
    for cue in _plain(w["against_judgements"]):
        bare = re.sub(r"\([^()]*\)\?|.\?|\([^()]*\)", " ", cue)
        judged.add(max(re.findall(r"[a-z-]+", bare.lower()), key=len))
    return ("n't", "not", "never"), tuple(sorted(verbs)), tuple(sorted(judged))


def _plain(alternation: str) -> list[str]:
    """The alternatives of ``(?:a|b|...)`` (an alternation of :func:`_phrases` or of cues)."""
    body = alternation[3:-1] if alternation.startswith("(?:") else alternation
    parts, depth, current = [], 0, ""
    for ch in body:
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        current += ch
    return [*parts, current]
