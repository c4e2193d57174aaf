"""Imperatives: the verb of a sentence or clause that tells the listener to do something
("Start by hiring...", "So that's number one - find mentors"), kept apart from the other cues
of :mod:`kgraph.extract.claims.cues` because the tagger's mistakes need their own rules."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims.grammar import SUBJECT_DEPS
from kgraph.extract.claims.words import Lexicon

DASHES = (":", ";", "-", "\u2013", "\u2014", "--")
"""Punctuation after which a clause of its own may start: "So that's number one – find
mentors immediately"."""


def imperative(sent: Any, words: Lexicon) -> Any | None:
    """The verb of an imperative sentence ("Start by hiring...", "Don't hire ..."), or of an
    imperative clause that opens after a dash or colon ("So that's number one – find
    mentors immediately", "My take: write a design doc")."""
    verb = imperative_clause(sent, sent.root, words)
    if verb is not None:
        return verb
    for token in sent:
        if token.text in DASHES and token.i + 1 < sent.end and token.i > sent.start:
            after = sent.doc[token.i + 1]
            while after.dep_ in ("advmod", "neg", "aux", "intj", "cc") and after.i + 1 < sent.end:
                after = sent.doc[after.i + 1]  # "– just don't hire": the verb after them
            if (
                after.pos_ == "VERB"
                and after.tag_ == "VB"
                and (after.head.i <= token.i or after.head == after)
            ):
                found = imperative_clause(sent, after, words, start=token.i + 1)
                if found is not None:
                    return found
    return tagged_as_noun(sent, words)


def helping(sent: Any) -> Any | None:
    """The -ing verb that is the subject of "helps" in a sentence that says so of doing
    something ("Having a mentor helps a lot", "Writing things down really helps"): doing
    it is advised, as "it helps to have a mentor" advises it."""
    root = sent.root
    if root.lemma_.lower() != "help" or root.tag_ not in ("VBZ", "VBP"):
        return None
    if any(c.dep_ in ("neg", "aux") for c in root.children):
        return None  # "having a mentor doesn't help", "it can help": no advice
    subject = next((c for c in root.children if c.dep_ == "csubj"), None)
    first = next((t for t in sent if not t.is_punct and t.dep_ not in ("cc", "intj")), None)
    if subject is None or subject.tag_ != "VBG" or subject != first:
        return None  # "(So) having X helps" opens its sentence: not "you know, having X helps"
    if any(c.dep_ in SUBJECT_DEPS for c in subject.children):
        return None
    return subject


def helps(verb: Any) -> bool:
    """``verb`` is the doing said to help (:func:`helping`)."""
    return verb.dep_ == "csubj" and verb.tag_ == "VBG" and verb.head.lemma_.lower() == "help"


OBJECT_START = ("ADP", "DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM")
"""What may follow an imperative verb: its object or a preposition ("Focus on SQL")."""


def tagged_as_noun(sent: Any, words: Lexicon) -> Any | None:
    """A capitalised advice verb that opens a sentence with no finite verb of its own, read
    by the tagger as a noun ("Focus on SQL", "Build side projects", "Practice system
    design every week"): an imperative all the same, recognised by its place and
    ``advice_imperatives``, not by its tag. Not a subject ("Focus is key") nor a name."""
    leading = ("advmod", "intj", "cc")  # "So build ...", "Just focus on ..."
    first = next((t for t in sent if not t.is_punct and t.dep_ not in leading), None)
    if (
        first is None
        or first.pos_ not in ("NOUN", "PROPN")
        or not first.text[:1].isupper()
        or first.lower_ not in words.advice_imperatives
        or first.ent_type_ in ("PERSON", "BOOK", "WORK_OF_ART")
        or first.i + 1 >= sent.end
        or sent.doc[first.i + 1].pos_ not in OBJECT_START
    ):
        return None
    root = sent.root
    if root != first and (root.pos_ in ("VERB", "AUX") or first.dep_ in SUBJECT_DEPS):
        return None  # "Practice makes perfect", "Focus groups are useful"
    return first if told_as_sentence(sent, first) else None


def told_as_sentence(sent: Any, first: Any) -> bool:
    """A sentence said in full, not a title or a blurb ("Network Mentorship Program.",
    "Master MLOps, model monitoring & ..." cut off): it ends as a sentence and fewer than
    half of its other words are capitalised (acronyms aside: "Focus on SQL.")."""
    if not sent.text.rstrip(" \"'\u201d)").endswith((".", "!")):
        return False
    rest = [t for t in sent if t.is_alpha and t.i > first.i]
    capitals = [t for t in rest if t.text[0].isupper() and not t.is_upper]
    return 2 * len(capitals) < len(rest)


def imperative_clause(sent: Any, root: Any, words: Lexicon, start: int | None = None) -> Any | None:
    """``root`` as the verb of an imperative clause that starts at ``start`` (default: the
    sentence's start)."""
    be = root.pos_ == "AUX" and root.lemma_ == "be"  # "Be comfortable with Excel"
    if (root.pos_ != "VERB" and not be) or root.lemma_.lower() in words.steering_verbs:
        return None
    if root.ent_type_:
        return None  # a title read as a verb ("First, Break All the Rules") urges nothing
    if any((root.lemma_.lower(), c.lower_) in words.example_imperatives for c in root.children):
        return None  # "Think of fraud detection." gives an example
    if any(c.dep_ == "dobj" and c.lower_ in words.example_markers for c in root.children):
        return None  # "Take a good example with data science." gives one too
    if any(
        c.dep_ in SUBJECT_DEPS or c.dep_ == "aux" and c.lower_ not in ("do", "don't")
        for c in root.children
    ):
        return None
    if any(c.dep_ in ("dative", "dobj") and c.lower_ in ("me", "us") for c in root.children):
        return None  # "Give me an analogy", "send us your email": a request to the speaker
    leading = {  # "When you prepare, do mock interviews", "Before that, read it"
        i
        for c in root.children
        if c.i < root.i and c.dep_ in ("advcl", "prep", "npadvmod")
        for i in range(c.left_edge.i, c.right_edge.i + 1)
    }
    # after such a phrase the tagger often reads the verb as present tense (VBP)
    if root.tag_ != "VB" and not (leading and root.tag_ == "VBP"):
        return None
    if any(sent.doc[i].lower_ in words.example_markers for i in leading):
        return None  # "For example, take Kubernetes.": an example, not advice
    first = next(
        (
            t
            for t in sent
            if not t.is_punct
            and t.dep_ not in ("neg", "aux", "advmod", "intj")
            and t.i not in leading
            and (start is None or t.i >= start)
        ),
        None,
    )
    return root if first == root else None
