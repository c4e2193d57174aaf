"""Quote ranking reads the one boilerplate list (kgraph/data/boilerplate.yaml): greetings,
introductions and sign-offs, and the sponsor-read and call-to-action cues that also keep
claims out."""

from __future__ import annotations

from kgraph.evidence import BOILERPLATE, INFORMATIVE, SHORT, quote_rank
from kgraph.extract.boilerplate import default_lists
from kgraph.extract.patterns import load_gazetteer


def test_quote_ranking_and_claims_read_the_same_boilerplate_lists() -> None:
    lists = default_lists()
    gazetteer = load_gazetteer()
    for name in ("sponsor_start", "call_to_action", "greeting", "introduction", "sign_off"):
        assert lists[name] and lists[name] == gazetteer.boilerplate[name], name


def test_greetings_introductions_sponsor_reads_and_calls_to_action_rank_last() -> None:
    for quote in (
        "Hi, Jakob.",
        "We have a special guest today, Mara Lind, who leads data at Acme.",
        "This episode is brought to you by Acme, the calendar for busy teams.",
        "Subscribe to the podcast on Spotify so you never miss an episode.",
        "That's all for today, thanks everyone.",
    ):
        assert quote_rank(quote) == BOILERPLATE, quote


def test_telling_and_short_quotes() -> None:
    assert quote_rank("I sponsor two engineers on my team every year and it matters.") == (
        INFORMATIVE
    )
    assert quote_rank("He's a staff at Pinterest.") == SHORT


def test_each_cue_searched_where_its_text_occurs_finds_what_one_pattern_finds() -> None:
    import re

    from kgraph.evidence import CUE_LISTS, _rules

    lists = default_lists()
    whole = re.compile("|".join(f"(?:{p})" for n in CUE_LISTS for p in lists[n]), re.I)
    cues = _rules()[2]
    assert any(text.strip() for text, _ in cues)  # the shortcut is taken for most cues
    for quote in (
        "THIS EPISODE IS BROUGHT TO YOU BY ACME, THE CALENDAR FOR BUSY TEAMS.",
        "Please \u017fubscribe to the podcast on Spotify.",  # long s: re matches it to s
        "The link is \u0130N THE DESCRIPTION of this video, as always.",  # dotted capital I
        "Leave us a quick rating and review, it really helps the show a lot.",
        "We were supported by a grant from the research council for two years.",
        "A design doc lets the whole team review the plan before anyone codes.",
        "Thanks for listening, and see you next week on the show.",
    ):
        assert (quote_rank(quote) == BOILERPLATE) == bool(whole.search(quote)), quote
