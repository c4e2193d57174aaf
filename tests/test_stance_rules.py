"""Which quotes take a side in a disagreement: advice against a thing whole (not limited to
some uses), by a verb of doing it; the thing itself named (not qualifying another noun,
not framed, not asked for the speaker, not what another verb acts on); an imperative
with no subject; and more ways of advising against ("you don't need X", "there's no need
for X", "be skeptical of X", "stop focusing on X")."""

from __future__ import annotations

import pytest

from kgraph.answers import contested
from kgraph.answers.stance import AGAINST, FOR, NONE, stance
from kgraph.graph import build_graph
from kgraph.model import DocumentInfo, Entity, Evidence, KnowledgeBase


@pytest.mark.parametrize(
    ("quote", "forms", "expected"),
    [
        # a limit to some of it or some uses is no rejection
        ("You shouldn't write a design doc like this for everything.", ["design doc"], NONE),
        ("You don't need to write design docs for every little change.", ["design doc"], NONE),
        ("You don't need to share all the feedback you get.", ["feedback"], NONE),
        ("Don't do OKRs at all.", ["OKR"], AGAINST),
        # against by a verb of doing it, not one acting on it otherwise
        ("You should never be outsourcing your hiring to an agency.", ["hiring"], NONE),
        ("You shouldn't outsource your design docs.", ["design doc"], NONE),
        ("You should never be writing design docs alone.", ["design doc"], AGAINST),
        ("You shouldn't write design docs.", ["design doc"], AGAINST),
        # the name qualifying another noun: a system, a structure, tools
        ("You need a clear roadmap structure.", ["roadmap"], NONE),
        ("You don't need a good analytics system to see it.", ["analytics"], NONE),
        ("Roadmap tools are a waste of time.", ["roadmap"], NONE),
        ("Most productivity metrics are a lie.", ["productivity"], NONE),
        ("You need a roadmap.", ["roadmap"], FOR),
        ("Roadmaps are a waste of time.", ["roadmap"], AGAINST),
        # framed, or asked for the speaker
        ("Think about LLMs in terms of oracles that write software.", ["LLM"], NONE),
        ("Use LLMs to draft your specs.", ["LLM"], FOR),
        ("Send any feedback for me to the show's inbox.", ["feedback"], NONE),
        ("Get feedback early.", ["feedback"], FOR),
        # a judgement of what another verb does to it, not of it
        ("I think challenging your own assumptions is very important.", ["assumption"], NONE),
        ("Approaching each problem from scratch is so important.", ["scratch"], NONE),
        ("Great execution with a poor strategy is a waste of time.", ["strategy"], NONE),
        ("I think writing a design doc is really important.", ["design doc"], FOR),
        ("Honestly, user research is underrated.", ["user research"], FOR),
        ("Then the niche market is not the answer.", ["niche"], NONE),
        # the speaker's own, shown; a word's end; what one found to be so
        ("Look at our roadmap.", ["roadmap"], NONE),
        ("The design and non-stop shaping of things.", ["shaping"], NONE),
        ("Stop shaping things.", ["shaping"], AGAINST),
        ("And you realize people just have to make the decision.", ["decision"], NONE),
        ("We wouldn't make a decision off the back of the analysis.", ["decision"], NONE),
        ("I wouldn't make a decision off the back of the analysis.", ["decision"], AGAINST),
        # an imperative has no subject in its clause
        ("So that year we ran cohorts and then always get the feedback.", ["feedback"], NONE),
        ("So always get the feedback early.", ["feedback"], FOR),
        # more ways of advising
        ("You don't need Scrum.", ["Scrum"], AGAINST),
        ("You don't need much.", ["Scrum"], NONE),
        ("I don't think you need a roadmap.", ["roadmap"], AGAINST),
        ("There's no need for a roadmap.", ["roadmap"], AGAINST),
        ("You should be skeptical of frameworks.", ["framework"], AGAINST),
        ("Stop focusing on OKRs.", ["OKR"], AGAINST),
        ("I think personas are pretty useless.", ["persona"], AGAINST),
        ("You should start with some kind of data analysis first.", ["data analysis"], FOR),
    ],
)
def test_a_side_is_advice_on_the_thing_itself(quote, forms, expected):
    assert stance(quote, forms) == expected


def _said(doc: str, quote: str, who: str) -> Evidence:
    return Evidence(doc, 1, quote, who, window=0)


def test_contested_lists_opposite_advice_on_one_thing_only():
    """Built from sentences: a limit, a qualified name and a framing take no side; the
    two opposite pieces of advice on OKRs are the one disagreement."""
    docs = [DocumentInfo(f"ep{i}", f"Episode {i}", "markdown", f"ep{i}.md") for i in range(1, 5)]
    okr = [
        _said("ep1", "You should set OKRs every quarter.", "Ann Lee"),
        _said("ep2", "I'd stay away from OKRs.", "Bo Chen"),
    ]
    evals = [
        _said("ep1", "You need evals.", "Ann Lee"),
        _said("ep3", "You shouldn't write an eval like this for everything.", "Cy Diaz"),
    ]
    analytics = [
        _said("ep3", "You need an analytics team.", "Cy Diaz"),
        _said("ep4", "You don't need analytics.", "Di Ng"),
    ]
    entities = [
        Entity("concept:okr", "OKR", "concept", ["OKRs"], okr, okr),
        Entity("concept:eval", "eval", "concept", ["evals"], evals, evals),
        Entity("concept:analytics", "analytics", "concept", [], analytics, analytics),
    ]
    G = build_graph(KnowledgeBase(documents=docs, entities=entities, claims=[]))
    page = contested(G)
    assert [i["label"] for i in page["items"]] == ["OKR"]
    (item,) = page["items"]
    assert (item["for"]["people"], item["against"]["people"]) == (["Ann Lee"], ["Bo Chen"])


@pytest.mark.parametrize(
    ("for_quote", "against_quote", "opposed"),
    [
        ("Use LLMs to draft your specs.", "You don't need to create an LLM.", False),
        ("Just give the feedback directly.", "You don't need to ask for feedback.", False),
        ("Ask for feedback every week.", "You don't need to ask for feedback.", True),
        ("You should start with OKRs.", "I largely stay away from OKRs.", True),
        ("You should set OKRs every quarter.", "Honestly, OKRs are a waste of time.", True),
        ("Try management once, at least.", "Do not go into management for money.", True),
    ],
)
def test_two_sides_oppose_when_the_one_against_rejects_the_act_advised(
    for_quote, against_quote, opposed
):
    from kgraph.answers.acts import act
    from kgraph.answers.acts import opposed as opposes
    from kgraph.answers.naming import object_at_start

    named = object_at_start(("LLM", "OKR", "feedback", "management"))
    assert opposes(act(for_quote, named), act(against_quote, named)) is opposed


@pytest.mark.parametrize(
    ("quote", "forms", "expected"),
    [
        # a question asked by its word order, with no question mark
        ("So how much do you need the mentor to be there for you.", ["mentor"], NONE),
        ("You need a mentor.", ["mentor"], FOR),
        # the reason for something explained
        (
            "The reason we won't see more of it is that B2B is different, and you need a mentor.",
            ["mentor"],
            NONE,
        ),
        ("That's why you need a mentor.", ["mentor"], FOR),
        # a view others hold, named
        ("There's this whole narrative of you don't need a mentor anymore.", ["mentor"], NONE),
        # what a sentence that opens with what someone did goes on listing
        (
            "We took the requests, sorted them by revenue, just give every mentor a bucket.",
            ["mentor"],
            NONE,
        ),
        ("I think, just give every mentor a bucket.", ["mentor"], FOR),
        ("We tried everything, so just get a mentor.", ["mentor"], FOR),
    ],
)
def test_analysis_and_narration_advise_nothing(quote, forms, expected):
    assert stance(quote, forms) == expected
