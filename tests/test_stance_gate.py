"""The cheap tests that let a quote skip a cue's search (kgraph.answers.cue_rules._gate)
must never change what the cues find: the same cues with and without them."""

from __future__ import annotations

import pytest

from kgraph.answers import cue_rules as C
from kgraph.answers import stance as S

OPENINGS = ["", "Well. ", "Look; ", "Honestly: ", "So ", "So just ", "Always ", "and always "]
ADVICE = [
    "track your KPIs every week.",
    "always write a design doc first, it helps.",
    "don't track your KPIs.",
    "avoid OKRs for a small team.",
    "stay away from OKRs.",
    "read Principles by Ray Dalio.",
    "you should write a design doc.",
    "I'd recommend reading High Output Management.",
    "I'm a big believer in design docs.",
    "design docs are underrated.",
    "OKRs are a waste of time.",
    "the worst thing you can do is hire a COO.",
    "forget about OKRs.",
    "don't be afraid to hire a COO.",
    "titles don't matter.",
    "I'd never hire a COO.",
    "I wouldn't worry about the OKRs.",
    "we use OKRs, and they work.",
    "if you don't have a design doc, it is hard.",
]
LONG = "We talked for a long while about the many ways a team can plan its quarter. "


def _ungated(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = [(p, pattern, start, (None, None)) for p, pattern, start, _ in C.cue_rules()]
    monkeypatch.setattr(S, "cue_rules", lambda: rules)
    S._cues.cache_clear()


def test_the_gates_change_no_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    quotes = [
        prefix + opening + advice
        for prefix in ("", LONG)
        for opening in OPENINGS
        for advice in (ADVICE + [a.capitalize() for a in ADVICE])
    ]
    S._cues.cache_clear()
    gated = [S._cues(q) for q in quotes]
    _ungated(monkeypatch)
    ungated = [S._cues(q) for q in quotes]
    S._cues.cache_clear()
    assert sum(map(bool, ungated)) > len(quotes) // 2  # the quotes hold cues to find
    assert gated == ungated


def test_the_imperative_gate_passes_a_sentence_start_only() -> None:
    (before,) = [
        b
        for _, pattern, start, (_, b) in C.cue_rules()
        if start is C._SENTENCE_START and pattern.search("track your KPIs")
    ]
    assert before.search("Track your KPIs.")
    assert before.search("It works. So just track your KPIs.")
    assert not before.search("We track our KPIs.")


def test_a_thing_no_cue_names_makes_no_pattern_of_its_names() -> None:
    """Its names' patterns are made only for a cue whose words may name it."""
    from kgraph.answers import naming

    S.stance("Please don't track your KPIs.", ["KPI"])  # the cue rules made
    naming.object_at_start.cache_clear()
    naming.object_at_end.cache_clear()
    assert S.stance("Please don't track your KPIs.", ["roadmap", "road map"]) == S.NONE
    assert S.urged("Please don't track your KPIs.", ["roadmap"]) == S.NONE
    assert naming.object_at_start.cache_info().currsize == 0
    assert naming.object_at_end.cache_info().currsize == 0
    assert S.stance("Please don't track your KPIs.", ["KPI"]) == S.AGAINST
    assert naming.object_at_end.cache_info().currsize == 0  # no judgement: no clause end


def test_the_cue_words_read_the_claim_lists_as_the_extraction_does() -> None:
    from kgraph.answers.cue_words import claim_lists
    from kgraph.extract.patterns import DATA_DIR, Gazetteer, read_patterns_file

    gazetteer = Gazetteer()
    read_patterns_file(DATA_DIR / "claims.yaml", gazetteer)
    assert claim_lists() == (gazetteer.claim_words, gazetteer.claim_cues)


def test_the_cue_words_need_not_the_extraction() -> None:
    """A view reads its cue words without importing the extraction's modules."""
    import subprocess
    import sys

    code = (
        "import sys; from kgraph.answers.cue_words import alternations; alternations(); "
        "print('kgraph.extract.patterns' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
