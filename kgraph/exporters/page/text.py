"""Text as the page shows it, and the page's shared tables: documents, speakers,
predicates, sentences and quotes, each written once and referred to by its number."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from kgraph.model import DocumentInfo

MAX_SENTENCE_CHARS = 220  # a quote is a sentence, or two of one turn joined by " … "

_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+")
# bidirectional embeddings, overrides, isolates and marks: none may reorder shown text
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]+")
_PROBE_SECONDS = 4321  # a time whose link shows where a document puts the seconds
_DOC_FIELDS = {f.name for f in dataclasses.fields(DocumentInfo)}


def shown(value: Any) -> str:
    """Document text as the page shows it: no control or bidirectional control characters."""
    text = str(value)
    if text.isascii() and text.isprintable():  # most text, at C speed
        return text
    return _BIDI.sub("", _CONTROL.sub(" ", text))


def one_sentence(text: Any) -> str:
    text = " ".join(shown(text or "").split())
    if len(text) > MAX_SENTENCE_CHARS:
        text = text[: MAX_SENTENCE_CHARS - 1].rstrip() + "…"
    return text


def safe_url(url: Any) -> str | None:
    """Only http(s) links reach the page (no ``javascript:``)."""
    return url if isinstance(url, str) and _SAFE_URL.fullmatch(url) else None


class Tables:
    """The page's shared tables -- documents, speakers, predicates, sentences, quotes --
    each entry written once and referred to by its number. A quote is its sentences (a
    co-mention of two entities no sentence names both joins theirs: most sentences of a
    large graph's quotes are in several), speaker, document, time and link."""

    def __init__(self, documents: list[dict[str, Any]]) -> None:
        self.docs: list[list[Any]] = []  # [title, date, link template ({t}: seconds), link]
        self.doc_number: dict[Any, int] = {}
        self.links: list[tuple[str | None, str | None]] = []
        for d in documents:
            if not isinstance(d, dict) or d.get("id") in self.doc_number:
                continue
            template, plain = document_links(d)
            self.doc_number[d.get("id")] = len(self.docs)
            title = shown(d.get("title") or d.get("id") or "")
            self.docs.append([title, shown(d.get("date") or ""), template, plain])
            self.links.append((template, plain))
        self.speakers: list[str] = []
        self.speaker_number: dict[str, int] = {}
        self.predicates: list[str] = []
        self.predicate_number: dict[str, int] = {}
        self.quotes: list[list[Any]] = []
        self.quote_number: dict[tuple[Any, ...], int] = {}
        self.sentences: list[str] = []
        self.sentence_number: dict[str, int] = {}
        self.chars = 0  # of the sentences so far: what a page's quote budget counts

    def predicate(self, name: Any) -> int:
        name = shown(name or "")
        number = self.predicate_number.get(name)
        if number is None:
            number = self.predicate_number[name] = len(self.predicates)
            self.predicates.append(name)
        return number

    def speaker(self, name: Any) -> int:
        name = shown(name)
        number = self.speaker_number.get(name)
        if number is None:
            number = self.speaker_number[name] = len(self.speakers)
            self.speakers.append(name)
        return number

    def quote(
        self,
        text: Any,
        speaker: Any = None,
        document: Any = None,
        time: Any = None,
        url: Any = None,
        known: bool = False,
    ) -> int:
        """The number of a quote ``[sentences, speaker, document, time(, url)]`` (-1: no
        text); ``sentences``: a sentence's number, or a list of them (joined by " … ").

        The link is left out when the document's own link at that time is the same (the
        page makes it), and is null when there is none. ``known``: only if its sentences
        are in the table already (-1 otherwise), for a page past its quote budget.
        """
        if not text or not str(text).strip():
            return -1
        key = (text, speaker, document, time, url)
        number = self.quote_number.get(key)
        if number is not None:
            return number
        s = self.speaker(speaker) if speaker else -1
        d = self.doc_number.get(document, -1)
        seconds = time if isinstance(time, (int, float)) and time >= 0 else None
        parts = []
        for part in str(text).split(" … "):
            n = self.sentence_number.get(part)  # as written, then as shown
            if n is None:
                sentence = one_sentence(part)
                if not sentence:
                    continue
                n = self.sentence_number.get(sentence)
                if n is None and known:
                    return -1
                if n is None:
                    n = len(self.sentences)
                    self.sentences.append(sentence)
                    self.sentence_number[sentence] = n
                    self.chars += len(sentence)
                self.sentence_number[part] = n
            parts.append(n)
        if not parts:
            return -1
        record: list[Any] = [parts[0] if len(parts) == 1 else parts, s, d, seconds]
        url = safe_url(url) if url else None
        made = link_at(*self.links[d], seconds) if d >= 0 else None
        if url != made:
            record.append(url)
        number = self.quote_number[key] = len(self.quotes)
        self.quotes.append(record)
        return number

    def evidence(self, ev: Any, known: bool = False) -> int:
        """The number of a stored Evidence dict's quote (-1 for anything else)."""
        if not isinstance(ev, dict):
            return -1
        return self.quote(
            ev.get("quote"), ev.get("speaker"), ev.get("document"), ev.get("time"), ev.get("url"),
            known,
        )  # fmt: skip

    def claim_quote(self, d: dict[str, Any]) -> int:
        """The number of a claim's quote (its edge data), -1 when it has none."""
        return self.quote(
            d.get("evidence"), d.get("speaker"), d.get("document"), d.get("time"), d.get("url")
        )

    def data(self) -> dict[str, list[Any]]:
        """The tables as the page reads them."""
        return {
            "quotes": self.quotes,
            "sentences": self.sentences,
            "speakers": self.speakers,
            "docs": self.docs,
            "predicates": self.predicates,
        }


def document_links(d: dict[str, Any]) -> tuple[str | None, str | None]:
    """A document's link to a moment as a template (``{t}``: whole seconds), and its link
    without a time, as ``DocumentInfo.url_at`` makes them."""
    try:
        info = DocumentInfo(**{k: v for k, v in d.items() if k in _DOC_FIELDS})
        probe, plain = info.url_at(float(_PROBE_SECONDS)), info.url_at(None)
    except (TypeError, ValueError):
        return None, None
    probe, plain = safe_url(probe), safe_url(plain)
    marker = str(_PROBE_SECONDS)
    template = probe.replace(marker, "{t}") if probe and probe.count(marker) == 1 else None
    return template, plain


def link_at(template: str | None, plain: str | None, seconds: float | None) -> str | None:
    """What the page makes of a document's links for a quote at ``seconds``."""
    if seconds is not None and template:
        return template.replace("{t}", str(int(seconds)))
    return plain
