"""spaCy pipeline components of kgraph, configured from the gazetteer (``kgraph/data``).

Each component takes a Doc and returns it; matching and setting annotations are apart.
Entity labels written to ``doc.ents``: PERSON, ORG, ROLE, BOOK, CONCEPT; ``kb_id_`` holds
the canonical name when the gazetteer or the grammar knows it. Registration with default
configs lives in :mod:`kgraph.extract.factories`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kgraph.extract.labels import CONCEPT_SPANS, LABELS, TITLE, TYPES  # noqa: F401
from kgraph.extract.normalize import is_acronym, norm_key, singular
from kgraph.extract.patterns import Gazetteer, load_gazetteer

_QUOTE_OPEN = {'"', "\u201c", "\u201e", "'"}
_QUOTE_CLOSE = {'"', "\u201d", "'"}
_DOTTED_ORG = re.compile(
    r"^[A-Za-z][A-Za-z0-9-]+\.(?:[A-Z][a-z][A-Za-z0-9]*|com|ai|io|co|org|net|fyi|club|app|dev|tech)$"
)
_EPONYM_HEADS = {"effect", "law", "principle", "paradox", "fallacy", "syndrome", "theorem"}
_ORG_NOUNS = {"company", "startup", "firm", "lab", "agency", "organization", "platform", "bank"}
_WORK_VERBS = {"work", "intern", "interview", "pass", "apply", "join", "stay", "spend", "fail"}
_NOMINAL = {"track": "tracking", "monitor": "monitoring", "tune": "tuning", "version": "versioning"}
_MOVE_PREPS = {"from", "into", "to"}
_PEOPLE_WORDS = {"i", "you", "he", "she", "we", "they", "my", "your", "his", "her", "our", "their"}
_CAREER_PLACES = {"academia", "industry", "management", "consulting", "freelancing", "research"}
_VAGUE = {"thing", "stuff", "time", "people", "person", "way", "lot", "everything", "one"}
_HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "sir"}
_NOT_A_TITLE_TYPES = {"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "MONEY"}
_NOT_A_TITLE_TYPES |= {"PERCENT", "ORDINAL", "QUANTITY", "LANGUAGE", "FAC", "ROLE"}
_NOT_A_TITLE_START = {"i", "and", "but", "so", "or", "okay", "ok", "yeah", "yes", "no", "oh"}
_NOT_A_TITLE_START |= {"well", "um", "uh", "like", "just", "then", "now", "also", "because", "if"}
_NOT_A_TITLE_START |= {"when", "my", "our", "your", "his", "her", "their", "this", "that", "it"}
_NOT_A_TITLE_START |= {"these", "those", "we", "you", "he", "she", "they", "there", "here", "hi"}
_NOT_A_TITLE_START |= {"hey", "thanks", "thank", "lenny", "mr", "mrs", "dr", "ms", "let", "let's"}
_NAME_LINK = {"de", "van", "von", "der", "da", "di", "del", "la", "le", "bin", "al"}


def _nominal(token: Token) -> bool:
    """Part of a noun phrase: nouns, adjectives, and "-ing" forms ("machine learning")."""
    return token.pos_ in ("NOUN", "PROPN", "ADJ") or token.tag_ == "VBG"


LONGEST_RUN = 16
"""spaCy's Matcher takes time quadratic in the length of a run of words that a repeated
("*", "+") pattern token matches: thousands of capitalised words of junk text take minutes.
Noun phrases and role names are shorter than this; a longer run is matched in pieces."""


def bounded_matches(matcher: Any, doc: Doc, in_run: Callable[[Token], bool]) -> list[Any]:
    """``matcher(doc)``, each run of more than LONGEST_RUN tokens for which ``in_run`` holds
    matched in pieces of that length (offsets are the doc's)."""
    cuts, run = [], 0
    for token in doc:
        run = run + 1 if in_run(token) else 0
        if run > LONGEST_RUN and run % LONGEST_RUN == 1:
            cuts.append(token.i)
    if not cuts:
        return matcher(doc)
    found = []
    for start, end in pairwise([0, *cuts, len(doc)]):
        found += [(key, start + s, start + e) for key, s, e in matcher(doc[start:end])]
    return found


def _noun_phrase_word(token: Token) -> bool:
    return token.pos_ in ("ADJ", "NOUN", "PROPN")


def merge_ents(doc: Doc, spans: Iterable[Span], *, overwrite: bool) -> None:
    """Add ``spans`` to ``doc.ents``: longer spans win; on ties the new span wins when
    ``overwrite`` and the existing one otherwise."""
    existing = list(doc.ents)
    new = list(spans)
    ranked = [(s, 1 if overwrite else 0) for s in new] + [
        (s, 0 if overwrite else 1) for s in existing
    ]
    ranked.sort(key=lambda item: (-(item[0].end - item[0].start), -item[1], item[0].start))
    taken: set[int] = set()
    kept: list[Span] = []
    for span, _ in ranked:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        kept.append(span)
        taken.update(range(span.start, span.end))
    doc.ents = sorted(kept, key=lambda s: s.start)


def _author_at(doc: Doc, i: int) -> bool:
    """A name starts at ``doc[i]``: a name the NER found, a given name, or two or three
    capitalised words and no more ("by Donella Meadows", not "by Choice")."""
    from kgraph.extract.names import is_given_name

    if i >= len(doc):
        return False
    token = doc[i]
    if token.ent_iob_ == "B" and token.ent_type_ in ("PERSON", "ORG"):
        return True
    if token.is_title and is_given_name(token.text):
        return True
    end = i
    while end < len(doc) and end - i < 4 and doc[end].is_title and doc[end].is_alpha:
        end += 1
    return 2 <= end - i <= 3


def _patterns_path(patterns: str | None) -> Path | None:
    return Path(patterns) if patterns else None


LEVEL_VERBS = {"reach", "make", "hit", "get", "become", "achieve"}
"""Verbs whose object can be a bare level: "she made staff", "I reached principal"."""


class GazetteerRuler:
    """Phrase matching of every gazetteer term: case-insensitive (``LOWER``, with
    generated plurals) except acronyms and names, which match exactly (``ORTH``)."""

    def __init__(
        self, nlp: Language, name: str, *, patterns: str | None = None, overwrite: bool = False
    ):
        """``patterns`` (str | None, default None): a user YAML file merged over the
        defaults. ``overwrite`` (bool, default False): win ties against existing ents."""
        self.name = name
        self.overwrite = overwrite
        self.gazetteer: Gazetteer = load_gazetteer(_patterns_path(patterns))
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        groups: dict[tuple[str, bool], list[str]] = {}
        for term in self.gazetteer.terms():
            groups.setdefault((f"{term.type}\t{term.canonical}", term.case_sensitive), []).append(
                term.text
            )
        make = nlp.make_doc
        for (key, sensitive), texts in groups.items():
            if sensitive:
                self.orth.add(key, [make(t) for t in texts])
                continue
            # the tokenizer may split "DataTalks.Club" but not "datatalks.club": add both
            docs = {}
            for t in texts:
                for variant in map(make, dict.fromkeys((t, t.lower()))):
                    docs.setdefault(tuple(tok.lower_ for tok in variant), variant)
            self.lower.add(key, list(docs.values()))

    def match(self, doc: Doc) -> list[Span]:
        spans = []
        strings = doc.vocab.strings
        for match_id, start, end in [*self.lower(doc), *self.orth(doc)]:
            etype, canonical = strings[match_id].split("\t", 1)
            if end - start == 1 and etype in ("concept", "role"):
                token = doc[start]
                # a one-word term used as a verb ("label the data", "scope it") is no entity
                if (
                    token.tag_ in ("VB", "VBD", "VBP", "VBZ", "VBN", "MD")
                    and not token.text.isupper()
                ):
                    continue
            spans.append(Span(doc, start, end, label=LABELS[etype], kb_id=canonical))
        return spans

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        merge_ents(doc, spans, overwrite=self.overwrite)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


class RoleGrammar:
    """Roles composed from parts: ``[seniority]* [discipline]* title``, ``[seniority]*
    head-of-word of discipline+`` ("head of data science", "VP of machine learning") and
    ladder levels ("E7", "L5"); a seniority word used as a noun ("promoted to staff")
    stands for that seniority's engineer."""

    def __init__(self, nlp: Language, name: str, *, patterns: str | None = None):
        self.name = name
        self.gazetteer = load_gazetteer(_patterns_path(patterns))
        grammar = self.gazetteer.grammar

        def words(key: str) -> list[str]:
            return sorted(
                {w.lower() for phrase in grammar[key] for w in re.split(r"[\s\-]+", phrase)}
            )

        self.seniority = set(words("seniority"))
        self.disciplines = set(words("disciplines"))
        self.titles = set(words("titles"))
        self.titles_plural = {w + "s" for w in self.titles}
        self.heads = set(words("heads"))
        self.relational = set(words("relational"))
        levels = "|".join(f"(?:{r})" for r in grammar["levels"]) or "(?!)"
        self.level_re = re.compile(rf"^(?:{levels})s?$")
        self.matcher = Matcher(nlp.vocab)
        senior = {"LOWER": {"IN": sorted(self.seniority | {"-"})}, "OP": "*"}
        disc = {"LOWER": {"IN": sorted(self.disciplines | {"-", "/"})}, "OP": "*"}
        title = {"LOWER": {"IN": sorted(self.titles | self.titles_plural)}}
        heads = {"LOWER": {"IN": sorted(self.heads | {"vp", "vice", "president"})}, "OP": "+"}
        self.matcher.add("TITLE", [[senior, disc, title]])
        self.matcher.add(
            "HEAD_OF",
            [
                [
                    senior,
                    heads,
                    {"LOWER": "of"},
                    {
                        "LOWER": {"IN": sorted(self.disciplines | {"-", "or", "and", "/"})},
                        "OP": "+",
                    },
                ]
            ],
        )
        self.matcher.add("LEVEL", [[{"TEXT": {"REGEX": self.level_re.pattern}}]])
        self.matcher.add("SENIOR_NOUN", [[{"LOWER": {"IN": sorted(self.seniority)}, "OP": "+"}]])
        self.run_words = self.seniority | self.disciplines | self.heads | {"-", "/", "or", "and"}

    def role_word(self, token: Token) -> bool:
        """A word the patterns' repeated tokens match (see bounded_matches)."""
        return token.lower_ in self.run_words

    def canonical(self, span: Span) -> str | None:
        """Canonical role name of a matched span, or None when it is no role. Alternatives
        are joined by "|": "data/product analyst" -> "data analyst|product analyst",
        "head of data science or analytics" -> "head of data science|head of analytics"."""
        tokens = list(span)
        while tokens and tokens[-1].lower_ in ("or", "and", "/", "-"):
            tokens.pop()
        splits = [i for i, t in enumerate(tokens) if t.lower_ in ("/", "or", "and")]
        if splits:
            k = splits[0]
            left, right = tokens[:k], tokens[k + 1 :]
            of = next((i for i, t in enumerate(left) if t.lower_ == "of"), None)
            if of is not None:  # head of X or Y
                alternatives = [left, left[: of + 1] + right]
            else:  # X/Y title
                alternatives = [left + right[-1:], right]
            names = [self._name(alt) for alt in alternatives if alt]
            names = [n for n in dict.fromkeys(names) if n]
            return "|".join(names) if names else None
        return self._name(tokens)

    def _name(self, tokens: list[Token]) -> str | None:
        tokens = [t for t in tokens if t.text not in ("/", "or", "and")]
        while tokens and tokens[0].text == "-":
            tokens.pop(0)
        while tokens and tokens[-1].text == "-":
            tokens.pop()
        if not tokens:
            return None
        parts: list[str] = []
        for i, tok in enumerate(tokens):
            text = (
                tok.text
                if is_acronym(tok.text) and tok.lower_ not in self.expand_keys
                else tok.lower_
            )
            if i == len(tokens) - 1:
                text = singular(text)
            parts.append(text)
        name = " ".join(parts).replace(" - ", "-")
        for short, long in self.gazetteer.expand.items():
            name = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", long, name, flags=re.I)
        name = re.sub(r"\s+", " ", name).strip()
        known = self.gazetteer.lookup(name, "role")
        return known[1] if known else name

    @property
    def expand_keys(self) -> set[str]:
        return set(self.gazetteer.expand)

    def match(self, doc: Doc) -> list[Span]:
        spans = []
        strings = doc.vocab.strings
        for match_id, start, end in bounded_matches(self.matcher, doc, self.role_word):
            kind = strings[match_id]
            span = doc[start:end]
            if kind == "SENIOR_NOUN":
                if self._senior_noun(span) is None:
                    continue
                known = self.gazetteer.lookup(f"{self.canonical(span)} engineer", "role")
                if known:
                    spans.append(Span(doc, start, end, label="ROLE", kb_id=known[1]))
                continue
            if kind == "LEVEL" and not self._level_context(span):
                continue
            if kind in ("TITLE", "HEAD_OF") and span[-1 if kind == "TITLE" else 0].pos_ in (
                "VERB",
                "AUX",
            ):
                continue
            name = self.canonical(span)
            if not name:
                continue
            if (
                len(name.split()) == 1
                and kind != "LEVEL"
                and not self.gazetteer.lookup(name, "role")
            ):
                continue  # a bare title word is a role only when the gazetteer lists it
            spans.append(Span(doc, start, end, label="ROLE", kb_id=name))
        return spans

    def _senior_noun(self, span: Span) -> Span | None:
        """A seniority word standing alone as a noun: "from senior to staff"."""
        last = span[-1]
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and (
            nxt.lower_ in self.titles | self.titles_plural
            or nxt.lower_ in self.disciplines
            or nxt.text == "-"
        ):
            return None
        if last.pos_ not in ("NOUN", "PROPN") and last.dep_ not in ("pobj", "attr", "dobj", "conj"):
            return None
        if last.lower_ == "lead":
            return None
        if any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that", "all")
            for c in last.children
        ):
            return None  # "the staff", "our staff": the people who work somewhere ("a senior")
        if last.dep_ == "dobj" and last.head.lemma_.lower() not in LEVEL_VERBS:
            return None  # "they know staff"; but "she made staff", "I reached principal"
        return span

    @staticmethod
    def _level_context(span: Span) -> bool:
        """Levels are short codes: keep them unless inside a longer alphanumeric code."""
        doc = span.doc
        prev = doc[span.start - 1] if span.start > 0 else None
        return not (prev is not None and prev.text in ("-", "/") and not prev.whitespace_)

    @staticmethod
    def modified_lead(ent: Span) -> bool:
        """A bare "lead" after a noun no role knows ("technique lead", "pipeline lead")
        is no role we can name; "the lead of/at X" and known kinds ("tech lead") are."""
        doc = ent.doc
        if ent.label_ != "ROLE" or len(ent) != 1 or ent[0].lower_ != "lead" or ent.start == 0:
            return False
        prev = doc[ent.start - 1]
        return prev.pos_ in ("NOUN", "PROPN", "ADJ") and prev.dep_ in ("compound", "amod")

    def held_only(self, ent: Span) -> bool:
        """A role whose head names what someone is to someone ("mentor", "coach",
        "advisor") is one only where a person holds it: "I'm a coach", "as an advisor",
        "Maya, an executive coach", "coach Bill Campbell"; "find a mentor" names none."""
        if ent.label_ != "ROLE" or ent[-1].lemma_.lower() not in self.relational:
            return False
        root = ent.root
        if root.dep_ in ("attr", "appos") or (root.dep_ == "conj" and root.head.dep_ == "attr"):
            return False
        if root.dep_ == "pobj" and root.head.lower_ == "as":
            return False
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        return not (nxt is not None and nxt.ent_type_ == "PERSON")

    def __call__(self, doc: Doc) -> Doc:
        merge_ents(doc, self.match(doc), overwrite=True)
        if any(self.modified_lead(e) or self.held_only(e) for e in doc.ents):
            doc.ents = [e for e in doc.ents if not (self.modified_lead(e) or self.held_only(e))]
        return doc


class BookDetector:
    """Books in context: quoted title-case titles, "the book X", "book called X",
    "X book"/"X course" for title-case X, "a book about X" for a known title; subtitles
    after ":" are dropped and known titles mapped to their canonical form."""

    CUES = {"book", "books", "novel", "course", "guide", "textbook"}

    def __init__(
        self, nlp: Language, name: str, *, patterns: str | None = None, max_words: int = 12
    ):
        self.name = name
        self.max_words = max_words
        self.gazetteer = load_gazetteer(_patterns_path(patterns))
        self.known: dict[str, str] = {}
        for canonical, aliases in self.gazetteer.entries["book"].items():
            for form in (canonical, *aliases):
                self.known[norm_key(form)] = canonical
                self.known.setdefault(norm_key(re.sub(r"^the\s+", "", form, flags=re.I)), canonical)

    def title_of(self, text: str) -> str:
        """Canonical title: subtitle dropped, known titles mapped."""
        title = re.split(r"\s*:\s+|\s+[-\u2013\u2014]\s+", text.strip(), maxsplit=1)[0]
        title = title.strip(" ,.;!?\"'\u201c\u201d")
        for key in (norm_key(title), norm_key(re.sub(r"^the\s+", "", title, flags=re.I))):
            if key in self.known:
                return self.known[key]
        return title

    @staticmethod
    def _title_case(tokens: list[Token]) -> bool:
        if not any(t.is_alpha and len(t.text) > 1 for t in tokens):
            return False
        words = [t for t in tokens if t.is_alpha or t.like_num]
        if not words or not (words[0].is_title or words[0].is_upper or words[0].like_num):
            return False
        small = {
            "a",
            "an",
            "the",
            "of",
            "and",
            "or",
            "to",
            "for",
            "in",
            "on",
            "with",
            "as",
            "at",
            "by",
            "from",
            "when",
            "are",
            "is",
            "it",
            "if",
        }
        big = sum(1 for t in words if t.is_title or t.is_upper or t.like_num or t.lower_ in small)
        return big == len(words)

    def _quoted(self, doc: Doc) -> list[Span]:
        spans = []
        roles = {(e.start, e.end) for e in doc.ents if e.label_ == "ROLE"}
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if tok.text in _QUOTE_OPEN and not (
                tok.text == "'" and i > 0 and not doc[i - 1].whitespace_
            ):
                close = None
                for j in range(i + 1, min(n, i + self.max_words + 12)):
                    if doc[j].text in _QUOTE_CLOSE:
                        close = j
                        break
                if close is not None and close > i + 1:
                    inner = list(doc[i + 1 : close])
                    cut = next(
                        (k for k, t in enumerate(inner) if t.text in (":", "\u2013", "\u2014")),
                        len(inner),
                    )
                    head = inner[:cut]
                    while head and head[-1].is_punct:
                        head.pop()
                    known = head and norm_key(doc[head[0].i : head[-1].i + 1].text) in self.known
                    other = head and self.gazetteer.lookup(doc[head[0].i : head[-1].i + 1].text)
                    # an unknown quoted title needs a cue, or a subtitle or three words,
                    # and must not read as quoted speech (see _spoken)
                    cued = self._cued_single(doc, i, close)
                    words = sum(1 for t in head if t.is_alpha or t.like_num)
                    evidence = cued or (
                        not other
                        and not self._spoken(head, inner, roles)
                        and (words >= 3 or (cut < len(inner) and words >= 2))
                    )
                    if (
                        head
                        and len(head) <= self.max_words
                        and (known or (self._title_case(head) and evidence))
                    ):
                        span = doc[head[0].i : head[-1].i + 1]
                        self._blocked.append((span.end, close))
                        spans.append(
                            Span(
                                doc,
                                span.start,
                                span.end,
                                label="BOOK",
                                kb_id=self.title_of(span.text),
                            )
                        )
                    i = close + 1
                    continue
            i += 1
        return spans

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

    def _title_run(self, doc: Doc, start: int, step: int) -> tuple[int, int] | None:
        """Maximal run of title-case tokens from ``start`` going forward (1) or back (-1)."""
        small = {"of", "the", "for", "to", "a", "in", "on"}
        i = start
        run = []
        while 0 <= i < len(doc) and len(run) < self.max_words:
            t = doc[i]
            if (
                t.is_title
                or t.is_upper
                or t.like_num
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

    def _cued(self, doc: Doc) -> list[Span]:
        spans = []
        for tok in doc:
            if tok.lower_ not in self.CUES:
                continue
            # "the Practical Data Pipelines course", "the SQL Book"
            if tok.i > 0:
                run = self._title_run(doc, tok.i - 1, -1)
                if tok.is_title and run is not None:
                    run = (run[0], tok.i + 1)  # "NLP Book" keeps its capital Book
                if (
                    run is not None
                    and self._named(doc[run[0] : run[1]])
                    and self._plausible(doc[run[0] : run[1]])
                ):
                    spans.append(
                        Span(
                            doc,
                            run[0],
                            run[1],
                            label="BOOK",
                            kb_id=self.title_of(doc[run[0] : run[1]].text),
                        )
                    )
                    continue
            # "the book Rise", "a book called Staff Engineer", "book about ML system design"
            j = tok.i + 1
            if j < len(doc) and doc[j].lower_ in ("called", "named", "titled", ",", ":"):
                j += 1
            if j < len(doc) and doc[j].lower_ in ("about", "on"):
                np_end = j + 1
                while np_end < len(doc) and _nominal(doc[np_end]) and np_end - j <= 6:
                    np_end += 1
                for end in range(np_end, j + 1, -1):
                    known = self._known_topic(doc[j + 1 : end])
                    if known:
                        spans.append(Span(doc, j + 1, end, label="BOOK", kb_id=known))
                        break
                continue
            if j < len(doc) and doc[j].text in _QUOTE_OPEN:
                continue  # the quote detector handles it
            run = self._title_run(doc, j, 1)
            if run is not None and not doc[run[0]].is_sent_start:
                span = doc[run[0] : run[1]]
                if (
                    self._plausible(span)
                    and self._named(span)
                    and (
                        len(span) > 1
                        or span[0].pos_ == "PROPN"
                        or norm_key(span.text) in self.known
                    )
                ):
                    spans.append(
                        Span(doc, run[0], run[1], label="BOOK", kb_id=self.title_of(span.text))
                    )
            elif doc[tok.i - 1 if tok.i else 0].lower_ == "called" or (
                j > tok.i + 1 and doc[j - 1].lower_ == "called"
            ):
                end = j
                while end < len(doc) and _nominal(doc[end]) and end - j < 6:
                    end += 1
                if end > j + 1:
                    spans.append(
                        Span(doc, j, end, label="BOOK", kb_id=self.title_of(doc[j:end].text))
                    )
        return spans

    _NOT_TITLE_START = {
        "i",
        "my",
        "and",
        "but",
        "so",
        "or",
        "the",
        "a",
        "an",
        "this",
        "that",
        "it",
        "we",
        "you",
        "he",
        "she",
        "they",
        "our",
        "your",
        "his",
        "her",
        "their",
        "its",
        "if",
        "when",
        "then",
        "there",
        "here",
        "what",
        "which",
        "these",
        "those",
        "one",
        "even",
        "also",
        "just",
    }

    def _plausible(self, span: Span) -> bool:
        """A run of capitalised words that can be a title: not a pronoun or a connective
        at the start, and at least one content word that is not a stopword."""
        if span[0].lower_ in self._NOT_TITLE_START or span[-1].is_punct:
            return False
        if any(t.ent_type_ in ("PERSON", "GPE", "DATE", "CARDINAL") for t in span):
            return False  # "a book by Harvinder Atwal" names the author, not the title
        content = [t for t in span if t.is_alpha and t.lower_ not in self.gazetteer.stopwords]
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
        return self._quoted(doc) + self._cued(doc) + self._by_author(doc) + self._by_topic(doc)

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
        while i < n:
            tok = doc[i]
            if not self._title_word(tok) or tok.lower_ in _NOT_A_TITLE_START:
                i += 1
                continue
            last = i
            j = i + 1
            while j < n and j - i < self.max_words:
                nxt = doc[j]
                if nxt.lower_ == "by" and _author_at(doc, j + 1):
                    break  # "Thinking in Systems by Donella Meadows": the author follows
                if self._title_word(nxt) and not nxt.is_sent_start:
                    last = j
                elif not (
                    nxt.lower_ in ("'s", "\u2019s", "n't", "-")
                    or (nxt.is_lower and nxt.is_alpha and nxt.is_stop and len(nxt) <= 5)
                ):
                    break
                j += 1
            span = doc[i : last + 1]
            i = last + 1
            while (
                len(span) > 2
                and span[0].pos_ in ("NUM", "ADV", "PRON", "INTJ", "SCONJ", "CCONJ")
                and span[1].is_lower
            ):  # "One is The Weirdest People in the World": the title starts later
                k = 1
                while k < len(span) and not self._title_word(span[k]):
                    k += 1
                span = span[k:]
            if span.start > 0 and doc[span.start - 1].lower_ == "by" and len(span) <= 3:
                continue  # the author of a title before it
            title_words = sum(1 for t in span if self._title_word(t))
            known = norm_key(span.text) in self.known
            if not known and (title_words < 2 or not self._title_ok(span)):
                continue
            title = self.title_of(span.text)
            out.append(Span(doc, span.start, span.end, label=TITLE, kb_id=title))
        return out

    def _known_end(self, run: Span) -> Span:
        """A run as a book: the known title it ends with ("Try Rise" -> "Rise")."""
        for start in range(run.start, run.end):
            part = run.doc[start : run.end]
            if norm_key(part.text) in self.known:
                return Span(run.doc, start, run.end, label="BOOK", kb_id=self.title_of(part.text))
        return Span(run.doc, run.start, run.end, label="BOOK", kb_id=run.kb_id_)

    def _title_ok(self, span: Span) -> bool:
        from kgraph.extract.names import is_given_name

        if any(t.ent_type_ in _NOT_A_TITLE_TYPES for t in span):
            return False
        for ent in span.ents:  # a title the NER calls a person: "Purple Cow"
            if ent.label_ == "PERSON" and (ent.kb_id_ or is_given_name(ent[0].text)):
                return False
        if span[-1].lower_ in self.gazetteer.name_word_sets()["org_heads"]:
            return False  # "the Catholic Church", "Harvard Business School"
        if span[0].pos_ in ("VERB", "AUX") and span[0].is_sent_start:
            return False  # "Think About It" at a sentence's start is speech
        named = [e for e in span.ents if e.kb_id_ and e.label_ != "BOOK"]
        covered = {i for e in named for i in range(e.start, e.end)}
        return not all(t.i in covered for t in span if self._title_word(t))

    def __call__(self, doc: Doc) -> Doc:
        runs = self.title_runs(doc)
        by_author = [  # "Thinking in Systems by Donella Meadows": a book wherever it is said
            self._known_end(r)
            for r in runs
            if r.end + 1 < len(doc) and doc[r.end].lower_ == "by" and _author_at(doc, r.end + 1)
        ]
        merge_ents(doc, self.match(doc) + by_author, overwrite=True)
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


class EntityFilter:
    """Corrects statistical NER with the gazetteer: relabels known names ("ML" is a
    concept, "LinkedIn" an organization), keeps PERSON/ORG that look like names, and drops
    other NER labels (places, dates, numbers) and stopwords."""

    KEEP = frozenset(TYPES)  # kgraph's labels

    def __init__(self, nlp: Language, name: str, *, patterns: str | None = None):
        self.name = name
        self.gazetteer = load_gazetteer(_patterns_path(patterns))
        grammar = self.gazetteer.grammar
        self.title_words = {
            w.lower() for key in ("titles", "seniority", "heads") for w in grammar[key]
        }

    def fix(self, span: Span) -> Span | None:
        doc = span.doc
        if span.kb_id_:
            return span
        start, end = span.start, span.end
        while start < end and (
            doc[start].lower_ in ("the", "a", "an", "my", "our", "this")
            or doc[start].is_punct
            or (span.label_ == "PERSON" and doc[start].lower_.rstrip(".") in _HONORIFICS)
        ):
            start += 1
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "\u2019s", "'")
        ):
            end -= 1
        if start >= end:
            return None
        span = Span(doc, start, end, label=span.label_)
        text = span.text
        hit = self.gazetteer.lookup(text)
        if hit:
            return Span(doc, start, end, label=LABELS[hit[0]], kb_id=hit[1])
        if span.label_ not in ("PERSON", "ORG") or self.gazetteer.is_stopword(text):
            return None
        if re.fullmatch(r"(?i)(h[aeiou]h?|hm+|m+h?m+|u+h+|a+h+|o+h+)+", text):
            return None  # laughter and fillers
        if span.label_ == "ORG" and len(text) <= 4 and (text.isupper() or "/" in text):
            return None  # unknown short acronyms are mostly titles and terms (CTO, QA, EDA)
        if (
            not any(c.isupper() for c in text)
            or any(c.isdigit() for c in text)
            and span.label_ == "PERSON"
        ):
            return None
        words = [t for t in span if not t.is_punct]
        if len(words) == 1 and words[0].pos_ == "ADJ":
            return None  # "Smart people ...", "Closest to the user first"
        if (
            len(words) == 1
            and words[0].is_sent_start
            and re.fullmatch(r"[A-Z][a-z]{3,}(est|er)", words[0].text)
            and words[0].i + 1 < len(doc)
            and doc[words[0].i + 1].lower_ in ("to", "than", "of", "in")
        ):
            return None  # a list item opening with a comparison: "Nearest to the data first"
        if span.label_ == "PERSON":
            if len(words) > 4 or any(
                t.lower_ in self.title_words or t.lower_ in self.gazetteer.stopwords for t in words
            ):
                return None
            if not all(t.is_title or t.lower_ in _NAME_LINK or t.text in ("-", ".") for t in span):
                return None
            if any(t.pos_ not in ("PROPN", "NOUN", "PUNCT", "ADP", "X") for t in span):
                return None
        else:
            if len(words) > 5 or not (
                span[0].is_title or span[0].is_upper or any(c.isupper() for c in span[0].text)
            ):
                return None
            if all(
                t.lower_ in self.title_words or t.lower_ in self.gazetteer.stopwords for t in words
            ):
                return None
            if "/" in text or not any(t.is_alpha and len(t.text) > 2 for t in words):
                return None  # "MS/PhD", "C to D."
        return span

    def dotted_names(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Capitalised dotted names and domains outside other entities are organizations:
        "Acme.io", "Shop.Market" (a company written as its web address)."""
        spans = []
        for tok in doc:
            if tok.i in taken or not tok.text[:1].isupper() or not _DOTTED_ORG.match(tok.text):
                continue
            spans.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
        return spans

    def person_before_org(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A first name glued to a one-word known organization is a person's name
        ("Tom Ford", "Anna Oracle"): the gazetteer hides the surname from the NER."""
        out: list[Span] = []
        for ent in ents:
            prev = out[-1] if out else None
            if (
                prev is not None
                and ent.label_ == "ORG"
                and len(ent) == 1
                and ent.kb_id_
                and prev.label_ == "PERSON"
                and len(prev) == 1
                and prev.end == ent.start
                and ent[0].is_title
                and not prev[0].is_sent_start
            ):
                out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
                continue
            out.append(ent)
        return out

    @staticmethod
    def listed_with_places(span: Span, places: set[int]) -> bool:
        """An unknown organization that is an item of a list of places is a place too:
        "Brazil, Chile, UK & Ireland" (NER reads "X & Y" as a company)."""
        if span.label_ != "ORG" or span.kb_id_:
            return False
        doc = span.doc
        before = doc[span.start - 2 : span.start] if span.start >= 2 else None
        after = doc[span.end : span.end + 2] if span.end + 2 <= len(doc) else None
        for pair, sep, item in ((before, 1, 0), (after, 0, 1)):
            listed = pair is not None and pair[sep].text in (",", "&", "and", "or")
            if listed and pair[item].i in places:
                return True
        return False

    def eponym(self, span: Span) -> Span | None:
        """A name followed by an idea's head noun is a concept: "the Red Queen effect",
        "Conway's law", "the Peter principle"."""
        doc = span.doc
        end = span.end
        if end < len(doc) and doc[end].text in ("'s", "\u2019s"):
            end += 1
        if end < len(doc) and doc[end].lower_ in _EPONYM_HEADS and doc[end].is_lower:
            text = doc[span.start : end + 1].text
            key = " ".join([*text.split()[:-1], singular(doc[end].lower_)])
            return Span(doc, span.start, end + 1, label="CONCEPT", kb_id=key)
        return None

    def context_orgs(self, doc: Doc, taken: set[int], places: set[int]) -> list[Span]:
        """Organizations the NER missed, named by the sentence: a capitalised proper noun
        (or a camel-case name: "blipIQ") right after "at"/"joined" or after "a company
        called"; a "place" the NER saw is one when a work verb governs it ("I interned
        at X", "passed at X")."""
        spans = []
        for tok in doc:
            if tok.i in taken or tok.i == 0 or tok.is_sent_start or not tok.is_alpha:
                continue
            prev = doc[tok.i - 1]
            called = (
                prev.lower_ in ("called", "named")
                and tok.i >= 2
                and doc[tok.i - 2].lemma_.lower() in _ORG_NOUNS
            )
            if (
                tok.i in places
                and not called
                and not (prev.lower_ == "at" and prev.head.lemma_.lower() in _WORK_VERBS)
            ):
                continue
            camel = tok.text[:1].islower() and any(c.isupper() for c in tok.text[1:])
            if not ((tok.pos_ == "PROPN" and tok.is_title) or camel):
                continue
            after_called = camel and prev.lower_ == "called"
            if not (prev.lower_ in ("at", "joined") or called or after_called):
                continue
            end = tok.i + 1
            while (
                end < len(doc)
                and end - tok.i < 3
                and end not in taken
                and doc[end].pos_ == "PROPN"
                and doc[end].is_title
            ):
                end += 1
            span = Span(doc, tok.i, end, label="ORG")
            if self.gazetteer.is_stopword(span.text) or span.text.lower() in self.title_words:
                continue
            spans.append(span)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        original = {i for s in doc.ents if s.label_ in self.KEEP for i in range(s.start, s.end)}
        places = {i for s in doc.ents if s.label_ not in self.KEEP for i in range(s.start, s.end)}
        for span in doc.ents:
            if span.label_ in ("PERSON", "ORG") and not span.kb_id_:
                concept = self.eponym(span)
                if concept is not None:
                    kept.append(concept)
                    continue
            fixed = self.fix(span)
            if fixed is not None and fixed.label_ in self.KEEP:
                kept.append(fixed)
        kept = [s for s in kept if not self.listed_with_places(s, places)]
        kept = self.person_before_org(doc, sorted(kept, key=lambda s: s.start))
        taken = {i for s in kept for i in range(s.start, s.end)}
        kept += self.dotted_names(doc, taken)
        taken = {i for s in kept for i in range(s.start, s.end)}
        kept += self.context_orgs(doc, taken | original, places)
        doc.ents = []
        merge_ents(doc, kept, overwrite=True)
        return doc


def _after_hyphen(token: Token) -> bool:
    """``token`` continues a hyphenated word ("time" in "full-time")."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.text == "-" and not before.whitespace_


class ConceptFinder:
    """Candidate concepts beyond the gazetteer: noun phrases (adjectives and nouns ending
    in a noun, 1-4 words) outside other entities, generic modifiers stripped, lemmatised.
    Written to ``doc.spans["kgraph_concepts"]`` with the normalised form as ``kb_id``; the
    extractor keeps those that recur or carry a domain head."""

    def __init__(
        self, nlp: Language, name: str, *, patterns: str | None = None, max_words: int = 4
    ):
        self.name = name
        self.max_words = max_words
        self.gazetteer = load_gazetteer(_patterns_path(patterns))
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add(
            "NP",
            [
                [
                    {"POS": {"IN": ["ADJ", "NOUN", "PROPN"]}, "OP": "*"},
                    {"POS": "NOUN", "TAG": {"NOT_IN": ["VBG"]}},
                ]
            ],
            greedy="LONGEST",
        )

    def match(self, doc: Doc) -> list[Span]:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        concept_before = {
            ent.end: list(ent)
            for ent in doc.ents
            if ent.label_ == "CONCEPT" and all(t.is_alpha or t.text == "-" for t in ent)
        }
        out = []
        for _, start, end in bounded_matches(self.matcher, doc, _noun_phrase_word):
            tokens = [t for t in doc[start:end] if t.i not in taken]
            # keep the contiguous tail that is free of entities
            while tokens and (
                tokens[0].lower_ in self.gazetteer.generic_modifiers
                or tokens[0].pos_ == "PROPN"
                or not tokens[0].is_alpha
                or _after_hyphen(tokens[0])  # "time employee" is no part of "full-time employee"
            ):
                tokens.pop(0)
            if not tokens or tokens[-1].i != end - 1:
                continue
            if any(tokens[k + 1].i != tokens[k].i + 1 for k in range(len(tokens) - 1)):
                continue
            modifier = concept_before.get(tokens[0].i)
            if modifier is not None and len(modifier) + len(tokens) <= self.max_words:
                # a known concept modifying a noun phrase: "machine learning project checklist"
                tokens = [*modifier, *tokens]
            tokens = tokens[-self.max_words :]
            head = tokens[-1]
            if not head.is_alpha or len(head.text) < 3:
                continue
            lemma = singular(head.lower_) if head.tag_ in ("NNS", "NNPS") else head.lower_
            key = " ".join([*(t.lower_ for t in tokens[:-1]), lemma])
            stop = self.gazetteer.stopwords
            if key in stop or all(t.lower_ in stop or t.lemma_.lower() in stop for t in tokens):
                continue
            out.append(Span(doc, tokens[0].i, head.i + 1, label="CONCEPT", kb_id=key))
        return out

    def nominalised(self, doc: Doc) -> list[Span]:
        """A practice said as a verb phrase, named as its noun: "keep track of the
        experiments" -> experiment tracking, "we monitor our models" -> model monitoring."""
        out = []
        for tok in doc:
            lemma = tok.lemma_.lower()
            obj = None
            if lemma == "track" and tok.pos_ == "NOUN" and tok.head.lemma_.lower() == "keep":
                prep = next((c for c in tok.children if c.lower_ == "of"), None)
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
                lemma = "track"
            elif lemma in _NOMINAL and tok.pos_ == "VERB":
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None or obj.pos_ != "NOUN" or not obj.is_alpha:
                continue
            noun = singular(obj.lower_) if obj.tag_ == "NNS" else obj.lower_
            if noun in _VAGUE:
                continue  # "keep track of things"
            start, end = min(tok.i, obj.i), max(tok.i, obj.i) + 1
            key = f"{noun} {_NOMINAL[lemma]}"
            out.append(Span(doc, start, end, label="CONCEPT", kb_id=key))
        return out

    @staticmethod
    def career_moves(doc: Doc) -> list[Span]:
        """A person's move between fields or jobs, named as the practice: "I transitioned
        from analytics to data science", "my transition into management", "the transition
        from developer to data engineer" -> career transition. A move of a system ("the
        transition to production") is none: a person moves, or a role is left or reached."""
        out = []
        for tok in doc:
            if tok.lemma_.lower() != "transition" or tok.pos_ not in ("VERB", "NOUN"):
                continue
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _MOVE_PREPS]
            if not preps:
                continue
            objects = [o for p in preps for o in p.children if o.dep_ in ("pobj", "pcomp")]
            by_person = any(
                c.dep_ in ("nsubj", "poss")
                and (c.lower_ in _PEOPLE_WORDS or c.ent_type_ == "PERSON")
                for c in tok.children
            )
            to_role = any(o.ent_type_ == "ROLE" or o.lower_ in _CAREER_PLACES for o in objects)
            if by_person or to_role:
                out.append(Span(doc, tok.i, tok.i + 1, label="CONCEPT", kb_id="career transition"))
        return out

    @staticmethod
    def interview_preparation(doc: Doc) -> list[Span]:
        """ "prepare for the interview", "preparing for your data science interviews" ->
        interview preparation (the gazetteer's forms need the exact words)."""
        out = []
        for tok in doc:
            if tok.lemma_.lower() != "prepare" or tok.pos_ != "VERB":
                continue
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ != "for":
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() == "interview":
                        key = "interview preparation"
                        out.append(Span(doc, tok.i, obj.i + 1, label="CONCEPT", kb_id=key))
        return out

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[CONCEPT_SPANS] = (
            [s for s in doc.spans.get(CONCEPT_SPANS, []) if s.label_ == TITLE]
            + self.match(doc)
            + self.nominalised(doc)
            + self.career_moves(doc)
            + self.interview_preparation(doc)
        )
        return doc


class SelectiveNER:
    """The trained ``ner`` run only on sentences that can hold a name: those with a proper
    noun, or a capitalised word that does not start the sentence, outside the entities
    already found. Conversational text has few; this halves the cost of the slowest
    component of the small English pipelines. Entities already set win over NER spans."""

    def __init__(self, nlp: Language, name: str, *, batch_size: int = 256):
        self.name = name
        self.batch_size = batch_size
        self.ner: Any = None  # the trained entity recognizer, attached by load_pipeline

    @staticmethod
    def needs_ner(sent: Span) -> bool:
        for tok in sent:
            if tok.ent_type_ or not tok.is_alpha:
                continue
            if tok.pos_ == "PROPN":
                return True
            if (tok.is_title or tok.is_upper) and not tok.is_sent_start and tok.lower_ != "i":
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size or self.batch_size):
            subs, where = [], []
            for d_i, doc in enumerate(batch):
                head = array = None  # the document as an array, made once, not per sentence
                for sent in doc.sents:
                    if self.needs_ner(sent):
                        if array is None:
                            head = Doc._get_array_attrs()
                            array = doc.to_array(head)
                        subs.append(sent.as_doc(array_head=head, array=array))
                        where.append((d_i, sent.start))
            found: dict[int, list[Span]] = {}
            for sub, (d_i, start) in zip(self.ner.pipe(subs), where, strict=True):
                doc = batch[d_i]
                found.setdefault(d_i, []).extend(
                    Span(doc, start + e.start, start + e.end, label=e.label_, kb_id=e.kb_id_)
                    for e in sub.ents
                )
            for d_i, spans in found.items():  # sentences do not overlap: merged at once
                merge_ents(batch[d_i], spans, overwrite=False)
            yield from batch
