"""``studied_at``: "I studied physics at Stanford", "a PhD from ETH"."""

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
    if clause.lemmas & words.study_verbs or studied_words:
        clause.claim("studied_at")
        return True
    return False


RULE = Rule("study", ("studied_at",), labels=("ORG",), entity=studied)
