"""Shared fixtures: paths to the repository's fixtures and to ../shared when present."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = (REPO / ".." / "shared").resolve()


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as a module (the scripts are no package): registered in
    ``sys.modules`` for its dataclasses, with ``scripts/`` importable while it loads."""
    scripts = str(REPO / "scripts")
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    sys.path.insert(0, scripts)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(scripts)
    return module


@pytest.fixture
def fixtures_dir() -> Path:
    """Folder of the small synthetic documents written for the tests."""
    return FIXTURES


@pytest.fixture
def seeds_dir() -> Path:
    """The five seed documents; skips when ../shared/seeds is not beside the checkout."""
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed documents not found at {path} (../shared is not beside this checkout)")
    return path


@pytest.fixture
def corpus_dir() -> Path:
    """The DataTalks.Club corpus; skips when ../shared/corpus is not beside the checkout."""
    path = SHARED / "corpus" / "datatalksclub"
    if not path.is_dir():
        pytest.skip(f"corpus not found at {path} (../shared is not beside this checkout)")
    return path


@pytest.fixture
def gold_dir() -> Path:
    """Gold annotation files; skips when ../shared/eval/gold is absent."""
    path = SHARED / "eval" / "gold"
    if not path.is_dir():
        pytest.skip(f"gold files not found at {path} (../shared is not beside this checkout)")
    return path


@pytest.fixture(autouse=True)
def kgraph_home(tmp_path_factory, monkeypatch) -> Path:
    """A private $KGRAPH_HOME per test: builds never record themselves in ~/.cache."""
    home = tmp_path_factory.mktemp("kgraph-home")
    monkeypatch.setenv("KGRAPH_HOME", str(home))
    return home
