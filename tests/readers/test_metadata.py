"""Document metadata read by meaning: every accepted spelling of every field."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from kgraph.model import moment_url
from kgraph.readers import parse_text
from kgraph.readers.metadata import FIELDS, iso_date, key_form

ARTICLE = "I have written design docs for ten years and every one of them saved me weeks of work."
TRANSCRIPT = "Jane Doe (00:00:05): Hello and welcome.\nLenny (00:01:40): Thanks, glad to be here.\n"


def _document(front: str, body: str = TRANSCRIPT):
    return parse_text(f"---\n{front}\n---\n{body}", "ep", "ep.md")


def _spellings(field: str) -> list[str]:
    """Each key of the table, and its camel-case and dashed forms."""
    found = []
    for key in FIELDS[field]:
        found.append(key)
        if "_" in key and "." not in key:
            head, *rest = key.split("_")
            found.append(head + "".join(w.title() for w in rest))  # publish_date -> publishDate
            found.append(key.replace("_", "-"))
    return found


@pytest.mark.parametrize("key", _spellings("title"))
def test_title_keys(key):
    assert _document(f"{key}: How to hire").title == "How to hire"


@pytest.mark.parametrize("key", _spellings("date"))
def test_date_keys_give_iso_dates(key):
    assert _document(f"{key}: Thu, 13 Oct 2022 07:00:00 GMT").date == "2022-10-13"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-10-13", "2022-10-13"),
        ("2022-10-13T23:30:00Z", "2022-10-13"),
        ("2022-10-13 07:00:00", "2022-10-13"),
        ("'2022-10-13'", "2022-10-13"),
        ("Thu, 13 Oct 2022 07:00:00 +0000", "2022-10-13"),
        ("'20221013'", "2022-10-13"),
        ("2022/10/13", "2022-10-13"),
        ("October 13, 2022", "2022-10-13"),
        ("Thursday, October 13th, 2022", "2022-10-13"),
        ("13 Oct 2022", "2022-10-13"),
        ("Oct. 13, 2022", "2022-10-13"),
        ("January, 2021", "2021-01"),
        ("'2021'", "2021"),
        ("1665644400", "2022-10-13"),
    ],
)
def test_date_forms(value, expected):
    assert _document(f"date: {value}").date == expected


def test_a_date_that_is_no_date_is_a_warning_naming_the_line():
    document = _document("title: T\npublish_date: next tuesday")
    assert document.date is None
    assert document.warnings == [
        "line 3: publish_date 'next tuesday' is no date; write it as 2024-03-05"
    ]


def test_iso_date_of_python_values():
    assert iso_date(dt.date(2024, 3, 5)) == "2024-03-05"
    assert iso_date(dt.datetime(2024, 3, 5, 23, 59)) == "2024-03-05"
    assert iso_date(True) is None and iso_date("13/10/2022") is None  # day/month is ambiguous


def test_publication_date_before_a_bare_date():
    # Some archives use "date" for the last edit and "dateadded" for the episode's date.
    assert _document("date: 2025-11-07\ndateadded: 2023-12-09").date == "2023-12-09"


@pytest.mark.parametrize("key", _spellings("guests"))
def test_guest_keys(key):
    document = _document(f"{key}: Jane Doe")
    assert document.guests == ["Jane Doe"]


@pytest.mark.parametrize("key", _spellings("hosts"))
def test_host_keys_name_a_first_name_label(key):
    document = _document(f"{key}: Lenny Rachitsky")
    assert document.hosts == ["Lenny Rachitsky"]
    assert document.speakers["Lenny"] == "Lenny Rachitsky"


def test_name_is_a_guest_only_when_it_reads_as_a_person():
    assert _document("name: Aaron Suggs").guests == ["Aaron Suggs"]
    assert _document("name: episode-12").guests == []


@pytest.mark.parametrize("key", _spellings("author"))
def test_author_keys(key):
    assert _document(f"{key}: Jane Doe", ARTICLE).author == "Jane Doe"


def test_authors_as_a_list_of_mappings():
    front = "authors:\n  - name: Jane Doe\n    url: https://jane.example\n  - name: Bo Li"
    assert _document(front, ARTICLE).author == "Jane Doe, Bo Li"


YOUTUBE = "https://www.youtube.com/watch?v=wP8YyWH524A"


URL_CASES = [
        ("ids:\n  youtube: wP8YyWH524A", f"{YOUTUBE}&t=100s"),
        ("youtube: wP8YyWH524A", f"{YOUTUBE}&t=100s"),
        ("youtube_url: https://www.youtube.com/watch?v=wP8YyWH524A", f"{YOUTUBE}&t=100s"),
        ("youtubeUrl: https://youtu.be/wP8YyWH524A", f"{YOUTUBE}&t=100s"),
        ("youtube_id: wP8YyWH524A", f"{YOUTUBE}&t=100s"),
        ("video_id: wP8YyWH524A", f"{YOUTUBE}&t=100s"),
        ("video_url: https://www.youtube.com/embed/wP8YyWH524A", f"{YOUTUBE}&t=100s"),
        ("video: https://vimeo.com/76979871", "https://vimeo.com/76979871#t=100"),
        ("links:\n  spotify: https://sp.example/x\n  youtube: https://youtu.be/wP8YyWH524A",
         f"{YOUTUBE}&t=100s"),
        ("audio_url: https://cdn.example/ep1.mp3", "https://cdn.example/ep1.mp3#t=100"),
        ("audio: https://cdn.example/ep1.mp3", "https://cdn.example/ep1.mp3#t=100"),
        ("media_url: https://cdn.example/ep1.m4a", "https://cdn.example/ep1.m4a#t=100"),
        ("media: https://cdn.example/ep1.m4a", "https://cdn.example/ep1.m4a#t=100"),
        ("mp3: https://cdn.example/ep1.mp3", "https://cdn.example/ep1.mp3#t=100"),
        ("enclosure:\n  url: https://cdn.example/ep1.mp3\n  type: audio/mpeg",
         "https://cdn.example/ep1.mp3#t=100"),
        ("enclosure: https://cdn.example/ep1.mp3", "https://cdn.example/ep1.mp3#t=100"),
        ("spotify_url: https://open.spotify.com/episode/6FKU",
         "https://open.spotify.com/episode/6FKU#t=100"),
        ("spotify: https://open.spotify.com/episode/6FKU",
         "https://open.spotify.com/episode/6FKU#t=100"),
        ("url: https://podcast.example/ep1", "https://podcast.example/ep1#t=100"),
        ("link: https://podcast.example/ep1", "https://podcast.example/ep1#t=100"),
        ("webpage_url: https://podcast.example/ep1", "https://podcast.example/ep1#t=100"),
        ("permalink: https://podcast.example/ep1", "https://podcast.example/ep1#t=100"),
]  # fmt: skip


@pytest.mark.parametrize(("front", "moment"), URL_CASES)
def test_media_url_keys_give_a_link_to_every_timed_turn(front, moment):
    document = _document(front)
    turn = document.turns[1]
    assert turn.start == 100.0
    assert document.url_at(turn.start) == moment
    assert all(document.url_at(t.start) for t in document.turns)


def test_every_url_key_of_the_table_is_tested():
    tested = {key_form(front.split(":")[0]) for front, _ in URL_CASES}
    assert {key_form(k.split(".")[0]) for k in FIELDS["url"]} <= tested


def test_a_video_beats_a_page_and_a_relative_url_is_no_recording():
    assert _document(f"url: https://site.example/ep\nyoutube_url: {YOUTUBE}").url == YOUTUBE
    assert _document("url: /stories/aaron-suggs").url is None


def test_moment_url_keeps_a_youtube_link_canonical_and_replaces_a_fragment():
    assert moment_url("https://m.youtube.com/watch?feature=x&v=abcDEF12345", 7.9) == (
        "https://www.youtube.com/watch?v=abcDEF12345&t=7s"
    )
    assert moment_url("https://a.example/x.mp3#t=5", 12) == "https://a.example/x.mp3#t=12"
    assert moment_url("https://a.example/x.mp3", None) == "https://a.example/x.mp3"
    assert moment_url(None, 12) is None


@pytest.mark.parametrize("key", _spellings("tags"))
def test_tag_keys(key):
    assert _document(f"{key}: [growth, hiring]").tags == ["growth", "hiring"]


def test_tags_of_several_keys_are_merged_once_each():
    assert _document("topics: [growth]\nkeywords: [growth, pmf]").tags == ["growth", "pmf"]


def test_speakers_map_labels_to_full_names():
    body = "SPEAKER_00 (00:01): Hi.\nSPEAKER_01 (00:05): Hello.\n"
    document = _document("speakers:\n  SPEAKER_00: Jane Doe\n  Unused: Nobody", body)
    assert document.speakers == {"SPEAKER_00": "Jane Doe"}
    assert document.generic_speakers == ["SPEAKER_01"]  # still a role: nobody named it


def test_whisper_json_top_level_keys_go_through_the_same_table():
    data = {
        "episode_title": "Hiring",
        "pubDate": "Thu, 13 Oct 2022 07:00:00 GMT",
        "audio_url": "https://cdn.example/ep.mp3",
        "keywords": ["hiring"],
        "segments": [{"start": 61.5, "text": "Hello there.", "speaker": "SPEAKER_00"}],
    }
    document = parse_text(json.dumps(data), "w", "w.json")
    assert (document.title, document.date, document.tags) == ("Hiring", "2022-10-13", ["hiring"])
    assert document.url_at(document.turns[0].start) == "https://cdn.example/ep.mp3#t=61"


def test_all_caps_labels_get_their_name_in_ordinary_case():
    body = "KUNAL SHAH (00:01): Hi.\nJD (00:05): Hello.\nKUNAL SHAH (00:09): Bye.\n"
    document = parse_text(body, "ep", "ep.txt")
    assert document.speakers == {"KUNAL SHAH": "Kunal Shah"}  # "JD" may be initials


def test_the_documented_table_is_the_code_table():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "metadata.md").read_text("utf-8")
    rows = {line.split("|")[1].strip(): line.split("|")[2] for line in docs.splitlines()
            if line.startswith("| ") and line.count("|") >= 4}  # fmt: skip
    for name, keys in FIELDS.items():
        assert re.findall(r"`([^`]+)`", rows[name]) == list(keys), name


def test_prose_about_the_document_is_kept_apart_from_its_title():
    doc = _document(
        "title: How to Hire\n"
        "description: Jane Doe is head of growth at a bank.\n"
        "role: Staff Data Engineer at a shop"
    )
    assert doc.about == ["Jane Doe is head of growth at a bank.", "Staff Data Engineer at a shop"]
    assert _document("title: How to Hire").about == []
