"""Where a build extracts its documents: the executors.

An executor takes documents (:data:`~kgraph.workers.Task`) with ``add`` and gives back each
one's :data:`~kgraph.workers.Result` from ``results``, in any order; used as a context
manager, it stops its workers on the way out. The build (:func:`kgraph.pipeline.extract`)
drives either the same way: it reads, serves cache hits, reports progress and writes each
result into the cache; an executor only decides where the extraction runs.

- ``local``: worker processes on this machine (:class:`kgraph.workers.ExtractionPool`);
- ``dask``: the workers of a ``dask.distributed`` cluster, or of a local one started for the
  build (:mod:`kgraph.executors.cluster`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kgraph.errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.extract import Extractor
    from kgraph.workers import Budget, Result, Task

__all__ = ["EXECUTORS", "Executor", "check_executor", "open_executor"]

EXECUTORS = ("local", "dask")


class Executor:
    """What both executors share: a queue of documents, largest first, and the context
    manager; each says how it fills its workers (``_fill``), yields ``results`` and ``close``s."""

    pending: deque[Task]

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, tasks: list[Task]) -> None:
        """Queue documents, largest first, and start extracting."""
        from kgraph.workers import largest_first

        self.pending.extend(largest_first(tasks))
        self._fill()

    def results(self) -> Iterator[Result]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _fill(self) -> None:
        raise NotImplementedError


def check_executor(name: str, scheduler: str | None = None) -> None:
    """UsageError unless the executor can be used (checked before any work)."""
    if name not in EXECUTORS:
        raise UsageError(f"--executor {name!r}: use one of {', '.join(EXECUTORS)}")
    if scheduler and name != "dask":
        raise UsageError("--scheduler needs --executor dask")
    if name == "dask":
        import kgraph.executors.cluster  # noqa: F401 - UsageError when dask is missing


def open_executor(
    name: str,
    make_extractor: Callable[[], Extractor],
    jobs: int,
    budget: Budget | None = None,
    scheduler: str | None = None,
) -> Executor:
    """The executor called ``name``; ``scheduler``: a dask scheduler's address (none: a
    local cluster of ``jobs`` worker processes)."""
    check_executor(name, scheduler)
    if name == "local":
        from kgraph.workers import ExtractionPool

        return ExtractionPool(make_extractor, jobs, budget)
    from kgraph.executors.cluster import DaskExecutor

    return DaskExecutor(make_extractor, jobs, budget, scheduler)
