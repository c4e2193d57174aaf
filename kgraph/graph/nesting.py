"""Names inside names: "the accuracy trap" names a trap, not accuracy besides, and "an ML
engineer" a role, not machine learning; one phrase read as two entities relates nothing."""

from __future__ import annotations

from collections.abc import Callable

from kgraph.mentions import Mentions
from kgraph.model import Entity


class Nesting:
    """Whether a sentence names two entities apart, for pairs one of whose names holds
    the other's (names compared case-insensitively, whole words, a plural allowed)."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        self.lower_forms: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
        self.plurals: dict[str, Mentions] = {}

    def apart(self, u_id: str, v_id: str) -> Callable[[str], tuple[bool, bool]] | None:
        """For two entities one of whose names holds the other's, whether a sentence names
        each outside the other's name (None: neither name holds the other)."""
        (forms_u, words_u), (forms_v, words_v) = self._lowered(u_id), self._lowered(v_id)
        if words_u.isdisjoint(words_v):
            return None
        if not any(a in b or b in a for a in forms_u for b in forms_v):
            return None
        return lambda text: (self._outside(u_id, v_id, text), self._outside(v_id, u_id, text))

    def _lowered(self, entity_id: str) -> tuple[tuple[str, ...], frozenset[str]]:
        """The entity's names lower-cased, and their words."""
        found = self.lower_forms.get(entity_id)
        if found is None:
            entity = self.entities[entity_id]
            forms = tuple({entity.label.lower(), *(a.lower() for a in entity.aliases)} - {""})
            words = frozenset(w for f in forms for w in f.split())
            found = self.lower_forms[entity_id] = (forms, words)
        return found

    def _outside(self, inner: str, outer: str, text: str) -> bool:
        """Whether ``text`` names ``inner`` once outside every naming of ``outer`` (True
        when it names ``inner`` nowhere: no telling, as before)."""
        found = [m.span() for m in self._plural(inner).finditer(text)]
        if not found:
            return True
        around = [m.span() for m in self._plural(outer).finditer(text)]
        return any(
            not any(s <= start and end <= e and e - s > end - start for s, e in around)
            for start, end in found
        )

    def _plural(self, entity_id: str) -> Mentions:
        """The entity's names, whole words, a plural ending allowed ("models")."""
        if entity_id not in self.plurals:
            entity = self.entities[entity_id]
            self.plurals[entity_id] = Mentions({entity.label, *entity.aliases})
        return self.plurals[entity_id]
