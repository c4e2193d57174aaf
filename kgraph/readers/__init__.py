"""Readers: documents on disk -> :class:`~kgraph.model.Document` with turns and provenance.

The format is detected from the content, not the file extension (``format=`` overrides):

==============  ==============================================================
frontmatter     Markdown with YAML front matter holding a ``transcript:`` list
timestamped     ``Name (mm:ss.fff)`` / ``[hh:mm:ss] Name: text`` / ``Name: text`` lines
srt, vtt        subtitles (speaker from ``<v Name>`` or a ``Name:`` prefix)
whisper         JSON ``{"segments": [{"start", "end", "text", "speaker"?}]}``
article         plain text or Markdown: paragraphs are turns, headings set sections
==============  ==============================================================

Metadata (title, date, people, the recording's URL, tags) is read by meaning from front
matter and JSON (:mod:`kgraph.readers.metadata`) and from YAML files beside the documents
(:mod:`kgraph.readers.sidecar`).
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kgraph.errors import InputError
from kgraph.model import Document, Turn
from kgraph.readers import article, frontmatter, subtitles, timestamped, whisper
from kgraph.readers._common import front_matter_start
from kgraph.readers.decoding import check_text, decode
from kgraph.readers.metadata import Given
from kgraph.readers.sidecar import given_beside, inputs, is_sidecar

EXAMPLES_DIR: Path = Path(__file__).resolve().parent.parent / "examples"

Parser = Callable[[str, str, str, "Given | None"], Document]
PARSERS: dict[str, Parser] = {
    frontmatter.FORMAT: frontmatter.parse_frontmatter,
    timestamped.FORMAT: timestamped.parse_timestamped,
    "srt": subtitles.parse_srt,
    "vtt": subtitles.parse_vtt,
    whisper.FORMAT: whisper.parse_whisper,
    article.FORMAT: article.parse_article,
}
FORMATS: tuple[str, ...] = tuple(PARSERS)

# File name endings never worth opening when walking a folder.
BINARY_SUFFIXES = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".svg", ".pdf"),
        *(".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".tar", ".whl", ".jar"),
        *(".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".webm", ".mov", ".avi"),
        *(".docx", ".xlsx", ".pptx", ".odt", ".exe", ".dll", ".so", ".dylib", ".bin"),
        *(".pyc", ".pkl", ".sqlite", ".db", ".parquet", ".woff", ".woff2", ".ttf", ".otf"),
    }
)


def detect_format(text: str) -> str:
    """The format name of ``text``, judged from its content."""
    head = text.lstrip("\ufeff \t\n")
    if head.startswith("{") or (head.startswith("[") and re.match(r"\[\s*[{\]]", head)):
        return "whisper"
    if head.startswith("WEBVTT"):
        return "vtt"
    if front_matter_start(text) is not None:
        return frontmatter.FORMAT
    cue = re.search(r"^\s*\d{1,2}:\d{2}(?::\d{2})?([.,])\d{1,3}[ \t]+-->[ \t]", text[:5000], re.M)
    if cue:
        return "srt" if cue.group(1) == "," else "vtt"
    if timestamped.looks_timestamped(text):
        return timestamped.FORMAT
    return article.FORMAT


def parse_text(
    text: str,
    doc_id: str,
    source: str,
    format: str | None = None,
    given: Given | None = None,
) -> Document:
    """Parse already decoded ``text`` (format detected unless given); ``given``: metadata
    from beside the file (see :mod:`kgraph.readers.sidecar`)."""
    text = check_text(text, source)
    name = format or detect_format(text)
    if name not in PARSERS:
        message = f"unknown format {name!r}; choose one of {', '.join(FORMATS)}"
        raise InputError(message, path=source)
    return PARSERS[name](text, doc_id, source, given)


def read_document(path: Path, format: str | None = None) -> Document:
    """Read and parse one file with the metadata given beside it; InputError (naming the
    file and line, or the sidecar's) when it cannot be used.

    A reader that fails in a way it did not foresee fails this file alone, as an
    InputError too: one file must never stop the others, nor show a traceback.
    """
    path = Path(path)
    try:
        return _read_document(path, format)
    except InputError:
        raise
    except RecursionError:
        message = "nested too deeply to read; flatten the structure or leave the file out"
        raise InputError(message, path=str(path)) from None
    except MemoryError:
        raise InputError("too large to read in memory; split it", path=str(path)) from None
    except Exception as error:  # noqa: BLE001 - reported per file, the others go on
        raise InputError(reader_failed(error), path=str(path)) from error


def reader_failed(error: BaseException) -> str:
    """What to say of a reader's unforeseen failure: what it was, and what to do."""
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    what = what if len(what) <= 120 else what[:119] + "…"
    return (
        f"the reader failed ({what}); a kgraph bug: please report it "
        "with this file, and leave the file out or read it with --format article meanwhile"
    )


def _read_document(path: Path, format: str | None) -> Document:
    source = str(path)
    given = given_beside(path)
    try:
        kind = not_regular_file(path)
        if kind:  # opening a FIFO blocks until a writer comes; a device may never end
            raise InputError(f"{kind}, not a regular file", path=source)
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=source) from None
    except OSError as error:
        if path.is_symlink() and not path.exists():
            target = os.readlink(path)
            raise InputError(
                f"a link to {target}, which does not exist; fix or remove the link", path=source
            ) from None
        reason = error.strerror or str(error)
        raise InputError(
            f"cannot read ({reason}); make it readable or leave it out", path=source
        ) from None
    text, warnings = decode(data, source)
    document = parse_text(text, path.stem, source, format, given)
    expected = _SUFFIX_FORMATS.get(path.suffix.lower())
    if format is None and expected and document.format == article.FORMAT:
        warnings.append(f"line 1: no {expected} found in this {path.suffix} file; read as text")
    document.warnings[:0] = warnings
    return document


# What a file's name promises; when its content shows none of it, it is read as an article.
_SUFFIX_FORMATS = {".srt": "subtitle cues", ".vtt": "subtitle cues", ".json": "JSON segments"}


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def not_regular_file(path: Path) -> str | None:
    """What ``path`` is when it is neither a regular file nor a folder ("a named pipe"),
    else None (also when it does not exist: reading it then says so)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((name for test, name in _FILE_KINDS if test(mode)), "a special file")


def iter_files(
    paths: Iterable[Path], on_skip: Callable[[Path, str], None] | None = None
) -> Iterator[Path]:
    """Files named in ``paths``, folders walked recursively in name order.

    Inside folders, hidden files and folders (leading ``.``, not descended into) and known
    binary files, and what is not a regular file (a FIFO, socket or device: reading one
    could block forever) are skipped, each reported through ``on_skip(path, reason)``;
    metadata files (``kgraph.yaml``, ``EPISODE.yaml`` beside ``EPISODE.srt``) are read with
    the documents they describe, not as documents. Order: a folder's files by name, then
    its subfolders by name.
    """
    for given in paths:
        given = Path(given)
        if not given.is_dir():
            yield given
            continue
        for folder, dirs, files in os.walk(given):
            hidden = sorted(d for d in dirs if d.startswith("."))
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in hidden:
                if on_skip:
                    on_skip(Path(folder) / name, "hidden folder")
            names = set(files)
            for name in sorted(files):
                path = Path(folder) / name
                if is_sidecar(path, names):
                    continue
                if name.startswith("."):
                    reason = "hidden file"
                elif path.suffix.lower() in BINARY_SUFFIXES:
                    reason = f"binary {path.suffix.lower()} file, not a text document"
                elif kind := not_regular_file(path):
                    reason = f"{kind}, not a regular file"
                else:
                    yield path
                    continue
                if on_skip:
                    on_skip(path, reason)


def read_paths(
    paths: list[Path],
    format: str | None = None,
    on_skip: Callable[[Path, str], None] | None = None,
) -> Iterator[Document | InputError]:
    """Documents of the files in ``paths``; an InputError instead of each unusable file
    (a binary one too: its content was looked at).

    Never raises for a single bad file. Skipped files (hidden, binary by their name) go to
    ``on_skip``.
    """
    for path in iter_files(paths, on_skip):
        try:
            yield read_document(path, format)
        except InputError as error:
            yield error


def turn_record(document: Document, turn: Turn) -> dict[str, Any]:
    """One turn as a flat JSON-ready dict with its document's provenance and deep link."""
    return {
        "document": document.id,
        "index": turn.index,
        "speaker": turn.speaker,
        "speaker_name": document.speakers.get(turn.speaker, turn.speaker) if turn.speaker else None,
        "start": turn.start,
        "section": turn.section,
        "text": turn.text,
        "line": turn.line,
        "source": document.source,
        "format": document.format,
        "title": document.title,
        "date": document.date,
        "url": document.url_at(turn.start),
    }


def speaker_counts(document: Document) -> list[tuple[str, str, int]]:
    """(label, full name or label, turns) per speaker, most turns first."""
    counts = Counter(t.speaker for t in document.turns if t.speaker)
    return [(label, document.speakers.get(label, label), n) for label, n in counts.most_common()]


def sections(document: Document) -> list[str]:
    """Section headers in order of first use."""
    return list(dict.fromkeys(t.section for t in document.turns if t.section))


__all__ = [
    "EXAMPLES_DIR",
    "FORMATS",
    "detect_format",
    "inputs",
    "iter_files",
    "parse_text",
    "read_document",
    "read_paths",
    "sections",
    "speaker_counts",
    "turn_record",
]
