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
    r"caller|voice|question|answer|q|a|"
    # what is heard rather than who speaks: a clip, a jingle, an ad read
    r"music|audio|sound|applause|laughter|crosstalk|inaudible|silence|intro|outro|"
    r"clip|video|recording|announcer|voice[ _-]?over|sponsor|advert(?:isement)?)"
    r"(?:[ _-]*\d+|[ _-]+[a-z])?",
    re.IGNORECASE,
)


def is_generic_speaker(label: str) -> bool:
    """True for a speaker label naming a role or a sound, not a person ("Host",
    "SPEAKER_00", "MUSIC").

    >>> [is_generic_speaker(x) for x in ("Guest", "Speaker 2", "MUSIC", "Hostetler")]
    [True, True, True, False]
    """
    return bool(GENERIC_SPEAKER.fullmatch(label.strip()))


_HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+", re.IGNORECASE)
_SUFFIX = re.compile(r",?\s+(?:jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)
_NICKNAME = re.compile(r"\s+(?:[‘'\"“][^‘’'\"“”]+[’'\"”]|\([^()]*\))(?=\s|$)")


def person_name(label: str) -> str:
    """The name a speaker label gives a person, as other documents write it: without a
    title, a quoted or bracketed nickname or a generational suffix ("Dr. Fei Fei Li",
    "Andrew ‘Boz’ Bosworth", "Mike Maples, Jr." -> "Fei Fei Li", "Andrew Bosworth",
    "Mike Maples"). A label that would be left with one word is kept whole."""
    name = _NICKNAME.sub("", label.strip())
    name = _SUFFIX.sub("", _HONORIFIC.sub("", name)).strip(" ,")
    name = re.sub(r"\s+", " ", name)
    return name if len(name.split()) >= 2 or len(label.split()) < 2 else label


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


_TITLE_RUN = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)+")
_TITLE_PART = re.compile(r"\s[|–—-]\s")


def foreign_title(title: str | None, guests: list[str], turns: list[Turn]) -> str | None:
    """The person a title names in place of the guest who speaks, when the transcript never
    says their surname: the title, and the episode record it came with, then describe
    another episode (an archive that paired one episode's transcript with another's front
    matter). None when the title names the guest, names nobody, or no guest speaks.

    A name in the title is two or three capitalised words that open with a given name, or
    that make up a whole part of it ("Why Uber's CPO delivers food | Sachin Kansal").
    """
    guests = [g for g in guests if len(g.split()) >= 2]
    labels = {t.speaker for t in turns if t.speaker}
    if not title or not guests:
        return None
    speaking = [
        g
        for g in guests
        if any(
            _squash(label) == _squash(g) or _same_first_name(label.split()[0], g.split()[0])
            for label in labels
        )
    ]
    title_words = re.findall(r"[^\W\d_]+", title)
    if not speaking or any(
        _squash(g.split()[-1]) in _squash(title)
        and any(_same_first_name(w, g.split()[0]) for w in title_words)
        for g in guests
    ):
        return None
    said = " ".join([*(t.text for t in turns), *labels])
    words = {_squash(w) for w in set(re.findall(r"[^\W\d_]+", said))}  # each word once
    lower = set(re.findall(r"\b[a-z]+\b", said))  # given names that are also words: "Job"
    parts = {re.sub(r"\(.*", "", part).strip() for part in _TITLE_PART.split(title)}
    for run in _TITLE_RUN.findall(title):
        name = [re.sub(r"['’]s$", "", w) for w in run.split()]
        if not 2 <= len(name) <= 3 or _squash(name[-1]) in words:
            continue
        if run in parts or (name[0].lower() not in lower and _given_name(name[0])):
            return " ".join(name)
    return None


def _given_name(word: str) -> bool:
    from kgraph.extract.names import is_given_name  # the names lexicon, loaded on demand

    return is_given_name(word)


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
    guests = [full_name_for(g, meta.name_sources) or g for g in meta.guests]
    meta, foreign = _without_foreign_title(meta, guests, turns)
    turns, typos = _typos_corrected(turns)
    labels = list(dict.fromkeys(t.speaker for t in turns if t.speaker))
    generic = [label for label in labels if is_generic_speaker(label)]
    names = _full_names([label for label in labels if label not in generic], labels, meta, turns)
    return Document(
        id=doc_id,
        title=meta.title or doc_id,
        format=format,
        source=source,
        turns=turns,
        guests=guests,
        hosts=[full_name_for(h, meta.name_sources) or h for h in meta.hosts],
        author=meta.author,
        date=meta.date,
        tags=meta.tags,
        links=meta.links,
        url=meta.url,
        speakers=names,
        warnings=warnings + foreign + typos,
        generic_speakers=[g for g in generic if g not in names],
        about=meta.about,
    )


def _without_foreign_title(
    meta: Metadata, guests: list[str], turns: list[Turn]
) -> tuple[Metadata, list[str]]:
    """``meta`` without what it took from another episode (:func:`foreign_title`), and the
    warning that says so."""
    foreign = foreign_title(meta.title, guests, turns)
    if not foreign:
        return meta, []
    warning = (
        f"the title names {foreign}, who is never named in the transcript, where the "
        f"guest {guests[0]} speaks: its title, date, tags and recording link look like another "
        "episode's and are not used (correct the front matter)"
    )
    meta = replace(
        meta, title=None, date=None, url=None, tags=[], links={}, name_sources=[], about=[]
    )
    return meta, [warning]


def _typos_corrected(turns: list[Turn]) -> tuple[list[Turn], list[str]]:
    """The turns with one-off misspelt speaker labels corrected (:func:`label_typos`), and
    a warning for each."""
    typos = label_typos(turns)
    if not typos:
        return turns, []
    warnings = [
        f"line {t.line or '?'}: speaker {t.speaker!r} read as {typos[t.speaker]!r}, "
        "the label of many other turns"
        for t in turns
        if t.speaker in typos
    ]
    return [replace(t, speaker=typos.get(t.speaker, t.speaker)) for t in turns], warnings


def _full_names(
    named: list[str], labels: list[str], meta: Metadata, turns: list[Turn]
) -> dict[str, str]:
    """Speaker label -> full name, for the labels that name a person."""
    # The opening turns often introduce the guest by full name ("My guest is Omar Haddad").
    opening = [t.text for t in turns[:3] if t.speaker]
    people = meta.guests + meta.hosts
    names = speaker_names(named, people, meta.name_sources + opening)
    names.update({label: full for label, full in meta.speakers.items() if label in labels})
    for label in named:  # "KUNAL SHAH" is Kunal Shah; "JD" may be initials
        if label not in names and label.isupper() and len(label.replace(" ", "")) > 3:
            names[label] = " ".join(w.capitalize() for w in label.split())
        full = person_name(names.get(label, label))
        if full and full != label:
            names[label] = full
    return names
