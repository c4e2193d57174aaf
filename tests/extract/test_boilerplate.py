"""Boilerplate: sponsor reads and calls to action give no claims and no co-mentions."""

from __future__ import annotations

import pytest

from kgraph.extract.boilerplate import (
    ELLIPSIS_GAP,
    cues_of,
    find_boilerplate,
    is_boilerplate,
    mark_windows,
    window_of,
)
from kgraph.extract.patterns import load_gazetteer


@pytest.fixture(scope="module")
def split():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def marked(split, turns: list[tuple[str, str]]) -> list[list[str]]:
    """The boilerplate sentences of each (speaker, text) turn."""
    parsed = [split(text) for _, text in turns]
    found = find_boilerplate([s for s, _ in turns], parsed, cues_of(load_gazetteer()))
    return [[s.text for s in d.sents if s.start in f] for d, f in zip(parsed, found, strict=True)]


def test_boilerplate_a_sponsor_read_runs_from_its_cue_to_its_link(split) -> None:
    turns = [
        ("Host", "Great point. This episode is brought to you by Acme. Acme tracks your bugs."),
        ("Host", "Teams love it. Get 20% off at acme.com/show. So, back to hiring."),
        ("Guest", "Sure. We hired a staff engineer."),
    ]
    assert marked(split, turns) == [
        ["This episode is brought to you by Acme.", "Acme tracks your bugs."],
        ["Teams love it.", "Get 20% off at acme.com/show."],
        [],
    ]


def test_boilerplate_a_sponsor_read_ends_at_its_brand_site(split) -> None:
    turns = [
        ("Host", "This episode is brought to you by Zorbly. Your docs should be alive."),
        ("Host", "Learn how teams trust Zorbly today at zorbly.com. Anyway, hiring."),
    ]
    assert marked(split, turns) == [
        ["This episode is brought to you by Zorbly.", "Your docs should be alive."],
        ["Learn how teams trust Zorbly today at zorbly.com."],
    ]
    other = [("Host", "This study was supported by Zorbly. Read it at example.com. Anyway.")]
    assert marked(split, other) == [[]]


def test_boilerplate_a_sponsor_named_as_one_is_one_sentence(split) -> None:
    turns = [
        (
            "Host",
            "Today my guest is Ada Moss. Ada is CEO of Zorbly, one of our longtime"
            " podcast sponsors. Welcome, Ada.",
        ),
        ("Host", "This episode is brought to you by Zorbly and I'm excited to have Ada here."),
        ("Guest", "Thanks. I sponsor two engineers at Zorbly."),
    ]
    assert marked(split, turns) == [
        ["Ada is CEO of Zorbly, one of our longtime podcast sponsors."],
        ["This episode is brought to you by Zorbly and I'm excited to have Ada here."],
        [],
    ]


def test_boilerplate_a_cue_without_a_link_is_content(split) -> None:
    turns = [("Guest", "Meditation is supported by studies. It helped me focus. I love it.")]
    assert marked(split, turns) == [[]]


def test_boilerplate_an_offer_marks_its_paragraph_and_the_brand_before(split) -> None:
    turns = [
        ("Host", "We talked about hiring. That's where Vanta comes in. Vanta automates SOC 2."),
        ("Host", "It is fast. Get $1,000 off at vanta.com/show."),
    ]
    assert marked(split, turns) == [
        ["That's where Vanta comes in.", "Vanta automates SOC 2."],
        ["It is fast.", "Get $1,000 off at vanta.com/show."],
    ]


def test_boilerplate_calls_to_action_are_single_sentences(split) -> None:
    turns = [
        (
            "Host",
            "Thanks for coming. If you enjoyed it, subscribe to the show on Spotify. "
            "Also leave us a review. See you.",
        ),
        ("Guest", "I subscribe to the view that code review matters."),
    ]
    assert marked(split, turns) == [
        ["If you enjoyed it, subscribe to the show on Spotify.", "Also leave us a review."],
        [],
    ]


def test_boilerplate_windows_skip_it_and_gap_an_ellipsis(split) -> None:
    doc = split("I used Spark. Then Airflow… and Kafka. Subscribe to the show on Spotify.")
    ad = {s.start for s in doc.sents if "Subscribe" in s.text}
    mark_windows(doc, ad)
    spark, airflow, kafka, spotify = (
        next(doc[t.i : t.i + 1] for t in doc if t.text == name)
        for name in ("Spark", "Airflow", "Kafka", "Spotify")
    )
    assert window_of(airflow) == window_of(spark) + 1
    assert window_of(kafka) == window_of(airflow) + ELLIPSIS_GAP
    assert window_of(spotify) is None
    assert [is_boilerplate(s) for s in doc.sents] == [False, False, True]


@pytest.mark.slow
def test_boilerplate_gives_no_claims(extractor) -> None:
    from kgraph.model import Document, Turn

    text = (
        "This episode is brought to you by Acme. Design docs are a great tool, and Acme "
        "writes them for you. Get 20% off at acme.com/show."
    )
    advice = "I recommend design docs."
    turns = [Turn("ep", i, "Host", None, None, t) for i, t in enumerate([text, advice])]
    found = extractor.extract(Document("ep", "Ep", "colon", "ep.txt", turns=turns))
    assert [(c.turn, c.predicate, c.object.key) for c in found.claims] == [
        (1, "recommends", "design doc")
    ]
    assert {m.turn for m in found.mentions if m.key == "Acme"} == {0}  # still mentioned


def test_boilerplate_windows_skip_a_transcribers_note(split) -> None:
    doc = split(
        "[Ana agrees] So you use Kafka, [Lara Hogan] said (crosstalk) and Spark. [Ben laughs]"
    )
    mark_windows(doc, set(), cues_of(load_gazetteer()).stage_note)
    windows = {t.text: w for t, w in zip(doc, doc.user_data["kgraph_windows"], strict=True)}
    assert windows["Ana"] is None and windows["Ben"] is None and windows["crosstalk"] is None
    # a link's text in brackets is no note: what it names is related as ever
    assert windows["Lara"] == windows["Kafka"] == windows["Spark"] is not None


def test_boilerplate_windows_gap_an_articles_lines(split) -> None:
    from kgraph.extract.texts import line_sentences

    doc = line_sentences(split, "I use Spark and Kafka\nAirflow")
    mark_windows(doc, set(), lines_apart=True)
    spark, kafka, airflow = (doc[t.i : t.i + 1] for t in doc if t.text[:1].isupper() and t.i)
    assert window_of(spark) == window_of(kafka)
    assert window_of(airflow) == window_of(kafka) + 1 + ELLIPSIS_GAP
