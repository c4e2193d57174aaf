"""People across documents: the names each document resolved, clustered into one label per
person (same full name; the same speaker label; the archive's recurring speaker of a first
name; near-identical names corroborated by a shared label or shared organizations)."""

from __future__ import annotations

from collections import Counter, defaultdict

from kgraph.extract import DocumentExtraction
from kgraph.model import DocumentInfo, slugify
from kgraph.resolve.people import first_name_variant, same_person
from kgraph.resolve.speakers import recurring_speakers

Item = tuple[str, str]  # (document id, name as resolved in that document)


class _Sets:
    """Union-find over the (document, name) items."""

    def __init__(self, items: list[Item]):
        self.parent = {item: item for item in items}

    def find(self, x: Item) -> Item:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: Item, b: Item) -> None:
        self.parent[self.find(a)] = self.find(b)


def cluster_people(
    extractions: list[DocumentExtraction],
    per_doc: dict[str, dict[str, str]],
    speakers: dict[str, dict[str, str]],
    orgs: dict[str, set[str]],
) -> dict[Item, str]:
    """(document, name) -> one label per person across documents (fuzzy, corroborated).
    ``per_doc``: each document's names -> fullest name; ``speakers``: each document's
    labels -> full names; ``orgs``: each document's organizations."""
    speaker_labels: dict[Item, set[str]] = defaultdict(set)  # (doc, name) -> its labels
    for ex in extractions:
        for label, full in speakers[ex.document.id].items():
            speaker_labels[(ex.document.id, full)].add(label)
        for t in ex.turns:
            if t.speaker:
                speaker_labels[
                    (ex.document.id, per_doc[ex.document.id].get(t.speaker, t.speaker))
                ].add(t.speaker)
    items = sorted({(doc, name) for doc, m in per_doc.items() for name in m.values()})
    sets = _Sets(items)
    by_name: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_name[item[1]].append(item)
    _link_labels(extractions, items, by_name, speaker_labels, sets)
    _link_alike(items, by_name, speaker_labels, orgs, sets)
    clusters: dict[Item, list[Item]] = defaultdict(list)
    for item in items:
        clusters[sets.find(item)].append(item)
    return _label_clusters(extractions, per_doc, clusters, speaker_labels)


def _link_labels(
    extractions: list[DocumentExtraction],
    items: list[Item],
    by_name: dict[str, list[Item]],
    speaker_labels: dict[Item, set[str]],
    sets: _Sets,
) -> None:
    """Links by name and label: the same full name, the same first-name speaker label, the
    one full name a label has elsewhere, the archive's recurring speaker of a first name."""
    for name, group in by_name.items():
        if len(name.split()) >= 2:  # the same full name is the same person
            for other in group[1:]:
                sets.union(group[0], other)
        else:  # a first name alone: only as the same speaker label (in linear time:
            first_with: dict[str, Item] = {}  # it is in most documents)
            for item in group:
                for label in speaker_labels.get(item, ()):
                    sets.union(first_with.setdefault(label, item), item)
    # a speaker label alone ("Samuel") is the one full name that label has elsewhere
    full_of_label: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if len(item[1].split()) >= 2:
            for label in speaker_labels.get(item, ()):
                if item[1].split()[0] == label:
                    full_of_label[label].add(item[1])
    for item in items:
        fulls = full_of_label.get(item[1], set())
        if item[1] in speaker_labels.get(item, set()) and len(fulls) == 1:
            sets.union(item, by_name[next(iter(fulls))][0])
    # a first name alone is the archive's one recurring speaker of that first name: the
    # host labelled "Lenny" in some episodes is "Lenny Rachitsky", who speaks in others
    recurring = recurring_speakers(extractions, speaker_labels)
    for item in items:
        if len(item[1].split()) == 1:
            fulls = recurring.get(item[1].lower(), set())
            if len(fulls) == 1 and (full := next(iter(fulls))) in by_name:
                sets.union(item, by_name[full][0])


def _link_alike(
    items: list[Item],
    by_name: dict[str, list[Item]],
    speaker_labels: dict[Item, set[str]],
    orgs: dict[str, set[str]],
    sets: _Sets,
) -> None:
    """Links near-identical full names of documents that corroborate them, and first-name
    variants of a rare surname ("Christoph"/"Christopher Molnar")."""
    blocks: dict[tuple[str, str], list[Item]] = defaultdict(list)
    surname_names: dict[str, set[str]] = defaultdict(set)
    for item in items:
        words = item[1].lower().split()
        if len(words) >= 2:  # candidates for a fuzzy match share initials, or the
            blocks[(words[0][:1], words[-1][:1])].append(item)  # first name when the
            blocks[(words[0], "")].append(item)  # surname's first letter was misheard
            # a surname carried by few full names in the corpus is rare
            surname_names[item[1].split()[-1].lower()].add(item[1])
    # pairs of names first (a name recurs in many documents), then of their documents
    for names in ({name for _, name in group} for group in blocks.values()):
        ordered = sorted(names)
        for i, name_a in enumerate(ordered):
            for name_b in ordered[i + 1 :]:
                alike = same_person(name_a, name_b, corroborated=True)
                wa, wb = name_a.split(), name_b.split()
                rare = (
                    len(wa) == len(wb) == 2
                    and wa[-1] == wb[-1]
                    and len(surname_names[wa[-1].lower()]) <= 2
                    and first_name_variant(wa[0], wb[0])
                )
                if not (alike or rare):
                    continue
                for a in by_name[name_a]:
                    for b in by_name[name_b]:
                        if a[0] == b[0]:
                            continue
                        same_label = bool(
                            speaker_labels.get(a, set()) & speaker_labels.get(b, set())
                        )
                        shared_orgs = len(orgs.get(a[0], set()) & orgs.get(b[0], set())) >= 2
                        if rare or same_person(
                            name_a, name_b, corroborated=same_label or shared_orgs
                        ):
                            sets.union(a, b)


def _label_clusters(
    extractions: list[DocumentExtraction],
    per_doc: dict[str, dict[str, str]],
    clusters: dict[Item, list[Item]],
    speaker_labels: dict[Item, set[str]],
) -> dict[Item, str]:
    """One label per cluster: the metadata's name, else the longest, most said one."""
    person_names: dict[Item, str] = {}
    preferred = {full for ex in extractions for full in ex.document.speakers.values()}
    preferred |= {g for ex in extractions for g in ex.document.guests}
    counts = Counter(name for _, m in per_doc.items() for name in m.values())
    by_slug: dict[str, list[tuple[str, list[Item]]]] = defaultdict(list)
    forms: dict[str, set[str]] = defaultdict(set)
    for members in clusters.values():
        names = sorted(
            {n for _, n in members},
            key=lambda n: (n not in preferred, -len(n.split()), -counts[n], n),
        )
        slug = slugify(names[0])
        by_slug[slug].append((names[0], sorted(members)))
        forms[slug] |= {n for n in names if slugify(n) == slug}
    documents = {ex.document.id: ex.document for ex in extractions}
    for slug, entries in by_slug.items():
        # one name in other letters ("Tobi Lutke" in the metadata, "Tobi Lütke" as
        # spoken) is one node: it keeps the name as written, accents and all
        label = _as_written(forms[slug], counts)
        if len(label.split()) >= 2:
            groups = [sorted(m for _, members in entries for m in members)]
        else:
            groups = [members for _, members in entries]
        # One first name in documents that do not corroborate it is several people: the
        # one who speaks (else in most documents) keeps the name, the others are told
        # apart by their episode ("Daniel (Tobi Lütke episode)"), never by a file's name.
        groups.sort(key=lambda g: (not any(speaker_labels.get(m) for m in g), -len(g), g[0]))
        for number, members in enumerate(groups, 1):
            name = label if number == 1 else f"{label} ({_context(documents, members, number)})"
            for member in members:
                person_names[member] = name
    return person_names


def _as_written(names: set[str], counts: Counter) -> str:
    """Of names that differ only in accents, case or punctuation, the one written with the
    most letters outside ASCII ("Tobi Lütke", not "Tobi Lutke"), else the most said."""
    return min(names, key=lambda n: (-sum(not c.isascii() for c in n), -counts[n], n))


def _context(
    documents: dict[str, DocumentInfo], members: list[tuple[str, str]], number: int
) -> str:
    """What tells apart one of several people of one first name, after their name: the
    episode of the document that mentions them ("Tobi Lütke episode", by its guest, else its
    author), else the document's title cut to about 40 characters, else a number."""
    info = documents.get(members[0][0])
    if info is None:
        return str(number)
    who = next(iter(info.guests), None) or info.author
    if who:
        return f"{who} episode" if info.guests else f"{who} article"
    title = info.title
    if not title or title == info.id:
        return str(number)
    if len(title) > 40:
        title = title[:40].rsplit(" ", 1)[0].rstrip(" ,;:|-") + "…"
    return title
