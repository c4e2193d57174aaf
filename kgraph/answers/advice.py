"""The advice on a topic or by a person, grouped by who gave it, specific advice first."""

from __future__ import annotations

import functools
import re
from typing import Any

from kgraph.answers.cue_words import alternations, vocabulary
from kgraph.answers.stance import AGAINST, NONE, stance, urged
from kgraph.answers.stances import (
    BROAD_MIN_DOCUMENTS,
    RECOMMENDS,
    Stances,
    dedup,
    item_of,
    paged,
    said_stances,
)
from kgraph.answers.topics import alias_list, mention_pattern, resolve_topic, topic_note
from kgraph.evidence import INFORMATIVE, quote_rank
from kgraph.query import Graph
from kgraph.query.names import norm as _norm

# the kinds the build reads every sentence of (kgraph.extract.stance_cues.DEBATED, not
# imported: a view loads none of the extraction's modules)
READ_AT_BUILD = ("concept", "role", "book")
# "I loved using eBay", "Shishir has been a mentor": recommending a company or a person is
# seldom advice one can act on, so it comes after the specific advice.
NOT_ADVICE = ("organization", "person")
# "Trust is really important for us at LinkedIn": a company's practice, described
_FOR_US = re.compile(r"\b(?:for|at|with)\s+us\b|\bwe\s+(?:always|usually|just)\b", re.I)
# "you must have that impact", "you need to have some vision": to have a thing that
# stands for what was said before, or some of it, names nothing one could go and do
_VAGUE = re.compile(r"\bhave\s+(?:that|this|those|these|some)\s+(?:\w+\s+)?$", re.I)
# a piece of a sentence (it starts at a comma, an ellipsis, a closing quotation mark or in
# lower case: "and you really need expertise and ...", whose condition was cut off),
# or the show talking about itself ("share any feedback on this episode", an e-mail address)
_NOT_ADVICE = re.compile(
    r"^\W*[,;:\u201d]|^\"\W*[,;:]|^\s*(?:\.\.|\u2026)|\S@\S|^\W*(?-i:[a-z])"
    r"|\bthis\s+(?:episode|podcast|show)\b"
    r"|(?:\.\.\.?|\u2026)\W*$",  # cut off at its end: "So think about in our dimension, ..."
    re.I,
)


# A one-word common noun that more than this share of the episodes use ("timing",
# "economics") is a general word: "you have to have the economics" names no advice one
# could act on, unlike a rarer or longer term ("scarcity", "economic buyer") or one that
# a verb acts on ("hire salespeople", "show the momentum").
GENERAL_SHARE = 0.04
# "I don't care about X", "I personally don't do X anymore", "I stay away from X", "I'm
# a big fan of X", "I am very against X": what the speaker does, likes or is, told;
# unlike "I wouldn't use X", "I don't believe in X" or "I'd recommend X", it advises
# no listener
_FIRST = (
    r"\b(?:i|we)(?:\s+(?:really|just|personally|largely|generally|usually|also|actually"
    r"|still|even|certainly))*\s+"
)


@functools.cache
def _personal() -> re.Pattern[str]:
    w = alternations()
    advising = rf"(?:{w['recommending_verbs']}|think|believe)"
    return re.compile(
        _FIRST + r"(?:(?:don't|do\s+not|never|didn't|did\s+not)\s+(?:really\s+|ever\s+)?"
        rf"(?!{advising})\w+|(?:try\s+to\s+)?{w['against_verbs']}|am)\b[^.,;:!?]*"
        r"|\bi'm\b[^.,;:!?]*",
        re.I,
    )


# a story of what the speaker did or was told ("But I had to add in that phrase like,
# make sure to ..."), or what was so ("it was like you have to use the camera"): the
# words after it are told, not advised
_STORY = re.compile(
    r"(?<!\blike\s)(?<!\bas\s)\b(?:i|we)\s+(?:had\s+to|was|were|did|said|told|wrote|added|asked)\b"
    r"|\b(?:was|were)\s+like\b|\bsometimes\s+(?:you|we|people)\b",
    re.I,
)
# "think about Microsoft and its monopoly", "look at Airbnb": a named thing, an example
_EXAMPLE_OF = re.compile(r"\b(?:look\s+at|take|think\s+(?:about|of)|consider|imagine)\s+$", re.I)
# "think about the physics of the market", "think about a compound interest": a thing
# (often an analogy) to turn one's thoughts to, not "think about pricing" (a subject)
_THINK_OF = re.compile(
    r"\b(?:think|thinking)\s+(?:\w+\s+){0,2}?(?:about|of)\s+(?:a|an|the)\s+(?:\w+\s+)?$"
    r"|\b(?:consider|imagine)\s+(?:a|an|the)\s+(?:\w+\s+)?$",
    re.I,
)
# "you have to have the economics", "get the timing right": a general word had or got
_HAD = re.compile(
    r"\b(?:have|having|has|got|get|getting)\s+(?:(?:a|an|the|some|more|real|good|your|their)\s+)?$",
    re.I,
)


def advice(
    G: Graph, topic: str | None = None, by: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The advice and recommendations on a topic, or by a person, grouped by who gave it.

    Each group holds one person's items, specific ones first: an informative quote that
    advises for or against what it names (:func:`kgraph.answers.stance.stance`: "you
    should write a design doc", "don't track your KPIs"; not a description, a question or
    a host's intro, not praise such as "X is important", not a company's own practice:
    "for us at ..."), about something not every episode discusses before a broad theme;
    then the other claims. Besides the claims, what the person said naming the topic (or
    anything, with ``by``) counts when it advises for or against it. Items are quotes
    with speaker, episode title and link; the same quote is shown once (``objects`` lists
    everything it is advice about). Advice against a thing is kept, ``negated`` True (as
    the quote says, whatever the claim said).
    The groups of specific advice (``specific`` True) come first, the most specific
    first, then the groups of the other claims (a speaker may have one of each);
    ``limit`` counts groups.
    """
    S = Stances(G)
    found = resolve_topic(S.Q, topic) if topic else None
    by_person = S.person_matcher(by) if by else None
    ids = set(found["ids"]) if found else set()
    pattern = mention_pattern([topic]) if found and found["fallback"] else None
    chosen = _gathered(S, found, pattern, by, by_person, ids)
    for item in chosen:
        _mark(S, item, [topic] if pattern else [], ids)
    chosen.sort(key=lambda i: (not i["specific"], S.broad(i["object"]), *_order(i)))
    for item in chosen:
        item.pop("urged", None)
    ordered = specific_first(dedup(chosen, S))
    return paged(ordered, limit, topic=found, note=topic_note(found), by=by)


def _gathered(S: Stances, found, pattern, by, by_person, ids: set[str]) -> list[dict[str, Any]]:
    """The candidate items of :func:`advice`: the claims on the topic (or whose quote
    names it) or by the person, what they said as advice without a claim, the quotes
    urging the topic, and the advice the build read in every sentence."""
    # advice about the topic: a claim on something else whose quote names the topic
    named = mention_pattern(found["forms"]) if found and not pattern else None
    chosen = []
    for u, v, data in S.claims:
        quote = data.get("evidence") or ""
        if found and v not in ids and not ((pattern or named) and (pattern or named).search(quote)):
            continue
        if by_person and not by_person(u, data):
            continue
        item = item_of(S, u, v, data)
        if item["who"]:
            chosen.append(item)
    speaker = S.person_node(by) if by else None
    if (speaker or found) and not pattern:  # what was said as advice without a claim
        for u, v, data, _ in said_stances(S, [speaker] if speaker else [], sorted(ids), []):
            if S.rows is not None and S.types.get(v) in READ_AT_BUILD:
                continue  # the build read these sentences in their turn (_read_at_build)
            item = item_of(S, u, v, data)
            if item["who"] and (not by_person or by_person(u, data)):
                chosen.append(item)
    if found and not pattern:
        chosen.extend(_urged_naming(S, ids))
    chosen += _read_at_build(S, ids if found else None, pattern, by_person)
    return chosen


def _mark(S: Stances, item: dict[str, Any], extra: list[str], ids: set[str]) -> None:
    """Set ``negated`` from the quote's own polarity and ``specific`` (advice one can act
    on, told to a listener, about something meaningful) on one item of :func:`advice`;
    ``extra``: the topic as typed when no entity is named after it."""
    ev = item["evidence"]
    forms = [item["object_label"], *alias_list(S.Q.node(item["object"]).get("aliases"))]
    polarity = stance(ev["quote"], [*forms, *extra]) or item.get("urged", NONE)
    if polarity != NONE:  # the quote's own polarity: "recommends X" said against X
        item["negated"] = polarity == AGAINST
    item["specific"] = bool(
        polarity != NONE
        and (stance(ev["quote"], [*forms, *extra], praise=False) or item.get("urged"))
        and _advised(S, item, forms, ids)
        and not _FOR_US.search(ev["quote"] or "")
        and _actionable(ev["quote"] or "", [*forms, *extra])
        and quote_rank(ev["quote"]) == INFORMATIVE
        and not S.is_host(item["who"])
        and item["object_type"] != "person"
        and (item["predicate"] != RECOMMENDS or item["object_type"] not in NOT_ADVICE)
    )


def _read_at_build(S: Stances, ids: set[str] | None, pattern, by_person) -> list[dict[str, Any]]:
    """The advice the build read in every sentence (:mod:`kgraph.graph.stances`) on the
    things ``ids`` (a topic's entities; None: any), or whose quote ``pattern`` finds (a
    topic no entity is named after), by the person ``by_person`` tests for when given; not
    a host's. Nothing when asked about neither a topic nor a person."""
    if ids is None and by_person is None:
        return []
    items = []
    for row in S.rows or []:
        v, quote = str(row.get("node")), str(row.get("quote") or "")
        if ids is not None and v not in ids and not (pattern and pattern.search(quote)):
            continue
        who = row.get("speaker")
        data = {"predicate": "advises", **row, "evidence": quote}
        data["negated"] = row.get("polarity") == AGAINST
        if not who or S.is_host(str(who)) or (by_person and not by_person(v, data)):
            continue
        items.append(item_of(S, v, v, data))
    return items


def specific_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Advice items (in order) as the groups of :func:`group_by_speaker` of the specific
    ones (``specific`` True), then those of the others: a reader meets all the advice
    before what else was said. The HTML page groups its advice panels with this too."""
    return [
        {**group, "specific": specific}
        for specific in (True, False)
        for group in group_by_speaker([i for i in items if i["specific"] == specific])
    ]


def group_by_speaker(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Advice items (in order) as groups ``{"speaker", "items"}``: the groups with the
    most specific advice first, then the largest. The HTML page groups its per-entity
    views of the whole graph's advice with this too."""
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        group = groups.setdefault(_norm(item["who"]), {"speaker": item["who"], "items": []})
        group["items"].append(item)
    return sorted(
        groups.values(),
        key=lambda g: (
            -sum(i["specific"] for i in g["items"]),
            -len(g["items"]),
            g["speaker"],
        ),
    )


def _urged_naming(S: Stances, ids: set[str]) -> list[dict[str, Any]]:
    """What was said naming one of the topic's entities ``ids`` that urges or warns
    about something it names near the advising verb, without a stance on the entity
    itself ("just get customer feedback fast"): advice about the topic, ``urged`` its
    polarity."""
    items = []
    for u, v, _, data in S.Q.said(speakers=[], targets=sorted(ids)):
        if S.is_host(S.labels.get(u, u)):
            continue
        names = [S.labels.get(v, v), *alias_list(S.Q.node(v).get("aliases"))]
        for example in data.get("examples") or []:
            quote = example.get("quote")
            polarity = urged(quote, names)
            if polarity != NONE and stance(quote, names) == NONE:
                claim = {"predicate": "advises", **example, "evidence": quote}
                item = item_of(S, u, v, {**claim, "negated": polarity == AGAINST})
                if item["who"]:
                    items.append({**item, "urged": polarity})
    return items


def _advised(S: Stances, item: dict[str, Any], forms: list[str], topic: set[str]) -> bool:
    """The quote advises a listener (not what the speaker does or likes, not a story)
    and its object means something as advice: not one that points back ("that
    mindset"), nor one only to think about ("think about the physics of it"), nor the
    owner of what is advised ("a beginner's mind"), not a named thing given as an
    example to look at, not a general word of the archive (a one-word common noun many
    episodes use) to have or get ("you have to have the economics") unless it is the
    topic asked about."""
    quote = (item["evidence"]["quote"] or "").replace("\u2019", "'")
    if _STORY.search(quote) or (item["object_label"] or "").lower() in _vague():
        return False
    if "urged" not in item:
        told = _personal().sub(".", quote)
        if told != quote and stance(told, forms, praise=False) == NONE:
            return False
    found = mention_pattern(forms).search(quote)
    before = quote[: found.start()] if found else ""
    if found and (
        _POINTS_BACK.search(before)
        or _THINK_OF.search(before)
        or _OWNER.match(quote, found.end())
        or (_THOUGHT_OF.search(before) and _FRAMED.match(quote, found.end()))
        or _FRAME_OF.match(quote, found.end())
        or _POINTS_BACK_AFTER.match(quote, found.end())
    ):
        return False
    kind = S.types.get(item["object"])
    if kind != "concept":  # a named thing: advice to use or do it, not to think of it
        return not (found and _EXAMPLE_OF.search(before))
    label = item["object_label"]
    one_word = " " not in label.strip() and label == label.lower()
    if not (one_word and found and _general(S, item["object"])):
        return True
    if _NEEDED.search(before) and _CLAUSE_END.match(quote, found.end()):
        return False  # "you need a strategy, then ...", "focus on the impact.": a slogan
    return item["object"] in topic or not _HAD.search(before)


# "think about LLMs in terms of, they're oracles", "think of a PM as a CEO": a way to see
# the thing, no advice about it
_THOUGHT_OF = re.compile(r"\b(?:think|thinking)\s+(?:\w+\s+){0,2}?(?:about|of)\s+$", re.I)
_FRAMED = re.compile(r"\s+(?:in\s+terms\s+of|as)\b", re.I)
# "you have to focus on the impact.", "you need a strategy, then ...": a general word
# needed or attended to, and nothing said of which or how, is a slogan, even the topic asked
_NEEDED = re.compile(
    r"\b(?:need|needs|focus\s+on|focusing\s+on|care\s+about|have|has|having)"
    r"\s+(?:(?:a|an|the|some|more|your|their)\s+)?$",
    re.I,
)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?]|$)|\s+(?:and|then|but|as\s+well|too|first)\b", re.I)
# "get in the habit of pointing out ...", "the art of saying no": the thing named frames
# what is advised, the -ing verb after it
_FRAME_OF = re.compile(r"\s+of\s+\w+ing\b", re.I)
# "I recommend the tactics in there": those of a thing told before
_POINTS_BACK_AFTER = re.compile(r"\s+(?:in|from|of)\s+(?:there|it|that|this|them)\b", re.I)
# "a beginner's mind": the thing named owns what is advised
_OWNER = re.compile(r"'s\b|\u2019s\b")
# "that mindset", "those ideas": a thing named as told before
_POINTS_BACK = re.compile(r"\b(?:that|this|those|these)\s+(?:\w+\s+)?$", re.I)


@functools.cache
def _vague() -> frozenset[str]:
    """Objects no advice is about (``vague_objects``): a person in general, a quantity."""
    return frozenset(w.lower() for w in vocabulary().get("vague_objects", []))


def _general(S: Stances, node: str) -> bool:
    if S.documents < BROAD_MIN_DOCUMENTS:
        return False
    seen = S.Q.node(node).get("documents") or 0
    return isinstance(seen, int) and seen / S.documents > GENERAL_SHARE


def _actionable(quote: str, forms: list[str]) -> bool:
    """Not a piece of a sentence nor the show's own call, and the thing advised is not
    only "had" as "that X" or "some X" (a slogan: "you must have that impact")."""
    if _NOT_ADVICE.search(quote):
        return False
    found = mention_pattern(forms).search(quote)
    return not (found and _VAGUE.search(quote[: found.start()]))


def _order(item: dict[str, Any]) -> tuple:
    ev = item["evidence"]
    return (ev["document"] or "", ev["turn"] if ev["turn"] is not None else -1)
