"""Which discovered noun phrases are concepts: the shape of a term, recurrence, and how
common a single word is in everyday English."""

from __future__ import annotations

import pytest

from kgraph.extract.patterns import load_gazetteer
from kgraph.extract.topics import keep_discovered


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(None)


@pytest.mark.parametrize(
    ("key", "count", "kept"),
    [
        ("churn", 2, True),  # rare in everyday English, said twice: a topic
        ("freemium", 3, True),
        ("churn", 1, False),  # said once: not enough
        ("phone", 6, False),  # common words are no topic however often said
        ("lunch", 3, False),
        ("addition", 9, False),  # abstract but among the most common words
        ("pricing", 5, True),  # abstract, recurring, not among the most common
        ("thing", 20, False),
    ],
)
def test_a_single_word_is_a_concept_when_it_recurs_and_is_rare_in_english(
    gazetteer, key, count, kept
) -> None:
    assert keep_discovered(gazetteer, key, count) is kept


def test_a_two_noun_compound_said_once_is_a_concept_an_adjective_phrase_is_not(
    gazetteer,
) -> None:
    assert keep_discovered(gazetteer, "code ownership", 1, compound=True)
    assert not keep_discovered(gazetteer, "wider lens", 1, compound=False)
    assert keep_discovered(gazetteer, "wider lens", 2, compound=False)  # it recurs


def concept_keys(nlp, text: str) -> set[str]:
    from kgraph.extract.labels import CONCEPT_SPANS

    doc = nlp(text)
    return {s.kb_id_ for s in doc.spans[CONCEPT_SPANS] if s.label_ == "CONCEPT"}


@pytest.mark.slow
def test_a_candidate_is_one_noun_phrase_of_the_parse(nlp) -> None:
    # a noun used as an adverb is no part of the phrase before it
    keys = concept_keys(nlp, "We grew revenue today and the board meeting tomorrow went well.")
    assert "board meeting" in keys
    assert not {k for k in keys if "today" in k or "tomorrow" in k}
    # two nouns of two phrases side by side make no candidate
    keys = concept_keys(nlp, "We did it for the community several years ago.")
    assert not {k for k in keys if k.startswith("community")}
    # a compound of the parse stays whole
    assert "release calendar" in concept_keys(nlp, "The release calendar matters to every team.")
