"""Names found in quotes (kgraph.answers.topics.mention_pattern): the same matches as
the regular expression it replaced, which compiled one pattern per name."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.answers.topics import mention_pattern


def _regex(forms):
    """The pattern the views used before: whole words, names longest first."""
    unique = sorted({f for f in forms if f.strip()}, key=lambda f: (-len(f), f))
    parts = []
    for form in unique:
        words = [re.escape(w) for w in re.split(r"[\s\-]+", form.strip()) if w]
        parts.append(r"[\s\-]+".join(words) + r"(?:e?s)?")
    if not parts:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def spans(pattern, text):
    return [(m.span(), m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def test_whole_words_any_case_spaces_and_hyphens_alike():
    found = mention_pattern(["product-market fit", "PMF"])
    text = "Product market fits matter; pmf is rare; unproduct-market fit not; PMFs."
    assert [m.group(0) for m in found.finditer(text)] == [
        "Product market fits",
        "pmf",
        "PMFs",
    ]
    assert found.search("no fit here") is None
    assert mention_pattern(["  ", ""]).search("anything") is None


def test_longest_name_wins_at_the_same_place():
    found = mention_pattern(["Good", "Good to Great"])
    assert [m.group(0) for m in found.finditer("Read Good to Great, good.")] == [
        "Good to Great",
        "good",
    ]


_WORDS = st.sampled_from(["ab", "abc", "b", "c++", "es", "s", "AB", "x_y", "é"])
_SEPS = st.sampled_from([" ", "-", "  ", " - ", ",", "", "s ", "es-", "_", "."])


@st.composite
def _text(draw):
    parts = draw(st.lists(st.tuples(_WORDS, _SEPS), max_size=8))
    return "".join(w + s for w, s in parts)


@settings(max_examples=400, deadline=None)
@given(forms=st.lists(_text(), max_size=4), text=_text())
def test_same_matches_as_the_regular_expression(forms, text):
    assert spans(mention_pattern(forms), text) == spans(_regex(forms), text)
