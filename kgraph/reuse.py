"""What a rebuild takes from the previous build: the co-mention edges that did not change.

Three quarters of the outputs of a large corpus are its co-mention edges (~75k edges, ~100 MB
of JSON and GraphML for the 195-episode corpus), and a rebuild after one changed file used to
encode and write every one of them again. After each build, ``OUT/.cache/NAME.reuse.json``
records what those edges were made of (:class:`kgraph.graph.CoMentionInputs`), each edge's
weight and where its text lies in ``NAME.json``; ``NAME.reuse.graphml.json`` where each lies
in ``NAME.graphml`` (written by the process that writes that file). The next build reads
them back while its workers extract (the earlier JSON is read, not parsed);
:func:`kgraph.graph.build_graph` finds the pairs whose inputs are the same, and the writers
copy those edges' texts. The outputs are byte for byte those of a build from scratch (the
tests compare them).

Nothing is reused when the record is missing, unreadable or made by other code (a digest of
the graph and writer modules and the Python version), or when a file is not the one it
describes (size and modification time), or when an edge's text is not where the record says.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph import __version__
from kgraph.exporters.graphml import EdgeKey, edge_id, xml_attr
from kgraph.exporters.json import Layout
from kgraph.graph import CoMentionInputs, CoMentionReuse, Pair
from kgraph.io import atomic_write
from kgraph.serial import encode_json

__all__ = ["Earlier", "load_earlier", "record_path", "save_graphml_record", "save_record"]

RECORD_FORMAT = 4
KIND = "co_mention"  # the key of every co-mention edge
# the modules that decide what an edge's text is
_CODE = (
    "graph.py",
    "evidence.py",  # which quotes an edge's examples keep
    "data/quotes.yaml",
    "serial.py",
    "reuse.py",
    "exporters/json.py",
    "exporters/graphml.py",
)


def record_path(out_dir: Path, name: str, part: str = "") -> Path:
    """``OUT/.cache/NAME.reuse.json`` (inputs and the JSON file's edges) and, ``part``
    ``"graphml"``, ``NAME.reuse.graphml.json`` (the GraphML file's edges, written by the
    process that writes that file)."""
    return out_dir / ".cache" / f"{name}.reuse{'.' + part if part else ''}.json"


def writer_version() -> str:
    """Digest of kgraph's and Python's versions and of the code that makes the edges and
    their texts."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for module in _CODE:
        digest.update((root / module).read_bytes())
    return digest.hexdigest()[:16]


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


@dataclass
class Earlier:
    """The co-mention edges of the previous build: their inputs and weights, the text of
    each one in the JSON file, and where to find their GraphML (read only by the process
    that writes the GraphML: :meth:`graphml_earlier`)."""

    inputs: CoMentionInputs
    weights: dict[Pair, int]
    json_objects: dict[Pair, bytes]
    graphml_files: tuple[Path, Path]  # the GraphML's record, the GraphML file

    def reuse(self) -> CoMentionReuse:
        return CoMentionReuse(earlier=self.inputs, earlier_weights=self.weights)

    def json_known(self, kept: set[Pair]) -> Mapping[EdgeKey, bytes]:
        """The JSON objects of the ``kept`` edges (see kgraph.exporters.json.encode_graph)."""
        return _Kept(kept, self.json_objects)

    def graphml_earlier(
        self, kept: set[Pair]
    ) -> tuple[str, bytes, Mapping[EdgeKey, tuple[int, int]]] | None:
        """Key declarations, bytes and the spans of the ``kept`` edges in the earlier
        GraphML, for :func:`kgraph.exporters.graphml.write_graphml`; None when that file
        or its record cannot be used."""
        keys, graphml, spans = _graphml(*self.graphml_files, self.inputs.ids)
        if keys is None:
            return None
        return keys, graphml, _Kept(kept, spans)


class _Kept(Mapping):
    """``(u, v, "co_mention") -> value`` for the kept pairs: a view, not a copy (the
    writers look up each edge once; building ~75k-entry dicts for them took 0.14 s)."""

    def __init__(self, kept: set[Pair], values: dict[Pair, Any]) -> None:
        self.kept = kept
        self.values = values

    def __getitem__(self, key: EdgeKey) -> Any:
        u, v, k = key
        if k != KIND or (u, v) not in self.kept:
            raise KeyError(key)
        return self.values[u, v]

    def get(self, key: EdgeKey, default: Any = None) -> Any:
        u, v, k = key
        if k != KIND or (u, v) not in self.kept:
            return default
        return self.values.get((u, v), default)

    def __iter__(self) -> Iterator[EdgeKey]:
        return ((u, v, KIND) for u, v in self.kept if (u, v) in self.values)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:  # without counting
        return bool(self.kept) and bool(self.values)


def load_earlier(out_dir: Path, name: str) -> Earlier | None:
    """The previous build's co-mention edges, or None when they cannot be trusted."""
    try:
        record = json.loads(record_path(out_dir, name).read_bytes())
        if record.get("format") != RECORD_FORMAT or record.get("code") != writer_version():
            return None
        json_path = out_dir / f"{name}.json"
        if record["json"]["stamp"] != _stamp(json_path):
            return None
        raw = json_path.read_bytes()  # the edges' texts are copied, never parsed
        ids = record["ids"]
        flat = record["json"]["edges"]
        weights = {}
        json_objects = {}
        for i in range(0, len(flat), 5):
            u, v, start, length, weight = ids[flat[i]], ids[flat[i + 1]], *flat[i + 2 : i + 5]
            text = raw[start : start + length]
            # the object of that very edge (as encode_graph writes it), of that weight
            head = f'{{"kind": "co_mention", "weight": {weight}, '.encode()
            end = f', "source": {encode_json(u)}, "target": {encode_json(v)}, "key": "{KIND}"}}'
            if not (text.startswith(head) and text.endswith(end.encode())):
                return None
            weights[u, v] = weight
            json_objects[u, v] = text
        documents = {d: (digest, turns) for d, (digest, turns) in record["documents"].items()}
        inputs = CoMentionInputs(list(record["ids"]), documents, list(record["entities"]))
        if len(inputs.ids) != len(inputs.entities):
            return None
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        return None
    graphml_files = (record_path(out_dir, name, "graphml"), out_dir / f"{name}.graphml")
    return Earlier(inputs, weights, json_objects, graphml_files)


def _rows(flat: list[int], ids: list[str]) -> Iterator[tuple[str, str, int, int]]:
    """``(u, v, start, n)`` from the record's flat ``[u, v, start, n, ...]`` of entity
    numbers (indexes of ``ids``) and byte positions."""
    for i in range(0, len(flat), 4):
        yield ids[flat[i]], ids[flat[i + 1]], flat[i + 2], flat[i + 3]


def _flat(rows: Iterable[tuple[str, str, int, int]], number: dict[str, int]) -> list[int]:
    flat = []
    for u, v, a, b in rows:
        flat += (number[u], number[v], a, b)
    return flat


def _ids_digest(ids: list[str]) -> str:
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16]


def _graphml(
    record_file: Path, path: Path, ids: list[str]
) -> tuple[str | None, bytes, dict[Pair, tuple[int, int]]]:
    """Key declarations, bytes and edge spans of the GraphML file, when its record holds
    (made by this code for this file, numbering entities as ``ids`` does)."""
    try:
        record = json.loads(record_file.read_bytes())
        if (
            record.get("format") != RECORD_FORMAT
            or record.get("code") != writer_version()
            or record.get("ids") != _ids_digest(ids)
            or record["stamp"] != _stamp(path)
        ):
            return None, b"", {}
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        return None, b"", {}
    raw = path.read_bytes()
    spans = {}
    try:
        for u, v, start, end in _rows(record["edges"], ids):
            head = f"    <edge id={xml_attr(edge_id(u, v, KIND))} ".encode()
            if not (raw.startswith(head, start) and raw.endswith(b"    </edge>\n", start, end)):
                return None, b"", {}
            spans[u, v] = (start, end)
    except (LookupError, TypeError):
        return None, b"", {}
    return str(record["keys"]), raw, spans


def save_record(record_file: Path, written: Path, inputs: CoMentionInputs, layout: Layout) -> None:
    """Record what the co-mention edges of a graph are made of and where they lie in the
    JSON file just ``written`` (at its temporary name: a rename keeps its size and time)."""
    number = {entity_id: i for i, entity_id in enumerate(inputs.ids)}
    flat = []  # u, v, start, length, weight of each co-mention edge
    for (u, v, k, d), (start, length) in zip(layout.order, layout.edges, strict=True):
        if k == KIND:
            flat += (number[u], number[v], start, length, d["weight"])
    record = {
        "format": RECORD_FORMAT,
        "code": writer_version(),
        "json": {"stamp": _stamp(written), "edges": flat},
        "ids": inputs.ids,
        "documents": inputs.documents,
        "entities": inputs.entities,
    }
    atomic_write(record_file, encode_json(record))


def save_graphml_record(
    record_file: Path, written: Path, inputs: CoMentionInputs, layout: dict[str, Any]
) -> None:
    """Record where the co-mention edges lie in the GraphML file just ``written`` (see
    :func:`kgraph.exporters.graphml.write_graphml` for ``layout``)."""
    number = {entity_id: i for i, entity_id in enumerate(inputs.ids)}
    rows = ((u, v, a, b) for u, v, k, a, b in layout["edges"] if k == KIND)
    record = {
        "format": RECORD_FORMAT,
        "code": writer_version(),
        "ids": _ids_digest(inputs.ids),
        "stamp": _stamp(written),
        "keys": layout["keys"],
        "edges": _flat(rows, number),
    }
    atomic_write(record_file, encode_json(record))
