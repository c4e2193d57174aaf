"""What every command promises: its exit codes, the graph it names, text shown as text,
output that fits 80 columns, complete JSON lists, clean help, a closed pipe that changes
nothing, build's skipped files and a progress display that ends complete."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from sample_graph import sample_graph
from typer.testing import CliRunner

from kgraph.cli import app

runner = CliRunner()
HOSTILE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def kgraph(*args: object, columns: int | None = None):
    env = {"COLUMNS": str(columns)} if columns else {}
    return runner.invoke(app, [str(a) for a in args], prog_name="kgraph", env=env)


@pytest.fixture(autouse=True)
def no_columns(monkeypatch):
    """Output as it is piped: not wrapped unless a test sets COLUMNS."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def graph_file(tmp_path):
    from kgraph.exporters.json import write_json

    return write_json(sample_graph(), tmp_path / "graphs" / "kgraph.json")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    from fake_extract import install
    from test_pipeline import write_corpus

    install(monkeypatch)
    return write_corpus(tmp_path / "corpus")


# ----------------------------------------------------------------------------- exit codes
# The README's table: 0 an answer; 1 an empty answer or some input files failed; 2 the
# command could not start (usage, missing or empty path, unknown name, no graph).
QUERIES = [
    (0, ["path", "staff engineer", "design doc"]),
    (1, ["path", "Lonely Idea", "Ledgerly"]),  # no path
    (2, ["path", "Ledgerly", "nobody here"]),  # unknown entity
    (2, ["path", "Ledgerly", "Ledgerly Inc"]),  # one entity twice
    (2, ["path", "Ledgerly", "design doc", "--avoid", "planet"]),
    (0, ["show", "Vera Bauman"]),
    (2, ["show", "zzzz"]),
    (2, ["show", "alex"]),  # an alias of two people (added below)
    (0, ["neighbors", "Alex Host"]),
    (0, ["neighbours", "Alex Host"]),  # the other spelling
    (1, ["neighbors", "Lonely Idea", "--type", "book"]),  # none of that type
    (2, ["neighbors", "Alex Host", "--type", "books"]),
    (0, ["claims", "--about", "Ledgerly"]),
    (1, ["claims", "--speaker", "Vera", "--predicate", "recommends"]),  # none match
    (2, ["claims", "--about", "nobody here"]),
    (2, ["claims", "--speaker", "Nobody At All"]),
    (2, ["claims", "--predicate", "hates"]),
    (2, ["claims", "--limit", "0"]),
    (0, ["stats"]),
]


@pytest.mark.parametrize("code, args", QUERIES, ids=[" ".join(a) for _, a in QUERIES])
def test_contract_query_exit_codes(tmp_path, code, args):
    from kgraph.exporters.json import write_json

    G = sample_graph()
    G.add_node("person:alex-rivera", label="Alex Rivera", type="person", aliases="Alex")
    path = write_json(G, tmp_path / "g.json")
    result = kgraph(*args, "-g", path)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if code == 0:
        assert result.stdout.strip()
    else:
        assert result.stderr.strip()
    if code == 2 and args[0] != "neighbors" or code == 1 and args[0] == "path":
        assert result.stdout == ""
        assert [ln for ln in result.stderr.splitlines() if ln.startswith("Error: ")]
    # --json keeps the code: an empty list is still exit 1
    if "--limit" not in args:
        assert kgraph(*args, "-g", path, "--json").exit_code == code


@pytest.mark.parametrize("command", ["path a b", "show a", "neighbors a", "claims", "stats"])
def test_contract_missing_graph_exits_2_naming_where_it_looked(tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kgraph(*command.split())
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: no graph: graphs/kgraph.json is not in this folder and no build is recorded; "
        "run `kgraph build` or pass --graph FILE"
    )


def test_contract_build_and_parse_exit_codes(corpus, tmp_path):
    out = tmp_path / "out"
    assert kgraph("build", corpus, "--out", out, "-j", "1").exit_code == 0
    assert kgraph("parse", corpus).exit_code == 0
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    assert kgraph("build", corpus, "--out", out, "-j", "1").exit_code == 1  # one failed
    assert kgraph("parse", corpus).exit_code == 1
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "empty.txt").write_text("", encoding="utf-8")
    every = kgraph("build", only_bad, "--out", out, "-j", "1")  # all failed: earlier kept
    assert every.exit_code == 1 and "earlier outputs are left" in every.stderr
    for args in (["build", tmp_path / "nope"], ["parse", tmp_path / "nope"]):
        assert kgraph(*args).exit_code == 2
    assert kgraph("build", corpus, "--jobs", "0").exit_code == 2
    assert kgraph("parse", corpus, "--format", "pdf").exit_code == 2


def test_contract_closed_pipe_keeps_the_exit_code(graph_file):
    """`kgraph claims | head -1`: the reader leaves early; no traceback, exit code 0."""
    command = [sys.executable, "-m", "kgraph", "claims", "-g", str(graph_file)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # before the program writes a byte
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    shell = subprocess.run(
        ["bash", "-c", 'set -o pipefail; "$@" | head -c 1 >/dev/null', "-", *command[:-2]]
        + ["-g", str(graph_file), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shell.returncode == 0, shell.stderr


# ----------------------------------------------------------------------------- the graph read
def test_contract_every_query_names_the_graph_it_read(graph_file, tmp_path, monkeypatch):
    monkeypatch.chdir(graph_file.parent.parent)
    for args in (["path", "Ledgerly", "design doc"], ["show", "Ledgerly"], ["stats"]):
        result = kgraph(*args)
        assert result.stderr.splitlines()[0] == "Graph: graphs/kgraph.json (in this folder)"
    other = tmp_path / "other.json"
    other.write_bytes(graph_file.read_bytes())
    result = kgraph("neighbors", "Ledgerly", "--graph", other)
    assert result.stderr.splitlines()[0] == f"Graph: {other}"


def test_contract_this_folders_graph_wins_over_the_last_build(
    corpus, tmp_path, monkeypatch, kgraph_home
):
    """The last build is elsewhere; a graph here is the one read, and build says so."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert kgraph("build", corpus, "--name", "local", "-j", "1").exit_code == 0
    (here / "graphs" / "local.json").rename(here / "graphs" / "kgraph.json")
    built = kgraph("build", corpus, "--out", tmp_path / "far", "-j", "1")
    assert built.exit_code == 0, built.stderr
    far_json = tmp_path / "far" / "kgraph.json"
    assert f"Note: queries here read graphs/kgraph.json; pass --graph {far_json}" in built.stderr
    assert kgraph("stats").stderr.startswith("Graph: graphs/kgraph.json (in this folder)")
    monkeypatch.chdir(tmp_path)
    far = kgraph("stats", "--json")
    assert far.stderr.startswith(f"Graph: {(tmp_path / 'far' / 'kgraph.json').resolve()}")
    assert "(the last build)" in far.stderr.splitlines()[0]


# ----------------------------------------------------------------------------- names
def test_contract_notices_for_a_near_or_shared_name(tmp_path):
    from kgraph.exporters.json import write_json

    G = sample_graph()
    G.add_node("book:staff-engineer", label="Staff Engineer", type="book", mentions=1)
    path = write_json(G, tmp_path / "g.json")
    shared = kgraph("show", "Staff Engineer", "-g", path)
    assert shared.exit_code == 0
    assert shared.stdout.startswith("Staff Engineer (role)")
    assert (
        "Note: 'Staff Engineer' is Staff Engineer (role); also Staff Engineer (book): "
        "ask for 'book:Staff Engineer'"
    ) in shared.stderr
    book = kgraph("show", "book:Staff Engineer", "-g", path)
    assert book.stdout.startswith("Staff Engineer (book)") and "Note:" not in book.stderr
    near = kgraph("show", "Vera Baumann", "-g", path)
    assert "Note: no entity is named 'Vera Baumann'; using Vera Bauman (person)" in near.stderr
    exact = kgraph("show", "Vera Bauman", "-g", path)
    assert "Note:" not in exact.stderr


def test_contract_a_10k_character_name_is_not_echoed_in_full(graph_file):
    name = "staff engineer " * 700
    for args in (["show", name], ["claims", "--speaker", name], ["claims", "--predicate", name]):
        result = kgraph(*args, "-g", graph_file)
        assert result.exit_code == 2
        error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert len(error) == 1 and len(error[0]) < 300 and "…" in error[0]


# ----------------------------------------------------------------------------- text as text
EVIL = {
    "markup": "[red]Red[/red] and [/] [bold]",
    "clear": "\x1b[2J\x1b[H",
    "colour": "\x1b[31mred\x1b[0m",
    "osc8": "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "c1": "\x9b31m",
    "bidi": "\u202eevil\u202c",
}
EVIL_TEXT = " ".join(EVIL.values())


@pytest.fixture
def evil_graph(tmp_path):
    """Every string a document gives the graph, hostile: labels, quotes, speakers, titles."""
    from kgraph.exporters.json import write_json

    G = sample_graph()
    for doc in G.graph["documents"]:
        doc["title"] = f"Title {EVIL_TEXT}"
    G.nodes["person:vera-bauman"]["aliases"] = f"Vera|{EVIL_TEXT}"
    G.nodes["organization:ledgerly"]["label"] = f"Ledgerly {EVIL['markup']} {EVIL['clear']}"
    for *_, data in G.edges(data=True):
        if data.get("kind") == "claim":
            data["evidence"] = f"{data['evidence']} {EVIL_TEXT}"
            data["speaker"] = f"{data['speaker']}"
        for ex in data.get("examples") or []:
            ex["quote"] = f"{ex.get('quote') or ''} {EVIL_TEXT}"
    return write_json(G, tmp_path / "evil.json")


EVIL_RUNS = [
    ["show", "Vera Bauman"],
    ["show", "Ledgerly Inc"],
    ["claims"],
    ["claims", "--about", "Ledgerly Inc"],
    ["path", "staff engineer", "Ledgerly Inc"],
    ["path", "Alex Host", "design doc"],
    ["neighbors", "Vera Bauman"],
    ["stats"],
]


@pytest.mark.parametrize("args", EVIL_RUNS, ids=[" ".join(a) for a in EVIL_RUNS])
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_contract_document_text_is_shown_as_text(evil_graph, args, as_json):
    result = kgraph(*args, "-g", evil_graph, *(["--json"] * as_json))
    assert result.exit_code == 0, result.output
    assert not HOSTILE.search(result.stdout + result.stderr), repr(result.stdout)
    if as_json:
        json.loads(result.stdout)  # still JSON, the strings unchanged once decoded
        assert "\\u001b[31mred" in result.stdout or args[0] in ("neighbors", "stats")
    elif args[0] != "stats":
        assert "[red]Red[/red] and [/]" in result.stdout or args[0] == "neighbors"
        assert "\\x1b[2J" in result.stdout  # visible, not acted on


def test_contract_parse_shows_markup_and_controls_from_documents(tmp_path):
    """A speaker or title holding ``[/]`` once crashed `parse` (rich MarkupError)."""
    doc = tmp_path / "talk.md"
    doc.write_text(
        "---\n"
        'title: "Markup [/] [red]x[/red] \\e[2J"\n'
        "transcript:\n"
        '- who: "Ann [/]"\n'
        '  line: "Hello \\e[31mthere\\e[0m \\e]8;;http://x\\alink\\e]8;;\\a."\n'
        '- who: "[red]Bo[/red]"\n'
        '  line: "Hi \\u202eevil."\n'
        "---\n",
        encoding="utf-8",
    )
    for as_json in (False, True):
        result = kgraph("parse", doc, *(["--json"] * as_json))
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output and "MarkupError" not in result.output
        assert not HOSTILE.search(result.stdout + result.stderr), repr(result.stdout)
    text = kgraph("parse", doc).stdout
    assert "title: Markup [/] [red]x[/red] \\x1b[2J" in text
    assert "speakers: Ann [/] 1, [red]Bo[/red] 1" in text
    turns = [json.loads(line) for line in kgraph("parse", doc, "--json").stdout.splitlines()]
    assert "\x1b[31m" in turns[0]["text"]  # the JSON keeps the text as it is


# ----------------------------------------------------------------------------- width
def _too_wide(text: str, columns: int) -> list[str]:
    """Lines longer than ``columns`` that could have been broken (more than one word)."""
    return [ln for ln in text.splitlines() if len(ln) > columns and " " in ln.strip()]


@pytest.fixture
def wordy_graph(tmp_path):
    from kgraph.exporters.json import write_json

    G = sample_graph()
    long = " ".join(["a long sentence that goes on"] * 12)
    for doc in G.graph["documents"]:
        doc["title"] = f"A title far longer than any terminal line {long}"
    for *_, data in G.edges(data=True):
        if data.get("kind") == "claim":
            data["evidence"] = f"{data['evidence']} {long}"
    G.nodes["person:vera-bauman"]["aliases"] = "|".join(f"Vera {i} Bauman" for i in range(30))
    return write_json(G, tmp_path / "wordy.json")


@pytest.mark.parametrize("args", EVIL_RUNS, ids=[" ".join(a) for a in EVIL_RUNS])
def test_contract_80_columns_no_line_is_longer(wordy_graph, args):
    wide = kgraph(*args, "-g", wordy_graph)
    narrow = kgraph(*args, "-g", wordy_graph, columns=80)
    assert narrow.exit_code == 0, narrow.output
    assert not _too_wide(narrow.stdout, 80), narrow.stdout
    # the same words, only broken into lines (hanging indents under each item)
    assert narrow.stdout.split() == wide.stdout.split()
    if args[0] in ("show", "claims", "path"):
        assert _too_wide(wide.stdout, 80)  # piped: one line per item
        continuation = [ln for ln in narrow.stdout.splitlines() if ln.startswith("     ")]
        assert continuation  # quotes continue indented under their first line


def test_contract_parse_at_80_columns_breaks_no_name(fixtures_dir):
    from kgraph.readers import EXAMPLES_DIR

    result = kgraph("parse", EXAMPLES_DIR, columns=80)
    assert result.exit_code == 0
    assert not _too_wide(result.stdout, 80)
    words = set(result.stdout.split())
    for path in EXAMPLES_DIR.iterdir():
        assert path.stem in words  # each document id whole
    assert "Sofia Marquez" in result.stdout or "Sofia\n" not in result.stdout


# ----------------------------------------------------------------------------- help
ALL = ["build", "path", "show", "neighbors", "claims", "stats", "parse"]
ALL += ["books", "recommended", "advice", "contested"]


@pytest.mark.parametrize("command", ALL)
def test_contract_help_is_clean(command):
    for flag in ("-h", "--help"):
        result = kgraph(command, flag, columns=120)
        assert result.exit_code == 0
        usage = result.stdout.splitlines()[0]
        assert "{" not in usage and "<" not in result.stdout, result.stdout
        for placeholder in ("<str>", "<int", "<list", "<path>", "x>=1"):
            assert placeholder not in result.stdout
    assert ("-n, --limit N" in result.stdout) == (command not in ("build", "stats", "parse"))


@pytest.mark.parametrize("columns", [80, 120])
def test_contract_command_summaries_are_whole(columns):
    result = kgraph("--help", columns=columns)
    listed = result.stdout.split("Commands:")[1]
    assert "..." not in listed
    assert sorted(line.split()[0] for line in listed.strip().splitlines()) == sorted(ALL)


def test_contract_bad_values_are_explained_plainly(graph_file):
    result = kgraph("neighbors", "Alex Host", "-g", graph_file, "--type", "books")
    assert result.exit_code == 2
    assert "Value error" not in result.stderr
    assert "'books' is no entity type; did you mean book?" in result.stderr
    assert "Value error" not in kgraph("path", "a", "b", "--avoid", "persons").stderr


def test_contract_one_name_for_how_many():
    for command in ("path", "show", "neighbors", "claims"):
        text = kgraph(command, "-h").stdout
        assert "-n, --limit N" in text
        for old in ("--top", " -k "):
            assert old not in text


# ----------------------------------------------------------------------------- build
def test_contract_build_reports_skipped_files(corpus, tmp_path):
    (corpus / "slides.pdf").write_bytes(b"%PDF-1.4 binary")
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n")
    (corpus / ".notes.txt").write_text("Ann: hidden\n", encoding="utf-8")
    result = kgraph("build", corpus, "--out", tmp_path / "out", "-j", "1", "--json")
    assert result.exit_code == 0, result.stderr
    skipped = json.loads(result.stdout)["skipped"]
    assert sorted(s["path"].rsplit("/", 1)[1] for s in skipped) == [
        ".notes.txt",
        "photo.png",
        "slides.pdf",
    ]
    notes = [ln for ln in result.stderr.splitlines() if ln.startswith("Note: skipped ")]
    assert len(notes) == 3 and any("slides.pdf (binary .pdf file" in n for n in notes)
    text = kgraph("build", corpus, "--out", tmp_path / "out", "-j", "1")
    assert re.search(r"files skipped\s+│\s+3", text.stdout)


def test_contract_progress_ends_complete(corpus, tmp_path):
    """Fed a real build's reports (once fresh, once all from the cache), the last frame
    shows every stage done: no resolve 0/1, read 5/?, extract 0/0."""
    import io

    from rich.console import Console

    from kgraph import pipeline, terminal

    for attempt in ("fresh", "cached"):
        console = Console(file=io.StringIO(), force_terminal=True, width=80)
        with terminal.StageProgress(console) as progress:
            pipeline.build([corpus], out_dir=tmp_path / "out", jobs=1, progress=progress)
        frame = Console(file=io.StringIO(), width=80, record=True)
        frame.print(progress.bar.get_renderable())
        text = frame.export_text()
        shown = re.findall(r"^(\w+)\s.*?(\d+)/(\S+)", text, re.MULTILINE)
        assert {stage for stage, *_ in shown} >= {"read", "resolve", "graph", "export"}, text
        assert all(done == total for _, done, total in shown), (attempt, text)
        assert ("extract" in text) == (attempt == "fresh")
