"""Resolution on hand-built extractions: names, cross-document merges, aliases, claims."""

from __future__ import annotations

from dataclasses import replace

from kgraph.extract import ClaimMention, DocumentExtraction, Mention, Ref, TurnRef
from kgraph.model import DocumentInfo
from kgraph.resolve import resolve


def extraction(
    doc_id: str,
    mentions: list[tuple],
    speakers: dict[str, str] | None = None,
    turns: list[tuple] | None = None,
    claims: list[ClaimMention] | None = None,
    guests: list[str] | None = None,
    derived: bool = False,
) -> DocumentExtraction:
    """mentions: (type, text, key, turn, source); turns: (index, speaker, start).
    ``derived``: the speaker names come from extraction, not from the reader."""
    turns = turns or [(0, "Host", 1.0), (1, "Guest", 5.0)]
    info = DocumentInfo(
        doc_id,
        doc_id,
        "frontmatter",
        f"{doc_id}.md",
        guests=guests or [],
        speakers={} if derived else dict(speakers or {}),
        url="https://youtu.be/vid" + doc_id,
    )
    return DocumentExtraction(
        document=info,
        speakers=dict(speakers or {}),
        turns=[TurnRef(*t) for t in turns],
        mentions=[Mention(t, x, k, turn, f"sentence with {x}", s) for t, x, k, turn, s in mentions],
        claims=claims or [],
    )


def by_label(kb, etype: str) -> dict:
    return {e.label: e for e in kb.entities if e.type == etype}


def test_resolve_first_name_to_unique_full_name_in_document() -> None:
    ex = extraction(
        "d1",
        [
            ("person", "Ruth Okafor", "Ruth Okafor", 0, "ner"),
            ("person", "Ruth", "Ruth", 1, "ner"),
            ("person", "Okafor", "Okafor", 1, "ner"),
        ],
    )
    people = by_label(resolve([ex]), "person")
    assert "Ruth" not in people and "Okafor" not in people
    assert {"Ruth", "Okafor", "Ruth Okafor"} <= set(people["Ruth Okafor"].aliases)


def test_resolve_ambiguous_first_name_stays_alone() -> None:
    ex = extraction(
        "d1",
        [
            ("person", "Chris Manning", "Chris Manning", 0, "gazetteer"),
            ("person", "Chris Potts", "Chris Potts", 0, "gazetteer"),
            ("person", "Chris", "Chris", 1, "ner"),
        ],
    )
    people = by_label(resolve([ex]), "person")
    assert {"Chris", "Chris Manning", "Chris Potts"} <= set(people)


def test_resolve_first_name_of_a_claim_is_the_speaker_it_names() -> None:
    """A first name the parse made a claim's subject stands for the one speaker with that
    first name, even when the form is voted an organization elsewhere and the text names
    someone else with it ("Shaun Inc's Workday")."""
    claim = ClaimMention(
        Ref("person", "Shaun", "Shaun"),
        "works_at",
        Ref("organization", "Confluent", "Confluent"),
        0,
        "Shaun is CPO at Confluent.",
    )
    ex = extraction(
        "d1",
        [
            ("organization", "Shaun", "Shaun", 0, "ner"),
            ("organization", "Shaun", "Shaun", 1, "ner"),
            ("person", "Shaun Clowes", "Shaun Clowes", 0, "ner"),
            ("person", "Shaun Inc", "Shaun Inc", 1, "ner"),
            ("organization", "Confluent", "Confluent", 0, "ner"),
        ],
        turns=[(0, "Lenny Rachitsky", 1.0), (1, "Shaun Clowes", 5.0)],
        claims=[claim],
    )
    kb = resolve([ex])
    labels = {e.id: e.label for e in kb.entities}
    assert [(labels[c.subject], labels[c.object]) for c in kb.claims] == [
        ("Shaun Clowes", "Confluent")
    ]


def test_resolve_speaker_label_to_full_name_with_turn_evidence() -> None:
    ex = extraction(
        "d1",
        [("organization", "LinkedIn", "LinkedIn", 1, "gazetteer")],
        speakers={"Guest": "Tatiana Gabruseva"},
    )
    kb = resolve([ex])
    person = by_label(kb, "person")["Tatiana Gabruseva"]
    assert person.id == "person:tatiana-gabruseva"
    assert [(m.document, m.turn, m.time) for m in person.mentions] == [("d1", 1, 5.0)]
    assert person.mentions[0].url == "https://www.youtube.com/watch?v=vidd1&t=5s"


def test_resolve_merges_transcription_variants_across_documents() -> None:
    orgs = [("organization", o, o, 1, "gazetteer") for o in ("Meta", "Alibaba", "Yandex")]
    a = extraction(
        "001",
        [
            *orgs,
            ("person", "Valery Babushin", "Valery Babushin", 0, "ner"),
            ("person", "Valeri", "Valeri", 0, "ner"),
        ],
        speakers={"Valerii": "Valerii Babushin"},
        derived=True,
        turns=[(0, "Ilya", 1.0), (1, "Valerii", 9.0)],
    )
    b = extraction(
        "004",
        orgs,
        speakers={"Valerii": "Valerii Babushkin"},
        turns=[(0, "Alexey", 1.0), (1, "Valerii", 9.0)],
        guests=["Valerii Babushkin"],
    )
    people = by_label(resolve([a, b]), "person")
    matches = [p for p in people.values() if p.label.startswith("Valer")]
    assert len(matches) == 1
    node = matches[0]
    assert node.label == "Valerii Babushkin"
    assert {"Valery Babushin", "Valeri"} <= set(node.aliases)
    assert {m.document for m in node.mentions} == {"001", "004"}


def test_resolve_a_misheard_first_letter_of_a_surname_merges_when_corroborated() -> None:
    """ "Tatiana Habruseva" for "Tatiana Gabruseva": the initials differ, the speaker label
    is the same; without that label the names stay apart."""
    a = extraction(
        "d1",
        [],
        speakers={"Tatiana": "Tatiana Gabruseva"},
        turns=[(0, "Alexey", 1.0), (1, "Tatiana", 9.0)],
    )
    b = extraction(
        "d2",
        [],
        speakers={"Tatiana": "Tatiana Habruseva"},
        turns=[(0, "Alexey", 1.0), (1, "Tatiana", 9.0)],
    )
    people = by_label(resolve([a, b]), "person")
    tatianas = [p for p in people.values() if p.label.startswith("Tatiana")]
    assert len(tatianas) == 1
    assert {m.document for m in tatianas[0].mentions} == {"d1", "d2"}
    c = extraction("d3", [("person", "Tatiana Habruseva", "Tatiana Habruseva", 0, "ner")])
    d = extraction("d4", [("person", "Tatiana Gabruseva", "Tatiana Gabruseva", 0, "ner")])
    people = by_label(resolve([c, d]), "person")
    assert {"Tatiana Habruseva", "Tatiana Gabruseva"} <= set(people)


def test_resolve_never_merges_different_people_sharing_a_first_name() -> None:
    a = extraction(
        "d1",
        [("person", "Lara Hogan", "Lara Hogan", 0, "ner"), ("person", "Harry", "Harry", 1, "ner")],
    )
    b = extraction(
        "d2",
        [("person", "Lara Croft", "Lara Croft", 0, "ner"), ("person", "Harry", "Harry", 1, "ner")],
    )
    kb = resolve([a, b])
    people = by_label(kb, "person")
    assert "Lara Hogan" in people and "Lara Croft" in people
    harrys = [p for p in people.values() if p.label.startswith("Harry")]
    assert len(harrys) == 2  # a lone first name in two documents is not one person
    assert len({p.id for p in harrys}) == 2


def test_resolve_same_host_label_across_documents_is_one_person() -> None:
    a = extraction("d1", [], turns=[(0, "Alexey", 1.0)])
    b = extraction("d2", [], turns=[(0, "Alexey", 1.0)])
    people = by_label(resolve([a, b]), "person")
    assert {m.document for m in people["Alexey"].mentions} == {"d1", "d2"}


def test_resolve_organizations_by_alias_and_normalisation() -> None:
    ex = extraction(
        "d1",
        [
            ("organization", "Facebook", "Meta", 0, "gazetteer"),
            ("organization", "Meta", "Meta", 1, "gazetteer"),
            ("organization", "Alibaba Russia", "Alibaba Russia", 1, "ner"),
            ("organization", "Alibaba", "Alibaba", 1, "gazetteer"),
            ("person", "Quillo", "Quillo", 1, "ner"),
            ("organization", "Quillo.ai", "Quillo.ai", 0, "ner"),
        ],
    )
    orgs = by_label(resolve([ex]), "organization")
    assert set(orgs["Meta"].aliases) == {"Facebook", "Meta"}
    assert "Alibaba Russia" in orgs["Alibaba"].aliases
    assert "Quillo" in orgs["Quillo.ai"].aliases
    assert "Quillo" not in by_label(resolve([ex]), "person")


def test_resolve_concepts_merge_plurals_and_votes_one_type() -> None:
    ex = extraction(
        "d1",
        [
            ("concept", "design docs", "design doc", 0, "gazetteer"),
            ("concept", "design doc", "design doc", 1, "gazetteer"),
            ("organization", "Kaggle", "Kaggle", 0, "gazetteer"),
            ("person", "Kaggle", "Kaggle", 1, "ner"),
        ],
    )
    kb = resolve([ex])
    assert set(by_label(kb, "concept")["design doc"].aliases) == {"design doc", "design docs"}
    assert "Kaggle" in by_label(kb, "organization")
    assert "Kaggle" not in by_label(kb, "person")


def test_resolve_claims_point_to_entity_ids_with_evidence() -> None:
    claim = ClaimMention(
        Ref("person", "Guest", "Guest", speaker=True),
        "works_at",
        Ref("organization", "Facebook", "Meta"),
        1,
        "I work at Facebook.",
    )
    ex = extraction(
        "d1",
        [("organization", "Facebook", "Meta", 1, "gazetteer")],
        speakers={"Guest": "Ana Diaz"},
        claims=[claim],
    )
    kb = resolve([ex])
    (c,) = kb.claims
    assert (c.subject, c.predicate, c.object) == (
        "person:ana-diaz",
        "works_at",
        "organization:meta",
    )
    assert c.evidence.quote == "I work at Facebook." and c.evidence.speaker == "Ana Diaz"
    assert c.evidence.time == 5.0 and not c.negated


def test_resolve_is_deterministic_and_order_independent() -> None:
    a = extraction("d1", [("concept", "mock interviews", "mock interview", 0, "gazetteer")])
    b = extraction("d2", [("concept", "mock interview", "mock interview", 1, "gazetteer")])
    assert resolve([a, b]) == resolve([b, a])


def test_resolve_short_form_of_a_speaker_label() -> None:
    ex = extraction(
        "d1",
        [("person", "Alex", "Alex", 1, "ner")],
        turns=[(0, "Alexey", 1.0), (1, "Valerii", 5.0)],
    )
    people = by_label(resolve([ex]), "person")
    assert "Alex" not in people
    assert "Alex" in people["Alexey"].aliases


def test_resolve_speaker_label_joins_its_full_name_from_another_document() -> None:
    a = extraction("d1", [], speakers={"Alexey": "Alexey Grigorev"}, turns=[(0, "Alexey", 1.0)])
    b = extraction("d2", [], turns=[(0, "Alexey", 1.0)])
    people = by_label(resolve([a, b]), "person")
    assert "Alexey" not in people
    assert {m.document for m in people["Alexey Grigorev"].mentions} == {"d1", "d2"}


def test_resolve_generic_speaker_label_is_not_a_person() -> None:
    ex = extraction("g1", [("person", "Maya Chen", "Maya Chen", 1, "ner")])
    ex.document.generic_speakers = ["Host"]
    people = by_label(resolve([ex]), "person")
    assert "Host" not in people
    assert "Guest" in people  # a label the reader did not mark as generic stays a speaker


def test_resolve_first_name_variants_of_a_rare_surname_merge_across_documents() -> None:
    a = extraction("d1", [("person", "Annika Vollrath", "Annika Vollrath", 0, "ner")])
    b = extraction("d2", [("person", "Annik Vollrath", "Annik Vollrath", 0, "ner")])
    people = by_label(resolve([a, b]), "person")
    assert len([p for p in people if p.endswith("Vollrath")]) == 1


def test_resolve_first_name_variants_of_a_common_surname_stay_apart() -> None:
    docs = [
        extraction(f"d{i}", [("person", name, name, 0, "ner")])
        for i, name in enumerate(["Dan Kowal", "Daniel Kowal", "Maria Kowal"])
    ]
    people = by_label(resolve(docs), "person")
    assert {"Dan Kowal", "Daniel Kowal"} <= set(people)


def test_resolve_aliases_have_no_trailing_punctuation() -> None:
    ex = extraction(
        "d1",
        [("person", "Ruth Okafor", "Ruth Okafor", 0, "ner"), ("person", "Ruth.", "Ruth", 1, "ner")],
    )
    aliases = by_label(resolve([ex]), "person")["Ruth Okafor"].aliases
    assert "Ruth." not in aliases and "Ruth" in aliases


def test_resolve_rare_misheard_concept_maps_to_the_known_one() -> None:
    ex = extraction(
        "d1",
        [
            ("concept", "lost function", "lost function", 0, "discovered"),
            ("concept", "cost function", "cost function", 1, "discovered"),
        ],
    )
    concepts = by_label(resolve([ex]), "concept")
    assert "lost function" not in concepts and "lost function" in concepts["loss function"].aliases
    assert "cost function" in concepts  # two letters away: another idea


def test_resolve_forms_that_differ_in_spaces_or_dots_are_one_thing() -> None:
    a = extraction(
        "d1",
        [
            ("concept", "bootcamp", "bootcamp", 0, "discovered"),
            ("concept", "bootcamp", "bootcamp", 1, "discovered"),
            ("organization", "DataRobot", "DataRobot", 1, "ner"),
        ],
    )
    b = extraction(
        "d2",
        [
            ("concept", "boot camp", "boot camp", 0, "discovered"),
            ("organization", "Data Robot", "Data Robot", 1, "ner"),
            ("concept", "camp", "camp", 1, "discovered"),
        ],
    )
    kb = resolve([a, b])
    concepts, orgs = by_label(kb, "concept"), by_label(kb, "organization")
    assert set(concepts) == {"bootcamp", "camp"}
    assert {"boot camp", "bootcamp"} <= set(concepts["bootcamp"].aliases)
    assert {m.document for m in concepts["bootcamp"].mentions} == {"d1", "d2"}
    (org,) = orgs.values()
    assert {m.document for m in org.mentions} == {"d1", "d2"}


def test_resolve_a_rare_organization_one_letter_off_a_frequent_one_is_that_one() -> None:
    often = [("organization", "DataTalks.Club", "DataTalks.Club", t, "ner") for t in range(12)]
    rare = [
        ("organization", "DataTalk.Club", "DataTalk.Club", 0, "ner"),
        ("organization", "Micron", "Micron", 1, "ner"),  # short names are left alone
    ]
    short = [("organization", "Micro", "Micro", t, "ner") for t in range(12)]
    kb = resolve([extraction("d1", often + short), extraction("d2", rare)])
    orgs = by_label(kb, "organization")
    assert "DataTalk.Club" not in orgs
    assert {m.document for m in orgs["DataTalks.Club"].mentions} == {"d1", "d2"}
    assert {"Micro", "Micron"} <= set(orgs)


def test_resolve_a_first_name_label_is_the_archive_s_recurring_speaker() -> None:
    """The host labelled "Lenny" in some episodes and "Lenny Rachitsky" in others is one
    person, and so is a "Lenny" the guests mention where he does not speak."""
    full = [
        extraction(f"f{n}", [], turns=[(0, "Lenny Rachitsky", 1.0), (1, "Guest", 5.0)])
        for n in range(2)
    ]
    bare = [extraction(f"b{n}", [], turns=[(0, "Lenny", 1.0), (1, "Guest", 5.0)]) for n in range(3)]
    mentioned = extraction("m", [("person", "Lenny", "Lenny", 1, "ner")])
    people = by_label(resolve([*full, *bare, mentioned]), "person")
    lennys = [label for label in people if label.startswith("Lenny")]
    assert lennys == ["Lenny Rachitsky"]
    assert {m.document for m in people["Lenny Rachitsky"].mentions} == {
        "f0", "f1", "b0", "b1", "b2", "m"
    }  # fmt: skip


def test_resolve_a_one_episode_speaker_does_not_take_a_first_name_elsewhere() -> None:
    a = extraction("a", [], turns=[(0, "Chris Smith", 1.0), (1, "Guest", 5.0)])
    b = extraction("b", [], turns=[(0, "Chris", 1.0), (1, "Guest", 5.0)])
    people = by_label(resolve([a, b]), "person")
    assert {"Chris Smith", "Chris"} <= set(people)


def test_resolve_never_names_a_person_after_a_file() -> None:
    a = extraction("ep-017", [("person", "Harry", "Harry", 1, "ner")])
    b = extraction("ep-018", [("person", "Harry", "Harry", 1, "ner")])
    b.document.title = "How to hire your first engineers when nobody knows your company"
    c = extraction("ep-019", [], turns=[(0, "Harry", 1.0), (1, "Guest", 5.0)])
    people = by_label(resolve([a, b, c]), "person")
    harrys = sorted(label for label in people if label.startswith("Harry"))
    # the one who speaks keeps the name; the others are told apart by title or number
    assert harrys == ["Harry", "Harry (2)", "Harry (How to hire your first engineers when…)"]
    assert {m.document for m in people["Harry"].mentions} == {"ep-019"}


def test_resolve_a_role_label_is_no_speaker_of_evidence() -> None:
    ex = extraction(
        "d1",
        [("person", "Nora Lind", "Nora Lind", 1, "ner")],
        turns=[(0, "Interviewer", 1.0), (1, "Nora Lind", 5.0)],
    )
    ex.document.generic_speakers = ["Interviewer"]
    kb = resolve([ex])
    speakers = {(m.turn, m.speaker) for e in kb.entities for m in e.mentions}
    assert (1, "Nora Lind") in speakers and not any(s == "Interviewer" for _, s in speakers)


def test_resolve_a_speakers_name_spelt_another_way_in_the_text_is_the_speaker() -> None:
    """Within one document: the surname a little off and the first name in another form
    ("Marek Wisniewski" said as "Mark Wiśniewsky"), a lone misspelt first name, and a rarer
    spelling of a frequent full name are the one person; a namesake's first name is not."""
    turns = [(0, "Host", 1.0), (1, "Marek Wisniewski", 5.0), (2, "Host", 9.0)]
    ex = extraction(
        "d1",
        [
            ("person", "Mark Wisniewsky", "Mark Wisniewsky", 0, "ner"),
            ("person", "Mareck", "Mareck", 2, "ner"),
            ("person", "Dana Okoro", "Dana Okoro", 0, "ner"),
            ("person", "Dana Okoro", "Dana Okoro", 1, "ner"),
            ("person", "Dana Okor", "Dana Okor", 2, "ner"),
            ("person", "Paul Wisniewski", "Paul Wisniewski", 2, "ner"),
        ],
        turns=turns,
    )
    people = by_label(resolve([ex]), "person")
    assert {"Mark Wisniewsky", "Mareck"} <= set(people["Marek Wisniewski"].aliases)
    assert "Dana Okor" in people["Dana Okoro"].aliases
    assert {"Host", "Marek Wisniewski", "Dana Okoro", "Paul Wisniewski"} == set(people)


def test_resolve_a_bare_speaker_label_prefers_metadata_then_the_archive_to_the_text() -> None:
    """A bare first-name label is the document's host or guest of that first name, else the
    archive's recurring full-name speaker of it; a name guessed from the text only when
    nothing better is known, and never a suspect one (said once, cut, glued)."""
    full = [
        extraction(f"f{n}", [], turns=[(0, "Rafa Okonkwo", 1.0), (1, "Guest", 5.0)])
        for n in range(2)
    ]
    turns = [(0, "Rafa", 1.0), (1, "Guest", 5.0)]
    guessed = [
        ("once", "Rafa Meetups", [("person", "Rafa Meetups", "Rafa Meetups", 1, "ner")]),
        ("cut", "Rafa Letter-", [("person", "Rafa Letter-", "Rafa Letter-", 1, "ner")] * 2),
        ("glued", "Rafa Rafaised", [("person", "Rafa Rafaised", "Rafa Rafaised", 1, "ner")] * 2),
    ]
    docs = [
        extraction(doc, mentions, speakers={"Rafa": guess}, turns=turns, derived=True)
        for doc, guess, mentions in guessed
    ]
    people = by_label(resolve([*full, *docs]), "person")
    assert {m.document for m in people["Rafa Okonkwo"].mentions} >= {"once", "cut", "glued"}
    for _, guess, _ in guessed:  # the text's names stay what they are, never the speaker
        assert guess not in people or people[guess].mentions[0].turn == 1

    # the document's metadata outranks the archive
    meta = extraction("meta", [], turns=turns)
    meta.document.hosts = ["Rafa Lindqvist"]
    people = by_label(resolve([*full, meta]), "person")
    assert {m.document for m in people["Rafa Lindqvist"].mentions} == {"meta"}

    # no metadata, no archive: a full name the text says twice is the speaker; once is not
    twice = [("person", "Rafa Meetups", "Rafa Meetups", 1, "ner")] * 2
    sure = extraction("sure", twice, speakers={"Rafa": "Rafa Meetups"}, turns=turns, derived=True)
    people = by_label(resolve([sure]), "person")
    assert "Rafa" not in people and 0 in {m.turn for m in people["Rafa Meetups"].mentions}
    once = extraction("o", twice[:1], speakers={"Rafa": "Rafa Meetups"}, turns=turns, derived=True)
    people = by_label(resolve([once]), "person")
    assert [m.turn for m in people["Rafa"].mentions] == [0]


def test_resolve_a_first_name_told_apart_by_its_episode_not_a_title() -> None:
    a = extraction("ep1", [], turns=[(0, "Daniel", 1.0), (1, "Guest", 5.0)])
    b = extraction("ep2", [("person", "Daniel", "Daniel", 1, "ner")], guests=["Tobi Lütke"])
    b.document.title = "Tobi Lütke's leadership playbook: first principles and more"
    people = by_label(resolve([a, b]), "person")
    assert {m.document for m in people["Daniel"].mentions} == {"ep1"}
    other = people["Daniel (Tobi Lütke episode)"]
    assert other.id == "person:daniel-tobi-lutke-episode"
    assert {m.document for m in other.mentions} == {"ep2"}


def test_resolve_a_name_keeps_its_accents_and_the_speaker_of_claims_is_its_label() -> None:
    """The metadata's "Tobi Lutke" and the spoken "Tobi Lütke" are one node named as
    written, and the claims he makes name that node."""
    claim = ClaimMention(
        Ref("person", "Tobi Lütke", "Tobi Lütke", speaker=True),
        "founded",
        Ref("organization", "Shopify", "Shopify"),
        1,
        "I founded Shopify.",
    )
    ex = extraction(
        "tl",
        [
            ("organization", "Shopify", "Shopify", 1, "gazetteer"),
            ("person", "Tobi Lutke", "Tobi Lutke", 0, "ner"),
        ],
        turns=[(0, "Host", 1.0), (1, "Tobi Lütke", 5.0)],
        guests=["Tobi Lutke"],
        claims=[claim],
    )
    kb = resolve([ex])
    tobi = [e for e in kb.entities if e.id == "person:tobi-lutke"]
    assert [e.label for e in tobi] == ["Tobi Lütke"]
    (c,) = kb.claims
    assert c.subject == "person:tobi-lutke" and c.evidence.speaker == "Tobi Lütke"


def test_resolve_an_unnamed_label_that_introduces_the_guest_is_the_host() -> None:
    claim = ClaimMention(
        Ref("person", "Tom", "Tom"), "worked_at", Ref("organization", "Apple", "Apple"), 1, "x"
    )
    turns = [
        (0, "Tom Conrad", 1.0, "Founders are overrated."),
        (1, "Speaker 1", 5.0, "Today, my guest is Tom Conrad."),
        (2, "Lenny", 9.0, "Welcome, Tom."),
        (3, "Speaker 2", 12.0, "Tom Conrad worked at Apple."),
    ]
    ex = extraction(
        "tc",
        [("organization", "Apple", "Apple", 1, "gazetteer")],
        turns=turns,
        guests=["Tom Conrad"],
        claims=[claim, replace(claim, turn=3)],
    )
    ex.document.generic_speakers = ["Speaker 1", "Speaker 2"]
    hosts = [extraction(f"h{n}", [], turns=[(0, "Lenny Rachitsky", 1.0)]) for n in range(2)]
    kb = resolve([ex, *hosts])
    people = by_label(kb, "person")
    assert {c.evidence.turn: c.evidence.speaker for c in kb.claims} == {
        1: "Lenny Rachitsky",  # the label that introduces the guest is the host
        3: None,  # a label that does not stays unnamed
    }
    assert "Speaker 1" not in people and "Speaker 2" not in people
    assert 1 in {m.turn for m in people["Lenny Rachitsky"].mentions if m.document == "tc"}


def test_resolve_a_recurring_noun_phrase_never_outvotes_a_name_the_ner_typed() -> None:
    # "zendrax" recurs as a discovered noun phrase (lower case in a transcript), and the
    # NER names it once as an organization: the name keeps its type
    ex = extraction(
        "d1",
        [
            ("concept", "zendrax", "zendrax", 0, "discovered"),
            ("concept", "zendrax", "zendrax", 1, "discovered"),
            ("organization", "Zendrax", "Zendrax", 1, "ner"),
            ("concept", "quorum sensing", "quorum sensing", 0, "discovered"),
        ],
    )
    kb = resolve([ex])
    assert "Zendrax" in by_label(kb, "organization")
    assert "zendrax" not in by_label(kb, "concept")
    assert "quorum sensing" in by_label(kb, "concept")  # alone, a discovered phrase counts


def test_resolve_a_title_s_vote_never_makes_a_lower_case_word_a_book() -> None:
    a = extraction("d1", [("book", "Principles", "Principles", 0, "book")])
    b = extraction(
        "d2",
        [
            ("concept", "principles", "principles", 0, "discovered"),
            ("concept", "Principles", "Principles", 1, "ner"),
        ],
    )
    kb = resolve([a, b])
    book = by_label(kb, "book")["Principles"]
    assert {(ev.document, ev.turn) for ev in book.mentions} == {("d1", 0), ("d2", 1)}
    assert "principle" in {label.lower() for label in by_label(kb, "concept")}


def test_resolve_a_word_mostly_written_in_lower_case_keeps_its_own_type() -> None:
    # "flurbs" is said in lower case in many turns and capitalised once, where a rule
    # reads it as an organization ("I worked at Flurbs"): the lower-case mentions stay a
    # concept
    mentions = [("concept", "flurbs", "flurb", t, "discovered") for t in range(6)]
    ex = extraction("d1", [*mentions, ("organization", "Flurbs", "Flurbs", 7, "grammar")])
    kb = resolve([ex])
    assert len(by_label(kb, "concept")["flurb"].mentions) == 6
    assert len(by_label(kb, "organization")["Flurbs"].mentions) == 1


def test_resolve_a_common_word_the_ner_called_an_organization_is_none() -> None:
    lower = [("concept", "gumption", "gumption", t, "discovered") for t in range(5)]
    ex = extraction(
        "d1",
        [
            *lower,
            ("organization", "Gumption", "Gumption", 6, "ner"),
            ("organization", "Zendrax", "Zendrax", 6, "ner"),
        ],
    )
    orgs = by_label(resolve([ex]), "organization")
    assert "Gumption" not in orgs
    assert "Zendrax" in orgs  # a name never written in lower case stays
