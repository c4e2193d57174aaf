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
from collections.abc import Iterable

from kgraph.answers.cue_words import alternations, needed, vocabulary
from kgraph.answers.naming import names_by_case, object_pattern, object_rules

FOR, NONE, AGAINST = 1, 0, -1

# determiners, quantities and a few modifiers that may stand between a verb and its object;
# not "that" or "this": "don't do that testing", "you must have that mindset" speak of one
# instance already named, not of the thing
_FILL = (
    r"(?:(?:the|a|an|your|their|our|my|his|her|its|any|some|much|more|so\s+much|too\s+much"
    r"|a\s+lot\s+of|lots\s+of|on|in|into|for|from|with|about|of|to|up|at|those|these"
    r"|every|all|good|great|formal|real|proper|big|early|traditional|down|out|clear|strong"
    r"|simple|small|regular|honest|written|single)\s+){0,3}"
)
# verbs of thinking or having: "people don't have the discipline" is no advice
_NOT_DOING = r"(?:know|think|mean|want|see|understand|care|need|have|got|like|remember)"
# the verb of "you shouldn't [track] your KPIs": one word, not one of thinking or having
_VERB = rf"(?!{_NOT_DOING}\b)[a-z]+"
# an imperative has no subject nor modal: "we just use X", "you can always get X" tell
# what someone does or can do; nor does it go on a clause with "and" ("what has let
# Airbnb close and escape competition", "we go in there and just look at the feedback"),
# unless after a comma ("be honest, and don't hide it")
_NOT_SUBJECT = (
    r"(?<!\byou\s)(?<!\bwe\s)(?<!\bthey\s)(?<!\bi\s)(?<!\blet's\s)(?<!\bcan\s)(?<!\bwill\s)"
    r"(?<!\bcould\s)(?<!\bwould\s)(?<!\bmight\s)(?<!\bmay\s)(?<!'ll\s)(?<!\bshould\s)(?<!\bmust\s)"
    r"(?<!\bto\s)(?<!\bcannot\s)(?<!n't\s)(?<!\band\s)"
)
# where a clause starts (what the text before an imperative ends with): an imperative
# there is advice ("..., so don't hire a PM"); a sentence start only, for the commonest verbs
_CLAUSE_START = re.compile(
    r"(?:(?:^|[.,;:!?\"\u201c\u201d\u2014(-]\s*)(?:and\s+)?|"
    + _NOT_SUBJECT
    + r"\b(?:so|but|just|please|then|also|really|honestly|definitely|seriously|generally"
    r"|actually|say|would\s+say|advice\s+is(?:\s+to)?|is\s+to|would\s+be|like)\s+)$",
    re.I,
)
_SENTENCE_START = re.compile(
    r"(?:^|[.;:!?]\s*|" + _NOT_SUBJECT + r"\b(?:so|just|always)\s+)(?:always\s+)?$", re.I
)
# _SENTENCE_START loosened (no lookbehind, no word boundary) to stand before a cue's
# pattern: a quote it finds nothing in holds no imperative at a sentence's start
_SENTENCE_START_BEFORE = r"(?:^|[.;:!?]\s*|(?:so|just|always)\s+)(?:always\s+)?"
_WHO = r"(?:you|people|everyone|founders|pms|teams|companies|leaders|managers|engineers)"
# those people in general, not some ("the PMs have to write a press release": how one
# company works, described)
_THIRD = r"\b(?<!\bthe\s)(?<!\bour\s)(?<!\bmy\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)"
_ADV = (
    r"(?:(?:really|so|very|super|incredibly|extremely|hugely|massively|totally|completely"
    r"|absolutely|vastly|highly|just|mostly|still|often|definitely|actually)\s+)?"
)
_SCOPE = r"\s+(?P<scope>[^.,;:!?]{1,80})"  # what follows a cue: its object is at its start
_FILLER = re.compile(r"^\s*" + _FILL, re.I)
_GERUND = re.compile(
    r"^(?!(?:bring|thing|string|spring|sing|king)\b)\w{2,}ing\s+"
)  # "avoid [using] X", "I'd recommend [reading] X"
_BE = r"\s+(?:is|are|was|were|'s|'re)\s+"  # "X is overrated": X is in the words before
_CONDITION = re.compile(r"\b(?:if|when|whether|unless|once|until|whatever)\b", re.I)
# the host's words told back to them: "You mentioned that you need to ..."; someone
# else's: "his point of view was, you need to ...", "she told me, don't ..."
_REPORTED = re.compile(
    r"\byou\s+(?:mentioned|said|told\s+(?:me|us)|were\s+saying|talked\s+about)\b"
    r"|\bthe\s+(?:idea|notion|myth|belief|view)\s+that\b"
    r"|\blike,?\s+(?:oh|hey|well|yeah)\b"  # words acted out: "like, oh, PMs are useless"
    r"|\b(?:he|she|they|his|her|their)\b(?:\s+\w+){0,3}?\s+(?:said|says|told|tells"
    r"|was\s+like|were\s+like|(?:point\s+of\s+)?view\s+(?:was|is)|advice\s+(?:was|is))\b",
    re.I,
)
# a subject in the clause before a cue makes it no imperative
_SUBJECT = re.compile(r"\b(?:i|we|they|he|she|it)\b", re.I)
# the speaker, as the subject of a stance they hold: "I'm", "I've always been", "we are"
_SPEAKER_IS = (
    r"\b(?:i'm|i\s+am|we're|we\s+are|i've\s+(?:always\s+)?been|i\s+was\s+always"
    r"|i\s+(?:have\s+)?(?:always\s+)?been)\s+"
)
_EXAMPLE = re.compile(r"\b(?:for\s+example|as\s+an\s+example|for\s+instance)\b", re.I)
_QUOTE_MARK = re.compile(r'["\u201c\u201d]')
_NEGATION = re.compile(r"\b(?:not|never|no|nobody)\b|n't\b", re.I)


_Gate = tuple[re.Pattern[str] | None, re.Pattern[str] | None]  # see _gate


# Long as a table is: one entry a cue (polarity, pattern, start), each with its example.
@functools.cache
def _cue_rules() -> list[tuple[int, re.Pattern[str], re.Pattern[str] | None, _Gate]]:
    """(polarity, pattern, start, gate) of every cue, those against first; a pattern's
    ``scope`` group holds the words after the cue; a judgement ("X is overrated") has
    none: X is in the clause before it. An imperative's ``start`` is what the text before
    it must end with. A cue against ``needs`` one of its words in the quote (lower case),
    a cheap test before its pattern's search (:func:`_gate`): most quotes hold none."""
    w = alternations()
    negation, verbs, judged = needed()
    doubting = ("skeptic", "sceptic", "not", "allergic")
    urging = w["action_verbs"]
    double = w["double_negative_verbs"]
    rules = [
        (
            AGAINST,
            # a verb of doing, having or minding the thing: "don't track your KPIs",
            # "don't worry about the OKRs", not "never
            # reverse principles two and three", "don't confuse press releases with X"
            rf"\b(?:don't|do\s+not|never)\s+(?:ever\s+)?(?!{double}\b)(?!{_NOT_DOING}\b)"
            rf"(?:{urging}|{w['favouring_verbs']})" + _SCOPE,
            _CLAUSE_START,
            negation,
        ),
        (AGAINST, r"\b" + w["against_verbs"] + _SCOPE, _CLAUSE_START, verbs),
        (
            AGAINST,
            r"\b(?:i|we)(?:\s+do|\s+would|'d)?(?:\s+not|\s+never|n't)\s+(?:really\s+|ever\s+)?"
            rf"(?:{w['recommending_verbs']}|{w['favouring_verbs']})\w*" + _SCOPE,
            None,
            negation,
        ),
        (  # "I don't like X": an opinion against X, as praise is one for it (no advice)
            AGAINST,
            r"\b(?:i|we)(?:\s+do|\s+would|'d)?(?:\s+not|\s+never|n't)\s+(?:really\s+|ever\s+)?"
            rf"{w['liking_verbs']}\w*(?P<opinion>)" + _SCOPE,
            None,
            negation,
        ),
        (  # "I wouldn't read X"; not "we don't have X" (what a team does), "I'd never run"
            AGAINST,  # ("I'd" is as often "I had": "I'd never run a conference before")
            r"\b(?:i|we)\s+would(?:\s+not|\s+never|n't)\s+(?:really\s+|ever\s+)?" + urging + _SCOPE,
            None,
            negation,
        ),
        (  # "I don't think you should hire a PM": the advice for it, denied
            AGAINST,
            r"\bi\s+(?:really\s+)?(?:don't|do\s+not)\s+think\s+(?:that\s+)?" + _WHO + r"\s+"
            r"(?:should|need\s+to|have\s+to|must|ought\s+to)\s+(?:really\s+|always\s+|just\s+)?"
            + urging
            + _SCOPE,
            None,
            negation,
        ),
        (
            AGAINST,
            # "I stay away from X"; not "we reduce our costs" (what a team does, described)
            r"\bi\s+(?:largely\s+|generally\s+|always\s+|usually\s+|try\s+to\s+)?"
            + w["against_verbs"]
            + _SCOPE,
            None,
            verbs,
        ),
        (
            AGAINST,
            _THIRD + _WHO + r"\s+(?:shouldn't|should\s+not|should\s+never|never\s+should)\s+"
            r"(?:be\s+\w+ing|" + _VERB + ")" + _SCOPE,
            None,
            negation,
        ),
        (AGAINST, _BE + _ADV + w["against_judgements"] + r"\b", None, judged),
        (  # "I'm skeptical of X", "I'm not a big fan of X"
            AGAINST,
            _SPEAKER_IS + _ADV + w["doubter_phrases"] + _SCOPE,
            None,
            doubting,
        ),
        (
            FOR,
            rf"\b(?:don't|do\s+not|never)\s+{double}(?:\s+to\s+\w+)?" + _SCOPE,
            _CLAUSE_START,
        ),
        (
            FOR,
            _THIRD + _WHO + r"\s+(?:really\s+|absolutely\s+|definitely\s+|always\s+|just\s+)?"
            r"(?:should|need\s+to|have\s+to|must|ought\s+to|gotta|got\s+to)\s+"
            r"(?:really\s+|always\s+|definitely\s+|also\s+|just\s+)?" + urging + _SCOPE,
        ),
        (
            FOR,
            r"\bi(?:'d|\s+would|\s+always|\s+really|\s+highly|\s+strongly|\s+definitely|'ll"
            r"|\s+will|\s+keep|\s+still)*\s+(?P<verb>" + w["recommending_verbs"] + r")\w*"
            r"(?:\s+(?:that\s+)?(?:people|you|everyone|folks))?(?:\s+to(?=\s+" + urging + r"\b))?"
            r"(?!\s+(?:\w+\s+){1,3}to\s)(?P<urged>\s+" + urging + r")?(?!\s+to\s)" + _SCOPE,
        ),
        (
            FOR,
            r"\b(?:make\s+sure\s+(?:you\s+|to\s+)|my\s+(?:biggest\s+|best\s+|main\s+|one\s+)?"
            r"advice\s+(?:is|would\s+be)\s+(?:to\s+)?|the\s+(?:key|trick|secret)\s+is\s+"
            r"(?:to\s+)?)" + urging + _SCOPE,
        ),
        (FOR, r"\b" + urging + _SCOPE, _SENTENCE_START),
        (
            FOR,
            r"\b(?:(?:it's|it\s+is)\s+" + _ADV + w["general_advice"] + r"\s+to"
            r"|the\s+best\s+(?:thing|way)\s+(?:you\s+can\s+do\s+)?(?:is\s+)?(?:to\s+)?"
            r"|i\s+(?:always\s+)?(?:tell|advise|encourage|ask|push)\s+(?:people|folks|everyone"
            r"|founders|pms|them|teams|my\s+team)\s+to)\s*(?:really\s+|always\s+)?"
            + urging
            + _SCOPE,
        ),
        (FOR, _BE + _ADV + w["for_judgements"] + r"\b"),
        (FOR, _SPEAKER_IS + _ADV + r"(?!not\b)" + w["believer_phrases"] + _SCOPE),
    ]
    return [
        (rule[0], re.compile(rule[1], re.I), (*rule[2:], None)[0], _gate(*rule[1:]))
        for rule in rules
    ]


def _gate(pattern: str, start: re.Pattern[str] | None = None, needs: tuple[str, ...] = ()) -> _Gate:
    """Two cheap searches a quote passes (its lower case, then as it is) wherever the
    rule can find a cue in it: one of the words it ``needs``; an imperative at a
    sentence's start, that start before its pattern. Most quotes hold no cue, and the
    rule's own search and the test of each match's start cost far more."""
    words = re.compile("|".join(map(re.escape, needs))) if needs else None
    if start is not _SENTENCE_START:
        return words, None
    unnamed = re.sub(r"\(\?P<\w+>", "(?:", pattern)
    return words, re.compile(_SENTENCE_START_BEFORE + "(?:" + unnamed + ")", re.I)


@functools.lru_cache(maxsize=1 << 16)  # a quote is read for each thing it names
def _cues(text: str) -> tuple[tuple[int, str, str], ...]:
    """(polarity, "scope", "opinion" or "before", words) of each cue the quote says as
    advice ("opinion": a scope that is liked or not, no advice), in the order of the
    rules (the cues against first)."""
    found = []
    lower = text.lower()
    for polarity, pattern, start, (words, before) in _cue_rules():
        if words and not words.search(lower) or before and not before.search(text):
            continue
        for match in pattern.finditer(text):
            if start and not start.search(text[max(0, match.start() - 40) : match.start()]):
                continue
            if start is _CLAUSE_START and _SUBJECT.search(
                re.split(r"[.,;:!?]", text[: match.start()])[-1]
            ):
                continue  # "I personally actually don't do AI research": no imperative
            groups = match.groupdict()
            if groups.get("verb") and not groups.get("urged") and _addressing(groups):
                continue  # "I always advise product managers like, ...": whom, not what
            if _said_as_advice(text, match, polarity):
                if "scope" in pattern.groupindex:
                    side = "opinion" if "opinion" in pattern.groupindex else "scope"
                    found.append((polarity, side, match.group("scope").strip()))
                else:
                    clause = re.split(r"[.,;:!?]", text[max(0, match.start() - 80) : match.start()])
                    found.append((polarity, "before", clause[-1]))
    return tuple(found)


def _addressing(groups: dict[str, str | None]) -> bool:
    """The words after a verb that may name the person advised name them: "what I'd advise
    for PMs", "I always advise PMs like, ..." (not "I'd advise OKRs for every team")."""
    verbs = {v.lower() for v in vocabulary().get("addressing_verbs", [])}
    scope = (groups.get("scope") or "").strip().lower()
    addressed = scope.startswith("for ") or re.search(r"\blike$", scope)
    return (groups.get("verb") or "").lower() in verbs and bool(addressed)


def stance(
    quote: str | None, forms: Iterable[str], praise: bool = True, title: bool = False
) -> int:
    """FOR (1), AGAINST (-1) or NONE (0): the stance ``quote`` takes on what ``forms`` name.

    ``praise`` False leaves out praise ("X is really important") and liking or not ("I
    don't like X"): a stance, but seldom advice one can act on, unlike "you should do X"
    or "X is a waste of time". ``title``: the thing is a work with a title (a book), named
    only in capitals."""
    cues = _cues((quote or "").replace("\u2019", "'"))
    if not cues:
        return NONE
    forms = [f for f in forms if f and f.strip()]
    at_start, at_end = object_rules(tuple(sorted(set(forms))))
    lower = bool(forms) and forms[0].strip()[0].islower()
    for polarity, side, words in cues:
        if side == "before":
            found = at_end.search(words)
            if (
                (praise or polarity == AGAINST)
                and found
                and names_by_case(found.group(0), title, lower, not words[: found.start()].strip())
            ):
                return polarity
        elif side == "opinion" and not praise:
            continue
        elif any(
            (found := at_start.match(w)) and names_by_case(found.group(0), title, lower, False)
            for w in (words, _FILLER.sub("", words), _FILLER.sub("", _GERUND.sub("", words)))
        ):
            return polarity
    return NONE


def _said_as_advice(text: str, match: re.Match[str], polarity: int) -> bool:
    """Not a question, not inside quotation marks, not under a condition; advice for a
    thing is not negated ("you don't need to ...", "nobody should ..."), unless twice
    ("don't skip onboarding")."""
    before = text[: match.start()]
    sentence = re.split(r"[.;!?]", before)[-1]
    clause = re.split(r"[,:]", sentence)[-1]
    if _CONDITION.search(sentence) or _EXAMPLE.search(text) or _REPORTED.search(sentence):
        return False
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
    if polarity == AGAINST:  # "that doesn't mean I don't care about X": negated twice
        return not _NEGATION.search(clause[-40:])
    if polarity == FOR:
        cue = match.group(0)
        scope = match.groupdict().get("scope") or ""
        double = re.search(
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
    pattern = re.compile(object_pattern(forms), re.I)
    for polarity, side, words in _cues((quote or "").replace("\u2019", "'")):
        acted_on = _NEXT_CLAUSE.split(words)[0]  # "start and there's a feedback loop": no
        if side == "scope" and pattern.search(" ".join(acted_on.split()[:URGED_WORDS])):
            return polarity
    return NONE
