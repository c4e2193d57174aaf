"""Advice against a thing said by a pronoun, in the sentence after the one naming it:
"People love OKRs. I think they're a waste of time." rejects OKRs; "Should you hire a
coach? I wouldn't do it early." advises against hiring one.

The first pronoun of a sentence naming no thing itself stands for the thing the sentence
before names as its subject or last, when that one names no other thing it could stand
for ("they", "them", "those", "these": a plural; "it", "one": anything): :func:`reading`
reads the sentence with the thing in its place (with the verb acting on it before, for
"do it"), and :func:`kgraph.answers.stance.stance` reads that as any sentence. Not read
so: "that" and "this" but as what "do" does (else they stand for what was said or done:
"that was a mistake"), "those" or "one" before a noun, the empty "it" of "it's hard to
...", "it doesn't work" or "it doesn't matter" (how things go), "do it" with no verb of
doing before ("we made our first money. Don't do that") or after a negation, a sentence
under a condition or of the speaker's own duty ("I have to be careful about it"), and
words inside someone else's quoted ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from kgraph.answers.cue_rules import FILL
from kgraph.answers.cue_words import vocabulary
from kgraph.answers.naming import object_at_start

_PLURAL = frozenset(["they", "them", "those", "these"])
# pronouns only where no noun follows: "those tools", "one of them" are not
_DEMONSTRATIVE = frozenset(["those", "these", "one"])
# what may follow a demonstrative used as a pronoun: a verb, an adverb, a clause's end
_AFTER_DEMONSTRATIVE = re.compile(
    r"(?:'s|'re|\s*(?:[.,;:!?]|$)|\s+(?:is|are|was|were|isn't|aren't|doesn't|don't|does|do"
    r"|just|really|never|will|won't|would|can|sounds|seems|works|matters|early|anymore|now"
    r"|again|yet|either|too|at\s+all|up\s+front|right\s+now|first|today|for|in|at|on)\b)",
    re.I,
)
# "that" and "this" stand for a thing only as what "do" does ("Should you hire a coach?
# Don't do that."): else for what was said or done before ("that was a mistake")
PRONOUN = re.compile(
    r"(?<![\w'])(?P<do>(?:do|doing)\s+)?(?:(?<=\s)(?P<act>that|this)|(?P<p>it|they|them|those"
    r"|these|one)(?P<be>'s|'re)?)(?![\w'])",
    re.I,
)
# "it's hard to hire well", "it's a mistake that ...": the empty subject of what follows
_EMPTY_IT = re.compile(r"^(?:'s|\s+is|\s+was)\b[^.;!?]*?\b(?:to\s+[a-z]|that\b)", re.I)
# "it doesn't work", "it doesn't matter": said of how things go, seldom of the thing
_HOW_IT_GOES = re.compile(
    r"^\s+(?:\w+\s+)?(?:doesn't|does\s+not|never|won't|isn't\s+going\s+to)\s+(?:really\s+)?"
    r"(?:work|matter)",
    re.I,
)
# "it doesn't work, for example, if ...": a condition limits what the pronoun is said of
_CONDITION = re.compile(r"\b(?:if|when|unless|until|whether|otherwise)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)
# "I just have to be careful about it": the speaker's own duty, no advice
_OWN_DUTY = re.compile(r"\b(?:i|we)\s+(?:\w+\s+)?(?:have|has|had|need|needed)\s+to\b", re.I)
_QUOTES = re.compile(r'["\u201c\u201d]')
_FILLERS = re.compile(r"(?<![\w'])" + FILL + r"$", re.I)


def pronoun(sentence: str) -> re.Match[str] | None:
    """The first pronoun of ``sentence`` when it may stand for a thing named before (a
    later one may stand for what the first does: "they're bugs, so don't have them")."""
    text = sentence.replace("\u2019", "'")
    m = PRONOUN.search(text)
    if not m:
        return None
    if m.group("act"):
        return m if m.group("do") else None
    word, rest = m.group("p").lower(), text[m.end("p") :]
    if word in _DEMONSTRATIVE and not _AFTER_DEMONSTRATIVE.match(rest):
        return None
    if word in ("it", "one") and (_EMPTY_IT.match(rest) or _HOW_IT_GOES.match(rest)):
        return None
    return m


def reading(
    sentence: str, before: str, forms: Sequence[str], others: Iterable[Sequence[str]] = ()
) -> str | None:
    """``sentence`` with its pronoun read as the thing ``forms`` name in ``before``, when
    that sentence names it as its subject or last ("People love OKRs.") and no other
    thing (``others``: the names of each other thing) the pronoun could stand for; None
    when it may not be so read."""
    named = list(object_at_start(tuple(sorted(set(forms)))).finditer(before))
    m = pronoun(sentence)
    if not named or not m or _CONDITION.search(sentence) or _OWN_DUTY.search(sentence):
        return None
    if len(_QUOTES.findall(before)) % 2 or not _salient(before, named[-1]):
        return None  # inside someone else's words; a thing named in passing
    thing, word = named[-1].group(0), (m.group("p") or m.group("act")).lower()
    many = word in _PLURAL
    spans = [(n.start(), n.end()) for n in named]
    rivals = [  # another thing named apart from it ("research" in "user research" is it)
        _plural(n.group(0))
        for names in others
        for n in object_at_start(tuple(sorted(set(names)))).finditer(before)
        if not any(s < n.end() and n.start() < e for s, e in spans)
    ]
    if many and not _plural(thing) or any(r or not many for r in rivals):
        return None
    verb = _verb_before(before, named[-1].start())
    if m.group("do") and (not verb or _NEGATED.search(before)):
        return None  # "we made our first money. Don't do that"; "we didn't hire a coach"
    said = f"{verb} {thing}" if m.group("do") else thing
    if m.group("be"):
        said += " are" if many else " is"
    text = sentence.replace("\u2019", "'")
    return text[: m.start()] + said + text[m.end() :]


def _salient(before: str, named: re.Match[str]) -> bool:
    """The thing is the subject of its clause (only function words before it) or the
    sentence ends with it (but two words): what a pronoun after it stands for."""
    clause = re.split(r"[.,;:!?]", before[: named.start()])[-1]
    if all(w in _function_words() for w in re.findall(r"[a-z']+", clause.lower())):
        return True
    return len(re.findall(r"[\w']+", before[named.end() :])) <= 2


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().get("function_words", []))


def _plural(name: str) -> bool:
    lower = name.lower()
    return lower.endswith("s") and not lower.endswith("ss")


def _verb_before(text: str, start: int) -> str | None:
    """The verb of doing acting on the thing named at ``start`` ("hire" of "Should you
    hire a coach?"), fillers skipped; None when none does."""
    clause = re.split(r"[.,;:!?\"]", text[:start])[-1]
    words = re.findall(r"[a-z']+", _FILLERS.sub("", clause).lower())
    if words and words[-1] in _verbs():
        return words[-1]
    return None


@functools.cache
def _verbs() -> frozenset[str]:
    return frozenset(v.split()[0].lower() for v in vocabulary().get("action_verbs", []))
