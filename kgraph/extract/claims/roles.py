"""``works_as`` / ``worked_as``: the roles the subject holds or held ("I'm a staff
engineer", "I worked as a data analyst", "promoted to tech lead"), and ``founded`` for
"the founder of X"."""

from __future__ import annotations

from typing import Any

from kgraph.extract.claims import grammar
from kgraph.extract.claims.base import Clause, Rule, ref_of
from kgraph.extract.claims.grammar import FIRST_PERSON, THIRD_PERSON


def via_as(clause: Clause) -> bool:
    """ "as" hangs off the verb, a job word or the speaker ("started working as X", "my
    journey as X", "for me as X"), not off another thing ("tasks as X", "specialists such
    as X"), and no one else is the verb's object ("I know Mehdi as an engineer")."""
    words = clause.ctx.words
    jobs = words.employment_nouns | words.career_nouns
    at = next((i for i, t in enumerate(clause.path) if t.lower_ == "as"), None)
    if at is None or any(t.pos_ == "ADP" for t in clause.path[1:at]):
        return False  # "an advocate of engineers": the role is not what one is "as"
    hangs = any(
        t.lower_ == "as"
        and (
            t.head.pos_ in ("VERB", "AUX")
            or t.head.lemma_.lower() in jobs
            or t.head.lower_ in FIRST_PERSON
            or any(c.lower_ in FIRST_PERSON for c in t.head.children)  # "for me as X"
        )
        and not (t.i > 0 and t.doc[t.i - 1].lower_ == "such")
        for t in clause.path[1:]
    )
    return (
        hangs
        and not any(  # "we hired her as a lead"
            c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.lower_ in THIRD_PERSON | {"you"})
            for c in clause.verb.children
        )
        and not regarded(clause.path[at].head, words.regarding_verbs)
        and not acquired(clause.path[at], words)
    )


def acquired(as_: Any, words: Any) -> bool:
    """ "I had Clay as a mentor", "we brought Ana in as CTO": the role after the object is
    the object's, unless the object is a job ("I got a job as X", "I found my first role as
    X"); "As a data scientist, I don't have the expertise" is the subject's."""
    verb = as_.head
    jobs = words.employment_nouns | words.career_nouns | REFLEXIVE
    return verb.lemma_.lower() in words.acquiring_verbs and any(
        c.dep_ == "dobj" and c.i < as_.i and c.lemma_.lower() not in jobs for c in verb.children
    )


REFLEXIVE = {"myself", "ourselves", "himself", "herself", "themselves", "yourself"}


def regarded(verb: Any, regarding: frozenset[str]) -> bool:
    """ "as X" says what the object of a verb of regarding is ("we see a researcher as an
    applied researcher", "what I think of as an architect"), not the subject's role, save
    of a reflexive object ("I see myself as X") or in the passive ("I'm known as X")."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    if lemma not in regarding or (lemma == "think" and not any(c.lower_ == "of" for c in kids)):
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in kids):
        return False
    objects = [c for c in kids if c.dep_ == "dobj"]
    objects += [g for c in kids if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return not any(o.lower_ in REFLEXIVE for o in objects)


def addressed(clause: Clause) -> bool:
    """ "As a PM, if you've only ever worked on ...", "as a designer, you should ...": the
    next subject after the role is the listener, so the role is theirs (anyone's), not
    the speaker's ("As a PM, I ..." is the speaker's)."""
    at = next((t for t in clause.path if t.lower_ == "as"), None)
    if at is None:
        return False
    head = at.head
    subject = grammar.subject_of(head)[0] if head.pos_ in ("VERB", "AUX") else None
    fronted = subject is None or at.i < subject.i  # "As a PM, you ...", "I think as a PM, ..."
    if not (fronted or head.lemma_.lower() in clause.ctx.words.belief_verbs):
        return False
    sent = clause.sent
    for token in sent.doc[clause.ent.end : sent.end]:
        if token.dep_ in grammar.SUBJECT_DEPS:  # not "I work as X, and you can too"
            return token.lower_ == "you" and token.head.dep_ != "conj"
    return False


def someone_elses(clause: Clause) -> bool:
    """The role hangs by a preposition off the noun a copula says the subject is: "Marty
    is the legend of product managers", "I'm an advisor to the VP of Infrastructure" (not
    "I'm one of the PMs", "a kind of product manager")."""
    partitive = clause.ctx.words.partitive_nouns
    return any(
        t.dep_ == "prep"
        and t.lower_ != "as"
        and t.head.pos_ in ("NOUN", "PROPN")
        and t.head.lemma_.lower() not in partitive
        for t in clause.path[1:-1]
    )


def general(clause: Clause) -> bool:
    """What everyone is ("we are all entrepreneurs", "we're all PMs now"), or a role that
    only says what kind of other thing is meant ("I support the PM function")."""
    root = clause.ent.root
    if root.dep_ in ("compound", "nmod", "poss") and root.head.i >= clause.ent.end:
        return True
    subject, verb = grammar.subject_of(clause.verb)
    return (
        subject is not None
        and subject.lower_ in ("we", "you", "everyone", "everybody")
        and any(c.lower_ in ("all", "each") for c in (*verb.children, *subject.children))
    )


def trained(clause: Clause) -> bool:
    """The role is what the subject trained as ("a social scientist by education", "a
    data engineer by training"), not the job they hold."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "by"
        and any(g.lemma_.lower() in clause.ctx.words.background_nouns for g in c.children)
        for node in (clause.ent.root, clause.verb)
        for c in node.children
    )


def listed_after_attr(root: Any, verb: Any, ctx: Any) -> bool:
    """A later item of a list of roles at organizations that the parser hung off the
    copula itself or off the organization before it: in "he was a product leader at X,
    chief product officer at Y, and a senior PM at Z", "officer" is an apposition of "X"
    and "PM" a conjunct of "was", not items of "leader"."""
    node = root
    while node.dep_ == "appos" and node.head.dep_ == "pobj":
        org = ctx.ent_of.get(node.head.i)
        if org is None or org.label_ != "ORG" or node.head.head.dep_ != "prep":
            return False
        node = node.head.head.head  # the role held at the organization before
        role = ctx.ent_of.get(node.i)
        if role is None or role.label_ != "ROLE":
            return False
        if node.dep_ == "attr" and node.head == verb:
            return True
    return (
        node.dep_ == "conj"
        and node.head == verb
        and node.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "attr" and c.i < node.i for c in verb.children)
        and any(  # "and a senior PM at Z", not "and still a programmer at heart"
            c.dep_ == "prep"
            and any(
                (o := ctx.ent_of.get(g.i)) is not None and o.label_ == "ORG" for g in c.children
            )
            for c in node.children
        )
    )


def held(clause: Clause) -> bool:
    words = clause.ctx.words
    if grammar.unreal(clause.verb, words) or grammar.inverted(clause.verb):
        return True  # wished, needed, supposed or asked: no claim
    ent = clause.ent
    if ent.start >= 1 and "non" in (t.lower_ for t in ent.doc[max(0, ent.start - 2) : ent.start]):
        return True  # "even as a non-designer": not a designer, no claim
    if ent.kb_id_ in words.founder_roles and {t.lower_ for t in ent} & words.not_founder_words:
        return True  # "a founding engineer", "the founding team": no founder, no claim
    if general(clause):
        return True  # "we are all entrepreneurs", "as a PM function": no role held, no claim
    if trained(clause):
        return True  # "I'm a data engineer by training": a background, not a job held
    if any(t.dep_ == "prep" and t.lower_ == "with" for t in clause.path[1:]):
        return True  # "we were 12 people with 4 data engineers": the company one keeps
    listed = listed_after_attr(ent.root, clause.verb, clause.ctx)
    attr = (
        listed
        or any(t.dep_ in ("attr", "acomp", "oprd") for t in clause.path[:-1])
        or ent.root.dep_ in ("attr", "oprd")
    )
    promoted = (
        clause.lemma in words.promotion_verbs
        and clause.preps & {"to", "into"}
        and not any(  # "I'm transitioning it to another engineer": it, not I, moves
            c.dep_ == "dobj" and c.lemma_.lower() not in words.employment_nouns | REFLEXIVE
            for c in clause.verb.children
        )
    )
    as_role = via_as(clause)
    if not (as_role or (attr and clause.lemma in ("be", "become")) or promoted):
        return False
    if not (as_role or promoted or listed) and someone_elses(clause):
        return True  # "Marty is the legend of product managers": no role of his
    if as_role and not attr and addressed(clause):
        return True  # "as a PM, you ...": the listener's
    # "as a data scientist, I don't have all the domain expertise": the negation is of
    # what one does in the role, the role is held ("I never worked as X" is not held)
    negated = clause.negated and not (
        as_role and not attr and clause.lemma not in words.job_verbs | {"be", "become"}
    )
    clause.claim("worked_as" if clause.past else "works_as", negated=negated)
    if ent.kb_id_ in words.founder_roles:  # "I'm the founder of X"
        for child in ent.root.children:
            if child.lower_ == "of":
                for pobj in child.children:
                    org = clause.ctx.ent_of.get(pobj.i)
                    if org is not None and org.label_ == "ORG":
                        clause.claim("founded", ref_of(org))
    return True


RULE = Rule("roles", ("works_as", "worked_as", "founded"), labels=("ROLE",), entity=held)
