"""KnowledgeBase -> networkx MultiDiGraph: one node per entity, co-mention and claim edges.

Schema (the exporters and the query commands rely on it):

``G.graph``
    ``name``, ``kgraph_version``, ``documents`` (list of DocumentInfo dicts, ``source``
    relative to the folder built), ``folder`` (that folder's name; set by the build),
    ``stances`` (the sentences advising for or against a concept, role or book:
    :mod:`kgraph.graph.stances`).
node ``"type:slug"``
    ``label``, ``type``, ``mentions`` (turns that mention it), ``documents`` (how many),
    ``document_ids`` (which, in document order), ``aliases`` (``"a|b"``), ``community``
    (Louvain, deterministic), ``evidence`` (up to :data:`MAX_NODE_EVIDENCE` Evidence
    dicts), ``color`` (hex, per type), ``size`` (:func:`node_size`), ``x``, ``y``
    (:mod:`kgraph.layout`).
edge ``(u, v, "co_mention")`` with ``u < v``
    ``kind="co_mention"``, ``weight`` (shared turns), ``examples`` (up to
    :data:`MAX_EXAMPLES` ``{"document", "turn", "time", "quote", "speaker", "url"}``: the
    sentence of that turn naming both entities, the speaker's full name, a deep link),
    ``document_ids`` (the documents of the shared turns, in document order).
edge ``(speaker, other, "said")``
    ``kind="said"``, ``weight`` (turns), ``examples`` and ``document_ids`` (as above): the
    turns in which the person ``speaker``, speaking without being named, mentions
    ``other``. Kept apart from co-mentions: a host "co-mentions" everything said in their
    turns.
edge ``(subject, object, "claim:<n>")``, ``n`` the claim's index in the KnowledgeBase
    ``kind="claim"``, ``predicate``, ``speaker``, ``evidence``, ``document``, ``turn``,
    ``time``, ``url``, ``negated``, ``weight=1``.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

import networkx as nx

from kgraph import __version__
from kgraph.evidence import BOILERPLATE, INFORMATIVE, quote_rank
from kgraph.graph.comentions import CO_MENTION_WINDOW, MAX_EXAMPLES, SAID, add_co_mentions
from kgraph.graph.communities import COMMUNITY_SEED, assign_communities
from kgraph.graph.stances import read_stances
from kgraph.layout import assign_positions
from kgraph.model import (
    Claim,
    DocumentInfo,
    Entity,
    Evidence,
    KnowledgeBase,
    to_dict,
    type_color,
)

__all__ = [
    "CO_MENTION_WINDOW",
    "COMMUNITY_SEED",
    "MAX_EXAMPLES",
    "MAX_NODE_EVIDENCE",
    "MAX_SIZE",
    "MIN_SIZE",
    "SAID",
    "build_graph",
    "node_size",
]

log = logging.getLogger(__name__)

MAX_NODE_EVIDENCE = 5

MIN_SIZE = 5.0
MAX_SIZE = 40.0


def node_size(mentions: int, most: int) -> float:
    """Display size from MIN_SIZE to MAX_SIZE (the node with the ``most`` mentions): its
    area grows with the mention count, whatever the size of the corpus."""
    share = max(mentions, 0) / most if most > 0 else 0.0
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(min(share, 1.0)), 3)


def build_graph(
    kb: KnowledgeBase,
    name: str = "kgraph",
    *,
    min_weight: int = 1,
    cues: Mapping[str, Sequence[Any]] | None = None,
    following: Mapping[str, str] | None = None,
) -> nx.MultiDiGraph:
    """Build the graph of ``kb``; the same KnowledgeBase always gives the same graph.

    Claims whose subject or object is not an entity of ``kb`` are skipped with a log
    warning (resolution should never produce them). ``min_weight``: links other than claims
    (co-mentions) sharing fewer turns are left out, before communities and positions are
    computed; claims are always kept. ``cues``: the stance cues extraction read of the
    sentences (:func:`kgraph.extract.stance_cues.known_cues`); any other is read here.
    ``following``: the sentence after each that names a debated thing, when its pronoun may
    stand for it (:func:`kgraph.extract.stance_cues.known_following`).
    """
    documents = {d.id: d for d in kb.documents}
    entities = _merge_duplicates(kb.entities)
    G = nx.MultiDiGraph(
        name=name,
        kgraph_version=__version__,
        documents=[to_dict(d) for d in kb.documents],
    )
    ids = sorted(entities)  # node order; a node's number is its index here
    _add_nodes(G, kb, entities, ids, documents)

    weights = add_co_mentions(G, entities, ids, [d.id for d in kb.documents], documents)
    if min_weight > 1:
        weights = _drop_weak_links(G, min_weight)
    number = {entity_id: i for i, entity_id in enumerate(ids)}
    for u, v in _add_claims(G, kb.claims, documents):
        if u != v:  # claims weigh 1 in the communities' undirected graph
            a, b = sorted((number[u], number[v]))
            weights[a * len(ids) + b] = weights.get(a * len(ids) + b, 0) + 1
    assign_communities(G, ids, weights)
    assign_positions(G)
    G.graph["stances"] = read_stances(
        (entities[e] for e in ids),
        lambda ev: _with_url(ev, documents),
        cues,
        kb.claims,
        following,
    )
    return G


def _add_nodes(
    G: nx.MultiDiGraph,
    kb: KnowledgeBase,
    entities: dict[str, Entity],
    ids: list[str],
    documents: dict[str, DocumentInfo],
) -> None:
    """One node an entity, in the order of ``ids``: its label, type, counts, the documents
    it is in (in the order of the corpus) and its best evidence."""
    claims_of: dict[str, list[Claim]] = defaultdict(list)
    for claim in kb.claims:
        claims_of[claim.subject].append(claim)
        if claim.object != claim.subject:
            claims_of[claim.object].append(claim)
    rank = {d.id: i for i, d in enumerate(kb.documents)}
    turns_of = {e: {(m.document, m.turn) for m in entities[e].mentions} for e in ids}
    most = max(map(len, turns_of.values()), default=0)
    for entity_id in ids:
        entity = entities[entity_id]
        turns = turns_of[entity_id]
        in_documents = sorted({doc for doc, _ in turns}, key=lambda d: (rank.get(d, len(rank)), d))
        G.add_node(
            entity_id,
            label=entity.label,
            type=entity.type,
            mentions=len(turns),
            documents=len(in_documents),
            document_ids=in_documents,
            aliases="|".join(a for a in entity.aliases if a != entity.label),
            community=-1,
            evidence=_top_evidence(entity, claims_of.get(entity_id, []), documents),
            color=type_color(entity.type),
            size=node_size(len(turns), most),
        )


def _drop_weak_links(G: nx.MultiDiGraph, min_weight: int) -> dict[int, int]:
    """Remove the edges (all but claims, which come later) of weight below ``min_weight``;
    the summed weights of the pairs left, numbered as add_co_mentions numbers them."""
    weak = [(u, v, k) for u, v, k, w in G.edges(keys=True, data="weight") if w < min_weight]
    G.remove_edges_from(weak)
    number = {node: i for i, node in enumerate(G)}
    left: dict[int, int] = {}
    for u, v, weight in G.edges(data="weight"):
        a, b = sorted((number[u], number[v]))
        left[a * len(number) + b] = left.get(a * len(number) + b, 0) + weight
    return left


def _merge_duplicates(entities: list[Entity]) -> dict[str, Entity]:
    """Entities by id; two entries with one id are merged (first label wins)."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.id not in merged:
            merged[entity.id] = Entity(
                entity.id,
                entity.label,
                entity.type,
                list(entity.aliases),
                list(entity.mentions),
                None if entity.sentences is None else list(entity.sentences),
            )
            continue
        target = merged[entity.id]
        target.aliases = sorted(set(target.aliases) | set(entity.aliases) | {entity.label})
        target.mentions.extend(entity.mentions)
        if entity.sentences is not None:
            target.sentences = [*(target.sentences or []), *entity.sentences]
    return merged


def _with_url(evidence: Evidence, documents: dict[str, DocumentInfo]) -> dict[str, Any]:
    """Evidence as a dict, with a deep link filled in when the document has a video."""
    data = {  # dataclasses.asdict is ~10x slower and this runs once per claim and quote
        "document": evidence.document,
        "turn": evidence.turn,
        "quote": evidence.quote,
        "speaker": evidence.speaker,
        "time": evidence.time,
        "url": evidence.url,
    }
    if data["url"] is None and evidence.document in documents:
        data["url"] = documents[evidence.document].url_at(evidence.time)
    return data


def _top_evidence(
    entity: Entity, claims: list[Claim], documents: dict[str, DocumentInfo]
) -> list[dict[str, Any]]:
    """Up to MAX_NODE_EVIDENCE quotes, the telling ones first (kgraph.evidence); within a
    rank, claim sentences before plain mentions, and the first quote of each document
    before a second quote from any document."""
    if not claims and len(entity.mentions) == 1:  # most entities: nothing to rank
        only = entity.mentions[0]
        return [_with_url(only, documents)] if only.quote.strip() else []
    seen: set[str] = set()  # the same words from another turn or document are no news
    ranks = range(BOILERPLATE + 1)
    firsts: list[list[Evidence]] = [[] for _ in ranks]  # per rank: a new document's first
    rest: list[list[Evidence]] = [[] for _ in ranks]  # per rank: others, to fill up
    used_docs: list[set[str]] = [set() for _ in ranks]
    for ev in chain((c.evidence for c in claims), entity.mentions):
        key = " ".join(ev.quote.lower().split())
        if key in seen or not key:
            continue
        seen.add(key)
        rank = quote_rank(ev.quote)
        if ev.document not in used_docs[rank]:
            if len(firsts[rank]) < MAX_NODE_EVIDENCE:
                used_docs[rank].add(ev.document)
                firsts[rank].append(ev)
                if rank == INFORMATIVE and len(firsts[rank]) == MAX_NODE_EVIDENCE:
                    break  # the best this entity can show
        elif len(rest[rank]) < MAX_NODE_EVIDENCE:
            rest[rank].append(ev)
    chosen = [ev for rank in ranks for ev in (*firsts[rank], *rest[rank])]
    return [_with_url(ev, documents) for ev in chosen[:MAX_NODE_EVIDENCE]]


def _add_claims(
    G: nx.MultiDiGraph, claims: list[Claim], documents: dict[str, DocumentInfo]
) -> list[tuple[str, str]]:
    """One ``claim:<n>`` edge per claim; parallel claims stay distinct edges. Returns the
    (subject, object) of each edge added."""
    added: list[tuple[str, str]] = []
    skipped = 0
    for n, claim in enumerate(claims):
        if claim.subject not in G or claim.object not in G:
            skipped += 1
            continue
        ev = _with_url(claim.evidence, documents)
        G.add_edge(
            claim.subject,
            claim.object,
            key=f"claim:{n}",
            kind="claim",
            predicate=claim.predicate,
            speaker=ev["speaker"],
            evidence=ev["quote"],
            document=ev["document"],
            turn=ev["turn"],
            time=ev["time"],
            url=ev["url"],
            negated=bool(claim.negated),
            weight=1,
        )
        added.append((claim.subject, claim.object))
    if skipped:
        log.warning("skipped %d claim(s) whose subject or object is not an entity", skipped)
    return added
