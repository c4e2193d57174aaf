"""HTML export: offline, escaped, what is drawn and what the page carries (static checks)."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from synthetic import advice_kb, podcast_kb, random_kb, small_kb

from kgraph import answers
from kgraph.exporters import html as html_exporter
from kgraph.exporters.html import (
    DEFAULT_MAX_NODES,
    FOCUS_NEIGHBOURS,
    LABELLED_NODES,
    relevance,
    render_html,
    select_nodes,
    write_html,
)
from kgraph.exporters.page.text import MAX_SENTENCE_CHARS
from kgraph.graph import build_graph
from kgraph.index import routing_table
from kgraph.model import Claim, Evidence
from kgraph.query import neighbors

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


class Page:
    """The data of a rendered page, read as the page's script reads it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.D = page_data(text, "D")
        self.KG = page_data(text, "KG")
        self.nodes = page_data(text, "nodeList")
        self.edges = page_data(text, "edgeList")
        self.E, self.L = self.D["entities"], self.D["links"]

    def number(self, label: str) -> int:
        return self.E["label"].index(label)

    def type_of(self, i: int) -> str:
        return self.KG["types"][self.E["type"][i]]["type"]

    def quote(self, q: int) -> dict:
        """quoteOf() of the page's script."""
        record = self.D["quotes"][q]
        parts = [record[0]] if isinstance(record[0], int) else record[0]
        doc = self.D["docs"][record[2]] if record[2] >= 0 else None
        if len(record) > 4:
            url = record[4]
        elif doc and record[3] is not None and doc[2]:
            url = doc[2].replace("{t}", str(math.floor(record[3])))
        else:
            url = doc[3] if doc else None
        return {
            "text": " … ".join(self.D["sentences"][k] for k in parts),
            "speaker": self.D["speakers"][record[1]] if record[1] >= 0 else None,
            "document": doc[0] if doc else None,
            "time": record[3],
            "url": url,
        }

    def other(self, link: int, i: int) -> int:
        return self.L["b"][link] if self.L["a"][link] == i else self.L["a"][link]


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
    page = Page(text)
    nasty = [page.quote(q) for q in range(len(page.D["quotes"]))]
    nasty = [q for q in nasty if q["text"].startswith("<script>")]
    assert nasty and nasty[0]["url"] is None  # kept as data; javascript: links dropped
    assert all("title" not in e for e in page.edges)
    assert all("title" not in n for n in page.nodes)


def test_html_removes_bidirectional_controls_and_control_characters():
    kb = small_kb()
    rlo = "\u202e"
    kb.entities[3].label = f"Lumen{rlo} Labs"
    kb.entities[3].mentions[0] = Evidence(
        "pod-a", 2, f"Lumen{rlo}Labs\u2066 was\x0b my job.", "Ada"
    )
    page = Page(render_html(build_graph(kb)).html)
    shown = json.dumps(page.D, ensure_ascii=False) + json.dumps(page.nodes, ensure_ascii=False)
    for char in (rlo, "\u2066", "\x0b"):
        assert char not in shown
    assert "Lumen Labs" in page.E["label"]
    assert "LumenLabs was my job." in page.D["sentences"]


def test_relevance_weighs_documents_over_turns_of_one_episode():
    guest = relevance(mentions=90, documents=1, claims=2)
    concept = relevance(mentions=40, documents=30, claims=2)
    assert concept > guest
    assert relevance(10, 5, 3) > relevance(10, 5, 0)


def skewed_graph() -> nx.MultiDiGraph:
    """A talkative guest of one episode, concepts across many, a few one-off books."""
    G = nx.MultiDiGraph()

    def add(node: str, entity_type: str, mentions: int, documents: int) -> None:
        G.add_node(node, label=node, type=entity_type, mentions=mentions, documents=documents)

    add("person:guest", "person", 120, 1)
    add("person:host", "person", 400, 20)
    for i in range(20):
        add(f"concept:c{i:02d}", "concept", 10 + i, 5 + i)
        G.add_edge("person:host", f"concept:c{i:02d}", key="said", kind="said", weight=3)
        if i:
            G.add_edge(f"concept:c{i - 1:02d}", f"concept:c{i:02d}", kind="co_mention", weight=2)
    for i in range(10):
        add(f"book:b{i}", "book", 1, 1)
        G.add_edge("concept:c00", f"book:b{i}", kind="co_mention", weight=1)
    G.add_edge("person:guest", "concept:c19", kind="co_mention", weight=1)
    G.add_edge("concept:c10", "person:host", key="co_mention", kind="co_mention", weight=1)
    return G


def test_select_nodes_by_relevance_without_type_floors():
    G = skewed_graph()
    kept = select_nodes(G, 12)
    assert len(kept) == len(set(kept)) == 12
    # the host and the best concepts; no book gets a seat of its own
    assert kept[0] == "person:host"
    assert not [n for n in kept if n.startswith("book:")]
    assert set(kept) == {"person:host", *(f"concept:c{i:02d}" for i in range(9, 20))}
    assert select_nodes(G, 200) == select_nodes(G, None) and len(select_nodes(G, None)) == 32


def test_select_nodes_swaps_a_node_linked_only_by_said_edges():
    G = skewed_graph()
    assert "person:host" in select_nodes(G, 12)
    # without its one co-mention the host is linked by "said" edges alone, which are not
    # drawn: the most relevant linked person takes its place
    G.remove_edge("concept:c10", "person:host", key="co_mention")
    kept = select_nodes(G, 12)
    assert "person:host" not in kept and "person:guest" in kept


def test_html_labels_the_most_relevant_nodes_first():
    G = build_graph(random_kb(n_entities=150, n_documents=6, claims=60, seed=5))
    page = Page(render_html(G).html)
    labelled = [n for n in page.nodes if n["kg"]["label_weight"] >= 0]
    assert len(labelled) == LABELLED_NODES
    ranked = select_nodes(G, DEFAULT_MAX_NODES)[:LABELLED_NODES]
    assert {page.E["label"][n["id"]] for n in labelled} == {G.nodes[n]["label"] for n in ranked}
    options = page_data(render_html(G).html, "options")
    assert options["nodes"]["scaling"]["label"]["enabled"] is False  # sized by the page


def test_html_default_cap_and_no_cap():
    G = build_graph(random_kb(n_entities=DEFAULT_MAX_NODES + 20, claims=10, seed=1))
    assert render_html(G).nodes_dropped == 20
    page = render_html(G, max_nodes=None)
    assert (page.nodes_shown, page.nodes_dropped) == (DEFAULT_MAX_NODES + 20, 0)
    with pytest.raises(ValueError, match="max_nodes"):
        render_html(G, max_nodes=0)


def test_html_every_entity_is_in_the_index_with_its_names_and_synonyms():
    G = build_graph(podcast_kb())
    page = Page(render_html(G, max_nodes=4).html)
    assert len(page.nodes) == 4  # few drawn ...
    assert sorted(page.E["label"]) == sorted(
        d["label"] for _, d in G.nodes(data=True)
    )  # ... all known
    design = page.number("design doc")
    names = page.E["names"][design].split("|")
    assert "design docs" in names  # an alias
    assert "RFC" in names  # the gazetteer's synonym, never seen in the text
    assert page.type_of(design) == "concept"
    assert page.E["mentions"][design] == G.nodes["concept:design-doc"]["mentions"]
    host = page.number("Alex Rivera")
    assert page.E["names"][host] == "Alex"


def test_html_neighbours_ranked_as_kgraph_neighbors_with_quotes():
    G = build_graph(podcast_kb())
    page = Page(render_html(G, max_nodes=4).html)
    for label in ("staff engineer", "Alex Rivera", "Priya Nair", "mock interview"):
        i = page.number(label)
        listed = [page.E["label"][page.other(link, i)] for link in page.E["nb"][i]]
        expected = [row["label"] for row in neighbors(G, label, top=FOCUS_NEIGHBOURS)]
        assert listed == expected, label
    # the host named staff engineer in two turns: not its strongest neighbour for that
    staff = page.number("staff engineer")
    assert page.E["label"][page.other(page.E["nb"][staff][0], staff)] == "Dmitrii Sokolov"
    # each listed link has a quote, informative first
    link = page.E["nb"][staff][0]
    quotes = [page.L["qc"][link], page.L["qs"][link]] + [c[3] for c in page.L["claims"][link] or []]
    assert any(q >= 0 for q in quotes)


def test_html_link_quotes_within_the_budget_each_entitys_strongest_first(monkeypatch):
    from kgraph.exporters.page import links as page_links

    G = build_graph(random_kb(seed=3))
    full = Page(render_html(G, max_nodes=20).html)
    monkeypatch.setattr(page_links, "QUOTE_CHARS", 0)
    least = Page(render_html(G, max_nodes=20).html)
    chars = lambda page: sum(map(len, page.D["sentences"]))  # noqa: E731
    budget = (chars(least) + chars(full)) // 2
    monkeypatch.setattr(page_links, "QUOTE_CHARS", budget)
    page = Page(render_html(G, max_nodes=20).html)
    assert chars(least) < chars(page) < chars(full)
    assert chars(page) <= budget + 2 * MAX_SENTENCE_CHARS  # the last quote may cross it
    # the same links, entities and claims; only link quotes left out
    assert (page.L["a"], page.L["b"], page.E["nb"]) == (full.L["a"], full.L["b"], full.E["nb"])
    texts = lambda p, qs: [p.quote(q)["text"] if q >= 0 else None for q in qs]  # noqa: E731
    for column in ("qc", "qs"):
        for got, had in zip(texts(page, page.L[column]), texts(full, full.L[column]), strict=True):
            assert got in (had, None)
            if got is None and had is not None:  # left out: it would have added a sentence
                assert any(s not in page.D["sentences"] for s in had.split(" … "))
    claims = lambda p: [[c[:3] + [p.quote(c[3])["text"]] for c in cs or []] for cs in p.L["claims"]]  # noqa: E731
    assert claims(page) == claims(full)
    drawn = {(min(e["from"], e["to"]), max(e["from"], e["to"])) for e in page.edges}
    for link, pair in enumerate(zip(page.L["a"], page.L["b"], strict=True)):
        if pair in drawn:  # a drawn edge's card always has its quote
            for column in ("qc", "qs"):
                assert (page.L[column][link] >= 0) == (full.L[column][link] >= 0)
    assert drawn & set(zip(page.L["a"], page.L["b"], strict=True))
    for node in page.nodes:  # so are a drawn entity's strongest links
        for link in page.E["nb"][node["id"]]:
            for column in ("qc", "qs"):
                assert (page.L[column][link] >= 0) == (full.L[column][link] >= 0)

    def quoted(place: int) -> float:
        rows = [nb[place] for nb in page.E["nb"] if len(nb) > place]
        return sum(page.L["qc"][k] >= 0 or page.L["qs"][k] >= 0 or bool(page.L["claims"][k])
                   for k in rows) / len(rows)  # fmt: skip

    assert quoted(0) > quoted(3)  # every entity's strongest links are quoted first


def test_html_links_priced_as_kgraph_path_prices_hops():
    G = build_graph(podcast_kb())
    page = Page(render_html(G, max_nodes=4).html)
    ids = sorted(G)
    light = [
        (u, v, "negated" if d.get("negated") else d.get("kind", "co_mention"), d.get("weight", 1))
        for u, v, d in G.edges(data=True)
    ]
    table = routing_table(ids, light)
    assert page.L["a"]
    for link, (a, b) in enumerate(zip(page.L["a"], page.L["b"], strict=True)):
        assert a < b
        assert page.L["cost"][link] == round(table[ids[a]][ids[b]], 3)
    for i, n in enumerate(ids):  # the hub penalty's degree counts the whole graph
        assert page.E["degree"][i] == len(table[n])


def test_html_quotes_link_to_the_moment_and_name_the_document():
    G = build_graph(podcast_kb())
    page = Page(render_html(G, max_nodes=4).html)
    assert [d[0] for d in page.D["docs"]] == [
        "Growing into staff engineering",
        "Interview loops without fear",
        "Writing that ships",
    ]
    staff = page.number("staff engineer")
    link = next(
        link
        for link in page.E["nb"][staff]
        if page.E["label"][page.other(link, staff)] == "design doc"
    )
    quote = page.quote(page.L["qc"][link])
    assert quote == {
        "text": "A staff engineer writes the design doc that a whole team can build from.",
        "speaker": "Dmitrii Sokolov",
        "document": "Growing into staff engineering",
        "time": 40.0,
        "url": "https://www.youtube.com/watch?v=vid1&t=40s",
    }


def test_html_evidence_ranks_greetings_last():
    G = build_graph(podcast_kb())
    page = Page(render_html(G, max_nodes=None).html)
    dmitrii = page.number("Dmitrii Sokolov")
    shown = [page.quote(q)["text"] for q in page.E["ev"][dmitrii]]
    assert shown[0] == "I have been a staff engineer at Lumen Labs since spring."
    assert len(shown) == 3 and "We have a special guest today, Dmitrii Sokolov." not in shown


def test_html_said_edges_are_their_own_kind_hidden_and_without_physics():
    G = build_graph(podcast_kb())
    page = Page(render_html(G, max_nodes=None).html)
    said = [e for e in page.edges if e["kg"]["kind"] == "said"]
    assert said and all(e["hidden"] and e["physics"] is False for e in said)
    assert all(e["arrows"] == "to" for e in said)
    assert not [e for e in page.edges if e["kg"]["kind"] != "said" and e.get("hidden")]
    host = page.number("Alex Rivera")
    assert {e["from"] for e in said} >= {host}


def test_html_max_edges_keeps_claims_and_links_every_node():
    G = build_graph(random_kb(n_entities=60, n_documents=4, claims=30, seed=9))
    page = render_html(G, max_edges=70)
    edges = [e for e in page_data(page.html, "edgeList") if e["kg"]["kind"] != "said"]
    assert len(edges) == 70
    assert page.edges_dropped == G.number_of_edges() - page.edges_shown
    linked = {e["from"] for e in edges} | {e["to"] for e in edges}
    ids = sorted(G)
    has_edges = {
        ids.index(n)
        for n in G
        if any(d.get("kind") != "said" for _, _, d in G.out_edges(n, data=True))
        or any(d.get("kind") != "said" for _, _, d in G.in_edges(n, data=True))
    }
    assert linked == has_edges  # no node lost all its links to the cap


def test_html_parallel_claims_are_distinct_curved_edges():
    page = Page(render_html(build_graph(small_kb())).html)
    ada, staff = page.number("Ada Park"), page.number("Staff Engineer")
    pair = [e for e in page.edges if {e["from"], e["to"]} == {ada, staff}]
    assert sorted(e["kg"]["kind"] for e in pair) == ["claim", "claim", "said"]
    assert sorted(e.get("smooth", {}).get("roundness", 0) for e in pair) == pytest.approx(
        [0, 0.15, 0.3]
    )
    claims = sorted((e for e in pair if e["kg"]["kind"] == "claim"), key=lambda e: e["kg"]["claim"])
    link = claims[0]["kg"]["link"]
    assert [page.D["predicates"][c[1]] for c in page.L["claims"][link]] == ["works_as", "works_as"]
    assert page.quote(page.L["claims"][link][0][3])["url"].startswith("https://www.youtube.com/")


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
    assert {n["label"] for n in page_data(text, "nodeList")} == {"Zoë", "Ærø"}


def test_html_a_graph_without_said_edges_or_documents():
    G = nx.MultiDiGraph()
    G.add_node("role:a", label="A", type="role", mentions=2)
    G.add_node("role:b", label="B", type="role", mentions=1)
    G.add_edge("role:a", "role:b", key="co_mention", kind="co_mention", weight=2, examples=[])
    page = Page(render_html(G).html)
    assert page.L["qc"] == [-1] and page.D["docs"] == []
    assert page.E["label"] == ["A", "B"] and page.E["nb"] == [[0], [0]]


def test_html_panels_carry_kgraph_books_and_advice_for_the_graph_and_each_entity():
    G = build_graph(advice_kb())
    page = Page(render_html(G, max_nodes=3).html)
    P, label = page.D["panels"], page.E["label"]
    speakers = page.D["speakers"]

    def quote_text(q: int) -> str:
        return page.quote(q)["text"]

    books = answers.recommended(G)["items"]
    assert [label[e[0]] for e in P["books"]] == [b["label"] for b in books]
    assert [[speakers[r[0]] for r in e[2]] for e in P["books"]] == [
        [r["name"] for r in b["recommenders"]] for b in books
    ]
    assert P["books"][1][1] == "Angela Duckworth"  # Grit's author, from the gazetteer
    groups = answers.advice(G)["items"]
    assert [speakers[g[0]] for g in P["groups"]] == [g["speaker"] for g in groups]
    assert [[quote_text(P["advice"][k][3]) for k in g[2]] for g in P["groups"]] == [
        [i["evidence"]["quote"] for i in g["items"]] for g in groups
    ]
    assert all(label[g[1]] == speakers[g[0]] for g in P["groups"])  # people are linked
    for i, by in P["booksBy"].items():  # a person's books, as `kgraph books --by`
        mine = answers.recommended(G, by=label[int(i)])["items"]
        assert [label[P["books"][k][0]] for k in by] == [b["label"] for b in mine]
    assert {label[int(i)] for i in P["adviceOn"]} == {
        "design doc",
        "mock interview",
        "Grit",
        "Staff Engineering Path",
    }
    for i, on in P["adviceOn"].items():  # the advice on a topic, as `kgraph advice TOPIC`
        expected = answers.advice(G, label[int(i)])["items"]
        assert [[quote_text(P["advice"][k][3]) for k in g[2]] for g in on] == [
            [item["evidence"]["quote"] for item in g["items"]] for g in expected
        ]
    near = {label[P["books"][k][0]] for k in P["booksNear"][str(page.number("staff engineer"))]}
    assert near == {"Staff Engineering Path"}  # named in one turn with it


def test_html_of_a_build_knows_the_synonyms_of_the_users_patterns(tmp_path):
    from kgraph.pipeline import write_outputs

    patterns = tmp_path / "mine.yaml"
    patterns.write_text("concept:\n  mock interview: [practice loop, dry run]\n", encoding="utf-8")
    G = build_graph(podcast_kb(), name="podcast")
    outputs, _ = write_outputs(G, tmp_path, "podcast", None, lambda *_: None, patterns)
    page = Page((tmp_path / "podcast.html").read_text(encoding="utf-8"))
    names = page.E["names"][page.number("mock interview")].split("|")
    assert "practice loop" in names and "dry run" in names  # never in the text
    assert "RFC" in page.E["names"][page.number("design doc")].split("|")  # defaults too
    outputs, _ = write_outputs(G, tmp_path, "plain", None, lambda *_: None)
    page = Page((tmp_path / "plain.html").read_text(encoding="utf-8"))
    assert "practice loop" not in page.E["names"][page.number("mock interview")]
