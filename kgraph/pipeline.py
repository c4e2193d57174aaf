"""The build: read -> extract -> resolve -> graph -> export.

Files are read and hashed; a file whose extraction is in the cache (:mod:`kgraph.cache`) is
not even parsed. New and changed documents are extracted in worker processes
(:mod:`kgraph.workers`), each within a time budget, while the cached extractions load. One
document that cannot be read or extracted is reported and the others are built. Outputs
(``NAME.json``, ``NAME.graphml``, ``NAME.gexf``, ``NAME.html``, and the query index) are
written to temporary files and renamed over the earlier ones at the end, and only by a build
that made a graph: when every input fails, the earlier outputs and the "last build" pointer
stay. Reading and near-duplicates: :mod:`kgraph.sources`.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.cache import CACHE_DIR, ExtractionCache, code_version
from kgraph.errors import InputError, UsageError
from kgraph.io import remove_stale_temporaries
from kgraph.serial import gc_paused
from kgraph.sources import (
    Progress,
    Source,
    drop_duplicates,
    parse,
    read,
    source_root,
    warnings_of,
)
from kgraph.workers import Budget, Task

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from kgraph.executors import Executor
    from kgraph.extract import DocumentExtraction, Extractor

FORMATS = ("json", "graphml", "gexf", "html")
MAX_NAME_BYTES = 120  # with the temporary files' prefixes and suffixes, under 255 bytes


@dataclass
class BuildResult:
    """What ``build`` made: the graph, its counts, what failed, and where it was written."""

    graph: nx.MultiDiGraph | None = None  # set by finish()
    documents: int = 0
    turns: int = 0
    words: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)
    failed: list[dict[str, Any]] = field(default_factory=list)  # {"path", "reason", "line"?}
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"path", "reason"} in folders
    seconds: float = 0.0
    cache_hits: int = 0
    extracted: int = 0
    jobs: int = 1
    outputs: dict[str, str] = field(default_factory=dict)  # format -> path
    html_dropped: int = 0
    # what changed since the last build into the same place (None: there was none), see
    # kgraph.changes
    changes: dict[str, Any] | None = None
    # documents built once with another of the same text: {"path", "kept", "similarity"}
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    # what the readers noted about documents read in this build: {"path", "line"?, "message"}
    warnings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def finish(
        self,
        G: nx.MultiDiGraph,
        extractions: list[DocumentExtraction],
        sources: list[Source],
        started: float,
    ) -> BuildResult:
        """The result of a build that made ``G`` from ``extractions``: its counts, its
        readers' warnings, failures in path order, and the time since ``started``."""
        self.graph = G
        infos = [e.document for e in extractions]
        self.documents = len(infos)
        self.turns = sum(i.turns for i in infos)
        self.words = sum(i.words for i in infos)
        self.entities = dict(sorted(Counter(str(t) for _, t in G.nodes(data="type")).items()))
        self.edges = dict(sorted(Counter(str(k) for *_, k in G.edges(data="kind")).items()))
        self.failed.sort(key=lambda f: f["path"])
        self.warnings = warnings_of(sources)
        self.seconds = round(time.perf_counter() - started, 3)
        return self

    def summary(self) -> dict[str, Any]:
        """Everything but the graph, ready for JSON."""
        data = {k: v for k, v in vars(self).items() if k != "graph"}
        return {**data, "ok": self.ok}


# The stages reached through these three functions, so that tests can swap them.
def extractor_factory(model: str | None, patterns: Path | None) -> Callable[[], Extractor]:
    """A picklable callable that makes the Extractor (in a worker process)."""
    from kgraph.extract import Extractor

    return partial(Extractor, model=model, patterns=patterns)


def extraction_from_dict(data: dict[str, Any]) -> DocumentExtraction:
    from kgraph.extract import DocumentExtraction

    return DocumentExtraction.from_dict(data)


def resolve_extractions(extractions: list[DocumentExtraction], patterns: Path | None):
    from kgraph.resolve import resolve

    return resolve(extractions, patterns=patterns)


def check_name(name: str) -> None:
    """UsageError unless ``name`` can name the output files (checked before any work)."""
    if not name or "/" in name or "\\" in name or name.startswith(".") or "\0" in name:
        raise UsageError(f"--name {name!r}: use a plain file name (no '/', not starting with '.')")
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        raise UsageError(f"--name is {len(name)} characters long: use at most {MAX_NAME_BYTES}")


def build(
    paths: Iterable[Path] | None = None,
    *,
    out_dir: Path = Path("graphs"),
    name: str = "kgraph",
    patterns: Path | None = None,
    model: str | None = None,
    max_nodes: int | None = None,
    min_weight: int = 1,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
    make_extractor: Callable[[], Extractor] | None = None,
    budget: Budget | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> BuildResult:
    """Build the graph of ``paths`` (files or folders; none: the bundled examples).

    Writes ``out_dir/NAME.json``, ``.graphml``, ``.gexf`` and ``.html``. Files that cannot be
    read or extracted are listed in ``BuildResult.failed`` and the rest is built; files
    skipped in folders (hidden, binary) in ``BuildResult.skipped``. Raises InputError when
    no document at all could be read or extracted (the earlier outputs stay), UsageError for
    a bad ``name`` or when ``paths`` hold no document, ModelError / PatternsError for a bad
    model or patterns file. ``make_extractor`` (picklable) replaces ``Extractor(model,
    patterns)``; ``budget``: how long one document's extraction may take. ``min_weight``:
    co-mentions sharing fewer turns are left out of the graph and so of every output
    (claims stay). ``executor``: where documents are extracted (:mod:`kgraph.executors`:
    ``local`` processes or a ``dask`` cluster, at ``scheduler`` or started for the build).
    """
    started = time.perf_counter()
    report: Progress = progress or (lambda stage, done, total: None)
    check_name(name)
    paths = [Path(p) for p in paths or []] or [_examples_dir()]
    out_dir = Path(out_dir)
    result = BuildResult(jobs=max(1, jobs or os.cpu_count() or 1))
    make_extractor = make_extractor or extractor_factory(model, patterns)
    cache = _open_cache(out_dir, make_extractor)
    pool = _executor(executor, scheduler, make_extractor, result.jobs, budget)

    sources = read(paths, cache if use_cache else None, result.failed, report, result.skipped)
    extractions, result.cache_hits = extract(sources, cache, use_cache, pool, result.failed, report)
    if not extractions:  # nothing to build: the earlier outputs are left as they are
        raise _nothing_built(paths, result.failed)
    result.extracted = len(extractions) - result.cache_hits
    extractions, result.duplicates = drop_duplicates(sources, extractions)
    if use_cache:
        cache.prune((s.path.name, s.content) for s in sources)
    with gc_paused():  # ~10^6 objects that live to the end: no collector passes over them
        G = make_graph(extractions, name, patterns, min_weight, report)  # resolve, graph
        G.graph["folder"] = source_root(paths).name
        result.outputs, result.html_dropped, result.changes = publish(
            G, out_dir, name, max_nodes, report, patterns
        )
    return result.finish(G, extractions, sources, started)


def _open_cache(out_dir: Path, make_extractor: Callable[[], Extractor]) -> ExtractionCache:
    """The extraction cache of ``out_dir``, for this extractor and this code; what builds
    killed before left in the output and cache folders is removed."""
    fingerprint = f"{make_extractor().fingerprint};code={code_version()}"  # loads no model
    cache = ExtractionCache(out_dir / CACHE_DIR, fingerprint)
    for folder in (out_dir, cache.folder):
        remove_stale_temporaries(folder)
    return cache


def _executor(
    executor: str,
    scheduler: str | None,
    make_extractor: Callable[[], Extractor],
    jobs: int,
    budget: Budget | None,
) -> Callable[[], Executor]:
    """Opens the executor that extracts documents (checked now, started by :func:`extract`)."""
    from kgraph.executors import check_executor, open_executor

    check_executor(executor, scheduler)
    return partial(open_executor, executor, make_extractor, jobs, budget, scheduler)


def make_graph(
    extractions: list[DocumentExtraction],
    name: str,
    patterns: Path | None,
    min_weight: int,
    report: Progress,
) -> nx.MultiDiGraph:
    """Resolve the extractions into one knowledge base, and make its graph."""
    report("resolve", 0, 1)
    kb = resolve_extractions(extractions, patterns)
    report("resolve", 1, 1)
    report("graph", 0, 1)
    from kgraph.extract.stance_cues import known_stances
    from kgraph.graph import build_graph

    G = build_graph(kb, name, min_weight=min_weight, **known_stances(extractions))
    report("graph", 1, 1)
    return G


def publish(
    G: nx.MultiDiGraph,
    out_dir: Path,
    name: str,
    max_nodes: int | None,
    report: Progress,
    patterns: Path | None,
) -> tuple[dict[str, str], int, dict[str, Any] | None]:
    """Write the outputs (:func:`write_outputs`), record them as the last build, and say
    what changed since the outputs they replace (None: there were none)."""
    from kgraph.changes import changes_since, previous_contents
    from kgraph.query import remember_build

    previous = previous_contents(out_dir / f"{name}.json")
    outputs, dropped = write_outputs(G, out_dir, name, max_nodes, report, patterns)
    remember_build(Path(outputs["json"]))  # the query commands' default graph
    return outputs, dropped, changes_since(previous, G) if previous is not None else None


def _nothing_built(paths: list[Path], failed: list[dict[str, Any]]) -> InputError | UsageError:
    where = ", ".join(str(p) for p in paths)
    if not failed:  # like a missing path: nothing to read there (a usage error)
        return UsageError("no documents found (empty folder or no supported files)", path=where)
    first = min(failed, key=lambda f: f["path"])
    return InputError(
        f"none of the {len(failed)} file(s) could be built, so the earlier outputs are left "
        f"as they were; first: {first['path']}: {first['reason']}",
        path=where,
    )


# ----------------------------------------------------------------------------- extract
def extract(
    sources: list[Source],
    cache: ExtractionCache,
    use_cache: bool,
    executor: Callable[[], Executor],
    failed: list[dict[str, Any]],
    report: Progress,
) -> tuple[list[DocumentExtraction], int]:
    """The extraction of each source in read order, and how many came from the cache.

    Parsed documents go to the executor's workers at once; the cached extractions load
    meanwhile, and a cache entry that does not check out is parsed and extracted too.
    """
    found: dict[int, DocumentExtraction] = {}
    by_index = {s.index: s for s in sources}

    def task(source: Source) -> Task:
        analyses = cache.analyses(source.path.name) if use_cache else None
        assert source.document is not None
        return source.index, source.document, analyses

    with executor() as pool:
        todo = [task(s) for s in sources if s.document is not None]
        pool.add(todo)
        total = len(todo)
        report("extract", 0, total)
        with gc_paused():
            for source in (s for s in sources if s.document is None):
                cached = _cached(cache, source)
                if cached is not None:
                    found[source.index] = cached
                    continue
                source.document = parse(source, failed)
                if source.document is not None:
                    pool.add([task(source)])
                    total += 1
        hits = len(found)
        for done, (index, data, error) in enumerate(pool.results(), start=1):
            source = by_index[index]
            if data is None:
                failed.append({"path": str(source.path), "reason": error or "extraction failed"})
            else:
                found[index] = extraction_from_dict(data)
                if use_cache:
                    entry = {**data, "sketch": source.sketch, "warnings": source.warnings}
                    cache.put(source.content, source.path.name, entry)
            report("extract", done, total)
    return [found[i] for i in sorted(found)], hits


def _cached(cache: ExtractionCache, source: Source) -> DocumentExtraction | None:
    data = cache.get(source.content, source.path.name)
    if data is None:
        return None
    source.sketch = data.get("sketch")
    source.warnings = list(data.get("warnings") or [])
    try:
        extraction = extraction_from_dict(data)
    except Exception:  # noqa: BLE001 - an entry of another shape: extracted again
        return None
    extraction.document.source = source.name  # where the file is now
    _refresh_cues(cache, source, data, extraction)
    return extraction


def _refresh_cues(
    cache: ExtractionCache, source: Source, data: dict[str, Any], extraction: Any
) -> None:
    """Cues read by another version of the stance grammar are read again, and kept."""
    from kgraph.extract import DocumentExtraction
    from kgraph.extract.stance_cues import refresh_cues

    if isinstance(extraction, DocumentExtraction) and refresh_cues(extraction):
        data.update(cues=extraction.cues, cue_version=extraction.cue_version)
        cache.put(source.content, source.path.name, data)


# ----------------------------------------------------------------------------- export
def write_outputs(
    G: nx.MultiDiGraph,
    out_dir: Path,
    name: str,
    max_nodes: int | None,
    report: Progress,
    patterns: Path | None = None,
) -> tuple[dict[str, str], int]:
    """Write NAME.json (and its query index), NAME.html, NAME.graphml and NAME.gexf; return
    their paths and the number of nodes the HTML left out. ``patterns``: the user's
    gazetteer, whose synonyms the page's search knows.

    Each file goes to a temporary name first; all are renamed at the end, so that an
    interrupted or failed export leaves the earlier outputs as they were.
    """
    from kgraph.exporters.gexf import write_gexf
    from kgraph.exporters.graphml import write_graphml
    from kgraph.exporters.html import write_html
    from kgraph.exporters.json import write_json
    from kgraph.index import GraphIndex, write_index

    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {fmt: out_dir / f"{name}.{fmt}" for fmt in FORMATS}
    temps = {fmt: out_dir / f".partial-{os.getpid()}-{name}.{fmt}" for fmt in FORMATS}
    html_options = {} if max_nodes is None else {"max_nodes": max_nodes}
    report("export", 0, 4)
    try:
        texts: dict[int, str] = {}  # element attributes as JSON, encoded once for both
        write_json(G, temps["json"], texts)
        index = write_index(G, outputs["json"], temps["json"], texts)  # a fast first query
        del texts
        report("export", 1, 4)
        with closing(GraphIndex(sqlite3.connect(index))) as Q:  # the page's answer panels
            dropped = int(
                write_html(G, temps["html"], patterns=patterns, index=Q, **html_options) or 0
            )
        report("export", 2, 4)
        write_graphml(G, temps["graphml"])
        report("export", 3, 4)
        write_gexf(G, temps["gexf"])
        for fmt in FORMATS:
            os.replace(temps[fmt], outputs[fmt])
    except BaseException:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        raise
    report("export", 4, 4)
    return {fmt: str(path) for fmt, path in outputs.items()}, dropped


def _examples_dir() -> Path:
    from kgraph.readers import EXAMPLES_DIR

    return Path(EXAMPLES_DIR)
