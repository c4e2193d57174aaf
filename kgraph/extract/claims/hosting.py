"""``hosts`` and ``interviews``: the show a speaker hosts, the guests they introduce."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims.base import Clause, Ref, Rule, TurnContext, in_order, ref_of

OPENING_TURNS = 3
"""A host introduces the guest and names the show in the first turns of a document."""


def introductions(ctx: TurnContext, sent: Any, text: str) -> None:
    """ "We have a special guest today, Maria Lopez": the speaker interviews her. After the
    opening turns (an episode may open on a clip of the guest, then ads), only a host's
    welcome that names their guest: "Adam, welcome to the podcast"."""
    if ctx.speaker is None or not ctx.words.intro.search(text):
        return
    if ctx.turn_index <= OPENING_TURNS:
        for ent in ctx.ents(sent):
            if ent.label_ == "PERSON" and ent.text != ctx.speaker.text:
                ctx.add(ctx.speaker, "interviews", ref_of(ent), text)
    elif ctx.guest is not None and names(sent, ctx.guest.key):
        ctx.add(ctx.speaker, "interviews", ctx.guest, text)


def names(sent: Any, person: str) -> bool:
    """Whether ``sent`` names ``person``, in full or by first name (the tagger may take a
    first name alone for an organization)."""
    parts = person.split()
    return bool(parts) and (person in sent.text or any(t.text == parts[0] for t in sent))


def shows(ctx: TurnContext, sent: Any, text: str) -> None:
    """ "Welcome to DataTalks.Club", "this is the X podcast": the speaker hosts the show;
    "our YouTube channel" is a channel on YouTube, not YouTube."""
    if ctx.speaker is None:
        return
    own_show(ctx, sent, text)
    doc = ctx.doc
    for ent in ctx.ents(sent):
        if ent.label_ != "ORG":
            continue
        before = doc[max(sent.start, ent.start - 4) : ent.start].text + " "
        after = doc[ent.end : min(sent.end, ent.end + 2)].text.lower()
        if after.startswith(ctx.words.platform_parts):
            continue
        show = after.startswith(ctx.words.show_words)
        if ent.root.dep_ in ("compound", "nmod") and not show:
            continue  # it names something else: "our Site Reliability and Tools team"
        lead = bool(ctx.words.hosting_lead.search(before))
        # in the opening turns either says it; later, only both ("welcome to the X
        # podcast"): "I was on the X podcast", "subscribe on Apple Podcasts" host nothing
        if (lead or show) and ctx.turn_index <= OPENING_TURNS or lead and show:
            ctx.add(ctx.speaker, "hosts", ref_of(ent), text)


def own_show(ctx: TurnContext, sent: Any, text: str) -> None:
    """ "Welcome to Lenny's Podcast" said by Lenny: the speaker hosts the show named after
    them, as said ("<first name>'s <show word>")."""
    assert ctx.speaker is not None
    doc = ctx.doc
    first = ctx.speaker.text.split()[0]
    for tok in sent:
        end = tok.i + 3
        if tok.text != first or end > sent.end or doc[tok.i + 1].lower_ not in ("'s", "\u2019s"):
            continue
        if not doc[tok.i + 2].lower_.startswith(ctx.words.show_words):
            continue
        before = doc[max(sent.start, tok.i - 4) : tok.i].text + " "
        if ctx.words.hosting_lead.search(before):
            name = doc[tok.i : end].text
            ctx.add(ctx.speaker, "hosts", Ref("organization", name, name), text)


def people(clause: Clause) -> bool:
    """ "I interviewed Maria", "she hosted Ana": a person as the verb's object, not
    "interviewing with Maria" (a candidate), "interviewed by Maria" or "I host it with
    Maria" (a co-host)."""
    if clause.lemma not in ("interview", "host"):
        return False
    verb = clause.verb
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if clause.ent.root.dep_ == "dobj" and clause.ent.root.head == verb and not passive:
        clause.claim("interviews" if clause.lemma == "interview" else "hosts")
    return True


RULE = Rule(
    "hosting",
    ("hosts", "interviews"),
    labels=("PERSON",),
    entity=people,
    sentence=in_order(introductions, shows),
)
