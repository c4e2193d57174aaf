"""The claim rules' vocabulary: the ``claim_words`` and ``claim_cues`` lists of
``kgraph/data/claims.yaml`` and of a user patterns file, as sets and compiled patterns.

Made once per gazetteer (the gazetteer itself is cached per patterns file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any


def _alternatives(items: list[str]) -> str:
    return "|".join(items)


_BOUNDED_CUES = (
    "intro",
    "founder",
    "not_founder",
    "advise",
    "opening_advice",
    "discourage",
    "ongoing",
    "past_settings",
    "urging_recommend",
    "urging_advice",
    "judgement",
    "urging_against",
    "explicit_advice",
    "contrary",
    "school_names",
    "emphatic_negation",
    "screen",
    "reading",
    "framing",
)
"""The cues matched between word boundaries."""


@dataclass(frozen=True)
class Lexicon:
    """One attribute per list of ``claims.yaml``: a frozenset of lemmas or words for
    ``claim_words``, a compiled regex for ``claim_cues`` (see :meth:`from_lists`)."""

    employment_verbs: frozenset[str]
    move_verbs: frozenset[str]
    job_verbs: frozenset[str]
    employment_nouns: frozenset[str]
    visitor_nouns: frozenset[str]
    promotion_verbs: frozenset[str]
    career_nouns: frozenset[str]
    founder_roles: frozenset[str]
    wish_verbs: frozenset[str]
    suppose_verbs: frozenset[str]
    regarding_verbs: frozenset[str]
    memory_verbs: frozenset[str]
    partitive_nouns: frozenset[str]
    founding_verbs: frozenset[str]
    company_nouns: frozenset[str]
    study_verbs: frozenset[str]
    study_words: frozenset[str]
    writing_verbs: frozenset[str]
    author_nouns: frozenset[str]
    own_work_nouns: frozenset[str]
    past_cues: frozenset[str]
    strong_past_cues: frozenset[str]
    former_words: frozenset[str]
    present_cues: frozenset[str]
    starting_verbs: frozenset[str]
    recent_cues: frozenset[str]
    platform_parts: tuple[str, ...]
    show_words: tuple[str, ...]
    recommending_verbs: frozenset[str]
    telling_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    attribution_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    steering_verbs: frozenset[str]
    avoid_verbs: frozenset[str]
    avoid_particle_verbs: frozenset[tuple[str, str]]
    school_going_verbs: frozenset[tuple[str, str]]
    example_imperatives: frozenset[tuple[str, str]]
    double_negative_verbs: frozenset[str]
    using_verbs: frozenset[str]
    advice_imperatives: frozenset[str]
    mastery_adjectives: frozenset[str]
    change_verbs: frozenset[str]
    example_markers: frozenset[str]
    placeholder_nouns: frozenset[str]
    category_nouns: frozenset[str]
    contrast_words: frozenset[str]
    leading_verbs: frozenset[str]
    requiring_verbs: frozenset[str]
    part_nouns: frozenset[str]
    contrast_preps: frozenset[str]
    gaining_verbs: frozenset[str]
    becoming_verbs: frozenset[str]
    duration_nouns: frozenset[str]
    leaving_verbs: frozenset[str]
    not_founder_words: frozenset[str]
    generic_objects: frozenset[str]
    urging_verbs: frozenset[str]
    favourite_words: frozenset[str]
    favourite_things: frozenset[str]
    life_changing_verbs: frozenset[str]
    helping_verbs: frozenset[str]
    working_verbs: frozenset[str]
    good_choice_words: frozenset[str]
    choice_nouns: frozenset[str]
    superlative_nouns: frozenset[str]
    praise_adjectives: frozenset[str]
    liking_verbs: frozenset[str]
    verb_nominal_suffixes: frozenset[str]
    noun_nominal_suffixes: frozenset[str]
    acquiring_verbs: frozenset[str]
    background_nouns: frozenset[str]
    # cues (regular expressions)
    intro: re.Pattern[str]
    hosting_lead: re.Pattern[str]
    founder: re.Pattern[str]
    not_founder: re.Pattern[str]
    recommend: re.Pattern[str]
    recommend_verbal: re.Pattern[str]
    advise: re.Pattern[str]
    opening_advice: re.Pattern[str]
    lead_ins: re.Pattern[str]
    discourage: re.Pattern[str]
    you_said: re.Pattern[str]
    hedges: re.Pattern[str]
    framing: re.Pattern[str]
    ongoing: re.Pattern[str]
    past_settings: re.Pattern[str]
    comparison: re.Pattern[str]
    part_of: re.Pattern[str]
    urging_recommend: re.Pattern[str]
    urging_advice: re.Pattern[str]
    general_advice: re.Pattern[str]
    judgement: re.Pattern[str]
    urging_against: re.Pattern[str]
    explicit_advice: re.Pattern[str]
    contrary: re.Pattern[str]
    emphatic_negation: re.Pattern[str]
    school_names: re.Pattern[str]
    screen: re.Pattern[str]
    reading: re.Pattern[str]
    schools: frozenset[str] = frozenset()
    # ^ canonical names of the gazetteer's organizations that are schools (by their names)

    @classmethod
    def from_lists(cls, words: dict[str, list[str]], cues: dict[str, list[str]]) -> Lexicon:
        """The lexicon of the merged YAML lists (every list of ``claims.yaml`` must be
        there). Most cues are matched between word boundaries; the others say where."""

        def cue(name: str, template: str = r"\b({})\b") -> re.Pattern[str]:
            return re.compile(template.format(_alternatives(cues[name])), re.I)

        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in words:
                values[f.name] = frozenset(words[f.name])
        values["platform_parts"] = tuple(words["platform_parts"])  # prefixes of the rest
        values["show_words"] = tuple(words["show_words"])
        for name in ("avoid_particle_verbs", "example_imperatives", "school_going_verbs"):
            values[name] = frozenset(tuple(w.split(" ", 1)) for w in words[name])
        for name in _BOUNDED_CUES:
            values[name] = cue(name)
        values["recommend_verbal"] = cue("recommend_verbal")
        values["lead_ins"] = cue("lead_ins", r"^\W*(?:(?:{})\b\W*)*")
        # "it's important (for you) to write X": the verb after "to" is what is urged
        values["general_advice"] = cue(
            "general_advice",
            r"\b({})\s+(it\s+is\s+|it.s\s+)?(for\s+(people|you|everyone|anyone|engineers)\s+)?"
            r"to\s+(?!be\b)(?P<verb>[a-z]+)",
        )
        values["recommend"] = re.compile(
            r"\b({})\b".format(_alternatives(cues["recommend_verbal"] + cues["praise"])), re.I
        )
        # "welcome to [the] <organization>": the cue ends where the name starts
        values["hosting_lead"] = cue("hosting_lead", r"\b({}) (the )?$")
        values["you_said"] = cue("you_said", r"\byou(?:'ve)? (?:also |just |already )?(?:{})\b")
        values["hedges"] = cue("hedges", r"\W*(?:(?:{})\W*)*")  # all that follows the cue
        values["comparison"] = cue("comparison", r" ({}) ")  # the words between two things
        # "A is (a) part of B", "A is one of the components of B": the words between
        values["part_of"] = re.compile(
            r" (?:is|are|was|were) (?:an? |one of the )?(?:{})s? of (?:the |an? )?$".format(
                _alternatives([re.escape(w) for w in words["part_nouns"]])
            ),
            re.I,
        )
        return cls(**values)


def lexicon_of(gazetteer: Any) -> Lexicon:
    """The lexicon of a :class:`~kgraph.extract.patterns.Gazetteer` (made once)."""
    cached = gazetteer.__dict__.get("_claim_lexicon")
    if cached is None:
        lexicon = Lexicon.from_lists(gazetteer.claim_words, gazetteer.claim_cues)
        organizations = gazetteer.entries.get("organization", {})
        schools = frozenset(
            name
            for name, aliases in organizations.items()
            if any(lexicon.school_names.search(form) for form in (name, *aliases))
        )
        cached = gazetteer.__dict__["_claim_lexicon"] = replace(lexicon, schools=schools)
    return cached


def default_lexicon() -> Lexicon:
    """The lexicon of the default vocabulary, without a user patterns file."""
    from kgraph.extract.patterns import load_gazetteer

    return lexicon_of(load_gazetteer())
