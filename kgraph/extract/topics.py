"""Concepts a document names in its own words: noun phrases that recur or end in a domain
head, and the topics its section headings name."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kgraph.extract.boilerplate import HEADING_WINDOW, window_of
from kgraph.extract.extraction import Mention
from kgraph.extract.mentions import source_of
from kgraph.extract.normalize import norm_key
from kgraph.extract.patterns import Gazetteer
from kgraph.model import Document

_ABSTRACT = re.compile(r"(tion|ment|ship|ism|ance|ence|ness|ing|ics|cy)$")


def discovered(gazetteer: Gazetteer, doc: Document, parsed: list[Any], key: str) -> list[Mention]:
    """Noun phrases kept as concepts: they recur in the document or end in a domain head."""
    candidates: list[Mention] = []
    compounds: set[str] = set()
    for turn, sdoc in zip(doc.turns, parsed, strict=True):
        for span in sdoc.spans.get(key, []):
            if span.label_ != "CONCEPT":
                continue
            first, head = span[0], span[-1]
            if len(span) == 2 and first.pos_ == head.pos_ == "NOUN" and first.head == head:
                # "code ownership", not "wider lens", nor two nouns of two phrases side by
                # side ("gave the team feedback", "revenue today")
                compounds.add(norm_key(span.kb_id_))
            candidates.append(
                Mention(
                    "concept",
                    span.text,
                    span.kb_id_,
                    turn.index,
                    span.sent.text.strip(),
                    "discovered",
                    window_of(span),
                )
            )
    counts = Counter(norm_key(m.key) for m in candidates)
    return [
        m
        for m in candidates
        if keep_discovered(gazetteer, m.key, counts[norm_key(m.key)], norm_key(m.key) in compounds)
    ]


def keep_discovered(gazetteer: Gazetteer, key: str, count: int, compound: bool = False) -> bool:
    """A discovered noun phrase is a concept when it ends in a domain head, recurs (and its
    head is not generic), or is a compound of two nouns ("build time", "feedback loop":
    the shape of a term, not of a description); a single word when it recurs and is rare
    in everyday English ("onboarding", "churn", "freemium", not "phone" or "lunch"), or
    is an abstract noun that recurs often and is not among the most common words."""
    words = key.split()
    heads = gazetteer.concept_heads
    stop = gazetteer.stopwords
    if len(words) >= 2:
        if words[-1] in stop and words[-1] not in heads:
            return False  # "transition point", "legal team"
        return count >= 2 or words[-1] in heads or (compound and len(words) == 2)
    if key in stop or re.fullmatch(r"[a-z]{4,}", key) is None:
        return False
    frequency = zipf_frequency(key)
    if count >= 2 and frequency < RARE_ZIPF:
        return True
    return count >= 5 and frequency < COMMON_ZIPF and _ABSTRACT.search(key) is not None


RARE_ZIPF = 4.5
"""Words rarer than this in everyday English (wordfreq's Zipf scale: about 30 uses per
million words) are specific enough to be topics ("retention" 3.8, "funnel" 3.5); generic
ones are far more common ("thing" 5.7, "company" 5.6, "level" 5.5)."""
COMMON_ZIPF = 5.0
"""The most common words ("addition", "education") are no topic even when abstract."""


@lru_cache(maxsize=65536)
def zipf_frequency(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale: log10 of uses per
    billion words)."""
    from wordfreq import zipf_frequency as frequency

    return frequency(word, "en")


_VERSUS = {"vs", "versus"}


def heading_topics(
    heading: Any, known: Iterable[Any], gazetteer: Gazetteer
) -> list[tuple[str, str]]:
    """Noun phrases a section heading names, as ``(text, key)``.

    Title Case defeats the tagger ("Engineering Brand Efforts" is three proper nouns), so
    the phrases are read from the words: runs of content words between function words,
    punctuation, numbers and the ``known`` entity spans already taken. A run loses leading
    generic modifiers and a trailing topic wrapper ("Engineering Brand Efforts" ->
    "engineering brand"); it is no topic when it then ends in a generic word or a modifier
    ("Handling Tough Questions"), is cut by a hyphen, or is not two to four words long.
    """
    names = [ent for ent in heading.ents if ent.label_ == "PERSON"]  # people are no topics
    taken = {i for span in (*known, *names) for i in range(span.start, span.end)}
    runs: list[list[Any]] = [[]]
    for token in heading:
        if token.i in taken or token.is_stop or not token.is_alpha or token.lower_ in _VERSUS:
            runs.append([])
        else:
            runs[-1].append(token)
    topics: list[tuple[str, str]] = []
    for run in runs:
        if not run:
            continue
        before = heading[run[0].i - 1] if run[0].i > 0 else None
        after = heading[run[-1].i + 1] if run[-1].i + 1 < len(heading) else None
        if (before is not None and before.text == "-") or (after is not None and after.text == "-"):
            continue
        while run and run[0].lower_ in gazetteer.generic_modifiers:
            run = run[1:]
        if run and norm_key(run[-1].lower_) in gazetteer.topic_wrappers:
            run = run[:-1]
        if not 2 <= len(run) <= 4:
            continue
        last = run[-1].lower_
        if norm_key(last) in gazetteer.stopwords or last in gazetteer.generic_modifiers:
            continue
        if run[-1].pos_ and run[-1].pos_ not in ("NOUN", "PROPN"):
            continue  # "Interviewers Seek", "Ingestion Explained": no noun phrase
        span = heading[run[0].i : run[-1].i + 1]
        topics.append((span.text, norm_key(span.text)))
    return topics


def known_ents(gazetteer: Gazetteer, sdoc: Any) -> list[tuple[Any, str, str]]:
    """The entities of a heading or a front-matter text that the gazetteer or the role
    grammar names (with their type and source): Title Case and editors' prose fool the
    NER and title detection, so nothing else of them is kept."""
    from kgraph.extract.labels import TYPES

    known = []
    for ent in sdoc.ents:
        etype = TYPES[ent.label_]
        source = source_of(gazetteer, ent, etype)
        if source in ("gazetteer", "grammar") or (
            etype == "book" and gazetteer.lookup(ent.kb_id_, "book")
        ):
            known.append((ent, etype, source))
    return known


def about_mentions(gazetteer: Gazetteer, doc: Document, about: list[Any]) -> list[Mention]:
    """Mentions from what the front matter says of the document (``about``: the analyses of
    ``doc.about``, a description, an intro, a story's "role: Staff Engineer at Slack"), each
    in the first turn: the known names, books and roles there are the document's too. An
    editor's summary relates nothing (no co-mentions) and claims nothing."""
    if not about or not doc.turns:
        return []
    first = doc.turns[0].index
    mentions = []
    for sdoc in about:
        for ent, etype, source in known_ents(gazetteer, sdoc):
            for key in (ent.kb_id_ or ent.text).split("|"):
                mentions.append(Mention(etype, ent.text, key, first, ent.sent.text, source))
    return mentions


def heading_mentions(
    gazetteer: Gazetteer, doc: Document, headings: dict[int, Any]
) -> list[Mention]:
    """Mentions from section headings (``headings``: turn index -> the heading's analysis,
    for the first turn of each section): known terms, and an article's own topics."""

    mentions: list[Mention] = []
    for t_i, hdoc in sorted(headings.items()):
        section = doc.turns[t_i].section
        turns = [t for t in doc.turns[t_i:] if t.section == section]
        # An article's heading is its author's topic for every paragraph under it. A
        # transcript's section title is an editor's summary: its known terms are
        # mentioned once, at the section's first turn, not in every turn of it (they
        # made 69% of the corpus mentions of "strategy", 38% of "machine learning").
        named = turns if doc.format == "article" else turns[:1]
        # the author's heading relates to every sentence of each paragraph under it; an
        # editor's title relates nothing (no co-mentions)
        window = HEADING_WINDOW if doc.format == "article" else None
        known = []
        for ent, etype, source in known_ents(gazetteer, hdoc):  # the topic of every turn
            known.append(ent)
            for key in (ent.kb_id_ or ent.text).split("|"):
                for turn in named:
                    mentions.append(
                        Mention(etype, ent.text, key, turn.index, hdoc.text.strip(), source, window)
                    )
        # An article's headings are its author's words; a transcript's section titles
        # are an editor's summary of what was said, read for known terms only.
        topics = heading_topics(hdoc, known, gazetteer) if doc.format == "article" else []
        heading = hdoc.text.strip()
        for text, key in topics:  # the topic the heading names in its own words
            for turn in turns:
                mentions.append(
                    Mention("concept", text, key, turn.index, heading, "discovered", window)
                )
    return mentions
