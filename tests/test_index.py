"""The query index stores each element's attributes as the JSON file does."""

from __future__ import annotations

import sqlite3

import networkx as nx
from synthetic import random_kb

from kgraph.exporters.json import write_json
from kgraph.graph import build_graph
from kgraph.index import GraphIndex, index_path, write_index


def rows(path):
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("meta", "nodes", "edges")
        }
    finally:
        conn.close()


def test_index_keeps_each_elements_attributes_and_is_fresh_for_its_json_file(tmp_path):
    G = build_graph(random_kb(n_entities=120, claims=100, seed=8))
    G.add_node("odd", label="Odd", id="its own id")  # attribute names the JSON file adds
    G.add_edge("odd", "odd", key="k", kind="claim", source="a book", target=None)
    path = write_json(G, tmp_path / "g.json")
    write_index(G, path)
    given = rows(index_path(path))
    edges = list(G.edges(keys=True, data=True))
    assert [(r[0], r[1], r[2]) for r in given["edges"]] == [(u, v, k) for u, v, k, _ in edges]
    Q = GraphIndex.open_fresh(path)
    assert [Q.node(n) for n in G] == [d for _, d in G.nodes(data=True)]
    for u, v, k, d in [*edges[:: max(1, len(edges) // 50)], edges[-1]]:
        assert (u, v, k, d) in Q.edges_between(u, v)
    Q.close()
    path.write_bytes(path.read_bytes() + b" ")  # another file now: the index is stale
    assert GraphIndex.open_fresh(path) is None
    write_index(G, path)
    path.unlink()  # the JSON file gone, its index left: no index, no error
    assert GraphIndex.open_fresh(path) is None


def test_index_stores_the_json_writers_texts_as_it_would_encode_them(tmp_path):
    G = build_graph(random_kb(n_entities=80, claims=60, seed=3))
    G.add_node("odd", label="Odd", id="its own id")  # encoded with its id by the writer
    alone = write_index(G, write_json(G, tmp_path / "a.json"))
    texts: dict[int, str] = {}
    shared = write_index(G, write_json(G, tmp_path / "b.json", texts), texts=texts)
    assert len(texts) == G.number_of_nodes() - 1 + G.number_of_edges()
    first, second = rows(alone), rows(shared)
    assert first["nodes"] == second["nodes"] and first["edges"] == second["edges"]


def test_index_keeps_values_json_cannot_encode_as_text(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("a", label="A", tags={"x"})  # a set: the JSON file would refuse it
    G.add_edge("a", "a", key="k", kind="claim", when=object)
    index = GraphIndex.from_graph(G)
    assert index.node("a")["tags"] == "{'x'}"
    ((_, _, _, data),) = index.claims()
    assert data["when"] == str(object)


def test_index_routing_table_keeps_the_cheapest_hop_of_each_pair(tmp_path):
    from kgraph.index import CLAIM_COST

    G = nx.MultiDiGraph()
    G.add_nodes_from("abcd")
    G.add_edge("a", "b", key="co_mention", kind="co_mention", weight=4)
    G.add_edge("b", "a", key="claim:0", kind="claim", weight=1)  # cheaper, other direction
    G.add_edge("b", "c", key="co_mention", kind="co_mention", weight=1)
    G.add_edge("c", "c", key="claim:1", kind="claim", weight=1)  # a self-loop routes nowhere
    path = write_json(G, tmp_path / "g.json")
    write_index(G, path)
    Q = GraphIndex.open_fresh(path)
    assert Q.routing() == {
        "a": {"b": CLAIM_COST},
        "b": {"a": CLAIM_COST, "c": 2.0},
        "c": {"b": 2.0},
        "d": {},
    }
    assert Q.routing(claims_only=True) == {
        "a": {"b": CLAIM_COST},
        "b": {"a": CLAIM_COST},
        "c": {},
        "d": {},
    }


def test_routing_arrays_read_the_same_on_a_machine_of_the_other_byte_order():
    from array import array

    from kgraph.index import Router

    table = {"a": {"b": 0.6, "c": 2.5}, "b": {"a": 0.6}, "c": {"a": 2.5}}
    packed = Router.pack(["a", "b", "c"], table)
    assert (
        Router.unpack(["a", "b", "c"], {f"r:{k}": v for k, v in packed.items()}, "r", False).table()
        == table
    )
    swapped = {}
    for part, code in (("offsets", "q"), ("targets", "i"), ("costs", "d")):
        values = array(code)
        values.frombytes(packed[part])
        values.byteswap()
        swapped[f"r:{part}"] = values.tobytes()
    router = Router.unpack(["a", "b", "c"], swapped, "r", True)
    assert router.table() == table
    assert (router.degree(0), router.cost(0, 2)) == (2, 2.5)
