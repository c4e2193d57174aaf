"""Articles: paragraphs are turns, headings set the section, bullets stay with their paragraph."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.readers import read_document
from kgraph.readers.article import parse_article


def test_markdown_headings_and_bullets(fixtures_dir):
    document = read_document(fixtures_dir / "blog_post.md")
    assert document.format == "article"
    assert document.title == "Five Lessons From My First Year as an Engineering Manager"
    sections = [t.section for t in document.turns]
    assert sections == [
        "Five Lessons From My First Year as an Engineering Manager",
        "Lesson one: one-on-ones are yours to prepare",
        "Lesson two: books help",
        "Lesson two: books help",
    ]
    assert all(t.speaker is None and t.start is None for t in document.turns)
    # A list right after a paragraph joins it; a list after a heading is a turn of its own.
    assert document.turns[1].text.endswith("\nEnd with one concrete next step.")
    assert document.turns[2].text == (
        "The Manager's Path by Camille Fournier\nAn Elegant Puzzle by Will Larson"
    )
    # Hard-wrapped lines of a paragraph are joined with spaces.
    assert "Here is what I wish" in document.turns[0].text
    assert document.turns[0].line == 3


def test_plain_text_stand_alone_title_lines(fixtures_dir):
    document = read_document(fixtures_dir / "plain_article.txt")
    assert document.title == "Why I Keep a Brag Document"
    assert [t.section for t in document.turns] == [
        "Why I Keep a Brag Document",
        "What Goes In It",
        "What Goes In It",
        "What Goes In It",
    ]
    # A one-word question is text, not a heading.
    assert document.turns[2].text == "Done?"


def test_last_short_line_is_text_not_a_heading():
    document = parse_article("First paragraph here.\n\nThanks for reading\n", "a", "a.txt")
    assert [t.text for t in document.turns] == ["First paragraph here.", "Thanks for reading"]


def test_only_headings_is_an_input_error():
    with pytest.raises(InputError, match="no recognisable turns"):
        parse_article("# Title\n\n## Section\n", "a", "a.md")
