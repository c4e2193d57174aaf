"""Names the statistical NER missed, found by the words around them: an organization
after "at"/"joined" or in a list with one, a person from a given name, a company written as
its web address. A part of :class:`kgraph.extract.ner.EntityFilter`, which runs them after
its corrections of the NER's own spans."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kgraph.extract.names import is_given_name
from kgraph.extract.patterns import Gazetteer

_DOTTED_ORG = re.compile(
    r"^[A-Za-z][A-Za-z0-9-]+\.(?:[A-Z][a-z][A-Za-z0-9]*|com|ai|io|co|org|net|fyi|club|app|dev|tech)$"
)
# A capital after lower-case letters inside a capitalised word, or letters and digits mixed
_BRAND_SHAPE = re.compile(
    r"^(?:[A-Z][a-z]+[A-Z][A-Za-z]+|(?=.*[a-z])(?=.*[A-Za-z]{2})(?=.*[0-9])[A-Za-z0-9]{3,})$"
)
_NOT_BRAND = re.compile(
    r"^(?:(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von)[A-Z].*|[0-9]+(?:s|th|st|nd|rd|k|x|m|b)"
    r"|[A-Za-z][0-9]+|[0-9]+[A-Za-z])$"
)
_ORG_NOUNS = {"company", "startup", "firm", "lab", "agency", "organization", "platform", "bank"}
_MOTION_VERBS = {"move", "go", "come", "relocate", "travel", "fly", "return", "emigrate"}
WORK_VERBS = {"work", "intern", "interview", "pass", "apply", "join", "stay", "spend", "fail"}
"""Verbs that make "at X" where someone works or studies ("interned at X")."""


class ContextNames:
    """The rules that add the names the NER missed; they read the gazetteer and word sets
    that :class:`~kgraph.extract.ner.EntityFilter` loads."""

    gazetteer: Gazetteer
    title_words: set[str]
    founders: set[str]

    def dotted_names(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Capitalised dotted names and domains outside other entities are organizations:
        "Acme.io", "Shop.Market" (a company written as its web address)."""
        spans = []
        for tok in doc:
            if tok.i in taken or not tok.text[:1].isupper() or not _DOTTED_ORG.match(tok.text):
                continue
            spans.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
        return spans

    def listed_orgs(self, doc: Doc, kept: list[Span], taken: set[int]) -> list[Span]:
        """Names listed with an organization are organizations: "companies like GitLab,
        Automattic and others" (items of one list are things of one kind). A proper noun
        outside other entities, joined by a comma or "and"/"or" (not a dash or colon)."""
        spans = []
        for ent in kept:
            if ent.label_ != "ORG":
                continue
            for t in ent.root.conjuncts:
                if t.i in taken or t.pos_ not in ("PROPN", "NOUN", "ADJ"):
                    continue  # the tagger reads unknown names as any of these: "Automattic"
                if t.is_sent_start or not t.is_alpha:
                    continue
                if not (t.is_title or (t.is_upper and len(t) > 1)) or is_given_name(t.text):
                    continue
                start = t.i
                while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == t:
                    if doc[start - 1].i in taken or not doc[start - 1].is_title:
                        break
                    start -= 1
                lo, hi = sorted((ent.root.i, start))
                between = doc[lo + 1 : hi]
                if not any(w.text == "," or w.dep_ == "cc" for w in between) or any(
                    w.text in ("-", "\u2013", "\u2014", ":") for w in between
                ):
                    continue
                span = Span(doc, start, t.i + 1, label="ORG")
                if self.gazetteer.is_stopword(span.text) or self.gazetteer.lookup(span.text):
                    continue
                if span.text.lower() in self.title_words:
                    continue
                spans.append(span)
                taken.update(range(span.start, span.end))
        return spans

    def context_orgs(self, doc: Doc, taken: set[int], places: set[int]) -> list[Span]:
        """Organizations the NER missed, named by the sentence: a capitalised proper noun
        (or a camel-case name: "blipIQ") right after "at"/"joined" or after "a company
        called"; a "place" the NER saw is one when a work verb governs it ("I interned
        at X", "passed at X")."""
        spans = []
        for tok in doc:
            if tok.i in taken or tok.i == 0 or tok.is_sent_start:
                continue
            if not (tok.is_alpha or (tok.text.isalnum() and tok.text[:1].isupper())):
                continue  # "Auth0" is a name, "3rd" or "2x" none
            prev = doc[tok.i - 1]
            # "a Staff Engineer at Samsara": where a role is held, whatever the NER saw;
            # "(co-)founded Airtable", "co-founder of Raito": what a founder founded
            at_role = tok.pos_ == "PROPN" and (
                prev.lower_ == "at"
                and tok.i >= 2
                and doc[tok.i - 2].ent_type_ == "ROLE"
                or prev.lemma_.lower() == "found"
                and prev.pos_ == "VERB"
                or prev.lower_ == "of"
                and tok.i >= 2
                and doc[tok.i - 2].lower_ in self.founders
            )
            called = (
                prev.lower_ in ("called", "named")
                and tok.i >= 2
                and doc[tok.i - 2].lemma_.lower() in _ORG_NOUNS
            )
            if (
                tok.i in places
                and not called
                and not at_role
                and not (prev.lower_ == "at" and prev.head.lemma_.lower() in WORK_VERBS)
            ):
                continue
            camel = tok.text[:1].islower() and any(c.isupper() for c in tok.text[1:])
            if not ((tok.pos_ == "PROPN" and tok.is_title) or camel):
                continue
            after_called = camel and prev.lower_ == "called"
            if not (prev.lower_ in ("at", "joined") or called or after_called or at_role):
                continue
            end = _title_run_end(doc, tok.i, taken)
            span = Span(doc, tok.i, end, label="ORG")
            if self.gazetteer.is_stopword(span.text) or span.text.lower() in self.title_words:
                continue
            spans.append(span)
        return spans

    def shaped_orgs(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Names whose shape marks a brand, outside other entities: a capital inside a
        capitalised word ("HubSpot", "WorkOS", "DoorDash") or letters and digits together
        ("Auth0", "Invoice2go", "37signals" where the text uses it as a name); not a
        surname's prefix ("McCabe", "DeWitt", "LeMay"),
        a short code ("Q1", "L5", "V2"), a decade or ordinal ("80s", "21st"), a word the
        document also writes in lower case ("FinTech" beside "fintech"), nor a name after
        a given name ("Tom McCabe")."""
        spans = []
        lowered = None
        for tok in doc:
            if tok.i in taken or not _brand_shaped(tok.text):
                continue
            if self.gazetteer.is_stopword(tok.text) or self.gazetteer.lookup(tok.text):
                continue
            prev = doc[tok.i - 1] if tok.i else None
            if prev is not None and (prev.ent_type_ == "PERSON" or is_given_name(prev.text)):
                continue
            if lowered is None:
                lowered = {t.text for t in doc if t.is_lower} - _digit_led_names(doc)
            if tok.lower_ in lowered:
                continue
            if industry_word(tok.text, self.gazetteer.name_word_sets()["industry_suffixes"]):
                spans.append(Span(doc, tok.i, tok.i + 1, label="CONCEPT", kb_id=tok.text))
                continue  # "FinTech": a field, not a brand
            spans.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
        return spans

    def given_name_people(self, doc: Doc, taken: set[int], places: set[int]) -> list[Span]:
        """People the NER missed: a capitalised proper noun inside a sentence that is a
        given name ("a PM on my team, Emily, who teaches", "named Amit Kumar": the NER calls
        some a product), with the capitalised proper nouns after it. A name the document
        also writes in lower case as often is a word ("Will", "Grant"): the mentions'
        reader drops it."""
        spans = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            i += 1
            if (
                tok.i in taken
                or tok.i in places
                or ((tok.is_sent_start or tok.pos_ != "PROPN") and not _and_i(doc, tok.i))
                or not (tok.is_title and tok.is_alpha and len(tok) > 2)
                or not is_given_name(tok.text)
                or self.gazetteer.lookup(tok.text)
                or self.gazetteer.is_stopword(tok.text)
                or (tok.i > 0 and self._place_before(doc[tok.i - 1]))
                # "Social Good Berlin", "PyCon India": a name's end
                or (tok.i > 0 and doc[tok.i - 1].is_title)
                or (tok.i - 1 in taken and doc[tok.i - 1].text[:1].isupper())
            ):
                continue
            end = _title_run_end(doc, tok.i, taken, places, alpha=True)
            span = Span(doc, tok.i, end, label="PERSON")
            if any(t.lower_ in self.title_words for t in span):
                continue
            listed = [
                k
                for sep, k in ((tok.i - 1, tok.i - 2), (end, end + 1))
                if 0 <= k < len(doc) and doc[sep].lower_ in (",", "&", "and", "or")
            ]
            if any(k in places for k in listed):
                continue  # "Singapore, India, US & Europe": an item of a list of places
            spans.append(span)
            i = end
        return spans

    def cued_people(self, doc: Doc, taken: set[int], places: set[int]) -> list[Span]:
        """People the NER missed whom the sentence names as people: a capitalised name
        beside "my friend"/"our manager" ("my friend Gokul", "Rahul, my manager,"), or a
        given name that says or writes something ("Priya wrote the draft")."""
        words = self.gazetteer.name_word_sets()
        spans = []
        for tok in doc:
            if (
                tok.i in taken
                or tok.i in places
                or not (tok.is_title and tok.is_alpha and len(tok) > 2)
                or tok.pos_ not in ("PROPN", "NOUN")
                or self.gazetteer.lookup(tok.text)
                or self.gazetteer.is_stopword(tok.text)
                or tok.lower_ in self.title_words
            ):
                continue
            said = (
                tok.dep_ == "nsubj"
                and tok.head.lemma_.lower() in words["person_verbs"]
                and is_given_name(tok.text)
            )
            related = [tok.head] if tok.dep_ == "appos" else []
            related += [c for c in tok.children if c.dep_ == "appos"]
            if not (said or any(_my_person(t, words["person_nouns"]) for t in related)):
                continue
            end = _title_run_end(doc, tok.i, taken, places, alpha=True)
            spans.append(Span(doc, tok.i, end, label="PERSON"))
            taken.update(range(tok.i, end))
        return spans

    @staticmethod
    def _place_before(prev: Token) -> bool:
        """A word after which a name is a place: "in India", "at Sierra", "moved to Berlin"
        (not "talk to Emily")."""
        if prev.lower_ in ("in", "at"):
            return True
        return prev.lower_ == "to" and prev.head.lemma_.lower() in _MOTION_VERBS


_DIGIT_LED = re.compile(r"^[0-9]+[a-z]{4,}$")


_CAMEL_PARTS = re.compile(r"^([A-Z][a-z]+|[A-Z]{2,})([A-Z][a-z]+)$")


def industry_word(word: str, suffixes: frozenset[str]) -> bool:
    """A camel-case word of two parts whose last part names a field ("FinTech", "EdTech",
    "MLOps", "DevSec"): a concept, not a brand."""
    m = _CAMEL_PARTS.match(word)
    return m is not None and m.group(2).lower() in suffixes


def _digit_led_names(doc: Doc) -> set[str]:
    """Lower-case words of digits and letters ("37signals") that the text uses as names:
    after "at"/"joined"/"founded", or before "'s"; no other word is written that way."""
    names = set()
    for tok in doc:
        if not _DIGIT_LED.match(tok.text):
            continue
        prev = doc[tok.i - 1].lower_ if tok.i else ""
        nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        if prev in ("at", "joined", "join", "founded", "cofounded") or nxt in ("'s", "\u2019s"):
            names.add(tok.text)
    return names


def _my_person(token: Token, person_nouns: frozenset[str]) -> bool:
    """``token`` is someone's person: "my friend", "our manager", "her cofounder"."""
    person = token.ent_type_ == "ROLE" or token.lemma_.lower() in person_nouns
    return person and any(c.dep_ == "poss" for c in token.children)


def _and_i(doc: Doc, i: int) -> bool:
    """``doc[i]`` is followed by "and I"/"and me": one of two people ("Ravi and I built
    it"), a name even where a sentence starts."""
    return i + 2 < len(doc) and doc[i + 1].lower_ == "and" and doc[i + 2].lower_ in ("i", "me")


def _brand_shaped(word: str) -> bool:
    """Whether ``word`` has a brand's shape (see ContextNames.shaped_orgs); a plural of a
    word without it has none ("PhDs")."""
    if not _BRAND_SHAPE.match(word) or _NOT_BRAND.match(word):
        return False
    return not (word.endswith("s") and not _BRAND_SHAPE.match(word[:-1]))


def _title_run_end(
    doc: Doc,
    start: int,
    taken: set[int],
    places: frozenset[int] | set[int] = frozenset(),
    *,
    alpha: bool = False,
) -> int:
    """End of the name that starts at ``start``: up to two more capitalised proper nouns
    that no other name or place holds ("Amit Kumar", "Acme Labs"); ``alpha``: words only."""
    end = start + 1
    while (
        end < len(doc)
        and end - start < 3
        and end not in taken
        and end not in places
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and (doc[end].is_alpha or not alpha)
    ):
        end += 1
    return end
