"""Texts as spaCy reads them: long turns cut in parts, article lines as sentences, and the
sentence text around each token."""

from __future__ import annotations

from typing import Any


def sentences_at(sdoc: Any) -> list[str]:
    """The text of each token's sentence, stripped (``token.sent`` walks the sentence at
    each call: per entity of a long sentence, that is quadratic)."""
    at = [""] * len(sdoc)
    for sent in sdoc.sents:
        at[sent.start : sent.end] = [sent.text.strip()] * len(sent)
    return at


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in consecutive parts of at most ``limit`` characters (one part when it is
    short), each cut after the last sentence end or space before the limit if any."""
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(end) + len(end) for end in (". ", "? ", "! ", "\n"))
        if cut <= limit // 2:
            cut = window.rfind(" ") + 1
        if cut <= limit // 2:
            cut = limit
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def line_sentences(nlp: Any, text: str) -> Any:
    """An article paragraph as an unprocessed ``Doc`` whose every line starts a sentence
    (the parser keeps preset starts): list items written one per line have no full stop.
    Transcripts are not split so: their line breaks fall inside sentences."""
    sdoc = nlp.make_doc(text)
    for tok in sdoc[1:]:
        before = sdoc[tok.i - 1]
        if tok.is_space:
            continue
        if "\n" in before.text:
            tok.is_sent_start = True
        elif before.text[-1:] not in ".!?\u2026" and not before.is_space:
            tok.is_sent_start = False  # within a line, a sentence ends at a full stop only
    return sdoc


def opening(sdoc: Any, limit: int = 300) -> str:
    """First sentence of a turn, cut at ``limit`` characters."""
    first = next(iter(sdoc.sents), None) if len(sdoc) else None
    text = first.text.strip() if first is not None else ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
