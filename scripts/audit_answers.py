"""Judged quality of the answer views: draw a sample for a careful reader, score it.

``draw`` asks a built graph (its JSON) what issue 24's acceptance asks and writes a TSV:
- ``book``: one row per recommender of each of the top ``--books`` of the reading list;
  an entry is right when every one of its rows is (the quote recommends that book);
- ``advice``: ``--per-view`` items (the first ones, as a reader sees them) from the advice
  of ``--people`` people and of ``--topics`` topics drawn with
  ``--seed`` among those whose advice view has at least ``--per-view`` specific items;
  right when the quote gives that advice, specifically, and the listed person gave it;
- ``contested``: the top ``--disputes`` disagreements, one row each with a quote per side;
  right when the two sides really take opposite stances on that topic.
The reader fills ``judgement`` (right / wrong) and ``reason``; ``score`` prints the shares.

Usage::

    python scripts/audit_answers.py draw graphs/kgraph.json -o answers.tsv [--seed 1]
    python scripts/audit_answers.py score answers.tsv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLUMNS = ("row", "view", "entry", "what", "person", "quote", "where", "judgement", "reason")
RIGHT = {"right", "r", "yes", "y", "1", "true", "correct", "ok"}
WRONG = {"wrong", "w", "no", "n", "0", "false", "incorrect"}


def _where(ev: dict) -> str:
    parts = (ev.get("title") or ev.get("document"), ev.get("time"), ev.get("url"))
    return " | ".join(str(p) for p in parts if p is not None)


def _quote(ev: dict) -> str:
    return " ".join((ev.get("quote") or "").split())


def draw(args: argparse.Namespace) -> int:
    from kgraph import answers
    from kgraph.answers.stance import stance as advises
    from kgraph.answers.topics import alias_list
    from kgraph.query import load_graph

    G = load_graph(args.graph)
    rows: list[dict] = []

    def add(view: str, entry: str, what: str, person: str, ev: dict) -> None:
        rows.append(
            {
                "view": view,
                "entry": entry,
                "what": what,
                "person": person,
                "quote": _quote(ev),
                "where": _where(ev),
            }
        )

    for rank, item in enumerate(answers.recommended(G, "book", limit=args.books)["items"], 1):
        for person in item["recommenders"]:
            add("book", f"book {rank}", item["label"], person["name"], person["quotes"][0])
    stance = answers.Stances(G)
    # the guests and topics "of your choice" (issue 24): drawn among those with at least
    # --per-view quotes that advise for or against what they name
    people: dict[str, set[str]] = defaultdict(set)
    topics: dict[str, set[str]] = defaultdict(set)
    said = [(u, v, data) for u, v, data, _ in answers.said_stances(stance, [], [], [])]
    for u, v, data in [*stance.claims, *said]:
        who, quote = stance.who(u, data), data.get("evidence") or ""
        forms = [stance.labels.get(v, v), *alias_list(stance.Q.node(v).get("aliases"))]
        if who and not stance.is_host(who) and advises(quote, forms, praise=False):
            people[who].add(quote)
            topics[v].add(quote)
    rng = random.Random(args.seed)

    def draw_views(kind: str, candidates: dict[str, set[str]], wanted: int) -> list[tuple]:
        names = sorted(c for c, quotes in candidates.items() if len(quotes) >= args.per_view)
        rng.shuffle(names)
        views = []
        for name in names:
            if len(views) == wanted:
                break
            page = answers.advice(G, by=name) if kind == "by" else answers.advice(G, topic=name)
            items = [i for group in page["items"] for i in group["items"]]
            if sum(i["specific"] for i in items) >= args.per_view:
                views.append((kind, name, items[: args.per_view]))
        return views

    for kind, name, items in [
        *draw_views("by", people, args.people),
        *draw_views("topic", topics, args.topics),
    ]:
        label = name if kind == "by" else stance.labels.get(name, name)
        for item in items:
            against = "against " if item["negated"] else ""
            what = f"{item['predicate']} {against}" + ", ".join(o["label"] for o in item["objects"])
            add("advice", f"{kind} {label}", what, item["who"], item["evidence"])
    for rank, item in enumerate(answers.contested(G, limit=args.disputes)["items"], 1):
        pro, con = item["for"]["quotes"][0], item["against"]["quotes"][0]
        rows.append(
            {
                "view": "contested",
                "entry": f"dispute {rank}",
                "what": item["label"],
                "person": f"for: {pro.get('speaker')} / against: {con.get('speaker')}",
                "quote": f"FOR: {_quote(pro)} || AGAINST: {_quote(con)}",
                "where": f"{_where(pro)} || {_where(con)}",
            }
        )
    with args.out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, delimiter="\t")
        writer.writeheader()
        for number, row in enumerate(rows, 1):
            writer.writerow({"row": number, **row, "judgement": "", "reason": ""})
    print(f"wrote {len(rows)} rows to {args.out}")
    return 0


def score(args: argparse.Namespace) -> int:
    with args.tsv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    entries: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for row in rows:
        mark = (row.get("judgement") or "").strip().lower()
        if mark in RIGHT | WRONG:
            entries[(row["view"], row["entry"] if row["view"] == "book" else row["row"])].append(
                mark in RIGHT
            )
    for view in ("book", "advice", "contested"):
        judged = [all(marks) for (v, _), marks in entries.items() if v == view]
        share = f"{sum(judged) / len(judged):.2f}" if judged else "-"
        unit = "entries" if view == "book" else "items"
        print(f"{view:<10} {sum(judged)}/{len(judged)} {unit} right ({share})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="write a sample to judge")
    d.add_argument("graph", type=Path)
    d.add_argument("-o", "--out", type=Path, required=True)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--books", type=int, default=20)
    d.add_argument("--people", type=int, default=5)
    d.add_argument("--topics", type=int, default=5)
    d.add_argument("--per-view", type=int, default=3)
    d.add_argument("--disputes", type=int, default=10)
    s = sub.add_parser("score", help="shares of right rows in a judged sample")
    s.add_argument("tsv", type=Path)
    args = parser.parse_args(argv)
    return draw(args) if args.command == "draw" else score(args)


if __name__ == "__main__":
    sys.exit(main())
