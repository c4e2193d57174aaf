"""Claims read with the question a turn answers: books named in answer to a question asking
for books are recommended, advice asked for is advice (synthetic interviews)."""

from __future__ import annotations

import pytest

from kgraph.model import Document, Turn

pytestmark = pytest.mark.slow


def interview(*texts: tuple[str, str]) -> Document:
    turns = [Turn("q", i, s, float(i), None, x) for i, (s, x) in enumerate(texts)]
    return Document("q", "Q", "frontmatter", "q.md", turns, guests=["Rosa Ortega"])


def found(extractor, *texts: tuple[str, str]) -> set[tuple[str, str, str, bool]]:
    claims = extractor.extract(interview(*texts)).claims
    return {(c.subject.key, c.predicate, c.object.key, c.negated) for c in claims}


def test_books_named_in_answer_to_a_book_question_are_recommended(extractor) -> None:
    claims = found(
        extractor,
        ("Host", "What are two or three books you have recommended most to other people?"),
        ("Rosa Ortega", "Thinking in Systems is one. The other one is The Goal."),
    )
    assert ("Rosa Ortega", "recommends", "Thinking in Systems", False) in claims
    assert ("Rosa Ortega", "recommends", "The Goal", False) in claims


def test_a_written_interview_question_about_resources_asks_for_books(extractor) -> None:
    claims = found(
        extractor,
        ("Interviewer", "What are some resources (books, blogs, people) you've learned from?"),
        ("Rosa Ortega", "A couple of books: Thinking in Systems and Radical Candor."),
    )
    assert ("Rosa Ortega", "recommends", "Thinking in Systems", False) in claims
    assert ("Rosa Ortega", "recommends", "Radical Candor", False) in claims


def test_a_book_answer_keeps_dislike_and_leaves_out_own_book_and_other_questions(
    extractor,
) -> None:
    claims = found(
        extractor,
        ("Host", "Which books would you recommend?"),
        ("Rosa Ortega", "Honestly, I didn't like The Goal. Read Thinking in Systems instead."),
        ("Host", "And what is the hardest thing about hiring engineers these days?"),
        ("Rosa Ortega", "My old team read Radical Candor together, it changed how we hired."),
    )
    assert ("Rosa Ortega", "recommends", "The Goal", True) in claims
    assert ("Rosa Ortega", "recommends", "Thinking in Systems", False) in claims
    assert not any(c[2] == "Radical Candor" and c[1] == "recommends" for c in claims)


def test_the_host_naming_books_asks_and_recommends_nothing(extractor) -> None:
    claims = found(
        extractor,
        ("Host", "Have you read Thinking in Systems? Which books would you recommend?"),
        ("Rosa Ortega", "Radical Candor, for sure."),
    )
    assert not any(c[0] == "Host" and c[1] == "recommends" for c in claims)


def test_the_host_of_an_interview_recommends_and_advises_nothing_of_their_own(extractor) -> None:
    claims = found(
        extractor,
        ("Host", "So just write a design doc before coding. I love mock interviews."),
        ("Rosa Ortega", "You should write a design doc before coding."),
        ("Host", "You said that people should do mock interviews."),
    )
    assert ("Rosa Ortega", "advises", "design doc", False) in claims
    assert ("Rosa Ortega", "advises", "mock interview", False) in claims
    assert not any(c[0] == "Host" and c[1] in ("recommends", "advises") for c in claims)


def test_a_general_statement_in_answer_to_an_advice_question_advises_nothing(extractor) -> None:
    claims = found(
        extractor,
        ("Host", "What's your advice to someone who just started as a staff engineer?"),
        (
            "Rosa Ortega",
            "Writing a design doc is the fastest way to get alignment. I wrote a rollout"
            " plan every week back then.",
        ),
        ("Host", "How big is your team today?"),
        ("Rosa Ortega", "Mentorship matters a lot on my team."),
    )
    # a statement of how things are urges nothing, even in answer to a request for advice
    assert not any(c[1] == "advises" for c in claims)


def test_a_guest_named_by_first_name_only_is_no_host(extractor) -> None:
    from kgraph.extract.claims.document import is_host

    assert not is_host("Rosa", {}, ["Rosa Ortega"])
    assert not is_host("Rosa O.", {"Rosa O.": "Rosa Ortega"}, ["Rosa Ortega"])
    assert is_host("Lena", {}, ["Rosa Ortega"])
    assert not is_host("Lena", {}, [])


def test_an_author_on_their_own_book_recommends_nothing(extractor) -> None:
    doc = Document(
        "q",
        "Q",
        "frontmatter",
        "q.md",
        [
            Turn("q", 0, "Host", 0.0, None, "Which books would you recommend?"),
            Turn("q", 1, "Kim Scott", 1.0, None, "Radical Candor is a great book, and Quiet."),
        ],
        guests=["Kim Scott"],
    )
    claims = {(c.subject.key, c.predicate, c.object.key) for c in extractor.extract(doc).claims}
    assert ("Kim Scott", "recommends", "Quiet") in claims
    assert ("Kim Scott", "recommends", "Radical Candor") not in claims


def test_people_among_the_titles_of_a_resources_answer_are_no_books(extractor) -> None:
    claims = found(
        extractor,
        ("Interviewer", "What are some resources (books, blogs, people) you've learned from?"),
        ("Rosa Ortega", "Neal Ford - a truly excellent communicator. Clean Code."),
    )
    assert ("Rosa Ortega", "recommends", "Clean Code", False) in claims
    assert not any(c[2] == "Neal Ford" and c[1] == "recommends" for c in claims)


def test_a_possessive_before_a_known_title_names_that_title(extractor) -> None:
    """A one-word owner before a known title ("Nora's Hooked", the way a transcript
    mishears an author's name) owns it; the book is the known title."""
    for owner in ("Muriel", "Nirel"):
        claims = found(
            extractor,
            ("Host", "What are two or three books you have recommended most to other people?"),
            ("Rosa Ortega", f"I've already talked about {owner}'s Hooked. I recommend it."),
        )
        assert ("Rosa Ortega", "recommends", "Hooked", False) in claims
        assert not any(owner in c[2] for c in claims)


def test_a_title_spoken_of_as_a_show_is_no_book_recommended(extractor) -> None:
    """Talk of a book's screen adaptation just before ("I've been watching Foundation")
    makes the title there the show's; a recommendation that speaks of reading stands."""
    claims = found(
        extractor,
        ("Host", "What are two or three books you have recommended most to other people?"),
        ("Rosa Ortega", "The Goal and Thinking in Systems."),
        ("Host", "I've been watching Foundation on TV, and it is so confusing."),
        ("Rosa Ortega", "So I've been waiting to see what happens with Foundation."),
    )
    assert ("Rosa Ortega", "recommends", "The Goal", False) in claims
    assert not any(c[2] == "Foundation" and c[1] == "recommends" for c in claims)
    claims = found(
        extractor,
        ("Host", "What are two or three books you have recommended most to other people?"),
        ("Rosa Ortega", "The Dune movie was fine, but read Dune, the book is far better."),
    )
    assert ("Rosa Ortega", "recommends", "Dune", False) in claims


def test_a_title_run_opened_by_a_determiner_and_lower_case_words_starts_later(
    extractor,
) -> None:
    """ "Another one is Your Brain At Work": the title is "Your Brain At Work"."""
    claims = found(
        extractor,
        ("Host", "What are two or three books you have recommended most to other people?"),
        ("Rosa Ortega", "Another one is Quiet Harbor Nights by Ann Reyes. I loved it."),
    )
    assert ("Rosa Ortega", "recommends", "Quiet Harbor Nights", False) in claims
    assert not any(c[2].startswith("Another") for c in claims)
