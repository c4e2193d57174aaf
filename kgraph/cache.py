"""The extraction cache: what extraction made of each file, kept for the next build.

``OUT/.cache/<f>-<n>-<key>.json`` holds the extraction of one version of one file: ``f`` a
short hash of the extractor's fingerprint (model, patterns, code), ``n`` of the file's name,
``key`` a hash of the file's content and the fingerprint. Its first line is a header
(format, fingerprint, content hash, and a checksum of these and of the rest); the rest is
the extraction as JSON. An entry whose header or checksum does not match what is asked for
is ignored and the document extracted again: an entry is never trusted, only checked.

Beside them, ``<f>-<n>.spacy`` keeps spaCy's analyses of the file's texts as last extracted
(:mod:`kgraph.extract.analyses`), so that a changed file parses only its changed texts.

Entries are written only for documents extracted without error, each atomically. After a
build, :meth:`ExtractionCache.prune` deletes the entries of other fingerprints and those of
earlier versions of the files just built.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.io import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.extract.analyses import AnalysesFile

__all__ = ["CACHE_DIR", "ExtractionCache", "code_version", "file_hash"]

CACHE_DIR = ".cache"
CACHE_FORMAT = 2
# word lists that only the build's later stages read (the answer views' stance cues, read
# when the graph is made): editing them re-extracts nothing
AFTER_EXTRACTION = frozenset({"stances.yaml"})


def file_hash(path: Path, data: bytes) -> str:
    """sha256 of a file's name and bytes: what a document (and so its extraction) comes from.

    Hashing the raw file lets a rebuild skip parsing every unchanged file. The name is part
    of it because it gives the document its id; the folder is not, so a moved folder, an
    absolute or a relative path all hit the cache (a cached extraction takes the file's
    current path as its source).
    """
    digest = hashlib.sha256(path.name.encode("utf-8") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def code_version(root: Path | None = None) -> str:
    """Hash of the code and data that turn files into extractions (readers, extract and
    its rule packages, model, the word lists in kgraph/data).

    Part of every cache key, so that a changed reader, rule or word list never serves
    stale entries, whether or not anybody remembered to bump EXTRACTION_VERSION.
    """
    root = root or Path(__file__).resolve().parent  # the kgraph package
    sources = [root / "model.py"]
    for folder, pattern in (("readers", "*.py"), ("extract", "*.py"), ("data", "*.yaml")):
        sources += sorted(
            p for p in (root / folder).rglob(pattern) if p.name not in AFTER_EXTRACTION
        )
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.relative_to(root).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def _checksum(fingerprint: str, content: str, body: bytes) -> str:
    digest = hashlib.blake2b(f"{fingerprint}\0{content}\0".encode(), digest_size=20)
    digest.update(body)
    return digest.hexdigest()


class ExtractionCache:
    """One entry per document extraction, keyed by content and extractor fingerprint, and
    one ``.spacy`` file of analyses per file name and fingerprint (:meth:`analyses`)."""

    ENTRY = re.compile(r"[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{64}\.json|[0-9a-f]{8}-[0-9a-f]{8}\.spacy")

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.prefix = hashlib.sha256(fingerprint.encode()).hexdigest()[:8]

    @staticmethod
    def _name(name: str) -> str:
        return hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]

    def path(self, content: str, name: str) -> Path:
        """Entry of the file called ``name`` (no folder) whose hash is ``content``."""
        key = hashlib.sha256(f"{content}\n{self.fingerprint}".encode()).hexdigest()
        return self.folder / f"{self.prefix}-{self._name(name)}-{key}.json"

    def analyses(self, name: str) -> AnalysesFile:
        """Where the spaCy analyses of the file called ``name`` are kept (one file per name
        and fingerprint, rewritten at each extraction; see :mod:`kgraph.extract.analyses`)."""
        from kgraph.extract.analyses import AnalysesFile

        return AnalysesFile(
            self.folder / f"{self.prefix}-{self._name(name)}.spacy", self.fingerprint
        )

    def get(self, content: str, name: str) -> dict[str, Any] | None:
        """The cached extraction (as a dict), or None when the entry is absent or does not
        check out (damaged, edited, made for other content or by another extractor)."""
        try:
            data = self.path(content, name).read_bytes()
            first, _, body = data.partition(b"\n")
            header = json.loads(first)
            if (
                header.get("format") != CACHE_FORMAT
                or header.get("fingerprint") != self.fingerprint
                or header.get("content") != content
                or header.get("checksum") != _checksum(self.fingerprint, content, body)
            ):
                return None
            extraction = json.loads(body)
        except (OSError, ValueError, AttributeError):
            return None
        return extraction if isinstance(extraction, dict) else None

    def put(self, content: str, name: str, extraction: dict[str, Any]) -> None:
        """Keep the extraction of a document that was extracted without error."""
        body = json.dumps(extraction, ensure_ascii=False).encode("utf-8")
        header = {
            "format": CACHE_FORMAT,
            "fingerprint": self.fingerprint,
            "content": content,
            "checksum": _checksum(self.fingerprint, content, body),
        }
        atomic_write(self.path(content, name), json.dumps(header).encode() + b"\n" + body)

    def prune(self, current: Iterable[tuple[str, str]] = ()) -> int:
        """Delete the entries made with another fingerprint, and those of earlier versions
        of the ``current`` files (``(name, content)`` pairs); returns how many."""
        if not self.folder.is_dir():
            return 0
        current = list(current)
        keep = {self.path(content, name).name for name, content in current}
        names = {f"{self.prefix}-{self._name(name)}-" for name, _ in current}
        removed = 0
        for entry in self.folder.iterdir():
            if not self.ENTRY.fullmatch(entry.name):
                continue
            foreign = not entry.name.startswith(self.prefix + "-")
            earlier = entry.suffix == ".json" and entry.name[:18] in names
            if foreign or (earlier and entry.name not in keep):
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
