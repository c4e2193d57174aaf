"""spaCy's analyses of one document's texts, kept so that a changed document is re-parsed
only where its text changed.

What the pipeline makes of a text (tokens, tags, parse, entities, kgraph's spans) depends on
that text alone, not on its neighbours in the batch: an edited transcript (a misheard word
fixed, a speaker renamed, a line added) keeps the analyses of all its other turns. The
file holds token arrays (``Doc.to_array``), the strings they use and the concept spans,
compressed (~0.2 MB per 10k words); writing one costs ~2 % of parsing those texts, reading
it ~1 %. A file that is missing, damaged or made by another extractor is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.extract.labels import CONCEPT_SPANS

FORMAT = 1
_ATTRS = ("ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "LEMMA")
_ATTRS += ("MORPH", "POS", "SPACY", "NORM")
_STRING_COLUMNS = (0, 1, 3, 5, 6, 7, 8, 11)  # the attributes above whose values are strings


@dataclass(frozen=True)
class AnalysesFile:
    """Where one document's analyses are kept, and the fingerprint (model, patterns,
    code) they must have been made with."""

    path: Path
    fingerprint: str


def text_key(text: Any) -> str:
    """Key of what goes into ``nlp.pipe``: a string, or an article paragraph prepared as a
    ``Doc`` (its line starts preset, a function of its text)."""
    kind, value = ("text", text) if isinstance(text, str) else ("lines", text.text)
    return hashlib.blake2b(f"{kind}\0{value}".encode(), digest_size=16).hexdigest()


def read_analyses(source: AnalysesFile, vocab: Any) -> dict[str, Any]:
    """``text_key -> (token array, spans)`` of the file; empty when it cannot be used.

    Its strings are added to ``vocab``; :func:`to_doc` makes each ``Doc``.
    """
    import srsly

    try:
        data = srsly.msgpack_loads(zlib.decompress(source.path.read_bytes()))
        if data["format"] != FORMAT or data["fingerprint"] != source.fingerprint:
            return {}
        import numpy

        strings = vocab.strings
        for text in data["strings"]:
            strings.add(text)
        tokens = numpy.frombuffer(data["tokens"], dtype="uint64").reshape(-1, len(_ATTRS))
        found, start = {}, 0
        for key, length, spans in zip(data["keys"], data["lengths"], data["spans"], strict=True):
            found[key] = (tokens[start : start + length], spans)
            start += length
        if start != len(tokens):
            return {}
        return found
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: parse the texts again
        return {}


def to_doc(vocab: Any, stored: tuple[Any, list[list[Any]]]) -> Any:
    """A new ``Doc`` from one stored analysis (each use gets its own: extraction marks it)."""
    from spacy.attrs import IDS
    from spacy.tokens import Doc, Span

    array, spans = stored
    strings = vocab.strings
    words = [strings[int(h)] for h in array[:, 0]]
    doc = Doc(vocab, words=words, spaces=[bool(s) for s in array[:, 10]])
    doc.from_array([IDS[a] for a in _ATTRS], array)
    doc.spans[CONCEPT_SPANS] = [Span(doc, s, e, label=label, kb_id=kb) for s, e, label, kb in spans]
    return doc


def write_analyses(target: AnalysesFile, docs: list[tuple[str, Any]], vocab: Any) -> None:
    """Keep ``(text_key, Doc)`` pairs in the file, atomically; a failure only costs reuse."""
    import numpy
    import srsly
    from spacy.attrs import IDS

    from kgraph.io import atomic_write

    ids = [IDS[a] for a in _ATTRS]
    arrays = [doc.to_array(ids).astype("uint64", copy=False) for _, doc in docs]
    tokens = numpy.concatenate(arrays) if arrays else numpy.zeros((0, len(_ATTRS)), "uint64")
    strings = vocab.strings
    used = numpy.unique(tokens[:, _STRING_COLUMNS]).tolist()
    data = {
        "format": FORMAT,
        "fingerprint": target.fingerprint,
        "keys": [key for key, _ in docs],
        "lengths": [len(doc) for _, doc in docs],
        "tokens": tokens.tobytes(),
        "strings": [strings[h] for h in used if h in strings],
        "spans": [
            [[s.start, s.end, s.label_, s.kb_id_] for s in doc.spans.get(CONCEPT_SPANS, [])]
            for _, doc in docs
        ],
    }
    with contextlib.suppress(OSError):  # a read-only cache folder: no reuse, no failure
        atomic_write(target.path, zlib.compress(srsly.msgpack_dumps(data), 1))
