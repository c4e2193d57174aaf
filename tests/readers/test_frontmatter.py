"""YAML front-matter transcripts (the podcast episode layout)."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.readers import read_document
from kgraph.readers.frontmatter import parse_frontmatter


def test_turns_sections_and_metadata(fixtures_dir):
    document = read_document(fixtures_dir / "podcast_frontmatter.md")
    assert document.format == "frontmatter"
    assert document.id == "podcast_frontmatter"
    assert document.title == "Growing Into the Staff Engineer Role"
    assert [t.speaker for t in document.turns] == [
        "Gil",
        "Nora",
        "Gil",
        "Nora",
        "Nora",
        "Gil",
        "Nora",
    ]
    assert [t.section for t in document.turns][:3] == [None, None, "Nora's background"]
    assert document.turns[-1].section == "Writing a promotion packet"
    assert document.date == "2024-03-05"
    assert document.tags == ["career growth", "staff engineer"]
    assert document.links["spotify"].startswith("https://open.spotify.com")
    # Folded YAML lines are joined; the Markdown below the front matter is no turn.
    assert "tech lead for the checkout team" in document.turns[3].text
    assert not any("Links" in t.text for t in document.turns)


def test_item_without_time_inherits_the_previous_start(fixtures_dir):
    document = read_document(fixtures_dir / "podcast_frontmatter.md")
    assert document.turns[4].start == document.turns[3].start == 25.0


def test_lines_point_at_the_items(fixtures_dir):
    path = fixtures_dir / "podcast_frontmatter.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    for turn in read_document(path).turns:
        assert lines[turn.line - 1].startswith("- line: ")
        assert turn.text.split()[0] in lines[turn.line - 1]


def test_guest_full_name_from_episode_id_and_youtube_link(fixtures_dir):
    document = read_document(fixtures_dir / "podcast_frontmatter.md")
    assert document.speakers == {"Nora": "Nora Rikkonen"}  # the host's surname is unknown
    assert document.guests == ["Nora Rikkonen"]
    assert document.url == "https://www.youtube.com/watch?v=abcDEF12345"
    turn = document.turns[5]
    assert document.url_at(turn.start) == "https://www.youtube.com/watch?v=abcDEF12345&t=95s"


def test_front_matter_without_transcript_reads_the_transcript_below(fixtures_dir):
    document = read_document(fixtures_dir / "frontmatter_timestamped.md")
    assert document.title == "Negotiating Your First Offer"
    assert document.guests == ["Ama Mensah"]
    assert document.speakers == {"Ama": "Ama Mensah"}
    assert [t.speaker for t in document.turns] == ["Kofi", "Ama", "Kofi", "Ama"]
    assert document.turns[0].line == 9 and document.turns[0].start == 2.0
    assert document.url_at(2.0) == "https://www.youtube.com/watch?v=XyZ987abcde&t=2s"


def test_front_matter_with_only_links_has_no_turns():
    text = "---\ntitle: Episode\nguests: [someone]\n---\n\nLinks:\n\n* [Site](https://x.org)\n"
    with pytest.raises(InputError, match="no recognisable turns") as caught:
        parse_frontmatter(text, "ep", "ep.md")
    assert str(caught.value).startswith("ep.md:1: ")


def test_malformed_yaml_names_the_line():
    text = "---\ntitle: ok\nguests: [a, b\nseason: 2\n---\nbody\n"
    with pytest.raises(InputError, match="malformed YAML") as caught:
        parse_frontmatter(text, "bad", "bad.md")
    assert caught.value.line is not None and 3 <= caught.value.line <= 5


def test_unclosed_front_matter():
    with pytest.raises(InputError, match="never closed"):
        parse_frontmatter("---\ntitle: x\ntranscript: []\n", "x", "x.md")


def test_front_matter_that_is_not_a_mapping():
    with pytest.raises(InputError, match="expected 'key: value'"):
        parse_frontmatter("---\n- a\n- b\n---\ntext\n", "x", "x.md")


def test_misplaced_who_and_duplicate_items_are_tolerated():
    text = (
        "---\ntitle: T\ntranscript:\n"
        "- {line: Hello there., who: Ann, sec: 1}\n"
        "- {line: Repeated answer., sec: 5}\n"
        "- {line: Repeated answer., who: Bob, sec: 5}\n"
        "- {line: Text in the wrong field., who: This sentence is not a name at all}\n"
        "- not an item\n"
        "---\n"
    )
    document = parse_frontmatter(text, "t", "t.md")
    assert [(t.speaker, t.text) for t in document.turns] == [
        ("Ann", "Hello there."),
        ("Bob", "Repeated answer."),
        (None, "Text in the wrong field."),
        (None, "This sentence is not a name at all"),
    ]
    assert len(document.warnings) == 2  # the text in 'who' and the item that is no mapping


def test_stray_line_before_the_front_matter_is_ignored_with_a_warning():
    text = "_\n---\ntitle: T\ntranscript:\n- {line: Hi., who: Ann, sec: 3}\n---\n"
    document = parse_frontmatter(text, "t", "t.md")
    assert len(document.turns) == 1 and document.turns[0].line == 5
    assert document.warnings
