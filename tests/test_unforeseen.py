"""Failures no check foresaw: a reader that raises, a graph file that is not one of
``kgraph build``, a query that breaks. Each is one ``Error:`` line naming the file and what
to do, with a documented exit code, never a traceback."""

from __future__ import annotations

import copy
import json
import random

import pytest
from sample_graph import sample_graph
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.errors import InputError

runner = CliRunner()


def kgraph(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], prog_name="kgraph", env=env)


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


@pytest.fixture
def broken_article_reader(monkeypatch):
    """The article reader fails as a bug in it would, on every article."""
    from kgraph import readers

    def explode(text, doc_id, source, given):
        raise KeyError("speaker")

    monkeypatch.setitem(readers.PARSERS, "article", explode)


def test_a_reader_that_raises_fails_that_file_alone_in_parse(
    tmp_path, fixtures_dir, broken_article_reader
):
    (tmp_path / "good.txt").write_bytes((fixtures_dir / "bracket_transcript.txt").read_bytes())
    (tmp_path / "essay.txt").write_text("An essay.\n\nWith two paragraphs of plain prose.\n")
    result = kgraph("parse", tmp_path)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"Error: {tmp_path / 'essay.txt'}: the reader failed (KeyError: 'speaker'); a kgraph "
        "bug: please report it with this file, and leave the file out or read it with "
        "--format article meanwhile"
    ]
    assert result.stdout.strip().splitlines()[-1] == "1 document, 5 turns, 1 failed"


def test_a_reader_that_raises_is_an_input_error_of_the_library(tmp_path, broken_article_reader):
    from kgraph.readers import read_document

    path = tmp_path / "essay.txt"
    path.write_text("An essay in one paragraph of prose.\n")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert "KeyError" in caught.value.message
    assert isinstance(caught.value.__cause__, KeyError)


def test_a_reader_that_raises_fails_that_file_alone_in_build(
    tmp_path, monkeypatch, broken_article_reader
):
    from fake_extract import install
    from test_pipeline import write_corpus

    install(monkeypatch)
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "essay.txt").write_text("An essay.\n\nWith two paragraphs of plain prose.\n")
    result = kgraph("build", corpus, "--out", tmp_path / "out", "--jobs", "1", "--json")
    assert_no_traceback(result)
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert [f["path"] for f in summary["failed"]] == [str(corpus / "essay.txt")]
    assert summary["documents"] == 3
    assert (tmp_path / "out" / "kgraph.json").is_file()


# ----------------------------------------------------------------------------- graphs
QUERIES = [
    ["stats"],
    ["show", "Vera Bauman"],
    ["path", "staff engineer", "design doc"],
    ["neighbors", "Alex Host"],
    ["claims", "--json"],
    ["books"],
    ["recommended", "--type", "concept"],
    ["advice", "design doc"],
    ["contested"],
]


def good_graph() -> dict:
    from kgraph.exporters.json import generate_json

    return json.loads(generate_json(sample_graph()))


def _cut(data: dict) -> bytes:
    text = json.dumps(data).encode()
    return text[: len(text) // 2]


def _foreign(data: dict) -> dict:
    return {"directed": False, "graph": {}, "nodes": [{"id": "a"}, {"id": "b"}], "edges": []}


def _set(where: str, name: str, value: object):
    def change(data: dict) -> dict:
        item = data["graph"] if where == "graph" else data[where][0]
        item[name] = value
        return data

    return change


BAD = {
    "empty": (lambda data: b"", "Expecting value"),
    "cut short": (_cut, "not a kgraph JSON graph"),
    "binary": (lambda data: bytes(range(256)), "not a kgraph JSON graph"),
    "another program's": (_foreign, "has no 'type'"),
    "mentions an object": (_set("nodes", "mentions", {"n": 1}), "'mentions' is {\"n\": 1}"),
    "mentions too large": (_set("nodes", "mentions", 2**70), "expected a whole number"),
    "label null": (_set("nodes", "label", None), "'label' is null, expected text"),
    "documents a number": (_set("graph", "documents", 1.5), "'documents' is float"),
    "weight text": (_set("edges", "weight", "heavy"), "'weight' is \"heavy\""),
    "node ids numbers": (_set("nodes", "id", 7), "its id is int"),
}


@pytest.mark.parametrize("bad", BAD, ids=list(BAD))
def test_a_graph_kgraph_did_not_write_is_one_line_and_exit_2(tmp_path, bad):
    change, said = BAD[bad]
    made = change(good_graph())
    path = tmp_path / "graph.json"
    path.write_bytes(made if isinstance(made, bytes) else json.dumps(made).encode())
    # The graph is checked as it is opened, the same way for every query: all of them for
    # one kind of bad graph, two for the others.
    for args in QUERIES if bad == "another program's" else QUERIES[:2]:
        result = kgraph(*args, "--graph", path)
        assert_no_traceback(result)
        assert result.exit_code == 2, (args, result.stderr)
        (line,) = error_lines(result)
        assert line.startswith(f"Error: {path}: not a kgraph JSON graph (")
        assert said in line and line.endswith("rebuild it with `kgraph build`")


VALUES = [None, -1, 2**70, 1e308, "x", "[bold]x[/]", [], {}, [1, "a"], {"a": 1}, True, ""]


def _mutate(data: dict, rng: random.Random) -> dict:
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.choice(["nodes", "edges", "graph"])
        items = [data["graph"]] if where == "graph" else data[where]
        item = rng.choice(items)
        name = rng.choice(sorted(item))
        if rng.random() < 0.2:
            item.pop(name)
        else:
            item[name] = copy.deepcopy(rng.choice(VALUES))
    return data


def test_any_mangled_graph_gives_an_answer_or_one_line(tmp_path):
    """Random values in random attributes of a built graph: every query answers (0, 1),
    refuses the graph or a name (2), never a traceback nor the 'unforeseen' exit 3."""
    rng = random.Random(7)
    good = good_graph()
    for index in range(10):
        path = tmp_path / f"graph{index}.json"
        path.write_text(json.dumps(_mutate(good, rng)))
        for args in rng.sample(QUERIES, 4):
            result = kgraph(*args, "--graph", path)
            assert_no_traceback(result)
            assert result.exit_code in (0, 1, 2), (path.read_text(), args, result.stderr)
            if result.exit_code == 2:
                assert len(error_lines(result)) == 1


def test_a_query_that_breaks_is_one_line_naming_the_graph_and_exit_3(tmp_path, monkeypatch):
    from kgraph import query
    from kgraph.exporters.json import write_json

    path = write_json(sample_graph(), tmp_path / "kgraph.json")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(query, "show", broken)
    monkeypatch.delenv("KGRAPH_DEBUG", raising=False)
    result = kgraph("show", "Vera Bauman", "--graph", path)
    assert_no_traceback(result)
    assert result.exit_code == 3
    assert error_lines(result) == [
        f"Error: {path}: kgraph failed unexpectedly (ZeroDivisionError: division by zero); "
        "please report this line and the command (KGRAPH_DEBUG=1 shows where it failed)"
    ]
    result = kgraph("show", "Vera Bauman", "--graph", path, env={"KGRAPH_DEBUG": "1"})
    assert isinstance(result.exception, ZeroDivisionError)


def test_any_command_that_breaks_is_one_line_and_exit_3(monkeypatch):
    from kgraph import readers

    def broken(*args, **kwargs):
        raise RuntimeError("lost")

    monkeypatch.setattr(readers, "read_paths", broken)
    monkeypatch.delenv("KGRAPH_DEBUG", raising=False)
    result = kgraph("parse")
    assert_no_traceback(result)
    assert result.exit_code == 3
    assert error_lines(result) == [
        "Error: kgraph failed unexpectedly (RuntimeError: lost); please report this line "
        "and the command (KGRAPH_DEBUG=1 shows where it failed)"
    ]


@pytest.mark.parametrize("args", [["parse"], ["stats"]])
def test_ctrl_c_is_one_line_and_exit_130(tmp_path, monkeypatch, args):
    from kgraph import query, readers
    from kgraph.exporters.json import write_json

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(readers, "read_paths", interrupted)
    monkeypatch.setattr(query, "stats", interrupted)
    graph = write_json(sample_graph(), tmp_path / "kgraph.json")
    result = kgraph(*args, *(["--graph", graph] if args == ["stats"] else []))
    assert_no_traceback(result)
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "Interrupted"


def test_a_graph_file_that_cannot_be_read_is_one_line_and_exit_2(tmp_path, monkeypatch):
    from kgraph.exporters import json as json_exporter
    from kgraph.exporters.json import write_json

    path = write_json(sample_graph(), tmp_path / "kgraph.json")
    (tmp_path / ".cache").mkdir(exist_ok=True)
    for index in (tmp_path / ".cache").iterdir():  # no index: the JSON must be read
        index.unlink()

    def denied(where):
        raise PermissionError(13, "Permission denied", str(where))

    monkeypatch.setattr(json_exporter, "read_json", denied)
    result = kgraph("stats", "--graph", path)
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert error_lines(result) == [f"Error: {path}: cannot read: Permission denied"]
