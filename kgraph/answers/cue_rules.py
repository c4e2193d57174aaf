"""The stance cues as a table: one regular expression per way of advising for or against
a thing ("don't track X", "I'd recommend X", "X is overrated"), each with where it may
start and the words it cannot do without. The words are data (:mod:`kgraph.answers.
cue_words`); what a cue's match means is read by :mod:`kgraph.answers.stance`."""

from __future__ import annotations

import functools
import re

from kgraph.answers.cue_words import alternations, needed, vocabulary

FOR, NONE, AGAINST = 1, 0, -1


# determiners, quantities and a few modifiers that may stand between a verb and its object;
# not "that" or "this": "don't do that testing", "you must have that mindset" speak of one
# instance already named, not of the thing
FILL = (
    r"(?:(?:(?:your|their|our|the|a)\s+(?:first|next|own)|the|a|an|your|their|our|my|his|her"
    r"|its|any|some|much|more|so\s+much|too\s+much|kind\s+of|sort\s+of|type\s+of|form\s+of"
    r"|a\s+lot\s+of|lots\s+of|on|in|into|for|from|with|about|of|to|up|at|those|these"
    r"|every|all|good|great|formal|real|proper|big|early|traditional|down|out|clear|strong"
    r"|simple|small|regular|honest|written|single)\s+){0,3}"
)
# verbs of thinking or having: "people don't have the discipline" is no advice
_NOT_DOING = r"(?:know|think|mean|want|see|understand|care|need|have|got|like|remember)"
# an imperative has no subject nor modal: "we just use X", "you can always get X" tell
# what someone does or can do; nor does it go on a clause with "and" ("what has let
# Airbnb close and escape competition", "we go in there and just look at the feedback"),
# unless after a comma ("be honest, and don't hide it")
_NOT_SUBJECT = (
    r"(?<!\byou\s)(?<!\bwe\s)(?<!\bthey\s)(?<!\bi\s)(?<!\blet's\s)(?<!\bcan\s)(?<!\bwill\s)"
    r"(?<!\bcould\s)(?<!\bwould\s)(?<!\bmight\s)(?<!\bmay\s)(?<!'ll\s)(?<!\bshould\s)(?<!\bmust\s)"
    r"(?<!\bto\s)(?<!\bcannot\s)(?<!n't\s)(?<!\band\s)(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)"
)
# where a clause starts (what the text before an imperative ends with): an imperative
# there is advice ("..., so don't hire a PM"); a sentence start only, for the commonest verbs
CLAUSE_START = re.compile(
    r"(?:(?:^|[.,;:!?\"\u201c\u201d\u2014(-]\s*)(?:and\s+)?|"
    + _NOT_SUBJECT
    + r"\b(?:so|but|just|please|then|also|really|honestly|definitely|seriously|generally"
    r"|actually|say|would\s+say|advice\s+is(?:\s+to)?|is\s+to|would\s+be|like)\s+)$",
    re.I,
)
# "so just", "always" lead an imperative only where a clause starts: after "Our processes
# all always" or "people just", the verb has a subject ("... always have X", "... just
# start to trust them" describe)
_SENTENCE_START = re.compile(
    r"(?:^|[.;:!?]\s*|(?:^|[.;:!?,]\s*|\b(?:but|then)\s+)(?:(?:so|just|always)\s+)+)$", re.I
)
# _SENTENCE_START loosened (no lookbehind, no word boundary) to stand before a cue's
# pattern: a quote it finds nothing in holds no imperative at a sentence's start
_SENTENCE_START_BEFORE = r"(?:^|[.;:!?]\s*|(?:so|just|always)\s+)(?:always\s+)?"
_WHO = r"(?:you|people|everyone|founders|pms|teams|companies|leaders|managers|engineers)"
# those people in general, not some ("the PMs have to write a press release": how one
# company works, described)
_THIRD = r"\b(?<!\bthe\s)(?<!\bour\s)(?<!\bmy\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)"
# a relative clause: "things that you don't need to write an eval for"
_RELATIVE = r"(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)"
# up to two: "is probably a bit overrated", "I'm very much against"
_ADV = (
    r"(?:(?:really|so|very|super|incredibly|extremely|hugely|massively|totally|completely"
    r"|absolutely|vastly|highly|just|mostly|still|often|definitely|actually|pretty|largely"
    r"|kind\s+of|sort\s+of|a\s+little(?:\s+bit)?|a\s+bit|somewhat|probably|maybe|generally"
    r"|usually|quite|fairly|also|way|wildly|very\s+much|even)\s+){0,2}"
)
_SCOPE = r"\s+(?P<scope>[^.,;:!?]{1,80})"  # what follows a cue: its object is at its start
_BE = r"\s+(?:is|are|was|were|'s|'re)\s+"  # "X is overrated": X is in the words before
# the speaker, as the subject of a stance they hold: "I'm", "I've always been", "we are"
_SPEAKER_IS = (
    r"\b(?:i'm|i\s+am|we're|we\s+are|i've\s+(?:always\s+)?been|i\s+was\s+always"
    r"|i\s+(?:have\s+)?(?:always\s+)?been)\s+"
)


_Gate = tuple[re.Pattern[str] | None, re.Pattern[str] | None]  # see _gate


# Long as a table is: one entry a cue (polarity, pattern, start), each with its example.
@functools.cache
def cue_rules() -> list[tuple[int, re.Pattern[str], re.Pattern[str] | None, _Gate]]:
    """(polarity, pattern, start, gate) of every cue, those against first; a pattern's
    ``scope`` group holds the words after the cue; a judgement ("X is overrated") has
    none: X is in the clause before it. An imperative's ``start`` is what the text before
    it must end with. A cue against ``needs`` one of its words in the quote (lower case),
    a cheap test before its pattern's search (:func:`_gate`): most quotes hold none."""
    w = alternations()
    negation, verbs, judged = needed()
    doubting = _longest_words(vocabulary().get("doubter_phrases", []))
    mistakes = _longest_words(vocabulary().get("mistake_phrases", []))
    same = w["same_participle_verbs"]
    urging = w["action_verbs"]
    double = w["double_negative_verbs"]
    # "resist the urge to hire a COO": against what the urge is to do
    avoiding = w["against_verbs"] + rf"(?:\s+the\s+{w['urge_words']}\s+to(?:\s+(?:{urging}))?)?"
    rules = [
        (
            AGAINST,
            # a verb of doing, having or minding the thing: "don't track your KPIs",
            # "don't worry about the OKRs", not "never
            # reverse principles two and three", "don't confuse press releases with X"
            rf"\b(?:don't|do\s+not|never)\s+(?:ever\s+)?(?!{double}\b)(?!{_NOT_DOING}\b)"
            rf"(?:{urging}|{w['favouring_verbs']})" + _SCOPE,
            CLAUSE_START,
            negation,
        ),
        # not the end of a word: "non-stop"
        (AGAINST, r"(?<![\w-])" + avoiding + _SCOPE, CLAUSE_START, verbs),
        (AGAINST, r"\b" + w["dismissing_verbs"] + _SCOPE, _SENTENCE_START),
        (  # "you should be cautious about hiring a VP of Sales", "be careful with OKRs"
            AGAINST,
            r"\bbe\s+" + _ADV + w["wary_words"] + r"\s+(?:about|of|with)" + _SCOPE,
            None,
            _longest_words(vocabulary().get("wary_words", [])),
        ),
        (  # "you don't need (to hire) a COO", "you don't have to do OKRs": not needed
            AGAINST,
            # "you probably don't even need X" ("you no longer need X" tells what changed)
            _THIRD + _RELATIVE + _WHO + r"\s+(?:probably\s+|really\s+|just\s+)?"
            r"(?:don't|do\s+not|never)\s+(?:really\s+|actually\s+|even\s+)?(?P<needless>)"
            r"(?:(?:need|have)\s+to\s+(?:necessarily\s+|really\s+|actually\s+|even\s+)?"
            r"(?:" + urging + r")"
            r"|need(?!\s+to\b))" + _SCOPE,
            None,
            negation,
        ),
        (  # "I'd recommend not hiring a COO", "I'd advise against OKRs"
            AGAINST,
            r"\bi(?:'d|\s+would|\s+always|\s+really|\s+strongly|\s+definitely)*\s+"
            r"(?:" + w["recommending_verbs"] + r")\w*\s+(?:not|against|never)" + _SCOPE,
            None,
            ("not", "against", "never"),
        ),
        (  # "the worst thing you can do is X", "the biggest mistake founders make is X"
            AGAINST,
            r"\b" + w["mistake_phrases"] + r"\s+(?:(?:that\s+)?" + _WHO + r"\s+(?:can\s+|could\s+)?"
            r"(?:do|make)\s+|(?:to\s+make\s+|of\s+all\s+))?is(?:\s+to)?(?:\s+(?:"
            + urging
            + r"))?"
            + _SCOPE,
            None,
            mistakes,
        ),
        (  # "I'd never hire a COO"; not "I'd never run a conference before" (I had)
            AGAINST,
            r"\b(?:i|we)'d\s+never\s+(?:ever\s+)?(?!"
            + same
            + rf"\b)(?!{_NOT_DOING}\b)"
            + urging
            + r"(?![^.;!?]*\bbefore\b)"
            + _SCOPE,
            None,
            negation,
        ),
        (  # "I don't believe in X", "we don't recommend X"; not "we don't care about X"
            # (what a team minds, told)
            AGAINST,
            r"\b(?:i(?:\s+do|\s+would|'d)?(?:\s+not|\s+never|n't)\s+(?:really\s+|ever\s+)?"
            rf"(?:{w['recommending_verbs']}|{w['favouring_verbs']})|we(?:\s+do|\s+would|'d)?"
            rf"(?:\s+not|\s+never|n't)\s+(?:really\s+|ever\s+)?{w['recommending_verbs']})\w*"
            + _SCOPE,
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
        (  # "I wouldn't read X"; not "we don't have X", "we wouldn't make a decision off
            # the back of X" (what a team does), "I'd never run" ("I'd" is as often "I
            AGAINST,  # had": "I'd never run a conference before")
            r"\bi\s+would(?:\s+not|\s+never|n't)\s+(?:really\s+|ever\s+)?"
            rf"(?!{_NOT_DOING}\b)" + urging + _SCOPE,
            None,
            negation,
        ),
        (  # "I don't think you should hire a PM", "... you need a PM": the advice, denied
            AGAINST,
            r"\bi\s+(?:really\s+)?(?:don't|do\s+not)\s+think\s+(?:that\s+)?" + _WHO + r"\s+"
            r"(?:(?:should|need\s+to|have\s+to|must|ought\s+to)\s+(?:really\s+|always\s+"
            r"|just\s+)?" + urging + r"|(?:really\s+)?need(?!\s+to\b))" + _SCOPE,
            None,
            negation,
        ),
        (  # "there's no need for a PM", "no need to write a PRD"
            AGAINST,
            r"\b(?:there's|there\s+is)\s+(?:really\s+)?no\s+(?:real\s+)?need\s+(?:for|to\s+(?:"
            + urging
            + r"))"
            + _SCOPE,
            None,
            ("need",),
        ),
        (
            AGAINST,
            # "I stay away from X"; not "we reduce our costs" (what a team does, described)
            r"\bi(?:'d|\s+would)?\s+(?:largely\s+|generally\s+|always\s+|usually\s+|try\s+to\s+"
            r"|tend\s+to\s+)?" + avoiding + _SCOPE,
            None,
            verbs,
        ),
        (
            AGAINST,
            # a verb of doing or minding it: not "you should never be outsourcing X" (that
            # advises against outsourcing it)
            _THIRD + _WHO + r"\s+(?:shouldn't|should\s+not|should\s+never|never\s+should)\s+"
            rf"(?:be\s+{w['action_gerunds']}|{urging}|{w['favouring_verbs']})" + _SCOPE,
            None,
            negation,
        ),
        (AGAINST, _BE + _ADV + w["against_judgements"] + r"\b", None, judged),
        (  # "titles don't matter", "cold emails just don't work": a thing in general
            AGAINST,
            r"\s+" + _ADV + r"(?:doesn't|don't|does\s+not|do\s+not|never)\s+(?:really\s+)?"
            r"(?:" + w["failing_verbs"] + r")s?\b(?!\s+(?:for|with|on|in|at|if|when|unless|until"
            r"|as|that|the|out|like)\b)(?P<bare>)",
            None,
            negation,
        ),
        (  # "I'm skeptical of X", "I'm not a big fan of X", "I'm against X"
            AGAINST,
            _SPEAKER_IS + _ADV + w["doubter_phrases"] + _SCOPE,
            None,
            doubting,
        ),
        *_more_against(w, urging, avoiding),
        (
            FOR,
            rf"\b(?:don't|do\s+not|never)\s+{double}(?:\s+to\s+\w+)?" + _SCOPE,
            CLAUSE_START,
        ),
        (  # "don't be afraid to hire a COO"
            FOR,
            r"\b(?:don't|do\s+not|never)\s+be\s+" + _ADV + w["fear_words"] + r"\s+(?:to|of)"
            r"(?:\s+(?:" + urging + r"))?(?P<feared>)" + _SCOPE,
            CLAUSE_START,
        ),
        (  # "you need OKRs", "every team needs a PM": what one can't do without; not
            # "people need X" (what some want, told)
            FOR,
            r"\b(?<!\bwhat\s)"
            + _RELATIVE
            + r"(?:you|every(?:one|\s+\w+))\s+(?:really\s+|absolutely\s+"
            r"|definitely\s+|just\s+|also\s+)?needs?(?!\s+to\b)" + _SCOPE,
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
            r"|the\s+best\s+(?:thing|way)\s+(?:you\s+can\s+do\s+)?is\s+(?:to\s+)?"
            r"|i\s+(?:always\s+)?(?:tell|advise|encourage|ask|push)\s+(?:people|folks|everyone"
            r"|founders|pms|them|teams|my\s+team)\s+to)\s*(?:really\s+|always\s+)?"
            + urging
            + _SCOPE,
        ),
        (FOR, _BE + _ADV + w["for_judgements"] + r"\b"),
        (  # the judgement ends its clause: not "X is the number one thing they buy"
            FOR,
            _BE + _ADV + w["endorsing_judgements"] + r"\b(?P<endorsed>)"
            r"(?=\s*(?:[.,;:!?]|$)|\s+(?:for|in|to|when|and|but|because|if)\b)",
        ),
        (FOR, _SPEAKER_IS + _ADV + r"(?!not\b)" + w["believer_phrases"] + _SCOPE),
    ]
    return [
        (rule[0], re.compile(rule[1], re.I), (*rule[2:], None)[0], _gate(*rule[1:]))
        for rule in rules
    ]


def _more_against(w: dict[str, str], urging: str, avoiding: str) -> list[tuple]:
    """More ways of advising against: an avoid verb urged ("you should stop doing X"),
    a liking denied ("I'm not really a fan of X", "I've never been a believer in X"),
    bothering denied ("don't bother writing X"), a need denied ("X isn't necessary")."""
    negation = needed()[0]
    return [
        (
            AGAINST,
            _THIRD + _RELATIVE + _WHO + r"\s+(?:really\s+|just\s+|definitely\s+|probably\s+)?"
            r"(?:should|need\s+to|have\s+to|must|ought\s+to|gotta|got\s+to)\s+"
            r"(?:really\s+|always\s+|definitely\s+|also\s+|just\s+|probably\s+)?"
            + avoiding
            + _SCOPE,
            None,
            needed()[1],
        ),
        (
            AGAINST,
            r"\b(?:(?:i'm|i\s+am|we're|we\s+are)\s+(?:just\s+)?not|i(?:'ve|\s+have)\s+never\s+been"
            r"|i\s+was\s+never)\s+" + _ADV + w["believer_phrases"] + _SCOPE,
            None,
            ("not", "never"),
        ),
        (
            AGAINST,
            r"\b(?:don't|do\s+not|never)\s+(?:even\s+)?bother(?:(?=\s+\w+ing\b)"
            r"|\s+trying\s+to\s+(?:" + urging + r"))" + _SCOPE,
            CLAUSE_START,
            ("bother",),
        ),
        (
            AGAINST,
            # of a thing in general, as "titles don't matter": not "the math isn't necessary"
            r"\s+(?:isn't|aren't|is\s+not|are\s+not)\s+"
            + _ADV
            + w["needless_judgements"]
            + r"\b(?P<bare>)",
            None,
            negation,
        ),
    ]


def _longest_words(phrases: list[str]) -> tuple[str, ...]:
    """The longest word (lower case) of each phrase: one a quote holding it cannot lack."""
    return tuple(sorted({max(p.lower().split(), key=len) for p in phrases if p.split()}))


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
