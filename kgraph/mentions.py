"""Names found in text as whole words, any case, spaces and hyphens alike, a plural
ending allowed: how the views and the graph tell where a quote names a thing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """One match of :class:`Mentions`, read like a regular expression's match."""

    text: str
    begin: int
    stop: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def span(self) -> tuple[int, int]:
        return self.begin, self.stop

    def group(self, index: int = 0) -> str:
        return self.text[self.begin : self.stop]


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


class Mentions:
    """Names found by plain string search, not a regular expression: a view looks for
    hundreds of names, each in a few quotes, and compiling a pattern per name cost more
    than all the searching. Matches as ``(?<!\\w)(?:name1|name2...)(?:e?s)?(?!\\w)``
    would, names longest first, the words of a name joined by any run of spaces and
    hyphens, any case: leftmost, then the longest name, never overlapping."""

    def __init__(self, forms: Iterable[str]) -> None:
        unique = sorted({f for f in forms if f.strip()}, key=lambda f: (-len(f), f))
        split = (re.split(r"[\s\-]+", f.strip().lower()) for f in unique)
        self.forms = [words for words in ([w for w in ws if w] for ws in split) if words]

    def _at(self, low: str, start: int, words: list[str]) -> int | None:
        """The end of ``words`` matched at ``start`` with a plural ending, else None."""
        i = start + len(words[0])
        for word in words[1:]:
            gap = i
            while gap < len(low) and (low[gap].isspace() or low[gap] == "-"):
                gap += 1
            if gap == i or not low.startswith(word, gap):
                return None
            i = gap + len(word)
        for ending in ("es", "s", ""):
            if low.startswith(ending, i) and not _word_char(low, i + len(ending)):
                return i + len(ending)
        return None

    def _first_from(self, text: str, low: str, pos: int) -> Mention | None:
        best: tuple[int, int, int] | None = None  # (start, name order, end)
        for order, words in enumerate(self.forms):
            start = low.find(words[0], pos)
            while start >= 0 and (best is None or start < best[0]):
                end = None if _word_char(low, start - 1) else self._at(low, start, words)
                if end is not None:
                    best = (start, order, end)
                    break
                start = low.find(words[0], start + 1)
        return Mention(text, best[0], best[2]) if best else None

    def finditer(self, text: str) -> Iterator[Mention]:
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer: keep positions
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        pos = 0
        while (found := self._first_from(text, low, pos)) is not None:
            yield found
            pos = max(found.end(), found.start() + 1)

    def search(self, text: str) -> Mention | None:
        return next(self.finditer(text), None)
