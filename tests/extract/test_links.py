"""What an article's links name: a bookshop's page of a book, a site of the same name."""

from __future__ import annotations

import pytest

from kgraph.extract.marks import linked_books, linked_sites
from kgraph.extract.patterns import load_gazetteer
from kgraph.readers.article import cited

PAGES = load_gazetteer().link_cues["book_pages"]


def test_cited_reads_markdown_and_html_links() -> None:
    text = (
        "I work at [Quorvix](https://www.quorvix.com). ![logo](https://x.io/a.png)\n"
        '<li><a href="https://www.goodreads.com/book/show/1.Foo">The Foo Book</a></li>'
    )
    assert cited(text) == {
        "Quorvix": "https://www.quorvix.com",
        "The Foo Book": "https://www.goodreads.com/book/show/1.Foo",
    }


@pytest.mark.parametrize(
    ("text", "url", "title"),
    [
        ("Draft No. 4, John McPhee", "https://www.amazon.com/dp/B06X18NHC1/", "Draft No. 4"),
        ("Zorbl: A Primer", "https://www.goodreads.com/book/show/3-zorbl", "Zorbl"),
        ("Zorbl", "https://www.amazon.com/Zorbl-Primer/dp/0123456789", "Zorbl"),
        ("adaptive leadership", "https://www.amazon.com/dp/B004OC071W/", None),
        ("Zorbl", "https://www.goodreads.com/user/show/11950463-someone", None),
        ("Zorbl", "https://zorbl.com/", None),
    ],
)
def test_linked_books_are_titles_of_a_bookshops_book_pages(text, url, title) -> None:
    assert linked_books({text: url}, PAGES) == ([title] if title else [])


def test_linked_sites_name_organizations_but_not_peoples_own_sites() -> None:
    links = {
        "Proofpoint": "https://www.proofpoint.com",
        "Rands in Repose": "https://randsinrepose.com/",
        "Edward Tufte": "https://www.edwardtufte.com/tufte/",
        "blog": "https://blog.example.com/",
        "Stripe Radar": "https://stripe.com/radar",
    }
    assert linked_sites(links) == ["Proofpoint", "Rands in Repose"]


@pytest.mark.slow
def test_an_article_s_book_links_are_books(tmp_path, extractor) -> None:
    from kgraph.readers import read_document

    path = tmp_path / "story.md"
    path.write_text(
        "---\nname: Sam Vexler\n---\n\nI have been working at [Quorvix](https://www.quorvix.com)"
        " for six years now, leading the platform team and writing most design docs.\n\n"
        "Some books I liked and learned a lot from over the years of my career:\n\n"
        "* [Blorb, Ann Kowalski](https://www.amazon.com/dp/B06X18NHC1/): on writing.\n",
        encoding="utf-8",
    )
    found = {(m.type, m.key) for m in extractor.extract(read_document(path)).mentions}
    assert ("book", "Blorb") in found
    assert ("organization", "Quorvix") in found
