"""The project's own exceptions. Each renders as one line a user can act on."""

from __future__ import annotations


def quoted(text: str, limit: int = 60) -> str:
    """``text`` as an error message echoes it: quoted, escaped, and cut to ``limit``
    characters (a 10k-character query is not repeated back in full).

    >>> quoted("x" * 100, limit=8)
    "'xxxxxxx…'"
    """
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class KgraphError(Exception):
    """Base class: a problem the user can fix, reported as one line, never a traceback."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class UsageError(KgraphError):
    """An option or argument that cannot work, found before any work starts."""

    exit_code = 2


class InputError(KgraphError):
    """A document that cannot be read: empty, binary, malformed, or without turns."""


class PatternsError(KgraphError):
    """A user patterns (gazetteer) YAML file that cannot be used."""


class ModelError(KgraphError):
    """The requested spaCy pipeline is not installed or cannot be loaded."""


class GraphNotFoundError(KgraphError):
    """No built graph where a query command looked for one."""

    exit_code = 2


class EntityNotFoundError(KgraphError):
    """A name that matches no entity (or no ``what``: "speaker"); carries the closest
    suggestions, each as ``Label (type)`` for entities."""

    exit_code = 2

    def __init__(
        self,
        name: str,
        suggestions: list[str] | None = None,
        *,
        what: str = "entity",
        path: str | None = None,
    ):
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no {what} matches {quoted(name)}.{hint}", path=path)


class NoPathError(KgraphError):
    """Two entities exist but are not connected under the given constraints."""

    exit_code = 1
