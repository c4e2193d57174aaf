"""Plain data passed between the stages: readers -> extraction -> resolution -> graph.

Every class here is a dataclass of strings, numbers and lists so that it can be
written to JSON (the extraction cache, ``--json`` output) and read back unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class EntityType:
    """One kind of entity, as every stage names and shows it."""

    name: str  # in node ids ("person:ada-lovelace"), YAML sections, --type, legends
    color: str  # node colour in the HTML and Gephi
    spacy_label: str  # the label kgraph's spaCy components give its spans in ``doc.ents``


ENTITY_TABLE: tuple[EntityType, ...] = (  # in display order: legends, summaries, options
    EntityType("person", "#4e79a7", "PERSON"),
    EntityType("organization", "#f28e2b", "ORG"),
    EntityType("role", "#59a14f", "ROLE"),
    EntityType("book", "#e15759", "BOOK"),
    EntityType("concept", "#b07aa1", "CONCEPT"),
)
ENTITY_TYPES: tuple[str, ...] = tuple(t.name for t in ENTITY_TABLE)
OTHER_COLOR = "#9c9c9c"  # a type outside the table (a graph written by other means)
_COLORS = {t.name: t.color for t in ENTITY_TABLE}


def type_color(entity_type: str) -> str:
    """The colour of an entity type (:data:`OTHER_COLOR` outside the table)."""
    return _COLORS.get(entity_type, OTHER_COLOR)


def type_order(entity_type: str) -> tuple[int, str]:
    """Sort key of entity types: the table's order, then other types by name."""
    try:
        return ENTITY_TYPES.index(entity_type), ""
    except ValueError:
        return len(ENTITY_TYPES), entity_type


def slugify(text: str) -> str:
    """Lower-case ASCII slug: ``"Staff Engineer's Path"`` -> ``"staff-engineer-s-path"``.

    >>> slugify("Blockchain.com")
    'blockchain-com'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


def node_id(entity_type: str, label: str) -> str:
    """Stable graph node id ``type:slug``.

    >>> node_id("concept", "Design Doc")
    'concept:design-doc'
    """
    return f"{entity_type}:{slugify(label)}"


_YOUTUBE = re.compile(
    r"^(?:https?://)?(?:(?:www|m|music)\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/|v/)"
    r"|youtu\.be/)(?P<id>[\w-]+)"
)


def youtube_id(url: str | None) -> str | None:
    """The video id of a YouTube URL, or None.

    >>> youtube_id("https://youtu.be/wP8YyWH524A?si=x"), youtube_id("https://example.com/a.mp3")
    ('wP8YyWH524A', None)
    """
    match = _YOUTUBE.match(url or "")
    return match["id"] if match else None


def moment_url(url: str | None, seconds: float | None) -> str | None:
    """A link to the moment ``seconds`` of the media at ``url`` (None without a URL).

    YouTube takes ``t=``; any other media URL gets a W3C media fragment ``#t=SECONDS``,
    which browsers' players honour. Seconds are floored: the link starts before the words.

    >>> moment_url("https://youtu.be/wP8YyWH524A", 95.7)
    'https://www.youtube.com/watch?v=wP8YyWH524A&t=95s'
    >>> moment_url("https://example.com/ep1.mp3#x", 61)
    'https://example.com/ep1.mp3#t=61'
    """
    if not url:
        return None
    video = youtube_id(url)
    if video:
        url = f"https://www.youtube.com/watch?v={video}"
        return url if seconds is None else f"{url}&t={int(seconds)}s"
    if seconds is None:
        return url
    return f"{url.split('#', 1)[0]}#t={int(seconds)}"


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcript, or one paragraph of an article."""

    document: str
    index: int
    speaker: str | None
    start: float | None
    section: str | None
    text: str
    line: int | None = None  # 1-based line in the source file where the turn starts


@dataclass
class Document:
    """A parsed source document and its turns."""

    id: str
    title: str
    format: str
    source: str
    turns: list[Turn] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)
    author: str | None = None
    date: str | None = None  # ISO 8601: 2024-03-05 (or 2024-03, 2024 when that is all)
    tags: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # other links, by name
    # the links of an article's body: text as the reader sees it -> address ("The Manager's
    # Path" -> a bookshop's page): where a link points tells what its text names
    cited: dict[str, str] = field(default_factory=dict)
    url: str | None = None  # the recording (YouTube, audio, video): links to moments
    speakers: dict[str, str] = field(default_factory=dict)  # label as written -> full name
    hosts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Speaker labels that name a role, not a person ("Host", "Guest", "Speaker 1",
    # "SPEAKER_00", "Interviewer", "Unknown"), in order of first turn. Turns keep the label;
    # such labels are never keys of ``speakers`` and should not become person entities.
    generic_speakers: list[str] = field(default_factory=list)
    # What the front matter says of the document in prose (a description, an intro, the
    # interviewee's role): its known names, titles and roles are mentions of the document.
    about: list[str] = field(default_factory=list)

    def url_at(self, seconds: float | None) -> str | None:
        """Link to the moment ``seconds`` when the document has a recording."""
        return moment_url(self.url, seconds)

    def info(self) -> DocumentInfo:
        """The document's metadata without its turns."""
        return DocumentInfo(
            id=self.id,
            title=self.title,
            format=self.format,
            source=self.source,
            guests=list(self.guests),
            hosts=list(self.hosts),
            author=self.author,
            date=self.date,
            tags=list(self.tags),
            url=self.url,
            speakers=dict(self.speakers),
            generic_speakers=list(self.generic_speakers),
            turns=len(self.turns),
            words=sum(len(t.text.split()) for t in self.turns),
            spoken=sum(1 for t in self.turns if t.speaker),
            timed=sum(1 for t in self.turns if t.start is not None),
        )


@dataclass
class DocumentInfo:
    """Metadata of a document, kept in the graph after its turns are gone."""

    id: str
    title: str
    format: str
    source: str
    guests: list[str] = field(default_factory=list)
    author: str | None = None
    date: str | None = None
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    speakers: dict[str, str] = field(default_factory=dict)
    turns: int = 0
    words: int = 0
    generic_speakers: list[str] = field(default_factory=list)  # see Document
    hosts: list[str] = field(default_factory=list)
    spoken: int = 0  # turns with a speaker
    timed: int = 0  # turns with a time (each links to its moment when there is a url)

    def url_at(self, seconds: float | None) -> str | None:
        return moment_url(self.url, seconds)


HEADING_WINDOW = -1
"""The co-mention window of an article's heading: it relates to every sentence of each
paragraph under it (see Evidence.window)."""


@dataclass(frozen=True, slots=True)  # ~10^5 per corpus: no __dict__ each
class Evidence:
    """Where something was said: a quote from one turn, with its provenance."""

    document: str
    turn: int
    quote: str
    speaker: str | None = None  # full name of the speaker when known
    time: float | None = None
    url: str | None = None
    # the sentence's co-mention window in the turn, when known: sentences one apart are
    # neighbours, an ellipsis puts a gap between them, HEADING_WINDOW is a heading's
    window: int | None = None


@dataclass
class Entity:
    """One real thing after resolution: a person, organization, role, book or concept."""

    id: str  # node_id(type, label)
    label: str  # canonical name
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)  # surface forms absorbed, sorted
    mentions: list[Evidence] = field(default_factory=list)  # one per (document, turn)
    # every sentence naming it that may relate it to others (``window`` set; not those of
    # boilerplate or a section title), for co-mentions; None: not known, the whole turn
    sentences: list[Evidence] | None = None


@dataclass
class Claim:
    """Who said what about what: subject -predicate-> object, with the sentence."""

    subject: str  # entity id
    predicate: str  # works_at, worked_at, works_as, worked_as, wrote, recommends, ...
    object: str  # entity id
    evidence: Evidence
    negated: bool = False


@dataclass
class KnowledgeBase:
    """Output of resolution and input of graph building."""

    documents: list[DocumentInfo] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def to_dict(obj: Any) -> dict[str, Any]:
    """JSON-ready dict of any dataclass above."""
    return asdict(obj)
