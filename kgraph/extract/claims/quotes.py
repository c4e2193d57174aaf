"""Quotations inside a turn and who says them: words the speaker quotes from someone else
are not the speaker's claims ('they said, “You need to create a merge request.”')."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims.grammar import FIRST_PERSON, SUBJECT_DEPS

OPENING_QUOTES = {"\u201c": "\u201d", '"': '"'}


def quotations(doc: Any) -> list[tuple[int, int]]:
    """Character spans of all the quotations in ``doc`` (an unclosed one runs to its end)."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    at = 0
    while True:
        opening = min((i for i in (text.find(q, at) for q in OPENING_QUOTES) if i >= 0), default=-1)
        if opening < 0:
            return spans
        closing = text.find(OPENING_QUOTES[text[opening]], opening + 1)
        end = len(text) if closing < 0 else closing + 1
        spans.append((opening, end))
        at = end


def introduced_by(doc: Any, char: int, speech_verbs: frozenset[str]) -> str | None:
    """Who says the quote opening at ``char``: "speaker" after a speech verb whose subject
    is I or we ("I told him, “...”"), "other" after one with another subject ("they said,
    “...”", "he was like, “...”"), "thought" after "I was like" (a reaction acted out), None
    when no speech verb comes before it."""
    at = doc.char_span(char, char + 1, alignment_mode="expand")
    before = list(doc[max(0, at.start - 5) : at.start]) if at is not None else []
    for token in reversed(before):
        if token.lemma_.lower() in speech_verbs and token.pos_ in ("VERB", "AUX"):
            if token.lemma_.lower() == "be" and not any(
                t.lower_ == "like" and t.i > token.i for t in before
            ):
                continue  # "was like, “...”" reports; "is" alone does not
            verb = token
            for _ in range(4):  # "people were reaching out, saying, “...”": their subject
                subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
                if subjects or verb.head == verb:
                    break
                verb = verb.head
            if not subjects:
                return None
            if all(c.lower_ not in FIRST_PERSON for c in subjects):
                return "other"
            # 'I was like, "I'm never going to be an engineer"': a thought or a reaction
            # acted out, not a statement of the speaker's
            return "thought" if token.lemma_.lower() == "be" else "speaker"
    return None


def spoken_aloud(subject: Any, speech_verbs: frozenset[str]) -> bool:
    """An "I" in words acted out without quotation marks: "you're like, I'm just a
    founder", "he said, I'm a PM" (after a comma, direct speech: not the speaker's own;
    "I told him, I'm a PM" and "he said that I'm a PM" are)."""
    clause = subject.head
    near = [clause.head] if clause.dep_ in ("ccomp", "parataxis", "conj") else []
    if near and near[0].dep_ in ("ccomp", "parataxis"):
        near.append(near[0].head)
    near += [c for c in clause.children if c.dep_ in ("ccomp", "parataxis")]
    for verb in near:
        lemma = verb.lemma_.lower()
        if verb.i >= subject.i or lemma not in speech_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        if not any(t.text in (",", ":") for t in subject.doc[verb.i : subject.i]):
            continue  # "he said that I'm a PM": indirect speech, the speaker's "I"
        if lemma == "be":
            if any(c.lower_ == "like" for c in verb.children):
                return True  # "you're like, ...", "I was like, ...": acted out
            continue
        said_by = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if said_by and all(c.lower_ not in FIRST_PERSON for c in said_by):
            return True
    return False


def reported_sentences(doc: Any, speech_verbs: frozenset[str]) -> list[str]:
    """The sentences of ``doc`` (stripped, as mentions keep them) that lie wholly inside
    words quoted from someone else: 'Steve said, "Keep three things in mind. One, make it
    hard to be ugly. Two, you should focus on X."' advises nothing in the speaker's voice,
    though no quotation mark is in "Two, you should focus on X." itself."""
    spans = [(s, e) for s, e in quotations(doc) if introduced_by(doc, s, speech_verbs) == "other"]
    if not spans:
        return []
    return [
        sent.text.strip()
        for sent in doc.sents
        if any(s < sent.start_char and sent.end_char <= e for s, e in spans)
    ]
