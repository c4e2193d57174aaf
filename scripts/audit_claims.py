"""Judged precision of claims and co-mentions: draw a sample for a careful reader, score it.

``draw`` takes a built graph (its JSON) and writes a TSV: a seeded sample of claim edges,
stratified by predicate (at most ``--per-predicate`` each, spread over documents, at least
``--claims`` in all when the graph has them) and of co-mention edges (``--co-mentions``),
each with its evidence, the speaker, and the turn around it (read again from the source
document), and two empty columns for the reader: ``judgement`` (right / wrong) and
``reason``. ``score`` reads a marked TSV and prints precision per predicate, over all
claims, and for co-mentions (rows left unmarked are not counted).

What a reader judges (the guideline's relation definitions, ../shared/eval/GUIDELINE.md):
a claim is right when its sentence states it of that subject (a first-person sentence: of
the speaker), with that polarity; a co-mention is right when its quote discusses the two
entities together.

Usage::

    python scripts/audit_claims.py draw graphs/kgraph.json -o sample.tsv [--seed 1]
    python scripts/audit_claims.py score sample.tsv [--json numbers.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLUMNS = (
    "row",
    "kind",
    "predicate",
    "subject",
    "object",
    "negated",
    "speaker",
    "document",
    "turn",
    "time",
    "evidence",
    "context",
    "judgement",
    "reason",
)
CONTEXT_CHARS = 700
"""Characters of the turn shown around the evidence."""
RIGHT = {"right", "r", "yes", "y", "1", "true", "correct", "ok"}
WRONG = {"wrong", "w", "no", "n", "0", "false", "incorrect"}


def load_graph(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def stratified(
    edges: list[dict[str, Any]], per_group: int, total: int, rng: random.Random
) -> list[dict[str, Any]]:
    """Up to ``per_group`` edges per predicate, round-robin over documents, then more of
    the predicates that have them until ``total`` (never more than ``per_group`` each)."""
    by_predicate: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        by_predicate[edge["predicate"]].append(edge)
    chosen: list[dict[str, Any]] = []
    for predicate in sorted(by_predicate):
        chosen.extend(spread(by_predicate[predicate], per_group, rng))
    if len(chosen) < total:
        print(
            f"note: only {len(chosen)} claims with at most {per_group} per predicate "
            f"(of {len(edges)}); fewer than {total}",
            file=sys.stderr,
        )
    return chosen


def spread(edges: list[dict[str, Any]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """``n`` of ``edges`` drawn round-robin over their documents, each document shuffled."""
    by_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        by_document[str(edge.get("document"))].append(edge)
    queues = [by_document[d] for d in sorted(by_document)]
    for queue in queues:
        rng.shuffle(queue)
    rng.shuffle(queues)
    out: list[dict[str, Any]] = []
    while len(out) < n and any(queues):
        for queue in queues:
            if queue and len(out) < n:
                out.append(queue.pop())
    return out


class Turns:
    """Turn texts of the graph's documents, read again from their sources."""

    def __init__(self, documents: list[dict[str, Any]], *bases: Path) -> None:
        self.sources = {d["id"]: d.get("source") for d in documents}
        self.bases = bases
        self.cache: dict[str, dict[int, str]] = {}

    def text(self, document: str, turn: int) -> str:
        if document not in self.cache:
            self.cache[document] = self._read(document)
        return self.cache[document].get(turn, "")

    def _read(self, document: str) -> dict[int, str]:
        from kgraph.readers import read_document

        source = self.sources.get(document)
        if not source:
            return {}
        path = Path(source)
        for candidate in (path, *(base / path for base in self.bases), ROOT / path):
            if candidate.is_file():
                try:
                    return {t.index: t.text for t in read_document(candidate).turns}
                except Exception as exc:  # a sample without context is still a sample
                    print(f"{candidate}: cannot read ({exc})", file=sys.stderr)
                    return {}
        print(f"{source}: not found; rows of {document} have no context", file=sys.stderr)
        return {}


def around(turn_text: str, evidence: str) -> str:
    """The turn trimmed to :data:`CONTEXT_CHARS` around the evidence, on one line."""
    text = " ".join(turn_text.split())
    first = " ".join(evidence.split())[:60]
    at = text.find(first) if first else -1
    if len(text) <= CONTEXT_CHARS:
        return text
    start = max(0, (at if at >= 0 else 0) - CONTEXT_CHARS // 3)
    end = start + CONTEXT_CHARS
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def one_line(text: Any) -> str:
    return " ".join(str(text if text is not None else "").split())


def draw(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    labels = {n["id"]: n.get("label", n["id"]) for n in graph["nodes"]}
    edges = graph.get("edges") or graph.get("links") or []
    claims = [e for e in edges if e.get("kind") == "claim"]
    co_mentions = [e for e in edges if e.get("kind") == "co_mention" and e.get("examples")]
    rng = random.Random(args.seed)
    sample = stratified(claims, args.per_predicate, args.claims, rng)
    pairs = spread(co_mentions, args.co_mentions, rng)
    bases = [*([args.sources] if args.sources else []), args.graph.resolve().parent]
    turns = Turns(graph["graph"].get("documents", []), *bases)
    rows = []
    for edge in sample:
        rows.append(
            {
                "kind": "claim",
                "predicate": edge["predicate"],
                "subject": labels.get(edge["source"], edge["source"]),
                "object": labels.get(edge["target"], edge["target"]),
                "negated": "yes" if edge.get("negated") else "",
                "speaker": edge.get("speaker") or "",
                "document": edge.get("document"),
                "turn": edge.get("turn"),
                "time": edge.get("time") if edge.get("time") is not None else "",
                "evidence": edge.get("evidence", ""),
            }
        )
    for edge in pairs:
        example = rng.choice(edge["examples"])
        rows.append(
            {
                "kind": "co_mention",
                "predicate": "co_mention",
                "subject": labels.get(edge["source"], edge["source"]),
                "object": labels.get(edge["target"], edge["target"]),
                "negated": "",
                "speaker": example.get("speaker") or "",
                "document": example.get("document"),
                "turn": example.get("turn"),
                "time": example.get("time") if example.get("time") is not None else "",
                "evidence": example.get("quote", ""),
            }
        )
    rng.shuffle(rows)  # the reader sees no order by predicate
    with args.output.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for i, row in enumerate(rows, 1):
            context = around(turns.text(str(row["document"]), int(row["turn"])), row["evidence"])
            row = {k: one_line(v) for k, v in row.items()}
            writer.writerow({"row": i, **row, "context": context, "judgement": "", "reason": ""})
    counts = Counter(r["predicate"] for r in rows)
    print(
        f"{args.output}: {len(sample)} claims of {len(claims)}, {len(pairs)} co-mentions of "
        f"{len(co_mentions)} ({', '.join(f'{p} {n}' for p, n in sorted(counts.items()))})"
    )
    return 0


def judged(value: str) -> bool | None:
    word = value.strip().lower()
    if word in RIGHT:
        return True
    if word in WRONG:
        return False
    return None


def score(args: argparse.Namespace) -> int:
    with args.marked.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # right, judged
    unmarked = 0
    for row in rows:
        verdict = judged(row.get("judgement", ""))
        if verdict is None:
            unmarked += 1
            continue
        keys = [row["predicate"]]
        keys.append("all claims" if row["kind"] == "claim" else "all co-mentions")
        if row["predicate"] in ("recommends", "advises"):
            keys.append("recommends + advises")
        for key in keys:
            tally[key][0] += verdict
            tally[key][1] += 1
    numbers = {k: {"right": r, "judged": n, "precision": r / n} for k, (r, n) in tally.items()}
    order = sorted(k for k in numbers if not k.startswith(("all ", "recommends +")))
    order += [k for k in ("recommends + advises", "all claims", "all co-mentions") if k in numbers]
    print(f"{'predicate':<22} {'P':>5}  right/judged")
    for key in order:
        n = numbers[key]
        print(f"{key:<22} {n['precision']:>5.2f}  {n['right']}/{n['judged']}")
    if unmarked:
        print(f"({unmarked} rows not marked right or wrong)")
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="sample claims and co-mentions of a graph into a TSV")
    d.add_argument("graph", type=Path, help="a graph's JSON (kgraph build writes NAME.json)")
    d.add_argument("-o", "--output", type=Path, required=True)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--claims", type=int, default=100, help="claims wanted in all")
    d.add_argument("--per-predicate", type=int, default=12)
    d.add_argument("--co-mentions", type=int, default=30)
    d.add_argument(
        "--sources",
        type=Path,
        default=None,
        help="the folder the graph was built from, where its documents' paths do not lead",
    )
    s = sub.add_parser("score", help="precision from a marked TSV")
    s.add_argument("marked", type=Path)
    s.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    return draw(args) if args.command == "draw" else score(args)


if __name__ == "__main__":
    sys.exit(main())
