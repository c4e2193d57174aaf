"""Resolution: the mentions of all documents -> one Entity per real thing, claims between
entity ids, every surface form kept as an alias.

- Types: one type per surface form, voted across the corpus (gazetteer and grammar votes
  outweigh statistical NER; speakers are people).
- People: speaker labels -> full names; within a document a lone first name or surname ->
  the unique full name that carries it; across documents names merge when they are near
  identical *and* corroborated (same speaker label, or documents sharing organizations).
  A first name alone never merges across documents unless it is the same speaker label.
- Organizations, roles, books, concepts: gazetteer canonical names, then normalised keys
  (case, plural, hyphens; "Siemens Russia" -> the known "Siemens").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from kgraph.extract import DocumentExtraction, Mention, Ref
from kgraph.extract.normalize import clean, norm_key
from kgraph.extract.patterns import Gazetteer, load_gazetteer
from kgraph.model import Claim, DocumentInfo, Entity, Evidence, KnowledgeBase, node_id, slugify

STRONG_SOURCES = {"gazetteer": 3, "grammar": 3, "book": 3, "speaker": 5}
ORG_SUFFIXES = {
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "corp",
    "corp.",
    "corporation",
    "gmbh",
    "plc",
    "co",
    "co.",
    "company",
}


@dataclass
class _Builder:
    type: str
    label_votes: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: dict[tuple[str, int], Evidence] = field(default_factory=dict)
    sentences: dict[tuple[str, int, int], Evidence] = field(default_factory=dict)
    fixed_label: str | None = None


class Resolver:
    """Resolution of a corpus of extractions into a KnowledgeBase."""

    def __init__(self, extractions: list[DocumentExtraction], gazetteer: Gazetteer):
        self.extractions = sorted(extractions, key=lambda e: e.document.id)
        self.gazetteer = gazetteer
        archive = _archive_speakers(self.extractions)
        self.speakers = {ex.document.id: _speaker_names(ex, archive) for ex in self.extractions}
        self.types = self._vote_types()
        self.builders: dict[tuple[str, str], _Builder] = {}
        self.person_names: dict[tuple[str, str], str] = {}
        # per document: turn -> (speaker, time, url), and (turn, quote) -> its Evidence
        self._turns: dict[str, dict[int, tuple[str | None, float | None, str | None]]] = {}
        self._evidence: dict[str, dict[tuple[int, str, int | None], Evidence]] = defaultdict(dict)
        self._canonical: dict[tuple[str, str, str], str] = {}
        self._surfaces: dict[str, str] = {}
        self._groups: dict[tuple[str, str], tuple[str, str]] = {}  # (type, label) -> group
        self._kept: dict[tuple[str, str, str], str | None] = {}
        self.concept_counts = Counter(
            norm_key(m.key) for ex in self.extractions for m in ex.mentions if m.type == "concept"
        )
        # organizations by spaceless key: how often each is named, and in which forms
        self.org_forms: dict[str, Counter] = defaultdict(Counter)
        self._frequent_orgs: list[tuple[int, str]] | None = None
        for ex in self.extractions:
            for m in ex.mentions:
                if m.type == "organization":
                    self.org_forms[_spaceless(norm_key(m.key))][clean(m.key)] += 1
        self._known_concepts: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for canonical, aliases in sorted(gazetteer.entries["concept"].items()):
            for form in (canonical, *aliases):
                words = norm_key(form).split()
                if len(words) >= 2:
                    self._known_concepts[(len(words), words[-1])].append(
                        (" ".join(words), canonical)
                    )

    # ------------------------------------------------------------------ types
    def _vote_types(self) -> dict[str, str]:
        votes: dict[str, Counter] = defaultdict(Counter)
        for ex in self.extractions:
            for m in ex.mentions:
                votes[norm_key(m.text)][m.type] += STRONG_SOURCES.get(m.source, 1)
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
        return self.types.get(norm_key(m.text), m.type)

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
        self._kept[form] = etype
        return etype

    # ------------------------------------------------------------------ keys
    def canonical(self, etype: str, text: str, key: str) -> str:
        """Canonical name of a non-person mention (computed once per type, text and key)."""
        found = self._canonical.get((etype, text, key))
        if found is None:
            found = self._canonical[(etype, text, key)] = self._canonical_of(etype, text, key)
        return found

    def _canonical_of(self, etype: str, text: str, key: str) -> str:
        known = self.gazetteer.lookup(key, etype) or self.gazetteer.lookup(text, etype)
        if known:
            return known[1]
        name = clean(key)
        if etype == "organization":
            words = name.split()
            if words and words[0].lower() == "the":
                words = words[1:]
            while len(words) > 1 and words[-1].lower() in ORG_SUFFIXES:
                words = words[:-1]
            for cut in range(len(words) - 1, 0, -1):  # "Siemens Russia" -> "Siemens"
                hit = self.gazetteer.lookup(" ".join(words[:cut]), "organization")
                if hit and all(w[:1].isupper() for w in words[cut:]):
                    return hit[1]
            name = " ".join(words) or name
            return self.misheard_organization(name) or name
        if etype in ("role", "concept"):
            acronym = name.isupper() or any(c.isupper() for c in name[1:])
            if etype == "concept" and not acronym:
                heard = self.misheard_concept(norm_key(name))
                if heard:
                    return heard
            return name if acronym else norm_key(name)
        return name

    def misheard_organization(self, name: str) -> str | None:
        """The usual form of a rarely named organization (5 mentions or fewer) one letter
        away from one named at least 5 times as often and 10 times in all ("DataTalk.Club"
        4 times, "DataTalks.Club" 210): a slip of the transcript. Names of fewer than 8
        letters are left alone ("Micro", "Micron")."""
        key = _spaceless(norm_key(name))
        count = sum(self.org_forms.get(key, Counter()).values())
        if len(key) < 8 or count > 5:
            return None
        if self._frequent_orgs is None:  # (number of mentions, key), 10 mentions or more
            self._frequent_orgs = [
                (total, other)
                for other, forms in self.org_forms.items()
                if (total := sum(forms.values())) >= 10
            ]
        found = [
            other
            for total, other in self._frequent_orgs
            if total >= 5 * max(count, 1)
            and abs(len(other) - len(key)) <= 1
            and other != key
            and Levenshtein.distance(key, other, score_cutoff=1) <= 1
        ]
        if len(found) != 1:
            return None
        forms = self.org_forms[found[0]]
        return sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def misheard_concept(self, key: str) -> str | None:
        """A rare discovered phrase one letter away from a known concept in one word and
        equal in the others ("lost function" for "loss function"): a transcription slip."""
        if self.concept_counts.get(key, 0) > 2:
            return None
        words = key.split()
        if len(words) < 2:
            return None
        for form, canonical in self._known_concepts.get((len(words), words[-1]), []):
            other = form.split()
            diff = [(a, b) for a, b in zip(words, other, strict=True) if a != b]
            if (
                len(diff) == 1
                and min(len(diff[0][0]), len(diff[0][1])) >= 4
                and Levenshtein.distance(*diff[0]) == 1
            ):
                return canonical
        return None

    # ------------------------------------------------------------------ people
    def _doc_people(self, ex: DocumentExtraction) -> dict[str, str]:
        """Name as written in this document -> the fullest name of that person here."""
        speakers = dict(self.speakers[ex.document.id])
        names = [m.key for m in ex.mentions if self.type_of(m) == "person"]
        labels = [t.speaker for t in ex.turns if t.speaker]
        full = Counter(n for n in names if len(n.split()) >= 2)
        for label in labels:
            if label in speakers:
                full[speakers[label]] += 10
        mapping: dict[str, str] = {}
        # full names that are variants of a speaker's name (ASR: "Valery Babushin",
        # "Krzysztof Szafanek" for the speaker "Chris Szafranek"), else of a full name the
        # document writes at least twice as often ("Camille Rickets", once, of "Camille
        # Ricketts"): within one document, such near-identical names are one person
        speaker_full = sorted(set(speakers.values()) | {x for x in labels if len(x.split()) >= 2})
        for name in sorted(full, key=lambda n: (-full[n], n)):
            best = max(speaker_full, key=lambda s: fuzz.token_sort_ratio(s, name), default=None)
            if best and best != name and _same_person(best, name, corroborated=True):
                mapping[name] = best
                continue
            anchor = next(
                (s for s in speaker_full if s != name and _surname_variant(s, name)), None
            )
            if anchor is None:
                anchor = next(
                    (
                        other
                        for other in full
                        if mapping.get(other) == other
                        and full[other] >= 2 * full[name]
                        and _same_person(other, name, corroborated=True)
                    ),
                    None,
                )
            mapping[name] = anchor or name
        fulls = sorted({mapping[n] for n in full})
        for name in sorted(set(names) | set(labels)):
            if name in mapping:
                continue
            if name in speakers:
                mapping[name] = speakers[name]
                continue
            if len(name.split()) >= 2:
                mapping[name] = name
                continue
            low = name.lower()
            hits = [f for f in fulls if low in (f.split()[0].lower(), f.split()[-1].lower())]
            if not hits:  # a first or last name as any spelling of the full name has it
                hits = [
                    mapping[f] for f in full if low in (f.split()[0].lower(), f.split()[-1].lower())
                ]
            if not hits:
                hits = [
                    mapping[f]
                    for f in full
                    if fuzz.ratio(low, f.split()[0].lower()) >= 75 and mapping[f] in speaker_full
                ]
            if not hits:  # a short form of a speaker's name: "Sam" for the speaker "Samuel"
                hits = [
                    speakers.get(label, label)
                    for label in sorted(set(labels))
                    if len(low) >= 3 and label.lower() != low and label.lower().startswith(low)
                ]
            if name in labels:  # a speaker is never a name the text says once, cut or glued
                hits = [h for h in hits if len(h.split()) < 2 or not _suspect_guess(h, ex)]
            mapping[name] = hits[0] if len(set(hits)) == 1 else name
        return {name: clean(full).strip(" .,;:!?\"'") or full for name, full in mapping.items()}

    def _cluster_people(self, per_doc: dict[str, dict[str, str]]) -> None:
        """Across documents: one label per person (fuzzy, corroborated)."""
        speaker_labels: dict[str, set[str]] = defaultdict(set)  # doc name -> labels in docs
        orgs: dict[str, set[str]] = {}
        for ex in self.extractions:
            orgs[ex.document.id] = {
                self.canonical("organization", m.text, m.key)
                for m in ex.mentions
                if self.type_of(m) == "organization"
            }
            for label, full in self.speakers[ex.document.id].items():
                speaker_labels[(ex.document.id, full)].add(label)
            for t in ex.turns:
                if t.speaker:
                    speaker_labels[
                        (ex.document.id, per_doc[ex.document.id].get(t.speaker, t.speaker))
                    ].add(t.speaker)
        items = sorted({(doc, name) for doc, m in per_doc.items() for name in m.values()})
        parent = {item: item for item in items}

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a: tuple[str, str], b: tuple[str, str]) -> None:
            parent[find(a)] = find(b)

        by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        blocks: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for item in items:
            by_name[item[1]].append(item)
            words = item[1].lower().split()
            if len(words) >= 2:  # candidates for a fuzzy match share initials, or the
                blocks[(words[0][:1], words[-1][:1])].append(item)  # first name when the
                blocks[(words[0], "")].append(item)  # surname's first letter was misheard
        for name, group in by_name.items():
            if len(name.split()) >= 2:  # the same full name is the same person
                for other in group[1:]:
                    union(group[0], other)
            else:  # a first name alone: only as the same speaker label (in linear time:
                first_with: dict[str, tuple[str, str]] = {}  # it is in most documents)
                for item in group:
                    for label in speaker_labels.get(item, ()):
                        union(first_with.setdefault(label, item), item)
        # a speaker label alone ("Samuel") is the one full name that label has elsewhere
        full_of_label: dict[str, set[str]] = defaultdict(set)
        for item in items:
            if len(item[1].split()) >= 2:
                for label in speaker_labels.get(item, ()):
                    if item[1].split()[0] == label:
                        full_of_label[label].add(item[1])
        for item in items:
            fulls = full_of_label.get(item[1], set())
            if item[1] in speaker_labels.get(item, set()) and len(fulls) == 1:
                union(item, by_name[next(iter(fulls))][0])
        # a first name alone is the archive's one recurring speaker of that first name: the
        # host labelled "Lenny" in some episodes is "Lenny Rachitsky", who speaks in others
        recurring = self._recurring_speakers(speaker_labels)
        for item in items:
            if len(item[1].split()) == 1:
                fulls = recurring.get(item[1].lower(), set())
                if len(fulls) == 1 and (full := next(iter(fulls))) in by_name:
                    union(item, by_name[full][0])
        # a surname carried by few full names in the corpus is rare: first-name variants
        # of it ("Christoph"/"Christopher Molnar") are one person
        surname_names: dict[str, set[str]] = defaultdict(set)
        for item in items:
            words = item[1].split()
            if len(words) >= 2:
                surname_names[words[-1].lower()].add(item[1])
        # pairs of names first (a name recurs in many documents), then of their documents
        for names in ({name for _, name in group} for group in blocks.values()):
            ordered = sorted(names)
            for i, name_a in enumerate(ordered):
                for name_b in ordered[i + 1 :]:
                    alike = _same_person(name_a, name_b, corroborated=True)
                    wa, wb = name_a.split(), name_b.split()
                    rare = (
                        len(wa) == len(wb) == 2
                        and wa[-1] == wb[-1]
                        and len(surname_names[wa[-1].lower()]) <= 2
                        and _first_name_variant(wa[0], wb[0])
                    )
                    if not (alike or rare):
                        continue
                    for a in by_name[name_a]:
                        for b in by_name[name_b]:
                            if a[0] == b[0]:
                                continue
                            same_label = bool(
                                speaker_labels.get(a, set()) & speaker_labels.get(b, set())
                            )
                            shared_orgs = len(orgs.get(a[0], set()) & orgs.get(b[0], set())) >= 2
                            if rare or _same_person(
                                name_a, name_b, corroborated=same_label or shared_orgs
                            ):
                                union(a, b)
        clusters: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for item in items:
            clusters[find(item)].append(item)
        preferred = {full for ex in self.extractions for full in ex.document.speakers.values()}
        preferred |= {g for ex in self.extractions for g in ex.document.guests}
        counts = Counter(name for _, m in per_doc.items() for name in m.values())
        by_slug: dict[str, list[tuple[str, list[tuple[str, str]]]]] = defaultdict(list)
        forms: dict[str, set[str]] = defaultdict(set)
        for members in clusters.values():
            names = sorted(
                {n for _, n in members},
                key=lambda n: (n not in preferred, -len(n.split()), -counts[n], n),
            )
            slug = slugify(names[0])
            by_slug[slug].append((names[0], sorted(members)))
            forms[slug] |= {n for n in names if slugify(n) == slug}
        documents = {ex.document.id: ex.document for ex in self.extractions}
        for slug, entries in by_slug.items():
            # one name in other letters ("Tobi Lutke" in the metadata, "Tobi Lütke" as
            # spoken) is one node: it keeps the name as written, accents and all
            label = _as_written(forms[slug], counts)
            if len(label.split()) >= 2:
                groups = [sorted(m for _, members in entries for m in members)]
            else:
                groups = [members for _, members in entries]
            # One first name in documents that do not corroborate it is several people: the
            # one who speaks (else in most documents) keeps the name, the others are told
            # apart by their episode ("Daniel (Tobi Lütke episode)"), never by a file's name.
            groups.sort(
                key=lambda g: (
                    not any(speaker_labels.get(m) for m in g),
                    -len(g),
                    g[0],
                )
            )
            for number, members in enumerate(groups, 1):
                name = label if number == 1 else f"{label} ({_context(documents, members, number)})"
                for member in members:
                    self.person_names[member] = name

    def _recurring_speakers(
        self, speaker_labels: dict[tuple[str, str], set[str]]
    ) -> dict[str, set[str]]:
        """First name (lower case) -> the full names that speak in two documents or more, or
        that the metadata of two documents or more names as host."""
        documents: dict[str, set[str]] = defaultdict(set)
        for (doc, name), labels in speaker_labels.items():
            if labels and len(name.split()) >= 2:
                documents[name].add(doc)
        for ex in self.extractions:
            for host in ex.document.hosts:
                if len(host.split()) >= 2:
                    documents[host].add(ex.document.id)
        recurring: dict[str, set[str]] = defaultdict(set)
        for name, docs in documents.items():
            if len(docs) >= 2:
                recurring[name.split()[0].lower()].add(name)
        return recurring

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
            key = label if etype == "person" else _spaceless(norm_key(label))
            group = self._groups[etype, label] = (etype, key)
        b = self.builders.get(group)
        if b is None:
            b = self.builders[group] = _Builder(etype)
        b.label_votes[label] += 1
        if fixed and not b.fixed_label:
            b.fixed_label = label
        alias = self._surfaces.get(surface)
        if alias is None:
            alias = self._surfaces[surface] = _surface(surface)
        b.aliases.add(alias)
        b.mentions.setdefault((ev.document, ev.turn), ev)
        if ev.window is not None:
            b.sentences.setdefault((ev.document, ev.turn, ev.window), ev)
        return group

    def run(self) -> KnowledgeBase:
        per_doc = {ex.document.id: self._doc_people(ex) for ex in self.extractions}
        self._cluster_people(per_doc)
        claim_refs: list[tuple[tuple[str, str], str, tuple[str, str], Evidence, bool]] = []
        for ex in self.extractions:
            people = per_doc[ex.document.id]
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
            for c in ex.claims:
                ev = self.evidence(ex, c.turn, c.sentence, people)
                s = self.ref_entity(ex, c.subject, people)
                o = self.ref_entity(ex, c.object, people)
                if s == o:
                    continue
                s_group = self.add_mention(s[0], s[1], c.subject.text, ev, True)
                o_group = self.add_mention(o[0], o[1], c.object.text, ev, True)
                claim_refs.append((s_group, c.predicate, o_group, ev, c.negated))
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


def _archive_speakers(extractions: list[DocumentExtraction]) -> dict[str, str]:
    """First name (lower case) -> the full-name speaker of that first name who speaks in the
    most documents, among those who speak (or are named host) in two documents or more: the
    host labelled "Lenny Rachitsky" in many episodes is the "Lenny" of the others."""
    documents: dict[str, set[str]] = defaultdict(set)
    turns: Counter = Counter()
    for ex in extractions:
        info = ex.document
        generic = set(info.generic_speakers)
        for t in ex.turns:
            if t.speaker and t.speaker not in generic:
                full = info.speakers.get(t.speaker, t.speaker)
                if len(full.split()) >= 2:
                    documents[full].add(info.id)
                    turns[full] += 1
        for host in info.hosts:
            if len(host.split()) >= 2:
                documents[host].add(info.id)
    best: dict[str, str] = {}
    for name in sorted(documents, key=lambda n: (-len(documents[n]), -turns[n], n)):
        if len(documents[name]) >= 2:
            best.setdefault(name.split()[0].lower(), name)
    return best


def _speaker_names(ex: DocumentExtraction, archive: dict[str, str]) -> dict[str, str]:
    """Speaker label -> full name, by the strength of the evidence: the reader's map (the
    document's metadata), then for a bare first name the one host or guest of that first name,
    the archive's recurring speaker of it, and last the name extraction guessed from the text
    unless that guess is suspect (see :func:`_suspect_guess`). An unnamed label ("Speaker 1")
    that introduces the guest is the document's host."""
    info = ex.document
    names = dict(info.speakers)
    generic = set(info.generic_speakers)
    labels = dict.fromkeys([*(t.speaker for t in ex.turns if t.speaker), *ex.speakers])
    for label in labels:
        if label in names or label in generic:
            continue
        guess = ex.speakers.get(label)
        if len(label.split()) != 1:
            if guess:
                names[label] = guess
            continue
        first = label.lower()
        listed = {p for p in [*info.hosts, *info.guests] if len(p.split()) >= 2}
        listed = {p for p in listed if p.split()[0].lower() == first}
        if len(listed) == 1:
            names[label] = next(iter(listed))
        elif first in archive:
            names[label] = archive[first]
        elif guess and not _suspect_guess(guess, ex):
            names[label] = guess
    host = _host(ex, names)
    if host:
        for label in generic:
            if any(
                _introduces_guest(t.opening, info.guests) for t in ex.turns if t.speaker == label
            ):
                names[label] = host
    return names


def _host(ex: DocumentExtraction, names: dict[str, str]) -> str | None:
    """The document's one host: from its metadata, else its one named speaker who is not a
    guest."""
    info = ex.document
    if len(info.hosts) == 1:
        return info.hosts[0]
    guests = {g.split()[0].lower() for g in info.guests if g.split()}
    generic = set(info.generic_speakers)
    others = {
        names.get(t.speaker, t.speaker) for t in ex.turns if t.speaker and t.speaker not in generic
    }
    others = {n for n in others if n.split()[0].lower() not in guests}
    return next(iter(others)) if guests and len(others) == 1 else None


_GUEST = re.compile(r"\bguests?\b", re.IGNORECASE)


def _introduces_guest(text: str, guests: list[str]) -> bool:
    """``text`` introduces one of ``guests`` as the guest ("Today, my guest is Tom Conrad"):
    only the host speaks so, which names an unnamed label ("Speaker 1") of the intro."""
    return bool(_GUEST.search(text)) and any(g and g in text for g in guests)


def _suspect_guess(name: str, ex: DocumentExtraction) -> bool:
    """A full name guessed for a speaker label from the text that is more likely noise: a
    word glued to the first name ("Lenny Lennyaised"), a cut word ("Lenny Newsletter-"), or a
    surname the document says only once ("The Lenny Newsletter, Lenny Empire Meetups")."""
    first, *rest = name.split()
    if not rest or any(w.endswith("-") or w.startswith("-") for w in rest):
        return True
    if any(w.lower().startswith(first.lower()) for w in rest):
        return True
    said = sum(1 for m in ex.mentions if m.text.split()[1:] == rest)
    return said < 2


def _spaceless(key: str) -> str:
    """A key without its spaces and dots: "boot camp" and "bootcamp", "Data Robot" and
    "DataRobot", "DataTalks.Club" and "Datatalks Club" are one thing."""
    return re.sub(r"[\s.]+", "", key)


def _surface(text: str) -> str:
    """A surface form without trailing punctuation ("Alexey." -> "Alexey"); an
    abbreviation's dot stays ("U.S.", "Inc.")."""
    text = text.strip().rstrip(",;:!?")
    word = text.split()[-1] if text.split() else ""
    if word.endswith(".") and "." not in word[:-1] and len(word) > 4:
        text = text[:-1]
    return text or text


def _as_written(names: set[str], counts: Counter) -> str:
    """Of names that differ only in accents, case or punctuation, the one written with the
    most letters outside ASCII ("Tobi Lütke", not "Tobi Lutke"), else the most said."""
    return min(names, key=lambda n: (-sum(not c.isascii() for c in n), -counts[n], n))


def _context(
    documents: dict[str, DocumentInfo], members: list[tuple[str, str]], number: int
) -> str:
    """What tells apart one of several people of one first name, after their name: the
    episode of the document that mentions them ("Tobi Lütke episode", by its guest, else its
    author), else the document's title cut to about 40 characters, else a number."""
    info = documents.get(members[0][0])
    if info is None:
        return str(number)
    who = next(iter(info.guests), None) or info.author
    if who:
        return f"{who} episode" if info.guests else f"{who} article"
    title = info.title
    if not title or title == info.id:
        return str(number)
    if len(title) > 40:
        title = title[:40].rsplit(" ", 1)[0].rstrip(" ,;:|-") + "…"
    return title


def _first_name_variant(a: str, b: str) -> bool:
    """First names of one person: one is the other with a few more letters at the end
    ("Christoph"/"Christopher", "Dan"/"Daniel")."""
    a, b = sorted((a.lower(), b.lower()), key=len)
    return len(a) >= 3 and b.startswith(a)


def _first_sounds(word: str) -> str:
    """The first two consonant sounds of a first name, roughly ("Chris" and "Krzysztof":
    "kr"): names of one person in two languages or two transcriptions start alike."""
    low = word.lower()
    low = re.sub(r"^ph", "f", re.sub(r"^c(?=[^ei])", "k", low))
    return re.sub(r"[^bdfgjklmnpqrstvxz]", "", low)[:2]


def _surname_variant(speaker: str, name: str) -> bool:
    """``name`` is the speaker ``speaker`` with the surname spelt a little differently and
    the first name in another form ("Krzysztof Szafanek" for "Chris Szafranek"): the same
    rare surname in one document, and first names that start with the same sounds."""
    wa, wb = speaker.split(), name.split()
    if len(wa) < 2 or len(wb) < 2 or min(len(wa[-1]), len(wb[-1])) < 5:
        return False
    if fuzz.ratio(wa[-1].lower(), wb[-1].lower()) < 85:
        return False
    a, b = wa[0].lower(), wb[0].lower()
    return (
        a == b
        or a.startswith(b)
        or b.startswith(a)
        or fuzz.ratio(a, b) >= 75
        or (len(_first_sounds(a)) == 2 and _first_sounds(a) == _first_sounds(b))
    )


def _same_person(a: str, b: str, *, corroborated: bool) -> bool:
    """Two full names of one person: near-identical first and last names; a spelling
    difference is accepted only with corroborating evidence."""
    if a == b:
        return True
    wa, wb = a.lower().split(), b.lower().split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    first = fuzz.ratio(wa[0], wb[0])
    last = fuzz.ratio(wa[-1], wb[-1])
    if first == 100 and last == 100:
        return True
    return corroborated and first >= 75 and last >= 85 and fuzz.token_sort_ratio(a, b) >= 85


def resolve(extractions: list[DocumentExtraction], patterns: Path | None = None) -> KnowledgeBase:
    """One Entity per real thing across ``extractions``; claims between entity ids."""
    return Resolver(list(extractions), load_gazetteer(patterns)).run()
