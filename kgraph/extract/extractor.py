"""Extraction of one document: mentions of entities and claims, per turn.

The result is a pure function of (document text and metadata, model, patterns) and is
plain data (``to_dict``/``from_dict``) so the pipeline can cache it by content hash.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kgraph.extract.analyses import AnalysesFile
from kgraph.extract.boilerplate import (
    HEADING_WINDOW,
    cues_of,
    find_boilerplate,
    mark_windows,
    window_of,
)
from kgraph.extract.claims import Ref
from kgraph.extract.normalize import norm_key
from kgraph.extract.patterns import Gazetteer, load_gazetteer
from kgraph.model import Document, DocumentInfo

EXTRACTION_VERSION = "9"
_DANGLING = {"of", "for", "and", "the", "at", "&"}
"""Words no name ends with: the statistical NER stopped before the rest of the name."""
_ABSTRACT = re.compile(r"(tion|ment|ship|ism|ance|ence|ness|ing|ics|cy)$")


@dataclass(slots=True)  # ~10^5 per corpus: no __dict__ each
class Mention:
    """An entity as found in one turn: type, surface text, key (canonical when known),
    the sentence around it, and how it was found (gazetteer, grammar, ner, book, discovered)."""

    type: str
    text: str
    key: str
    turn: int
    sentence: str
    source: str
    window: int | None = None  # co-mention window of its sentence (kgraph.extract.boilerplate)


@dataclass
class ClaimMention:
    """A claim found in one sentence of one turn, before resolution."""

    subject: Ref
    predicate: str
    object: Ref
    turn: int
    sentence: str
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject.to_dict(),
            "predicate": self.predicate,
            "object": self.object.to_dict(),
            "turn": self.turn,
            "sentence": self.sentence,
            "negated": self.negated,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ClaimMention:
        return cls(
            Ref.from_dict(d["subject"]),
            d["predicate"],
            Ref.from_dict(d["object"]),
            d["turn"],
            d["sentence"],
            bool(d.get("negated", False)),
        )


@dataclass(slots=True)
class TurnRef:
    """What resolution needs of a turn: its index, speaker label, start time, and its
    first sentence (the quote of the speaker's own mention)."""

    index: int
    speaker: str | None
    start: float | None
    opening: str = ""


@dataclass
class DocumentExtraction:
    """Everything extraction found in one document."""

    document: DocumentInfo
    speakers: dict[str, str] = field(default_factory=dict)  # label -> full name
    turns: list[TurnRef] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[ClaimMention] = field(default_factory=list)
    version: str = EXTRACTION_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "document": asdict(self.document),
            "speakers": dict(self.speakers),
            "turns": [asdict(t) for t in self.turns],
            "mentions": [asdict(m) for m in self.mentions],
            "claims": [c.to_dict() for c in self.claims],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentExtraction:
        return cls(
            document=DocumentInfo(**d["document"]),
            speakers=dict(d.get("speakers", {})),
            turns=[TurnRef(**t) for t in d.get("turns", [])],
            mentions=[Mention(**m) for m in d.get("mentions", [])],
            claims=[ClaimMention.from_dict(c) for c in d.get("claims", [])],
            version=d.get("version", EXTRACTION_VERSION),
        )


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
        PIECE for a part of a long turn that more parts follow)."""
        if not doc.turns:
            yield "", (d_i, -1, False)
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
    def _document(
        self, doc: Document, parsed: list[Any], headings: dict[int, Any] | None = None
    ) -> DocumentExtraction:
        from kgraph.extract.claims import find_claims, lexicon_of
        from kgraph.extract.labels import CONCEPT_SPANS, TYPES

        cues = cues_of(self.gazetteer)
        speakers = [t.speaker for t in doc.turns]
        for sdoc, skip in zip(parsed, find_boilerplate(speakers, parsed, cues), strict=True):
            mark_windows(sdoc, skip)  # sponsor reads, calls to action: no claims, no pairs
        people = self._known_people(doc)
        for sdoc in parsed:
            mark_people(sdoc, people)
        answers = {doc.turns[t_i].index for t_i in book_answers(doc, parsed)}
        for t_i, turn in enumerate(doc.turns):
            if turn.index in answers:
                mark_titles(parsed[t_i])
        mentions = self._mentions(doc, parsed, people)
        speakers, variants = self.speaker_names(doc, mentions)
        more = sorted(set(speakers.values()) | variants)
        if set(more) - set(people):
            for sdoc in parsed:
                mark_people(sdoc, more)
            mentions = self._mentions(doc, parsed, more)
        for t_i, hdoc in sorted((headings or {}).items()):
            section = doc.turns[t_i].section
            turns = [t for t in doc.turns[t_i:] if t.section == section]
            # An article's heading is its author's topic for every paragraph under it. A
            # transcript's section title is an editor's summary: its known terms are
            # mentioned once, at the section's first turn, not in every turn of it (they
            # made 69% of the corpus mentions of "strategy", 38% of "machine learning").
            named = turns if doc.format == "article" else turns[:1]
            # the author's heading relates to every sentence of each paragraph under it; an
            # editor's title relates nothing (no co-mentions)
            window = HEADING_WINDOW if doc.format == "article" else None
            known = []
            for ent in hdoc.ents:  # a heading names the topic of every turn under it
                etype = TYPES[ent.label_]
                # Title Case fools NER and title detection: keep known terms only
                if self._source(ent, etype) not in ("gazetteer", "grammar") and not (
                    etype == "book" and self.gazetteer.lookup(ent.kb_id_, "book")
                ):
                    continue
                known.append(ent)
                for key in (ent.kb_id_ or ent.text).split("|"):
                    for turn in named:
                        mentions.append(
                            Mention(
                                etype,
                                ent.text,
                                key,
                                turn.index,
                                hdoc.text.strip(),
                                self._source(ent, etype),
                                window,
                            )
                        )
            # An article's headings are its author's words; a transcript's section titles
            # are an editor's summary of what was said, read for known terms only.
            topics = heading_topics(hdoc, known, self.gazetteer) if doc.format == "article" else []
            heading = hdoc.text.strip()
            for text, key in topics:  # the topic the heading names in its own words
                for turn in turns:
                    mentions.append(
                        Mention("concept", text, key, turn.index, heading, "discovered", window)
                    )
        discovered = self._discovered(doc, parsed, CONCEPT_SPANS)
        mentions.extend(discovered)
        mentions.extend(self._authors_books(mentions, answers))
        guests = [g for g in doc.guests]
        labels = list(dict.fromkeys(t.speaker for t in doc.turns if t.speaker))
        claims: list[ClaimMention] = []
        words = lexicon_of(self.gazetteer)
        speaker_default = doc.author
        generic = set(doc.generic_speakers)  # "Host", "SPEAKER_00": roles, not people
        for turn, sdoc in zip(doc.turns, parsed, strict=True):
            speaker = (None if turn.speaker in generic else turn.speaker) or speaker_default
            guest = self._guest_for(speaker, speakers, guests, labels)
            for raw in find_claims(sdoc, speaker, guest, turn.index, words):
                claims.append(
                    ClaimMention(
                        raw.subject,
                        raw.predicate,
                        raw.object,
                        turn.index,
                        raw.sentence,
                        raw.negated,
                    )
                )
        claims.extend(self._known_authors(mentions, claims))
        claims.extend(self._recommended_books(claims))
        return DocumentExtraction(
            document=doc.info(),
            speakers=speakers,
            turns=[
                TurnRef(t.index, t.speaker, t.start, _opening(sdoc))
                for t, sdoc in zip(doc.turns, parsed, strict=True)
            ],
            mentions=mentions,
            claims=claims,
        )

    def _mentions(
        self, doc: Document, parsed: list[Any], known: Iterable[str] = ()
    ) -> list[Mention]:
        """Mentions of the entities in each turn. Statistical names that the document also
        writes in lower case ("Calendar" at least as often as "calendar", "Product
        Engineering" beside "product engineering") are common words, not names, unless the
        metadata names them; a statistical person or
        organization takes the type its mentions in the whole document support
        (:func:`name_types`)."""
        from kgraph.extract.labels import TYPES

        known = set(known)
        lower_counts = Counter(t.text for sdoc in parsed for t in sdoc if t.is_lower and t.is_alpha)
        lower = set(lower_counts)
        capital_counts = Counter(
            t.lower_ for sdoc in parsed for t in sdoc if t.is_title and not t.is_sent_start
        )
        lower_nouns = {
            t.text for sdoc in parsed for t in sdoc if t.pos_ == "NOUN" and t.text in lower
        }
        written = "\n".join(t.text for t in doc.turns)
        found: list[tuple[int, Any, str, str]] = []
        for turn, sdoc in zip(doc.turns, parsed, strict=True):
            companies = self._known_tokens(sdoc, "ORG")  # known organizations named here
            tools = self._known_tokens(sdoc, "CONCEPT")  # and known tools, practices
            sentence_at = _sentences(sdoc)
            for ent in sdoc.ents:
                etype = TYPES[ent.label_]
                source = self._source(ent, etype)
                words = [t for t in ent if t.is_alpha]
                lone_name = (
                    source == "ner"
                    and etype == "person"
                    and len(ent) == 1
                    and ent.text not in known
                )
                if lone_name and _listed_with(ent, companies):
                    etype, source = "organization", "grammar"
                elif lone_name and _listed_with(ent, tools):  # "Jenkins or GitHub Actions"
                    etype, source = "concept", "grammar"
                elif lone_name and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN":
                    continue  # names a kind of thing: "a Skunkworks project", "Pokemon pipeline"
                if source == "ner" and ent[-1].lower_ in _DANGLING:
                    continue  # a name cut short by a known term: "Department of" [Data Science]
                if (
                    source == "ner"
                    and ent.text not in known
                    and words
                    and len(words) == len(ent)
                    and all(t.lower_ in lower for t in words)
                    and (
                        _written_lower(ent.text, written)
                        if len(words) > 1
                        else lower_counts[words[0].lower_] >= capital_counts[words[0].lower_]
                    )
                ):
                    continue
                if (
                    source == "ner"
                    and etype == "person"
                    and ent.text not in known
                    and _thing_named_like_a_person(ent, lower_nouns)
                ):
                    continue
                found.append((turn.index, ent, etype, source, sentence_at[ent.start]))
        types = name_types(
            [(ent, etype) for _, ent, etype, source, _ in found if source == "ner"],
            known,
            self.gazetteer.name_word_sets(),
        )
        mentions: list[Mention] = []
        for turn_index, ent, etype, source, sentence in found:
            if source == "ner" and ent.text in types:
                etype = types[ent.text]
                if etype is None:
                    continue
            for key in (ent.kb_id_ or ent.text).split("|"):
                mentions.append(
                    Mention(etype, ent.text, key, turn_index, sentence, source, window_of(ent))
                )
        return mentions

    def _books_of(self, author: str) -> list[str]:
        """The known books of a known author."""
        by_author = self.__dict__.get("_by_author")
        if by_author is None:
            by_author = self.__dict__["_by_author"] = {}
            for title, name in sorted(self.gazetteer.book_authors.items()):
                by_author.setdefault(name, []).append(title)
        return by_author.get(author, [])

    def _authors_books(self, mentions: list[Mention], answers: set[int]) -> list[Mention]:
        """An author named in an answer about books stands for their book when the
        gazetteer knows one book of theirs ("anything by Donella Meadows")."""
        named = {(m.turn, m.key) for m in mentions if m.type == "book"}
        out: list[Mention] = []
        for m in mentions:
            if m.type != "person" or m.turn not in answers:
                continue
            titles = self._books_of(m.key)
            if len(titles) != 1 or (m.turn, titles[0]) in named:
                continue
            named.add((m.turn, titles[0]))
            out.append(Mention("book", titles[0], titles[0], m.turn, m.sentence, "book", m.window))
        return out

    def _recommended_books(self, claims: list[ClaimMention]) -> list[ClaimMention]:
        """A recommendation of the author of one known book recommends that book too."""
        out = []
        for c in claims:
            titles = self._books_of(c.object.key) if c.object.type == "person" else []
            if c.predicate == "recommends" and len(titles) == 1:
                book = Ref("book", titles[0], titles[0])
                out.append(
                    ClaimMention(c.subject, c.predicate, book, c.turn, c.sentence, c.negated)
                )
        return out

    def _known_authors(
        self, mentions: list[Mention], claims: list[ClaimMention]
    ) -> list[ClaimMention]:
        """ "wrote" claims for a known book whose known author the document also names."""
        people = {m.key: m for m in mentions if m.type == "person"}
        found = {(c.subject.key, c.object.key) for c in claims if c.predicate == "wrote"}
        out: list[ClaimMention] = []
        for m in mentions:
            author = self.gazetteer.book_authors.get(m.key) if m.type == "book" else None
            if not author or (author, m.key) in found:
                continue
            named = next(
                (
                    p
                    for key, p in sorted(people.items())
                    if key == author or key == author.split()[-1]
                ),
                None,
            )
            if named is not None:
                found.add((author, m.key))
                out.append(
                    ClaimMention(
                        Ref("person", named.text, named.key),
                        "wrote",
                        Ref("book", m.text, m.key),
                        m.turn,
                        m.sentence,
                    )
                )
        return out

    @staticmethod
    def _known_people(doc: Document) -> list[str]:
        """Names the document's metadata gives: speaker labels, their full names, guests."""
        names = {t.speaker for t in doc.turns if t.speaker}
        names |= set(doc.speakers) | set(doc.speakers.values()) | set(doc.guests)
        if doc.author:
            names.add(doc.author)
        return sorted(n for n in names if n and n[:1].isupper())

    def _known_tokens(self, sdoc: Any, label: str) -> set[int]:
        """Indexes of the tokens of the gazetteer's entities labelled ``label`` in ``sdoc``."""
        from kgraph.extract.labels import TYPES

        return {
            i
            for ent in sdoc.ents
            if ent.label_ == label and self._source(ent, TYPES[label]) == "gazetteer"
            for i in range(ent.start, ent.end)
        }

    def _source(self, ent: Any, etype: str) -> str:
        if not ent.kb_id_:
            return "ner"
        if etype == "book":
            return "book"
        known = self.gazetteer.lookup(ent.kb_id_, etype)
        return "gazetteer" if known and known[1] == ent.kb_id_ else "grammar"

    @staticmethod
    def _guest_for(
        speaker: str | None, speakers: dict[str, str], guests: list[str], labels: list[str]
    ) -> str | None:
        """Who "he"/"she" most likely is in a turn of ``speaker``: a guest who is not them."""
        full = speakers.get(speaker or "", speaker)
        if full in guests or speaker in guests:
            return None  # a guest's "he"/"she" is someone else we cannot tell
        for guest in guests:
            if guest != full and guest != speaker:
                return guest
        others = [label for label in labels if label != speaker]
        return others[0] if len(others) == 1 else None

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

    def _discovered(self, doc: Document, parsed: list[Any], key: str) -> list[Mention]:
        """Noun phrases kept as concepts: they recur in the document or end in a domain head."""
        candidates: list[Mention] = []
        for turn, sdoc in zip(doc.turns, parsed, strict=True):
            for span in sdoc.spans.get(key, []):
                if span.label_ != "CONCEPT":
                    continue
                candidates.append(
                    Mention(
                        "concept",
                        span.text,
                        span.kb_id_,
                        turn.index,
                        span.sent.text.strip(),
                        "discovered",
                        window_of(span),
                    )
                )
        counts = Counter(norm_key(m.key) for m in candidates)
        return [m for m in candidates if self._keep_discovered(m.key, counts[norm_key(m.key)])]

    def _keep_discovered(self, key: str, count: int) -> bool:
        """A discovered noun phrase is a concept when it ends in a domain head or recurs
        (and its head is not generic); a single word when it is an abstract noun that
        recurs often."""
        words = key.split()
        heads = self.gazetteer.concept_heads
        stop = self.gazetteer.stopwords
        if len(words) >= 2:
            if words[-1] in stop and words[-1] not in heads:
                return False  # "transition point", "legal team"
            return count >= 2 or words[-1] in heads
        return (
            count >= 5
            and re.fullmatch(r"[a-z]{5,}", key) is not None
            and key not in stop
            and _ABSTRACT.search(key) is not None
        )


_VERSUS = {"vs", "versus"}


def heading_topics(
    heading: Any, known: Iterable[Any], gazetteer: Gazetteer
) -> list[tuple[str, str]]:
    """Noun phrases a section heading names, as ``(text, key)``.

    Title Case defeats the tagger ("Engineering Brand Efforts" is three proper nouns), so
    the phrases are read from the words: runs of content words between function words,
    punctuation, numbers and the ``known`` entity spans already taken. A run loses leading
    generic modifiers and a trailing topic wrapper ("Engineering Brand Efforts" ->
    "engineering brand"); it is no topic when it then ends in a generic word or a modifier
    ("Handling Tough Questions"), is cut by a hyphen, or is not two to four words long.
    """
    names = [ent for ent in heading.ents if ent.label_ == "PERSON"]  # people are no topics
    taken = {i for span in (*known, *names) for i in range(span.start, span.end)}
    runs: list[list[Any]] = [[]]
    for token in heading:
        if token.i in taken or token.is_stop or not token.is_alpha or token.lower_ in _VERSUS:
            runs.append([])
        else:
            runs[-1].append(token)
    topics: list[tuple[str, str]] = []
    for run in runs:
        if not run:
            continue
        before = heading[run[0].i - 1] if run[0].i > 0 else None
        after = heading[run[-1].i + 1] if run[-1].i + 1 < len(heading) else None
        if (before is not None and before.text == "-") or (after is not None and after.text == "-"):
            continue
        while run and run[0].lower_ in gazetteer.generic_modifiers:
            run = run[1:]
        if run and norm_key(run[-1].lower_) in gazetteer.topic_wrappers:
            run = run[:-1]
        if not 2 <= len(run) <= 4:
            continue
        last = run[-1].lower_
        if norm_key(last) in gazetteer.stopwords or last in gazetteer.generic_modifiers:
            continue
        if run[-1].pos_ and run[-1].pos_ not in ("NOUN", "PROPN"):
            continue  # "Interviewers Seek", "Ingestion Explained": no noun phrase
        span = heading[run[0].i : run[-1].i + 1]
        topics.append((span.text, norm_key(span.text)))
    return topics


def _written_lower(phrase: str, text: str) -> bool:
    """Whether ``text`` writes the words of ``phrase`` in lower case, as one phrase: "First
    Round" is a name where the text never says "first round" (it may say "first" and
    "round" apart)."""
    return re.search(rf"(?<![\w-]){re.escape(phrase.lower())}(?![\w-])", text) is not None


def name_types(
    names: list[tuple[Any, str]], known: Iterable[str], words: dict[str, frozenset[str]]
) -> dict[str, str | None]:
    """The type of each statistical person or organization name of a document, judged
    over all its mentions (``names``: (span, NER type) pairs; ``known``: the people the
    metadata names). None: no person and no organization (a product, a title).

    A person's name starts with a given name, or is a word of a full name the document
    gives, or the sentences around it read it as a person; an organization's sentences
    read it as one ("CTO at X", "X's founder"). A name that is no given name and that no
    sentence reads as a person is none, unless it has several words (a surname-first or
    foreign name the lexicon lacks) or sentences read it as an organization."""
    from kgraph.extract.names import Cues, add, is_given_name, mention_cues

    known = set(known)
    known_first = {n.split()[0] for n in known if n.split()}
    cues: dict[str, Cues] = {}
    votes: dict[str, Counter] = {}
    for ent, etype in names:
        if etype not in ("person", "organization"):
            continue
        add(cues.setdefault(ent.text, Cues()), mention_cues(ent, words))
        votes.setdefault(ent.text, Counter())[etype] += 1
    full_words = set()  # words of the document's full names of people
    for name in [*known, *(n for n, v in votes.items() if v["person"] >= v["organization"])]:
        parts = name.split()
        if 2 <= len(parts) <= 4 and (name in known or is_given_name(parts[0], known_first)):
            full_words.update(p for p in (parts[0], parts[-1]) if p[:1].isupper())
    org_first = {  # "Surge" of "Surge AI", "Stitch" of "Stitch Fix"
        n.split()[0]
        for n, v in votes.items()
        if len(n.split()) > 1
        and (v["organization"] > v["person"] or cues[n].organization > cues[n].person)
    }
    out: dict[str, str | None] = {}
    for name, vote in votes.items():
        if name in known:
            continue
        parts = name.split()
        c = cues[name]
        given = is_given_name(parts[0], known_first)
        part_of_person = len(parts) == 1 and name in full_words
        if len(parts) == 1 and name in org_first and not part_of_person:
            out[name] = "organization"
        elif vote["person"] >= vote["organization"]:
            if given or part_of_person:
                if c.organization > c.person + 1:
                    out[name] = "organization"
            elif c.organization > c.person:
                out[name] = "organization"
            elif c.person == 0 and len(parts) == 1:
                out[name] = None  # "Superhuman", "Tetris": no given name, no person's context
        elif part_of_person and c.organization == 0:
            out[name] = "person"  # "Mazal" of "Jorge Mazal"
        elif (
            2 <= len(parts) <= 3
            and c.person > c.organization
            and parts[-1].lower() not in words["org_heads"]
        ):
            out[name] = "person"  # "Bo Burnham, the comedian", "a book by Donella Meadows"
    return out


def _thing_named_like_a_person(ent: Any, lower_nouns: set[str]) -> bool:
    """A two-word "person" of the statistical NER that names a thing: its last word is a
    common noun the document also writes in lower case ("Quantum Collider" beside "the
    collider"), or it follows an article ("the Large Quantum Collider": people take none)."""
    words = [t for t in ent if t.is_alpha]
    if len(words) != 2 or len(ent) != 2:
        return False
    if words[-1].lower_ in lower_nouns:
        return True
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].is_title and doc[i].pos_ in ("ADJ", "PROPN") and ent.start - i < 3:
        i -= 1  # "the Large ..."
    return i >= 0 and doc[i].lower_ in ("the", "a", "an")


def _listed_with(ent: Any, companies: set[int]) -> bool:
    """Whether a one-word "person" is listed with known things (tokens ``companies``) and
    no person ("Fivetran, Stitch, Xplenty"): the items of a list are things of one kind. A list
    separates its items with commas or "and"/"or", not with a dash ("working for
    DataTalks.Club – Francis and Valeria")."""
    conjuncts = ent.root.conjuncts
    if any(t.ent_type_ == "PERSON" for t in conjuncts):
        return False
    doc = ent.doc
    for t in conjuncts:  # the known thing, or a name it starts ("GitHub Actions")
        if t.i in companies or (
            t.pos_ == "PROPN" and any(c.i in companies for c in t.children if c.dep_ == "compound")
        ):
            between = doc[min(t.i, ent.start) + 1 : max(t.i, ent.start)]
            if any(w.text == "," or w.dep_ == "cc" for w in between) and not any(
                w.text in ("-", "\u2013", "\u2014", ":") for w in between
            ):
                return True
    return False


def _short_form(a: str, b: str) -> bool:
    """One first name is a short form of another ("Alex"/"Alexey", "Chris"/"Christopher"):
    two different names people go by, not one name spelled two ways ("Valeri"/"Valerii"),
    so a speaker label never takes the surname of the other."""
    a, b = sorted((a.lower(), b.lower()), key=len)
    return a != b and b.startswith(a) and len(b) - len(a) >= 2


def _sentences(sdoc: Any) -> list[str]:
    """The text of each token's sentence, stripped (``token.sent`` walks the sentence at
    each call: per entity of a long sentence, that is quadratic)."""
    at = [""] * len(sdoc)
    for sent in sdoc.sents:
        at[sent.start : sent.end] = [sent.text.strip()] * len(sent)
    return at


MAX_TEXT_CHARS = 100_000
"""The longest text spaCy analyses at once: a longer turn is analysed in parts (cut at a
sentence end, else at a space), whose analyses are joined into the turn's. spaCy refuses
texts over a million characters, and a very long text costs memory in every component."""
PIECE = 2  # see Extractor._texts


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


_BOOK_WORDS = {"book", "read", "reading", "author", "novel", "memoir"}
_ASKING = {"recommend", "favorite", "favourite", "suggest", "love", "influence", "read", "gift"}


def _asks_for_books(sdoc: Any) -> bool:
    """A question asking for books ("What are two or three books you've recommended most?",
    "Any book recommendations?"): a question sentence naming books with a word of
    recommending, liking or reading."""
    for sent in sdoc.sents:
        if "?" not in sent.text:
            continue
        lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        if "book" in lemmas and lemmas & (_ASKING | {"recommendation"}):
            return True
    return False


def _new_question(sdoc: Any) -> bool:
    """A question of its own (four words or more, not about books): the next topic."""
    for sent in sdoc.sents:
        words = [t for t in sent if t.is_alpha]
        if (
            "?" in sent.text
            and len(words) >= 4
            and not any(t.lemma_.lower() in _BOOK_WORDS for t in words)
        ):
            return True
    return False


def book_answers(doc: Document, parsed: list[Any], limit: int = 6) -> list[int]:
    """Indexes of the turns that answer a question about books: the turns of the other
    speakers after it, until the asker asks something else (at most ``limit`` turns)."""
    out: list[int] = []
    asker: str | None = None
    left = 0
    for t_i, (turn, sdoc) in enumerate(zip(doc.turns, parsed, strict=True)):
        if turn.speaker and _asks_for_books(sdoc):
            asker, left = turn.speaker, limit
            continue
        if not left:
            continue
        if turn.speaker == asker or not turn.speaker:
            if _new_question(sdoc):
                left = 0
            continue
        out.append(t_i)
        left -= 1
    return out


def mark_titles(sdoc: Any) -> None:
    """The title-case runs of a turn that answers a question about books are books (the
    candidates the book detector left in the span group), unless a person or a known name
    of another type takes the words."""
    from spacy.tokens import Span

    from kgraph.extract.labels import CONCEPT_SPANS, TITLE
    from kgraph.extract.spans import merge_ents

    taken = {i for e in sdoc.ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    spans = [
        Span(sdoc, s.start, s.end, label="BOOK", kb_id=s.kb_id_)
        for s in sdoc.spans.get(CONCEPT_SPANS, [])
        if s.label_ == TITLE and not any(i in taken for i in range(s.start, s.end))
    ]
    if spans:
        merge_ents(sdoc, spans, overwrite=True)


def mark_people(sdoc: Any, names: list[str]) -> None:
    """Tag the document's known people (speakers, guests) as PERSON wherever they occur:
    the statistical NER misses or mislabels them (a first name as a place)."""
    from spacy.tokens import Span

    from kgraph.extract.spans import merge_ents

    by_first: dict[str, list[list[str]]] = {}
    for name in names:
        words = name.split()
        by_first.setdefault(words[0], []).append(words)
    spans = []
    tokens = [t.text for t in sdoc]
    for i, text in enumerate(tokens):
        for words in sorted(by_first.get(text, []), key=len, reverse=True):
            if tokens[i : i + len(words)] == words:
                spans.append(Span(sdoc, i, i + len(words), label="PERSON"))
                break
    for i in range(2, len(sdoc)):  # "a question from Ravi": audience members are people
        if sdoc[i - 1].lower_ == "from" and sdoc[i - 2].lemma_.lower() in ("question", "comment"):
            end = i
            while end < len(sdoc) and end - i < 2 and sdoc[end].is_title and sdoc[end].is_alpha:
                end += 1
            if end > i and not (
                sdoc[i].ent_type_ and sdoc[i].ent_type_ != "PERSON" and sdoc[i].ent_kb_id_
            ):
                spans.append(Span(sdoc, i, end, label="PERSON"))
    if spans:
        merge_ents(sdoc, spans, overwrite=True)


def _opening(sdoc: Any, limit: int = 300) -> str:
    """First sentence of a turn, cut at ``limit`` characters."""
    first = next(iter(sdoc.sents), None) if len(sdoc) else None
    text = first.text.strip() if first is not None else ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
