"""The stance cues of a document's sentences, read at extraction.

The build reads the stance of every sentence naming a thing people debate
(:mod:`kgraph.graph.stances`); finding a sentence's cues ("don't ...", "I'd recommend ...")
is the costly part and depends on the sentence alone, so it is done here, once per
document, and kept with its extraction in the cache: a rebuild reads only the changed
documents' sentences. What the cues are about (the resolved entity's names) is read at
the build.

The cues have their own version (:func:`cue_version`), not part of the extraction's key:
an edit of the stance grammar or words re-reads the cues of the cached documents (and
keeps them), but re-extracts none.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# what the cues of a sentence are read with (kgraph/answers/stance.py's _cues)
CUE_SOURCES = (
    "answers/stance.py",
    "answers/cue_rules.py",
    "answers/cue_words.py",
    "data/stances.yaml",
    "data/claims.yaml",
)

# Kinds of things people advise for or against; liking a company or a person is seldom
# the same question on both sides ("I don't like to defend Google").
DEBATED = ("concept", "role", "book")


def cue_version(root: Path | None = None) -> str:
    """Hash of the code and words that read the cues (:data:`CUE_SOURCES`) in the
    package at ``root`` (this one by default)."""
    if root is None:
        return _this_cue_version()
    digest = hashlib.sha256()
    for name in CUE_SOURCES:
        path = root / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()[:16]


@functools.cache
def _this_cue_version() -> str:
    return cue_version(Path(__file__).resolve().parent.parent)


def sentence_cues(
    mentions: Iterable[Any], reported: Iterable[str] = ()
) -> dict[str, list[list[Any]]]:
    """The cues of each sentence naming a debated thing, for those holding any; none in
    a ``reported`` sentence (someone else's words, quoted)."""
    from kgraph.answers.stance import quote_cues

    others = set(reported)
    sentences = dict.fromkeys(
        m.sentence for m in mentions if m.type in DEBATED and m.sentence not in others
    )
    found = {s: quote_cues(s) for s in sentences}
    return {s: [list(cue) for cue in cues] for s, cues in found.items() if cues}


def following_sentences(
    parsed: Iterable[Any], mentions: Iterable[Any], reported: Iterable[str] = ()
) -> dict[str, str]:
    """Each sentence naming a debated thing -> the next sentence of its turn, when that
    one names none and holds a pronoun that may stand for it: "People love OKRs." -> "I
    think they're a waste of time." (:mod:`kgraph.answers.pronouns`). Neither is words
    quoted from someone else (``reported``)."""
    from kgraph.answers.pronouns import pronoun

    debated = {m.sentence for m in mentions if m.type in DEBATED}
    others = set(reported)
    following = {}
    for sdoc in parsed:
        sentences = [sent.text.strip() for sent in sdoc.sents]
        for before, after in zip(sentences, sentences[1:], strict=False):
            if before not in debated or after in debated or {before, after} & others:
                continue
            if pronoun(after):
                following[before] = after
    return following


def refresh_cues(extraction: Any) -> bool:
    """Read the cues of an extraction kept with cues of another version (or none); True
    when it did."""
    if extraction.cue_version == cue_version():
        return False
    extraction.cues = sentence_cues(extraction.mentions, extraction.reported)
    extraction.cue_version = cue_version()
    return True


def known_stances(extractions: Iterable[Any]) -> dict[str, Any]:
    """What the build reads the stances with (:func:`kgraph.graph.build_graph`): the
    sentences' cues and the sentence after each that a pronoun may refer back from."""
    extractions = list(extractions)
    return {"cues": known_cues(extractions), "following": known_following(extractions)}


def known_following(extractions: Iterable[Any]) -> dict[str, str]:
    """Every extraction's :func:`following_sentences`, merged."""
    following: dict[str, str] = {}
    for extraction in extractions:
        following.update(getattr(extraction, "following", None) or {})
    return following


def known_cues(extractions: Iterable[Any]) -> dict[str, Sequence[Any]]:
    """Every sentence whose cues an extraction read (:func:`sentence_cues`) -> its cues
    (empty: none); extractions that read none of this version add nothing."""
    known: dict[str, Sequence[Any]] = {}
    for extraction in extractions:
        read = getattr(extraction, "cues", None)
        if read is None or getattr(extraction, "cue_version", None) != cue_version():
            continue
        for m in extraction.mentions:
            if m.type in DEBATED:
                known[m.sentence] = read.get(m.sentence, ())
    return known
