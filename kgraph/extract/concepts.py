"""Candidate concepts beyond the gazetteer: noun phrases and practices said as verbs."""

from __future__ import annotations

from spacy.attrs import LEMMA, POS, TAG
from spacy.language import Language
from spacy.symbols import ADJ, NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from kgraph.extract.labels import CONCEPT_SPANS, TITLE
from kgraph.extract.normalize import singular
from kgraph.extract.patterns import load_gazetteer
from kgraph.extract.spans import LONGEST_RUN, after_hyphen, patterns_path

_NOMINAL = {"track": "tracking", "monitor": "monitoring", "tune": "tuning", "version": "versioning"}
_MOVE_PREPS = {"from", "into", "to"}
_PEOPLE_WORDS = {"i", "you", "he", "she", "we", "they", "my", "your", "his", "her", "our", "their"}
_CAREER_PLACES = {"academia", "industry", "management", "consulting", "freelancing", "research"}
_PHRASE_POS = {ADJ, NOUN, PROPN}  # the words of a noun phrase (spans.noun_phrase_word)
_VAGUE = {"thing", "stuff", "time", "people", "person", "way", "lot", "everything", "one"}


# dependencies of a word that heads a phrase of its own: two such nouns side by side are
# two phrases ("gave the team feedback", "for the community several years")
_PHRASE_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "pobj", "attr", "oprd", "appos"}
_PHRASE_DEPS |= {"ccomp", "csubj", "acomp", "npadvmod", "ROOT"}


def _one_phrase(tokens: list[Token]) -> list[Token]:
    """The part of a run of nouns and adjectives that is one noun phrase by the parse: a
    trailing noun used as an adverb is dropped ("board meeting tomorrow"), and the words
    up to one that heads a phrase of its own outside the run are cut ("for the community
    several years"); nothing when that leaves one word ("gave the team feedback")."""
    while len(tokens) > 1 and tokens[-1].dep_ == "npadvmod" and tokens[-2].head != tokens[-1]:
        tokens = tokens[:-1]
    first, last = tokens[0].i, tokens[-1].i
    cut = max(
        (
            k
            for k, t in enumerate(tokens[:-1])
            if t.dep_ in _PHRASE_DEPS and t.whitespace_ and not first <= t.head.i <= last
        ),
        default=-1,
    )
    if cut >= 0 and len(tokens) - cut - 1 < 2:
        return []  # the noun left alone is seldom the topic: "bill auto", "way parenting"
    tokens = tokens[cut + 1 :]
    return tokens if tokens and tokens[-1].pos_ == "NOUN" else []


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
        self.gazetteer = load_gazetteer(patterns_path(patterns))
        self.vbg = nlp.vocab.strings.add("VBG")

    def noun_phrases(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of each noun phrase: the longest run of adjectives and nouns that
        ends in a noun (not an "-ing" form), as spaCy's Matcher finds the pattern
        ``[ADJ|NOUN|PROPN]* NOUN`` with ``greedy="LONGEST"`` (and in its order: longest
        first, then by start), a run longer than :data:`~kgraph.extract.spans.LONGEST_RUN`
        words read in pieces of that length. One pass over the tagged arrays, without the
        Matcher's states or a Token object per word."""
        tags = doc.to_array([POS, TAG]).tolist() if len(doc) else []
        found: list[tuple[int, int]] = []
        piece: list[tuple[int, int]] = []
        start = noun = -1  # where the run of the current piece starts; its last noun
        run = 0  # the run's length in the whole text, cut into pieces as bounded_matches
        for i, (pos, tag) in enumerate(tags):
            if pos in _PHRASE_POS:
                run += 1
                if run > LONGEST_RUN and run % LONGEST_RUN == 1:  # a new piece
                    if noun >= 0:
                        piece.append((start, noun + 1))
                    found += sorted(piece, key=lambda m: (m[0] - m[1], m[0]))
                    piece, noun = [], -1
                    start = i
                if start < 0:
                    start = i
                if pos == NOUN and tag != self.vbg:
                    noun = i
                continue
            run = 0
            if noun >= 0:
                piece.append((start, noun + 1))
            start = noun = -1
        if noun >= 0:
            piece.append((start, noun + 1))
        return found + sorted(piece, key=lambda m: (m[0] - m[1], m[0]))

    def match(self, doc: Doc) -> list[Span]:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        concept_before = {
            ent.end: list(ent)
            for ent in doc.ents
            if ent.label_ == "CONCEPT" and all(t.is_alpha or t.text == "-" for t in ent)
        }
        out = []
        for start, end in self.noun_phrases(doc):
            tokens = [t for t in doc[start:end] if t.i not in taken]
            # keep the contiguous tail that is free of entities
            while tokens and (
                tokens[0].lower_ in self.gazetteer.generic_modifiers
                or tokens[0].pos_ == "PROPN"
                or not tokens[0].is_alpha
                or after_hyphen(tokens[0])  # "time employee" is no part of "full-time employee"
            ):
                tokens.pop(0)
            if not tokens or tokens[-1].i != end - 1:
                continue
            tokens = _one_phrase(tokens)
            if not tokens:
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

    @staticmethod
    def nominalised(doc: Doc, at: dict[str, list[int]]) -> list[Span]:
        """A practice said as a verb phrase, named as its noun: "keep track of the
        experiments" -> experiment tracking, "we monitor our models" -> model monitoring.
        ``at``: where the lemmas are (:func:`lemma_positions`)."""
        out = []
        for i in sorted(i for lemma in _NOMINAL for i in at.get(lemma, ())):
            tok = doc[i]
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
    def career_moves(doc: Doc, at: dict[str, list[int]]) -> list[Span]:
        """A person's move between fields or jobs, named as the practice: "I transitioned
        from analytics to data science", "my transition into management", "the transition
        from developer to data engineer" -> career transition. A move of a system ("the
        transition to production") is none: a person moves, or a role is left or reached."""
        out = []
        for tok in (doc[i] for i in at.get("transition", ())):
            if tok.pos_ not in ("VERB", "NOUN"):
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
    def interview_preparation(doc: Doc, at: dict[str, list[int]]) -> list[Span]:
        """ "prepare for the interview", "preparing for your data science interviews" ->
        interview preparation (the gazetteer's forms need the exact words)."""
        out = []
        for tok in (doc[i] for i in at.get("prepare", ())):
            if tok.pos_ != "VERB":
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
        at = lemma_positions(doc, _CUE_LEMMAS)
        doc.spans[CONCEPT_SPANS] = (
            [s for s in doc.spans.get(CONCEPT_SPANS, []) if s.label_ == TITLE]
            + self.match(doc)
            + self.nominalised(doc, at)
            + self.career_moves(doc, at)
            + self.interview_preparation(doc, at)
        )
        return doc


_CUE_LEMMAS = frozenset({*_NOMINAL, "transition", "prepare"})


def lemma_positions(doc: Doc, lemmas: frozenset[str]) -> dict[str, list[int]]:
    """Where each of ``lemmas`` (lower case) is the lowercased lemma of a word, in order:
    the rules that start from a few verbs look at those words only, not at a Token object
    made for every word of the text."""
    strings = doc.vocab.strings
    lower: dict[int, str] = {}
    at: dict[str, list[int]] = {}
    for i, key in enumerate(doc.to_array(LEMMA).tolist() if len(doc) else ()):
        lemma = lower.get(key)
        if lemma is None:
            lemma = lower[key] = strings[key].lower()
        if lemma in lemmas:
            at.setdefault(lemma, []).append(i)
    return at
