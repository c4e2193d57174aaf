"""The claim rules, in the order they run. A new predicate is a rule module (see
:class:`~kgraph.extract.claims.base.Rule`) and one line here. For one entity the first
entity rule that claims it wins: a founded or studied-at organization is not also a
workplace."""

from __future__ import annotations

from kgraph.extract.claims import (
    advice,
    books,
    employment,
    endorsement,
    founding,
    hosting,
    relations,
    roles,
    study,
)
from kgraph.extract.claims.base import Rule

RULES: tuple[Rule, ...] = (
    hosting.RULE,
    founding.RULE,
    study.RULE,
    employment.RULE,
    roles.RULE,
    books.RULE,
    relations.RULE,
    advice.RULE,
    endorsement.RULE,
)
