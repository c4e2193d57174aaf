"""The advice on a topic or by a person, grouped by who gave it, specific advice first."""

from __future__ import annotations

import re
from typing import Any

from kgraph.answers.stance import AGAINST, NONE, stance
from kgraph.answers.stances import RECOMMENDS, Stances, dedup, item_of, paged, said_stances
from kgraph.answers.topics import alias_list, mention_pattern, resolve_topic, topic_note
from kgraph.evidence import INFORMATIVE, quote_rank
from kgraph.query import Graph
from kgraph.query.names import norm as _norm

# "I loved using eBay", "Shishir has been a mentor": recommending a company or a person is
# seldom advice one can act on, so it comes after the specific advice.
NOT_ADVICE = ("organization", "person")
# "Trust is really important for us at LinkedIn": a company's practice, described
_FOR_US = re.compile(r"\b(?:for|at|with)\s+us\b|\bwe\s+(?:always|usually|just)\b", re.I)
# "you must have that impact", "you need to have some vision": to have a thing that
# stands for what was said before, or some of it, names nothing one could go and do
_VAGUE = re.compile(r"\bhave\s+(?:that|this|those|these|some)\s+(?:\w+\s+)?$", re.I)
# a piece of a sentence (it starts at a comma or a closing quotation mark), or the show
# talking about itself ("share any feedback on this episode", an e-mail address)
_NOT_ADVICE = re.compile(
    r"^\W*[,;:\u201d]|^\"\W*[,;:]|\S@\S|\bthis\s+(?:episode|podcast|show)\b", re.I
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
    chosen = []
    for u, v, data in S.claims:
        if found and v not in ids and not (pattern and pattern.search(data.get("evidence") or "")):
            continue
        if by_person and not by_person(u, data):
            continue
        item = item_of(S, u, v, data)
        if item["who"]:
            chosen.append(item)
    speaker = S.person_node(by) if by else None
    if (speaker or found) and not pattern:  # what was said as advice without a claim
        for u, v, data, _ in said_stances(S, [speaker] if speaker else [], sorted(ids), []):
            item = item_of(S, u, v, data)
            if item["who"] and (not by_person or by_person(u, data)):
                chosen.append(item)
    for item in chosen:
        ev = item["evidence"]
        forms = [item["object_label"], *alias_list(S.Q.node(item["object"]).get("aliases"))]
        polarity = stance(ev["quote"], [*forms, topic] if pattern else forms)
        if polarity != NONE:  # the quote's own polarity: "recommends X" said against X
            item["negated"] = polarity == AGAINST
        item["specific"] = bool(
            polarity != NONE
            and stance(ev["quote"], [*forms, topic] if pattern else forms, praise=False)
            and not _FOR_US.search(ev["quote"] or "")
            and _actionable(ev["quote"] or "", [*forms, topic] if pattern else forms)
            and quote_rank(ev["quote"]) == INFORMATIVE
            and not S.is_host(item["who"])
            and item["object_type"] != "person"
            and (item["predicate"] != RECOMMENDS or item["object_type"] not in NOT_ADVICE)
        )
    chosen.sort(key=lambda i: (not i["specific"], S.broad(i["object"]), *_order(i)))
    ordered = specific_first(dedup(chosen, S))
    return paged(ordered, limit, topic=found, note=topic_note(found), by=by)


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
