"""Helpers shared by the readers: decoding bytes, timestamps, front matter, speaker names."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from kgraph.errors import InputError
from kgraph.model import Document, Turn

try:  # libyaml is ~10x faster on the corpus' 60 KB front matters
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader

# A timestamp such as 01:29.422, 1:02:03, 00:00:01,000 (SRT) or 75 seconds written as 1:15.
TIMESTAMP = r"\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"


def parse_timestamp(value: str) -> float:
    """Seconds in ``"mm:ss.fff"``, ``"hh:mm:ss"`` or ``"hh:mm:ss,fff"``.

    >>> parse_timestamp("01:29.422"), parse_timestamp("1:02:03"), parse_timestamp("00:00:01,5")
    (89.422, 3723.0, 1.5)
    """
    value = value.strip().replace(",", ".")
    seconds = 0.0
    for part in value.split(":"):
        seconds = seconds * 60 + float(part)
    return round(seconds, 3)


TURNS_HINT = (
    "expected YAML transcript items, 'Name (mm:ss)' markers, subtitles, whisper JSON "
    "or paragraphs; use --format to force one"
)
YAML_HINT = "fix the YAML front matter at this line"


def no_turns(reason: str, path: str, line: int | None) -> InputError:
    """The error of a document with no turns: why, then what the readers expect."""
    return InputError(f"no recognisable turns: {reason}; {TURNS_HINT}", path=path, line=line)


class BinaryFileError(InputError):
    """The file holds binary data, not text (folder walks skip these with a note)."""


def finite_seconds(value: Any) -> float | None:
    """``value`` as seconds when it is a finite, non-negative number; else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Text of ``data`` and the warnings about it; InputError for empty or binary data.

    UTF-8 (with or without BOM) first, then cp1252, then latin-1 (which never fails).
    """
    if not data.strip():
        raise InputError("empty file", path=path)
    if b"\x00" in data[:8192]:
        raise BinaryFileError("binary file with NUL bytes, not a text document", path=path)
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            warnings.append(f"line {line}: not valid UTF-8; decoded as {encoding}")
            break
    if _mostly_binary(text):
        raise BinaryFileError(
            "binary file of mostly control characters, not a text document", path=path
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _mostly_binary(text: str) -> bool:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) > max(3, len(sample) // 10)


def check_text(text: str, path: str) -> str:
    """Normalise line ends of already decoded text; InputError when it is empty or binary."""
    if not text.strip():
        raise InputError("empty file", path=path)
    if "\x00" in text or _mostly_binary(text):
        raise BinaryFileError("binary content, not a text document", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


@dataclass
class FrontMatter:
    """YAML front matter split from the text below it."""

    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the first body line in the file
    start_line: int  # 1-based line of the opening ``---``
    warnings: list[str] = field(default_factory=list)


def front_matter_start(text: str) -> int | None:
    """0-based line index of an opening ``---`` fence, or None when there is no front matter.

    Blank lines, and up to two very short stray lines (a lone ``_``), may precede it.
    """
    lines = text.split("\n", 4)[:4]
    for index, line in enumerate(lines):
        if re.fullmatch(r"---[ \t]*", line):
            before = [x for x in lines[:index] if x.strip()]
            if len(before) <= 2 and all(len(x.strip()) <= 3 for x in before):
                return index
            return None
        if line.strip() and len(line.strip()) > 3:
            return None
    return None


def split_front_matter(text: str, path: str) -> FrontMatter | None:
    """The front matter of ``text`` parsed as YAML, or None when the text has none.

    InputError (with the line number) when the YAML is malformed or not a mapping.
    """
    start = front_matter_start(text)
    if start is None:
        return None
    lines = text.split("\n")
    end = next(
        (i for i in range(start + 1, len(lines)) if re.fullmatch(r"(---|\.\.\.)[ \t]*", lines[i])),
        None,
    )
    if end is None:
        raise InputError(
            "front matter opened with '---' is never closed", path=path, line=start + 1
        )
    source = "\n".join(lines[start + 1 : end])
    try:
        meta = yaml.load(source, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = start + 2 + mark.line if mark is not None else start + 1
        problem = error.problem or error.context or "invalid YAML"
        message = f"malformed YAML front matter: {problem}; {YAML_HINT}"
        raise InputError(message, path=path, line=line) from None
    except RecursionError:
        message = f"malformed YAML front matter: nested too deeply; {YAML_HINT}"
        raise InputError(message, path=path, line=start + 1) from None
    except (yaml.YAMLError, TypeError, ValueError) as error:
        message = f"malformed YAML front matter: {error}; {YAML_HINT}"
        raise InputError(message, path=path, line=start + 1) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(
            f"front matter is a {type(meta).__name__}, expected 'key: value' lines",
            path=path,
            line=start + 2,
        )
    warnings = [f"line 1-{start}: ignored text before the front matter"] if start else []
    return FrontMatter(
        meta={str(k): v for k, v in meta.items()},
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
        start_line=start + 1,
        warnings=warnings,
    )


def as_text(value: Any) -> str | None:
    """A scalar front-matter value as a stripped string (dates become ISO strings)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def as_list(value: Any) -> list[str]:
    """A front-matter list (or a single or comma separated value) as strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [t for t in (as_text(v) for v in value) if t]
    text = as_text(value)
    return [part.strip() for part in text.split(",") if part.strip()] if text else []


_YOUTUBE = re.compile(
    r"(?:youtube\.com/watch\?(?:.*&)?v=|youtu\.be/|youtube\.com/embed/)([\w-]{6,})"
)


def youtube_id(value: str | None) -> str | None:
    """The video id in a YouTube URL, or None."""
    match = _YOUTUBE.search(value or "")
    return match.group(1) if match else None


@dataclass
class Metadata:
    """Document-level facts gathered from front matter (or elsewhere)."""

    title: str | None = None
    guests: list[str] = field(default_factory=list)  # slugs or names as written
    author: str | None = None
    date: str | None = None
    tags: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    video_id: str | None = None
    name_sources: list[str] = field(default_factory=list)  # texts that may spell full names


def metadata_from(meta: dict[str, Any]) -> Metadata:
    """Title, guests, date, tags, links and video id from a front-matter mapping."""
    links = meta.get("links")
    links = (
        {str(k): str(v) for k, v in links.items() if as_text(v)} if isinstance(links, dict) else {}
    )
    if not links and as_text(meta.get("url")):
        links["url"] = str(meta["url"])
    ids = meta.get("ids") if isinstance(meta.get("ids"), dict) else {}
    video = (
        as_text(ids.get("youtube")) or as_text(meta.get("youtube")) or as_text(meta.get("video"))
    )
    if video and not re.fullmatch(r"[\w-]{6,}", video):
        video = youtube_id(video)
    if not video:
        video = next((v for v in map(youtube_id, links.values()) if v), None)
    anchor = as_text(ids.get("anchor")) or ""
    name_sources = [
        text
        for text in (as_text(meta.get(k)) for k in ("intro", "description", "title", "short"))
        if text
    ]
    if anchor:
        name_sources.append(anchor_name(anchor))
    guests = as_list(meta.get("guests") or meta.get("guest"))
    return Metadata(
        title=as_text(meta.get("title")),
        guests=guests,
        author=as_text(meta.get("author")) or (", ".join(as_list(meta.get("authors"))) or None),
        date=as_text(meta.get("dateadded")) or as_text(meta.get("date")),
        tags=as_list(meta.get("topics")) or as_list(meta.get("tags")),
        links=links,
        video_id=video,
        name_sources=name_sources,
    )


def anchor_name(anchor: str) -> str:
    """The name part of a podcast episode id.

    >>> anchor_name("episodes/Staff-AI-Engineer---Tatiana-Gabruseva-e1v3on7")
    'Tatiana Gabruseva'
    >>> anchor_name("Data-Governance---Jessi-Ashdown--Uri-Gilad-e12jmoo")
    'Jessi Ashdown, Uri Gilad'
    """
    segments = [s for s in anchor.split("/") if s and not re.fullmatch(r"a-[0-9a-z]+", s)]
    tail = segments[-1] if segments else ""
    tail = re.sub(r"-e[0-9a-z]{5,8}$", "", tail)
    if "---" in tail:
        tail = tail.rsplit("---", 1)[1]
    # "--" separates two names (or stands for a dropped comma/ampersand) in these ids.
    parts = [p.replace("-", " ").strip() for p in tail.split("--")]
    return ", ".join(p for p in parts if p)


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


class TurnList:
    """Collects turns with consecutive indexes; drops empty ones."""

    def __init__(self, document: str):
        self.document = document
        self.turns: list[Turn] = []

    def add(
        self,
        speaker: str | None,
        start: float | None,
        section: str | None,
        text: str,
        line: int | None,
    ) -> None:
        text = text.strip()
        if text:
            self.turns.append(
                Turn(self.document, len(self.turns), speaker, start, section, text, line)
            )


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


def make_document(
    doc_id: str,
    source: str,
    format: str,
    meta: Metadata,
    turns: list[Turn],
    warnings: list[str],
) -> Document:
    """A Document with speaker full names resolved from the metadata; role labels
    ("Host", "SPEAKER_00") go to ``generic_speakers`` instead."""
    labels = list(dict.fromkeys(t.speaker for t in turns if t.speaker))
    generic = [label for label in labels if is_generic_speaker(label)]
    named = [label for label in labels if label not in generic]
    # The opening turns often introduce the guest by full name ("My guest is Omar Haddad").
    opening = [t.text for t in turns[:3] if t.speaker]
    names = speaker_names(named, meta.guests, meta.name_sources + opening)
    guests = [full_name_for(g, meta.name_sources) or g for g in meta.guests]
    return Document(
        id=doc_id,
        title=meta.title or doc_id,
        format=format,
        source=source,
        turns=turns,
        guests=guests,
        author=meta.author,
        date=meta.date,
        tags=meta.tags,
        links=meta.links,
        video_id=meta.video_id,
        speakers=names,
        warnings=warnings,
        generic_speakers=generic,
    )
