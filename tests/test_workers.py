"""kgraph.workers: extraction processes, the warm worker, a worker that dies."""

from __future__ import annotations

import os
import signal
from multiprocessing.connection import Pipe

import pytest
from fake_extract import FakeExtractor

from kgraph import workers
from kgraph.model import Document, Turn

fork_only = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="no os.fork or one core"
)


def document(name: str, text: str) -> Document:
    return Document(name, name, "t", name, [Turn(name, 0, "Vera Bauman", None, None, text)])


TODO = [
    (0, document("a", "A design doc helps."), None),
    (1, document("b", "Every staff engineer mentors."), None),
    (2, document("c", "Ledgerly hired a staff engineer."), None),
    (3, document("d", "Mentoring, again."), None),
]


@pytest.fixture(autouse=True)
def _own_pid(monkeypatch):
    monkeypatch.setenv("KGRAPH_TEST_PID", str(os.getpid()))
    FakeExtractor.calls = 0
    yield
    workers.dismiss_warm()


def in_process(todo):
    extractor = FakeExtractor()
    return {index: extractor.extract(doc).to_dict() for index, doc, _ in todo}


def test_workers_extract_each_document_once_in_other_processes():
    results = list(workers.extract_in_processes(TODO, FakeExtractor, 2))
    assert FakeExtractor.calls == 0  # none here
    assert sorted(index for index, *_ in results) == [0, 1, 2, 3]
    assert {index: data for index, data, _, _ in results} == in_process(TODO)
    assert all(error is None and not fatal for _, _, error, fatal in results)


def test_workers_a_process_that_dies_costs_only_its_document():
    todo = [*TODO[:2], (9, document("x", "VANISH now"), None), *TODO[2:]]
    results = {
        index: (data, error)
        for index, data, error, _ in workers.extract_in_processes(todo, FakeExtractor, 1)
    }
    assert sorted(results) == [0, 1, 2, 3, 9]
    assert results[9][0] is None and "extraction process stopped" in results[9][1]
    assert "exit code 3" in results[9][1]
    expected = in_process(TODO)
    assert {i: data for i, (data, _) in results.items() if i != 9} == expected  # replaced


def test_workers_stop_when_the_caller_leaves_early():
    running = workers.extract_in_processes(TODO, FakeExtractor, 2)
    first = next(running)
    assert first[1] is not None
    running.close()  # Ctrl-C or an error in the caller: the busy worker is killed, all reaped
    assert not [p for p in _children() if p != os.getpid()]


def _children() -> list[int]:
    """Processes of this test still alive (reaped ones are gone from the table)."""
    import multiprocessing

    return [p.pid for p in multiprocessing.active_children()]


def test_workers_serve_ignores_ctrl_c_and_ends_with_the_pipe():
    saved = signal.getsignal(signal.SIGINT)
    parent, child = Pipe()
    parent.close()
    try:
        workers.serve(child, FakeExtractor)  # returns: the other end is gone
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, saved)


def test_workers_answer_every_document_when_the_extractor_cannot_be_made():
    results = list(workers.extract_in_processes(TODO[:2], _broken_factory, 1))
    assert [(data, fatal) for _, data, _, fatal in results] == [(None, True), (None, True)]
    assert all("no extractor today" in error for _, _, error, _ in results)


def _broken_factory():
    raise RuntimeError("no extractor today")


def test_workers_single_threaded_children(monkeypatch):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    with workers.single_threaded_children():
        assert os.environ["OMP_NUM_THREADS"] == "1"
    assert "OMP_NUM_THREADS" not in os.environ


@fork_only
def test_warm_worker_extracts_once_claimed_and_is_reaped():
    workers.start_warm()
    warm = workers.claim_warm(FakeExtractor)
    assert warm is not None and workers.claim_warm(FakeExtractor) is None  # claimed once
    results = list(workers.extract_in_processes(TODO, FakeExtractor, 1, warm))
    assert {index: data for index, data, _, _ in results} == in_process(TODO)
    assert warm.stopped
    with pytest.raises(ChildProcessError):
        os.waitpid(warm.pid, os.WNOHANG)  # already reaped


@fork_only
def test_warm_worker_unclaimed_is_killed_at_once():
    workers.start_warm()
    pid = workers._warm.pid
    workers.dismiss_warm()  # while it may still be importing spaCy
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    assert workers._warm is None
