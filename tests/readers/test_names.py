"""Speaker full names from guest slugs, episode ids and spelled-out names."""

from __future__ import annotations

import pytest

from kgraph.readers._common import parse_timestamp
from kgraph.readers.metadata import anchor_name
from kgraph.readers.speakers import full_name_for, speaker_names


def test_anchor_name():
    assert anchor_name("Staff-AI-Engineer---Nora-Rikkonen-e1v3on7") == "Nora Rikkonen"
    assert anchor_name("show/episodes/Hiring---Ana-Lima--Bo-Chen-e12jmoo") == "Ana Lima, Bo Chen"
    assert anchor_name("show/episodes/Hiring---Ana-Lima-e3ib29q/a-ack1822") == "Ana Lima"


def test_full_name_for_slug_tolerates_one_letter():
    texts = ["Hiring Data Scientists", "Valerii Babushkin"]
    assert full_name_for("valeriybabushkin", texts) == "Valerii Babushkin"
    assert full_name_for("tanyabergerwolf", ["In this episode Tanya Berger-Wolf explains"]) == (
        "Tanya Berger-Wolf"
    )
    assert full_name_for("someoneelse", texts) is None


def test_speaker_names_first_names_nicknames_and_misspellings():
    texts = ["Christopher Bergh", "Eleni Stamatelou"]
    names = speaker_names(
        ["Chris", "Elena", "Alexey"], ["christopherbergh", "elenistamatelou"], texts
    )
    assert names == {"Chris": "Christopher Bergh", "Elena": "Eleni Stamatelou"}


def test_host_is_not_given_a_guest_surname():
    # "Alex" is a prefix of "Alexey" but a nickname is never longer than the name.
    assert speaker_names(["Alexey", "Alex"], ["alexmiller"], ["Alex Miller"]) == {
        "Alex": "Alex Miller"
    }


def test_spelled_out_name_in_text():
    texts = ["Welcome Omar Haddad, an engineering manager."]
    assert speaker_names(["Omar", "Dana"], [], texts) == {"Omar": "Omar Haddad"}
    # A sentence boundary is not a surname.
    assert speaker_names(["Omar"], [], ["Thanks Omar. Omar works at Stripe."]) == {}


def test_parse_timestamp():
    assert parse_timestamp("01:29.422") == 89.422
    assert parse_timestamp("1:02:03") == 3723.0
    assert parse_timestamp("00:00:01,500") == 1.5


def test_generic_speaker_labels_are_not_people():
    from kgraph.readers import parse_text

    text = (
        "Host (00:01)\nWelcome, my guest today is Rana Okafor.\n"
        "Rana (00:05)\nThanks for having me.\n"
        "SPEAKER_00 (00:09)\nA question from the audience.\n"
        "Speaker 2 (00:12)\nAnd one more.\n"
    )
    document = parse_text(text, "ep", "ep.txt")
    assert [t.speaker for t in document.turns] == ["Host", "Rana", "SPEAKER_00", "Speaker 2"]
    assert document.generic_speakers == ["Host", "SPEAKER_00", "Speaker 2"]
    assert document.speakers == {"Rana": "Rana Okafor"}  # "Host" is never given a surname
    assert document.info().generic_speakers == ["Host", "SPEAKER_00", "Speaker 2"]


@pytest.mark.parametrize(
    "label",
    ["Host", "Guest", "Interviewer", "Unknown", "Speaker 1", "SPEAKER_00", "Speaker A", "Q"],
)
def test_generic_speaker_label(label):
    from kgraph.readers.speakers import is_generic_speaker

    assert is_generic_speaker(label)


@pytest.mark.parametrize("label", ["Hostetler", "Guestin", "Ana", "Speakerman", "Alexey"])
def test_named_speaker_label(label):
    from kgraph.readers.speakers import is_generic_speaker

    assert not is_generic_speaker(label)
