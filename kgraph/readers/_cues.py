"""Timed pieces of speech (subtitle cues, whisper segments) merged into speaker turns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kgraph.readers._common import TurnList

SENTENCE_END = re.compile(r"[.?!…][\"”')\]]*$")


@dataclass
class Cue:
    """One timed piece of text; ``speaker`` None when the cue names nobody."""

    start: float | None
    speaker: str | None
    text: str
    line: int | None = None


def merge_cues(cues: list[Cue], doc_id: str) -> TurnList:
    """Turns of consecutive cues: a turn is one speaker's run of cues, started at the first.

    A cue without a speaker continues the open turn — unless that turn has no speaker
    either and already ends a sentence (unlabelled cues group into sentences).
    """
    turns = TurnList(doc_id)
    speaker: str | None = None
    start: float | None = None
    line: int | None = None
    parts: list[str] = []

    def flush() -> None:
        if parts:
            turns.add(speaker, start, None, " ".join(parts), line)

    for cue in cues:
        text = cue.text.strip()
        if not text:
            continue
        if cue.speaker is None and parts:
            if speaker is not None or not SENTENCE_END.search(parts[-1]):
                parts.append(text)
                continue
        elif cue.speaker is not None and cue.speaker == speaker and parts:
            parts.append(text)
            continue
        flush()
        speaker, start, line, parts = cue.speaker, cue.start, cue.line, [text]
    flush()
    return turns
