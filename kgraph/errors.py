"""The project's own exceptions. Each renders as one line a user can act on."""

from __future__ import annotations


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
    """A name that matches no entity; carries the closest suggestions."""

    exit_code = 2

    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no entity matches {name!r}.{hint}")


class NoPathError(KgraphError):
    """Two entities exist but are not connected under the given constraints."""

    exit_code = 1
