"""Score kgraph's extraction against the gold annotations.

Each gold document is built alone (read -> extract -> resolve -> graph) and compared with
``../shared/eval/gold/<name>.yaml``:

- entities, per type: precision and recall (a node matches a gold entity when its label or
  one of its aliases equals the gold name or one of the gold aliases, compared case-,
  plural- and hyphen-insensitively; precision is not scored for the open type concept);
- facts: recall of gold (subject, relation, object) as a claim edge between the two
  entities, in any direction with any relation ("any") and with the same relation
  ("strict");
- paths: share of gold pairs connected in the graph (any edges, undirected);
- the top 50 concepts by mentions must hold no generic words.

It also builds the two Valerii Babushkin documents together and checks they share one node.

Usage::

    python scripts/evaluate.py [--gold DIR] [--seeds DIR] [--json FILE] [-v]
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
TYPES = ("person", "organization", "role", "book", "concept")
CLOSED = ("person", "organization", "role", "book")
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
    connected = 0
    for a, b in gold.get("paths") or []:
        ends_a, ends_b = matches(a), matches(b)
        if any(
            x in undirected and y in undirected and nx.has_path(undirected, x, y)
            for x in ends_a
            for y in ends_b
        ):
            connected += 1
        else:
            result["misses"]["path"].append(f"{a} -- {b}")
    result["paths"] = {"gold": len(gold.get("paths") or []), "connected": connected}
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


def table(name: str, r: dict[str, Any]) -> str:
    lines = [f"== {name}", f"{'type':<13}{'P':>6}{'R':>6}   correct/pred  found/gold"]
    for etype in TYPES:
        t = r["types"][etype]
        p = ratio(t["correct"], t["pred"]) if etype in CLOSED else None
        lines.append(
            f"{etype:<13}{fmt(p):>6}{fmt(ratio(t['found'], t['gold'])):>6}"
            f"   {t['correct']:>4}/{t['pred']:<6}  {t['found']:>4}/{t['gold']}"
        )
    f, pth = r["facts"], r["paths"]
    lines.append(
        f"{'facts any':<13}{'':>6}{fmt(ratio(f['any'], f['gold'])):>6}"
        f"   {'':>11}  {f['any']:>4}/{f['gold']}"
    )
    lines.append(
        f"{'facts strict':<13}{'':>6}{fmt(ratio(f['strict'], f['gold'])):>6}"
        f"   {'':>11}  {f['strict']:>4}/{f['gold']}"
    )
    lines.append(
        f"{'paths':<13}{'':>6}{fmt(ratio(pth['connected'], pth['gold'])):>6}"
        f"   {'':>11}  {pth['connected']:>4}/{pth['gold']}"
    )
    if r.get("generic_in_top50") is not None:
        lines.append(f"generic words in top-50 concepts: {r['generic_in_top50'] or 'none'}")
    return "\n".join(lines)


def micro(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {
        "types": {},
        "facts": {"gold": 0, "any": 0, "strict": 0},
        "paths": {"gold": 0, "connected": 0},
        "generic_in_top50": [],
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "gold")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--model", default=None)
    parser.add_argument("--patterns", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        print(f"error: gold folder not found: {args.gold}", file=sys.stderr)
        return 2
    from kgraph.extract import Extractor

    extractor = Extractor(args.model, args.patterns)
    cache: dict[Path, Any] = {}
    results: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    for gold_path in sorted(args.gold.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        source = args.seeds / gold["document"]
        G = build([source], extractor, cache)
        r = score_document(G, gold)
        results[gold_path.stem] = r
        print(table(gold_path.stem, r))
        if args.verbose:
            for kind, items in sorted(r["misses"].items()):
                if items:
                    print(f"   missed {kind}: {items}")
            for kind, items in sorted(r["extra"].items()):
                if items and kind in CLOSED:
                    print(f"   extra {kind}: {items}")
            print(f"   top concepts: {r['top_concepts']}")
        print()
    total = micro(results)
    print(table("micro-average", total))
    cross = cross_document_check(args.seeds, extractor, cache)
    print(f"\nValerii Babushkin across 001+004: {cross}")
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    if args.json:
        payload = {
            "documents": {k: summary(v) for k, v in results.items()},
            "micro": summary(total),
            "cross_document": cross,
        }
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
