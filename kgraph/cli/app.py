"""Command line: a thin layer over the library. Each command calls one library function and
formats its answer through :mod:`kgraph.terminal` (document text shown as text, wrapped to
the terminal, cut lists counted).

Exit codes (the README's table, tested for every command): 0 an answer; 1 an empty answer
(no path, no neighbours, no claims) or some input files failed (the rest was done, each
failure reported); 2 the command could not start: a usage error, a path that does not
exist or holds no documents, an unknown entity, speaker or predicate, no graph; 3 kgraph
failed in a way it did not foresee (a bug: one line says what to report, ``KGRAPH_DEBUG=1``
shows the traceback); 130 interrupted.

The app below lists the commands in the order ``--help`` shows them; each lives in the
module of its group (:mod:`.build`, :mod:`.queries`, :mod:`.answers`, :mod:`.parse`) and
shares options, ``ask`` and ``fail`` through :mod:`.common`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup
from typer.exceptions import TyperException

from kgraph import __version__
from kgraph.cli import answers, build, parse, queries
from kgraph.cli.common import unforeseen
from kgraph.terminal import say, tell

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

    def invoke(self, ctx: Any) -> Any:
        """Run the command; Ctrl-C ends it with exit 130, what it did not foresee in one
        line and exit 3, never a traceback (``KGRAPH_DEBUG=1`` shows it)."""
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):  # typer's own: exit codes, usage
            raise
        except KeyboardInterrupt:  # Ctrl-C: said, not a traceback (build says what it kept)
            tell("Interrupted")
            raise typer.Exit(code=130) from None
        except Exception as error:  # noqa: BLE001 - the last net under every command
            raise unforeseen(error) from None

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
    "some input files failed; 2 a usage error, an unknown name or no graph; 3 a kgraph "
    "bug (report the one line); 130 interrupted.\n\n"
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


for command in (
    build.build,
    queries.path,
    queries.show,
    queries.neighbors,
    queries.claims,
    answers.books,
    answers.recommended,
    answers.advice,
    answers.contested,
    queries.stats,
    parse.parse,
):
    app.command()(command)
