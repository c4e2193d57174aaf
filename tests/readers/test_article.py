"""Articles: paragraphs are turns, headings set the section, bullets stay with their paragraph."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.readers import parse_text, read_document
from kgraph.readers.article import parse_article, plain


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


INTERVIEW = """\
---
title: "Ada Obi - Staff Engineer at Tidewater"
name: "Ada Obi"
date: "2021-01-21"
---

[personal site](https://ada.example), [twitter](https://twitter.example/ada)

**_Tell us a little about your current role._**

I work at [Tidewater](https://tidewater.example), a **logistics** company that moves
freight across three continents every week.

- I lead the platform team.
- I mentor two engineers.

**_Did you ever consider engineering management?_**

Yes. I managed a team for two years.
"""


def test_a_written_interview_is_read_as_questions_and_answers():
    document = parse_text(INTERVIEW, "ada-obi", "ada-obi.md")
    assert [(t.speaker, t.text) for t in document.turns] == [
        (None, "personal site, twitter"),
        ("Interviewer", "Tell us a little about your current role."),
        ("Ada Obi", "I work at Tidewater, a logistics company that moves freight across three "
         "continents every week.\nI lead the platform team.\n"
         "I mentor two engineers."),
        ("Interviewer", "Did you ever consider engineering management?"),
        ("Ada Obi", "Yes. I managed a team for two years."),
    ]  # fmt: skip
    assert document.generic_speakers == ["Interviewer"]  # a role, not a person
    assert document.guests == ["Ada Obi"] and document.date == "2021-01-21"


def test_one_emphasised_paragraph_is_no_interview():
    text = "**_A note before we start._**\n\nI wrote this over a weekend and it shows in places.\n"
    assert all(t.speaker is None for t in parse_text(text, "a", "a.md").turns)


def test_a_byline_gives_the_author_and_is_no_turn():
    text = "# Why design docs\n\n*By Jane Doe · 5 min read*\n\nI write a design doc first.\n"
    document = parse_text(text, "a", "a.md")
    assert document.author == "Jane Doe"
    assert [(t.speaker, t.text) for t in document.turns] == [
        ("Jane Doe", "I write a design doc first.")
    ]
    text = "By 2020, most teams wrote design docs before they wrote code.\n\nThen it changed.\n"
    assert parse_text(text, "b", "b.md").author is None  # a sentence, not a byline


def test_an_attributed_block_quote_is_a_turn_of_the_person_it_names():
    text = (
        "---\nauthor: Will Larson\n---\n\n"
        "> You can't get to Staff without a good reputation.\n"
        "> \\- [Katie Sylor-Miller](/stories/katie)\n\n"
        "> Nobody said this one.\n\n"
        "I agree with her, and I think it matters more than most people expect.\n"
    )
    document = parse_text(text, "g", "g.md")
    assert [(t.speaker, t.text) for t in document.turns] == [
        ("Katie Sylor-Miller", "You can't get to Staff without a good reputation."),
        (None, "Nobody said this one."),
        ("Will Larson", "I agree with her, and I think it matters more than most people expect."),
    ]
    assert document.author == "Will Larson"


def test_inline_markup_is_reduced_to_its_text():
    assert plain("See ![logo](x.png)[the *guide*](/g) and <b>this</b> \\- or `snake_case`.") == (
        "See the guide and this - or `snake_case`."
    )


def test_article_list_items_are_lines_also_under_a_paragraph_line_and_in_html():
    text = (
        "I recommend these:\n- [Accelerate](https://a.example) book\n- Kafka\n\n"
        '<div class="pull">\n<p><strong>More</strong></p>\n<ul>\n'
        '<li><a href="https://b.example">Rise</a></li>\n<li>Flow</li>\n</ul>\n</div>\n'
    )
    doc = parse_article(text, "a", "a.md")
    assert [t.text for t in doc.turns] == [
        "I recommend these:\nAccelerate book\nKafka",
        "More\nRise\nFlow",
    ]
