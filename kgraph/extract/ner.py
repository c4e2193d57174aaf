"""The statistical NER, run where it can find names, and its corrections by the gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kgraph.extract.context_names import WORK_VERBS, ContextNames, industry_word
from kgraph.extract.labels import LABELS, TYPES
from kgraph.extract.names import is_given_name, mention_cues
from kgraph.extract.normalize import norm_key, singular
from kgraph.extract.patterns import load_gazetteer
from kgraph.extract.spans import merge_ents, patterns_path

_EPONYM_HEADS = {"effect", "law", "principle", "paradox", "fallacy", "syndrome", "theorem"}
_HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "sir"}
_NAME_LINK = {"de", "van", "von", "der", "da", "di", "del", "la", "le", "bin", "al"}


class EntityFilter(ContextNames):
    """Corrects statistical NER with the gazetteer: relabels known names ("ML" is a
    concept, "LinkedIn" an organization), keeps PERSON/ORG that look like names, and drops
    other NER labels (places, dates, numbers) and stopwords."""

    KEEP = frozenset(TYPES)  # kgraph's labels

    def __init__(self, nlp: Language, name: str, *, patterns: str | None = None):
        self.name = name
        self.gazetteer = load_gazetteer(patterns_path(patterns))
        grammar = self.gazetteer.grammar
        self.title_words = {
            w.lower() for key in ("titles", "seniority", "heads") for w in grammar[key]
        }
        self.context_books = {norm_key(f) for f in self.gazetteer.ambiguous_books()}
        founders = self.gazetteer.claim_words.get("founder_roles", [])
        self.founders = {w.lower().split("-")[-1] for w in founders}  # "co-founder": "founder"
        self.founding = set(self.gazetteer.claim_words.get("founding_verbs", []))

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
        for tok in doc[start + 1 : end]:
            if tok.text in ("-", "\u2013", "\u2014") and doc[tok.i - 1].whitespace_:
                end = tok.i  # "Julia Evans - Her ability to ...": a list item's gloss
                break
        if end - start > 2 and doc[start].text == doc[start + 1].text:
            start += 1  # a stutter of the transcript: "Mike Mike Krzyzewski"
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "\u2019s", "'")
        ):
            end -= 1
        if start >= end:
            return None
        owned = self.owned(doc, start, end, span.label_)
        if owned is not False:
            return owned
        span = Span(doc, start, end, label=span.label_)
        text = span.text
        hit = self.gazetteer.lookup(text)
        if hit and hit[0] == "book" and norm_key(text) in self.context_books:
            return None  # "Mindset shifts:" names no book; the book detector reads context
        if hit:
            return Span(doc, start, end, label=LABELS[hit[0]], kb_id=hit[1])
        if span.label_ not in ("PERSON", "ORG") or self.gazetteer.is_stopword(text):
            return None
        span = self.given_name_person(span)
        if re.fullmatch(r"(?i)(h[aeiou]h?|hm+|m+h?m+|u+h+|a+h+|o+h+)+", text):
            return None  # laughter and fillers
        short = span.label_ == "ORG" and len(text) <= 4 and (text.isupper() or "/" in text)
        if short and ("/" in text or not self.workplace(span)):
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
        return span if self._name_shaped(span, words) else None

    def owned(self, doc: Doc, start: int, end: int, label: str) -> Span | None | bool:
        """What a name with a possessive inside or after it is: the person owning a title
        ("Ed Catmull's Creativity Inc"), else the known book it owns (:meth:`owned_book`);
        False where neither."""
        owner = _owner_end(doc, start, end)
        if owner is not None and not self.gazetteer.lookup(doc[start:end].text):
            return Span(doc, start, owner, label="PERSON")
        return self.owned_book(doc, start, end, label)

    def owned_book(self, doc: Doc, start: int, end: int, label: str) -> Span | None | bool:
        """A known title after a possessive ("Muriel's Hooked", a misheard "Nir's"): the
        book, where the NER ran over both; an unknown organization before it ("Nirel" of
        "Nirel's Hooked") is none. False where no known title follows a possessive."""
        possessive = ("'s", "\u2019s")
        for k in range(start + 1, end - 1):
            if doc[k].lower_ in possessive:
                hit = self.gazetteer.lookup(doc[k + 1 : end].text)
                if hit and hit[0] == "book" and not self.gazetteer.lookup(doc[start:end].text):
                    return Span(doc, k + 1, end, label="BOOK", kb_id=hit[1])
                return False
        if label != "ORG" or end + 1 >= len(doc) or doc[end].lower_ not in possessive:
            return False
        for stop in range(min(len(doc), end + 9), end + 1, -1):
            hit = self.gazetteer.lookup(doc[end + 1 : stop].text)
            if hit and hit[0] == "book" and doc[end + 1].is_title:
                return None if not self.gazetteer.lookup(doc[start:end].text) else False
        return False

    def given_name_person(self, span: Span) -> Span:
        """A given name alone is a person ("what Elon's trying to do"), whatever the NER
        calls it; not where one works ("I worked at Chase") or what one founded ("we
        started Tiny"), nor a name after an article ("Pinky and the Brain") or before the
        noun it modifies ("my Brooks shoes"), nor where the words around it read it as an
        organization more than as a person ("Sierra's customers", "we use Claude")."""
        alone = span.label_ == "ORG" and len(span) == 1 and is_given_name(span.text)
        doc, tok = span.doc, span[0]
        named = tok.i == 0 or doc[tok.i - 1].tag_ not in ("DT", "PRP$")
        founded = tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.founding
        if not alone or not named or founded or tok.dep_ == "compound" or self.workplace(span):
            return span
        cues = mention_cues(span, self.gazetteer.name_word_sets())
        if cues.organization > cues.person:
            return span
        return Span(span.doc, span.start, span.end, label="PERSON")

    def _name_shaped(self, span: Span, words: list[Token]) -> bool:
        """A person's name is a few title-case proper nouns; an organization's starts with
        a capital and is not only title or stop words."""
        stop = self.gazetteer.stopwords
        plain = [t.lower_ in self.title_words or t.lower_ in stop for t in words]
        if span.label_ == "PERSON":
            # a surname may be a common word after a given name: "Steve Jobs", "Bill Gates"
            surname_ok = len(words) > 1 and is_given_name(words[0].text)
            titled = any(t.lower_ in self.title_words for t in words)
            return (
                len(words) <= 4
                and not (titled or plain[0] or (any(plain) and not surname_ok))
                and all(t.is_title or t.lower_ in _NAME_LINK or t.text in ("-", ".") for t in span)
                and all(t.pos_ in ("PROPN", "NOUN", "PUNCT", "ADP", "X") for t in span)
            )
        first = span[0]
        return (
            len(words) <= 5
            and (first.is_title or first.is_upper or any(c.isupper() for c in first.text))
            and not all(plain)
            and "/" not in span.text  # "MS/PhD"
            and any(t.is_alpha and len(t.text) > 2 for t in words)  # "C to D."
        )

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
        "Conway's law", "the Peter principle"; after a possessive, the head may be written
        in capitals ("Murphy's Law")."""
        doc = span.doc
        end = span.end
        owned = end < len(doc) and doc[end].text in ("'s", "\u2019s")
        end += owned
        if (
            end < len(doc)
            and doc[end].lower_ in _EPONYM_HEADS
            and (doc[end].is_lower or (owned and doc[end].is_title))
        ):
            text = doc[span.start : end + 1].text
            key = " ".join([*text.split()[:-1], singular(doc[end].lower_)])
            return Span(doc, span.start, end + 1, label="CONCEPT", kb_id=key)
        return None

    def industry(self, span: Span) -> Span | None:
        """A one-word name that names a field, not a firm, is a concept: "FinTech",
        "EdTech", "MLOps" (:func:`~kgraph.extract.context_names.industry_word`)."""
        words = self.gazetteer.name_word_sets().get("industry_suffixes", frozenset())
        if len(span) == 1 and industry_word(span.text, words):
            return Span(span.doc, span.start, span.end, label="CONCEPT", kb_id=span.text)
        return None

    def workplace(self, span: Span) -> bool:
        """The sentence names ``span`` as where someone works or studies: "I worked at X",
        "an engineer at X", "she joined X" (not "look at X", "good at X")."""
        doc = span.doc
        if span.start < 2 or span[0].is_sent_start:
            return False
        prev, before = doc[span.start - 1], doc[span.start - 2]
        if prev.lower_ in ("joined", "join", "joining"):
            return True
        if prev.lower_ != "at":
            return False
        verb = prev.head.lemma_.lower()
        return verb in WORK_VERBS or verb in ("study", "teach") or before.ent_type_ == "ROLE"

    def coordinated(self, span: Span) -> list[Span]:
        """A name the NER ran across a list is its items: "Vercel, Retool", and "Webflow
        and Salesforce" where an item is a known name ("Procter and Gamble" is one)."""
        if span.label_ not in ("PERSON", "ORG") or span.kb_id_ or self.gazetteer.lookup(span.text):
            return [span]
        doc = span.doc
        cuts = [
            t.i
            for t in span[1:-1]
            if t.lower_ in ("and", ",")
            and doc[t.i + 1].text[:1].isupper()
            and doc[t.i - 1].text[:1].isupper()
        ]
        bounds = [span.start, *(i for c in cuts for i in (c, c + 1)), span.end]
        pairs = zip(bounds[::2], bounds[1::2], strict=True)
        parts = [Span(doc, a, b, label=span.label_) for a, b in pairs]
        listed = any(doc[c].text == "," for c in cuts)
        known = any(self.gazetteer.lookup(p.text) for p in parts)
        same = len({p.text for p in parts}) < len(parts)  # "Double Click and Double Click"
        return parts if cuts and (listed or known or same) else [span]

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        original = {i for s in doc.ents if s.label_ in self.KEEP for i in range(s.start, s.end)}
        places = {i for s in doc.ents if s.label_ not in self.KEEP for i in range(s.start, s.end)}
        for span in (part for ent in doc.ents for part in self.coordinated(ent)):
            if span.label_ in ("PERSON", "ORG") and not span.kb_id_:
                concept = self.eponym(span) or self.industry(span)
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
        taken = {i for s in kept for i in range(s.start, s.end)}
        kept += self.shaped_orgs(doc, taken | original)
        taken = {i for s in kept for i in range(s.start, s.end)}
        products = {i for s in doc.ents if s.label_ == "PRODUCT" for i in range(s.start, s.end)}
        kept += self.given_name_people(doc, taken | original, places - products)
        taken = {i for s in kept for i in range(s.start, s.end)}
        kept += self.cued_people(doc, taken | original, places - products)
        # a given name found by the rule above before a known organization: "Tom Cruise"
        kept = self.person_before_org(doc, sorted(kept, key=lambda s: s.start))
        taken = {i for s in kept for i in range(s.start, s.end)}
        kept += self.listed_orgs(doc, kept, taken)  # even a name the filter dropped
        doc.ents = []
        merge_ents(doc, kept, overwrite=True)
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


def _owner_end(doc: Doc, start: int, end: int) -> int | None:
    """End of a person's name that owns what follows inside one NER span ("Ed Catmull's
    Creativity Inc", "Elad Gil's High Growth Handbook"): a full name (a given name and one
    or two more title-case words) before an inner possessive; None when the span has no
    such owner ("Lenny's Podcast" is a show: a first name alone owns nothing here)."""
    for k in range(start + 2, min(end - 1, start + 4)):
        if doc[k].lower_ not in ("'s", "\u2019s"):
            continue
        words = doc[start:k]
        if is_given_name(words[0].text) and all(t.is_title and t.is_alpha for t in words):
            return k
        return None
    return None
