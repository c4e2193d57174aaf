"""More ways of advising against a thing ("you should stop doing X", "resist the urge to
X", "I'm not really a fan of X", "X is a huge waste of time"), a way of doing it rejected
rather than the thing ("OKRs done as a checklist"), and a thing rejected by a pronoun in
the next sentence ("People love OKRs. I think they're a waste of time.")."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kgraph.answers import contested
from kgraph.answers.pronouns import reading
from kgraph.answers.stance import AGAINST, FOR, NONE, stance
from kgraph.extract.stance_cues import following_sentences
from kgraph.graph import build_graph
from kgraph.model import DocumentInfo, Entity, Evidence, KnowledgeBase


@pytest.mark.parametrize(
    ("quote", "forms", "expected"),
    [
        ("You don't need OKRs anymore.", ["OKR"], AGAINST),
        ("You probably don't even need a roadmap.", ["roadmap"], AGAINST),
        ("You don't need to necessarily hire a COO.", ["COO"], AGAINST),
        ("You no longer need a roadmap.", ["roadmap"], NONE),  # what changed, told
        ("You don't have to join a council to get all this.", ["council"], NONE),
        ("Prevent distraction with pacts.", ["distraction"], AGAINST),
        ("We don't need OKRs anymore.", ["OKR"], NONE),  # what a team does, told
        ("Strategy is a little bit overrated for product.", ["strategy"], AGAINST),
        ("Personas are probably a bit overrated.", ["persona"], AGAINST),
        ("Roadmaps are a trap.", ["roadmap"], AGAINST),
        ("Honestly, a metrics tree is overkill.", ["metrics tree"], AGAINST),
        ("I think personas are a huge waste of time.", ["persona"], AGAINST),
        ("Stop doing OKRs.", ["OKR"], AGAINST),
        ("You should stop writing design docs.", ["design doc"], AGAINST),
        ("I think you need to avoid hiring a COO.", ["COO"], AGAINST),
        ("I'd avoid OKRs.", ["OKR"], AGAINST),
        ("I tend to avoid roadmaps.", ["roadmap"], AGAINST),
        ("I would never hire a COO.", ["COO"], AGAINST),
        ("Just skip the design doc.", ["design doc"], AGAINST),
        ("OKRs just don't work.", ["OKR"], AGAINST),
        ("Our OKRs don't work.", ["OKR"], NONE),
        ("I'm not a fan of OKRs.", ["OKR"], AGAINST),
        ("I'm not really a fan of OKRs.", ["OKR"], AGAINST),
        ("I've never been a big believer in roadmaps.", ["roadmap"], AGAINST),
        ("I'm a big believer in roadmaps.", ["roadmap"], FOR),
        ("I'm against OKRs.", ["OKR"], AGAINST),
        ("I'm very much against roadmaps.", ["roadmap"], AGAINST),
        ("That doesn't mean I'm against OKRs.", ["OKR"], NONE),
        ("Resist the urge to hire a COO.", ["COO"], AGAINST),
        ("Avoid the temptation to write a roadmap.", ["roadmap"], AGAINST),
        ("Don't bother with OKRs.", ["OKR"], AGAINST),
        ("Don't bother writing a roadmap.", ["roadmap"], AGAINST),
        ("Don't bother the engineers.", ["engineer"], NONE),
        ("Roadmaps aren't necessary.", ["roadmap"], AGAINST),
        ("And the math is not really necessary.", ["math"], NONE),
        ("We don't really care about OKRs.", ["OKR"], NONE),
        ("I don't really care about OKRs.", ["OKR"], AGAINST),
        ("It just doesn't work like that anymore.", ["work"], NONE),
        # a way of doing it rejected, not the thing
        ("Bad OKRs are a waste of time.", ["OKR"], NONE),
        ("OKRs done badly are a waste of time.", ["OKR"], NONE),
        ("OKRs without buy-in are pointless.", ["OKR"], NONE),
        ("Don't use LLMs without evals.", ["LLM"], NONE),
        ("Don't do OKRs that nobody reads.", ["OKR"], NONE),
        ("OKRs for a seed startup are overkill.", ["OKR"], AGAINST),
        ("Don't do OKRs at a seed startup.", ["OKR"], AGAINST),
    ],
)
def test_more_ways_of_advising_against(quote, forms, expected):
    assert stance(quote, forms) == expected


@pytest.mark.parametrize(
    ("before", "after", "forms", "others", "expected"),
    [
        ("People love OKRs.", "I think they're a waste of time.", ["OKR"], [], AGAINST),
        ("Should you hire a coach?", "I wouldn't do it early.", ["coach"], [], AGAINST),
        ("Everyone talks about roadmaps.", "Honestly, skip them.", ["roadmap"], [], AGAINST),
        ("Do you need a coach?", "You probably don't need one.", ["coach"], [], AGAINST),
        ("Do you need a coach?", "One of them is great.", ["coach"], [], NONE),
        ("A lot of teams write a design doc.", "I'd avoid it.", ["design doc"], [], AGAINST),
        ("Should you hire a coach?", "Don't do that.", ["coach"], [], AGAINST),
        ("Guardrails work too poorly.", "They just don't work.", ["guardrail"], [], AGAINST),
        # "they" is a plural: not a design doc
        (
            "A lot of teams write a design doc.",
            "They're a waste of time.",
            ["design doc"],
            [],
            NONE,
        ),
        # two things it could stand for
        ("We set OKRs and a roadmap.", "I'd avoid it.", ["OKR"], [["roadmap"]], NONE),
        # the thing named in passing (neither subject nor last); not the first pronoun
        (
            "Acme and Zeta roadmaps had defenses built in.",
            "They don't work.",
            ["roadmap"],
            [],
            NONE,
        ),
        ("We run sprints.", "They're bugs, so you should not have them.", ["sprint"], [], NONE),
        # how things go; one's own duty; inside quoted words
        ("We tried roadmaps.", "It doesn't matter.", ["roadmap"], [], NONE),
        ("We tried a roadmap.", "It just doesn't work.", ["roadmap"], [], NONE),
        ("I talk about roadmaps.", "I have to be careful about them.", ["roadmap"], [], NONE),
        ('He said, "Try roadmaps.', "Don't skip them.", ["roadmap"], [], NONE),
        # the empty "it" of "it's ... to", a demonstrative before a noun, a clause
        ("People love OKRs.", "It's a waste of time to argue.", ["OKR"], [], NONE),
        ("People love roadmaps.", "Skip those meetings.", ["roadmap"], [], NONE),
        ("People love OKRs.", "I think that they work.", ["OKR"], [], NONE),
        # "do it" with no verb of doing before; a condition; what was not done
        ("That year we made our first money.", "Don't do that.", ["money"], [], NONE),
        ("It's for a small cohort of people.", "Please don't do it.", ["cohort"], [], NONE),
        ("Delight is what matters.", "It's not worth it otherwise.", ["delight"], [], NONE),
        ("This works for a platform.", "It doesn't work if you sell.", ["platform"], [], NONE),
        ("We didn't write a roadmap.", "Don't do that.", ["roadmap"], [], NONE),
        ("Some teams write a roadmap.", "That's a mistake.", ["roadmap"], [], NONE),
    ],
)
def test_a_pronoun_stands_for_the_thing_just_named(before, after, forms, others, expected):
    read = reading(after, before, forms, others)
    assert (stance(read, forms, praise=False) if read else NONE) == expected


def _sdoc(*sentences: str):
    return SimpleNamespace(sents=[SimpleNamespace(text=s) for s in sentences])


def test_extraction_keeps_the_sentence_after_one_naming_a_debated_thing():
    mention = SimpleNamespace(type="concept", sentence="People love OKRs.")
    parsed = [_sdoc("People love OKRs.", "I think they're a waste of time.", "Next.")]
    assert following_sentences(parsed, [mention]) == {
        "People love OKRs.": "I think they're a waste of time."
    }
    assert following_sentences(parsed, [mention], ["I think they're a waste of time."]) == {}


def _said(doc: str, quote: str, who: str) -> Evidence:
    return Evidence(doc, 1, quote, who, window=0)


def test_contested_reads_a_side_said_by_a_pronoun():
    docs = [DocumentInfo(f"ep{i}", f"Episode {i}", "markdown", f"ep{i}.md") for i in (1, 2)]
    said = [
        _said("ep1", "You should set OKRs every quarter.", "Ann Lee"),
        _said("ep2", "People love OKRs.", "Bo Chen"),
    ]
    okr = Entity("concept:okr", "OKR", "concept", ["OKRs"], said, said)
    kb = KnowledgeBase(documents=docs, entities=[okr], claims=[])
    after = {"People love OKRs.": "I think they're a waste of time."}
    assert contested(build_graph(kb))["items"] == []
    (item,) = contested(build_graph(kb, following=after))["items"]
    assert item["against"]["people"] == ["Bo Chen"]
    quote = item["against"]["quotes"][0]["quote"]
    assert quote == "People love OKRs. I think they're a waste of time."


def test_the_first_quotes_of_the_two_sides_oppose():
    """The reader sees each side's first quote: they are an opposed pair, though another
    quote against ranks first ("don't create an LLM" does not answer "use LLMs")."""
    docs = [DocumentInfo(f"ep{i}", f"Episode {i}", "markdown", f"ep{i}.md") for i in range(1, 5)]
    said = [
        _said("ep1", "You should use LLMs to draft your specs.", "Ann Lee"),
        _said("ep2", "You don't need to create an LLM.", "Bo Chen"),
        _said("ep3", "You should create your own LLM.", "Cy Diaz"),
        _said("ep4", "I'd stay away from LLMs.", "Di Ng"),
    ]
    llm = Entity("concept:llm", "LLM", "concept", ["LLMs"], said, said)
    kb = KnowledgeBase(documents=docs, entities=[llm], claims=[])
    (item,) = contested(build_graph(kb))["items"]
    first = (item["for"]["quotes"][0]["speaker"], item["against"]["quotes"][0]["speaker"])
    assert first == ("Ann Lee", "Di Ng")


@pytest.mark.parametrize(
    "quote",
    ["A lot of people think OKRs are overrated.", "Most founders believe roadmaps are a trap."],
)
def test_what_others_hold_is_no_stance(quote):
    assert stance(quote, ["OKR", "roadmap"]) == NONE


def test_words_named_as_what_is_said_are_no_stance():
    quote = "Saying that you have to make decisions quickly, to me, misses the point."
    assert stance(quote, ["decision"]) == NONE
