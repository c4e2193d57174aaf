"""The advice on a topic or by a person, grouped by who gave it, specific advice first."""

from __future__ import annotations

from typing import Any

from kgraph.answers.stances import RECOMMENDS, Stances, dedup, item_of, paged
from kgraph.answers.topics import alias_list, mention_pattern, resolve_topic, topic_note
from kgraph.evidence import INFORMATIVE, quote_rank
from kgraph.query import Graph
from kgraph.query.names import norm as _norm

# "I loved using eBay", "Shishir has been a mentor": recommending a company or a person is
# seldom advice one can act on, so it comes after the specific advice.
NOT_ADVICE = ("organization", "person")


def advice(
    G: Graph, topic: str | None = None, by: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The advice and recommendations on a topic, or by a person, grouped by who gave it.

    Each group holds one person's items, specific ones first: an informative quote that
    names what it advises, about something not every episode discusses (and no company or
    person merely recommended). Items are quotes
    with speaker, episode title and link; the same quote is shown once (``objects`` lists
    everything it is advice about). Advice against a thing is kept, ``negated`` True.
    Groups with the most specific advice come first; ``limit`` counts groups.
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
    for item in chosen:
        ev = item["evidence"]
        names = mention_pattern(
            [item["object_label"], *alias_list(S.Q.node(item["object"]).get("aliases"))]
        ).search(ev["quote"] or "")
        item["specific"] = bool(
            quote_rank(ev["quote"]) == INFORMATIVE
            and names
            and not S.broad(item["object"])
            and (item["predicate"] != RECOMMENDS or item["object_type"] not in NOT_ADVICE)
        )
    chosen.sort(key=lambda i: (not i["specific"], *_order(i)))
    ordered = group_by_speaker(dedup(chosen, S))
    return paged(ordered, limit, topic=found, note=topic_note(found), by=by)


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


def _order(item: dict[str, Any]) -> tuple:
    ev = item["evidence"]
    return (ev["document"] or "", ev["turn"] if ev["turn"] is not None else -1)
