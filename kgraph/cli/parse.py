"""``kgraph parse``: what the readers make of documents, without extraction."""

from __future__ import annotations

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


def parse(
    paths: PathsArgument = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per turn (JSON lines).")
    ] = False,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="Read every file as this format instead of detecting it: frontmatter, "
            "timestamped, srt, vtt, whisper or article.",
        ),
    ] = None,
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
    from kgraph.readers import EXAMPLES_DIR, FORMATS, read_paths, turn_record

    if format is not None and format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    check_paths(paths or [])
    from kgraph.sources import warning_record

    documents: list = []
    warnings: list = []
    parsed = turns = failed = 0

    def note(path: Path, reason: str) -> None:
        tell(f"Note: skipped {path} ({reason})")

    for item in read_paths(paths or [EXAMPLES_DIR], format=format, on_skip=note):
        if isinstance(item, KgraphError):
            failed += 1
            tell(f"Error: {item}")
            continue
        parsed += 1
        turns += len(item.turns)
        warnings += [warning_record(item.source, w) for w in item.warnings]
        if as_json:
            for turn in item.turns:
                print_json(turn_record(item, turn))
        else:
            documents.append(item)
    _print_documents(documents)
    shown = len(warnings) if parsed == 1 else SHOWN_WARNINGS
    print_warnings(warnings, "`kgraph parse FILE` shows all of one file's", shown)
    summary = f"{plural(parsed, 'document')}, {plural(turns, 'turn')}, {failed} failed"
    if as_json:
        tell(summary)
    else:
        say(summary)
    if not parsed and not failed:
        where = ", ".join(str(p) for p in paths or [EXAMPLES_DIR])
        raise fail(f"{where}: no documents found (empty folder or no supported files)", 2)
    if failed:
        raise typer.Exit(code=EXIT_EMPTY)


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
