"""``kgraph parse``: what the readers make of documents, without extraction."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from kgraph.cli.common import (
    EXIT_EMPTY,
    SHOWN_WARNINGS,
    PathsArgument,
    check_paths,
    fail,
    print_warnings,
)
from kgraph.errors import KgraphError
from kgraph.terminal import plural, print_json, say, tell

TurnsJsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON object per turn (JSON lines).")
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="Read every file as this format instead of detecting it: frontmatter, "
        "timestamped, srt, vtt, whisper or article.",
    ),
]


@dataclass
class _Read:
    """What the readers made of the files: documents (kept for the text listing), their
    warnings, and counts."""

    documents: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    parsed: int = 0
    turns: int = 0
    failed: int = 0


def parse(
    paths: PathsArgument = None,
    as_json: TurnsJsonOption = False,
    format: FormatOption = None,
) -> None:
    """What the readers make of documents (no extraction).

    Format, title, speakers, turns and sections of each document. Unreadable files get one
    "Error:" line each on stderr and the others go on (exit 1); hidden files and binaries
    inside folders are skipped with a note. What the readers note about a document is
    shown as "Warning:" lines: all of them for one file, the first five for more.

    \b
    Example:
        kgraph parse
        kgraph parse transcripts/ --json > turns.jsonl
        kgraph parse talk.txt --format article
    """
    from kgraph.readers import EXAMPLES_DIR, FORMATS

    if format is not None and format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    check_paths(paths or [])
    read = _read(paths or [EXAMPLES_DIR], format, as_json)
    _print_documents(read.documents)
    shown = len(read.warnings) if read.parsed == 1 else SHOWN_WARNINGS
    print_warnings(read.warnings, "`kgraph parse FILE` shows all of one file's", shown)
    summary = f"{plural(read.parsed, 'document')}, {plural(read.turns, 'turn')}, "
    summary += f"{read.failed} failed"
    if as_json:
        tell(summary)
    else:
        say(summary)
    if not read.parsed and not read.failed:
        where = ", ".join(str(p) for p in paths or [EXAMPLES_DIR])
        raise fail(f"{where}: no documents found (empty folder or no supported files)", 2)
    if read.failed:
        raise typer.Exit(code=EXIT_EMPTY)


def _read(paths: list[Path], format: str | None, as_json: bool) -> _Read:
    """Read ``paths``: an "Error:" line for each file that fails, a note for each skipped,
    and with ``as_json`` each document's turns printed as they are read."""
    from kgraph.readers import read_paths, turn_record
    from kgraph.sources import warning_record

    read = _Read()

    def note(path: Path, reason: str) -> None:
        tell(f"Note: skipped {path} ({reason})")

    for item in read_paths(paths, format=format, on_skip=note):
        if isinstance(item, KgraphError):
            read.failed += 1
            tell(f"Error: {item}")
            continue
        read.parsed += 1
        read.turns += len(item.turns)
        read.warnings += [warning_record(item.source, w) for w in item.warnings]
        if as_json:
            for turn in item.turns:
                print_json(turn_record(item, turn))
        else:
            read.documents.append(item)
    return read


def _print_documents(documents: list) -> None:
    """Each document as a short record, wrapped (names never broken mid-word): its id,
    format and counts, then title, speakers and (for a few documents) sections."""
    from kgraph.readers import sections, speaker_counts

    for document in documents:
        names = sections(document)
        counts = f"{plural(len(document.turns), 'turn')}, {plural(len(names), 'section')}"
        say(f"{document.id}  {document.format}, {counts}", hang=4)
        if document.title and document.title != document.id:
            dated = f" ({document.date})" if document.date else ""
            say(f"title: {document.title}{dated}", indent=2, hang=7)
        elif document.date:
            say(f"date: {document.date}", indent=2, hang=6)
        speakers = ", ".join(
            f"{name} [{label}] {n}" if name != label else f"{label} {n}"
            for label, name, n in speaker_counts(document)
        )
        if speakers:
            say(f"speakers: {speakers}", indent=2, hang=10)
        if names and len(documents) <= 5:
            say(f"sections: {' | '.join(names)}", indent=2, hang=10)
