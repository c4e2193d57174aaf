"""What the page carries for every entity of the graph, drawn or not: its names, its
strongest neighbours with a quote each, its links priced for paths, a few quotes."""

from __future__ import annotations

import heapq
import math
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.exporters.page.select import SAID
from kgraph.exporters.page.text import Tables, shown
from kgraph.index import hop_cost
from kgraph.query import link_strength, neighbour_key
from kgraph.serial import EdgeItem

FOCUS_NEIGHBOURS = 8  # an entity's strongest neighbours, listed and drawn on focus
DRAWN_QUOTES = 3  # a drawn entity's own quotes in its card
OTHER_QUOTES = 1  # the same for an entity reached by search, focus or a path
# The text of the quotes a page carries, in characters. Entities' own quotes, claims'
# quotes, the drawn edges' and the drawn entities' links' always come; the other links'
# quotes while the page's sentences are under it (the weakest then show where to find
# theirs), so that a page of a large archive stays a few megabytes.
QUOTE_CHARS = 1_800_000

Pair = tuple[int, int]


class Link:
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


def links_of(
    edges: list[EdgeItem], number: dict[Any, int]
) -> tuple[dict[tuple[int, int], Link], list[int]]:
    """Every pair of entities joined by an edge, and each entity's degree (distinct
    neighbours over any edge, as the path's hub penalty counts them)."""
    links: dict[tuple[int, int], Link] = {}
    degree = [0] * len(number)
    for u, v, _, d in edges:
        a, b = number[u], number[v]
        if a == b:
            continue
        forward = a < b
        key = (a, b) if forward else (b, a)
        link = links.get(key)
        if link is None:
            link = links[key] = Link(*key)
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


def page_data(
    G: nx.MultiDiGraph,
    ids: list[Any],
    drawn: set[Any],
    drawn_pairs: set[Pair],
    edges: list[EdgeItem],
    types: list[str],
    patterns: Path | str | None,
) -> tuple[dict[str, Any], Tables, dict[Pair, int]]:
    """The tables of the page (see :mod:`kgraph.exporters.html`), the shared tables they
    refer to, and each pair's link number."""
    number = {n: i for i, n in enumerate(ids)}
    tables = Tables(G.graph.get("documents") or [])
    links, degree = links_of(edges, number)
    labels = [shown(G.nodes[n].get("label", n)) for n in ids]
    top = _strongest(links, labels)
    # the links in the page: every entity's strongest, every claim, and the drawn edges'
    chosen = {key for keys in top for key in keys}
    chosen.update(key for key, link in links.items() if link.claims is not None)
    chosen.update(drawn_pairs)
    evidence = []
    for n in ids:
        quotes = DRAWN_QUOTES if n in drawn else OTHER_QUOTES
        found = [tables.evidence(ev) for ev in (G.nodes[n].get("evidence") or [])[:quotes]]
        evidence.append([q for q in found if q >= 0])
    place: dict[Pair, int] = {}  # a link's best place among an entity's strongest (drawn: -1)
    for n, keys in zip(ids, top, strict=True):
        for p, key in enumerate(keys):
            p = -1 if n in drawn else p
            place[key] = min(place.get(key, p), p)
    columns, link_number = _link_columns(links, sorted(chosen), drawn_pairs, place, number, tables)
    entities: dict[str, list[Any]] = {
        k: [] for k in ("label", "type", "mentions", "docs", "names", "degree", "ev", "nb")
    }
    type_number = {t: i for i, t in enumerate(types)}
    synonyms = _synonyms(G, ids, patterns)
    for i, n in enumerate(ids):
        data = G.nodes[n]
        entities["label"].append(labels[i])
        entities["type"].append(type_number.get(str(data.get("type", "")), -1))
        entities["mentions"].append(int(data.get("mentions") or 0))
        entities["docs"].append(int(data.get("documents") or 0))
        entities["names"].append("|".join(_names(labels[i], data, synonyms.get(n, ()))))
        entities["degree"].append(degree[i])
        entities["ev"].append(evidence[i])
        entities["nb"].append([link_number[key] for key in top[i]])
    data = {"entities": entities, "links": columns}
    return data, tables, link_number


def _strongest(links: dict[Pair, Link], labels: list[str]) -> list[list[Pair]]:
    """Each entity's FOCUS_NEIGHBOURS strongest links, ranked as ``kgraph neighbors``."""
    rows: list[list[tuple[tuple[int, int, str], Pair]]] = [[] for _ in labels]
    for key, link in links.items():
        rows[link.a].append((neighbour_key(link.wa, link.sa, labels[link.b]), key))
        rows[link.b].append((neighbour_key(link.wb, link.sb, labels[link.a]), key))
    return [[key for _, key in heapq.nsmallest(FOCUS_NEIGHBOURS, row)] for row in rows]


def _names(label: str, data: dict[str, Any], synonyms: Any) -> list[str]:
    """An entity's other names: aliases, then gazetteer synonyms, each once."""
    seen = {label.casefold()}
    names = []
    for name in (*str(data.get("aliases") or "").split("|"), *synonyms):
        name = shown(name).strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _link_columns(
    links: dict[Pair, Link],
    chosen: list[Pair],
    drawn_pairs: set[Pair],
    place: dict[Pair, int],
    number: dict[Any, int],
    tables: Tables,
) -> tuple[dict[str, list[Any]], dict[Pair, int]]:
    """The links table, column by column, and each chosen pair's row number.

    A row carries the quotes a hop over the link shows (the page's hop(), as
    kgraph.query.routes._hop chooses), and all of a drawn pair's: the card of each of its edges.
    Always a claim's quote, a drawn pair's and a drawn entity's strongest links'; the others
    within :data:`QUOTE_CHARS`, every entity's strongest link's first, then its second's, ...
    (so each card quotes its first links); past it, a quote whose sentences the page
    carries anyway.
    """
    link_number: dict[Pair, int] = {}
    columns: dict[str, list[Any]] = {
        k: [] for k in ("a", "b", "cost", "co", "ab", "ba", "qc", "qs", "claims")
    }
    examples: list[tuple[tuple[int, float, Pair], str, Any]] = []  # (rank, column, quote)
    for key in chosen:
        link = links[key]
        drawn_pair = key in drawn_pairs
        shared = link.co or link.ab or link.ba
        by_claim = link.claims is not None and (
            not shared or not all(d.get("negated") for *_, d in link.claims)
        )
        rank = (-1 if drawn_pair else place.get(key, FOCUS_NEIGHBOURS), link.cost, key)
        if drawn_pair or (not by_claim and link.co > 0):
            examples.append((rank, "qc", link.co_example))
        if drawn_pair or (not by_claim and not link.co):
            examples.append((rank, "qs", link.said_example))
        link_number[key] = len(columns["a"])
        columns["a"].append(link.a)
        columns["b"].append(link.b)
        columns["cost"].append(round(link.cost, 3))
        columns["co"].append(link.co)
        columns["ab"].append(link.ab)
        columns["ba"].append(link.ba)
        claims = [
            [1 if number[u] == link.a else 0, tables.predicate(d.get("predicate")),
             1 if d.get("negated") else 0, tables.claim_quote(d)]
            for u, _, d in link.claims or ()
        ]  # fmt: skip
        columns["claims"].append(claims or 0)
    columns["qc"] = [-1] * len(chosen)
    columns["qs"] = [-1] * len(chosen)
    for (first, _, key), column, example in sorted(examples, key=lambda e: e[:2]):
        over = first >= 0 and tables.chars >= QUOTE_CHARS
        columns[column][link_number[key]] = tables.evidence(example, known=over)
    return columns, link_number


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
