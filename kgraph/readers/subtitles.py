"""SRT and WebVTT subtitles.

The speaker of a cue comes from a WebVTT voice tag ``<v Name>`` or a ``Name:`` prefix
(``- Name:`` and ``>> Name:`` too). Consecutive cues of one speaker form a turn that
starts at the first cue; cues without a speaker continue the open turn. Other markup
(``<i>``, ``<c.class>``, ``{\\an8}``, inline timestamps) is removed.
"""

from __future__ import annotations

import re

from kgraph.model import Document
from kgraph.readers._common import no_turns, parse_timestamp
from kgraph.readers._cues import Cue, merge_cues
from kgraph.readers.decoding import check_text
from kgraph.readers.metadata import Given, Metadata, with_given
from kgraph.readers.speakers import make_document

_CUE_TIME = r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"  # "00:01:02,345", "01:02.345"
TIMING = re.compile(rf"^[ \t]*(?P<start>{_CUE_TIME})[ \t]+-->[ \t]+(?P<end>{_CUE_TIME})")
VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+(?P<name>[^>]+)>")
PREFIX = re.compile(
    r"^(?:-[ \t]*|>>[ \t]*)?(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z0-9][\w.'’-]*){0,2})"
    r"[ \t]*:[ \t]+(?P<text>\S.*)$"
)
TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")


def _speech(lines: list[str], start: float | None, first_line: int) -> list[Cue]:
    """Cues of one subtitle block's text lines (a voice tag may change speaker mid-block)."""
    cues: list[Cue] = []
    for offset, raw in enumerate(lines):
        speaker = None
        voice = VOICE.search(raw)
        if voice:
            speaker = voice["name"].strip()
        text = TAG.sub("", raw).strip()
        if speaker is None and (prefix := PREFIX.match(text)):
            speaker, text = prefix["name"], prefix["text"]
        text = re.sub(r"^-[ \t]+", "", text)
        if not text:
            continue
        if speaker is None and cues:
            cues[-1].text += " " + text
        else:
            cues.append(Cue(start, speaker, text, first_line + offset))
    return cues


def _parse(text: str, doc_id: str, source: str, kind: str, given: Given | None) -> Document:
    text = check_text(text, source)
    lines = text.split("\n")
    cues: list[Cue] = []
    title: str | None = None
    i = 0
    warnings: list[str] = []
    if kind == "vtt":
        first = lines[0].lstrip("\ufeff")
        if first.startswith("WEBVTT"):
            title = first[6:].strip(" -\t") or None
            i = 1
        else:
            warnings.append("line 1: no 'WEBVTT' header; read as WebVTT cues anyway")
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        block_start = i
        block: list[str] = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = next((k for k, line in enumerate(block[:3]) if TIMING.match(line)), None)
        if timing_at is None:
            continue  # a cue number or stray text without timing
        try:
            start: float | None = parse_timestamp(TIMING.match(block[timing_at])["start"])  # type: ignore[index]
        except ValueError as error:
            warnings.append(f"line {block_start + timing_at + 1}: {error}; cue time left unknown")
            start = None
        body_at = timing_at + 1
        cues.extend(_speech(block[body_at:], start, block_start + body_at + 1))
    turns = merge_cues(cues, doc_id)
    if not turns.turns:
        raise no_turns(
            "no subtitle cues with text ('00:00:01,000 --> 00:00:04,000' lines then text)",
            source,
            1,
        )
    meta = with_given(Metadata(title=title), given)
    return make_document(doc_id, source, kind, meta, turns.turns, warnings)


def parse_srt(text: str, doc_id: str, source: str, given: Given | None = None) -> Document:
    """Read SubRip (.srt) subtitles into a Document; ``given``: metadata given beside it."""
    return _parse(text, doc_id, source, "srt", given)


def parse_vtt(text: str, doc_id: str, source: str, given: Given | None = None) -> Document:
    """Read WebVTT subtitles into a Document; ``given``: metadata given beside it."""
    return _parse(text, doc_id, source, "vtt", given)
