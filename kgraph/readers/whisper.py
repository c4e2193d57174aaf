"""Whisper-style JSON: ``{"segments": [{"start", "end", "text", "speaker"?}, ...]}``.

A bare list of segments is accepted too. Consecutive segments of one speaker form a turn.
Other top-level keys are the document's metadata, read as front matter is
(:data:`kgraph.readers.metadata.FIELDS`): ``title``, ``date``, ``url``, ``guests``,
``speakers`` (label -> full name, e.g. for ``SPEAKER_00``)...
"""

from __future__ import annotations

import json
from typing import Any

from kgraph.errors import InputError
from kgraph.model import Document
from kgraph.readers._common import finite_seconds, no_turns, parse_timestamp
from kgraph.readers._cues import Cue, merge_cues
from kgraph.readers.decoding import check_text
from kgraph.readers.metadata import Given, as_text, metadata_from, with_given
from kgraph.readers.speakers import make_document

FORMAT = "whisper"


def _seconds(value: Any) -> float | None:
    if isinstance(value, (bool, int, float)):
        return finite_seconds(value)
    text = as_text(value)
    if text:
        try:
            return parse_timestamp(text)
        except ValueError:
            return None
    return None


def parse_whisper(text: str, doc_id: str, source: str, given: Given | None = None) -> Document:
    """Read whisper-style JSON segments into a Document; ``given``: metadata given beside
    the file."""
    text = check_text(text, source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"malformed JSON: {error.msg}", path=source, line=error.lineno) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply", path=source) from None
    top: dict[str, Any] = data if isinstance(data, dict) else {}
    segments = top.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list):
        raise no_turns("JSON without a 'segments' list", source, 1)
    warnings: list[str] = []
    cues: list[Cue] = []
    for number, segment in enumerate(segments, 1):
        if not isinstance(segment, dict):
            warnings.append(f"segment {number} is not an object; ignored")
            continue
        words = as_text(segment.get("text"))
        if not words:
            continue
        speaker = as_text(segment.get("speaker"))
        cues.append(Cue(_seconds(segment.get("start")), speaker, words))
    turns = merge_cues(cues, doc_id)
    if not turns.turns:
        raise no_turns("no segment has text", source, 1)
    meta, meta_warnings = metadata_from({k: v for k, v in top.items() if k != "segments"})
    meta = with_given(meta, given)
    return make_document(doc_id, source, FORMAT, meta, turns.turns, meta_warnings + warnings)
