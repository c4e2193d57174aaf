"""Evidence in the shape of every answer: the quote, who said it, the document's title and
date, the turn, the time and a link to the moment; from the graph alone."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kgraph.index import GraphIndex
from kgraph.model import moment_url


def _url(Q: GraphIndex, document: str | None, time: float | None) -> str | None:
    info = Q.documents.get(document)
    return moment_url(info.get("url"), time) if info else None


def title_of(Q: GraphIndex, document: str | None) -> str | None:
    info = Q.documents.get(document)
    return info.get("title") if info else None


def date_of(Q: GraphIndex, document: str | None) -> str | None:
    info = Q.documents.get(document)
    return info.get("date") if info else None


def evidence(
    Q: GraphIndex,
    *,
    document: str | None,
    turn: int | None,
    quote: str | None,
    speaker: str | None = None,
    time: float | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    return {
        "speaker": speaker,
        "quote": quote,
        "document": document,
        "title": title_of(Q, document),
        "date": date_of(Q, document),
        "turn": turn,
        "time": time,
        "url": url or _url(Q, document, time),
    }


def _node_quote(Q: GraphIndex, nodes: Iterable[str], document: str, turn: int) -> dict | None:
    """The stored evidence of one of ``nodes`` from that document and turn, if any."""
    for n in nodes:
        for ev in Q.node(n).get("evidence") or []:
            if ev.get("document") == document and ev.get("turn") == turn and ev.get("quote"):
                return ev
    return None


def co_mention_evidence(Q: GraphIndex, u: str, v: str, data: dict) -> dict[str, Any]:
    """A quote for two entities mentioned in the same turn, from the graph alone.

    In order: a quote stored on the edge's examples, the stored evidence of either entity
    from an example turn, then either entity's stored evidence (source files are not read).
    """
    examples = data.get("examples") or []
    for ex in examples:
        if ex.get("quote"):
            return stored_evidence(Q, ex)
    for ex in examples:
        found = _node_quote(Q, (u, v), ex.get("document"), ex.get("turn"))
        if found:
            return stored_evidence(Q, found)
    for n in (u, v):
        for ev in Q.node(n).get("evidence") or []:
            if ev.get("quote"):
                return stored_evidence(Q, ev)
    first = examples[0] if examples else {}
    return evidence(
        Q,
        document=first.get("document"),
        turn=first.get("turn"),
        quote=None,
        time=first.get("time"),
    )


def stored_evidence(Q: GraphIndex, ev: dict, quote: str = "quote") -> dict[str, Any]:
    """Evidence stored in the graph (a node's, an edge example's, or a claim edge's, whose
    quote is under ``"evidence"``) in the shape of the answers."""
    return evidence(
        Q,
        document=ev.get("document"),
        turn=ev.get("turn"),
        quote=ev.get(quote),
        speaker=ev.get("speaker"),
        time=ev.get("time"),
        url=ev.get("url"),
    )


def claim_record(Q: GraphIndex, u: str, v: str, data: dict) -> dict[str, Any]:
    return {
        "subject": u,
        "subject_label": Q.label(u),
        "predicate": data.get("predicate"),
        "object": v,
        "object_label": Q.label(v),
        "negated": bool(data.get("negated", False)),
        "evidence": stored_evidence(Q, data, "evidence"),
    }


def node_ref(Q: GraphIndex, n: str) -> dict[str, Any]:
    d = Q.node(n)
    return {"id": n, "label": d.get("label", n), "type": d.get("type")}
