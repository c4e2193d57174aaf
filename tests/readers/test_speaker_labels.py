"""Speaker labels as transcripts write them, and front matter that belongs to another episode."""

from __future__ import annotations

import pytest

from kgraph.readers import parse_text
from kgraph.readers.speakers import foreign_title, person_name


def _episode(title: str, guest: str = "Priya Raman", body: str = "") -> str:
    return (
        "---\n"
        f"guest: {guest}\n"
        f"title: '{title}'\n"
        "youtube_url: https://www.youtube.com/watch?v=abcdefghijk\n"
        "publish_date: 2024-05-01\n"
        "keywords: [hiring]\n"
        "---\n\n"
        "Host Name (00:00:01):\n"
        f"Welcome! My guest today is {guest}.\n\n"
        f"{guest} (00:00:09):\n"
        "Thanks for having me. I started as a data analyst and moved into management.\n\n"
        f"Host Name (00:00:20):\n{body or 'What did you learn?'}\n"
    )


@pytest.mark.parametrize(
    "label, name",
    [
        ("Mike Maples, Jr.", "Mike Maples"),
        ("Andrew ‘Boz’ Bosworth", "Andrew Bosworth"),
        ('Ana "Annie" Lima', "Ana Lima"),
        ("Jiaona Zhang (JZ)", "Jiaona Zhang"),
        ("Dr. Fei Fei Li", "Fei Fei Li"),
    ],
)
def test_a_label_with_a_suffix_nickname_or_title_is_the_person(label, name):
    text = f"Lenny (00:00:01):\nWelcome.\n\n{label} (00:00:05):\nThanks, Lenny.\n"
    document = parse_text(text, "ep", "ep.txt")
    assert [t.speaker for t in document.turns] == ["Lenny", label]
    assert document.turns[1].text == "Thanks, Lenny."  # the label is not read as text
    assert document.speakers[label] == name


def test_person_name_keeps_a_lone_word_and_plain_names():
    assert person_name("Dr. Li") == "Dr. Li"
    assert person_name("Lenny") == "Lenny"
    assert person_name("Sanchan Saxena") == "Sanchan Saxena"


def test_a_comma_in_prose_before_a_time_is_no_speaker():
    text = "Dana (00:01):\nHello.\n\nOmar (00:05):\nSo, as I said (00:01) it was fine.\n"
    document = parse_text(text, "ep", "ep.txt")
    assert [t.speaker for t in document.turns] == ["Dana", "Omar"]


@pytest.mark.parametrize("label", ["MUSIC", "Audio", "Applause", "Sponsor"])
def test_sound_labels_are_no_people(label):
    text = f"Dana (00:01):\nHello.\n\n{label} (00:05):\nPendo.\n\nOmar (00:09):\nHi Dana.\n"
    document = parse_text(text, "ep", "ep.txt")
    assert label in document.generic_speakers
    assert label not in document.speakers


def test_front_matter_of_another_episode_is_not_used():
    text = _episode("Why the CPO delivers food on weekends | Sachin Kansal")
    document = parse_text(text, "priya-raman", "priya-raman.md")
    assert document.title == "priya-raman"
    assert document.url is None and document.date is None and document.tags == []
    assert document.guests == ["Priya Raman"]
    assert any("the title names Sachin Kansal" in w for w in document.warnings)


@pytest.mark.parametrize(
    "title, body",
    [
        ("Growing as a PM | Priya Raman (Acme)", ""),  # the guest
        ("Growing as a PM | Pri Raman", ""),  # the guest by a short first name
        ("Mastering onboarding and hiring", ""),  # nobody
        ("Lessons from Marty Cagan", "Do you follow Marty Cagan?"),  # a person discussed
        # title case, no name ("Job" is a given name, but this transcript's common word)
        ("Data Strategy Playbook: Hiring & Job Search Tips", "How long was your job search?"),
    ],
)
def test_a_title_that_fits_the_transcript_is_kept(title, body):
    document = parse_text(_episode(title, body=body), "ep", "ep.md")
    assert document.title == title
    assert document.url is not None and document.date == "2024-05-01"
    assert not any("the title names" in w for w in document.warnings)


def test_foreign_title_needs_a_speaking_guest():
    document = parse_text(_episode("Growing | Sachin Kansal"), "ep", "ep.md")
    turns = document.turns
    assert foreign_title("Growing | Sachin Kansal", ["Priya Raman"], turns) == "Sachin Kansal"
    # a guest who never speaks may be the metadata's mistake, not the title's
    assert foreign_title("Growing | Sachin Kansal", ["Jo Bloggs"], turns) is None
    assert foreign_title(None, ["Priya Raman"], turns) is None
