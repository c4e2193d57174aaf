"""Document metadata read by meaning: each archive's own keys -> one :class:`Metadata`.

Front matter, Whisper JSON's top level and sidecar files (:mod:`kgraph.readers.sidecar`) go
through the same table, :data:`FIELDS`: for each field the keys that mean it, in order of
preference. Keys match whatever their case and separators (``pubDate``, ``pub_date`` and
``pub-date`` are one key); ``a.b`` is the key ``b`` inside the mapping ``a``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from email.utils import parsedate_to_datetime
from typing import Any

from kgraph.model import youtube_id

FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "episode_title", "headline"),
    # publication dates before a bare "date", which some archives use for the last edit
    "date": (
        "publish_date", "published", "published_at", "publication_date", "pubDate",
        "release_date", "air_date", "dateadded", "date_added", "upload_date", "date",
        "created", "created_at",
    ),
    "guests": ("guests", "guest", "interviewee", "name"),
    "hosts": ("hosts", "host", "interviewer"),
    "author": ("author", "authors", "by", "byline", "writer", "creator"),
    # the recording, video before audio before a page: every timed turn links into it
    "url": (
        "ids.youtube", "youtube", "youtube_url", "youtube_id", "video_id", "video_url",
        "video", "links.youtube", "audio_url", "audio", "media_url", "media", "mp3",
        "enclosure", "spotify_url", "spotify", "url", "link", "webpage_url", "permalink",
    ),
    "tags": ("tags", "topics", "keywords", "categories", "category"),
    "speakers": ("speakers",),  # label -> full name ("SPEAKER_00: Jane Doe")
}  # fmt: skip

# Keys whose bare value (no "/") is a YouTube video id rather than a URL.
VIDEO_ID_KEYS = frozenset({"ids.youtube", "youtube", "youtube_id", "video_id", "video"})
VIDEO_ID_FORMS = frozenset(re.sub(r"[\s_-]+", "", k.lower()) for k in VIDEO_ID_KEYS)
# Keys whose value is taken only when it looks like a person's name ("name" is often a title).
PERSON_SHAPED_KEYS = frozenset({"name"})
# Texts that often spell out the people of an episode in full (an intro, a description).
NAME_SOURCE_KEYS = ("intro", "description", "title", "short", "summary", "subtitle")
# Prose the front matter gives about a document: an episode's description or intro, a
# story's "role" of its interviewee ("Staff Data Engineer at Slack"). Titles are left out:
# written in Title Case, they fool the tagger.
ABOUT_KEYS = ("description", "intro", "summary", "role")


def key_form(key: str) -> str:
    """A key as matched: lower case, without ``_``, ``-`` and spaces."""
    return re.sub(r"[\s_-]+", "", str(key).lower())


@dataclass
class Metadata:
    """Document-level facts from front matter, JSON or sidecar files (empty: unknown)."""

    title: str | None = None
    guests: list[str] = field(default_factory=list)  # slugs or names as written
    hosts: list[str] = field(default_factory=list)
    author: str | None = None
    date: str | None = None  # ISO 8601
    tags: list[str] = field(default_factory=list)
    url: str | None = None  # the recording
    links: dict[str, str] = field(default_factory=dict)
    speakers: dict[str, str] = field(default_factory=dict)  # label -> full name, as given
    name_sources: list[str] = field(default_factory=list)  # texts that may spell full names
    about: list[str] = field(default_factory=list)  # prose about the document (ABOUT_KEYS)

    def overlaid(self, other: Metadata | None) -> Metadata:
        """These facts with ``other``'s known ones taking precedence (speaker names and
        links merged label by label, name sources added)."""
        if other is None:
            return self
        merged = Metadata()
        for f in fields(Metadata):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, dict):
                value: Any = {**mine, **theirs}
            elif f.name == "name_sources":
                value = [*theirs, *mine]
            else:
                value = theirs or mine
            setattr(merged, f.name, value)
        return merged


@dataclass
class Given:
    """Metadata given beside a document (:mod:`kgraph.readers.sidecar`): ``defaults``
    weaker than the document's own, ``overrides`` stronger."""

    defaults: Metadata | None = None
    overrides: Metadata | None = None

    def over(self, own: Metadata) -> Metadata:
        """The document's own metadata with what was given beside it."""
        return (self.defaults or Metadata()).overlaid(own).overlaid(self.overrides)


def with_given(own: Metadata, given: Given | None) -> Metadata:
    """``own`` with ``given`` applied (see :class:`Given`)."""
    return given.over(own) if given is not None else own


def as_text(value: Any) -> str | None:
    """A scalar value as a stripped string (dates become ISO strings)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def as_list(value: Any) -> list[str]:
    """A list (or a single or comma separated value) as strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [t for t in (_name_of(v) for v in value) if t]
    text = _name_of(value)
    return [part.strip() for part in text.split(",") if part.strip()] if text else []


def _name_of(value: Any) -> str | None:
    """A person or tag value: a string, or a mapping's ``name`` (``{name: Jane, url: …}``)."""
    if isinstance(value, dict):
        value = next((v for k, v in value.items() if key_form(k) in ("name", "term")), None)
    return as_text(value)


_WORD_FORMATS = (
    *((f, "%Y-%m-%d") for f in ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")),
    *((f, "%Y-%m") for f in ("%B %Y", "%b %Y", "%Y-%m")),
)


def iso_date(value: Any) -> str | None:
    """``value`` as an ISO 8601 date, or None when it cannot be read as one.

    Accepts dates and datetimes, ISO strings (``Z`` too), RFC 822 (RSS ``pubDate``),
    ``20221013`` (yt-dlp), ``2022/10/13``, ``October 13, 2022``, ``13 Oct 2022``, a month
    (``January, 2021`` -> ``2021-01``) or a year; epoch seconds as UTC.

    >>> iso_date("Thu, 13 Oct 2022 07:00:00 GMT"), iso_date("2022-10-13T07:00:00Z")
    ('2022-10-13', '2022-10-13')
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if 10**9 <= value < 5 * 10**9:  # epoch seconds
            return dt.datetime.fromtimestamp(value, dt.timezone.utc).date().isoformat()
        value = str(int(value)) if value == int(value) else str(value)
    text = as_text(value)
    if not text:
        return None
    text = re.sub(r"\s+", " ", text)
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.fullmatch(r"\d{4}[/.]\d{1,2}[/.]\d{1,2}", text):
        year, month, day = re.split(r"[/.]", text)
        text = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if re.search(r"\d{1,2}:\d{2}", text) and re.search(r"[A-Za-z]{3}", text):
        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    # "Thursday, October 13th, 2022" -> "October 13 2022"
    bare = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", re.sub(r"[\s,]+", " ", text)).strip()
    bare = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.? ", "", bare, flags=re.I)
    bare = re.sub(r"\b([A-Za-z]{3})\.", r"\1", bare)  # "Oct. 13"
    for pattern, shape in _WORD_FORMATS:
        try:
            return dt.datetime.strptime(bare, pattern).strftime(shape)
        except ValueError:
            continue
    if re.fullmatch(r"(1[89]|20|21)\d\d", text):
        return text
    return None


def _lookup(meta: dict[str, Any], key: str) -> Any:
    """The value at ``key`` (``a.b`` for nested) in ``meta``, keys compared by key_form."""
    value: Any = meta
    for part in key_form(key).split("."):
        if not isinstance(value, dict):
            return None
        value = next((v for k, v in value.items() if key_form(k) == part), None)
    return value


def recording_url(value: Any, key: str) -> str | None:
    """The recording's URL in ``value`` (a URL, a video id, an enclosure mapping or list)."""
    if isinstance(value, list):
        return next((u for u in (recording_url(v, key) for v in value) if u), None)
    if isinstance(value, dict):
        value = next((v for k, v in value.items() if k in ("url", "href", "link", "src")), None)
    text = as_text(value)
    if not text:
        return None
    if key_form(key) in VIDEO_ID_FORMS and re.fullmatch(r"[\w-]{6,}", text):
        return f"https://www.youtube.com/watch?v={text}"
    if re.match(r"https?://\S+$", text, re.IGNORECASE):
        return text
    return None  # a relative link is a page of a site, not a recording


def person_shaped(text: str) -> bool:
    """Two to four capitalised words without digits: "Aaron Suggs"."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(c.isdigit() for c in text)
    )


def field_value(meta: dict[str, Any], name: str) -> tuple[Any, str | None]:
    """(value, key it came from) of field ``name`` in a key_form-normalised mapping."""
    for key in FIELDS[name]:
        value = _lookup(meta, key)
        if value is None or value == "" or value == [] or value == {}:
            continue
        if key in PERSON_SHAPED_KEYS and not person_shaped(as_text(value) or ""):
            continue
        return value, key
    return None, None


def metadata_from(
    raw: dict[str, Any], lines: dict[str, int] | None = None
) -> tuple[Metadata, list[str]]:
    """The Metadata of a front-matter (or JSON, or sidecar) mapping, and warnings about
    values that could not be used. ``lines``: file line of each top-level key (key_form)."""
    meta = raw
    warnings: list[str] = []

    def where(key: str | None) -> str:
        line = (lines or {}).get(key_form((key or "").split(".")[0]))
        return f"line {line}: " if line else ""

    result = Metadata()
    title, _ = field_value(meta, "title")
    result.title = as_text(title)
    date, key = field_value(meta, "date")
    if date is not None:
        result.date = iso_date(date)
        if result.date is None:
            warnings.append(
                f"{where(key)}{key} {as_text(date)!r} is no date; write it as 2024-03-05"
            )
    result.guests = as_list(field_value(meta, "guests")[0])
    result.hosts = as_list(field_value(meta, "hosts")[0])
    result.author = ", ".join(as_list(field_value(meta, "author")[0])) or None
    tags: list[str] = []
    for key in FIELDS["tags"]:
        tags.extend(t for t in as_list(_lookup(meta, key)) if t not in tags)
    result.tags = tags
    for key in FIELDS["url"]:
        result.url = recording_url(_lookup(meta, key), key)
        if result.url:
            break
    links = _lookup(meta, "links")
    if isinstance(links, dict):
        result.links = {k: v for k, v in ((str(k), as_text(v)) for k, v in links.items()) if v}
        if not result.url:  # any YouTube link among the others
            result.url = next(
                (recording_url(v, "url") for v in result.links.values() if youtube_id(v)), None
            )
    speakers = _lookup(meta, "speakers")
    if isinstance(speakers, dict):
        result.speakers = {
            str(k).strip(): name
            for k, v in speakers.items()
            if as_text(k) and (name := _name_of(v))
        }
    result.name_sources = [t for t in (as_text(_lookup(meta, k)) for k in NAME_SOURCE_KEYS) if t]
    result.about = [t for t in (as_text(_lookup(meta, k)) for k in ABOUT_KEYS) if t]
    anchor = as_text(_lookup(meta, "ids.anchor"))
    if anchor:
        result.name_sources.append(anchor_name(anchor))
    return result, warnings


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


def top_level_lines(text: str, first_line: int) -> dict[str, int]:
    """File line of each top-level ``key:`` of a block YAML mapping (key_form -> line).

    ``first_line``: the file line of the first line of ``text``.
    """
    found: dict[str, int] = {}
    for offset, line in enumerate(text.split("\n")):
        match = re.match(r"""["']?([^\s#:'"-][^:'"]*)["']?[ \t]*:(?:[ \t]|$)""", line)
        if match:
            found.setdefault(key_form(match[1]), first_line + offset)
    return found
