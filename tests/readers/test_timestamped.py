"""Text transcripts: 'Name (mm:ss.fff)', '(hh:mm:ss):', '[hh:mm:ss] Name:' and 'Name:' lines."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.readers import parse_text, read_document
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


def test_impossible_timestamps_are_named_by_line_and_start_no_new_time():
    text = (
        "Ann (00:00:05): First.\n"
        "Bob (99:99:99): Impossible.\n"
        "Ann (00:01:10): Fine again.\n"
        "Bob (01:75): Seconds over 59.\n"
        "Ann (75:30): Seventy-five minutes is a fine mm:ss.\n"
    )
    document = parse_timestamped(text, "t", "t.txt")
    assert [(t.speaker, t.start) for t in document.turns] == [
        ("Ann", 5.0),
        ("Bob", 5.0),
        ("Ann", 70.0),
        ("Bob", 70.0),
        ("Ann", 4530.0),
    ]
    assert document.warnings == [
        "line 2: timestamp 99:99:99 has minutes over 59; the turn keeps the time before it",
        "line 4: timestamp 01:75 has seconds over 59; the turn keeps the time before it",
    ]


def test_a_negative_continuation_is_a_new_turn_of_the_same_speaker():
    text = "Ann (00:10): First part.\n(-01:00): Second part.\nBob (00:20): Reply.\n"
    document = parse_timestamped(text, "t", "t.txt")
    assert [(t.speaker, t.text, t.start) for t in document.turns] == [
        ("Ann", "First part.", 10.0),
        ("Ann", "Second part.", 10.0),
        ("Bob", "Reply.", 20.0),
    ]
    assert document.warnings == [
        "line 2: timestamp -01:00 is negative; the turn keeps the time before it"
    ]


def test_a_one_line_file_with_a_marker_is_a_transcript():
    text = "Jane Doe (00:01): Write the design doc before the code.\n"
    assert looks_timestamped(text)
    document = parse_text(text, "one", "one.txt")
    assert document.format == "timestamped"
    assert [(t.speaker, t.start) for t in document.turns] == [("Jane Doe", 1.0)]


def test_impossible_subtitle_and_front_matter_times_are_named_by_line():
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nAnn: Hi.\n\n2\n00:99:00,000 --> 00:99:01,000\nBob: Yo.\n"
    )
    document = parse_text(srt, "s", "s.srt")
    assert [(t.speaker, t.start) for t in document.turns] == [("Ann", 1.0), ("Bob", None)]
    assert document.warnings == [
        "line 6: timestamp 00:99:00,000 has minutes over 59; cue time left unknown"
    ]
    front = (
        "---\ntranscript:\n- line: Hi.\n  who: Ann\n  time: '0:05'\n"
        "- line: Yo.\n  who: Bob\n  time: '1:99'\n---\n"
    )
    document = parse_text(front, "f", "f.md")
    assert [(t.speaker, t.start) for t in document.turns] == [("Ann", 5.0), ("Bob", 5.0)]
    assert document.warnings == [
        "line 6: timestamp 1:99 has seconds over 59; the turn keeps the time before it"
    ]


def test_a_name_alone_on_its_line_opens_a_turn_below_front_matter():
    text = (
        "---\ntitle: Pricing chat\nguest: Ines Moraes\n---\n\n# Pricing chat\n\n## Transcript\n\n"
        "Ines Moraes:\nCharge more than feels comfortable.\nThen listen.\n\n"
        "Tomas:\nWhy?\n\nInes Moraes:\nBecause churn tells you the rest.\n\n"
        "Summary:\nA line of an article, no speaker.\n"
    )
    document = parse_text(text, "p", "p.md")
    assert document.format == "timestamped"
    assert [t.speaker for t in document.turns] == ["Ines Moraes", "Tomas", "Ines Moraes"]
    assert document.turns[0].text == "Charge more than feels comfortable.\nThen listen."
    assert "Summary:" in document.turns[2].text  # an article's label is no speaker
    assert document.turns[0].line == 10
