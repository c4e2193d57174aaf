"""Extraction processes: documents go out one at a time, extraction dicts come back.

A build hands its new and changed documents to ``jobs`` processes that each load the model
once; each document goes to whichever process is free, largest first. A process that dies
(killed, out of memory) costs only the document it held, which is reported as failed, and
is replaced while documents remain.

One of the processes may be *warm*: the ``kgraph`` program forks it before it even parses
its command line (:func:`start_warm`), and it imports spaCy while the program starts and
the build scans the files; the build then tells it which extractor to load (:func:`claim_warm`).
A rebuild of one changed file thus waits neither for Python, the command line and the scan
nor for the spaCy import before the model loads (~0.7 s of a ~6 s rebuild).

This module imports only the standard library: the warm process is forked from a bare
interpreter.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing import get_context
from multiprocessing.connection import Connection, Pipe, wait
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.extract import Extractor
    from kgraph.extract.analyses import AnalysesFile
    from kgraph.model import Document

# Native thread pools a worker must not start: two workers on two cores, one thread each.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
# What the warm process imports while it waits to learn the model (spaCy first, by
# kgraph.extract.pipeline.import_spacy).
WARM_IMPORTS = ("spacy.lang.en", "kgraph.extract.claims")

Task = tuple[int, "Document", "AnalysesFile | None"]
"""A document to extract: its read-order index, itself, where its analyses are kept."""
Outcome = tuple[dict | None, str | None, bool]
"""(extraction dict, error, fatal) of one document."""
Result = tuple[int, dict | None, str | None, bool]
"""An :data:`Outcome` with the document's read-order index in front."""

_warm: Worker | None = None


def extract_one(
    extractor: Extractor, doc: Document, analyses: AnalysesFile | None = None
) -> Outcome:
    """One document's extraction; its failure never escapes (fatal: the model is unusable)."""
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


@contextmanager
def single_threaded_children() -> Iterator[None]:
    """Children inherit the environment: pin their BLAS/OpenMP pools to one thread."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update(dict.fromkeys(THREAD_VARIABLES, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def serve(conn: Connection, make_extractor: Callable[[], Extractor] | None = None) -> None:
    """A worker's loop: ``("init", make_extractor)``, ``("doc", Task)``, ``("stop",)``.

    Each document is answered with a :data:`Result`. The extractor is made, and its model
    loaded, on ``init`` (or at once when ``make_extractor`` is given), before the first
    document arrives. Ctrl-C is the parent's to handle; the end of the pipe ends the loop.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    extractor = failure = None

    def make() -> None:
        nonlocal extractor, failure
        try:
            extractor = make_extractor()
        except Exception as exc:  # noqa: BLE001 - answered with each document
            failure = str(exc) or type(exc).__name__
            return
        with contextlib.suppress(Exception):  # a model that fails to load fails on extract
            getattr(extractor, "load", lambda: None)()

    if make_extractor is not None:
        make()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "init":
            make_extractor = message[1]
            make()
        elif message[0] == "doc":
            index, doc, analyses = message[1]
            if extractor is None:
                outcome: Outcome = (None, failure or "the worker was given no extractor", True)
            else:
                outcome = extract_one(extractor, doc, analyses)
            conn.send((index, *outcome))
        else:
            return


class Worker:
    """One extraction process and the parent's end of its pipe."""

    def __init__(self, conn: Connection, *, pid: int | None = None, process: Any = None):
        self.conn = conn
        self.pid = pid if process is None else process.pid
        self.process = process  # a multiprocessing Process, or None for a forked child
        self.stopped = False

    @classmethod
    def spawn(cls, make_extractor: Callable[[], Extractor]) -> Worker:
        """A fresh interpreter (``spawn``: nothing of this process's state is copied)."""
        parent, child = Pipe()
        process = get_context("spawn").Process(
            target=serve, args=(child, make_extractor), daemon=True
        )
        with single_threaded_children():
            process.start()
        child.close()
        return cls(parent, process=process)

    def send(self, *message: Any) -> None:
        with contextlib.suppress(OSError, ValueError):  # a dead worker shows as EOF on recv
            self.conn.send(message)

    def describe(self) -> str:
        code = self.process.exitcode if self.process is not None else None
        return f"process {self.pid}" + (f", exit code {code}" if code is not None else "")

    def stop(self, *, kill: bool = False) -> None:
        """End the process: ask it to leave (it is idle) or ``kill`` it (busy, or only
        warming up: it holds nothing worth finishing). Reaped either way; once."""
        if self.stopped:
            return
        self.stopped = True
        if not kill:
            self.send("stop")
        self.conn.close()
        if self.process is not None:
            if kill:
                self.process.kill()
            self.process.join()
            return
        assert self.pid is not None
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def start_warm() -> None:
    """Fork the warm worker now (call it first thing, before threads or large imports).

    Without ``os.fork`` or with one core this does nothing. The child imports spaCy
    (:func:`kgraph.extract.pipeline.import_spacy`) and :data:`WARM_IMPORTS` and waits for
    :func:`claim_warm`; its standard output goes to ``/dev/null`` (it has nothing to say
    there, and a caller reading this program's output to its end must not wait for it).
    """
    global _warm
    if _warm is not None or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return
    parent, child = Pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage does not follow forks
        code = 0
        try:
            parent.close()
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            os.environ.update(dict.fromkeys(THREAD_VARIABLES, "1"))
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)
            with contextlib.suppress(Exception):
                from kgraph.extract.pipeline import import_spacy

                import_spacy()
            for module in WARM_IMPORTS:
                with contextlib.suppress(Exception):
                    __import__(module)
            serve(child)
        except BaseException:  # noqa: BLE001 - a child must never return into the caller
            code = 1
        finally:
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os._exit(code)
    child.close()
    _warm = Worker(parent, pid=pid)


def claim_warm(make_extractor: Callable[[], Extractor]) -> Worker | None:
    """The warm worker, told to make ``make_extractor``'s extractor now; None if there is none."""
    global _warm
    worker, _warm = _warm, None
    if worker is not None:
        worker.send("init", make_extractor)
    return worker


def dismiss_warm() -> None:
    """Stop the warm worker if no build claimed it."""
    global _warm
    worker, _warm = _warm, None
    if worker is not None:
        worker.stop(kill=True)


def extract_in_processes(
    todo: list[Task],
    make_extractor: Callable[[], Extractor],
    processes: int,
    warm: Worker | None = None,
) -> Iterator[Result]:
    """Extract ``todo`` (in the order given) in ``processes`` worker processes.

    The processes start at once (``warm``, if given, is one of them), so that the caller can
    do other work before it asks for the first result; they stop when the iterator is
    exhausted or closed.
    """
    pool = [warm] if warm is not None else []
    while len(pool) < processes:
        pool.append(Worker.spawn(make_extractor))
    pending = list(reversed(todo))
    busy: dict[Connection, tuple[Worker, int]] = {}

    def give(worker: Worker) -> None:
        if pending:
            task = pending.pop()
            worker.send("doc", task)
            busy[worker.conn] = (worker, task[0])

    def results() -> Iterator[Result]:
        try:
            for worker in pool:
                give(worker)
            while busy:
                for conn in wait(list(busy)):
                    worker, index = busy.pop(conn)  # type: ignore[index]
                    try:
                        result = conn.recv()  # type: ignore[union-attr]
                    except (EOFError, OSError):
                        pool.remove(worker)
                        worker.stop(kill=True)
                        reason = f"the extraction process stopped ({worker.describe()})"
                        yield index, None, reason, False
                        if pending:
                            pool.append(Worker.spawn(make_extractor))
                            give(pool[-1])
                        continue
                    yield result
                    give(worker)
        finally:
            held = {worker for worker, _ in busy.values()}  # left early: Ctrl-C, an error
            for worker in pool:
                worker.stop(kill=worker in held)

    return results()
