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
        f"Error: {tmp_path / 'empty.txt'}: empty file; "
        "nothing to read: add its text or leave it out",
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


def _latin1_transcripts(folder, count):
    folder.mkdir()
    for i in range(count):
        text = f"Ana (00:0{i}):\nOl\u00e1, caf\u00e9.\n\nBo (00:09):\nS\u00ed.\n"
        (folder / f"t{i}.txt").write_bytes(text.encode("latin-1"))
    return folder


def test_warnings_are_one_line_each_the_first_five_then_how_many_more(tmp_path):
    folder = _latin1_transcripts(tmp_path / "many", 7)
    result = invoke("parse", str(folder))
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [
        f"Warning: {folder / f't{i}.txt'}:2: not valid UTF-8; decoded as cp1252" for i in range(5)
    ]
    assert result.stderr.strip().splitlines()[-1] == (
        "Note: 2 more warnings (7 files in all): `kgraph parse FILE` shows all of one file's"
    )


def test_one_file_shows_all_its_warnings(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("".join(f"Ana (00:{60 + i}):\nTurn {i}.\n\n" for i in range(8)))
    result = invoke("parse", str(path))
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 8 and "Note:" not in result.stderr
    assert warnings[0] == (
        f"Warning: {path}:1: timestamp 00:60 has seconds over 59; the turn keeps the time before it"
    )
