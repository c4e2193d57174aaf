"""Answers to the questions people bring to an archive: what to read, what is advised,
where speakers disagree. Plain data over the built graph, like :mod:`kgraph.query`.

Every view rests on stance claims (``recommends`` and ``advises``, negated: against) and
counts people, not sentences: a book three guests recommend ranks above one a single guest
praises five times. A quote said once is shown once, however many claims or files carry
it. Each answer is ``{"total", "truncated", "items", ...}`` so that a program can tell a
short list from a cut one.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("person:ann", label="Ann", type="person")
>>> G.add_node("book:grit", label="Grit", type="book")
>>> _ = G.add_edge("person:ann", "book:grit", kind="claim", predicate="recommends",
...                speaker="Ann", evidence="Read Grit.", document="d", turn=1)
>>> [item["label"] for item in recommended(G)["items"]]
['Grit']
"""

from kgraph.answers.advice import advice, group_by_speaker, specific_first
from kgraph.answers.books import reading_order, recommended
from kgraph.answers.contested import contested
from kgraph.answers.stances import Stances, said_stances
from kgraph.answers.topics import resolve_topic

__all__ = [
    "Stances",
    "advice",
    "contested",
    "group_by_speaker",
    "reading_order",
    "recommended",
    "resolve_topic",
    "said_stances",
    "specific_first",
]
