"""The role grammar: job titles composed from seniority, discipline and title words."""

from __future__ import annotations

import re

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from kgraph.extract.normalize import is_acronym, singular
from kgraph.extract.patterns import load_gazetteer
from kgraph.extract.spans import bounded_matches, merge_ents, patterns_path

LEVEL_VERBS = {"reach", "make", "hit", "get", "become", "achieve"}
"""Verbs whose object can be a bare level: "she made staff", "I reached principal"."""


class RoleGrammar:
    """Roles composed from parts: ``[seniority]* [discipline]* title``, ``[seniority]*
    head-of-word of discipline+`` ("head of data science", "VP of machine learning") and
    ladder levels ("E7", "L5"); a seniority word used as a noun ("promoted to staff")
    stands for that seniority's engineer."""

    def __init__(self, nlp: Language, name: str, *, patterns: str | None = None):
        self.name = name
        self.gazetteer = load_gazetteer(patterns_path(patterns))
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
        self.open_titles = {w + s for w in words("open_titles") for s in ("", "s")}
        levels = "|".join(f"(?:{r})" for r in grammar["levels"]) or "(?!)"
        self.level_re = re.compile(rf"^(?:{levels})s?$")
        self.matcher = Matcher(nlp.vocab)
        senior = {"LOWER": {"IN": sorted(self.seniority | {"-", "+"})}, "OP": "*"}
        disc = {"LOWER": {"IN": sorted(self.disciplines | {"-", "/"})}, "OP": "*"}
        title = {"LOWER": {"IN": sorted(self.titles | self.titles_plural)}}
        head_words = self.heads | {"vp", "vice", "president"}
        heads = {"LOWER": {"IN": sorted(head_words | {w + "s" for w in head_words})}, "OP": "+"}
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
        # abbreviated titles ("PM") with a modifier: "senior PM", "growth PMs"
        abbreviations = {
            k for k, v in self.gazetteer.expand.items() if v.split()[-1] in self.titles
        }
        modifier = {"LOWER": {"IN": sorted(self.seniority | self.disciplines)}, "OP": "+"}
        self.abbreviated_plurals = {a + "s" for a in abbreviations}
        short = sorted(abbreviations | self.abbreviated_plurals)
        self.matcher.add("ABBREVIATED", [[modifier, {"LOWER": {"IN": short}}]])
        # "VP Product", "VP Engineering": a VP of a discipline without the "of"
        vp = {"LOWER": {"IN": ["vp", "svp", "evp"]}}
        self.matcher.add("VP", [[vp, {"LOWER": {"IN": sorted(self.disciplines)}, "OP": "+"}]])
        self.matcher.add("LEVEL", [[{"TEXT": {"REGEX": self.level_re.pattern}}]])
        self.matcher.add("SENIOR_NOUN", [[{"LOWER": {"IN": sorted(self.seniority)}, "OP": "+"}]])
        joiners = {"-", "/", "+", "or", "and"}
        self.run_words = self.seniority | self.disciplines | self.heads | joiners
        # a word that every match holds (the title, head, abbreviation, "VP" or seniority
        # word; else a level): a text without one is not matched at all
        needed = self.titles | self.titles_plural | self.seniority | {"svp", "evp", *short}
        needed |= head_words | {w + "s" for w in head_words}
        self.needed = {nlp.vocab.strings.add(word) for word in needed}

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
        # The head word is the one before "of" in "heads of sales": what follows names a
        # field ("VP of sales", "head of people"), never made singular.
        of = next((i for i, t in enumerate(tokens) if t.lower_ == "of"), None)
        head = len(tokens) - 1 if of is None else of - 1
        for i, tok in enumerate(tokens):
            text = (
                tok.text
                if is_acronym(tok.text) and tok.lower_ not in self.expand_keys
                else tok.lower_
            )
            if i == head:
                low = tok.lower_
                text = low[:-1] if low in self.abbreviated_plurals else singular(text)
            parts.append(text)
        name = " ".join(parts).replace(" - ", "-").replace(" +", "+")  # "staff+ engineer"
        for short, long in self.gazetteer.expand.items():
            name = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", long, name, flags=re.I)
        name = re.sub(r"\s+", " ", name).strip()
        known = self.gazetteer.lookup(name, "role")
        return known[1] if known else name

    @property
    def expand_keys(self) -> set[str]:
        return set(self.gazetteer.expand)

    def may_match(self, doc: Doc) -> bool:
        """Whether ``doc`` holds a word one of the patterns needs (:attr:`needed`, or a
        level): most turns hold none, and are read from their arrays, not matched."""
        if not len(doc):
            return False
        lower, orth = doc.to_array([LOWER, ORTH]).T.tolist()
        if not self.needed.isdisjoint(lower):
            return True
        strings = doc.vocab.strings
        return any(self.level_re.search(strings[key]) for key in set(orth))

    def match(self, doc: Doc) -> list[Span]:
        if not self.may_match(doc):
            return []
        spans = []
        strings = doc.vocab.strings
        for match_id, start, end in bounded_matches(self.matcher, doc, self.role_word):
            kind = strings[match_id]
            while end - start > 1 and doc[end - 1].lower_ in ("or", "and", "/", "-"):
                end -= 1  # "head of sales and": the run took the conjunction
            while end - start > 1 and doc[start].text in ("+", "-"):
                start += 1  # "Data + ML engineers": the sign joins, it qualifies nothing
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
            if kind == "VP":
                name = re.sub(r"^(\w+) (?!of )", r"\1 of ", name)
                known = self.gazetteer.lookup(name, "role")
                name = known[1] if known else name
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

    @staticmethod
    def clock_time(ent: Span) -> bool:
        """ "3 PM", "9:30 pm": a time of day, not a product manager."""
        if ent.label_ != "ROLE" or len(ent) != 1 or ent[0].lower_ not in ("pm", "am"):
            return False
        prev = ent.doc[ent.start - 1] if ent.start > 0 else None
        return prev is not None and (prev.like_num or prev.text[:1].isdigit())

    def dropped(self, ent: Span) -> bool:
        return self.modified_lead(ent) or self.held_only(ent) or self.clock_time(ent)

    def held_compounds(self, doc: Doc) -> list[Span]:
        """Titles with a noun the grammar does not list before them, where a person holds
        them ("I'm a field engineer", "as a category designer", "Maya, a speaker coach"):
        the occupation's head and its compound nouns name the role."""
        spans = []
        for tok in doc:
            if tok.lower_ not in self.open_titles or tok.pos_ != "NOUN":
                continue
            if tok.ent_type_ and tok.ent_iob_ == "I":
                continue  # inside a longer name the grammar found
            if not self._held(tok):
                continue
            start = tok.i
            while (
                start > 0
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].head.i == tok.i
                and doc[start - 1].pos_ == "NOUN"
                and doc[start - 1].is_lower
                and doc[start - 1].is_alpha
                and not doc[start - 1].ent_type_
            ):
                start -= 1
            before = doc[start - 1] if start > 0 else None
            if start == tok.i or (before is not None and (before.text == "-" or before.like_num)):
                continue  # "an early-stage founder", "a 10 times engineer": no kind of job
            name = " ".join([*(t.lower_ for t in doc[start : tok.i]), singular(tok.lower_)])
            spans.append(Span(doc, start, tok.i + 1, label="ROLE", kb_id=name))
        return spans

    @staticmethod
    def _held(tok: Token) -> bool:
        """``tok`` names what a person is: "I'm a X", "X, a X", "worked as a X"."""
        if tok.dep_ in ("attr", "appos") or (tok.dep_ == "conj" and tok.head.dep_ == "attr"):
            return True
        return tok.dep_ == "pobj" and tok.head.lower_ == "as"

    def __call__(self, doc: Doc) -> Doc:
        merge_ents(doc, self.match(doc), overwrite=True)
        if self.may_match(doc):
            merge_ents(doc, self.held_compounds(doc), overwrite=False)
        if any(self.dropped(e) for e in doc.ents):
            doc.ents = [e for e in doc.ents if not self.dropped(e)]
        return doc
