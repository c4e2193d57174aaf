"""``claims``: claims filtered by speaker, entity, predicate, types and disagreement."""

from __future__ import annotations

from typing import Any

from kgraph.errors import EntityNotFoundError, quoted
from kgraph.index import GraphIndex
from kgraph.query.cards import claim_order
from kgraph.query.files import Graph, as_index
from kgraph.query.names import SUGGEST, QueryError, find_entity, norm
from kgraph.query.quotes import claim_record

STANCES = ("recommends", "advises")  # predicates for or (negated) against their object


def _contested(edges: list[Any]) -> dict[str, tuple[int, int]]:
    """Objects that some speakers recommend or advise and others advise against:
    object -> (speakers against, speakers for), for ranking the most even disagreement."""
    sides: dict[str, tuple[set[str], set[str]]] = {}
    for _, v, _, data in edges:
        if data.get("predicate") in STANCES and data.get("speaker"):
            against, for_ = sides.setdefault(v, (set(), set()))
            (against if data.get("negated") else for_).add(str(data["speaker"]))
    return {
        v: (len(against), len(for_))
        for v, (against, for_) in sides.items()
        if against and for_ and len(against | for_) >= 2
    }


def _speaker_is(who: str, name: str) -> bool:
    """``who`` (normalised) is the speaker ``name``: all of it, a word or a part of it."""
    return bool(name) and (who == name or who in name.split() or who in name)


def _check_speaker(Q: GraphIndex, speaker: str, who: str) -> None:
    """EntityNotFoundError (with the closest speakers) when no claim's speaker is ``who``."""
    speakers = {str(d.get("speaker")) for *_, d in Q.claims() if d.get("speaker")}
    if any(_speaker_is(who, norm(name)) for name in speakers):
        return
    from rapidfuzz import process

    scored = process.extract(speaker, sorted(speakers), limit=3)
    close = [name for name, score, _ in scored if score >= SUGGEST]
    raise EntityNotFoundError(speaker, close, what="speaker")


def claims(
    G: Graph,
    speaker: str | None = None,
    about: str | None = None,
    predicate: str | None = None,
    contested: bool = False,
    type: str | None = None,
    subject_type: str | None = None,
) -> list[dict[str, Any]]:
    """Claims filtered by who said them, an entity they involve, their predicate, and
    the types of their object (``type``) and subject (``subject_type``).

    ``speaker`` matches the speaker's name case-insensitively (whole name or a part of it,
    such as a surname; EntityNotFoundError when no speaker is); ``about`` is resolved like
    any entity name and matches claims whose subject or object it is. ``contested`` keeps
    the recommendations and advice on things speakers disagree about (someone advises
    against what someone else recommends), the most evenly disputed first, those against
    before those for.
    """
    Q = as_index(G)
    node = find_entity(Q, about) if about else None
    who = norm(speaker) if speaker else None
    what = norm(predicate).replace(" ", "_") if predicate else None
    if what:
        known = sorted({str(d.get("predicate")) for *_, d in Q.claims() if d.get("predicate")})
        if what not in {norm(p) for p in known}:
            raise QueryError(
                f"unknown predicate {quoted(predicate or '')}; the graph has: {', '.join(known)}"
            )
    if who:
        _check_speaker(Q, speaker or "", who)
    edges = Q.claims(node)
    disputed = _contested(Q.claims() if node else edges) if contested else {}
    types = {row[0]: row[2] for row in Q.names()} if type or subject_type else {}
    found = []
    for u, v, _, data in edges:
        if what and norm(str(data.get("predicate", ""))) != what:
            continue
        if (type and types.get(v) != type) or (subject_type and types.get(u) != subject_type):
            continue
        if contested and (v not in disputed or data.get("predicate") not in STANCES):
            continue
        if who and not _speaker_is(who, norm(str(data.get("speaker") or ""))):
            continue
        found.append(claim_record(Q, u, v, data))
    found = _once(sorted(found, key=claim_order))
    if contested:  # even and broad disputes first: 3 against 4 before 5 against 67
        rank = {v: (-min(n) * min(n) / max(n), -sum(n), v) for v, n in disputed.items()}
        return sorted(
            found,
            key=lambda c: (rank[c["object"]], not c["negated"], claim_order(c)),
        )
    return found


def _once(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first of the claims that say the same thing with the same sentence: an episode's
    cold open repeats a sentence said later, which is one claim to a reader, not two."""
    seen: set[tuple] = set()
    kept = []
    for c in found:
        quote = " ".join(str((c.get("evidence") or {}).get("quote") or "").split())
        key = (c["subject"], c["predicate"], c["object"], c["negated"], quote)
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept
