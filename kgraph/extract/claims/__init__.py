"""Claims from the dependency parse of one turn: who works where and as what, who wrote,
founded, studied, hosts or interviews, who recommends or advises what, and how things
relate.

Works on a processed spaCy ``Doc`` (no spaCy import needed). Both ends of a claim are
entities of the turn; "I"/"my"/"we" are the turn's speaker, "he"/"she" the person the
turn is about (the last person named before; never the guest by default: a host's "he" is
as often someone the guest spoke of).

One module per kind of claim (``employment``, ``roles``, ``study``, ``founding``,
``books``, ``hosting``, ``advice``, ``relations``), listed in ``registry.RULES``; their
words and cue phrases are data (``kgraph/data/claims.yaml``, see ``words``).
"""

from kgraph.extract.claims.base import RawClaim, Ref, Rule
from kgraph.extract.claims.finder import find_claims
from kgraph.extract.claims.words import Lexicon, lexicon_of

__all__ = ["Lexicon", "RawClaim", "Ref", "Rule", "find_claims", "lexicon_of"]
