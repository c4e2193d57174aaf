"""How answers read in the terminal: a document's name, a quote with where and when it was
said, a claim, a hop of a path. Wrapped and shown as text by :func:`kgraph.terminal.say`."""

from __future__ import annotations

from kgraph.terminal import plural, say


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


def document_name(doc: dict, id_key: str = "document") -> str:
    """``Title (id, 2022-10-13)``: how a document is named wherever one is; an untitled
    one by its id once (not ``id (id)``)."""
    doc_id, title = doc.get(id_key), doc.get("title")
    detail = ", ".join(str(x) for x in (doc_id, doc.get("date")) if x)
    if title and title != doc_id:
        return f"{title} ({detail})"
    return f"{doc_id} ({doc['date']})" if doc.get("date") else str(doc_id or "")


def evidence_line(ev: dict, speaker: bool = True) -> str:
    """``"quote" — speaker, title (document), 12:34, url`` (wrapped when printed)."""
    quote = f'"{" ".join(ev["quote"].split())}"' if ev.get("quote") else "(no quote stored)"
    where = ", ".join(
        part
        for part in (
            ev.get("speaker") if speaker else None,
            document_name(ev) if ev.get("document") else None,
            clock(ev.get("time")),
            ev.get("url"),
        )
        if part
    )
    return f"{quote} — {where}" if where else quote


def claim_line(claim: dict) -> str:
    negated = "not " if claim.get("negated") else ""
    return f"{claim['subject_label']} -{negated}{claim['predicate']}-> {claim['object_label']}"


def evidence(ev: dict, speaker: bool = True) -> None:
    """A quote under the line it backs, wrapped inside its quotation marks."""
    say(evidence_line(ev, speaker), indent=6, hang=1)


def spoke(row: dict) -> str:
    """A neighbour's own turns naming the entity (not counted in its weight)."""
    said_by = row.get("said_by") or 0
    return f"  [named it in {plural(said_by, 'turn')}]" if said_by else ""


def hop_line(hop: dict) -> str:
    if hop["kind"] == "claim":
        left, right = (hop["from"], hop["to"]) if hop["forward"] else (hop["to"], hop["from"])
        negated = "not " if hop.get("negated") else ""
        return f"{left['label']} -{negated}{hop['predicate']}-> {right['label']}"
    if hop["kind"] == "said":
        speaker, other = (hop["from"], hop["to"]) if hop["forward"] else (hop["to"], hop["from"])
        turns = plural(hop.get("weight", 1), "turn")
        return f"{speaker['label']} -named it in {turns}-> {other['label']}"
    shared = plural(hop.get("weight", 1), "turn")
    return f"{hop['from']['label']} -co-mentioned in {shared}- {hop['to']['label']}"
