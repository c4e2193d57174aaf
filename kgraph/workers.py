"""Extraction in worker processes: a standard process pool, each document within a budget.

New and changed documents go to a :class:`concurrent.futures.ProcessPoolExecutor` whose
processes load the model once (its initializer) and send back extraction dicts, never spaCy
Docs. The pool is given at most one document per process, so the documents in flight are
the ones being extracted, and a failure stays with its document:

- an extraction error is reported for its document;
- a document still running when its time budget (:class:`Budget`, processor time) is spent
  is reported as failed; stopping it stops the pool, and the other documents in flight go to
  a new one;
- a process that dies (killed, out of memory, a crash in native code) stops the pool too:
  the documents that had started are tried again one at a time, so that the one that kills
  its process is found and reported, and the others are extracted.

Workers ignore Ctrl-C (the build stops them) and, on Linux, die with the build's process
rather than write into pipes nobody reads.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.executors import Executor

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.extract import Extractor
    from kgraph.extract.analyses import AnalysesFile
    from kgraph.model import Document

__all__ = ["Budget", "ExtractionPool", "Result", "Task", "extract_one", "largest_first"]

Task = tuple[int, "Document", "AnalysesFile | None"]
"""A document to extract: its read-order index, itself, where its analyses are kept."""
Result = tuple[int, "dict | None", "str | None"]
"""A document's read-order index, its extraction dict or None, and why it failed."""

# Native thread pools a worker must not start: two workers on two cores, one thread each.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
POLL_SECONDS = 0.25  # how often budgets are checked
# Pools in a row that break before any document starts: the processes cannot even start.
MAX_EMPTY_BREAKS = 2


@dataclass(frozen=True)
class Budget:
    """How long extracting one document may take: ``seconds`` plus one second per
    ``chars_per_second`` characters of its text, in processor time of the worker that
    extracts it (so a loaded machine, which slows every document, fails none); extraction
    is linear in the text, so only a document that would stall the build runs out of it.
    A worker that uses no processor time (blocked) is stopped after ``wall_factor`` times
    the budget in wall-clock time, which is also the only limit where the processor time of
    another process cannot be read (``/proc`` is Linux's)."""

    seconds: float = 30.0
    chars_per_second: float = 1000.0
    wall_factor: float = 10.0

    def cpu(self, doc: Document) -> float:
        return self.seconds + sum(len(t.text) for t in doc.turns) / self.chars_per_second

    def wall(self, doc: Document) -> float:
        return self.cpu(doc) * self.wall_factor


def cpu_seconds(pid: int) -> float | None:
    """Processor time (user + system) used so far by process ``pid``; None when it cannot be
    read (no ``/proc``, or the process is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def largest_first(tasks: list[Task]) -> list[Task]:
    """The order to start documents in: the longest, which finish last, first."""
    return sorted(tasks, key=lambda t: -sum(len(x.text) for x in t[1].turns))


def extract_one(
    extractor: Extractor, doc: Document, analyses: AnalysesFile | None = None
) -> tuple[dict | None, str | None, bool]:
    """(extraction dict, error, fatal) of one document; its failure never escapes (fatal:
    the model or patterns are unusable, so every document would fail)."""
    from kgraph.errors import KgraphError, ModelError, PatternsError

    try:
        if analyses is None:
            return extractor.extract(doc).to_dict(), None, False
        return extractor.extract(doc, analyses=analyses).to_dict(), None, False
    except (ModelError, PatternsError) as exc:
        return None, str(exc), True
    except KgraphError as exc:
        return None, str(exc), False
    except Exception as exc:  # noqa: BLE001 - reported per file, the build goes on
        return None, f"extraction failed: {type(exc).__name__}: {exc}", False


# ----------------------------------------------------------------------------- in a worker
_extractor: Any = None
_failure = "the worker was given no extractor"
_markers: Path | None = None


def _start(make_extractor: Callable[[], Extractor], markers: str, parent: int) -> None:
    """The initializer of each worker: make the extractor and load its model."""
    global _extractor, _failure, _markers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while spawned
    _die_with(parent)
    _markers = Path(markers)
    try:
        _extractor = make_extractor()
    except Exception as exc:  # noqa: BLE001 - answered with each document
        _failure = str(exc) or type(exc).__name__
        return
    with contextlib.suppress(Exception):  # a model that fails to load fails on extract
        getattr(_extractor, "load", lambda: None)()


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when the build's process ends (elsewhere: nothing)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it ended before the request was made
        os.kill(os.getpid(), signal.SIGKILL)


def _run(task: Task) -> tuple[int, dict | None, str | None, bool]:
    """Extract one document in a worker; the marker tells the build its clocks start: this
    process and the processor time it had used before."""
    index, doc, analyses = task
    if _markers is not None:
        marker = _markers / str(index)
        marker.with_suffix(".new").write_text(f"{os.getpid()} {_own_cpu_seconds()}")
        marker.with_suffix(".new").replace(marker)  # never read half written
    if _extractor is None:
        return index, None, _failure, True
    return (index, *extract_one(_extractor, doc, analyses))


def _own_cpu_seconds() -> float:
    """This process's processor time, as :func:`cpu_seconds` reads it for another."""
    times = os.times()
    return times.user + times.system


# ----------------------------------------------------------------------------- in the build
@dataclass(eq=False)
class _Flight:
    task: Task
    alone: bool  # tried again by itself: the pool stopped while it ran among others
    started: tuple[int, float] | None = None  # its worker and that one's processor time then
    deadline: float | None = None  # of wall-clock time, set once the worker has started it


class ExtractionPool(Executor):
    """Documents in, :data:`Result` out, in ``jobs`` worker processes (see the module).

    Add documents with :meth:`add` (the processes start at once, so that the caller can do
    other work meanwhile), then iterate :meth:`results`. Use it as a context manager: on the
    way out the processes are stopped, busy or not.
    """

    def __init__(
        self,
        make_extractor: Callable[[], Extractor],
        jobs: int,
        budget: Budget | None = None,
    ) -> None:
        self.make_extractor = make_extractor
        self.jobs = max(1, jobs)
        self.budget = budget or Budget()
        self.pending: deque[Task] = deque()
        self.alone: deque[Task] = deque()  # to try again one at a time
        self.flight: dict[Future, _Flight] = {}
        self.pool: ProcessPoolExecutor | None = None
        self.markers = Path(tempfile.mkdtemp(prefix="kgraph-extract-"))
        self.overdue: dict[int, str] = {}  # index -> why, of documents stopped
        self.empty_breaks = 0

    def close(self) -> None:
        self._stop_pool()
        shutil.rmtree(self.markers, ignore_errors=True)

    def _stop_pool(self) -> None:
        """Stop the processes now, busy or not, and forget the pool."""
        if self.pool is not None:
            _kill_workers(self.pool)
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def results(self) -> Iterator[Result]:
        """Each document's result as it comes; ModelError when the model cannot work."""
        from kgraph.errors import ModelError

        while self.flight or self.pending or self.alone:
            self._fill()
            done, _ = wait(self.flight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            if any(_broke(future) for future in done):
                yield from self._after_break()
                continue
            for future in done:
                flight = self.flight.pop(future)
                index, data, error, fatal = _outcome(future, flight)
                if fatal:
                    raise ModelError(error or "the model could not be loaded")
                yield index, data, error
            self._check_budgets()

    def _fill(self) -> None:
        limit = 1 if self.alone else self.jobs
        while len(self.flight) < limit and (self.alone or self.pending):
            alone = bool(self.alone)
            task = self.alone.popleft() if alone else self.pending.popleft()
            if self.pool is None:
                self.pool = ProcessPoolExecutor(
                    self.jobs,
                    mp_context=get_context("spawn"),  # nothing of this process is copied
                    initializer=_start,
                    initargs=(self.make_extractor, str(self.markers), os.getpid()),
                )
            try:
                with _spawning():
                    future = self.pool.submit(_run, task)
            except BrokenProcessPool:  # a process died since the last look
                (self.alone if alone else self.pending).appendleft(task)
                if self.flight:  # results() sees their futures fail and handles the break
                    return
                self._stop_pool()  # none of ours was running in it: a new pool
                continue
            self.flight[future] = _Flight(task, alone)

    def _check_budgets(self) -> None:
        now = time.monotonic()
        for flight in self.flight.values():
            index, doc, _ = flight.task
            if flight.started is None:
                flight.started = _started(self.markers / str(index))
                if flight.started is None:
                    continue
                flight.deadline = now + self.budget.wall(doc)
            why = self._over(flight, now)
            if why and self.pool is not None:
                self.overdue[index] = why
                _kill_workers(self.pool)

    def _over(self, flight: _Flight, now: float) -> str | None:
        """Why the document of ``flight`` has run out of its budget, if it has."""
        assert flight.started is not None and flight.deadline is not None
        doc = flight.task[1]
        pid, before = flight.started
        used = cpu_seconds(pid)
        if used is not None and used - before > self.budget.cpu(doc):
            seconds = self.budget.cpu(doc)
            return f"took longer than its time budget ({seconds:.0f} s of processor time); stopped"
        if now > flight.deadline:
            seconds = self.budget.wall(doc)
            return f"ran past its time budget's wall-clock limit ({seconds:.0f} s); stopped"
        return None

    def _after_break(self) -> Iterator[Result]:
        """The pool stopped: report or requeue every document that was in it."""
        from kgraph.errors import ModelError

        done, _ = wait(self.flight, timeout=60)
        flights = [(future, self.flight.pop(future)) for future in list(self.flight)]
        self._stop_pool()
        started = {f.task[0] for _, f in flights if (self.markers / str(f.task[0])).exists()}
        by_budget = bool(self.overdue)
        for future, flight in flights:
            index = flight.task[0]
            (self.markers / str(index)).unlink(missing_ok=True)
            if future in done and not _broke(future):
                index, data, error, fatal = _outcome(future, flight)
                if fatal:
                    raise ModelError(error or "the model could not be loaded")
                yield index, data, error
            elif index in self.overdue:
                yield index, None, self.overdue.pop(index)
            elif index in started and len(started) == 1 and not by_budget:
                yield (
                    index,
                    None,
                    "the extraction process stopped (killed, out of memory or crashed)",
                )
            elif index in started and not by_budget or flight.alone:
                self.alone.append(flight.task)  # one of these stopped its process
            else:
                self.pending.appendleft(flight.task)  # it lost nothing but time
        self.overdue.clear()
        self.empty_breaks = 0 if started else self.empty_breaks + 1
        if self.empty_breaks >= MAX_EMPTY_BREAKS:
            raise ModelError("the extraction processes stop before they extract anything")


def _started(marker: Path) -> tuple[int, float] | None:
    """The worker's process id and processor time written in a document's marker, once the
    worker has started the document."""
    try:
        pid, cpu = marker.read_text().split()
        return int(pid), float(cpu)
    except (OSError, ValueError):
        return None


def _broke(future: Future) -> bool:
    return future.done() and isinstance(future.exception(), BrokenProcessPool)


def _outcome(future: Future, flight: _Flight) -> tuple[int, dict | None, str | None, bool]:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
        return flight.task[0], None, f"extraction failed: {type(exc).__name__}: {exc}", False


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Stop every process of ``pool`` now (``kill_workers`` from Python 3.14 on; before,
    the pool's own table of processes)."""
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.kill()


@contextlib.contextmanager
def _spawning() -> Iterator[None]:
    """Around a submit, which may start a process: it inherits one-thread native pools and
    a blocked Ctrl-C (which its initializer then ignores), so that a Ctrl-C while it starts
    prints nothing from it."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update(dict.fromkeys(THREAD_VARIABLES, "1"))
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
