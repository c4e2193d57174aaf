"""kgraph: a knowledge graph of who said what in career-advice transcripts and articles.

Stages: ``readers`` (files -> Documents of Turns) -> ``extract`` (spaCy: mentions and
claims per document) -> ``resolve`` (one Entity per real thing) -> ``graph`` (networkx)
-> ``exporters`` (HTML, GraphML, JSON) and ``query`` (paths, cards, claims).
"""

__version__ = "0.1.0"
