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
