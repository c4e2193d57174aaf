"""The graph's questions: ``path``, ``show``, ``neighbors``, ``claims``, ``stats``."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

import typer

from kgraph import terminal
from kgraph.cli.common import (
    ENTITY_HELP,
    EXIT_EMPTY,
    TYPES,
    EntityArgument,
    GraphOption,
    JsonOption,
    Limit,
    TypeFilter,
    ask,
    entity_type,
    entity_types,
    match_names,
    out,
)
from kgraph.cli.lines import claim_line, document_name, evidence, evidence_line, hop_line, spoke
from kgraph.terminal import listing, more, plural, print_json, say, tell


def path(
    a: Annotated[str, typer.Argument(metavar="A", help=ENTITY_HELP)],
    b: Annotated[str, typer.Argument(metavar="B", help="The other entity.")],
    graph: GraphOption = None,
    limit: Limit("How many paths.") = 3,
    claims_only: Annotated[
        bool, typer.Option("--claims-only", help="Follow claims only (no co-mentions).")
    ] = False,
    avoid: Annotated[
        list[str] | None,
        typer.Option(
            "--avoid",
            metavar="TYPE",
            callback=entity_types,
            help=f"Keep this type out of the middle, repeatable ({TYPES}).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """How two entities are connected, every hop with a quote.

    Up to N paths. Paths prefer claims and strong co-mentions and avoid running through a
    host who co-mentions everything. Exit 1 when there is no path; 2 when a name matches
    nothing (the closest are suggested) or both name one entity.

    \b
    Example:
        kgraph path "tech lead" "design doc"
        kgraph path "Priya Raman" "The Staff Engineer's Path" -n 1 --claims-only --json
        kgraph path "staff engineer" "mock interview" --avoid person
    """
    from kgraph.query import paths

    def question(G: Any) -> list[dict]:
        match_names(G, a, b)
        return paths(G, a, b, k=limit, claims_only=claims_only, avoid_types=avoid or [])

    found = ask(graph, question)
    if as_json:
        print_json(found)
        return
    for number, found_path in enumerate(found, start=1):
        labels = " -> ".join(n["label"] for n in found_path["nodes"])
        hops = plural(len(found_path["hops"]), "hop")
        say(f"Path {number} ({hops}): {labels}", hang=4)
        for hop in found_path["hops"]:
            say(hop_line(hop), indent=2, hang=4)
            evidence(hop["evidence"])


def show(
    entity: EntityArgument,
    graph: GraphOption = None,
    limit: Limit("Items listed per section: documents, neighbours, claims.") = 10,
    as_json: JsonOption = False,
) -> None:
    """An entity's card: aliases, documents, neighbours, claims.

    Claims it said and claims others said about it are listed apart, each claim once
    with its number of quotes and the best quote.

    \b
    Example:
        kgraph show "Priya Raman"
        kgraph show "book:Staff Engineer" --json
    """
    from kgraph.query import show as entity_card

    def question(G: Any) -> dict:
        match_names(G, entity)
        return entity_card(G, entity)

    card = ask(graph, question)
    quoted_counts = {
        key: sum(group["count"] for group in card[key]) for key in ("claims_said", "claims_about")
    }
    for key in ("documents", "neighbors", "claims_said", "claims_about"):
        card[key] = listing(card[key], limit)
    if as_json:
        print_json(card)
        return
    _print_card(card, quoted_counts)


def _print_card(card: dict, quoted_counts: dict[str, int]) -> None:
    """The card as text: heading, aliases, documents, neighbours, then each side's claims."""
    say(f"{card['label']} ({card['type']})  id: {card['id']}", hang=4)
    if card["aliases"]:
        say(f"Aliases: {', '.join(card['aliases'])}", hang=4)
    mentions = plural(card["mentions"], "turn")
    say(f"Mentioned in {mentions} of {plural(card['document_count'], 'document')}:")
    for doc in card["documents"]["items"]:
        say(document_name(doc, "id"), indent=2, hang=4)
    more(card["documents"], indent=2)
    if card["neighbors"]["items"]:
        say("Strongest neighbours:")
        for row in card["neighbors"]["items"]:
            say(f"{row['weight']:>4}  {row['label']} ({row['type']}){spoke(row)}", 2, 8)
        more(card["neighbors"], indent=2)
    label = card["label"]
    for key, title, speaker in (
        ("claims_said", f"Said by {label}", False),
        ("claims_about", f"About {label}, said by others", True),
    ):
        section = card[key]
        if not section["items"]:
            continue
        claims, quotes = plural(section["total"], "claim"), plural(quoted_counts[key], "quote")
        say(f"{title} ({claims}, {quotes}):", hang=4)
        for group in section["items"]:
            count = f" — {group['count']} quotes" if group["count"] > 1 else ""
            say(claim_line(group) + count, indent=2, hang=4)
            evidence(group["quotes"][0], speaker)
        more(section, indent=2)
    if card["quotes"] and not (card["claims_said"]["total"] or card["claims_about"]["total"]):
        say("Quotes:")
        for ev in card["quotes"]:
            say(evidence_line(ev), indent=2, hang=1)


def neighbors(
    entity: EntityArgument,
    graph: GraphOption = None,
    type: TypeFilter = None,
    limit: Limit("How many, strongest first.") = 10,
    as_json: JsonOption = False,
) -> None:
    """An entity's strongest neighbours (also: neighbours).

    Strength is shared turns plus claims. Exit 1 when there is none (of that --type).

    \b
    Example:
        kgraph neighbors "staff engineer" --type concept -n 5
        kgraph neighbours "Sofia Marquez" --json
    """
    from kgraph.query import neighbors as entity_neighbors

    def question(G: Any) -> tuple[Any, list[dict]]:
        found = match_names(G, entity)[0]
        return found, entity_neighbors(G, entity, type=type, top=0)

    found, rows = ask(graph, question)
    cut = listing(rows, limit)
    if as_json:
        node = {"id": found.id, "label": found.label, "type": found.type}
        print_json({"entity": node, **cut})
    else:
        for row in cut["items"]:
            predicates = f"  [{', '.join(row['predicates'])}]" if row["predicates"] else ""
            line = f"{row['weight']:>5}  {row['label']} ({row['type']}){predicates}{spoke(row)}"
            say(line, hang=9)
        more(cut)
    if not rows:
        tell(f"{found.label} has no neighbours" + (f" of type {type}" if type else ""))
        raise typer.Exit(code=EXIT_EMPTY)


SpeakerOption = Annotated[
    str | None,
    typer.Option("--speaker", "-s", metavar="NAME", help="Said by (name or part of it)."),
]
AboutOption = Annotated[
    str | None, typer.Option("--about", "-a", metavar="ENTITY", help="Involving this entity.")
]
PredicateOption = Annotated[
    str | None,
    typer.Option("--predicate", "-p", metavar="PREDICATE", help="e.g. works_at, recommends."),
]
ContestedOption = Annotated[
    bool,
    typer.Option(
        "--contested", help="Only recommendations and advice on things speakers disagree about."
    ),
]
ObjectTypeOption = Annotated[
    str | None,
    typer.Option(
        "--type", "-t", metavar="TYPE", callback=entity_type, help=f"Object of this type ({TYPES})."
    ),
]
SubjectTypeOption = Annotated[
    str | None,
    typer.Option(
        "--subject-type", metavar="TYPE", callback=entity_type, help="Subject of this type."
    ),
]


def claims(
    graph: GraphOption = None,
    speaker: SpeakerOption = None,
    about: AboutOption = None,
    predicate: PredicateOption = None,
    contested: ContestedOption = False,
    type: ObjectTypeOption = None,
    subject_type: SubjectTypeOption = None,
    limit: Limit("Claims listed.") = 50,
    as_json: JsonOption = False,
) -> None:
    """Claims (who said what about what), with quotes.

    Exit 1 when no claim matches; 2 for an unknown speaker, entity or predicate.

    \b
    Example:
        kgraph claims --speaker Priya
        kgraph claims --about "design doc" --json
        kgraph claims --predicate recommends -n 5
        kgraph claims --predicate recommends --type book --subject-type person
    """
    from kgraph.query import claims as find_claims

    def question(G: Any) -> list[dict]:
        match_names(G, about)
        return find_claims(G, speaker, about, predicate, contested, type, subject_type)

    found = ask(graph, question)
    cut = listing(found, limit)
    if as_json:
        print_json(cut)
    else:
        topic = None
        for claim in cut["items"]:
            if contested and claim["object"] != topic:  # one heading per disputed thing
                topic = claim["object"]
                sides = Counter(c["negated"] for c in found if c["object"] == topic)
                say(f"{claim['object_label']}: {sides[True]} against, {sides[False]} for")
            say(claim_line(claim), hang=4)
            say(evidence_line(claim["evidence"]), indent=4, hang=1)
        more(cut)
    if not found:
        tell("no claims match")
        raise typer.Exit(code=EXIT_EMPTY)


def stats(
    graph: GraphOption = None,
    as_json: JsonOption = False,
    provenance: Annotated[
        bool,
        typer.Option(
            "--provenance",
            help="Per folder: the share of documents with a title and a date, of turns with "
            "a speaker, a time and a link, and of claims with a speaker, a title and a link.",
        ),
    ] = False,
) -> None:
    """Counts of the graph: documents, entities, edges, claims.

    \b
    Example:
        kgraph stats
        kgraph stats --graph graphs/kgraph.json --json
        kgraph stats --provenance
    """
    from kgraph.query import provenance as backing
    from kgraph.query import stats as graph_stats

    if provenance:
        _print_provenance(ask(graph, backing), as_json)
        return
    data = ask(graph, graph_stats)
    if as_json:
        print_json(data)
        return
    say(f"graph {data['name']} (kgraph {data['kgraph_version']}): {data['file']}", hang=4)
    say(f"documents {data['documents']}  turns {data['turns']}  words {data['words']}")
    say(f"nodes {data['nodes']}  edges {data['edges']}  communities {data['communities']}")
    say("entities: " + ", ".join(f"{t} {n}" for t, n in data["entities"].items()), hang=4)
    say("edges: " + ", ".join(f"{t} {n}" for t, n in data["edge_kinds"].items()), hang=4)
    if data["predicates"]:
        predicates = ", ".join(f"{p} {n}" for p, n in data["predicates"].items())
        say(f"predicates: {predicates}", hang=4)
    if data["top_entities"]:
        top = ", ".join(f"{e['label']} ({e['mentions']})" for e in data["top_entities"])
        say(f"most mentioned: {top}", hang=4)


def _print_provenance(rows: list[dict], as_json: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from kgraph.query import PROVENANCE_COLUMNS

    if as_json:
        print_json(rows)
        return
    if len(rows) == 2:  # one folder: its row is the total
        rows = rows[:1]
    table = Table(title="kgraph stats --provenance: share (count)")
    table.add_column("")
    for row in rows:  # one column per folder: a few folders, eleven measures
        table.add_column(Text(terminal.visible(row["folder"])), justify="right", overflow="fold")
    for count, base, description in PROVENANCE_COLUMNS:
        cells = []
        for row in rows:
            share = row.get(f"share_{count}")
            if not base:
                cells.append("-" if row[count] is None else str(row[count]))
            else:
                cells.append("-" if share is None else f"{share:.2f} ({row[count]})")
        table.add_row(description, *cells)
    out.print(table)
