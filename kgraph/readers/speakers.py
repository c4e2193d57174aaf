"""Speaker labels to people: full names from the metadata and the text, role labels
("Host", "SPEAKER_00") told apart, one-off misspelt labels read as the label they misspell."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from kgraph.model import Document, Turn
from kgraph.readers._common import long_turns
from kgraph.readers.metadata import Metadata

_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d"}
)


def _squash(text: str) -> str:
    text = text.translate(_UNDECOMPOSED)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


_NAME_WORD = r"[A-Z][\w'’-]*"
_CAPITALISED_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*")


def full_name_for(slug: str, texts: list[str]) -> str | None:
    """The spelled-out name in ``texts`` whose letters match a guest slug like ``mihaileric``.

    Tolerates one-letter spelling differences ("valeriybabushkin" vs "Valerii Babushkin").
    """
    from rapidfuzz import fuzz

    target = _squash(slug)
    if len(target) < 4:
        return None
    best: tuple[float, str] | None = None
    for text in texts:
        for run in _CAPITALISED_RUN.findall(text):
            words = run.split()
            for size in range(2, min(4, len(words)) + 1):
                for i in range(len(words) - size + 1):
                    candidate = " ".join(words[i : i + size])
                    candidate = re.sub(r"['’]s$", "", candidate)
                    score = fuzz.ratio(_squash(candidate), target)
                    if score >= 87 and (best is None or score > best[0]):
                        best = (score, candidate)
        if best and best[0] == 100:
            break
    return best[1] if best else None


_NOT_NAMES = {
    "and", "the", "in", "on", "at", "of", "is", "was", "from", "with", "who", "explains",
    "shares", "talks", "discusses", "walks", "joins", "will", "has", "had", "says", "this",
    "our", "listen", "join", "meet", "host", "guest", "episode", "podcast", "today",
}  # fmt: skip


def _same_first_name(label: str, first: str) -> bool:
    """``label`` names the same person as the first name ``first`` ("Chris"/"Christopher")."""
    from rapidfuzz import fuzz

    a, b = _squash(label), _squash(first)
    if not a or not b:
        return False
    if a == b or (len(a) >= 3 and b.startswith(a)):  # a nickname is shorter, never longer
        return True
    return abs(len(a) - len(b)) <= 1 and min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 80


def _spelled_out(label: str, texts: list[str]) -> set[str]:
    """Full names "Label Surname" spelled out in ``texts`` for the one-word ``label``."""
    found: set[str] = set()
    for text in texts:
        for run in _CAPITALISED_RUN.findall(text):
            words = run.split()
            for i, word in enumerate(words[:-1]):
                after = words[i + 1]
                if word == label and after.lower() not in _NOT_NAMES:
                    surname = re.sub(r"['’]s$", "", after)
                    found.add(f"{label} {surname}")
    return found


def speaker_names(labels: list[str], guests: list[str], texts: list[str]) -> dict[str, str]:
    """Map speaker labels (``"Tatiana"``) to full names the document reveals.

    Full names come from guest slugs matched against ``texts`` (episode id, intro, title);
    a label matches a full name by first name (nicknames and one-letter misspellings
    included). Failing that, a name spelled out in ``texts`` around the label is used.
    Labels already holding a full name, and labels the document never expands, are left out.
    """
    full_names = [
        name
        for name in (g if " " in g.strip() else full_name_for(g, texts) for g in guests)
        if name
    ]
    result: dict[str, str] = {}
    for label in labels:
        words = label.split()
        if len(words) != 1 or not label[0].isupper():
            continue
        exact = {n for n in full_names if _squash(n.split()[0]) == _squash(label)}
        matches = exact or {n for n in full_names if _same_first_name(label, n.split()[0])}
        if len(matches) != 1:
            matches = _spelled_out(label, texts)
        if len(matches) == 1:
            result[label] = matches.pop()
    return result


GENERIC_SPEAKER = re.compile(
    r"(?:(?:co[- ]?)?host|guest|interviewer|interviewee|moderator|narrator|presenter|"
    r"panelist|audience(?:[ _]member)?|unknown(?:[ _]speaker)?|speaker|participant|person|"
    r"caller|voice|question|answer|q|a)(?:[ _-]*\d+|[ _-]+[a-z])?",
    re.IGNORECASE,
)


def is_generic_speaker(label: str) -> bool:
    """True for a speaker label naming a role, not a person ("Host", "SPEAKER_00").

    >>> [is_generic_speaker(x) for x in ("Guest", "Speaker 2", "SPEAKER_01", "Hostetler")]
    [True, True, True, False]
    """
    return bool(GENERIC_SPEAKER.fullmatch(label.strip()))


def _misspells(once: str, label: str) -> bool:
    """``once`` is ``label`` misspelt: nearly the same letters ("Lenny Rachitsy"), or the
    label with a stutter of itself after it ("Alexeylexey")."""
    from rapidfuzz import fuzz

    a, b = _squash(once), _squash(label)
    if len(b) < 4 or a == b:
        return a == b and once != label and len(b) >= 4
    stutter = a.startswith(b) and len(a) > len(b) and a[len(b) :] in b
    return stutter or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85)


def label_typos(turns: list[Turn], many: int = 5) -> dict[str, str]:
    """Labels used for one turn that misspell a label of at least ``many`` turns: a slip of
    the transcript, not another person. Label -> the label it misspells."""
    counts = Counter(t.speaker for t in turns if t.speaker)
    frequent = [label for label, n in counts.most_common() if n >= many]
    typos: dict[str, str] = {}
    for label, n in counts.items():
        if n == 1 and not is_generic_speaker(label):
            found = [f for f in frequent if _misspells(label, f)]
            if len(found) == 1:
                typos[label] = found[0]
    return typos


def make_document(
    doc_id: str,
    source: str,
    format: str,
    meta: Metadata,
    turns: list[Turn],
    warnings: list[str],
) -> Document:
    """A Document with speaker full names resolved from the metadata; role labels
    ("Host", "SPEAKER_00") go to ``generic_speakers`` instead; a one-off misspelt label is
    read as the label it misspells (see :func:`label_typos`)."""
    warnings = warnings + long_turns(turns)
    typos = label_typos(turns)
    if typos:
        warnings = warnings + [
            f"line {t.line or '?'}: speaker {t.speaker!r} read as {typos[t.speaker]!r}, "
            "the label of many other turns"
            for t in turns
            if t.speaker in typos
        ]
        turns = [replace(t, speaker=typos.get(t.speaker, t.speaker)) for t in turns]
    labels = list(dict.fromkeys(t.speaker for t in turns if t.speaker))
    generic = [label for label in labels if is_generic_speaker(label)]
    named = [label for label in labels if label not in generic]
    # The opening turns often introduce the guest by full name ("My guest is Omar Haddad").
    opening = [t.text for t in turns[:3] if t.speaker]
    people = meta.guests + meta.hosts
    names = speaker_names(named, people, meta.name_sources + opening)
    names.update({label: full for label, full in meta.speakers.items() if label in labels})
    for label in named:  # "KUNAL SHAH" is Kunal Shah; "JD" may be initials
        if label not in names and label.isupper() and len(label.replace(" ", "")) > 3:
            names[label] = " ".join(w.capitalize() for w in label.split())
    return Document(
        id=doc_id,
        title=meta.title or doc_id,
        format=format,
        source=source,
        turns=turns,
        guests=[full_name_for(g, meta.name_sources) or g for g in meta.guests],
        hosts=[full_name_for(h, meta.name_sources) or h for h in meta.hosts],
        author=meta.author,
        date=meta.date,
        tags=meta.tags,
        links=meta.links,
        url=meta.url,
        speakers=names,
        warnings=warnings,
        generic_speakers=[g for g in generic if g not in names],
    )
