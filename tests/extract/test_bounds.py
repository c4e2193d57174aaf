"""Extraction in time linear in the text, whatever the text: long turns analysed in parts,
runs without spaces and long runs of capitalised words."""

from __future__ import annotations

import time

import pytest

from kgraph.extract.analyses import AnalysesFile
from kgraph.model import Document, Turn

pytestmark = pytest.mark.slow


def one_turn(text: str, fmt: str = "timestamped") -> Document:
    return Document("d", "D", fmt, "d.txt", [Turn("d", 0, "Vera Bauman", 0.0, None, text)])


def found(extraction) -> set[tuple[str, str]]:
    return {(m.type, m.key) for m in extraction.mentions}


@pytest.mark.parametrize("fmt", ["timestamped", "article"])
def test_a_long_turn_is_analysed_in_parts_as_one_turn(extractor, monkeypatch, tmp_path, fmt):
    from kgraph.extract import extractor as module

    sentences = [
        "I joined Google as a data engineer.",
        "We wrote a design doc for every feature.\n",
        "Later I became a staff engineer at Shopify.",
        "Mock interviews helped me prepare.",
    ] * 3
    doc = one_turn(" ".join(sentences), fmt)
    whole = extractor.extract(doc)
    monkeypatch.setattr(module, "MAX_TEXT_CHARS", 90)  # every part a sentence or two
    parts = extractor.extract(doc)
    kept = AnalysesFile(tmp_path / "d.spacy", "fp")
    assert found(parts) == found(whole) and found(whole) >= {
        ("organization", "Google"),
        ("role", "staff engineer"),
    }
    assert [t.index for t in parts.turns] == [0] and {m.turn for m in parts.mentions} == {0}
    assert extractor.extract(doc, analyses=kept).to_dict() == parts.to_dict()
    assert extractor.extract(doc, analyses=kept).to_dict() == parts.to_dict()  # reused


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "[" * n,  # no space: spaCy's tokenizer alone takes minutes
        lambda n: "(" * (n // 2) + ")" * (n // 2),
        lambda n: ("Data " * n)[:n],  # one repeated capitalised word
        lambda n: ("Hello World. " * n)[:n],  # many sentences, each a title candidate
        lambda n: ("Senior Staff Data " * n)[:n],  # words the role patterns repeat
    ],
    ids=["brackets", "parentheses", "capitalised", "sentences", "role-words"],
)
def test_extraction_time_grows_linearly_on_pathological_text(extractor, make):
    extractor.extract(one_turn(make(2_000)))  # warm up

    def seconds(n: int) -> float:  # the better of two runs: the machine is shared
        times = []
        for _ in range(2):
            started = time.perf_counter()
            extractor.extract(one_turn(make(n)))
            times.append(time.perf_counter() - started)
        return min(times)

    small, large = seconds(5_000), seconds(20_000)
    # four times the text: linear is ~4x, quadratic ~16x; the machine is shared
    assert large < 8 * small + 1.0, (small, large)
