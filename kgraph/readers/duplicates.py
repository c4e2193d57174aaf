"""Near-duplicate documents: the same transcript under two file names is built once.

Real archives hold an episode twice (``andy-raskin.md`` and ``andy-raskin_.md``), with
other front matter or a few words changed. Each document's text is summed up as a
bottom-k sketch: the :data:`SKETCH_SIZE` smallest hashes of its 8-word shingles (lower
case, words only). Two sketches estimate how much of their shingles two documents share
(Jaccard); at :data:`THRESHOLD` or more they are one document. Deterministic (crc32, no
randomness) and cheap: a sketch is computed when a document is read and kept with its
cached extraction, and only documents sharing hashes are compared.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kgraph.model import Document

SHINGLE = 8  # words
SKETCH_SIZE = 64
THRESHOLD = 0.8
MIN_WORDS = 50  # shorter texts are too short to call two of them one document


def sketch(document: Document) -> list[int]:
    """The bottom-k sketch of a document's text (empty when it is too short to compare)."""
    words = re.findall(r"\w+", " ".join(t.text for t in document.turns).lower())
    if len(words) < MIN_WORDS:
        return []
    # one byte string of the words, one space apart: each shingle is a slice of it
    data = memoryview(" ".join(words).encode("utf-8"))
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word.encode("utf-8")) + 1)
    hashes = {
        zlib.crc32(data[starts[i] : starts[i + SHINGLE] - 1])
        for i in range(len(words) - SHINGLE + 1)
    }
    return sorted(hashes)[:SKETCH_SIZE]


def similarity(a: list[int], b: list[int]) -> float:
    """The share of shingles two documents have in common, estimated from their sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[: min(len(a), len(b), SKETCH_SIZE)]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


@dataclass(frozen=True)
class Duplicate:
    """``dropped`` is built from ``kept`` (names as the caller gives them)."""

    dropped: str
    kept: str
    similarity: float


def near_duplicates(
    documents: Iterable[tuple[str, list[int], tuple]], threshold: float = THRESHOLD
) -> list[Duplicate]:
    """The documents to drop as near-duplicates of one kept.

    ``documents``: (name, sketch, preference) with a lower ``preference`` kept first (ties
    by name). Documents sharing few hashes are never compared; groups of near-duplicates
    keep one document each.
    """
    items = sorted(documents, key=lambda d: (d[2], d[0]))
    rank = {name: i for i, (name, _, _) in enumerate(items)}
    sketches = {name: s for name, s, _ in items}
    holders: dict[int, list[str]] = defaultdict(list)
    for name, values, _ in items:
        for value in values:
            holders[value].append(name)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for names in holders.values():
        if len(names) > 1:
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    shared[(a, b)] += 1
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    scores: dict[str, float] = {}
    for (a, b), count in sorted(shared.items()):
        if count < threshold * SKETCH_SIZE / 2:  # cannot reach the threshold
            continue
        score = similarity(sketches[a], sketches[b])
        if score >= threshold:
            ra, rb = find(a), find(b)
            if ra != rb:
                keep, drop = (ra, rb) if rank[ra] < rank[rb] else (rb, ra)
                parent[drop] = keep
                scores[drop] = round(score, 3)
    result = []
    for name, _, _ in items:
        if find(name) != name:
            result.append(Duplicate(name, find(name), scores.get(name, threshold)))
    return result
