"""Extraction on a ``dask.distributed`` cluster: ``kgraph build --executor dask``.

The build connects to the scheduler at ``--scheduler`` or starts a local cluster of
``--jobs`` worker processes, and registers a worker plugin that makes the extractor (and
loads its model) once in each worker, and again in a worker that joins or restarts. Each
document is one task, given to the workers largest first and at most one per worker thread,
so that a task runs as soon as it is sent and its time budget can start then; the workers
send back the same extraction dicts as the local processes, which the build writes into
its cache. Failures stay with their documents, as with the local processes:

- an extraction error is reported for its document;
- a worker that dies (killed, out of memory, a crash) loses its document to dask, which runs
  it again on another worker; a document that took down more workers than the scheduler's
  ``distributed.scheduler.allowed-failures`` is reported as failed;
- a document still running when its time budget is spent is reported as failed, and its
  worker restarted (a thread cannot be stopped): the budget is the local one, processor time
  of the worker's process, which each worker says when asked, with its wall-clock limit for
  a worker that cannot answer.

This is the only module that imports dask, and only when the dask executor is chosen.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from kgraph.errors import KgraphError, ModelError, UsageError

try:
    import dask
    import distributed
    from distributed import WorkerPlugin
except ImportError as error:  # pragma: no cover - the message is tested with dask hidden
    raise UsageError(
        f"--executor dask needs dask.distributed ({error}): pip install 'kgraph[dask]'"
    ) from None

from kgraph.executors import Executor
from kgraph.workers import Budget, Result, Task, extract_one

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.extract import Extractor

__all__ = ["DaskExecutor", "ExtractorPlugin"]

POLL_SECONDS = 0.05  # how often finished tasks are looked at
BUDGET_SECONDS = 1.0  # how often workers are asked the processor time of their documents
CONNECT_SECONDS = 10  # to reach a scheduler
WORKERS_SECONDS = 60  # for a scheduler without workers to get one
LOST = "the extraction process stopped (killed, out of memory or crashed)"
# What a local cluster changes in dask's defaults, so that it costs what the local processes do:
LOCAL_CLUSTER_CONFIG = {
    # dask makes its worker processes give freed memory back to the system at once, which
    # also makes glibc map and unmap every large array anew: spaCy then spends about a fifth
    # more processor time on each document
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # every process of the cluster looks at its event loop 50 times a second and at its
    # system load twice a second, and each worker samples its task's stack 100 times a
    # second: all only feed dask's diagnostics
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",  # the dashboard's load figures
}


class ExtractorPlugin(WorkerPlugin):
    """Makes the extractor in each worker, once; a worker running other kgraph code (so
    making other extractions under the same cache key) gets a failure instead."""

    def __init__(self, make_extractor: Callable[[], Extractor], code: str):
        self.make_extractor = make_extractor
        self.code = code
        self.extractor: Extractor | None = None
        self.failure = "the worker has no extractor"
        self.running: tuple[Any, float] | None = None  # a task's key, processor time then

    def setup(self, worker: Any) -> None:
        from kgraph.cache import code_version

        if code_version() != self.code:
            self.failure = (
                f"the dask worker {worker.address} runs other kgraph code than this build: "
                "install the same kgraph version on every worker"
            )
            return
        try:
            self.extractor = self.make_extractor()
        except Exception as exc:  # noqa: BLE001 - answered with each document
            self.failure = str(exc) or type(exc).__name__
            return
        with contextlib.suppress(Exception):  # a model that fails to load fails on extract
            getattr(self.extractor, "load", lambda: None)()


def _run(task: Task, plugin: str) -> tuple[int, dict | None, str | None, bool]:
    """Extract one document in a worker, with the extractor its plugin made."""
    index, doc, analyses = task
    worker = distributed.get_worker()
    state = worker.plugins.get(plugin)
    if state is None or state.extractor is None:
        return index, None, getattr(state, "failure", "the worker has no extractor"), True
    state.running = (worker.get_current_task(), time.process_time())
    try:
        return (index, *extract_one(state.extractor, doc, analyses))
    finally:
        state.running = None


def _processor_time(plugin: str, dask_worker: Any) -> tuple[Any, float] | None:
    """The task a worker runs for the build and the processor time its process has used
    since the task started (what the local processes' budgets count); None when idle."""
    running = getattr(dask_worker.plugins.get(plugin), "running", None)
    if running is None:
        return None
    key, before = running
    return key, time.process_time() - before


class DaskExecutor(Executor):
    """Documents in, :data:`~kgraph.workers.Result` out, on a dask cluster (see the module).

    ``scheduler``: the address of a running scheduler (``tcp://host:8786``); none: a local
    cluster of ``jobs`` single-threaded worker processes, on this machine's loopback only.
    """

    def __init__(
        self,
        make_extractor: Callable[[], Extractor],
        jobs: int,
        budget: Budget | None = None,
        scheduler: str | None = None,
    ) -> None:
        self.make_extractor = make_extractor
        self.jobs = max(1, jobs)
        self.budget = budget or Budget()
        self.scheduler = scheduler
        self.pending: deque[Task] = deque()
        self.flight: dict[Any, tuple[Task, float]] = {}  # future -> task, when it was sent
        self.client: Any = None
        self.cluster: Any = None
        self.plugin = ""
        self.build_id = uuid.uuid4().hex[:12]  # keeps task keys apart on a shared cluster
        self.threads = 0  # of the cluster's workers, as the scheduler said at `asked`
        self.asked = 0.0
        self.next_check = 0.0  # when to ask the workers for their processor time

    def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.cancel(list(self.flight))
            self.flight.clear()
            if self.cluster is None:  # a shared cluster keeps no plugin of a finished build
                with contextlib.suppress(Exception):
                    self.client.unregister_worker_plugin(self.plugin)
            with contextlib.suppress(Exception):
                self.client.close()
            self.client = None
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()
            self.cluster = None

    def results(self) -> Iterator[Result]:
        """Each document's result as it comes; ModelError when the model cannot work."""
        while self.flight or self.pending:
            self._fill()
            done = [future for future in self.flight if future.done()]
            if not done:
                yield from self._overdue()
                time.sleep(POLL_SECONDS)
                continue
            for future in done:
                task, _ = self.flight.pop(future)
                index, data, error, fatal = self._outcome(future, task)
                if fatal:
                    raise ModelError(error or "the model could not be loaded")
                yield index, data, error

    # ------------------------------------------------------------------------- internals
    def _connect(self) -> None:
        from kgraph.cache import code_version

        if self.scheduler:
            try:
                self.client = distributed.Client(self.scheduler, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError, ValueError) as exc:
                raise UsageError(
                    f"--scheduler {self.scheduler}: no dask scheduler answers there ({exc}); "
                    "start one with `dask scheduler` and give its address"
                ) from None
        else:
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self.cluster = distributed.LocalCluster(
                    n_workers=self.jobs,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address="127.0.0.1:0",  # its HTTP server: loopback, any free port
                    silence_logs=logging.CRITICAL,
                )
            self.client = distributed.Client(self.cluster)
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise KgraphError(
                f"the dask scheduler at {self.scheduler} has no workers ({exc}): start "
                f"some with `dask worker {self.scheduler}`"
            ) from None
        fingerprint = getattr(self.make_extractor(), "fingerprint", "")
        self.plugin = "kgraph-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:12]
        self.client.register_plugin(
            ExtractorPlugin(self.make_extractor, code_version()), name=self.plugin
        )

    def _fill(self) -> None:
        if not self.pending:
            return
        if self.client is None:
            self._connect()
        now = time.monotonic()
        if len(self.flight) < self.threads or now > self.asked + BUDGET_SECONDS:
            self.threads = sum(self.client.nthreads().values()) or 1  # workers come and go
            self.asked = now
        while len(self.flight) < self.threads and self.pending:
            task = self.pending.popleft()
            future = self.client.submit(
                _run, task, self.plugin, key=f"kgraph-{self.build_id}-{task[0]}", pure=False
            )
            self.flight[future] = (task, time.monotonic())

    def _outcome(self, future: Any, task: Task) -> tuple[int, dict | None, str | None, bool]:
        index = task[0]
        try:
            return future.result()
        except distributed.KilledWorker:
            return index, None, LOST, False
        except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
            return index, None, f"extraction failed: {type(exc).__name__}: {exc}", False

    def _overdue(self) -> list[Result]:
        """The documents past their budget, as failures; their workers are restarted."""
        why = {future: why for future, why in self._over_budget().items() if not future.done()}
        if not why:
            return []
        if any(worker is None for _, worker in why.values()):  # past the wall-clock limit
            where = {key: w for w, keys in self.client.processing().items() for key in keys}
            why = {f: (text, worker or where.get(f.key)) for f, (text, worker) in why.items()}
        failures: list[Result] = []
        for future, (text, worker) in why.items():
            task, _ = self.flight.pop(future)
            future.cancel()
            if worker is not None:
                with contextlib.suppress(Exception):
                    self.client.restart_workers([worker], raise_for_error=False)
            failures.append((task[0], None, text))
        return failures

    def _over_budget(self) -> dict[Any, tuple[str, str | None]]:
        """Why each document in flight that is past its budget is, and its worker if known."""
        now = time.monotonic()
        why: dict[Any, tuple[str, str | None]] = {}
        for future, (task, sent) in self.flight.items():
            if now - sent > self.budget.wall(task[1]):
                seconds = self.budget.wall(task[1])
                text = f"ran past its time budget's wall-clock limit ({seconds:.0f} s); stopped"
                why[future] = (text, None)
        # a task uses at most one second of processor time a second: the workers are asked
        # only about documents sent longer ago than their budget (on an idle machine, none)
        could = any(now - sent > self.budget.cpu(task[1]) for task, sent in self.flight.values())
        if could and now > self.next_check:
            self.next_check = now + BUDGET_SECONDS
            futures = {future.key: future for future in self.flight}
            for worker, (key, used) in self._processor_times().items():
                future = futures.get(key)
                seconds = self.budget.cpu(self.flight[future][0][1]) if future else 0.0
                if future is not None and used > seconds:
                    text = f"took longer than its time budget ({seconds:.0f} s of processor time)"
                    why[future] = (f"{text}; stopped", worker)
        return why

    def _processor_times(self) -> dict[str, tuple[Any, float]]:
        """Each busy worker's task and the processor time spent on it; a worker that does
        not answer within a moment (its task may hold the interpreter) is left to the
        wall-clock limit."""
        try:
            answers = self.client.run(
                _processor_time, self.plugin, on_error="ignore", callback_timeout=BUDGET_SECONDS
            )
        except (OSError, TimeoutError):
            return {}
        return {worker: answer for worker, answer in answers.items() if answer is not None}
