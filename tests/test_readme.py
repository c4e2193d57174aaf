"""The README's examples work: every `kgraph` command of its code blocks runs on the graph
the block names and answers (exit 0, something on stdout), and so do the query examples of
every `--help`. The commands are read from the README, so the test fails when it drifts.
Slow: it builds the bundled examples, and the seeds when ../shared is there, with spaCy."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from conftest import REPO, SHARED
from typer.testing import CliRunner

from kgraph.cli import app

pytestmark = pytest.mark.slow

README = REPO / "README.md"
QUERIES = ("path", "show", "neighbors", "neighbours", "claims", "stats", "parse")


def command_blocks() -> list[list[list[str]]]:
    """The README's ``bash`` blocks made only of `kgraph` commands, each command as its
    arguments (comments dropped)."""
    blocks = []
    for block in re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        commands = [shlex.split(line, comments=True) for line in block.splitlines()]
        commands = [c for c in commands if c]
        if commands and all(c[0] == "kgraph" for c in commands):
            blocks.append([c[1:] for c in commands])
    return blocks


def help_examples() -> list[list[str]]:
    """The query commands of every ``--help`` example (those of `build` and `parse` name
    made-up files)."""
    runner = CliRunner()
    found = []
    for command in ([], *([c] for c in QUERIES if c != "neighbours")):
        text = runner.invoke(app, [*command, "--help"], prog_name="kgraph").stdout
        for line in text.split("Example:")[1].splitlines():
            if not line.strip().startswith("kgraph "):
                continue
            args = shlex.split(line, comments=True)
            if args[:1] == ["kgraph"] and args[1] in QUERIES and args[1] != "parse":
                found.append(args[1:])
    return found


BLOCKS = command_blocks()
BUNDLED = [c for block in BLOCKS if block[0][0] != "build" for c in block]
SEEDS = next((block for block in BLOCKS if block[0][0] == "build"), [])


def invoke(args: list[str], workdir: Path, columns: int | None = None):
    """Run one command in ``workdir`` as a user would (``../shared`` beside the checkout)."""
    args = [a.replace("../shared/", f"{SHARED}/") for a in args]
    env = {"COLUMNS": str(columns) if columns else None, "KGRAPH_HOME": str(workdir / ".home")}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(workdir)
        return CliRunner().invoke(app, args, prog_name="kgraph", env=env)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder where the set-up's `kgraph build` (no arguments) has run."""
    setup = re.search(
        r"## Set up on a fresh machine\n\n```bash\n(.*?)```", README.read_text(), re.S
    )
    first = setup.group(1).splitlines()[0] if setup else ""
    assert first.split("&&")[-1].split() == [".venv/bin/kgraph", "build"]
    folder = tmp_path_factory.mktemp("readme")
    built = invoke(["build"], folder)
    assert built.exit_code == 0, built.output
    return folder


@pytest.fixture(scope="module")
def seeds_built(workdir) -> object:
    """The seeds block's own build, run once before its queries."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"seed documents not found at {SHARED / 'seeds'}")
    return invoke(SEEDS[0], workdir)


def answers(result, args: list[str]) -> None:
    assert result.exit_code == 0, f"kgraph {shlex.join(args)}\n{result.output}"
    assert result.stdout.strip(), f"kgraph {shlex.join(args)} printed nothing"
    if "--json" in args and args[0] != "parse":
        data = json.loads(result.stdout)
        assert data if not isinstance(data, dict) or "total" not in data else data["total"] > 0


def test_readme_has_both_blocks():
    assert len(BUNDLED) >= 5 and len(SEEDS) >= 3
    assert SEEDS[0][:2] == ["build", "../shared/seeds"]
    commands = {args[0] for args in BUNDLED + SEEDS[1:]}
    assert commands >= {"show", "path", "neighbors", "claims", "stats", "parse"}


@pytest.mark.parametrize("args", BUNDLED, ids=shlex.join)
def test_readme_command_on_the_bundled_graph(workdir, args):
    answers(invoke(args, workdir), args)
    narrow = invoke(args, workdir, columns=80)
    assert "--json" in args or not [
        ln for ln in narrow.stdout.splitlines() if len(ln) > 80 and " " in ln.strip()
    ]


@pytest.mark.parametrize("args", SEEDS, ids=shlex.join)
def test_readme_command_on_the_seeds(seeds_built, workdir, args):
    result = seeds_built if args == SEEDS[0] else invoke(args, workdir)
    answers(result, args)


@pytest.mark.parametrize("args", help_examples(), ids=shlex.join)
def test_help_example_on_the_bundled_graph(workdir, args):
    answers(invoke(args, workdir), args)
