"""The gazetteer: default YAML files, user patterns merged over them, errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import PatternsError
from kgraph.extract.normalize import norm_key, plural, singular
from kgraph.extract.patterns import load_gazetteer


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("docs", "doc"),
        ("companies", "company"),
        ("analytics", "analytics"),
        ("ETLs", "ETL"),
        ("AWS", "AWS"),
        ("boxes", "box"),
        ("Kubernetes", "Kubernetes"),
        ("process", "process"),
    ],
)
def test_normalize_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("doc", "docs"),
        ("strategy", "strategies"),
        ("CTO", "CTOs"),
        ("day", "days"),
        ("class", "classes"),
    ],
)
def test_normalize_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


def test_normalize_key_ignores_case_plural_and_hyphens() -> None:
    assert norm_key("Design Docs") == norm_key("design-doc") == "design doc"
    assert norm_key("T-shaped profile") == norm_key("T shaped profiles")
    # separators at the ends: still a key, never "" (which merged unrelated phrases)
    assert norm_key("-touch attribution models") == "touch attribution model"
    assert norm_key("-armed bandit problem") != norm_key("-traumatic stress disorder")
    assert norm_key(" - ") == ""


def test_patterns_defaults_are_broad_and_canonical() -> None:
    g = load_gazetteer()
    assert len(g.entries["concept"]) > 300
    assert len(g.entries["role"]) > 100
    assert len(g.entries["organization"]) > 150
    assert g.lookup("Facebook") == ("organization", "Meta")
    assert g.lookup("British Petroleum") == ("organization", "BP")
    assert g.lookup("design documents") == ("concept", "design doc")
    assert g.lookup("ML engineers") == ("role", "machine learning engineer")
    assert g.is_stopword("thing") and g.is_stopword("Things")
    assert any(__import__("re").fullmatch(r, "E7") for r in g.grammar["levels"])


def test_patterns_acronyms_are_case_sensitive_terms() -> None:
    terms = {(t.text, t.case_sensitive) for t in load_gazetteer().terms()}
    assert ("PM", True) in terms
    assert ("IC", True) in terms
    assert ("design docs", False) in terms  # generated plural, case-insensitive


def test_patterns_one_word_book_titles_need_context() -> None:
    g = load_gazetteer()
    ambiguous = g.ambiguous_books()
    assert "Rise" in ambiguous
    assert "Staff Engineer" in ambiguous  # also a role
    assert "Crucial Conversations" not in ambiguous


def test_patterns_user_file_is_merged_over_defaults(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "organization:\n  Acme Robotics: [Acme]\n  Meta: [Zuckerbook]\nstopwords: [widget]\n",
        encoding="utf-8",
    )
    g = load_gazetteer(user)
    assert g.lookup("Acme") == ("organization", "Acme Robotics")
    assert g.lookup("Zuckerbook") == ("organization", "Meta")
    assert g.lookup("Facebook") == ("organization", "Meta")  # defaults kept
    assert g.is_stopword("widget")
    assert g.digest != load_gazetteer().digest


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("concept:\n  design doc: [a, b\n", 3, "invalid YAML"),
        ("concept:\n  ok: []\nbogus:\n  x: []\n", 3, "unknown section 'bogus'"),
        ("role:\n  - staff engineer\n", 2, "must be a mapping"),
        ("concept:\n  design doc: 7\n", 2, "list of strings"),
        ("role_grammar:\n  levels: ['E[3-']\n", 2, "bad level regex"),
    ],
)
def test_patterns_errors_name_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(PatternsError) as info:
        load_gazetteer(bad)
    assert info.value.line == line
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"{bad.resolve()}:{line}: ")


def test_patterns_missing_file_is_a_patterns_error(tmp_path: Path) -> None:
    with pytest.raises(PatternsError, match="not found"):
        load_gazetteer(tmp_path / "nope.yaml")


def test_patterns_empty_level_list_adds_no_level(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("role_grammar:\n  levels: null\n", encoding="utf-8")
    assert load_gazetteer(empty).grammar["levels"] == load_gazetteer().grammar["levels"]


def test_patterns_user_file_extends_known_word_lists_only(tmp_path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("name_words:\n  org_nouns: [cooperative]\n", encoding="utf-8")
    assert "cooperative" in load_gazetteer(good).name_word_sets()["org_nouns"]
    assert "company" in load_gazetteer(good).name_word_sets()["org_nouns"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("name_words:\n  org_noun: [cooperative]\n", encoding="utf-8")
    with pytest.raises(PatternsError, match="unknown name_words list 'org_noun'") as err:
        load_gazetteer(bad)
    assert err.value.line == 2
