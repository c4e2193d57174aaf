"""Hand-built and random KnowledgeBases for the graph and exporter tests (no spaCy)."""

from __future__ import annotations

import itertools
import random

from kgraph.model import (
    ENTITY_TYPES,
    Claim,
    DocumentInfo,
    Entity,
    Evidence,
    KnowledgeBase,
    node_id,
)

PREDICATES = ("works_at", "worked_at", "works_as", "wrote", "recommends", "mentors")
WORDS = (
    "platform", "staff", "onboarding", "review", "design", "mentor", "promotion", "ladder",
    "interview", "budget", "roadmap", "feedback", "hiring", "career", "growth", "manager",
    "writing", "data", "product", "analytics",
)  # fmt: skip


def _entity(entity_type: str, label: str, aliases: list[str] | None = None) -> Entity:
    return Entity(node_id(entity_type, label), label, entity_type, sorted(aliases or []))


def small_kb() -> KnowledgeBase:
    """Two documents, five entities, three claims (two parallel), known co-mentions.

    Turn layout (document, turn: entities mentioned):
      pod-a 0: Ada Park, Staff Engineer, Design Doc
      pod-a 1: Ada Park, Staff Engineer
      pod-a 2: Lumen Labs
      blog-b 0: Ada Park, Design Doc, The Quiet Manager
    """
    docs = [
        DocumentInfo(
            "pod-a", "Pod A", "transcript", "a.txt", url="https://youtu.be/vid123", turns=3
        ),
        DocumentInfo("blog-b", "Blog B", "markdown", "b.md", author="Bo", turns=1),
    ]
    ada = _entity("person", "Ada Park", ["Ada", "Ada Park"])
    staff = _entity("role", "Staff Engineer", ["staff engineers"])
    doc = _entity("concept", "Design Doc", ["design docs", "RFC"])
    lumen = _entity("organization", "Lumen Labs")
    book = _entity("book", "The Quiet Manager")

    def mention(entity: Entity, document: str, turn: int, quote: str, time=None) -> None:
        entity.mentions.append(Evidence(document, turn, quote, "Ada Park", time))

    mention(ada, "pod-a", 0, "I became a staff engineer by writing design docs.", 12.5)
    mention(staff, "pod-a", 0, "I became a staff engineer by writing design docs.", 12.5)
    mention(doc, "pod-a", 0, "I became a staff engineer by writing design docs.", 12.5)
    mention(ada, "pod-a", 1, "Staff engineers set direction.", 40.0)
    mention(staff, "pod-a", 1, "Staff engineers set direction.", 40.0)
    mention(lumen, "pod-a", 2, "Lumen Labs was my first job.", 75.0)
    mention(ada, "blog-b", 0, "Read The Quiet Manager before your first design doc.")
    mention(doc, "blog-b", 0, "Read The Quiet Manager before your first design doc.")
    mention(book, "blog-b", 0, "Read The Quiet Manager before your first design doc.")

    claims = [
        Claim(
            ada.id,
            "works_as",
            staff.id,
            Evidence("pod-a", 0, "I became a staff engineer.", "Ada Park", 12.5),
        ),
        Claim(
            ada.id,
            "worked_at",
            lumen.id,
            Evidence("pod-a", 2, "Lumen Labs was my first job.", "Ada Park", 75.0),
        ),
        Claim(
            ada.id,
            "works_as",
            staff.id,
            Evidence("blog-b", 0, "I am not a manager but a staff engineer.", "Bo"),
        ),
    ]
    return KnowledgeBase(documents=docs, entities=[ada, staff, doc, lumen, book], claims=claims)


def random_kb(
    n_entities: int = 300,
    n_documents: int = 10,
    turns_per_document: int = 60,
    claims: int = 200,
    seed: int = 0,
) -> KnowledgeBase:
    """A random but reproducible KnowledgeBase with a skewed (Zipf-like) mention count."""
    rng = random.Random(seed)
    entities = []
    for i in range(n_entities):
        entity_type = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        label = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        entities.append(_entity(entity_type, label, [label.lower()]))
    ranks = range(n_entities)
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(n_entities)))
    documents = []
    for d in range(n_documents):
        doc_id = f"doc-{d:03d}"
        documents.append(
            DocumentInfo(
                doc_id,
                f"Episode {d}",
                "transcript",
                f"{doc_id}.txt",
                url=f"https://youtu.be/v{d:05d}" if d % 2 == 0 else None,
                turns=turns_per_document,
            )
        )
        for t in range(turns_per_document):
            draws = rng.randint(1, 5)
            picked = {rng.choices(ranks, cum_weights=cumulative)[0] for _ in range(draws)}
            quote = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
            for index in sorted(picked):
                entities[index].mentions.append(
                    Evidence(doc_id, t, quote, f"Speaker {t % 3}", float(t * 30))
                )
    # every entity is mentioned at least once, as resolution guarantees
    for i, entity in enumerate(entities):
        if not entity.mentions:
            entity.mentions.append(Evidence(documents[i % n_documents].id, 0, "Mentioned once."))
    claim_list = []
    for _ in range(claims):
        a, b = rng.sample(range(n_entities), 2)
        doc = rng.choice(documents)
        claim_list.append(
            Claim(
                entities[a].id,
                rng.choice(PREDICATES),
                entities[b].id,
                Evidence(doc.id, rng.randrange(turns_per_document), "A claim sentence.", "Host"),
                negated=rng.random() < 0.1,
            )
        )
    return KnowledgeBase(documents=documents, entities=entities, claims=claim_list)


def podcast_kb() -> KnowledgeBase:
    """Three invented podcast episodes with a host who speaks in all of them.

    For the HTML page's tests: "staff engineer" (a role) beside the book "Staff Engineering
    Path" (a partial match), "design doc" (the gazetteer knows "RFC" for it), "mock
    interview", a guest "Dmitrii Sokolov" (found as "Dmitry Sokolov"), greetings that must
    rank last, and paths: staff engineer - design doc through claims and shared turns.
    """
    docs = [
        DocumentInfo(
            f"ep{n}", title, "markdown", f"ep{n}.md", url=f"https://youtu.be/vid{n}", turns=6
        )
        for n, title in (
            (1, "Growing into staff engineering"),
            (2, "Interview loops without fear"),
            (3, "Writing that ships"),
        )
    ]
    host = _entity("person", "Alex Rivera", ["Alex"])
    dmitrii = _entity("person", "Dmitrii Sokolov", ["Dmitrii"])
    priya = _entity("person", "Priya Nair", ["Priya"])
    staff = _entity("role", "staff engineer", ["staff engineers", "Staff Engineer"])
    book = _entity("book", "Staff Engineering Path")
    doc = _entity("concept", "design doc", ["design docs"])
    mock = _entity("concept", "mock interview", ["mock interviews"])
    promo = _entity("concept", "promotion")
    lumen = _entity("organization", "Lumen Labs")
    ladder = _entity("concept", "career ladder")
    hiring = _entity("concept", "hiring committee")

    def turn(doc_id: str, t: int, speaker: str, time: float, said: list[tuple]) -> None:
        for entity, quote in said:
            entity.mentions.append(Evidence(doc_id, t, quote, speaker, time))

    # the host's own mention of a turn quotes its opening, as resolution does
    turn("ep1", 0, "Alex Rivera", 5.0, [
        (host, "Welcome to the show, everyone."),
        (dmitrii, "We have a special guest today, Dmitrii Sokolov."),
        (staff, "We have a special guest today, Dmitrii Sokolov, a staff engineer."),
    ])  # fmt: skip
    turn("ep1", 1, "Dmitrii Sokolov", 40.0, [
        (dmitrii, "Thanks for having me."),
        (staff, "A staff engineer writes the design doc that a whole team can build from."),
        (doc, "A staff engineer writes the design doc that a whole team can build from."),
        (lumen, "At Lumen Labs I reviewed every design doc before the quarter began."),
    ])  # fmt: skip
    turn("ep1", 2, "Dmitrii Sokolov", 95.0, [
        (dmitrii, "It took me years."),
        (staff, "My promotion to staff engineer came after two years of cross-team work."),
        (promo, "My promotion to staff engineer came after two years of cross-team work."),
        (ladder, "The career ladder at Lumen Labs spells out what a staff engineer does."),
        (lumen, "The career ladder at Lumen Labs spells out what a staff engineer does."),
    ])  # fmt: skip
    turn("ep1", 3, "Alex Rivera", 150.0, [
        (host, "So."),
        (book, "Have you read Staff Engineering Path by now?"),
        (staff, "Every staff engineer I meet has read it."),
    ])  # fmt: skip
    turn("ep2", 0, "Alex Rivera", 3.0, [
        (host, "Hello everyone."),
        (priya, "Today my guest is Priya Nair."),
        (mock, "Today we'll talk about the mock interview and how to run one."),
    ])  # fmt: skip
    turn("ep2", 1, "Priya Nair", 30.0, [
        (priya, "Sure."),
        (mock, "A mock interview with a friend shows you where your answers drift."),
        (hiring, "The hiring committee reads the notes from every interview loop."),
    ])  # fmt: skip
    turn("ep2", 2, "Priya Nair", 70.0, [
        (priya, "Right."),
        (mock, "I ran a mock interview for each design doc review I had to lead."),
        (doc, "I ran a mock interview for each design doc review I had to lead."),
    ])  # fmt: skip
    turn("ep3", 0, "Alex Rivera", 8.0, [
        (host, "Welcome back."),
        (doc, "This week we'll talk about the design doc."),
        (priya, "Priya Nair is back with us."),
    ])  # fmt: skip
    turn("ep3", 1, "Priya Nair", 44.0, [
        (priya, "Yes."),
        (doc, "A short design doc gets read; a long one gets skimmed by everyone."),
        (promo, "My last promotion case quoted three of my design docs by name."),
    ])  # fmt: skip
    claims = [
        Claim(dmitrii.id, "works_as", staff.id,
              Evidence("ep1", 2, "I have been a staff engineer at Lumen Labs since spring.",
                       "Dmitrii Sokolov", 95.0)),
        Claim(dmitrii.id, "worked_at", lumen.id,
              Evidence("ep1", 1, "At Lumen Labs I reviewed each design doc before the quarter.",
                       "Dmitrii Sokolov", 40.0)),
        Claim(priya.id, "recommends", mock.id,
              Evidence("ep2", 1, "I recommend a mock interview before every onsite loop.",
                       "Priya Nair", 30.0)),
    ]  # fmt: skip
    entities = [host, dmitrii, priya, staff, book, doc, mock, promo, lumen, ladder, hiring]
    return KnowledgeBase(documents=docs, entities=entities, claims=claims)


def advice_kb() -> KnowledgeBase:
    """:func:`podcast_kb` with stances: two guests recommend the book, one of them a second
    book too; advice for and against the design doc and the mock interview."""
    kb = podcast_kb()
    grit = _entity("book", "Grit")
    grit.mentions.append(
        Evidence("ep2", 2, "Grit is the book I give every new hire.", "Priya Nair", 70.0)
    )
    kb.entities.append(grit)
    ids = {e.label: e.id for e in kb.entities}

    def stance(
        who: str,
        predicate: str,
        what: str,
        doc: str,
        turn: int,
        quote: str,
        time: float,
        negated: bool = False,
    ) -> Claim:
        return Claim(ids[who], predicate, ids[what], Evidence(doc, turn, quote, who, time), negated)

    kb.claims += [
        stance("Dmitrii Sokolov", "recommends", "Staff Engineering Path", "ep1", 3,
               "Read Staff Engineering Path before you ask for the promotion.", 150.0),
        stance("Priya Nair", "recommends", "Staff Engineering Path", "ep3", 1,
               "Staff Engineering Path is the one book I would recommend to any senior.", 44.0),
        stance("Priya Nair", "recommends", "Grit", "ep2", 2,
               "Grit is the book I give every new hire.", 70.0),
        stance("Priya Nair", "advises", "design doc", "ep3", 1,
               "Keep a design doc to two pages so that people actually read it.", 44.0),
        stance("Dmitrii Sokolov", "advises", "design doc", "ep1", 1,
               "Write the design doc before you write any code.", 40.0),
        stance("Alex Rivera", "advises", "mock interview", "ep2", 0,
               "Do not rehearse a mock interview word for word.", 3.0, negated=True),
    ]  # fmt: skip
    return kb
