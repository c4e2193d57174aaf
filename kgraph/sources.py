"""The read stage: every input file hashed, parsed unless its extraction is cached, and
near-duplicate documents (the same transcript saved twice) set aside."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.cache import ExtractionCache, file_hash
from kgraph.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.extract import DocumentExtraction
    from kgraph.model import Document

Progress = Callable[[str, int, "int | None"], None]
"""``progress(stage, done, total)``; stages: read, extract, resolve, graph, export."""


@dataclass
class Source:
    """One input file: its place in read order, path, content hash, and its document when
    it was parsed (files whose extraction is cached are not)."""

    index: int
    path: Path
    content: str
    name: str  # the path relative to the folder that was built (what the outputs record)
    document: Document | None = None
    sketch: list[int] | None = None  # of its text (kgraph.readers.duplicates), kept in cache
    warnings: list[str] = field(default_factory=list)  # the reader's notes, kept in cache


def read(
    paths: list[Path],
    cache: ExtractionCache | None,
    failed: list[dict[str, Any]],
    report: Progress,
    skipped: list[dict[str, str]] | None = None,
) -> list[Source]:
    """Every file under ``paths``, hashed with the metadata files read with it (sidecars),
    and parsed unless its extraction is cached. Files skipped in folders (hidden, binary)
    go to ``skipped``."""
    from kgraph.readers import inputs, iter_files

    def skip(path: Path, reason: str) -> None:
        if skipped is not None:
            skipped.append({"path": str(path), "reason": reason})

    sources = []
    root = source_root(paths)
    files = 0
    for index, path in enumerate(iter_files(paths, skip)):
        files = index + 1
        report("read", files, None)
        try:
            content = file_hash(path, b"\0".join(p.read_bytes() for p in inputs(path)))
        except OSError as error:
            failed.append({"path": str(path), "reason": f"cannot read: {error.strerror or error}"})
            continue
        source = Source(index, path, content, relative_source(path, root))
        if cache is None or not cache.path(content, path.name).is_file():
            source.document = parse(source, failed)
            if source.document is None:
                continue
        sources.append(source)
    report("read", files, files)
    return sources


def source_root(paths: list[Path]) -> Path:
    """The folder whose contents were built: the one folder given, a given file's folder,
    or the folder that holds all the given ones. Outputs record sources relative to it,
    and its name once (``G.graph["folder"]``): never a path of the machine that built it."""
    roots = [os.path.abspath(p if p.is_dir() else p.parent) for p in paths]
    return Path(os.path.commonpath(roots)) if roots else Path(os.path.abspath("."))


def relative_source(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, with ``/`` (the file name when it is elsewhere)."""
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return path.name


def parse(source: Source, failed: list[dict[str, Any]]) -> Document | None:
    """The document of one file; None, and an entry in ``failed``, when it cannot be read."""
    from kgraph.readers import read_document

    try:
        document = read_document(source.path)
    except InputError as error:
        failure: dict[str, Any] = {"path": error.path or str(source.path)}
        failure["reason"] = error.message
        if error.line:
            failure["line"] = error.line
        failed.append(failure)
        return None
    from kgraph.readers.duplicates import sketch

    document.source = source.name
    source.sketch = sketch(document)
    source.warnings = list(document.warnings)
    return document


def drop_duplicates(
    sources: list[Source], extractions: list[DocumentExtraction]
) -> tuple[list[DocumentExtraction], list[dict[str, Any]]]:
    """The extractions without near-duplicate documents (the same transcript under another
    name), and for each one dropped ``{"path", "kept", "similarity"}``.

    Of a group, the document kept is the one whose guests speak in it (an archive may hold
    one episode's transcript under another episode's front matter: that copy's title and
    guest would be wrong), then the one with a recording, a date and a title, then the
    earliest date (a re-release repeats the original), then the shortest name.
    """
    from kgraph.readers.duplicates import near_duplicates

    sketches = {s.name: s.sketch for s in sources if s.sketch}
    candidates = [
        (
            e.document.source,
            sketches[e.document.source],
            (
                not _guests_speak(e),
                not e.document.url,
                not e.document.date,
                e.document.title == e.document.id,
                e.document.date or "",
                len(e.document.source),
            ),
        )
        for e in extractions
        if e.document.source in sketches
    ]
    found = near_duplicates(candidates)
    dropped = {d.dropped for d in found}
    kept = [e for e in extractions if e.document.source not in dropped]
    return kept, [{"path": d.dropped, "kept": d.kept, "similarity": d.similarity} for d in found]


_AT_LINE = re.compile(r"line (\d+)(?:-\d+)?: ")


def _guests_speak(extraction: DocumentExtraction) -> bool:
    """The document's metadata agrees with its text: it names no guest, or a word of a
    guest's name is one of a speaker's (a label, or the full name the label stands for)."""
    guests = extraction.document.guests
    if not guests:
        return True
    speakers = {t.speaker for t in extraction.turns if t.speaker}
    speakers |= set(extraction.speakers.values()) | set(extraction.document.speakers.values())
    return bool(_name_words(guests) & _name_words(speakers))


def _name_words(names: Iterable[str]) -> set[str]:
    return set(re.findall(r"[^\W\d_]{3,}", " ".join(names).casefold()))


def warnings_of(sources: list[Source]) -> list[dict[str, Any]]:
    """What the readers noted about the documents (kept with a cached extraction, so a
    rebuild notes what the first build did), each as ``{"path", "line"?, "message"}`` in
    read order."""
    return [warning_record(source.path, w) for source in sources for w in source.warnings]


def warning_record(path: Path | str, warning: str) -> dict[str, Any]:
    """A reader's note ``"line N: what"`` as ``{"path", "line"?, "message"}``."""
    entry: dict[str, Any] = {"path": str(path)}
    if match := _AT_LINE.match(warning):
        entry["line"] = int(match[1])
        warning = warning[match.end() :]
    entry["message"] = warning
    return entry
