"""KnowledgeBase -> networkx MultiDiGraph: one node per entity, co-mention and claim edges.

Schema (the exporters and the query commands rely on it):

``G.graph``
    ``name``, ``kgraph_version``, ``documents`` (list of DocumentInfo dicts, ``source``
    relative to the folder built), ``folder`` (that folder's name; set by the build).
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
import random
import re
from collections import defaultdict
from itertools import chain
from typing import Any

import networkx as nx

from kgraph import __version__
from kgraph.evidence import BOILERPLATE, INFORMATIVE, quote_rank
from kgraph.layout import assign_positions
from kgraph.model import (
    HEADING_WINDOW,
    Claim,
    DocumentInfo,
    Entity,
    Evidence,
    KnowledgeBase,
    to_dict,
    type_color,
)

__all__ = [
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
MAX_EXAMPLES = 3
COMMUNITY_SEED = 42
SAID = "said"  # key and kind of a speaker-to-what-they-said edge
CO_MENTION_WINDOW = 1
"""Sentences at most between two mentions of one turn that make a co-mention."""


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
) -> nx.MultiDiGraph:
    """Build the graph of ``kb``; the same KnowledgeBase always gives the same graph.

    Claims whose subject or object is not an entity of ``kb`` are skipped with a log
    warning (resolution should never produce them). ``min_weight``: links other than claims
    (co-mentions) sharing fewer turns are left out, before communities and positions are
    computed; claims are always kept.
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
    ids = sorted(entities)  # node order; a node's number is its index here
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

    weights = _add_co_mentions(G, entities, ids, [d.id for d in kb.documents], documents)
    if min_weight > 1:
        weights = _drop_weak_links(G, min_weight)
    number = {entity_id: i for i, entity_id in enumerate(ids)}
    for u, v in _add_claims(G, kb.claims, documents):
        if u != v:  # claims weigh 1 in the communities' undirected graph
            a, b = sorted((number[u], number[v]))
            weights[a * len(ids) + b] = weights.get(a * len(ids) + b, 0) + 1
    _assign_communities(G, ids, weights)
    assign_positions(G)
    return G


def _drop_weak_links(G: nx.MultiDiGraph, min_weight: int) -> dict[int, int]:
    """Remove the edges (all but claims, which come later) of weight below ``min_weight``;
    the summed weights of the pairs left, numbered as _add_co_mentions numbers them."""
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


def _add_co_mentions(
    G: nx.MultiDiGraph,
    entities: dict[str, Entity],
    ids: list[str],
    document_order: list[str],
    documents: dict[str, DocumentInfo],
) -> dict[int, int]:
    """One ``co_mention`` edge per pair of entities sharing at least one turn, and one
    ``said`` edge from a turn's speaker to each entity they mention without being named
    in the turn themselves (their own mention is then the speaker label's, quoting the
    turn's opening); returns the weights of both kinds by unordered pair number
    ``i * len(ids) + j`` (``i < j`` indexes of ``ids``, sorted), for the communities.

    Examples are the first shared turns in document order (as the KnowledgeBase lists them),
    those with an uninformative quote (kgraph.evidence) replaced by later ones and listed
    last, each with the speaker's full name, a deep link and the sentence of that turn
    naming both entities, from their quotes. In order: their common quote; when one of them
    is the turn's speaker, the other's sentence (the speaker said it; a speaker's own
    mention quotes the turn's opening); a quote naming the other entity too; else both
    sentences joined by " … ".
    """
    # Entities are numbered in sorted order: pairs of numbers sort like pairs of ids, faster.
    number = {entity_id: i for i, entity_id in enumerate(ids)}
    count = len(ids)
    rank = {doc: i for i, doc in enumerate(document_order)}
    turn_mentions: dict[tuple[str, int], dict[int, Evidence]] = defaultdict(dict)
    turn_time: dict[tuple[str, int], float | None] = {}
    turn_speaker: dict[tuple[str, int], str] = {}  # the first speaker among the turn's mentions
    turn_url: dict[tuple[str, int], str] = {}  # the first url among them
    names = _NamePatterns(entities)
    is_speaker = names.is_speaker
    names_in = names.names
    windows = _windows(entities, number)
    for entity_id, entity in entities.items():
        n = number[entity_id]
        for m in entity.mentions:
            turn = (m.document, m.turn)
            if (
                n in windows
                and turn not in windows[n]
                and not (m.speaker and is_speaker(entity_id, m.speaker))
            ):
                continue  # named there only in boilerplate or a section title
            mentioned = turn_mentions[turn]
            if n not in mentioned:  # an entity's first mention in a turn counts
                mentioned[n] = m
                if m.speaker and turn not in turn_speaker:
                    turn_speaker[turn] = m.speaker
                if m.url and turn not in turn_url:
                    turn_url[turn] = m.url
            if turn_time.get(turn) is None:
                turn_time[turn] = m.time
    # the turns naming two or more entities, in document order, with all they give the edges
    shared: list[tuple[tuple[str, int], float | None, str | None, str | None, list[int], list[str]]]
    shared = []
    for turn in sorted(turn_mentions, key=lambda t: (rank.get(t[0], len(rank)), t)):
        mentioned = turn_mentions[turn]
        if len(mentioned) < 2:
            continue
        time = turn_time[turn]
        url = turn_url.get(turn)
        if url is None and turn[0] in documents:
            url = documents[turn[0]].url_at(time)
        numbers = sorted(mentioned)
        quotes = [mentioned[n].quote.strip() for n in numbers]
        shared.append((turn, time, turn_speaker.get(turn), url, numbers, quotes))

    weights: dict[int, int] = {}  # co-mentions by pair number
    said: dict[int, int] = {}  # said edges by speaker * count + other
    examples: dict[int, list[dict[str, Any]]] = {}
    said_examples: dict[int, list[dict[str, Any]]] = {}
    # the quote ranks of an edge's examples from its second on, until three are informative
    co_ranks: dict[int, list[int]] = {}
    said_ranks: dict[int, list[int]] = {}
    # the documents of each edge's turns, in document order (as ``shared``)
    co_documents: dict[int, list[str]] = {}
    said_documents: dict[int, list[str]] = {}
    for (document, index), time, speaker, url, numbers, quotes in shared:
        speaks = [speaker is not None and is_speaker(ids[n], speaker) for n in numbers]
        # the speaker's own mention, not naming them: what they say is "said", not shared
        unnamed = [
            s and not names_in(ids[n], q) for n, s, q in zip(numbers, speaks, quotes, strict=True)
        ]
        # the quote's choice inlined: this loop runs once per pair and turn (~2 * 10^5)
        # the windows of each entity's sentences here ({}: none), None where not known
        spans = [windows[n].get((document, index), {}) if n in windows else None for n in numbers]
        for i, u in enumerate(numbers):
            u_quote, u_speaks, first = quotes[i], speaks[i], u * count
            for j in range(i + 1, len(numbers)):
                near = None  # the sentences naming both, when both entities' are known
                u_span, v_span = spans[i], spans[j]
                if u_span is not None and v_span is not None and not (unnamed[i] or unnamed[j]):
                    near = _nearest(u_span, v_span)
                    if near is None:
                        continue  # not within a window of each other in this turn
                if unnamed[i] or unnamed[j]:
                    pair = first + numbers[j] if unnamed[i] else numbers[j] * count + u
                    seen = said.get(pair, 0)
                    said[pair] = seen + 1
                    edge_examples, edge_ranks = said_examples, said_ranks
                    edge_documents = said_documents
                else:
                    pair = first + numbers[j]
                    seen = weights.get(pair, 0)
                    weights[pair] = seen + 1
                    edge_examples, edge_ranks = examples, co_ranks
                    edge_documents = co_documents
                if seen == 0:
                    edge_documents[pair] = [document]
                elif edge_documents[pair][-1] != document:
                    edge_documents[pair].append(document)
                # examples: the first MAX_EXAMPLES shared turns, the telling ones first
                ranks = edge_ranks.get(pair)
                if seen >= MAX_EXAMPLES and ranks is None:
                    continue
                v_quote = quotes[j]
                if near is not None:
                    quote = near
                elif u_quote == v_quote or not v_quote:
                    quote = u_quote
                elif not u_quote or u_speaks:
                    quote = v_quote
                elif speaks[j] or names_in(ids[numbers[j]], u_quote):
                    quote = u_quote
                elif names_in(ids[u], v_quote):
                    quote = v_quote
                else:
                    quote = f"{u_quote} … {v_quote}"
                example = {
                    "document": document,
                    "turn": index,
                    "time": time,
                    "quote": quote,
                    "speaker": speaker,
                    "url": url,
                }
                if not seen:  # an edge's only example needs no rank
                    edge_examples[pair] = [example]
                    continue
                if ranks is None:
                    ranks = edge_ranks[pair] = [quote_rank(edge_examples[pair][0]["quote"])]
                rank = quote_rank(quote)
                if seen >= MAX_EXAMPLES:
                    worst = max(ranks)
                    if rank >= worst:
                        continue
                    drop = len(ranks) - 1 - ranks[::-1].index(worst)  # the latest worst
                    del ranks[drop], edge_examples[pair][drop]
                edge_examples[pair].append(example)
                ranks.append(rank)
                if len(ranks) == MAX_EXAMPLES and not any(ranks):
                    del edge_ranks[pair]  # three informative examples: in turn order
    for edge_examples, edge_ranks in ((examples, co_ranks), (said_examples, said_ranks)):
        for pair, ranks in edge_ranks.items():
            order = sorted(range(len(ranks)), key=ranks.__getitem__)
            edge_examples[pair] = [edge_examples[pair][k] for k in order]
    # Straight into networkx's adjacency (what add_edge does, without its per-edge checks
    # and cache clearing: 1.0 s for 90k edges): both ends are nodes, and each pair is new.
    succ, pred = G._succ, G._pred
    for pair in sorted(weights):
        u, v = ids[pair // count], ids[pair % count]
        data = {
            "kind": "co_mention",
            "weight": weights[pair],
            "examples": examples[pair],
            "document_ids": co_documents[pair],
        }
        succ[u][v] = pred[v][u] = {"co_mention": data}
    for pair in sorted(said):
        u, v = ids[pair // count], ids[pair % count]
        data = {
            "kind": SAID,
            "weight": said[pair],
            "examples": said_examples[pair],
            "document_ids": said_documents[pair],
        }
        keys = succ[u].get(v)
        if keys is None:
            succ[u][v] = pred[v][u] = {SAID: data}
        else:  # the same dict in both adjacencies
            keys[SAID] = data
    cache = getattr(G, "__networkx_cache__", None)  # networkx >= 3.3: as add_edge does
    if cache:
        cache.clear()
    combined = dict(weights)
    for pair, weight in said.items():
        u, v = divmod(pair, count)
        if u > v:
            pair = v * count + u
        combined[pair] = combined.get(pair, 0) + weight
    return combined


def _windows(
    entities: dict[str, Entity], number: dict[str, int]
) -> dict[int, dict[tuple[str, int], dict[int, str]]]:
    """Per entity (by number) whose sentences are known: per turn, its sentences' windows
    and their text. A turn not listed names it only in boilerplate or a section title."""
    out: dict[int, dict[tuple[str, int], dict[int, str]]] = {}
    for entity_id, entity in entities.items():
        if entity.sentences is None:
            continue
        turns: dict[tuple[str, int], dict[int, str]] = {}
        for ev in entity.sentences:
            if ev.window is not None:
                turns.setdefault((ev.document, ev.turn), {}).setdefault(ev.window, ev.quote.strip())
        out[number[entity_id]] = turns
    return out


def _nearest(a: dict[int, str], b: dict[int, str]) -> str | None:
    """The text naming two entities whose sentences (window -> text) are ``a`` and ``b``:
    their common sentence, else the closest two within :data:`CO_MENTION_WINDOW` (an
    article's heading and any sentence under it), in order; None when none are close."""
    best: tuple[int, int, int] | None = None
    for wa in a:
        for wb in b:
            gap = abs(wa - wb)
            if HEADING_WINDOW in (wa, wb) and wa != wb:
                gap = CO_MENTION_WINDOW
            elif gap > CO_MENTION_WINDOW:
                continue
            if best is None or (gap, min(wa, wb)) < best[:2]:
                best = (gap, min(wa, wb), max(wa, wb))
    if best is None:
        return None
    _, first, last = best
    texts = {**a, **b}
    if first == last:
        return texts[first]
    if first == HEADING_WINDOW:
        return f"{texts[first].rstrip(':')}: {texts[last]}"
    return f"{texts[first]} {texts[last]}"


class _NamePatterns:
    """Whether a sentence names an entity (its label or an alias, case-insensitive, whole
    words); all-ASCII names and sentences are compared as text, others by a cached pattern."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.forms: dict[str, tuple[str, ...]] = {}  # longest first, as the pattern tries them
        self.ascii_forms: dict[str, tuple[str, ...]] = {}  # lower-cased, all-ASCII entities only
        self.person_names: dict[str, set[str]] = {}  # a person's label and aliases
        # sentence -> its lower case, or None when it must go through a pattern: a turn's
        # sentences are asked about once per pair of its entities
        self.lowered: dict[str, str | None] = {}

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
        if lowered is not None:
            if sentence in self.lowered:
                lower = self.lowered[sentence]
            else:
                folds = not sentence.isascii() and any(c in sentence for c in _FOLDS_TO_ASCII)
                lower = self.lowered[sentence] = None if folds else sentence.lower()
            if lower is not None:
                # ASCII names then match case-insensitively exactly where the lower-cased
                # sentence (same length) contains them: the pattern's answer, uncompiled.
                return _names_ascii(lowered, lower, sentence)
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


def _assign_communities(G: nx.MultiDiGraph, nodes: list[str], weights: dict[int, int]) -> None:
    """Louvain communities of the undirected weighted graph (co-mentions plus claims).

    ``nodes`` are G's nodes, sorted; ``weights`` the summed weight of the edges between
    ``nodes[i]`` and ``nodes[j]`` (``i < j``, self-loops left out) by ``i * len(nodes) + j``.
    igraph's multilevel Louvain (seeded) when python-igraph is installed, else networkx's.
    Numbered by decreasing size, ties by smallest node id, so numbers are stable.
    """
    if not weights:
        communities: list[set[str]] | list[list[str]] = [[n] for n in nodes]
    else:
        pairs = sorted(weights)
        edges = [divmod(pair, len(nodes)) for pair in pairs]
        communities = _louvain(nodes, edges, [weights[pair] for pair in pairs])
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    node_data = G._node
    for number, members in enumerate(ordered):
        for node in members:
            node_data[node]["community"] = number


def _louvain(
    nodes: list[str], edges: list[tuple[int, int]], weights: list[int]
) -> list[list[str]] | list[set[str]]:
    """Louvain partition of ``nodes`` (sorted) by weighted ``edges`` (sorted index pairs)."""
    try:
        import igraph
    except ImportError:
        H = nx.Graph()
        H.add_nodes_from(nodes)
        H.add_weighted_edges_from(
            (nodes[u], nodes[v], w) for (u, v), w in zip(edges, weights, strict=True)
        )
        return nx.community.louvain_communities(H, weight="weight", seed=COMMUNITY_SEED)
    graph = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(COMMUNITY_SEED))
    try:
        membership = graph.community_multilevel(weights=weights).membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[str]] = defaultdict(list)
    for node, group in zip(nodes, membership, strict=True):
        groups[group].append(node)
    return list(groups.values())
