"""GEXF 1.3: a valid file, typed edges Gephi keeps apart, a mixed graph, viz and time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from gexf_schema import NS, VIZ, validate
from synthetic import random_kb, small_kb

from kgraph.exporters import read_json, write_json
from kgraph.exporters.gexf import QUOTE_CHARS, generate_gexf, write_gexf
from kgraph.graph import build_graph
from kgraph.model import Evidence
from kgraph.timeline import iso_date


def dated_kb():
    kb = small_kb()
    kb.documents[0].date = "2023-04-02"
    kb.documents[1].date = "2024-01"  # a month: its first day
    return kb


def parse(path):
    root = ET.parse(path).getroot()
    graph = root.find(f"{{{NS}}}graph")
    nodes = {n.get("id"): n for n in graph.iter(f"{{{NS}}}node")}
    edges = list(graph.iter(f"{{{NS}}}edge"))
    return graph, nodes, edges


def values(element):
    return {a.get("for"): a.get("value") for a in element.iter(f"{{{NS}}}attvalue")}


def timestamps(element):
    return [s.get("timestamp") for s in element.iter(f"{{{NS}}}spell")]


@pytest.fixture
def written(tmp_path):
    G = build_graph(dated_kb())
    path = write_gexf(G, tmp_path / "kgraph.gexf")
    return G, path


def test_gexf_is_valid_gexf_1_3(written):
    _, path = written
    assert validate(path) == []


def test_gexf_validator_catches_what_gephi_or_the_grammar_rejects(written, tmp_path):
    _, path = written
    text = path.read_text(encoding="utf-8")
    broken = {
        "version": text.replace('version="1.3"', 'version="1.2"', 1),
        "mode on attributes": text.replace(
            '<attributes class="node">', '<attributes class="node" mode="static">'
        ),
        "edge type": text.replace('type="undirected"', 'type="mixed"', 1),
        "time": text.replace('timestamp="2023-04-02"', 'timestamp="2023-4-2"', 1),
        "dangling edge": text.replace('source="person:ada-park"', 'source="person:nobody"', 1),
        "value type": text.replace('for="mentions" value="', 'for="mentions" value="x', 1),
    }  # fmt: skip
    for name, bad in broken.items():
        assert bad != text, name
        (tmp_path / "bad.gexf").write_text(bad, encoding="utf-8")
        assert validate(tmp_path / "bad.gexf"), name


def test_gexf_one_edge_per_kgraph_edge_typed_by_kind_and_predicate(written):
    G, path = written
    _, nodes, edges = parse(path)
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    kinds = Counter((e.get("source"), e.get("target"), e.get("kind")) for e in edges)
    assert max(kinds.values()) == 1  # Gephi merges edges only with the same ends and kind
    claims = [e for e in edges if values(e)["kind"] == "claim"]
    assert sorted(e.get("kind") for e in claims) == ["worked_at", "works_as", "works_as #2"]
    assert {e.get("label") for e in claims} == {"worked_at", "works_as"}
    assert all(e.get("type") == "directed" for e in claims)
    co = [e for e in edges if values(e)["kind"] == "co_mention"]
    assert len(co) == 2
    assert all(e.get("type") == "undirected" and e.get("kind") == "co_mention" for e in co)
    said = [e for e in edges if values(e)["kind"] == "said"]
    assert len(said) == 3
    assert all(e.get("type") == "directed" and e.get("kind") == "said" for e in said)
    assert "defaultedgetype" not in ET.parse(path).getroot().find(f"{{{NS}}}graph").attrib
    weights = {(e.get("source"), e.get("target")): float(e.get("weight")) for e in said}
    assert weights[("person:ada-park", "role:staff-engineer")] == 2.0


def test_gexf_negated_claims_and_other_kinds_are_their_own_types(tmp_path):
    G = build_graph(dated_kb())
    u, v, key = next((u, v, k) for u, v, k in G.edges(keys=True) if k.startswith("claim:"))
    G.edges[u, v, key]["negated"] = True
    G.add_edge(u, v, key="cites", kind="cites", weight=3, examples=[])  # a kind yet unknown
    _, _, edges = parse(write_gexf(G, tmp_path / "k.gexf"))
    by_key = {e.get("id").rsplit("::", 1)[1]: e for e in edges}
    assert by_key[key].get("kind").startswith("not ")
    assert by_key["cites"].get("kind") == "cites" and by_key["cites"].get("type") == "directed"
    assert validate(tmp_path / "k.gexf") == []


def test_gexf_time_plays_the_documents_dates(written):
    G, path = written
    graph, nodes, edges = parse(path)
    assert graph.get("mode") == "dynamic"
    assert (graph.get("timeformat"), graph.get("timerepresentation")) == ("date", "timestamp")
    assert timestamps(nodes["person:ada-park"]) == ["2023-04-02", "2024-01-01"]
    assert timestamps(nodes["organization:lumen-labs"]) == ["2023-04-02"]
    assert timestamps(nodes["book:the-quiet-manager"]) == ["2024-01-01"]
    by_id = {e.get("id"): e for e in edges}
    design = by_id["person:ada-park::concept:design-doc::said"]
    assert timestamps(design) == ["2023-04-02", "2024-01-01"]  # said in both documents
    staff = by_id["concept:design-doc::role:staff-engineer::co_mention"]
    assert timestamps(staff) == ["2023-04-02"]
    claim = next(e for e in edges if e.get("kind") == "works_as #2")
    assert timestamps(claim) == ["2024-01-01"]
    assert values(claim)["document_title"] == "Blog B" and values(claim)["date"] == "2024-01-01"


def test_gexf_undated_documents_give_a_static_graph(tmp_path):
    path = write_gexf(build_graph(small_kb()), tmp_path / "k.gexf")
    graph, nodes, _ = parse(path)
    assert graph.get("mode") == "static" and "timeformat" not in graph.attrib
    assert not any(timestamps(n) for n in nodes.values())
    assert validate(path) == []


def test_gexf_viz_from_the_graph_and_quotes_trimmed(tmp_path):
    kb = dated_kb()
    long_quote = "Design docs " + "really " * 80 + "matter."
    for entity in kb.entities:
        if entity.label == "Design Doc":
            entity.mentions.insert(0, Evidence("pod-a", 0, long_quote, "Ada Park", 12.5))
    G = build_graph(kb)
    _, nodes, edges = parse(write_gexf(G, tmp_path / "k.gexf"))
    for node, data in G.nodes(data=True):
        element = nodes[node]
        assert element.get("label") == data["label"]
        color = element.find(f"{{{VIZ}}}color").attrib
        assert "#{:02x}{:02x}{:02x}".format(*(int(color[c]) for c in "rgb")) == data["color"]
        position = element.find(f"{{{VIZ}}}position").attrib
        assert (float(position["x"]), float(position["y"])) == (data["x"], data["y"])
        assert float(element.find(f"{{{VIZ}}}size").get("value")) == data["size"]
    trimmed = values(nodes["concept:design-doc"])["evidence"]
    assert trimmed.endswith("…") and QUOTE_CHARS - 8 < len(trimmed) <= QUOTE_CHARS
    for element in [*nodes.values(), *edges]:
        for name, value in values(element).items():
            if name in ("evidence", "examples"):
                assert len(value) <= QUOTE_CHARS
    assert "document_ids" not in {a.get("for") for e in edges for a in e.iter(f"{{{NS}}}attvalue")}


def test_gexf_of_a_graph_read_back_from_json_is_the_same(tmp_path):
    G = build_graph(random_kb(seed=5))
    write_json(G, tmp_path / "k.json")
    assert generate_gexf(read_json(tmp_path / "k.json")) == generate_gexf(G)


def test_gexf_positions_computed_when_the_graph_has_none(tmp_path):
    G = build_graph(dated_kb())
    for _, data in G.nodes(data=True):
        del data["x"], data["y"]
    path = write_gexf(G, tmp_path / "k.gexf")
    _, nodes, _ = parse(path)
    spots = {(p.get("x"), p.get("y")) for n in nodes.values() for p in n.iter(f"{{{VIZ}}}position")}
    assert len(spots) == len(nodes)
    assert validate(path) == []


def test_gexf_survives_markup_and_control_characters(tmp_path):
    kb = dated_kb()
    kb.entities[0].label = 'Ada\x0b <Park> & "Co"\n'
    kb.claims[0].evidence = Evidence("pod-a", 0, "I\x1b said <b>so</b>\r\n\ttoo.", None, None)
    path = write_gexf(build_graph(kb), tmp_path / "k.gexf")
    assert validate(path) == []
    _, nodes, _ = parse(path)
    assert nodes["person:ada-park"].get("label") == 'Ada <Park> & "Co"'


def test_gexf_random_graphs_are_valid(tmp_path):
    for seed in range(3):
        G = build_graph(random_kb(n_entities=80, claims=60, seed=seed))
        path = write_gexf(G, tmp_path / f"r{seed}.gexf")
        assert validate(path) == []
        _, nodes, edges = parse(path)
        assert (len(nodes), len(edges)) == (G.number_of_nodes(), G.number_of_edges())
        kinds = Counter((e.get("source"), e.get("target"), e.get("kind")) for e in edges)
        assert max(kinds.values()) == 1


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:20:00+02:00", "2024-03-05"),
        ("2024-03", "2024-03-01"),
        ("2024", "2024-01-01"),
        ("2024-13-01", None),
        ("05/03/2024", None),
        ("", None),
        (None, None),
    ],
)
def test_timeline_iso_date(text, date):
    assert iso_date(text) == date
