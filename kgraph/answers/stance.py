"""Whether a quote takes a stance on what it names: advises it (+1), advises against it
(-1) or only speaks of it (0).

A claim says who spoke of what; the views that rank advice and disagreements need the
quote itself to urge or warn about that very thing. "Don't track your KPIs" and "I stay
away from OKRs" are against, "you should write a design doc" and "OKRs are underrated"
for, while "if you don't have that feedback loop" (a condition), "Nike has this
incubation lab" (a description), a question, and words inside quotation marks (what
someone else said) take no stance. The vocabulary is data: ``kgraph/data/stances.yaml``
and the lists it shares with the claim rules in ``kgraph/data/claims.yaml``; the grammar
(negations, modals, where a clause starts) is here.

>>> stance("Please don't track your KPIs.", ["KPI"])
-1
>>> stance("I think you should write a design doc first.", ["design doc"])
1
>>> stance("If you don't have a design doc, it is hard.", ["design doc"])
0
>>> stance("Design docs are really important.", ["design doc"], praise=False)
0
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from kgraph.answers.cue_rules import AGAINST, FILL, FOR, NONE, cue_rules
from kgraph.answers.cue_words import alternations, ing, vocabulary
from kgraph.answers.naming import (
    faulted,
    in_a_way,
    manner,
    names_by_case,
    object_at_end,
    object_at_start,
    qualifies,
)

__all__ = ["AGAINST", "FOR", "NONE", "stance", "urged"]

_FILLER = re.compile(r"^\s*" + FILL, re.I)
# a condition, or a reason given for something else ("because you need to have expertise
# to write properly"): no advice
_CONDITION = re.compile(
    r"\b(?:if|when|whether|unless|once|until|whatever|because|since|cause)\b", re.I
)
# the host's words told back to them: "You mentioned that you need to ..."; someone
# else's: "his point of view was, you need to ...", "she told me, don't ..."
_REPORTED = re.compile(
    r"\byou\s+(?:mentioned|said|told\s+(?:me|us)|were\s+saying|talked\s+about)\b"
    r"|\bthe\s+(?:idea|notion|myth|belief|view)\s+that\b"
    r"|\b(?:a\s+talk|an\s+article|a\s+post|argued|argues|claimed|claims)\s+that\b"
    r"|\blike,?\s+(?:oh|hey|well|yeah)\b"  # words acted out: "like, oh, PMs are useless"
    # what one found to be so: "you just realize people just have to make the decision"
    r"|\b(?:realize|realise|realized|realised|noticed|discovered)\b"
    # what others hold: "a lot of people think they're overrated"
    r"|\b(?:people|folks|everyone|everybody|others|founders|they)\s+(?:\w+\s+)?"
    r"(?:think|thinks|believe|believes|feel|feels|assume|assumes)\b"
    r"|\b(?:he|she|they|his|her|their)\b(?:\s+\w+){0,3}?\s+(?:said|says|told|tells"
    r"|was\s+like|were\s+like|(?:point\s+of\s+)?view\s+(?:was|is)|advice\s+(?:was|is))\b"
    # what others say: "the hundred basically say you need to ..." (not "I'd say you ...")
    r"|(?<!\bi\s)(?<!\bwe\s)(?<!\bi'd\s)(?<!\bwould\s)(?<!\bi'll\s)(?<!\bcan\s)(?<!\bto\s)"
    r"(?<!\bjust\s)(?<!\bi'm\s)"
    r"\b(?:say|says|said|saying)\s+(?:that\s+)?$"
    # what a thing holds, told: "we have this loop we teach, and it's basically, you need X"
    r"|\b(?:it|this|that|which)(?:'s|\s+is|\s+was|\s+says)\s+(?:basically\s*|essentially\s*)?,",
    re.I,
)
# not the speaker's advice but analysis: a question asked by its word order without a
# question mark ("So how much do you need the supplier to ..."), the reason for something
# explained ("the reason we won't see X is that ... you need Y"), or a view others hold,
# named ("this conversation of you don't need Google anymore")
_ANALYSED = re.compile(
    r"\b(?:how|what|why|which|where|who|whether)\b(?:\s+\w+){0,2}?"
    r"\s+(?:do|does|did|should|would|could|can|will|must)\s+$"
    r"|\bthe\s+reason\b[^,;:]*?\b(?:is|was)\b"
    r"|\b(?:this|that|the|a)\s+(?:\w+\s+)?(?:conversation|narrative|argument|debate|discussion"
    r"|notion|myth|claim|perception|sentiment|meme)\s+(?:of|that|around|about)\b",
    re.I,
)
# a sentence that opens telling what someone did or does ("We took the churn reasons,
# sorted them, ... just give every engineer access"): a verb without a subject later in it
# goes on the list of what they did, no imperative; unless the opening only says that what
# follows is an opinion or advice ("I think, just ship it", "I always tell people, ...")
_NARRATED = re.compile(
    r"\W*(?:(?:and|but|so|then)\s+)?(?:i|we|they|he|she)\s+(?:\w+ly\s+|just\s+)*"
    r"(?!(?:think|believe|guess|feel|mean|say|said|tell|told|would|'d|recommend|suggest|advise"
    r"|always|usually|often|encourage|like\s+to\s+say)\b)[a-z']+\b[^.;!?]*,",
    re.I,
)
# "your job may be X and you need Y, but ...": a clause conceded before "but", not advised
_CONCEDING = re.compile(r"\b(?:may|might)\b", re.I)
_BUT = re.compile(r"\bbut\b", re.I)
# the speaker's own request or voice in what is urged: "ask them to show me the
# analytics", "get the specs of what are my objectives" (a user acted out)
_FIRST_SINGULAR = re.compile(r"\b(?:me|my|myself|mine)\b", re.I)
# a subject in the clause before a cue makes it no imperative
_SUBJECT = re.compile(r"\b(?:i|we|they|he|she|it)\b", re.I)
_EXAMPLE = re.compile(r"\b(?:for\s+example|as\s+an\s+example|for\s+instance)\b", re.I)
_QUOTE_MARK = re.compile(r'["\u201c\u201d]')
# a determiner or possessive right before a thing (one instance of it, not the thing), or
# a word that makes the clause a report ("realized why leaderboards don't work")
_DETERMINED = re.compile(
    r"\b(?:the|this|that|these|those|our|my|your|their|his|her|its|a|an)\s+(?:\w+\s+)?$"
    r"|\b(?:why|how|whether|what|when|if|because|where)\b",
    re.I,
)
# one's own instance of a thing, judged: "my AI talk is nonsense" dismisses a talk, not AI
_OWNED = re.compile(r"\b(?:my|our|his|her|their)\s+(?:\w+\s+)?$", re.I)
# advice named so as to reject it: "don't focus on your competitors is terrible advice"
_DISOWNED = re.compile(
    r"[^.;!?]*?\b(?:is|was)\s+(?:(?:such|really|just|a|an|the)\s+)*(?:terrible|bad|awful"
    r"|horrible|wrong|the\s+wrong|the\s+worst|stupid|dumb)\s+(?:advice|idea|take|thing\s+to\s+say)",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|no|nobody)\b|n't\b", re.I)


@functools.lru_cache(maxsize=1 << 16)  # a quote is read for each thing it names
def _cues(text: str) -> tuple[tuple[int, str, str], ...]:
    """(polarity, side, words) of each cue the quote says as advice, in the order of the
    rules (the cues against first). ``side``: "scope" (the words after the cue), "opinion"
    (a scope liked or not: no advice), "before" (the clause before a judgement),
    "endorsed" (one before a judgement strong enough to advise: "X is underrated"),
    "bare" (one before a dismissal that holds of things in general: "titles don't
    matter", not "our titles don't matter")."""
    found = []
    lower = text.lower()
    for polarity, pattern, start, (words, before) in cue_rules():
        if words and not words.search(lower) or before and not before.search(text):
            continue
        for match in pattern.finditer(text):
            if start and not start.search(text[max(0, match.start() - 40) : match.start()]):
                continue
            if start and _SUBJECT.search(re.split(r"[.,;:!?]", text[: match.start()])[-1]):
                # "I personally actually don't do AI research", "we did these cohorts and
                # then always get the feedback": no imperative
                continue
            told = re.split(r"[.;!?]", text[: match.start()])[-1]
            if start and _NARRATED.match(told) and not re.search(r"\bso\s+(?:\w+\s+)?$", told):
                continue  # "We took the churn reasons, ..., just give every engineer access"
            groups = match.groupdict()
            if groups.get("verb") and not groups.get("urged") and _addressing(groups):
                continue  # "I always advise product managers like, ...": whom, not what
            if _said_as_advice(text, match, polarity):
                if "scope" in pattern.groupindex:
                    scope = _urged_scope(match)
                    if scope is None:
                        continue
                    side = "opinion" if "opinion" in pattern.groupindex else "scope"
                    found.append((polarity, side, scope))
                else:
                    clause = re.split(r"[.,;:!?]", text[max(0, match.start() - 80) : match.start()])
                    marked = [g for g in ("endorsed", "bare") if g in pattern.groupindex]
                    found.append((polarity, (*marked, "before")[0], clause[-1]))
    return tuple(found)


def _urged_scope(match: re.Match[str]) -> str | None:
    """The words a cue urges, or None when they urge nothing on the listener: the
    speaker's own request or voice ("show me the analytics", "what are my objectives"),
    a thing needed only for something else ("you don't need a tool in place to see X");
    after a verb of going or looking followed by another verb, that verb's words ("look
    at your calendar and kill meetings": the calendar is where, not what, to act on)."""
    scope = match.group("scope").strip()
    if _FIRST_SINGULAR.search(scope):
        return None
    groups = match.groupdict()
    if groups.get("needless") is not None and re.search(r"\sto\s+[a-z]", scope, re.I):
        return None
    cue = match.group(0)[: match.start("scope") - match.start()]
    if re.search(rf"\b{alternations()['place_verbs']}\s*$", cue, re.I):
        then = re.search(r"\s+and\s+(?:then\s+|just\s+|also\s+)*([a-z]+)\s+(.*)$", scope, re.I)
        if then and then.group(1).lower() not in _object_starters():
            return then.group(2)
    return scope


def _addressing(groups: dict[str, str | None]) -> bool:
    """The words after a verb that may name the person advised name them: "what I'd advise
    for PMs", "I always advise PMs like, ...", "I encourage a lot of founders to ..." (not
    "I'd advise OKRs for every team")."""
    verbs = {v.lower() for v in vocabulary().get("addressing_verbs", [])}
    scope = (groups.get("scope") or "").strip().lower()
    addressed = scope.startswith("for ") or re.search(r"\blike$|\bto\b", scope)
    return (groups.get("verb") or "").lower() in verbs and bool(addressed)


Cue = Sequence  # (polarity, side, words), see _cues; lists when read back from JSON


def quote_cues(quote: str | None) -> tuple[tuple[int, str, str], ...]:
    """The stance cues ``quote`` holds, whatever it names: the costly part of
    :func:`stance`, so extraction reads them once per sentence and keeps them."""
    return _cues((quote or "").replace("\u2019", "'"))


def stance(
    quote: str | None,
    forms: Iterable[str],
    praise: bool = True,
    title: bool = False,
    read: Sequence[Cue] | None = None,
) -> int:
    """FOR (1), AGAINST (-1) or NONE (0): the stance ``quote`` takes on what ``forms`` name.

    ``praise`` False leaves out praise ("X is really important") and liking or not ("I
    don't like X"): a stance, but seldom advice one can act on, unlike "you should do X"
    or "X is a waste of time". ``title``: the thing is a work with a title (a book), named
    only in capitals. ``read``: the quote's :func:`quote_cues` when already read."""
    cues = read if read is not None else quote_cues(quote)
    forms = [f for f in forms if f and f.strip()]
    cues = [c for c in cues if _may_name(c[2], forms)]
    if not cues:
        return NONE
    named = tuple(sorted(set(forms)))
    lower = forms[0].strip()[0].islower()
    for polarity, side, words in cues:
        if side in ("before", "endorsed", "bare"):
            at_end, at_start = object_at_end(named), object_at_start(named)
            found = at_end.search(words)
            if (
                (praise or polarity == AGAINST or side == "endorsed")
                and found
                and (side == "before" or _ends_with(words, at_start))
                and not (side == "bare" and _DETERMINED.search(words[: found.start()]))
                and not (polarity == AGAINST and _OWNED.search(words[: found.start()]))
                and not (polarity == AGAINST and faulted().search(words[: found.start()]))
                and not (polarity == AGAINST and in_a_way(words, found.start(), at_start))
                and names_by_case(found.group(0), title, lower, not words[: found.start()].strip())
                and _judged_itself(words, found.start(), at_start)
            ):
                return polarity
        elif side == "opinion" and not praise:
            continue
        elif _bounded(polarity, words) and any(
            (found := object_at_start(named).match(w))
            and names_by_case(found.group(0), title, lower, False)
            and not _acts_on(found.group(0), w[found.end() :])
            and not qualifies(w[found.end() :])
            and not (polarity == AGAINST and manner(w[found.end() :]))
            for w in (words, _FILLER.sub("", words), _FILLER.sub("", _gerund().sub("", words)))
        ):
            return polarity
    return NONE


# advice against a thing limited to some of it, or to some uses ("you shouldn't do an eval
# like this for everything", "you don't need to share all the feedback"): no rejection
_LIMITED = re.compile(
    r"\b(?:for|on|in|to|with|of)\s+(?:every|everything|each|all)\b"
    r"|\blike\s+(?:this|that|these|those)\b|^(?:\w+\s+)?(?:all|every|each)\s",
    re.I,
)
# advice for a thing asked for the speaker ("share any feedback for me"): a request; or
# the speaker's own ("look at our naming"): what they show, no advice
_REQUEST = re.compile(r"\b(?:me|us)\b", re.I)
_OWN = re.compile(r"(?:\w+\s+){0,2}?(?:my|our)\s", re.I)


def _bounded(polarity: int, scope: str) -> bool:
    """Whether a cue's scope says its advice whole: not limited to some of the thing
    (against), not asked for the speaker nor the speaker's own (for)."""
    if polarity == AGAINST:
        return not _LIMITED.search(scope)
    return not _REQUEST.search(scope) and not _OWN.match(scope)


def _judged_itself(words: str, start: int, at_start: re.Pattern[str]) -> bool:
    """A judgement ("X is really important") is of the thing itself: the clause before it
    names it as its subject, after words that say nothing (determiners, "I think") or a
    verb of doing it ("writing a design doc"), not as what another verb acts on
    ("challenging your own assumptions", "approaching it from scratch"), and not as what
    qualifies the word after it ("productivity metrics are a lie")."""
    leading = re.findall(r"[a-z']+", words[:start].lower())
    if any(w not in _leading_words() for w in leading):
        return False
    named = at_start.match(words, start)
    return not (named and qualifies(words[named.end() :]))


@functools.cache
def _leading_words() -> frozenset[str]:
    """Words that may lead a thing judged: function words, fillers, verbs of doing."""
    verbs = vocabulary().get("action_verbs", [])
    doing = {w for v in verbs for w in (*ing(v).split(), *v.split())}
    return (
        frozenset(vocabulary().get("function_words", [])) | set(re.findall(r"[a-z]+", FILL)) | doing
    )


def _may_name(words: str, forms: Sequence[str]) -> bool:
    """Whether ``words`` hold the first word of one of ``forms`` (any case): what
    naming it needs, tested before the costly patterns of its names are made."""
    lower = words.lower()
    return any(_first_word(form) in lower for form in forms)


@functools.lru_cache(maxsize=1 << 14)
def _first_word(form: str) -> str:
    return re.split(r"[\s\-]+", form.strip())[0].lower()


def _acts_on(named: str, after: str) -> bool:
    """A practice named by its verb acts on what follows it: "hiring smart people",
    "testing your idea" advise about those, not about hiring or testing themselves
    ("hiring too early", "hiring is hard", "a pricing survey" do)."""
    if not named.lower().endswith("ing"):
        return False
    following = re.match(r"\s+([a-z']+)", after.lower())
    if not following:
        return False
    return following.group(1) in _object_starters()


@functools.cache
def _object_starters() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().get("object_starters", []))


@functools.cache
def _gerund() -> re.Pattern[str]:
    """A verb of doing in its -ing form at the start of a cue's scope: "avoid [using] X",
    "I'd recommend [reading] X", "stop [focusing on] X"; not one that changes its object
    ("stop [bothering] the engineers" is not against engineers)."""
    return re.compile(r"^" + alternations()["action_gerunds"] + r"\s+", re.I)


def _ends_with(words: str, thing: re.Pattern[str]) -> bool:
    """The clause ends with the thing itself ("user research is underrated"), not with
    words after it ("doing user research with students is ...")."""
    tail = words.rstrip()
    return any(m.end() == len(tail) for m in thing.finditer(tail))


def _said_as_advice(text: str, match: re.Match[str], polarity: int) -> bool:
    """Not a question, not inside quotation marks, not under a condition; advice for a
    thing is not negated ("you don't need to ...", "nobody should ..."), unless twice
    ("don't skip onboarding")."""
    before = text[: match.start()]
    sentence = re.split(r"[.;!?]", before)[-1]
    clause = re.split(r"[,:]", sentence)[-1]
    if _CONDITION.search(sentence) or _EXAMPLE.search(text) or _REPORTED.search(sentence):
        return False
    if _ANALYSED.search(sentence):
        return False  # "how much do you need X", "the reason ... is that you need X"
    rest = re.split(r"[.;!?]", text[match.start() :])[0]
    if _CONCEDING.search(sentence) and _BUT.search(rest):
        return False  # "your job may be to pass the ball and you need skills, but ..."
    if (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2:
        return False
    # or inside words quoted since an earlier sentence: the first mark after it closes
    # ('So do a demo for me."': what a customer said, told), where one after a space
    # opens ('the end user will be saying, "')
    mark = _QUOTE_MARK.search(text, match.start())
    if (
        mark
        and mark.group(0) != "\u201c"
        and (mark.group(0) == "\u201d" or mark.start() and not text[mark.start() - 1].isspace())
    ):
        return False
    sentence_end = re.search(r"[.!?]", text[match.end() :])
    if sentence_end and sentence_end.group(0) == "?":
        return False
    if _DISOWNED.match(text, match.start()):  # "don't focus on X is terrible advice"
        return False
    if polarity == AGAINST:  # "that doesn't mean I don't care about X": negated twice
        return not _NEGATION.search(clause[-40:])
    if polarity == FOR:
        cue = match.group(0)
        scope = match.groupdict().get("scope") or ""
        double = "feared" in match.re.groupindex or re.search(
            r"(?:don't|do\s+not|never)\s+" + alternations()["double_negative_verbs"], cue, re.I
        )
        said = clause[-30:] + " " + ("" if double else cue[: len(cue) - len(scope)])
        return not _NEGATION.search(said)
    return True


_NEXT_CLAUSE = re.compile(r"\b(?:and|but|or|because|so|where|which|while|then)\b", re.I)
URGED_WORDS = 5  # how near the advising verb a topic must be named to be what it acts on


def urged(quote: str | None, forms: Iterable[str]) -> int:
    """FOR or AGAINST when ``quote`` urges or warns about something that names one of
    ``forms`` within its first words, not as its very object ("just get customer
    feedback fast", "try testing it"); not liking, not a judgement; else NONE: the
    advice on a topic reads it as advice about the topic."""
    forms = tuple(sorted({f for f in forms if f and f.strip()}))
    pattern = None
    for polarity, side, words in _cues((quote or "").replace("\u2019", "'")):
        if side != "scope" or not _may_name(words, forms):
            continue
        pattern = pattern or object_at_start(forms)
        acted_on = _NEXT_CLAUSE.split(words)[0]  # "start and there's a feedback loop": no
        if pattern.search(" ".join(acted_on.split()[:URGED_WORDS])):
            return polarity
    return NONE
