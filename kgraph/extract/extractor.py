"""Extraction of one document: mentions of entities and claims, per turn.

The result is a pure function of (document text and metadata, model, patterns) and is
plain data (``to_dict``/``from_dict``, :mod:`kgraph.extract.extraction`) so the pipeline
can cache it by content hash. The parts: :mod:`~kgraph.extract.marks` (known people, book
titles), :mod:`~kgraph.extract.mentions`, :mod:`~kgraph.extract.topics` (concepts in the
document's own words), :mod:`kgraph.extract.claims.document`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kgraph.extract.analyses import AnalysesFile
from kgraph.extract.boilerplate import cues_of, find_boilerplate, mark_windows
from kgraph.extract.extraction import EXTRACTION_VERSION, DocumentExtraction, Mention, TurnRef
from kgraph.extract.marks import (
    book_answers,
    linked_books,
    linked_sites,
    mark_linked,
    mark_people,
    mark_titles,
)
from kgraph.extract.mentions import mentions_of
from kgraph.extract.patterns import Gazetteer, load_gazetteer
from kgraph.extract.stance_cues import cue_version, following_sentences, sentence_cues
from kgraph.extract.texts import line_sentences, opening, split_text
from kgraph.extract.topics import about_mentions, discovered, heading_mentions
from kgraph.model import Document


class Extractor:
    """spaCy extraction with kgraph's components; the model loads on first use."""

    def __init__(
        self, model: str | None = None, patterns: Path | None = None, batch_size: int = 32
    ):
        from kgraph.extract.nlp import default_model, model_version

        self.model = model or default_model()
        self.model_version = model_version(self.model)
        self.patterns = Path(patterns) if patterns else None
        self.gazetteer: Gazetteer = load_gazetteer(self.patterns)
        self.batch_size = batch_size
        self._nlp: Any = None

    @property
    def fingerprint(self) -> str:
        """Model name and version, patterns digest and extraction version."""
        return (
            f"{self.model}=={self.model_version};patterns={self.gazetteer.digest};"
            f"extraction={EXTRACTION_VERSION}"
        )

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from kgraph.extract.nlp import load_pipeline

            self._nlp = load_pipeline(self.model, self.patterns)
        return self._nlp

    def load(self) -> None:
        """Load the model now rather than on the first extraction."""
        self.nlp  # noqa: B018

    def extract(self, doc: Document, analyses: AnalysesFile | None = None) -> DocumentExtraction:
        """One document's extraction. With ``analyses``, the texts analysed there before
        (by this very pipeline) are taken from that file instead of parsed again, and the
        file is then rewritten with this document's analyses."""
        if analyses is None:
            return next(self.extract_many([doc]))
        from kgraph.extract.analyses import read_analyses, text_key, to_doc, write_analyses

        vocab = self.nlp.vocab
        texts = list(self._texts(doc, 0))
        keys = [text_key(text) for text, _ in texts]
        earlier = read_analyses(analyses, vocab)
        new = [text for (text, _), key in zip(texts, keys, strict=True) if key not in earlier]
        parsed = iter(self.nlp.pipe(new, batch_size=self.batch_size))
        sdocs = [
            to_doc(vocab, earlier[key]) if key in earlier else next(parsed)
            for (text, _), key in zip(texts, keys, strict=True)
        ]
        write_analyses(analyses, list(zip(keys, sdocs, strict=True)), vocab)  # before marking
        pending = [(doc, [], {})]
        analysed = zip(sdocs, (where for _, where in texts), strict=True)
        return next(self._assemble(analysed, pending))

    def extract_many(self, docs: Iterable[Document]) -> Iterator[DocumentExtraction]:
        """Extractions in input order; turns of all documents go through ``nlp.pipe``."""
        pending: list[tuple[Document, list[Any], dict[int, Any]]] = []

        def texts() -> Iterator[tuple[Any, tuple[int, int, bool]]]:
            for d_i, doc in enumerate(docs):
                pending.append((doc, [], {}))
                yield from self._texts(doc, d_i)

        analysed = self.nlp.pipe(texts(), as_tuples=True, batch_size=self.batch_size)
        yield from self._assemble(analysed, pending)

    def _texts(self, doc: Document, d_i: int) -> Iterator[tuple[Any, tuple[int, int, bool]]]:
        """What ``nlp.pipe`` analyses of a document, each with (document number, turn
        index or -1 for a document without turns, whether it is a section heading, or
        PIECE for a part of a long turn that more parts follow, ABOUT for the front matter's
        prose about the document)."""
        if not doc.turns:
            yield "", (d_i, -1, False)
        else:
            for text in doc.about:
                yield text, (d_i, 0, ABOUT)
        section = None
        for t_i, turn in enumerate(doc.turns):
            if turn.section and turn.section != section:
                yield turn.section, (d_i, t_i, True)  # headings name topics too
            section = turn.section
            pieces = split_text(turn.text, MAX_TEXT_CHARS)
            for p_i, piece in enumerate(pieces):
                where = (d_i, t_i, False if p_i == len(pieces) - 1 else PIECE)
                if doc.format == "article" and "\n" in piece:
                    yield line_sentences(self.nlp, piece), where
                else:
                    yield piece, where

    def _assemble(
        self,
        analysed: Iterable[tuple[Any, tuple[int, int, bool]]],
        pending: list[tuple[Document, list[Any], dict[int, Any]]],
    ) -> Iterator[DocumentExtraction]:
        """Each document's extraction once its last text is analysed (``pending`` lists
        the documents in order, filled as their texts are read)."""
        continued: set[int] = set()  # documents whose last turn analysed has more parts
        for spacy_doc, (d_i, t_i, heading) in analysed:
            doc, parsed, headings = pending[d_i]
            if heading is True:
                headings[t_i] = spacy_doc
                continue
            if heading is ABOUT:
                headings.setdefault(ABOUT_KEY, []).append(spacy_doc)
                continue
            if d_i in continued:
                from spacy.tokens import Doc

                parsed[-1] = Doc.from_docs([parsed[-1], spacy_doc], ensure_whitespace=False)
            elif t_i >= 0:
                parsed.append(spacy_doc)
            if heading is PIECE:
                continued.add(d_i)
                continue
            continued.discard(d_i)
            if t_i == len(doc.turns) - 1:  # also -1 for a document without turns
                yield self._document(doc, parsed, headings)
                pending[d_i] = (doc, [], {})  # free the Docs

    # ------------------------------------------------------------------ per document
    def _linked(self, doc: Document) -> tuple[dict[str, str], dict[str, str]]:
        """The books and organizations the article's links name, each with its canonical
        name (:func:`~kgraph.extract.marks.linked_books`, ``linked_sites``)."""
        gazetteer = self.gazetteer
        if not doc.cited:
            return {}, {}
        books = linked_books(doc.cited, gazetteer.link_cues.get("book_pages", []))
        sites = [s for s in linked_sites(doc.cited) if s not in books]
        canonical = {}
        for names, etype in ((books, "book"), (sites, "organization")):
            out = {}
            for name in names:
                hit = gazetteer.lookup(name, etype)
                out[name] = hit[1] if hit else name
            canonical[etype] = out
        return canonical["book"], canonical["organization"]

    def _document(
        self, doc: Document, parsed: list[Any], headings: dict[int, Any] | None = None
    ) -> DocumentExtraction:
        from kgraph.extract.claims import lexicon_of
        from kgraph.extract.claims.document import authors_books, document_claims
        from kgraph.extract.claims.quotes import reported_sentences
        from kgraph.extract.labels import CONCEPT_SPANS

        gazetteer = self.gazetteer
        cues = cues_of(gazetteer)
        speakers = [t.speaker for t in doc.turns]
        for sdoc, skip in zip(parsed, find_boilerplate(speakers, parsed, cues), strict=True):
            # sponsor reads, calls to action, notes; an article's list items apart
            mark_windows(sdoc, skip, cues.stage_note, doc.format == "article")
        people = self._known_people(doc)
        books, sites = self._linked(doc)
        for sdoc in parsed:
            mark_people(sdoc, people)
        answers = {doc.turns[t_i].index for t_i in book_answers(doc, parsed)}
        for t_i, turn in enumerate(doc.turns):
            if turn.index in answers:
                mark_titles(parsed[t_i])
        if books or sites:  # a link's address is stronger evidence than the words around
            for sdoc in parsed:
                mark_linked(sdoc, books, sites)
        mentions = mentions_of(gazetteer, doc, parsed, people)
        speakers, variants = self.speaker_names(doc, mentions)
        more = sorted(set(speakers.values()) | variants)
        if set(more) - set(people):
            for sdoc in parsed:
                mark_people(sdoc, more)
            mentions = mentions_of(gazetteer, doc, parsed, more)
        headings = dict(headings or {})
        about = headings.pop(ABOUT_KEY, [])
        mentions.extend(heading_mentions(gazetteer, doc, headings))
        mentions.extend(about_mentions(gazetteer, doc, about))
        mentions.extend(discovered(gazetteer, doc, parsed, CONCEPT_SPANS))
        mentions.extend(authors_books(gazetteer, mentions, answers))
        speech = lexicon_of(gazetteer).speech_verbs
        reported = sorted({s for sdoc in parsed for s in reported_sentences(sdoc, speech)})
        return DocumentExtraction(
            document=doc.info(),
            speakers=speakers,
            turns=[
                TurnRef(t.index, t.speaker, t.start, opening(sdoc))
                for t, sdoc in zip(doc.turns, parsed, strict=True)
            ],
            mentions=mentions,
            claims=document_claims(gazetteer, doc, parsed, speakers, mentions),
            cues=sentence_cues(mentions, reported),
            reported=reported,
            following=following_sentences(parsed, mentions, reported),
            cue_version=cue_version(),
        )

    @staticmethod
    def _known_people(doc: Document) -> list[str]:
        """Names the document's metadata gives: speaker labels, their full names, guests."""
        names = {t.speaker for t in doc.turns if t.speaker}
        names |= set(doc.speakers) | set(doc.speakers.values()) | set(doc.guests)
        if doc.author:
            names.add(doc.author)
        return sorted(n for n in names if n and n[:1].isupper())

    def speaker_names(
        self, doc: Document, mentions: list[Mention]
    ) -> tuple[dict[str, str], set[str]]:
        """Speaker label -> full name (the reader's map, else a name in the text whose first
        name matches the label, transcription variants allowed), and the variants seen."""
        from rapidfuzz import fuzz

        names = dict(doc.speakers)
        variants: set[str] = set()
        candidates = Counter(
            m.text
            for m in mentions
            if (m.type == "person" or m.source == "ner")
            and all(w[:1].isupper() for w in m.text.split())
            and not any(c.isdigit() for c in m.text)
        )
        generic = set(doc.generic_speakers)
        for label in dict.fromkeys(t.speaker for t in doc.turns if t.speaker):
            if len(label.split()) > 1 or label in generic:
                continue
            best: tuple[float, int, str] | None = None
            for name, count in sorted(candidates.items()):
                words = name.split()
                score = fuzz.ratio(label.lower(), words[0].lower())
                if score < 75 or len(words) > 3 or _short_form(label, words[0]):
                    continue
                if len(words) == 1:
                    variants.add(name)
                elif best is None or (score, count) > best[:2]:
                    best = (score, count, name)
            if best:
                variants.add(best[2])
                if label not in names:
                    names[label] = " ".join([label, *best[2].split()[1:]])
        return names, variants


def _short_form(a: str, b: str) -> bool:
    """One first name is a short form of another ("Alex"/"Alexey", "Chris"/"Christopher"):
    two different names people go by, not one name spelled two ways ("Valeri"/"Valerii"),
    so a speaker label never takes the surname of the other."""
    a, b = sorted((a.lower(), b.lower()), key=len)
    return a != b and b.startswith(a) and len(b) - len(a) >= 2


MAX_TEXT_CHARS = 100_000
"""The longest text spaCy analyses at once: a longer turn is analysed in parts (cut at a
sentence end, else at a space), whose analyses are joined into the turn's. spaCy refuses
texts over a million characters, and a very long text costs memory in every component."""
PIECE = 2  # see Extractor._texts
ABOUT = 3  # see Extractor._texts
ABOUT_KEY = -1
"""Where the analyses of ``Document.about`` wait among a document's headings (by turn)."""
