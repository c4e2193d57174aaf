"""The Extractor contract: fingerprint, JSON round trip, determinism, batching, errors."""

from __future__ import annotations

import json

import pytest

from kgraph.errors import ModelError
from kgraph.extract import EXTRACTION_VERSION, DocumentExtraction, Extractor
from kgraph.extract.topics import heading_topics
from kgraph.model import Document, Turn


def make_doc(doc_id: str = "ep1") -> Document:
    texts = [
        (
            "Sam",
            10.0,
            "We have a special guest today, Priya. Priya works as a staff AI "
            "engineer at LinkedIn. Before that, she worked as a research fellow.",
        ),
        (
            "Priya",
            42.5,
            "Thank you. Mock interviews helped me the most, and you should write "
            "design docs. I never worked as a software engineer.",
        ),
        ("Sam", 60.0, "Which book would you recommend?"),
        ("Priya", 75.0, "I recommend the \u201cManager's Path\u201d on that."),
    ]
    turns = [Turn(doc_id, i, s, t, None, x) for i, (s, t, x) in enumerate(texts)]
    return Document(
        doc_id,
        "Staff AI Engineer",
        "frontmatter",
        f"{doc_id}.md",
        turns,
        guests=["Priya Raman"],
        speakers={"Priya": "Priya Raman"},
        url="https://youtu.be/abc",
    )


def test_extractor_missing_model_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="not installed"):
        Extractor(model="xx_no_such_pipeline_sm")


def test_extractor_fingerprint_names_model_patterns_and_version(tmp_path) -> None:
    ex = Extractor()
    assert ex.model in ex.fingerprint and EXTRACTION_VERSION in ex.fingerprint
    user = tmp_path / "p.yaml"
    user.write_text("concept:\n  frobnication: []\n", encoding="utf-8")
    assert Extractor(patterns=user).fingerprint != ex.fingerprint
    assert ex._nlp is None  # the model loads lazily


@pytest.mark.slow
def test_extractor_finds_mentions_and_claims(extractor) -> None:
    result = extractor.extract(make_doc())
    keys = {(m.type, m.key) for m in result.mentions}
    assert {
        ("person", "Priya"),
        ("organization", "LinkedIn"),
        ("role", "staff AI engineer"),
        ("concept", "mock interview"),
        ("concept", "design doc"),
        ("book", "The Manager's Path"),
    } <= keys
    claims = {(c.subject.text, c.predicate, c.object.key, c.negated) for c in result.claims}
    assert ("Sam", "interviews", "Priya", False) in claims
    assert ("Priya", "works_at", "LinkedIn", False) in claims
    assert ("Priya", "worked_as", "software engineer", True) in claims
    assert ("Priya", "recommends", "The Manager's Path", False) in claims
    assert result.speakers["Priya"] == "Priya Raman"


@pytest.mark.slow
def test_extractor_is_deterministic_and_round_trips(extractor) -> None:
    one = extractor.extract(make_doc()).to_dict()
    many = [e.to_dict() for e in extractor.extract_many([make_doc("a"), make_doc(), make_doc("b")])]
    assert many[1] == one
    assert extractor.extract(make_doc()).to_dict() == one
    text = json.dumps(one)
    assert DocumentExtraction.from_dict(json.loads(text)).to_dict() == one


@pytest.mark.slow
def test_extractor_handles_empty_documents_in_a_batch(extractor) -> None:
    empty = Document("empty", "Empty", "article", "e.md", [])
    out = list(extractor.extract_many([empty, make_doc()]))
    assert [e.document.id for e in out] == ["empty", "ep1"]
    assert out[0].mentions == [] and out[1].mentions


@pytest.mark.slow
def test_extractor_headings_metadata_people_and_common_words(extractor) -> None:
    turns = [
        Turn("art", 0, None, None, "Hiring", "Sourcing matters. We use referrals a lot."),
        Turn("art", 1, None, None, "Hiring", "Ask the Calendar team. Put it in your calendar."),
        Turn("art", 2, "Host", 5.0, "Q&A", "There is a question from Vijay about design docs."),
    ]
    doc = Document("art", "Notes", "article", "art.md", turns)
    result = extractor.extract(doc)
    keys = {(m.type, m.key, m.turn) for m in result.mentions}
    # a heading names the topic of every turn under it
    assert ("concept", "hiring", 0) in keys and ("concept", "hiring", 1) in keys
    assert ("person", "Vijay", 2) in keys  # an audience member asking a question
    assert not [m for m in result.mentions if m.text == "Calendar"]  # also written in lower case
    # a transcript's section title (an editor's summary) names it once, at its first turn
    episode = extractor.extract(Document("ep", "Notes", "frontmatter", "ep.md", turns))
    said = {m.turn for m in episode.mentions if m.key == "hiring" and m.sentence == "Hiring"}
    assert said == {0}


def test_heading_topics_reads_noun_phrases_from_title_case_words() -> None:
    import spacy
    from spacy.tokens import Span

    from kgraph.extract.patterns import Gazetteer

    nlp = spacy.blank("en")
    gazetteer = Gazetteer(
        stopwords={"effort", "tip", "background", "question", "remark"},
        generic_modifiers={"new", "practical", "tough"},
        topic_wrappers={"effort", "tip"},
    )

    def topics(text: str, ents: tuple[tuple[int, int], ...] = ()) -> list[tuple[str, str]]:
        doc = nlp(text)
        known = [Span(doc, start, end, label="CONCEPT") for start, end in ents]
        return heading_topics(doc, known, gazetteer)

    # a trailing topic wrapper goes, the rest is the topic
    assert topics("Release Pipeline Efforts") == [("Release Pipeline", "release pipeline")]
    # function words and punctuation split runs; leading generic modifiers go
    assert topics("Practical Load Testing: New Query Planners and Why") == [
        ("Load Testing", "load testing"),
        ("Query Planners", "query planner"),
    ]
    # entities the heading rule took already are not read again
    assert topics("Kafka Consumer Groups", ents=((0, 1),)) == [
        ("Consumer Groups", "consumer group")
    ]
    # a generic head or a modifier at the end: no topic; single words are no topics
    assert topics("Handling Tough Questions") == [] and topics("Closing Remarks") == []
    assert topics("Staying Tough") == []
    assert topics("Career Tips") == [] and topics("Guest Background") == []
    # half of a hyphenated compound is not a phrase of its own
    assert topics("Self-Service Data Catalogs") == []
    assert topics("Graph Database Query Planner Internals") == []  # five words: a title


@pytest.mark.slow
def test_extractor_heading_phrase_is_a_topic_of_its_section(extractor) -> None:
    turns = [
        Turn("h", 0, None, None, "Release Pipeline Efforts", "We ship every Friday afternoon."),
        Turn("h", 1, None, None, "Release Pipeline Efforts", "Nobody waits for approvals."),
        Turn("h", 2, None, None, "Closing", "That is all for today."),
    ]
    result = extractor.extract(Document("h", "Notes", "article", "h.md", turns))
    turns_of = {m.turn for m in result.mentions if m.key == "release pipeline"}
    assert turns_of == {0, 1}
    # a transcript's section titles summarise what was said: known terms only
    episode = Document("e", "Episode", "frontmatter", "e.md", turns)
    assert not [m for m in extractor.extract(episode).mentions if m.key == "release pipeline"]


@pytest.mark.slow
def test_extractor_selective_ner_matches_full_ner_on_names() -> None:
    from kgraph.extract.nlp import load_pipeline

    text = (
        "I joined Stripe after two years at a small startup. Then Maria Lopez hired me. "
        "we talked about it for a while and it was fine. She works at Shopify now."
    )
    full = load_pipeline(selective_ner=False)(text)
    fast = load_pipeline()(text)
    names = {(e.text, e.label_) for e in full.ents if e.label_ in ("PERSON", "ORG")}
    assert names == {(e.text, e.label_) for e in fast.ents if e.label_ in ("PERSON", "ORG")}
    assert ("Maria Lopez", "PERSON") in names


@pytest.mark.slow
def test_extractor_keeps_dotted_names_in_one_sentence(nlp) -> None:
    doc = nlp("I worked at Yandex.Market and later at DataTalks.Club with friends.")
    assert len(list(doc.sents)) == 1
    assert {("Yandex.Market", "ORG"), ("DataTalks.Club", "ORG")} <= {
        (e.text, e.label_) for e in doc.ents
    }


@pytest.mark.slow
def test_extractor_known_author_of_a_cited_book(extractor) -> None:
    turns = [
        Turn("b", 0, "Ana", 1.0, None, "I keep rereading Designing Data-Intensive Applications."),
        Turn("b", 1, "Ana", 9.0, None, "Martin Kleppmann explains replication so well."),
    ]
    result = extractor.extract(Document("b", "Books", "frontmatter", "b.md", turns))
    wrote = {(c.subject.key, c.object.key) for c in result.claims if c.predicate == "wrote"}
    assert wrote == {("Martin Kleppmann", "Designing Data-Intensive Applications")}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last year I interned at Quorvex, then left.", ("Quorvex", "ORG")),
        ("I joined a small startup called blipIQ in Lisbon.", ("blipIQ", "ORG")),
        ("We sold the idea to Plantora.ai quickly.", ("Plantora.ai", "ORG")),
        ("Our market suffers from the Lindy effect in some ways.", ("Lindy effect", "CONCEPT")),
        ("I met Dr. Ruth Okafor there.", ("Ruth Okafor", "PERSON")),
        # a brand's shape: a capital inside the word, letters with digits
        ("It is a drop-in replacement for Zephlo0 and it is free.", ("Zephlo0", "ORG")),
        ("This episode is brought to you by VexaPort. You need it.", ("VexaPort", "ORG")),
        # a given name before a known organization's one word is a full name
        ("It was like the Tom Cruise character in that movie.", ("Tom Cruise", "PERSON")),
        # a full name owns the title after its possessive
        ("A classic is Ed Catmull's Creativity Inc, and it is great.", ("Ed Catmull", "PERSON")),
    ],
)
def test_extractor_names_by_context(nlp, text: str, expected: tuple[str, str]) -> None:
    """Organizations, people and eponymous ideas no gazetteer lists, found by rule."""
    assert expected in {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "I talked to Tom McCabe about it.",  # a surname's prefix, after a given name
        "Two PhDs joined us in Q1 of the 80s.",  # plurals of codes, quarters, decades
        "Our QuorbSync runs nightly; the quorbsync job is slow.",  # also written in lower case
    ],
)
def test_extractor_brand_shape_needs_more_than_a_capital_inside(nlp, text: str) -> None:
    assert not [e for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.slow
def test_extractor_known_concept_modifies_a_discovered_phrase(nlp) -> None:
    doc = nlp("Then we wrote a machine learning review template.")
    assert "machine learning review template" in {s.kb_id_ for s in doc.spans["kgraph_concepts"]}


@pytest.mark.slow
def test_extractor_discovered_phrase_starts_at_a_word(nlp) -> None:
    """Neither half of a hyphenated word nor a discourse idiom makes a concept."""
    doc = nlp("She became a full-time employee of the data platform team, for instance.")
    keys = {s.kb_id_ for s in doc.spans["kgraph_concepts"]}
    assert "employee" in keys  # what follows the hyphenated word
    assert not {"time employee", "full-time employee", "instance"} & keys


def test_singular_keeps_fields_named_in_ics() -> None:
    from kgraph.extract.normalize import singular

    assert [singular(w) for w in ("bioinformatics", "linguistics", "topics", "docs")] == [
        "bioinformatics",
        "linguistics",
        "topic",
        "doc",
    ]


def test_gazetteer_terms_include_unhyphenated_variants() -> None:
    from kgraph.extract.patterns import load_gazetteer

    texts = {t.text for t in load_gazetteer().terms()}
    assert {"work-life balance", "work life balance", "full stack engineer"} <= texts


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Last spring she wrote a book about feature engineering.", "Feature Engineering"),
        ("Everyone should buy the reinforcement learning book first.", "Reinforcement Learning"),
    ],
)
def test_extractor_book_named_by_its_topic(nlp, text: str, title: str) -> None:
    assert (title, "BOOK") in {(e.kb_id_, e.label_) for e in nlp(text).ents}
    assert not [e for e in nlp("I like a good Python book.").ents if e.label_ == "BOOK"]


@pytest.mark.slow
def test_extractor_practice_said_as_a_verb_phrase(nlp) -> None:
    doc = nlp("Please keep track of your experiments, and we monitor the models too.")
    keys = {s.kb_id_ for s in doc.spans["kgraph_concepts"]}
    assert {"experiment tracking", "model monitoring"} <= keys


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("I transitioned from analytics to data science.", True),
        ("My transition into management was hard.", True),
        ("The transition from ETL developer to data engineer took a year.", True),
        ("The transition to production is painful.", False),  # a system moves
    ],
)
def test_extractor_a_persons_move_is_a_career_transition(nlp, text: str, moved: bool) -> None:
    doc = nlp(text)
    keys = {s.kb_id_ for s in doc.spans["kgraph_concepts"]}
    assert ("career transition" in keys) == moved


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "prepared"),
    [
        ("How did you prepare for your data science interviews?", True),
        ("I prepared for the interview for two months.", True),
        ("Prepare for the worst.", False),
    ],
)
def test_extractor_preparing_for_interviews_is_interview_preparation(nlp, text, prepared) -> None:
    doc = nlp(text)
    keys = {s.kb_id_ for s in doc.spans["kgraph_concepts"]}
    assert ("interview preparation" in keys) == prepared


@pytest.mark.slow
def test_extractor_generic_speaker_is_no_claim_subject(extractor) -> None:
    turns = [
        Turn("gen", 0, "Host", 0.0, None, "I work at Stripe as a staff engineer."),
        Turn("gen", 1, "Maya", 9.0, None, "I work at Google as a tech lead."),
    ]
    doc = Document("gen", "t", "timestamped", "gen.txt", turns=turns, generic_speakers=["Host"])
    ex = extractor.extract(doc)
    subjects = {c.subject.text for c in ex.claims}
    assert "Host" not in subjects and "Host" not in ex.speakers
    assert "Maya" in subjects  # a named speaker's first person still makes claims


@pytest.mark.slow
def test_extractor_article_lines_are_sentences(extractor) -> None:
    text = (
        "Good habits for a data team:\nWrite design docs\nKeep track of experiments\n"
        "Run code review for every change"
    )
    doc = Document("art", "Habits", "article", "art.md", [Turn("art", 0, None, None, None, text)])
    doc.author = "Kim Osei"
    result = extractor.extract(doc)
    sentences = {m.sentence for m in result.mentions} | {c.sentence for c in result.claims}
    assert sentences and all("\n" not in s for s in sentences)


@pytest.mark.slow
def test_extractor_speaker_label_never_takes_the_surname_of_a_short_form(extractor) -> None:
    texts = [
        ("Alexey", "Today I talk with Priya about conferences."),
        ("Priya", "I organised PyData with Alex Moreno. Alex Moreno was the program chair."),
    ]
    turns = [Turn("sf", i, s, float(i), None, x) for i, (s, x) in enumerate(texts)]
    doc = Document("sf", "Conferences", "frontmatter", "sf.md", turns, guests=["Priya Raman"])
    result = extractor.extract(doc)
    assert result.speakers.get("Alexey") != "Alexey Moreno"


@pytest.mark.slow
def test_extractor_things_named_like_people_are_no_people(extractor) -> None:
    texts = [
        ("Sam", "My thesis used data from the Large Hadron Collider in Geneva."),
        ("Priya", "The collider produces petabytes of events every year."),
        ("Sam", "Priya Raman, you then joined Spotify."),
    ]
    turns = [Turn("lc", i, s, float(i), None, x) for i, (s, x) in enumerate(texts)]
    doc = Document("lc", "Physics", "frontmatter", "lc.md", turns, guests=["Priya Raman"])
    people = {m.text for m in extractor.extract(doc).mentions if m.type == "person"}
    assert not {p for p in people if "Collider" in p}
    assert "Priya Raman" in people


@pytest.mark.slow
def test_extractor_a_name_listed_with_known_things_is_one_of_them(extractor) -> None:
    texts = [
        ("Sam", "You have an ELT tool, like Fivetran, Stitch, Xplenty, etc."),
        ("Priya", "Lena and Omar talked about Kubernetes and Docker."),
        ("Sam", "Two folks also run things at DataTalks.Club \u2013 Francis and Valeria."),
    ]
    turns = [Turn("tools", i, s, float(i), None, x) for i, (s, x) in enumerate(texts)]
    doc = Document("tools", "Tools", "frontmatter", "tools.md", turns)
    types = {(m.text, m.type) for m in extractor.extract(doc).mentions}
    assert ("Stitch", "organization") in types  # listed with the company Fivetran
    assert not {t for t in types if t[0] == "Stitch" and t[1] == "person"}
    assert {("Lena", "person"), ("Omar", "person")} <= types  # people listed together
    assert ("Francis", "person") in types  # a dash is no list separator


@pytest.mark.slow
def test_extractor_a_name_cut_short_is_no_organization(extractor) -> None:
    texts = [
        "She is a professor at the Department of Data Science.",
        "I worked at Procter & Gamble and at the Bank of America.",
    ]
    turns = [Turn("cut", i, "Sam", float(i), None, x) for i, x in enumerate(texts)]
    doc = Document("cut", "Cut", "frontmatter", "cut.md", turns)
    orgs = {m.text for m in extractor.extract(doc).mentions if m.type == "organization"}
    assert "Department of" not in orgs
    assert {"Procter & Gamble", "Bank of America"} <= orgs


@pytest.mark.slow
def test_extractor_a_lone_name_among_tools_or_naming_a_kind_is_no_person(extractor) -> None:
    texts = [
        "Then BI tools like Looker, Tableau, Mode, etc.",
        "A CI/CD tool like Jenkins or GitHub Actions.",
        "Don't spend months working on one of these Skunkworks projects.",
        "I talked to Santiago about it yesterday.",
    ]
    turns = [Turn("kinds", i, "Sam", float(i), None, x) for i, x in enumerate(texts)]
    doc = Document("kinds", "Kinds", "frontmatter", "kinds.md", turns)
    types = {(m.text, m.type) for m in extractor.extract(doc).mentions}
    assert ("Mode", "concept") in types  # listed with the known tools Looker and Tableau
    assert ("Jenkins", "organization") in types  # listed with GitHub (Actions)
    assert not {t for t in types if t[1] == "person" and t[0] in ("Mode", "Jenkins", "Skunkworks")}
    assert ("Santiago", "person") in types


@pytest.mark.slow
def test_extractor_a_speakers_first_name_alone_is_that_person(extractor) -> None:
    texts = [
        ("Lenny Rachitsky", "Today my guest is Shaun Clowes. Shaun is CPO at Confluent."),
        ("April Dunford", "Thanks. In April, Shaun Inc shipped it. Will you ask?"),
    ]
    turns = [Turn("fn", i, s, float(i), None, x) for i, (s, x) in enumerate(texts)]
    doc = Document("fn", "First names", "frontmatter", "fn.md", turns, guests=["Shaun Clowes"])
    result = extractor.extract(doc)
    people = {(m.text, m.turn) for m in result.mentions if m.type == "person"}
    assert ("Shaun", 0) in people
    assert not {p for p in people if p[0] in ("April", "Will")}  # a month, a verb
    found = {(c.subject.key, c.predicate, c.object.key) for c in result.claims}
    assert ("Shaun", "works_at", "Confluent") in found


def test_front_matter_prose_names_known_roles_and_organizations_once(extractor) -> None:
    turns = [
        Turn("fm", 0, "Host", 0.0, None, "Welcome to the show, everyone."),
        Turn("fm", 1, "Guest", 5.0, None, "Thanks for having me here."),
    ]
    about = ["Zorblat Quennick is the head of growth at Google and a staff data engineer."]
    doc = Document("fm", "Notes", "frontmatter", "fm.md", turns, about=about)
    found = {(m.type, m.key, m.turn) for m in extractor.extract(doc).mentions}
    assert ("role", "head of growth", 0) in found
    assert ("role", "staff data engineer", 0) in found
    assert ("organization", "Google", 0) in found
    # a name only the tagger proposes is not kept from an editor's text
    assert not [k for t, k, _ in found if "Zorblat" in k]
    bare = Document("fm", "Notes", "frontmatter", "fm.md", turns)
    assert not [m for m in extractor.extract(bare).mentions if m.key == "head of growth"]
