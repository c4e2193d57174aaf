"""SRT and WebVTT subtitles: consecutive cues of one speaker form a turn."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.readers import read_document
from kgraph.readers.subtitles import parse_srt, parse_vtt


def test_srt_name_prefixes_and_merging(fixtures_dir):
    document = read_document(fixtures_dir / "talk.srt")
    assert document.format == "srt"
    assert [(t.speaker, t.start) for t in document.turns] == [
        ("Maya", 1.0),
        ("Leo", 6.5),
        ("Maya", 9.1),
        ("Leo", 12.2),
    ]
    # An unlabelled cue continues the open turn; markup is removed.
    assert document.turns[0].text.endswith("Today we look at the staff engineer track.")
    assert document.turns[1].text == "Thanks Maya. At Datadog we have two parallel tracks."
    assert document.turns[0].line == 3


def test_vtt_voice_tags(fixtures_dir):
    document = read_document(fixtures_dir / "panel.vtt")
    assert document.format == "vtt"
    assert document.title == "Hiring panel"
    assert [(t.speaker, t.start) for t in document.turns] == [
        ("Hana Kim", 0.5),
        ("Sam Ortiz", 8.5),
        ("Hana Kim", 62.0),
        ("Sam Ortiz", 62.0),  # two voices in one cue
    ]
    assert document.turns[0].text == (
        "What do you look for when hiring a tech lead? And how do you test it?"
    )
    assert "</v>" not in document.turns[1].text


def test_unlabelled_cues_group_into_sentences():
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nWrite the design doc\n\n"
        "00:02.000 --> 00:03.000\nbefore the code.\n\n00:04.000 --> 00:05.000\nAlways.\n"
    )
    document = parse_vtt(text, "v", "v.vtt")
    assert [(t.speaker, t.start, t.text) for t in document.turns] == [
        (None, 1.0, "Write the design doc before the code."),
        (None, 4.0, "Always."),
    ]


def test_no_cues_is_an_input_error():
    with pytest.raises(InputError, match="no recognisable turns"):
        parse_srt("1\nnot a timing line\nhello\n", "s", "s.srt")
    with pytest.raises(InputError, match="no recognisable turns"):
        parse_vtt("WEBVTT\n\nhello\n", "v", "v.vtt")


def test_vtt_cues_without_header_are_read_with_a_warning():
    document = parse_vtt("00:01.000 --> 00:02.000\nAnn: Hi.\n", "v", "v.vtt")
    assert [(t.speaker, t.text) for t in document.turns] == [("Ann", "Hi.")]
    assert document.warnings == ["line 1: no 'WEBVTT' header; read as WebVTT cues anyway"]
