"""Speaker transcripts written as text.

Recognised turn starts (one per line):

- ``Name (mm:ss.fff)`` or ``Name (hh:mm:ss)``, with or without a trailing colon; the turn's
  text runs to the next marker (text may also follow on the same line);
- ``(hh:mm:ss):`` alone: the same speaker goes on, with a new timestamp (a new turn);
- ``[hh:mm:ss] Name: text`` (``[hh:mm:ss] text`` keeps the previous speaker);
- ``Name: text`` lines (``**Name:**`` too), and ``Name:`` alone on a line with the text on
  the lines below, used when the document has no timestamps.

Markdown ``#`` headings set the section. A turn without a time inherits the previous one's.
YAML front matter, when present, gives the title, guests, date and links.
"""

from __future__ import annotations

import re

from kgraph.model import Document
from kgraph.readers._common import (
    TIMESTAMP,
    TurnList,
    no_turns,
    parse_timestamp,
    split_front_matter,
)
from kgraph.readers.decoding import check_text
from kgraph.readers.metadata import Given, Metadata, metadata_from, with_given
from kgraph.readers.speakers import make_document

FORMAT = "timestamped"

_NAME = r"[^\W\d_][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,4}"
# Before a timestamp a label's later words may also end with a comma ("Mike Maples, Jr."),
# be a quoted nickname ("Andrew ‘Boz’ Bosworth") or one in brackets ("Jiaona Zhang (JZ)").
_MARKER_NAME = r"[^\W\d_][\w.'’-]*(?:[ \t]+(?:[\w.,'’‘\"“”-]+|\([\w.'’ -]+\))){0,4}"
MARKER = re.compile(
    rf"^[ \t]*(?:\*\*)?(?P<name>{_MARKER_NAME})(?:\*\*)?[ \t]*\((?P<ts>{TIMESTAMP})\)"
    rf"(?:\*\*)?[ \t]*:?(?:\*\*)?[ \t]*(?P<text>.*)$"
)
CONTINUATION = re.compile(rf"^[ \t]*\((?P<ts>{TIMESTAMP})\)[ \t]*:?[ \t]*(?P<text>.*)$")
BRACKET = re.compile(
    rf"^[ \t]*\[(?P<ts>{TIMESTAMP})\][ \t]*(?:(?P<name>{_NAME})[ \t]*:(?:[ \t]+|$))?(?P<text>.*)$"
)
COLON = re.compile(
    r"^[ \t]*(?:\*\*)?(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+[A-Z0-9][\w.'’-]*){0,3})"
    r"(?::\*\*|\*\*:|:)[ \t]+(?P<text>\S.*)$"
)
LABEL = re.compile(  # "Name:" alone on its line, the turn's text on the lines below
    r"^[ \t]*(?:\*\*)?(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+[A-Z0-9][\w.'’-]*){0,3})"
    r"(?::\*\*|\*\*:|:)[ \t]*$"
)
HEADING = re.compile(r"^[ \t]{0,3}(?P<level>#{1,6})[ \t]+(?P<text>.+?)[ \t#]*$")


def _name_ok(name: str | None) -> bool:
    return bool(name) and name[0].isupper() and len(name) <= 60  # type: ignore[index]


def _count_markers(lines: list[str]) -> tuple[int, int, set[str]]:
    """(timestamp markers, ``Name: text`` lines, distinct colon names) in ``lines``."""
    markers = colons = 0
    names: set[str] = set()
    for line in lines:
        if not line.strip():
            continue
        match = MARKER.match(line)
        if (match and _name_ok(match["name"])) or CONTINUATION.match(line) or BRACKET.match(line):
            markers += 1
            continue
        match = COLON.match(line) or _label(line)
        if match and _name_ok(match["name"]):
            colons += 1
            names.add(match["name"])
    return markers, colons, names


# Labels that start lines of articles ("Note: ..."), never speakers of a short dialogue.
ARTICLE_LABELS = frozenset(
    {
        "Note", "Notes", "Update", "Updated", "Edit", "Warning", "Tip", "Tips", "Summary",
        "Source", "Sources", "Example", "Disclaimer", "Important", "Caveat", "Step",
        "Context", "Background", "Answer", "Question", "Date", "Author", "Title", "Tags",
    }
)  # fmt: skip


def _label(line: str) -> re.Match[str] | None:
    """A ``Name:`` line that is a speaker's, not an article's "Summary:" or "Note:"."""
    match = LABEL.match(line)
    return match if match and match["name"] not in ARTICLE_LABELS else None


def looks_timestamped(text: str) -> bool:
    """True when ``text`` reads as a speaker transcript (timestamps or ``Name:`` lines).

    Two timestamp markers make a transcript, and so does one that opens the text. ``Name:
    text`` lines make a transcript when there are at least 3 of them for 2 names,
    or when every non-empty line is one, with 2 names that are not article labels
    ("Note:", "Update:"): a two-line dialogue.
    """
    lines = text.split("\n")
    markers, colons, names = _count_markers(lines)
    if markers >= 2:
        return True
    first = next((x for x in lines if x.strip() and not HEADING.match(x)), "")
    if markers == 1 and (match := MARKER.match(first)) and _name_ok(match["name"]):
        return True  # a transcript of one turn: "Name (00:01): ..."
    nonblank = sum(1 for line in lines if line.strip())
    spoken = nonblank - sum(1 for line in lines if HEADING.match(line))
    if colons == spoken >= 2 and len(names) >= 2 and not names & ARTICLE_LABELS:
        return True
    blocks = len([b for b in re.split(r"\n[ \t]*\n", text) if b.strip()])
    return colons >= 3 and len(names) >= 2 and colons >= 0.4 * min(nonblank, blocks)


def transcript_turns(
    body: str, doc_id: str, first_line: int = 1
) -> tuple[TurnList, str | None, list[str]]:
    """Turns of a text transcript, the title found above the first turn, and warnings.

    ``first_line`` is the file line number of the first line of ``body``.
    """
    lines = body.split("\n")
    markers, _, _ = _count_markers(lines)
    use_colons = markers < 2
    turns = TurnList(doc_id)
    warnings: list[str] = []
    title: str | None = None
    section: str | None = None
    speaker: str | None = None
    start: float | None = None
    current: list[str] | None = None  # lines of the open turn
    current_line = 0
    preamble: list[tuple[int, str]] = []

    def flush() -> None:
        if current is not None:
            turns.add(speaker, start, section, "\n".join(current), current_line)

    for number, line in enumerate(lines, start=first_line):
        if heading := HEADING.match(line):
            if current is None and not turns.turns and title is None and heading["level"] == "#":
                title = heading["text"].strip()
            else:
                flush()
                current = None
                section = heading["text"].strip()
            continue
        turn = _turn_start(line, speaker, use_colons)
        if turn is None:  # an ordinary line: part of the open turn
            if current is not None:
                current.append(line.strip())
            elif line.strip():
                preamble.append((number, line.strip()))
            continue
        flush()
        speaker, timestamp, text = turn
        if timestamp is not None:
            try:
                start = parse_timestamp(timestamp)
            except ValueError as error:  # a new turn all the same, at the time before it
                warnings.append(f"line {number}: {error}; the turn keeps the time before it")
        current = [text.strip()]
        current_line = number
    flush()
    return turns, _preamble_title(preamble, title, warnings), warnings


def _turn_start(
    line: str, speaker: str | None, use_colons: bool
) -> tuple[str | None, str | None, str] | None:
    """(speaker, timestamp, text) when ``line`` starts a turn (``speaker`` goes on when the
    line names none), None for an ordinary line. ``Name: text`` lines start turns only when
    ``use_colons``."""
    match = MARKER.match(line)
    if match and _name_ok(match["name"]):
        return match["name"].strip(), match["ts"], match["text"]
    if match := CONTINUATION.match(line):
        return speaker, match["ts"], match["text"]
    if match := BRACKET.match(line):
        named = match["name"].strip() if _name_ok(match["name"]) else speaker
        return named, match["ts"], match["text"]
    if use_colons and (match := COLON.match(line)) and _name_ok(match["name"]):
        return match["name"].strip(), None, match["text"]
    if use_colons and (match := _label(line)) and _name_ok(match["name"]):
        return match["name"].strip(), None, ""
    return None


def _preamble_title(
    preamble: list[tuple[int, str]], title: str | None, warnings: list[str]
) -> str | None:
    """The title, or the one short line above the first turn when there is none; more lines
    there are ignored with a warning."""
    if not preamble:
        return title
    if len(preamble) == 1 and len(preamble[0][1]) <= 100 and title is None:
        return preamble[0][1].strip("*_ ")
    warnings.append(
        f"line {preamble[0][0]}: {len(preamble)} line(s) before the first speaker ignored"
    )
    return title


def parse_timestamped(text: str, doc_id: str, source: str, given: Given | None = None) -> Document:
    """Read a text transcript (see the module docstring) into a Document; ``given``:
    metadata given beside the file."""
    text = check_text(text, source)
    front = split_front_matter(text, source)
    body, first_line = (front.body, front.body_line) if front else (text, 1)
    meta, warnings = metadata_from(front.meta, front.key_lines) if front else (Metadata(), [])
    meta = with_given(meta, given)
    turns, title, body_warnings = transcript_turns(body, doc_id, first_line)
    if not turns.turns:
        raise no_turns(
            "no line like 'Name (01:02.345)', '[00:01:02] Name: text' or 'Name: text'",
            source,
            first_line,
        )
    meta.title = meta.title or title
    warnings = (front.warnings if front else []) + warnings + body_warnings
    return make_document(doc_id, source, FORMAT, meta, turns.turns, warnings)
