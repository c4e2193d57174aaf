"""The HTML page in a real headless Chromium with the network off.

Chromium is driven over the DevTools pipe (scripts/headless.py, no extra
dependency): it opens the file, the test waits until the page says it has drawn, reads
how many nodes vis-network drew, lists every request the page made (DevTools Network
events, plus the page's own resource-timing and CSP-violation counters) and clicks
through the type filter and the search box. DNS and proxy flags make any request fail.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import networkx as nx
import pytest
from synthetic import random_kb, small_kb

from kgraph.exporters import html as html_exporter
from kgraph.exporters.html import render_html, write_html
from kgraph.graph import build_graph
from kgraph.model import Claim, Evidence

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from headless import Browser, find_chromium  # noqa: E402 - scripts/headless.py

pytestmark = pytest.mark.browser

CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip(
        "no Chromium binary (install the Debian package 'chromium', as .ci/run does)",
        allow_module_level=True,
    )

READY = "window.kgraphReady === true"
STATUS = "Object.assign({}, document.getElementById('kgraph-status').dataset)"
PAYLOAD = (
    "<script>document.body.dataset.pwned='script'</script>"
    "<img src=x onerror=\"document.body.dataset.pwned='img'\"> href='https://evil.example'"
    " is what every staff engineer should read"  # a sentence the cards rank first
)


@pytest.fixture
def browser(tmp_path):
    with Browser(CHROMIUM, tmp_path / "profile", timeout=90) as b:
        yield b


def open_page(browser: Browser, path: Path, fragment: str = "") -> dict:
    """Open ``path``, wait until drawn; the page's status (``data-*`` of #kgraph-status)."""
    browser.open(path.resolve().as_uri() + fragment)
    browser.wait_for(READY)
    return browser.evaluate(STATUS)


def assert_drawn_offline(browser: Browser, status: dict, nodes: int, edges: int) -> None:
    assert status.get("error") is None, status["error"]
    assert int(status["drawn"]) == nodes  # positions vis-network computed and drew
    assert browser.evaluate("network.body.data.nodes.length") == nodes
    assert int(status["edges"]) == edges
    # nothing but the file itself was requested, by any route
    assert [u for u in browser.requested_urls() if not u.startswith("file:")] == []
    assert status["externalRequests"] == "0"
    assert status["blockedRequests"] == "0"


def test_browser_draws_small_graph_offline(browser, tmp_path):
    G = build_graph(small_kb())
    path = tmp_path / "small.html"
    write_html(G, path)
    status = open_page(browser, path)
    assert_drawn_offline(browser, status, G.number_of_nodes(), render_html(G).edges_shown)
    # physics is off once the layout has settled
    assert browser.evaluate("network.physics.physicsEnabled") is False


def test_browser_capped_graph_says_what_was_dropped(browser, tmp_path):
    G = build_graph(random_kb(n_entities=400, n_documents=12, claims=150, seed=3))
    path = tmp_path / "capped.html"
    dropped = write_html(G, path, max_nodes=120)
    status = open_page(browser, path)
    assert_drawn_offline(browser, status, 120, render_html(G, max_nodes=120).edges_shown)
    assert int(status["dropped"]) == dropped == 280
    summary = browser.evaluate("document.getElementById('summary').textContent")
    assert "Showing 120 of 400 entities" in summary and "280" in summary


def test_browser_labels_readable_never_overlap_and_more_show_on_zoom(browser, tmp_path):
    G = build_graph(random_kb(n_entities=150, n_documents=6, claims=60, seed=5))
    path = tmp_path / "labels.html"
    write_html(G, path)
    open_page(browser, path)
    drawn_labels = (  # the labels vis-network draws (at least drawThreshold px on screen)
        "(function () { var s = network.getScale(), at = network.getPositions(), out = [];"
        " nodes.get().forEach(function (n) { var px = n.font.size * s;"
        "   if (px >= DRAW_PX) out.push({big: n.kg.label_weight >= 0, px: px,"
        "     box: labelBox(n, px, network.canvasToDOM(at[n.id]), s)}); });"
        " return out; })()"
    )

    def overlaps(labels: list[dict]) -> list[tuple[float, float]]:
        boxes = [label["box"] for label in labels]
        return [
            (a["left"], a["top"])
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"]
        ]  # fmt: skip

    fitted = browser.evaluate(drawn_labels)
    big = [label["px"] for label in fitted if label["big"]]
    assert len(big) >= html_exporter.LABELLED_NODES // 3  # many at once ...
    assert min(big) >= 12 and max(big) <= 22  # ... readable
    assert not [label for label in fitted if not label["big"]]  # the others wait for zoom
    assert overlaps(fitted) == []
    browser.evaluate("network.moveTo({scale: fittedScale * 4}); sizeLabels()")
    zoomed = browser.evaluate(drawn_labels)
    assert len(zoomed) > len(fitted)
    assert max(label["px"] for label in zoomed if label["big"]) <= 22 * 1.5  # never huge
    others = [label["px"] for label in zoomed if not label["big"]]
    assert others and min(others) >= 9 and max(others) <= 14  # now drawn
    assert overlaps(zoomed) == []


def test_browser_small_window_labels_fewer_nodes(browser, tmp_path):
    G = build_graph(random_kb(n_entities=150, n_documents=6, claims=60, seed=5))
    path = tmp_path / "labels.html"
    write_html(G, path)
    open_page(browser, path)
    metrics = {"width": 800, "height": 600, "deviceScaleFactor": 1, "mobile": False}
    browser.send("Emulation.setDeviceMetricsOverride", metrics)  # the window shrinks
    browser.wait_for("container.clientWidth < 700")
    browser.evaluate(  # the labels follow at the next animation frames
        "new Promise(function (done) { requestAnimationFrame(function () {"
        " requestAnimationFrame(function () { done(true); }); }); })"
    )
    shown = browser.evaluate(
        "(function () { var s = network.getScale();"
        " return nodes.get().map(function (n) { return n.font.size * s; })"
        "   .filter(function (px) { return px >= 9; }); })()"
    )
    # a drawing area of about 580 x 430 px: about half of the 60 labels, none too small
    assert 12 <= len(shown) < html_exporter.LABELLED_NODES
    assert min(shown) >= 9 and max(shown) <= 22


def test_browser_large_graph_uses_python_layout(browser, tmp_path, monkeypatch):
    monkeypatch.setattr(html_exporter, "BROWSER_LAYOUT_MAX_NODES", 100)
    G = build_graph(random_kb(n_entities=250, n_documents=8, claims=80, seed=8))
    path = tmp_path / "large.html"
    write_html(G, path, max_nodes=None)
    status = open_page(browser, path)
    assert_drawn_offline(browser, status, 250, render_html(G, max_nodes=None).edges_shown)
    assert browser.evaluate("options.physics.enabled") is False


def test_browser_type_filter_hides_and_shows_a_type(browser, tmp_path):
    G = build_graph(small_kb())
    path = tmp_path / "filter.html"
    write_html(G, path)
    open_page(browser, path)
    hidden = "nodes.get({filter: function (n) { return n.hidden; }}).map((n) => n.id)"
    click = "document.querySelector('#legend input[value=\"role\"]').click()"
    browser.evaluate(click)
    assert browser.evaluate(hidden) == ["role:staff-engineer"]
    browser.evaluate(click)
    assert browser.evaluate(hidden) == []
    legend = browser.evaluate("document.getElementById('legend').textContent")
    for entity_type in ("person", "organization", "role", "book", "concept"):
        assert entity_type in legend


def test_browser_search_by_alias_focuses_the_entity(browser, tmp_path):
    G = build_graph(small_kb())
    path = tmp_path / "search.html"
    write_html(G, path)
    open_page(browser, path)
    browser.evaluate(
        "document.getElementById('search').value = 'rfc';"
        "document.getElementById('search-form').requestSubmit()"
    )
    assert browser.evaluate("network.getSelectedNodes()") == ["concept:design-doc"]
    assert "Design Doc" in browser.evaluate("document.getElementById('details').textContent")
    browser.evaluate(
        "document.getElementById('search').value = 'nobody at all';"
        "document.getElementById('search-form').requestSubmit()"
    )
    message = browser.evaluate("document.getElementById('search-msg').textContent")
    assert "No shown entity" in message


def test_browser_shows_document_text_without_running_it(browser, tmp_path):
    kb = small_kb()
    evidence = Evidence(
        "pod-a", 1, PAYLOAD, "Ada", 61.0, "https://www.youtube.com/watch?v=vid123&t=61s"
    )
    kb.claims.insert(0, Claim(kb.entities[0].id, "recommends", kb.entities[2].id, evidence))
    G = build_graph(kb)
    path = tmp_path / "nasty.html"
    write_html(G, path)
    # open with the entity selected, so its card (with the quote and link) is in the page
    status = open_page(browser, path, fragment="#q=ada")
    assert_drawn_offline(browser, status, G.number_of_nodes(), render_html(G).edges_shown)
    assert status["found"] == "person:ada-park"
    details = "document.getElementById('details')"
    assert PAYLOAD in browser.evaluate(f"{details}.textContent")  # shown as text
    assert browser.evaluate(f"{details}.querySelectorAll('script, img').length") == 0
    link = browser.evaluate(f"{details}.querySelector('a').href")
    assert link == "https://www.youtube.com/watch?v=vid123&t=61s"
    # hover tooltips are DOM elements holding the same text, not markup
    tooltip = "nodes.get('person:ada-park').title"
    assert browser.evaluate(f"{tooltip} instanceof HTMLElement") is True
    assert PAYLOAD in browser.evaluate(f"{tooltip}.textContent")
    assert browser.evaluate(f"{tooltip}.querySelectorAll('script, img, a').length") == 0
    edge_tip = "edges.get({filter: (e) => e.kg.predicate === 'recommends'})[0].title"
    assert PAYLOAD in browser.evaluate(f"{edge_tip}.textContent")
    time.sleep(0.3)  # give an injected handler the chance it must not get
    assert browser.evaluate("document.body.dataset.pwned === undefined") is True


def test_browser_detects_a_request_leaving_the_page(browser, tmp_path):
    """The detector itself: a page with an external image must not look offline."""
    G = build_graph(small_kb())
    path = tmp_path / "leaky.html"
    write_html(G, path)
    text = path.read_text("utf-8")
    leaky = text.replace("<body>", '<body><img src="https://cdn.example.com/pixel.png">', 1)
    assert leaky != text
    path.write_text(leaky, "utf-8")
    status = open_page(browser, path)
    external = [u for u in browser.requested_urls() if not u.startswith("file:")]
    assert external or status["blockedRequests"] != "0"


def test_browser_empty_graph_is_ready_with_a_message(browser, tmp_path):
    path = tmp_path / "empty.html"
    write_html(nx.MultiDiGraph(), path)
    status = open_page(browser, path)
    assert_drawn_offline(browser, status, 0, 0)
    assert "no entities" in browser.evaluate("document.getElementById('mynetwork').textContent")


def test_browser_draw_time_300_and_2000_nodes(browser, tmp_path, capsys):
    """Measured figures (printed; see them with -s); generous bounds for slow machines."""
    G = build_graph(random_kb(n_entities=2500, n_documents=50, claims=1500, seed=1))
    for max_nodes in (300, 2000):
        path = tmp_path / f"g{max_nodes}.html"
        started = time.perf_counter()
        write_html(G, path, max_nodes=max_nodes)
        written = time.perf_counter() - started
        started = time.perf_counter()
        status = open_page(browser, path)
        shown = time.perf_counter() - started
        edges = render_html(G, max_nodes=max_nodes).edges_shown
        assert_drawn_offline(browser, status, max_nodes, edges)
        size_mb = path.stat().st_size / 1e6
        with capsys.disabled():
            print(
                f"\nhtml {max_nodes} nodes: {size_mb:.1f} MB, written in {written:.2f} s, "
                f"drawn in {status['drawMs']} ms (page script), "
                f"{shown:.1f} s from navigation to ready"
            )
        assert shown < 60
