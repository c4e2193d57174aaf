"""What the readers note about a document (a line they could not use, a text encoding
guessed, a turn with no break in it, a file whose name promises a format its content does
not hold) reaches the user of ``kgraph build``: one line each, FILE:LINE, the first few
only, all of them in ``--json``."""

from __future__ import annotations

import json

import pytest
from fake_extract import install
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.readers import read_document

runner = CliRunner()

CHAT = (
    "Lena (00:01): Where do you work, {n}?\n"
    "Vera Bauman (00:05): I work at Ledgerly on the design doc.\n"
)


@pytest.fixture
def built(tmp_path, monkeypatch):
    install(monkeypatch)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # Seven files, each with one thing to note, and one clean file.
    for n in range(6):
        text = CHAT.format(n=n).replace("(00:05)", "(99:99)")
        (corpus / f"timed{n}.txt").write_text(text)
    (corpus / "latin1.txt").write_bytes(CHAT.format(n="Zoë").encode("cp1252"))
    (corpus / "clean.txt").write_text(CHAT.format(n="Ann"))

    def build(*args: object):
        result = runner.invoke(
            app,
            ["build", str(corpus), "--out", str(tmp_path / "out"), "--jobs", "1", *map(str, args)],
        )
        assert result.exception is None or isinstance(result.exception, SystemExit)
        return result

    return corpus, build


def test_the_first_few_warnings_one_line_each_then_how_many_more(built):
    corpus, build = built
    result = build()
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    warnings = [line for line in lines if line.startswith("Warning:")]
    assert len(warnings) == 5
    for line in warnings:
        path, number, message = line.removeprefix("Warning: ").split(":", 2)
        assert path.startswith(str(corpus)) and number.isdigit() and message.strip()
    assert f"Warning: {corpus / 'latin1.txt'}:1: not valid UTF-8; decoded as cp1252" in lines
    assert (
        "Note: 2 more warnings (7 files in all): `--json` lists them under `warnings`, "
        "`kgraph parse FILE` shows one file's" in lines
    )
    assert "clean.txt" not in result.stderr
    assert "reader warnings" in result.stdout


def test_json_lists_every_warning_with_file_line_and_message(built):
    corpus, build = built
    summary = json.loads(build("--json").stdout)
    files = sorted(w["path"] for w in summary["warnings"])
    assert files == sorted(
        [str(corpus / "latin1.txt")] + [str(corpus / f"timed{n}.txt") for n in range(6)]
    )
    timed = next(w for w in summary["warnings"] if w["path"].endswith("timed0.txt"))
    assert timed["line"] == 2
    assert "99:99" in timed["message"] and not timed["message"].startswith("line")
    again = json.loads(build("--json").stdout)  # every document from the cache
    assert again["cache_hits"] == 8 and again["warnings"] == summary["warnings"]


def test_a_long_unbroken_turn_and_a_name_promising_another_format_are_noted(tmp_path):
    block = tmp_path / "block.txt"
    block.write_text("Ann: " + "we wrote the design doc together " * 400 + "\nBob: Thanks.\n")
    (warning,) = read_document(block).warnings
    assert warning.startswith("line 1: one turn of 13,199 characters")
    subtitles = tmp_path / "talk.srt"
    subtitles.write_text("A note with no cues.\n\nAnother paragraph.\n")
    document = read_document(subtitles)
    assert document.format == "article"
    assert document.warnings == ["line 1: no subtitle cues found in this .srt file; read as text"]
    as_article = read_document(subtitles, format="article")
    assert as_article.warnings == []  # asked for: nothing to note
