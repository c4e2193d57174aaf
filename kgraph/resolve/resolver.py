"""The resolver: votes each surface form's type, names people (:mod:`.people`,
:mod:`.clusters`) and everything else (:mod:`.names`), and gathers mentions, evidence and
claims into a KnowledgeBase."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kgraph.extract import DocumentExtraction, Mention, Ref
from kgraph.extract.normalize import norm_key
from kgraph.extract.patterns import Gazetteer
from kgraph.model import Claim, Entity, Evidence, KnowledgeBase, node_id
from kgraph.resolve.clusters import cluster_people
from kgraph.resolve.names import Canonical, spaceless, surface_form
from kgraph.resolve.people import doc_people
from kgraph.resolve.speakers import archive_speakers, speaker_names

STRONG_SOURCES = {"gazetteer": 3, "grammar": 3, "book": 3, "speaker": 5}
# A noun phrase kept only because it recurs says little about a name the NER typed: its
# vote decides a form's type only where nothing else voted ("slack" the tool, a name).
WEAK_SOURCES = {"discovered": 0.001}
COMMON_LOWER = 4  # lower-case mentions per written one that make a form a common word
ClaimRef = tuple[tuple[str, str], str, tuple[str, str], Evidence, bool]


@dataclass
class _Builder:
    type: str
    label_votes: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: dict[tuple[str, int], Evidence] = field(default_factory=dict)
    sentences: dict[tuple[str, int, int], Evidence] = field(default_factory=dict)
    fixed_label: str | None = None


class Resolver:
    def __init__(self, extractions: list[DocumentExtraction], gazetteer: Gazetteer):
        self.extractions = sorted(extractions, key=lambda e: e.document.id)
        self.gazetteer = gazetteer
        archive = archive_speakers(self.extractions)
        self.speakers = {ex.document.id: speaker_names(ex, archive) for ex in self.extractions}
        self.types = self._vote_types()
        self.builders: dict[tuple[str, str], _Builder] = {}
        self.person_names: dict[tuple[str, str], str] = {}
        # per document: turn -> (speaker, time, url), and (turn, quote) -> its Evidence
        self._turns: dict[str, dict[int, tuple[str | None, float | None, str | None]]] = {}
        self._evidence: dict[str, dict[tuple[int, str, int | None], Evidence]] = defaultdict(dict)
        self._surfaces: dict[str, str] = {}
        self._groups: dict[tuple[str, str], tuple[str, str]] = {}  # (type, label) -> group
        self._kept: dict[tuple[str, str, str], str | None] = {}
        self.names = Canonical(self.extractions, gazetteer)
        self.canonical = self.names.canonical

    # ------------------------------------------------------------------ types
    def _vote_types(self) -> dict[str, str]:
        votes: dict[str, Counter] = defaultdict(Counter)
        self._cases: dict[str, Counter] = defaultdict(Counter)  # key -> lower/written
        for ex in self.extractions:
            for m in ex.mentions:
                key = norm_key(m.text)
                votes[key][m.type] += STRONG_SOURCES.get(m.source, WEAK_SOURCES.get(m.source, 1))
                self._cases[key]["lower" if m.text.islower() else "written"] += 1
            for label, full in self.speakers[ex.document.id].items():
                votes[norm_key(label)]["person"] += STRONG_SOURCES["speaker"]
                votes[norm_key(full)]["person"] += STRONG_SOURCES["speaker"]
            for turn in ex.turns:
                if turn.speaker:
                    votes[norm_key(turn.speaker)]["person"] += STRONG_SOURCES["speaker"]
        return {
            key: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for key, c in votes.items()
        }

    def type_of(self, m: Mention) -> str:
        if m.source in ("gazetteer", "grammar", "book"):
            return m.type
        voted = self.types.get(norm_key(m.text), m.type)
        if voted == "book" and m.text.islower():
            return m.type  # a title is written in capitals: "principles" is no "Principles"
        if voted in ("organization", "person") and m.text.islower() and self._common(m.text):
            return m.type  # "insight" said 60 times is no "Insights" named once
        return voted

    def _common(self, text: str) -> bool:
        """A form written in lower case far more often than in capitals is a common
        word (a name is written in capitals; "slack" the tool is said as often as
        "Slack"): ``COMMON_LOWER`` times or more, and that many times its capitals."""
        cases = self._cases[norm_key(text)]
        return cases["lower"] >= COMMON_LOWER and cases["lower"] >= COMMON_LOWER * cases["written"]

    def kept_type(self, m: Mention) -> str | None:
        """The voted type of a mention, or None when the mention is dropped: a stopword,
        or a long phrase that only the vote makes a person (computed once per form)."""
        form = (m.source, m.type, m.text)
        if form in self._kept:
            return self._kept[form]
        etype: str | None = self.type_of(m)
        if (
            etype != m.type
            and etype == "person"
            and len(m.text.split()) > 4
            or self.gazetteer.is_stopword(m.text)
        ):
            etype = None
        elif etype == "organization" and m.source == "ner" and " " not in m.text:
            # a capitalised common word the NER took for a firm ("Honesty, ...", "Calendar
            # invites"): the form is written in lower case everywhere else
            etype = None if self._common(m.text) else etype
        self._kept[form] = etype
        return etype

    # ------------------------------------------------------------------ people
    def _doc_people(self, ex: DocumentExtraction) -> dict[str, str]:
        """Name as written in this document -> the fullest name of that person here."""
        names = [m.key for m in ex.mentions if self.type_of(m) == "person"]
        # the end of a claim the parse read as a person ("Annie is CPO at X") is one here,
        # whatever the form's votes elsewhere: its first name stands for the full name
        names += [r.key for c in ex.claims for r in (c.subject, c.object) if r.type == "person"]
        return doc_people(ex, self.speakers[ex.document.id], names)

    def _cluster_people(self, per_doc: dict[str, dict[str, str]]) -> None:
        """Across documents: one label per person (fuzzy, corroborated)."""
        orgs = {
            ex.document.id: {
                self.canonical("organization", m.text, m.key)
                for m in ex.mentions
                if self.type_of(m) == "organization"
            }
            for ex in self.extractions
        }
        self.person_names.update(cluster_people(self.extractions, per_doc, self.speakers, orgs))

    # ------------------------------------------------------------------ build
    def evidence(
        self,
        ex: DocumentExtraction,
        turn: int,
        quote: str,
        people: dict[str, str],
        window: int | None = None,
    ) -> Evidence:
        info = ex.document
        known = self._evidence[info.id]
        ev = known.get((turn, quote, window))
        if ev is not None:  # one shared (frozen) Evidence per sentence of a turn
            return ev
        turns = self._turns.get(info.id)
        if turns is None:
            turns = self._turns[info.id] = {}
            # "Interviewer", "SPEAKER_01": no person, unless known as the host (below)
            generic = set(info.generic_speakers) - set(self.speakers[info.id])
            for t in ex.turns:
                speaker = None
                if t.speaker and t.speaker not in generic:
                    speaker = self.person_names.get((info.id, people.get(t.speaker, t.speaker)))
                turns[t.index] = (speaker, t.start, info.url_at(t.start))
        speaker, time, url = turns.get(turn) or (None, None, info.url_at(None))
        ev = known[(turn, quote, window)] = Evidence(
            info.id, turn, quote, speaker, time, url, window
        )
        return ev

    def entity_key(
        self, ex: DocumentExtraction, etype: str, text: str, key: str, people: dict[str, str]
    ) -> tuple[str, str]:
        if etype == "person":
            name = people.get(key, people.get(text, key))
            return etype, self.person_names.get((ex.document.id, name), name)
        return etype, self.canonical(etype, text, key)

    def add_mention(
        self, etype: str, label: str, surface: str, ev: Evidence, fixed: bool
    ) -> tuple[str, str]:
        group = self._groups.get((etype, label))
        if group is None:  # ~10^5 mentions, ~10^4 labels
            key = label if etype == "person" else spaceless(norm_key(label))
            group = self._groups[etype, label] = (etype, key)
        b = self.builders.get(group)
        if b is None:
            b = self.builders[group] = _Builder(etype)
        b.label_votes[label] += 1
        if fixed and not b.fixed_label:
            b.fixed_label = label
        alias = self._surfaces.get(surface)
        if alias is None:
            alias = self._surfaces[surface] = surface_form(surface)
        b.aliases.add(alias)
        b.mentions.setdefault((ev.document, ev.turn), ev)
        if ev.window is not None:
            b.sentences.setdefault((ev.document, ev.turn, ev.window), ev)
        return group

    def run(self) -> KnowledgeBase:
        per_doc = {ex.document.id: self._doc_people(ex) for ex in self.extractions}
        self._cluster_people(per_doc)
        claim_refs: list[ClaimRef] = []
        for ex in self.extractions:
            claim_refs.extend(self._collect(ex, per_doc[ex.document.id]))
        entities: dict[tuple[str, str], Entity] = {}
        for group, b in sorted(self.builders.items()):
            label = (
                b.fixed_label or sorted(b.label_votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            )
            mentions = sorted(b.mentions.values(), key=lambda e: (e.document, e.turn))
            sentences = [b.sentences[k] for k in sorted(b.sentences)]
            entities[group] = Entity(
                node_id(b.type, label),
                label,
                b.type,
                sorted(b.aliases | {label}),
                mentions,
                sentences,
            )
        claims = []
        seen = set()
        for s, p, o, ev, neg in claim_refs:
            key = (s, p, o, ev.document, ev.turn, neg)
            if key in seen or s not in entities or o not in entities:
                continue
            seen.add(key)
            claims.append(Claim(entities[s].id, p, entities[o].id, ev, neg))
        return KnowledgeBase(
            documents=[ex.document for ex in self.extractions],
            entities=list(entities.values()),
            claims=claims,
        )

    def _collect(self, ex: DocumentExtraction, people: dict[str, str]) -> list[ClaimRef]:
        """Adds one document's mentions and speakers to the builders; its claims."""
        short_names = self.short_org_names(ex)
        for m in ex.mentions:
            etype = self.kept_type(m)
            if etype is None:
                continue
            if m.source == "ner" and m.text in short_names:
                etype, label = "organization", short_names[m.text]
            else:
                _, label = self.entity_key(ex, etype, m.text, m.key, people)
            ev = self.evidence(ex, m.turn, m.sentence, people, m.window)
            self.add_mention(etype, label, m.text, ev, m.source != "discovered")
        generic = set(ex.document.generic_speakers) - set(self.speakers[ex.document.id])
        for t in ex.turns:  # speakers are people, present in every turn they speak
            if t.speaker and t.speaker not in generic:
                _, label = self.entity_key(ex, "person", t.speaker, t.speaker, people)
                self.add_mention(
                    "person",
                    label,
                    t.speaker,
                    self.evidence(ex, t.index, t.opening, people),
                    True,
                )
        claim_refs: list[ClaimRef] = []
        for c in ex.claims:
            ev = self.evidence(ex, c.turn, c.sentence, people)
            s = self.ref_entity(ex, c.subject, people)
            o = self.ref_entity(ex, c.object, people)
            if s == o:
                continue
            s_group = self.add_mention(s[0], s[1], c.subject.text, ev, True)
            o_group = self.add_mention(o[0], o[1], c.object.text, ev, True)
            claim_refs.append((s_group, c.predicate, o_group, ev, c.negated))
        return claim_refs

    def short_org_names(self, ex: DocumentExtraction) -> dict[str, str]:
        """ "Quillo" -> "Quillo.ai" when the document names the organization in full."""
        dotted = {
            self.canonical("organization", m.text, m.key)
            for m in ex.mentions
            if self.type_of(m) == "organization" and "." in m.text.strip(".")
        }
        short: dict[str, str] = {}
        for name in sorted(dotted):
            head = name.split(".")[0]
            if head and not self.gazetteer.lookup(head, "organization"):
                short.setdefault(head, name)
        return short

    def ref_entity(
        self, ex: DocumentExtraction, ref: Ref, people: dict[str, str]
    ) -> tuple[str, str]:
        """(type, label) of one end of a claim."""
        etype = "person" if ref.speaker else ref.type
        if etype != "person" and self.gazetteer.lookup(ref.key, etype) is None:
            etype = self.types.get(norm_key(ref.text), etype)
        return self.entity_key(ex, etype, ref.text, ref.key, people)
