"""Co-mentions within a short window of one turn: sentences naming both entities, or
neighbouring sentences; never across an ellipsis, a transcript's section title or
boilerplate, whose mentions still count for the node."""

from __future__ import annotations

import pytest

from kgraph.graph import CO_MENTION_WINDOW, build_graph
from kgraph.model import HEADING_WINDOW, Entity, Evidence, KnowledgeBase

SENTENCES = [
    "Acme hired me in May.",
    "There I wrote a design doc.",
    "The weather was fine.",
    "Later I read Deep Work.",
]


def entity(kind: str, label: str, windows: list[int], turn: int = 0) -> Entity:
    """An entity named in sentences ``windows`` of turn ``turn`` of document "d"."""
    said = [Evidence("d", turn, SENTENCES[w], "Ana", window=w) for w in windows]
    return Entity(f"{kind}:{label}", label, kind, [], said[:1], said)


def co_mentions(*entities: Entity) -> dict[tuple[str, str], str]:
    G = build_graph(KnowledgeBase(entities=list(entities)))
    return {
        (u, v): d["examples"][0]["quote"]
        for u, v, k, d in G.edges(keys=True, data=True)
        if k == "co_mention"
    }


def test_co_mentions_need_one_window_of_sentences() -> None:
    assert CO_MENTION_WINDOW == 1
    acme = entity("organization", "acme", [0])
    doc = entity("concept", "design-doc", [1])
    book = entity("book", "deep-work", [3])
    found = co_mentions(acme, doc, book)
    # neighbours: both sentences, in order, joined as the text reads
    assert found == {("concept:design-doc", "organization:acme"): f"{SENTENCES[0]} {SENTENCES[1]}"}


def test_co_mentions_quote_the_sentence_naming_both() -> None:
    acme = entity("organization", "acme", [0, 3])
    book = entity("book", "deep-work", [3])
    assert co_mentions(acme, book) == {("book:deep-work", "organization:acme"): SENTENCES[3]}


def test_co_mentions_never_across_an_ellipsis() -> None:
    acme = entity("organization", "acme", [0])
    doc = entity("concept", "design-doc", [1])
    doc.sentences = [Evidence("d", 0, SENTENCES[1], "Ana", window=1 + 100)]  # gap of an ellipsis
    assert co_mentions(acme, doc) == {}


def test_co_mentions_not_from_boilerplate_but_the_mention_counts() -> None:
    acme = entity("organization", "acme", [0])
    ad = Evidence("d", 0, "This episode is brought to you by Vanta.", "Ana")
    vanta = Entity("organization:vanta", "Vanta", "organization", [], [ad], [])
    ana = Entity("person:ana", "Ana", "person", [], [Evidence("d", 0, "Hi.", "Ana")])
    G = build_graph(KnowledgeBase(entities=[acme, vanta, ana]))
    assert G.nodes["organization:vanta"]["mentions"] == 1
    assert not [e for e in G.edges("organization:vanta")] + list(G.in_edges("organization:vanta"))
    assert G.has_edge("person:ana", "organization:acme", "said")


def test_co_mentions_an_articles_heading_relates_to_each_sentence_under_it() -> None:
    heading = Evidence("d", 0, "Engineering Brand Efforts", "Ana", window=HEADING_WINDOW)
    brand = Entity("concept:brand", "brand", "concept", [], [heading], [heading])
    book = entity("book", "deep-work", [3])
    assert co_mentions(brand, book) == {
        ("book:deep-work", "concept:brand"): f"Engineering Brand Efforts: {SENTENCES[3]}"
    }


def test_co_mentions_of_entities_without_known_sentences_span_the_turn() -> None:
    a = Entity("concept:a", "a", "concept", [], [Evidence("d", 0, SENTENCES[0], "Ana")])
    b = Entity("concept:b", "b", "concept", [], [Evidence("d", 0, SENTENCES[3], "Ana")])
    assert co_mentions(a, b) == {("concept:a", "concept:b"): f"{SENTENCES[0]} … {SENTENCES[3]}"}


def named(kind: str, label: str, aliases: list[str], sentences: dict[int, str]) -> Entity:
    """An entity with names ``label`` and ``aliases`` in the given sentences of one turn."""
    said = [Evidence("d", 0, text, "Ana", window=w) for w, text in sentences.items()]
    return Entity(f"{kind}:{label.replace(' ', '-')}", label, kind, aliases, said[:1], said)


def test_co_mentions_not_of_one_name_inside_the_other() -> None:
    # "the accuracy trap" names the trap, not accuracy besides: one phrase is no pair
    trap_sentence = "Never fall into the accuracy traps."
    trap = named("concept", "accuracy trap", [], {0: trap_sentence})
    accuracy = named("concept", "accuracy", [], {0: trap_sentence})
    assert co_mentions(trap, accuracy) == {}
    # named apart in the sentence, or in a neighbouring one: a pair as before
    both = "Accuracy is no accuracy trap."
    trap = named("concept", "accuracy trap", [], {0: both})
    accuracy = named("concept", "accuracy", [], {0: both})
    assert list(co_mentions(trap, accuracy).values()) == [both]
    trap = named("concept", "accuracy trap", [], {0: trap_sentence})
    accuracy = named("concept", "accuracy", [], {0: trap_sentence, 1: "Accuracy matters."})
    assert list(co_mentions(trap, accuracy).values()) == [f"{trap_sentence} Accuracy matters."]
    # each named only inside the other's name, in two neighbouring sentences: no pair
    second = "One accuracy trap is enough."
    trap = named("concept", "accuracy trap", [], {0: trap_sentence, 1: second})
    accuracy = named("concept", "accuracy", [], {0: trap_sentence, 1: second})
    assert co_mentions(trap, accuracy) == {}


def test_co_mentions_not_of_an_alias_inside_a_role() -> None:
    text = "I work as an ML engineer."
    role = named("role", "machine learning engineer", ["ML engineer"], {0: text})
    concept = named("concept", "machine learning", ["ML"], {0: text})
    assert co_mentions(role, concept) == {}


LISTS = """# Tools I keep coming back to

By Jane Doe

These are the things I recommend to every engineer who asks me what to learn next:
- Kubernetes for running services
- Stripe for payments
- Terraform for infrastructure

<div class="pull">
<p><strong>More from Jane</strong></p>
<ul>
<li><a href="https://example.com/a">Why I moved to Kafka</a></li>
<li><a href="https://example.com/b">Notes on Postgres</a></li>
<li><a href="https://example.com/c">Snowflake and dbt in practice</a></li>
</ul>
</div>
"""


@pytest.mark.slow
def test_co_mentions_not_between_the_items_of_an_articles_list(tmp_path) -> None:
    """A Markdown list right under a paragraph and an HTML list: one item, one sentence,
    and neighbouring items are not discussed together; two names in one item are."""
    import json

    from kgraph import pipeline

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text(LISTS, encoding="utf-8")
    pipeline.build([tmp_path / "in"], out_dir=tmp_path / "out", jobs=1, name="g")
    graph = json.loads((tmp_path / "out" / "g.json").read_text(encoding="utf-8"))
    label = {n["id"]: n["label"] for n in graph["nodes"]}
    assert {"Kubernetes", "Stripe", "Terraform", "Kafka", "Snowflake", "dbt"} <= set(label.values())
    pairs = {
        frozenset((label[e["source"]], label[e["target"]]))
        for e in graph["edges"]
        if e.get("kind") == "co_mention" and "Jane" not in (label[e["source"]], label[e["target"]])
    }
    assert pairs == {frozenset(("Snowflake", "dbt"))}
