"""The exports through Gephi's own importer (../shared/tools/gephi-import, headless Java).

The tool runs Gephi's GEXF and GraphML importers, its import container (verification,
edge merging) and its default processor, and prints what Gephi's workspace would hold.
Skipped where the tool is not beside the checkout or Java cannot be installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest
from conftest import SHARED
from synthetic import random_kb

from kgraph.exporters.gexf import write_gexf
from kgraph.exporters.graphml import write_graphml
from kgraph.graph import build_graph

TOOL = SHARED / "tools" / "gephi-import" / "run"


def gephi_import(path, strategy: str = "") -> dict:
    """What Gephi holds after importing ``path``: counts, flags, report issues."""
    if not TOOL.is_file():
        pytest.skip(f"Gephi's importer not found at {TOOL} (../shared is not beside this checkout)")
    result = subprocess.run(
        ["bash", str(TOOL), str(path), strategy],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0 and shutil.which("java") is None:
        pytest.skip(f"Java could not be installed for Gephi's importer: {result.stderr[-300:]}")
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    graph = re.search(r"GRAPH: nodes=(\d+) edges=(\d+) directed=(\w+) mixed=(\w+)", out)
    dynamic = re.search(r"dynamic=(\w+)", out)
    kinds = re.search(r"kind=claim: (\d+), kind=co_mention: (\d+)", out)
    assert graph and dynamic and kinds, out
    issues = re.search(r"-- report issues.*?\n(.*?)\nclaim edges", out, re.S)
    lines = [line.strip() for line in (issues.group(1) if issues else "").splitlines()]
    return {
        "nodes": int(graph.group(1)),
        "edges": int(graph.group(2)),
        "mixed": graph.group(4) == "true",
        "dynamic": dynamic.group(1) == "true",
        "claims": int(kinds.group(1)),
        "co_mentions": int(kinds.group(2)),
        "issues": [line for line in lines if line],
        "output": out,
    }


def problems(issues: list[str]) -> list[str]:
    """The issues above INFO ("GEXF version 1.3", "Parallel edges detected" are INFO)."""
    return [i for i in issues if not re.match(r"\d+ x (PROCESSOR )?INFO:", i)]


@pytest.fixture(scope="module")
def graph():
    kb = random_kb(n_entities=150, claims=150, seed=11)
    for i, document in enumerate(kb.documents):
        if i % 4:  # some documents undated, as in the corpus
            document.date = f"2023-{1 + i % 12:02d}-{1 + i:02d}"
    return build_graph(kb)


@pytest.mark.slow
def test_gephi_keeps_every_gexf_edge_with_its_default_merge(graph, tmp_path):
    G = graph
    kinds = Counter(d["kind"] for *_, d in G.edges(data=True))
    parallel = Counter(
        (u, v, d.get("predicate")) for u, v, d in G.edges(data=True) if d["kind"] == "claim"
    )
    assert max(parallel.values()) > 1  # same-predicate claims between one pair: kept apart?
    report = gephi_import(write_gexf(G, tmp_path / "kgraph.gexf"))  # Gephi's default: SUM
    assert (report["nodes"], report["edges"]) == (G.number_of_nodes(), G.number_of_edges())
    assert (report["claims"], report["co_mentions"]) == (kinds["claim"], kinds["co_mention"])
    assert report["mixed"] and report["dynamic"]
    assert problems(report["issues"]) == []


@pytest.mark.slow
def test_gephi_keeps_every_graphml_edge_when_told_not_to_merge(graph, tmp_path):
    G = graph
    kinds = Counter(d["kind"] for *_, d in G.edges(data=True))
    report = gephi_import(write_graphml(G, tmp_path / "kgraph.graphml"), "NO_MERGE")
    assert (report["nodes"], report["edges"]) == (G.number_of_nodes(), G.number_of_edges())
    assert (report["claims"], report["co_mentions"]) == (kinds["claim"], kinds["co_mention"])
    assert problems(report["issues"]) == []  # no ignored graph attributes any more
