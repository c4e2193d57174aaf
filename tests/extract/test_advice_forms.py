"""Forms of advice besides "you should X": a judged thing that is named as what matters
most, an imperative the tagger reads as a noun, "it helps to X", "my tip is X", and "I'd
say X" in answer to a request for advice (synthetic sentences)."""

from __future__ import annotations

import pytest

from kgraph.extract.claims import find_claims
from kgraph.model import Document, Turn

pytestmark = pytest.mark.slow


def advised(nlp, text: str) -> set[tuple[str, str, bool]]:
    found = find_claims(nlp(text), "Ana", None, 9)
    return {
        (c.predicate, c.object.key, c.negated)
        for c in found
        if c.predicate in ("advises", "recommends")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The most important thing is SQL.", ("advises", "SQL", False)),
        ("What matters most is system design.", ("advises", "system design", False)),
        ("The key is SQL.", ("advises", "SQL", False)),
        ("Focus on SQL.", ("advises", "SQL", False)),
        ("Build side projects in your free time.", ("advises", "side project", False)),
        ("Practice system design every week.", ("advises", "system design", False)),
        ("It pays to invest in open source.", ("advises", "open source", False)),
        ("It helps to learn SQL early.", ("advises", "SQL", False)),
        ("My tip is to build a portfolio.", ("advises", "portfolio", False)),
        ("So I'd say the most important thing is SQL.", ("advises", "SQL", False)),
        ("It helps to have a portfolio.", ("advises", "portfolio", False)),
        ("You really need to do mock interviews.", ("advises", "mock interview", False)),
        ("You just have to write a design doc.", ("advises", "design doc", False)),
        ("You've got to practice system design.", ("advises", "system design", False)),
        ("You gotta keep a portfolio.", ("advises", "portfolio", False)),
        ("What helped me most was mock interviews.", ("advises", "mock interview", False)),
        ("The thing that helped me most was SQL.", ("advises", "SQL", False)),
        ("Track your progress using a portfolio.", ("advises", "portfolio", False)),
        ("Having a portfolio helps a lot.", ("advises", "portfolio", False)),
        ("And doing mock interviews really helps.", ("advises", "mock interview", False)),
    ],
)
def test_advice_forms_advise_what_they_name(nlp, text: str, expected: tuple) -> None:
    assert expected in advised(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Focus is what our SQL team lacks.",  # a noun, the subject of its verb
        "Practice makes SQL easy.",
        "The most important thing for me was SQL.",  # a story of the speaker's own
        "I'd say SQL is overrated by some.",  # an opinion, and no question asked for advice
        "To most companies, the most important thing is SQL.",  # not at its sentence's start
        "It helps to determine SQL performance.",  # "it" is a thing that helps
        "Join SQL communities.",  # SQL only says which communities
        "Network Mentorship Program.",  # a name, not a sentence
        "Master SQL, Python & data observability with guidance on",  # a blurb, cut off
        "At that company, you got to do code reviews with great people.",  # "got to": a chance had
        "What helped me most was my manager, who taught me SQL.",  # a person, told
        "Learn it while doing side projects at work.",  # "while": a setting, not a means
        "SQL is key for analysts.",  # a judgement, no question asked for advice
        "Having a portfolio doesn't help.",  # negated
        # a definition framed as one, not advice
        "The way I describe system design is, you've got to build the right system.",
        "Having a portfolio helped me get the job.",  # a story
        "These key metrics tell you about system design.",  # "key" names which metrics
    ],
)
def test_advice_forms_leave_out_look_alikes(nlp, text: str) -> None:
    assert not {a for a in advised(nlp, text) if not a[2]}


def interview(*texts: tuple[str, str]) -> Document:
    turns = [Turn("q", i, s, float(i), None, x) for i, (s, x) in enumerate(texts)]
    return Document("q", "Q", "frontmatter", "q.md", turns, guests=["Rosa Ortega"])


def claims_of(extractor, *texts: tuple[str, str]) -> set[tuple[str, str, str, bool]]:
    claims = extractor.extract(interview(*texts)).claims
    return {(c.subject.key, c.predicate, c.object.key, c.negated) for c in claims}


def test_i_would_say_names_the_advice_asked_for(extractor) -> None:
    claims = claims_of(
        extractor,
        ("Host", "What would you advise someone who starts out as an analyst?"),
        ("Rosa Ortega", "I'd say SQL, honestly."),
        ("Host", "And what did you do last weekend?"),
        ("Rosa Ortega", "I would say Python."),
    )
    assert ("Rosa Ortega", "advises", "SQL", False) in claims
    assert not any(c[2] == "Python" for c in claims)


def test_a_reason_is_not_what_is_advised(nlp) -> None:
    assert not advised(nlp, "Try to build a team across PMs because the SQL you get.")


def test_a_judgement_answers_a_request_for_the_trick(extractor) -> None:
    """ "X is key" in an answer to "is there a trick?" names the advice asked for."""
    claims = claims_of(
        extractor,
        ("Host", "Is there a secret trick that works in these competitions?"),
        ("Rosa Ortega", "There's no single trick, but careful validation is key."),
    )
    assert ("Rosa Ortega", "advises", "validation", False) in claims
