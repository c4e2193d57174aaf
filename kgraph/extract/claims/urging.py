"""Whether a sentence urges something on the listener, and what: the gate of ``recommends``
and ``advises``. A recommendation or advice is the speaker urging the listener ("I
recommend X", "you should do X", "it's important to do X", "read X"), and its object is the
thing urged (the urging verb's object or complement), never a category word, a modifier,
or a noun of a clause that only sets the scene. Praise, likings and judgements of worth
urge nothing (books praised are read by :mod:`~kgraph.extract.claims.endorsement`)."""

from __future__ import annotations

import re
from typing import Any

from kgraph.extract.claims.base import TurnContext
from kgraph.extract.claims.cues import said_thing
from kgraph.extract.claims.grammar import subject_of, token_at

OBJECT_PATH = {
    "dobj", "pobj", "prep", "attr", "conj", "appos", "dative", "oprd", "xcomp", "acomp",
    "ccomp", "cc", "pcomp",
}  # fmt: skip
"""How an urged thing hangs from the urging verb: objects, complements, prepositions."""
SUBORDINATE = ("relcl", "acl", "advcl", "csubj", "pcomp", "amod")
"""Clauses that describe or set the scene: a cue in them urges nothing."""
URGING_SUBJECTS = {"i", "we"}


def urging(ctx: TurnContext, sent: Any, kind: str, cue: re.Match[str], text: str) -> bool:
    """Whether the cue is the speaker urging the listener (not praise or a judgement)."""
    words = ctx.words
    phrase = text[max(0, cue.start() - 30) : cue.end() + 20]
    if kind == "imperative" or general_advice(sent, text, cue.start(), words, cue.end() + 20):
        return True  # "it's important to write a design doc" urges anyone to
    if kind == "recommend":
        return said_urging(ctx, sent) or bool(words.urging_recommend.search(phrase))
    if kind == "advise" and cue.group(0).lower().endswith("say"):
        after = token_at(sent, cue.end())  # "I'd say learn SQL", "I'd say you should"
        return after is not None and (
            after.tag_ == "VB"
            or after.lower_ == "to"
            or bool(words.urging_advice.search(text[cue.end() : cue.end() + 30]))
            or ("advice" in ctx.asked and said_thing(sent, cue.end()) is not None)
        )  # "I'd say that my time is spent on X" is an opinion; asked for advice, "I'd
        # say networking" names it
    if kind == "advise":  # a user's own cue urges too; a judgement of worth does not
        return bool(words.urging_advice.search(phrase)) or not words.judgement.search(cue.group(0))
    return bool(words.urging_against.search(phrase))


def general_advice(
    sent: Any, text: str, cue_char: int, words: Any, end: int | None = None
) -> re.Match[str] | None:
    """ "it's important (for you) to <verb>" near the cue: the infinitive is urged on anyone.
    Not where the judged thing is the copula's own subject ("some books are useful to get
    organizational awareness"): the infinitive says what that thing is good for."""
    start = max(0, cue_char - 30)
    found = words.general_advice.search(text if end is None else text[:end], start)
    if found is None:
        return None
    word = token_at(sent, found.start())
    if word is not None and word.dep_ == "acomp" and word.head.lemma_ == "be":
        subjects = [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(s.lower_ not in IMPERSONAL for s in subjects):
            return None
    return found


IMPERSONAL = {"it", "this", "that", "what", "which", "'s", "\u2019s"}
"""Subjects of "<subject> is important to <verb>" that leave the infinitive urged."""


def said_urging(ctx: TurnContext, sent: Any) -> bool:
    """ "I (would / also / keep) recommend(ing) X", "we suggest X", "highly recommend it":
    an urging verb of the speaker's (its subject "I" or "we", or none)."""
    for token in sent:
        if token.lemma_.lower() not in ctx.words.urging_verbs or token.pos_ != "VERB":
            continue
        subject, _ = subject_of(token)
        if subject is None and token.i == sent.start + sum(
            1 for t in sent[: token.i - sent.start] if t.pos_ in ("ADV", "PUNCT")
        ):
            return True  # "Highly recommend it."
        if subject is not None and subject.dep_ == "nsubj" and subject.lower_ in URGING_SUBJECTS:
            # "I was recommended to pick a dataset": someone else recommended it
            return not ctx.in_reported_quote(token)
    return False


def following(ctx: TurnContext, sent: Any) -> str:
    """The first words of the sentence after ``sent`` (where "But it doesn't work." takes
    back what was said)."""
    end = sent.end
    return ctx.doc[end : min(len(ctx.doc), end + 8)].text if end < len(ctx.doc) else ""


def cue_verb(sent: Any, cue: re.Match[str]) -> Any | None:
    """The verb the cue urges with: "you should read X" -> read, "I recommend X" ->
    recommend, "make sure ..." -> make."""
    token = token_at(sent, cue.start())
    if token is not None and token.lower_ in URGING_SUBJECTS and token.head.pos_ == "VERB":
        return token.head  # "I also recommend X": the cue starts at its subject
    for _ in range(4):
        if token is None or token.pos_ == "VERB":
            return token
        if token.head == token:
            return token if token.pos_ == "AUX" else None
        token = token.head
    return token if token is not None and token.pos_ in ("VERB", "AUX") else None


def cleft(verb: Any, placeholders: frozenset[str]) -> Any | None:
    """The copula whose other side is what ``verb`` urges in a pseudo-cleft: "the first
    thing you need to do is start networking", "what you need to do is polish your CV"
    (``verb`` in a clause that describes a placeholder subject of "be", or is that
    subject); None otherwise."""
    node = verb
    while node.dep_ in ("xcomp", "aux") and node.head != node:  # "need to do": "need"
        node = node.head
    if node.dep_ == "relcl" and node.head.lemma_.lower() in placeholders:
        node = node.head  # "the (first) thing you need to do"
    elif node.dep_ != "csubj":  # "what you need to do"
        return None
    head = node.head
    if node.dep_ in ("nsubj", "csubj") and head.lemma_ == "be" and head.i > node.i:
        return head
    return None


def specific(ctx: TurnContext, ent: Any) -> bool:
    """``ent`` names something of its own, not a general word alone or with adjectives
    ("the best strategy", "a useful data set", "a technical conference")."""
    root = ent.root
    return not (
        root.lemma_.lower() in ctx.words.generic_objects
        and all(t.pos_ in ("ADJ", "DET", "NUM") for t in ent if t != root)
    )


PLACE_PREPS = ("in", "on", "at", "into", "to", "within", "inside")
REASON_PREPS = ("because", "despite", "due")


def adjunct(pobj: Any, generic: frozenset[str]) -> bool:
    """The object of a preposition that only says where or with whom: "do the trade-off
    in your head", "put it in ChatGPT" (a verb with its own object), "move up the
    categories in ranking" (a place of a noun), "check with your leadership", "go to X"; not what
    "make use of X", "a high bar for X", "focus on X" or "spend time on X" take."""
    prep = pobj.head
    word = prep.lower_
    if word in REASON_PREPS:
        return True  # "build X because the leverage you get": a reason, not what is urged
    owner = prep.head
    while owner.pos_ == "ADP" and owner.head != owner:  # "in your head or on paper"
        owner = owner.head
    if owner.pos_ in ("NOUN", "PROPN"):
        return word not in ("of", "for", "on", "about", "around", "between")
    if word == "with":
        return any(c.dep_ == "poss" for c in pobj.children)
    if word in ("to", "into") and owner.lemma_.lower() in ("go", "come", "head", "get"):
        return True  # "just go to ChatGPT"
    return word in PLACE_PREPS and any(
        c.dep_ == "dobj"
        and c.pos_ in ("NOUN", "PRON", "PROPN")
        and c.lemma_.lower() not in generic  # "spend time on X", "put effort into X"
        for c in owner.children
    )


def urged_object(ctx: TurnContext, ent: Any, verb: Any, negated_cue: bool) -> bool:
    """``ent`` is what ``verb`` urges: reached from it only through objects and
    complements (not an adverbial, relative or subject clause); under a negated verb,
    only its own object ("don't wait ... to give feedback" urges nothing about
    feedback); not a category word nor a modifier of another noun."""
    root = ent.root
    if ent.label_ == "BOOK" and root.dep_ == "compound" and root.head.i == ent.end:
        root = root.head  # "the Grokking course": the course is the object
    elif root.dep_ in ("compound", "amod", "poss", "nmod") or not specific(ctx, ent):
        return False  # "management" of "a management book", "a technical conference"
    node, verbs, ccomps = root, 0, 0
    for _ in range(10):
        if node == verb:
            return not (negated_cue and verbs)
        if node.head == node or (node.dep_ not in OBJECT_PATH and not means(node)):
            return False
        if node.dep_ == "pobj" and adjunct(node, ctx.words.generic_objects):
            return False
        if node.dep_ == "ccomp":
            ccomps += 1
            if ccomps > 2 or node.head.lemma_ not in ("make", "sure", "be", "say", "recommend"):
                return False
        if node.pos_ in ("VERB", "AUX"):
            verbs += 1
            if (
                node != verb
                and not negated_cue
                and any(c.dep_ == "neg" for c in node.children)
                and node.lemma_.lower() not in ctx.words.double_negative_verbs
            ):
                return False  # "you should do X and not Y": Y is no advice for
        node = node.head
    return False


def means(verb: Any) -> bool:
    """A participle that says how to do what is urged ("structure it using an experience
    map"): an adverbial -ing clause with no subject and no conjunction of its own (not
    "while working at X", "because you ..."), whose object is urged as well."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(c.dep_ in ("mark", "nsubj", "nsubjpass", "advmod") for c in verb.children)
        and verb.i > verb.head.i
    )


LEADING = ("ADP", "DET", "ADJ", "PRON", "NUM", "ADV")
"""Words that may stand between an imperative and its object: "on", "the", "your"."""


def next_object(ent: Any, verb: Any) -> bool:
    """For an imperative the tagger read as a noun (and so parsed wrong): ``ent`` is its
    object when it is the first noun phrase after it ("Build side projects", "Focus on
    SQL"), or joined to that one ("Study SQL and Python")."""
    root = ent.root
    start = ent.start
    if root.dep_ in ("compound", "amod", "poss", "nmod") and root.head.i >= ent.end:
        return False  # "Join AI communities": AI says which communities
    while root.dep_ == "conj" and root.head != root:
        root = root.head
        start = root.left_edge.i
    between = verb.doc[verb.i + 1 : start]
    return start > verb.i and len(between) <= 3 and all(t.pos_ in LEADING for t in between)
