"""What every command shares: exit codes, consoles, ``fail``, the options (one name for
each idea) and ``ask``, which opens the graph and turns a library error into one line."""

from __future__ import annotations

import difflib
import inspect
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from kgraph import terminal
from kgraph.errors import KgraphError, quoted
from kgraph.model import ENTITY_TYPES
from kgraph.terminal import plural, shorten, tell

EXIT_EMPTY = 1  # the answer is empty, or some input files failed
EXIT_USAGE = 2  # the command could not start
EXIT_BUG = 3  # kgraph failed in a way it did not foresee (a bug to report)

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


def unforeseen(error: Exception, where: str = "") -> typer.Exit:
    """A failure no check foresaw, as one ``Error:`` line saying what to do, and exit 3;
    with ``KGRAPH_DEBUG=1`` in the environment the error is raised, traceback and all."""
    if os.environ.get("KGRAPH_DEBUG"):
        raise error
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    prefix = f"{where}: " if where else ""
    tell(
        f"Error: {prefix}kgraph failed unexpectedly ({shorten(what, 160)}); please report "
        "this line and the command (KGRAPH_DEBUG=1 shows where it failed)"
    )
    return typer.Exit(code=EXIT_BUG)


SHOWN_WARNINGS = 5  # a corpus may hold thousands: the first few, then how many more


def print_warnings(
    warnings: list[dict[str, Any]], where_all: str, shown: int = SHOWN_WARNINGS
) -> None:
    """The readers' notes on stderr, one line each (``Warning: FILE:LINE: what``), the first
    ``shown`` only, then how many more and ``where_all`` (where to see them all)."""
    for warning in warnings[:shown]:
        line = f":{warning['line']}" if warning.get("line") else ""
        tell(f"Warning: {warning['path']}{line}: {warning['message']}")
    if len(warnings) > shown:
        files = len({w["path"] for w in warnings})
        more = len(warnings) - shown
        tell(f"Note: {plural(more, 'more warning')} ({plural(files, 'file')} in all): {where_all}")


TYPES = ", ".join(ENTITY_TYPES)


def at_least_one(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} is too few: give 1 or more")
    return value


def entity_type(value: str | None) -> str | None:
    if value is None:
        return None
    if value.casefold() in ENTITY_TYPES:
        return value.casefold()
    close = difflib.get_close_matches(value.casefold(), ENTITY_TYPES, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise typer.BadParameter(f"{quoted(value)} is no entity type; {hint}Types: {TYPES}")


def entity_types(values: list[str] | None) -> list[str]:
    return [t for t in (entity_type(v) for v in values or []) if t]


def Count(*flags: str, help: str) -> Any:
    """A whole-number option of 1 or more (``--per-person N``)."""
    return Annotated[int, typer.Option(*flags, metavar="N", callback=at_least_one, help=help)]


def Limit(what: str) -> Any:
    """The "how many" option of every command that lists: ``-n`` / ``--limit``."""
    return Annotated[
        int, typer.Option("--limit", "-n", metavar="N", callback=at_least_one, help=what)
    ]


def options_of(command: Callable[..., Any], *, but: str) -> Callable[[Callable], Callable]:
    """Give the decorated command the options of ``command`` but one (typer reads them from
    the signature): a command that is another with that option fixed (``kgraph books``)."""
    signature = inspect.signature(command, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != but]

    def give(function: Callable) -> Callable:
        function.__signature__ = signature.replace(parameters=kept)  # type: ignore[attr-defined]
        return function

    return give


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
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH...",
        help="Files or folders (walked recursively); none: the bundled examples.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
TypeFilter = Annotated[
    str | None,
    typer.Option(
        "--type", "-t", metavar="TYPE", callback=entity_type, help=f"Only this type ({TYPES})."
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
    except OSError as error:
        where = error.filename or graph or "the graph"
        raise fail(f"{where}: cannot read: {error.strerror or error}", EXIT_USAGE) from None
    except Exception as error:  # noqa: BLE001 - a graph no check refused
        raise unforeseen(error, f"{graph or 'the graph'}") from None
    tell(f"Graph: {path}" + ("" if why == "--graph" else f" ({why})"))
    try:
        return question(G, *args, **kwargs)
    except KgraphError as error:
        raise fail(error) from None
    except Exception as error:  # noqa: BLE001 - one line, never a traceback
        raise unforeseen(error, str(path)) from None


def match_names(G: Any, *names: str | None) -> list[Any]:
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


def check_paths(paths: list[Path]) -> None:
    """A named file or folder that does not exist: exit 2 before any work."""
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise fail(f"{path}: no such file or folder", EXIT_USAGE)
