"""kgraph's spaCy components on a blank pipeline (no trained model): gazetteer matching,
role grammar, book detection, entity merging."""

from __future__ import annotations

import pytest


def ents(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.kb_id_) for e in nlp(text).ents]


def test_components_import_of_package_does_not_import_spacy() -> None:
    import subprocess
    import sys

    code = "import kgraph.extract, sys; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We write design docs every week.", ("design docs", "CONCEPT", "design doc")),
        ("She joined Facebook in 2019.", ("Facebook", "ORG", "Meta")),
        ("He moved to British Petroleum.", ("British Petroleum", "ORG", "BP")),
        ("Ask your PM first.", ("PM", "ROLE", "product manager")),
        ("We ran ETLs at night.", ("ETLs", "CONCEPT", "ETL pipeline")),
    ],
)
def test_gazetteer_matches_case_plural_and_aliases(blank_nlp, text, expected) -> None:
    assert expected in ents(blank_nlp, text)


def test_gazetteer_acronyms_match_only_in_capitals(blank_nlp) -> None:
    assert ("IC", "ROLE", "individual contributor") in ents(blank_nlp, "I went back to IC work.")
    assert not any(label == "ROLE" for _, label, _ in ents(blank_nlp, "I think it is fine."))
    assert not any(e[0] == "pm" for e in ents(blank_nlp, "See you at 5 pm today."))
    assert not any(e[1] == "ROLE" for e in ents(blank_nlp, "We met at 3 PM, or 9:30 PM."))


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("She is a senior staff engineer now.", "senior staff engineer"),
        ("Maya works as a staff AI engineer.", "staff AI engineer"),
        ("I was the head of data science there.", "head of data science"),
        ("He was VP of machine learning at a retailer.", "VP of machine learning"),
        ("They hired a senior ML engineer.", "senior machine learning engineer"),
        ("At E7 you lead several teams.", "E7"),
        ("Two junior data analysts joined.", "junior data analyst"),
        ("Become a Vice President of Engineering.", "VP of engineering"),
        # an engineer of another field is not a software engineer
        ("He's an electrical engineer turned data scientist.", "electrical engineer"),
        # an abbreviated title composes with seniority and disciplines, as written out
        ("She was a senior PM before that.", "senior product manager"),
        ("We hired two growth PMs.", "growth product manager"),
        ("I was a group product manager.", "group product manager"),
        ("Later he became our eng director.", "engineering director"),
        ("She is VP Product at a bank.", "VP of product"),
        # the field after "of" keeps its number; the head before it is made singular
        ("He was VP of sales, then head of operations.", "VP of sales"),
        ("He was VP of sales, then head of operations.", "head of operations"),
        ("I was the head of people there.", "head of people"),
        ("The heads of product met.", "head of product"),
        ("She is director of product management now.", "director of product management"),
        ("Our chief revenue officer left.", "CRO"),
        # the seniority above staff, however it is written
        ("She is a Staff+ Engineer at a bank.", "staff-plus engineer"),
        ("Many Staff-plus engineers write.", "staff-plus engineer"),
        ("I became a Staff Plus engineer.", "staff-plus engineer"),
        ("We hired Data + ML engineers.", "machine learning engineer"),
    ],
)
def test_role_grammar_composes_titles(blank_nlp, text: str, role: str) -> None:
    assert role in [kb for _, label, kb in ents(blank_nlp, text) if label == "ROLE"]


def test_role_grammar_splits_alternatives(blank_nlp) -> None:
    found = [
        kb
        for _, label, kb in ents(blank_nlp, "I'd rather be a data/product analyst.")
        if label == "ROLE"
    ]
    assert found == ["data analyst|product analyst"]
    found = [
        kb
        for _, label, kb in ents(blank_nlp, "Hire a Head of Data Science or Analytics.")
        if label == "ROLE"
    ]
    assert found == ["head of data science|head of analytics"]


def test_role_span_leaves_out_a_trailing_conjunction(blank_nlp) -> None:
    found = [
        (t, kb)
        for t, label, kb in ents(blank_nlp, "The head of sales and I met.")
        if label == "ROLE"
    ]
    assert found == [("head of sales", "head of sales")]


def test_role_grammar_ignores_unknown_bare_words(blank_nlp) -> None:
    assert not [e for e in ents(blank_nlp, "The owner said so.") if e[1] == "ROLE"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Read \u201cRadical Candor: Be a Kick-Ass Boss Without Losing Your Humanity\u201d now.",
            "Radical Candor",
        ),
        ("We were told to read the book \u201cGrit,\u201d by Angela Duckworth.", "Grit"),
        ("I bought the Practical Data Pipelines course.", "Practical Data Pipelines"),
        ("Since writing the NLP Book last spring, I have been busy.", "NLP Book"),
        (
            "The \u201cManager's Path\u201d is the best book on that.",
            "The Manager's Path",
        ),
        (
            "Then I read Designing Data-Intensive Applications twice.",
            "Designing Data-Intensive Applications",
        ),
    ],
)
def test_books_are_found_in_context(blank_nlp, text: str, title: str) -> None:
    assert title in [kb for _, label, kb in ents(blank_nlp, text) if label == "BOOK"]


def test_books_subtitle_holds_no_entities(blank_nlp) -> None:
    found = ents(
        blank_nlp, "There is \u201cExtreme Ownership: How U.S. Navy SEALs Lead and Win\u201d."
    )
    assert found == [("Extreme Ownership", "BOOK", "Extreme Ownership")]


def test_books_ignore_quoted_speech_and_single_words(blank_nlp) -> None:
    assert not [
        e
        for e in ents(blank_nlp, 'He said "you don\'t need machine learning" then.')
        if e[1] == "BOOK"
    ]
    assert not [e for e in ents(blank_nlp, 'She just said "Yes" and left.') if e[1] == "BOOK"]
    # a quoted question or exclamation is speech, however title-like its words
    asked = "A fair question is \u201cWhere Is It Going?\u201d for sure."
    assert not [e for e in ents(blank_nlp, asked) if e[1] == "BOOK"]
    assert ("Where Is It Going", "BOOK", "Where Is It Going") in ents(
        blank_nlp, "Read the book \u201cWhere Is It Going?\u201d this year."
    )
    assert not [e for e in ents(blank_nlp, "It is a rise in salary.") if e[1] == "BOOK"]
    # a one-word default title that is a common word is a book only when cued
    assert not [e for e in ents(blank_nlp, "Rise early and show grit.") if e[1] == "BOOK"]
    assert ("Rise", "BOOK", "Rise") in ents(blank_nlp, "I liked the book Rise a lot.")
    assert ("Rise", "BOOK", "Rise") in ents(blank_nlp, "Try Rise by Patty Azzarello.")


@pytest.mark.parametrize(
    "text",
    [
        "He said \u201cCool. Yeah\u201d and hung up.",  # two sentences
        "They only answer \u201cYes/No\u201d to that.",  # two words, no cue
        "You ask \u201cOkay \u2013 fraud \u2013 what is it\u201d first.",  # one word before a dash
        "If we say \u201cAUC is 80%,\u201d nobody will care.",  # a quantity
        "My dad said \u201cI'm Switzerland,\u201d and left.",  # "I": speech
        "There is a role called \u201cVP of Data\u201d now.",  # a job title
        "Those two books are great.",  # a determiner, not a title
        "It is not just this one SQL course.",
        "She typed \u201c: see below\u201d there.",  # nothing before the subtitle
        "What are two to three books that you recommend?",  # a count of books
        'Some people say "three to five," but I think two.',  # quoted numbers
    ],
)
def test_books_ignore_quoted_speech_and_determiners(blank_nlp, text: str) -> None:
    assert not [e for e in ents(blank_nlp, text) if e[1] == "BOOK"]


def test_books_quoted_titles_still_found(blank_nlp) -> None:
    assert ("Building a Second Brain", "BOOK", "Building a Second Brain") in ents(
        blank_nlp, "Check out \u201cBuilding a Second Brain\u201d too."
    )
    assert ("Big Data", "BOOK", "Big Data") in ents(
        blank_nlp, "He wrote a book called \u201cBig Data\u201d back then."
    )


def test_merge_ents_prefers_longer_spans() -> None:
    import spacy
    from spacy.tokens import Span

    from kgraph.extract.spans import merge_ents

    doc = spacy.blank("en")("senior staff engineer")
    doc.ents = [Span(doc, 1, 3, label="ROLE")]
    merge_ents(doc, [Span(doc, 0, 3, label="ROLE")], overwrite=False)
    assert [(e.start, e.end) for e in doc.ents] == [(0, 3)]
    merge_ents(doc, [Span(doc, 0, 1, label="CONCEPT")], overwrite=True)
    assert [(e.start, e.end) for e in doc.ents] == [(0, 3)]


@pytest.mark.slow
def test_places_joined_by_ampersand_in_a_list_of_places_are_no_organization(nlp) -> None:
    doc = nlp("I also talked to engineers across many markets: Canada, Mexico, US & Europe.")
    assert not [e for e in doc.ents if e.label_ == "ORG"]


@pytest.mark.slow
def test_bare_lead_after_an_unknown_noun_is_no_role(nlp) -> None:
    assert "lead" not in {e.kb_id_ for e in nlp("I am a technique lead in the privacy team.").ents}
    assert "lead" in {e.kb_id_ for e in nlp("He is the lead of the search team.").ents}


def test_comparison_opening_a_line_is_no_name() -> None:
    import spacy
    from spacy.tokens import Doc, Span

    import kgraph.extract.factories  # noqa: F401

    nlp = spacy.blank("en")
    ent_filter = nlp.add_pipe("kgraph_entities")
    words = ["Nearest", "to", "Customer", "first", ":", "hire", "an", "analyst"]
    doc = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * 7)
    tags = ["PROPN", "ADP", "PROPN", "ADV", "PUNCT", "VERB", "DET", "NOUN"]
    for tok, pos in zip(doc, tags, strict=True):
        tok.pos_ = pos
    assert ent_filter.fix(Span(doc, 0, 1, label="PERSON")) is None
    named = Doc(nlp.vocab, words=["Priya", "to", "lead"], sent_starts=[True, False, False])
    for tok, pos in zip(named, ["PROPN", "PART", "VERB"], strict=True):
        tok.pos_ = pos
    assert ent_filter.fix(Span(named, 0, 1, label="PERSON")) is not None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("She got promoted to staff last year.", True),
        ("She made staff last year.", True),
        ("You can start as a distinguished.", True),
        ("We went from senior to staff.", True),
        ("They know people, they know staff, they know everybody.", False),
        ("Our staff is great, and the staff loves it.", False),
    ],
)
def test_role_grammar_a_bare_level_is_a_role_but_not_the_staff(nlp, text, role) -> None:
    roles = [e for e in ents(nlp, text) if e[1] == "ROLE"]
    assert bool(roles) == role, roles


def test_title_runs_need_words_not_letters(blank_nlp) -> None:
    from kgraph.extract.patterns import load_gazetteer
    from kgraph.extract.titles import TitleRuns

    runs = TitleRuns(load_gazetteer())
    assert not runs.title_runs(blank_nlp("It is a next-generation A-B testing platform."))
    found = runs.title_runs(blank_nlp("My favourite is 7 Powers, really."))
    assert [s.text for s in found] == ["7 Powers"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("I'm a field engineer at Acme.", "field engineer"),
        ("She worked as a category designer for years.", "category designer"),
        ("Maya, a speaker coach, helped me.", "speaker coach"),
    ],
)
def test_a_title_held_with_a_noun_before_it_is_that_role(nlp, text: str, role: str) -> None:
    assert role in {e.kb_id_ for e in nlp(text).ents if e.label_ == "ROLE"}


@pytest.mark.slow
def test_a_title_with_a_noun_before_it_that_no_one_holds_is_no_new_role(nlp) -> None:
    roles = {e.kb_id_ for e in nlp("We need a field engineer soon.").ents if e.label_ == "ROLE"}
    assert "field engineer" not in roles
    # a position, not an occupation: "leader" takes no open noun before it
    doc = nlp("We are the category leader, and she is an early-stage founder.")
    roles = {e.kb_id_ for e in doc.ents if e.label_ == "ROLE"}
    assert not roles & {"category leader", "stage founder"}
