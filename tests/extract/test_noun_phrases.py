"""The concept finder's noun phrases are those spaCy's Matcher finds for its pattern."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

PHRASE_WORDS = [("ADJ", "JJ"), ("NOUN", "NN"), ("NOUN", "VBG"), ("PROPN", "NNP")]
OTHER = ("VERB", "VB")
# runs of noun-phrase words of any length up to past two pieces of LONGEST_RUN words
RUNS = st.lists(st.lists(st.sampled_from(PHRASE_WORDS), max_size=40), max_size=4)


def _matcher_phrases(nlp, doc) -> list[tuple[int, int]]:
    """The noun phrases as spaCy's Matcher finds them, long runs matched in pieces."""
    from spacy.matcher import Matcher

    from kgraph.extract.spans import bounded_matches

    matcher = Matcher(nlp.vocab)
    pattern = [
        {"POS": {"IN": ["ADJ", "NOUN", "PROPN"]}, "OP": "*"},
        {"POS": "NOUN", "TAG": {"NOT_IN": ["VBG"]}},
    ]
    matcher.add("NP", [pattern], greedy="LONGEST")

    def in_run(token) -> bool:
        return token.pos_ in ("ADJ", "NOUN", "PROPN")

    return [(start, end) for _, start, end in bounded_matches(matcher, doc, in_run)]


@settings(max_examples=200, deadline=None)
@given(RUNS)
def test_noun_phrases_are_the_matchers_longest_matches_in_its_order(blank_nlp, runs) -> None:
    from spacy.tokens import Doc

    from kgraph.extract.concepts import ConceptFinder

    finder = ConceptFinder(blank_nlp, "concepts")
    words = [w for run in runs for w in [*run, OTHER]]
    doc = Doc(
        blank_nlp.vocab,
        words=[f"w{i}" for i in range(len(words))],
        pos=[pos for pos, _ in words],
        tags=[tag for _, tag in words],
    )
    assert finder.noun_phrases(doc) == _matcher_phrases(blank_nlp, doc)
