"""Text transcripts: 'Name (mm:ss.fff)', '(hh:mm:ss):', '[hh:mm:ss] Name:' and 'Name:' lines."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.readers import read_document
from kgraph.readers.timestamped import looks_timestamped, parse_timestamped


def test_marker_lines_start_turns_and_text_runs_to_the_next(fixtures_dir):
    document = read_document(fixtures_dir / "interview_timestamped.txt")
    assert document.format == "timestamped"
    assert [t.speaker for t in document.turns] == ["Dana", "Omar", "Dana", "Omar", "Omar", "Dana"]
    assert document.turns[0].text.endswith("Thanks for joining.")
    assert document.turns[0].line == 1 and document.turns[1].line == 4
    # mm:ss.fff, a trailing colon, and hh:mm:ss.
    assert [t.start for t in document.turns] == [1.25, 9.8, 12.031, 18.5, 41.0, 3723.0]


def test_continuation_timestamp_keeps_the_speaker(fixtures_dir):
    document = read_document(fixtures_dir / "interview_timestamped.txt")
    turn = document.turns[4]
    assert turn.speaker == "Omar" and turn.start == 41.0
    assert turn.text.startswith("And I read An Elegant Puzzle")


def test_opening_turn_spells_out_a_speaker(fixtures_dir):
    document = read_document(fixtures_dir / "interview_timestamped.txt")
    assert document.speakers == {"Omar": "Omar Haddad"}


def test_bracket_lines(fixtures_dir):
    document = read_document(fixtures_dir / "bracket_transcript.txt")
    assert [(t.speaker, t.start) for t in document.turns] == [
        ("Ines", 3.0),
        ("Tomas", 7.0),
        ("Ines", 15.0),
        ("Tomas", 21.0),
        ("Tomas", 70.0),  # "[00:01:10] text" without a name keeps the speaker
    ]


def test_name_colon_lines_with_headings(fixtures_dir):
    document = read_document(fixtures_dir / "colon_transcript.txt")
    assert document.format == "timestamped"
    assert document.title == "Mentorship chat"
    assert [t.speaker for t in document.turns] == ["Lena", "Raj", "Lena", "Raj", "Lena", "Raj"]
    assert all(t.start is None for t in document.turns)
    assert "It made a huge difference" in document.turns[1].text
    assert document.turns[4].section == "Code review"


def test_turn_without_time_inherits_the_previous_time():
    text = "Ann (00:10.000)\nHello.\n[00:00:20] Bob: Hi.\nAnn (00:30.000)\nBye.\n"
    document = parse_timestamped(text, "t", "t.txt")
    assert [t.start for t in document.turns] == [10.0, 20.0, 30.0]
    text = "Ann: Hello.\nBob: Hi there.\nAnn: How are you?\nBob: Fine.\n"
    assert [t.start for t in parse_timestamped(text, "t", "t.txt").turns] == [None] * 4


def test_prose_with_colons_is_not_a_transcript():
    text = (
        "Note: this is an article.\n\nIt has several paragraphs of plain prose that go on.\n\n"
        "Another paragraph follows here.\n\nAnd a final one.\n"
    )
    assert not looks_timestamped(text)


def test_no_turns_is_an_input_error():
    with pytest.raises(InputError, match="no recognisable turns") as caught:
        parse_timestamped("\n\n# Only a heading\n", "t", "t.txt")
    assert str(caught.value).startswith("t.txt:1: ")
