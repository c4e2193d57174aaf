"""``works_at`` / ``worked_at``: where the subject works now, or worked before."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims import grammar
from kgraph.extract.claims.base import Clause, Rule

EMPLOYMENT_PREPS = {"at", "for", "in", "with", "to", "over"}
OTHERS = {"your", "his", "her", "their"}


def moved_something(clause: Clause) -> bool:
    """ "move my notebooks to GitHub", "come to X again", the talk moving on ("we'll move
    on to Slido"): a move that is no employment."""
    verb = clause.verb
    return bool(clause.lemmas & clause.ctx.words.move_verbs) and (
        any(c.dep_ == "dobj" or c.lower_ == "again" for c in verb.children)
        or verb.tag_ != "VBD"
        and any(c.lower_ == "on" and c.dep_ in ("prt", "prep") for c in verb.children)
    )


def ordinal(token: Any) -> bool:
    """ "I was 10th at X", "the first": a rank, no feeling about the place."""
    return token.ent_type_ == "ORDINAL" or any(ch.isdigit() for ch in token.text)


def employment_path(clause: Clause) -> bool:
    """The organization hangs off the work verb itself, through a preposition, a role
    ("a staff engineer at X") or an employment noun ("a team at X"), not off another
    thing ("300 problems in X", "X's site")."""
    ent = clause.ent
    if ent.root.dep_ in ("poss", "compound", "nmod", "amod") and not coordinated(ent):
        return False
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("like", "a", "an", "that", "this"):
        return False  # "communities we are in, like X": examples, whatever "like" parses as;
        # "I'm at a WeWork", "in that Slack": one of its places or groups, not an employer
    others = OTHERS - owned_by(clause)
    inner = clause.path[1:-1]
    # the nouns between a role and the organization place the role ("a product manager in
    # the data privacy area at Collibra"): the role is held at the organization
    roles = [
        i
        for i, tok in enumerate(inner)
        if (e := clause.ctx.ent_of.get(tok.i)) is not None and e.label_ == "ROLE"
    ]
    for i, tok in enumerate(inner):
        if tok.lemma_.lower() in clause.ctx.words.visitor_nouns:
            return False  # "a frequent speaker at X", "an angel investor in X": no job there
        if tok.dep_ == "prep" and tok.lower_ == "like":
            return False  # "coached execs at companies like X": examples, no workplace
        if tok.dep_ == "pobj" and tok.head.lower_ == "with":
            return False  # "worked with execs at X": their workplace, not the subject's
        if any(c.dep_ == "poss" and c.lower_ in others for c in tok.children):
            return False  # "going back to your days at Airbnb": someone else's
        if tok.pos_ not in ("NOUN", "PROPN") or ent.start <= tok.i < ent.end:
            continue
        other = clause.ctx.ent_of.get(tok.i)
        if other is not None and other.label_ in ("ROLE", "ORG"):
            continue
        if any(r > i for r in roles) and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "on"):
            continue
        if tok.dep_ in ("attr", "appos", "oprd") or tok.lemma_.lower() in (
            clause.ctx.words.employment_nouns
        ):
            continue
        return False
    return True


def coordinated(ent: Any) -> bool:
    """The organization is the object of a preposition of employment that the parser made
    a modifier of the next item of a list: "a staff engineer at X and team lead of
    payments" ("X" hung off "lead")."""
    doc = ent.doc
    return (
        ent.start > 0
        and ent.end < len(doc)
        and doc[ent.start - 1].lower_ in EMPLOYMENT_PREPS
        and doc[ent.start - 1].dep_ == "prep"
        and doc[ent.end].lower_ in ("and", ",")
    )


def owned_by(clause: Clause) -> set[str]:
    """The possessives that stand for the clause's subject: "earlier in his career at
    YouTube, he worked on ..." speaks of his own career."""
    subject = grammar.subject_of(clause.verb)[0]
    low = subject.lower_ if subject is not None else ""
    if low == "he":
        return {"his"}
    if low == "she":
        return {"her"}
    if clause.subject.type == "person" and not clause.subject.speaker and low not in ("they",):
        return {"his", "her"} if subject is not None and subject.pos_ == "PROPN" else set()
    return set()


def employed(clause: Clause) -> bool:
    """A work verb (or "got a job") with the organization at/for/in it, or joined; a
    workplace left ("I left Google") was one."""
    words = clause.ctx.words
    if moved_something(clause):
        return True  # no claim, and no other rule's either
    if clause.lemma in words.leaving_verbs and clause.ent.root.dep_ == "dobj":
        clause.claim("worked_at")
        return True
    if held_where(clause):
        return True
    if no_job(clause):
        return False
    path = clause.path
    joined = clause.lemma == "join" and any(t.dep_ == "dobj" for t in path[:-1])
    got_job = clause.lemma == "get" and any(
        t.lemma_.lower() in words.employment_nouns for t in path
    )
    # the verb of a participle that sets the scene is its own ("going back to your days at
    # X, I'm sure ..." says nothing of being at X), not that of the clause it hangs from
    lemmas = {clause.lemma} if clause.verb.dep_ == "advcl" else clause.lemmas
    if (
        clause.subject_verb is not clause.verb
        and clause.lemma not in words.employment_verbs
        and not any(
            t.lemma_.lower() in words.employment_nouns
            for c in clause.verb.children
            for t in (c, *c.children)
        )
    ):  # "I'd be able to send you money in X" works nowhere ("able to grow into a role at X")
        lemmas = lemmas - {"be"}
    if (
        (lemmas & words.employment_verbs or got_job)
        and (clause.preps & EMPLOYMENT_PREPS or joined)
        and (joined or employment_path(clause))
        and (not clause.lemmas <= words.move_verbs or clause.ent.kb_id_)
    ):
        past = (clause.past or former(clause)) and not held_now(clause)
        clause.claim("worked_at" if past else "works_at")
        return True
    return False


def held_where(clause: Clause) -> bool:
    """ "X, where I led the growth team", "I went to X, where I was responsible for Y": a
    relative clause of the organization says the person worked there, whatever the verb
    before it ("went to", "moved over to")."""
    words = clause.ctx.words
    for rel in clause.ent.root.children:
        if rel.dep_ != "relcl" or not any(
            c.dep_ == "advmod" and c.lower_ == "where" for c in rel.children
        ):
            continue
        subject = next((c for c in rel.children if c.dep_ in grammar.SUBJECT_DEPS), None)
        person = clause.ctx.person_ref(subject) if subject is not None else None
        if person is None or person.type != "person" or not worked_in(rel, clause):
            continue
        if grammar.negated(rel) or grammar.unreal(rel, words):
            continue
        past = grammar.ceased(rel) or (
            grammar.is_past(rel, clause.sent, words) and not lasting(rel)
        )
        clause.ctx.add(person, "worked_at" if past else "works_at", clause.obj, clause.text)
        return True
    return False


def lasting(verb: Any) -> bool:
    """A present perfect with its duration: "where I have worked since 2021" goes on."""
    return any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in verb.children
    ) and any(c.dep_ == "prep" and c.lower_ in ("since", "for") for c in verb.children)


def worked_in(verb: Any, clause: Clause) -> bool:
    """The verb of a "where" clause says one worked there: a verb of work ("where I
    worked", "where I led the team", "where I spent two years"), being in a role or
    in charge ("where I was a staff engineer", "where I was responsible for pricing"); not
    what one did on a platform ("where I spent a lot of time", "where I ran my tests")."""
    words = clause.ctx.words
    lemma = verb.lemma_.lower()
    if lemma in words.job_verbs:
        return True
    if lemma == "spend":  # "where I spent two years", not "where I spent a lot of time"
        return any(
            c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in words.duration_nouns
            for c in verb.children
        )
    if lemma != "be":
        return False
    return any(
        (c.dep_ == "attr" and (e := clause.ctx.ent_of.get(c.i)) is not None and e.label_ == "ROLE")
        or (
            c.dep_ == "acomp"
            and any(g.dep_ == "prep" and g.lower_ in ("for", "of") for g in c.children)
        )
        for c in verb.children
    )


def held_now(clause: Clause) -> bool:
    """The organization joined is described in the present by the subject: "I joined OLX
    nine months ago, where I have the role of CDO" works there now."""
    return any(
        c.dep_ == "relcl"
        and c.tag_ in ("VBP", "VBZ")
        and any(g.dep_ in grammar.SUBJECT_DEPS and g.lower_ in ("i", "we") for g in c.children)
        for c in clause.ent.root.children
    )


def handle(clause: Clause) -> bool:
    """ "I'm on X at ClaireVo", "I'm @JayBaxter at X": an account on a platform, no job
    (not "I'm on the team at X")."""
    if any(t.text.startswith("@") for t in clause.sent if t.i < clause.ent.start):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ == "on"
        and any(
            g.dep_ == "pobj" and g.lemma_.lower() not in clause.ctx.words.employment_nouns
            for g in c.children
        )
        for c in clause.verb.children
    )


def no_job(clause: Clause) -> bool:
    """The verb's words rule a job at the organization out: a feeling, a wish or a
    supposition, an errand, a purchase, a client or a trip."""
    words = clause.ctx.words
    if clause.lemma == "be" and any(
        c.dep_ == "acomp" and c.i < clause.ent.start and not ordinal(c)
        for c in clause.verb.children
    ):
        return True  # "I'm always surprised with X", "we're good at X" ("At X I was ...")
    if clause.lemma == "be" and handle(clause):
        return True  # "I'm on X at ClaireVo": a handle
    if grammar.supposed(clause.verb) or grammar.wished(clause.verb, words):
        return True  # "whether I work at X or at Y, ...", "I want to work at X": no job
    preps = clause.preps & EMPLOYMENT_PREPS
    partner = "with" in preps or (
        not preps & {"at", "in"}  # "I work at X with a great team" works at X
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in clause.verb.children)
    )
    if clause.lemma == "run" and not any(
        c.dep_ == "dobj" and c.lemma_.lower() not in words.placeholder_nouns
        for c in clause.verb.children
    ):
        return True  # "I used to run a lot at Ellwood" runs; "I ran growth at X" worked
    if clause.lemma == "spend" and not any(
        c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in words.employment_nouns
        for c in clause.verb.children
    ):
        return True  # "we spend with Revolut" spends money; "spent two years at X" worked
    if partner and clause.lemma not in ("be", "stay", "spend"):
        return True  # "we are working with Webflow", "for X, we work with them": a client
    # "go on to Amazon and find the books": a place, no move to a job
    return preps == {"to"} and not clause.lemmas & (words.move_verbs | words.promotion_verbs)


def former(clause: Clause) -> bool:
    """The job is named as one left: "in my old job at X", "my previous company, X"."""
    words = clause.ctx.words
    return any(
        t.lemma_.lower() in words.employment_nouns
        and any(c.dep_ == "amod" and c.lower_ in words.former_words for c in t.children)
        for t in clause.path
    )


RULE = Rule("employment", ("works_at", "worked_at"), labels=("ORG",), entity=employed)
