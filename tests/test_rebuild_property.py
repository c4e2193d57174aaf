"""A rebuild after any edits writes what a fresh build of the same files writes, file for file.

A seeded generator makes a small corpus of synthetic interviews (YAML front matter, then
``Speaker (hh:mm:ss): text`` lines) and a patterns file, builds it, then edits it at random,
round after round: a document retitled, a quote changed, a speaker renamed, a date moved,
files added and removed, the patterns file changed. After each round the cached rebuild is
compared with a build of the same files without a cache. The fake extraction stage (no
spaCy) runs many rounds in seconds; the real one runs two, for the per-turn analyses
that a rebuild reuses.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest
import yaml
from fake_extract import FakeExtractor, install

from kgraph import pipeline

SPEAKERS = ["Vera Bauman", "Lena Ortiz", "Sam Okafor", "Priya Raman"]
SENTENCES = [
    "Vera Bauman works at Ledgerly, writing a design doc a week.",
    "Every staff engineer I know writes a design doc first.",
    "Mentoring made me a staff engineer at Ledgerly.",
    "I read The Staff Engineer's Path twice.",
    "Mock interviews helped me prepare for the loop.",
    "Feature flags let us ship on a Friday.",
    "Our on-call rotation taught me more than any course.",
    "A tech lead at Shopify showed me how to run a design review.",
    "Mentoring is how a senior engineer grows a team.",
    "We moved from consulting to product work.",
    "You should write a design doc before every design review.",  # stances, for and against
    "Never do mock interviews alone, and don't skip the on-call rotation.",
]
TITLES = ["Growing into Staff", "Design Docs at Work", "Leaving Academia", "On Mentoring"]
TERMS = ["feature flag", "on-call rotation", "design review", "mock interview", "consulting"]


@dataclass
class Doc:
    title: str
    date: str
    turns: list[tuple[str, str]]  # (speaker, text)

    def render(self) -> str:
        lines = ["---", f"title: {self.title}", f"date: {self.date}", "---", ""]
        for i, (speaker, text) in enumerate(self.turns):
            lines.append(f"{speaker} (00:{i // 6:02d}:{i * 10 % 60:02d}): {text}")
        return "\n".join(lines) + "\n"


@dataclass
class Corpus:
    """The corpus as data, written to ``folder`` (documents) and ``patterns`` (terms)."""

    folder: Path
    patterns: Path
    rng: random.Random
    docs: dict[str, Doc] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    made: int = 0

    def new_doc(self) -> Doc:
        turns = [
            (self.rng.choice(SPEAKERS), self.rng.choice(SENTENCES))
            for _ in range(self.rng.randint(2, 5))
        ]
        day = self.rng.randint(1, 28)
        return Doc(self.rng.choice(TITLES), f"2023-0{self.rng.randint(1, 9)}-{day:02d}", turns)

    def add(self) -> str:
        self.made += 1
        name = f"talk{self.made}.md" if self.made % 3 else f"more/talk{self.made}.md"
        self.docs[name] = self.new_doc()
        return f"add {name}"

    def write(self) -> None:
        for path in self.folder.rglob("*.md"):
            if path.relative_to(self.folder).as_posix() not in self.docs:
                path.unlink()
        for name, doc in self.docs.items():
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_file() or path.read_text(encoding="utf-8") != doc.render():
                path.write_text(doc.render(), encoding="utf-8")
        grammar = {"concept": {term.title(): [term] for term in self.terms}}
        self.patterns.write_text(yaml.safe_dump(grammar), encoding="utf-8")

    # the edits: each changes the corpus and says what it did
    def retitle(self) -> str:
        name = self.rng.choice(sorted(self.docs))
        self.docs[name].title = self.rng.choice([t for t in TITLES if t != self.docs[name].title])
        return f"retitle {name}"

    def change_quote(self) -> str:
        name = self.rng.choice(sorted(self.docs))
        turns = self.docs[name].turns
        i = self.rng.randrange(len(turns))
        turns[i] = (turns[i][0], self.rng.choice([s for s in SENTENCES if s != turns[i][1]]))
        return f"quote {name}:{i}"

    def change_speaker(self) -> str:
        name = self.rng.choice(sorted(self.docs))
        turns = self.docs[name].turns
        i = self.rng.randrange(len(turns))
        turns[i] = (self.rng.choice([s for s in SPEAKERS if s != turns[i][0]]), turns[i][1])
        return f"speaker {name}:{i}"

    def change_date(self) -> str:
        name = self.rng.choice(sorted(self.docs))
        self.docs[name].date = f"2024-1{self.rng.randint(0, 2)}-{self.rng.randint(10, 28)}"
        return f"date {name}"

    def remove(self) -> str:
        if len(self.docs) < 2:
            return self.add()
        name = self.rng.choice(sorted(self.docs))
        del self.docs[name]
        return f"remove {name}"

    def change_patterns(self) -> str:
        term = self.rng.choice(TERMS)
        if term in self.terms:
            self.terms.remove(term)
        else:
            self.terms.append(term)
        return f"patterns {term}"

    def edit(self) -> list[str]:
        edits = [
            self.retitle,
            self.change_quote,
            self.change_speaker,
            self.change_date,
            self.add,
            self.remove,
            self.change_patterns,
        ]
        done = [self.rng.choice(edits)() for _ in range(self.rng.randint(1, 3))]
        self.write()
        return done


def make_corpus(tmp_path: Path, seed: int, documents: int) -> Corpus:
    corpus = Corpus(tmp_path / "corpus", tmp_path / "patterns.yaml", random.Random(seed))
    corpus.terms = corpus.rng.sample(TERMS, 2)
    for _ in range(documents):
        corpus.add()
    corpus.write()
    return corpus


def outputs(result) -> dict[str, bytes]:
    return {fmt: Path(path).read_bytes() for fmt, path in result.outputs.items()}


def check_rounds(corpus: Corpus, tmp_path: Path, rounds: int) -> None:
    def build(out: Path, **options):
        return pipeline.build(
            [corpus.folder], out_dir=out, patterns=corpus.patterns, jobs=1, **options
        )

    build(tmp_path / "out")
    for number in range(rounds):
        edits = corpus.edit()
        rebuilt = build(tmp_path / "out")
        fresh = build(tmp_path / f"fresh{number}", use_cache=False)
        assert not rebuilt.failed and not fresh.failed
        assert outputs(rebuilt) == outputs(fresh), f"round {number}: {edits}"


def fake_factory(model, patterns):
    """The fake extraction stage, reading the patterns file's terms as the real one does
    (its fingerprint changes with the file)."""
    text = Path(patterns).read_text(encoding="utf-8") if patterns else ""
    grammar = yaml.safe_load(text) or {}
    terms = {
        alias: "concept" for aliases in grammar.get("concept", {}).values() for alias in aliases
    }
    tag = hashlib.sha256(text.encode()).hexdigest()[:12]
    return partial(FakeExtractor, tag=tag, terms=terms)


@pytest.mark.parametrize("seed", [1, 2])
def test_rebuild_after_random_edits_equals_a_fresh_build(tmp_path, monkeypatch, seed):
    install(monkeypatch)
    monkeypatch.setattr(pipeline, "extractor_factory", fake_factory)
    check_rounds(make_corpus(tmp_path, seed, documents=4), tmp_path, rounds=4)


@pytest.mark.slow
def test_rebuild_after_random_edits_equals_a_fresh_build_with_spacy(tmp_path):
    check_rounds(make_corpus(tmp_path, seed=7, documents=3), tmp_path, rounds=2)
