"""kgraph.serial: the writers' building blocks give what the slow standard ways give."""

from __future__ import annotations

import gc
import json
import math

import networkx as nx
import pytest
from synthetic import random_kb

from kgraph.graph import build_graph
from kgraph.serial import edge_list, encode_json, gc_paused


@pytest.mark.parametrize(
    "value",
    [
        {"quote": 'a "q" \\ é 🙂\n\x0b', "time": 12.5, "turn": 3, "url": None, "ok": True},
        [1, 2.0, -0.0, 1e16, 1e-7, math.inf, -math.inf, "x", [], {}],
        {"nested": [{"k": ["v", None, False]}], 1: "int key"},
        "just a string",
        ("tuple", 1),
    ],
)
def test_encode_json_is_json_dumps(value):
    assert encode_json(value) == json.dumps(value, ensure_ascii=False)


def test_encode_json_rejects_what_json_rejects():
    with pytest.raises(TypeError):
        encode_json({"s": {1, 2}})
    assert encode_json({"ok": 1}) == '{"ok": 1}'  # still usable after an error


def test_edge_list_is_the_edge_view_in_order():
    G = build_graph(random_kb(n_entities=80, claims=60, seed=3))
    assert edge_list(G) == list(G.edges(keys=True, data=True))
    U = nx.MultiGraph([(1, 2), (2, 1), (2, 3)])  # undirected: each edge once
    assert edge_list(U) == list(U.edges(keys=True, data=True))


def test_gc_paused_restores_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it off for the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off: stays off
    finally:
        gc.enable()
