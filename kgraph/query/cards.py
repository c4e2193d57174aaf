"""An entity's card and its neighbours; claims grouped for showing."""

from __future__ import annotations

from typing import Any

from kgraph.evidence import rank_quotes
from kgraph.query.files import Graph, as_index
from kgraph.query.names import aliases_of, find_entity, norm
from kgraph.query.quotes import claim_record, date_of, node_ref, stored_evidence, title_of
from kgraph.query.routes import SAID


def claim_order(claim: dict[str, Any]) -> tuple:
    ev = claim["evidence"]
    return (ev["document"] or "", ev["turn"] if ev["turn"] is not None else -1)


def spread_over_documents(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims in turn order within each document, taken from the documents in turn, so that
    the first few of a long list already show every source; a claim repeated in the same
    words (a sponsor read in every episode) is listed once."""
    by_document: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[Any, ...]] = set()  # one claim said in the same words twice: once
    for claim in sorted(claims, key=claim_order):
        quote = " ".join(str(claim["evidence"].get("quote") or "").lower().split())
        key = (claim.get("subject"), claim.get("predicate"), claim.get("object"), quote)
        if quote and key in seen:
            continue
        seen.add(key)
        by_document.setdefault(claim["evidence"]["document"] or "", []).append(claim)
    queues = list(by_document.values())
    longest = max((len(q) for q in queues), default=0)
    return [q[i] for i in range(longest) for q in queues if i < len(q)]


def link_strength(kind: str | None, weight: int, speaks: bool) -> tuple[int, int]:
    """What one edge between an entity and a neighbour adds to the neighbour's
    ``(weight, said_by)``.

    ``weight`` ranks neighbours: shared turns, claims (either direction) and the turns in
    which the entity, speaking, named the neighbour (a ``said`` edge it starts: ``speaks``).
    The turns in which the neighbour, speaking, named the entity (``said_by``) only break
    ties: a host who names everything is not everything's strongest neighbour.
    """
    if kind == "claim":
        return 1, 0
    if kind == SAID:
        return (weight, 0) if speaks else (0, weight)
    return weight, 0


def neighbour_key(weight: int, said_by: int, label: str) -> tuple[int, int, str]:
    """Sort key of neighbours: strongest first (see :func:`link_strength`)."""
    return (-weight, -said_by, label)


def _tally(row: dict[str, Any], speaks: bool, data: dict[str, Any]) -> None:
    """Count one edge between an entity and the neighbour of ``row`` into it."""
    kind = data.get("kind")
    weight = data.get("weight", 1)
    added, said_by = link_strength(kind, weight, speaks)
    row["weight"] += added
    row["said_by"] += said_by
    if kind == "claim":
        predicate = data.get("predicate")
        if predicate not in row["predicates"]:
            row["predicates"].append(predicate)
    elif kind == SAID:
        row["said"] += added
    else:
        row["co_mentions"] += added


def neighbors(
    G: Graph, entity: str, type: str | None = None, top: int = 10
) -> list[dict[str, Any]]:
    """The entity's neighbours, strongest first (see :func:`link_strength`)."""
    Q = as_index(G)
    node = find_entity(Q, entity)
    types = {row[0]: row[2] for row in Q.names()}
    found: dict[str, dict[str, Any]] = {}
    for u, v, _, data in Q.incident(node):
        other = v if u == node else u
        if other == node or (type and types.get(other) != type):
            continue
        row = found.get(other)
        if row is None:
            row = found[other] = {
                **node_ref(Q, other),
                "weight": 0,
                "co_mentions": 0,
                "said": 0,
                "said_by": 0,
                "predicates": [],
            }
        _tally(row, u == node, data)
    rows = sorted(
        found.values(), key=lambda r: neighbour_key(r["weight"], r["said_by"], r["label"])
    )
    return rows[:top] if top and top > 0 else rows


def show(G: Graph, entity: str, top: int | None = None) -> dict[str, Any]:
    """The entity's card: what it is, where it appears, its neighbours (the ``top``
    strongest; None: all) and its claims in two groups: ``claims_said``, those it said
    (its name is their speaker), and ``claims_about``, those others said about it (it is
    their subject or object). See :func:`group_claims` for their shape."""
    Q = as_index(G)
    node = find_entity(Q, entity)
    data = Q.node(node)
    label = str(data.get("label", node))
    documents: dict[str, dict[str, Any]] = {}

    def seen_in(document: str | None) -> None:
        if document and document not in documents:
            documents[document] = {
                "id": document,
                "title": title_of(Q, document),
                "date": date_of(Q, document),
            }

    for ev in data.get("evidence") or []:
        seen_in(ev.get("document"))
    about: list[dict[str, Any]] = []
    for u, v, _, edge in Q.incident(node):
        if edge.get("kind") == "claim":
            seen_in(edge.get("document"))
            if not _said_by(edge, label):
                about.append(claim_record(Q, u, v, edge))
        else:
            for ex in edge.get("examples") or []:
                seen_in(ex.get("document"))
    said = [claim_record(Q, u, v, edge) for u, v, _, edge in Q.claims() if _said_by(edge, label)]
    return {
        **node_ref(Q, node),
        "aliases": [a for a in aliases_of(data.get("aliases")) if a != label],
        "mentions": data.get("mentions", 0),
        "document_count": data.get("documents", len(documents)),
        "documents": sorted(documents.values(), key=lambda d: d["id"]),
        "community": data.get("community"),
        "quotes": [stored_evidence(Q, ev) for ev in (data.get("evidence") or [])[:3]],
        "neighbors": neighbors(Q, node, top=top or 0),
        "claims_said": group_claims(said),
        "claims_about": group_claims(about),
    }


def _said_by(edge: dict[str, Any], label: str) -> bool:
    return norm(str(edge.get("speaker") or "")) == norm(label)


def group_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims of one subject, predicate, polarity and object as one group: ``{"subject",
    "subject_label", "predicate", "object", "object_label", "negated", "count",
    "speakers", "quotes"}``, the quotes best first (:mod:`kgraph.evidence`), the groups
    with the most quotes first ("worked at Meta — 4 quotes" once, not four times)."""
    groups: dict[tuple, dict[str, Any]] = {}
    for claim in spread_over_documents(claims):
        key = (claim["subject"], claim["predicate"], claim["negated"], claim["object"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                **{k: claim[k] for k in _CLAIM_KEYS},
                "count": 0,
                "speakers": [],
                "quotes": [],
            }
        group["count"] += 1
        speaker = claim["evidence"]["speaker"]
        if speaker and speaker not in group["speakers"]:
            group["speakers"].append(speaker)
        group["quotes"].append(claim["evidence"])
    for group in groups.values():
        group["quotes"] = rank_quotes(group["quotes"], lambda ev: ev["quote"])
    order = {key: i for i, key in enumerate(groups)}
    return [groups[k] for k in sorted(groups, key=lambda k: (-groups[k]["count"], order[k]))]


_CLAIM_KEYS = ("subject", "subject_label", "predicate", "object", "object_label", "negated")
