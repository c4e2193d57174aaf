"""Reading lists, advice and disagreements (:mod:`kgraph.answers`). Their ``--json`` is the
library's page: ``{"total", "truncated", "items", ...}``; an empty answer exits 1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from kgraph.cli.common import (
    EXIT_EMPTY,
    EXIT_USAGE,
    TYPES,
    Count,
    GraphOption,
    JsonOption,
    Limit,
    ask,
    entity_type,
    fail,
    options_of,
)
from kgraph.cli.lines import evidence, evidence_line
from kgraph.terminal import more, plural, print_json, say, tell

AboutOption = Annotated[
    str | None, typer.Option("--about", "-a", metavar="TOPIC", help="Only about this topic.")
]
ByOption = Annotated[
    str | None, typer.Option("--by", "-b", metavar="PERSON", help="Only this person's.")
]


def _answer(graph: Path | None, view: Callable[..., dict], *args: Any, as_json: bool) -> dict:
    """Ask a kgraph.answers view; print its JSON or its note. A view with nothing in it
    says so on stderr and exits 1."""
    page = ask(graph, view, *args)
    if as_json:
        print_json(page)
    elif page.get("note"):
        say(f"({page['note']})")
    if not page["total"]:
        tell("nothing found")
        raise typer.Exit(code=EXIT_EMPTY)
    return page


def _people(count: int) -> str:
    return plural(count, "person", "people")


def _reading_list(page: dict) -> None:
    for rank, item in enumerate(page["items"], start=1):
        author = f" by {item['author']}" if item["author"] else ""
        names = ", ".join(r["name"] for r in item["recommenders"])
        say(f"{rank:>3}. {item['label']}{author}  [{_people(item['speakers'])}: {names}]", 0, 5)
        say(evidence_line(item["quote"]), indent=7, hang=1)
    more(page)


def recommended(
    type: Annotated[
        str,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            callback=entity_type,
            help=f"What is recommended ({TYPES}).",
        ),
    ],
    graph: GraphOption = None,
    about: AboutOption = None,
    by: ByOption = None,
    limit: Limit("How many to list.") = 20,
    as_json: JsonOption = False,
) -> None:
    """Things of one type people recommend, like `kgraph books`.

    \b
    Example:
        kgraph recommended --type organization     # tools, products, communities
        kgraph recommended --type concept --by Babushkin --json
    """
    from kgraph.answers import recommended as ranked

    page = _answer(graph, ranked, type, about, by, limit, as_json=as_json)
    if not as_json:
        _reading_list(page)


@options_of(recommended, but="type")
def books(**options: Any) -> None:
    """The books people recommend, most recommended first.

    Each book with its author when known, who recommends it and the best quote with a link
    to the moment. A topic no entity is named after falls back to the quotes that mention it.

    \b
    Example:
        kgraph books --limit 10
        kgraph books --about "product-market fit"
        kgraph books --by "Valerii Babushkin" --json
    """
    recommended("book", **options)


def advice(
    topic: Annotated[
        str | None, typer.Argument(metavar="TOPIC", help="What the advice is about.")
    ] = None,
    graph: GraphOption = None,
    by: ByOption = None,
    limit: Limit("How many people to list.") = 10,
    per_person: Count("--per-person", help="Quotes shown per person (text only).") = 5,
    as_json: JsonOption = False,
) -> None:
    """The advice given on a TOPIC or by a person, by who gave it.

    Specific advice comes first: a quote that advises for or against what it names ("you
    should ...", "don't ..."), about something not every episode discusses; then what was
    also said about it. A quote said once is shown once. Give TOPIC, --by, or both.

    \b
    Example:
        kgraph advice "system design interview"
        kgraph advice --by "Valerii Babushkin" --per-person 10
        kgraph advice PMF --json
    """
    from kgraph.answers import advice as find_advice

    if topic is None and by is None:
        raise fail("give a TOPIC, --by PERSON, or both (see kgraph advice --help)", EXIT_USAGE)
    page = _answer(graph, find_advice, topic, by, limit, as_json=as_json)
    if as_json:
        return
    shown_other = False
    for group in page["items"]:
        items = group["items"]
        if not group["specific"] and not shown_other:
            say("Also mentioned (no advice in so many words):")
            shown_other = True
        say(f"{group['speaker']} ({plural(len(items), 'quote')})", hang=4)
        for item in items[:per_person]:
            against = "against " if item["negated"] else ""
            what = ", ".join(o["label"] for o in item["objects"])
            say(f"{item['predicate']} {against}{what}:", indent=2, hang=4)
            evidence(item["evidence"])
        if len(items) > per_person:
            say(f"… {len(items) - per_person} more (use --per-person)", indent=2)
    more(page)


def contested(
    graph: GraphOption = None,
    about: AboutOption = None,
    limit: Limit("How many to list.") = 10,
    quotes: Count("--quotes", help="Quotes shown per side (text only).") = 2,
    as_json: JsonOption = False,
) -> None:
    """Topics people disagree on: for and against, with quotes.

    Ranked by how many people stand on the smaller side; each side with its quotes.

    \b
    Example:
        kgraph contested --limit 5
        kgraph contested --about PhD --json
    """
    from kgraph.answers import contested as disputes

    page = _answer(graph, disputes, about, limit, as_json=as_json)
    if as_json:
        return
    for item in page["items"]:
        pro, con = item["for"], item["against"]
        say(
            f"{item['label']} ({item['type']}): {_people(pro['speakers'])} for, "
            f"{_people(con['speakers'])} against",
            hang=4,
        )
        for name, side in (("for", pro), ("against", con)):
            for ev in side["quotes"][:quotes]:
                say(f"{name + ':':<9}{evidence_line(ev)}", indent=2, hang=10)
    more(page)
