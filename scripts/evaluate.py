"""Score kgraph's extraction against two gold sets: dev and validation.

Each gold document is built alone (read -> extract -> resolve -> graph) and compared with
its gold file: dev is ``../shared/eval/gold`` over ``../shared/seeds`` (tune on it),
validation is ``../shared/eval/validation/gold`` over ``.../validation/data`` (measure on
it, never tune: only its micro-average is printed, never its misses).

- entities, per type: precision and recall (a node matches a gold entity when its label or
  one of its aliases equals the gold name or one of the gold aliases, compared case-,
  plural- and hyphen-insensitively; precision is not scored for the open type concept);
- facts: recall of gold (subject, relation, object) as a claim edge between the two
  entities, in any direction with any relation ("any") and with the same relation
  ("strict");
- paths: share of gold pairs connected in the graph (any edges, undirected), and the share
  that fails for want of a node (an end not found) rather than of an edge;
- the top 50 concepts by mentions must hold no generic words.

It also builds the two Valerii Babushkin seeds together and checks they share one node.

Usage::

    python scripts/evaluate.py [--only dev|validation] [--json FILE] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
VALIDATION = SHARED / "eval" / "validation"
TYPES = ("person", "organization", "role", "book", "concept")
CLOSED = ("person", "organization", "role", "book")
DOCS = "documents"
# Words a reader would never tag as a concept (the guideline's examples and their kin).
GENERIC = {
    "thing",
    "time",
    "people",
    "way",
    "lot",
    "question",
    "stuff",
    "kind",
    "year",
    "day",
    "part",
    "point",
    "example",
    "case",
    "bit",
    "idea",
    "problem",
    "guy",
    "person",
    "place",
    "world",
    "something",
    "everything",
    "reason",
    "fact",
    "number",
    "sort",
    "type",
    "side",
    "moment",
    "end",
    "answer",
    "company",
    "team",
    "job",
    "work",
    "word",
    "situation",
    "level",
    "area",
    "field",
    "topic",
    "story",
    "life",
    "week",
    "month",
    "hour",
    "minute",
}


def key_forms(names: list[str]) -> set[str]:
    """Comparison keys of a list of names (with and without a leading "the")."""
    from kgraph.extract.normalize import norm_key

    keys = set()
    for name in names:
        keys.add(norm_key(name))
        if name.lower().startswith("the "):
            keys.add(norm_key(name[4:]))
    keys.discard("")
    return keys


def build(paths: list[Path], extractor: Any, cache: dict[Path, Any]) -> nx.MultiDiGraph:
    """Graph of ``paths`` built together (extractions cached per path)."""
    from kgraph.readers import read_document
    from kgraph.resolve import resolve

    for path in paths:
        if path not in cache:
            cache[path] = extractor.extract(read_document(path))
    kb = resolve([cache[p] for p in paths])
    try:
        from kgraph.graph import build_graph
    except ImportError:  # graph stage not there yet: score the KnowledgeBase as a graph
        return kb_graph(kb)
    return build_graph(kb)


def kb_graph(kb: Any) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for e in kb.entities:
        G.add_node(
            e.id, label=e.label, type=e.type, aliases="|".join(e.aliases), mentions=len(e.mentions)
        )
    for i, c in enumerate(kb.claims):
        G.add_edge(c.subject, c.object, key=f"claim:{i}", kind="claim", predicate=c.predicate)
    return G


def node_forms(data: dict[str, Any]) -> set[str]:
    aliases = [a for a in str(data.get("aliases") or "").split("|") if a]
    return key_forms([data["label"], *aliases])


def score_document(G: nx.MultiDiGraph, gold: dict[str, Any]) -> dict[str, Any]:
    aliases = gold.get("aliases") or {}
    gold_forms = {}
    gold_type = {}
    for etype in TYPES:
        for name in (gold.get("entities") or {}).get(etype) or []:
            gold_forms[name] = key_forms([name, *(aliases.get(name) or [])])
            gold_type[name] = etype
    nodes = {n: (d, node_forms(d)) for n, d in G.nodes(data=True)}

    def matches(name: str, etype: str | None = None) -> list[str]:
        return sorted(
            n
            for n, (d, forms) in nodes.items()
            if (etype is None or d.get("type") == etype) and forms & gold_forms[name]
        )

    result: dict[str, Any] = {"types": {}, "misses": defaultdict(list), "extra": defaultdict(list)}
    for etype in TYPES:
        golds = [g for g, t in gold_type.items() if t == etype]
        found = [g for g in golds if matches(g, etype)]
        preds = [n for n, (d, _) in nodes.items() if d.get("type") == etype]
        good = [n for n in preds if any(nodes[n][1] & gold_forms[g] for g in golds)]
        result["types"][etype] = {
            "gold": len(golds),
            "found": len(found),
            "pred": len(preds),
            "correct": len(good),
        }
        result["misses"][etype] = sorted(set(golds) - set(found))
        result["extra"][etype] = sorted(nodes[n][0]["label"] for n in set(preds) - set(good))
    undirected = nx.Graph(G)
    claims = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "claim":
            claims[(u, v)].add(d.get("predicate"))
    facts_any = facts_strict = 0
    for s, rel, o in gold.get("facts") or []:
        if s not in gold_forms or o not in gold_forms:
            continue
        ss, oo = matches(s), matches(o)
        pairs = [(a, b) for a in ss for b in oo]
        if any(claims.get((a, b)) or claims.get((b, a)) for a, b in pairs):
            facts_any += 1
            if any(rel in claims.get((a, b), ()) for a, b in pairs):
                facts_strict += 1
            else:
                result["misses"]["fact_strict"].append(f"{s} {rel} {o}")
        else:
            result["misses"]["fact"].append(f"{s} {rel} {o}")
    result["facts"] = {
        "gold": len(gold.get("facts") or []),
        "any": facts_any,
        "strict": facts_strict,
    }
    connected = missing_end = 0
    for a, b in gold.get("paths") or []:
        ends_a, ends_b = matches(a), matches(b)
        missing_end += not (ends_a and ends_b)  # a path fails for a missing node, else an edge
        if any(
            x in undirected and y in undirected and nx.has_path(undirected, x, y)
            for x in ends_a
            for y in ends_b
        ):
            connected += 1
        else:
            result["misses"]["path"].append(f"{a} -- {b}")
    result["paths"] = {
        "gold": len(gold.get("paths") or []),
        "connected": connected,
        "missing_end": missing_end,
    }
    concepts = sorted(
        (
            (d.get("mentions", 0), d["label"])
            for _, (d, _) in nodes.items()
            if d.get("type") == "concept"
        ),
        key=lambda x: (-x[0], x[1]),
    )[:50]
    result["top_concepts"] = [label for _, label in concepts]
    result["generic_in_top50"] = [
        label for label in result["top_concepts"] if key_forms([label]) & GENERIC
    ]
    return result


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:5.2f}"


def rows(r: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(measure, P, R with counts) rows of one result, for the tables."""
    out = []
    for etype in TYPES:
        t = r["types"][etype]
        p = ratio(t["correct"], t["pred"]) if etype in CLOSED else None
        out.append(
            (
                etype,
                f"{fmt(p)} {fmt(ratio(t['found'], t['gold']))}",
                f"{t['correct']:>4}/{t['pred']:<5}{t['found']:>4}/{t['gold']:<4}",
            )
        )
    f, pth = r["facts"], r["paths"]
    for name, hit, gold in (
        ("facts any", f["any"], f["gold"]),
        ("facts strict", f["strict"], f["gold"]),
        ("paths", pth["connected"], pth["gold"]),
        ("path end lost", pth["missing_end"], pth["gold"]),
    ):
        out.append((name, f"{'':>5} {fmt(ratio(hit, gold))}", f"{'':>10}{hit:>4}/{gold:<4}"))
    return out


def table(name: str, r: dict[str, Any]) -> str:
    lines = [f"== {name}", f"{'':<13}{'P':>5} {'R':>5}  correct/pred found/gold"]
    lines += [f"{m:<13}{pr}  {counts}" for m, pr, counts in rows(r)]
    lines.append(f"generic words in top-50 concepts: {r['generic_in_top50'] or 'none'}")
    return "\n".join(lines)


def side_by_side(results: dict[str, dict[str, Any]]) -> str:
    """Micro-averages of each set in columns: measure | dev | validation."""
    names = list(results)
    columns = {name: rows(r) for name, r in results.items()}
    head = f"{'micro-average':<13}" + "".join(
        f" | {name + f' ({len(results[name][DOCS])} docs)':<32}" for name in names
    )
    sub = f"{'':<13}" + "".join(
        f" | {'P':>5} {'R':>5}  {'ok/pred':>9}{'hit/gold':>10}" for _ in names
    )
    lines = [head, sub]
    for i, (measure, _, _) in enumerate(columns[names[0]]):
        lines.append(
            f"{measure:<13}"
            + "".join(f" | {columns[n][i][1]}  {columns[n][i][2]:<20}" for n in names)
        )
    lines.append(
        f"{'generic top50':<13}"
        + "".join(f" | {len(results[n]['generic_in_top50']):<32}" for n in names)
    )
    return "\n".join(lines)


def micro(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {
        "types": {},
        "facts": {"gold": 0, "any": 0, "strict": 0},
        "paths": {"gold": 0, "connected": 0, "missing_end": 0},
        "generic_in_top50": [],
        DOCS: sorted(results),
    }
    for etype in TYPES:
        total["types"][etype] = {
            k: sum(r["types"][etype][k] for r in results.values())
            for k in ("gold", "found", "pred", "correct")
        }
    for r in results.values():
        for k in total["facts"]:
            total["facts"][k] += r["facts"][k]
        for k in total["paths"]:
            total["paths"][k] += r["paths"][k]
        total["generic_in_top50"] += r["generic_in_top50"]
    return total


def summary(r: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for etype in TYPES:
        t = r["types"][etype]
        out[etype] = {
            "precision": ratio(t["correct"], t["pred"]) if etype in CLOSED else None,
            "recall": ratio(t["found"], t["gold"]),
            **t,
        }
    out["facts_any"] = ratio(r["facts"]["any"], r["facts"]["gold"])
    out["facts_strict"] = ratio(r["facts"]["strict"], r["facts"]["gold"])
    out["paths"] = ratio(r["paths"]["connected"], r["paths"]["gold"])
    out["generic_in_top50"] = r["generic_in_top50"]
    return out


def score_set(
    gold_dir: Path, data_dir: Path, extractor: Any, cache: dict[Path, Any], verbose: bool
) -> dict[str, dict[str, Any]]:
    """Each gold document of ``gold_dir`` built alone from ``data_dir`` and scored; the tables
    (and with ``verbose`` the misses) are printed, which only the dev set asks for."""
    results: dict[str, dict[str, Any]] = {}
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        source = data_dir / gold["document"]
        if not source.is_file():
            raise SystemExit(f"error: {gold_path}: document {source} not found")
        r = score_document(build([source], extractor, cache), gold)
        results[gold_path.stem] = r
        if not verbose:
            continue
        print(table(gold_path.stem, r))
        for kind, items in sorted(r["misses"].items()):
            if items:
                print(f"   missed {kind}: {items}")
        for kind, items in sorted(r["extra"].items()):
            if items and kind in CLOSED:
                print(f"   extra {kind}: {items}")
        print(f"   top concepts: {r['top_concepts']}")
        print()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: python scripts/evaluate.py -v --only dev",
    )
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "gold", help="dev gold")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds", help="dev documents")
    parser.add_argument("--validation-gold", type=Path, default=VALIDATION / "gold")
    parser.add_argument("--validation-data", type=Path, default=VALIDATION / "data")
    parser.add_argument("--only", choices=["dev", "validation"], help="score one set only")
    parser.add_argument("--model", default=None)
    parser.add_argument("--patterns", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="dev set: each document, misses, extras"
    )
    args = parser.parse_args(argv)
    sets = {
        "dev": (args.gold, args.seeds),
        "validation": (args.validation_gold, args.validation_data),
    }
    if args.only:
        sets = {args.only: sets[args.only]}
    for name, (gold_dir, data_dir) in sets.items():
        for folder in (gold_dir, data_dir):
            if not folder.is_dir():
                print(f"error: {name} folder not found: {folder}", file=sys.stderr)
                return 2
    from kgraph.extract import Extractor

    extractor = Extractor(args.model, args.patterns)
    cache: dict[Path, Any] = {}
    started = time.perf_counter()
    results = {}
    # The validation set measures, never tunes: only its micro-average is ever shown.
    for name, (gold_dir, data_dir) in sets.items():
        verbose = args.verbose and name == "dev"
        results[name] = score_set(gold_dir, data_dir, extractor, cache, verbose)
    totals = {name: micro(r) for name, r in results.items()}
    print(side_by_side(totals))
    if "dev" in totals and totals["dev"]["generic_in_top50"]:
        print(f"dev generic words in top-50 concepts: {totals['dev']['generic_in_top50']}")
    payload: dict[str, Any] = {name: {"micro": summary(t)} for name, t in totals.items()}
    if "validation" in payload:
        payload["validation"]["micro"]["generic_in_top50"] = len(
            totals["validation"]["generic_in_top50"]
        )
    if "dev" in sets:
        payload["dev"][DOCS] = {k: summary(v) for k, v in results["dev"].items()}
        cross = cross_document_check(args.seeds, extractor, cache)
        payload["dev"]["cross_document"] = cross
        print(f"\nValerii Babushkin across 001+004: {cross}")
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


def cross_document_check(seeds: Path, extractor: Any, cache: dict[Path, Any]) -> dict[str, Any]:
    """Seeds 001 and 004 built together: one node for Valerii Babushkin with both docs."""
    paths = sorted(p for p in seeds.glob("*.txt") if p.name.startswith(("001_", "004_")))
    if len(paths) != 2:
        return {"checked": False}
    G = build(paths, extractor, cache)
    forms = key_forms(["Valerii Babushkin", "Valery Babushin", "Valerii", "Valery", "Valeri"])
    hits = [n for n, d in G.nodes(data=True) if d.get("type") == "person" and node_forms(d) & forms]
    docs = {}
    for n in hits:
        d = G.nodes[n]
        docs[n] = sorted(
            {e["document"][:3] for e in d.get("evidence", [])}
            or {e for e in [d.get("documents")] if e}
        )
    return {"checked": True, "nodes": hits, "one_node": len(hits) == 1, "documents": docs}


if __name__ == "__main__":
    sys.exit(main())
