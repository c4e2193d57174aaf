"""`kgraph parse`: records or JSON lines, one error line per bad file, summary, exit code."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.readers import EXAMPLES_DIR

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), prog_name="kgraph")


def test_no_path_parses_the_bundled_examples():
    result = invoke("parse")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    documents = sorted(p for p in EXAMPLES_DIR.iterdir() if not p.name.startswith("."))
    assert len(documents) >= 3
    assert lines[-1].startswith(f"{len(documents)} documents, ")
    assert lines[-1].endswith(" turns, 0 failed")
    for fmt in ("frontmatter", "timestamped", "vtt", "article"):
        assert fmt in result.stdout
    assert "staff-engineer-path  frontmatter, 15 turns, 4 sections\n" in result.stdout
    assert "\n  sections: Priya's path to staff | Design docs" in result.stdout
    assert "\n  speakers: Marcus Webb [Marcus] 8, Priya Raman [Priya] 7\n" in result.stdout
    records = [json.loads(line) for line in invoke("parse", "--json").stdout.splitlines()]
    names = {(r["document"], r["speaker"]): r["speaker_name"] for r in records}
    assert names[("staff-engineer-path", "Priya")] == "Priya Raman"
    assert names[("system-design-interview-prep", "Daniel")] == "Daniel Okafor"


def test_json_lines_one_object_per_turn(fixtures_dir):
    result = invoke("parse", str(fixtures_dir / "podcast_frontmatter.md"), "--json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 7
    assert records[1]["document"] == "podcast_frontmatter"
    assert records[1]["speaker"] == "Nora" and records[1]["speaker_name"] == "Nora Rikkonen"
    assert records[1]["url"] == "https://www.youtube.com/watch?v=abcDEF12345&t=12s"
    assert records[2]["section"] == "Nora's background"
    assert result.stderr.strip() == "1 document, 7 turns, 0 failed"


def test_bad_files_get_one_error_line_each_and_exit_1(tmp_path, fixtures_dir):
    (tmp_path / "good.txt").write_bytes((fixtures_dir / "bracket_transcript.txt").read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\n")
    (tmp_path / ".secret.txt").write_text("hidden")
    (tmp_path / "cover.jpg").write_bytes(b"\xff\xd8\xff\x00")
    result = invoke("parse", str(tmp_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert sorted(errors) == [
        f"Error: {tmp_path / 'broken.md'}:3: malformed YAML front matter: "
        "did not find expected ',' or ']'; fix the YAML front matter at this line",
        f"Error: {tmp_path / 'empty.txt'}: empty file",
    ]
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note:")]
    assert len(notes) == 2 and any(".secret.txt" in n for n in notes)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.strip().splitlines()[-1] == "1 document, 5 turns, 2 failed"


def test_format_option_overrides_detection(fixtures_dir):
    path = str(fixtures_dir / "colon_transcript.txt")
    result = invoke("parse", path, "--format", "article", "--json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["format"] for r in records} == {"article"}
    assert all(r["speaker"] is None for r in records)
    result = invoke("parse", path, "--format", "pdf")
    assert result.exit_code == 2
    assert "choose one of" in result.stderr


def test_help_has_an_example():
    result = invoke("parse", "--help")
    assert result.exit_code == 0
    assert "Example:\n      kgraph parse\n      kgraph parse transcripts/ --json" in result.stdout
