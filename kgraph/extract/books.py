"""Books in context: quoted titles, cue words ("the book X", "X by AUTHOR"), known titles."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kgraph.extract.book_lists import ListedTitles
from kgraph.extract.labels import CONCEPT_SPANS
from kgraph.extract.names import is_given_name
from kgraph.extract.normalize import is_acronym, norm_key
from kgraph.extract.patterns import load_gazetteer
from kgraph.extract.spans import author_at, merge_ents, nominal, patterns_path
from kgraph.extract.titles import called_at

_QUOTE_OPEN = {'"', "\u201c", "\u201e", "'"}
_QUOTE_CLOSE = {'"', "\u201d", "'"}
_READ_VERBS = {"read", "reread", "recommend", "write", "publish", "finish"}
_SMALL_IN_TITLE = {"a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "with", "as"}
_SMALL_IN_TITLE |= {"at", "by", "from", "when", "are", "is", "it", "if"}
_NOT_TITLE_START = {"i", "my", "and", "but", "so", "or", "the", "a", "an", "this", "that", "it"}
_NOT_TITLE_START |= {"we", "you", "he", "she", "they", "our", "your", "his", "her", "their"}
_NOT_TITLE_START |= {"its", "if", "when", "then", "there", "here", "what", "which", "these"}
_NOT_TITLE_START |= {"those", "one", "even", "also", "just"}


class BookDetector(ListedTitles):
    """Books in context: quoted title-case titles, "the book X", "book called X",
    "X book"/"X course" for title-case X, "a book about X" for a known title; subtitles
    after ":" are dropped and known titles mapped to their canonical form."""

    CUES = {"book", "books", "novel", "course", "guide", "textbook"}

    def __init__(
        self, nlp: Language, name: str, *, patterns: str | None = None, max_words: int = 12
    ):
        super().__init__(load_gazetteer(patterns_path(patterns)), max_words)
        self.name = name

    @staticmethod
    def _title_case(tokens: list[Token]) -> bool:
        if not any(t.is_alpha and len(t.text) > 1 for t in tokens):
            return False
        words = [t for t in tokens if t.is_alpha or t.like_num]
        if not words or not (words[0].is_title or words[0].is_upper or words[0].like_num):
            return False
        if not any(t.is_alpha and not t.like_num and (t.is_title or t.is_upper) for t in words):
            return False  # "three to five": numbers, no title's words
        big = sum(
            1
            for t in words
            if t.is_title or t.is_upper or t.like_num or t.lower_ in _SMALL_IN_TITLE
        )
        return big == len(words)

    def _quoted(self, doc: Doc) -> list[Span]:
        spans = []
        roles = {(e.start, e.end) for e in doc.ents if e.label_ == "ROLE"}
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            close = None
            if tok.text in _QUOTE_OPEN and not (
                tok.text == "'" and i > 0 and not doc[i - 1].whitespace_
            ):
                ends = range(i + 1, min(n, i + self.max_words + 12))
                close = next((j for j in ends if doc[j].text in _QUOTE_CLOSE), None)
            if close is None or close <= i + 1:
                i += 1
                continue
            span = self._quoted_title(doc, i, close, roles)
            if span is not None:
                self._blocked.append((span.end, close))
                spans.append(span)
            i = close + 1
        return spans

    def _quoted_title(
        self, doc: Doc, open_i: int, close: int, roles: set[tuple[int, int]]
    ) -> Span | None:
        """The title between quotes at ``open_i`` and ``close``, its subtitle dropped."""
        inner = list(doc[open_i + 1 : close])
        colon = (":", "\u2013", "\u2014")
        cut = next((k for k, t in enumerate(inner) if t.text in colon), len(inner))
        head = inner[:cut]
        while head and head[-1].is_punct:
            head.pop()
        comma = max((k for k, t in enumerate(head) if t.text == ","), default=None)
        if comma and author_at(doc, head[comma].i + 1) and len(head) - comma - 1 <= 3:
            head = head[:comma]  # "Impro, Keith Johnstone": the author after the title
        if not head or len(head) > self.max_words:
            return None
        span = doc[head[0].i : head[-1].i + 1]
        if norm_key(span.text) not in self.known:
            # an unknown quoted title needs a cue, or a subtitle or three words, and must
            # not read as quoted speech (see _spoken)
            words = sum(1 for t in head if t.is_alpha or t.like_num)
            evidence = self._cued_single(doc, open_i, close) or (
                not self.gazetteer.lookup(span.text)
                and not self._spoken(head, inner, roles)
                and (words >= 3 or (cut < len(inner) and words >= 2))
            )
            if not (self._title_case(head) and evidence):
                return None
        return Span(doc, span.start, span.end, label="BOOK", kb_id=self.title_of(span.text))

    @staticmethod
    def _spoken(head: list[Token], inner: list[Token], roles: set[tuple[int, int]]) -> bool:
        """Quoted words that read as speech or as another name, not as a title: a question
        or exclamation ("Where is it?"), more than one sentence ("Cool. Yeah"), an opening
        interjection or "I" ("Okay, I'm on it"), a quantity ("AUC is 80%"), or a job title
        the role grammar found ("VP of Data")."""
        return (
            not head
            or inner[-1].text in ("?", "!")
            or any(t.text in (".", "!", "?") or t.is_sent_start for t in head[1:])
            or head[0].pos_ == "INTJ"
            or head[0].lower_ == "i"
            or any(t.text == "%" or t.is_currency for t in inner)
            or (head[0].i, head[-1].i + 1) in roles
        )

    def _cued_single(self, doc: Doc, open_i: int, close_i: int) -> bool:
        """A one-word quoted title is a book only next to "book" or "by <author>"."""
        before = {t.lower_ for t in doc[max(0, open_i - 3) : open_i]}
        after = [t.lower_ for t in doc[close_i + 1 : close_i + 3]]
        return bool(before & self.CUES) or "by" in after

    def _book(self, doc: Doc, start: int, end: int) -> Span:
        return Span(doc, start, end, label="BOOK", kb_id=self.title_of(doc[start:end].text))

    def _cued(self, doc: Doc) -> list[Span]:
        spans = []
        for tok in doc:
            if tok.lower_ not in self.CUES:
                continue
            span = self._before_cue(tok)
            if span is None:
                span = self._after_cue(tok)
            if span is not None:
                spans.append(span)
        return spans

    def _before_cue(self, tok: Token) -> Span | None:
        """ "the Practical Data Pipelines course", "the SQL Book"."""
        doc = tok.doc
        run = self._title_run(doc, tok.i - 1, -1) if tok.i > 0 else None
        if run is None:
            return self.lower_title_before(tok)
        if tok.is_title:
            run = (run[0], tok.i + 1)  # "NLP Book" keeps its capital Book
        span = doc[run[0] : run[1]]
        owner = len(span) == 1 and span[0].ent_type_ == "ORG" and not tok.is_title
        if owner and norm_key(span.text) not in self.known:
            return None  # the publisher or the firm it is about: "a Gallup book"
        if self._named(span) and self._plausible(span):
            return self._book(doc, *run)
        return None

    def _after_cue(self, tok: Token) -> Span | None:
        """ "the book Rise", "a book called Staff Engineer", "book about ML system design"."""
        doc = tok.doc
        j = tok.i + 1
        named = called_at(doc, j)
        if named:
            j = named  # "a book, which is called X", "the book on pricing called X"
        elif j < len(doc) and doc[j].lower_ in ("called", "named", "titled", "entitled", ",", ":"):
            j += 1
        if not named and j < len(doc) and doc[j].lower_ in ("about", "on"):
            np_end = j + 1
            while np_end < len(doc) and nominal(doc[np_end]) and np_end - j <= 6:
                np_end += 1
            for end in range(np_end, j + 1, -1):
                known = self._known_topic(doc[j + 1 : end])
                if known:
                    return Span(doc, j + 1, end, label="BOOK", kb_id=known)
            return None
        if j < len(doc) and doc[j].text in _QUOTE_OPEN:
            return None  # the quote detector handles it
        run = self._title_run(doc, j, 1)
        if run is not None and not doc[run[0]].is_sent_start:
            span = doc[run[0] : run[1]]
            one_word_ok = span[0].pos_ == "PROPN" or norm_key(span.text) in self.known
            # a capital article opens the title: "his book The Passionate Programmer"
            words = span[1:] if len(span) > 2 and span[0].text in ("The", "A", "An") else span
            # a title the NER calls a person, where the cue names it: "our book, Snow
            # Leopard", "a book called Tom Sawyer" (not "a book by Ann Lee")
            named_by_cue = named or (doc[j - 1].text == "," and not is_given_name(span[0].text))
            plausible = self._plausible(words, people_ok=bool(named_by_cue))
            if plausible and self._named(span) and (len(span) > 1 or one_word_ok):
                return self._book(doc, *run)
            return None
        if doc[tok.i - 1 if tok.i else 0].lower_ == "called" or (
            j > tok.i + 1 and doc[j - 1].lower_ == "called"
        ):
            end = j
            while end < len(doc) and nominal(doc[end]) and end - j < 6:
                end += 1
            if end > j + 1:
                return self._book(doc, j, end)
        return None

    def _plausible(self, span: Span, *, people_ok: bool = False) -> bool:
        """A run of capitalised words that can be a title: not a pronoun or a connective
        at the start, and at least one content word that is not a stopword; any known
        title (the NER reads "Mindset" as a place). ``people_ok``: the cue names the
        title, so a word the NER calls a person (or a place, in a title of two words or
        more) is one of its words."""
        if norm_key(span.text) in self.known:
            return True
        if span[0].lower_ in _NOT_TITLE_START or span[-1].is_punct:
            return False
        unlike = ("GPE", "DATE", "CARDINAL") if people_ok else ("PERSON", "GPE", "DATE", "CARDINAL")
        if people_ok and len(span) > 1:
            unlike = ("DATE", "CARDINAL")  # named by the cue: "The Quiet Harbor" is no place
        if any(t.ent_type_ in unlike for t in span):
            return False  # "a book by Harvinder Atwal" names the author, not the title
        if any(t.ent_type_ == "ORG" and t.ent_kb_id_ for t in span):
            return False  # a known organization's course: "the Hugging Face course"
        content = [
            t
            for t in span
            if t.is_alpha and not t.like_num and t.lower_ not in self.gazetteer.stopwords
        ]  # "two to three books" counts books, it names none
        return any(len(t.text) > 2 for t in content)

    def _named(self, span: Span) -> bool:
        """A title-case run names a book/course unless it is only a known concept/role."""
        if norm_key(span.text) in self.known:
            return True
        if len(span) < 2 and span[0].pos_ != "PROPN":
            return False
        hit = self.gazetteer.lookup(span.text)
        return hit is None or hit[0] == "book"

    def _known_topic(self, span: Span) -> str | None:
        """Canonical title of a known book named by its topic ("a book about ML system design")."""
        keys = {norm_key(span.text)}
        hit = self.gazetteer.lookup(span.text)
        if hit:
            etype, canonical = hit
            keys |= {norm_key(f) for f in (canonical, *self.gazetteer.entries[etype][canonical])}
        for key in keys:
            if key in self.known:
                return self.known[key]
        return None

    def _by_author(self, doc: Doc) -> list[Span]:
        """A known title followed by "by <Name>" ("Grit by Angela Duckworth"): the cue that
        makes a one-word title that is also a common word a book."""
        spans = []
        for tok in doc:
            if tok.lower_ != "by" or tok.i == 0 or tok.i + 1 >= len(doc):
                continue
            if not (doc[tok.i + 1].is_title and doc[tok.i + 1].is_alpha):
                continue
            end = tok.i
            while end > 0 and doc[end - 1].is_punct and doc[end - 1].text in ",\u201d\"'":
                end -= 1
            for start in range(max(0, end - self.max_words), end):
                span = doc[start:end]
                if span[0].is_title and norm_key(span.text) in self.known:
                    spans.append(
                        Span(doc, start, end, label="BOOK", kb_id=self.title_of(span.text))
                    )
                    break
        return spans

    def _word_by_person(self, doc: Doc) -> list[Span]:
        """An unknown one-word title followed by "by" and a person's name ("Alchemy by Rory
        Sutherland", "Vagabonding by Rolf Potts"): a capitalised word that no vocabulary
        names otherwise, not a past participle ("Written by"); the author must read as a
        person (a given name or the NER's person): "by" also names makers of products."""
        spans = []
        for tok in doc[: len(doc) - 2]:
            by, first = doc[tok.i + 1], doc[tok.i + 2]
            if by.lower_ != "by" or not tok.is_title or not tok.is_alpha:
                continue
            if tok.ent_type_ in ("PERSON", "GPE", "NORP"):
                continue
            if tok.tag_ in ("VBN", "VBD"):
                continue  # "Written by", "Inspired by"
            k = tok.i - 1 - (tok.i > 1 and doc[tok.i - 1].lower_ in ("a", "an", "the"))
            if k >= 0 and doc[k].text in (":", "\u2013", "\u2014"):
                continue  # a subtitle: "Thinking in Systems: A Primer by Donella Meadows"
            if not tok.is_sent_start and tok.pos_ not in ("PROPN", "NOUN"):
                continue  # the tagger only guesses at a sentence's start
            person = first.ent_type_ == "PERSON" and first.ent_iob_ == "B"
            if not (person or (first.is_title and is_given_name(first.text))):
                continue
            if (
                len(tok) < 4
                or self.gazetteer.lookup(tok.text)
                or self.gazetteer.is_stopword(tok.text)
            ):
                continue
            spans.append(Span(doc, tok.i, tok.i + 1, label="BOOK", kb_id=self.title_of(tok.text)))
        return spans

    def _by_topic(self, doc: Doc) -> list[Span]:
        """A book named by its topic: "the <concept> book" (a definite, particular book)
        and "wrote a book about <concept>"; the title is the topic in title case."""
        concepts = {e.start: e for e in doc.ents if e.label_ == "CONCEPT"}
        ends = {e.end: e for e in doc.ents if e.label_ == "CONCEPT"}
        spans = []
        for tok in doc:
            if tok.lower_ != "book":
                continue
            topic = ends.get(tok.i)
            if topic is not None and topic.start > 0 and doc[topic.start - 1].lower_ == "the":
                spans.append(self._topic_book(topic))
                continue
            head = tok.head
            if head.lemma_.lower() in ("write", "publish", "author") and tok.dep_ == "dobj":
                j = tok.i + 1
                if j < len(doc) and doc[j].lower_ in ("about", "on") and j + 1 in concepts:
                    spans.append(self._topic_book(concepts[j + 1]))
        return spans

    def _topic_book(self, topic: Span) -> Span:
        words = [w if is_acronym(w) else w[:1].upper() + w[1:] for w in topic.text.split()]
        return Span(
            topic.doc, topic.start, topic.end, label="BOOK", kb_id=self.title_of(" ".join(words))
        )

    def match(self, doc: Doc) -> list[Span]:
        self._blocked: list[tuple[int, int]] = []
        return (
            self._quoted(doc)
            + self._cued(doc)
            + self._by_author(doc)
            + self._word_by_person(doc)
            + self._by_topic(doc)
        )

    @staticmethod
    def _read(run: Span) -> bool:
        """A title run that is the object of reading or writing: "I read Venture Deals",
        "she wrote The Culture Map", "I'd recommend Thinking in Systems"."""
        doc = run.doc
        k = run.start - 1
        if k >= 0 and doc[k].lower_ in ("the", "a"):
            k -= 1
        if k < 0 or doc[k].pos_ not in ("VERB", "AUX"):
            return False
        if any(t.ent_kb_id_ and t.ent_type_ != "BOOK" for t in run):
            return False  # a known name: "I read Google News", "we wrote Python Code"
        return doc[k].lemma_.lower() in _READ_VERBS and run.root.head.i in (k, run.root.i)

    def __call__(self, doc: Doc) -> Doc:
        runs = self.title_runs(doc)
        by_author = [  # "Thinking in Systems by Donella Meadows": a book wherever it is said
            self._known_end(r)
            for r in runs
            if r.end + 1 < len(doc) and doc[r.end].lower_ == "by" and author_at(doc, r.end + 1)
        ]
        read = [self._known_end(r) for r in runs if self._read(r)]
        found = self.match(doc)  # sets self._blocked
        for r in runs:
            by = self.subtitle_by_author(r)
            if by:
                by_author.append(self._known_end(r))
                self._blocked.append((r.end + 1, by))
        found += by_author + read
        known = [e for e in doc.ents if e.label_ == "BOOK"]  # the gazetteer's titles
        listed = self.listed_after(known + found) + self.listed_before(known + found)
        found += self.lower_read(doc)
        merge_ents(doc, found + listed, overwrite=True)
        if self._blocked:  # nothing inside a dropped subtitle is an entity
            doc.ents = [
                e
                for e in doc.ents
                if e.label_ == "BOOK" or not any(s <= e.start < end for s, end in self._blocked)
            ]
        books = {i for e in doc.ents if e.label_ == "BOOK" for i in range(e.start, e.end)}
        books |= {i for start, end in self._blocked for i in range(start, end)}  # subtitles
        doc.spans[CONCEPT_SPANS] = [
            s for s in runs if not any(i in books for i in range(s.start, s.end))
        ]
        return doc
