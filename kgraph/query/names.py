"""Names to entities: ids, labels, aliases, first names, then close spellings."""

from __future__ import annotations

from dataclasses import dataclass, field

from kgraph.errors import EntityNotFoundError, KgraphError, quoted
from kgraph.query.files import Graph, as_index

FUZZY_ACCEPT = 90  # rapidfuzz score at which a lone best match is taken without asking
# A suggestion is close under WRatio (parts of names count) and alike as a whole
# (plain ratio): "x" is in "Dropbox" and "banana bread" is like nothing in a career graph.
SUGGEST, SUGGEST_WHOLE = 75, 50


class QueryError(KgraphError):
    """A query the graph cannot answer as asked (usage error, exit 2)."""

    exit_code = 2


class AmbiguousEntityError(QueryError):
    """A name that fits several entities equally well; carries them as ``Label (type)``."""

    SHOWN = 10

    def __init__(self, name: str, candidates: list[str]):
        self.candidates = candidates
        listed = ", ".join(candidates[: self.SHOWN])
        if len(candidates) > self.SHOWN:
            listed += f", … {len(candidates) - self.SHOWN} more"
        super().__init__(
            f"{quoted(name)} matches {len(candidates)} entities: {listed}; "
            "pass the full name (or TYPE:NAME, such as person:Jane Doe)"
        )


@dataclass
class Match:
    """The entity a name was taken for, and how: ``"id"``, ``"label"``, ``"alias"`` or
    ``"near"`` (close to a name; worth a notice). ``others`` are the other entities of
    the same name, each ``{"id", "label", "type"}`` (a role and a book both called
    "Staff Engineer"): the most mentioned is taken, ``TYPE:NAME`` picks another."""

    id: str
    label: str
    type: str
    how: str
    others: list[dict[str, str]] = field(default_factory=list)


def norm(text: str) -> str:
    """Case and runs of whitespace ignored (a split, not a regex: it runs on every name)."""
    return " ".join(text.casefold().split())


def aliases_of(aliases: str | list[str] | None) -> list[str]:
    if isinstance(aliases, list):
        return [a for a in aliases if a]
    return [a for a in str(aliases or "").split("|") if a]


def find_entity(G: Graph, name: str) -> str:
    """Node id for a name (see :func:`match`).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("role:cto", label="CTO", type="role", aliases="chief technology officer")
    >>> find_entity(G, "Chief Technology Officer")
    'role:cto'
    """
    return match(G, name).id


def match(G: Graph, name: str) -> Match:
    """The entity a name means: exact id, label, alias (case-insensitive), then fuzzily.

    A full label shared by several entities (say a role and a book) resolves to the most
    mentioned one, the others listed in ``Match.others``; ``TYPE:NAME`` picks a type. A name
    that is only an alias or the first name of several entities ("Chris") raises
    AmbiguousEntityError listing them; EntityNotFoundError carries the closest names, as
    ``Label (type)``, or none when nothing is close.
    """
    Q = as_index(G)
    rows = Q.names()  # (id, label, type, aliases, mentions)
    if name in Q:
        row = next(row for row in rows if row[0] == name)
        return Match(row[0], row[1], row[2], "id")
    wanted = norm(name)
    if not wanted:
        raise EntityNotFoundError(name)
    prefix = wanted.split(":", 1)[0].strip() if ":" in wanted else None
    if prefix and prefix in {row[2] for row in rows}:
        wanted = wanted.split(":", 1)[1].strip()
        rows = [row for row in rows if row[2] == prefix]

    by_label = [row for row in rows if norm(row[1]) == wanted]
    if by_label:
        return _most_mentioned(by_label, "label")
    by_alias = [row for row in rows if wanted in {norm(a) for a in aliases_of(row[3])}]
    if by_alias:
        return _only(name, by_alias)
    if " " not in wanted:  # a first name shared by several people
        by_first = [
            row for row in rows if row[2] == "person" and norm(row[1]).split(" ")[0] == wanted
        ]
        if len(by_first) > 1:
            return _only(name, by_first)

    return _near(name, wanted, rows)


def _near(name: str, wanted: str, rows: list[tuple]) -> Match:
    """The entity close in spelling to ``wanted`` (a normalised name no label or alias is),
    when one name is clearly meant; else EntityNotFoundError with the close ones."""
    from rapidfuzz import fuzz, process, utils

    choices: dict[str, str] = {}  # surface form -> node id (labels win over aliases)
    for n, _, _, aliases, _ in rows:
        for form in aliases_of(aliases):
            choices.setdefault(form, n)
    for n, label, *_ in rows:
        choices[label] = n
    # a form less than half as long as the name only matches a piece of it ("C++" and "DE"
    # are 90 for "academia" under WRatio's partial match): no suggestion, no answer
    shortest = len(utils.default_process(wanted)) / 2
    choices = {f: n for f, n in choices.items() if len(utils.default_process(f)) >= shortest}
    if not choices:
        raise EntityNotFoundError(name)
    scored = process.extract(
        wanted, list(choices), scorer=fuzz.WRatio, processor=utils.default_process, limit=40
    )
    by_id = {row[0]: row for row in rows}
    best: dict[str, tuple] = {}
    for form, score, _ in scored:
        if score < FUZZY_ACCEPT:
            break
        # WRatio rates "Gergely" against "Gergely Orosz" as 90: only accept partial
        # matches that agree on whole words
        if fuzz.token_sort_ratio(wanted, form, processor=utils.default_process) >= FUZZY_ACCEPT:
            best[choices[form]] = by_id[choices[form]]
    names = {norm(row[1]) for row in best.values()}
    if len(names) == 1:  # one name (maybe of several types: those are its others)
        same = {row[0]: row for row in rows if norm(row[1]) in names}
        return _most_mentioned(list({**same, **best}.values()), "near")
    close = [
        (by_id[choices[form]], score)
        for form, score, _ in scored
        if score >= SUGGEST
        and fuzz.ratio(wanted, form, processor=utils.default_process) >= SUGGEST_WHOLE
    ]
    raise EntityNotFoundError(name, _suggestions(close))


def _most_mentioned(found: list[tuple], how: str) -> Match:
    """The most mentioned of ``found`` (rows of GraphIndex.names), the others kept."""
    ordered = sorted(found, key=lambda row: (-row[4], row[0]))
    n, label, type_, *_ = ordered[0]
    others = [{"id": r[0], "label": r[1], "type": r[2]} for r in ordered[1:] if r[0] != n]
    return Match(n, label, type_, how, others)


def _only(name: str, found: list[tuple]) -> Match:
    """The one node of ``found`` (rows of GraphIndex.names); several: AmbiguousEntityError."""
    if len({row[0] for row in found}) == 1:
        n, label, type_, *_ = found[0]
        return Match(n, label, type_, "alias")
    ordered = sorted(found, key=lambda row: (-row[4], row[1], row[0]))
    raise AmbiguousEntityError(name, [f"{row[1]} ({row[2]})" for row in ordered])


def _suggestions(close: list[tuple[tuple, float]]) -> list[str]:
    """Up to five of the ``close`` entities (rows of GraphIndex.names), as ``Label (type)``."""
    found: list[str] = []
    for row, _ in close:
        shown = f"{row[1]} ({row[2]})"
        if shown not in found:
            found.append(shown)
    return found[:5]
