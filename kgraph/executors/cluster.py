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
- a document still running at its time budget's wall-clock limit is reported as failed,
  and its worker restarted (a thread cannot be stopped); the processor time of a worker,
  maybe on another machine, is not read.

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

POLL_SECONDS = 0.05  # how often finished tasks and budgets are looked at
CONNECT_SECONDS = 10  # to reach a scheduler
WORKERS_SECONDS = 60  # for a scheduler without workers to get one
LOST = "the extraction process stopped (killed, out of memory or crashed)"
# What a local cluster changes in dask's defaults, so that it costs what the local processes do:
LOCAL_CLUSTER_CONFIG = {
    # dask makes its worker processes give freed memory back to the system at once, which
    # also makes glibc map and unmap every large array anew: spaCy then spends about a fifth
    # more processor time on each document
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # every process of the cluster looks at its event loop 50 times a second, and each
    # worker samples its task's stack 100 times a second: both only feed dask's diagnostics
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.profile.enabled": False,
}


class ExtractorPlugin(WorkerPlugin):
    """Makes the extractor in each worker, once; a worker running other kgraph code (so
    making other extractions under the same cache key) gets a failure instead."""

    def __init__(self, make_extractor: Callable[[], Extractor], code: str):
        self.make_extractor = make_extractor
        self.code = code
        self.extractor: Extractor | None = None
        self.failure = "the worker has no extractor"

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
    extractor = distributed.get_worker().plugins.get(plugin)
    if extractor is None or extractor.extractor is None:
        return index, None, getattr(extractor, "failure", "the worker has no extractor"), True
    return (index, *extract_one(extractor.extractor, doc, analyses))


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
        self.flight: dict[Any, tuple[Task, float]] = {}  # future -> task, deadline
        self.client: Any = None
        self.cluster: Any = None
        self.plugin = ""
        self.build_id = uuid.uuid4().hex[:12]  # keeps task keys apart on a shared cluster

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
                    dashboard_address=None,  # nobody sees it during a build
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
        threads = sum(self.client.nthreads().values()) or 1
        while len(self.flight) < threads and self.pending:
            task = self.pending.popleft()
            future = self.client.submit(
                _run, task, self.plugin, key=f"kgraph-{self.build_id}-{task[0]}", pure=False
            )
            self.flight[future] = (task, time.monotonic() + self.budget.wall(task[1]))

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
        now = time.monotonic()
        overdue = [f for f, (_, deadline) in self.flight.items() if now > deadline]
        if not overdue:
            return []
        running = {key: worker for worker, keys in self.client.processing().items() for key in keys}
        failures: list[Result] = []
        for future in overdue:
            task, _ = self.flight.pop(future)
            worker = running.get(future.key)
            future.cancel()
            if worker is not None:
                with contextlib.suppress(Exception):
                    self.client.restart_workers([worker], raise_for_error=False)
            seconds = self.budget.wall(task[1])
            failures.append(
                (
                    task[0],
                    None,
                    f"ran past its time budget's wall-clock limit ({seconds:.0f} s); stopped",
                )
            )
        return failures
