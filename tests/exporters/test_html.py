"""HTML export: offline, escaped, capped at max_nodes (static checks of the file)."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser

import networkx as nx
import pytest
from synthetic import random_kb, small_kb

from kgraph.exporters import html as html_exporter
from kgraph.exporters.html import (
    DEFAULT_MAX_NODES,
    LABELLED_NODES,
    node_score,
    render_html,
    select_nodes,
    write_html,
)
from kgraph.graph import build_graph
from kgraph.model import Claim, Evidence

NASTY = "<script>document.body.dataset.pwned='1'</script> <a href=\"https://evil.example\">x</a>"


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(text)
    return parser.tags


def page_data(text: str, name: str):
    """A JSON literal the template assigned to ``var name``."""
    match = re.search(rf"^var {name} = (.*);$", text, flags=re.M)
    assert match, name
    return json.loads(match.group(1))


def nasty_kb():
    kb = small_kb()
    ada = kb.entities[0]
    kb.claims.insert(
        0,
        Claim(
            ada.id,
            "recommends",
            kb.entities[2].id,
            Evidence("pod-a", 1, NASTY, "Ada </script><b>Park</b>", 3.0, "javascript:alert(1)"),
        ),
    )
    return kb


def test_html_references_nothing_online(tmp_path):
    path = tmp_path / "g.html"
    write_html(build_graph(small_kb()), path)
    text = path.read_text("utf-8")
    for tag, attrs in tags_of(text):
        for attr in ("src", "href", "srcset", "data", "action"):
            value = attrs.get(attr) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, attr, value)
        if tag == "link":
            pytest.fail(f"unexpected <link> tag: {attrs}")
        if tag == "script":
            assert "src" not in attrs  # everything inline
    for host in ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com", "bootstrap"):
        assert host not in text.lower()
    csp = [a for t, a in tags_of(text) if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in csp[0]["content"]
    assert "vis.Network" in text and len(text) > 400_000  # vis-network is inlined


def test_html_escapes_document_text(tmp_path):
    G = build_graph(nasty_kb(), name="<b>Title</b>")
    text = render_html(G).html
    # the evidence reaches the page only as HTML-safe JSON
    assert "<script>document.body" not in text
    assert "</script><b>Park" not in text
    assert "\\u003cscript\\u003e" in text
    script_tags = [t for t, _ in tags_of(text) if t == "script"]
    assert len(script_tags) == 2  # vis-network and ours, nothing injected
    assert "<title>&lt;b&gt;Title&lt;/b&gt;</title>" in text
    # pyvis's innerHTML tooltip mode (triggered by "href" in a title) is never used
    assert "popup.innerHTML" not in text
    edges = page_data(text, "edgeList")
    nasty = next(e for e in edges if e["kg"].get("predicate") == "recommends")
    assert nasty["kg"]["quote"].startswith("<script>")  # kept as data, shown as text
    assert nasty["kg"]["url"] is None  # javascript: links are dropped
    assert all("title" not in e for e in edges)
    assert all("title" not in n for n in page_data(text, "nodeList"))


def test_html_max_nodes_keeps_most_connected(tmp_path):
    G = build_graph(random_kb(n_entities=80, n_documents=5, claims=40, seed=4))
    dropped = write_html(G, tmp_path / "g.html", max_nodes=25)
    assert dropped == 80 - 25
    text = (tmp_path / "g.html").read_text("utf-8")
    nodes = page_data(text, "nodeList")
    assert {n["id"] for n in nodes} == set(select_nodes(G, 25))
    meta = page_data(text, "KG")
    assert (meta["nodes_shown"], meta["nodes_dropped"], meta["nodes_total"]) == (25, 55, 80)
    assert 'data-dropped="55"' in text
    # within each type the kept nodes are the strongest: every dropped node of a type
    # scores at most the weakest kept one (unless it was swapped out for being unlinked)
    kept = {n["id"] for n in nodes}
    for entity_type in {d["type"] for _, d in G.nodes(data=True)}:
        of_type = [n for n in G if G.nodes[n]["type"] == entity_type]
        kept_scores = [node_score(G, n) for n in of_type if n in kept]
        dropped_scores = [node_score(G, n) for n in of_type if n not in kept]
        assert kept_scores and min(kept_scores) >= max(dropped_scores, default=0)
    edges = page_data(text, "edgeList")
    assert all(e["from"] in kept and e["to"] in kept for e in edges)


def skewed_graph() -> nx.MultiDiGraph:
    """80 heavily linked concepts, 12 quiet people, 6 books: concepts win on score alone."""
    G = nx.MultiDiGraph()

    def add(node: str, entity_type: str, mentions: int) -> None:
        G.add_node(node, label=node, type=entity_type, mentions=mentions, documents=1)

    for i in range(80):
        add(f"concept:c{i:02d}", "concept", 50 + i)
    for i in range(79):
        G.add_edge(f"concept:c{i:02d}", f"concept:c{i + 1:02d}", weight=20)
    for i in range(12):
        add(f"person:p{i:02d}", "person", 2 + i)
        G.add_edge(f"concept:c{79 - i:02d}", f"person:p{i:02d}", weight=1)
    for i in range(6):
        add(f"book:b{i}", "book", 1 + i)
        G.add_edge(f"person:p{11 - i:02d}", f"book:b{i}", weight=1)
    return G


def test_select_nodes_gives_every_type_a_floor():
    G = skewed_graph()
    kept = select_nodes(G, 40)  # floor: 10% of 40 = 4 of each type
    assert len(kept) == len(set(kept)) == 40
    types = Counter(G.nodes[n]["type"] for n in kept)
    assert types == {"concept": 32, "person": 4, "book": 4}
    # each type's floor is filled with its best nodes
    assert {n for n in kept if n.startswith("person:")} == {
        f"person:p{i:02d}" for i in (8, 9, 10, 11)
    }
    assert select_nodes(G, 200) == select_nodes(G, None) and len(select_nodes(G, None)) == 98
    assert kept == sorted(kept, key=lambda n: (-node_score(G, n), n))  # best first


def test_select_nodes_keeps_shown_nodes_linked():
    G = skewed_graph()
    # the best person is linked only to a concept that is too weak to be shown
    G.nodes["person:p00"]["mentions"] = 1_000
    G.remove_edge("concept:c79", "person:p00")
    G.add_edge("concept:c00", "person:p00", weight=1)
    kept = set(select_nodes(G, 40))
    shown = G.subgraph(kept)
    assert all(any(True for _ in nx.all_neighbors(shown, n)) for n in kept)
    assert "person:p00" not in kept  # swapped for the best linked person
    assert {n for n in kept if n.startswith("person:")} == {
        f"person:p{i:02d}" for i in range(8, 12)
    }
    assert sum(n.startswith("person:") for n in kept) == 4


def test_html_labels_only_the_biggest_nodes():
    G = skewed_graph()
    nodes = page_data(render_html(G, max_nodes=None).html, "nodeList")
    labelled = [n for n in nodes if n["kg"]["label_weight"] >= 0]
    assert len(labelled) == LABELLED_NODES
    biggest = sorted(nodes, key=lambda n: (-n["value"], n["id"]))[:LABELLED_NODES]
    assert {n["id"] for n in labelled} == {n["id"] for n in biggest}
    assert max(n["kg"]["label_weight"] for n in labelled) == 1.0
    options = page_data(render_html(G).html, "options")
    assert options["nodes"]["scaling"]["label"]["enabled"] is False  # sized by the page


def test_html_default_cap_and_no_cap():
    G = build_graph(random_kb(n_entities=DEFAULT_MAX_NODES + 20, claims=10, seed=1))
    assert render_html(G).nodes_dropped == 20
    page = render_html(G, max_nodes=None)
    assert (page.nodes_shown, page.nodes_dropped) == (DEFAULT_MAX_NODES + 20, 0)
    with pytest.raises(ValueError, match="max_nodes"):
        render_html(G, max_nodes=0)


def test_html_max_edges_keeps_claims_and_links_every_node():
    G = build_graph(random_kb(n_entities=60, n_documents=4, claims=30, seed=9))
    page = render_html(G, max_edges=70)
    edges = page_data(page.html, "edgeList")
    assert page.edges_shown == len(edges) == 70
    assert page.edges_dropped == G.number_of_edges() - 70
    linked = {e["from"] for e in edges} | {e["to"] for e in edges}
    has_edges = {n for n in G if any(True for _ in nx.all_neighbors(G, n))}
    assert linked == has_edges  # no node lost all its links to the cap


def test_html_parallel_claims_are_distinct_curved_edges():
    text = render_html(build_graph(small_kb())).html
    edges = page_data(text, "edgeList")
    assert len(edges) == 5 and len({e["id"] for e in edges}) == 5  # "said" edges not drawn
    pair = [e for e in edges if {e["from"], e["to"]} == {"person:ada-park", "role:staff-engineer"}]
    assert len(pair) == 2
    assert sorted(e.get("smooth", {}).get("roundness", 0) for e in pair) == pytest.approx([0, 0.15])
    claim = next(e for e in pair if e["kg"]["kind"] == "claim")
    assert claim["arrows"] == "to" and claim["kg"]["url"].startswith("https://www.youtube.com/")


def test_html_node_payload_for_tooltips():
    text = render_html(build_graph(small_kb())).html
    ada = next(n for n in page_data(text, "nodeList") if n["id"] == "person:ada-park")
    assert ada["label"] == "Ada Park" and ada["color"] == "#4e79a7"
    assert ada["kg"]["aliases"] == ["Ada"]
    assert ada["kg"]["type"] == "person"
    quote = ada["kg"]["evidence"][0]
    assert quote["time"] == 75.0 and quote["document"] == "Pod A"  # document title shown
    assert quote["url"] == "https://www.youtube.com/watch?v=vid123&t=75s"
    types = [t["type"] for t in page_data(text, "KG")["types"]]
    assert types == ["person", "organization", "role", "book", "concept"]


def test_html_physics_in_browser_for_small_graphs():
    text = render_html(build_graph(small_kb())).html
    options = page_data(text, "options")
    assert options["physics"]["enabled"] is True
    assert options["physics"]["solver"] == "barnesHut"
    assert options["layout"]["improvedLayout"] is False
    assert options["edges"]["smooth"] is False
    assert all("x" not in n for n in page_data(text, "nodeList"))


def test_html_positions_from_python_for_large_graphs(monkeypatch):
    monkeypatch.setattr(html_exporter, "BROWSER_LAYOUT_MAX_NODES", 30)
    G = build_graph(random_kb(n_entities=60, n_documents=4, claims=20, seed=2))
    text = render_html(G, max_nodes=None).html
    assert page_data(text, "options")["physics"]["enabled"] is False
    nodes = page_data(text, "nodeList")
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)  # no two nodes on one spot
    assert render_html(G, max_nodes=None).html == text  # deterministic


def test_html_layout_without_igraph(monkeypatch):
    """python-igraph is optional: networkx's spring layout takes over."""
    import sys

    monkeypatch.setattr(html_exporter, "BROWSER_LAYOUT_MAX_NODES", 10)
    monkeypatch.setitem(sys.modules, "igraph", None)  # makes `import igraph` fail
    G = build_graph(random_kb(n_entities=30, n_documents=3, claims=10, seed=6))
    nodes = page_data(render_html(G, max_nodes=None).html, "nodeList")
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes) == 30


def test_html_written_as_utf8_for_any_networkx_graph(tmp_path):
    G = nx.MultiDiGraph()
    G.add_edge("Zoë", "Ærø")
    path = tmp_path / "sub" / "plain.html"
    assert write_html(G, path) == 0
    text = path.read_bytes().decode("utf-8")
    labels = {n["label"] for n in page_data(text, "nodeList")}
    assert labels == {"Zoë", "Ærø"}


def test_html_co_mention_edge_carries_a_quote_naming_both():
    text = render_html(build_graph(small_kb())).html
    edge = next(
        e
        for e in page_data(text, "edgeList")
        if e["kg"]["kind"] == "co_mention"
        and {e["from"], e["to"]} == {"concept:design-doc", "role:staff-engineer"}
    )
    assert edge["kg"]["quotes"] == [
        {
            "quote": "I became a staff engineer by writing design docs.",
            "speaker": "Ada Park",
            "time": 12.5,
            "url": "https://www.youtube.com/watch?v=vid123&t=12s",
            "document": "Pod A",
        }
    ]
