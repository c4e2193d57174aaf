"""Claims between people and shows, and between two things (needs the trained pipeline:
slow). Synthetic sentences."""

from __future__ import annotations

import pytest

from kgraph.extract.claims import find_claims

pytestmark = pytest.mark.slow


def claims(nlp, text: str, speaker: str | None = "Ana", guest: str | None = None, turn: int = 9):
    found = find_claims(nlp(text), speaker, guest, turn)
    return {(c.subject.key, c.predicate, c.object.key, c.negated) for c in found}


def of(found: set, predicate: str) -> set:
    return {(s, o) for s, p, o, _ in found if p == predicate}


@pytest.mark.parametrize(
    ("text", "guest", "interviewed"),
    [
        # after a cold open and ads, the host welcomes the guest by first or full name
        ("Maria, welcome to the podcast.", "Maria Lopez", {("Host", "Maria Lopez")}),
        (
            "Maria Lopez, thank you so much for being here.",
            "Maria Lopez",
            {("Host", "Maria Lopez")},
        ),
        # someone else welcomed late in an episode is no guest of the show
        ("Sarah, welcome to the team.", "Maria Lopez", set()),
        ("Maria, welcome to the podcast.", None, set()),
    ],
)
def test_a_host_welcoming_their_guest_interviews_them(nlp, text, guest, interviewed) -> None:
    assert of(claims(nlp, text, speaker="Host", guest=guest, turn=12), "interviews") == interviewed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last year I interviewed Maria Lopez for my newsletter.", {("Ana", "Maria Lopez")}),
        ("I was interviewing with Maria Lopez for a job at her startup.", set()),  # a candidate
        ("I was interviewed by Maria Lopez for her newsletter.", set()),
    ],
)
def test_interviewing_someone_is_not_being_interviewed(nlp, text, expected) -> None:
    assert of(claims(nlp, text), "interviews") == expected


@pytest.mark.parametrize(
    ("text", "speaker", "hosted"),
    [
        ("Welcome to Ana's Podcast.", "Ana", {("Ana", "Ana's Podcast")}),
        (
            "Hey everyone, welcome to Ana\u2019s podcast.",
            "Ana Silva",
            {("Ana Silva", "Ana’s podcast")},
        ),
        ("Welcome to Ana's Podcast.", "Maria", set()),  # a guest naming the host's show
        ("Ana's Podcast listeners get a discount.", "Ana", set()),
        ("I host a show with my cofounder Maria Lopez.", "Ana", set()),  # a co-host
    ],
)
def test_a_host_hosts_the_show_named_after_them(nlp, text, speaker, hosted) -> None:
    assert of(claims(nlp, text, speaker=speaker, turn=20), "hosts") == hosted


THING_RELATIONS = {"compares_to", "part_of", "requires", "leads_to"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "unlike A, B ...": B, the clause's subject, is compared to A
        (
            "Unlike data scientists, data engineers build pipelines.",
            {("data engineer", "compares_to", "data scientist")},
        ),
        ("Unlike data scientists, you build pipelines.", set()),
        (
            "The godmother of machine learning, unlike most data scientists, is an optimist.",
            set(),
        ),
        ("A staff engineer is like a tech lead.", {("staff engineer", "compares_to", "tech lead")}),
        ("I like data engineers and data scientists.", set()),
    ],
)
def test_unlike_and_is_like_compare(nlp, text, expected) -> None:
    found = {(s, p, o) for s, p, o, _ in claims(nlp, text, speaker=None) if p in THING_RELATIONS}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("To become a data engineer, you need SQL.", {("data engineer", "SQL")}),
        (
            "If you want to become a data scientist, you need to learn statistics.",
            {("data scientist", "statistics")},
        ),
        (
            "As a data engineer you need Python and Spark.",
            {("data engineer", "Python"), ("data engineer", "Spark")},
        ),
        # said of oneself, or what the clause is about rather than what is needed
        ("As a data engineer, I need Python.", set()),
        (
            "As a data engineer, you need to think about it when you design the data pipeline.",
            set(),
        ),
        # a question asserts nothing
        ("Does a developer advocate always need to be a good teacher?", set()),
    ],
)
def test_what_it_takes_to_become_a_role(nlp, text, expected) -> None:
    assert of(claims(nlp, text, speaker=None), "requires") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mock interviews help you get a job offer.", {("mock interview", "job offer")}),
        ("Mock interviews helped me land a job offer.", {("mock interview", "job offer")}),
        ("A data engineer can help them land the pull request.", set()),  # a person helping
        ("Mock interviews help you with the job offer.", set()),
    ],
)
def test_what_helps_you_get_something_leads_to_it(nlp, text, expected) -> None:
    assert of(claims(nlp, text, speaker=None), "leads_to") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Instagram is part of Meta.", {("Instagram", "Meta")}),
        ("Code review is a part of onboarding.", {("code review", "onboarding")}),
        ("I worked at Instagram and later at Meta.", set()),
    ],
)
def test_part_of(nlp, text, expected) -> None:
    assert of(claims(nlp, text, speaker=None), "part_of") == expected


@pytest.mark.parametrize(
    ("text", "schools"),
    [
        ("I went to MIT because of its math department.", {"MIT"}),
        ("I dropped out of Reed College after a year.", {"Reed College"}),
        ("I went to Google for a meeting.", set()),  # no school
        ("I wish I had graduated from Harvard University.", set()),  # wished
        ("My daughter wants to study at Oxford University.", set()),
    ],
)
def test_went_to_a_school_studied_there(nlp, text, schools) -> None:
    assert {o for _, o in of(claims(nlp, text), "studied_at")} == schools


@pytest.mark.parametrize(
    "text",
    [
        "We went to Stanford University and asked a bunch of professors.",  # a visit
        "I went to a lecture at Stanford University about networks.",
    ],
)
def test_a_visit_to_a_school_is_no_study(nlp, text) -> None:
    assert not of(claims(nlp, text), "studied_at")


@pytest.mark.parametrize(
    ("text", "hosted"),
    [
        ("Welcome to the Acme Data podcast.", {"Acme Data"}),
        # "our" before an organization that names a team, not a show
        ("I'm an engineer, focusing on our Acme Data and Tools team.", set()),
    ],
)
def test_in_the_opening_turns_only_a_show_is_hosted(nlp, text, hosted) -> None:
    found = claims(nlp, text, speaker="Ana", turn=2)
    assert {o for s, o in of(found, "hosts")} == hosted
