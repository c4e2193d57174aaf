"""Whisper-style JSON segments."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.readers import read_document
from kgraph.readers.whisper import parse_whisper


def test_segments_of_one_speaker_form_a_turn(fixtures_dir):
    document = read_document(fixtures_dir / "whisper.json")
    assert document.format == "whisper"
    assert [(t.speaker, t.start) for t in document.turns] == [
        ("SPEAKER_01", 0.0),
        ("SPEAKER_00", 3.4),
        ("SPEAKER_01", 14.5),
        ("SPEAKER_00", 16.2),
    ]
    assert document.turns[1].text == (
        "I wanted to build products end to end. At Airbnb I worked as a data scientist for "
        "three years."
    )
    assert document.speakers["SPEAKER_00"] == "Mira Patel"
    assert document.url_at(3.4) == "https://www.youtube.com/watch?v=QwErTy12345&t=3s"


def test_segments_without_speakers_group_into_sentences(fixtures_dir):
    document = read_document(fixtures_dir / "whisper_plain.json")
    assert [t.text for t in document.turns] == [
        "I think every engineer should write a design doc before coding.",
        "It saves weeks of rework.",
    ]
    assert document.turns[1].start == 4.5 and document.turns[0].speaker is None


def test_a_bare_list_of_segments():
    document = parse_whisper('[{"start": "00:01.5", "text": "Hi."}]', "w", "w.json")
    assert document.turns[0].start == 1.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"segments": [\n{"start": 1,,}]}', "malformed JSON"),
        ('{"results": []}', "without a 'segments' list"),
        ('{"segments": [{"start": 1, "text": "  "}, 3]}', "no segment has text"),
    ],
)
def test_bad_json(text, message):
    with pytest.raises(InputError, match=message) as caught:
        parse_whisper(text, "w", "w.json")
    assert str(caught.value).startswith("w.json:")
    if message == "malformed JSON":
        assert caught.value.line == 2
