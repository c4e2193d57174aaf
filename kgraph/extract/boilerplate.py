"""What in a document is not the conversation, and which sentences can relate two things.

Sponsor reads ("This episode is brought to you by X ... Get $1,000 off at x.com/show") and
calls to action ("subscribe on Apple Podcasts, Spotify") give no claims and no co-mentions;
their mentions stay (what they name is still found). The cues are data
(``kgraph/data/boilerplate.yaml``). Co-mentions are limited to a short window of sentences
of one turn and never cross an ellipsis: :func:`mark_windows` numbers the sentences.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from kgraph.model import HEADING_WINDOW

__all__ = [
    "HEADING_WINDOW",
    "cues_of",
    "default_lists",
    "find_boilerplate",
    "is_boilerplate",
    "mark_windows",
    "window_of",
]

MAX_READ = 15
"""Sentences at most from a sponsor read's opening cue to its end."""
MAX_BACK = 8
"""Sentences at most of a paragraph before an offer that belong to its sponsor read."""
ELLIPSIS_GAP = 100
"""What an ellipsis adds to the window number: more than any co-mention window spans
(``kgraph.graph.CO_MENTION_WINDOW``), so nothing on its two sides is co-mentioned."""
WINDOWS = "kgraph_windows"
"""Key of a Doc's ``user_data`` holding each token's window number (None: boilerplate)."""
_ELLIPSIS = re.compile(r"^(\.{3,}|\u2026+)$")
_LINK = re.compile(r"\b([a-z0-9-]+)\.(?:com|io|ai|co|org|net|app|dev|fm|so)\b", re.I)


@dataclass(frozen=True)
class Cues:
    """The compiled lists of ``boilerplate.yaml``."""

    sponsor_start: re.Pattern[str]
    sponsor_link: re.Pattern[str]
    site: re.Pattern[str]
    offer: re.Pattern[str]
    sponsor_mention: re.Pattern[str]
    call_to_action: re.Pattern[str]
    stage_note: re.Pattern[str]

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]]) -> Cues:
        def compile_(name: str) -> re.Pattern[str]:
            return re.compile("|".join(f"(?:{p})" for p in lists.get(name) or []) or r"(?!)", re.I)

        return cls(*(compile_(name) for name in cls.__dataclass_fields__))


@functools.cache
def default_lists() -> dict[str, list[str]]:
    """The lists of ``kgraph/data/boilerplate.yaml`` alone, read as the gazetteer reads
    it (:func:`kgraph.extract.patterns.read_patterns_file`): for quote ranking
    (:mod:`kgraph.evidence`), which needs no other vocabulary."""
    from kgraph.extract.patterns import DATA_DIR, Gazetteer, read_patterns_file

    into = Gazetteer()
    read_patterns_file(DATA_DIR / "boilerplate.yaml", into)
    return into.boilerplate


def cues_of(gazetteer: Any) -> Cues:
    """The boilerplate cues of a gazetteer (compiled once)."""
    cached = gazetteer.__dict__.get("_boilerplate_cues")
    if cached is None:
        cached = gazetteer.__dict__["_boilerplate_cues"] = Cues.from_lists(gazetteer.boilerplate)
    return cached


def find_boilerplate(speakers: list[str | None], parsed: list[Any], cues: Cues) -> list[set[int]]:
    """Per turn (``speakers[i]`` speaks ``parsed[i]``), the start token indexes of its
    boilerplate sentences. A sponsor read opens at its cue and runs, through the same
    speaker's following turns, to a vanity link or an offer at a site (at most
    :data:`MAX_READ` sentences; without one it is no read). An offer at a vanity link with
    no read open ends one that began without a cue: back to its paragraph's start, and
    into the speaker's paragraph before from where that names the link's brand. A call to
    action, and a sponsor named as one, is one sentence."""
    flat = [(i, sent) for i, sdoc in enumerate(parsed) for sent in sdoc.sents]
    marked: set[int] = set()
    k = 0
    while k < len(flat):
        text = flat[k][1].text
        end = _read_end(flat, k, speakers, cues) if cues.sponsor_start.search(text) else None
        if end is not None:
            marked.update(range(k, end + 1))
            k = end + 1
            continue
        offers = bool(cues.sponsor_link.search(text) and cues.offer.search(text))
        if offers:
            marked.update(_read_before(flat, k, speakers))
        if offers or cues.call_to_action.search(text) or cues.sponsor_mention.search(text):
            marked.add(k)
        k += 1
    found: list[set[int]] = [set() for _ in parsed]
    for k in marked:
        turn, sent = flat[k]
        found[turn].add(sent.start)
    return found


def _read_end(
    flat: list[tuple[int, Any]], k: int, speakers: list[str | None], cues: Cues
) -> int | None:
    """The last sentence of the sponsor read opening at ``flat[k]``: the first after it
    (same speaker, following turns) with a vanity link, an offer at a site, or the site of
    the brand the opening names; None when there is none within :data:`MAX_READ`
    sentences (then it is no read)."""
    turn = flat[k][0]
    opening = {w.lower() for w in re.findall(r"\w+", flat[k][1].text)}
    for j in range(k, min(len(flat), k + MAX_READ)):
        t, sent = flat[j]
        if speakers[t] != speakers[turn] or (j > k and t - flat[j - 1][0] > 1):
            return None
        text = sent.text
        if cues.sponsor_link.search(text) or (cues.site.search(text) and cues.offer.search(text)):
            return j
        if any(m.group(1).lower() in opening for m in _LINK.finditer(text)):
            return j  # the site of the brand the opening names: "... today at webflow.com"
    return None


def _read_before(flat: list[tuple[int, Any]], k: int, speakers: list[str | None]) -> list[int]:
    """The sentences before the offer at ``flat[k]`` that belong to its read: its
    paragraph's, then those of the speaker's paragraph before, from where that names the
    offer's brand ("That's where Vanta comes in ... Get $1,000 off at vanta.com/show")."""
    turn = flat[k][0]
    out = [j for j in range(max(0, k - MAX_BACK), k) if flat[j][0] == turn]
    brand = _LINK.search(flat[k][1].text)
    if not out or out[0] == 0 or brand is None:
        return out
    first = out[0]
    previous = flat[first - 1][0]
    if previous != turn - 1 or speakers[previous] != speakers[turn]:
        return out
    named = re.compile(rf"\b{re.escape(brand.group(1))}\b", re.I)
    before = [j for j in range(max(0, first - MAX_BACK), first) if flat[j][0] == previous]
    since = next((j for j in before if named.search(flat[j][1].text)), None)
    return out if since is None else list(range(since, first)) + out


def mark_windows(
    sdoc: Any,
    boilerplate: set[int],
    note: re.Pattern[str] | None = None,
    lines_apart: bool = False,
) -> None:
    """Number the sentences of one turn for co-mention windows, in ``sdoc.user_data``:
    one more per sentence, :data:`ELLIPSIS_GAP` more after an ellipsis, None in a
    boilerplate sentence and in a transcriber's note (``note``: "[Ana laughs]",
    "(crosstalk)"), which says nothing of what it names (see :func:`window_of`).
    ``lines_apart`` (an article, whose line breaks end list items): a sentence after a line
    break is :data:`ELLIPSIS_GAP` further, so two items of a list are never co-mentioned."""
    windows: list[int | None] = [None] * len(sdoc)
    aside = _notes(sdoc, note) if note is not None else set()
    number = -1
    for sent in sdoc.sents:
        number += 1
        if lines_apart and sent.start and "\n" in sdoc[sent.start - 1].text_with_ws:
            number += ELLIPSIS_GAP
        for token in sent:
            if _ELLIPSIS.match(token.text):
                number += ELLIPSIS_GAP
            elif sent.start not in boilerplate and token.i not in aside:
                windows[token.i] = number
    sdoc.user_data[WINDOWS] = windows


_BRACKETED = re.compile(r"\[([^\[\]]{1,80})\]|\(([^()]{1,80})\)")


def _notes(sdoc: Any, note: re.Pattern[str]) -> set[int]:
    """The tokens of the bracketed notes of a transcript ("[Ana agrees]", "(laughter)"):
    brackets whose words ``note`` finds, not a link's text ("[Lara Hogan]") nor an aside."""
    text = sdoc.text
    if "[" not in text and "(" not in text:
        return set()
    out: set[int] = set()
    for m in _BRACKETED.finditer(text):
        if note.search(m.group(1) or m.group(2)):
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


def window_of(span: Any) -> int | None:
    """The window number of a span of a marked Doc (None: boilerplate, or not marked)."""
    windows = span.doc.user_data.get(WINDOWS)
    return windows[span.start] if windows is not None else None


def is_boilerplate(sent: Any) -> bool:
    """Whether a sentence of a marked Doc is boilerplate (an unmarked Doc has none)."""
    windows = sent.doc.user_data.get(WINDOWS)
    return windows is not None and all(windows[i] is None for i in range(sent.start, sent.end))
