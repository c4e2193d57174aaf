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

_DATA = Path(__file__).resolve().parent.parent / "data" / "stances.yaml"


@functools.cache
def vocabulary() -> dict[str, list[str]]:
    """The lists of ``stances.yaml`` as written (words and phrases)."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8")) or {}
    return {name: [str(item) for item in items or []] for name, items in data.items()}


def _phrases(items: Iterable[str]) -> str:
    """Phrases as one alternation, the longest first, any whitespace between words."""
    ordered = sorted({str(p) for p in items}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) + ")"


@functools.cache
def alternations() -> dict[str, str]:
    """Each vocabulary list as one alternation: the answer views' own lists, and those
    they share with the claim rules, read from ``claims.yaml`` as the rules read it."""
    from kgraph.extract.patterns import DATA_DIR, Gazetteer, read_patterns_file

    words = {name: _phrases(items) for name, items in vocabulary().items()}
    claims = Gazetteer()
    read_patterns_file(DATA_DIR / "claims.yaml", claims)
    shared, cues = claims.claim_words, claims.claim_cues
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
    return words


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
