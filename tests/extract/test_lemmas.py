"""MemoLemmatizer: the trained pipeline's rule lemmatizer, each key lemmatized once, must
give spaCy's own lemmas."""

from __future__ import annotations

import pytest

from kgraph.extract.lemmas import MemoLemmatizer, memoise_lemmatizer

TEXTS = [
    "She was running to the stores, and the children were buying better books.",
    "He had written three design docs; the reviewers rejected most of them.",
    "Studies show mice, geese and leaves: we're going, they've gone, I'd gone too.",
    "Running runs ran. Running runs ran again! The running man's runs were the best.",
    "  Hello\n\nworld  \t with   odd    spacing\n- items one\n- items two  ",
    "Staff engineers mentored juniors who'd interviewed at Googles and Amazons of the world.",
]


def _annotated_until_lemmas(nlp, text):
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names[: nlp.pipe_names.index("lemmatizer")]:
        doc = nlp.get_pipe(name)(doc)
    return doc


@pytest.mark.slow
def test_same_lemmas_as_spacys_lemmatizer(nlp):
    memo = nlp.get_pipe("lemmatizer")
    assert isinstance(memo, MemoLemmatizer)
    for _ in range(2):  # the second time every key comes from the memo
        for text in TEXTS:
            ours = memo(_annotated_until_lemmas(nlp, text))
            theirs = memo.lemmatizer(_annotated_until_lemmas(nlp, text))
            assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs], text
    assert memo.memo  # the keys were kept


@pytest.mark.slow
def test_keeps_lemmas_set_before_and_empty_docs(nlp):
    memo = nlp.get_pipe("lemmatizer")
    doc = _annotated_until_lemmas(nlp, "They were writing.")
    doc[1].lemma_ = "BE-SET-EARLIER"
    assert [t.lemma_ for t in memo(doc)] == ["they", "BE-SET-EARLIER", "write", "."]
    assert len(memo(nlp.make_doc(""))) == 0


def test_memoise_only_a_rule_lemmatizer():
    import spacy

    bare = spacy.blank("en")
    assert not memoise_lemmatizer(bare) and bare.pipe_names == []
    bare.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not memoise_lemmatizer(bare)  # lookup mode: one look-up already
    assert type(bare.get_pipe("lemmatizer")).__name__ != "MemoLemmatizer"
