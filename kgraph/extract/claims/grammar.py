"""English grammar the claim rules share: closed word classes (pronouns, modals,
negations, subordinators) and walks over spaCy's dependency parse. Vocabulary that a user
may extend lives in ``kgraph/data/claims.yaml`` (:mod:`kgraph.extract.claims.words`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kgraph.extract.claims.tense import had, recent_start, supposing
from kgraph.extract.claims.words import Lexicon

SUBJECT_DEPS = ("nsubj", "nsubjpass")
FIRST_PERSON = {"i", "we", "me", "my", "us", "our"}
THIRD_PERSON = {"he", "she", "him", "her"}
PEOPLE_PRONOUNS = FIRST_PERSON | THIRD_PERSON | {"they", "you", "someone", "somebody", "people"}
POINTERS = {"those", "these", "this", "that", "it", "they", "both"}
MODALS = {"should", "could", "would", "might", "may", "can", "must", "'d", "\u2019d"}
NEGATION = {"not", "n't", "never", "no", "don't", "dont", "nor", "without"}
SETTING_MARKS = {"before", "after", "when", "while", "once", "until", "if", "unless", "because"}
"""Conjunctions of a clause that sets the scene for the advice given beside it, or gives
its reason."""
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis"}
QUOTE_CLOSERS = " \"'\u201d\u2019)]"
AVOIDED_PATH = ("dobj", "pobj", "prep", "xcomp", "pcomp", "compound", "amod", "nmod", "acomp")
"""Dependencies from an object up to the verb that governs it ("stop using Excel",
"get rid of Excel"); a clause or conjunct boundary ends the way up."""
HOW_TO = re.compile(
    r"\bhow (?:to|(?:do|can|would|should) (?:you|we|i)|(?:you|we|i|they) (?:should|need to|"
    r"have to|can|could|would))\s*$",
    re.I,
)
"""Words before a cue that make it the topic of a question ("how to make sure ...",
"how we can try to"), not advice; so does "how" before a cue "you should" ("how you should
read job descriptions"). "How important it is to ..." still advises."""
NAMING_VERBS = ("call", "name", "know")
"""A participle of these names the thing: "a startup called blipIQ"."""


def up(token: Any, steps: int) -> Iterator[Any]:
    """``token`` and the heads above it, ``steps`` tokens at most, ending at the root."""
    node = token
    for _ in range(steps):
        yield node
        if node.head == node:
            return
        node = node.head


def token_at(sent: Any, char: int) -> Any | None:
    """The token of ``sent`` at (or first after) ``char``, an offset in its stripped text."""
    offset = sent.start_char + char
    return next((t for t in sent if t.idx >= offset), None)


def asks(text: str) -> bool:
    """A question, also when it ends inside quotes or brackets ('... useful?”')."""
    return text.rstrip(QUOTE_CLOSERS).endswith("?")


def subject_of(verb: Any) -> tuple[Any | None, Any]:
    """(subject token, verb whose subject it is), climbing conj/xcomp chains."""
    v = verb
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and v.dep_ == "relcl" and subj.tag_ in ("WP", "WDT"):
            return v.head, v  # "Julie Zhuo, who wrote ...": who is the noun it hangs off
        if subj is not None:
            return subj, v
        if any(c.dep_ == "expl" for c in v.children):
            return None, verb  # "there was a person in ..."
        participle = v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN")
        adjective = v.dep_ == "acomp" and v.pos_ == "ADJ"  # "I was lucky to join X"
        joined = _prefixed(v)  # "I co-founded X": the parser hangs "founded" off "co"
        if (
            v.dep_ in ("conj", "xcomp", "relcl", "acl") or participle or adjective or joined
        ) and v.head != v:
            if v.dep_ == "relcl":
                return v.head, v  # "Maya, who works at ..."
            controller = next(  # of an infinitive: "spent two years doing X" is one's own
                (c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i),
                None,
            )
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                controller = None
            if v.dep_ == "xcomp" and controller is not None:
                return controller, v  # "we train people to be product executives": people
            v = v.head
        else:
            break
    return None, verb


def _prefixed(verb: Any) -> bool:
    """Whether ``verb`` is the second half of a hyphenated word whose first half the parser
    made its head ("co-founded", "re-joined" split by the tokenizer into three tokens)."""
    i = verb.i
    if i < 2:
        return False
    hyphen, prefix = verb.doc[i - 1], verb.doc[i - 2]
    return (
        hyphen.text == "-"
        and not hyphen.whitespace_
        and not prefix.whitespace_
        and verb.head.i in (i - 1, i - 2)
    )


def governing_verb(token: Any) -> tuple[Any | None, list[Any]]:
    """Nearest verb above ``token`` and the tokens on the way."""
    path = [token]
    t = token
    for _ in range(8):
        if t.head == t:
            return (t if t.pos_ in ("VERB", "AUX") else None), path
        t = t.head
        path.append(t)
        if t.pos_ in ("VERB", "AUX"):
            if t.dep_ == "acl" and t.lemma_ in NAMING_VERBS:
                continue  # "a startup called blipIQ": the verb above it counts
            return t, path
    return None, path


def negated(verb: Any) -> bool:
    if verb is None:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return any(c.dep_ == "neg" for c in verb.head.children) if verb.dep_ == "xcomp" else False


def ceased(verb: Any) -> bool:
    """ "she no longer works at X", "I don't work at X anymore", "I'm not at X any longer":
    held before, not now (a past claim, not a denial)."""
    for c in verb.children:
        if c.dep_ != "advmod" or c.lower_ not in ("longer", "anymore"):
            continue
        if c.lower_ == "anymore" or any(g.dep_ == "neg" for g in (*c.children, *verb.children)):
            return True
    return False


def is_past(verb: Any, sent: Any, words: Lexicon) -> bool:
    """Whether ``verb`` speaks of the past (then ``worked_at``, not ``works_at``)."""
    lower = {t.lower_ for t in sent}
    # "now" speaks of its own clause: "I now work at X, and I was at Y before" works at X;
    # "I was an engineer, then a PM, now whatever this job is" and "it blows my mind even
    # today, I joined Uber in 2015" speak of the past
    own_present = any(
        t.lower_ in words.present_cues
        and (t.head == verb or (t.head.pos_ not in ("VERB", "AUX") and t.head.head == verb))
        for t in sent
    )
    said_past = verb.tag_ == "VBD" or (
        verb.tag_ in ("VBG", "VB") and verb.dep_ == "xcomp" and told_past(verb.head)
    )  # "what he learned working at Microsoft", "he ended up working at YC", "she went on
    # to work at X", "we got to work at X together", "I was lucky to join X"
    if verb.tag_ == "VBG" and verb.head.lemma_.lower() in words.memory_verbs:
        return True  # "I remember being a student", "I miss working at X"
    if had(verb):
        return True  # "I'd been a manager for a couple of years"
    if recent_start(verb, words):
        return False  # "I recently became a content creator", "I just joined X": now
    if own_present or (
        lower & words.present_cues and not lower & words.strong_past_cues and not said_past
    ):
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_ in words.starting_verbs:
        if not words.ongoing.search(sent.text) and (  # "I started working at X": then, not now
            verb.head.tag_ == "VBD"
            or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.head.children)
        ):
            return True
        return bool(lower & words.strong_past_cues)
    if said_past:
        return True
    if ongoing_perfect(verb, sent, words):
        return bool(lower & words.strong_past_cues)  # "I've been at Miro for two years"
    perfect = ("'s", "'ve", "\u2019s", "\u2019ve", "has", "have", "had")
    if verb.tag_ == "VBN" and any(
        c.dep_ == "aux" or (c.dep_ == "auxpass" and c.lower_ in perfect) for c in verb.children
    ):
        return True  # present perfect: "he's worked for Siemens" (parsed as a passive)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" or a.lemma_ == "have" or a.lower_ == "used" for a in auxes):
        return True
    if verb.tag_ == "VBN" and verb.dep_ in ("conj",) and verb.head.tag_ in ("VBD", "VBN"):
        return True
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.head.tag_ == "VBD":
        return True  # "I worked in science, leading projects as a fellow"
    if verb.dep_ == "conj" and verb.head.tag_ == "VBD" and verb.tag_ not in ("VBP", "VBZ"):
        return True  # "I joined X and here I'm the VP of product" is now
    if verb.dep_ == "conj" and verb.tag_ in ("VBG", "VBN", "VB") and verb.head.pos_ == "VERB":
        return is_past(verb.head, sent, words)  # "I was working on X and designing Y": then
    return own_past_cue(verb, sent, words) or bool(words.past_settings.search(sent.text))


def own_past_cue(verb: Any, sent: Any, words: Lexicon) -> bool:
    """A cue of the past in ``verb``'s own clause: "she is CPO at X, and prior to X she was
    SVP at Y" is at X now; "I'm a former teacher" was one."""
    own = clause_of(verb, sent)
    return any(t.lower_ in words.past_cues and clause_of(t, sent) == own for t in sent)


def inverted(verb: Any) -> bool:
    """A question by its word order, with or without its question mark: an auxiliary
    before the subject ("how do I still be a good PM if ...", "can I be a lead")."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and any(
        c.dep_ == "aux" and c.i < subject.i and c.lower_ != "to" for c in verb.children
    )


def told_past(verb: Any) -> bool:
    """``verb`` (or the copula an adjective of it hangs from: "lucky to join") is in the
    simple past."""
    if verb.pos_ == "ADJ" and verb.dep_ == "acomp":
        verb = verb.head
    return verb.tag_ == "VBD"


def ongoing_perfect(verb: Any, sent: Any, words: Lexicon) -> bool:
    """ "I've been at X for two years", "she has been working at X since 2019": a present
    perfect of being (or of a continuous verb) with a duration goes on now."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present_have = any(a.lemma_ == "have" and a.tag_ in ("VBP", "VBZ") for a in auxes)
    being = verb.lemma_ == "be" or (verb.tag_ == "VBG" and any(a.lower_ == "been" for a in auxes))
    duration = any(c.dep_ == "prep" and c.lower_ in ("for", "since") for c in verb.children) or (
        verb.dep_ == "relcl" and verb.head.lemma_.lower() in words.duration_nouns
    )
    return present_have and being and (duration or bool(words.ongoing.search(sent.text)))


def unreal(verb: Any, words: Lexicon) -> bool:
    """A role wished, needed, possible or supposed, not held: "I have to be a manager",
    "you could become a lead", "I want to be an architect", "let's say I'm a lead"."""
    if not had(verb) and any(
        c.dep_ == "aux" and c.lower_ in MODALS | FUTURE | {"ca"} for c in verb.children
    ):
        return True  # "ca" of "can't": "I can't be a manager" holds no role
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words.wish_verbs | words.urging_verbs:
        return True  # "I was supposed to become a lawyer", "I recommend starting as X"
    if any(supposing(c, words) for c in verb.children if c.i < verb.i):
        return True  # "the skills that... let's say, I work as X"
    if verb.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ in MODALS | FUTURE for c in verb.head.children
    ):
        return True  # "that would've convinced me to be a manager"
    if verb.dep_ == "xcomp" and verb.head.lower_ == "going" and verb.head.tag_ == "VBG":
        return True  # "I'm never going to be an amazing engineer": not (yet) held
    if (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBZ", "VBP", "VB")
        and any(c.dep_ == "mark" and c.lower_ in ("before", "until", "once") for c in verb.children)
    ):
        return True  # "before he becomes a manager"
    # a supposition: "Let's say I'm a manager", "Suppose I'm an analyst", "if I were a lead"
    node = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return True
        if node.head == node or node.dep_ not in ("ccomp", "conj", "advcl", "parataxis"):
            break
        node = node.head
        if (
            node.lemma_.lower() in words.suppose_verbs
            and node.tag_ == "VB"  # "say I'm X", "let's suppose": not "saying I was X"
            and not any(  # "I said I was X" holds
                c.dep_ in SUBJECT_DEPS and c.lower_ not in ("'s", "\u2019s", "us")  # let's
                for c in node.children
            )
        ):
            return True
    return False


SUPPOSING = MODALS - {"would", "'d", "\u2019d"}
"""Modals of what is only supposed; "would" also tells what one used to do ("at X, we
would work on onboarding")."""
FUTURE = {"will", "'ll", "\u2019ll", "wo"}


def wished(verb: Any, words: Lexicon) -> bool:
    """A job or company wished, planned or asked for ("I want to work at X", "I'd like to join
    X", "I told her to join X"), or one a modal only supposes ("I could work at X"), not
    one held ("I had to work at X")."""
    if any(c.dep_ == "aux" and c.lower_ in SUPPOSING | FUTURE for c in verb.children):
        return True  # "I could work at X", "I will join X"
    if verb.dep_ == "xcomp" and verb.head.lower_ == "going" and verb.head.tag_ == "VBG":
        return True  # "I'm going to work at X in a couple of weeks": not yet
    if verb.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ in MODALS for c in verb.head.children
    ):
        return True  # "I'd love to work at X"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive and verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
        return True  # "I told Maya to join X", "we asked her to work at X": asked of them
    head = verb.head.lemma_.lower()
    return verb.dep_ == "xcomp" and head in words.wish_verbs and head not in ("have", "need")


def supposed(verb: Any) -> bool:
    """``verb`` is in an if/whether clause, or in a clause said or thought inside one ("if
    I think of I'm in Slack")."""
    for clause in up(verb, 4):
        if conditional(clause):
            return True
        if clause.dep_ not in ("ccomp", "conj", "xcomp"):
            return False
    return False


def conditional(token: Any) -> bool:
    """``token`` is in an if/unless/whether clause."""
    for node in up(token, 12):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return True
        if node.dep_ in CLAUSE_DEPS:
            return False
    return False


def in_setting(token: Any) -> bool:
    """``token`` is in a clause or a leading phrase that sets the scene for the advice
    rather than being advised: "before going to Kaggle, ...", "if you use Docker, ...",
    "when you ...", "for large CSV files, ..."."""
    node = token
    for _ in range(12):
        if node.head == node:
            return False
        if node.dep_ == "prep" and node.lower_ in ("before", "after"):
            return True
        if (
            node.dep_ == "prep"
            and node.i < node.head.i
            and node.right_edge.i + 1 < len(node.doc)
            and node.doc[node.right_edge.i + 1].text == ","
        ):
            return True  # "For large CSV files, don't use Git", "Specifically for ML, ..."
        if node.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in SETTING_MARKS for c in node.children
        ):
            return True
        node = node.head
    return False


def compared_away(token: Any) -> bool:
    """``token`` is what something is preferred to: "better than traditional statistics"."""
    return token.head != token and any(node.lower_ == "than" for node in up(token.head, 3))


def avoided(token: Any, words: Lexicon) -> bool:
    """``token`` is (in) the object of a verb that advises against it: "avoid technical
    debt", "stop using Excel", "get rid of silos", "break down the silos"."""
    node = token
    for _ in range(6):
        if node.head == node or node.dep_ not in AVOIDED_PATH:
            return False
        if node.dep_ == "prep" and node.lower_ not in ("of", "from"):
            return False
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in words.avoid_verbs or any(
            (lemma, c.lower_) in words.avoid_particle_verbs
            for c in node.children
            if c.dep_ == "prt"
        ):
            return True
    return False


def clause_of(token: Any, sent: Any) -> Any:
    """The head of the clause ``token`` belongs to (a verb of its own subject or the
    sentence's root)."""
    for _ in range(len(sent)):
        if (
            token.dep_ in CLAUSE_DEPS
            or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))
            or token.head == token
        ):
            break
        token = token.head
    return token


def previous_sentence(doc: Any, sent: Any) -> Any | None:
    prev = None
    for s in doc.sents:
        if s.start == sent.start:
            return prev
        prev = s
    return None
