"""Counts of a graph, and how well each folder of its documents is backed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kgraph.model import node_id
from kgraph.query.files import Graph, as_index
from kgraph.query.quotes import node_ref


def stats(G: Graph) -> dict[str, Any]:
    """Counts: documents, turns, words, entities per type, edges per kind, predicates."""
    Q = as_index(G)
    docs = list(Q.documents.values())
    predicates = Counter(str(d.get("predicate")) for *_, d in Q.claims())
    return {
        "name": Q.graph.get("name"),
        "file": Q.file,
        "kgraph_version": Q.graph.get("kgraph_version"),
        "documents": len(docs),
        "turns": sum(int(d.get("turns", 0)) for d in docs),
        "words": sum(int(d.get("words", 0)) for d in docs),
        "nodes": Q.number_of_nodes(),
        "edges": Q.number_of_edges(),
        "entities": Q.count_by_type(),
        "edge_kinds": Q.count_by_kind(),
        "predicates": dict(predicates.most_common()),
        "communities": Q.communities(),
        "top_entities": [
            {**node_ref(Q, n), "mentions": Q.node(n).get("mentions", 0)}
            for n in Q.most_mentioned(10)
        ],
    }


PROVENANCE_COLUMNS = (
    ("documents", None, "documents"),
    ("titled", "documents", "with a title"),
    ("dated", "documents", "with a date"),
    ("turns", None, "turns"),
    ("spoken", "turns", "with a speaker"),
    ("timed", "turns", "with a time"),
    ("linked", "timed", "timed with a link"),
    ("claims", None, "claims"),
    ("claim_speaker", "claims", "claims said by a person node"),
    ("claim_title", "claims", "claims with a document title"),
    ("claim_link", "claims", "claims with a link"),
)
"""(count, what it is a share of, description) of each column of :func:`provenance`."""


def provenance(G: Graph) -> list[dict[str, Any]]:
    """How well each folder of a graph's documents is backed: documents with a title and a
    date; turns with a speaker, a time, and (timed ones) a link to the moment; claims whose
    speaker is a person node, whose document has a title, with a link.

    One row per folder (of the documents' sources, in order), then ``"all"``; each row holds
    the counts of :data:`PROVENANCE_COLUMNS` and ``share_<count>`` of its base (None when
    the graph does not say: turns with a speaker or a time in graphs of older versions).
    """
    Q = as_index(G)
    rows: dict[str, Counter] = {}
    folder_of: dict[str, str] = {}
    titled: set[str] = set()
    built = str(Q.graph.get("folder") or ".")  # sources are relative to it
    for doc in Q.documents.values():
        folder = folder_of[doc.get("id")] = _folder(built, str(doc.get("source") or ""))
        has_title = bool(doc.get("title")) and doc.get("title") != doc.get("id")
        if has_title:
            titled.add(doc.get("id"))
        _count_document(rows.setdefault(folder, Counter()), doc, has_title)
    people: dict[str, bool] = {}
    for *_, data in Q.claims():
        row = rows.setdefault(folder_of.get(data.get("document"), "?"), Counter())
        speaker = data.get("speaker")
        if speaker and speaker not in people:
            try:
                people[speaker] = Q.node(node_id("person", speaker)).get("type") == "person"
            except KeyError:
                people[speaker] = False
        row.update(
            claims=1,
            claim_speaker=bool(speaker and people[speaker]),
            claim_title=data.get("document") in titled,
            claim_link=bool(data.get("url")),
        )
    total: Counter = Counter()
    for row in rows.values():
        total.update(row)
    result = []
    for folder, row in [*rows.items(), ("all", total)]:
        entry: dict[str, Any] = {"folder": folder}
        for count, base, _ in PROVENANCE_COLUMNS:
            unknown = row["uncounted"] and count in ("spoken", "timed", "linked")
            entry[count] = None if unknown else row[count]
            if base:
                known = row[base] and not unknown
                entry[f"share_{count}"] = round(row[count] / row[base], 4) if known else None
        result.append(entry)
    return result


def _folder(built: str, source: str) -> str:
    """The folder of a document's source (relative to the folder built)."""
    source = source.replace("\\", "/")
    if "/" not in source:
        return built
    if source.startswith("/") or ":" in source.split("/")[0]:  # graphs of old builds
        return source.rsplit("/", 1)[0]
    return f"{built}/{source.rsplit('/', 1)[0]}"


def _count_document(row: Counter, doc: dict[str, Any], has_title: bool) -> None:
    """Add one document to its folder's row."""
    timed = int(doc.get("timed") or 0)
    if "timed" not in doc:  # a graph of an older kgraph: turns were not counted
        row["uncounted"] += 1
    row.update(
        documents=1,
        titled=has_title,
        dated=bool(doc.get("date")),
        turns=int(doc.get("turns") or 0),
        spoken=int(doc.get("spoken") or 0),
        timed=timed,
        linked=timed if doc.get("url") else 0,
    )
