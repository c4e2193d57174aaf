"""Metadata beside documents: EPISODE.yaml and a folder's kgraph.yaml."""

from __future__ import annotations

import json

import pytest

from kgraph.errors import InputError
from kgraph.readers import inputs, read_document, read_paths

SIDECAR = """\
title: Career ladders
date: 2024-03-05
url: https://www.youtube.com/watch?v=abcDEF12345
speakers:
  SPEAKER_00: Jane Doe
  SPEAKER_01: Omar Haddad
"""

SRT = """\
1
00:00:01,000 --> 00:00:03,500
SPEAKER_00: Welcome to the panel on career ladders.

2
00:01:05,000 --> 00:01:09,000
SPEAKER_01: Thanks. At Datadog we have two parallel tracks.
"""

VTT = """\
WEBVTT

00:00:01.000 --> 00:00:03.500
<v SPEAKER_00>Welcome to the panel on career ladders.

00:01:05.000 --> 00:01:09.000
<v SPEAKER_01>Thanks. At Datadog we have two parallel tracks.
"""

WHISPER = json.dumps(
    {
        "segments": [
            {
                "start": 1.0,
                "text": "Welcome to the panel on career ladders.",
                "speaker": "SPEAKER_00",
            },
            {
                "start": 65.0,
                "text": "Thanks. At Datadog we have two tracks.",
                "speaker": "SPEAKER_01",
            },
        ]
    }
)

TEXT = """\
SPEAKER_00 (00:00:01): Welcome to the panel on career ladders.
SPEAKER_01 (00:01:05): Thanks. At Datadog we have two parallel tracks.
"""


@pytest.mark.parametrize(
    ("name", "content", "format"),
    [
        ("panel.srt", SRT, "srt"),
        ("panel.vtt", VTT, "vtt"),
        ("panel.json", WHISPER, "whisper"),
        ("panel.txt", TEXT, "timestamped"),
    ],
)
def test_a_sidecar_gives_title_date_url_and_speaker_names(tmp_path, name, content, format):
    path = tmp_path / name
    path.write_text(content)
    (tmp_path / "panel.yaml").write_text(SIDECAR)
    document = read_document(path)
    assert document.format == format
    assert (document.title, document.date) == ("Career ladders", "2024-03-05")
    assert document.speakers == {"SPEAKER_00": "Jane Doe", "SPEAKER_01": "Omar Haddad"}
    assert document.generic_speakers == []  # named now: people, not roles
    turn = document.turns[1]
    assert (turn.speaker, turn.start) == ("SPEAKER_01", 65.0)
    assert document.url_at(turn.start) == "https://www.youtube.com/watch?v=abcDEF12345&t=65s"
    assert inputs(path) == [path, tmp_path / "panel.yaml"]


def test_a_yml_sidecar_and_a_sidecar_over_front_matter(tmp_path):
    path = tmp_path / "ep.md"
    path.write_text("---\ntitle: Old title\nguest: Jane Doe\n---\n" + TEXT)
    (tmp_path / "ep.yml").write_text("title: New title\n")
    document = read_document(path)
    assert document.title == "New title" and document.guests == ["Jane Doe"]


def test_folder_file_gives_defaults_and_entries_per_document(tmp_path):
    (tmp_path / "a.srt").write_text(SRT)
    (tmp_path / "b.txt").write_text(TEXT)
    (tmp_path / "c.md").write_text("---\nhost: Kim Lee\n---\n" + TEXT)
    (tmp_path / "kgraph.yaml").write_text(
        "host: Jane Doe\n"
        "url: https://cdn.example/show.mp3\n"
        "documents:\n"
        "  a.srt:\n"
        "    title: Episode A\n"
        "    speakers: {SPEAKER_00: Jane Doe, SPEAKER_01: Omar Haddad}\n"
        "  b.txt:\n"
        "    audio_url: https://cdn.example/b.mp3\n"
    )
    (tmp_path / "b.yaml").write_text("title: Episode B\n")
    documents = {d.id: d for d in read_paths([tmp_path])}
    assert sorted(documents) == ["a", "b", "c"]  # the YAML files are no documents
    a, b, c = documents["a"], documents["b"], documents["c"]
    assert a.title == "Episode A" and a.speakers["SPEAKER_01"] == "Omar Haddad"
    assert a.hosts == ["Jane Doe"] and a.url == "https://cdn.example/show.mp3"
    assert b.title == "Episode B" and b.url_at(65) == "https://cdn.example/b.mp3#t=65"
    assert c.hosts == ["Kim Lee"]  # a document's own metadata beats the folder's defaults
    assert inputs(tmp_path / "b.txt") == [
        tmp_path / "b.txt",
        tmp_path / "b.yaml",
        tmp_path / "kgraph.yaml",
    ]


@pytest.mark.parametrize(
    ("sidecar", "line", "message"),
    [
        ("title: ok\ntitel: typo\n", 2, "unknown key 'titel'; use title, date, url"),
        ("title: ok\ndate: someday\n", 2, "date 'someday' is no date; write it as 2024-03-05"),
        ("url: /relative/page\n", 1, "url '/relative/page' is not an http(s) URL"),
        ("video_id: 'a b'\n", 1, "video_id 'a b' is not a video id or an http(s) URL"),
        ("title: ok\nspeakers: [Jane]\n", 2, "speakers: expected 'LABEL: Full Name' lines"),
        ("title: [unclosed\n", 2, "malformed YAML"),
        ("- a list\n", 1, "expected 'key: value' lines"),
    ],
)
def test_a_mistake_in_a_sidecar_names_its_file_and_line(tmp_path, sidecar, line, message):
    path = tmp_path / "ep.srt"
    path.write_text(SRT)
    (tmp_path / "ep.yaml").write_text(sidecar)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.path == str(tmp_path / "ep.yaml") and caught.value.line == line
    assert message in caught.value.message
    assert "\n" not in str(caught.value)


def test_a_folder_file_naming_a_missing_document_is_an_error(tmp_path):
    (tmp_path / "a.srt").write_text(SRT)
    (tmp_path / "kgraph.yaml").write_text("documents:\n  a.srt: {title: A}\n  b.srt: {title: B}\n")
    [error] = read_paths([tmp_path])
    assert (
        str(error) == f"{tmp_path / 'kgraph.yaml'}:3: documents: 'b.srt' is no file of this folder"
    )


def test_an_edited_folder_file_is_read_again(tmp_path):
    (tmp_path / "a.srt").write_text(SRT)
    (tmp_path / "kgraph.yaml").write_text("title: First\n")
    assert read_document(tmp_path / "a.srt").title == "First"
    (tmp_path / "kgraph.yaml").write_text("title: Second edition\n")
    assert read_document(tmp_path / "a.srt").title == "Second edition"
