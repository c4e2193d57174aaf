"""Speaker labels -> full names: the document's metadata, the archive's recurring speakers,
and names guessed from the text unless suspect."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from kgraph.extract import DocumentExtraction


def archive_speakers(extractions: list[DocumentExtraction]) -> dict[str, str]:
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


def speaker_names(ex: DocumentExtraction, archive: dict[str, str]) -> dict[str, str]:
    """Speaker label -> full name, by the strength of the evidence: the reader's map (the
    document's metadata), then for a bare first name the one host or guest of that first name,
    the archive's recurring speaker of it, and last the name extraction guessed from the text
    unless that guess is suspect (see :func:`suspect_guess`). An unnamed label ("Speaker 1")
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
        elif guess and not suspect_guess(guess, ex):
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


def suspect_guess(name: str, ex: DocumentExtraction) -> bool:
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


def recurring_speakers(
    extractions: list[DocumentExtraction], speaker_labels: dict[tuple[str, str], set[str]]
) -> dict[str, set[str]]:
    """First name (lower case) -> the full names that speak in two documents or more, or
    that the metadata of two documents or more names as host."""
    documents: dict[str, set[str]] = defaultdict(set)
    for (doc, name), labels in speaker_labels.items():
        if labels and len(name.split()) >= 2:
            documents[name].add(doc)
    for ex in extractions:
        for host in ex.document.hosts:
            if len(host.split()) >= 2:
                documents[host].add(ex.document.id)
    recurring: dict[str, set[str]] = defaultdict(set)
    for name, docs in documents.items():
        if len(docs) >= 2:
            recurring[name.split()[0].lower()].add(name)
    return recurring
