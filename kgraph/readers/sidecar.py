"""Metadata given beside documents, for formats that carry none (SRT, VTT, Whisper, text).

``EPISODE.yaml`` (or ``.yml``) beside ``EPISODE.srt`` describes that one file; ``kgraph.yaml``
in a folder describes its documents at once: top-level keys hold for every document of the
folder, and ``documents:`` maps file names to their own keys::

    # kgraph.yaml
    hosts: Lenny Rachitsky
    documents:
      episode-01.srt:
        title: How to hire
        date: 2024-03-05
        url: https://www.youtube.com/watch?v=abcDEF12345
        speakers: {SPEAKER_00: Lenny Rachitsky, SPEAKER_01: Jane Doe}

The keys are those of front matter (:data:`kgraph.readers.metadata.FIELDS`, any spelling).
Precedence, weakest first: the folder's top-level keys, the document's own metadata, its
entry under ``documents:``, its own sidecar. A mistake (bad YAML, an unknown key, a date
or URL that cannot be read, a file name that is not in the folder) is an InputError naming
the sidecar file and line; the documents it describes are then not built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kgraph.errors import InputError
from kgraph.readers.metadata import (
    FIELDS,
    NAME_SOURCE_KEYS,
    VIDEO_ID_FORMS,
    Given,
    Metadata,
    iso_date,
    key_form,
    metadata_from,
    recording_url,
)

FOLDER_FILE = "kgraph.yaml"
SUFFIXES = (".yaml", ".yml")
MAX_BYTES = 1 << 20  # a sidecar is a few lines; a larger file is no sidecar
# key_form of every key a sidecar may hold -> the field it gives ("links", names: as is)
_ACCEPTED: dict[str, str] = {
    **{key_form(k.split(".")[-1]): name for name, keys in FIELDS.items() for k in keys},
    "links": "links",
    **{key_form(k): "name_sources" for k in NAME_SOURCE_KEYS if k != "title"},
}
_HINT = "title, date, url, guests, hosts, author, tags, speakers (see docs/metadata.md)"


@dataclass
class FolderMetadata:
    """A parsed ``kgraph.yaml``: what holds for every document, and per file name."""

    path: Path
    common: Metadata = field(default_factory=Metadata)
    documents: dict[str, Metadata] = field(default_factory=dict)


def _load(path: Path) -> tuple[Any, yaml.Node | None]:
    """The YAML data of ``path`` and its node tree (for line numbers)."""
    source = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"larger than {MAX_BYTES >> 20} MB; not a metadata file", path=source)
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text; save it as UTF-8", path=source) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=source) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"malformed YAML: {problem}", path=source, line=line) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        raise InputError(f"malformed YAML: {error}", path=source) from None
    finally:
        loader.dispose()
    return data, node


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """File line of each key of a mapping node (as written)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if str(k.value) == key), None)
    return None


def _metadata(data: Any, node: yaml.Node | None, path: Path, skip: str = "") -> Metadata:
    """Validated Metadata of one sidecar mapping; InputError naming the line of a mistake."""
    source = str(path)
    lines = _key_lines(node)
    if data is None:
        return Metadata()
    if not isinstance(data, dict):
        line = node.start_mark.line + 1 if node is not None else 1
        raise InputError("expected 'key: value' lines", path=source, line=line)
    for key, value in data.items():
        if key == skip:
            continue
        line = lines.get(str(key))
        name = _ACCEPTED.get(key_form(key))
        if name is None:
            raise InputError(f"unknown key {key!r}; use {_HINT}", path=source, line=line)
        if name == "date" and value is not None and iso_date(value) is None:
            raise InputError(
                f"{key} {value!r} is no date; write it as 2024-03-05", path=source, line=line
            )
        if name == "url" and recording_url(value, key_form(key)) is None:
            kind = "a video id or " if key_form(key) in VIDEO_ID_FORMS else ""
            raise InputError(f"{key} {value!r} is not {kind}an http(s) URL", path=source, line=line)
        if name == "speakers" and not (
            isinstance(value, dict)
            and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value.values())
        ):
            raise InputError(
                "speakers: expected 'LABEL: Full Name' lines (SPEAKER_00: Jane Doe)",
                path=source,
                line=line,
            )
    meta, _ = metadata_from({k: v for k, v in data.items() if k != skip})
    return meta


@lru_cache(maxsize=64)
def _folder_file(path: Path, stamp: tuple[int, int]) -> FolderMetadata:
    data, node = _load(path)
    common = _metadata(data, node, path, skip="documents")
    result = FolderMetadata(path, common)
    if not isinstance(data, dict) or data.get("documents") is None:
        return result
    documents, docs_node = data["documents"], _child(node, "documents")
    if not isinstance(documents, dict):
        line = _key_lines(node).get("documents")
        raise InputError("documents: expected 'FILE NAME:' entries", path=str(path), line=line)
    lines = _key_lines(docs_node)
    for name, entry in documents.items():
        if not (path.parent / str(name)).is_file():
            raise InputError(
                f"documents: {name!r} is no file of this folder",
                path=str(path),
                line=lines.get(str(name)),
            )
        result.documents[str(name)] = _metadata(entry, _child(docs_node, str(name)), path)
    return result


def folder_metadata(folder: Path) -> FolderMetadata | None:
    """The parsed ``kgraph.yaml`` of ``folder``, or None when there is none (parsed once
    while it is unchanged)."""
    path = Path(folder) / FOLDER_FILE
    try:
        stat = path.stat()
    except OSError:
        return None
    return _folder_file(path, (stat.st_mtime_ns, stat.st_size))


def sidecar_of(path: Path) -> Path | None:
    """The ``EPISODE.yaml`` (or ``.yml``) beside ``path``, when there is one."""
    for suffix in SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate != path and candidate.is_file():
            return candidate
    return None


def is_sidecar(path: Path, names: set[str]) -> bool:
    """True for a metadata file among the file ``names`` of its folder: ``kgraph.yaml``, or
    ``X.yaml`` / ``X.yml`` beside another file ``X.*``."""
    if path.name == FOLDER_FILE:
        return True
    if path.suffix.lower() not in SUFFIXES:
        return False
    return any(
        os.path.splitext(n)[0] == path.stem and n != path.name and not n.endswith(SUFFIXES)
        for n in names
    )


def given_beside(path: Path) -> Given | None:
    """The metadata given beside the document ``path`` (None: none); InputError naming the
    sidecar file and line of a mistake."""
    path = Path(path)
    folder = folder_metadata(path.parent)
    own = sidecar_of(path)
    if folder is None and own is None:
        return None
    overrides = folder.documents.get(path.name) if folder is not None else None
    if own is not None:
        data, node = _load(own)
        overrides = (overrides or Metadata()).overlaid(_metadata(data, node, own))
    return Given(folder.common if folder is not None else None, overrides)


def inputs(path: Path) -> list[Path]:
    """The files a document is read from: itself, its sidecar and its folder's
    ``kgraph.yaml`` when they exist (what a cache of its reading must hash)."""
    path = Path(path)
    found = [path]
    own = sidecar_of(path)
    if own is not None:
        found.append(own)
    folder_file = path.parent / FOLDER_FILE
    if folder_file.is_file() and folder_file != path:
        found.append(folder_file)
    return found
