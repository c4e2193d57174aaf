"""scripts/audit_claims.py: a seeded, stratified sample into a TSV, precision from marks."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import load_script
from synthetic import random_kb

from kgraph.exporters.json import write_json
from kgraph.graph import build_graph


def test_audit_draw_is_seeded_stratified_and_scores_marks(tmp_path: Path, capsys) -> None:
    audit = load_script("audit_claims")
    graph = tmp_path / "g.json"
    write_json(build_graph(random_kb(claims=400, seed=3)), graph)
    first, again, other = tmp_path / "a.tsv", tmp_path / "b.tsv", tmp_path / "c.tsv"
    for out, seed in ((first, 1), (again, 1), (other, 2)):
        audit.main(["draw", str(graph), "-o", str(out), "--seed", str(seed), "--per-predicate=5"])
    assert first.read_text() == again.read_text() != other.read_text()
    with first.open(newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    claims = [r for r in rows if r["kind"] == "claim"]
    per = {p: sum(r["predicate"] == p for r in claims) for p in {r["predicate"] for r in claims}}
    assert per and max(per.values()) <= 5
    assert sum(r["kind"] == "co_mention" for r in rows) == 30
    assert all(r["evidence"] and r["judgement"] == "" for r in rows)
    # a reader marks: every "recommends" wrong, the rest right, one row left unmarked
    for i, row in enumerate(rows):
        wrong = row["predicate"] == "recommends"
        row["judgement"] = "" if i == 0 else "wrong" if wrong else "right"
    with first.open("w", newline="") as f:
        writer = csv.DictWriter(f, audit.COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    numbers = tmp_path / "n.json"
    audit.main(["score", str(first), "--json", str(numbers)])
    import json

    scores = json.loads(numbers.read_text())
    judged_claims = [r for r in rows[1:] if r["kind"] == "claim"]
    recommends = sum(r["predicate"] == "recommends" for r in judged_claims)
    assert scores["all claims"]["judged"] == len(judged_claims)
    assert scores["all claims"]["right"] == len(judged_claims) - recommends
    if recommends:
        assert scores["recommends"]["precision"] == 0.0
    assert "1 rows not marked" in capsys.readouterr().out


def test_audit_turns_are_read_from_the_sources_folder(tmp_path: Path) -> None:
    audit = load_script("audit_claims")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ep.txt").write_text("Ana: I write a design doc for every feature.\n")
    documents = [{"id": "ep", "source": "ep.txt"}]
    assert audit.Turns(documents, tmp_path).text("ep", 0) == ""  # not found there
    found = audit.Turns(documents, folder, tmp_path).text("ep", 0)
    assert "design doc" in found
