"""kgraph.executors: the dask executor on a local cluster of 2 worker processes gives what
the local processes give, reports failed documents the same way, runs a lost worker's
document again, and says in one line what is wrong with its options."""

from __future__ import annotations

import os
import socket
import sys
from functools import partial
from pathlib import Path

import pytest
from fake_extract import FakeExtractor, install
from test_pipeline import write_corpus

from kgraph import pipeline
from kgraph.errors import UsageError
from kgraph.executors import check_executor, open_executor
from kgraph.model import Document, Turn
from kgraph.workers import Budget

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
dask = pytest.importorskip("dask")


class VanishOnce(FakeExtractor):
    """Ends its process at the first document saying ONCE, as a lost worker would: the
    marker file it leaves lets the document through the second time."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker = Path(marker)

    def extract(self, doc: Document, analyses=None):
        if any("ONCE" in turn.text for turn in doc.turns) and not self.marker.exists():
            self.marker.touch()
            os._exit(3)
        return super().extract(doc, analyses)


def document(name: str, text: str) -> Document:
    return Document(name, name, "t", name, [Turn(name, 0, "Vera Bauman", None, None, text)])


FAILURE = "extraction failed: RuntimeError: the fake extractor met EXPLODE"
TODO = [
    (0, document("a", "A design doc helps."), None),
    (1, document("b", "Every staff engineer mentors. EXPLODE"), None),
    (2, document("c", "Ledgerly hired a staff engineer."), None),
    (3, document("d", "Vera Bauman works at Ledgerly, mentoring."), None),
]


@pytest.fixture(autouse=True)
def _own_pid(monkeypatch):
    monkeypatch.setenv("KGRAPH_TEST_PID", str(os.getpid()))


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of 2 single-threaded worker processes whose scheduler gives up on a
    document after it took down 2 workers."""
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=50,
        ) as local,
    ):
        yield local.scheduler_address


def results(name, todo, factory=FakeExtractor, **options):
    with open_executor(name, factory, 2, **options) as pool:
        pool.add(todo)
        return {index: (data, error) for index, data, error in pool.results()}


def test_dask_gives_the_local_results_and_failures(cluster):
    local = results("local", TODO)
    assert results("dask", TODO, scheduler=cluster) == local
    assert local[1] == (None, FAILURE)
    assert local[3][0]["claims"] and all(local[i][0] for i in (0, 2, 3))


def test_dask_runs_a_lost_workers_document_again_and_reports_a_deadly_one(cluster, tmp_path):
    todo = [
        *TODO[2:],
        (4, document("e", "A staff engineer said ONCE, about a design doc."), None),
        (5, document("f", "Mentoring. VANISH"), None),
    ]
    found = results("dask", todo, partial(VanishOnce, str(tmp_path / "once")), scheduler=cluster)
    assert (tmp_path / "once").exists()  # a worker was lost to it
    assert found[4] == (FakeExtractor().extract(todo[2][1]).to_dict(), None)
    assert found[5] == (None, "the extraction process stopped (killed, out of memory or crashed)")
    assert found[2][0] and found[3][0]


def test_dask_reports_a_document_over_its_budget_and_goes_on(cluster):
    todo = [*TODO[2:], (4, document("e", "A long NAP."), None)]
    found = results("dask", todo, budget=Budget(0.1, 10**9, wall_factor=10), scheduler=cluster)
    assert found[4] == (None, "ran past its time budget's wall-clock limit (1 s); stopped")
    assert found[2][0] and found[3][0]


def test_dask_budget_is_the_local_one_of_processor_time(cluster):
    """A busy document is stopped at its budget of processor time, long before the
    wall-clock limit, with the local message; a sleeping one within its limit is not."""
    todo = [*TODO[2:], (4, document("e", "SPIN here"), None), (5, document("f", "NAP"), None)]
    budget = Budget(seconds=1.5, chars_per_second=1e9, wall_factor=40)  # 60 s of wall clock
    local = results("local", todo, budget=budget)
    assert local[4] == (None, "took longer than its time budget (2 s of processor time); stopped")
    assert results("dask", todo, budget=budget, scheduler=cluster) == local
    assert local[5][0] and local[2][0]


def test_dask_build_writes_the_outputs_of_a_local_build(tmp_path, monkeypatch):
    """`kgraph build --executor dask` through a local cluster it starts itself (--jobs 2)."""
    from test_cli import kgraph

    install(monkeypatch)
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "boom.txt").write_text("Lena: EXPLODE now\nVera Bauman: ok\n", encoding="utf-8")
    local = kgraph("build", corpus, "--out", tmp_path / "local", "-j", "2")
    remote = kgraph("build", corpus, "--out", tmp_path / "dask", "-j", "2", "--executor", "dask")
    assert (local.exit_code, remote.exit_code) == (1, 1)  # the failed document
    failures = [line for line in remote.stderr.splitlines() if line.startswith("Error: ")]
    assert failures == [f"Error: {corpus / 'boom.txt'}: {FAILURE}"]
    assert failures == [line for line in local.stderr.splitlines() if line.startswith("Error: ")]
    for fmt in ("json", "graphml"):
        made = (tmp_path / "dask" / f"kgraph.{fmt}").read_bytes()
        assert made == (tmp_path / "local" / f"kgraph.{fmt}").read_bytes()
    # the same cache entries: a local rebuild of the dask build's folder extracts nothing new
    again = pipeline.build([corpus], out_dir=tmp_path / "dask", jobs=1)
    assert (again.extracted, again.cache_hits, len(again.failed)) == (0, 3, 1)


def test_cli_build_scheduler_without_dask_is_a_usage_error(tmp_path):
    from test_cli import kgraph

    result = kgraph("build", tmp_path, "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: --scheduler needs --executor dask"


def test_executor_options_that_cannot_work_are_one_line_usage_errors(monkeypatch):
    with pytest.raises(UsageError, match="--scheduler needs --executor dask"):
        check_executor("local", "tcp://127.0.0.1:8786")
    with pytest.raises(UsageError, match="--executor 'ray': use one of local, dask"):
        check_executor("ray")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "kgraph.executors.cluster", raising=False)
    with pytest.raises(UsageError, match=r"pip install 'kgraph\[dask\]'"):
        check_executor("dask")


def test_dask_without_a_scheduler_at_the_address_is_a_usage_error(monkeypatch):
    from kgraph.executors import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    with pytest.raises(UsageError, match=f"--scheduler {address}: no dask scheduler answers"):
        results("dask", TODO, scheduler=address)
