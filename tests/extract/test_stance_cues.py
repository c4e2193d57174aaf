"""Stance cues read at extraction: once per sentence naming a debated thing, kept with the
document's extraction, and what the build then reads of them."""

from __future__ import annotations

import json
from pathlib import Path

from kgraph.answers.stance import FOR, quote_cues
from kgraph.extract.extraction import DocumentExtraction, Mention
from kgraph.extract.stance_cues import cue_version, known_cues, refresh_cues, sentence_cues
from kgraph.graph import build_graph
from kgraph.model import DocumentInfo, Entity, Evidence, KnowledgeBase

ADVICE = "You should write a design doc first."
DESCRIPTION = "Our design docs were late that year."
ABOUT_A_COMPANY = "Don't ever join Acme."


def mention(etype: str, key: str, sentence: str) -> Mention:
    return Mention(etype, key, key, 0, sentence, "gazetteer", window=0)


def extraction(mentions: list[Mention]) -> DocumentExtraction:
    info = DocumentInfo("ep1", "Episode 1", "markdown", "ep1.md")
    return DocumentExtraction(
        info, mentions=mentions, cues=sentence_cues(mentions), cue_version=cue_version()
    )


def test_sentence_cues_keeps_the_cues_of_debated_sentences_that_hold_any():
    mentions = [
        mention("concept", "design doc", ADVICE),
        mention("concept", "design doc", DESCRIPTION),
        mention("organization", "Acme", ABOUT_A_COMPANY),
    ]
    read = extraction(mentions)
    assert list(read.cues) == [ADVICE]
    assert read.cues[ADVICE] == [list(cue) for cue in quote_cues(ADVICE)]
    # the cache's JSON round trip keeps them
    again = DocumentExtraction.from_dict(json.loads(json.dumps(read.to_dict())))
    assert again.cues == read.cues
    # every debated sentence is known to the build, those without cues as empty
    assert known_cues([again]) == {ADVICE: read.cues[ADVICE], DESCRIPTION: ()}
    assert known_cues([DocumentExtraction(read.document, mentions=mentions)]) == {}


def test_cues_of_another_version_are_read_again_not_trusted(tmp_path):
    """An edit of the stance grammar or words changes the cues' version, not the
    extraction's: the cached documents' cues are read again, nothing is re-extracted."""
    import shutil

    import kgraph.cache
    from kgraph.cache import code_version

    copy = tmp_path / "kgraph"
    shutil.copytree(Path(kgraph.cache.__file__).parent, copy)
    assert cue_version(copy) == cue_version()
    for name in ("data/stances.yaml", "answers/cue_rules.py", "answers/stance.py"):
        edited = copy / name
        edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert cue_version(copy) != cue_version()
        shutil.copy(Path(kgraph.cache.__file__).parent / name, edited)
    (copy / "data" / "stances.yaml").write_text("# edited\n", encoding="utf-8")
    assert code_version(copy) == code_version()

    mentions = [mention("concept", "design doc", q) for q in (ADVICE, DESCRIPTION)]
    kept = DocumentExtraction(read_info(), mentions=mentions, cues={}, cue_version="older")
    assert known_cues([kept]) == {}  # not trusted
    assert refresh_cues(kept) and kept.cues == sentence_cues(mentions)
    assert not refresh_cues(kept) and known_cues([kept])[ADVICE]


def read_info() -> DocumentInfo:
    return DocumentInfo("ep1", "Episode 1", "markdown", "ep1.md")


def test_the_build_reads_the_cues_extraction_kept():
    said = [Evidence("ep1", 0, q, "Ann Lee", window=0) for q in (ADVICE, DESCRIPTION)]
    kb = KnowledgeBase(
        documents=[DocumentInfo("ep1", "Episode 1", "markdown", "ep1.md")],
        entities=[
            Entity("concept:design-doc", "design doc", "concept", ["design doc"], said, said)
        ],
        claims=[],
    )

    def rows(cues):
        return [(r["quote"], r["polarity"]) for r in build_graph(kb, cues=cues).graph["stances"]]

    read = extraction([mention("concept", "design doc", q) for q in (ADVICE, DESCRIPTION)])
    assert rows(known_cues([read])) == rows(None) == [(ADVICE, FOR)]
    # cues given are not read again: a cue said of the description counts
    assert rows({DESCRIPTION: [[FOR, "scope", "design docs"]]}) == [
        (ADVICE, FOR),
        (DESCRIPTION, FOR),
    ]


def test_no_cues_are_read_in_words_quoted_from_someone_else(nlp):
    """A sentence wholly inside a quotation the speaker gives someone else's words in
    advises nothing in the speaker's voice, though it holds no quotation mark itself."""
    from kgraph.extract.claims import lexicon_of
    from kgraph.extract.claims.quotes import reported_sentences
    from kgraph.extract.patterns import load_gazetteer

    own = "So you should write design docs."
    quoted = "One, you should write design docs."
    doc = nlp(
        'And then Ann said, "I want you to keep two things in mind. '
        + quoted
        + ' And two, you should hire a PM." '
        + own
    )
    reported = reported_sentences(doc, lexicon_of(load_gazetteer()).speech_verbs)
    assert quoted in reported and own not in reported
    mentions = [mention("concept", "design doc", q) for q in (quoted, own)]
    read = DocumentExtraction(
        read_info(), mentions=mentions, cue_version="older", reported=reported
    )
    assert refresh_cues(read) and list(read.cues) == [own]
    again = DocumentExtraction.from_dict(json.loads(json.dumps(read.to_dict())))
    assert again.reported == reported and known_cues([again]) == {quoted: (), own: read.cues[own]}
    # a quotation of the speaker's own words is theirs
    mine = nlp('I always tell them, "Keep it short. You should write design docs."')
    assert reported_sentences(mine, lexicon_of(load_gazetteer()).speech_verbs) == []


def test_the_advice_view_knows_which_kinds_the_build_reads():
    from kgraph.answers.advice import READ_AT_BUILD
    from kgraph.extract.stance_cues import DEBATED

    assert READ_AT_BUILD == DEBATED
