"""Text for the terminal: what documents hold is shown as text, wrapped to the width.

Every line the command line prints goes through :func:`visible`, so a transcript cannot
drive the terminal (clear the screen, colour it, plant an OSC 8 link, reverse text with a
bidi override): control characters are shown as escapes such as ``\\x1b``. Rich markup is
never interpreted (the consoles here have markup off), so ``[red]`` in a title is shown as
typed. Long lines wrap at spaces with a hanging indent when writing to a terminal (or when
``COLUMNS`` is set); piped output keeps one line per item for grep and friends. A reader
that closes the pipe early (``kgraph claims | head``) ends the output, not the command: the
exit code stays the command's own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.cells import cell_len

# C0 and C1 controls (tab and newline too: a field is one line), DEL, and the bidi
# embeddings, overrides and isolates that reorder what follows them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile("[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def visible(text: object) -> str:
    """``text`` on one line with every control character shown as an escape (``\\x1b``).

    >>> visible("Ann\\x1b[2J: hi\\nthere")
    'Ann\\\\x1b[2J: hi there'
    """
    text = _SPACES.sub(" ", str(text))
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (an echoed name stays short)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------------------- streams
class SafeStream:
    """sys.stdout or sys.stderr as they are at each write (tests swap them), where a
    closed pipe silences the rest of the output instead of raising."""

    def __init__(self, name: str):
        self.name = name
        self.closed_pipe = False

    @property
    def stream(self) -> TextIO:
        return getattr(sys, self.name)

    def write(self, text: str) -> int:
        if self.closed_pipe:
            return len(text)
        try:
            written = self.stream.write(text)
            self.stream.flush()  # a closed pipe shows here, not at interpreter exit
        except BrokenPipeError:
            self._pipe_closed()
            return len(text)
        return written

    def flush(self) -> None:
        if not self.closed_pipe:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._pipe_closed()

    def _pipe_closed(self) -> None:
        """Point the file descriptor at /dev/null so that the final flush succeeds too."""
        self.closed_pipe = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # a stream with no file descriptor
            pass

    def isatty(self) -> bool:
        try:
            return self.stream.isatty()
        except (AttributeError, ValueError):
            return False

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


stdout = SafeStream("stdout")
stderr = SafeStream("stderr")


def width(stream: SafeStream = stdout) -> int | None:
    """Columns to wrap at: ``COLUMNS`` when set, the terminal's width when ``stream`` is
    one, else None (piped output is not wrapped)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if stream.isatty():
        return shutil.get_terminal_size().columns
    return None


def wrap(text: str, columns: int | None, indent: int = 0, hang: int = 2) -> list[str]:
    """``text`` (made :func:`visible`) in lines of at most ``columns`` cells, broken at
    spaces only (a word longer than a line gets a line of its own), the first indented by
    ``indent`` spaces and the others by ``indent + hang``. Runs of spaces inside a line
    (alignment) are kept; leading spaces count as part of the first line's indent."""
    text = visible(text)
    first, rest = " " * indent, " " * (indent + hang)
    if columns is None:
        return [first + text]
    lines: list[str] = []
    line, space, fresh = first, "", True
    for token in re.findall(r" +|[^ ]+", text):
        if token[0] == " ":
            if fresh and line == first:
                line += token  # leading alignment
            else:
                space = token
            continue
        if not fresh and cell_len(line + space + token) > columns:
            lines.append(line)
            line = rest + token
        else:
            line += space + token
        space, fresh = "", False
    lines.append(line)
    return lines


def say(text: object = "", indent: int = 0, hang: int = 2) -> None:
    """One item on stdout, wrapped to the terminal with a hanging indent."""
    for line in wrap(str(text), width(stdout), indent, hang):
        stdout.write(line + "\n")


def tell(text: object) -> None:
    """One line on stderr (errors, notes): never wrapped, so it stays one line to grep."""
    stderr.write(visible(text) + "\n")


def print_json(obj: Any) -> None:
    """One JSON value on stdout. Characters a terminal would act on are ``\\u`` escapes
    (json escapes only C0 controls), so the JSON is the same and the terminal is safe."""
    text = json.dumps(obj, ensure_ascii=False)
    stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


# ----------------------------------------------------------------------------- lists
def listing(items: Sequence[Any], limit: int | None) -> dict[str, Any]:
    """A list as ``--json`` gives it wherever a list may be cut: ``{"total": how many
    there are, "truncated": whether some were left out, "items": the first ``limit``}``."""
    shown = list(items if limit is None else items[:limit])
    return {"total": len(items), "truncated": len(shown) < len(items), "items": shown}


def more(cut: dict[str, Any], indent: int = 0) -> None:
    """``… N more (use --limit)`` after a text list that was cut."""
    hidden = cut["total"] - len(cut["items"])
    if hidden > 0:
        say(f"… {hidden} more (use --limit)", indent)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 document``, ``2 documents``."""
    return f"{count} {word if count == 1 else words or word + 's'}"


# ----------------------------------------------------------------------------- progress
class StageProgress:
    """A long command's stages as bars on stderr, ``stage done/total``, drawn on a
    terminal only (a bar drawn to a pipe leaves blank lines). Call it as
    ``progress(stage, done, total)``; ``total`` None while unknown. On a clean exit the
    last frame is complete: a stage counted as it went gets its count as total, and a
    stage with nothing to do (every document from the cache) is not shown."""

    def __init__(self, console: Any):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.bar = Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __enter__(self) -> StageProgress:
        self.bar.start()
        return self

    def __exit__(self, error: type[BaseException] | None, *rest: object) -> None:
        if error is None:
            self.finish()
        self.bar.stop()

    def finish(self) -> None:
        for task in self.bar.tasks:
            total = task.completed if task.total is None else task.total
            self.bar.update(task.id, total=total, visible=total > 0)
        self.bar.refresh()
