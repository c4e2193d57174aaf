"""Near-duplicate documents: sketches of their text, and which of a group is kept."""

from __future__ import annotations

import random

from kgraph.readers import parse_text
from kgraph.readers.duplicates import Duplicate, near_duplicates, similarity, sketch

WORDS = [
    "design",
    "doc",
    "staff",
    "engineer",
    "mentor",
    "promotion",
    "packet",
    "manager",
    "team",
    "roadmap",
    "review",
    "hire",
    "interview",
    "offer",
    "career",
    "ladder",
    "scope",
    "impact",
    "project",
    "migration",
    "incident",
    "on",
    "call",
    "budget",
]


def transcript(seed: int, words: int = 600) -> str:
    """A speaker transcript of random career words (seeded: the same seed, the same text)."""
    rng = random.Random(seed)
    lines = []
    for turn in range(words // 30):
        text = " ".join(rng.choice(WORDS) for _ in range(30))
        lines.append(f"{'Ann' if turn % 2 else 'Bob'} (00:{turn:02d}:00): {text}.")
    return "\n".join(lines) + "\n"


def doc(text: str, front: str = ""):
    return parse_text(f"---\n{front or 'title: x'}\n---\n{text}", "d", "d.md")


def test_the_same_transcript_under_other_front_matter_is_one_document():
    a = sketch(doc(transcript(1), "title: Episode 7\ndate: 2023-05-28"))
    b = sketch(doc(transcript(1), "title: Episode 7 (again)\nvideo_id: abcDEF12345"))
    assert a == b and similarity(a, b) == 1.0


def test_a_few_words_changed_is_still_one_document_and_another_text_is_not():
    text = transcript(2)
    words = text.split(" ")
    for i in range(40, len(words), 120):  # one word in 120 misheard
        words[i] = "zebra"
    changed = " ".join(words)
    assert similarity(sketch(doc(text)), sketch(doc(changed))) >= 0.8
    assert similarity(sketch(doc(text)), sketch(doc(transcript(3)))) < 0.2


def test_a_short_text_is_never_called_a_duplicate():
    assert sketch(doc("Ann (00:01): Thanks for having me.\nBob (00:02): Thanks.\n")) == []


def test_of_a_group_the_preferred_document_is_kept():
    a, b, c = (sketch(doc(transcript(4))) for _ in range(3))
    other = sketch(doc(transcript(5)))
    found = near_duplicates(
        [("ep_.md", a, (1,)), ("ep.md", b, (0,)), ("ep-20.md", c, (0,)), ("x.md", other, (0,))]
    )
    # preference first, then name: "ep-20.md" sorts before "ep.md"
    assert found == [Duplicate("ep.md", "ep-20.md", 1.0), Duplicate("ep_.md", "ep-20.md", 1.0)]
