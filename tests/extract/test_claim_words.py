"""The claim rules' vocabulary (kgraph/data/claims.yaml): loaded once per gazetteer,
extended by a user patterns file, mistakes reported with file and line; and the rule
registry, to which a new predicate is one rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import PatternsError
from kgraph.extract.claims import Rule, find_claims, lexicon_of
from kgraph.extract.claims.base import ref_of
from kgraph.extract.claims.registry import RULES
from kgraph.extract.patterns import load_gazetteer


def test_claim_words_defaults_load_once_per_gazetteer() -> None:
    g = load_gazetteer()
    words = lexicon_of(g)
    assert lexicon_of(g) is words
    assert "join" in words.employment_verbs and "graduate" in words.study_verbs
    assert words.advise.search("You should write it down")
    assert words.recommend.search("I really liked that book")
    assert not words.recommend.search("a recommendation engine")
    assert words.hosting_lead.search("Welcome to the ")


def test_claim_words_user_file_extends_lists(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "claim_words:\n  employment_verbs: [apprentice]\nclaim_cues:\n  advise: ['you ought to']\n",
        encoding="utf-8",
    )
    words = lexicon_of(load_gazetteer(user))
    assert {"apprentice", "join"} <= words.employment_verbs
    assert words.advise.search("You ought to try it") and words.advise.search("make sure")
    assert not lexicon_of(load_gazetteer()).advise.search("You ought to try it")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("claim_words:\n  employment_verb: [apprentice]\n", 2, "unknown claim_words list"),
        ("claim_cues:\n  advise:\n    - ok\n    - 'you (ought'\n", 4, "bad regex"),
        ("claim_words:\n  - work\n", 2, "must be a mapping"),
    ],
)
def test_claim_words_mistakes_name_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(PatternsError) as info:
        load_gazetteer(bad)
    assert info.value.line == line
    assert fragment in str(info.value)


def test_claim_rules_each_names_its_predicates() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    predicates = {p for rule in RULES for p in rule.predicates}
    assert {"works_at", "worked_at", "works_as", "studied_at", "founded", "wrote"} <= predicates
    assert {"recommends", "advises", "hosts", "interviews", "compares_to", "part_of"} <= predicates
    for rule in RULES:
        assert rule.entity or rule.sentence or rule.turn, rule.name
        assert not rule.entity or rule.labels, rule.name


def test_claim_rules_a_new_predicate_is_one_rule(blank_nlp) -> None:
    """A rule added to the registry runs with the others, on every sentence."""
    nlp = blank_nlp.__class__(vocab=blank_nlp.vocab)  # a copy with a sentencizer
    for name in blank_nlp.pipe_names:
        nlp.add_pipe(name, source=blank_nlp)
    nlp.add_pipe("sentencizer", first=True)

    def teaches(ctx, sent, text):
        if "teach" in text.lower():
            for ent in sent.ents:
                if ent.label_ == "CONCEPT":
                    ctx.add(ctx.speaker, "teaches", ref_of(ent), text)

    rule = Rule("teaching", ("teaches",), sentence=teaches)
    doc = nlp("I teach people to write design docs. Design docs are long.")
    found = find_claims(doc, "Ana", None, 5, rules=(*RULES, rule))
    assert [(c.subject.key, c.predicate, c.object.key) for c in found] == [
        ("Ana", "teaches", "design doc")
    ]
    assert not find_claims(doc, "Ana", None, 5)
