"""Judged quality of the answer views: draw the samples for a careful reader, score them.

``draw`` asks a built graph (its JSON) what issue 24's acceptance asks and writes three
TSVs beside ``--out`` (``answers.tsv`` -> ``answers-books.tsv``, ``-advice``,
``-contested``), each with the quotes, the turn around each (``--sources``: the folder the
graph was built from, to read the turns again), the episode, its time and link, and two
empty columns, ``judgement`` (right / wrong) and ``reason``:

- ``books``: one row per recommender of each of the top ``--books`` of the reading list;
  an entry is right when every one of its rows is (the person recommends that very book);
- ``advice``: ``--per-view`` items (the first ones, as a reader sees them) from the advice
  of ``--people`` people and of ``--topics`` topics drawn with ``--seed`` among those
  whose advice view has at least ``--per-view`` specific items; right when the quote gives
  that advice, specifically, and the listed person gave it;
- ``contested``: the top ``--disputes`` disagreements, one row each with the first quote
  of each side; right when the two people really take opposite stances (advice or a
  recommendation, for and against) on that topic.

What a reader judges is in ``scripts/audit/ANSWERS.md``: give the reader the TSVs and that
page only. ``score`` prints the share of right entries of each marked TSV.

Usage::

    python scripts/audit_answers.py draw graphs/kgraph.json -o answers.tsv \\
        --sources ../shared/corpus/lenny [--seed 1]
    python scripts/audit_answers.py score answers-*.tsv
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
sys.path.insert(0, str(ROOT / "scripts"))

from audit_claims import Turns, around  # noqa: E402 (the turn around a quote, as there)

COLUMNS = {
    "books": ("row", "entry", "book", "author", "person", "quote", "context", "where"),
    "advice": ("row", "view", "person", "advice", "quote", "context", "where"),
    "contested": (
        "row",
        "topic",
        "for_person",
        "for_quote",
        "for_context",
        "for_where",
        "against_person",
        "against_quote",
        "against_context",
        "against_where",
    ),
}
MARKS = ("judgement", "reason")
RIGHT = {"right", "r", "yes", "y", "1", "true", "correct", "ok"}
WRONG = {"wrong", "w", "no", "n", "0", "false", "incorrect"}


def _where(ev: dict) -> str:
    parts = (ev.get("title") or ev.get("document"), _clock(ev.get("time")), ev.get("url"))
    return " | ".join(str(p) for p in parts if p is not None)


def _clock(seconds) -> str | None:
    if not isinstance(seconds, int | float):
        return None
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _quote(ev: dict) -> str:
    return " ".join((ev.get("quote") or "").split())


def paths(out: Path) -> dict[str, Path]:
    """The three TSVs of ``--out``: ``answers.tsv`` -> ``answers-books.tsv``, ..."""
    return {view: out.with_name(f"{out.stem}-{view}{out.suffix or '.tsv'}") for view in COLUMNS}


def draw(args: argparse.Namespace) -> int:
    from kgraph import answers
    from kgraph.answers.stance import stance as advises
    from kgraph.answers.topics import alias_list
    from kgraph.query import load_graph

    G = load_graph(args.graph)
    bases = [Path(args.sources)] if args.sources else []
    turns = Turns(list(G.documents.values()), *bases, args.graph.parent)
    rows: dict[str, list[dict]] = {view: [] for view in COLUMNS}

    def said(ev: dict) -> dict:
        """The quote, the turn around it and where it was said."""
        turn = ev.get("turn")
        text = turns.text(str(ev.get("document")), int(turn)) if turn is not None else ""
        context = around(text, ev.get("quote") or "") if text else ""
        return {"quote": _quote(ev), "context": context, "where": _where(ev)}

    for rank, item in enumerate(answers.recommended(G, "book", limit=args.books)["items"], 1):
        for person in item["recommenders"]:
            rows["books"].append(
                {
                    "entry": rank,
                    "book": item["label"],
                    "author": item.get("author") or "",
                    "person": person["name"],
                    **said(person["quotes"][0]),
                }
            )
    stance = answers.Stances(G)
    # the guests and topics "of your choice" (issue 24): drawn among those with at least
    # --per-view quotes that advise for or against what they name
    people: dict[str, set[str]] = defaultdict(set)
    topics: dict[str, set[str]] = defaultdict(set)
    said_advice = [(u, v, data) for u, v, data, _ in answers.said_stances(stance, [], [], [])]
    for u, v, data in [*stance.claims, *said_advice]:
        who, quote = stance.who(u, data), data.get("evidence") or ""
        forms = [stance.labels.get(v, v), *alias_list(stance.Q.node(v).get("aliases"))]
        if who and not stance.is_host(who) and advises(quote, forms, praise=False):
            people[who].add(quote)
            topics[v].add(quote)
    for row in G.stances() or []:  # what the build read as advice in every sentence
        who, quote = row.get("speaker"), row.get("quote") or ""
        if row.get("praise"):
            continue
        if who and not stance.is_host(who):
            people[who].add(quote)
            topics[str(row.get("node"))].add(quote)
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
            rows["advice"].append(
                {
                    "view": f"{'advice of' if kind == 'by' else 'advice on'} {label}",
                    "person": item["who"],
                    "advice": what,
                    **said(item["evidence"]),
                }
            )
    for item in answers.contested(G, limit=args.disputes)["items"]:
        row = {"topic": f"{item['label']} ({item['type']})"}
        for side in ("for", "against"):
            first = item[side]["quotes"][0]
            quote = said(first)
            row |= {
                f"{side}_person": first.get("speaker") or "",
                f"{side}_quote": quote["quote"],
                f"{side}_context": quote["context"],
                f"{side}_where": quote["where"],
            }
        rows["contested"].append(row)
    for view, path in paths(args.out).items():
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, (*COLUMNS[view], *MARKS), delimiter="\t")
            writer.writeheader()
            for number, row in enumerate(rows[view], 1):
                writer.writerow({"row": number, **row, "judgement": "", "reason": ""})
        print(f"wrote {len(rows[view])} rows to {path}")
    return 0


def score(args: argparse.Namespace) -> int:
    """The share of right entries of each marked TSV (a book entry is right when every
    row of it is; rows left unmarked are not counted)."""
    for tsv in args.tsv:
        with tsv.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        view = (
            "books"
            if rows and "book" in rows[0]
            else "contested"
            if rows and "topic" in rows[0]
            else "advice"
        )
        entries: dict[str, list[bool]] = defaultdict(list)
        for row in rows:
            mark = (row.get("judgement") or "").strip().lower()
            if mark in RIGHT | WRONG:
                entries[row["entry"] if view == "books" else row["row"]].append(mark in RIGHT)
        judged = [all(marks) for marks in entries.values()]
        share = f"{sum(judged) / len(judged):.2f}" if judged else "-"
        unit = "entries" if view == "books" else "items" if view == "advice" else "disputes"
        print(f"{tsv.name}: {view} {sum(judged)}/{len(judged)} {unit} right ({share})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="write the samples to judge")
    d.add_argument("graph", type=Path)
    d.add_argument("-o", "--out", type=Path, required=True, help="answers.tsv: answers-*.tsv")
    d.add_argument("--sources", help="the folder the graph was built from (the turns)")
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--books", type=int, default=20)
    d.add_argument("--people", type=int, default=5)
    d.add_argument("--topics", type=int, default=5)
    d.add_argument("--per-view", type=int, default=3)
    d.add_argument("--disputes", type=int, default=10)
    s = sub.add_parser("score", help="shares of right entries in judged samples")
    s.add_argument("tsv", type=Path, nargs="+")
    args = parser.parse_args(argv)
    return draw(args) if args.command == "draw" else score(args)


if __name__ == "__main__":
    sys.exit(main())
