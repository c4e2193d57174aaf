"""Advice that names a concept of the document by a word of the same stem, not by the
concept's own name: "you should network" (networking), "find mentors" (mentorship),
"negotiate your salary" (salary negotiation), "review each other's code" (code review).

The concept must be one the document names (:attr:`TurnContext.concepts`: its concept
mentions by their surface forms and keys), so a derived word never makes a node of its
own; the derivations are general English morphology (``nominal_suffixes`` in
``kgraph/data/claims.yaml``), not a list of terms."""

from __future__ import annotations

import re
from typing import Any

from kgraph.extract.claims.base import Ref, TurnContext
from kgraph.extract.normalize import norm_key

ACTION_DEPS = ("xcomp", "ccomp", "conj", "attr", "acomp")
"""How a verb of the thing to do hangs from the urging verb: "you should start
networking", "make sure you network", "the first thing to do is find mentors"."""
OBJECT_DEPS = ("dobj", "nsubjpass")
"""The noun a verb of the thing to do acts on ("find mentors", "code should be reviewed")."""
SETTING_DEPS = ("relcl", "acl", "advcl", "pcomp", "csubj")
"""Clauses that describe or set the scene: what a verb in them does is no advice."""
INDEFINITE = ("everything", "anything", "something")
"""Objects that leave the verb the practice: "document everything"."""
VOWELS = "aeiou"


def nominals(lemma: str, suffixes: frozenset[str]) -> list[str]:
    """The nouns ``lemma`` may make with one of ``suffixes``: "network" -> networking,
    "write" -> writing, "plan" -> planning, "negotiate" -> negotiation, "document" ->
    documentation, "mentor" -> mentorship (most are no words; only those the document
    names as a concept count). A short word makes only "-ing" ("code" -> coding; "note"
    makes no "notion")."""
    stems = [lemma]
    if lemma.endswith("e") and len(lemma) > 3:
        stems.append(lemma[:-1])  # write -> writ-ing, negotiate -> negotiat-ion
    if (
        len(lemma) >= 3
        and lemma[-1] not in VOWELS + "wxy"
        and lemma[-2] in VOWELS
        and lemma[-3] not in VOWELS
    ):
        stems.append(lemma + lemma[-1])  # plan -> plann-ing
    return [
        stem + suffix
        for stem in stems
        for suffix in sorted(suffixes)
        if suffix == "ing" or len(lemma) >= MIN_STEM
    ]


MIN_STEM = 5


def actions(verb: Any, urging_verbs: frozenset[str]) -> list[Any]:
    """The verbs of what ``verb`` urges: itself and the verbs that complement it (in
    order, at most three levels down), not the verb that urges ("I'd encourage leaders
    to ...": the leaders are not the advice)."""
    found, level = [verb], [verb]
    for _ in range(3):
        level = [c for t in level for c in t.children if c.dep_ in ACTION_DEPS]
        found.extend(t for t in level if t.pos_ == "VERB")
    return sorted({t for t in found if t.lemma_.lower() not in urging_verbs}, key=lambda t: t.i)


def forms_of(action: Any, words: Any) -> list[tuple[Any, list[str]]]:
    """What ``action`` may name a concept with, each with the token that says it: the
    object with the action as a noun ("salary negotiation", "code review"), the object
    as a practice ("mentors" -> mentorship); without an object, the action as a noun
    ("networking")."""
    verb = action.lemma_.lower()
    objects = [
        c
        for c in action.children
        if c.dep_ in OBJECT_DEPS
        and c.pos_ in ("NOUN", "PROPN")
        and c.is_alpha
        and not any(t.is_punct for t in action.doc[min(c.i, action.i) : max(c.i, action.i)])
    ]  # not "don't sell yourself short, my friend"
    if not objects:
        if any(
            c.dep_ in ("dobj", "ccomp", "xcomp") and c.lower_ not in INDEFINITE
            for c in action.children
        ):
            return []  # "you should do it", "learn how ...": the action is no practice
        return [(action, nominals(verb, words.verb_nominal_suffixes))]
    out = []
    for noun in objects:
        lemma = noun.lemma_.lower()
        acts = [verb, *nominals(verb, words.verb_nominal_suffixes)]
        compounds = [f"{lemma} {a}" for a in acts]
        described = any(c.dep_ in ("amod", "relcl", "acl") for c in noun.children)
        practices = [] if described else nominals(lemma, words.noun_nominal_suffixes)
        out.append((noun, [*compounds, *practices]))  # "a clear leader who ...": a person
    return out


def derived(
    ctx: TurnContext, verb: Any, labels: tuple[str, ...], text: str
) -> list[tuple[Any, Ref]]:
    """The concepts of the document that what ``verb`` urges names by a word of their
    stem, each with the word's span (one token): a practice (a lower-case concept, not
    a product), not a generic word; a word inside an entity of one of ``labels`` only
    as part of a compound ("negotiate your salary": salary negotiation). Not in a request
    to the audience ("please engage with the content")."""
    if not ctx.concepts or PLEASE.search(text):
        return []
    if any(t.dep_ in SETTING_DEPS for t in (verb, *verb.ancestors)):
        return []  # "the loops that you try to optimize" describes them
    words = ctx.words
    out: list[tuple[Any, Ref]] = []
    for action in actions(verb, words.urging_verbs):
        if plugged(action):
            continue
        for token, forms in forms_of(action, words):
            ent = ctx.ent_of.get(token.i)
            if ent is not None and ent.label_ in labels:
                forms = [f for f in forms if " " in f]
            for form in forms:
                key = ctx.concepts.get(norm_key(form))
                if key and key == key.lower() and norm_key(key) not in words.generic_objects:
                    span = token.doc[token.i : token.i + 1]
                    out.append((span, Ref("concept", token.text, key)))
                    break
    return out


def plugged(action: Any) -> bool:
    """What the action is done on is the speaker's own: "engage on my post"."""
    return any(
        t.lower_ in ("my", "our") for c in action.children if c.dep_ == "prep" for t in c.subtree
    )


PLEASE = re.compile(r"\bplease\b", re.I)
