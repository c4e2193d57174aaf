"""Small readings of tense and mood the claim rules share: a past perfect said with "'d",
a supposition set up before a clause, an earlier item of a list marked "now"."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims.words import Lexicon

HAD = {"'d", "\u2019d"}


def supposing(token: Any, words: Lexicon) -> bool:
    """A leading clause that sets up a supposition: "let's say", "say", "suppose"."""
    if token.dep_ not in ("parataxis", "ccomp", "advcl"):
        return False
    if token.lemma_.lower() == "let":
        return any(c.lemma_.lower() in words.suppose_verbs for c in token.children)
    return token.lemma_.lower() in words.suppose_verbs and token.tag_ == "VB"


def had(verb: Any) -> bool:
    """ "I'd been a manager", "I'd been working at X": "'d" right before a past participle
    is "had" (a past perfect), not "would" ("I'd have been a manager" is one)."""
    been = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "been"), None)
    anchor = been if been is not None else verb  # "I'd been working at X"
    if anchor.tag_ != "VBN":
        return False
    for token in reversed(verb.doc[max(0, anchor.i - 4) : anchor.i]):  # the parser may hang
        if token.lower_ in HAD:  # "’d" off the subject
            return True
        if token.pos_ != "ADV":  # "I'd also been"; not "I'd have been"
            return False
    return False


def earlier_conjunct(root: Any, sent: Any, words: Lexicon) -> bool:
    """``root`` is an earlier item of a list whose later item is marked as the present one:
    "CPO at Color, Optimizely, and currently CPO at LaunchDarkly" was at Color and
    Optimizely."""
    for cue in sent:
        item = cue.head
        if cue.lower_ in words.present_cues and cue.dep_ == "advmod" and cue.i > root.i:
            item = last_item(cue)  # "I've been at X, Y and Z now": the item before "now"
        if cue.lower_ not in words.present_cues or item.dep_ != "conj" or item.i <= root.i:
            continue
        node = item.head
        while node.i != root.i and node.dep_ == "conj" and node.head != node:
            node = node.head
        if node.i == root.i:
            return True
    return False


def last_item(cue: Any) -> Any:
    """The word right before a cue that ends a list ("X, Y, and Z now": Z), or the cue's
    head when none is there."""
    doc = cue.doc
    before = doc[cue.i - 1] if cue.i > 0 else cue
    return before if before.dep_ in ("conj", "appos") and before.pos_ == "PROPN" else cue.head


def recent_start(verb: Any, words: Lexicon) -> bool:
    """A start told as recent, so one that goes on: "I recently became a content creator",
    "I just joined X" (not "then most recently I joined X", a step of a story)."""
    return verb.lemma_ in words.starting_verbs and any(
        c.dep_ == "advmod"
        and c.lower_ in words.recent_cues
        and not any(g.lower_ == "most" for g in c.children)
        for c in verb.children
    )
