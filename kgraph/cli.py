"""Command line: a thin layer over the library. Each command calls one library function.

Exit codes: 0 success; 1 some input failed or no answer (no path); 2 usage error,
unknown entity or missing graph.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kgraph import __version__
from kgraph.errors import KgraphError

app = typer.Typer(
    help="Build a knowledge graph of who said what from career-advice documents.",
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
