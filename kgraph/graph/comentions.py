"""Co-mention and ``said`` edges: the entities that share a turn, and the quotes showing it.

One ``co_mention`` edge per pair of entities sharing at least one turn, and one ``said``
edge from a turn's speaker to each entity they mention without being named in the turn
themselves (their own mention is then the speaker label's, quoting the turn's opening).

Examples are the first shared turns in document order (as the KnowledgeBase lists them),
those with an uninformative quote (kgraph.evidence) replaced by later ones and listed last,
each with the speaker's full name, a deep link and the sentence of that turn naming both
entities, from their quotes. In order: their common quote; when one of them is the turn's
speaker, the other's sentence (the speaker said it; a speaker's own mention quotes the
turn's opening); a quote naming the other entity too; else both sentences joined by " … ".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx

from kgraph.evidence import quote_rank
from kgraph.graph.nesting import Nesting
from kgraph.model import HEADING_WINDOW, DocumentInfo, Entity, Evidence

MAX_EXAMPLES = 3
SAID = "said"  # key and kind of a speaker-to-what-they-said edge
CO_MENTION_WINDOW = 1
"""Sentences at most between two mentions of one turn that make a co-mention."""

# A turn naming two or more entities: document, turn index, time, speaker, url, the
# entities' numbers (sorted) and their quotes in that order.
_Shared = tuple[str, int, float | None, str | None, str | None, list[int], list[str]]


def add_co_mentions(
    G: nx.MultiDiGraph,
    entities: dict[str, Entity],
    ids: list[str],
    document_order: list[str],
    documents: dict[str, DocumentInfo],
) -> dict[int, int]:
    """Add the ``co_mention`` and ``said`` edges of ``entities`` (nodes of ``G``, ``ids``
    sorted); return the weights of both kinds by unordered pair number ``i * len(ids) + j``
    (``i < j`` indexes of ``ids``), for the communities."""
    # Entities are numbered in sorted order: pairs of numbers sort like pairs of ids, faster.
    number = {entity_id: i for i, entity_id in enumerate(ids)}
    names = _NamePatterns(entities)
    windows = _windows(entities, number)
    co, said = _Tally(), _Tally()
    for shared in _shared_turns(entities, number, windows, names, document_order, documents):
        _tally_turn(shared, ids, windows, names, co, said)
    # Straight into networkx's adjacency (what add_edge does, without its per-edge checks
    # and cache clearing): both ends are nodes, and each pair is new.
    succ, pred = G._succ, G._pred
    for u, v, data in co.edges(ids, "co_mention"):
        succ[u][v] = pred[v][u] = {"co_mention": data}
    for u, v, data in said.edges(ids, SAID):
        keys = succ[u].get(v)
        if keys is None:
            succ[u][v] = pred[v][u] = {SAID: data}
        else:  # the same dict in both adjacencies
            keys[SAID] = data
    cache = getattr(G, "__networkx_cache__", None)  # networkx >= 3.3: as add_edge does
    if cache:
        cache.clear()
    count = len(ids)
    combined = dict(co.weights)
    for pair, weight in said.weights.items():
        u, v = divmod(pair, count)
        if u > v:
            pair = v * count + u
        combined[pair] = combined.get(pair, 0) + weight
    return combined


def _shared_turns(
    entities: dict[str, Entity],
    number: dict[str, int],
    windows: dict[int, dict[tuple[str, int], dict[int, str]]],
    names: _NamePatterns,
    document_order: list[str],
    documents: dict[str, DocumentInfo],
) -> Iterator[_Shared]:
    """The turns naming two or more entities, in document order. An entity's first mention
    in a turn counts; the turn's speaker and url are the first among those mentions."""
    mentioned_in: dict[tuple[str, int], dict[int, Evidence]] = defaultdict(dict)
    turn_time: dict[tuple[str, int], float | None] = {}
    turn_speaker: dict[tuple[str, int], str] = {}
    turn_url: dict[tuple[str, int], str] = {}
    for entity_id, entity in entities.items():
        n = number[entity_id]
        spans = windows.get(n)
        for m in entity.mentions:
            turn = (m.document, m.turn)
            if (
                spans is not None
                and turn not in spans
                and not (m.speaker and names.is_speaker(entity_id, m.speaker))
            ):
                continue  # named there only in boilerplate or a section title
            mentioned = mentioned_in[turn]
            if n not in mentioned:
                mentioned[n] = m
                if m.speaker and turn not in turn_speaker:
                    turn_speaker[turn] = m.speaker
                if m.url and turn not in turn_url:
                    turn_url[turn] = m.url
            if turn_time.get(turn) is None:
                turn_time[turn] = m.time
    rank = {doc: i for i, doc in enumerate(document_order)}
    for turn in sorted(mentioned_in, key=lambda t: (rank.get(t[0], len(rank)), t)):
        mentioned = mentioned_in[turn]
        if len(mentioned) < 2:
            continue
        time = turn_time[turn]
        url = turn_url.get(turn)
        if url is None and turn[0] in documents:
            url = documents[turn[0]].url_at(time)
        numbers = sorted(mentioned)
        quotes = [mentioned[n].quote.strip() for n in numbers]
        yield turn[0], turn[1], time, turn_speaker.get(turn), url, numbers, quotes


def _tally_turn(
    shared: _Shared,
    ids: list[str],
    windows: dict[int, dict[tuple[str, int], dict[int, str]]],
    names: _NamePatterns,
    co: _Tally,
    said: _Tally,
) -> None:
    """Count each pair of the turn's entities as a co-mention, or as ``said`` when one of
    them is the speaker not named in their own words; keep the turn as an example."""
    document, index, time, speaker, url, numbers, quotes = shared
    count = len(ids)
    speaks = [speaker is not None and names.is_speaker(ids[n], speaker) for n in numbers]
    unnamed = [
        s and not names.names(ids[n], q) for n, s, q in zip(numbers, speaks, quotes, strict=True)
    ]
    # the windows of each entity's sentences here ({}: none), None where not known
    spans = [windows[n].get((document, index), {}) if n in windows else None for n in numbers]
    for i, u in enumerate(numbers):
        for j in range(i + 1, len(numbers)):
            v = numbers[j]
            near = None  # the sentences naming both, when both entities' are known
            if spans[i] is not None and spans[j] is not None and not (unnamed[i] or unnamed[j]):
                near = _nearest(spans[i], spans[j], names.apart(ids[u], ids[v]))
                if near is None:
                    continue  # not within a window of each other in this turn
            if unnamed[i] or unnamed[j]:
                tally, pair = said, (u * count + v if unnamed[i] else v * count + u)
            else:
                tally, pair = co, u * count + v
            seen = tally.count(pair, document)
            if seen >= MAX_EXAMPLES and pair not in tally.ranks:
                continue  # three informative examples already
            if near is None:
                near = _pair_quote(ids[u], ids[v], quotes[i], quotes[j], speaks, i, j, names)
            example = {
                "document": document,
                "turn": index,
                "time": time,
                "quote": near,
                "speaker": speaker,
                "url": url,
            }
            tally.add_example(pair, seen, example)


def _pair_quote(
    u_id: str,
    v_id: str,
    u_quote: str,
    v_quote: str,
    speaks: list[bool],
    i: int,
    j: int,
    names: _NamePatterns,
) -> str:
    """The quote of a turn that shows entities ``u_id`` and ``v_id`` (at ``i`` and ``j`` of
    the turn's entities) together, from their own quotes (see the module docstring)."""
    if u_quote == v_quote or not v_quote:
        return u_quote
    if not u_quote or speaks[i]:
        return v_quote
    if speaks[j] or names.names(v_id, u_quote):
        return u_quote
    if names.names(u_id, v_quote):
        return v_quote
    return f"{u_quote} … {v_quote}"


class _Tally:
    """One kind of edge by pair number: weights, documents and examples."""

    def __init__(self) -> None:
        self.weights: dict[int, int] = {}
        self.documents: dict[int, list[str]] = {}  # of the shared turns, in document order
        self.examples: dict[int, list[dict[str, Any]]] = {}
        # the quote ranks of an edge's examples from its second on, until three are informative
        self.ranks: dict[int, list[int]] = {}

    def count(self, pair: int, document: str) -> int:
        """Count one more shared turn of ``pair``; return how many were counted before."""
        seen = self.weights.get(pair, 0)
        self.weights[pair] = seen + 1
        if seen == 0:
            self.documents[pair] = [document]
        elif self.documents[pair][-1] != document:
            self.documents[pair].append(document)
        return seen

    def add_example(self, pair: int, seen: int, example: dict[str, Any]) -> None:
        """Keep the first MAX_EXAMPLES examples, the telling ones first: a later one
        replaces the latest of the worst rank when its quote ranks better."""
        examples = self.examples
        if not seen:  # an edge's only example needs no rank
            examples[pair] = [example]
            return
        ranks = self.ranks.get(pair)
        if ranks is None:
            ranks = self.ranks[pair] = [quote_rank(examples[pair][0]["quote"])]
        rank = quote_rank(example["quote"])
        if seen >= MAX_EXAMPLES:
            worst = max(ranks)
            if rank >= worst:
                return
            drop = len(ranks) - 1 - ranks[::-1].index(worst)  # the latest worst
            del ranks[drop], examples[pair][drop]
        examples[pair].append(example)
        ranks.append(rank)
        if len(ranks) == MAX_EXAMPLES and not any(ranks):
            del self.ranks[pair]  # three informative examples: in turn order

    def edges(self, ids: list[str], kind: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """The edges in pair order, their examples by rank (stable: turn order within one)."""
        for pair, ranks in self.ranks.items():
            order = sorted(range(len(ranks)), key=ranks.__getitem__)
            self.examples[pair] = [self.examples[pair][k] for k in order]
        count = len(ids)
        for pair in sorted(self.weights):
            data = {
                "kind": kind,
                "weight": self.weights[pair],
                "examples": self.examples[pair],
                "document_ids": self.documents[pair],
            }
            yield ids[pair // count], ids[pair % count], data


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


def _nearest(
    a: dict[int, str], b: dict[int, str], apart: Callable[[str], tuple[bool, bool]] | None = None
) -> str | None:
    """The text naming two entities whose sentences (window -> text) are ``a`` and ``b``:
    their common sentence, else the closest two within :data:`CO_MENTION_WINDOW` (an
    article's heading and any sentence under it), in order; None when none are close.
    A sentence naming one only inside the other's words (``apart``: "the accuracy trap"
    names no "accuracy" of its own) does not count for that one."""
    if apart is not None:
        a = {w: t for w, t in a.items() if w not in b or apart(t)[0]}
        b = {w: t for w, t in b.items() if w not in a or apart(t)[1]}
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
        self.apart = Nesting(entities).apart

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
