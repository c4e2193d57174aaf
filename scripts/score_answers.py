"""Score the answer views (kgraph.answers) against the gold facts, aggregates only.

Each gold document is built alone, as ``scripts/evaluate.py`` builds it, and asked:
- the reading list (``recommended(G, "book")``) against the gold ``recommends`` facts whose
  object is a gold book: recall and precision of (person, book) pairs, and of books, and
  how many of the gold pairs the claims hold at all (``in_claims``: the best any view of
  these claims can do, whatever the view; a negated recommendation included);
- the advice view of each gold ``advises`` subject (``advice(G, by=...)``): recall of the
  gold facts whose object is among the objects of that person's advice; the same for the
  gold ``recommends`` facts whose object is no book (the dev gold's advice is written so);
  ``in_claims``: those a recommends or advises claim holds at all; ``object_nodes``: those
  whose object is a node of the graph at all (what any advice claim could point at).
Names match as evaluate.py matches them (labels and aliases against gold names and gold
aliases). Only totals are printed, for the dev set (seeds) and the validation set alike:
never a document's misses.

Usage::

    python scripts/score_answers.py [--only dev|validation] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import SHARED, VALIDATION, build, key_forms, node_forms, ratio  # noqa: E402

from kgraph import answers  # noqa: E402
from kgraph.errors import KgraphError  # noqa: E402


def _forms(gold: dict[str, Any]) -> tuple[dict[str, set[str]], dict[str, str]]:
    aliases = gold.get("aliases") or {}
    forms, types = {}, {}
    for etype, names in (gold.get("entities") or {}).items():
        for name in names or []:
            forms[name] = key_forms([name, *(aliases.get(name) or [])])
            types[name] = etype
    return forms, types


def score_document(G, gold: dict[str, Any]) -> dict[str, int]:
    forms, types = _forms(gold)
    facts = [tuple(f) for f in gold.get("facts") or [] if len(f) == 3]

    def gold_name(node_forms_: set[str], etype: str | None = None) -> set[str]:
        return {g for g, f in forms.items() if f & node_forms_ and (not etype or types[g] == etype)}

    def node_gold(node: str) -> set[str]:
        return gold_name(node_forms(G.nodes[node])) if node in G else set()

    def person_gold(name: str) -> set[str]:
        found = {n for n, d in G.nodes(data=True) if d.get("label") == name}
        names = set().union(*(node_gold(n) for n in found)) if found else set()
        return names | gold_name(key_forms([name]))

    counts = dict.fromkeys(("rec_gold", "rec_found", "rec_pred", "rec_ok", "rec_claims"), 0)
    counts.update(books_gold=0, books_found=0, books_pred=0, books_ok=0)
    advice_of = _advice_objects(G, forms, node_gold)
    wanted = {(s, o) for s, r, o in facts if r == "recommends" and types.get(o) == "book"}
    counts["rec_gold"] = len(wanted)
    gold_books = {o for _, o in wanted}
    counts["books_gold"] = len(gold_books)
    pairs: set[tuple[str, str]] = set()
    books: set[str] = set()
    for item in answers.recommended(G, "book")["items"]:
        titles = node_gold(item["id"])
        counts["books_pred"] += 1
        if titles & gold_books:
            counts["books_ok"] += 1
            books |= titles & gold_books
        for person in item["recommenders"]:
            counts["rec_pred"] += 1
            names = person_gold(person["name"])
            hit = {(s, o) for s in names for o in titles} & wanted
            counts["rec_ok"] += bool(hit)
            pairs |= hit
    counts["rec_found"] = len(pairs)
    in_claims = set()  # what any view of these claims could find: the claims' own recall
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "claim" and d.get("predicate") == "recommends":
            names = node_gold(u) | person_gold(str(d.get("speaker") or ""))
            in_claims |= {(s, o) for s in names for o in node_gold(v)} & wanted
    counts["rec_claims"] = len(in_claims)
    counts["books_found"] = len(books)
    graph_names = set().union(*(node_gold(n) for n in G.nodes)) if len(G) else set()
    stances = set()  # (gold subject, gold object) of any recommends or advises claim
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "claim" and d.get("predicate") in ("recommends", "advises"):
            names = node_gold(u) | person_gold(str(d.get("speaker") or ""))
            stances |= {(s, o) for s in names for o in node_gold(v)}
    for prefix, relation in (("adv", "advises"), ("tip", "recommends")):
        advised = [
            (s, o)
            for s, r, o in facts
            if r == relation and s in forms and o in forms and types[o] != "book"
        ]
        counts[f"{prefix}_gold"] = len(advised)
        counts[f"{prefix}_found"] = sum(obj in advice_of(subject) for subject, obj in advised)
        counts[f"{prefix}_claims"] = len(set(advised) & stances)
        counts[f"{prefix}_nodes"] = sum(obj in graph_names for _, obj in advised)
    return counts


def _advice_objects(G, forms, node_gold):
    """subject's gold name -> the gold names of everything their advice view is about."""
    seen: dict[str, set[str]] = {}

    def advice_of(subject: str) -> set[str]:
        if subject in seen:
            return seen[subject]
        people = [n for n, d in G.nodes(data=True) if forms[subject] & node_forms(d)]
        objects: set[str] = set()
        for person in people:
            try:
                page = answers.advice(G, by=person)
            except KgraphError:
                continue
            for group in page["items"]:
                for item in group["items"]:
                    for o in item["objects"]:
                        objects |= node_gold(o["id"])
        seen[subject] = objects
        return objects

    return advice_of


def score_set(gold_dir: Path, data_dir: Path, extractor: Any, cache: dict) -> dict[str, int]:
    total: dict[str, int] = {}
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        source = data_dir / gold["document"]
        if not source.is_file():
            raise SystemExit(f"error: {gold_path}: document {source} not found")
        for key, value in score_document(build([source], extractor, cache), gold).items():
            total[key] = total.get(key, 0) + value
    total["documents"] = len(list(gold_dir.glob("*.yaml")))
    return total


def report(name: str, t: dict[str, int]) -> dict[str, Any]:
    out = {
        "documents": t["documents"],
        "reading_list_pairs": {
            "recall": ratio(t["rec_found"], t["rec_gold"]),
            "precision": ratio(t["rec_ok"], t["rec_pred"]),
            "found/gold": f"{t['rec_found']}/{t['rec_gold']}",
            "correct/listed": f"{t['rec_ok']}/{t['rec_pred']}",
            "in_claims/gold": f"{t['rec_claims']}/{t['rec_gold']}",
        },
        "reading_list_books": {
            "recall": ratio(t["books_found"], t["books_gold"]),
            "precision": ratio(t["books_ok"], t["books_pred"]),
            "found/gold": f"{t['books_found']}/{t['books_gold']}",
            "correct/listed": f"{t['books_ok']}/{t['books_pred']}",
        },
        "advice_advises": {
            "recall": ratio(t["adv_found"], t["adv_gold"]),
            "found/gold": f"{t['adv_found']}/{t['adv_gold']}",
            "in_claims/gold": f"{t['adv_claims']}/{t['adv_gold']}",
            "object_nodes/gold": f"{t['adv_nodes']}/{t['adv_gold']}",
        },
        "advice_recommends": {
            "recall": ratio(t["tip_found"], t["tip_gold"]),
            "found/gold": f"{t['tip_found']}/{t['tip_gold']}",
            "in_claims/gold": f"{t['tip_claims']}/{t['tip_gold']}",
            "object_nodes/gold": f"{t['tip_nodes']}/{t['tip_gold']}",
        },
    }
    print(f"== {name} ({t['documents']} documents, each built alone)")
    for view, numbers in out.items():
        if isinstance(numbers, dict):
            print(f"  {view:<20} " + "  ".join(f"{k} {v}" for k, v in numbers.items()))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["dev", "validation"])
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    args = parser.parse_args(argv)
    sets = {
        "dev": (SHARED / "eval" / "gold", SHARED / "seeds"),
        "validation": (VALIDATION / "gold", VALIDATION / "data"),
    }
    if args.only:
        sets = {args.only: sets[args.only]}
    for name, (gold_dir, data_dir) in sets.items():
        if not gold_dir.is_dir() or not data_dir.is_dir():
            print(f"error: {name} folder not found: {gold_dir} or {data_dir}", file=sys.stderr)
            return 2
    from kgraph.extract import Extractor

    extractor = Extractor(args.model)
    cache: dict = {}
    payload = {
        name: report(name, score_set(gold_dir, data_dir, extractor, cache))
        for name, (gold_dir, data_dir) in sets.items()
    }
    if args.json:
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
