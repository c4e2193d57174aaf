"""Helpers shared by the readers: decoding bytes, timestamps, front matter, speaker names."""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from kgraph.errors import InputError
from kgraph.model import Document, Turn
from kgraph.readers.metadata import Metadata, top_level_lines

try:  # libyaml is ~10x faster on the corpus' 60 KB front matters
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader

# A timestamp such as 01:29.422, 1:02:03, 00:00:01,000 (SRT) or 75 seconds written as 1:15;
# a minus sign and fields over 59 are matched too, so that parse_timestamp can say what is
# wrong with the line instead of reading it as text.
TIMESTAMP = r"-?\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"


def parse_timestamp(value: str) -> float:
    """Seconds in ``"mm:ss.fff"``, ``"hh:mm:ss"`` or ``"hh:mm:ss,fff"``; ValueError saying
    what is wrong for a negative time or minutes or seconds over 59 (the first field, hours
    or minutes, has no bound).

    >>> parse_timestamp("01:29.422"), parse_timestamp("1:02:03"), parse_timestamp("00:00:01,5")
    (89.422, 3723.0, 1.5)
    """
    written = value.strip()
    if written.startswith("-"):
        raise ValueError(f"timestamp {written} is negative")
    parts = written.replace(",", ".").split(":")
    seconds = 0.0
    for position, part in enumerate(parts):
        number = float(part)
        if position and number >= 60:
            unit = "seconds" if position == len(parts) - 1 else "minutes"
            raise ValueError(f"timestamp {written} has {unit} over 59")
        seconds = seconds * 60 + number
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


_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_by_nul_bytes(data: bytes) -> str | None:
    """ "utf-16-le"/"-be" when the NUL bytes of ``data`` sit in every other place, as in
    mostly-ASCII text written in UTF-16 without a byte-order mark; else None."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, letters, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) <= 0.1 * len(letters):
            return name
    return None


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Text of ``data`` and the notes about it; InputError for empty or binary data.

    The encoding is judged from evidence: a byte-order mark (UTF-8, UTF-16, UTF-32), NUL
    bytes in every other place (UTF-16 without a mark), else UTF-8, and failing that
    cp1252 or Latin-1 (which never fails) with a note naming the first line that is not
    UTF-8. Other NUL bytes mean a binary file.
    """
    warnings: list[str] = []
    bom = next(((mark, name) for mark, name in _BOMS if data.startswith(mark)), None)
    encoding = bom[1] if bom else _utf16_by_nul_bytes(data)
    if encoding:
        body = data[len(bom[0]) :] if bom else data
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as error:
            how = "after its byte-order mark" if bom else "though its NUL bytes say so"
            raise BinaryFileError(
                f"not valid {encoding.upper()} at byte {error.start} {how}; save it as UTF-8",
                path=path,
            ) from None
        if not bom:
            warnings.append(f"no byte-order mark; read as {encoding.upper()} from its NUL bytes")
    else:
        if b"\x00" in data[:8192]:
            raise BinaryFileError("binary file with NUL bytes, not a text document", path=path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            fallback = "cp1252"
            try:
                text = data.decode(fallback)
            except UnicodeDecodeError:
                fallback = "latin-1"
                text = data.decode(fallback)
            warnings.append(f"line {line}: not valid UTF-8; decoded as {fallback}")
    if not text.strip():
        raise InputError("empty file", path=path)
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
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> file line


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
        key_lines=top_level_lines(source, start + 2),
    )


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
