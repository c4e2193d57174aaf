"""GraphML: loads cleanly in networkx and python-igraph, round trips the kgraph schema."""

from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from synthetic import random_kb, small_kb

from kgraph.exporters.graphml import (
    clean_xml_text,
    generate_graphml,
    parse_graphml,
    read_graphml,
    write_graphml,
)
from kgraph.graph import build_graph
from kgraph.model import Evidence

igraph = pytest.importorskip("igraph", reason="python-igraph is the independent GraphML reader")

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def read_with_igraph(path):
    """igraph's reader, failing the test on any warning it emits."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g = igraph.Graph.Read_GraphML(str(path))
    assert [str(w.message) for w in caught] == []
    return g


def keys_of(path):
    root = ET.parse(path).getroot()
    return {
        (k.get("for"), k.get("attr.name")): (k.get("id"), k.get("attr.type"))
        for k in root.findall("g:key", NS)
    }


def nasty_graph() -> nx.MultiDiGraph:
    """The small graph with control characters, markup, None and a lone surrogate."""
    kb = small_kb()
    lumen = kb.entities[3]
    lumen.mentions.append(
        Evidence("pod-a", 5, "Bad\x0bbyte\x00 <script>alert('x')</script> & \"q\"\r\nend\ud800")
    )
    kb.claims[0] = type(kb.claims[0])(
        kb.claims[0].subject,
        "works_as",
        kb.claims[0].object,
        Evidence("pod-a", 0, "I\x1b[0m said <b>so</b>\x0c.", None, None),
    )
    return build_graph(kb)


@pytest.mark.parametrize("make", [lambda: build_graph(small_kb()), nasty_graph])
def test_graphml_same_counts_in_networkx_and_igraph(tmp_path, make):
    G = make()
    path = write_graphml(G, tmp_path / "g.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    g = read_with_igraph(path)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert g.is_directed()
    # parallel claim edges survive in both readers
    assert H.number_of_edges("person:ada-park", "role:staff-engineer") == 3
    ada, staff = g.vs.find(id="person:ada-park").index, g.vs.find(id="role:staff-engineer").index
    assert g.count_multiple([(ada, staff)]) == [3]


def test_graphml_round_trip_restores_schema(tmp_path):
    G = build_graph(random_kb(n_entities=150, claims=200, seed=5))
    H = read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    assert H.graph == {}  # Gephi ignores graph-level data (a warning each): the JSON has it
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))


def test_graphml_cleans_characters_xml_forbids(tmp_path):
    G = nasty_graph()
    text = generate_graphml(G)
    ET.fromstring(text.encode("utf-8"))  # well-formed
    for bad in ("\x0b", "\x00", "\x1b", "\x0c", "\ud800", "<script>", "\\u000b", "\\u0000"):
        assert bad not in text  # neither raw nor JSON-escaped inside the evidence list
    H = parse_graphml(text)
    quotes = [e["quote"] for e in H.nodes["organization:lumen-labs"]["evidence"]]
    assert any(q == "Badbyte <script>alert('x')</script> & \"q\"\r\nend" for q in quotes)
    claim = H.edges["person:ada-park", "role:staff-engineer", "claim:0"]
    assert claim["evidence"] == "I[0m said <b>so</b>."
    assert claim["speaker"] is None and claim["time"] is None  # None survives the round trip
    assert claim["url"] == "https://www.youtube.com/watch?v=vid123"  # the video, no time


def test_graphml_keys_one_type_unique_ids_gephi_names(tmp_path):
    path = write_graphml(build_graph(small_kb()), tmp_path / "g.graphml")
    keys = keys_of(path)
    ids = [key_id for key_id, _ in keys.values()]
    assert len(ids) == len(set(ids))
    assert not any(i.startswith("d") and i[1:].isdigit() for i in ids)  # Gephi reads d3 as label
    assert keys[("node", "label")] == ("label", "string")
    assert keys[("node", "size")] == ("size", "double")
    for channel in "rgb":
        assert keys[("node", channel)] == (channel, "int")
    assert keys[("edge", "label")] == ("edgelabel", "string")
    assert keys[("edge", "weight")] == ("weight", "int")
    assert keys[("edge", "time")][1] == "double"
    assert keys[("edge", "negated")][1] == "boolean"
    # every key declares a default, so omitted None values have a defined meaning
    root = ET.parse(path).getroot()
    assert all(k.find("g:default", NS) is not None for k in root.findall("g:key", NS))


def test_graphml_edges_have_unique_ids_and_gephi_attributes(tmp_path):
    G = build_graph(small_kb())
    path = write_graphml(G, tmp_path / "g.graphml")
    root = ET.parse(path).getroot()
    edges = root.findall("g:graph/g:edge", NS)
    assert len({e.get("id") for e in edges}) == len(edges) == 8
    g = read_with_igraph(path)
    claim = g.es.find(key="claim:1")
    assert claim["label"] == "worked_at" and claim["weight"] == 1
    ada = g.vs.find(id="person:ada-park")
    assert (ada["r"], ada["g"], ada["b"]) == (0x4E, 0x79, 0xA7)
    assert ada["label"] == "Ada Park" and ada["size"] > 10
    where = G.nodes["person:ada-park"]
    assert (ada["x"], ada["y"]) == (where["x"], where["y"])
    assert all(5 <= size <= 40 for size in g.vs["size"])
    assert not root.findall("g:graph/g:data", NS) and not any(
        k.get("for") == "graph" for k in root.findall("g:key", NS)
    )


def test_graphml_edges_name_their_document_and_its_date(tmp_path):
    kb = small_kb()
    kb.documents[0].date = "2023-04-02"
    kb.documents[1].date = "2024-01"
    G = build_graph(kb)
    g = read_with_igraph(write_graphml(G, tmp_path / "g.graphml"))
    told = {(e["key"], e["document_title"], e["date"]) for e in g.es}
    assert ("claim:1", "Pod A", "2023-04-02") in told  # a claim: its document
    assert ("claim:2", "Blog B", "2024-01-01") in told  # a month: its first day
    said = g.es.find(key="said", _source=g.vs.find(id="person:ada-park").index,
                     _target=g.vs.find(id="concept:design-doc").index)  # fmt: skip
    assert (said["document_title"], said["date"]) == ("Pod A", "2023-04-02")  # the earliest
    H = read_graphml(tmp_path / "g.graphml")
    assert "date" not in H.edges["person:ada-park", "role:staff-engineer", "claim:0"]


def test_graphml_blank_label_becomes_the_node_id(tmp_path):
    G = build_graph(small_kb())
    G.nodes["book:the-quiet-manager"]["label"] = " "
    g = read_with_igraph(write_graphml(G, tmp_path / "g.graphml"))
    assert g.vs.find(id="book:the-quiet-manager")["label"] == "book:the-quiet-manager"


def test_graphml_edge_ids_name_the_edge_and_stay_across_builds(tmp_path):
    G = build_graph(small_kb())
    ids = {
        (e.get("source"), e.get("target"), e.get("id"))
        for e in ET.parse(write_graphml(G, tmp_path / "a.graphml"))
        .getroot()
        .iter(f"{{{NS['g']}}}edge")
    }
    assert {i for *_, i in ids} == {f"{u}::{v}::{k}" for u, v, k in G.edges(keys=True)}
    G.add_node("concept:aaa", label="Aaa")  # a new node and edge sort first
    G.add_edge("concept:aaa", next(iter(G)), key="co_mention", kind="co_mention", weight=1)
    again = ET.parse(write_graphml(G, tmp_path / "b.graphml")).getroot()
    assert ids < {
        (e.get("source"), e.get("target"), e.get("id")) for e in again.iter(f"{{{NS['g']}}}edge")
    }


def test_graphml_edge_ids_are_numbers_when_names_would_clash(tmp_path):
    H = nx.MultiDiGraph()
    H.add_edge("a::b", "c", key="k")
    H.add_edge("a", "b::c", key="k")  # both would be a::b::c::k
    root = ET.parse(write_graphml(H, tmp_path / "h.graphml")).getroot()
    assert sorted(e.get("id") for e in root.iter(f"{{{NS['g']}}}edge")) == ["e0", "e1"]


def test_graphml_none_lists_and_mixed_types(tmp_path):
    G = nx.MultiDiGraph(name="mixed")
    G.add_node("a", label="A", score=3, tags=["x", "y"], note=None, ratio=1)
    G.add_node("b", label="B", score="high", tags=[], note="n", ratio=0.5)
    G.add_node("c", flag=True)
    G.add_edge("a", "b", key=0, weight=2, extra=None)
    G.add_edge("a", "b", key=1, weight=3, extra={"k": 1})
    path = write_graphml(G, tmp_path / "g.graphml")
    keys = keys_of(path)
    assert keys[("node", "score")][1] == "string"  # int on one node, str on another
    assert keys[("node", "ratio")][1] == "double"
    assert keys[("node", "flag")][1] == "boolean"
    assert keys[("node", "tags")][1] == "string"
    g = read_with_igraph(path)
    assert (g.vcount(), g.ecount()) == (3, 2)
    assert g.vs.find(id="a")["tags"] == '["x", "y"]'
    assert g.vs.find(id="a")["note"] == ""  # None -> the declared default
    assert g.vs.find(id="c")["label"] == "c"  # Gephi needs a label: the id
    H = nx.read_graphml(path, force_multigraph=True)
    assert H.nodes["a"]["score"] == "3" and H.nodes["b"]["score"] == "high"
    assert H.number_of_edges("a", "b") == 2


def test_graphml_large_random_graph_counts(tmp_path):
    G = build_graph(random_kb(n_entities=1500, n_documents=30, claims=1500, seed=2))
    path = write_graphml(G, tmp_path / "g.graphml")
    g = read_with_igraph(path)
    H = nx.read_graphml(path, force_multigraph=True)
    counts = (G.number_of_nodes(), G.number_of_edges())
    assert (g.vcount(), g.ecount()) == counts == (H.number_of_nodes(), H.number_of_edges())


def test_clean_xml_text_keeps_tabs_newlines_and_unicode():
    assert clean_xml_text("a\tb\nc\rd é 🙂 \x07\x7f") == "a\tb\nc\rd é 🙂 \x7f"


def test_graphml_attribute_named_id_does_not_clash(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("a", id="x", label="A")
    G.add_edge("a", "b", key="k", id="e", kind="other")
    path = write_graphml(G, tmp_path / "g.graphml")
    g = read_with_igraph(path)  # no "already an 'id' attribute" warning
    assert g.vs.find(id="a")["attr_id"] == "x"
    H = read_graphml(path)
    assert H.nodes["a"]["id"] == "x"
    assert H.edges["a", "b", "k"] == {"id": "e", "kind": "other"}


def test_graphml_cleans_noncharacters_and_json_escaped_controls():
    """The whole-document cleaning removes what per-value cleaning would have removed."""
    G = nx.MultiDiGraph()
    G.add_node("a", note="x\ufffey\uffffz\ud800", items=["p\x08q", {"k\x0c": "r\x1fs"}])
    G.add_node("b", note="tab\tcr\r", items=["C:\\bin\\file", "\\u0041"])  # backslashes stay
    text = generate_graphml(G)
    for bad in ("\ufffe", "\uffff", "\ud800", "\x08", "\x0c", "\x1f", "\\u001f"):
        assert bad not in text
    H = nx.parse_graphml(text.encode("utf-8"))
    assert H.nodes["a"]["note"] == "xyz"
    assert H.nodes["a"]["items"] == '["pq", {"k": "rs"}]'
    assert H.nodes["b"]["note"] == "tab\tcr\r"
    assert json.loads(H.nodes["b"]["items"]) == ["C:\\bin\\file", "\\u0041"]


def test_graphml_values_by_type_with_none_holes_sets_and_non_finite():
    G = nx.MultiDiGraph()
    for i in range(6):  # one attribute order, None in some rows: those rows omit the value
        G.add_node(
            f"n{i}", t=None if i % 2 else 1.5 * i, flag=i % 3 == 0, tag=None if i == 4 else "x"
        )
    G.add_node("odd", t=float("inf"), flag=None, tag={"b", "a"})
    G.add_edge("n0", "n1", key="k", members={"z", "y"}, pair=("p", 1))
    H = nx.parse_graphml(generate_graphml(G).encode("utf-8"), force_multigraph=True)
    assert [H.nodes[f"n{i}"].get("t") for i in range(6)] == [0.0, None, 3.0, None, 6.0, None]
    assert H.nodes["n3"]["flag"] is True and H.nodes["n1"]["flag"] is False
    assert "tag" not in H.nodes["n4"] and H.nodes["n5"]["tag"] == "x"
    assert H.nodes["odd"]["t"] == -1.0  # not finite -> the declared default
    assert H.nodes["odd"]["tag"] == '["a", "b"]'  # a set, sorted
    (edge,) = H["n0"]["n1"].values()
    assert edge["members"] == '["y", "z"]' and edge["pair"] == '["p", 1]'
