"""scripts/audit_answers.py: the three samples of issue 24 as TSVs, with the turn around
each quote, and the share of right entries from a reader's marks."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import load_script

from kgraph.exporters.json import write_json
from kgraph.graph import build_graph
from kgraph.model import Claim, DocumentInfo, Entity, Evidence, KnowledgeBase
from kgraph.readers import read_document

TURNS = {
    "ep1": [
        ("Ann Lee", "Thanks for having me. You should set OKRs every quarter. They focus a team."),
        ("Ann Lee", "Also, I'd recommend reading Deep Work. It changed how I plan my week."),
    ],
    "ep2": [
        ("Bo Chen", "Honestly? I largely stay away from OKRs these days, they slow us down."),
        ("Bo Chen", "I'd highly recommend Deep Work to every new manager."),
    ],
}


def the_graph(folder: Path) -> Path:
    """Two episodes (transcripts in ``folder``): both guests recommend a book, and they
    disagree on OKRs."""
    docs, okr, book, claims = [], [], [], []
    for doc, turns in TURNS.items():
        (folder / f"{doc}.txt").write_text(
            "".join(f"{who}: {text}\n\n" for who, text in turns), encoding="utf-8"
        )
        read = read_document(folder / f"{doc}.txt").turns
        docs.append(DocumentInfo(doc, f"Episode {doc}", "transcript", f"{doc}.txt"))
        for who, text in turns:
            turn = next(t.index for t in read if text[:20] in t.text)
            sentence = next(s for s in text.split(". ") if "OKR" in s or "Deep Work" in s)
            ev = Evidence(doc, turn, sentence.rstrip(".") + ".", who, window=0)
            (okr if "OKR" in sentence else book).append(ev)
            if "Deep Work" in sentence:
                person = f"person:{who.lower().replace(' ', '-')}"
                claims.append(Claim(person, "recommends", "book:deep-work", ev))
    people = [
        Entity(f"person:{n.lower().replace(' ', '-')}", n, "person", [n], [], [])
        for n in ("Ann Lee", "Bo Chen")
    ]
    entities = [
        *people,
        Entity("concept:okr", "OKR", "concept", ["OKR", "OKRs"], okr, okr),
        Entity("book:deep-work", "Deep Work", "book", ["Deep Work"], book, book),
    ]
    graph = folder / "g.json"
    write_json(build_graph(KnowledgeBase(docs, entities, claims)), graph)
    return graph


def test_draw_writes_the_three_samples_with_context_and_score_reads_marks(tmp_path, capsys):
    audit = load_script("audit_answers")
    graph = the_graph(tmp_path)
    out = tmp_path / "answers.tsv"
    audit.main(["draw", str(graph), "-o", str(out), "--sources", str(tmp_path)])
    files = audit.paths(out)
    assert sorted(p.name for p in files.values()) == [
        "answers-advice.tsv",
        "answers-books.tsv",
        "answers-contested.tsv",
    ]
    read = {}
    for view, path in files.items():
        with path.open(newline="") as f:
            read[view] = list(csv.DictReader(f, delimiter="\t"))
    books = read["books"]
    assert {(r["book"], r["person"]) for r in books} == {
        ("Deep Work", "Ann Lee"),
        ("Deep Work", "Bo Chen"),
    }
    # the turn around the quote, read again from the source
    ann = next(r for r in books if r["person"] == "Ann Lee")
    assert "It changed how I plan my week." in ann["context"]
    (dispute,) = read["contested"]
    assert (dispute["for_person"], dispute["against_person"]) == ("Ann Lee", "Bo Chen")
    assert "stay away from OKRs" in dispute["against_quote"]
    assert "they slow us down" in dispute["against_context"]
    # a reader marks: one book row wrong makes the book entry wrong; the dispute right
    books[0]["judgement"] = "wrong"
    books[1]["judgement"] = "right"
    dispute["judgement"] = "right"
    for view, rows in (("books", books), ("contested", [dispute])):
        with files[view].open("w", newline="") as f:
            writer = csv.DictWriter(f, list(rows[0]), delimiter="\t")
            writer.writeheader()
            writer.writerows(rows)
    capsys.readouterr()
    audit.main(["score", str(files["books"]), str(files["contested"])])
    printed = capsys.readouterr().out
    assert "books 0/1 entries right" in printed
    assert "contested 1/1 disputes right" in printed
