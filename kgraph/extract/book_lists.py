"""Books by their neighbours: titles listed with a book, known titles said in lower case
after a verb of reading."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kgraph.extract.names import is_given_name
from kgraph.extract.normalize import norm_key
from kgraph.extract.titles import TitleRuns, subtitle_start

_LIST_WORDS = (",", "and", "or")
_READ_LEMMAS = {"read", "reread", "recommend", "love", "finish"}


class ListedTitles(TitleRuns):
    """The list rules of the book detector (which gives ``_plausible``, ``_named``,
    ``_book`` and ``_blocked``): items of one list are things of one kind."""

    def _listed_item(self, span: Span) -> bool:
        # a capital article opens a title: "The Quiet Harbor"
        words = span[1:] if len(span) > 2 and span[0].text in ("The", "A", "An") else span
        plausible = self._plausible(words, people_ok=True)  # type: ignore[attr-defined]
        return plausible and self._named(span)  # type: ignore[attr-defined]

    def listed_after(self, books: list[Span]) -> list[Span]:
        """Titles listed after a book ("books like Play Bigger and Niche Down", "Range,
        Drive or Grit"); a comma then "How to ..." opens the book's subtitle."""
        out = []
        for book in books:
            doc, k = book.doc, book.end
            while k + 1 < len(doc) and doc[k].lower_ in _LIST_WORDS:
                k += 1 + (doc[k].text == "," and doc[k + 1].lower_ in ("and", "or"))
                run = self._title_run(doc, k, 1) if k < len(doc) else None
                if run is None or run[0] != k or is_given_name(doc[k].text):
                    break  # "Grit and Mary and I": a person, no title
                span = doc[run[0] : run[1]]
                subtitle = subtitle_start(span) and norm_key(span.text) not in self.known
                if doc[k - 1].text == "," and subtitle:
                    self._blocked.append((run[0], span.sent.end))  # type: ignore[attr-defined]
                    break  # "Sales Pitch, How to Craft a Story": its subtitle
                if not self._listed_item(span) or self._clause_subject(span):
                    break
                out.append(self._book(doc, *run))  # type: ignore[attr-defined]
                k = run[1]
        return out

    def _clause_subject(self, span: Span) -> bool:
        """An unknown one-word item after a comma that a verb follows opens a clause, it
        ends no list: "In Anna Karenina, Tolstoy is ..." (not "Range, Drive or Grit")."""
        doc = span.doc
        if len(span) > 1 or norm_key(span.text) in self.known or span.end >= len(doc):
            return False
        return doc[span.start - 1].text == "," and doc[span.end].pos_ in ("VERB", "AUX")

    def listed_before(self, books: list[Span]) -> list[Span]:
        """Titles listed before a book ("Velvet Ledgers, The Quiet Harbor and High Output
        Management"): the runs back from it, each ended by a comma, "and" or "or"."""
        out = []
        for book in books:
            doc, k = book.doc, book.start
            while k >= 2 and doc[k - 1].lower_ in _LIST_WORDS:
                k -= 1 + (doc[k - 1].lower_ in ("and", "or") and doc[k - 2].text == ",")
                run = self._title_run(doc, k - 1, -1)
                if run is None or run[1] != k or is_given_name(doc[run[0]].text):
                    break  # "Mary and Grit": a person, no title
                if run[0] > 0 and doc[run[0] - 1].text in ("The", "A", "An"):
                    run = (run[0] - 1, run[1])  # its capital article: "The Quiet Harbor"
                span = doc[run[0] : run[1]]
                if len(span) < 2 and norm_key(span.text) not in self.known:
                    break  # "Yes, and Grit": one word alone is no title here
                if not self._listed_item(span):
                    break
                out.append(self._book(doc, *run))  # type: ignore[attr-defined]
                k = run[0]
        return out

    def lower_read(self, doc: Doc) -> list[Span]:
        """A known title of two words or more said in lower case after a verb of reading
        ("I read the hard thing about hard things"): a transcript does not capitalise it."""
        out = []
        for tok in doc:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in _READ_LEMMAS:
                continue
            start = tok.i + 1
            for end in range(min(len(doc), start + self.max_words), start + 1, -1):
                span = doc[start:end]
                if span[0].is_lower and span.text.lower() in self.forms:
                    out.append(self._book(doc, start, end))  # type: ignore[attr-defined]
                    break
        return out
