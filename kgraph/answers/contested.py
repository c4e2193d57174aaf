"""Disagreements: topics on which some people advise for and others against."""

from __future__ import annotations

import functools
import re
from typing import Any

from kgraph.answers.acts import opposed_pairs, opposing
from kgraph.answers.cue_words import vocabulary
from kgraph.answers.stance import AGAINST, FOR, NONE, stance
from kgraph.answers.stances import Stances, best_first, dedup, item_of, paged, said_stances
from kgraph.answers.topics import alias_list, name_key, resolve_topic, topic_note
from kgraph.query import Graph
from kgraph.query.names import norm as _norm

# Kinds of things people advise for or against; a company or a person one likes or
# dislikes is seldom the same question on both sides ("I don't like to defend Google"),
# so they are left out.
DEBATED = ("concept", "role", "book")


def contested(G: Graph, about: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """Topics on which some people advise for and others against.

    A stance is what a quote says, read by :func:`kgraph.answers.stance.stance`: advice or
    a recommendation for the thing it names ("you should write a design doc", "I'd
    recommend X") or against it ("don't track your KPIs", "I stay away from OKRs", "X is
    overrated"); praise ("X is really important"), a description ("X is hard"), a
    question, a condition or someone else's quoted words are none, whatever the claim's
    predicate. Only concepts, roles and books are debated: liking a company or a person is
    seldom the same question on both sides. Quotes against come from the stance claims,
    quotes for also from what each speaker said naming the topic. A person on both sides
    is on neither (listed as ``both``): it takes two people to disagree, and two quotes
    that oppose (:func:`kgraph.answers.acts.opposing`: "don't create an LLM" does not
    oppose "use LLMs"), each side keeping those that do. Ranked by the
    smaller side's number of people, then by both sides' (three against four before one
    against forty); broad themes that a quarter of the episodes discuss ("feedback",
    "strategy") come after the others: their sides seldom speak of the same thing. Each
    side has its people and quotes, each quote once. ``about`` keeps the topics it
    resolves to.
    """
    S = Stances(G)
    found = resolve_topic(S.Q, about) if about else None
    ids = set(found["ids"]) if found else None
    read = S.read
    if read is None:  # a graph without its stances read at build: its claims and quotes
        stances = _stances_said(S, ids)
    else:
        rows = [r for r in read if ids is None or r.get("node") in ids]
        stances = [(v, item) for v, item, _ in _read_rows(S, rows)]
    sides, undecided = _sides(_by_topic(S, stances))
    sides = {n: kept for n, side in sides.items() if (kept := opposing(S, n, side))}
    items = [
        _entry(
            S, node, side, undecided.get(node, {}), _same_sense(S, node, side[False], side[True])
        )
        for node, side in sides.items()
    ]
    items.sort(key=_rank)
    return paged(items, limit, topic=found, note=topic_note(found))


def _stances_said(S: Stances, ids: set[str] | None) -> list[tuple[str, dict[str, Any]]]:
    """The stances of a graph built without them: its claims against, then what speakers
    said for the things some claim is against."""
    against = [
        (v, item)
        for v, item, polarity in _read(S, _candidates(S, ids, said=ids is not None))
        if polarity == AGAINST
    ]
    topics = {v for v, _ in against}
    return against + [
        (v, item)
        for v, item, polarity in _read(S, _candidates(S, topics, said=True))
        if polarity == FOR
    ]


def _read_rows(S: Stances, rows: list[dict[str, Any]]):
    """(object, item, polarity) of the build's stance rows (those of claims too: the
    build read them) said by someone not a host."""
    for row in rows:
        v = str(row.get("node"))
        u = str(row.get("subject") or v)  # a claim's subject, when a person, takes it
        who = S.who(u, row)
        if not who or S.is_host(str(who)) or S.types.get(v) not in DEBATED:
            continue
        data = {"predicate": "advises", **row, "evidence": row.get("quote")}
        item = item_of(S, u, v, {**data, "negated": row.get("polarity") == AGAINST})
        # a pronoun's sentence is read with the thing in its place ("they're a waste")
        reading = {"reading": row["reading"]} if row.get("reading") else {}
        yield v, {**item, "praise": bool(row.get("praise")), **reading}, row.get("polarity")


def _by_topic(
    S: Stances, stances: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, dict[str, Any]]]:
    """The stances with each thing as the topic people type: the things whose names
    (label or alias) read the same ("OKR", "OKRs"; "PMF" and "product-market fit" when
    one is the other's alias; a concept and a role: "coaching") or of which one is the
    acronym of the other ("OKR", "objectives and key results"; not "PM" when both
    "product manager" and "project manager" are debated) are one topic, under its most
    mentioned node; a book is a topic of its own."""
    nodes = sorted({v for v, _ in stances})
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def join(a: str, b: str) -> None:
        a, b = root(a), root(b)
        if a != b:
            first, second = sorted((a, b), key=lambda x: (-_mentions(S, x), x))
            parent[second] = first

    owner: dict[tuple[str, str], str] = {}
    spelled: dict[tuple[str, str], set[str]] = {}  # (kind, initials) -> nodes spelling them
    for n in nodes:
        forms = [S.labels.get(n, n), *alias_list(S.Q.node(n).get("aliases"))]
        kind = _kind(S.types.get(n))
        for key in {(kind, name_key(f)) for f in forms if name_key(f)}:
            owner.setdefault(key, n)
            join(owner[key], n)
        for form in forms:
            if initials := _initials(form):
                spelled.setdefault((kind, initials), set()).add(n)
    for (kind, initials), spelling in spelled.items():
        acronym = owner.get((kind, name_key(initials)))
        if acronym is not None and len(spelling - {acronym}) == 1:  # "PM": which one?
            join(acronym, next(iter(spelling - {acronym})))
    return [(root(v), item) for v, item in stances]


def _kind(type_: str | None) -> str:
    """Concepts and roles are one kind of topic ("coaching" may be either); a book, a
    title, is another ("Principles" is not "principle")."""
    return "book" if type_ == "book" else "thing"


def _initials(form: str) -> str | None:
    """The acronym a name of several words spells ("objectives and key results" ->
    "OKR", "product-market fit" -> "PMF"): the first letters of its words but "and",
    "of", "the"."""
    words = [w for w in re.split(r"[\s\-]+", form.strip()) if w.isalpha()]
    skipped = {w.lower() for w in vocabulary().get("acronym_skips", [])}
    letters = [w[0] for w in words if w.lower() not in skipped]
    return "".join(letters).upper() if len(words) >= 2 and len(letters) >= 2 else None


def _mentions(S: Stances, node: str) -> int:
    value = S.Q.node(node).get("mentions")
    return value if isinstance(value, int) else 0


def _sides(
    stances: list[tuple[str, dict[str, Any]]],
) -> tuple[dict[str, dict[bool, list[dict[str, Any]]]], dict[str, dict[str, str]]]:
    """The disputed things' sides (negated: the side against) and, for each, the people on
    both (by their normalised name), who count on neither."""
    people: dict[str, dict[bool, set[str]]] = {}
    for v, item in stances:
        people.setdefault(v, {True: set(), False: set()})[item["negated"]].add(_norm(item["who"]))
    both = {v: side[True] & side[False] for v, side in people.items()}
    disputed = {v for v, side in people.items() if side[True] - both[v] and side[False] - both[v]}
    sides: dict[str, dict[bool, list[dict[str, Any]]]] = {}
    undecided: dict[str, dict[str, str]] = {}
    for v, item in stances:
        if v not in disputed:
            continue
        if _norm(item["who"]) in both[v]:
            undecided.setdefault(v, {}).setdefault(_norm(item["who"]), item["who"])
            continue
        sides.setdefault(v, {True: [], False: []})[item["negated"]].append(item)
    return sides, undecided


def _entry(
    S: Stances,
    node: str,
    side: dict[bool, list[dict[str, Any]]],
    undecided: dict[str, str],
    same_sense: bool = True,
) -> dict[str, Any]:
    """One disputed thing with its two sides, best quotes first; ``same_sense``: a quote
    of each side shares a word besides the topic's own (:func:`_same_sense`)."""
    against, for_ = (
        dedup(sorted(best_first(side[n], S), key=lambda i: i.get("praise", False)), S)
        for n in (True, False)
    )
    # the first quote of each side one opposed pair: a reader of the two sees the dispute
    pair = next(iter(opposed_pairs(S, node, for_, against)), None)
    if pair:
        for_ = [pair[0], *(i for i in for_ if i is not pair[0])]
        against = [pair[1], *(i for i in against if i is not pair[1])]
    return {
        "id": node,
        "label": S.labels.get(node, node),
        "type": S.types.get(node),
        "broad": S.broad(node),
        "same_sense": same_sense,
        "advised": not (for_[0].get("praise") or against[0].get("praise")),
        "for": _side(for_),
        "against": _side(against),
        "both": list(undecided.values()),
    }


def _rank(item: dict[str, Any]) -> tuple:
    """Narrow topics first, those whose two sides both advise (not only praise: "X is
    really important") next, then those whose sides speak of one sense of it, then by the
    smaller side's people, then by both sides'."""
    n_for, n_against = item["for"]["speakers"], item["against"]["speakers"]
    return (
        item["broad"],
        not item["advised"],
        not item["same_sense"],
        -min(n_for, n_against),
        -(n_for + n_against),
        item["label"],
    )


def _candidates(S: Stances, objects: set[str] | None, said: bool = False):
    """(subject, object, claim-like data) of the stance claims of every object (``objects``
    None) or of those in ``objects``; ``said``: also what each speaker said naming them."""
    for u, v, data in S.claims:
        if objects is None or v in objects:
            yield u, v, data
    if said and objects:
        for u, v, data, _ in said_stances(S, [], sorted(objects), []):
            yield u, v, data


def _read(S: Stances, candidates):
    """(object, item, polarity) of each candidate whose quote takes a stance on a thing
    people debate, said by someone other than a host. Praise ("X is really important")
    is no side: the other side's "don't do X up front" seldom answers it."""
    for u, v, data in candidates:
        who = S.who(u, data)
        if not who or S.is_host(who) or S.types.get(v) not in DEBATED:
            continue
        forms = [S.labels.get(v, v), *alias_list(S.Q.node(v).get("aliases"))]
        polarity = stance(data.get("evidence"), forms, praise=False, title=S.types[v] == "book")
        if polarity == NONE:
            continue
        item = item_of(S, u, v, {**data, "negated": polarity == AGAINST})
        yield v, item, polarity


def _same_sense(S: Stances, node: str, for_: list[dict], against: list[dict]) -> bool:
    """Whether a quote for and a quote against, from two people, speak of one sense of the
    topic: they share a word besides the topic's own and words that say nothing of it.
    "Don't do that testing up front, start with some assumption" and "Do a unit test
    pass" do not ("testing" as trying an idea, as checking code); "Don't ask NPS, ask
    customer satisfaction" and "ask your customers the NPS question" do."""
    names = [S.labels.get(node, node), *alias_list(S.Q.node(node).get("aliases"))]
    skip = _function_words() | _content(" ".join(names))
    words = [(_norm(i["who"]), _content(i["evidence"]["quote"] or "", skip)) for i in for_]
    return any(
        who != _norm(i["who"]) and said & _content(i["evidence"]["quote"] or "", skip)
        for i in against
        for who, said in words
    )


def _content(text: str, skip: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The words of ``text`` (plurals as singulars), but ``skip``."""
    return {_stem(w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))} - skip


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(_stem(w) for w in vocabulary().get("function_words", []))


_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def _side(items: list[dict[str, Any]]) -> dict[str, Any]:
    people: dict[str, str] = {}
    for item in items:
        people.setdefault(_norm(item["who"]), item["who"])
    return {
        "speakers": len(people),
        "people": list(people.values()),
        "quotes": [
            {**i["evidence"], "predicate": i["predicate"], "praise": i.get("praise", False)}
            for i in items
        ],
    }
