"""Career facts told in lists, relative clauses and a host's "you" (needs the trained
pipeline: slow)."""

from __future__ import annotations

import pytest

from kgraph.extract.claims import find_claims

pytestmark = pytest.mark.slow


def jobs(nlp, text: str, speaker: str = "Ana", guest: str | None = None) -> set[tuple]:
    found = find_claims(nlp(text), speaker, guest, 4)
    return {(c.subject.key, c.predicate, c.object.key) for c in found if not c.negated}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each item of a list of roles at organizations is a role held there
        (
            "I was a data analyst at Spotify, a PM at Uber, and a director at Lyft.",
            {
                ("Ana", "worked_as", "data analyst"),
                ("Ana", "worked_as", "product manager"),
                ("Ana", "worked_as", "director"),
                ("Ana", "worked_at", "Uber"),
            },
        ),
        # an organization the parser made a modifier of the next item is still where one works
        (
            "I am a staff engineer at Medium and team lead of payments.",
            {("Ana", "works_as", "staff engineer"), ("Ana", "works_at", "Medium")},
        ),
        # a founding engineer holds a role, founds nothing
        (
            "As a founding engineer, I learnt to ship fast.",
            {("Ana", "worked_as", "founding engineer")},
        ),
    ],
)
def test_jobs_in_lists(nlp, text: str, expected: set) -> None:
    found = jobs(nlp, text)
    assert expected <= found
    assert not {c for c in found if c[1] == "founded"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "That is why I went to Zalando, where I was responsible for pricing.",
            {("Ana", "worked_at", "Zalando")},
        ),
        ("I moved over to Twitter, where I spent four years.", {("Ana", "worked_at", "Twitter")}),
        ("I went to Zalando, where I was a customer.", set()),
        ("I went to Zalando, where I would work on pricing.", set()),
    ],
)
def test_jobs_in_a_where_clause(nlp, text: str, expected: set) -> None:
    found = {c for c in jobs(nlp, text) if c[1] in ("works_at", "worked_at")}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You work at Omdena.", {("Dana Lee", "works_at", "Omdena")}),
        (
            "You were head of growth at Grammarly.",
            {("Dana Lee", "worked_as", "head of growth"), ("Dana Lee", "worked_at", "Grammarly")},
        ),
        ("You spent six years at Stripe.", {("Dana Lee", "worked_at", "Stripe")}),
        # anyone's "you": a scene, a supposition, a role at no organization, two people
        ("When you work at Google, you get free food.", set()),
        ("If you're a PM at Google, you have support.", set()),
        ("So you're a PM, and you want to ship faster.", set()),
        ("You and I both worked at Airbnb.", set()),
    ],
)
def test_jobs_a_host_tells_the_guest(nlp, text: str, expected: set) -> None:
    found = jobs(nlp, text, speaker="Lenny", guest="Dana Lee")
    assert {c for c in found if c[1] in JOBS} == expected


def test_jobs_a_guest_saying_you_speaks_of_no_one_known(nlp) -> None:
    assert not jobs(nlp, "You work at Omdena.", speaker="Dana Lee", guest=None)


def test_jobs_a_list_ending_in_now_holds_its_last_item_now(nlp) -> None:
    found = jobs(nlp, "I've been at Salesforce, MuleSoft, Atlassian, and Confluent now.")
    assert {c for c in found if c[1] in JOBS} == {
        ("Ana", "worked_at", "Salesforce"),
        ("Ana", "worked_at", "MuleSoft"),
        ("Ana", "worked_at", "Atlassian"),
        ("Ana", "works_at", "Confluent"),
    }


def test_jobs_a_role_at_heart_is_no_list_item(nlp) -> None:
    text = "I'm a programmer by training and still a programmer at heart."
    assert not {c for c in jobs(nlp, text) if c[1] in JOBS}


JOBS = ("works_at", "worked_at", "works_as", "worked_as")
