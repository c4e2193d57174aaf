"""atomic_write: all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kgraph import io
from kgraph.io import atomic_write


def test_atomic_write_text_and_bytes(tmp_path):
    target = tmp_path / "sub" / "g.json"
    atomic_write(target, "héllo")
    assert target.read_bytes() == "héllo".encode()
    atomic_write(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert os.listdir(target.parent) == ["g.json"]


def test_atomic_write_interrupted_leaves_old_file(tmp_path, monkeypatch):
    target = tmp_path / "g.json"
    target.write_text("old complete file")
    real_fdopen = os.fdopen

    class FailingHandle:
        """Writes the first half, then fails like a full disk or a Ctrl-C."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise KeyboardInterrupt

    monkeypatch.setattr(io.os, "fdopen", lambda fd, mode: FailingHandle(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new " * 1000)
    assert target.read_text() == "old complete file"
    assert os.listdir(tmp_path) == ["g.json"]  # no temporary file left behind


def test_atomic_write_failing_fsync_never_creates_target(tmp_path, monkeypatch):
    target = tmp_path / "new.graphml"

    def fail(fd):
        raise OSError("disk full")

    monkeypatch.setattr(io.os, "fsync", fail)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "<graphml/>")
    assert not target.exists()
    assert os.listdir(tmp_path) == []


def test_stale_temporaries_of_dead_processes_are_removed_others_kept(tmp_path):
    import subprocess
    import sys

    from kgraph.io import remove_stale_temporaries, temporary_file

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    gone = int(dead.stdout)
    fd, own = temporary_file(tmp_path / "g.json")  # this process's: still being written
    os.close(fd)
    stale = [
        f".partial-{gone}-kgraph.json",
        f".g.json.{gone}.abc_1234.tmp",
        f"..partial-{gone}-kgraph.html.{gone}.zz99zz99.tmp",
    ]
    kept = ["kgraph.json", f".partial-{os.getpid()}-kgraph.json", ".hidden.tmp", "notes.txt"]
    for name in stale + kept:
        (tmp_path / name).write_text("x")
    assert remove_stale_temporaries(tmp_path) == len(stale)
    assert sorted(os.listdir(tmp_path)) == sorted([*kept, Path(own).name])
    assert remove_stale_temporaries(tmp_path / "missing") == 0
