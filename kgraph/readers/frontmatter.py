"""Markdown with YAML front matter holding the transcript (the DataTalks.Club episode layout).

The ``transcript:`` key is a list of ``{line, who, sec, time}`` items and ``{header}`` items
(a header opens a section). Other keys give the metadata: ``title``, ``guests`` (slugs),
``topics``, ``dateadded``/``date``, ``ids.youtube``, ``ids.anchor`` (the episode id, which
spells the guest's full name) and ``links``. The Markdown below the closing ``---`` is not
part of the transcript — unless the front matter has no transcript, in which case a text
transcript (or an article) below it is read instead.
"""

from __future__ import annotations

import re
from typing import Any

from kgraph.errors import InputError
from kgraph.model import Document
from kgraph.readers import article, timestamped
from kgraph.readers._common import (
    FrontMatter,
    TurnList,
    finite_seconds,
    no_turns,
    parse_timestamp,
    split_front_matter,
)
from kgraph.readers.decoding import check_text
from kgraph.readers.metadata import Given, as_text, metadata_from, with_given
from kgraph.readers.speakers import make_document

FORMAT = "frontmatter"


def _item_lines(text: str, front: FrontMatter, count: int) -> list[int | None]:
    """File line of each transcript item (the line of its ``- ``), when they can be counted."""
    lines = text.split("\n")
    start = front.start_line  # 1-based line of the opening fence = 0-based index of first key
    end = front.body_line - 2  # 0-based index of the closing fence
    key = next((i for i in range(start, end) if re.match(r"transcript:\s*$", lines[i])), None)
    if key is None:
        return [None] * count
    found: list[int | None] = []
    indent: str | None = None
    for i in range(key + 1, end):
        line = lines[i]
        if line and not line[0].isspace() and not line.startswith("-"):
            break  # next top-level key
        match = re.match(r"([ \t]*)- ", line)
        if match and (indent is None or match.group(1) == indent):
            indent = match.group(1)
            found.append(i + 1)
    return found if len(found) == count else [None] * count


def _seconds(item: dict[str, Any]) -> tuple[float | None, str | None]:
    """The item's start in seconds (``sec``, else ``time``), and what is wrong with it."""
    sec = item.get("sec")
    if isinstance(sec, (int, float)) and not isinstance(sec, bool):
        seconds = finite_seconds(sec)
        return seconds, None if seconds is not None else f"'sec: {sec}' is no time"
    for value in (sec, item.get("time")):
        text = as_text(value)
        if text and re.fullmatch(r"-?\d+(?::\d{1,2}){0,2}(?:\.\d+)?", text):
            try:
                return parse_timestamp(text), None
            except ValueError as error:
                return None, str(error)
    return None, None


def _speaker(value: Any) -> str | None:
    """A ``who`` value that looks like a speaker label (not a misplaced sentence)."""
    label = as_text(value)
    label = label.rstrip(":").strip() if label else None
    if not label or len(label) > 40 or len(label.split()) > 4:
        return None
    return label


def transcript_items(
    items: list[Any], doc_id: str, item_lines: list[int | None]
) -> tuple[TurnList, list[str]]:
    """Turns from the ``transcript:`` list; misplaced or duplicated items become warnings."""
    turns = TurnList(doc_id)
    warnings: list[str] = []
    section: str | None = None
    speaker: str | None = None
    start: float | None = None
    texts = [as_text(it.get("line")) if isinstance(it, dict) else None for it in items]
    for position, item in enumerate(items):
        where = item_lines[position]
        if not isinstance(item, dict):
            warnings.append(f"line {where or '?'}: transcript item {position + 1} ignored")
            continue
        header = as_text(item.get("header"))
        if header and "line" not in item:
            section = header
            continue
        text = texts[position]
        if not text:
            continue
        label = _speaker(item.get("who"))
        stray = as_text(item.get("who")) if label is None and "who" in item else None
        if label is None and not stray and text in texts[position + 1 : position + 4]:
            continue  # an item without a speaker repeating one of the next items
        seconds, problem = _seconds(item)
        if seconds is not None:
            start = seconds
        elif problem:
            warnings.append(f"line {where or '?'}: {problem}; the turn keeps the time before it")
        if stray:
            # Text landed in 'who': keep it, but do not guess who said it.
            warnings.append(f"line {where or '?'}: 'who' holds text; speaker left unknown")
            turns.add(None, start, section, text, where)
            turns.add(None, start, section, stray, where)
            continue
        speaker = label or speaker
        turns.add(speaker, start, section, text, where)
    return turns, warnings


def parse_frontmatter(text: str, doc_id: str, source: str, given: Given | None = None) -> Document:
    """Read a front-matter transcript into a Document (see the module docstring);
    ``given``: metadata given beside the file."""
    text = check_text(text, source)
    front = split_front_matter(text, source)
    if front is None:
        raise InputError("no YAML front matter (the first line must be '---')", path=source, line=1)
    meta, warnings = metadata_from(front.meta, front.key_lines)
    meta = with_given(meta, given)
    items = front.meta.get("transcript")
    warnings = front.warnings + warnings
    if isinstance(items, list) and items:
        turns, item_warnings = transcript_items(items, doc_id, _item_lines(text, front, len(items)))
        if turns.turns:
            return make_document(
                doc_id, source, FORMAT, meta, turns.turns, warnings + item_warnings
            )
    if timestamped.looks_timestamped(front.body):
        turns, title, body_warnings = timestamped.transcript_turns(
            front.body, doc_id, front.body_line
        )
        if turns.turns:
            meta.title = meta.title or title
            return make_document(
                doc_id, source, timestamped.FORMAT, meta, turns.turns, warnings + body_warnings
            )
    if article.has_prose(front.body):
        return article.parse_article(text, doc_id, source, given)
    reason = (
        "the transcript list has no 'line' items"
        if isinstance(items, list) and items
        else "the front matter has no transcript and the text below it is no transcript or article"
    )
    raise no_turns(reason, source, front.start_line)
