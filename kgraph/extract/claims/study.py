"""``studied_at``: "I studied physics at Stanford", "a PhD from ETH Zurich": only at a
school (a university, college, institute...), never at a company."""

from __future__ import annotations

from kgraph.extract.claims.base import Clause, Rule


def studied(clause: Clause) -> bool:
    """A study verb governs the school, or a study word is in the sentence and the school
    follows at/from/in (unless a job verb says it is a workplace: "a Kaggle master who
    works at X" did not study there)."""
    words = clause.ctx.words
    studied_words = (
        clause.sent_words & words.study_words
        and clause.preps & {"at", "from", "in"}
        and not clause.lemmas & words.job_verbs
    )
    if not (clause.lemmas & words.study_verbs or studied_words):
        return False
    if school(clause):
        clause.claim("studied_at")
        return True
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
