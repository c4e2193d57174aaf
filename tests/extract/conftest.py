"""Fixtures for the extraction tests: blank pipelines with kgraph's components, and the
trained pipeline (session-scoped, for the few slow tests that need a parser)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def blank_nlp():
    """spacy.blank("en") with the gazetteer, role grammar and book detector (no model)."""
    import spacy

    import kgraph.extract.factories  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("kgraph_gazetteer")
    nlp.add_pipe("kgraph_roles")
    nlp.add_pipe("kgraph_books")
    return nlp


@pytest.fixture(scope="session")
def extractor():
    """The default Extractor (loads the installed English model on first use)."""
    from kgraph.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp
