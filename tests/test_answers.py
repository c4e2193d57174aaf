"""kgraph.answers and its commands over a small invented graph: reading lists, advice,
disagreements, topics as people type them."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from kgraph import answers, query
from kgraph.answers.stance import AGAINST, FOR, NONE, stance
from kgraph.cli import app
from kgraph.errors import EntityNotFoundError
from kgraph.model import Claim, Entity, Evidence, to_dict

DOCS = [
    {"id": "ep1", "title": "Episode one", "url": "https://youtu.be/aaaaaaaaaaa"},
    {"id": "ep2", "title": "Episode two", "url": "https://youtu.be/bbbbbbbbbbb"},
    {"id": "ep2-copy", "title": "Episode two (copy)", "url": "https://youtu.be/bbbbbbbbbbb"},
    {"id": "ep3", "title": "Episode three", "url": None},
    {"id": "ep4", "title": "Becoming a staff engineer", "url": None, "tags": ["careers"]},
]
PEOPLE = ["Ann Lee", "Bo Chen", "Cy Diaz", "Dee Roy", "Host Man"]


class Builder:
    def __init__(self):
        self.G = nx.MultiDiGraph(name="t", documents=DOCS)
        self.n = 0
        for name in PEOPLE:
            self.node(name, "person")

    def node(self, label: str, type: str, aliases: str = "", documents: int = 1) -> str:
        n = f"{type}:{label.lower().replace(' ', '-')}"
        self.G.add_node(n, label=label, type=type, aliases=aliases, mentions=3, documents=documents)
        return n

    def claim(self, who, predicate, obj, quote, doc="ep1", turn=1, negated=False, subject=None):
        self.n += 1
        self.G.add_edge(
            subject or f"person:{who.lower().replace(' ', '-')}",
            obj,
            key=f"claim:{self.n}",
            kind="claim",
            predicate=predicate,
            speaker=who,
            evidence=quote,
            document=doc,
            turn=turn,
            time=60.0 * turn,
            url=None,
            negated=negated,
            weight=1,
        )

    def read_at_build(self) -> None:
        """The stances the build reads of these claims (no sentence of an entity read)."""
        from kgraph.graph.stances import read_stances

        nodes = self.G.nodes
        entities = [
            Entity(n, d["label"], d["type"], [a for a in d["aliases"].split("|") if a], [], [])
            for n, d in nodes(data=True)
        ]
        claims = [
            Claim(
                u,
                d["predicate"],
                v,
                Evidence(d["document"], d["turn"], d["evidence"], d["speaker"]),
            )
            for u, v, d in self.G.edges(data=True)
            if d.get("kind") == "claim"
        ]
        self.G.graph["stances"] = read_stances(entities, to_dict, claims=claims)


@pytest.fixture
def B():
    b = Builder()
    common = b.node("Common Book", "book")
    solo = b.node("Solo Book", "book")
    hom = b.node("High Output Management", "book")
    b.node("Staff Engineer", "role")
    pmf = b.node("product-market fit", "concept", aliases="PMF")
    mgmt = b.node("Management", "concept")
    # Common Book: three people (Ann twice); Solo Book: one person, four times
    for i, who in enumerate(["Ann Lee", "Ann Lee", "Bo Chen", "Cy Diaz"]):
        b.claim(who, "recommends", common, f"{who} says: read Common Book, take {i}.", turn=i)
    for i in range(4):
        b.claim("Dee Roy", "recommends", solo, f"Solo Book changed my career, part {i}.", turn=i)
    b.claim("Bo Chen", "recommends", hom, "I would not read High Output Management.", negated=True)
    b.claim("Cy Diaz", "recommends", hom, "High Output Management is the manager's book.")
    b.claim("Host Man", "wrote", common, "Dee wrote Common Book.", subject="person:dee-roy")
    b.G.add_edge(hom, mgmt, key="co_mention", kind="co_mention", weight=2, examples=[])
    # advice on product-market fit: one sentence that carries two claims; the same episode
    # in two files; a short generic line
    shared = "Find product-market fit before you hire, and keep management light."
    b.claim("Ann Lee", "advises", pmf, shared, doc="ep2", turn=5)
    b.claim("Ann Lee", "advises", mgmt, shared, doc="ep2", turn=5)
    b.claim("Ann Lee", "advises", pmf, shared, doc="ep2-copy", turn=7)
    b.claim("Bo Chen", "advises", pmf, "Do it.", doc="ep3", turn=2)
    b.claim(
        "Bo Chen",
        "advises",
        pmf,
        "Measure PMF with a survey of your most engaged users every quarter.",
        doc="ep3",
        turn=3,
    )
    # disagreement on management: two for, one against; a description is no stance
    b.claim("Cy Diaz", "advises", mgmt, "Go into management if you like people.", doc="ep1")
    b.claim("Dee Roy", "advises", mgmt, "Try management once, at least.", doc="ep3")
    b.claim("Bo Chen", "advises", mgmt, "Do not go into management for money.", negated=True)
    b.claim("Host Man", "requires", mgmt, "Management requires patience.", subject=mgmt)
    return b


def test_reading_list_ranks_by_distinct_people_not_by_quotes(B):
    page = answers.recommended(B.G)
    labels = [item["label"] for item in page["items"]]
    assert labels[:2] == ["Common Book", "Solo Book"]
    common, solo = page["items"][0], page["items"][1]
    assert common["speakers"] == 3 and solo["speakers"] == 1 and solo["quotes"] == 4
    assert [r["name"] for r in common["recommenders"]] == ["Ann Lee", "Bo Chen", "Cy Diaz"]
    assert len(common["recommenders"][0]["quotes"]) == 2
    assert common["author"] == "Dee Roy" and common["author_from"] == "claim"
    assert common["quote"]["url"] == "https://www.youtube.com/watch?v=aaaaaaaaaaa&t=0s"


def test_reading_list_negated_recommendation_counts_for_nothing_and_gazetteer_author(B):
    item = next(
        i for i in answers.recommended(B.G)["items"] if i["id"] == "book:high-output-management"
    )
    assert item["speakers"] == 1 and item["recommenders"][0]["name"] == "Cy Diaz"
    assert (item["author"], item["author_from"]) == ("Andy Grove", "gazetteer")


def test_reading_list_keeps_only_quotes_that_recommend_that_very_book(B):
    paranoid = B.node("Only the Paranoid Survive", "book")
    positioning = B.node("Positioning", "book")
    awesome = B.node("Obviously Awesome", "book")
    # one sentence, two claims: it names one book, not the other (same author)
    quote = "I'd recommend Andy Grove's book Only the Paranoid Survive."
    B.claim("Dee Roy", "recommends", paranoid, quote, doc="ep3", turn=9)
    B.claim("Dee Roy", "recommends", "book:high-output-management", quote, doc="ep3", turn=9)
    # "positioning" written small is a word, not the title
    quote = "The book I recommend on positioning is Obviously Awesome."
    B.claim("Ann Lee", "recommends", awesome, quote, doc="ep3", turn=10)
    B.claim("Ann Lee", "recommends", positioning, quote, doc="ep3", turn=10)
    # an author on their own book is a plug; a host's words are an introduction
    B.claim("Dee Roy", "recommends", "book:common-book", "Read Common Book, my book.")
    docs = [dict(d, hosts=["Host Man"]) for d in B.G.graph["documents"]]
    B.G.graph["documents"] = docs
    B.claim("Host Man", "recommends", awesome, "Obviously Awesome is a great book, folks.")
    # a title that is only another book's source, or what others did
    B.claim("Bo Chen", "recommends", "book:solo-book", "Great, by the author of Solo Book.")
    B.claim("Cy Diaz", "recommends", "book:solo-book", "My team was reading the book, Solo Book.")
    B.claim("Ann Lee", "recommends", "book:solo-book", "There is Solo Book, but I did not like it.")
    items = {i["label"]: i for i in answers.recommended(B.G)["items"]}
    assert [r["name"] for r in items["Solo Book"]["recommenders"]] == ["Dee Roy"]
    assert [r["name"] for r in items["Only the Paranoid Survive"]["recommenders"]] == ["Dee Roy"]
    assert [r["name"] for r in items["High Output Management"]["recommenders"]] == ["Cy Diaz"]
    assert [r["name"] for r in items["Obviously Awesome"]["recommenders"]] == ["Ann Lee"]
    assert "Positioning" not in items
    assert "Dee Roy" not in [r["name"] for r in items["Common Book"]["recommenders"]]


def test_reading_list_about_a_topic_its_episode_is_about(B):
    guide = B.node("Quiet Guide", "book")
    B.claim("Dee Roy", "recommends", guide, "Read Quiet Guide.", doc="ep4")
    assert [i["label"] for i in answers.recommended(B.G, about="staff engineers")["items"]] == [
        "Quiet Guide"
    ]
    assert [i["label"] for i in answers.recommended(B.G, about="careers")["items"]] == [
        "Quiet Guide"
    ]  # no entity: the fallback, by the episode's tags


def test_reading_list_filters_limit_total_truncated(B):
    page = answers.recommended(B.G, limit=1)
    assert (page["total"], page["truncated"], len(page["items"])) == (3, True, 1)
    assert [i["label"] for i in answers.recommended(B.G, by="Dee Roy")["items"]] == ["Solo Book"]
    by_bo = answers.recommended(B.G, by="Bo Chen")["items"]
    assert [i["label"] for i in by_bo] == ["Common Book"]  # his negated one is no recommendation
    about = answers.recommended(B.G, about="management")["items"]
    assert [i["label"] for i in about] == ["High Output Management"]  # linked to the topic
    assert answers.recommended(B.G, type="role")["total"] == 0


@pytest.mark.parametrize(
    "typed", ["product-market fit", "Product market fit", "PMF", "product market fits"]
)
def test_topic_resolves_as_people_type_it(B, typed):
    topic = answers.resolve_topic(B.G, typed)
    assert topic["ids"] == ["concept:product-market-fit"] and not topic["fallback"]


def test_topic_left_as_two_nodes_by_resolution_counts_both(B):
    B.node("Product Market Fit", "organization")
    assert sorted(answers.resolve_topic(B.G, "product market fit")["ids"]) == [
        "concept:product-market-fit",
        "organization:product-market-fit",
    ]


def test_advice_on_a_topic_groups_by_person_specific_first_each_quote_once(B):
    page = answers.advice(B.G, "PMF")
    assert page["note"] is None
    groups = [(g["speaker"], g["specific"], g["items"]) for g in page["items"]]
    # specific advice first, grouped by speaker; then what else each speaker said of it
    assert [(who, specific) for who, specific, _ in groups] == [
        ("Ann Lee", True),
        ("Bo Chen", True),
        ("Bo Chen", False),
    ]
    ann = groups[0][2]
    # one sentence, three claims in two files of one episode: shown once
    assert len(ann) == 1 and ann[0]["evidence"]["title"] == "Episode two"
    bo = [i["evidence"]["quote"] for _, _, items in groups[1:] for i in items]
    assert bo == [
        "Measure PMF with a survey of your most engaged users every quarter.",
        "Do it.",
    ]
    assert [i["specific"] for _, _, items in groups[1:] for i in items] == [True, False]


def test_advice_by_person_lists_what_one_quote_advises_once(B):
    page = answers.advice(B.G, by="Ann Lee")
    assert page["total"] == 1
    items = page["items"][0]["items"]
    shared = [i for i in items if "product-market fit" in i["evidence"]["quote"]]
    assert len(shared) == 1
    assert {o["label"] for o in shared[0]["objects"]} == {"product-market fit", "Management"}


def test_advice_on_an_unknown_topic_falls_back_to_quotes_and_says_so(B):
    page = answers.advice(B.G, "survey")
    assert page["topic"]["fallback"] and "no entity is named 'survey'" in page["note"]
    quotes = [i["evidence"]["quote"] for g in page["items"] for i in g["items"]]
    assert quotes == ["Measure PMF with a survey of your most engaged users every quarter."]
    with pytest.raises(EntityNotFoundError):
        answers.advice(B.G, by="Nobody Known")


def test_contested_sides_count_people_and_ignore_descriptions(B):
    page = answers.contested(B.G)
    by_label = {i["label"]: i for i in page["items"]}
    # "High Output Management is the manager's book." describes: no stance for it
    assert list(by_label) == ["Management"]
    mgmt = by_label["Management"]
    assert (mgmt["for"]["speakers"], mgmt["against"]["speakers"]) == (2, 1)
    assert mgmt["against"]["people"] == ["Bo Chen"]
    assert all("requires" not in q["quote"] for q in mgmt["for"]["quotes"])
    assert answers.contested(B.G, about="PMF")["total"] == 0


def test_claims_filter_by_object_and_subject_type(B):
    found = query.claims(B.G, type="book", subject_type="person")
    assert found and all(c["object"].startswith("book:") for c in found)
    assert not query.claims(B.G, type="book", subject_type="concept")
    assert {c["predicate"] for c in query.claims(B.G, subject_type="concept")} == {"requires"}


# ----------------------------------------------------------------------------- commands

runner = CliRunner()


@pytest.fixture
def graph_file(B, tmp_path):
    from kgraph.exporters.json import write_json

    path = tmp_path / "kgraph.json"
    write_json(B.G, path)
    return path


def kgraph(*args):
    return runner.invoke(app, [str(a) for a in args], prog_name="kgraph")


@pytest.mark.parametrize("command", ["books", "recommended", "advice", "contested"])
def test_cli_answer_help_has_an_example(command):
    result = kgraph(command, "--help")
    assert result.exit_code == 0 and f"kgraph {command}" in result.stdout


def test_cli_books_text_and_json(graph_file):
    result = kgraph("books", "-g", graph_file, "--limit", "1")
    assert result.exit_code == 0
    assert "1. Common Book by Dee Roy  [3 people: Ann Lee, Bo Chen, Cy Diaz]" in result.stdout
    assert "… 2 more" in result.stdout
    data = json.loads(kgraph("books", "-g", graph_file, "--json", "-n", "2").stdout)
    assert (data["total"], data["truncated"], len(data["items"])) == (3, True, 2)


def test_cli_advice_contested_and_exit_codes(graph_file):
    result = kgraph("advice", "product market fit", "-g", graph_file)
    assert result.exit_code == 0 and result.stdout.startswith("Ann Lee (1 quote)")
    specific, other = result.stdout.split("Also mentioned (no advice in so many words):\n")
    assert "Measure PMF" in specific and other.startswith("Bo Chen (1 quote)")
    assert '"Do it."' in other
    assert kgraph("advice", "-g", graph_file).exit_code == 2  # neither topic nor --by
    empty = kgraph("recommended", "--type", "role", "-g", graph_file)
    assert empty.exit_code == 1 and "nothing found" in empty.stderr
    result = kgraph("contested", "-g", graph_file, "--json")
    assert json.loads(result.stdout)["items"][0]["against"]["people"] == ["Bo Chen"]
    text = kgraph("contested", "-g", graph_file).stdout
    assert text.startswith("Management (concept): 2 people for, 1 person against")
    claims = kgraph("claims", "-g", graph_file, "--type", "book", "--subject-type", "concept")
    assert claims.exit_code == 1 and "no claims match" in claims.stderr  # empty: exit 1


def test_score_answers_counts_pairs_books_and_advice():
    """scripts/score_answers.py on a graph and a gold file of our own."""
    from conftest import load_script

    score = load_script("score_answers")
    b = Builder()
    right, wrong = b.node("Right Book", "book"), b.node("Wrong Book", "book")
    b.node("Missed Book", "book")
    pmf = b.node("product-market fit", "concept", aliases="PMF")
    b.claim("Ann Lee", "recommends", right, "Read Right Book.")
    b.claim("Ann Lee", "recommends", wrong, "Wrong Book is fun.")
    b.claim("Ann Lee", "advises", pmf, "Chase PMF first.")
    gold = {
        "entities": {
            "person": ["Ann Lee", "Bo Chen"],
            "book": ["Right Book", "Missed Book", "Wrong Book"],
            "concept": ["PMF", "hiring"],
        },
        "aliases": {"PMF": ["product-market fit"]},
        "facts": [
            ["Ann Lee", "recommends", "Right Book"],
            ["Ann Lee", "recommends", "Missed Book"],
            ["Ann Lee", "advises", "PMF"],
            ["Ann Lee", "advises", "hiring"],
            ["Bo Chen", "advises", "PMF"],
        ],
    }
    counts = score.score_document(b.G, gold)
    assert (counts["rec_found"], counts["rec_gold"]) == (1, 2)
    assert (counts["rec_ok"], counts["rec_pred"]) == (1, 2)
    assert (counts["books_ok"], counts["books_pred"], counts["rec_claims"]) == (1, 2, 1)
    assert (counts["adv_found"], counts["adv_gold"]) == (1, 3)


def test_contested_a_person_on_both_sides_is_on_neither(B):
    mentoring = B.node("Mentoring", "concept")
    B.claim("Ann Lee", "advises", mentoring, "You should get mentoring early.")
    B.claim("Ann Lee", "advises", mentoring, "Do not rely on mentoring programs.", negated=True)
    B.claim("Bo Chen", "advises", mentoring, "You should get mentoring programs for new leads.")
    # a copy: a networkx graph is indexed once, when first asked
    assert "Mentoring" not in {i["label"] for i in answers.contested(B.G.copy())["items"]}
    B.claim("Cy Diaz", "advises", mentoring, "Skip formal mentoring programs.", negated=True)
    item = next(i for i in answers.contested(B.G)["items"] if i["label"] == "Mentoring")
    assert (item["for"]["people"], item["against"]["people"], item["both"]) == (
        ["Bo Chen"],
        ["Cy Diaz"],
        ["Ann Lee"],
    )


def test_advice_a_company_merely_recommended_comes_after_specific_advice(B):
    shop = B.node("Shopwise", "organization")
    B.claim("Dee Roy", "recommends", shop, "I really loved working with Shopwise back then.")
    B.claim("Dee Roy", "advises", "concept:management", "Try management for one full year.")
    items = [i for g in answers.advice(B.G, by="Dee Roy")["items"] for i in g["items"]]
    specific = [i["evidence"]["quote"] for i in items if i["specific"]]
    assert "Try management for one full year." in specific
    shop = next(n for n, i in enumerate(items) if i["object_label"] == "Shopwise")
    assert not items[shop]["specific"] and shop >= len(specific)


@pytest.mark.parametrize(
    ("quote", "forms", "expected"),
    [
        ("Please don't track your KPIs.", ["KPI"], AGAINST),
        ("I largely stay away from OKRs from a product perspective.", ["OKR"], AGAINST),
        ("So, don't take a sabbatical.", ["sabbatical"], AGAINST),
        ("I would not recommend reading Deep Work.", ["Deep Work"], AGAINST),
        ("Honestly, product sense is overrated.", ["product sense"], AGAINST),
        ("You should never be hiring a PM that early.", ["PM"], AGAINST),
        ("You should never be outsourcing your decision making.", ["decision making"], NONE),
        ("I don't think you should hire a PM that early.", ["PM"], AGAINST),
        ("I would never hire a PM before product-market fit.", ["PM"], AGAINST),
        ("I'd never run a conference before.", ["conference"], NONE),  # "I had"
        ("Do not skip those onboarding questions.", ["onboarding"], FOR),
        ("So don't dilute the impact of the launch.", ["impact"], FOR),
        ("I think you should write a design doc first.", ["design doc"], FOR),
        ("I'd highly recommend reading High Output Management.", ["High Output Management"], FOR),
        ("OKRs are super important for new teams.", ["OKR"], FOR),
        # no stance: a condition, a description, a question, someone else's words
        ("If you don't have a design doc, it is hard.", ["design doc"], NONE),
        ("Nike has this incubation lab.", ["incubation lab"], NONE),
        ("Should you write a design doc first?", ["design doc"], NONE),
        ('They said, "don\'t track KPIs" and left.', ["KPI"], NONE),
        ('So do a demo for me."', ["demo"], NONE),  # quoted since an earlier sentence
        ('You need to talk to the buyer, because the user will say, "', ["buyer"], FOR),
        ("Maybe you just don't like Jira.", ["Jira"], NONE),
        ("You mentioned that you need to write a design doc.", ["design doc"], NONE),
        # not needed: a dismissal ("you don't need it"), unless under a condition
        ("You don't need to write a design doc.", ["design doc"], AGAINST),
        ("Honestly, you don't need a COO at ten people.", ["COO"], AGAINST),
        ("If you don't need a COO, don't hire one.", ["COO"], NONE),
        # a mistake named, a thing said not to work or matter, "I'd never", "I'd avoid"
        ("The worst thing you can do is hire a COO.", ["COO"], AGAINST),
        (
            "The biggest mistake founders make is hiring salespeople too early.",
            ["salespeople"],
            AGAINST,
        ),
        ("The biggest mistake I made was hiring a COO.", ["COO"], NONE),  # a story
        ("I think NPS is bullshit.", ["NPS"], AGAINST),
        ("Titles just don't matter.", ["title"], AGAINST),
        ("Our titles don't matter much here.", ["title"], NONE),  # ours, not titles
        ("That roadmap doesn't work.", ["roadmap"], NONE),
        ("I'd never hire a COO.", ["COO"], AGAINST),
        ("I'd never hired a COO before.", ["COO"], NONE),
        ("I'd avoid OKRs for a small team.", ["OKR"], AGAINST),
        ("I'd recommend not hiring a COO.", ["COO"], AGAINST),
        ("Forget about OKRs for now.", ["OKR"], AGAINST),
        ("We forget about OKRs every quarter.", ["OKR"], NONE),
        ("Things that you don't need to write a test for.", ["test"], NONE),
        ("You should be cautious about hiring your first VP of Sales.", ["VP of Sales"], AGAINST),
        ("He learns through failure that this doesn't work.", ["failure"], NONE),
        ("Then they realized why leaderboards don't work.", ["leaderboard"], NONE),
        ("Press releases don't work.", ["press release"], AGAINST),
        ("Hire your first PM late.", ["PM"], FOR),
        ("You have to understand from first principles what goes on.", ["principle"], NONE),
        # a practice named by its verb acts on what follows: advice about that, not it
        ("I'm a firm believer in hiring smart people.", ["hiring"], NONE),
        ("Be cautious about hiring your first VP of Sales.", ["hiring"], NONE),
        ("Avoid hiring before product-market fit.", ["hiring"], AGAINST),
        ("Stop hiring too early.", ["hiring"], AGAINST),
        ("So I would stop bothering the engineers with it.", ["engineer"], NONE),
        ("Stop using story points.", ["story point"], AGAINST),
        ("I would never have the credibility with designers.", ["credibility"], NONE),
        ("Someone gave a talk that prompt engineering is dead.", ["prompt engineering"], NONE),
        ("Add friction where it protects the user.", ["friction"], FOR),
        ("People who think my AI talk is nonsense.", ["AI"], NONE),
        ("Imagine you don't have a vision for the account.", ["vision"], NONE),
        ("But don't focus on your competitors is terrible advice.", ["competitor"], NONE),
        ("I encourage a lot of founders to do this.", ["founder"], NONE),
        ("I'd encourage every founder out there to work on the craft.", ["founder"], NONE),
        ("I'd strongly encourage OKRs for every team.", ["OKR"], FOR),
        ("Great journalists who just have real expertise.", ["expertise"], NONE),
        ("We write because you need to have expertise to write.", ["expertise"], NONE),
        ("The best way to get AI value out there is experience.", ["AI"], NONE),
        ("The best thing you can do is write a design doc.", ["design doc"], FOR),
        # needed, not to be feared
        ("You need OKRs once you pass fifty people.", ["OKR"], FOR),
        ("People need feedback.", ["feedback"], NONE),
        ("Do you need a COO?", ["COO"], NONE),
        ("Don't be afraid to hire a COO.", ["COO"], FOR),
        # the thing named is not the object of the advice
        ("Don't save it up for your one-on-one.", ["one-on-one"], NONE),
        ("So let's just try to bring OKRs back.", ["OKR"], NONE),
        # an acronym counts in capitals only: "pr" is not "PR"
        ("You should get a pr firm.", ["PR"], NONE),
        ("You should get PR early.", ["PR"], FOR),
        # where one stands: a believer, a sceptic
        ("I'm a big believer in OKRs for small teams.", ["OKR"], FOR),
        ("I'm really skeptical of personas.", ["persona"], AGAINST),
        ("I'm not a big fan of roadmaps, honestly.", ["roadmap"], AGAINST),
        # what one does, or a verb that is not doing the thing, is no advice
        ("There's not many things I don't use AI for these days.", ["AI"], NONE),
        ("I personally actually don't do AI research anymore.", ["AI research"], NONE),
        ("Never reverse principles two and three.", ["principle"], NONE),
        ("So don't confuse press releases with actual success.", ["press release"], NONE),
        ("Now, that doesn't mean I don't care about happiness.", ["happiness"], NONE),
        ("At Amazon the PMs have to write a press release first.", ["press release"], NONE),
        ("It's what I recommend to all entrepreneurs.", ["entrepreneur"], NONE),
        # one instance spoken of, not the thing
        ("Don't do that testing up front, start with intuition.", ["testing"], NONE),
        # a capitalised word inside a clause is a name: the magazine, not the role
        ("So stop using Entrepreneur and chase the local paper.", ["entrepreneur"], NONE),
        ("Stop using entrepreneurs for quotes.", ["entrepreneur"], AGAINST),
        ("A lot of people don't have the discipline to do it.", ["discipline"], NONE),
        ("Find a co-founder, get into a good accelerator.", ["founder"], NONE),
        ("The idea that you shouldn't study these disciplines is odd.", ["discipline"], NONE),
        ("I am very against stopping AI development.", ["AI"], NONE),
        ("One is, you can actually just ask the engineers themselves.", ["engineer"], NONE),
        ("I always advise product managers like, you need to join.", ["product manager"], NONE),
        ("Typically what I would advise for PMs is focus.", ["PM"], NONE),
        ("Some companies may just use their credit card.", ["credit card"], NONE),
        ("He bumps a presentation like, oh, product managers are useless.", ["PM"], NONE),
    ],
)
def test_stance_reads_advice_for_and_against(quote, forms, expected):
    assert stance(quote, forms) == expected


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("User research is the single most important thing.", FOR),
        ("Honestly user research is underrated.", FOR),
        ("User research is really important.", NONE),  # praise only
        ("User research is a myth.", AGAINST),
        ("Doing user research with students is the most important thing.", NONE),
        ("User research is the most important thing they buy, they do it all the time.", NONE),
        ("User research is the most important thing for a new team.", FOR),
    ],
)
def test_a_strong_endorsement_is_a_stance_without_praise(quote, expected):
    assert stance(quote, ["user research"], praise=False) == expected


def test_a_title_is_named_in_capitals_only():
    assert stance("Make your principle and see if it works.", ["Principles"], title=True) == NONE
    assert stance("Read Principles by Ray Dalio.", ["Principles"], title=True) == FOR


def test_stance_reads_the_lists_it_shares_with_the_claim_rules():
    """One list per meaning: the claim rules' words of avoiding, of urging, of a judgement
    against and of a double negative are the answers' too."""
    from kgraph.extract.claims.words import default_lexicon

    words = default_lexicon()
    for verb in sorted(words.avoid_verbs - {"rid"}):
        assert stance(f"So {verb} OKRs this year.", ["OKR"]) == AGAINST, verb
    for verb, particle in sorted(words.avoid_particle_verbs):
        quote = f"So {verb} {particle} from the OKRs this year."
        assert stance(quote, ["OKR"]) == AGAINST, (verb, particle)
    for verb in sorted(words.urging_verbs):
        assert stance(f"I'd {verb} OKRs for every team.", ["OKR"]) == FOR, verb
        assert stance(f"I would not {verb} OKRs to anyone.", ["OKR"]) == AGAINST, verb
    for verb in sorted(words.double_negative_verbs | words.avoid_verbs):
        assert stance(f"Don't {verb} the OKRs of the team.", ["OKR"]) == FOR, verb
    assert stance("Honestly, OKRs are a distraction.", ["OKR"]) == AGAINST
    # each judgement against, in a quote of its own (its words, not the cheap test
    # before the search, decide)
    for quote in ("a waste of time", "a bad idea", "not worth it", "a red flag", "useless"):
        assert stance(f"Honestly, OKRs are {quote}.", ["OKR"]) == AGAINST, quote
    assert stance("It's really key to set OKRs early.", ["OKR"]) == FOR


def test_contested_takes_the_stance_from_the_quote_not_the_claim():
    b = Builder()
    okr = b.node("OKR", "concept")
    # a claim marked negated that only describes, and one not marked that advises against
    b.claim("Ann Lee", "advises", okr, "Our OKRs are not very well aligned.", negated=True)
    b.claim("Bo Chen", "advises", okr, "I largely stay away from OKRs these days.")
    b.claim("Cy Diaz", "advises", okr, "You should set OKRs every quarter.", doc="ep3")
    praise = b.node("Roadmap", "concept")  # praise is no side
    b.claim("Ann Lee", "advises", praise, "Roadmaps are really important.")
    b.claim("Bo Chen", "advises", praise, "Don't build a roadmap too early.")
    shop = b.node("Shopwise", "organization")  # nor is liking a company
    b.claim("Ann Lee", "recommends", shop, "I'd recommend Shopwise.")
    b.claim("Bo Chen", "recommends", shop, "I would not recommend Shopwise.")
    page = answers.contested(b.G)
    assert [i["label"] for i in page["items"]] == ["OKR"]
    item = page["items"][0]
    assert (item["for"]["people"], item["against"]["people"]) == (["Cy Diaz"], ["Bo Chen"])
    assert item["against"]["quotes"][0]["quote"] == "I largely stay away from OKRs these days."


def test_contested_finds_the_other_side_in_what_speakers_said():
    """A quote naming the topic (a ``said`` example) stands for it without a claim."""
    b = Builder()
    okr = b.node("OKR", "concept")
    b.claim("Bo Chen", "advises", okr, "I largely stay away from OKRs these days.")
    example = {"document": "ep3", "turn": 4, "quote": "You should set OKRs.", "speaker": "Dee Roy"}
    b.G.add_edge("person:dee-roy", okr, key="said", kind="said", weight=1, examples=[example])
    item = answers.contested(b.G)["items"][0]
    assert (item["for"]["people"], item["against"]["people"]) == (["Dee Roy"], ["Bo Chen"])
    # without it there is nobody for
    G = b.G.copy()  # a networkx graph is indexed once, when first asked
    G.remove_edge("person:dee-roy", okr, key="said")
    assert answers.contested(G)["total"] == 0


def test_contested_leaves_out_the_host(B):
    """A host's restated question ("so X is overrated?") and intros take no side."""
    docs = [dict(d, hosts=["Host Man"]) for d in B.G.graph["documents"]]
    B.G.graph["documents"] = docs
    B.claim("Host Man", "advises", "concept:management", "Don't go into management early.")
    item = next(i for i in answers.contested(B.G)["items"] if i["label"] == "Management")
    assert "Host Man" not in item["against"]["people"] + item["for"]["people"]


def test_a_hosts_words_without_a_claim_are_no_advice(B):
    """What a host said naming a thing (a question, a segue) is not read for advice; a
    guest's same words are."""
    B.G.graph["documents"] = [dict(d, hosts=["Host Man"]) for d in B.G.graph["documents"]]
    for who in ("host-man", "dee-roy"):
        quote = "You should measure PMF with a short survey every month."
        example = {"document": "ep3", "turn": 4, "quote": quote}
        B.G.add_edge(
            f"person:{who}",
            "concept:product-market-fit",
            key="said",
            kind="said",
            weight=1,
            examples=[example],
        )
    assert answers.advice(B.G, by="Host Man")["total"] == 0
    assert answers.advice(B.G, by="Dee Roy")["items"][0]["items"][0]["specific"]


def test_contested_sides_speak_of_one_sense_of_the_topic():
    """'testing' as trying an idea and as checking code: no disagreement; two people on
    interviewing candidates with take-home tests: one."""
    b = Builder()
    testing = b.node("testing", "concept")
    b.claim("Ann Lee", "advises", testing, "Try testing it and see whether the idea still holds.")
    b.claim("Bo Chen", "advises", testing, "Don't do that testing up front, start with intuition.")
    assert answers.contested(b.G.copy())["total"] == 0  # a copy: indexed once, when asked
    take_home = b.node("take-home test", "concept")
    b.claim(
        "Cy Diaz", "advises", take_home, "You should use a take-home test for senior candidates."
    )
    b.claim("Dee Roy", "advises", take_home, "Never use a take-home test for senior candidates.")
    page = answers.contested(b.G)
    assert [i["label"] for i in page["items"]] == ["take-home test"]


def test_contested_about_a_topic_reads_what_speakers_said_on_both_sides():
    """Asked about one topic, the quotes that name it without a claim take sides too."""
    b = Builder()
    okr = b.node("OKR", "concept")
    said = {
        "person:dee-roy": "Never set OKRs for a team of three.",
        "person:cy-diaz": ("You should set OKRs for every team, even a team of three."),
    }
    for n, (who, quote) in enumerate(said.items()):
        example = {"document": "ep3", "turn": n, "quote": quote}
        b.G.add_edge(who, okr, key="said", kind="said", weight=1, examples=[example])
    item = answers.contested(b.G, about="OKRs")["items"][0]
    assert (item["for"]["people"], item["against"]["people"]) == (["Cy Diaz"], ["Dee Roy"])


@pytest.mark.parametrize(
    ("quote", "specific"),
    [
        ("You should run a pricing survey with your first ten customers.", True),
        ("You must have that pricing through the artifacts that you work on.", False),
        ("And you need to have some pricing that speaks beyond this thing.", False),
        ('", is more informative than the actual, "Just change your pricing."', False),
        ("Share any feedback on pricing for me on this episode@a.host.com.", False),
        ("And his point of view was, you need to change your pricing every year.", False),
    ],
)
def test_advice_is_specific_only_when_it_says_what_to_do(quote, specific):
    b = Builder()
    pricing = b.node("pricing", "concept")
    b.claim("Ann Lee", "advises", pricing, quote)
    items = answers.advice(b.G, by="Ann Lee")["items"][0]["items"]
    assert items[0]["specific"] is specific


def test_advice_shows_a_sentence_transcribed_twice_once():
    b = Builder()
    pricing = b.node("pricing", "concept")
    b.claim("Ann Lee", "advises", pricing, "You should raise your pricing every single year.")
    b.claim(
        "Ann Lee", "advises", pricing, "So you should raise your pricing every single year.", turn=2
    )
    b.claim(
        "Ann Lee", "advises", pricing, "You should test your pricing with new customers.", turn=3
    )
    groups = answers.advice(b.G, by="Ann Lee")["items"]
    assert sum(len(g["items"]) for g in groups) == 2


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("And don't track your KPIs this quarter.", AGAINST),
        ("Be honest, and don't track KPIs at all.", AGAINST),
        ("That is what let the team close and escape KPIs.", NONE),
        ("And we go in there and just look at all the KPIs.", NONE),
        ("So just look at all the KPIs every morning.", FOR),
    ],
)
def test_an_imperative_does_not_go_on_a_clause_with_and(quote, expected):
    assert stance(quote, ["KPI"]) == expected


def test_reading_list_leaves_out_a_part_of_a_book_and_praise_of_its_title():
    """'The Flywheel from Good to Great' recommends an idea of the book; 'X is a great
    title' praises its name; 'I learned a lot from Good to Great' recommends it."""
    b = Builder()
    book = b.node("Good to Great", "book")
    b.claim("Ann Lee", "recommends", book, "Read The Flywheel from Good to Great by Jim Collins.")
    b.claim("Bo Chen", "recommends", book, "And while Good to Great is a great title, it misleads.")
    b.claim("Cy Diaz", "recommends", book, "I learned a lot from Good to Great, read it twice.")
    item = answers.recommended(b.G)["items"][0]
    assert [r["name"] for r in item["recommenders"]] == ["Cy Diaz"]


def test_not_liking_a_thing_is_an_opinion_not_advice():
    """'I don't like X' takes a side, as praise does, but advises nothing: left out with
    praise; 'I wouldn't worry about X' and 'I don't believe in X' advise against."""
    assert stance("But yeah, I don't like chocolate.", ["chocolate"]) == AGAINST
    assert stance("But yeah, I don't like chocolate.", ["chocolate"], praise=False) == NONE
    assert stance("I wouldn't worry about the OKRs.", ["OKR"], praise=False) == AGAINST
    assert stance("I don't believe in scripts at all.", ["script"], praise=False) == AGAINST


def test_the_build_reads_every_sentence_for_stances(tmp_path):
    """Every sentence naming a debated thing is read once, at build: the disagreement
    needs no claim, and a thing named two ways ("OKR", "objectives and key results" with
    the alias "OKRs") is one topic; the stances survive the JSON and its index."""
    from kgraph.exporters.json import write_json
    from kgraph.graph import build_graph
    from kgraph.model import DocumentInfo, Entity, Evidence, KnowledgeBase
    from kgraph.query import load_graph

    docs = [DocumentInfo(f"ep{i}", f"Episode {i}", "markdown", f"ep{i}.md") for i in (1, 2, 3)]

    def said(doc: str, quote: str, who: str) -> Evidence:
        return Evidence(doc, 1, quote, who, window=0)

    okr = [
        said("ep1", "You should set OKRs every quarter.", "Ann Lee"),
        said("ep3", "Our OKRs were late that year.", "Cy Diaz"),  # a description
    ]
    objectives = [said("ep2", "I largely stay away from OKRs these days.", "Bo Chen")]
    entities = [
        Entity("concept:okr", "OKR", "concept", ["OKR", "OKRs"], okr, okr),
        Entity(
            "concept:objectives-and-key-results",
            "objectives and key results",
            "concept",
            ["OKRs", "objectives and key results"],
            objectives,
            objectives,
        ),
        Entity("organization:acme", "Acme", "organization", ["Acme"], okr, okr),  # not debated
    ]
    G = build_graph(KnowledgeBase(documents=docs, entities=entities, claims=[]))
    rows = G.graph["stances"]
    assert [(r["node"], r["speaker"], r["polarity"]) for r in rows] == [
        ("concept:objectives-and-key-results", "Bo Chen", AGAINST),
        ("concept:okr", "Ann Lee", FOR),
    ]
    path = tmp_path / "g.json"
    write_json(G, path)
    for graph in (G, load_graph(path)):
        page = answers.contested(graph)
        assert page["total"] == 1
        item = page["items"][0]
        assert (item["for"]["people"], item["against"]["people"]) == (["Ann Lee"], ["Bo Chen"])
        # the advice views read them too: no claim was made of either sentence
        groups = answers.advice(graph, topic="OKRs")["items"]
        said = {(g["speaker"], i["negated"]) for g in groups for i in g["items"]}
        assert said == {("Ann Lee", False), ("Bo Chen", True)}
        (mine,) = answers.advice(graph, by="Bo Chen")["items"]
        assert [i["evidence"]["quote"] for i in mine["items"]] == [objectives[0].quote]


@pytest.mark.parametrize(
    ("quote", "specific"),
    [
        ("I don't care about pricing pages.", False),  # what the speaker likes, told
        ("We generally stay away from pricing pages.", False),  # what they do
        ("I wouldn't use pricing pages at all.", True),  # what one should not do
        ("But I had to add in a line like, make sure to write pricing pages.", False),
        ("So don't go in with that pricing page.", False),  # named as told before
        ("I personally actually don't do pricing pages anymore.", False),
        ("And at the time it was like you have to use pricing pages.", False),
        ("I don't believe in pricing pages, they confuse every buyer.", True),
        ("You have to think about the pricing pages of the market.", False),  # an analogy
        ("You have to think about pricing pages like a product.", True),  # a subject
        ("And like I said, you need to have pricing pages for each plan.", True),
        ("You need to copy a pricing page's layout from the leader.", False),  # its owner
        ("Some companies may just use pricing pages and sell online.", False),  # told
        ("Sometimes you have to write pricing pages you don't like.", False),
        ("I'm a big believer in pricing pages for every launch.", False),
        ("... have pricing pages, but the others sell without them.", False),
        ("and you really need pricing pages and you don't have them, hire.", False),  # cut
    ],
)
def test_specific_advice_is_told_to_a_listener(quote, specific):
    b = Builder()
    page = b.node("pricing page", "concept", aliases="pricing pages")
    b.claim("Ann Lee", "advises", page, quote)
    items = answers.advice(b.G, by="Ann Lee")["items"][0]["items"]
    assert items[0]["specific"] is specific


def test_a_named_thing_to_think_of_is_an_example_not_advice():
    b = Builder()
    acme = b.node("Acme", "organization")
    b.claim("Ann Lee", "advises", acme, "Think about Acme and its monopoly on rockets.")
    b.claim("Ann Lee", "advises", acme, "You should use Acme for your first rockets.", turn=2)
    items = [i for g in answers.advice(b.G, by="Ann Lee")["items"] for i in g["items"]]
    assert [(i["evidence"]["turn"], i["specific"]) for i in items] == [(2, True), (1, False)]


def _archive(b: Builder, documents: int) -> None:
    """As many documents as an archive, so that a word's share of them means something."""
    b.G.graph["documents"] = [{"id": f"d{n}", "title": f"Episode {n}"} for n in range(documents)]


def test_a_general_word_of_the_archive_is_no_specific_advice():
    """A one-word common noun many episodes use ("mindset") is too general to be what is
    advised when it is only had; a rare one, one a verb acts on, or the topic asked
    about, is not."""
    b = Builder()
    _archive(b, 100)
    mindset = b.node("mindset", "concept", documents=30)
    scarcity = b.node("scarcity", "concept", documents=2)
    b.claim(
        "Ann Lee", "advises", mindset, "Founders need to have the mindset, whatever they build."
    )
    b.claim("Ann Lee", "advises", mindset, "So you need to adopt the mindset early on.", turn=3)
    b.claim(
        "Ann Lee",
        "advises",
        scarcity,
        "Startups starve, and so you need to create scarcity.",
        turn=2,
    )
    items = [i for g in answers.advice(b.G, by="Ann Lee")["items"] for i in g["items"]]
    assert [(i["evidence"]["turn"], i["specific"]) for i in items] == [
        (2, True),
        (3, True),
        (1, False),
    ]
    topic = answers.advice(b.G, "mindset")["items"][0]["items"]
    assert topic[0]["specific"] is True


def test_advice_on_a_topic_reads_quotes_that_advise_about_it():
    """A quote naming the topic near its advising verb is advice about it, though the
    topic is not its very object; one that only names it, or names it far after the
    verb, is not."""
    b = Builder()
    feedback = b.node("feedback", "concept")
    said = {
        "person:ann-lee": "And then also, just get customer feedback as quickly as possible.",
        "person:bo-chen": "You have to start and there's a feedback loop in the team.",
        "person:cy-diaz": "Customer feedback came in every week from the team.",
    }
    for n, (who, quote) in enumerate(said.items()):
        example = {"document": "ep3", "turn": n, "quote": quote}
        b.G.add_edge(who, feedback, key="said", kind="said", weight=1, examples=[example])
    items = [i for g in answers.advice(b.G, "feedback")["items"] for i in g["items"]]
    assert [(i["who"], i["specific"], i["negated"]) for i in items] == [("Ann Lee", True, False)]


def test_contested_meets_a_topic_under_its_acronym_and_as_a_role_or_concept():
    b = Builder()
    okr = b.node("OKRs", "concept")
    b.G.nodes[okr]["mentions"] = 9  # the topic is named after its most mentioned node
    spelled = b.node("objectives and key results", "concept")
    coach_concept = b.node("coach", "concept")
    coach_role = b.node("coach", "role")
    b.claim("Ann Lee", "advises", okr, "Honestly, OKRs are a waste of time.", doc="ep1")
    b.claim("Bo Chen", "advises", spelled, "You should set objectives and key results.", doc="ep2")
    b.claim("Ann Lee", "advises", coach_concept, "You should hire a coach early.", doc="ep1")
    b.claim("Bo Chen", "advises", coach_role, "Don't hire a coach.", doc="ep2")
    b.read_at_build()  # every claim's stance counts
    page = answers.contested(b.G)
    assert sorted(i["label"] for i in page["items"]) == ["OKRs", "coach"]
    okrs = next(i for i in page["items"] if i["label"] == "OKRs")
    assert (okrs["for"]["people"], okrs["against"]["people"]) == (["Bo Chen"], ["Ann Lee"])


def test_contested_leaves_an_acronym_two_names_spell_apart():
    b = Builder()
    pm = b.node("PM", "role")
    b.node("product manager", "role")
    b.node("project manager", "role")
    product = "role:product-manager"
    project = "role:project-manager"
    b.claim("Ann Lee", "advises", pm, "Don't hire a PM before you have ten engineers.")
    b.claim("Bo Chen", "advises", product, "You should hire a product manager early.", doc="e2")
    b.claim("Cy Diaz", "advises", project, "You should hire a project manager early.", doc="e3")
    b.read_at_build()
    assert answers.contested(b.G)["total"] == 0


def test_the_build_keeps_praise_for_the_disagreements_not_the_advice():
    """ "OKRs are really important" is praise: a side of a disagreement (after those whose
    two sides advise), no advice; dislike ("I don't love OKRs") is kept for neither."""
    from kgraph.graph import build_graph
    from kgraph.model import DocumentInfo, Entity, Evidence, KnowledgeBase

    docs = [DocumentInfo(f"ep{i}", f"Episode {i}", "markdown", f"ep{i}.md") for i in (1, 2, 3)]
    okr = [
        Evidence("ep1", 1, "OKRs are really important for a new team.", "Ann Lee", window=0),
        Evidence("ep2", 1, "Honestly, OKRs are a waste of time.", "Bo Chen", window=0),
        Evidence("ep3", 1, "I don't love OKRs at all.", "Cy Diaz", window=0),
    ]
    entity = Entity("concept:okr", "OKR", "concept", ["OKR", "OKRs"], okr, okr)
    G = build_graph(KnowledgeBase(documents=docs, entities=[entity], claims=[]))
    rows = G.graph["stances"]
    assert [(r["speaker"], r["polarity"], r.get("praise", False)) for r in rows] == [
        ("Ann Lee", FOR, True),
        ("Bo Chen", AGAINST, False),
    ]
    (item,) = answers.contested(G)["items"]
    assert (item["for"]["people"], item["against"]["people"]) == (["Ann Lee"], ["Bo Chen"])
    assert item["advised"] is False and item["for"]["quotes"][0]["praise"] is True
    advised = answers.advice(G, topic="OKR")["items"]
    assert {g["speaker"] for g in advised} == {"Bo Chen"}


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # the speaker's own request or a user acted out: no advice to the listener
        ("The first thing I do is I ask them to show me the roadmaps.", NONE),
        ("Just get the roadmaps of what are my goals and my users.", NONE),
        ("I always ask founders to show the roadmaps to their board.", FOR),
        # a thing needed only for something else is not advised against
        ("You don't need a roadmap in place to be able to see the fit.", NONE),
        ("You don't need a roadmap at that stage.", AGAINST),
        # looked at to act on something else: where, not what
        ("So just look at your roadmap and just cut half of the items.", NONE),
        ("So just look at your roadmap every single morning.", FOR),
        ("So just look at your roadmap and the backlog every morning.", FOR),
        # conceded before "but"
        ("Your job may be to ship and you need a roadmap, but someone else decides.", NONE),
        ("You need a roadmap, but keep it short.", FOR),
        # what a thing holds, told: "it's basically, you need ..."
        ("We have this loop we teach, and it's basically, you need a roadmap.", NONE),
        ("It's simple, you need a roadmap for every team.", FOR),
        # "always", "just" lead an imperative only where a clause starts
        ("Our teams all always have roadmaps for each quarter.", NONE),
        ("And the people just start to use roadmaps anyway.", NONE),
        ("We tried it, so always use roadmaps.", FOR),
        # what others say, not the speaker's advice
        ("The experts basically say you need to write roadmaps.", NONE),
        ("I would say you need to write roadmaps.", FOR),
        # a thing dismissed as done badly, not itself
        ("Great execution with a poor roadmap is a waste of time.", NONE),
        ("A roadmap is a waste of time.", AGAINST),
    ],
)
def test_a_cue_urges_nothing_on_the_listener_in_these_forms(quote, expected):
    assert stance(quote, ["roadmap"], praise=False) == expected


@pytest.mark.parametrize(
    ("quote", "specific"),
    [
        ("Think about roadmaps in terms of, they're like maps of a city.", False),
        ("Think of roadmaps as promises to your customers.", False),
        ("You should think about roadmaps before you hire.", True),
        ("So think about in our roadmaps, the ones that...", False),  # cut off
        ("Get in the roadmap of writing down what your people do well.", False),  # a frame
        ("And I still recommend the roadmaps in there for every team.", False),  # told before
        ("And I still recommend roadmaps for every team.", True),
    ],
)
def test_no_specific_advice_in_a_way_to_see_a_frame_a_pointer_or_a_cut_sentence(quote, specific):
    b = Builder()
    roadmap = b.node("roadmap", "concept", aliases="roadmaps")
    b.claim("Ann Lee", "advises", roadmap, quote)
    items = answers.advice(b.G, by="Ann Lee")["items"][0]["items"]
    assert items[0]["specific"] is specific


def test_a_general_word_needed_and_nothing_more_is_a_slogan_even_as_the_topic():
    """ "You have to focus on the impact." names no advice, though "impact" is the topic
    asked about; "measure the impact of your bets" and "don't dilute the impact of X" do."""
    b = Builder()
    _archive(b, 100)
    impact = b.node("impact", "concept", documents=40)
    quotes = [
        "It is about, you have to focus on the impact.",
        "You need an impact, then you need a plan around it.",
        "You need to measure the impact of those bets.",
        "So don't dilute the impact of what you are trying to do.",
    ]
    for turn, quote in enumerate(quotes, 1):
        b.claim("Ann Lee", "advises", impact, quote, turn=turn)
    items = [i for g in answers.advice(b.G, "impact")["items"] for i in g["items"]]
    assert sorted((i["evidence"]["turn"], i["specific"]) for i in items) == [
        (1, False),
        (2, False),
        (3, True),
        (4, True),
    ]


def test_contested_reads_no_quote_when_the_build_read_the_stances(monkeypatch):
    """The build read every stance, those of claims too: the view reads no quote."""
    import sys

    view = sys.modules["kgraph.answers.contested"]
    b = Builder()
    okr = b.node("OKRs", "concept")
    b.claim("Ann Lee", "advises", okr, "You should set OKRs every quarter.", doc="ep1")
    b.claim("Bo Chen", "advises", okr, "Honestly, OKRs are a waste of time.", doc="ep2")
    b.read_at_build()

    def read(*args, **kwargs):
        raise AssertionError("a quote read when asked")

    monkeypatch.setattr(view, "stance", read)
    (item,) = answers.contested(b.G)["items"]
    assert (item["for"]["people"], item["against"]["people"]) == (["Ann Lee"], ["Bo Chen"])


def test_the_build_reads_the_stance_claims_of_sentences_naming_no_thing():
    """A thing named by its verb ("just make a decision"): its claim's stance is a row,
    taken by the claim's subject; the advice views read the claim itself."""
    from kgraph.graph import build_graph
    from kgraph.model import DocumentInfo, KnowledgeBase

    docs = [DocumentInfo("ep1", "Episode 1", "markdown", "ep1.md")]
    ev = Evidence("ep1", 1, "Just make a decision.", "Lee Host", window=0)
    entities = [
        Entity("person:ann-lee", "Ann Lee", "person", ["Ann Lee"], [ev], [ev]),
        Entity("concept:decision-making", "decision making", "concept", ["decision"], [], []),
    ]
    claims = [Claim("person:ann-lee", "advises", "concept:decision-making", ev)]
    G = build_graph(KnowledgeBase(documents=docs, entities=entities, claims=claims))
    (row,) = G.graph["stances"]
    assert (row["node"], row["polarity"], row["claim"], row["subject"]) == (
        "concept:decision-making",
        FOR,
        True,
        "person:ann-lee",
    )
    assert answers.Stances(G).rows == []


def test_advice_by_a_person_takes_the_builds_reading_of_debated_things():
    """When the build read every sentence naming a concept in its turn (the graph's
    ``stances``), what the speaker said of one without a row there is no advice of
    theirs: it may be someone else's words they quote. Of a company, it still is."""
    b = Builder()
    b.G.graph["stances"] = []
    docs = b.node("design doc", "concept", aliases="design docs")
    acme = b.node("Acme", "organization")
    for n, (target, quote) in enumerate(
        [(docs, "Two, you should write design docs."), (acme, "You should use Acme for it.")]
    ):
        example = {"document": "ep1", "turn": n, "quote": quote, "speaker": "Ann Lee"}
        b.G.add_edge(
            "person:ann-lee", target, key="said", kind="said", weight=1, examples=[example]
        )
    items = [i for g in answers.advice(b.G, by="Ann Lee")["items"] for i in g["items"]]
    assert [i["object_label"] for i in items] == ["Acme"]


def test_reading_list_leaves_out_an_idea_a_cited_source_and_a_book_named_in_passing():
    """A title said small with no book's cue is the idea ('I love deep roots'); a book
    cited as the source of what the speaker explains ('... and she talks about', 'as X
    describes in'), an author's other work ('another great book of hers') and one read
    before the one that counted are no recommendations; a title said small with a book's
    cue and a plain recommendation are."""
    b = Builder()
    roots = b.node("Deep Roots", "book")
    harbor = b.node("Quiet Harbor", "book")
    b.claim("Ann Lee", "recommends", roots, "To me, I love deep roots, where I go a step further.")
    b.claim(
        "Bo Chen",
        "recommends",
        roots,
        "One of my favorite books is Deep Roots by Mara Quinn and she talks about the trust step.",
    )
    b.claim("Bo Chen", "recommends", roots, "I'd still give the deep roots book to anyone.", turn=2)
    b.claim("Cy Diaz", "recommends", roots, "Deep Roots is another great book of hers, Ann.")
    b.claim("Dee Roy", "recommends", roots, "As Mara Quinn describes in Deep Roots, trust is last.")
    quote = "I read Quiet Harbor, but the one that changed me was Deep Roots."
    b.claim("Cy Diaz", "recommends", harbor, quote, turn=3)
    b.claim("Dee Roy", "recommends", harbor, "Quiet Harbor is wonderful, go read it.", turn=4)
    items = {i["label"]: i for i in answers.recommended(b.G)["items"]}
    assert [r["name"] for r in items["Deep Roots"]["recommenders"]] == ["Bo Chen"]
    assert [q["quote"] for q in items["Deep Roots"]["recommenders"][0]["quotes"]] == [
        "I'd still give the deep roots book to anyone."
    ]
    assert [r["name"] for r in items["Quiet Harbor"]["recommenders"]] == ["Dee Roy"]


def test_a_person_in_general_or_a_quantity_is_no_specific_advice():
    """ "You need a human being as well": a person in general (or "more variables")
    names nothing to do; a practice said the same way does."""
    b = Builder()
    human = b.node("human being", "concept")
    coach = b.node("coaching", "concept")
    b.claim(
        "Ann Lee",
        "advises",
        human,
        "You should talk to a human being outside your company every single week.",
    )
    b.claim(
        "Ann Lee",
        "advises",
        coach,
        "You should get coaching from someone outside your company every single week.",
        turn=2,
    )
    items = [i for g in answers.advice(b.G, by="Ann Lee")["items"] for i in g["items"]]
    assert [(i["object_label"], i["specific"]) for i in items] == [
        ("coaching", True),
        ("human being", False),
    ]
