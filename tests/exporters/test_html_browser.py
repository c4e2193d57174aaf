"""The HTML page in a real headless Chromium with the network off.

Chromium opens the file, the page lays out and draws the graph, then reports on
``#kgraph-status`` how many nodes it drew and how many requests left the page (resource
timing entries that are not file:/data:, plus requests the page's CSP blocked). The test
reads that element from ``--dump-dom``. DNS and proxy flags make any request fail fast.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from synthetic import random_kb, small_kb

from kgraph.exporters import html as html_exporter
from kgraph.exporters.html import write_html
from kgraph.graph import build_graph
from kgraph.model import Claim, Evidence

pytestmark = pytest.mark.browser

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    for name in (os.environ.get("KGRAPH_CHROMIUM"), *BROWSERS, "/usr/bin/chromium"):
        if name and (shutil.which(name) or (os.path.isabs(name) and os.access(name, os.X_OK))):
            return shutil.which(name) or name
    return None


CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip(
        "no Chromium binary (install the Debian package 'chromium', as .ci/run does)",
        allow_module_level=True,
    )


class StatusParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.status: dict[str, str | None] = {}
        self.body: dict[str, str | None] = {}
        self.details_text: list[str] = []
        self._in_details = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "kgraph-status":
            self.status = attrs
        if tag == "body":
            self.body = attrs
        if attrs.get("id") == "details" or self._in_details:
            self._in_details += 1

    def handle_endtag(self, tag):
        if self._in_details:
            self._in_details -= 1

    def handle_data(self, data):
        if self._in_details:
            self.details_text.append(data)


def open_in_chromium(path: Path, tmp_path: Path, fragment: str = "", budget_ms: int = 30000):
    """Load ``path`` offline in headless Chromium; the parsed DOM state after the budget."""
    profile = tmp_path / "chromium-profile"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        # network off: no name resolves and every proxied request goes to a closed port
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=http://127.0.0.1:9",
        "--window-size=1280,800",
        f"--virtual-time-budget={budget_ms}",
        "--dump-dom",
        path.resolve().as_uri() + fragment,
    ]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]
    parser = StatusParser()
    parser.feed(result.stdout)
    assert parser.status, f"no #kgraph-status in the DOM dump: {result.stdout[:500]!r}"
    return parser, elapsed


def assert_drawn_offline(status: dict[str, str | None], expected_nodes: int, expected_edges: int):
    assert status.get("data-error") is None, status.get("data-error")
    assert status["data-ready"] == "true"
    assert int(status["data-drawn"]) == expected_nodes
    assert int(status["data-nodes"]) == expected_nodes
    assert int(status["data-edges"]) == expected_edges
    assert status["data-external-requests"] == "0"
    assert status["data-blocked-requests"] == "0"


def test_browser_draws_small_graph_offline(tmp_path):
    G = build_graph(small_kb())
    path = tmp_path / "small.html"
    write_html(G, path)
    parser, _ = open_in_chromium(path, tmp_path)
    assert_drawn_offline(parser.status, G.number_of_nodes(), G.number_of_edges())


def test_browser_draws_capped_graph_and_says_what_was_dropped(tmp_path):
    G = build_graph(random_kb(n_entities=400, n_documents=12, claims=150, seed=3))
    path = tmp_path / "capped.html"
    dropped = write_html(G, path, max_nodes=120)
    page = html_exporter.render_html(G, max_nodes=120)
    parser, _ = open_in_chromium(path, tmp_path)
    assert_drawn_offline(parser.status, 120, page.edges_shown)
    assert int(parser.status["data-dropped"]) == dropped == 280


def test_browser_large_graph_uses_python_layout(tmp_path, monkeypatch):
    monkeypatch.setattr(html_exporter, "BROWSER_LAYOUT_MAX_NODES", 100)
    G = build_graph(random_kb(n_entities=250, n_documents=8, claims=80, seed=8))
    path = tmp_path / "large.html"
    write_html(G, path, max_nodes=None)
    page = html_exporter.render_html(G, max_nodes=None)
    parser, _ = open_in_chromium(path, tmp_path)
    assert_drawn_offline(parser.status, 250, page.edges_shown)


def test_browser_shows_document_text_without_running_it(tmp_path):
    kb = small_kb()
    ada = kb.entities[0]
    payload = (
        "<script>document.body.dataset.pwned='script'</script>"
        "<img src=x onerror=\"document.body.dataset.pwned='img'\"> href='https://evil.example'"
    )
    evidence = Evidence("pod-a", 1, payload, "Ada")
    kb.claims.insert(0, Claim(ada.id, "recommends", kb.entities[2].id, evidence))
    G = build_graph(kb)
    path = tmp_path / "nasty.html"
    write_html(G, path)
    # open with the entity selected, so its card (with the quote) is in the DOM
    parser, _ = open_in_chromium(path, tmp_path, fragment="#q=ada")
    assert_drawn_offline(parser.status, G.number_of_nodes(), G.number_of_edges())
    assert parser.status["data-found"] == "person:ada-park"
    assert "data-pwned" not in parser.body
    details = "".join(parser.details_text)
    assert "Ada Park" in details
    assert "<script>document.body.dataset.pwned='script'</script>" in details  # shown as text


def test_browser_detects_a_request_leaving_the_page(tmp_path):
    """The detector itself: a page with an external image must not report zero requests."""
    G = build_graph(small_kb())
    path = tmp_path / "leaky.html"
    write_html(G, path)
    text = path.read_text("utf-8")
    leaky = text.replace("<body>", '<body><img src="https://cdn.example.com/pixel.png">', 1)
    assert leaky != text
    path.write_text(leaky, "utf-8")
    parser, _ = open_in_chromium(path, tmp_path)
    status = parser.status
    assert status["data-ready"] == "true"
    requests = int(status["data-external-requests"]) + int(status["data-blocked-requests"])
    assert requests >= 1


def test_browser_draw_time_300_and_2000_nodes(tmp_path, record_property):
    """Measured figures for the README; generous bounds so slow CI machines pass."""
    G = build_graph(random_kb(n_entities=2500, n_documents=50, claims=1500, seed=1))
    for max_nodes in (300, 2000):
        path = tmp_path / f"g{max_nodes}.html"
        started = time.perf_counter()
        write_html(G, path, max_nodes=max_nodes)
        render_s = time.perf_counter() - started
        page = html_exporter.render_html(G, max_nodes=max_nodes)
        parser, elapsed = open_in_chromium(path, tmp_path)
        assert_drawn_offline(parser.status, max_nodes, page.edges_shown)
        size_mb = path.stat().st_size / 1e6
        record_property(
            f"html_{max_nodes}",
            f"{size_mb:.1f} MB, write {render_s:.2f} s, "
            f"chromium {elapsed:.1f} s, draw {parser.status['data-draw-ms']} ms",
        )
        assert elapsed < 120
        assert re.fullmatch(r"\d+", parser.status["data-draw-ms"])


def test_browser_empty_graph_is_ready_with_a_message(tmp_path):
    import networkx as nx

    path = tmp_path / "empty.html"
    write_html(nx.MultiDiGraph(), path)
    parser, _ = open_in_chromium(path, tmp_path, budget_ms=5000)
    assert_drawn_offline(parser.status, 0, 0)
