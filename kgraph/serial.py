"""Building blocks for the writers of a large graph (standard library only).

A large graph has ~10^5 elements: per-element overheads (setting up a JSON encoder, listing
networkx's edge views, the garbage collector's passes over the whole graph) dominate its
writers unless avoided; these helpers avoid them.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["EdgeItem", "edge_list", "encode_json", "gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Suspend the cyclic garbage collector (restored on exit if it was on).

    A build allocates many objects that live as long as the graph (or, in a writer, many
    short-lived ones in a process that holds it): each collection the allocations trigger
    walks every live object. Reference counting still frees what is dropped, and cycles
    made meanwhile are collected after the pause.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _no_default(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _json_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False)`` without its per-call set-up.

    Circular structures are not detected (they raise RecursionError, not ValueError).
    """
    from json.encoder import c_make_encoder, encode_basestring

    if c_make_encoder is None:  # pragma: no cover - CPython always has the C encoder
        return json.JSONEncoder(ensure_ascii=False).encode
    encode = c_make_encoder(
        None, _no_default, encode_basestring, None, ": ", ", ", False, False, True
    )

    def encode_json(value: Any) -> str:
        return "".join(encode(value, 0))

    return encode_json


encode_json = _json_encoder()


EdgeItem = tuple[Any, Any, Any, dict[str, Any]]
"""One edge of a multigraph as ``edge_list`` gives it: ``(u, v, key, attributes)``."""


def edge_list(G: Any) -> list[EdgeItem]:
    """``list(G.edges(keys=True, data=True))`` of a networkx multigraph, same order."""
    adj = getattr(G, "_adj", None)
    if not (G.is_directed() and G.is_multigraph() and isinstance(adj, dict)):
        return list(G.edges(keys=True, data=True))  # undirected: each edge once
    return [
        (u, v, k, d)
        for u, nbrs in adj.items()
        for v, keydict in nbrs.items()
        for k, d in keydict.items()
    ]
