"""The command line through typer's CliRunner: output, --json, exit codes, help texts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sample_graph import sample_graph
from typer.testing import CliRunner

from kgraph import __version__
from kgraph.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_columns(monkeypatch):
    """Output as it is piped (not wrapped): the lines below are compared whole."""
    monkeypatch.delenv("COLUMNS", raising=False)


def kgraph(*args: str):
    return runner.invoke(app, [str(a) for a in args], prog_name="kgraph")


def errors(result) -> list[str]:
    """stderr without the line naming the graph read."""
    return [line for line in result.stderr.splitlines() if not line.startswith("Graph: ")]


@pytest.fixture
def graph_file(tmp_path):
    from kgraph.exporters.json import write_json

    path = tmp_path / "graphs" / "kgraph.json"
    path.parent.mkdir()
    write_json(sample_graph(), path)
    return path


COMMANDS = ["build", "path", "show", "neighbors", "claims", "stats"]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_has_an_example(command):
    result = kgraph(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"kgraph {command}" in result.stdout


def test_cli_path_prints_evidence_for_every_hop(graph_file):
    result = kgraph("path", "staff engineer", "design doc", "--graph", graph_file)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Path 1 (1 hop): Staff Engineer -> Design Doc"
    assert "Staff Engineer -writes-> Design Doc" in lines[1]
    assert '"A staff engineer writes the design doc." — Vera Bauman, Episode two (ep2)' in lines[2]
    assert "Path 3 (2 hops)" in result.stdout
    assert "3:20, https://www.youtube.com/watch?v=vid1&t=200s" in result.stdout


def test_cli_path_json_claims_only_and_avoid(graph_file):
    result = kgraph(
        "path", "Ledgerly", "design doc", "-g", graph_file, "--claims-only", "--json", "-n", "2"
    )
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found) == 1
    assert [h["predicate"] for h in found[0]["hops"]] == ["works_at", "works_as", "writes"]
    result = kgraph(
        "path",
        "Ledgerly",
        "design doc",
        "-g",
        graph_file,
        "--avoid",
        "role",
        "--avoid",
        "person",
        "--json",
    )
    assert result.exit_code == 1
    assert errors(result)[0].startswith("Error: no path between Ledgerly and Design Doc")
    assert kgraph("path", "a", "b", "-g", graph_file, "--avoid", "planet").exit_code == 2


def test_cli_path_unknown_entity_exits_2_with_suggestions(graph_file):
    result = kgraph("path", "Staff Enginer Path", "design doc", "-g", graph_file)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert errors(result) == [
        "Error: no entity matches 'Staff Enginer Path'. Did you mean: Staff Engineer (role)?"
    ]


def test_cli_path_no_path_exits_1_with_one_line(graph_file):
    result = kgraph("path", "Lonely Idea", "Ledgerly", "-g", graph_file)
    assert result.exit_code == 1
    assert errors(result) == ["Error: no path between Lonely Idea and Ledgerly through edges"]


@pytest.mark.parametrize(
    "command", [["path", "a", "b"], ["show", "a"], ["neighbors", "a"], ["claims"], ["stats"]]
)
def test_cli_query_missing_graph_exits_2(tmp_path, command):
    missing = tmp_path / "none.json"
    result = kgraph(*command, "--graph", missing)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: {missing}: no such graph file: run `kgraph build` first or check the path"
    )


def test_cli_query_default_graph_is_the_one_in_this_folder(graph_file, monkeypatch):
    monkeypatch.chdir(graph_file.parent.parent)  # graphs/kgraph.json
    result = kgraph("stats", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "sample"
    assert result.stderr.splitlines()[0] == "Graph: graphs/kgraph.json (in this folder)"


def test_cli_show(graph_file):
    result = kgraph("show", "Vera Bauman", "-g", graph_file)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Vera Bauman (person)  id: person:vera-bauman"
    assert "Aliases: Vera, Bauman" in result.stdout
    assert "Episode one (ep1, 2024-03-05)" in result.stdout  # title, file and date
    assert "Episode two (ep2)" in result.stdout
    assert "Said by Vera Bauman (3 claims, 3 quotes):" in result.stdout
    assert "  Vera Bauman -works_at-> Ledgerly" in result.stdout
    assert "1:05, https://www.youtube.com/watch?v=vid1&t=65s" in result.stdout
    card = json.loads(kgraph("show", "ledgerly inc", "-g", graph_file, "--json").stdout)
    assert card["id"] == "organization:ledgerly"
    assert kgraph("show", "zzzz", "-g", graph_file).exit_code == 2


def test_cli_neighbors(graph_file):
    result = kgraph("neighbors", "Alex Host", "-g", graph_file, "--type", "book")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["1", "The", "Long", "Game", "(book)", "[recommends]"]
    rows = json.loads(kgraph("neighbors", "alex", "-g", graph_file, "-n", "2", "--json").stdout)
    assert len(rows["items"]) == 2 and rows["total"] == 11 and rows["truncated"]
    assert rows["entity"] == {"id": "person:alex-host", "label": "Alex Host", "type": "person"}
    assert kgraph("neighbors", "Alex Host", "-g", graph_file, "--type", "planet").exit_code == 2


def test_cli_said_hops_and_neighbours(tmp_path):
    from kgraph.exporters.json import write_json

    G = sample_graph()
    example = {"document": "ep1", "turn": 8, "time": 480.0, "quote": "My lonely idea came late."}
    G.add_edge(
        "person:vera-bauman", "concept:lonely-idea", key="said", kind="said", weight=3,
        examples=[{**example, "speaker": "Vera Bauman"}],
    )  # fmt: skip
    path = write_json(G, tmp_path / "g.json")
    result = kgraph("path", "lonely idea", "Vera Bauman", "-g", path)
    assert result.exit_code == 0, result.stderr
    assert "Vera Bauman -named it in 3 turns-> Lonely Idea" in result.stdout
    assert "My lonely idea came late." in result.stdout
    result = kgraph("neighbors", "lonely idea", "-g", path)
    assert " ".join(result.stdout.split()) == "0 Vera Bauman (person) [named it in 3 turns]"


def test_cli_claims(graph_file):
    result = kgraph("claims", "-g", graph_file, "--speaker", "Alex")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Alex Host -recommends-> The Long Game"
    rows = json.loads(
        kgraph("claims", "-g", graph_file, "--about", "staff engineer", "--json").stdout
    )["items"]
    assert {r["predicate"] for r in rows} == {"works_as", "writes"}
    result = kgraph("claims", "-g", graph_file, "--about", "nobody here")
    assert result.exit_code == 2
    result = kgraph("claims", "-g", graph_file, "--predicate", "hates")
    assert result.exit_code == 2 and result.stdout == ""
    assert errors(result)[0].startswith("Error: unknown predicate 'hates'; the graph has: ")
    assert "recommends" in result.stderr
    result = kgraph("claims", "-g", graph_file, "--predicate", "writes", "--speaker", "Alex")
    assert result.exit_code == 1 and result.stdout == ""  # nothing matches: exit 1
    assert errors(result) == ["no claims match"]


def test_cli_stats(graph_file):
    result = kgraph("stats", "-g", graph_file)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"graph sample (kgraph test): {graph_file}"
    assert "documents 2  turns 16  words 800" in result.stdout
    assert "edges: claim 4, co_mention 13" in result.stdout
    assert json.loads(kgraph("stats", "-g", graph_file, "--json").stdout)["file"] == str(graph_file)


def test_cli_stats_provenance(graph_file):
    result = kgraph("stats", "-g", graph_file, "--provenance", "--json")
    assert result.exit_code == 0, result.stderr
    folder, total = json.loads(result.stdout)
    assert folder["folder"] == "." and total["folder"] == "all"
    assert (folder["documents"], folder["dated"], folder["share_dated"]) == (2, 1, 0.5)
    assert (folder["turns"], folder["spoken"], folder["timed"]) == (16, 13, 8)
    assert folder["share_linked"] == 1.0  # ep1's 8 timed turns, ep1 has a video
    # ep1's claims link to their moment, ep2's cannot (no recording)
    assert (folder["claims"], folder["claim_speaker"], folder["claim_link"]) == (4, 4, 2)
    old = json.loads(graph_file.read_text(encoding="utf-8"))
    for doc in old["graph"]["documents"]:  # a graph of an older kgraph: turns not counted
        del doc["spoken"], doc["timed"]
    older = graph_file.with_name("older.json")
    older.write_text(json.dumps(old), encoding="utf-8")
    [row, _] = json.loads(kgraph("stats", "-g", older, "--provenance", "--json").stdout)
    assert (row["turns"], row["spoken"], row["share_timed"], row["share_dated"]) == (
        16,
        None,
        None,
        0.5,
    )
    table = kgraph("stats", "-g", graph_file, "--provenance")
    assert table.exit_code == 0, table.stderr
    assert "0.50 (1)" in table.stdout and "1.00 (8)" in table.stdout


def test_cli_query_commands_do_not_import_spacy(graph_file):
    """`kgraph path` in a fresh interpreter, as users run it: spaCy must stay unloaded."""
    code = (
        "import sys\n"
        "from kgraph.cli import app\n"
        "try:\n"
        f"    app(['path', 'staff engineer', 'design doc', '-g', {str(graph_file)!r}])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print('spacy loaded' if 'spacy' in sys.modules else 'spacy not loaded')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("spacy not loaded")


@pytest.fixture
def fake_corpus(tmp_path, monkeypatch):
    """A small corpus and the fake extraction stage (no spaCy) behind `kgraph build`."""
    from fake_extract import install
    from test_pipeline import write_corpus

    install(monkeypatch)
    return write_corpus(tmp_path / "corpus")


def test_cli_build_prints_summary_and_writes_outputs(fake_corpus, tmp_path):
    out = tmp_path / "graphs"
    result = kgraph("build", fake_corpus, "--out", out, "--name", "career", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    for row in ("documents", "turns", "entities: concept", "edges: claim", "files that failed"):
        assert row in result.stdout
    assert f"wrote {out / 'career.json'}" in result.stdout
    stats = kgraph("stats", "--graph", out / "career.json", "--json")
    assert json.loads(stats.stdout)["documents"] == 3


def test_cli_build_bad_file_among_good_ones_exits_1(fake_corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no graphs/ of an earlier build here: its note is another line
    (fake_corpus / "empty.txt").write_text("", encoding="utf-8")
    result = kgraph("build", fake_corpus, "--out", tmp_path / "g", "--json", "-j", "1")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["documents"] == 3 and not summary["ok"]
    assert [Path(f["path"]).name for f in summary["failed"]] == ["empty.txt"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("Error: ") and "empty.txt" in errors[0]
    assert (tmp_path / "g" / "kgraph.json").is_file()


@pytest.mark.parametrize("command", ["build", "parse"])
def test_cli_empty_folder_is_a_usage_error_like_a_missing_path(tmp_path, monkeypatch, command):
    """Nothing to read, whether the path is missing or holds no document: exit 2."""
    from fake_extract import install

    install(monkeypatch)
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / ".hidden.txt").write_text("Ann: hi\n", encoding="utf-8")
    result = kgraph(
        command, tmp_path / "nothing", *(["--out", tmp_path / "g"] * (command == "build"))
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: {tmp_path / 'nothing'}: no documents found (empty folder or no supported files)"
    )
    assert not (tmp_path / "g" / "kgraph.json").exists()
    missing = kgraph(command, tmp_path / "nope")
    assert missing.exit_code == 2
    assert missing.stderr.strip() == f"Error: {tmp_path / 'nope'}: no such file or folder"


def test_cli_build_rejects_bad_options(tmp_path):
    assert kgraph("build", tmp_path, "--jobs", "0").exit_code == 2
    assert kgraph("build", tmp_path, "--max-nodes", "-3").exit_code == 2
    assert kgraph("build", tmp_path, "--min-weight", "0").exit_code == 2


def test_cli_build_min_weight_leaves_weak_co_mentions_out_of_every_output(fake_corpus, tmp_path):
    from kgraph.exporters import read_graphml, read_json

    full = kgraph("build", fake_corpus, "--out", tmp_path / "all", "--json", "-j", "1")
    strong = kgraph(
        "build", fake_corpus, "--out", tmp_path / "strong", "--json", "-j", "1", "--min-weight", "2"
    )
    assert (full.exit_code, strong.exit_code) == (0, 0), full.stderr + strong.stderr
    every, kept = json.loads(full.stdout)["edges"], json.loads(strong.stdout)["edges"]
    assert kept["claim"] == every["claim"] > 0  # claims always stay
    assert kept.get("co_mention", 0) < every["co_mention"]
    G = read_json(tmp_path / "strong" / "kgraph.json")
    links = [d for *_, d in G.edges(data=True) if d["kind"] != "claim"]
    assert all(d["weight"] >= 2 for d in links)
    H = read_graphml(tmp_path / "strong" / "kgraph.graphml")
    assert H.number_of_edges() == G.number_of_edges()
    gexf = (tmp_path / "strong" / "kgraph.gexf").read_text(encoding="utf-8")
    assert gexf.count("<edge ") == G.number_of_edges()


def test_cli_build_without_paths_builds_the_bundled_examples(tmp_path, monkeypatch):
    from fake_extract import install

    from kgraph.readers import EXAMPLES_DIR

    install(monkeypatch)
    result = kgraph("build", "--out", tmp_path, "--json", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    examples = [p for p in Path(EXAMPLES_DIR).rglob("*") if p.is_file()]
    assert summary["documents"] == len(examples) > 0
    assert (tmp_path / "kgraph.json").is_file()


@pytest.mark.parametrize("kind", ["file", "under_file"])
def test_cli_build_unusable_out_exits_2_before_extraction(fake_corpus, tmp_path, kind):
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    out = blocker if kind == "file" else blocker / "sub"
    result = kgraph("build", fake_corpus, "--out", out, "-j", "1")
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: --out {out}: ")
    assert lines[0].endswith("; pass a writable folder")


@pytest.mark.parametrize("kind", ["folder", "under_folder"])
def test_cli_build_out_without_write_permission_exits_2(fake_corpus, tmp_path, monkeypatch, kind):
    import os

    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access

    def access(path, mode, **kwargs):  # we run as root, for whom every folder is writable
        if Path(path) == locked and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    out = locked if kind == "folder" else locked / "graphs"
    result = kgraph("build", fake_corpus, "--out", out, "-j", "1")
    assert result.exit_code == 2, result.stderr
    reason = "not writable" if kind == "folder" else f"{locked} is not writable"
    assert result.stderr.strip().splitlines() == [
        f"Error: --out {out}: {reason}; pass a writable folder"
    ]
    assert list(locked.iterdir()) == []


def test_cli_build_os_error_during_export_is_one_line(fake_corpus, tmp_path, monkeypatch):
    from kgraph import pipeline

    def broken(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "g" / "kgraph.json"))

    monkeypatch.setattr(pipeline, "write_outputs", broken)
    result = kgraph("build", fake_corpus, "--out", tmp_path / "g", "-j", "1")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "kgraph.json" in lines[0] and "Permission denied" in lines[0]


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".hidden"])
def test_cli_build_bad_name_exits_2(tmp_path, name):
    result = kgraph("build", tmp_path, "--out", tmp_path / "g", "--name", name)
    assert result.exit_code == 2
    assert "--name" in result.stderr
    assert not (tmp_path / "g").exists()


def test_cli_build_missing_path_or_patterns_exits_2(tmp_path):
    result = kgraph("build", tmp_path / "nope", "--out", tmp_path / "g")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'nope'}: no such file or folder"
    ]
    result = kgraph("build", tmp_path, "--patterns", tmp_path / "p.yaml", "--out", tmp_path / "g")
    assert result.exit_code == 2
    assert "p.yaml" in result.stderr


def test_cli_build_ctrl_c_exits_130_with_one_line(fake_corpus, tmp_path, monkeypatch):
    from kgraph import pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "write_outputs", interrupted)
    result = kgraph("build", fake_corpus, "--out", tmp_path / "g", "-j", "1")
    assert result.exit_code == 130
    assert result.stderr.strip() == "Interrupted: no output written"


def test_cli_queries_default_to_the_last_build(fake_corpus, tmp_path, monkeypatch, kgraph_home):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "elsewhere"
    result = kgraph("build", fake_corpus, "--out", out, "--name", "career", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert (kgraph_home / "last").read_text(encoding="utf-8").strip() == str(
        (out / "career.json").resolve()
    )
    stats = kgraph("stats", "--json")
    assert stats.exit_code == 0, stats.stderr
    assert json.loads(stats.stdout)["name"] == "career"
    help_text = " ".join(kgraph("stats", "--help").stdout.split())
    assert "last build" in help_text and "graphs/kgraph.json" in help_text
    assert help_text.count("default") == 1


def test_cli_build_keeps_the_line_number_of_a_bad_file(fake_corpus, tmp_path):
    (fake_corpus / "bad.md").write_text("---\ntitle: [x\n---\nhello\n", encoding="utf-8")
    result = kgraph("build", fake_corpus, "--out", tmp_path / "g", "-j", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {fake_corpus / 'bad.md'}:3: malformed YAML")
    summary = kgraph("build", fake_corpus, "--out", tmp_path / "g", "-j", "1", "--json")
    assert json.loads(summary.stdout)["failed"][0]["line"] == 3


def test_cli_build_unknown_model_exits_2_listing_installed_pipelines(tmp_path, monkeypatch):
    import spacy.util

    monkeypatch.setattr(spacy.util, "get_installed_models", lambda: ["en_small_test"])
    (tmp_path / "a.txt").write_text("Ann: Hello there.\nBo: Hi.\nAnn: Bye.\n", encoding="utf-8")
    result = kgraph("build", tmp_path / "a.txt", "--model", "xx_nope", "--out", tmp_path / "g")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: --model xx_nope: no such spaCy pipeline is installed; installed: en_small_test"
    )


def test_cli_parse_pluralises(tmp_path):
    (tmp_path / "a.txt").write_text("Ann: Hello there.\nBo: Hi.\nAnn: Bye.\n", encoding="utf-8")
    result = kgraph("parse", tmp_path / "a.txt")
    assert result.exit_code == 0, result.stderr
    assert "1 document, 3 turns, 0 failed" in result.stdout
    assert "a  timestamped, 3 turns, 0 sections" in result.stdout


def test_cli_show_and_claims_limit(graph_file):
    everything = json.loads(kgraph("claims", "-g", graph_file, "--json").stdout)
    assert everything["total"] == len(everything["items"]) > 2
    assert everything["truncated"] is False
    result = kgraph("claims", "-g", graph_file, "--limit", "2")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2 * 2 + 1  # two claims with a quote each, a note
    assert result.stdout.splitlines()[-1] == f"… {everything['total'] - 2} more (use --limit)"
    limited = json.loads(kgraph("claims", "-g", graph_file, "--json", "-n", "2").stdout)
    assert limited == {
        "total": everything["total"],
        "truncated": True,
        "items": everything["items"][:2],
    }
    result = kgraph("show", "Vera Bauman", "-g", graph_file, "--limit", "1")
    assert result.exit_code == 0, result.stderr
    more = [line for line in result.stdout.splitlines() if "more (use --limit)" in line]
    # a second document, more neighbours, two more claims she said
    assert more == [
        "  … 1 more (use --limit)",
        "  … 1 more (use --limit)",
        "  … 2 more (use --limit)",
    ]
    card = json.loads(kgraph("show", "Vera Bauman", "-g", graph_file, "--json", "-n", "1").stdout)
    for key in ("documents", "neighbors", "claims_said"):
        assert card[key]["truncated"] and len(card[key]["items"]) == 1, key
    assert (card["documents"]["total"], card["claims_said"]["total"]) == (2, 3)
    assert card["claims_about"] == {"total": 0, "truncated": False, "items": []}
    assert kgraph("claims", "-g", graph_file, "--limit", "0").exit_code == 2


def test_cli_top_level_and_build_help():
    top = kgraph("--help")
    assert top.exit_code == 0
    assert "Example:" in top.stdout and "kgraph build" in top.stdout
    assert "kgraph show" in top.stdout
    build_help = " ".join(kgraph("build", "--help").stdout.split())
    assert "default: 300" in build_help
    assert "README" in build_help and "--patterns" in build_help


def test_cli_claims_contested_heads_each_disputed_thing(tmp_path):
    from kgraph.exporters.json import write_json

    G = sample_graph()
    G.add_edge(
        "person:vera-bauman",
        "book:the-long-game",
        key="claim:9",
        kind="claim",
        predicate="recommends",
        speaker="Vera Bauman",
        evidence="I would not read The Long Game.",
        document="ep2",
        turn=5,
        time=None,
        url=None,
        negated=True,
        weight=1,
    )
    path = write_json(G, tmp_path / "g.json")
    result = kgraph("claims", "-g", path, "--contested")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "The Long Game: 1 against, 1 for"
    assert lines[1] == "Vera Bauman -not recommends-> The Long Game"
    assert lines[3] == "Alex Host -recommends-> The Long Game"
    rows = json.loads(kgraph("claims", "-g", path, "--contested", "--json").stdout)["items"]
    assert [r["negated"] for r in rows] == [True, False]


def test_cli_program_exits_with_the_commands_code_and_all_its_output(tmp_path):
    """The kgraph program (kgraph.__main__) as users run it: its exit codes and all its
    output, the same graph whatever the number of worker processes."""

    def kgraph(*args):
        return subprocess.run(
            [sys.executable, "-m", "kgraph", *args], capture_output=True, text=True, timeout=120
        )

    version = kgraph("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"kgraph {__version__}")
    missing = kgraph("show", "anything", "--graph", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and missing.stderr.startswith("Error: ")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Lena: A design doc helps a staff engineer.\n", encoding="utf-8")
    (docs / "bad.md").write_bytes(b"\xff\xfe\x00binary")
    named = [str(docs / "a.txt"), str(docs / "bad.md")]  # a binary file named: an error
    built = kgraph("build", *named, "--out", str(tmp_path / "out"), "--json")
    assert built.returncode == 1, built.stderr  # one file failed, the rest was built
    summary = json.loads(built.stdout)
    assert summary["documents"] == 1 and len(summary["failed"]) == 1
    assert "bad.md" in built.stderr
    assert (tmp_path / "out" / "kgraph.graphml").stat().st_size > 0
    (docs / "b.txt").write_text("Vera Bauman: Ledgerly asks for a design doc.\n", encoding="utf-8")
    good = [str(docs / "a.txt"), str(docs / "b.txt")]
    two = kgraph("build", *good, "--out", str(tmp_path / "two"), "--jobs", "2", "--json")
    one = kgraph("build", *good, "--out", str(tmp_path / "one"), "--jobs", "1", "--json")
    assert (two.returncode, one.returncode) == (0, 0), two.stderr + one.stderr
    assert json.loads(two.stdout)["extracted"] == 2
    same = [(tmp_path / d / "kgraph.json").read_bytes() for d in ("one", "two")]
    assert same[0] == same[1]
    helped = kgraph("build", "--help")
    assert helped.returncode == 0 and "kgraph build transcripts/" in helped.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = kgraph("build", str(empty), "--out", str(tmp_path / "none"))
    assert nothing.returncode != 0 and len(nothing.stderr.strip().splitlines()) == 1
