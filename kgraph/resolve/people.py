"""People within one document: every name as written -> the fullest name of that person
here (speaker variants, misspellings, a lone first name or surname), and the tests of two
names being one person that the cross-document clustering shares."""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from kgraph.extract import DocumentExtraction
from kgraph.extract.normalize import clean
from kgraph.resolve.speakers import suspect_guess


def doc_people(
    ex: DocumentExtraction, speakers: dict[str, str], names: list[str]
) -> dict[str, str]:
    """Name as written in this document -> the fullest name of that person here.
    ``speakers``: label -> full name; ``names``: the keys of the person mentions."""
    speakers = dict(speakers)
    labels = [t.speaker for t in ex.turns if t.speaker]
    full = Counter(n for n in names if len(n.split()) >= 2)
    for label in labels:
        if label in speakers:
            full[speakers[label]] += 10
    speaker_full = sorted(set(speakers.values()) | {x for x in labels if len(x.split()) >= 2})
    mapping = _full_names(full, speaker_full)
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
        hits = _owners(name, fulls, full, mapping, speaker_full, speakers, labels)
        if name in labels:  # a speaker is never a name the text says once, cut or glued
            hits = [h for h in hits if len(h.split()) < 2 or not suspect_guess(h, ex)]
        if len(set(hits)) > 1:  # of several, the one who speaks here is the one meant
            hits = [h for h in hits if h in speaker_full] or hits
        mapping[name] = hits[0] if len(set(hits)) == 1 else name
    return {name: clean(full).strip(" .,;:!?\"'") or full for name, full in mapping.items()}


def _full_names(full: Counter, speaker_full: list[str]) -> dict[str, str]:
    """Full names that are variants of a speaker's name (ASR: "Valery Babushin",
    "Krzysztof Szafanek" for the speaker "Chris Szafranek"), else of a full name the
    document writes at least twice as often ("Camille Rickets", once, of "Camille
    Ricketts"): within one document, such near-identical names are one person."""
    mapping: dict[str, str] = {}
    for name in sorted(full, key=lambda n: (-full[n], n)):
        best = max(speaker_full, key=lambda s: fuzz.token_sort_ratio(s, name), default=None)
        if best and best != name and same_person(best, name, corroborated=True):
            mapping[name] = best
            continue
        anchor = next((s for s in speaker_full if s != name and _surname_variant(s, name)), None)
        if anchor is None:
            anchor = next(
                (
                    other
                    for other in full
                    if mapping.get(other) == other
                    and full[other] >= 2 * full[name]
                    and same_person(other, name, corroborated=True)
                ),
                None,
            )
        mapping[name] = anchor or name
    return mapping


def _owners(
    name: str,
    fulls: list[str],
    full: Counter,
    mapping: dict[str, str],
    speaker_full: list[str],
    speakers: dict[str, str],
    labels: list[str],
) -> list[str]:
    """The full names a lone first name or surname may stand for, by the first rule that
    finds any."""
    low = name.lower()
    hits = [f for f in fulls if low in (f.split()[0].lower(), f.split()[-1].lower())]
    if not hits:  # a first or last name as any spelling of the full name has it
        hits = [mapping[f] for f in full if low in (f.split()[0].lower(), f.split()[-1].lower())]
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
    return hits


def first_name_variant(a: str, b: str) -> bool:
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


def same_person(a: str, b: str, *, corroborated: bool) -> bool:
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
