"""Helpers shared by the readers: timestamps, front matter, turns, the "no turns" error.
Decoding bytes is in :mod:`.decoding`, speaker names in :mod:`.speakers`."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from kgraph.errors import InputError
from kgraph.model import Turn
from kgraph.readers.metadata import top_level_lines

try:  # libyaml is ~10x faster on the corpus' 60 KB front matters
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader

# A timestamp such as 01:29.422, 1:02:03, 00:00:01,000 (SRT) or 75 seconds written as 1:15;
# a minus sign and fields over 59 are matched too, so that parse_timestamp can say what is
# wrong with the line instead of reading it as text.
TIMESTAMP = r"-?\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"


def parse_timestamp(value: str) -> float:
    """Seconds in ``"mm:ss.fff"``, ``"hh:mm:ss"`` or ``"hh:mm:ss,fff"``; ValueError saying
    what is wrong for a negative time or minutes or seconds over 59 (the first field, hours
    or minutes, has no bound).

    >>> parse_timestamp("01:29.422"), parse_timestamp("1:02:03"), parse_timestamp("00:00:01,5")
    (89.422, 3723.0, 1.5)
    """
    written = value.strip()
    if written.startswith("-"):
        raise ValueError(f"timestamp {written} is negative")
    parts = written.replace(",", ".").split(":")
    seconds = 0.0
    for position, part in enumerate(parts):
        number = float(part)
        if position and number >= 60:
            unit = "seconds" if position == len(parts) - 1 else "minutes"
            raise ValueError(f"timestamp {written} has {unit} over 59")
        seconds = seconds * 60 + number
    return round(seconds, 3)


TURNS_HINT = (
    "expected YAML transcript items, 'Name (mm:ss)' markers, subtitles, whisper JSON "
    "or paragraphs; use --format to force one"
)
YAML_HINT = "fix the YAML front matter at this line"


def no_turns(reason: str, path: str, line: int | None) -> InputError:
    """The error of a document with no turns: why, then what the readers expect."""
    return InputError(f"no recognisable turns: {reason}; {TURNS_HINT}", path=path, line=line)


def finite_seconds(value: Any) -> float | None:
    """``value`` as seconds when it is a finite, non-negative number; else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


@dataclass
class FrontMatter:
    """YAML front matter split from the text below it."""

    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the first body line in the file
    start_line: int  # 1-based line of the opening ``---``
    warnings: list[str] = field(default_factory=list)
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> file line


def front_matter_start(text: str) -> int | None:
    """0-based line index of an opening ``---`` fence, or None when there is no front matter.

    Blank lines, and up to two very short stray lines (a lone ``_``), may precede it.
    """
    lines = text.split("\n", 4)[:4]
    for index, line in enumerate(lines):
        if re.fullmatch(r"---[ \t]*", line):
            before = [x for x in lines[:index] if x.strip()]
            if len(before) <= 2 and all(len(x.strip()) <= 3 for x in before):
                return index
            return None
        if line.strip() and len(line.strip()) > 3:
            return None
    return None


def split_front_matter(text: str, path: str) -> FrontMatter | None:
    """The front matter of ``text`` parsed as YAML, or None when the text has none.

    InputError (with the line number) when the YAML is malformed or not a mapping.
    """
    start = front_matter_start(text)
    if start is None:
        return None
    lines = text.split("\n")
    end = next(
        (i for i in range(start + 1, len(lines)) if re.fullmatch(r"(---|\.\.\.)[ \t]*", lines[i])),
        None,
    )
    if end is None:
        raise InputError(
            "front matter opened with '---' is never closed", path=path, line=start + 1
        )
    source = "\n".join(lines[start + 1 : end])
    try:
        meta = yaml.load(source, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        _refuse_a_template(source, path, start + 2)
        mark = error.problem_mark or error.context_mark
        line = start + 2 + mark.line if mark is not None else start + 1
        problem = error.problem or error.context or "invalid YAML"
        message = f"malformed YAML front matter: {problem}; {YAML_HINT}"
        raise InputError(message, path=path, line=line) from None
    except RecursionError:
        message = f"malformed YAML front matter: nested too deeply; {YAML_HINT}"
        raise InputError(message, path=path, line=start + 1) from None
    except (yaml.YAMLError, TypeError, ValueError) as error:
        message = f"malformed YAML front matter: {error}; {YAML_HINT}"
        raise InputError(message, path=path, line=start + 1) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(
            f"front matter is a {type(meta).__name__}, expected 'key: value' lines",
            path=path,
            line=start + 2,
        )
    warnings = [f"line 1-{start}: ignored text before the front matter"] if start else []
    return FrontMatter(
        meta={str(k): v for k, v in meta.items()},
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
        start_line=start + 1,
        warnings=warnings,
        key_lines=top_level_lines(source, start + 2),
    )


def _refuse_a_template(source: str, path: str, first_line: int) -> None:
    """YAML that does not parse because it is a template's (``title: {{ title }}``): say
    so, at the first placeholder, rather than what the YAML parser makes of it."""
    if placeholder := re.search(r"\{\{[^{}\n]*\}\}", source):
        line = first_line + source[: placeholder.start()].count("\n")
        message = (
            f"a template, not a document: its front matter holds the placeholder "
            f"{placeholder[0]}; fill it in, or leave the file out"
        )
        raise InputError(message, path=path, line=line)


class TurnList:
    """Collects turns with consecutive indexes; drops empty ones."""

    def __init__(self, document: str):
        self.document = document
        self.turns: list[Turn] = []

    def add(
        self,
        speaker: str | None,
        start: float | None,
        section: str | None,
        text: str,
        line: int | None,
    ) -> None:
        text = text.strip()
        if text:
            self.turns.append(
                Turn(self.document, len(self.turns), speaker, start, section, text, line)
            )


LONG_TURN = 10_000  # characters; the longest turn of the three corpora is under 9,000


def long_turns(turns: list[Turn]) -> list[str]:
    """A warning for each turn so long that no speaker or paragraph break was found in it
    (a transcript pasted as one block): read as one turn, its co-mentions are coarse."""
    return [
        f"line {t.line or '?'}: one turn of {len(t.text):,} characters (no speaker or "
        "paragraph break found); break it into paragraphs or speaker lines"
        for t in turns
        if len(t.text) > LONG_TURN
    ]
