"""The ``kgraph`` command line (:mod:`kgraph.cli.app`)."""

from kgraph.cli.app import app

__all__ = ["app"]
