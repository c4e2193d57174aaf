"""Node-link JSON: exact round trip, fast, no spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from synthetic import random_kb, small_kb

from kgraph.exporters.json import (
    encode_graph,
    generate_json,
    parse_json,
    read_json,
    write_json,
)
from kgraph.graph import build_graph


def assert_same_graph(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    assert type(H) is nx.MultiDiGraph
    assert H.graph == G.graph
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))


def test_json_round_trip_small(tmp_path):
    G = build_graph(small_kb())
    path = write_json(G, tmp_path / "g.json")
    H = read_json(path)
    assert_same_graph(G, H)
    # parallel claim edges keep their keys
    assert set(H["person:ada-park"]["role:staff-engineer"]) == {"said", "claim:0", "claim:2"}
    assert H.edges["person:ada-park", "role:staff-engineer", "claim:2"]["time"] is None


def test_json_round_trip_random_graph():
    G = build_graph(random_kb(n_entities=200, claims=300, seed=11))
    assert_same_graph(G, parse_json(generate_json(G)))


def test_json_file_is_node_link_with_edges_and_keys(tmp_path):
    G = build_graph(small_kb())
    data = json.loads((write_json(G, tmp_path / "g.json")).read_text("utf-8"))
    assert data["directed"] and data["multigraph"]
    assert {"nodes", "edges", "graph"} <= set(data)
    assert all({"source", "target", "key"} <= set(e) for e in data["edges"])


def test_json_reads_plain_node_link_files():
    """Files from other programs (no keys) still load, through networkx."""
    data = nx.node_link_data(nx.path_graph(3, create_using=nx.DiGraph), edges="edges")
    H = parse_json(json.dumps(data))
    assert H.number_of_edges() == 2 and H.is_directed()


def test_json_reader_does_not_import_spacy():
    code = (
        "import sys; from kgraph.exporters.json import read_json; "
        "print(any(m.split('.')[0] in ('spacy', 'pyvis', 'igraph') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["[]", '{"graph": {}}', "{not json", '{"nodes": 3}'])
def test_json_rejects_what_is_not_a_node_link_graph(text):
    with pytest.raises(ValueError):
        parse_json(text)


def _node_link_dumps(G: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(G, edges="edges", key="key"), ensure_ascii=False)


def test_json_text_is_node_link_data_dumped():
    """The fast writer appends id/source/target/key to each element's encoded attributes:
    the text is exactly networkx's, also when an attribute has one of those names."""
    G = build_graph(random_kb(n_entities=120, claims=150, seed=4))
    assert generate_json(G) == _node_link_dumps(G)
    H = nx.MultiDiGraph(name="odd")
    H.add_node(1, id="own id", label="one")  # node_link_data overwrites "id" in place
    H.add_node("é")  # no attributes at all
    H.add_edge(1, "é")
    H.add_edge(1, "é", key=("t", 2), source="s", w=1.5)
    H.add_edge("é", 1, key="k", key_note="x", target=None)
    assert generate_json(H) == _node_link_dumps(H)


def test_json_file_is_node_link_json_with_multi_byte_text(tmp_path):
    G = build_graph(random_kb(n_entities=60, claims=40, seed=5))
    G.add_node("person:zoë", label="Zoë “Z” Ünal")
    G.add_edge("person:zoë", next(iter(G)), key="co_mention", kind="co_mention", weight=1)
    path = write_json(G, tmp_path / "g.json")
    assert path.read_bytes() == encode_graph(G) == _node_link_dumps(G).encode("utf-8")
    assert json.loads(path.read_bytes()) == nx.node_link_data(G, edges="edges", key="key")
