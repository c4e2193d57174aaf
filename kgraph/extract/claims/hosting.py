"""``hosts`` and ``interviews``: the show a speaker hosts, the guests they introduce."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims.base import Clause, Rule, TurnContext, ref_of

OPENING_TURNS = 3
"""A host introduces the guest and names the show in the first turns of a document."""


def introductions(ctx: TurnContext, sent: Any, text: str) -> None:
    """ "We have a special guest today, Maria Lopez": the speaker interviews her."""
    if ctx.speaker is None or ctx.turn_index > OPENING_TURNS or not ctx.words.intro.search(text):
        return
    for ent in ctx.ents(sent):
        if ent.label_ == "PERSON" and ent.text != ctx.speaker.text:
            ctx.add(ctx.speaker, "interviews", ref_of(ent), text)


def shows(ctx: TurnContext, sent: Any, text: str) -> None:
    """ "Welcome to DataTalks.Club", "this is the X podcast": the speaker hosts the show;
    "our YouTube channel" is a channel on YouTube, not YouTube."""
    if ctx.speaker is None:
        return
    doc = ctx.doc
    for ent in ctx.ents(sent):
        if ent.label_ != "ORG":
            continue
        before = doc[max(sent.start, ent.start - 4) : ent.start].text + " "
        after = doc[ent.end : min(sent.end, ent.end + 2)].text.lower()
        if after.startswith(ctx.words.platform_parts):
            continue
        lead = bool(ctx.words.hosting_lead.search(before))
        show = after.startswith(ctx.words.show_words)
        # in the opening turns either says it; later, only both ("welcome to the X
        # podcast"): "I was on the X podcast", "subscribe on Apple Podcasts" host nothing
        if (lead or show) and ctx.turn_index <= OPENING_TURNS or lead and show:
            ctx.add(ctx.speaker, "hosts", ref_of(ent), text)


def people(clause: Clause) -> bool:
    """ "I interviewed Maria", "she hosted Ana": a person as the verb's object."""
    if clause.lemma not in ("interview", "host"):
        return False
    clause.claim("interviews" if clause.lemma == "interview" else "hosts")
    return True


def sentence(ctx: TurnContext, sent: Any, text: str) -> None:
    introductions(ctx, sent, text)
    shows(ctx, sent, text)


RULE = Rule(
    "hosting",
    ("hosts", "interviews"),
    labels=("PERSON",),
    entity=people,
    sentence=sentence,
)
