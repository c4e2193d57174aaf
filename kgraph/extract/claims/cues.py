"""Where a sentence recommends or advises: its cue (a phrase of ``claim_cues`` or an
imperative verb), whether the speaker says it as their own, and whether it is negated."""

from __future__ import annotations

import re
from typing import Any

from kgraph.extract.claims.grammar import (
    FIRST_PERSON,
    MODALS,
    NEGATION,
    PEOPLE_PRONOUNS,
    SUBJECT_DEPS,
    THIRD_PERSON,
    subject_of,
    token_at,
)
from kgraph.extract.claims.words import Lexicon


def recommend_cue(sent: Any, text: str, words: Lexicon, start: int = 0) -> re.Match[str] | None:
    """The first recommending cue of ``text``; praise of what someone got or gave
    ("I got great feedback on system design", "she gave me useful advice") reports
    an event, and praise of a person ("she is great at system design") judges the
    person: neither recommends anything."""
    for cue in words.recommend.finditer(text, start):
        token = token_at(sent, cue.start())
        if token is None:
            return cue
        if said_like(sent, cue.end(), words):
            continue  # 'I like to say, "X is the best example of ..."' likes no X
        if (
            token.dep_ == "amod"
            and token.head.dep_ == "dobj"
            and token.head.head.lemma_.lower() in words.receiving_verbs
            and any(  # a person got or gave it ("mock interviews give you great
                c.dep_ in SUBJECT_DEPS  # feedback" praises the interviews)
                and (c.lower_ in PEOPLE_PRONOUNS or c.ent_type_ == "PERSON")
                for c in token.head.head.children
            )
        ):
            continue
        if token.dep_ == "amod" and token.head.ent_type_ in ("ROLE", "PERSON"):
            continue  # "a great system designer", "amazing data scientists": people
        if token.lower_ == "the" and token.i + 1 < len(token.doc):
            token = token.doc[token.i + 1]  # "the best": its adjective
        while token.dep_ in ("advmod", "amod") and token.head.pos_ in ("ADJ", "ADV"):
            token = token.head  # "the best possible strategy": "possible"
        if token.dep_ == "amod" and not praised_thing(token.head):
            continue  # "choose the best possible strategy" names one; "X is the best" judges
        if token.dep_ == "amod" and token.head.lower_ in words.example_markers | {"examples"}:
            continue  # "X is the best example of marketing marketing itself" shows, not praises
        if (  # "he is great in AI", "I'm great at SQL": praise of a person's skill
            token.dep_ == "acomp"
            and token.head.lemma_ == "be"
            and any(
                c.dep_ in SUBJECT_DEPS
                and (c.lower_ in FIRST_PERSON | THIRD_PERSON or c.ent_type_ == "PERSON")
                for c in token.head.children
            )
        ):
            continue
        return cue
    return None


def said_like(sent: Any, end: int, words: Lexicon) -> bool:
    """A liking cue followed by "to" and a verb of saying: "I like to say", "I love to
    tell people" like a way of putting things, not a thing."""
    after = token_at(sent, end)
    if after is None or after.lower_ != "to" or after.i + 1 >= sent.end:
        return False
    verb = sent.doc[after.i + 1]
    return verb.lemma_.lower() in words.speech_verbs | words.telling_verbs


def praised_thing(noun: Any) -> bool:
    """Whether a noun with a praising adjective judges something: what a copula says a
    thing is ("X is a great book", "the best way is X"), or what a thing gives ("mock
    interviews give you great feedback"), not what someone chooses or does ("Eventbrite
    chooses the best strategy", "I had a great time")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # "one of the great things about X is ..."
    verb = noun.head
    if noun.dep_ == "attr" or (noun.dep_ == "nsubj" and verb.lemma_ == "be"):
        return True
    if noun.dep_ != "dobj":
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return bool(subjects) and not any(
        s.lower_ in PEOPLE_PRONOUNS | FIRST_PERSON | THIRD_PERSON
        or s.ent_type_ in ("PERSON", "ORG")
        for s in subjects
    )


def advice_cue(
    sent: Any, text: str, words: Lexicon, start: int = 0, answering: bool = False
) -> re.Match[str] | None:
    """The first advice cue of ``text``. "important" describing a noun ("something
    important", "metrics that are important") advises nothing, unless that noun is what
    the sentence says its subject is ("communication is an important skill"). In an
    answer to a request for advice (``answering``), "I'd say networking" names it."""
    opening = opening_cue(text, words) if start == 0 else None
    if opening is not None:
        return opening
    for cue in words.advise.finditer(text, start):
        phrase = cue.group(0).lower()
        if re.match(r"i\b", phrase) and words.hedges.fullmatch(text[cue.end() :]):
            continue  # "..., I would say." hedges what was said before it
        if phrase.endswith("say"):  # "I'd say X is Y" is an opinion;
            after = token_at(sent, cue.end())  # "I'd say learn SQL", "I'd say to /
            if after is None or not (  # you should ..." advise
                after.lower_ in ("to", "you", "that")
                or after.tag_ == "VB"
                or (answering and said_thing(sent, cue.end()) is not None)
            ):
                continue
        if phrase in ("try to", "make sure"):
            verb = token_at(sent, cue.start())
            if (
                verb is not None
                and any(c.dep_ in SUBJECT_DEPS and c.lower_ != "you" for c in verb.children)
                and not any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)
            ):
                continue  # "we try to find price points", "people that make sure ..."
            if verb is not None and any(
                c.dep_ == "aux" and c.lower_ in ("will", "'ll", "\u2019ll") for c in verb.children
            ):
                continue  # "you'll probably try to use X" predicts what one does
            subject = subject_of(verb)[0] if verb is not None else None
            if subject is not None and (
                subject.lower_ in ("i", "we", "they", "he", "she")
                or subject.ent_type_ in ("PERSON", "ORG")
            ):
                continue  # "we want to make sure the experience inside Shopify is good"
        if "should" in phrase and counterfactual(sent, cue):
            continue  # "we should have had better QA" regrets, it advises nothing
        if phrase in JUDGING_ADJECTIVES:
            token = token_at(sent, cue.start())
            if token is not None and (
                token.dep_ == "amod"
                and token.head.dep_ != "attr"
                or token.dep_ == "acomp"
                and (token.head.dep_ == "relcl" or token.head.lemma_ in words.change_verbs)
            ):
                continue  # "X is becoming very important" describes a change
        if phrase.startswith("should") and not advises_someone(sent, cue.start()):
            continue  # "Maybe I should do it", "he should have asked": no advice given
        if "should" in phrase and (expected(text, cue) or asked_how(sent, cue)):
            continue  # "you should be able to do it with AI" expects; "how X should work"
        return cue
    return None


JUDGING_ADJECTIVES = ("important", "key", "crucial", "essential", "critical")
"""Advice cues that judge worth, read as "important" is: "X is key" judges X; "key
metrics", "a crucial moment" name a thing."""


def opening_cue(text: str, words: Lexicon) -> re.Match[str] | None:
    """An advice cue that opens its sentence (after lead-ins such as "so", "I think"):
    "The most important thing is networking", "It helps to have a mentor"."""
    lead = words.lead_ins.match(text)
    return words.opening_advice.match(text, lead.end() if lead else 0)


def said_thing(sent: Any, cue_end: int) -> Any | None:
    """The noun "I'd say" takes as its object right after the cue ("I'd say networking",
    "I would say probably SQL"), not a clause ("I'd say networking is overrated")."""
    after = token_at(sent, cue_end)
    while after is not None and after.dep_ == "advmod" and after.i + 1 < sent.end:
        after = sent.doc[after.i + 1]
    obj = after
    while obj is not None and obj.dep_ in ("det", "amod", "compound", "poss", "nummod"):
        obj = obj.head
    if obj is None or obj.dep_ != "dobj" or obj.head.lemma_ != "say":
        return None
    return obj if obj.pos_ in ("NOUN", "PROPN") else None


ABLE = re.compile(r"\bshould\s+(?:\w+\s+)?be\s+able\b", re.I)


def expected(text: str, cue: re.Match[str]) -> bool:
    """ "you should be able to say which matters most": what one can expect to manage, no
    advice."""
    return ABLE.match(text, text.lower().find("should", cue.start())) is not None


def asked_how(sent: Any, cue: re.Match[str]) -> bool:
    """The cue's "should" in a clause that asks how ("figure out how some product should
    work with AI"): a question named, no advice."""
    modal = next((t for t in sent if t.idx >= cue.start() and t.lower_ == "should"), None)
    return modal is not None and any(
        c.lower_ == "how" and c.i < modal.i for c in modal.head.children
    )


def counterfactual(sent: Any, cue: re.Match[str]) -> bool:
    """ "should have" with a past participle after the cue's "should": what ought to have
    happened ("you should have asked", "we should have had better QA")."""
    modal = next((t for t in sent if t.idx >= cue.start() and t.lower_ == "should"), None)
    if modal is None:
        return False
    after = sent.doc[modal.i + 1 : modal.i + 4]
    return (
        len(after) >= 2
        and after[0].lower_ in ("have", "'ve", "\u2019ve")
        and any(t.tag_ == "VBN" for t in after[1:])
    )


def advises_someone(sent: Any, cue_char: int) -> bool:
    """Whether "should <verb>" at ``cue_char`` is said to the listener or to anyone
    ("you", "we", "one", "people", a role, a thing), not of the speaker alone ("I") or of
    a person named or pointed at ("he", "she", "they", "Ana")."""
    modal = token_at(sent, cue_char)
    if modal is None:
        return True
    verb = modal.head
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return not any(
        s.lower_ in ("i", "he", "she", "they", "it", "this", "that")
        or s.ent_type_ in ("PERSON", "ORG")
        for s in subjects
    )  # "Shopify should be a crafters' paradise" says what a company wants; "it should be
    # color-coded" what a thing should be


def reported(sent: Any, cue_char: int, words: Lexicon) -> bool:
    """A recommending verb whose subject is someone or something else ("then Twitter
    suggests others", "my manager advised it"), or a cue in what someone else says
    ("they will tell you that you should keep your CV short"): not the speaker's."""
    cue = token_at(sent, cue_char)
    if cue is None:
        return False
    if cue.lemma_.lower() in words.recommending_verbs:
        subjects = [c for c in cue.children if c.dep_ == "nsubj"]
        return any(s.lower_ not in FIRST_PERSON | {"you"} for s in subjects)
    node = cue
    for _ in range(6):  # up to the clause the cue is in, then the verb that says it
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in (
            words.telling_verbs | words.belief_verbs  # "people think you have to X"
        ):
            subjects = [c for c in node.head.children if c.dep_ in SUBJECT_DEPS]
            return bool(subjects) and all(s.lower_ not in FIRST_PERSON | {"you"} for s in subjects)
        if node.head == node:
            return False
        node = node.head
    return False


def disowned(sent: Any, cue_char: int, words: Lexicon) -> bool:
    """A cue in what the speaker says they do not say ("I'm not saying you should always
    do that"): no advice either way."""
    node = token_at(sent, cue_char)
    for _ in range(6):
        if node is None or node.head == node:
            return False
        node = node.head
        if node.lemma_.lower() in words.telling_verbs and any(
            c.dep_ == "neg" for c in node.children
        ):
            return True
    return False


def cue_negated(sent: Any, cue_char: int, words: Lexicon) -> bool:
    """A negation shortly before the cue, or attached to the verb it belongs to."""
    cue_tok = token_at(sent, cue_char)
    if cue_tok is None:
        return False
    window = list(sent.doc[max(sent.start, cue_tok.i - 3) : cue_tok.i])
    while any(t.is_punct for t in window):  # not across a comma: "if you're not
        window = window[1:]  # ready, you should send your CV" is no negation
    if any(
        (t.lower_ in NEGATION or t.dep_ == "neg")
        and t.head.lemma_.lower() not in words.double_negative_verbs
        for t in window
    ):
        return True
    node = cue_tok
    for _ in range(4):  # the cue's clause and the clauses it is embedded in
        if node.lemma_.lower() in words.double_negative_verbs:
            return False  # "don't forget to check it out" advises to
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.head == node or node.dep_ in ("advcl", "conj", "relcl"):
            break
        node = node.head
    return False
