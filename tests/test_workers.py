"""kgraph.workers: the extraction pool, a worker that dies, a document over its budget."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from fake_extract import FakeExtractor

from kgraph.errors import ModelError
from kgraph.model import Document, Turn
from kgraph.workers import Budget, ExtractionPool, _kill_workers, _spawning, cpu_seconds


def document(name: str, text: str) -> Document:
    return Document(name, name, "t", name, [Turn(name, 0, "Vera Bauman", None, None, text)])


TODO = [
    (0, document("a", "A design doc helps."), None),
    (1, document("b", "Every staff engineer mentors, and mentoring is a design doc."), None),
    (2, document("c", "Ledgerly hired a staff engineer."), None),
    (3, document("d", "Mentoring, again."), None),
]


@pytest.fixture(autouse=True)
def _own_pid(monkeypatch):
    monkeypatch.setenv("KGRAPH_TEST_PID", str(os.getpid()))
    FakeExtractor.calls = 0


def in_process(todo):
    extractor = FakeExtractor()
    return {index: extractor.extract(doc).to_dict() for index, doc, _ in todo}


def extract(todo, jobs, factory=FakeExtractor, budget=None):
    with ExtractionPool(factory, jobs, budget) as pool:
        pool.add(todo)
        return {index: (data, error) for index, data, error in pool.results()}


def _children() -> list[int]:
    import multiprocessing

    return [p.pid for p in multiprocessing.active_children()]


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_extract_each_document_once_in_other_processes(jobs):
    results = extract(TODO, jobs)
    assert FakeExtractor.calls == 0  # none here
    assert {i: data for i, (data, _) in results.items()} == in_process(TODO)
    assert all(error is None for _, error in results.values())
    assert not _children()


def test_workers_largest_documents_first():
    with ExtractionPool(FakeExtractor, 1) as pool:
        pool.add(TODO)
        order = [index for index, _, _ in pool.results()]
    assert order == [1, 2, 0, 3]


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_a_process_that_dies_costs_only_its_document(jobs):
    todo = [*TODO[:2], (9, document("x", "VANISH now"), None), *TODO[2:]]
    results = extract(todo, jobs)
    assert sorted(results) == [0, 1, 2, 3, 9]
    assert results[9][0] is None and "extraction process stopped" in results[9][1]
    assert {i: data for i, (data, _) in results.items() if i != 9} == in_process(TODO)
    assert not _children()


def test_workers_two_processes_that_die_cost_their_two_documents():
    todo = [(8, document("x", "VANISH"), None), *TODO, (9, document("y", "VANISH too"), None)]
    results = extract(todo, 2)
    assert {i for i, (data, _) in results.items() if data is None} == {8, 9}
    assert {i: data for i, (data, _) in results.items() if i < 8} == in_process(TODO)


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_a_document_over_its_budget_fails_the_others_build(jobs):
    todo = [*TODO[:2], (7, document("slow", "SPIN here"), None), *TODO[2:]]
    started = time.monotonic()
    results = extract(todo, jobs, budget=Budget(seconds=1.5, chars_per_second=1e9))
    assert time.monotonic() - started < 30
    assert results[7][0] is None
    assert "time budget (2 s of processor time)" in results[7][1]
    assert {i: data for i, (data, _) in results.items() if i != 7} == in_process(TODO)
    assert not _children()


def test_workers_budget_counts_processor_time_not_waiting():
    """A document that waits (as on a loaded machine) longer than its budget of processor
    time is not stopped; one that waits past the wall-clock limit is."""
    napping = [(7, document("nap", "NAP, then a design doc."), None)]
    budget = Budget(seconds=1, chars_per_second=1e9, wall_factor=10)
    results = extract(napping, 1, budget=budget)
    assert results[7] == (in_process(napping)[7], None)
    stalled = [(8, document("stall", "STALL here"), None), *TODO[:1]]
    budget = Budget(seconds=1, chars_per_second=1e9, wall_factor=2)
    results = extract(stalled, 1, budget=budget)
    assert results[8][0] is None and "wall-clock limit (2 s)" in results[8][1]
    assert results[0] == (in_process(TODO[:1])[0], None)
    assert not _children()


def test_workers_processor_time_of_another_process_is_read():
    spinning = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    started = time.monotonic()
    try:
        used = cpu_seconds(spinning.pid)
        while used is not None and used < 0.3 and time.monotonic() - started < 20:
            time.sleep(0.1)
            used = cpu_seconds(spinning.pid)
    finally:
        spinning.kill()
        spinning.wait()
    assert used is not None and 0.3 <= used <= time.monotonic() - started
    assert cpu_seconds(spinning.pid) is None  # gone


def test_workers_a_pool_broken_between_documents_is_replaced():
    """Its processes killed while idle (the out-of-memory killer, say): the next documents
    go to a new pool instead of failing on the broken one."""
    with ExtractionPool(FakeExtractor, 2) as pool:
        pool.add(TODO[:1])
        first = {index: data for index, data, _ in pool.results()}
        broken = pool.pool
        _kill_workers(broken)
        deadline = time.monotonic() + 30
        while not broken._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        assert broken._broken
        pool.add(TODO[1:])
        rest = {index: data for index, data, _ in pool.results()}
    assert {**first, **rest} == in_process(TODO)


def test_workers_stop_when_the_caller_leaves_early():
    todo = [*TODO, (7, document("slow", "STALL here"), None)]
    with ExtractionPool(FakeExtractor, 2) as pool:
        pool.add(todo)
        running = pool.results()
        assert next(running)[1] is not None
        assert _children()
    # Ctrl-C or an error in the caller: the busy worker is stopped, all are reaped
    assert not _children()


def test_workers_an_extractor_that_cannot_be_made_stops_the_build():
    with pytest.raises(ModelError, match="no extractor today"), ExtractionPool(_broken, 2) as pool:
        pool.add(TODO[:2])
        list(pool.results())
    assert not _children()


def _broken():
    raise ModelError("no extractor today")


def test_workers_start_with_one_thread_pools_and_ctrl_c_blocked(monkeypatch):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    with _spawning():
        assert os.environ["OMP_NUM_THREADS"] == "1"
        assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    assert "OMP_NUM_THREADS" not in os.environ
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers die with it on Linux")
def test_workers_print_nothing_when_the_build_process_is_killed(tmp_path):
    script = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from fake_extract import FakeExtractor
        from kgraph.model import Document, Turn
        from kgraph.workers import ExtractionPool

        def doc(name, text):
            return Document(name, name, "t", name, [Turn(name, 0, None, None, None, text)])

        if __name__ == "__main__":
            with ExtractionPool(FakeExtractor, 2) as pool:
                pool.add([(0, doc("a", "NAP"), None), (1, doc("b", "NAP"), None)])
                for result in pool.results():
                    pass
        """
    )
    (tmp_path / "run.py").write_text(script, encoding="utf-8")
    tests = os.path.dirname(__file__)
    process = subprocess.Popen(
        [sys.executable, str(tmp_path / "run.py"), tests],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(2.5)  # the workers are extracting (a nap of three seconds each)
    process.kill()
    process.wait()
    try:  # the pipes close once every worker has gone too
        _, err = process.communicate(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()
