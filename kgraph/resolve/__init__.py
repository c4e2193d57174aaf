"""Resolution: the mentions of all documents -> one Entity per real thing, claims between
entity ids, every surface form kept as an alias.

- Types: one type per surface form, voted across the corpus (gazetteer and grammar votes
  outweigh statistical NER; speakers are people).
- People: speaker labels -> full names (:mod:`.speakers`); within a document a lone first
  name or surname -> the unique full name that carries it (:mod:`.people`); across
  documents names merge when they are near identical *and* corroborated (same speaker
  label, or documents sharing organizations) (:mod:`.clusters`). A first name alone never
  merges across documents unless it is the same speaker label.
- Organizations, roles, books, concepts: gazetteer canonical names, then normalised keys
  (case, plural, hyphens; "Siemens Russia" -> the known "Siemens") (:mod:`.names`).
"""

from __future__ import annotations

from pathlib import Path

from kgraph.extract import DocumentExtraction
from kgraph.extract.patterns import load_gazetteer
from kgraph.model import KnowledgeBase
from kgraph.resolve.resolver import Resolver

__all__ = ["Resolver", "resolve"]


def resolve(extractions: list[DocumentExtraction], patterns: Path | None = None) -> KnowledgeBase:
    """One Entity per real thing across ``extractions``; claims between entity ids."""
    return Resolver(list(extractions), load_gazetteer(patterns)).run()
