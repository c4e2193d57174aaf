"""A self-contained, offline HTML page of the graph (pyvis 0.3.2 + vis-network 9.1.2) that
answers what people open it for: find any entity, see what it is connected to and why,
and find how two entities relate.

What is drawn: the ``max_nodes`` most relevant entities (:func:`relevance`: mentions,
documents, claims) and the strongest edges among them; the "said" edges of a speaker are
drawn hidden, shown by their switch in the legend. What the page carries for *every*
entity of the graph, so that search, focus and paths work beyond the drawing:

- an index of names: label, aliases, gazetteer synonyms, type, mentions;
- its strongest neighbours (:data:`FOCUS_NEIGHBOURS`, ranked as ``kgraph neighbors`` ranks
  them), each link with its best quote (quotes are stored best first by the graph,
  :mod:`kgraph.evidence`), drawn and listed when the entity is focused;
- those links priced as ``kgraph path`` prices hops (:func:`kgraph.index.hop_cost`), with
  each entity's degree in the whole graph for the hub penalty: the page's From / To box
  finds up to three short paths as :func:`kgraph.query.paths` does, over these links;
- a few quotes of its own, with speaker, time, document title and a link to the moment.
  Quotes, speakers and documents are tables referred to by number (a sentence naming ten
  entities is written once).

pyvis is used for what it does well -- carrying nodes, edges and options into a Jinja
template and bundling vis-network -- while avoiding its measured traps:

- ``from_nx`` is quadratic and renames ``weight``: ``net.nodes``/``net.edges`` are filled
  as dicts directly;
- ``set_options`` deletes spaces from the JSON: ``net.options`` is assigned;
- its template links Bootstrap from a CDN even with ``cdn_resources="in_line"``: our own
  template (``static/kgraph.html.j2``) inlines vis-network's JS and CSS from pyvis's
  ``templates/lib`` and references nothing else; a Content-Security-Policy forbids any
  request the page might still try to make;
- ``write_html`` writes without an encoding: ``generate_html()`` is written as UTF-8;
- titles containing ``href`` switch pyvis to ``innerHTML`` tooltips: no ``title`` is set
  in Python; the page builds tooltips as DOM nodes with ``textContent``, and all data
  reaches the page through ``tojson`` (``<``, ``>``, ``&``, ``'`` escaped), so a transcript
  containing ``<script>`` is shown, never run. Bidirectional control characters are
  removed from every text, so none can reorder what the page shows.

Up to :data:`BROWSER_LAYOUT_MAX_NODES` nodes the browser lays them out with a short
Barnes-Hut stabilisation, then physics is switched off; beyond that, positions come from
igraph's Fruchterman-Reingold layout in Python and the browser only draws.

For tests and scripts, the page reports its state on ``#kgraph-status``
(``data-ready``, ``data-drawn``, ``data-external-requests``, ...) and in ``window.kgraph``.
"""

from __future__ import annotations

import dataclasses
import functools
import heapq
import math
import os
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.index import hop_cost
from kgraph.io import atomic_write
from kgraph.model import OTHER_COLOR, DocumentInfo, type_order
from kgraph.query import HUB_PENALTY, REUSE_PENALTY, link_strength, neighbour_key
from kgraph.serial import EdgeItem, edge_list, gc_paused

__all__ = [
    "BROWSER_LAYOUT_MAX_NODES",
    "DEFAULT_MAX_NODES",
    "FOCUS_NEIGHBOURS",
    "LABELLED_NODES",
    "HtmlPage",
    "generate_html",
    "relevance",
    "render_html",
    "select_nodes",
    "write_html",
]

DEFAULT_MAX_NODES = 300
LABELLED_NODES = 60  # labels drawn at the first view; the others appear on zoom
EDGES_PER_NODE = 4  # default max_edges = EDGES_PER_NODE * shown nodes
BROWSER_LAYOUT_MAX_NODES = 1000
FOCUS_NEIGHBOURS = 8  # an entity's strongest neighbours, listed and drawn on focus
MAX_SENTENCE_CHARS = 220  # a quote is a sentence, or two of one turn joined by " … "
DRAWN_QUOTES = 3  # a drawn entity's own quotes in its card
OTHER_QUOTES = 1  # the same for an entity reached by search, focus or a path
STATIC_DIR = Path(__file__).parent / "static"
TEMPLATE = "kgraph.html.j2"

SAID = "said"  # kgraph.graph.SAID
CO_MENTION_COLOR = "rgba(140,140,140,0.45)"
_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+")
# bidirectional embeddings, overrides, isolates and marks: none may reorder shown text
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]+")
_PROBE_SECONDS = 4321  # a time whose link shows where a document puts the seconds
_DOC_FIELDS = {f.name for f in dataclasses.fields(DocumentInfo)}


@dataclass
class HtmlPage:
    """A rendered page and what was left out of its drawing."""

    html: str
    nodes_shown: int
    nodes_dropped: int
    edges_shown: int
    edges_dropped: int


def relevance(mentions: int, documents: int, claims: int) -> float:
    """How much an entity matters to a reader: turns mentioning it, documents, and claims
    about or by it, each with diminishing returns, documents weighing most.

    A guest who speaks in 90 turns of one episode is less central to a corpus than a
    concept named in 40 turns of 30 episodes; a claim is someone saying something about it.
    """
    return math.log1p(mentions) + 2.0 * math.log1p(documents) + math.log1p(claims)


def _text(value: Any) -> str:
    """Document text as the page shows it: no control or bidirectional control characters."""
    text = str(value)
    if text.isascii() and text.isprintable():  # most text, at C speed
        return text
    return _BIDI.sub("", _CONTROL.sub(" ", text))


def _sentence(text: Any) -> str:
    text = " ".join(_text(text or "").split())
    if len(text) > MAX_SENTENCE_CHARS:
        text = text[: MAX_SENTENCE_CHARS - 1].rstrip() + "…"
    return text


def _url(url: Any) -> str | None:
    """Only http(s) links reach the page (no ``javascript:``)."""
    return url if isinstance(url, str) and _SAFE_URL.fullmatch(url) else None


def _kind(data: dict[str, Any]) -> str:
    return str(data.get("kind") or "co_mention")


def select_nodes(
    G: nx.MultiDiGraph, max_nodes: int | None, edges: list[EdgeItem] | None = None
) -> list[str]:
    """The ``max_nodes`` most relevant nodes (all when None), best first (:func:`relevance`).

    A node with no co-mention or claim to another kept node is then swapped for the most
    relevant linked node of its type left out (a "said" edge alone is not drawn).
    ``edges``: ``edge_list(G)`` when already made.
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, got {max_nodes}")
    edges = edge_list(G) if edges is None else edges
    claims: Counter[str] = Counter()
    for u, v, _, d in edges:
        if d.get("kind") == "claim":
            claims[u] += 1
            claims[v] += 1
    score = {
        n: relevance(int(d.get("mentions") or 0), int(d.get("documents") or 0), claims[n])
        for n, d in G.nodes(data=True)
    }
    ranked = sorted(G.nodes, key=lambda n: (-score[n], str(n)))
    if max_nodes is None or max_nodes >= len(ranked):
        return ranked
    kept = ranked[:max_nodes]
    _link_isolated(G, kept, ranked, edges)
    return sorted(kept, key=lambda n: (-score[n], str(n)))


def _link_isolated(
    G: nx.MultiDiGraph, kept: list[str], ranked: list[str], edges: list[EdgeItem]
) -> None:
    """Swap each kept node without a kept neighbour (over drawn kinds) for the best node
    of its type that has one (in place; nodes without such a replacement stay)."""
    linked: dict[str, set[str]] = {}
    for u, v, _, d in edges:
        if u != v and d.get("kind") != SAID:
            linked.setdefault(u, set()).add(v)
            linked.setdefault(v, set()).add(u)
    type_of = {n: G.nodes[n].get("type", "") for n in ranked}
    kept_set = set(kept)
    for _ in range(3):  # a swap can link a node left alone by an earlier pass
        swapped = False
        for i in range(len(kept) - 1, -1, -1):  # weakest first
            node = kept[i]
            if linked.get(node, set()) & kept_set:
                continue
            for candidate in ranked:
                if (
                    candidate not in kept_set
                    and type_of[candidate] == type_of[node]
                    and linked.get(candidate, set()) & kept_set
                ):
                    kept_set.discard(node)
                    kept_set.add(candidate)
                    kept[i] = candidate
                    swapped = True
                    break
        if not swapped:
            break


def _select_edges(
    candidates: list[tuple[int, str, str, dict[str, Any]]], limit: int
) -> list[tuple[int, str, str, dict[str, Any]]]:
    """At most ``limit`` edges: first each node's strongest edge (so no shown node loses
    all its links), then claims (they carry the quotes), then co-mentions by weight.
    Returned in graph order."""
    ranked = sorted(
        candidates, key=lambda e: (e[3].get("kind") != "claim", -(e[3].get("weight") or 0), e[0])
    )
    strongest = sorted(
        candidates, key=lambda e: (-(e[3].get("weight") or 0), e[3].get("kind") != "claim", e[0])
    )
    chosen: dict[int, tuple[int, str, str, dict[str, Any]]] = {}
    linked: set[str] = set()
    for edge in strongest:
        if len(chosen) >= limit:
            break
        _, u, v, _ = edge
        if u != v and (u not in linked or v not in linked):
            chosen[edge[0]] = edge
            linked.update((u, v))
    for edge in ranked:
        if len(chosen) >= limit:
            break
        chosen.setdefault(edge[0], edge)
    return sorted(chosen.values(), key=lambda e: e[0])


def _layout(
    nodes: list[Any], edges: list[tuple[Any, Any]], seed: int = 7
) -> dict[Any, tuple[float, float]]:
    """Positions for a graph too large for in-browser physics (igraph FR, else networkx)."""
    scale = 40.0 * math.sqrt(len(nodes))
    index = {n: i for i, n in enumerate(nodes)}
    pairs = sorted({(index[u], index[v]) for u, v in edges if u != v})
    rng = random.Random(seed)
    spread = math.sqrt(len(nodes))  # a tight start puts every node in one grid cell: O(n^2)
    start = [[rng.uniform(-spread, spread), rng.uniform(-spread, spread)] for _ in nodes]
    try:
        import igraph
    except ImportError:  # a dependency, but keep working without it: networkx is ~100x
        H = nx.Graph(pairs)  # slower, needs scipy above 500 nodes, else a circle
        H.add_nodes_from(range(len(nodes)))
        try:
            pos = nx.spring_layout(H, seed=seed, iterations=50)
        except ImportError:
            pos = nx.circular_layout(H)
        coords = [pos[i] for i in range(len(nodes))]
    else:
        g = igraph.Graph(n=len(nodes), edges=pairs)
        igraph.set_random_number_generator(random.Random(seed))  # FR draws random numbers
        try:
            coords = g.layout_fruchterman_reingold(niter=500, seed=start).coords
        finally:
            igraph.set_random_number_generator(random)
    linked = {i for pair in pairs for i in pair}
    if not linked:
        linked = set(range(len(nodes)))
    xs = [c[0] for i, c in enumerate(coords) if i in linked]
    ys = [c[1] for i, c in enumerate(coords) if i in linked]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    positions = {}
    for i, (n, c) in enumerate(zip(nodes, coords, strict=True)):
        if i in linked:
            positions[n] = (
                round((c[0] - cx) / span * scale, 1),
                round((c[1] - cy) / span * scale, 1),
            )
    # FR pushes unconnected nodes far out and shrinks the rest: put them in rows below
    isolated = [n for i, n in enumerate(nodes) if i not in linked]
    per_row = max(1, int(math.sqrt(len(isolated)) * 2))
    step = scale / max(per_row, 1)
    for j, n in enumerate(isolated):
        row, col = divmod(j, per_row)
        positions[n] = (round(-scale / 2 + col * step, 1), round(scale * 0.6 + row * step, 1))
    return positions


class _Tables:
    """The page's shared tables -- documents, speakers, predicates, sentences, quotes --
    each entry written once and referred to by its number. A quote is its sentences (a
    co-mention of two entities no sentence names both joins theirs: most sentences of a
    large graph's quotes are in several), speaker, document, time and link."""

    def __init__(self, documents: list[dict[str, Any]]) -> None:
        self.docs: list[list[Any]] = []  # [title, date, link template ({t}: seconds), link]
        self.doc_number: dict[Any, int] = {}
        self.links: list[tuple[str | None, str | None]] = []
        for d in documents:
            if not isinstance(d, dict) or d.get("id") in self.doc_number:
                continue
            template, plain = _document_links(d)
            self.doc_number[d.get("id")] = len(self.docs)
            title = _text(d.get("title") or d.get("id") or "")
            self.docs.append([title, _text(d.get("date") or ""), template, plain])
            self.links.append((template, plain))
        self.speakers: list[str] = []
        self.speaker_number: dict[str, int] = {}
        self.predicates: list[str] = []
        self.predicate_number: dict[str, int] = {}
        self.quotes: list[list[Any]] = []
        self.quote_number: dict[tuple[Any, ...], int] = {}
        self.sentences: list[str] = []
        self.sentence_number: dict[str, int] = {}

    def predicate(self, name: Any) -> int:
        name = _text(name or "")
        number = self.predicate_number.get(name)
        if number is None:
            number = self.predicate_number[name] = len(self.predicates)
            self.predicates.append(name)
        return number

    def quote(
        self,
        text: Any,
        speaker: Any = None,
        document: Any = None,
        time: Any = None,
        url: Any = None,
    ) -> int:
        """The number of a quote ``[sentences, speaker, document, time(, url)]`` (-1: no
        text); ``sentences``: a sentence's number, or a list of them (joined by " … ").

        The link is left out when the document's own link at that time is the same (the
        page makes it), and is null when there is none.
        """
        if not text or not str(text).strip():
            return -1
        key = (text, speaker, document, time, url)
        number = self.quote_number.get(key)
        if number is not None:
            return number
        s = -1
        if speaker:
            name = _text(speaker)
            s = self.speaker_number.get(name, -1)
            if s < 0:
                s = self.speaker_number[name] = len(self.speakers)
                self.speakers.append(name)
        d = self.doc_number.get(document, -1)
        seconds = time if isinstance(time, (int, float)) and time >= 0 else None
        parts = []
        for part in str(text).split(" … "):
            n = self.sentence_number.get(part)  # as written, then as shown
            if n is None:
                sentence = _sentence(part)
                if not sentence:
                    continue
                n = self.sentence_number.get(sentence)
                if n is None:
                    n = len(self.sentences)
                    self.sentences.append(sentence)
                    self.sentence_number[sentence] = n
                self.sentence_number[part] = n
            parts.append(n)
        if not parts:
            return -1
        record: list[Any] = [parts[0] if len(parts) == 1 else parts, s, d, seconds]
        url = _url(url) if url else None
        made = _link_at(*self.links[d], seconds) if d >= 0 else None
        if url != made:
            record.append(url)
        number = self.quote_number[key] = len(self.quotes)
        self.quotes.append(record)
        return number

    def evidence(self, ev: Any) -> int:
        """The number of a stored Evidence dict's quote (-1 for anything else)."""
        if not isinstance(ev, dict):
            return -1
        return self.quote(
            ev.get("quote"), ev.get("speaker"), ev.get("document"), ev.get("time"), ev.get("url")
        )


def _document_links(d: dict[str, Any]) -> tuple[str | None, str | None]:
    """A document's link to a moment as a template (``{t}``: whole seconds), and its link
    without a time, as ``DocumentInfo.url_at`` makes them."""
    try:
        info = DocumentInfo(**{k: v for k, v in d.items() if k in _DOC_FIELDS})
        probe, plain = info.url_at(float(_PROBE_SECONDS)), info.url_at(None)
    except (TypeError, ValueError):
        return None, None
    probe, plain = _url(probe), _url(plain)
    marker = str(_PROBE_SECONDS)
    template = probe.replace(marker, "{t}") if probe and probe.count(marker) == 1 else None
    return template, plain


def _link_at(template: str | None, plain: str | None, seconds: float | None) -> str | None:
    """What the page makes of a document's links for a quote at ``seconds``."""
    if seconds is not None and template:
        return template.replace("{t}", str(int(seconds)))
    return plain


class _Link:
    """Everything between two entities ``a < b`` (their numbers), for the page."""

    __slots__ = (
        "a", "b", "cost", "co", "ab", "ba", "co_example", "said_example", "said_best",
        "claims", "wa", "sa", "wb", "sb",
    )  # fmt: skip

    def __init__(self, a: int, b: int) -> None:
        self.a, self.b = a, b
        self.cost = math.inf  # the cheapest hop, as kgraph.index.routing_table prices it
        self.co = self.ab = self.ba = 0  # shared turns; turns in which a (b), speaking, named b (a)
        self.co_example: Any = None
        self.said_example: Any = None  # of the heavier direction
        self.said_best = 0
        self.claims: list[tuple[Any, Any, dict[str, Any]]] | None = None
        # the neighbour weight and said_by of b seen from a, and of a seen from b
        self.wa = self.sa = self.wb = self.sb = 0


def _links(
    edges: list[EdgeItem], number: dict[Any, int]
) -> tuple[dict[tuple[int, int], _Link], list[int]]:
    """Every pair of entities joined by an edge, and each entity's degree (distinct
    neighbours over any edge, as the path's hub penalty counts them)."""
    links: dict[tuple[int, int], _Link] = {}
    degree = [0] * len(number)
    for u, v, _, d in edges:
        a, b = number[u], number[v]
        if a == b:
            continue
        forward = a < b
        key = (a, b) if forward else (b, a)
        link = links.get(key)
        if link is None:
            link = links[key] = _Link(*key)
            degree[a] += 1
            degree[b] += 1
        kind = d.get("kind") or "co_mention"
        weight = d.get("weight") or 1
        if kind == "claim":
            cost = hop_cost("negated" if d.get("negated") else kind, weight)
            if link.claims is None:
                link.claims = []
            link.claims.append((u, v, d))
        else:
            cost = hop_cost(kind, weight)
            examples = d.get("examples")
            if kind == SAID:
                if forward:
                    link.ab += weight
                else:
                    link.ba += weight
                if examples and weight > link.said_best:
                    link.said_example, link.said_best = examples[0], weight
            else:
                link.co += weight
                if examples and link.co_example is None:
                    link.co_example = examples[0]
        if cost < link.cost:
            link.cost = cost
        w, s = link_strength(kind, weight, forward)  # seen from a: does a speak?
        link.wa += w
        link.sa += s
        w, s = link_strength(kind, weight, not forward)
        link.wb += w
        link.sb += s
    return links, degree


def _page_data(
    G: nx.MultiDiGraph,
    ids: list[Any],
    drawn: set[Any],
    drawn_pairs: set[tuple[int, int]],
    edges: list[EdgeItem],
    types: list[str],
    patterns: Path | str | None,
) -> tuple[dict[str, Any], _Tables, dict[tuple[int, int], int]]:
    """The tables of the page (see the module docstring), and each pair's link number."""
    number = {n: i for i, n in enumerate(ids)}
    tables = _Tables(G.graph.get("documents") or [])
    links, degree = _links(edges, number)
    type_number = {t: i for i, t in enumerate(types)}
    synonyms = _synonyms(G, ids, patterns)

    labels = [_text(G.nodes[n].get("label", n)) for n in ids]
    rows: list[list[tuple[tuple[int, int, str], tuple[int, int]]]] = [[] for _ in ids]
    for key, link in links.items():
        rows[link.a].append((neighbour_key(link.wa, link.sa, labels[link.b]), key))
        rows[link.b].append((neighbour_key(link.wb, link.sb, labels[link.a]), key))
    top = [[key for _, key in heapq.nsmallest(FOCUS_NEIGHBOURS, row)] for row in rows]
    # the links in the page: every entity's strongest, every claim, and the drawn edges'
    chosen = {key for keys in top for key in keys}
    chosen.update(key for key, link in links.items() if link.claims is not None)
    chosen.update(drawn_pairs)
    link_number: dict[tuple[int, int], int] = {}
    columns: dict[str, list[Any]] = {
        k: [] for k in ("a", "b", "cost", "co", "ab", "ba", "qc", "qs", "claims")
    }
    for key in sorted(chosen):
        link = links[key]
        # the quotes a hop over the link shows (the page's hop(), as kgraph.query._hop
        # chooses), and all of a drawn pair's: the card of each of its edges
        drawn_pair = key in drawn_pairs
        shared = link.co or link.ab or link.ba
        by_claim = link.claims is not None and (
            not shared or not all(d.get("negated") for *_, d in link.claims)
        )
        link_number[key] = len(columns["a"])
        columns["a"].append(link.a)
        columns["b"].append(link.b)
        columns["cost"].append(round(link.cost, 3))
        columns["co"].append(link.co)
        columns["ab"].append(link.ab)
        columns["ba"].append(link.ba)
        by_co = not by_claim and link.co > 0
        by_said = not by_claim and not link.co
        columns["qc"].append(tables.evidence(link.co_example) if drawn_pair or by_co else -1)
        columns["qs"].append(tables.evidence(link.said_example) if drawn_pair or by_said else -1)
        columns["claims"].append(
            [
                [
                    1 if number[u] == link.a else 0,
                    tables.predicate(d.get("predicate")),
                    1 if d.get("negated") else 0,
                    tables.quote(
                        d.get("evidence"),
                        d.get("speaker"),
                        d.get("document"),
                        d.get("time"),
                        d.get("url"),
                    ),
                ]
                for u, _, d in link.claims or ()
            ]
            or 0
        )

    entities: dict[str, list[Any]] = {
        k: [] for k in ("label", "type", "mentions", "docs", "names", "degree", "ev", "nb")
    }
    for i, n in enumerate(ids):
        data = G.nodes[n]
        label = labels[i]
        seen = {label.casefold()}
        names = []
        for name in (*str(data.get("aliases") or "").split("|"), *synonyms.get(n, ())):
            name = _text(name).strip()
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        quotes = DRAWN_QUOTES if n in drawn else OTHER_QUOTES
        evidence = [tables.evidence(ev) for ev in (data.get("evidence") or [])[:quotes]]
        entities["label"].append(label)
        entities["type"].append(type_number.get(str(data.get("type", "")), -1))
        entities["mentions"].append(int(data.get("mentions") or 0))
        entities["docs"].append(int(data.get("documents") or 0))
        entities["names"].append("|".join(names))
        entities["degree"].append(degree[i])
        entities["ev"].append([q for q in evidence if q >= 0])
        entities["nb"].append([link_number[key] for key in top[i]])
    data = {
        "entities": entities,
        "links": columns,
        "quotes": tables.quotes,
        "sentences": tables.sentences,
        "speakers": tables.speakers,
        "docs": tables.docs,
        "predicates": tables.predicates,
    }
    return data, tables, link_number


def _synonyms(G: nx.MultiDiGraph, ids: list[Any], patterns: Path | str | None) -> dict:
    """node -> the gazetteer's names for the entry the node's label or an alias is
    ("RFC" for design doc), read from kgraph/data and ``patterns``."""
    try:
        from kgraph.extract.patterns import load_gazetteer

        gazetteer = load_gazetteer(patterns)
    except Exception:  # noqa: BLE001 - a page without synonyms beats no page
        return {}
    out: dict[Any, list[str]] = {}
    for n in ids:
        data = G.nodes[n]
        entity_type = str(data.get("type", ""))
        entries = gazetteer.entries.get(entity_type)
        if not entries:
            continue
        forms = [str(data.get("label", n)), *str(data.get("aliases") or "").split("|")]
        for form in forms:
            hit = gazetteer.lookup(form, entity_type) if form else None
            if hit is not None:
                out[n] = [hit[1], *entries.get(hit[1], [])]
                break
    return out


def _weigh_labels(nodes: list[dict[str, Any]], rank: dict[Any, int]) -> None:
    """Set ``kg.label_weight``: 0..1 by size for the LABELLED_NODES most relevant nodes
    (their labels show at the first view, bigger for bigger nodes), -1 for the others.

    The labelled nodes also get a large ``mass``: in Barnes-Hut they push each other (and
    their crowd) apart, so their labels do not pile up in the middle of the drawing.
    """
    labelled = sorted(nodes, key=lambda n: rank[n["id"]])[:LABELLED_NODES]
    for node in nodes:
        node["kg"]["label_weight"] = -1.0
        node["mass"] = 1.0
    if not labelled:
        return
    top = max(n["value"] for n in labelled)
    bottom = min(n["value"] for n in labelled)
    for node in labelled:
        weight = (node["value"] - bottom) / (top - bottom) if top > bottom else 1.0
        node["kg"]["label_weight"] = round(weight, 3)
        node["mass"] = round(8.0 + 16.0 * weight, 2)


def _edge_payload(
    i: int, a: int, b: int, data: dict[str, Any], parallel: int, link: int, claim: int
) -> dict[str, Any]:
    """A drawn edge: vis-network's style and, in ``kg``, its kind and where its words are
    (``link``: the pair's entry in the links table; ``claim``: which of the pair's claims)."""
    kind = _kind(data)
    weight = int(data.get("weight") or 1)
    edge: dict[str, Any] = {"id": f"e{i}", "from": a, "to": b}
    if kind == "claim":
        negated = bool(data.get("negated"))
        edge.update(
            arrows="to", width=1.5, color="#c0392b" if negated else "#555555", dashes=negated
        )
    elif kind == SAID:
        edge.update(
            arrows="to",
            width=round(1 + 0.5 * math.log2(weight), 2),
            color="rgba(78,121,167,0.5)",
            dashes=[2, 4],
            hidden=True,  # shown by the legend's switch
            physics=False,  # hidden edges still pull: a host would gather everything
        )
    else:  # co-mentions take the options' colour: the page fades them all at once
        edge.update(width=round(1 + math.log2(max(weight, 1)), 2))
    edge["kg"] = {"kind": kind if kind in ("claim", SAID) else "co_mention", "link": link}
    if kind == "claim":
        edge["kg"]["claim"] = claim
    if parallel:  # curve parallel edges apart instead of drawing them on top of each other
        edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * parallel}
    return edge


def _options(physics: bool, n_nodes: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            # sizes from the graph's `size`; the page sizes the labels once the drawing
            # is fitted (kg.label_weight): readable for the LABELLED_NODES most relevant
            # nodes, below drawThreshold (screen pixels) for the others until zoomed in
            "scaling": {
                "min": 8,
                "max": 48,
                "label": {"enabled": False, "drawThreshold": 9, "maxVisible": 30},
            },
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "arrowStrikethrough": False,
            "color": dict.fromkeys(("color", "highlight", "hover"), CO_MENTION_COLOR),
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n_nodes > 500,
            "hideEdgesOnZoom": n_nodes > 1000,
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -20000,
                "centralGravity": 0.3,
                "springLength": 250,
                "springConstant": 0.04,
                "damping": 0.5,
                "avoidOverlap": 1.0,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": 250 if n_nodes <= 300 else 150 if n_nodes <= 600 else 100,
                "updateInterval": 25,
                "fit": False,  # the page fits (or focuses the #q= entity) itself
            },
        },
    }


@functools.cache
def _template_code() -> Any:
    """An in-memory Jinja bytecode cache (keyed by the template's source checksum)."""
    from jinja2 import BytecodeCache

    class MemoryBytecodeCache(BytecodeCache):
        def __init__(self) -> None:
            self.code: dict[str, bytes] = {}

        def load_bytecode(self, bucket: Any) -> None:
            if bucket.key in self.code:
                bucket.bytecode_from_string(self.code[bucket.key])

        def dump_bytecode(self, bucket: Any) -> None:
            self.code[bucket.key] = bucket.bytecode_to_string()

    return MemoryBytecodeCache()


def render_html(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = None,
    title: str | None = None,
    edges: list[EdgeItem] | None = None,
    patterns: Path | str | None = None,
) -> HtmlPage:
    """Render the page; see :func:`write_html` for the parameters."""
    with gc_paused():
        return _render(
            G,
            max_nodes=max_nodes,
            max_edges=max_edges,
            title=title,
            all_edges=edge_list(G) if edges is None else edges,
            patterns=patterns,
        )


def _render(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int | None,
    max_edges: int | None,
    title: str | None,
    all_edges: list[EdgeItem],
    patterns: Path | str | None,
) -> HtmlPage:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader
    from pyvis.network import Network

    kept = select_nodes(G, max_nodes, all_edges)
    kept_set = set(kept)
    ids = sorted(G, key=str)  # entity numbers: stable file content for the same graph
    number = {n: i for i, n in enumerate(ids)}
    type_counts = Counter(G.nodes[n].get("type", "") for n in kept)
    all_types = Counter(str(t) for _, t in G.nodes(data="type", default=""))
    types = sorted(all_types, key=type_order)

    candidates = [
        (i, u, v, d)
        for i, (u, v, _, d) in enumerate(all_edges)
        if u in kept_set and v in kept_set and d.get("kind") != SAID
    ]
    limit = max_edges if max_edges is not None else EDGES_PER_NODE * max(len(kept), 1)
    shown_edges = _select_edges(candidates, limit)
    said = sorted(
        (
            (i, u, v, d)
            for i, (u, v, _, d) in enumerate(all_edges)
            if u in kept_set and v in kept_set and u != v and d.get("kind") == SAID
        ),
        key=lambda e: (-(e[3].get("weight") or 0), e[0]),
    )[: len(kept)]  # the strongest, hidden until asked for
    shown_edges = sorted(shown_edges + said, key=lambda e: e[0])
    pairs = {tuple(sorted((number[u], number[v]))) for _, u, v, _ in shown_edges}
    data, _, link_number = _page_data(G, ids, kept_set, pairs, all_edges, types, patterns)

    physics = len(kept) <= BROWSER_LAYOUT_MAX_NODES
    rank = {number[n]: r for r, n in enumerate(kept)}
    nodes = []
    for n in sorted(kept, key=number.__getitem__):
        d = G.nodes[n]
        nodes.append(
            {
                "id": number[n],
                "label": data["entities"]["label"][number[n]],
                "color": d.get("color") or OTHER_COLOR,
                "value": float(d.get("size") or 10.0),  # scaled by options.nodes.scaling
                "mass": 1.0,  # set by _weigh_labels
                "kg": {},
            }
        )
    _weigh_labels(nodes, rank)
    if not physics:
        drawn_pairs = [(number[u], number[v]) for _, u, v, d in shown_edges if _kind(d) != SAID]
        positions = _layout([node["id"] for node in nodes], drawn_pairs)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
            node["physics"] = False
    seen_pairs: Counter[tuple[int, int]] = Counter()
    claim_seen: Counter[tuple[int, int]] = Counter()
    edges = []
    for i, (_, u, v, d) in enumerate(shown_edges):
        a, b = number[u], number[v]
        pair = (a, b) if a < b else (b, a)
        claim = 0
        if _kind(d) == "claim":
            claim = claim_seen[pair]
            claim_seen[pair] += 1
        edges.append(_edge_payload(i, a, b, d, seen_pairs[pair], link_number[pair], claim))
        seen_pairs[pair] += 1

    page_title = _text(title or G.graph.get("name") or "kgraph")
    meta = {
        "title": page_title,
        "types": [
            {
                "type": t,
                "color": _type_color(G, t),
                "shown": type_counts[t],
                "total": all_types[t],
            }
            for t in types
        ],
        "nodes_total": G.number_of_nodes(),
        "nodes_shown": len(kept),
        "nodes_dropped": G.number_of_nodes() - len(kept),
        "edges_total": len(all_edges),
        "edges_shown": len(edges),
        "edges_dropped": len(all_edges) - len(edges),
        "max_nodes": max_nodes,
        "physics": physics,
        "documents": len(G.graph.get("documents") or []),
        # kgraph.query.paths' costs: the page finds paths as `kgraph path` does
        "hub_penalty": HUB_PENALTY,
        "reuse_penalty": REUSE_PENALTY,
    }

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = nodes
    net.edges = edges
    net.options = _options(physics, len(kept))
    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(STATIC_DIR)), FileSystemLoader(net.template_dir)]
        ),
        autoescape=False,
        bytecode_cache=_template_code(),  # compiled once per process: 0.07 s a page
    )
    # compact JSON, UTF-8 as it is: ~0.5 MB less on a large page (|tojson still escapes
    # < > & ' so that no text can close the script)
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "separators": (",", ":"),
        "ensure_ascii": False,
    }
    env.globals["kg"] = meta
    env.globals["kgdata"] = data
    net.templateEnv = env
    net.path = TEMPLATE
    html = net.generate_html(name="kgraph.html")
    return HtmlPage(html, len(kept), meta["nodes_dropped"], len(edges), meta["edges_dropped"])


def _type_color(G: nx.MultiDiGraph, entity_type: str) -> str:
    for _, data in G.nodes(data=True):
        if data.get("type", "") == entity_type and data.get("color"):
            return str(data["color"])
    return OTHER_COLOR


def generate_html(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = None,
    title: str | None = None,
) -> str:
    """The HTML text of the page (see :func:`write_html`)."""
    return render_html(G, max_nodes=max_nodes, max_edges=max_edges, title=title).html


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = None,
    title: str | None = None,
    edges: list[EdgeItem] | None = None,
    patterns: Path | str | None = None,
) -> int:
    """Write the offline HTML page atomically; return how many nodes its drawing left out
    (search, focus and paths still reach them).

    Parameters
    ----------
    max_nodes : draw at most this many nodes, the most relevant (None: all).
    max_edges : draw at most this many edges among them, claims first then the heaviest
        co-mentions (default: ``EDGES_PER_NODE`` per drawn node), besides the hidden
        "said" edges.
    title : page title (default: the graph's name).
    edges : ``edge_list(G)`` when the caller has it already (a large graph's takes ~0.03 s).
    patterns : the user's gazetteer file of the build, for the synonyms search knows.
    """
    page = render_html(
        G, max_nodes=max_nodes, max_edges=max_edges, title=title, edges=edges, patterns=patterns
    )
    atomic_write(path, page.html)
    return page.nodes_dropped
