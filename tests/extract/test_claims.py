"""Claims from the dependency parse (needs the trained pipeline: slow)."""

from __future__ import annotations

import pytest

from kgraph.extract.claims import find_claims

pytestmark = pytest.mark.slow


def claims(nlp, text: str, speaker: str | None = "Ana", guest: str | None = None, turn: int = 9):
    found = find_claims(nlp(text), speaker, guest, turn)
    return {(c.subject.key, c.predicate, c.object.key, c.negated) for c in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I work at Google as a staff engineer.",
            {("Ana", "works_at", "Google", False), ("Ana", "works_as", "staff engineer", False)},
        ),
        (
            "Before that, I worked at Facebook as a tech lead.",
            {("Ana", "worked_at", "Meta", False), ("Ana", "worked_as", "tech lead", False)},
        ),
        ("I studied physics at Stanford.", {("Ana", "studied_at", "Stanford University", False)}),
        (
            "I never worked as a software engineer.",
            {("Ana", "worked_as", "software engineer", True)},
        ),
    ],
)
def test_claims_work_history(nlp, text: str, expected: set) -> None:
    assert expected <= claims(nlp, text)


def test_claims_third_person_in_host_turn_is_the_person_named(nlp) -> None:
    text = "Dana Smith joins us. She is currently a senior director at BP."
    found = claims(nlp, text, speaker="Host", guest="Dana Smith")
    assert ("Dana Smith", "works_at", "BP", False) in found
    assert ("Dana Smith", "works_as", "senior director", False) in found
    # with no one named, a host's "she" may be anyone the guest spoke of: no claim
    text = "She is currently a senior director at BP."
    assert not claims(nlp, text, speaker="Host", guest="Dana Smith")
    # a person set apart is not who "she" is
    text = "Other than Mark Lee, she's the longest-serving executive at BP."
    assert not claims(nlp, text, speaker="Host", guest="Dana Smith")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I now work at Stripe, and I was at Google before.",
            {("Ana", "works_at", "Stripe", False), ("Ana", "worked_at", "Google", False)},
        ),
        (
            "I was an engineer, then a founder, now whatever this job is.",
            {
                ("Ana", "worked_as", "software engineer", False),
                ("Ana", "worked_as", "founder", False),
            },
        ),
        (
            "It blows my mind even today, I joined Uber in 2015.",
            {("Ana", "worked_at", "Uber", False)},
        ),
        (
            "We cover what I learned working at Microsoft.",
            {("Ana", "worked_at", "Microsoft", False)},
        ),
        (
            "I left Google and now I'm at Stripe.",
            {("Ana", "worked_at", "Google", False), ("Ana", "works_at", "Stripe", False)},
        ),
        (
            "Today I'm the head of growth at Stripe.",
            {("Ana", "works_at", "Stripe", False), ("Ana", "works_as", "head of growth", False)},
        ),
    ],
)
def test_claims_now_speaks_of_its_own_clause(nlp, text: str, expected: set) -> None:
    assert claims(nlp, text) == expected


def test_claims_working_with_a_company_is_no_job(nlp) -> None:
    assert not claims(nlp, "We are working with Webflow on their SEO.")
    text = 'I\'ll be like, "Well, go on to Amazon and find the most popular books."'
    assert not [c for c in claims(nlp, text) if c[1] in ("works_at", "worked_at")]
    assert ("Ana", "worked_at", "Google", False) in claims(nlp, "I moved to Google in 2019.")
    assert ("Ana", "works_at", "Stripe", False) in claims(nlp, "I'm with Stripe now.")


def test_claims_host_introduction_is_an_interview(nlp) -> None:
    found = claims(nlp, "We have a special guest today, Maria Lopez.", speaker="Host", turn=0)
    assert ("Host", "interviews", "Maria Lopez", False) in found


def test_claims_founder_and_author(nlp) -> None:
    text = "Paul Graham (the person behind Y Combinator) wrote about it."
    assert ("Paul Graham", "founded", "Y Combinator", False) in claims(nlp, text)
    text = "Read the book \u201cGrit,\u201d by Angela Duckworth."
    assert ("Angela Duckworth", "wrote", "Grit", False) in claims(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I wrote a book called The Manager's Path.", ("Ana", "wrote", "The Manager's Path")),
        ("In my book, Radical Candor, I talk about this.", ("Ana", "wrote", "Radical Candor")),
        ("My new book Radical Candor is out.", ("Ana", "wrote", "Radical Candor")),
        ("Kim Scott is the author of Radical Candor.", ("Kim Scott", "wrote", "Radical Candor")),
        ("Kim Scott, author of Radical Candor, said so.", ("Kim Scott", "wrote", "Radical Candor")),
        (
            "Julie Zhuo, who wrote The Making of a Manager, said so.",
            ("Julie Zhuo", "wrote", "The Making of a Manager"),
        ),
        ("Maya, who works at Google, said no.", ("Maya", "works_at", "Google")),
    ],
)
def test_claims_authors_and_relative_clauses(nlp, text: str, expected: tuple) -> None:
    assert (*expected, False) in claims(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "I loved his book, Radical Candor.",  # someone else's book
        "I read the author of Radical Candor's blog.",
        "The company that hired me works at Google scale.",
    ],
)
def test_claims_no_author_of_others_books(nlp, text: str) -> None:
    assert not {c for c in claims(nlp, text) if c[1] in ("wrote", "works_at")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Earlier in his career at YouTube, Albert Cheng worked on streaming.",
            ("Albert Cheng", "worked_at", "YouTube"),
        ),
        (
            "Bart Smith worked as a senior product manager in the privacy area at Collibra.",
            ("Bart Smith", "worked_at", "Collibra"),
        ),
        ("My first job out of college was at Microsoft.", ("Ana", "worked_at", "Microsoft")),
        ("My career started at IBM.", ("Ana", "worked_at", "IBM")),
        ("I'm a Staff Engineer at Samsara.", ("Ana", "works_at", "Samsara")),
        ("I was a Director of Engineering at Auth0.", ("Ana", "worked_at", "Auth0")),
        ("I departed Google last year.", ("Ana", "worked_at", "Google")),
    ],
)
def test_claims_workplaces_in_bios(nlp, text: str, expected: tuple) -> None:
    assert (*expected, False) in claims(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Going back to your days at Airbnb, I'm sure it was fun.",
        "My job was to talk with Google.",
        "Her time at Google was great, Albert Cheng said.",
    ],
)
def test_claims_no_workplace_of_someone_else(nlp, text: str) -> None:
    assert not {c for c in claims(nlp, text) if c[1] in ("works_at", "worked_at")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bart Smith is the CEO and co-founder of Raito.", ("Bart Smith", "founded", "Raito")),
        ("Anna Lee founded Airtable in 2012.", ("Anna Lee", "founded", "Airtable")),
        ("I started a company called Blip in 2015.", ("Ana", "founded", "Blip")),
        # the tokenizer splits "co-founded" and the parser hangs "founded" off "co"
        ("I co-founded Quorvex in 2012 with my brother.", ("Ana", "founded", "Quorvex")),
    ],
)
def test_claims_founders_of_names_the_ner_missed(nlp, text: str, expected: tuple) -> None:
    assert (*expected, False) in claims(nlp, text)


@pytest.mark.parametrize(
    "text",
    ["I found Python hard.", "I started a project called Blip.", "She is the head of Product."],
)
def test_claims_no_founding_of_things(nlp, text: str) -> None:
    assert not {c for c in claims(nlp, text) if c[1] == "founded"}


def test_claims_advice_and_recommendations(nlp) -> None:
    assert ("Ana", "recommends", "mock interview", False) in claims(
        nlp, "I recommend mock interviews."
    )
    assert ("Ana", "advises", "design doc", False) in claims(
        nlp, "You should write a design doc before coding."
    )


def test_claims_negation_is_kept(nlp) -> None:
    found = claims(nlp, "Don't take the Grokking System Design course.")
    assert ("Ana", "advises", "Grokking the System Design Interview", True) in found


def test_claims_demonstrative_points_to_previous_sentence(nlp) -> None:
    text = (
        "There is \u201cCrucial Conversations\u201d and \u201cNever Split the Difference\u201d."
        " Check them out."
    )
    found = claims(nlp, text)
    assert ("Ana", "recommends", "Crucial Conversations", False) in found
    assert ("Ana", "recommends", "Never Split the Difference", False) in found
    found = claims(nlp, "We talked about Docker. So don't forget to check it out.")
    assert ("Ana", "recommends", "Docker", False) in found
    # a pronoun deep in another clause is no pointer: "they" are the technologies
    text = (
        "It's the same if you use Looker and not Tableau. You don't have to know all of"
        " the technologies – you have to understand how they are used."
    )
    assert not {c for c in claims(nlp, text) if c[2] in ("Looker", "Tableau")}


def test_claims_worth_mentioning_recommends_nothing(nlp) -> None:
    assert not claims(nlp, "Popular warehouses worth mentioning are Snowflake and BigQuery.")
    assert ("Ana", "recommends", "Snowflake", False) in claims(nlp, "I recommend Snowflake.")


def test_claims_colon_list_is_part_of(nlp) -> None:
    found = claims(nlp, "Sourcing: use two channels, referrals and portfolios.", speaker=None)
    assert ("referral", "part_of", "sourcing", False) in found


@pytest.mark.parametrize(
    "text",
    [
        "In five weeks I got like 200 problems in HackerRank.",
        "For example, I go to Spotify's site and read their engineering blog.",
        "That is partly why I moved to Paddington last spring.",
    ],
)
def test_claims_employment_needs_an_employment_cue(nlp, text: str) -> None:
    assert not {c for c in claims(nlp, text) if c[1] in ("works_at", "worked_at")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I started working in Microsoft to build the privacy team.", "worked_at"),
        ("I was leading a team at Spotify for three years.", "worked_at"),
        ("I'm currently a data scientist at Spotify.", "works_at"),
    ],
)
def test_claims_employment_tense(nlp, text: str, expected: str) -> None:
    found = {c[1] for c in claims(nlp, text) if c[1] in ("works_at", "worked_at")}
    assert found == {expected}


def test_claims_advice_evidence_holds_the_object(nlp) -> None:
    text = "I read Thinking, Fast and Slow twice. I recommend it."
    found = find_claims(nlp(text), "Ana", None, 9)
    recs = [c for c in found if c.predicate in ("recommends", "advises")]
    assert recs, "the pointer sentence recommends what the sentence before names"
    for claim in recs:
        assert claim.object.text in claim.sentence


def test_claims_praise_is_no_recommendation_of_a_company(nlp) -> None:
    text = "At Microsoft you work with the best people in the world."
    assert not {c for c in claims(nlp, text) if c[1] == "recommends" and c[2] == "Microsoft"}


def test_claims_a_recommendation_system_recommends_nothing(nlp) -> None:
    text = "We built a recommendation system with collaborative filtering."
    assert not {c for c in claims(nlp, text) if c[1] == "recommends"}


def test_claims_started_working_is_past_unless_ongoing(nlp) -> None:
    ongoing = "I started to work as a data scientist at Spotify, where I have worked since 2021."
    assert ("Ana", "works_at", "Spotify", False) in claims(nlp, ongoing)


def test_claims_list_header_line_makes_parts(nlp) -> None:
    from kgraph.extract.texts import line_sentences

    text = "Data engineering:\nETL pipelines\nData quality checks"
    found = find_claims(nlp(line_sentences(nlp, text)), "Ana", None, 9)
    parts = {(c.subject.key, c.object.key) for c in found if c.predicate == "part_of"}
    assert {
        ("ETL pipeline", "data engineering"),
        ("data quality", "data engineering"),
    } <= parts
    assert all("\n" not in c.sentence for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "I kept asking myself, \u201cHow do I become a better data scientist?\u201d",
        "Sometimes I feel I have to be a manager to grow.",
        "Maybe I could become an architect one day.",
    ],
)
def test_claims_roles_asked_or_wished_are_not_held(nlp, text: str) -> None:
    assert not {c for c in claims(nlp, text) if c[1] in ("works_as", "worked_as")}


@pytest.mark.parametrize(
    "text",
    [
        "I can't be a team lead.",  # "ca" of "can't" is a modal
        "Nothing would have convinced me to be a team lead.",
        "I wondered how do I still be a good designer if I say no to everyone.",  # inverted
        "That last group is what I think of as an architect.",  # what, not I, is seen as
        "We're seeing a data scientist as an applied researcher.",
        "Julie Zhuo is the hero of product designers.",  # the role hangs off "hero"
        "I'm the advisor to the chief technology officer of Lumen.",
        "I am moving the project to another data engineer.",  # the project moves
        "As a team lead, you need to talk to the customers.",  # the listener's role
        "I think as a designer, if you've only ever shipped small things, you miss out.",
    ],
)
def test_claims_roles_of_others_or_not_now_are_not_held(nlp, text: str) -> None:
    assert not {c for c in claims(nlp, text) if c[1] == "works_as"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I remember being a data analyst.", ("worked_as", "data analyst")),
        ("I see myself as a data engineer.", ("works_as", "data engineer")),
        ("I'm known as the data engineer of the group.", ("works_as", "data engineer")),
        ("I'm one of the product managers on the team.", ("works_as", "product manager")),
        ("As a tech lead, I try to be a good listener.", ("works_as", "tech lead")),
        ("I work as a data scientist, which means you see a lot.", ("works_as", "data scientist")),
    ],
)
def test_claims_roles_remembered_reflexive_or_partitive(nlp, text: str, expected) -> None:
    found = {c[1:3] for c in claims(nlp, text) if c[1] in ("works_as", "worked_as")}
    assert found == {expected}


def test_claims_participle_takes_the_tense_of_its_clause(nlp) -> None:
    text = "I worked in biology for five years, leading my own projects as a research fellow."
    assert ("Ana", "worked_as", "research fellow", False) in claims(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Then I joined the Swedish music giant, Spotify, as a data scientist.",
        "Then I got a job in the insights team at Spotify.",
    ],
)
def test_claims_employment_through_a_description_or_a_job(nlp, text: str) -> None:
    assert {c[1] for c in claims(nlp, text) if c[2] == "Spotify"} == {"worked_at"}


@pytest.mark.parametrize(
    ("text", "advised", "not_advised"),
    [
        # the cue judges the clause it is in, not everything the sentence names
        (
            "Kubernetes grew a lot, and teams that run it make sure the dashboards stay green.",
            set(),
            {"Kubernetes"},
        ),
        # a relative clause speaks of its noun, and so of the clause that noun is in
        (
            "The other thing that I found useful: ask an engineer to do code reviews.",
            set(),
            set(),
        ),
        # ... but a noun with a content of its own is what the clause speaks of
        ("Kaggle is a platform that I really like.", set(), {"Kaggle"}),
        ("The tool that helped me the most was Docker.", set(), {"Docker"}),
        ("With Docker, I could finally do the tasks that I enjoy.", set(), {"Docker"}),
        # what sets the scene is not advised; a clause with a subject of its own is apart
        (
            "When you prepare for a system design interview, do mock interviews.",
            {"mock interview"},
            {"system design interview"},
        ),
        ("Before going to Kaggle, I recommend to learn the basics of SQL.", {"SQL"}, {"Kaggle"}),
        ("If you use Docker, you should learn Kubernetes.", {"Kubernetes"}, {"Docker"}),
        ("You should learn SQL because every company uses Snowflake.", {"SQL"}, {"Snowflake"}),
        (
            "I like writing design docs, but I don't want to lose the impact of mock interviews.",
            set(),
            {"mock interview"},
        ),
        (
            "I like writing design docs and doing mock interviews.",
            set(),
            {"design doc", "mock interview"},
        ),
        # a name that only says which other thing is meant is not what is advised
        (
            "I like to understand the conference organizers' priorities.",
            set(),
            {"technical conference"},
        ),
        ("You should do machine learning projects.", set(), {"machine learning"}),
        ("I wish you all the best on your career path.", set(), {"career path"}),
        # "try to" and "make sure" with someone else as subject describe, they do not advise
        ("We try to keep our design docs short.", set(), {"design doc"}),
        (
            "There are people that make sure the data warehouse works.",
            set(),
            {"data warehouse"},
        ),
        ("Try to keep your design docs short.", {"design doc"}, set()),
        # a relative "that" points to its noun, not to the sentence before
        (
            "I don't need a PhD. But I was happy that I finally could do the tasks that I enjoy.",
            set(),
            {"PhD"},
        ),
    ],
)
def test_claims_advice_stays_in_the_clause_of_its_cue(nlp, text, advised, not_advised) -> None:
    found = claims(nlp, text)
    objects = {o for _, p, o, _ in found if p in ("advises", "recommends")}
    assert advised <= objects
    assert not (not_advised & objects)


def test_claims_a_quoted_question_advises_nothing(nlp) -> None:
    text = "She asked me, \u201cIs there a course on SQL that could be useful for analysts?\u201d"
    assert not {c for c in claims(nlp, text) if c[1] in ("advises", "recommends")}


def test_claims_a_book_presented_is_recommended(nlp) -> None:
    text = "There is the book \u201cDeep Work,\u201d and for focus it is advised to plan your week."
    assert ("Ana", "recommends", "Deep Work", False) in claims(nlp, text)
    asked = "Is there a book like \u201cDeep Work\u201d for managers?"
    assert not {c for c in claims(nlp, asked) if c[2] == "Deep Work"}


@pytest.mark.parametrize(
    "text",
    [
        "Once you follow one person, Twitter suggests others.",  # Twitter suggests
        "My old manager recommended Kubernetes for everything.",  # someone else advised
        "We built a recommender system in Python.",  # "recommender" recommends nothing
    ],
)
def test_claims_recommendations_of_others_are_not_the_speakers(nlp, text: str) -> None:
    assert not {c for c in claims(nlp, text) if c[1] in ("advises", "recommends")}


def test_claims_the_speaker_recommends_in_the_first_person(nlp) -> None:
    assert ("Ana", "recommends", "Kubernetes", False) in claims(
        nlp, "I would recommend Kubernetes to every team."
    )


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("We were talking about tasks as a data engineer.", False),  # tasks, not a job
        ("I have five years of experience as a data engineer.", True),
        ("I got my first job as a data engineer in 2019.", True),
        ("I started working as a data engineer in 2019.", True),
        ("I know Priya Raman as a data engineer.", False),  # Priya's role, not mine
        ("As I understand you, as a data engineer you build pipelines.", False),
        ("Their course helped me join them as a product manager.", True),  # them: a company
        ("We hire specialists such as data engineers.", False),
        ("I started my journey as a data analyst in Lisbon.", True),
        ("For me as a data engineer, I always write tests first.", True),
    ],
)
def test_claims_as_a_role_needs_a_job_or_a_verb(nlp, text: str, held: bool) -> None:
    roles = {c for c in claims(nlp, text) if c[1] in ("works_as", "worked_as")}
    assert bool(roles) == held, roles


def test_claims_advice_reported_from_the_guest_is_the_guests(nlp) -> None:
    text = "You also said that teams should write a design doc."
    found = claims(nlp, text, speaker="Host", guest="Dana Smith")
    assert ("Dana Smith", "advises", "design doc", False) in found
    assert not {c for c in found if c[0] == "Host" and c[1] in ("advises", "recommends")}
    # without a known guest, reported advice is nobody's
    alone = claims(nlp, text, speaker="Host")
    assert not {c for c in alone if c[1] in ("advises", "recommends")}


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Let's say I'm a manager and I have a lot of fires to fight.", False),
        ("Suppose I am an analyst and I want more.", False),
        ("If I were a tech lead, I would do it differently.", False),
        ("I said I was a data engineer back then.", True),  # a report, not a supposition
        ("I wrote a message saying I was a data analyst.", True),
        ("It is hard, considering I'm basically a student.", True),
        ("I work as a data scientist.", True),
    ],
)
def test_claims_a_supposed_role_is_not_held(nlp, text: str, held: bool) -> None:
    roles = {c for c in claims(nlp, text) if c[1] in ("works_as", "worked_as")}
    assert bool(roles) == held, roles


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Like if they say, “I'm not worthy of this staff engineer position.”", False),
        ("He was like, “I'm a data scientist now.”", False),
        ("My manager told me, “I was a tech lead at your age.”", False),
        ("People were reaching out on LinkedIn saying, “Hey, I'm a data analyst.”", False),
        ("I told him, “I'm a staff engineer, not a manager.”", True),  # the speaker's own words
        ("I'm a staff engineer. People call it a “glue” role.", True),  # scare quotes
        # a quotation no speech verb of the speaker introduces voices someone
        ("Or “I'm a staff engineer, I want to become a manager.”", False),
    ],
)
def test_claims_words_quoted_from_someone_else_are_not_the_speakers(
    nlp, text: str, held: bool
) -> None:
    roles = {c for c in claims(nlp, text) if c[1] in ("works_as", "worked_as")}
    assert bool(roles) == held, roles


def test_claims_advice_quoted_from_someone_else_is_not_the_speakers(nlp) -> None:
    story = (
        "They kind of said, “Okay, just do it yourself. Here is the repo. "
        "You need to create a design doc.” Right?"
    )
    assert not {c for c in claims(nlp, story) if c[1] == "advises"}
    own = "I always tell people, “You should write a design doc before you code.”"
    assert ("Ana", "advises", "design doc", False) in claims(nlp, own)


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        ("So how to make sure the design doc is up to date?", False),
        ("So how to make sure communication is working well, if I remember correctly.", False),
        ("Analysts also do ad hoc dashboards for something important.", False),
        ("You can have other business metrics that are important as well.", False),
        # a judgement of importance urges nothing on the listener
        ("Communication is really important for a staff engineer.", False),
        ("Good communication is a very important skill for a staff engineer.", False),
        # ... but "important to <verb>" urges that verb's object
        ("It's important to write a design doc.", True),
        ("We talked about how you should write a design doc.", False),
        ("That's why I wrote how important it is to create a design doc.", True),
        ("I gave workshops on machine learning and data analytics, I would say.", False),
        ("I would say you should learn machine learning first.", True),
        ("I'd say a data scientist is a level above in terms of machine learning.", False),
        ("I would say unit testing is a very good way to convince a reviewer.", False),
        ("We tagged highly classified datasets.", False),
        # "important" at the end of a sentence is no hedge like "..., I would say."
        ("Mock interviews are important.", False),
    ],
)
def test_claims_important_and_how_to_advise_only_as_advice(nlp, text: str, advised: bool) -> None:
    advice = {c for c in claims(nlp, text) if c[1] == "advises"}
    assert bool(advice) == advised, advice


def test_claims_an_attribution_covers_its_own_sentence(nlp) -> None:
    text = (
        "As Maria Lopez said, my name is Luke, and I'm a recruiter. "
        "I've been recruiting for machine learning and data science teams for ten years."
    )
    assert not {c for c in claims(nlp, text) if c[0] == "Maria Lopez"}
    quoted = "As Paul Graham wrote, you should do things that don't scale, like mock interviews."
    assert ("Paul Graham", "recommends", "mock interview", False) in claims(nlp, quoted)
    listed = (
        "As Joel Spolsky wrote: There is more than 1 way to help:\n"
        "  • Maintaining an issue tracker\n  • Write a decent functional specification"
    )
    assert ("Joel Spolsky", "recommends", "issue tracker", False) in claims(nlp, listed)
    # a view reported, not advice: the attribution recommends nothing
    viewed = (
        "As Maria Lopez was saying, we view the worst mistake as a rushed launch, because"
        " that's going to undermine trust."
    )
    assert not {c for c in claims(nlp, viewed) if c[0] == "Maria Lopez"}


@pytest.mark.parametrize(
    ("text", "endorsed"),
    [
        ("I did a lot of mock interviews. That was a good idea.", True),
        ("Mock interviews helped me the most.", True),
        # a good time, not a good choice; what a thing does for a team, not for the speaker
        ("I did a lot of mock interviews. It was a great time to learn new skills.", False),
        ("Mock interviews help us answer questions about the candidates we get.", False),
        ("Mock interviews will help us answer questions about the candidates.", False),
    ],
)
def test_claims_endorsed_by_experience_not_by_description(nlp, text: str, endorsed: bool) -> None:
    found = {c for c in claims(nlp, text) if c[1] == "recommends"}
    assert bool(found) == endorsed, found


def test_claims_he_or_she_is_the_person_named_before_in_the_sentence(nlp) -> None:
    text = "That problem is one Bill Gates worked on when he was a student at Harvard."
    found = claims(nlp, text, speaker="Host", guest="Dana Smith")
    assert ("Bill Gates", "worked_as", "student", False) in found
    assert not {c for c in found if c[0] == "Dana Smith"}
    # with nobody named before it in the turn, a host's "he" is nobody we know
    assert not claims(nlp, "He was a data engineer at Spotify.", speaker="Host", guest="Dana Smith")


@pytest.mark.parametrize(
    ("text", "target", "held"),
    [
        (
            "I really liked Bayesian methods a lot better than traditional statistics.",
            "statistics",
            False,
        ),
        (
            "I really liked Bayesian methods a lot better than traditional statistics.",
            "Bayesian statistics",
            False,  # a liking told, nothing urged
        ),
        (
            "Even if you create a great data strategy, you have the right use cases, it is static.",
            "strategy",
            False,
        ),
        ("If you want to become a data scientist, you should learn SQL.", "SQL", True),
    ],
)
def test_claims_advice_not_for_what_is_compared_away_or_supposed(nlp, text, target, held) -> None:
    found = {c[2] for c in claims(nlp, text) if c[1] in ("advises", "recommends")}
    assert (target in found) == held, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Even if you feel you are not ready, you should be ready to send your CV.",
            {("Ana", "advises", "resume", False)},  # the "not" belongs to the if-clause
        ),
        ("You should not write a long CV.", {("Ana", "advises", "resume", True)}),
        ("They will tell you that you should keep your CV at one page.", set()),
        ("My mentor said that you should learn SQL first.", set()),
        (
            "I always tell people that you should keep your CV at one page.",
            {("Ana", "advises", "resume", False)},
        ),
        # a negated "forget" or "hesitate" advises to do it
        ("Don't forget to update your CV.", {("Ana", "advises", "resume", False)}),
        ("Never hesitate to send your CV twice.", {("Ana", "advises", "resume", False)}),
        ("Don't send your CV twice.", {("Ana", "advises", "resume", True)}),
    ],
)
def test_claims_advice_negation_and_advice_someone_else_gives(nlp, text, expected) -> None:
    assert {c for c in claims(nlp, text) if c[1] == "advises"} == expected


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Avoid technical debt.", True),
        ("You should avoid technical debt at all costs.", True),
        ("Try to reduce technical debt.", True),
        ("Stop using Excel for everything.", True),
        ("Get rid of Excel.", True),
        ("Don't avoid technical debt.", False),  # two negations
        ("Stop worrying and learn Excel.", False),  # the conjunct is not stopped
        ("Reduce the time to market by using Excel.", False),  # a means, not the object
    ],
)
def test_claims_advice_to_avoid_is_advice_against(nlp, text: str, negated: bool) -> None:
    found = {c for c in claims(nlp, text) if c[1] == "advises"}
    assert found and all(c[3] is negated for c in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a judgement urges nothing on the listener: no claim either way
        ("Kaggle competitions are overrated.", None),
        ("Doing a PhD is a waste of time for most people.", None),
        ("Don't bother with certifications.", ("certification", True)),
        ("LinkedIn is useless for finding a job.", None),
        ("Kaggle is not useless.", None),
    ],
)
def test_claims_judging_against_is_a_negated_recommendation(nlp, text, expected) -> None:
    found = {(c[2], c[3]) for c in claims(nlp, text) if c[1] == "recommends"}
    assert found == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("text", "recommended"),
    [
        ("I got great feedback on system design.", set()),
        ("She gave me great feedback on my resume.", set()),
        ("Mock interviews give you great feedback.", set()),
        # praise of a person judges the person, not what they are good at
        ("He is great at system design.", set()),
        ("Do mock interviews. But this doesn't make you a great system designer.", set()),
        ("I'm great at SQL, but Docker is great too.", set()),
    ],
)
def test_claims_praise_of_what_someone_got_or_gave_recommends_nothing(nlp, text, recommended):
    assert {c[2] for c in claims(nlp, text) if c[1] == "recommends"} == recommended


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Technical debt leads to burnout.", {("technical debt", "leads_to", "burnout")}),
        ("The data scientist should lead and bring in the product manager.", set()),
        ("Product roadmaps are led by product managers.", set()),
        (
            "What is the difference between a data engineer and a data scientist?",
            {("data engineer", "compares_to", "data scientist")},
        ),
        ("Now I'm leading both data scientists and data analysts.", set()),
        ("Decisions happen daily between tech leads and product managers.", set()),
        # a comparative's subject is what is compared, not what it is better at
        (
            "Analysts are better at communication than software engineers.",
            {("analyst", "compares_to", "software engineer")},
        ),
        # a name modifying another noun is not a term of the comparison
        ("I was an analytics engineer rather than a Kafka system kind of data engineer.", set()),
    ],
)
def test_claims_relations_between_things(nlp, text, expected) -> None:
    relations = {"leads_to", "requires", "compares_to", "part_of"}
    found = {(c[0], c[1], c[2]) for c in claims(nlp, text, speaker=None) if c[1] in relations}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        ("Start by writing a design doc for every project.", True),
        ("I would say write a design doc for every project.", True),
        ("Let's talk about design docs.", False),
        ("Let's say we write a design doc.", False),
        ("Tell me about your design docs.", False),
        # an imperative after a scene-setting phrase (tagged VBP by the model there)
        ("When you start a new project, write a design doc.", True),
        ("In my opinion, write a design doc first.", True),
    ],
)
def test_claims_an_imperative_advises_unless_it_steers_the_talk(nlp, text, advised) -> None:
    found = claims(nlp, text)
    assert (("Ana", "advises", "design doc", False) in found) == advised, found


@pytest.mark.parametrize(
    ("text", "studied"),
    [
        ("I did my master's at Stanford.", True),
        ("I spent two years doing my PhD at Stanford.", True),
        (
            "She is a Kaggle competition master and she currently works as a senior machine "
            "learning engineer at Cork University Hospital.",
            False,
        ),
        # a study word in a name or in a time phrase is not what the sentence says
        ("I'm a teacher at the Department of Italian Studies at Stanford.", False),
        ("After the PhD, I started as a data scientist at SAP.", False),
    ],
)
def test_claims_study_words_do_not_make_a_workplace_a_school(nlp, text, studied) -> None:
    found = {c for c in claims(nlp, text, guest="Tatiana") if c[1] == "studied_at"}
    assert bool(found) == studied, found


@pytest.mark.parametrize(
    ("text", "hosted"),
    [
        ("Welcome to our event, brought to you by DataTalks.Club.", {"DataTalks.Club"}),
        ("This is the DataTalks.Club podcast.", {"DataTalks.Club"}),
        # a channel or a community on a platform is not the platform
        ("Do not forget to subscribe to our YouTube channel.", set()),
        ("Join our Slack community.", set()),
    ],
)
def test_claims_the_host_hosts_the_show_not_the_platform(nlp, text: str, hosted: set) -> None:
    found = claims(nlp, text, speaker="Alexey", turn=1)
    assert {c[2] for c in found if c[1] == "hosts"} == hosted


@pytest.mark.parametrize(
    ("text", "employer"),
    [
        ("In 2019 I moved to Google.", "Google"),
        ("I moved on to Google after two years at Meta.", "Google"),
        ("Let's move on to Slido.", None),  # the talk moves on
        ("I will move my notebooks to GitHub.", None),  # moving something else
        ("Jeff will come to DataTalks.Club again.", None),  # a visit
    ],
)
def test_claims_moving_to_a_company_is_employment_only_for_oneself(nlp, text, employer) -> None:
    found = {c[2] for c in claims(nlp, text) if c[1] in ("works_at", "worked_at")}
    assert (employer in found) if employer else not found


def test_claims_a_users_cue_advises(nlp, tmp_path) -> None:
    from kgraph.extract.claims import lexicon_of
    from kgraph.extract.patterns import load_gazetteer

    user = tmp_path / "cues.yaml"
    user.write_text("claim_cues:\n  advise: ['you ought to']\n", encoding="utf-8")
    doc = nlp("You ought to write a design doc first.")
    assert not find_claims(doc, "Ana", None, 9)
    found = find_claims(doc, "Ana", None, 9, lexicon_of(load_gazetteer(user)))
    assert [(c.predicate, c.object.key) for c in found] == [("advises", "design doc")]


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        ("Maybe I should do A/B tests.", set()),  # the speaker's own reflection
        ("You should do A/B tests.", {"A/B test"}),
        ("We should use Docker for that.", {"Docker"}),
        ("Large language models are becoming very important in this field.", set()),
        ("For example, take Kubernetes.", set()),  # an example, not advice
        ("Learn Kubernetes.", {"Kubernetes"}),
    ],
)
def test_claims_advice_is_given_not_described(nlp, text: str, advised: set) -> None:
    assert {o for _, p, o, _ in claims(nlp, text) if p == "advises"} == advised


@pytest.mark.parametrize(
    ("text", "turn", "hosted"),
    [
        ("Welcome to the DataTalks.Club podcast.", 20, {"DataTalks.Club"}),
        ("I talked about it on the DataTalks.Club podcast.", 20, set()),
        ("I talked about it on the DataTalks.Club podcast.", 1, {"DataTalks.Club"}),
    ],
)
def test_claims_a_show_is_hosted_where_its_host_says_so(nlp, text, turn, hosted) -> None:
    found = claims(nlp, text, speaker="Alexey", turn=turn)
    assert {o for _, p, o, _ in found if p == "hosts"} == hosted


def test_claims_typographic_apostrophe_and_adjective_before_join(nlp) -> None:
    found = claims(nlp, "I\u2019m a staff engineer on the billing team at Stripe.")
    assert ("Ana", "works_at", "Stripe", False) in found
    assert ("Ana", "works_as", "staff engineer", False) in found
    found = claims(nlp, "I was lucky enough to join Stripe shortly after it launched.")
    assert any(c[1] in ("works_at", "worked_at") and c[2] == "Stripe" for c in found)


def test_claims_liking_or_praise_told_of_the_past_recommends_only_books(nlp) -> None:
    assert not claims(nlp, "I really loved using eBay back then.")
    assert not claims(nlp, "And those promotions were fantastic.")
    # a liking describes the speaker: it recommends a book, not a practice
    assert ("Ana", "recommends", "The Goal", False) in claims(nlp, "I loved The Goal.")
    assert not claims(nlp, "I love code reviews.")


@pytest.mark.parametrize(
    ("text", "recommended"),
    [
        ("Our job is to make sure Acme chooses the best possible product strategy.", set()),
        ("I started doing some advising with Airbnb on the demand side.", set()),
        ("The best way to prepare is mock interviews.", {"mock interview"}),
        (
            "One of the really great things about mock interviews is the feedback.",
            set(),
        ),
    ],
)
def test_claims_praise_names_or_judges(nlp, text, recommended) -> None:
    assert {c[2] for c in claims(nlp, text) if c[1] == "recommends"} == recommended


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        ("We should have had better code reviews back then.", set()),
        ("You should have written a design doc.", set()),
        ("We want to make sure that the onboarding inside Acme is really good.", set()),
        ("Stripe should be a paradise for code reviews.", set()),
        ("You can ship with a deadline. I'm not saying you should always do that.", set()),
        ("You want to make sure you did the code reviews.", {"code review"}),
        ("Everyone should write a design doc.", {"design doc"}),
    ],
)
def test_claims_regret_own_practice_and_disowned_advice_advise_nothing(nlp, text, advised):
    found = claims(nlp, text)
    assert {c[2] for c in found if c[1] in ("advises", "recommends")} == advised


def test_claims_a_host_question_on_what_the_guest_said_repeats_no_advice(nlp) -> None:
    text = "You said that people should do mock interviews. Why is that?"
    assert not claims(nlp, text, speaker="Host", guest="Dana Smith")
    text = "You said that people should do mock interviews."
    found = claims(nlp, text, speaker="Host", guest="Dana Smith")
    assert ("Dana Smith", "advises", "mock interview", False) in found


def test_claims_a_pointer_late_in_its_sentence_points_at_its_own_clause(nlp) -> None:
    text = (
        "Latency and costs become big factors. Usually I put the extra details at the"
        " start of the prompt, and that is helpful for two reasons."
    )
    assert not claims(nlp, text)
    text = "There's mock interviews. Check it out."
    assert ("Ana", "recommends", "mock interview", False) in claims(nlp, text)


@pytest.mark.parametrize(
    ("text", "urged"),
    [
        # (a) a description of the speaker's own experience or role urges nothing
        ("I spent three years doing code reviews at my old team.", set()),
        # ... but a favourite, or the best of its kind, is endorsed
        (
            "My favourite management book is High Output Management.",
            {("recommends", "High Output Management")},
        ),
        ("Docker is the best tool I have ever used.", {("recommends", "Docker")}),
        # (b) the object is what the urging verb takes, not a category word nor a noun
        # of a clause that only describes
        ("Go to a technical conference.", set()),
        ("You should read roles where you must have a PhD.", set()),
        # (c) a negation binds to its own verb: waiting is advised against, not feedback
        ("Don't wait until something bad happens to give feedback.", set()),
        ("You might say Kubernetes is the best, but it doesn't work for us.", set()),
        # (d) a plain mention, liked or not, is no recommendation
        ("I love Skype, it was a great place to work.", set()),
        # what is urged on the listener is claimed
        ("I would recommend Kubernetes to every team.", {("recommends", "Kubernetes")}),
        ("You should learn SQL.", {("advises", "SQL")}),
    ],
)
def test_claims_only_what_is_urged_on_the_listener(nlp, text, urged) -> None:
    found = claims(nlp, text)
    assert {(p, o) for _, p, o, _ in found if p in ("advises", "recommends")} == urged


def test_claims_starting_one_of_a_kind_founds_nothing(nlp) -> None:
    assert not {c for c in claims(nlp, "You should start a Substack.") if c[1] == "founded"}
    assert ("Ana", "founded", "Stripe", False) in claims(nlp, "In 2010 we started Stripe.")


def test_claims_a_pointer_is_urged_only_as_the_object(nlp) -> None:
    text = "We talked about Docker. It's where you have to have arguments."
    assert not {c for c in claims(nlp, text) if c[1] in ("advises", "recommends")}


@pytest.mark.parametrize(
    ("text", "endorsed"),
    [
        ("One of my favorite books is Hooked by Nir Eyal.", {"Hooked"}),
        ("My favorite product these days is Notion.", {"Notion"}),
        ("Thinking in Systems changed how I think about teams.", {"Thinking in Systems"}),
        ("Mock interviews helped me the most.", {"mock interview"}),
        ("High Output Management is a great book.", {"High Output Management"}),
        # someone else's favourite, a practice liked, a book only read: no endorsement
        ("Her favorite book is Hooked.", set()),
        ("I love hiring veterans.", set()),
        ("I read High Output Management last year.", set()),
        ("My team changed how we do code reviews.", set()),
    ],
)
def test_claims_an_endorsement_in_the_speakers_words_recommends(nlp, text, endorsed) -> None:
    found = {o for _, p, o, neg in claims(nlp, text) if p == "recommends" and not neg}
    assert found == endorsed


def test_claims_a_book_presented_then_disliked_is_recommended_against(nlp) -> None:
    text = "There was also the Grokking ML Design course, but I did not like that one."
    found = {(o, neg) for _, p, o, neg in claims(nlp, text) if p == "recommends"}
    assert found == {("Grokking ML Design", True)}


@pytest.mark.parametrize(
    ("text", "endorsed"),
    [
        ("I got LeetCode Premium. That was a good idea.", {"LeetCode"}),
        ("I've seen the embedded model work incredibly well.", {"embedded team"}),
        ("We tried code reviews. It was a disaster.", set()),
        ("Alexey got LeetCode Premium. That was a good idea.", set()),
    ],
)
def test_claims_what_worked_for_the_speaker_is_recommended(nlp, text, endorsed) -> None:
    found = {o for _, p, o, neg in claims(nlp, text) if p == "recommends" and not neg}
    assert found == endorsed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a founding engineer or the founding team joined a company someone else founded
        (
            "I was a founding engineer at Stripe.",
            {("worked_at", "Stripe"), ("worked_as", "founding engineer")},
        ),
        ("I'm the founder of ProfitWell.", {("works_as", "founder"), ("founded", "ProfitWell")}),
        # one studies at a school, by its name or a gazetteer alias; a company is none
        ("I graduated from MIT in 2010.", {("studied_at", "MIT")}),
        ("I did my PhD at Stanford University.", {("studied_at", "Stanford University")}),
        ("I studied at Google for two years.", set()),
        # a job held for a while up to now goes on; one left is over
        ("I've been at Miro for two years.", {("works_at", "Miro")}),
        ("We grew in the two years that I've been at Miro.", {("works_at", "Miro")}),
        (
            "I've worked at Google and Microsoft.",
            {("worked_at", "Google"), ("worked_at", "Microsoft")},
        ),
        ("I left Google in 2019 to start my company.", {("worked_at", "Google")}),
        ("I'm always surprised with the Airbnb app.", set()),
    ],
)
def test_claims_founding_school_and_tense(nlp, text, expected) -> None:
    found = {(p, o) for _, p, o, _ in claims(nlp, text)}
    assert found == expected


def test_claims_a_prediction_of_what_the_listener_will_do_advises_nothing(nlp) -> None:
    text = "For churn, you'll probably try to use mock interviews."
    assert not {c for c in claims(nlp, text) if c[1] == "advises"}
    text = "You should try to use mock interviews."
    assert ("Ana", "advises", "mock interview", False) in claims(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negation that praises recommends
        ("I can’t recommend Kubernetes enough.", {("recommends", "Kubernetes", False)}),
        ("I don't recommend Kubernetes.", {("recommends", "Kubernetes", True)}),
        # recommended to the speaker by someone else; an example; a general word
        ("I was recommended to pick Kubernetes.", set()),
        ("Think of fraud detection.", set()),
        ("Take a good example with data science.", set()),
        ("The best strategy I could give a founder is to have a strong offense.", set()),
        # "do it" after a condition points at no thing the condition names
        ("If you build an abstraction on top of SageMaker, do it. If it helps, do it.", set()),
    ],
)
def test_claims_emphatic_negation_passive_example_and_condition(nlp, text, expected) -> None:
    found = {(p, o, neg) for _, p, o, neg in claims(nlp, text) if p in ("recommends", "advises")}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # examples of clients and the workplaces of people one worked with are not one's own
        ("She has worked with execs at companies like Microsoft and Google.", set()),
        ("I've worked with engineers at Google.", set()),
        ("I'm a staff engineer at Google.", {("works_at", "Google")}),
        # a founder phrase names the organization it ends at; a launch founds nothing
        (
            "Nick Handel, the founder of ProfitWell who led this at Stripe, joined us.",
            {("founded", "ProfitWell")},
        ),
        ("When we first launched Stripe, I wasn't around.", set()),
    ],
)
def test_claims_workplaces_of_others_and_founder_phrases(nlp, text, expected) -> None:
    found = {
        (p, o) for _, p, o, _ in claims(nlp, text) if p in ("works_at", "worked_at", "founded")
    }
    assert found == expected


def own_term_claims(nlp, text: str) -> set:
    """Claims of ``text`` when the document keeps every noun phrase the concept finder
    proposes in it as a term of its own."""
    from kgraph.extract.labels import CONCEPT_SPANS
    from kgraph.extract.normalize import norm_key

    doc = nlp(text)
    topics = frozenset(norm_key(s.kb_id_) for s in doc.spans.get(CONCEPT_SPANS, []))
    found = find_claims(doc, "Ana", None, 9, topics=topics)
    return {(c.predicate, c.object.key, c.negated) for c in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Don't do premature optimization.", {("advises", "premature optimization", True)}),
        ("Pick the keyword tracker that is the cheapest.", {("advises", "keyword tracker", False)}),
        ("My advice is to write a weekly status memo.", {("advises", "status memo", False)}),
        # a story told with "you have to", a figure of speech, an example: no advice
        ("You have to hide the broccoli in the sugar pills.", set()),
        ("Generate ten derivatives and summarize them.", set()),
        ("Make sure you keep that status memo short.", set()),
        ("Just picture the chess board as the initial terrain.", set()),
        ("It should be a productivity software with a lot of power.", set()),
    ],
)
def test_claims_advice_of_a_documents_own_terms(nlp, text: str, expected: set) -> None:
    assert {c for c in own_term_claims(nlp, text) if c[0] == "advises"} == expected


DERIVED = {  # the concepts a document names, by normalised form (surface forms and keys)
    "networking": "professional network",
    "mentor": "mentorship",
    "mentorship": "mentorship",
    "salary negotiation": "salary negotiation",
    "code review": "code review",
    "documentation": "documentation",
    "engagement": "engagement",
    "leadership": "leadership",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You should network as much as you can.", {("professional network", False)}),
        ("The first thing you need to do is start networking.", {("professional network", False)}),
        ("Find mentors early in your career.", {("mentorship", False)}),
        ("You have to negotiate your salary.", {("salary negotiation", False)}),
        ("Make sure you review each other's code.", {("code review", False)}),
        ("I'd encourage you to document everything.", {("documentation", False)}),
        # a story, a verb with a clause of its own, a concept the document does not name
        ("I started networking in 2015.", set()),
        ("You should learn how the team documents things.", set()),
        ("You should plan your week.", set()),
        ("Always engage on my post.", set()),
        ("I'd encourage leaders to think about it.", set()),
        ("You need a clear mentor who understands the market.", set()),
    ],
)
def test_claims_advice_said_with_a_word_of_a_concepts_stem(nlp, text, expected) -> None:
    found = find_claims(nlp(text), "Ana", None, 9, concepts=DERIVED)
    advised = {(c.object.key, c.negated) for c in found if c.predicate == "advises"}
    assert {a for a in advised if a[0] in DERIVED.values()} == expected


def test_claims_derived_concepts_only_where_the_document_names_them(nlp) -> None:
    found = find_claims(nlp("You should network as much as you can."), "Ana", None, 9)
    assert not [c for c in found if c.predicate == "advises"]


def test_claims_own_terms_only_where_the_document_keeps_them(nlp) -> None:
    found = find_claims(nlp("Don't do premature optimization."), "Ana", None, 9)
    assert not [c for c in found if c.predicate == "advises"]


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        ("You have to have a roadmap.", True),
        ("You should write a design doc with a clear owner.", True),
        ("Of course you have to have a roadmap, but sometimes it goes to their head.", False),
        ("School teaches you that you have to write a design doc.", False),
        ("It should be a design doc with a clear owner.", False),
        ("Think about Microsoft and its monopoly on the design doc.", False),
        ("Just picture the design doc as a map.", False),
        ("You need a design doc before you write code.", True),
        # a request to the speaker, not advice
        ("Give me a design doc by Friday.", False),
        ("Send us your design doc.", False),
    ],
)
def test_claims_concessions_examples_and_things_advise_nothing(nlp, text, advised) -> None:
    found = claims(nlp, text)
    assert any(p == "advises" for _, p, _, _ in found) == advised


@pytest.mark.parametrize(
    "text",
    [
        "Check out my book Radical Candor.",
        "I recommend reading my book, Radical Candor.",
        "You should read our design doc guide.",
    ],
)
def test_claims_a_plug_of_ones_own_is_no_recommendation(nlp, text: str) -> None:
    assert not [c for c in claims(nlp, text) if c[1] in ("recommends", "advises")]


@pytest.mark.parametrize(
    "text",
    [
        "By the way, we are all entrepreneurs so we're ready for any career.",
        "I am deeply supportive of the PM function.",
    ],
)
def test_claims_what_everyone_is_or_a_kind_of_thing_is_no_role(nlp, text: str) -> None:
    assert not [c for c in claims(nlp, text) if c[1] in ("works_as", "worked_as")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "she" is not the man named last
            "Naomi Gleit worked with Mark Zuckerberg. She has been at Meta for twenty years.",
            {("Naomi Gleit", "works_at", "Meta", False)},
        ),
        (
            "Mark Zuckerberg hired Naomi Gleit. He is the CEO of Meta.",
            {("Mark Zuckerberg", "works_as", "CEO", False)},
        ),
    ],
)
def test_claims_a_pronoun_is_the_last_person_named_of_its_gender(nlp, text, expected) -> None:
    found = {c for c in claims(nlp, text, speaker="Host") if c[1] in ("works_at", "works_as")}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sam Altman got into other stuff and ended up working at YC, and has now "
            "reinvented himself.",
            {("Sam Altman", "worked_at", "Y Combinator", False)},
        ),
        (
            "Richard Rumelt is a now retired professor.",
            {("Richard Rumelt", "worked_as", "professor", False)},
        ),
        ("Going back to your days at Airbnb, I'm sure this resonates with you.", set()),
        (
            "Working at Google, I learned a lot about search.",
            {("Ana", "worked_at", "Google", False)},
        ),
    ],
)
def test_claims_past_jobs_and_someone_elses(nlp, text: str, expected: set) -> None:
    found = {
        c for c in claims(nlp, text) if c[1] in ("works_at", "worked_at", "works_as", "worked_as")
    }
    assert found == expected


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        ("So take your data, put it in the design doc, and get the questions.", None),
        ("But again, try to check with your design doc reviewers.", None),
        ("You should spend time on code review.", "code review"),
        ("You have to keep a very high bar for code review.", "code review"),
        ("You should make heavy use of code review.", "code review"),
    ],
)
def test_claims_advice_not_for_where_or_with_whom(nlp, text: str, advised) -> None:
    found = {c[2] for c in claims(nlp, text) if c[1] == "advises"}
    assert found == ({advised} if advised else set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("And so for Webflow, we work with them on YouTube videos.", set()),
        ("I work at Google with a great team.", {("Ana", "works_at", "Google", False)}),
        ("I see myself as an advocate of engineers to leadership.", set()),
        (
            "I'm a staff engineer at Stripe, and I see myself as a tech lead.",
            {
                ("Ana", "works_as", "staff engineer", False),
                ("Ana", "works_at", "Stripe", False),
                ("Ana", "works_as", "tech lead", False),
            },
        ),
        (  # "has been" is not the speaker's: its subject is left unsaid
            "This course went well, we had a student get a job and has been a data engineer "
            "for the past couple months now.",
            set(),
        ),
    ],
)
def test_claims_clients_kinds_and_other_subjects_hold_no_job(nlp, text, expected) -> None:
    assert claims(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'I like to say, "NPS is the best example of the marketing industry marketing itself."',
        "Just go to ChatGPT, which is the exact same thing.",
        "Get those code reviews out of the way.",
        "Just give that same design doc to a different team.",
    ],
)
def test_claims_examples_places_and_things_told_again_are_no_advice(nlp, text: str) -> None:
    assert not [c for c in claims(nlp, text) if c[1] in ("recommends", "advises")]


@pytest.mark.parametrize(
    ("text", "recommended"),
    [
        ("My favorite product these days is Notion.", {"Notion"}),
        ("Notion is my favorite.", {"Notion"}),
        ("One of my favorite businesses, since I sat on its board, was Stripe.", set()),
        ("My favorite company is Stripe.", set()),
        ("My favorite app these days is Stripe.", {"Stripe"}),
    ],
)
def test_claims_a_favourite_organization_only_as_a_product(nlp, text, recommended) -> None:
    assert {c[2] for c in claims(nlp, text) if c[1] == "recommends"} == recommended


def test_claims_liking_a_way_of_saying_likes_no_thing(nlp) -> None:
    """In an answer to a request for advice, a judgement of worth advises; "I like to say"
    likes a way of putting it, not what the quote names."""
    asked = frozenset({"advice"})
    text = 'I like to say, "NPS is the best example of the marketing industry marketing itself."'
    found = find_claims(nlp(text), "Ana", None, 9, asked=asked)
    assert not [c for c in found if c.predicate in ("recommends", "advises")]
    found = find_claims(nlp("I like Radical Candor."), "Ana", None, 9, asked=asked)
    assert ("recommends", "Radical Candor") in {(c.predicate, c.object.key) for c in found}


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # an infinitive under a past verb, and a verb joined to a past one, tell the past
        (
            "Maya Lee went on to work at Airbnb for a couple of years.",
            {("Maya Lee", "worked_at", "Airbnb", False)},
            {("Maya Lee", "works_at", "Airbnb", False)},
        ),
        (
            "We got to work at Dropbox together.",
            {("Ana", "worked_at", "Dropbox", False)},
            {("Ana", "works_at", "Dropbox", False)},
        ),
        (
            "I was lucky to join Google in 2015.",
            {("Ana", "worked_at", "Google", False)},
            {("Ana", "works_at", "Google", False)},
        ),
        (
            "When I was working on growth and designing registration for Facebook, I learned it.",
            {("Ana", "worked_at", "Meta", False)},
            {("Ana", "works_at", "Meta", False)},
        ),
        ("I had to work at Google for a year.", {("Ana", "worked_at", "Google", False)}, set()),
        (
            "In my old job at Google, I'm the one who runs experiments.",
            {("Ana", "worked_at", "Google", False)},
            {("Ana", "works_at", "Google", False)},
        ),
        (
            "I was able to grow into that role at Grammarly.",
            {("Ana", "worked_at", "Grammarly", False)},
            {("Ana", "works_at", "Grammarly", False)},
        ),
        # no longer held: a past job, not a denial
        (
            "Maya Lee no longer works at Google.",
            {("Maya Lee", "worked_at", "Google", False)},
            {("Maya Lee", "works_at", "Google", False), ("Maya Lee", "works_at", "Google", True)},
        ),
        ("I don't work at Google anymore.", {("Ana", "worked_at", "Google", False)}, set()),
        (
            "Maya Lee is no longer an engineer, she's a manager.",
            {("Maya Lee", "worked_as", "software engineer", False)},
            {("Maya Lee", "works_as", "software engineer", False)},
        ),
        ("I don't work at Google.", {("Ana", "works_at", "Google", True)}, set()),
        ("I spent two years with Google.", {("Ana", "worked_at", "Google", False)}, set()),
        ("At GitHub I was conscious of it.", {("Ana", "worked_at", "GitHub", False)}, set()),
        ("I'm still at Google.", {("Ana", "works_at", "Google", False)}, set()),
    ],
)
def test_claims_tense_of_infinitives_and_joined_verbs(nlp, text, expected, absent) -> None:
    found = claims(nlp, text)
    assert expected <= found
    assert not absent & found


@pytest.mark.parametrize(
    "text",
    [
        "I want to work at Google.",
        "I'd love to work at Google.",
        "I could work at Google.",
        "I told Maya Lee to join Google.",
        "In fact, whether I work at Netflix or I work at Hulu, our spaces look pretty similar.",
        "It's not that we're particularly good at FinTech, for example.",
        "I would be able to send you 50 cents in WhatsApp for free.",
        "These communities that we are in like DataTalks.Club and MLOps.",
        "I'm going to work at Toast in a couple of weeks.",
        "I will join Stripe next month.",
        "We receive our salary into Revolut and then we spend with Revolut.",
        "I used to run a lot in Santa Barbara at Ellwood Mesa.",
    ],
)
def test_claims_wished_supposed_and_other_doings_are_no_workplace(nlp, text: str) -> None:
    assert not [c for c in claims(nlp, text) if c[1] in ("works_at", "worked_at")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the negation is of what one does in the role, not of the role
        (
            "As a data scientist, I don't have all the domain expertise.",
            {("Ana", "works_as", "data scientist", False)},
        ),
        (
            "I never worked as a software engineer.",
            {("Ana", "worked_as", "software engineer", True)},
        ),
        ("I'm not a manager.", {("Ana", "works_as", "manager", True)}),
        ("I know it as an ex salesman.", {("Ana", "worked_as", "salesperson", False)}),
        # wished, someone else's, or not held at all
        ("I prefer to be an individual contributor.", set()),
        ("Even as a non-designer, you can look at examples of logos.", set()),
        ("The more we train people to be product executives, the better.", set()),
        ("I'm never going to be an amazing engineer.", set()),
        ("I have to teach Maya Lee leadership before she becomes a manager.", set()),
        (
            "That's when I joined Coinbase and here I'm the VP of product.",
            {("Ana", "works_as", "VP of product", False)},
        ),
        (
            "I was a data scientist, and became a manager later.",
            {("Ana", "worked_as", "data scientist", False), ("Ana", "worked_as", "manager", False)},
        ),
    ],
)
def test_claims_roles_held_in_spite_of_negation_and_not_wished(nlp, text, expected) -> None:
    assert {c for c in claims(nlp, text) if c[1] in ("works_as", "worked_as")} == expected


JOBS = ("works_as", "worked_as", "works_at", "worked_at", "founded")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role urged, supposed or expected is not held
        ("I recommend starting off as an analyst, depending on your background.", set()),
        ("I was supposed to become a lawyer.", set()),
        (
            "But what are the skills that... let's say, I work as a data scientist and I am"
            " curious about marketing.",
            set(),
        ),
        ("So, let's say, I work as a data analyst and I want to move.", set()),
        # someone else's role: the object's after "have X as", or words acted out
        ("So I was lucky enough to have Clay as a mentor for years.", set()),
        ("Or you're like, I'm just a startup founder and this doesn't work for me.", set()),
        ("And he said, I'm a product manager, and I hate meetings.", set()),
        ("I told him, I'm a product manager.", {("Ana", "works_as", "product manager", False)}),
        ("I got a job as a data analyst.", {("Ana", "worked_as", "data analyst", False)}),
        # a past perfect ("'d been") and a sentence set in the past are past
        (
            "I\u2019d also been a manager for a couple of years.",
            {("Ana", "worked_as", "manager", False)},
        ),
        ("I'd have been a manager by now.", set()),
        ("I\u2019d been working at Google for years.", {("Ana", "worked_at", "Google", False)}),
        (
            "In my first job, I'm a data analyst, and I'm doing reports.",
            {("Ana", "worked_as", "data analyst", False)},
        ),
        # a cue of the past speaks of its own clause, a present one of its own list item
        (
            "I work at Stripe, I used to work at Google.",
            {("Ana", "works_at", "Stripe", False), ("Ana", "worked_at", "Google", False)},
        ),
        (
            "Claire is a chief product officer at Color, Optimizely, and currently chief"
            " product officer at LaunchDarkly.",
            {
                ("Claire", "works_as", "CPO", False),
                ("Claire", "worked_at", "Color", False),
                ("Claire", "worked_at", "Optimizely", False),
                ("Claire", "works_at", "LaunchDarkly", False),
            },
        ),
        # a start told as recent goes on
        (
            "I recently became an amateur content creator.",
            {("Ana", "works_as", "content creator", False)},
        ),
        (
            "I just joined Stripe as a product manager.",
            {("Ana", "works_at", "Stripe", False), ("Ana", "works_as", "product manager", False)},
        ),
        (
            "Then most recently I joined Stripe, and after that I started my own company.",
            {("Ana", "worked_at", "Stripe", False)},
        ),
        # an organization joined that the subject describes in the present is theirs now
        (
            "Nine months ago, I moved to Europe, and I joined OLX Group, where I have the"
            " role of chief data officer.",
            {("Ana", "works_at", "OLX", False)},
        ),
        (
            "I joined OLX Group two years ago, which is a marketplace.",
            {("Ana", "worked_at", "OLX", False)},
        ),
        # the role one trained as is no job held
        ("So I'm a data engineer by training, but now I manage people.", set()),
        ("I am a social scientist by education, so it's unusual.", set()),
        # a handle on a platform is no job
        ("I'm on X at ClaireVo, all one word.", set()),
        ("Yeah, I'm @JayBaxter at Twitter.", set()),
        ("I'm on the data team at Stripe.", {("Ana", "works_at", "Stripe", False)}),
        # a founding verb with a role other than a founder's began a job
        (
            "I started OLX as a senior engineer.",
            {("Ana", "worked_at", "OLX", False), ("Ana", "worked_as", "senior engineer", False)},
        ),
    ],
)
def test_claims_jobs_held_now_then_or_not_at_all(nlp, text, expected) -> None:
    assert {c for c in claims(nlp, text) if c[1] in JOBS} == expected


@pytest.mark.parametrize(
    "text",
    [
        "You should be able to do it with Docker.",
        "A lot of people think you have to come away with a vision, and you don't.",
        "You're trying to figure out how some product should work with Docker.",
        "Some books are useful to get organizational awareness and help with mentoring.",
        "Python was my favorite language because I had an amazing teacher.",
        "The fast feedback loops really work well for them.",
    ],
)
def test_claims_expectations_beliefs_and_memories_advise_nothing(nlp, text: str) -> None:
    assert not [c for c in claims(nlp, text) if c[1] in ("recommends", "advises")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You should learn SQL.", ("Ana", "advises", "SQL", False)),
        ("I think you should learn SQL.", ("Ana", "advises", "SQL", False)),
        ("It's important to learn SQL.", ("Ana", "advises", "SQL", False)),
        ("Python is my favorite language.", ("Ana", "recommends", "Python", False)),
        ("Code reviews work really well.", ("Ana", "recommends", "code review", False)),
    ],
)
def test_claims_advice_that_stays(nlp, text: str, expected: tuple) -> None:
    assert expected in claims(nlp, text)


def test_claims_one_sentence_is_not_for_and_against_the_same_thing(nlp) -> None:
    """A negation of another clause ("it's not great") is dropped where the same sentence
    recommends the book in its own words."""
    for text, book in [
        (
            "Another one, I hurt my back so it's not great, Back Mechanic by Stuart McGill is "
            "incredible.",
            "Back Mechanic",
        ),
        ("The last book I'd be remiss in not recommending is Radical Candor.", "Radical Candor"),
    ]:
        found = find_claims(nlp(text), "Ana", None, 9, asked=frozenset({"books"}))
        assert [(c.object.key, c.negated) for c in found if c.predicate == "recommends"] == [
            (book, False)
        ]


def test_claims_advice_against_what_a_negated_order_takes(nlp) -> None:
    """ "my advice is, don't do X": the verb X hangs from is negated and said to the
    listener; "don't forget X" asks for X; a negated verb of someone else's is no order."""
    from kgraph.extract.claims.objects import refused
    from kgraph.extract.claims.words import default_lexicon

    words = default_lexicon()

    def ent(text: str, name: str):
        doc = nlp(text)
        return next(e for e in doc.ents if e.text == name)

    assert refused(ent("My advice is, don't do code reviews up front.", "code reviews"), words)
    assert refused(ent("You don't need Kubernetes for a small app.", "Kubernetes"), words)
    assert not refused(ent("Don't forget Kubernetes.", "Kubernetes"), words)
    assert not refused(ent("They don't use Kubernetes at Stripe.", "Kubernetes"), words)
    assert not refused(ent("You should use Kubernetes.", "Kubernetes"), words)


@pytest.mark.parametrize(
    ("text", "founded"),
    [
        ("We basically started Tiny to become the buyer we wished for.", True),
        ("If I was going to start Instacart, I would do it differently.", False),
        ("I'd love to start Acme one day.", False),
    ],
)
def test_claims_a_company_supposed_or_wished_is_not_founded(nlp, text, founded) -> None:
    assert bool([c for c in claims(nlp, text) if c[1] == "founded"]) == founded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reaction acted out ("I was like, ...") states nothing of the speaker
        ("I was like, \"I'm never going to be a writer, I don't know what I'm doing.\"", set()),
        ("I'm like, \"I'm not a writer.\"", set()),
        ('I told them, "I\'m a data engineer."', {("Ana", "works_as", "data engineer", False)}),
    ],
)
def test_claims_a_reaction_acted_out_is_no_self_report(nlp, text, expected) -> None:
    assert {c for c in claims(nlp, text) if c[1] in ("works_as", "worked_as")} == expected


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        ("Specifically for machine learning, I would advise you to team up with a mentor.", set()),
        ("For data engineering, learn SQL.", {"SQL"}),
        ("You should learn SQL for data engineering.", {"SQL", "data engineering"}),
    ],
)
def test_claims_a_leading_phrase_sets_the_scene(nlp, text, advised) -> None:
    found = claims(nlp, text)
    assert {c[2] for c in found if c[1] in ("advises", "recommends")} == advised


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        # a pseudo-cleft: what the copula equates with the thing to do is advised
        ("The first thing you need to do is start networking.", {"professional network"}),
        ("What you need to do is polish your CV.", {"resume"}),
        ("The best thing you can do is practice mock interviews.", {"mock interview"}),
        # the cue of a clause that only introduces gives way to the next cue
        ("So what you need to do is you need to polish your CV.", {"resume"}),
        ("If you need a job, you should polish your CV.", {"resume"}),
        # what a pseudo-cleft equates with a fact is no thing to do
        ("The thing you need to know is that mock interviews are hard.", set()),
        ("What you need to do with Python depends on the team.", set()),
    ],
)
def test_claims_a_later_cue_and_a_pseudo_cleft_advise(nlp, text, advised) -> None:
    found = claims(nlp, text)
    assert {o for _, p, o, _ in found if p in ("advises", "recommends")} == advised, found


@pytest.mark.parametrize(
    ("text", "advised"),
    [
        # an imperative clause after a dash or colon advises
        ("So that's number one – don't skip code reviews.", {("code review", False)}),
        ("That was my lesson: write a design doc first.", {("design doc", False)}),
        # an organization as the thing to use, not as a place or a request to the audience
        ("You should practice on LeetCode every day.", {("LeetCode", False)}),
        ("Don't use Jira for this.", {("Jira", True)}),
        ("You have to work at Meta first.", set()),
        ("Please use Slido to ask your questions.", set()),
        ("We tried things - the design doc was one.", set()),
        # what one is urged to be at ease with, not what one is to be careful with
        ("So be really comfortable with Excel.", {("Excel", False)}),
        ("You need to get good at Figma.", {("Figma", False)}),
        ("Be careful with Kubernetes.", set()),
        ("I was comfortable with Excel.", set()),
    ],
)
def test_claims_an_embedded_imperative_and_a_tool_to_use_advise(nlp, text, advised) -> None:
    found = claims(nlp, text)
    assert {(o, n) for _, p, o, n in found if p == "advises"} == advised, found


@pytest.mark.parametrize(
    "text",
    [
        "I'm a frequent speaker at PyData.",  # speaking there is no job
        "So right now I'm at a WeWork.",  # one of its places
        "I'm also in that Slack.",  # a group of it
    ],
)
def test_claims_no_workplace_of_a_visitor_or_a_place(nlp, text: str) -> None:
    assert not {c for c in claims(nlp, text) if c[1] in ("works_at", "worked_at")}
