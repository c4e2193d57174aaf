"""The stance claims of a graph (``recommends`` and ``advises``, negated: against) and
what every view does with them: who took a stance, in which episode, each quote once."""

from __future__ import annotations

import functools
import re
from typing import Any

from kgraph.answers.stance import AGAINST, NONE, stance
from kgraph.answers.topics import alias_list, mention_pattern
from kgraph.errors import EntityNotFoundError
from kgraph.evidence import quote_rank
from kgraph.query import STANCES, Graph, as_index, find_entity
from kgraph.query.names import norm as _norm
from kgraph.query.quotes import stored_evidence

RECOMMENDS = "recommends"
# An object that more than this share of a graph's documents mention is a broad theme
# ("feedback", "strategy"): advice about it is less specific than advice about a rarer one.
BROAD_SHARE = 0.25
BROAD_MIN_DOCUMENTS = 8  # below this many documents every object is rare enough


class Stances:
    """The stance claims of a graph with what the views ask of each: who, which episode."""

    def __init__(self, G: Graph):
        self.Q = Q = as_index(G)
        self.types = {n: t for n, _, t, _, _ in Q.names()}
        self.labels = {n: label for n, label, _, _, _ in Q.names()}
        self.every = [(u, v, data) for u, v, _, data in Q.claims()]
        self.claims = [(u, v, d) for u, v, d in self.every if d.get("predicate") in STANCES]
        self.documents = max(len(Q.documents), 1)

    @functools.cached_property
    def read(self) -> list[dict[str, Any]] | None:
        """The stances the build read in every sentence (:mod:`kgraph.graph.stances`),
        praise too; None for a graph built without them."""
        return self.Q.stances()

    @functools.cached_property
    def rows(self) -> list[dict[str, Any]] | None:
        """The advice the build read in every sentence: its stances but praise, and but
        those of claims (the advice views read the claims themselves)."""
        read = self.read
        if read is None:
            return None
        return [r for r in read if not r.get("praise") and not r.get("claim")]

    def who(self, u: str, data: dict[str, Any]) -> str | None:
        """Who takes the stance: the subject when it is a person, else the speaker."""
        if self.types.get(u) == "person":
            return self.labels.get(u, u)
        speaker = data.get("speaker")
        return str(speaker) if speaker else None

    @functools.cached_property
    def hosts(self) -> set[str]:
        """Who hosts: the documents' hosts, and in a larger archive anyone named in more
        than a quarter of its episodes (a host's questions and intros are no stance)."""
        names = {
            _norm(str(h)) for info in self.Q.documents.values() for h in info.get("hosts") or []
        }
        if self.documents >= BROAD_MIN_DOCUMENTS:
            seen = self.Q.attribute("documents", "person")
            names |= {
                _norm(self.labels[n])
                for n, count in seen.items()
                if isinstance(count, int) and count / self.documents > BROAD_SHARE
            }
        return names

    def is_host(self, who: str) -> bool:
        return _norm(who) in self.hosts

    def episode(self, document: str | None) -> str:
        """One key per episode, so the same episode in two files counts once."""
        info = self.Q.documents.get(document) or {}
        for field in ("video_id", "url"):
            if info.get(field):
                return f"{field}:{info[field]}"
        title = _norm(str(info.get("title") or ""))
        return f"title:{title}" if title else f"document:{document}"

    def broad(self, node: str) -> bool:
        if self.documents < BROAD_MIN_DOCUMENTS:
            return False
        seen = self.Q.node(node).get("documents") or 0
        return isinstance(seen, int) and seen / self.documents > BROAD_SHARE

    @functools.cache  # noqa: B019 (one Stances per question: the cache goes with it)
    def person_node(self, name: str) -> str | None:
        try:
            return find_entity(self.Q, name)
        except EntityNotFoundError:
            return None

    def person_matcher(self, name: str):
        """A test ``(subject, data) -> bool`` for claims by the person ``name``."""
        wanted = _norm(name)
        node = self.person_node(name)
        label = _norm(self.labels.get(node, "")) if node else None

        def by_person(u: str, data: dict[str, Any]) -> bool:
            who = _norm(self.who(u, data) or "")
            if node is not None:
                return u == node or who == label
            return bool(who) and (wanted == who or wanted in who.split() or wanted in who)

        if (
            node is None
            and not any(by_person(u, d) for u, _, d in self.claims)
            and not any(by_person(str(r.get("node")), r) for r in self.rows or [])
        ):
            raise EntityNotFoundError(name)
        return by_person


def said_stances(S: Stances, speakers: list[str], targets: list[str], forms: list[str]):
    """(subject, object, claim-like data, polarity) of what ``speakers`` said naming
    ``targets`` (a list left empty: anyone, anything) that advises for or against
    what it names (``forms``: more names of it): advice said without a claim. A host's
    words are left out: without a claim they are questions and segues, not advice."""
    for u, v, _, data in S.Q.said(speakers=speakers, targets=targets):
        if S.is_host(S.labels.get(u, u)):
            continue
        names = [S.labels.get(v, v), *alias_list(S.Q.node(v).get("aliases")), *forms]
        for example in data.get("examples") or []:
            polarity = stance(example.get("quote"), names)
            if polarity != NONE:
                claim = {"predicate": "advises", **example, "evidence": example.get("quote")}
                yield u, v, {**claim, "negated": polarity == AGAINST}, polarity


def quote_key(quote: str | None) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (quote or "").casefold()).split())


def item_of(S: Stances, u: str, v: str, data: dict[str, Any]) -> dict[str, Any]:
    """A claim as :mod:`kgraph.query` shows one, with the object's type and who took it."""
    return {
        "subject": u,
        "subject_label": S.labels.get(u, u),
        "predicate": data.get("predicate"),
        "object": v,
        "object_label": S.labels.get(v, v),
        "object_type": S.types.get(v),
        "negated": bool(data.get("negated", False)),
        "who": S.who(u, data),
        "evidence": stored_evidence(S.Q, data, "evidence"),
    }


def dedup(items: list[dict[str, Any]], S: Stances) -> list[dict[str, Any]]:
    """One item per quote (the same sentence from two claims or two files of one episode,
    or told once alone and once within more words): the first kept, the others' objects
    added to its ``objects``."""
    kept: dict[tuple[str, str], dict[str, Any]] = {}
    said: dict[str, list[tuple[str, dict[str, Any]]]] = {}  # episode -> its quotes kept
    for item in items:
        ev = item["evidence"]
        quote = quote_key(ev["quote"])
        episode = S.episode(ev["document"])
        key = (quote, "") if quote else (episode, f"{ev['turn']}:{item['object']}")
        first = kept.get(key)
        if first is None and quote:  # one quote inside the other, or nearly, in one episode
            first = next((k for q, k in said.get(episode, []) if _alike(quote, q)), None)
        if first is None:
            item["objects"] = [{"id": item["object"], "label": item["object_label"]}]
            kept[key] = item
            if quote:
                said.setdefault(episode, []).append((quote, item))
        elif item["object"] not in {o["id"] for o in first["objects"]}:
            first["objects"].append({"id": item["object"], "label": item["object_label"]})
    return list(kept.values())


ALIKE = 0.8  # share of their words two quotes of one episode hold in common: one quote


def _alike(a: str, b: str) -> bool:
    """One quote inside the other, or the same words but a few ("So you must have that
    impact to impact through ..." and "You must have that impact through ...")."""
    if a in b or b in a:
        return True
    wa, wb = set(a.split()), set(b.split())
    return min(len(wa), len(wb)) >= 6 and len(wa & wb) >= ALIKE * len(wa | wb)


def paged(items: list[Any], limit: int | None, **extra: Any) -> dict[str, Any]:
    shown = items[:limit] if limit and limit > 0 else items
    return {**extra, "total": len(items), "truncated": len(shown) < len(items), "items": shown}


def best_first(claims: list[dict[str, Any]], S: Stances) -> list[dict[str, Any]]:
    """Informative quotes that name their object first, then in document and turn order."""

    def key(claim: dict[str, Any]) -> tuple:
        ev = claim["evidence"]
        forms = [claim["object_label"], *alias_list(S.Q.node(claim["object"]).get("aliases"))]
        names = bool(mention_pattern(forms).search(ev["quote"] or ""))
        turn = ev["turn"] if ev["turn"] is not None else -1
        return (quote_rank(ev["quote"]), not names, ev["document"] or "", turn)

    return sorted(claims, key=key)
