"""The ``kgraph`` program (also ``python -m kgraph``).

For ``kgraph build`` it first forks the warm extraction worker (:mod:`kgraph.workers`),
before the command line is even parsed, so that spaCy is imported while the program starts;
then it runs :func:`kgraph.cli.run`.
"""

import sys


def main() -> None:
    if sys.argv[1:2] == ["build"]:
        from kgraph.workers import start_warm

        start_warm()
    from kgraph.cli import run

    run()


if __name__ == "__main__":
    main()
