"""Which graph a query reads, and opening it through its query index."""

from __future__ import annotations

import contextlib
import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Union

from kgraph.errors import GraphNotFoundError
from kgraph.index import GraphIndex, write_index

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

Graph = Union[GraphIndex, "nx.MultiDiGraph"]  # every query takes either

DEFAULT_GRAPH = Path("graphs") / "kgraph.json"


def last_build_file() -> Path:
    """Where ``kgraph build`` records its JSON: $KGRAPH_HOME/last or ~/.cache/kgraph/last."""
    home = os.environ.get("KGRAPH_HOME")
    return Path(home) / "last" if home else Path.home() / ".cache" / "kgraph" / "last"


def remember_build(json_path: Path) -> None:
    """Record ``json_path`` as the last build; best effort (a read-only home is no error)."""
    from kgraph.io import atomic_write

    with contextlib.suppress(OSError):
        atomic_write(last_build_file(), f"{Path(json_path).resolve()}\n")


def find_graph(path: Path | str | None = None) -> tuple[Path, str]:
    """The graph file a query reads, and why that one.

    In order: ``path`` when given; ``graphs/kgraph.json`` in the current folder (the
    graph of the folder you are in wins over one built elsewhere); the last build
    (:func:`last_build_file`). GraphNotFoundError when none exists.
    """
    if path is not None:
        return Path(path), "--graph"
    if DEFAULT_GRAPH.is_file():
        return DEFAULT_GRAPH, "in this folder"
    try:
        recorded = Path(last_build_file().read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        recorded = None
    if recorded is not None and recorded.is_file():
        return recorded, "the last build"
    raise GraphNotFoundError(
        f"no graph: {DEFAULT_GRAPH} is not in this folder and no build is recorded; "
        "run `kgraph build` or pass --graph FILE"
    )


def load_graph(path: Path | str | None = None) -> GraphIndex:
    """Open the graph written by ``kgraph build`` (its JSON, through the query index).

    ``path`` None: the graph :func:`find_graph` finds. Uses ``.cache/NAME.query.sqlite``
    beside the JSON when it was made from that very file; otherwise reads the JSON and
    (re)writes the index, or keeps it in memory when the folder is read-only. The index's
    ``file`` is the JSON read.
    """
    path, _ = find_graph(path)
    if not path.is_file():
        raise GraphNotFoundError(
            "no such graph file: run `kgraph build` first or check the path", path=str(path)
        )
    index = _open(path)
    index.file = str(path)
    return index


def _open(path: Path) -> GraphIndex:
    index = GraphIndex.open_fresh(path)
    if index is not None:
        return index
    from kgraph.exporters.json import check_graph, read_json

    try:
        G = read_json(path)
        check_graph(G)
    except (ValueError, KeyError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
        raise GraphNotFoundError(
            f"not a kgraph JSON graph ({exc}): rebuild it with `kgraph build`", path=str(path)
        ) from exc
    try:
        write_index(G, path)
    except (OSError, ValueError):  # a read-only folder; a JSON file written by other means
        return GraphIndex.from_graph(G)
    return GraphIndex.open_fresh(path) or GraphIndex.from_graph(G)


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def as_index(G: Graph) -> GraphIndex:
    """The query index of ``G`` (a networkx graph is indexed in memory, once)."""
    if isinstance(G, GraphIndex):
        return G
    index = _INDEXES.get(G)
    if index is None:
        index = _INDEXES[G] = GraphIndex.from_graph(G)
    return index
