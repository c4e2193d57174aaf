"""Entity rules that hold beyond the documents they were developed on: names listed with
organizations, workplaces named by acronyms, surnames that are common words."""

from __future__ import annotations

import pytest

from kgraph.model import Document, Turn

pytestmark = pytest.mark.slow


def mention_types(extractor, *texts: str) -> set[tuple[str, str]]:
    turns = [Turn("e", i, "Sam", float(i), None, x) for i, x in enumerate(texts)]
    doc = Document("e", "E", "frontmatter", "e.md", turns)
    return {(m.text, m.type) for m in extractor.extract(doc).mentions}


def test_a_name_listed_with_an_organization_is_one(extractor) -> None:
    found = mention_types(
        extractor,
        "We studied remote companies like GitLab, Automattic, and others for years.",
        "Smart people like Maria, and good habits, matter more.",
    )
    assert ("Automattic", "organization") in found
    assert ("Maria", "person") in found  # a given name stays a person
    assert not {t for t in found if t[0] in ("Smart", "Smart people")}


@pytest.mark.parametrize(
    ("text", "acronym", "kept"),
    [
        ("I worked at UCSF for three years.", "UCSF", True),
        ("Then I joined NYU as a researcher.", "NYU", True),
        ("She was a data scientist at KPMG before that.", "KPMG", True),
        ("Our QA and the EDA took weeks.", "EDA", False),
        ("Look at the PNG first.", "PNG", False),
    ],
)
def test_an_unknown_acronym_is_an_organization_where_someone_works(
    extractor, text: str, acronym: str, kept: bool
) -> None:
    assert ((acronym, "organization") in mention_types(extractor, text)) is kept


def test_a_surname_that_is_a_common_word_follows_a_given_name(extractor) -> None:
    found = mention_types(
        extractor, "When Steve Jobs was on stage, everyone listened.", "Then Bill Gates spoke."
    )
    assert {("Steve Jobs", "person"), ("Bill Gates", "person")} <= found


def book_keys(extractor, *texts: str) -> set[str]:
    speakers = ["Sam", "Priya"]
    turns = [Turn("b", i, speakers[i % 2], float(i), None, x) for i, x in enumerate(texts)]
    doc = Document("b", "B", "frontmatter", "b.md", turns)
    return {m.key for m in extractor.extract(doc).mentions if m.type == "book"}


def test_a_title_read_or_written_is_a_book_unless_it_names_something_else(extractor) -> None:
    found = book_keys(
        extractor,
        "Last winter I read Quiet Harbors of Velmont twice.",
        "She wrote The Quiet Compass after leaving the company.",
        "I read Google News every morning, and we wrote Python code together.",
    )
    assert {"Quiet Harbors of Velmont", "The Quiet Compass"} <= found
    assert not {b for b in found if "Google" in b or "Python" in b}


def test_titles_in_an_answer_about_books_skip_owners_and_pronouns(extractor) -> None:
    found = book_keys(
        extractor,
        "What are two or three books that you recommend most to other people?",
        "I love Marta Kowalski's The Patient Builder. The one that I read most recently "
        "is Silent Orbit Protocol.",
    )
    assert {"The Patient Builder", "Silent Orbit Protocol"} <= found
    assert not {b for b in found if "Kowalski" in b or b.endswith(" I")}


def test_a_list_of_resources_learned_from_names_books_without_their_subtitles(extractor) -> None:
    found = book_keys(
        extractor,
        "What are some resources (books, blogs, people) you've learned from?",
        "Here are a few.\n"
        "* Quiet Harbors of Velmont: Say Less, Ask More and Lead Forever\n"
        "* Bridges We Burned (But Not by Us): Why Smart Teams Fail\n"
        "* Heather Lindqvist, whose talks I follow",
    )
    assert {"Quiet Harbors of Velmont", "Bridges We Burned"} <= found
    assert not found & {"Say Less", "Ask More", "Not by Us", "Why Smart Teams Fail"}
    assert "Heather Lindqvist" not in found  # a person's name, not a title


def test_a_one_word_title_by_a_person_is_a_book_a_product_by_a_company_is_not(extractor) -> None:
    found = book_keys(
        extractor,
        "Another favourite is Marrowind by Rory Castellan, a short one.",
        "Quillstead by Priya Ramaswamy changed how I think about teams.",
        "Written by Maria Lopez, it was a fun read. We used Zendrax by Microsoft for that.",
    )
    assert {"Marrowind", "Quillstead"} <= found
    assert not found & {"Written", "Zendrax"}


def test_titles_in_an_answer_about_books_that_start_with_a_number_or_the_ner_calls_people(
    extractor,
) -> None:
    found = book_keys(
        extractor,
        "What are two or three books that you recommend most to other people?",
        "Winding Staircases is one I love, and then 4000 Evenings, a short one. "
        "I also reread Maria Delgado's essays.",
    )
    assert {"Winding Staircases", "4000 Evenings"} <= found
    assert "Maria Delgado" not in found


def test_a_quoted_title_loses_the_author_after_its_comma(extractor) -> None:
    found = book_keys(extractor, "My favourite is “Velvet Ledgers of Tomorrow, Anna Brightwell”.")
    assert "Velvet Ledgers of Tomorrow" in found


def test_a_one_word_name_that_is_no_person_is_an_organization(extractor) -> None:
    # the NER calls "Zendrax" a person; no given name and no sentence reads it as one
    found = mention_types(
        extractor,
        "We switched everything to Zendrax last year. Honestly Zendrax changed how we work.",
        "I talked to Santiago about it.",
    )
    assert ("Zendrax", "organization") in found
    assert ("Zendrax", "person") not in found
    assert ("Santiago", "person") in found


def test_a_name_shaped_like_no_person_is_no_person(extractor) -> None:
    # the NER calls all three people: a firm's last word makes an organization; a first
    # word that is a common word and no given name, before no family name, makes no person
    found = mention_types(
        extractor,
        "We raised money from Audrey Capital last year.",
        "Then Global Gurus named her the top coach.",
        "Later Bangaly Kaba joined the team.",
    )
    assert ("Audrey Capital", "organization") in found
    assert not {t for t in found if t[0] == "Global Gurus"}
    assert ("Bangaly Kaba", "person") in found  # a foreign given name the lexicon lacks


def test_a_title_with_a_subtitle_and_its_author_is_a_book_and_the_subtitle_nothing(
    extractor,
) -> None:
    found = mention_types(
        extractor,
        "Some books I liked:\n"
        "Becoming a Quiet Leader: An Organic Problem-Solving Approach by Gerald Whitcombe\n"
        "Thinking in Loops: A Primer by Donella Marsh",
    )
    books = {text for text, etype in found if etype == "book"}
    assert {"Becoming a Quiet Leader", "Thinking in Loops"} <= books
    assert not {text for text, _ in found if "Organic" in text or text == "Primer"}


def test_book_titles_that_open_with_how_to_or_the_after_the_cue(extractor) -> None:
    found = book_keys(
        extractor,
        "First read How to Read a Research Memo by Peter Kleinfeld.",
        "Chad Morrow, and his book The Passionate Gardener, is at the top of that list.",
    )
    assert {"How to Read a Research Memo", "The Passionate Gardener"} <= found


def test_typeset_apostrophes_match_known_titles(extractor) -> None:
    assert "The Manager's Path" in book_keys(extractor, "I recommend The Manager\u2019s Path.")


def test_a_known_one_word_title_needs_a_book_context(extractor) -> None:
    found = book_keys(
        extractor,
        "Mindset shifts:\nOnce you deliver, the returns on committing code diminish.",
        "She wrote a book called Mindset.",
    )
    assert found == {"Mindset"}
    assert not book_keys(extractor, "Mindset shifts:\nOnce you deliver, the returns diminish.")


def test_shows_courses_of_companies_and_dashed_descriptions_are_no_books(extractor) -> None:
    found = book_keys(
        extractor,
        "What are some resources (books, blogs, people) you've learned from?",
        "Julia Everts - Her writeups are wonderful.\n"
        "The Thoughtworks Radar Podcast\n"
        "The Hugging Face course is also very good.",
    )
    assert not found


def test_a_name_run_across_a_list_is_its_items(extractor) -> None:
    found = mention_types(
        extractor,
        "Companies like Vexaro, Quintelle and Brambly use it.",
        "We partnered with Zorbify and Salesforce last year.",
    )
    orgs = {text for text, etype in found if etype == "organization"}
    assert {"Vexaro", "Quintelle", "Salesforce"} <= orgs
    assert not {o for o in orgs if "," in o or " and " in o}


def test_people_read_by_apposition_or_as_one_of_two(extractor) -> None:
    # the NER calls Julia and Justin organizations and misses Ravi at a sentence's start
    found = mention_types(
        extractor,
        "Actually, our chief people officer, Julia, was telling me the other day.",
        "I asked your colleague, Justin, what he sees.",
        "Ravi and I built the first version.",
        "Apple and I disagree.",
    )
    assert {("Julia", "person"), ("Justin", "person"), ("Ravi", "person")} <= found
    assert ("Apple", "person") not in found


def test_digit_led_names_used_as_names_and_industry_words(extractor) -> None:
    found = mention_types(
        extractor,
        "I worked at 37signals for years, and 37signals is great.",
        "We reached 100users in a week.",
        "Our FinTech startup was growing in EdTech too.",
        "I worked at HubSpot and then WorkOS.",
    )
    assert ("37signals", "organization") in found
    assert not {t for t in found if t[0] == "100users"}
    assert {("FinTech", "concept"), ("EdTech", "concept")} <= found
    assert {("HubSpot", "organization"), ("WorkOS", "organization")} <= found


def test_titles_named_by_called_by_a_comma_or_listed_after_a_book(extractor) -> None:
    found = book_keys(
        extractor,
        "There is a very good book, which is called Introduction to Quiet Orbits.",
        "He is also the author of the book on pricing called Selling Velvet Ledgers.",
        "For our book, Snow Leopard, we studied the charts.",
        "She is the author of the book, The Leader's Lantern, which we discuss.",
        "Everybody should read East of Eden by John Steinbeck.",
        "She co-wrote books like Play Bigger and Niche Down.",
        "I wrote a book by Ann Lee about it.",
    )
    assert {
        "Introduction to Quiet Orbits",
        "Selling Velvet Ledgers",
        "Snow Leopard",
        "The Leader's Lantern",
        "East of Eden",
        "Niche Down",
    } <= found
    assert "Ann Lee" not in found  # "a book by X" names the author


def test_people_the_sentence_names_as_someone_s_person_or_as_saying_something(extractor) -> None:
    # the NER misses all three names
    found = mention_types(
        extractor,
        "Priya wrote the first draft.",
        "Rahul, my manager, pushed back.",
        "I was talking with my friend Gokul about it.",
        "Our partner, Stripe, helps us.",
    )
    assert {("Priya", "person"), ("Rahul", "person"), ("Gokul", "person")} <= found
    assert ("Stripe", "person") not in found


def test_a_title_ending_in_the_plural_of_a_known_title_is_its_own(extractor) -> None:
    # "Rise" is a known title; "Rises" ends another one and is no "Rise"
    found = book_keys(extractor, "You should read The Moon Also Rises by Karl Ostrander.")
    assert "The Moon Also Rises" in found
    assert "Rise" not in found


def test_a_book_entitled_names_its_title(extractor) -> None:
    found = book_keys(extractor, "Then she wrote a book entitled The Quiet Power of Small Teams.")
    assert "The Quiet Power of Small Teams" in found


def test_a_subtitle_after_a_comma_is_no_second_book(extractor) -> None:
    found = book_keys(
        extractor, "Her new book is called Paper Lanterns, How to Tell a Story and Sell It."
    )
    assert found == {"Paper Lanterns"}


def test_an_organization_before_book_owns_it_and_a_lower_case_known_title_is_one(
    extractor,
) -> None:
    found = book_keys(
        extractor,
        "That reminds me of a Gallup book on strengths.",
        "I was just reading that crossing the chasm book on the plane.",
    )
    assert "Gallup" not in found
    assert "Crossing the Chasm" in found


def test_a_given_name_alone_is_a_person_not_an_organization(extractor) -> None:
    found = mention_types(
        extractor,
        "It makes me think about what Elon's trying to do.",
        "So I wrote about my new Brooks distance running shoes.",
    )
    assert ("Elon", "person") in found
    assert ("Elon", "organization") not in found
    assert ("Brooks", "person") not in found  # a brand before the noun it modifies


def test_a_given_name_read_as_an_organization_around_it_stays_one(extractor) -> None:
    """A given name the NER calls an organization stays one where the words around it
    read it as one more than as a person: what it has ("X's customers"), "companies
    like X", "the team at X"."""
    for text in (
        "Honestly, Sierra's customers love the new support agent.",
        "We looked at companies like Sierra for ideas.",
        "I talked to the team at Chase about it.",
    ):
        found = mention_types(extractor, text)
        assert not {t for t in found if t[1] == "person"}, text
    found = mention_types(extractor, "I was working closely with Zach on it at the time.")
    assert ("Zach", "person") in found  # one works with people as with firms


def test_classic_titles_are_books_without_a_cue_and_idioms_are_not(extractor) -> None:
    # well-known titles of kgraph/data/books.yaml; their words in lower case are speech
    found = book_keys(
        extractor,
        "I recommend Measure What Matters and The Effective Engineer to every new lead.",
        "The second one is Software Engineering at Google, which changed how I think.",
        "We had skin in the game, and the one thing we did was ship.",
    )
    assert found == {
        "Measure What Matters",
        "The Effective Engineer",
        "Software Engineering at Google",
    }


def test_titles_listed_before_a_known_book_are_books(extractor) -> None:
    found = book_keys(
        extractor, "My favourites are The Quiet Harbor and High Output Management, honestly."
    )
    assert {"The Quiet Harbor", "High Output Management"} <= found


def test_a_known_title_in_lower_case_after_a_verb_of_reading_is_a_book(extractor) -> None:
    found = book_keys(
        extractor,
        "I read the hard thing about hard things last year.",
        "We went from good to great in a year.",  # no verb of reading: an idiom
    )
    assert found == {"The Hard Thing About Hard Things"}


def test_a_name_opening_a_clause_after_a_title_is_no_listed_title(extractor) -> None:
    found = book_keys(extractor, "In Anna Karenina, Tolstoy is telling us about families.")
    assert "Tolstoy" not in found
    assert "Anna Karenina" in found


def test_a_title_written_with_a_comma_inside_a_list_is_one_book(extractor) -> None:
    found = book_keys(
        extractor,
        "It pulls together the best ideas from Good Strategy, Bad Strategy, Playing to Win.",
    )
    assert found == {"Good Strategy Bad Strategy", "Playing to Win"}


def test_a_name_owning_a_law_written_in_capitals_is_an_idea(extractor) -> None:
    """ "X's Law" names an idea, as "X's law" does: no person X, no organization "Law"."""
    for text in (
        "It is one of those things, like Murphy's Law, sadly.",
        "We talked about Goodhart's Law and our metrics.",
    ):
        found = mention_types(extractor, text)
        assert {t for t in found if t[1] == "concept" and t[0].endswith("Law")}, text
        assert not {t for t in found if t[1] in ("person", "organization")}, text
