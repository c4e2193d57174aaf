"""The shapes of the three archives of ../shared/corpus (its README lists what varies in
each), on small synthetic documents of our own, then on the archives themselves when they
are beside the checkout: every file parses into turns or is reported with its reason."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import SHARED

from kgraph.errors import InputError
from kgraph.readers import read_document, read_paths

# Lenny's Podcast: YAML front matter, a title and "Transcript" heading, then
# "Speaker Name (hh:mm:ss):" lines with the text below and "(hh:mm:ss):" continuations.
PODCAST = """---
guest: Ines Obi
title: Shipping the first version | Ines Obi
youtube_url: https://www.youtube.com/watch?v=AbCdEfGhIjK
video_id: AbCdEfGhIjK
publish_date: 2024-05-02
keywords:
- roadmap
- hiring
---

# Shipping the first version | Ines Obi

## Transcript

Ines Obi (00:00:00):
The first version we shipped had one screen and no settings at all.

Rowan Hale (00:00:41):
Welcome to the show, Ines. Where did that idea come from?

Ines Obi (00:01:02):
From watching support tickets for a month.

(00:01:30):
Most of them asked for the same export button.
"""

# StaffEng stories: front matter, an HTML date, a link list, questions as bold italic lines,
# the answers below them, and an HTML block of links with entities.
STORY = """---
title: "Ines Obi - Staff Engineer at Quillworks"
url: "/stories/ines-obi"
date: "2022-03-04"
name: "Ines Obi"
role: "Staff Engineer at Quillworks"
---

<span class="date fr">March, 2022</span>
[personal site](https://example.org),
[twitter](https://twitter.com/example)

**_Tell us a little about your current role: where do you work and what do you do?_**

I work at [Quillworks](https://example.org) on the billing platform, mostly on design docs.

**_How did you become a staff engineer?_**

Slowly, and then all at once: a migration nobody wanted to own.

<div class="pull">
<p><strong>Some of Ines&#39;s writing</strong></p>

* [Owning a migration &amp; living to tell](https://example.org/migration)

</div>
"""

# A DataTalks.Club template: placeholders where an episode has values.
TEMPLATE = """---
title: "{{ title }}"
guests: [{{ guest }}]
season: {{ season }}
---
"""


def test_a_podcast_transcript_with_continuations(tmp_path):
    path = tmp_path / "ines-obi.md"
    path.write_text(PODCAST)
    document = read_document(path)
    assert document.format == "timestamped"
    assert document.title == "Shipping the first version | Ines Obi"
    assert document.guests == ["Ines Obi"] and document.date == "2024-05-02"
    assert [(t.speaker, t.start) for t in document.turns] == [
        ("Ines Obi", 0.0),
        ("Rowan Hale", 41.0),
        ("Ines Obi", 62.0),
        ("Ines Obi", 90.0),  # "(00:01:30):" goes on with the speaker before it
    ]
    assert document.turns[3].text == "Most of them asked for the same export button."
    assert document.url_at(90) == "https://www.youtube.com/watch?v=AbCdEfGhIjK&t=90s"
    assert document.warnings == []


def test_a_written_interview_with_embedded_html(tmp_path):
    path = tmp_path / "ines-obi.md"
    path.write_text(STORY)
    document = read_document(path)
    assert document.format == "article"
    speakers = [t.speaker for t in document.turns if t.speaker]
    assert speakers == ["Interviewer", "Ines Obi", "Interviewer", "Ines Obi", "Ines Obi"]
    texts = [t.text for t in document.turns]
    assert "I work at Quillworks on the billing platform, mostly on design docs." in texts
    links = next(t for t in texts if t.startswith("Some of"))
    assert links.startswith("Some of Ines's writing") and "migration & living" in links
    for text in texts:
        assert not any(mark in text for mark in ("<", "&#", "&amp;", "**_", "](http"))


def test_a_template_is_reported_as_one_at_its_first_placeholder(tmp_path):
    path = tmp_path / "_template.md"
    path.write_text(TEMPLATE)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}:2: a template, not a document: its front matter holds the placeholder "
        "{{ title }}; fill it in, or leave the file out"
    )


def test_template_braces_in_a_documents_text_are_no_template(tmp_path):
    path = tmp_path / "dbt.md"
    path.write_text(PODCAST.replace("- hiring", "- '{{ ref() }} in dbt'"))
    assert read_document(path).turns


# ----------------------------------------------------------------------------- archives
def archive(name: str) -> Path:
    path = SHARED / "corpus" / name
    if not path.is_dir():
        pytest.skip(f"{name} archive not found at {path} (../shared is not beside this checkout)")
    return path


@pytest.mark.slow
def test_every_lenny_episode_is_a_timed_conversation_linked_to_its_moments():
    documents = list(read_paths([archive("lenny")]))
    failed = [d for d in documents if isinstance(d, InputError)]
    assert failed == []
    assert len(documents) == len(list(archive("lenny").glob("*.md")))
    turns = [t for d in documents for t in d.turns]
    assert {d.format for d in documents} == {"timestamped"}
    assert all(t.speaker for t in turns)
    assert sum(t.start is not None for t in turns) >= 0.99 * len(turns)
    # Some records carry another episode's title and video: those turns link nowhere rather
    # than to another episode's moment.
    other = [d for d in documents if any("look like another episode's" in w for w in d.warnings)]
    assert 0 < len(other) <= 0.1 * len(documents)
    assert all(d.url is None for d in other)
    kept = [t for d in documents if d not in other for t in d.turns]
    linked = sum(d.url_at(t.start) is not None for d in documents for t in d.turns)
    assert linked >= 0.98 * len(kept)
    assert sum(len({t.speaker for t in d.turns}) >= 2 for d in documents) >= 0.95 * len(documents)


@pytest.mark.slow
def test_every_staffeng_story_is_read_as_questions_and_answers():
    folder = archive("staffeng")
    documents = list(read_paths([folder]))
    assert not [d for d in documents if isinstance(d, InputError)]
    assert len(documents) == len(list(folder.rglob("*.md")))
    stories = [d for d in documents if "/stories/" in Path(d.source).as_posix()]
    assert len(stories) == len(list((folder / "stories").glob("*.md")))
    for story in stories:
        said = Counter(t.speaker for t in story.turns)
        assert said["Interviewer"] >= 3, story.source
        interviewee = [s for s in said if s and s != "Interviewer"]
        assert len(interviewee) == 1 and said[interviewee[0]] > said["Interviewer"], story.source
    for document in documents:
        for turn in document.turns:
            assert not any(m in turn.text for m in ("<div", "<span", "&#39;", "**_")), turn


@pytest.mark.slow
def test_every_datatalksclub_file_that_fails_says_why(corpus_dir):
    reasons: dict[str, str] = defaultdict(str)
    for item in read_paths([corpus_dir]):
        if isinstance(item, InputError):
            reasons[Path(item.path).name] = item.message
    assert reasons["_template.md"].startswith("a template, not a document")
    for name, reason in reasons.items():
        if name != "_template.md":  # the episodes published without a transcript
            assert reason.startswith("no recognisable turns: the front matter has no transcript")
            text = (corpus_dir / name).read_text(encoding="utf-8")
            assert "transcript:" not in json.dumps(text.split("---")[1])
