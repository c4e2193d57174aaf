"""Candidate titles: runs of title-case words, known titles and their canonical forms.

The book detector makes books of those with evidence; the rest stay candidates that the
extractor keeps in an answer to a question about books.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kgraph.extract.labels import TITLE
from kgraph.extract.names import is_given_name
from kgraph.extract.normalize import norm_key
from kgraph.extract.patterns import Gazetteer
from kgraph.extract.spans import author_at

_NOT_A_TITLE_TYPES = {"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "MONEY"}
_NOT_A_TITLE_TYPES |= {"PERCENT", "ORDINAL", "QUANTITY", "LANGUAGE", "FAC", "ROLE"}
_NOT_A_TITLE_START = {"i", "and", "but", "so", "or", "okay", "ok", "yeah", "yes", "no", "oh"}
_NOT_A_TITLE_START |= {"well", "um", "uh", "like", "just", "then", "now", "also", "because", "if"}
_NOT_A_TITLE_START |= {"when", "my", "our", "your", "his", "her", "their", "this", "that", "it"}
_NOT_A_TITLE_START |= {"these", "those", "we", "you", "he", "she", "they", "there", "here", "hi"}
_NOT_A_TITLE_START |= {"hey", "thanks", "thank", "lenny", "mr", "mrs", "dr", "ms", "let", "let's"}
_QUESTION_WORDS = {"how", "what", "when", "where", "why", "who"}  # "How to Read a Paper"


class TitleRuns:
    """Known titles (``known``: normalised form -> canonical title) and title-case runs."""

    def __init__(self, gazetteer: Gazetteer, max_words: int = 12):
        self.max_words = max_words
        self.gazetteer = gazetteer
        self.known: dict[str, str] = {}
        self.forms: set[str] = set()  # the known titles as written, lower case, no "the"
        for canonical, aliases in self.gazetteer.entries["book"].items():
            for form in (canonical, *aliases):
                words = form.replace("\u2019", "'").lower().split()
                self.forms |= {" ".join(words), " ".join(words[words[0] == "the" :])}
                self.known[norm_key(form)] = canonical
                self.known.setdefault(norm_key(re.sub(r"^the\s+", "", form, flags=re.I)), canonical)

    def written_as_known(self, text: str) -> bool:
        """``text`` is a known title as written, not only by its key: "Rises" ends "The
        Sun Also Rises", it is no "Rise"."""
        words = text.lower().split()
        return " ".join(words) in self.forms or " ".join(words[1:]) in self.forms

    def title_of(self, text: str) -> str:
        """Canonical title: subtitle dropped, known titles mapped."""
        title = re.split(r"\s*:\s+|\s+[-\u2013\u2014]\s+", text.strip(), maxsplit=1)[0]
        title = title.strip(" ,.;!?\"'\u201c\u201d")
        for key in (norm_key(title), norm_key(re.sub(r"^the\s+", "", title, flags=re.I))):
            if key in self.known:
                return self.known[key]
        return title

    @staticmethod
    def _title_word(token: Token) -> bool:
        return token.is_digit or (
            token.is_alpha and (token.is_title or (token.is_upper and len(token) > 1))
        )

    def title_runs(self, doc: Doc) -> list[Span]:
        """Candidate titles, decided later: runs of title-case words (small function words
        inside: "Man's Search for Meaning", "What You Do Is Who You Are") with two title
        words or more, and one-word known titles. A run that is a person, a place, a date
        or only a known name of another type is none. The extractor keeps those in an
        answer to a question about books (labels TITLE, kb_id the canonical title)."""
        out = []
        n = len(doc)
        i = 0
        subtitle_end = 0
        while i < n:
            tok = doc[i]
            if not self._title_word(tok) or tok.lower_ in _NOT_A_TITLE_START:
                i += 1
                continue
            last = self._run_end(doc, i)
            if last < 0:  # "Elad Gil's High Growth Handbook": the title follows the owner
                i = -last
                continue
            span = doc[i : last + 1]
            i = last + 1
            if span.start < subtitle_end:
                continue  # "Say Less, Ask More" of "The Coaching Habit: Say Less, Ask More"
            if i < n and doc[i].text in (":", "(") and doc.has_annotation("SENT_START"):
                # the runs after it are a subtitle, to the end of its line or sentence
                end = doc[i].sent.end
                subtitle_end = next((k for k in range(i, end) if "\n" in doc[k].text), end)
            while (
                len(span) > 2
                and span[0].pos_ in ("NUM", "ADV", "PRON", "INTJ", "SCONJ", "CCONJ", "DET")
                and span[1].is_lower
                and not (span[0].lower_ in _QUESTION_WORDS and span[1].lower_ == "to")
            ):  # "One is The Weirdest People ...", "Another one is Your Brain At Work": the
                # title starts later, not in "How to Read a Paper"
                k = 1
                while k < len(span) and not self._title_word(span[k]):
                    k += 1
                span = span[k:]
            if span.start > 0 and doc[span.start - 1].lower_ == "by" and len(span) <= 3:
                continue  # the author of a title before it
            # "A-B testing": letters are no title's words
            title_words = sum(1 for t in span if self._title_word(t) and (len(t) > 1 or t.is_digit))
            known = norm_key(span.text) in self.known
            if not known and (title_words < 2 or not self._title_ok(span)):
                continue
            title = self.title_of(span.text)
            out.append(Span(doc, span.start, span.end, label=TITLE, kb_id=title))
        return out

    def lower_title_before(self, tok: Token) -> Span | None:
        """A known title of two words or more said in lower case before the cue: "that
        working backwards book" (a transcript does not capitalise titles)."""
        doc = tok.doc
        for start in range(max(0, tok.i - self.max_words), tok.i - 1):
            span = doc[start : tok.i]
            if span[0].is_lower and span.text.lower() in self.forms:
                return Span(doc, start, tok.i, label="BOOK", kb_id=self.title_of(span.text))
        return None

    def _title_run(self, doc: Doc, start: int, step: int) -> tuple[int, int] | None:
        """Maximal run of title-case tokens from ``start`` going forward (1) or back (-1)."""
        small = {"of", "the", "for", "to", "a", "in", "on"}
        i = start
        run = []
        while 0 <= i < len(doc) and len(run) < self.max_words:
            t = doc[i]
            owner = (  # "The Leader's Journey": a possessive inside the title
                step == 1
                and run
                and t.lower_ in ("'s", "\u2019s")
                and i + 1 < len(doc)
                and doc[i + 1].is_title
            )
            if (
                t.is_title
                or t.is_upper
                or t.like_num
                or owner
                or (t.text == "-" and run)
                or (t.lower_ in small and run)
            ):
                if t.is_sent_start and step == -1 and t.lower_ in ("the", "a"):
                    break
                run.append(i)
                i += step
            else:
                break
        while run and (doc[run[-1]].lower_ in small or doc[run[-1]].text == "-"):
            run.pop()
        if not run:
            return None
        lo, hi = min(run), max(run) + 1
        if step == -1 and doc[lo].is_sent_start and hi - lo == 1:
            return None
        return lo, hi

    def _run_end(self, doc: Doc, i: int) -> int:
        """Index of the last title word of the run that starts at ``i``; minus the index
        after a person's possessive ("Elad Gil's"), where a new run starts."""
        last = i
        j = i + 1
        while j < len(doc) and j - i < self.max_words:
            nxt = doc[j]
            if nxt.lower_ == "by" and author_at(doc, j + 1):
                break  # "Thinking in Systems by Donella Meadows": the author follows
            if nxt.lower_ in ("'s", "\u2019s") and (
                doc[j - 1].ent_type_ == "PERSON" or self._owns_known(doc, i, j)
            ):
                return -(j + 1)
            if nxt.text == "I":
                pass  # a connector, no title word: "The one that I", "What I Talk About"
            elif self._title_word(nxt) and not nxt.is_sent_start:
                last = j
            elif nxt.text == "-" and (nxt.whitespace_ or doc[j - 1].whitespace_):
                break  # a dash between words: "Julia Evans - Her writeups ..."
            elif not (
                nxt.lower_ in ("'s", "\u2019s", "n't", "-")
                or (nxt.is_lower and nxt.is_alpha and nxt.is_stop and len(nxt) <= 5)
            ):
                break
            j += 1
        return last

    def _owns_known(self, doc: Doc, i: int, j: int) -> bool:
        """The possessive at ``j`` owns a known title that follows it ("Nir's Hooked",
        a misheard "Muriel's Hooked"), and the run from ``i`` with it is no known title
        ("Man's Search for Meaning" is one)."""
        for k in range(min(len(doc), j + 1 + self.max_words), j + 1, -1):
            after = doc[j + 1 : k]
            if after[0].is_title and after.text.lower() in self.forms:
                return norm_key(doc[i:k].text) not in self.known
        return False

    def _known_end(self, run: Span) -> Span:
        """A run as a book: the known title it ends with ("Try Rise" -> "Rise")."""
        for start in range(run.start, run.end):
            part = run.doc[start : run.end]
            if norm_key(part.text) in self.known and self.written_as_known(part.text):
                return Span(run.doc, start, run.end, label="BOOK", kb_id=self.title_of(part.text))
        return Span(run.doc, run.start, run.end, label="BOOK", kb_id=run.kb_id_)

    def subtitle_by_author(self, run: Span) -> int:
        """Where the author's "by" is after a title run, a colon and a subtitle
        ("Becoming a Technical Leader: An Organic Problem-Solving Approach by Gerald
        Weinberg"), else 0."""
        doc = run.doc
        if run.end >= len(doc) or doc[run.end].text != ":":
            return 0
        for j in range(run.end + 1, min(len(doc) - 1, run.end + 2 + self.max_words)):
            t = doc[j]
            if t.lower_ == "by":
                return j if j > run.end + 1 and author_at(doc, j + 1) else 0
            if not (t.text[:1].isupper() or t.like_num or t.is_stop or t.text in "-,&'"):
                return 0
        return 0

    def _title_ok(self, span: Span) -> bool:
        """A run that is no person, place, date, organization or other known name alone.
        Reads the tokens' entity attributes: ``span.ents`` scans the whole document."""
        doc = span.doc
        by_author = span.end + 1 < len(doc) and doc[span.end].lower_ == "by"
        authored = by_author and author_at(doc, span.end + 1)
        authored = authored or bool(self.subtitle_by_author(span))
        # a title may hold a role or a place when its author follows: "Becoming a
        # Technical Leader", "East of Eden by John Steinbeck"
        places = {"ROLE", "GPE", "LOC", "NORP", "FAC"}
        types = _NOT_A_TITLE_TYPES - places if authored else _NOT_A_TITLE_TYPES
        if span[0].like_num and all(t.is_title for t in span[1:] if t.is_alpha and not t.is_stop):
            types = types - {"DATE", "CARDINAL"}  # a number first: "4000 Weeks", "12 Rules"
        if any(t.ent_type_ in types for t in span):
            return False
        inside = _tokens_of_ents_inside(span)
        for t in inside:  # a title the NER calls a person: "Purple Cow"
            person = t.ent_iob_ == "B" and t.ent_type_ == "PERSON"
            if person and (t.ent_kb_id_ or is_given_name(t.text)):
                return False
        if len(span) == 2 and is_given_name(span[0].text) and not span[1].is_stop:
            return False  # a name the NER missed: "Charity Majors"
        heads = self.gazetteer.name_word_sets()
        if span[-1].lower_ in heads["org_heads"] | heads.get("media_heads", frozenset()):
            return False  # "the Catholic Church", "Harvard Business School", "X Podcast"
        if span[0].pos_ in ("VERB", "AUX") and span[0].is_sent_start and not authored:
            return False  # "Think About It" at a sentence's start is speech, "Failing
            # Forward by John Maxwell" a title
        covered = {t.i for t in inside if t.ent_kb_id_ and t.ent_type_ != "BOOK"}
        named = [t for t in span if self._title_word(t) and t.lower_ not in ("the", "a", "an")]
        return not all(t.i in covered for t in named)  # not only "The Hugging Face"


def _tokens_of_ents_inside(span: Span) -> list[Token]:
    """The tokens of the entities wholly inside ``span`` (those of ``span.ents``)."""
    doc = span.doc
    i = span.start
    while i < span.end and doc[i].ent_iob_ == "I":
        i += 1  # the end of an entity that starts before the span
    out: list[Token] = []
    group: list[Token] = []
    for t in doc[i : span.end]:
        if t.ent_iob_ == "I" and group:
            group.append(t)
            continue
        out += group
        group = [t] if t.ent_iob_ == "B" else []
    if group and not (span.end < len(doc) and doc[span.end].ent_iob_ == "I"):
        out += group  # the last entity, unless it runs past the span
    return out


_CALLED = {"called", "named", "titled", "entitled"}
_BEFORE_CALLED = {",", "which", "that", "it", "is", "was", "'s", "\u2019s"}


def called_at(doc: Doc, j: int) -> int:
    """Where the title starts after a cue word whose next words end in "called"/"named"
    ("book, which is called X", "book on pricing called X"): the index after that word,
    else 0. Between them only a relative clause's words, or a short phrase of nouns."""
    for k in range(j, min(len(doc), j + 5)):
        word = doc[k].lower_
        if word in _CALLED:
            return k + 1 if k + 1 < len(doc) else 0
        if not (word in _BEFORE_CALLED or doc[k].pos_ in ("ADP", "NOUN", "ADJ", "DET")):
            return 0
    return 0


def subtitle_start(span: Span) -> bool:
    """A run after a title and a comma that opens like a subtitle: "How to ...",
    "Why ...", "What ..." (a list's next title does not)."""
    return len(span) > 2 and span[0].lower_ in ("how", "why", "what") and span[1].is_lower
