"""KnowledgeBase -> networkx MultiDiGraph: one node per entity, co-mention and claim edges.

Schema (the exporters and the query commands rely on it):

``G.graph``
    ``name``, ``kgraph_version``, ``documents`` (list of DocumentInfo dicts).
node ``"type:slug"``
    ``label``, ``type``, ``mentions`` (turns that mention it), ``documents`` (how many),
    ``aliases`` (``"a|b"``), ``community`` (Louvain, deterministic), ``evidence`` (up to
    :data:`MAX_NODE_EVIDENCE` Evidence dicts), ``color`` (hex, per type), ``size``.
edge ``(u, v, "co_mention")`` with ``u < v``
    ``kind="co_mention"``, ``weight`` (shared turns), ``examples`` (up to
    :data:`MAX_EXAMPLES` ``{"document", "turn", "time", "quote", "speaker", "url"}``: the
    sentence of that turn naming both entities, the speaker's full name, a deep link).
edge ``(subject, object, "claim:<n>")``, ``n`` the claim's index in the KnowledgeBase
    ``kind="claim"``, ``predicate``, ``speaker``, ``evidence``, ``document``, ``turn``,
    ``time``, ``url``, ``negated``, ``weight=1``.
"""

from __future__ import annotations

import logging
import math
import random
import re
from collections import defaultdict
from itertools import chain, combinations
from typing import Any

import networkx as nx

from kgraph import __version__
from kgraph.model import Claim, DocumentInfo, Entity, Evidence, KnowledgeBase, to_dict

__all__ = [
    "COMMUNITY_SEED",
    "MAX_EXAMPLES",
    "MAX_NODE_EVIDENCE",
    "TYPE_COLORS",
    "build_graph",
    "node_size",
    "type_color",
]

log = logging.getLogger(__name__)

MAX_NODE_EVIDENCE = 5
MAX_EXAMPLES = 3
COMMUNITY_SEED = 42

TYPE_COLORS: dict[str, str] = {
    "person": "#4e79a7",
    "organization": "#f28e2b",
    "role": "#59a14f",
    "book": "#e15759",
    "concept": "#b07aa1",
}
OTHER_COLOR = "#9c9c9c"


def type_color(entity_type: str) -> str:
    """The fixed colour of an entity type (grey for a type outside ENTITY_TYPES)."""
    return TYPE_COLORS.get(entity_type, OTHER_COLOR)


def node_size(mentions: int) -> float:
    """Display size growing with the square root of the mention count."""
    return round(10.0 + 4.0 * math.sqrt(max(mentions, 0)), 3)


def build_graph(kb: KnowledgeBase, name: str = "kgraph") -> nx.MultiDiGraph:
    """Build the graph of ``kb``; the same KnowledgeBase always gives the same graph.

    Claims whose subject or object is not an entity of ``kb`` are skipped with a log
    warning (resolution should never produce them).
    """
    documents = {d.id: d for d in kb.documents}
    entities = _merge_duplicates(kb.entities)
    claims_of: dict[str, list[Claim]] = defaultdict(list)
    for claim in kb.claims:
        claims_of[claim.subject].append(claim)
        if claim.object != claim.subject:
            claims_of[claim.object].append(claim)

    G = nx.MultiDiGraph(
        name=name,
        kgraph_version=__version__,
        documents=[to_dict(d) for d in kb.documents],
    )
    for entity_id in sorted(entities):
        entity = entities[entity_id]
        turns = {(m.document, m.turn) for m in entity.mentions}
        G.add_node(
            entity_id,
            label=entity.label,
            type=entity.type,
            mentions=len(turns),
            documents=len({doc for doc, _ in turns}),
            aliases="|".join(a for a in entity.aliases if a != entity.label),
            community=-1,
            evidence=_top_evidence(entity, claims_of.get(entity_id, []), documents),
            color=type_color(entity.type),
            size=node_size(len(turns)),
        )

    _add_co_mentions(G, entities, [d.id for d in kb.documents], documents)
    _add_claims(G, kb.claims, documents)
    _assign_communities(G)
    return G


def _merge_duplicates(entities: list[Entity]) -> dict[str, Entity]:
    """Entities by id; two entries with one id are merged (first label wins)."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.id not in merged:
            merged[entity.id] = Entity(
                entity.id, entity.label, entity.type, list(entity.aliases), list(entity.mentions)
            )
            continue
        target = merged[entity.id]
        target.aliases = sorted(set(target.aliases) | set(entity.aliases) | {entity.label})
        target.mentions.extend(entity.mentions)
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
    """Up to MAX_NODE_EVIDENCE quotes: claim sentences before plain mentions, and the
    best quote of each document before a second quote from any document."""
    seen: set[tuple[str, int, str]] = set()
    head: list[Evidence] = []  # the first unique quotes: enough to fill up in the second pass
    chosen: list[Evidence] = []
    used_docs: set[str] = set()
    for ev in chain((c.evidence for c in claims), entity.mentions):
        key = (ev.document, ev.turn, ev.quote)
        if key in seen or not ev.quote.strip():
            continue
        seen.add(key)
        if len(head) < 2 * MAX_NODE_EVIDENCE:
            head.append(ev)
        if ev.document not in used_docs:  # first pass: distinct documents
            used_docs.add(ev.document)
            chosen.append(ev)
            if len(chosen) == MAX_NODE_EVIDENCE:
                break
    for ev in head:  # second pass: fill up in order of preference
        if len(chosen) == MAX_NODE_EVIDENCE:
            break
        if ev not in chosen:
            chosen.append(ev)
    return [_with_url(ev, documents) for ev in chosen]


def _add_co_mentions(
    G: nx.MultiDiGraph,
    entities: dict[str, Entity],
    document_order: list[str],
    documents: dict[str, DocumentInfo],
) -> None:
    """One ``co_mention`` edge per pair of entities sharing at least one turn.

    Examples are the first shared turns in document order (as the KnowledgeBase lists them),
    each with the quote of :func:`_pair_quote`, the speaker's full name and a deep link.
    """
    rank = {doc: i for i, doc in enumerate(document_order)}
    turn_mentions: dict[tuple[str, int], dict[str, Evidence]] = defaultdict(dict)
    turn_time: dict[tuple[str, int], float | None] = {}
    for entity_id, entity in entities.items():
        for m in entity.mentions:
            turn_mentions[(m.document, m.turn)].setdefault(entity_id, m)
            if turn_time.get((m.document, m.turn)) is None:
                turn_time[(m.document, m.turn)] = m.time
    names = _NamePatterns(entities)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    examples: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for turn in sorted(turn_mentions, key=lambda t: (rank.get(t[0], len(rank)), t)):
        mentioned = turn_mentions[turn]
        if len(mentioned) < 2:
            continue
        time = turn_time[turn]
        speaker = next((ev.speaker for ev in mentioned.values() if ev.speaker), None)
        url = next((ev.url for ev in mentioned.values() if ev.url), None)
        if url is None and turn[0] in documents:
            url = documents[turn[0]].url_at(time)
        for pair in combinations(sorted(mentioned), 2):
            weights[pair] += 1
            pair_examples = examples[pair]
            if len(pair_examples) < MAX_EXAMPLES:
                u, v = pair
                pair_examples.append(
                    {
                        "document": turn[0],
                        "turn": turn[1],
                        "time": time,
                        "quote": _pair_quote(u, mentioned[u], v, mentioned[v], speaker, names),
                        "speaker": speaker,
                        "url": url,
                    }
                )
    add_edge = G.add_edge  # ~4x faster than add_edges_from, which looks each edge up again
    for (u, v), w in sorted(weights.items()):
        add_edge(u, v, "co_mention", kind="co_mention", weight=w, examples=examples[(u, v)])


class _NamePatterns:
    """Whether a sentence names an entity (its label or an alias, case-insensitive, whole
    words); all-ASCII names and sentences are compared as text, others by a cached pattern."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.forms: dict[str, tuple[str, ...]] = {}  # longest first, as the pattern tries them
        self.ascii_forms: dict[str, tuple[str, ...]] = {}  # lower-cased, all-ASCII entities only
        self.person_names: dict[str, set[str]] = {}  # a person's label and aliases

    def is_speaker(self, entity_id: str, speaker: str) -> bool:
        """True when the person ``entity_id`` is called ``speaker`` (label or alias)."""
        names = self.person_names.get(entity_id)
        if names is None:
            entity = self.entities[entity_id]
            names = {entity.label, *entity.aliases} if entity.type == "person" else set()
            self.person_names[entity_id] = names
        return speaker in names

    def names(self, entity_id: str, sentence: str) -> bool:
        forms = self.forms.get(entity_id)
        if forms is None:
            entity = self.entities[entity_id]
            forms = tuple(sorted({entity.label, *entity.aliases} - {""}, key=len, reverse=True))
            self.forms[entity_id] = forms
            if forms and all(f.isascii() for f in forms):
                self.ascii_forms[entity_id] = tuple(sorted({f.lower() for f in forms}))
        lowered = self.ascii_forms.get(entity_id)
        if lowered is not None and (
            sentence.isascii() or not any(c in sentence for c in _FOLDS_TO_ASCII)
        ):
            # ASCII names then match case-insensitively exactly where the lower-cased
            # sentence (same length) contains them: the pattern's answer, without compiling it.
            return _names_ascii(lowered, sentence.lower(), sentence)
        pattern = self.patterns.get(entity_id)
        if pattern is None:
            alternatives = "|".join(re.escape(f) for f in forms)
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
            self.patterns[entity_id] = pattern
        return bool(pattern.search(sentence))


# The only non-ASCII characters that match an ASCII letter case-insensitively, or whose
# lower case is ASCII or longer than one character (checked over all of Unicode).
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K (Kelvin)


def _names_ascii(forms: tuple[str, ...], lowered: str, sentence: str) -> bool:
    """Whether one of ``forms`` (ASCII, lower case) occurs in ``lowered`` (``sentence`` lower-
    cased, same length) as whole words: not touching a word character (``\\w``) of ``sentence``."""
    for form in forms:
        start = lowered.find(form)
        while start != -1:
            end = start + len(form)
            before = sentence[start - 1] if start else " "
            after = sentence[end] if end < len(sentence) else " "
            if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                return True
            start = lowered.find(form, start + 1)
    return False


def _pair_quote(
    u: str, u_ev: Evidence, v: str, v_ev: Evidence, speaker: str | None, names: _NamePatterns
) -> str:
    """The sentence of one turn that names both ``u`` and ``v``, from their quotes.

    In order: their common quote; when one of them is the turn's speaker, the other's
    sentence (the speaker said it; a speaker's own mention quotes the turn's opening); a
    quote naming the other entity too; else both sentences joined by " … ".
    """
    u_quote, v_quote = u_ev.quote.strip(), v_ev.quote.strip()
    if u_quote == v_quote or not v_quote:
        return u_quote
    if not u_quote:
        return v_quote
    if speaker is not None:
        if names.is_speaker(u, speaker):
            return v_quote
        if names.is_speaker(v, speaker):
            return u_quote
    if names.names(v, u_quote):
        return u_quote
    if names.names(u, v_quote):
        return v_quote
    return f"{u_quote} … {v_quote}"


def _add_claims(
    G: nx.MultiDiGraph, claims: list[Claim], documents: dict[str, DocumentInfo]
) -> None:
    """One ``claim:<n>`` edge per claim; parallel claims stay distinct edges."""
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
    if skipped:
        log.warning("skipped %d claim(s) whose subject or object is not an entity", skipped)


def _assign_communities(G: nx.MultiDiGraph) -> None:
    """Louvain communities of the undirected weighted graph (co-mentions plus claims).

    igraph's multilevel Louvain (seeded) when python-igraph is installed, else networkx's.
    Numbered by decreasing size, ties by smallest node id, so numbers are stable.
    """
    nodes = sorted(G.nodes)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for u, v, w in G.edges(data="weight"):
        if u != v:
            weights[(u, v) if u < v else (v, u)] += w
    if not weights:
        communities: list[set[str]] | list[list[str]] = [[n] for n in nodes]
    else:
        communities = _louvain(nodes, sorted(weights.items()))
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    for number, members in enumerate(ordered):
        for node in members:
            G.nodes[node]["community"] = number


def _louvain(
    nodes: list[str], weighted_edges: list[tuple[tuple[str, str], int]]
) -> list[list[str]] | list[set[str]]:
    """Louvain partition of ``nodes`` (sorted) by ``weighted_edges`` (sorted, u < v)."""
    try:
        import igraph
    except ImportError:
        H = nx.Graph()
        H.add_nodes_from(nodes)
        H.add_weighted_edges_from((u, v, w) for (u, v), w in weighted_edges)
        return nx.community.louvain_communities(H, weight="weight", seed=COMMUNITY_SEED)
    index = {node: i for i, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for (u, v), _ in weighted_edges])
    igraph.set_random_number_generator(random.Random(COMMUNITY_SEED))
    try:
        membership = graph.community_multilevel(weights=[w for _, w in weighted_edges]).membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[str]] = defaultdict(list)
    for node, group in zip(nodes, membership, strict=True):
        groups[group].append(node)
    return list(groups.values())
