"""What every claim rule works with: the ends of a claim (:class:`Ref`), the claim
(:class:`RawClaim`), the turn being read (:class:`TurnContext`), the clause around an
entity (:class:`Clause`) and the registry's entry (:class:`Rule`)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kgraph.extract.claims import grammar, tense
from kgraph.extract.claims.grammar import FIRST_PERSON, THIRD_PERSON
from kgraph.extract.claims.quotes import introduced_by, quotations, spoken_aloud
from kgraph.extract.claims.words import Lexicon
from kgraph.extract.labels import CONCEPT_SPANS, TYPES
from kgraph.extract.names import given_name_gender
from kgraph.extract.normalize import norm_key

_CURLY_BE = {"\u2019m", "\u2019re"}


@dataclass(frozen=True)
class Ref:
    """One end of a claim as found in the text: entity type, surface text, and key
    (canonical name when known). ``speaker=True`` when it stands for the turn's speaker."""

    type: str
    text: str
    key: str
    speaker: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text, "key": self.key, "speaker": self.speaker}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Ref:
        return cls(d["type"], d["text"], d["key"], bool(d.get("speaker", False)))


@dataclass(frozen=True)
class RawClaim:
    """A claim as extracted from one sentence, before resolution."""

    subject: Ref
    predicate: str
    object: Ref
    sentence: str
    negated: bool = False


def ref_of(span: Any) -> Ref:
    etype = TYPES[span.label_]
    return Ref(etype, span.text, (span.kb_id_ or span.text).split("|")[0])


class TurnContext:
    """One turn being read: its parsed ``doc``, its speaker (the subject of "I", "my",
    "we"), the person whose words a host tells back ("you said ...": ``guest``), what the
    question it answers asks for (``asked``: "books", "advice"), the quotations in it, and
    the claims found so far."""

    def __init__(
        self,
        doc: Any,
        speaker: str | None,
        guest: str | None,
        turn_index: int,
        words: Lexicon,
        asked: frozenset[str] = frozenset(),
        topics: frozenset[str] = frozenset(),
        concepts: Mapping[str, str] | None = None,
    ):
        self.doc = doc
        # the document's concepts by the normalised forms it names them with (surface
        # forms and keys): what advice said with a word of their stem names
        self.concepts: Mapping[str, str] = concepts or {}
        for token in doc:  # "I’m", "they’re" with a typographic apostrophe: the tagger
            if token.lower_ in _CURLY_BE and token.pos_ in ("AUX", "VERB"):  # keeps "’m"
                token.lemma_ = "be"
        self.asked = asked  # what the question this turn answers asks for: books, advice
        self.words = words
        self.speaker = Ref("person", speaker, speaker, speaker=True) if speaker else None
        self.guest = Ref("person", guest, guest) if guest and guest != speaker else None
        self.turn_index = turn_index
        # spaCy's Doc.ents (and so Span.ents) scans the whole document at each call: over
        # the sentences of a long turn, that is quadratic. The entities are read once.
        self.entities = list(doc.ents)
        self._starts = [ent.start for ent in self.entities]
        self.ent_of: dict[int, Any] = {}
        for ent in self.entities:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.named: list[Ref] = []  # the people named in the turn's sentences read so far
        self.claims: list[RawClaim] = []
        # the document's own terms ("hyperbole" said twice, "press release"): noun phrases
        # the concept finder proposed and the document kept (kgraph.extract.topics); not
        # entities of the parse, so only rules that ask for them see them
        self.topics = (
            [
                span
                for span in doc.spans.get(CONCEPT_SPANS, [])
                if span.label_ == "CONCEPT" and norm_key(span.kb_id_) in topics
            ]
            if topics
            else []
        )
        said = [(s, e, introduced_by(doc, s, words.speech_verbs)) for s, e in quotations(doc)]
        self.reported_spans = [(s, e) for s, e, by in said if by == "other"]
        # quotations the speaker does not introduce as their own words: "Or “I'm a software
        # engineer, I want to become a data engineer.”" voices someone, it is no self-report
        self.voiced_spans = [(s, e) for s, e, by in said if by != "speaker"]

    def add(
        self,
        subject: Ref | None,
        predicate: str,
        obj: Ref | None,
        sentence: str,
        negated: bool = False,
    ) -> None:
        if subject is None or obj is None:
            return
        if subject.type == obj.type and subject.key == obj.key:
            return
        claim = RawClaim(subject, predicate, obj, sentence, negated)
        if claim not in self.claims:
            self.claims.append(claim)

    def ents(self, span: Any) -> list[Any]:
        """``span.ents`` (the entities inside ``span``), from the turn's entities."""
        found = []
        for ent in self.entities[bisect_left(self._starts, span.start) :]:
            if ent.end > span.end:
                break
            found.append(ent)
        return found

    def topics_in(self, span: Any) -> list[Any]:
        """The document's own terms (:attr:`topics`) inside ``span``."""
        return [t for t in self.topics if span.start <= t.start and t.end <= span.end]

    def in_reported_quote(self, token: Any) -> bool:
        """Whether ``token`` is inside words the speaker quotes from someone else."""
        return any(start <= token.idx < end for start, end in self.reported_spans)

    def voiced(self, token: Any) -> bool:
        """Whether ``token`` is inside a quotation the speaker does not say is their own."""
        return any(start <= token.idx < end for start, end in self.voiced_spans)

    def person_ref(self, token: Any) -> Ref | None:
        """The person a subject token stands for."""
        low = token.lower_
        if low in FIRST_PERSON:
            return self.speaker if low not in ("we", "us", "our") or self.speaker else None
        if low in THIRD_PERSON:  # "Bill Gates worked on it when he was a student": Bill Gates
            named = [
                ref_of(e)
                for e in self.ents(token.sent)
                if e.label_ == "PERSON" and e.end <= token.i and not set_apart(e)
            ]
            # else the last person named before in the turn, of the pronoun's gender where
            # the given name tells it; never the guest by default: a host's "he" is as
            # often someone the guest spoke of
            unlike = "female" if low in ("he", "him") else "male"
            for ref in reversed(self.named + named):
                if given_name_gender(ref.key) != unlike:
                    return ref
            return None
        ent = self.ent_of.get(token.i)
        if ent is not None and ent.label_ in ("PERSON", "ROLE", "CONCEPT"):
            return ref_of(ent)
        return None


def disagrees(subject: Any, verb: Any) -> bool:
    """A verb in the third person singular ("has", "is", "works") that a subject of
    another verb ("I", "we", "you", "they") cannot be the subject of: its own subject
    is left unsaid."""
    forms = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return subject.lower_ in ("i", "we", "you", "they") and any(t.tag_ == "VBZ" for t in forms)


def told_to_guest(ctx: TurnContext, subject: Any, ent: Any) -> bool:
    """A host's "you" that states what the guest is or did ("You work at X", "You were
    head of growth at X"), not anyone's ("when you work at X, you ...", "if you're a PM
    at X", "you and I were at X"); a role only beside the organization it is held at
    ("so you're a PM, and you want to ..." sets a scene)."""
    if ctx.guest is None or subject.lower_ != "you" or subject.dep_ not in grammar.SUBJECT_DEPS:
        return False
    if ent.label_ == "ROLE" and not any(e.label_ == "ORG" for e in ctx.ents(ent.sent)):
        return False
    if ctx.voiced(subject):
        return False  # 'they ask, "you work at X?"': someone else's words
    if any(c.dep_ == "conj" or c.lower_ == "all" for c in subject.children):
        return False  # "you and I", "you all"
    return not grammar.in_setting(subject) and not grammar.conditional(subject)


def set_apart(ent: Any) -> bool:
    """A person named to be set apart from who the sentence is about: "Other than Mark
    Zuckerberg, she's the longest-serving executive"."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in ("than", "besides", "except", "unlike")


@dataclass
class Clause:
    """An entity and the clause that governs it: the verb above it, the tokens on the way
    there, and the person who is the verb's subject."""

    ctx: TurnContext
    ent: Any
    sent: Any
    text: str  # the sentence, stripped: the claim's evidence
    verb: Any
    path: list[Any]  # from the entity's root up to ``verb``
    subject_verb: Any  # the verb whose subject ``subject`` is (up a conj/xcomp chain)
    subject: Ref

    @classmethod
    def of(cls, ctx: TurnContext, ent: Any, sent: Any, text: str) -> Clause | None:
        """The clause of ``ent`` when a person is its subject (not the entity itself, nor
        someone whose words the speaker quotes)."""
        verb, path = grammar.governing_verb(ent.root)
        if verb is None:
            return None
        subj_tok, subj_verb = grammar.subject_of(verb)
        if subj_tok is None or subj_tok.i in range(ent.start, ent.end):
            return None
        if ctx.voiced(ent.root) != ctx.voiced(subj_tok):
            return None  # 'I'll be like, "Go on to Amazon"': the quote is its own clause
        if subj_verb is not verb and disagrees(subj_tok, verb):
            return None  # "we had a student get a job and has been a data engineer"
        subject = ctx.person_ref(subj_tok)
        if subject is None and ent.label_ in ("ORG", "ROLE") and told_to_guest(ctx, subj_tok, ent):
            subject = ctx.guest  # a host's "You were head of growth at X": the guest's job
        if subject is None and subj_tok.lemma_.lower() in ctx.words.employment_nouns:
            # "my first job was at Microsoft", "Ana's role is staff engineer": the job's
            # holder is who the clause is about
            owner = next((c for c in subj_tok.children if c.dep_ == "poss"), None)
            subject = ctx.person_ref(owner) if owner is not None else None
        if subject is None or subject.type != "person":
            return None
        if subj_tok.lower_ in FIRST_PERSON and (
            ctx.in_reported_quote(subj_tok)
            or ctx.voiced(subj_tok)
            or spoken_aloud(subj_tok, ctx.words.speech_verbs)
        ):
            return None  # 'they say, "I'm not worthy of this staff position"': not the speaker
        return cls(ctx, ent, sent, text, verb, path, subj_verb, subject)

    @property
    def obj(self) -> Ref:
        return ref_of(self.ent)

    @cached_property
    def lemma(self) -> str:
        return self.verb.lemma_.lower()

    @cached_property
    def lemmas(self) -> set[str]:
        return {self.lemma, self.subject_verb.lemma_.lower()}

    @cached_property
    def preps(self) -> set[str]:
        return {t.lower_ for t in self.path[1:] if t.dep_ in ("prep", "agent") or t.pos_ == "ADP"}

    @cached_property
    def negated(self) -> bool:
        return grammar.negated(self.verb) and not grammar.ceased(self.verb)

    @cached_property
    def past(self) -> bool:
        # "she no longer works at X": she worked there
        return (
            grammar.ceased(self.verb)
            or grammar.is_past(self.verb, self.sent, self.ctx.words)
            or tense.earlier_conjunct(self.ent.root, self.sent, self.ctx.words)
        )

    @cached_property
    def sent_words(self) -> set[str]:
        """The sentence's words outside organizations' names ("Department of Italian
        Studies") and outside a time phrase ("after the PhD, I started at SAP")."""
        orgs = [e for e in self.ctx.ents(self.sent) if e.label_ == "ORG"]
        aside = {i for e in orgs for i in range(e.start, e.end)}
        for t in self.sent:
            if t.dep_ == "prep" and t.lower_ in ("after", "before", "since"):
                aside.update(range(t.left_edge.i, t.right_edge.i + 1))
        return {t.lower_ for t in self.sent if t.i not in aside}

    def claim(self, predicate: str, obj: Ref | None = None, negated: bool | None = None) -> None:
        """Add ``subject -predicate-> obj`` (default: the entity), negated as the verb is
        (unless ``negated`` says otherwise)."""
        negated = self.negated if negated is None else negated
        self.ctx.add(self.subject, predicate, obj or self.obj, self.text, negated)


@dataclass(frozen=True)
class Rule:
    """One entry of the registry (:data:`kgraph.extract.claims.registry.RULES`).

    ``entity(clause) -> bool`` reads the clause of each entity labelled one of ``labels``
    in a sentence that asks nothing; for one entity the first rule (in registry order)
    that returns True ends the search. ``sentence(ctx, sent, text)`` reads each sentence,
    ``turn(ctx)`` the whole turn before its sentences. ``predicates``: what it may claim.
    """

    name: str
    predicates: tuple[str, ...]
    labels: tuple[str, ...] = ()
    entity: Callable[[Clause], bool] | None = None
    sentence: Callable[[TurnContext, Any, str], None] | None = None
    turn: Callable[[TurnContext], None] | None = None


SentenceReader = Callable[[TurnContext, Any, str], None]


def in_order(*readers: SentenceReader) -> SentenceReader:
    """One ``Rule.sentence`` made of several readers, run in the order given."""

    def read(ctx: TurnContext, sent: Any, text: str) -> None:
        for reader in readers:
            reader(ctx, sent, text)

    return read
