"""kgraph.query over a hand-built graph: names, paths with evidence, cards, claims, stats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sample_graph import sample_graph

from kgraph import query
from kgraph.errors import EntityNotFoundError, GraphNotFoundError, KgraphError, NoPathError


@pytest.fixture
def G():
    return sample_graph()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("staff engineer", "role:staff-engineer"),  # label, any case
        ("STAFF ENGINEERS", "role:staff-engineer"),  # alias
        ("Ledgerly Inc", "organization:ledgerly"),  # alias
        ("Vera Baumann", "person:vera-bauman"),  # typo, fuzzy
        ("design doc", "concept:design-doc"),
        ("concept:mentoring", "concept:mentoring"),  # node id
        ("role: staff engineer", "role:staff-engineer"),  # type-qualified label
    ],
)
def test_query_find_entity_matches_label_alias_and_fuzzily(G, name, expected):
    assert query.find_entity(G, name) == expected


def test_query_find_entity_unknown_name_suggests_closest(G):
    with pytest.raises(EntityNotFoundError) as info:
        query.find_entity(G, "Staff Enginer Path")
    assert info.value.exit_code == 2
    assert "Staff Engineer (role)" in info.value.suggestions  # with its type
    assert "Did you mean" in str(info.value)


@pytest.mark.parametrize("name", ["x", "zzzz", "banana bread", "quantum chromodynamics"])
def test_query_find_entity_hopeless_name_gets_no_suggestion(G, name):
    with pytest.raises(EntityNotFoundError) as info:
        query.find_entity(G, name)
    assert info.value.suggestions == []
    assert "Did you mean" not in str(info.value)


def test_query_match_says_how_a_name_was_read(G):
    assert query.match(G, "staff engineer").how == "label"
    assert query.match(G, "ledgerly inc").how == "alias"
    assert query.match(G, "concept:mentoring").how == "id"
    near = query.match(G, "Vera Baumann")
    assert (near.id, near.how, near.others) == ("person:vera-bauman", "near", [])


def test_query_match_a_name_shared_by_two_types_takes_the_most_mentioned(G):
    G.add_node("book:staff-engineer", label="Staff Engineer", type="book", mentions=1)
    found = query.match(G, "Staff Engineer")
    assert (found.id, found.type, found.how) == ("role:staff-engineer", "role", "label")
    assert found.others == [
        {"id": "book:staff-engineer", "label": "Staff Engineer", "type": "book"}
    ]
    assert query.find_entity(G, "book:Staff Engineer") == "book:staff-engineer"
    assert query.find_entity(G, "BOOK: staff engineer") == "book:staff-engineer"
    # a near miss of that shared name is the same choice, not a failure
    near = query.match(G, "Staf Engineer")
    assert (near.id, near.how, [o["id"] for o in near.others]) == (
        "role:staff-engineer",
        "near",
        ["book:staff-engineer"],
    )


def test_query_errors_echo_a_long_name_cut_short(G):
    name = "design doc " * 1000
    for call in (
        lambda: query.find_entity(G, name),
        lambda: query.claims(G, speaker=name),
        lambda: query.claims(G, predicate=name),
    ):
        with pytest.raises(KgraphError) as info:
            call()
        assert len(str(info.value)) < 400
        assert "…" in str(info.value)


def test_query_find_entity_suggests_no_form_that_is_a_mere_piece_of_the_name():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("role:data-engineer", label="data engineer", type="role", aliases="DE", mentions=9)
    G.add_node("concept:c", label="C#", type="concept", aliases="C++", mentions=9)
    G.add_node("concept:academic-paper", label="academic paper", type="concept", mentions=1)
    with pytest.raises(EntityNotFoundError) as info:
        query.find_entity(G, "academia")
    assert info.value.suggestions == ["academic paper (concept)"]


def test_query_find_entity_does_not_accept_a_partial_name(G):
    with pytest.raises(EntityNotFoundError):
        query.find_entity(G, "Fill")


def test_query_paths_every_hop_has_evidence(G):
    found = query.paths(G, "staff engineer", "design doc", k=3)
    assert len(found) == 3
    assert [n["id"] for n in found[0]["nodes"]] == ["role:staff-engineer", "concept:design-doc"]
    assert found[0]["hops"][0]["kind"] == "claim"
    assert found[0]["hops"][0]["predicate"] == "writes"
    for path in found:
        assert path["nodes"][0]["id"] == "role:staff-engineer"
        assert path["nodes"][-1]["id"] == "concept:design-doc"
        for hop in path["hops"]:
            ev = hop["evidence"]
            assert ev["quote"] and ev["document"] in {"ep1", "ep2"}


def test_query_paths_avoid_the_hub_that_co_mentions_everything(G):
    G.remove_edge("role:staff-engineer", "concept:design-doc", key="claim:3")
    first = query.paths(G, "staff engineer", "design doc", k=1)[0]
    assert [n["id"] for n in first["nodes"]][1] == "concept:mentoring"
    # The co-mention examples carry no quote: it comes from the node's stored evidence.
    hop = first["hops"][0]
    assert hop["evidence"]["quote"] == "Mentoring taught me to write design docs."
    assert hop["evidence"]["url"] == "https://www.youtube.com/watch?v=vid1&t=200s"
    both = query.paths(G, "staff engineer", "design doc", k=2)
    middles = {p["nodes"][1]["id"] for p in both}
    assert middles == {"concept:mentoring", "person:alex-host"}


def test_query_paths_avoid_types_keeps_them_out_of_the_middle(G):
    G.remove_edge("role:staff-engineer", "concept:design-doc", key="claim:3")
    found = query.paths(G, "staff engineer", "design doc", k=5, avoid_types=["concept"])
    assert found and all(n["type"] != "concept" for p in found for n in p["nodes"][1:-1])
    with pytest.raises(NoPathError, match="avoiding concept, person"):
        query.paths(G, "staff engineer", "design doc", avoid_types=["concept", "person"])


def test_query_paths_claims_only(G):
    found = query.paths(G, "Ledgerly", "design doc", k=3, claims_only=True)
    assert [[n["id"] for n in p["nodes"]] for p in found] == [
        ["organization:ledgerly", "person:vera-bauman", "role:staff-engineer", "concept:design-doc"]
    ]
    hops = found[0]["hops"]
    assert [h["predicate"] for h in hops] == ["works_at", "works_as", "writes"]
    assert hops[0]["forward"] is False  # Vera works at Ledgerly: the hop runs backwards
    assert hops[0]["evidence"]["speaker"] == "Vera Bauman"
    assert hops[0]["evidence"]["time"] == 65.0
    with pytest.raises(NoPathError, match="through claims"):
        query.paths(G, "Filler 1", "Ledgerly", claims_only=True)


def test_query_paths_errors(G):
    with pytest.raises(NoPathError, match="no path between Lonely Idea and Ledgerly"):
        query.paths(G, "lonely idea", "ledgerly")
    with pytest.raises(query.QueryError, match="same entity, Staff Engineer") as info:
        query.paths(G, "staff engineer", "staff engineers")
    assert info.value.exit_code == 2
    with pytest.raises(EntityNotFoundError):
        query.paths(G, "nobody at all", "ledgerly")


def test_query_show_card(G):
    card = query.show(G, "vera")
    assert card["id"] == "person:vera-bauman"
    assert card["aliases"] == ["Vera", "Bauman"]
    assert [d["id"] for d in card["documents"]] == ["ep1", "ep2"]
    # what she said, about herself and about other things ("A staff engineer writes ...")
    said = card["claims_said"]
    assert [c["predicate"] for c in said] == ["works_at", "works_as", "writes"]
    assert said[0]["quotes"][0]["url"].endswith("&t=65s")
    assert card["claims_about"] == []  # nobody else said anything about her
    assert card["neighbors"][0]["id"] == "organization:ledgerly"
    assert len(card["neighbors"]) == len(query.neighbors(G, "vera", top=0))
    about = query.show(G, "The Long Game")["claims_about"]
    assert [(c["subject_label"], c["predicate"]) for c in about] == [("Alex Host", "recommends")]
    assert query.show(G, "The Long Game")["claims_said"] == []
    json.dumps(card)  # plain data, ready for --json


def test_query_show_keeps_said_by_apart_from_about(G):
    """A claim about Vera said by the host is "about", not among what she said."""
    G.add_edge(
        "person:vera-bauman", "organization:ledgerly", key="claim:7", kind="claim",
        predicate="works_at", speaker="Alex Host", evidence="Vera works at Ledgerly.",
        document="ep1", turn=1, time=10.0, url=None, negated=False, weight=1,
    )  # fmt: skip
    card = query.show(G, "Vera Bauman")
    assert [(c["predicate"], c["speakers"]) for c in card["claims_about"]] == [
        ("works_at", ["Alex Host"])
    ]
    assert "Alex Host" not in {s for c in card["claims_said"] for s in c["speakers"]}


def test_query_group_claims_counts_quotes_best_first(G):
    for turn, quote in ((5, "Hi, Ledgerly."), (6, "At Ledgerly I learnt to write design docs.")):
        G.add_edge(
            "person:vera-bauman", "organization:ledgerly", key=f"claim:{turn}", kind="claim",
            predicate="works_at", speaker="Vera Bauman", evidence=quote, document="ep2",
            turn=turn, time=None, url=None, negated=False, weight=1,
        )  # fmt: skip
    said = query.show(G, "Vera Bauman")["claims_said"]
    first = said[0]
    assert (first["predicate"], first["object_label"], first["count"]) == (
        "works_at",
        "Ledgerly",
        3,
    )
    assert [c["count"] for c in said] == [3, 1, 1]  # one line per claim, most quoted first
    assert first["quotes"][-1]["quote"] == "Hi, Ledgerly."  # a few-word mention comes last


def test_query_neighbors_strongest_first_and_by_type(G):
    rows = query.neighbors(G, "Alex Host", top=3)
    assert len(rows) == 3
    assert rows[0]["weight"] >= rows[1]["weight"] >= rows[2]["weight"]
    books = query.neighbors(G, "Alex Host", type="book")
    assert [(r["label"], r["predicates"]) for r in books] == [("The Long Game", ["recommends"])]
    assert len(query.neighbors(G, "Alex Host", top=0)) == 11


def _said(G, speaker: str, other: str, weight: int, quote: str) -> None:
    example = {"document": "ep1", "turn": 8, "time": 480.0, "quote": quote, "speaker": "x"}
    G.add_edge(speaker, other, key="said", kind="said", weight=weight, examples=[example])


def test_query_neighbors_rank_what_it_said_not_who_named_it(G):
    hub = "person:alex-host"
    _said(G, hub, "role:staff-engineer", 40, "Every staff engineer I know writes a lot.")
    rows = {r["id"]: r for r in query.neighbors(G, "staff engineer", top=0)}
    host = rows[hub]  # the host named it in 40 of his turns: no stronger a link for that
    assert (host["weight"], host["co_mentions"], host["said_by"], host["said"]) == (1, 1, 40, 0)
    assert max(r["weight"] for r in rows.values()) == 1
    # what the host talks about is his own neighbourhood
    first = query.neighbors(G, "Alex Host", top=1)[0]
    assert (first["id"], first["weight"], first["said"]) == ("role:staff-engineer", 41, 40)


def test_query_paths_take_a_said_hop_only_when_nothing_else_links(G):
    hub = "person:alex-host"
    _said(G, hub, "role:staff-engineer", 40, "Every staff engineer I know writes a lot.")
    _said(G, hub, "concept:design-doc", 40, "Design docs keep coming up on this show.")
    # the lonely idea is linked by Vera's turns alone
    _said(G, "person:vera-bauman", "concept:lonely-idea", 3, "My lonely idea came late.")
    G.remove_edge("role:staff-engineer", "concept:design-doc", key="claim:3")
    G.remove_edge(hub, "role:staff-engineer", key="co_mention")
    G.remove_edge("concept:design-doc", hub, key="co_mention")
    first = query.paths(G, "staff engineer", "design doc", k=1)[0]
    # two weak co-mentions, not the host's 40 turns naming each
    assert [n["id"] for n in first["nodes"]][1] == "concept:mentoring"
    [found] = query.paths(G, "lonely idea", "Vera Bauman", k=1)
    [hop] = found["hops"]
    assert (hop["kind"], hop["forward"], hop["weight"]) == ("said", False, 3)
    assert hop["evidence"]["quote"] == "My lonely idea came late."


def test_query_claims_filters(G):
    assert len(query.claims(G)) == 4
    by_vera = query.claims(G, speaker="bauman")
    assert {c["predicate"] for c in by_vera} == {"works_at", "works_as", "writes"}
    assert [c["predicate"] for c in query.claims(G, about="ledgerly")] == ["works_at"]
    assert [c["object"] for c in query.claims(G, predicate="works as")] == ["role:staff-engineer"]
    assert query.claims(G, speaker="Vera", predicate="recommends") == []
    with pytest.raises(EntityNotFoundError, match="no speaker matches 'Vera Baumann'") as info:
        query.claims(G, speaker="Vera Baumann", predicate="writes")
    assert info.value.suggestions == ["Vera Bauman"] and info.value.exit_code == 2
    with pytest.raises(EntityNotFoundError) as info:
        query.claims(G, speaker="Nobody At All")
    assert info.value.suggestions == []


def test_query_claims_lists_a_repeated_sentence_once(G):
    """A cold open repeats a sentence said later: the same claim from the same sentence is
    listed once (the earlier), while the same claim from another sentence stays."""
    same = "Everyone should read The Long Game."
    for key, turn, quote in (("claim:9", 1, same), ("claim:10", 12, "Read The Long Game.")):
        G.add_edge(
            "person:alex-host",
            "book:the-long-game",
            key=key,
            kind="claim",
            predicate="recommends",
            speaker="Alex Host",
            evidence=quote,
            document="ep1",
            turn=turn,
            time=10.0 * turn,
            url=None,
            negated=False,
            weight=1,
        )
    found = query.claims(G, predicate="recommends")
    assert [c["evidence"]["quote"] for c in found].count(same) == 1
    assert len(found) == 2


def test_query_stats(G):
    s = query.stats(G)
    assert s["documents"] == 2 and s["turns"] == 16 and s["words"] == 800
    assert s["entities"]["concept"] == 11
    assert s["edge_kinds"] == {"claim": 4, "co_mention": 13}
    assert s["top_entities"][0]["label"] == "Alex Host"


def test_query_load_graph_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(GraphNotFoundError) as info:
        query.load_graph(tmp_path / "nope.json")
    assert info.value.exit_code == 2
    assert "run `kgraph build` first or check the path" in str(info.value)
    assert str(tmp_path / "nope.json") in str(info.value)


def test_query_find_graph_prefers_the_folder_you_are_in(tmp_path, monkeypatch, kgraph_home, G):
    """--graph, then ./graphs/kgraph.json, then the last build; nothing: one clear error."""
    from kgraph.exporters.json import write_json

    monkeypatch.chdir(tmp_path)
    with pytest.raises(GraphNotFoundError, match="no build is recorded") as info:
        query.find_graph()
    assert info.value.exit_code == 2
    elsewhere = write_json(G, tmp_path / "elsewhere" / "career.json")
    query.remember_build(elsewhere)
    assert query.find_graph() == (elsewhere.resolve(), "the last build")
    here = write_json(G, tmp_path / "graphs" / "kgraph.json")
    assert query.find_graph() == (Path("graphs/kgraph.json"), "in this folder")
    assert here.is_file()
    assert query.find_graph(elsewhere) == (elsewhere, "--graph")
    assert query.load_graph().file == "graphs/kgraph.json"


def test_query_load_graph_round_trip_and_corrupt_file(tmp_path, G):
    exporters = pytest.importorskip("kgraph.exporters.json")
    path = tmp_path / "g.json"
    exporters.write_json(G, path)
    assert query.paths(query.load_graph(path), "Ledgerly", "Design Doc")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GraphNotFoundError, match="not a kgraph JSON graph"):
        query.load_graph(path)


def test_query_never_imports_spacy():
    code = "import sys, kgraph.query, kgraph.exporters.json; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if "No module named 'kgraph.exporters.json'" in done.stderr:
        pytest.skip("kgraph.exporters.json is not written yet")
    assert done.stdout.strip() == "False", done.stderr


def test_query_answers_from_the_index_without_importing_networkx(tmp_path, G):
    """networkx takes ~0.15 s to import: a query reading a fresh index does without it."""
    from kgraph.exporters.json import write_json
    from kgraph.query import load_graph

    path = tmp_path / "g.json"
    write_json(G, path)
    load_graph(path)  # writes the index
    code = (
        "import sys; from kgraph.query import load_graph, neighbors; "
        f"Q = load_graph({str(path)!r}); neighbors(Q, next(iter(Q.names()))[0]); "
        "print('networkx' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_query_index_is_written_beside_the_json_and_rebuilt_when_stale(tmp_path, G):
    from kgraph.exporters.json import write_json
    from kgraph.index import GraphIndex, index_path

    path = tmp_path / "g.json"
    write_json(G, path)
    assert not index_path(path).exists()
    first = query.load_graph(path)
    assert isinstance(first, GraphIndex)
    assert index_path(path) == tmp_path / ".cache" / "g.query.sqlite"
    assert GraphIndex.open_fresh(path) is not None
    assert query.stats(first) == {**query.stats(G), "file": str(path)}
    # A new graph written to the same file: the old index is stale and not used.
    G.add_node("concept:brand-new", label="Brand New", type="concept", mentions=1)
    write_json(G, path)
    assert GraphIndex.open_fresh(path) is None
    assert query.find_entity(query.load_graph(path), "brand new") == "concept:brand-new"
    # A corrupt index is ignored and rewritten.
    index_path(path).write_bytes(b"not a database")
    assert GraphIndex.open_fresh(path) is None
    assert query.find_entity(query.load_graph(path), "brand new") == "concept:brand-new"
    assert GraphIndex.open_fresh(path) is not None


def test_query_index_answers_like_the_graph(G):
    from kgraph.index import GraphIndex

    index = GraphIndex.from_graph(G)
    for fn, args in (
        (query.paths, ("staff engineer", "design doc")),
        (query.show, ("Vera Bauman",)),
        (query.neighbors, ("Alex Host",)),
        (query.claims, ()),
        (query.stats, ()),
    ):
        assert fn(index, *args) == fn(G, *args)


def test_query_co_mention_quote_never_reads_source_files(tmp_path, monkeypatch):
    import builtins

    import networkx as nx

    info = {"id": "talk", "title": "Talk", "source": str(tmp_path / "talk.txt"), "turns": 4}
    G = nx.MultiDiGraph(name="t", documents=[info])
    stored = {"document": "talk", "turn": 3, "quote": "Staff engineers matter.", "speaker": "V"}
    G.add_node("role:staff-engineer", label="Staff Engineer", type="role", evidence=[stored])
    G.add_node("concept:design-doc", label="Design Doc", type="concept", evidence=[])
    G.add_edge(
        "concept:design-doc",
        "role:staff-engineer",
        key="co_mention",
        kind="co_mention",
        weight=1,
        examples=[{"document": "talk", "turn": 1, "time": None}],
    )
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(
        builtins, "open", lambda f, *a, **k: opened.append(f) or real_open(f, *a, **k)
    )
    hop = query.paths(G, "staff engineer", "design doc")[0]["hops"][0]
    assert not [f for f in opened if "talk" in str(f)]
    assert hop["evidence"]["quote"] == "Staff engineers matter."  # the node's own evidence
    assert not hasattr(query, "_turn_quote")


def test_query_ambiguous_name_lists_the_candidates(G):
    G.add_node("person:alex-rivera", label="Alex Rivera", type="person", aliases="Alex", mentions=2)
    with pytest.raises(query.AmbiguousEntityError) as info:
        query.find_entity(G.copy(), "alex")
    assert info.value.exit_code == 2
    assert info.value.candidates == ["Alex Host (person)", "Alex Rivera (person)"]
    assert "Alex Host (person), Alex Rivera (person)" in str(info.value)
    # a first name shared by people without an alias is just as ambiguous
    G.add_node("person:vera-smith", label="Vera Smith", type="person", mentions=1)
    G.nodes["person:vera-bauman"]["aliases"] = "Bauman"
    with pytest.raises(query.AmbiguousEntityError):
        query.find_entity(G.copy(), "Vera")
    # an exact full label still wins
    G.add_node("person:alex", label="Alex", type="person", mentions=1)
    assert query.find_entity(G.copy(), "alex") == "person:alex"


def test_query_claims_unknown_predicate_lists_the_valid_ones(G):
    with pytest.raises(query.QueryError) as info:
        query.claims(G, predicate="likes")
    assert info.value.exit_code == 2
    valid = sorted({d["predicate"] for *_, d in G.edges(data=True) if d.get("kind") == "claim"})
    assert str(info.value) == f"unknown predicate 'likes'; the graph has: {', '.join(valid)}"


def test_query_show_spreads_claims_over_documents():
    def claim(document: str, turn: int) -> dict:
        return {"evidence": {"document": document, "turn": turn}}

    listed = query.spread_over_documents(
        [claim("a", 3), claim("a", 1), claim("a", 2), claim("b", 9)]
    )
    assert [(c["evidence"]["document"], c["evidence"]["turn"]) for c in listed] == [
        ("a", 1),
        ("b", 9),
        ("a", 2),
        ("a", 3),
    ]


def test_query_a_claim_said_in_the_same_words_twice_is_listed_once():
    def claim(document: str, quote: str, obj: str = "o") -> dict:
        return {
            "subject": "s",
            "predicate": "recommends",
            "object": obj,
            "evidence": {"document": document, "turn": 1, "quote": quote},
        }

    listed = query.spread_over_documents(
        [claim("a", "Try Sprig."), claim("b", "Try  sprig."), claim("c", "Try Sprig.", "x")]
    )
    assert [c["evidence"]["document"] for c in listed] == ["a", "c"]


def test_query_a_negated_claim_is_a_weak_link_and_never_hides_a_co_mention():
    import networkx as nx

    G = nx.MultiDiGraph()
    for n, label in [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma"), ("h", "Host")]:
        G.add_node(n, label=label, type="concept", mentions=1, aliases="", evidence=[])
    quote = {"document": "ep", "turn": 1, "quote": "q", "speaker": "S", "time": 1.0, "url": None}

    def claim(u, v, n, negated):
        G.add_edge(
            u,
            v,
            key=f"claim:{n}",
            kind="claim",
            predicate="works_as",
            negated=negated,
            weight=1,
            evidence="I am not",
            document="ep",
            turn=n,
            speaker="S",
            time=1.0,
        )

    claim("h", "a", 0, True)  # "H is not A" ...
    claim("h", "b", 1, False)
    G.add_edge("a", "c", key="co_mention", kind="co_mention", weight=10, examples=[quote])
    G.add_edge("c", "b", key="co_mention", kind="co_mention", weight=10, examples=[quote])
    # ... so the route through strong co-mentions wins (2.0 + 0.6 > 1.1 + 1.1)
    first = query.paths(G, "Alpha", "Beta", k=1)[0]
    assert [n["id"] for n in first["nodes"]] == ["a", "c", "b"]
    # the hop between two nodes that share a turn shows the co-mention, not "not works_as"
    H = G.copy()  # (a graph's query index is made once)
    H.add_edge("a", "h", key="co_mention", kind="co_mention", weight=1, examples=[quote])
    (hop,) = query.paths(H, "Alpha", "Host", k=1)[0]["hops"]
    assert hop["kind"] == "co_mention"
    # through claims only, the negated claim is still a link
    hops = query.paths(G, "Alpha", "Beta", k=1, claims_only=True)[0]["hops"]
    assert [(h["predicate"], h["negated"]) for h in hops] == [
        ("works_as", True),
        ("works_as", False),
    ]


def test_query_contested_claims_are_those_speakers_disagree_about():
    import networkx as nx

    G = nx.MultiDiGraph()
    for n in ("ana", "bo", "cy", "phd", "sql", "java"):
        G.add_node(n, label=n.upper(), type="concept", mentions=1, aliases="", evidence=[])
    stance = [
        ("ana", "phd", "recommends", False),
        ("bo", "phd", "advises", True),  # against: PHD is contested
        ("cy", "phd", "recommends", False),
        ("ana", "sql", "recommends", False),  # everybody for: not contested
        ("bo", "sql", "advises", False),
        ("ana", "java", "recommends", False),  # one speaker both ways: no dispute
        ("ana", "java", "recommends", True),
    ]
    for i, (u, v, predicate, negated) in enumerate(stance):
        speaker = u.upper()
        G.add_edge(
            u,
            v,
            key=f"claim:{i}",
            kind="claim",
            predicate=predicate,
            negated=negated,
            weight=1,
            evidence="...",
            document="ep",
            turn=i,
            speaker=speaker,
            time=1.0,
        )
    found = query.claims(G, contested=True)
    assert [(c["subject"], c["negated"]) for c in found] == [
        ("bo", True),
        ("ana", False),
        ("cy", False),  # those against first
    ]
    assert query.claims(G, contested=True, about="SQL") == []
    assert len(query.claims(G, about="SQL")) == 2
