"""The ``kgraph`` program (also ``python -m kgraph``)."""

from kgraph.cli import app


def main() -> None:
    app()


if __name__ == "__main__":
    main()
