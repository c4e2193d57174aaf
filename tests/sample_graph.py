"""A small hand-built graph following the schema of kgraph.graph, for query and CLI tests.

Alex Host co-mentions everything (a hub); the shortest-looking routes run through him,
and a quieter route through "Mentoring" exists. Quotes are invented for the tests.
"""

from __future__ import annotations

import networkx as nx

DOCS = [
    {
        "id": "ep1",
        "title": "Episode one",
        "format": "markdown",
        "source": "ep1.md",
        "guests": ["Vera Bauman"],
        "url": "https://www.youtube.com/watch?v=vid1",
        "turns": 10,
        "words": 500,
        "date": "2024-03-05",
        "spoken": 10,
        "timed": 8,
    },
    {
        "id": "ep2",
        "title": "Episode two",
        "format": "transcript",
        "source": "ep2.txt",
        "guests": ["Vera Bauman"],
        "url": None,
        "turns": 6,
        "words": 300,
        "spoken": 3,
        "timed": 0,
    },
]


def _ev(document: str, turn: int, quote: str, speaker: str, time: float | None) -> dict:
    url = f"https://www.youtube.com/watch?v=vid1&t={int(time)}s" if document == "ep1" else None
    return {
        "document": document,
        "turn": turn,
        "quote": quote,
        "speaker": speaker,
        "time": time,
        "url": url,
    }


def sample_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name="sample", kgraph_version="test", documents=DOCS)
    nodes = {
        "person:alex-host": ("Alex Host", "person", "Alex|Host", 30, 2, []),
        "person:vera-bauman": (
            "Vera Bauman",
            "person",
            "Vera|Bauman",
            12,
            2,
            [_ev("ep1", 3, "I joined Ledgerly as a staff engineer.", "Vera Bauman", 65.0)],
        ),
        "role:staff-engineer": (
            "Staff Engineer",
            "role",
            "staff engineers|staff eng",
            8,
            2,
            [_ev("ep2", 1, "Staff engineers write a lot.", "Vera Bauman", None)],
        ),
        "concept:design-doc": (
            "Design Doc",
            "concept",
            "design docs",
            6,
            2,
            [_ev("ep1", 7, "A design doc settles arguments early.", "Vera Bauman", 300.0)],
        ),
        "concept:mentoring": (
            "Mentoring",
            "concept",
            "",
            3,
            1,
            [_ev("ep1", 5, "Mentoring taught me to write design docs.", "Vera Bauman", 200.0)],
        ),
        "organization:ledgerly": ("Ledgerly", "organization", "Ledgerly Inc", 4, 1, []),
        "book:the-long-game": ("The Long Game", "book", "", 2, 1, []),
        "concept:lonely-idea": ("Lonely Idea", "concept", "", 1, 1, []),
    }
    for i in range(8):
        nodes[f"concept:filler-{i}"] = (f"Filler {i}", "concept", "", 1, 1, [])
    for n, (label, typ, aliases, mentions, documents, evidence) in nodes.items():
        G.add_node(
            n,
            label=label,
            type=typ,
            aliases=aliases,
            mentions=mentions,
            documents=documents,
            evidence=evidence,
            community=0,
            color="#000000",
            size=10.0,
        )

    def co(u: str, v: str, weight: int, examples: list[dict]) -> None:
        u, v = sorted((u, v))
        G.add_edge(u, v, key="co_mention", kind="co_mention", weight=weight, examples=examples)

    hub = "person:alex-host"
    co(
        hub,
        "role:staff-engineer",
        1,
        [
            {
                "document": "ep1",
                "turn": 2,
                "time": 30.0,
                "quote": "Alex asks every staff engineer the same question.",
                "speaker": "Alex Host",
            }
        ],
    )
    co(
        hub,
        "concept:design-doc",
        1,
        [
            {
                "document": "ep1",
                "turn": 6,
                "time": 280.0,
                "quote": "So, Alex, design docs?",
                "speaker": "Alex Host",
            }
        ],
    )
    for i in range(8):
        co(
            hub,
            f"concept:filler-{i}",
            1,
            [
                {
                    "document": "ep2",
                    "turn": i,
                    "time": None,
                    "quote": f"filler {i}",
                    "speaker": "Alex Host",
                }
            ],
        )
    # The quiet route: examples without a quote; the quote comes from node evidence.
    co(
        "role:staff-engineer",
        "concept:mentoring",
        1,
        [{"document": "ep1", "turn": 5, "time": 200.0}],
    )
    co(
        "concept:mentoring",
        "concept:design-doc",
        1,
        [{"document": "ep1", "turn": 5, "time": 200.0}],
    )
    co(
        "person:vera-bauman",
        "organization:ledgerly",
        2,
        [{"document": "ep1", "turn": 3, "time": 65.0}],
    )

    def claim(n: int, s: str, p: str, o: str, ev: dict, negated: bool = False) -> None:
        G.add_edge(
            s,
            o,
            key=f"claim:{n}",
            kind="claim",
            predicate=p,
            speaker=ev["speaker"],
            evidence=ev["quote"],
            document=ev["document"],
            turn=ev["turn"],
            time=ev["time"],
            url=ev["url"],
            negated=negated,
            weight=1,
        )

    claim(
        0,
        "person:vera-bauman",
        "works_at",
        "organization:ledgerly",
        _ev("ep1", 3, "I joined Ledgerly as a staff engineer.", "Vera Bauman", 65.0),
    )
    claim(
        1,
        "person:vera-bauman",
        "works_as",
        "role:staff-engineer",
        _ev("ep2", 2, "These days I work as a staff engineer.", "Vera Bauman", None),
    )
    claim(
        2,
        "person:alex-host",
        "recommends",
        "book:the-long-game",
        _ev("ep1", 9, "Everyone should read The Long Game.", "Alex Host", 900.0),
    )
    claim(
        3,
        "role:staff-engineer",
        "writes",
        "concept:design-doc",
        _ev("ep2", 4, "A staff engineer writes the design doc.", "Vera Bauman", None),
    )
    return G
