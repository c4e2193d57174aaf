"""``recommends`` and ``advises``: the speaker -> a book, concept (or, recommended in
words, an organization) that a sentence of theirs recommends or advises, negated when
they advise against it ("avoid X", "X is overrated", "I didn't like X"). Also "As Paul
Graham wrote: ..." -> Paul Graham recommends what follows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kgraph.extract.boilerplate import is_boilerplate
from kgraph.extract.claims import cues, grammar, imperatives, urging
from kgraph.extract.claims.base import Ref, Rule, TurnContext, ref_of
from kgraph.extract.claims.derived import PLEASE, derived
from kgraph.extract.claims.grammar import POINTERS, SUBJECT_DEPS, token_at
from kgraph.extract.claims.objects import judged, mastered, modifier_only, own, refused, told, used

RECOMMENDABLE = ("BOOK", "CONCEPT", "ORG")
ADVISABLE = ("BOOK", "CONCEPT")


def find_cue(
    ctx: TurnContext, sent: Any, text: str, start: int = 0
) -> tuple[re.Match[str], str] | None:
    """The sentence's first cue from ``start`` on and its kind: "recommend", "advise",
    "against" (a judgement against), or "imperative" (only from the sentence's start);
    None when it has none the speaker says as their own. A cue that only supposes ("if
    you need to hire, ...") or names a topic ("how to make sure ...") is passed over for
    the next one."""
    words = ctx.words
    while start <= len(text):
        # an opening advice cue before any praise inside it: "what helped me most was X"
        opening = cues.opening_cue(text, words) if start == 0 else None
        rec = cues.recommend_cue(sent, text, words, start) if opening is None else None
        adv = cues.advice_cue(sent, text, words, start, "advice" in ctx.asked) if not rec else None
        against = words.discourage.search(text, start) if not (rec or adv) else None
        cue = rec or adv or against
        kind = "recommend" if rec else "advise" if adv else "against"
        if cue is None:
            verb = (
                (imperatives.imperative(sent, words) or imperatives.helping(sent))
                if start == 0
                else None
            )
            cue = at_token(text, sent, verb) if verb is not None else None
            if cue is None:
                return None
            kind = "imperative"
        if cues.reported(sent, cue.start(), words) or cues.disowned(sent, cue.start(), words):
            return None
        cue_token = token_at(sent, cue.start())
        if cue_token is not None and ctx.in_reported_quote(cue_token):
            return None  # 'they said, "You need to create a merge request."'
        before = text[: cue.start()]
        if words.framing.search(before):
            return None  # "The way I describe X is, you've got to ...": a definition
        if (cue_token is not None and grammar.conditional(cue_token)) or (
            grammar.HOW_TO.search(before)
            or (re.search(r"\bhow\s*$", before) and cue.group(0).lower().startswith(("you", "we")))
        ):
            if kind == "imperative":
                return None
            start = cue.end()  # "even if you create a great strategy, ..." supposes
            continue
        return cue, kind
    return None


def at_token(text: str, sent: Any, token: Any) -> re.Match[str] | None:
    """``token`` as a match in ``text`` (``sent``'s stripped text), where it is."""
    return re.compile(re.escape(token.text)).search(text, max(0, token.idx - sent.start_char))


def cue_scope(ctx: TurnContext, sent: Any, cue_char: int) -> tuple[int, int]:
    """First and last token of what a cue (at ``cue_char`` in ``sent``'s text) speaks
    about: the clause it belongs to. A relative clause speaks about the noun it
    describes ("I do the tasks that I enjoy", "there is research that I like"), or, when
    that noun is a placeholder or what a copula equates, about that noun's clause ("the
    thing I found useful: get someone to do code reviews", "the tool that helped me most
    was Docker", "Kaggle is a platform I like")."""
    node = grammar.clause_of(token_at(sent, cue_char) or sent.root, sent)
    if node.dep_ == "csubj" and node.head.lemma_ == "be":
        node = node.head  # "what you need to do is X" speaks of X
    if node.dep_ in ("relcl", "acl") and node.head != node:
        noun = node.head
        verb = noun.head
        if noun.lemma_.lower() not in ctx.words.placeholder_nouns and not (
            noun.dep_ in ("nsubj", "attr")
            and verb.lemma_ == "be"
            and not any(c.dep_ == "expl" for c in verb.children)
        ):
            return noun.left_edge.i, noun.right_edge.i  # "the tasks that I enjoy"
        node = grammar.clause_of(noun, sent)
    # a clause joined with its own subject says something else: "I like PoCs, but I
    # don't want to feel a lack of impact"
    joined = [
        c.left_edge.i
        for c in node.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and any(g.dep_ in SUBJECT_DEPS for g in c.children)
    ]
    return node.left_edge.i, min([node.right_edge.i + 1, *joined]) - 1


def in_scope(ctx: TurnContext, sent: Any, cue: re.Match[str], targets: list[Any]) -> list[Any]:
    """Of ``targets``, what the cue's clause says something about: "the rise of devops,
    teams that [...] make sure it runs" advises nothing about devops."""
    lo, hi = cue_scope(ctx, sent, cue.start())
    return [
        e
        for e in targets
        if lo <= e.root.i <= hi
        and not grammar.compared_away(e.root)
        and not grammar.in_setting(e.root)
        and not modifier_only(ctx, e)
    ]


def pointed(ctx: TurnContext, sent: Any, cue: re.Match[str]) -> tuple[list[Any], str]:
    """ "Those are the best two.": the things named in the sentence before, which then
    belongs to the evidence. Only for a demonstrative of the cue's clause ("That was
    great", "check it out"), not a relative "that" ("the tasks that I enjoy") nor a
    pronoun deeper down ("you have to understand how they are used")."""
    cue_token = token_at(sent, cue.start())
    verbs = {sent.root} if cue_token is None else {sent.root, cue_token, cue_token.head}
    pointer = any(
        t.lower_ in POINTERS
        and t.dep_ in SUBJECT_DEPS + ("dobj",)
        and t.tag_ != "WDT"
        and t.head in verbs
        # a subject late in its sentence ("I do X, and that is helpful") is its own clause
        and (t.dep_ == "dobj" or t.i - sent.start <= 3)
        for t in sent
    )
    prev = grammar.previous_sentence(ctx.doc, sent) if pointer else None
    if prev is None or is_boilerplate(prev):
        return [], ""
    targets = [
        e
        for e in ctx.ents(prev)  # not what a condition names: "if you build X, do it"
        if e.label_ in RECOMMENDABLE
        and not grammar.in_setting(e.root)
        and not grammar.conditional(e.root)
    ]
    return targets, ctx.doc[prev.start : sent.end].text.strip()


def recalled(sent: Any, cue: re.Match[str]) -> bool:
    """Liking of doing something or praise told of the past ("I loved using eBay", "the
    offsites were great"): a memory, which recommends a book but no practice or company."""
    token = token_at(sent, cue.start())
    if token is None:
        return False
    if token.lower_ == "i":  # "I (really) loved ...": the liking verb follows
        token = next((t for t in sent if t.i > token.i and t.pos_ == "VERB"), token)
    if token.lemma_.lower() in ("love", "like", "enjoy"):  # "I liked X better" judges X
        return token.tag_ == "VBD" and any(
            c.tag_ == "VBG" and c.dep_ in ("xcomp", "dobj", "ccomp") for c in token.children
        )
    return token.dep_ == "acomp" and token.head.lemma_ == "be" and token.head.tag_ == "VBD"


def advice(ctx: TurnContext, sent: Any, text: str) -> None:
    """Speaker -recommends/advises-> what a sentence of theirs urges on the listener: its
    cue urges (:func:`urging.urging`), and the entity is what the cue's verb takes
    (:func:`urging.urged_object`). In an answer to a request for advice, what a cue of any
    kind speaks of; in an answer to a request for books, the books it names."""
    if ctx.speaker is None or grammar.asks(text):
        return  # questions ask, they do not advise
    start = 0
    for _ in range(MAX_CUES):  # "what you need to do is you need to polish your CV": the
        found = find_cue(ctx, sent, text, start)  # second cue urges what the first
        if found is None or advised(ctx, sent, text, *found):  # introduces
            return
        start = found[0].end()


MAX_CUES = 4
"""Cues of one sentence read in turn until one advises something."""


@dataclass
class Urge:
    """What one cue of a sentence urges: the cue (of ``kind``: "recommend", "advise",
    "against", "imperative"), whether it urges the listener or only answers a request for
    advice (``answering``), the verb that takes what is urged, the general advice that
    holds it ("it's important to X"), and whether the cue says not to (``negated``)."""

    cue: re.Match[str]
    kind: str
    urges: bool
    answering: bool
    verb: Any
    general: re.Match[str] | None
    negated: bool = False

    @property
    def recommends(self) -> bool:
        return self.kind in ("recommend", "against")


def advised(ctx: TurnContext, sent: Any, text: str, cue: re.Match[str], kind: str) -> bool:
    """Claims for what ``cue`` (of ``kind``) urges; whether it found any (or settled that
    the sentence urges nothing: "you might say X is the best, but it doesn't work")."""
    urge = urge_of(ctx, sent, text, cue, kind)
    if isinstance(urge, bool):
        return urge
    kinds = advisable_kinds(ctx, sent, text, urge)
    urge.negated = cues.cue_negated(sent, urge.cue.start(), ctx.words) and not (
        ctx.words.emphatic_negation.search(text)  # "I can't recommend X enough"
    )
    targets, text = targets_of(ctx, sent, text, urge, kinds)
    if not targets:
        return False
    add_claims(ctx, text, urge, targets)
    return True


def urge_of(ctx: TurnContext, sent: Any, text: str, cue: re.Match[str], kind: str) -> Urge | bool:
    """What ``cue`` urges, or whether reading the sentence is done without a claim (False:
    try its next cue; True: it urges nothing at all)."""
    words = ctx.words
    urges = urging.urging(ctx, sent, kind, cue, text)
    order = imperatives.imperative(sent, words) if not urges and kind != "imperative" else None
    if order is not None:  # "the thing I found useful: get someone to do code reviews"
        cue, kind, urges = at_token(text, sent, order) or cue, "imperative", True
    # in an answer to a request for advice, a judgement of worth of how things are ("X is
    # key", "papers are a fantastic way to do that") advises what it judges; a story (the
    # past tense) or what one person does does not
    answering = (
        not urges
        and kind in ("advise", "recommend")
        and "advice" in ctx.asked
        and not grammar.is_past(sent.root, sent, words)
    )
    if not (urges or answering or "books" in ctx.asked):
        return False  # praise, a judgement, a description: nothing urged on the listener
    general = urging.general_advice(sent, text, cue.start(), words)
    # "it's important to write X": the infinitive is what is urged
    verb = token_at(sent, general.start("verb")) if general else urging.cue_verb(sent, cue)
    if verb is None and kind == "imperative":
        verb = token_at(sent, cue.start())  # an imperative tagged as a noun: "Focus on SQL"
    if verb is None:
        return False
    told_as = urging.cleft(verb, words.placeholder_nouns)
    if told_as is not None:  # "the first thing you need to do is start networking"
        verb = told_as
    if words.contrary.search(text + " " + urging.following(ctx, sent)):
        return True  # "you might say X is the best, but it doesn't work" recommends nothing
    if not imperatives.helps(verb) and (
        urges
        and not general
        and verb.dep_ in urging.SUBORDINATE
        or (kind == "imperative" and verb.tag_ in ("VBG", "VBN", "VBD"))
    ):
        return False  # "roles where you must have a PhD" describes; "Just writing it down" tells
    return Urge(cue, kind, urges, answering, verb, general)


def advisable_kinds(ctx: TurnContext, sent: Any, text: str, urge: Urge) -> tuple[str, ...]:
    """The entity labels ``urge`` may point at."""
    kinds = RECOMMENDABLE if urge.recommends else ADVISABLE
    if urge.kind == "recommend" and not ctx.words.recommend_verbal.search(text):
        kinds = ADVISABLE  # "the best people in the world" praises no company
    if urge.kind == "recommend" and recalled(sent, urge.cue):
        kinds = ("BOOK",)  # "I really loved using eBay", "those promotions were fantastic"
    if not (urge.urges or urge.answering):
        kinds = ("BOOK",)  # an answer to a request for books: its books
    return kinds


def targets_of(
    ctx: TurnContext, sent: Any, text: str, urge: Urge, kinds: tuple[str, ...]
) -> tuple[list[tuple[Any, Ref]], str]:
    """What ``urge`` urges, each a span and what it names (an entity, or a concept of the
    document said with a word of its stem: :func:`~kgraph.extract.claims.derived.derived`),
    and the evidence (the sentence, or with the one before when a pointer stands for what
    it named)."""
    words, cue, verb, urges = ctx.words, urge.cue, urge.verb, urge.urges
    targets = [e for e in ctx.ents(sent) if e.label_ in kinds]
    if urges and kinds == ADVISABLE and not PLEASE.search(text):  # "use Kaggle"; not a
        targets += [e for e in ctx.ents(sent) if e.label_ == "ORG" and used(e, words)]
        # request to the audience ("please use Slido to ask questions")
    if urges and "CONCEPT" in kinds:  # a term of the document's own, said as advice:
        targets += own_terms(ctx, text, urge.kind, urge.negated, sent)  # "don't do X"
    targets = [e for e in targets if urging.specific(ctx, e) and not own(e) and not told(e)]
    if targets:
        targets = in_scope(ctx, sent, cue, targets)
        if urges and verb.pos_ in ("NOUN", "PROPN"):  # "Build side projects": misparsed
            targets = [e for e in targets if urging.next_object(e, verb)]
        elif urges:
            targets = [e for e in targets if urging.urged_object(ctx, e, verb, urge.negated)]
        if urge.kind == "imperative" and verb.lemma_ == "be":  # "be comfortable with Excel",
            targets = [e for e in targets if mastered(e, words)]  # not "be careful with X"
        elif urge.answering:
            targets = [e for e in targets if judged(e)]
    elif (not urges and not urge.answering) or any(
        c.lower_ in POINTERS and c.dep_ == "dobj" for c in verb.children
    ):
        # "check it out": the pointer is urged; "Those are the best two." in an answer
        targets, text = pointed(ctx, sent, cue)
        targets = [e for e in targets if e.label_ in kinds]
    pairs = [(e, ref_of(e)) for e in targets]
    if urges and "CONCEPT" in kinds and urge.kind != "against":
        named = {ref.key for _, ref in pairs}  # "you should network", "find mentors"
        pairs += [p for p in derived(ctx, verb, kinds, text) if p[1].key not in named]
    return pairs, text


def add_claims(ctx: TurnContext, text: str, urge: Urge, targets: list[tuple[Any, Ref]]) -> None:
    """One claim per target: the speaker (or the guest whose words the host repeats)
    recommends or advises it, or against it."""
    words, negated = ctx.words, urge.negated
    if urge.kind == "against":  # "X is overrated" recommends against X; "X is not useless"
        negated = urge.cue.group(0).lower().startswith("don") or not negated  # for it
    adviser = ctx.speaker
    if words.you_said.search(text):  # "You said that explainability is important"
        if ctx.guest is None or "?" in ctx.doc.text:
            return  # a question built on what the guest said asks; it repeats no advice
        adviser = ctx.guest  # the guest's advice, which the host repeats
    predicate = "recommends" if urge.recommends else "advises"
    for ent, ref in targets:  # "avoid X", "stop using X": advice against X
        against = grammar.avoided(ent.root, words)
        forbidden = urge.kind != "against" and refused(ent, words)
        ctx.add(adviser, predicate, ref, text, (negated or forbidden) != against)


def own_terms(ctx: TurnContext, text: str, kind: str, negated: bool, sent: Any) -> list[Any]:
    """The document's own terms in ``sent`` (:attr:`TurnContext.topics`) that may be what it
    advises. "You have to X" and bare imperatives also tell stories ("you have to hide the
    broccoli", "generate 10 derivatives"), so only where the sentence says it advises: an
    answer to a request for advice, an explicit cue ("my advice is", "make sure", "I'd
    encourage") or an imperative, when the term has a term's shape, two words or more
    ("pick a keyword tracker"; "make sure you fill in the tail" is a figure of speech);
    any term in an answer to a request for advice or after "don't" ("don't do premature
    optimization"). Not what is counted ("a 12 month
    period"), nor what points back (:func:`told`)."""
    asked = "advice" in ctx.asked or (kind == "imperative" and negated)
    if not (asked or kind == "imperative" or ctx.words.explicit_advice.search(text)):
        return []
    terms = []
    for term in ctx.topics_in(sent):
        before = term.doc[term.start - 1] if term.start > 0 else None
        if before is not None and before.like_num:
            continue
        if asked or (len(term) >= 2 and all(t.is_alpha for t in term)):
            terms.append(term)
    return terms


def attributed(ctx: TurnContext) -> None:
    """ "As Paul Graham wrote: do things that don't scale" -> the person recommends what
    follows the attribution: its sentence, and what follows when that ends in a colon
    ("As Joel Spolsky wrote: ...:" and a list), not the rest of a turn ("As Alexey said,
    my name is Luke. I've been recruiting ...")."""
    doc = ctx.doc
    for ent in ctx.entities:
        if ent.label_ != "PERSON" or ent.start == 0 or doc[ent.start - 1].lower_ != "as":
            continue
        verb = next(
            (t for t in doc[ent.end : ent.end + 12] if t.lemma_ in ctx.words.attribution_verbs),
            None,
        )
        if verb is None:
            continue
        sent = verb.sent
        if is_boilerplate(sent):
            continue
        listed = sent.text.rstrip().endswith(":")
        end = len(doc) if listed else sent.end
        if not (listed or urges(ctx, sent, doc[verb.i + 1 : end].text)):
            continue  # "as Jay was saying, we view X as Y": a view reported, no advice
        after = [
            e
            for e in ctx.entities
            if verb.i < e.start and e.end <= end and e.label_ in ("CONCEPT", "BOOK")
        ]
        quote = doc[ent.start - 1 : min(len(doc), verb.i + 40)].text.strip()
        for target in after[:8]:
            ctx.add(ref_of(ent), "recommends", ref_of(target), quote)


def urges(ctx: TurnContext, sent: Any, said: str) -> bool:
    """What an attribution introduces advises or recommends: a cue of advice or praise
    ("you should do things that don't scale"), or an imperative ("do things ...")."""
    words = ctx.words
    if words.advise.search(said) or words.recommend.search(said):
        return True
    return any(t.tag_ == "VB" and t.dep_ in ("ROOT", "ccomp", "parataxis") for t in sent)


RULE = Rule("advice", ("recommends", "advises"), sentence=advice, turn=attributed)
