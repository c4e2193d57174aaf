"""Acceptance: the seeds built alone score at or above the targets of issue 3 (slow: it
extracts all five seeds; skipped without ../shared); the validation set shows aggregates only."""

from __future__ import annotations

import json

import pytest
from conftest import REPO, load_script

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory) -> dict:
    """evaluate.py's JSON for the five seeds, each built alone (the default gazetteer holds
    no term only a gold file motivates; see the policy in kgraph/data/*.yaml)."""
    shared = (REPO / ".." / "shared").resolve()
    gold_dir, seeds_dir = shared / "eval" / "gold", shared / "seeds"
    if not gold_dir.is_dir() or not seeds_dir.is_dir():
        pytest.skip(f"gold files or seeds not found under {shared}")
    out = tmp_path_factory.mktemp("scores") / "scores.json"
    args = ["--gold", str(gold_dir), "--seeds", str(seeds_dir), "--json", str(out)]
    assert load_script("evaluate").main([*args, "--only", "dev"]) == 0
    return json.loads(out.read_text(encoding="utf-8"))["dev"]


def test_evaluate_seeds_meet_targets(seed_scores: dict) -> None:
    micro = seed_scores["micro"]
    targets = {
        "person": (0.90, 0.90),
        "organization": (0.85, 0.85),
        "role": (0.85, 0.80),
        "book": (0.80, 0.80),
    }
    for etype, (precision, recall) in targets.items():
        assert micro[etype]["precision"] >= precision, etype
        assert micro[etype]["recall"] >= recall, etype
    assert micro["concept"]["recall"] >= 0.60
    assert micro["generic_in_top50"] == []
    assert micro["facts_any"] >= 0.60
    cross = seed_scores["cross_document"]
    assert cross["one_node"] and list(cross["documents"].values()) == [["001", "004"]]


def test_evaluate_seed_paths_all_connected(seed_scores: dict) -> None:
    assert seed_scores["micro"]["paths"] == 1.0


def test_evaluate_matching_is_case_plural_and_alias_insensitive() -> None:
    import networkx as nx

    evaluate = load_script("evaluate")
    G = nx.MultiDiGraph()
    G.add_node(
        "concept:design-doc",
        label="design doc",
        type="concept",
        aliases="design doc|Design Documents",
        mentions=3,
    )
    G.add_node(
        "organization:meta", label="Meta", type="organization", aliases="Facebook", mentions=2
    )
    G.add_node("person:ana", label="Ana", type="person", aliases="", mentions=1)
    G.add_edge(
        "person:ana", "organization:meta", key="claim:0", kind="claim", predicate="worked_at"
    )
    gold = {
        "entities": {
            "concept": ["design docs"],
            "organization": ["Meta Platforms"],
            "person": ["Ana", "Bo"],
        },
        "aliases": {"Meta Platforms": ["Facebook"]},
        "facts": [["Ana", "works_at", "Meta Platforms"]],
        "paths": [["Ana", "Meta Platforms"], ["Ana", "design docs"], ["Bo", "Ana"]],
    }
    r = evaluate.score_document(G, gold)
    assert r["types"]["concept"]["found"] == 1
    assert r["types"]["organization"] == {"gold": 1, "found": 1, "pred": 1, "correct": 1}
    assert r["types"]["person"]["found"] == 1 and r["types"]["person"]["gold"] == 2
    assert r["facts"] == {"gold": 1, "any": 1, "strict": 0}
    # "design docs" is found but not connected; "Bo" is not found at all
    assert r["paths"] == {"gold": 3, "connected": 1, "missing_end": 1}


def test_evaluate_lists_misses_of_the_dev_set_only(tmp_path, capsys) -> None:
    """Two one-document sets: ``-v`` names the dev document and its misses; the validation
    set appears only as a micro-average column (and in the JSON only as that)."""
    sets = {}
    for name, person in (("dev", "Ana Lopez"), ("validation", "Bo Chen")):
        gold_dir, data_dir = tmp_path / name / "gold", tmp_path / name / "data"
        gold_dir.mkdir(parents=True)
        data_dir.mkdir()
        (data_dir / f"{name}-doc.txt").write_text(
            f"Host: Today I talk with {person}, a staff engineer at Google.\n"
            f"Guest: Thanks. I joined Google as a tech lead.\n",
            encoding="utf-8",
        )
        gold = {
            "document": f"{name}-doc.txt",
            "entities": {"person": [person, f"Missing {name.title()}"], "role": ["tech lead"]},
        }
        (gold_dir / f"{name}-doc.yaml").write_text(json.dumps(gold), encoding="utf-8")
        sets[name] = (gold_dir, data_dir)
    out = tmp_path / "scores.json"
    args = ["--gold", str(sets["dev"][0]), "--seeds", str(sets["dev"][1])]
    args += ["--validation-gold", str(sets["validation"][0])]
    args += ["--validation-data", str(sets["validation"][1]), "-v", "--json", str(out)]
    assert load_script("evaluate").main(args) == 0
    text = capsys.readouterr().out
    assert "== dev-doc" in text and "Missing Dev" in text
    assert "validation-doc" not in text and "Missing Validation" not in text
    assert "dev (1 docs)" in text and "validation (1 docs)" in text
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert set(scores["validation"]) == {"micro"}
    assert scores["validation"]["micro"]["person"]["gold"] == 2
    assert "Missing Validation" not in out.read_text(encoding="utf-8")
    assert list(scores["dev"]["documents"]) == ["dev-doc"]
