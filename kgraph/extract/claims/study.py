"""``studied_at``: "I studied physics at Stanford", "a PhD from ETH Zurich", "I went to
MIT": only at a school (a university, college, institute...), never at a company."""

from __future__ import annotations

from kgraph.extract.claims import grammar
from kgraph.extract.claims.base import Clause, Rule


def studied(clause: Clause) -> bool:
    """A study verb governs the school, or a study word is in the sentence and the school
    follows at/from/in (unless a job verb says it is a workplace: "a Kaggle master who
    works at X" did not study there)."""
    words = clause.ctx.words
    verb = clause.verb
    if grammar.unreal(verb, words) or (
        verb.dep_ == "ccomp" and verb.head.lemma_.lower() in words.wish_verbs
    ):
        return False  # "I wish I had graduated from Harvard"
    # "I went to MIT", "I dropped out of Reed College": the school right after the
    # preposition of the verb, for one person ("we went to Stanford and asked" visits)
    prep = clause.ent.root.head
    went = (
        (clause.lemma, prep.lower_) in words.school_going_verbs
        and verb in (prep.head, prep.head.head)  # "dropped out of X": "of" under "out"
        and (prep.head == verb or prep.head.dep_ in ("prt", "prep", "advmod"))
        and clause.ent.root.dep_ == "pobj"
        and clause.subject.key not in ("we", "us")
        and not any(c.dep_ == "nsubj" and c.lower_ == "we" for c in verb.children)
    )
    studied_words = (
        clause.sent_words & words.study_words
        and clause.preps & {"at", "from", "in"}
        and not clause.lemmas & words.job_verbs
    )
    if not (clause.lemmas & words.study_verbs or studied_words or went):
        return False
    if school(clause):
        clause.claim("studied_at")
        return True
    if went:
        return False  # "I went to Google": a visit or a move, for the other rules
    # "I studied at Google" names no school: no claim; a study word beside a job verb may
    # still say where one works ("after my PhD I joined Google")
    return bool(clause.lemmas & words.study_verbs)


def school(clause: Clause) -> bool:
    """Whether the organization is a school: its name (or a gazetteer alias of it) says
    so ("Stanford University", "MIT" = "Massachusetts Institute of Technology")."""
    words = clause.ctx.words
    ent = clause.ent
    key = (ent.kb_id_ or ent.text).split("|")[0]
    return key in words.schools or bool(words.school_names.search(ent.text))


RULE = Rule("study", ("studied_at",), labels=("ORG",), entity=studied)
