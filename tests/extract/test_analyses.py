"""Kept spaCy analyses: a changed document is re-parsed only where its text changed, and
extracts exactly as if it were parsed whole."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kgraph.extract.analyses import AnalysesFile, text_key
from kgraph.readers import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = sorted(p.name for p in FIXTURES.iterdir() if p.is_file())


@pytest.fixture
def parsed(extractor, monkeypatch):
    """The texts the pipeline parses, as a list filled while extracting."""
    seen: list[str] = []
    real = extractor.nlp.pipe

    def pipe(texts, *args, **kwargs):
        texts = list(texts)
        items = [t[0] for t in texts] if kwargs.get("as_tuples") else texts
        seen.extend(t if isinstance(t, str) else t.text for t in items)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(extractor.nlp, "pipe", pipe)
    return seen


@pytest.mark.parametrize("name", FILES)
def test_analyses_reused_give_the_same_extraction(extractor, parsed, tmp_path, name):
    doc = read_document(FIXTURES / name)
    plain = extractor.extract(doc).to_dict()
    kept = AnalysesFile(tmp_path / "doc.spacy", "fp-1")
    assert extractor.extract(doc, analyses=kept).to_dict() == plain  # none kept yet
    assert kept.path.stat().st_size > 0
    parsed.clear()
    assert extractor.extract(doc, analyses=kept).to_dict() == plain
    assert parsed == []  # every text came from the file


def test_analyses_only_the_changed_turn_is_parsed(extractor, parsed, tmp_path):
    doc = read_document(FIXTURES / "podcast_frontmatter.md")
    kept = AnalysesFile(tmp_path / "doc.spacy", "fp-1")
    extractor.extract(doc, analyses=kept)
    turns = list(doc.turns)
    last = turns[-1]
    changed_text = last.text + " Google hired a staff engineer who wrote a design doc."
    turns[-1] = dataclasses.replace(last, text=changed_text)
    edited = dataclasses.replace(doc, turns=turns)
    parsed.clear()
    reused = extractor.extract(edited, analyses=kept).to_dict()
    assert parsed == [changed_text]
    parsed.clear()
    assert reused == extractor.extract(edited).to_dict()
    assert "Google" in {m["text"] for m in reused["mentions"]}


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.write_bytes(path.read_bytes()[:-20]),  # cut short
        lambda path: path.write_bytes(b"not zlib at all"),
        lambda path: path.unlink(),
    ],
    ids=["truncated", "garbage", "missing"],
)
def test_analyses_damaged_file_is_ignored_and_rewritten(extractor, parsed, tmp_path, spoil):
    doc = read_document(FIXTURES / "colon_transcript.txt")
    kept = AnalysesFile(tmp_path / "doc.spacy", "fp-1")
    plain = extractor.extract(doc, analyses=kept).to_dict()
    spoil(kept.path)
    parsed.clear()
    assert extractor.extract(doc, analyses=kept).to_dict() == plain
    assert len(parsed) == len(doc.turns) + len({t.section for t in doc.turns if t.section})
    parsed.clear()
    extractor.extract(doc, analyses=kept)
    assert parsed == []  # rewritten whole


def test_analyses_of_another_fingerprint_are_not_used(extractor, parsed, tmp_path):
    doc = read_document(FIXTURES / "colon_transcript.txt")
    extractor.extract(doc, analyses=AnalysesFile(tmp_path / "doc.spacy", "model-A"))
    parsed.clear()
    extractor.extract(doc, analyses=AnalysesFile(tmp_path / "doc.spacy", "model-B"))
    assert len(parsed) >= len(doc.turns)


def test_analyses_key_tells_a_text_from_prepared_lines(nlp):
    from kgraph.extract.texts import line_sentences

    text = "Write it down\nthen ship it."
    assert text_key(text) == text_key(text)
    assert text_key(text) != text_key(line_sentences(nlp, text))
    assert text_key(line_sentences(nlp, text)) == text_key(line_sentences(nlp, text))
