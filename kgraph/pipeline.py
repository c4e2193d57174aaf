"""Build orchestration: read -> cache -> extract (worker processes) -> resolve -> graph -> export.

Documents are streamed from the readers and checked against a per-document extraction
cache; only new or changed documents are extracted, largest first, by ``jobs`` worker
processes that each load the model once and send back compact extraction dicts (never
spaCy Docs). One unreadable or failing document is reported and skipped; the others are
built. Outputs (``NAME.json``, ``NAME.graphml``, ``NAME.html``) go to temporary files and are
renamed together at the end: an interrupted export leaves the old three untouched.

Cache: ``OUT/.cache/<fingerprint>-<file name>-<sha256(file hash + fingerprint)>.json`` (the
first two parts short hashes) holding ``{"format", "fingerprint", "content", "extraction"}``.
An entry that does not parse or whose format, fingerprint or content hash differ is ignored
and rebuilt, never trusted. After a build, the entries of other fingerprints and those of
earlier versions of the files just built are deleted. Beside them,
``<fingerprint>-<file name>.spacy`` keeps spaCy's analyses of the file's texts as last
extracted (:mod:`kgraph.extract.analyses`): a changed file parses only its changed texts.
The kgraph program starts one worker before its command line is parsed
(:mod:`kgraph.workers`).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib
import json
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from kgraph.errors import InputError, KgraphError, ModelError
from kgraph.model import Document
from kgraph.serial import EdgeItem, edge_list
from kgraph.workers import (
    Task,
    Worker,
    claim_warm,
    dismiss_warm,
    extract_in_processes,
    extract_one,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from kgraph.extract import DocumentExtraction, Extractor
    from kgraph.extract.analyses import AnalysesFile
    from kgraph.graph import CoMentionReuse
    from kgraph.reuse import Earlier

CACHE_FORMAT = 1
FORK_EXPORT_NODES = 500  # from this size on, the GraphML is written by a forked child
CACHE_DIR = ".cache"
P = ParamSpec("P")
R = TypeVar("R")

Progress = Callable[[str, int, "int | None"], None]
"""``progress(stage, done, total)``; stages: read, extract, resolve, graph, export."""


@dataclass
class BuildResult:
    """What ``build`` made: the graph, its counts, what failed, and where it was written."""

    graph: nx.MultiDiGraph
    documents: int = 0
    turns: int = 0
    words: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)
    failed: list[dict[str, Any]] = field(default_factory=list)  # {"path", "reason", "line"?}
    seconds: float = 0.0
    cache_hits: int = 0
    extracted: int = 0
    reused: int = 0  # co-mention edges taken from the previous build (see kgraph.reuse)
    jobs: int = 1
    outputs: dict[str, str] = field(default_factory=dict)  # format -> path
    html_dropped: int = 0
    # what changed since the last build into the same place (None: there was none), see
    # changes_since
    changes: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> dict[str, Any]:
        """Everything but the graph, ready for JSON."""
        data = {k: v for k, v in vars(self).items() if k != "graph"}
        return {**data, "ok": self.ok}


# ----------------------------------------------------------------------------- cache


def file_hash(path: Path, data: bytes) -> str:
    """sha256 of a file's name and bytes: what a document (and so its extraction) comes from.

    Hashing the raw file lets a rebuild skip parsing every unchanged file (3.6 s of the
    corpus rebuild otherwise). The name is part of it because it gives the document its
    id; the folder is not, so a moved folder, an absolute or a relative path all hit the
    cache (a cached extraction takes the file's current path as its source).
    """
    digest = hashlib.sha256(path.name.encode("utf-8") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def code_version() -> str:
    """Hash of the code that turns files into extractions (readers, extract, model).

    Part of every cache key, so a changed reader or extraction rule never serves stale
    entries even when nobody remembered to bump EXTRACTION_VERSION.
    """
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for folder in ("readers", "extract"):
        for source in sorted((root / folder).glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    digest.update((root / "model.py").read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """One JSON file per document extraction, keyed by content and extractor fingerprint,
    and one ``.spacy`` file of analyses per file name and fingerprint (:meth:`analyses`).

    File names start with short hashes of the fingerprint and of the file's name, so that
    :meth:`prune` can drop, without opening them, the entries of other models, patterns or
    code versions and those of a file's earlier versions (~0.5 MB per episode each).
    """

    ENTRY = re.compile(r"(?:[0-9a-f]{8}-){0,2}[0-9a-f]{64}\.json|[0-9a-f]{8}-[0-9a-f]{8}\.spacy")

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.prefix = hashlib.sha256(fingerprint.encode()).hexdigest()[:8]
        self.rejected = 0  # corrupt or foreign entries met (and then rebuilt)

    def key(self, content: str) -> str:
        return hashlib.sha256(f"{content}\n{self.fingerprint}".encode()).hexdigest()

    @staticmethod
    def _name(name: str) -> str:
        return hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]

    def path(self, content: str, name: str) -> Path:
        """Entry of the file called ``name`` (no folder) whose hash is ``content``."""
        return self.folder / f"{self.prefix}-{self._name(name)}-{self.key(content)}.json"

    def analyses(self, name: str) -> AnalysesFile:
        """Where the spaCy analyses of the file called ``name`` are kept (one file per name
        and fingerprint, rewritten at each extraction; see :mod:`kgraph.extract.analyses`)."""
        from kgraph.extract.analyses import AnalysesFile

        return AnalysesFile(
            self.folder / f"{self.prefix}-{self._name(name)}.spacy", self.fingerprint
        )

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

    def get(self, content: str, name: str) -> DocumentExtraction | None:
        """The cached extraction, or None when absent, corrupt or made by another extractor."""
        path = self.path(content, name)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            self.rejected += 1
            return None
        try:
            if (
                entry.get("format") != CACHE_FORMAT
                or entry.get("fingerprint") != self.fingerprint
                or entry.get("content") != content
            ):
                raise ValueError("foreign entry")
            return extraction_from_dict(entry["extraction"])
        except Exception:  # noqa: BLE001 - any malformed entry is rebuilt, never trusted
            self.rejected += 1
            return None

    def put(self, content: str, name: str, extraction: dict[str, Any]) -> None:
        from kgraph.io import atomic_write

        entry = {
            "format": CACHE_FORMAT,
            "fingerprint": self.fingerprint,
            "content": content,
            "extraction": extraction,
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path(content, name), json.dumps(entry, ensure_ascii=False))


# ----------------------------------------------------------------------------- workers


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector; on the way out, exempt what exists from its scans.

    Loading the cached extractions, resolving and graphing the corpus allocate ~10^6
    objects that all live to the end of the build, and each full pass of the collector
    re-scans every one of them: 2.4 s of 5 s for resolve + graph on the 195-episode corpus.
    Reference counting still frees everything else; ``gc.freeze`` moves the survivors out
    of the collector's sight (as for a fork), so the exports do not scan them again either.
    :func:`build` unfreezes them when it returns (see :func:`_unfrozen_after`).
    """
    from kgraph.serial import gc_paused

    with gc_paused():
        try:
            yield
        finally:
            gc.freeze()  # before the collector is back on


def _unfrozen_after(function: Callable[P, R]) -> Callable[P, R]:
    """Unfreeze, when ``function`` returns or fails, what its collector pauses froze.

    Frozen objects in a reference cycle (a networkx graph and its cached views) are never
    collected: without this, each build in a long-lived process would keep its graph. A
    caller that froze objects itself owns the permanent generation: left as it is.
    """

    @wraps(function)
    def unfreezing(*args: P.args, **kwargs: P.kwargs) -> R:
        frozen_before = gc.get_freeze_count()
        try:
            return function(*args, **kwargs)
        finally:
            if not frozen_before:
                gc.unfreeze()

    return unfreezing


def _extract_all(
    todo: list[Task],
    make_extractor: Callable[[], Extractor],
    local: Callable[[], Extractor],
    jobs: int,
    background: bool = False,
    warm: Worker | None = None,
) -> Iterator[tuple[int, dict | None, str | None, bool]]:
    """Extract documents, largest first, in ``jobs`` processes (in this one when 1).

    Worker processes start at once, before the first result is asked for, so that this
    process can do other work (load cached extractions) meanwhile. With ``background``,
    even a single document goes to a worker when ``jobs`` > 1; so it does whenever a
    ``warm`` worker (see :mod:`kgraph.workers`) is given, which is used or stopped.
    """
    todo = sorted(todo, key=lambda task: -sum(len(t.text) for t in task[1].turns))
    processes = max(1, min(jobs, len(todo)))
    if not todo or (processes == 1 and warm is None and not (background and jobs > 1)):
        if warm is not None:
            warm.stop(kill=True)
        return _extract_here(todo, local)
    return extract_in_processes(todo, make_extractor, processes, warm)


def _extract_here(
    todo: list[Task], local: Callable[[], Extractor]
) -> Iterator[tuple[int, dict | None, str | None, bool]]:
    extractor = local() if todo else None
    for index, doc, analyses in todo:
        yield (index, *extract_one(extractor, doc, analyses))


# ----------------------------------------------------------------------------- build
# The stages are reached through these three functions so that tests can swap them.


def extractor_factory(model: str | None, patterns: Path | None) -> Callable[[], Extractor]:
    """A picklable callable that makes the Extractor (in this process or a worker)."""
    from kgraph.extract import Extractor

    return partial(Extractor, model=model, patterns=patterns)


def extraction_from_dict(data: dict[str, Any]) -> DocumentExtraction:
    from kgraph.extract import DocumentExtraction

    return DocumentExtraction.from_dict(data)


def resolve_extractions(extractions: list[DocumentExtraction], patterns: Path | None):
    from kgraph.resolve import resolve

    return resolve(extractions, patterns=patterns)


def _scan(paths: list[Path]) -> Iterator[tuple[Path, str | InputError]]:
    """Each file under ``paths`` with the hash of its path and bytes, and those of the
    metadata files read with it (or why it failed)."""
    from kgraph.readers import inputs, iter_files

    for path in iter_files(paths):
        try:
            yield path, file_hash(path, b"\0".join(p.read_bytes() for p in inputs(path)))
        except OSError as error:
            yield path, InputError(f"cannot read: {error.strerror or error}", path=str(path))


def _parse(path: Path, named: set[Path]) -> Document | InputError | None:
    """The document of one file, or why it cannot be used (binary content too)."""
    from kgraph.readers import read_document

    try:
        return read_document(path)
    except InputError as error:
        return error


def _failure(error: InputError, path: Path) -> dict[str, Any]:
    """A ``BuildResult.failed`` entry: path, reason and, when the reader knows it, line."""
    failure: dict[str, Any] = {"path": error.path or str(path), "reason": error.message}
    if error.line:
        failure["line"] = error.line
    return failure


LATER_STAGES = (
    "kgraph.resolve",
    "kgraph.graph",
    "igraph",  # optional: the graph's communities
    "kgraph.exporters.json",
    "kgraph.exporters.graphml",
    "kgraph.exporters.html",
    "kgraph.index",
    "kgraph.query",
    "kgraph.reuse",
)


def _import_later_stages() -> None:
    """Import the modules of resolution, graph and exports now, not after extraction.

    Called while workers extract new documents, it takes these imports (~0.2 s) off the
    critical path of a rebuild with changed files; otherwise it only moves them earlier.
    """
    for module in LATER_STAGES:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)


def _examples_dir() -> Path:
    from kgraph.readers import EXAMPLES_DIR

    return Path(EXAMPLES_DIR)


@_unfrozen_after
def build(
    paths: Iterable[Path] | None = None,
    *,
    out_dir: Path = Path("graphs"),
    name: str = "kgraph",
    patterns: Path | None = None,
    model: str | None = None,
    max_nodes: int | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
    make_extractor: Callable[[], Extractor] | None = None,
    retain: list[Any] | None = None,
) -> BuildResult:
    """Build the graph of ``paths`` (files or folders; none: the bundled examples).

    Writes ``out_dir/NAME.json``, ``.graphml`` and ``.html``. Files that cannot be read or
    extracted are listed in ``BuildResult.failed`` and the rest is built. Raises InputError
    when no document at all could be read, ModelError / PatternsError for a bad model or
    patterns file. ``make_extractor`` (picklable, for tests) replaces
    ``Extractor(model, patterns)``. ``retain``: a list that receives the build's large
    intermediate objects (extractions, knowledge base, the previous outputs) rather than
    freeing them on return (~0.1 s for a large corpus): for a caller about to exit without
    freeing anything (``kgraph.cli.run``).
    """
    import networkx  # noqa: F401 - fail early, before the slow part, if something is missing

    started = time.perf_counter()
    report: Progress = progress or (lambda stage, done, total: None)
    paths = [Path(p) for p in paths or []] or [_examples_dir()]
    out_dir = Path(out_dir)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if make_extractor is None:
        make_extractor = extractor_factory(model, patterns)
    extractor_here = make_extractor()  # the model loads lazily: cheap until it extracts
    fingerprint = f"{extractor_here.fingerprint};code={code_version()}"
    # the kgraph program's warm worker (kgraph.workers) loads the model while the files
    # are scanned; with one job, extraction stays in this process
    warm = claim_warm(make_extractor) if jobs > 1 else None
    if warm is None:
        dismiss_warm()
    cache = ExtractionCache(out_dir / CACHE_DIR, fingerprint)

    failed: list[dict[str, Any]] = []
    sources: dict[int, tuple[str, str]] = {}  # read order -> (source, file hash)
    extractions: dict[int, DocumentExtraction] = {}
    todo: list[Task] = []
    cached: list[int] = []  # files whose extraction is in the cache (loaded below)
    named = set(paths)

    def parse(index: int, path: Path, queue: list[Task]) -> None:
        item = _parse(path, named)
        if isinstance(item, InputError):
            failed.append(_failure(item, path))
            del sources[index]
        elif item is None:
            del sources[index]
        else:  # the texts analysed when the file was last extracted are kept for reuse
            queue.append((index, item, cache.analyses(path.name) if use_cache else None))

    try:
        for index, (path, content) in enumerate(_scan(paths)):
            report("read", index + 1, None)
            if isinstance(content, InputError):
                failed.append(_failure(content, path))
                continue
            sources[index] = (str(path), content)
            if use_cache and cache.path(content, path.name).is_file():
                cached.append(index)
            else:
                parse(index, path, todo)
        if not sources and not cached:
            where = ", ".join(str(p) for p in paths)
            if failed:
                raise InputError(
                    f"none of the {len(failed)} file(s) could be read; first: "
                    f"{failed[0]['path']}: {failed[0]['reason']}",
                    path=where,
                )
            raise InputError("no documents found (empty folder or no supported files)", path=where)
    except BaseException:
        if warm is not None:
            warm.stop(kill=True)
        raise

    # New and changed documents go to the workers now; cached ones load meanwhile.
    total = len(todo)
    report("extract", 0, total)
    running = _extract_all(todo, make_extractor, lambda: extractor_here, jobs, bool(cached), warm)
    late: list[Task] = []  # cache entries found corrupt or foreign
    hits = 0
    with _collector_paused():
        for index in cached:
            found = cache.get(sources[index][1], Path(sources[index][0]).name)
            if found is None:
                parse(index, Path(sources[index][0]), late)
            else:
                found.document.source = sources[index][0]
                extractions[index] = found
                hits += 1
    total += len(late)
    _import_later_stages()  # while the workers extract
    previous = previous_contents(out_dir / f"{name}.json")
    earlier = None
    if use_cache:
        from kgraph.reuse import load_earlier

        with _collector_paused():
            earlier = load_earlier(out_dir, name)
    done = 0
    for batch in (running, _extract_all(late, make_extractor, lambda: extractor_here, jobs)):
        for index, data, error, fatal in batch:
            source, content = sources[index]
            if fatal:
                raise ModelError(error or "the model could not be loaded")
            if data is None:
                failed.append({"path": source, "reason": error or "extraction failed"})
            else:
                extractions[index] = extraction_from_dict(data)
                if use_cache:
                    cache.put(content, Path(source).name, data)
            done += 1
            report("extract", done, total)
    if not extractions and not failed:  # pragma: no cover - every file was skipped
        raise InputError("no documents found", path=", ".join(str(p) for p in paths))
    ordered = [extractions[i] for i in sorted(extractions)]
    todo.clear()
    if use_cache:
        cache.prune((Path(source).name, content) for source, content in sources.values())

    from kgraph.graph import CoMentionReuse, build_graph

    with _collector_paused():
        report("resolve", 0, 1)
        kb = resolve_extractions(ordered, patterns)
        report("graph", 0, 1)
        reuse = None
        if use_cache:  # the co-mention edges are recorded for the next build to reuse
            reuse = earlier.reuse() if earlier is not None else CoMentionReuse()
        G = build_graph(kb, reuse=reuse)
        G.graph["name"] = name

    report("export", 0, 3)
    outputs, dropped, edges = _write_outputs(G, out_dir, name, max_nodes, report, reuse, earlier)
    if retain is not None:
        retain.extend((kb, ordered, extractions, earlier))
    del earlier
    from kgraph.query import remember_build

    remember_build(Path(outputs["json"]))  # the query commands' default graph

    infos = [e.document for e in ordered]
    return BuildResult(
        changes=changes_since(previous, G, edges) if previous is not None else None,
        graph=G,
        documents=len(ordered),
        turns=sum(i.turns for i in infos),
        words=sum(i.words for i in infos),
        entities=dict(sorted(Counter(str(d.get("type")) for _, d in G.nodes(data=True)).items())),
        edges=dict(sorted(Counter(str(d.get("kind")) for *_, d in edges).items())),
        failed=sorted(failed, key=lambda f: f["path"]),
        seconds=round(time.perf_counter() - started, 3),
        cache_hits=hits,
        extracted=len(ordered) - hits,
        reused=len(reuse.kept) if reuse is not None else 0,
        jobs=jobs,
        outputs=outputs,
        html_dropped=dropped,
    )


ClaimKey = tuple[str, str, str, str, int, bool]
"""A claim's identity across builds: subject, predicate, object, document, turn, negated."""


def _claim_key(u: str, v: str, data: dict[str, Any]) -> ClaimKey:
    return (
        u,
        str(data.get("predicate")),
        v,
        str(data.get("document")),
        int(data.get("turn") or 0),
        bool(data.get("negated")),
    )


def previous_contents(
    json_path: Path,
) -> tuple[dict[str, tuple[str, int]], set[ClaimKey]] | None:
    """The entities (id -> label, mentions) and claims of the graph at ``json_path``, read
    from its query index (~0.05 s for the corpus graph); None when there is none."""
    from kgraph.index import GraphIndex

    index = GraphIndex.open_fresh(json_path)
    if index is None:
        return None
    try:
        nodes = {n: (label, mentions) for n, label, _, _, mentions in index.names()}
        claims = {_claim_key(u, v, data) for u, v, _, data in index.claims()}
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        index.close()
    return nodes, claims


def changes_since(
    previous: tuple[dict[str, tuple[str, int]], set[ClaimKey]],
    G: nx.MultiDiGraph,
    edges: list[EdgeItem] | None = None,
) -> dict[str, Any]:
    """What ``G`` has that the previous graph had not, and the other way round: counts of
    entities and claims (subject, predicate, object, document and turn) added and removed,
    and the labels of the ten most mentioned new entities. ``edges``: ``edge_list(G)``
    when already made."""
    nodes, claims = previous
    now = {
        _claim_key(u, v, d)
        for u, v, _, d in (edge_list(G) if edges is None else edges)
        if d.get("kind") == "claim"
    }
    added = sorted(
        (n for n in G if n not in nodes), key=lambda n: (-int(G.nodes[n].get("mentions") or 0), n)
    )
    return {
        "entities_added": len(added),
        "entities_removed": sum(1 for n in nodes if n not in G),
        "claims_added": len(now - claims),
        "claims_removed": len(claims - now),
        "new_entities": [str(G.nodes[n].get("label", n)) for n in added[:10]],
    }


def _write_outputs(
    G: nx.MultiDiGraph,
    out_dir: Path,
    name: str,
    max_nodes: int | None,
    report: Progress,
    reuse: CoMentionReuse | None = None,
    earlier: Earlier | None = None,
) -> tuple[dict[str, str], int, list[EdgeItem]]:
    """Write NAME.json (+ its query index), NAME.graphml and NAME.html, each atomically;
    return their paths, the nodes the HTML left out and ``edge_list(G)``.

    With ``reuse``, the co-mention edges it kept are copied from ``earlier``, and each
    writer records where this build's edges lie in its file, for the next build (see
    :mod:`kgraph.reuse`).

    Where ``os.fork`` exists, a child process writes the GraphML (~1.2 s on the corpus
    graph; in a rebuild that copies most edges, ~0.25 s to read and check the earlier
    GraphML, which only this child reads, and ~1 s to write) while this one writes the
    JSON, the index and the HTML (~1.3 s; the HTML in the child too made one-file rebuilds
    0.4-1.3 s slower in four paired runs). With a free core that nearly halves the wall
    time. On a busy machine (two cores, three busy processes) the fork's copy-on-write
    costs ~20% more CPU and a sequential write was ~12% faster (6.2 s against 7.0 s): a
    core is usually free for a rebuild. The child reports an error through a pipe.
    """
    from kgraph.exporters.graphml import write_graphml
    from kgraph.exporters.html import write_html
    from kgraph.exporters.json import encode_graph
    from kgraph.index import write_index
    from kgraph.io import atomic_write
    from kgraph.reuse import record_path, save_graphml_record, save_record

    # what is copied from the earlier JSON, looked up before the fork (after it, each page
    # the look-up touches is copied); the GraphML's own process reads the earlier GraphML
    kept = reuse.kept if reuse is not None else set()
    known = earlier.json_known(kept) if earlier is not None else None

    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {fmt: str(out_dir / f"{name}.{fmt}") for fmt in ("json", "graphml", "html")}
    # Each file goes to a temporary name first; all three are renamed at the end, so an
    # interrupted or failed export never leaves a new NAME.json beside an old NAME.html.
    temps = {fmt: out_dir / f".partial-{os.getpid()}-{name}.{fmt}" for fmt in outputs}
    html_options = {} if max_nodes is None else {"max_nodes": max_nodes}

    def graphml() -> None:
        if reuse is None:
            write_graphml(G, temps["graphml"])
            return
        layout: dict[str, Any] = {}
        old = earlier.graphml_earlier(kept) if earlier is not None else None
        write_graphml(G, temps["graphml"], earlier=old, layout=layout)
        record = record_path(out_dir, name, "graphml")
        save_graphml_record(record, temps["graphml"], reuse.inputs, layout)
        return None

    side_by_side = hasattr(os, "fork") and G.number_of_nodes() >= FORK_EXPORT_NODES
    child = _fork(graphml) if side_by_side else None
    try:
        data, json_layout = encode_graph(G, known)
        atomic_write(temps["json"], data)
        del data
        # a fast first query
        write_index(G, Path(outputs["json"]), written=temps["json"], layout=json_layout)
        if reuse is not None:
            save_record(record_path(out_dir, name), temps["json"], reuse.inputs, json_layout)
        report("export", 1, 3)
        dropped = int(write_html(G, temps["html"], edges=json_layout.order, **html_options) or 0)
        report("export", 2, 3)
        if child:
            waiting, child = child, None
            waiting()
        else:
            graphml()
        for fmt, temp in temps.items():
            os.replace(temp, outputs[fmt])
    except BaseException:
        if child:
            with contextlib.suppress(BaseException):
                child()
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        raise
    report("export", 3, 3)
    return outputs, dropped, json_layout.order


def _fork(work: Callable[[], Any]) -> Callable[[], Any]:
    """Run ``work`` in a forked child; return a function that waits and gives its result."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage does not follow forks
        os.close(read_end)
        code = 0
        try:
            message = json.dumps({"result": work()})
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            kind = "kgraph" if isinstance(exc, KgraphError) else "crash"
            message = json.dumps({"error": str(exc), "kind": kind, "type": type(exc).__name__})
            code = 1
        with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
            pipe.write(message)
        os._exit(code)
    os.close(write_end)

    def wait() -> Any:
        with os.fdopen(read_end, encoding="utf-8") as pipe:
            text = pipe.read()
        os.waitpid(pid, 0)
        try:
            reply = json.loads(text)
        except ValueError:
            raise KgraphError("writing the GraphML failed (the writer died)") from None
        if "error" in reply:
            if reply["kind"] == "kgraph":
                raise KgraphError(reply["error"])
            raise RuntimeError(f"writing the GraphML failed: {reply['type']}: {reply['error']}")
        return reply["result"]

    return wait
