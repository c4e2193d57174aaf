"""The indexed attribute ruler finds exactly the AttributeRuler's matches, in its order."""

from __future__ import annotations

import pytest

from kgraph.extract.attributes import FastAttributeRuler, accelerate_attribute_ruler

CHECKED = ["POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD"]

RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": "cat"}]], "attrs": {"POS": "VERB"}},  # overridden by the next
    {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["cat", "dog"]}}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {
        "patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "'s"]}}]],
        "attrs": {"POS": "VERB"},
        "index": -1,
    },
    {
        "patterns": [[{"TAG": "VBD", "LOWER": "got"}], [{"TAG": "VBZ", "LOWER": "gets"}]],
        "attrs": {"LEMMA": "get"},
    },
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {
        "patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]],
        "attrs": {"POS": "AUX"},
    },
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {
        "patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]],
        "attrs": {"LEMMA": "much"},
        "index": -1,
    },
]
"""Hand-written rules: tag-map and word rules, an override (rule 2 after rule 1), two-token
rules with both indices, alternatives, REGEX / NOT_IN predicates (one rule with no value
to look up), whitespace rules, and an
operator shape the index leaves to the Matcher."""


def _blank_ruler():
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)
    return nlp, ruler


def _doc(nlp, rows: list[tuple[str, str, str, int]]):
    from spacy.tokens import Doc

    words = [w for w, _, _, _ in rows]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[not w.isspace() for w in words],
        tags=[t for _, t, _, _ in rows],
        deps=[d for _, _, d, _ in rows],
        heads=[h for _, _, _, h in rows],
    )


def _same_after(doc, ruler, fast) -> None:
    assert fast.match(doc) == ruler.match(doc)
    expected, got = doc.copy(), doc.copy()
    ruler(expected)
    fast(got)
    assert (got.to_array(CHECKED) == expected.to_array(CHECKED)).all()


def test_matches_and_annotations_equal_the_attribute_ruler():
    nlp, ruler = _blank_ruler()
    fast = FastAttributeRuler(nlp, ruler=ruler)
    doc = _doc(
        nlp,
        [
            ("There", "EX", "expl", 1),
            ("'s", "VBZ", "ROOT", 1),
            ("a", "DT", "det", 3),
            ("cat", "NN", "attr", 1),
            ("\n\n", "_SP", "dep", 3),
            ("Y'", "PRP", "nsubj", 7),
            ("all", "DT", "appos", 5),
            ("got", "VBD", "ROOT", 7),
            ("gon", "VBG", "xcomp", 7),
            ("na", "TO", "aux", 10),
            ("run", "VB", "xcomp", 8),
            ("very", "RB", "advmod", 13),
            ("very", "RB", "advmod", 13),
            ("nice", "JJ", "acomp", 7),
            ("dogs", "NNS", "dobj", 7),
            ("y", "PRP", "nsubj", 16),
            ("all", "DT", "ROOT", 16),
            ("Nothin'", "NN", "npadvmod", 16),
        ],
    )
    _same_after(doc, ruler, fast)
    assert fast.unindexed == 1  # the "+" operator rule runs on the fallback Matcher
    fast(doc)
    assert doc[3].pos_ == "PROPN"  # the later rule wins over the earlier word rule
    assert [doc[8].lemma_, doc[9].lemma_] == ["go", "to"]
    assert doc[1].pos_ == "VERB" and doc[7].lemma_ == "get"
    assert doc[5].lemma_ == "you" and doc[15].lemma_ == "you" and doc[17].lemma_ == "nothing"
    assert doc[4].pos_ == "SPACE" and doc[13].lemma_ == "much"
    assert doc[9].pos_ == "" and doc[14].pos_ == ""  # "TO" excluded; NNS has no rule


def test_index_follows_rules_added_later():
    nlp, ruler = _blank_ruler()
    fast = FastAttributeRuler(nlp, ruler=ruler)
    doc = _doc(nlp, [("dogs", "NNS", "ROOT", 0)])
    assert fast.match(doc) == []
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN"})
    _same_after(doc, ruler, fast)
    assert fast.match(doc)
    ruler.initialize(
        lambda: [], patterns=[{"patterns": [[{"LOWER": "dogs"}]], "attrs": {"POS": "X"}}]
    )
    _same_after(doc, ruler, fast)  # cleared and refilled: the index is rebuilt
    fast(doc)
    assert doc[0].pos_ == "X"


def test_empty_doc_and_missing_annotation():
    from spacy.tokens import Doc

    nlp, ruler = _blank_ruler()
    fast = FastAttributeRuler(nlp, ruler=ruler)
    _same_after(Doc(nlp.vocab, words=[]), ruler, fast)
    _same_after(nlp.make_doc("gon na be a cat  \n y all"), ruler, fast)  # no tags, no parse


def test_accelerate_keeps_name_and_position():
    import spacy

    nlp, ruler = _blank_ruler()
    nlp.add_pipe("sentencizer", first=True)
    assert accelerate_attribute_ruler(nlp)
    assert nlp.pipe_names == ["sentencizer", "attribute_ruler"]
    fast = nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, FastAttributeRuler) and fast.ruler is ruler
    assert not accelerate_attribute_ruler(nlp)  # already fast: nothing to do
    bare = spacy.blank("en")
    assert not accelerate_attribute_ruler(bare) and bare.pipe_names == []


TEXTS = [
    "I'm sure you don't know what I'd done, but it's John's book and he's gonna read it.",
    "Let's go! Y'all gotta see this, c'mon. We ain't got nothin' to lose, ain't we?",
    "There's a reason there are so many questions. Is it that hard? It isn't.",
    "Give it to me, then tell him and her about us; they said you'd give it to them.",
    "  Hello\n\nworld  \t with   odd    spacing\n- item one\n- item two  ",
    "She has had it. Does he do that? Whether or not we have, that which was done... (e.g. MLOps).",
    "Which one? That one! Those were the days -- 42% of 3.5k users, $10, https://example.com.",
]


@pytest.mark.slow
def test_trained_ruler_equal_on_varied_text(nlp):
    fast = nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, FastAttributeRuler)
    ruler = fast.ruler
    for text in TEXTS:
        doc = nlp.make_doc(text)
        for name in nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]:
            doc = nlp.get_pipe(name)(doc)
        assert doc.has_annotation("DEP")
        _same_after(doc, ruler, fast)
    assert fast.unindexed == 0  # every en_core_web_sm rule shape is indexed


@pytest.mark.slow
def test_pipeline_keeps_the_models_component_order(nlp):
    import spacy

    from kgraph.extract.nlp import default_model

    bare = spacy.load(default_model())
    model_order = [n for n in nlp.pipe_names if n in bare.pipe_names]
    assert model_order == bare.pipe_names
