"""Canonical names of organizations, roles, books and concepts: the gazetteer's name, else
a normalised key, with slips of the transcript mapped to the usual form."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

from kgraph.extract import DocumentExtraction
from kgraph.extract.normalize import clean, norm_key
from kgraph.extract.patterns import Gazetteer

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


class Canonical:
    """Canonical names of non-person mentions over one corpus (the corpus counts tell a
    slip of the transcript from a name in its own right)."""

    def __init__(self, extractions: list[DocumentExtraction], gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._canonical: dict[tuple[str, str, str], str] = {}
        self.concept_counts = Counter(
            norm_key(m.key) for ex in extractions for m in ex.mentions if m.type == "concept"
        )
        # organizations by spaceless key: how often each is named, and in which forms
        self.org_forms: dict[str, Counter] = defaultdict(Counter)
        self._frequent_orgs: list[tuple[int, str]] | None = None
        for ex in extractions:
            for m in ex.mentions:
                if m.type == "organization":
                    self.org_forms[spaceless(norm_key(m.key))][clean(m.key)] += 1
        self._known_concepts: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for canonical, aliases in sorted(gazetteer.entries["concept"].items()):
            for form in (canonical, *aliases):
                words = norm_key(form).split()
                if len(words) >= 2:
                    self._known_concepts[(len(words), words[-1])].append(
                        (" ".join(words), canonical)
                    )

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
        key = spaceless(norm_key(name))
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


def spaceless(key: str) -> str:
    """A key without its spaces and dots: "boot camp" and "bootcamp", "Data Robot" and
    "DataRobot", "DataTalks.Club" and "Datatalks Club" are one thing."""
    return re.sub(r"[\s.]+", "", key)


def surface_form(text: str) -> str:
    """A surface form without trailing punctuation ("Alexey." -> "Alexey"); an
    abbreviation's dot stays ("U.S.", "Inc.")."""
    text = text.strip().rstrip(",;:!?")
    word = text.split()[-1] if text.split() else ""
    if word.endswith(".") and "." not in word[:-1] and len(word) > 4:
        text = text[:-1]
    return text or text
