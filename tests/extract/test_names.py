"""Telling people from organizations and products: the given-name lexicon and the
sentences around a name."""

from __future__ import annotations

import pytest

from kgraph.extract.names import given_name_gender, given_names, is_given_name
from kgraph.model import Document, Turn


def test_given_names_come_from_many_locales_and_hold_no_products() -> None:
    names = given_names()
    assert len(names) > 10_000
    for name in ("Maria", "Krzysztof", "Tatiana", "Giovanni", "Elon", "Brett"):
        assert is_given_name(name), name
    for word in ("Superhuman", "Stripe", "Tetris", "Calm", "Zoom", "Notion"):
        assert not is_given_name(word), word
    assert is_given_name("Zorblax", extra=["Zorblax"])


def doc_of(texts: list[tuple[str, str]], guests: list[str] | None = None) -> Document:
    turns = [Turn("n", i, s, float(i), None, x) for i, (s, x) in enumerate(texts)]
    return Document("n", "Names", "frontmatter", "n.md", turns, guests=guests or [])


def types_of(extractor, texts, guests=None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in extractor.extract(doc_of(texts, guests)).mentions:
        out.setdefault(m.text, set()).add(m.type)
    return out


@pytest.mark.slow
def test_a_product_named_like_a_person_is_no_person(extractor) -> None:
    """A one-word name that is no given name, said where a product is ("we use X"), is
    no person; a name after "at" or before "'s founder" is an organization."""
    found = types_of(
        extractor,
        [
            ("Sam", "I was head of growth at Quorvix before that."),
            ("Ana", "Quorvix's founder hired me. We used Blorbify every day."),
        ],
    )
    assert found.get("Quorvix") == {"organization"}
    assert "person" not in found.get("Blorbify", set())


@pytest.mark.slow
def test_an_author_the_ner_calls_an_organization_is_a_person(extractor) -> None:
    found = types_of(
        extractor,
        [("Sam", "I loved Thinking in Systems by Donella Meadows, it changed how I work.")],
    )
    assert found.get("Thinking in Systems") == {"book"}
    assert found.get("Donella Meadows") == {"person"}


@pytest.mark.slow
def test_titles_in_an_answer_about_books_are_books(extractor) -> None:
    """Title-case runs in the answer to a question about books are books, until the
    asker moves on: the film named after the next question is none."""
    texts = [
        ("Sam", "What are two or three books that you recommend most to other people?"),
        ("Ana", "One is The Weirdest People in the World. I also love Purple Cow."),
        ("Sam", "Amazing. What is a favorite recent movie or TV show you have enjoyed?"),
        ("Ana", "I watched The Silent Harbor last week with Maria Lopez."),
    ]
    books = {m.key for m in extractor.extract(doc_of(texts)).mentions if m.type == "book"}
    assert {"The Weirdest People in the World", "Purple Cow"} <= books
    assert "The Silent Harbor" not in books and "Maria Lopez" not in books


@pytest.mark.slow
def test_occupation_heads_compose_roles_held_by_someone(nlp) -> None:
    """Occupation heads with seniority and domain modifiers are roles; a relational
    title ("mentor") is one only where someone holds it."""
    doc = nlp(
        "Maya is an executive coach. I worked as a design manager, then as an account "
        "manager, and now I'm an indie hacker. You should find a mentor early."
    )
    roles = {e.kb_id_ for e in doc.ents if e.label_ == "ROLE"}
    assert {"executive coach", "design manager", "account manager", "indie hacker"} <= roles
    assert "mentor" not in roles
    held = nlp("She became a mentor to many engineers.")
    assert "mentor" in {e.kb_id_ for e in held.ents if e.label_ == "ROLE"}


@pytest.mark.slow
def test_an_author_named_in_an_answer_about_books_stands_for_the_book(extractor) -> None:
    texts = [
        ("Sam", "What are two or three books that you recommend most to other people?"),
        ("Ana", "Anything by Donella Meadows, honestly."),
    ]
    extraction = extractor.extract(doc_of(texts))
    books = {m.key for m in extraction.mentions if m.type == "book"}
    assert "Thinking in Systems" in books


def test_given_name_gender_only_for_names_used_for_one() -> None:
    if not given_names():
        pytest.skip("Faker is not installed: no lexicon of given names")
    assert given_name_gender("Mark Lee") == "male"
    assert given_name_gender("Maria Lopez") == "female"
    assert given_name_gender("Alex Kim") is None  # given to both
    assert given_name_gender("Zzyzx") is None
    assert given_name_gender("") is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("answer", "recommended"),
    [
        ("Anything by Donella Meadows, honestly.", True),
        ("Donella Meadows does a bunch of work around systems, but I read novels.", False),
    ],
)
def test_an_author_recommended_not_an_author_told_of(extractor, answer, recommended) -> None:
    texts = [
        ("Sam", "What are two or three books that you recommend most to other people?"),
        ("Ana", answer),
    ]
    extraction = extractor.extract(doc_of(texts))
    found = {(c.predicate, c.object.key) for c in extraction.claims}
    assert (("recommends", "Thinking in Systems") in found) == recommended


def test_surname_shaped_words_are_family_names_or_rare_words() -> None:
    from kgraph.extract.names import family_names, is_surname_shaped

    assert len(family_names()) > 5_000
    for word in ("Evans", "Sanfilippo", "Kowalski"):
        assert is_surname_shaped(word), word
    for word in ("Kitchen", "Studio", "Labs", "Journal"):
        assert not is_surname_shaped(word), word


@pytest.mark.slow
def test_a_guest_or_a_role_holder_the_ner_calls_an_organization_is_a_person(extractor) -> None:
    """One-word names read as people by their sentences ("when we had X on the podcast",
    "X as a designer"), and a given name with a family name that no sentence reads as an
    organization, are people; a name after "at" stays an organization."""
    found = types_of(
        extractor,
        [
            ("Sam", "When we had Okonkwo on the podcast, he said the same. Okonkwo said it."),
            ("Ana", "You haven't used any Dolly Parton quotes. Dolly Parton is great."),
            ("Sam", "I was working at Quorvix Partners, a marketing agency."),
        ],
    )
    assert found.get("Okonkwo") == {"person"}
    assert found.get("Dolly Parton") == {"person"}
    assert "person" not in found.get("Quorvix Partners", {"organization"})


@pytest.mark.slow
def test_a_list_item_gloss_after_a_dash_is_not_part_of_the_name(extractor) -> None:
    found = types_of(
        extractor,
        [
            ("Sam", "Who are your role models?"),
            ("Ana", "Julia Evans - Her ability to introduce technical topics is wonderful."),
            ("Ana", "People I learn from:\n* Steve Klabnik - Known for his Rust advocacy."),
        ],
    )
    assert found.get("Julia Evans") == {"person"}
    assert found.get("Steve Klabnik") == {"person"}
    assert not any("Her" in name or "Known" in name for name in found)


@pytest.mark.slow
def test_a_given_name_the_ner_missed_is_a_person_but_not_a_place(extractor) -> None:
    """A capitalised given name inside a sentence is a person even where the NER saw no
    name ("a PM on my team, Emily, who teaches"); not a place in a list of places, nor the
    rest of a name ("PyCon India")."""
    found = types_of(
        extractor,
        [
            ("Sam", "So there's a PM on my team, Emily, who teaches spin classes at night."),
            ("Ana", "We sell in many markets: Singapore, India, Brazil and Kenya."),
            ("Sam", "I spoke at PyCon India last year, and it was fun."),
            ("Ana", "Then I moved to Berlin for a graduate program in policy."),
        ],
    )
    assert found.get("Emily") == {"person"}
    assert "person" not in found.get("India", set())
    assert "person" not in found.get("Berlin", set())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("What are two or three books you've recommended most to other people?", True),
        ("Any book recommendations for someone starting out?", True),
        ("It took me a while and reading a lot of books to learn that, right?", False),
        ("I read a lot of books about it.", False),
    ],
)
def test_a_statement_closed_by_a_tag_asks_for_no_books(nlp, text, asks) -> None:
    from kgraph.extract.marks import asks_for_books

    assert asks_for_books(nlp(text)) is asks


@pytest.mark.slow
def test_an_author_named_among_people_asked_for_is_no_book(extractor) -> None:
    texts = [
        ("Sam", "What resources (books, blogs, people) have you learned from?"),
        ("Ana", "Some people I follow are Donella Meadows and Sam Lee."),
    ]
    extraction = extractor.extract(doc_of(texts))
    found = {(c.predicate, c.object.key) for c in extraction.claims}
    assert ("recommends", "Thinking in Systems") not in found
