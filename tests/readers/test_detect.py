"""Format detection from content (not the file name) and the --format override."""

from __future__ import annotations

import shutil

import pytest

from kgraph.readers import detect_format, read_document


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("podcast_frontmatter.md", "frontmatter"),
        ("frontmatter_timestamped.md", "frontmatter"),  # the parser then reads the body
        ("interview_timestamped.txt", "timestamped"),
        ("colon_transcript.txt", "timestamped"),
        ("bracket_transcript.txt", "timestamped"),
        ("talk.srt", "srt"),
        ("panel.vtt", "vtt"),
        ("whisper.json", "whisper"),
        ("whisper_plain.json", "whisper"),
        ("blog_post.md", "article"),
        ("plain_article.txt", "article"),
    ],
)
def test_detect_format(fixtures_dir, name, expected):
    assert detect_format((fixtures_dir / name).read_text(encoding="utf-8")) == expected


def test_extension_does_not_matter(fixtures_dir, tmp_path):
    path = tmp_path / "subtitles.txt"
    shutil.copy(fixtures_dir / "talk.srt", path)
    assert read_document(path).format == "srt"
    path = tmp_path / "episode.json"
    shutil.copy(fixtures_dir / "interview_timestamped.txt", path)
    assert read_document(path).format == "timestamped"


def test_srt_and_vtt_timings_without_header():
    assert detect_format("1\n00:00:01,000 --> 00:00:02,000\nHi.\n") == "srt"
    assert detect_format("00:01.000 --> 00:02.000\nHi.\n") == "vtt"


def test_bracketed_prose_is_not_json():
    assert detect_format("[Intro music]\n\nThis is a post about careers.\n") == "article"
    assert detect_format("[00:00:01] Ann: Hi.\n[00:00:03] Bob: Hello.\n") == "timestamped"


def test_format_override(fixtures_dir):
    document = read_document(fixtures_dir / "interview_timestamped.txt", format="article")
    assert document.format == "article"
    assert all(t.speaker is None for t in document.turns)


def test_two_line_dialogue_is_a_transcript():
    text = "Mira: How did you get your first data job?\nTomas: I answered every ticket.\n"
    assert detect_format(text) == "timestamped"
    assert detect_format("# First job\n\n" + text) == "timestamped"  # a heading is no line
    from kgraph.readers import parse_text

    document = parse_text(text, "short", "short.txt")
    assert [(t.speaker, t.text) for t in document.turns] == [
        ("Mira", "How did you get your first data job?"),
        ("Tomas", "I answered every ticket."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Note: this post was updated in May.\nUpdate: the course moved online.\n",
        "Mira: one speaker only.\nMira: still the same speaker.\n",
        "Note: prices changed.\n\nWe compared three bootcamps over two months and kept notes.\n"
        "Summary: pick the one with mentors.\n",
    ],
)
def test_label_lines_in_an_article_stay_an_article(text):
    assert detect_format(text) == "article"
