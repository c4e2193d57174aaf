"""What extraction hands on: per document, the mentions of entities and the claims found in
each turn, as plain data (``to_dict``/``from_dict``) the pipeline caches by content hash."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kgraph.extract.claims import Ref
from kgraph.model import DocumentInfo

EXTRACTION_VERSION = "12"


@dataclass(slots=True)  # ~10^5 per corpus: no __dict__ each
class Mention:
    """An entity as found in one turn: type, surface text, key (canonical when known),
    the sentence around it, and how it was found (gazetteer, grammar, ner, book, discovered)."""

    type: str
    text: str
    key: str
    turn: int
    sentence: str
    source: str
    window: int | None = None  # co-mention window of its sentence (kgraph.extract.boilerplate)


@dataclass
class ClaimMention:
    """A claim found in one sentence of one turn, before resolution."""

    subject: Ref
    predicate: str
    object: Ref
    turn: int
    sentence: str
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject.to_dict(),
            "predicate": self.predicate,
            "object": self.object.to_dict(),
            "turn": self.turn,
            "sentence": self.sentence,
            "negated": self.negated,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ClaimMention:
        return cls(
            Ref.from_dict(d["subject"]),
            d["predicate"],
            Ref.from_dict(d["object"]),
            d["turn"],
            d["sentence"],
            bool(d.get("negated", False)),
        )


@dataclass(slots=True)
class TurnRef:
    """What resolution needs of a turn: its index, speaker label, start time, and its
    first sentence (the quote of the speaker's own mention)."""

    index: int
    speaker: str | None
    start: float | None
    opening: str = ""


@dataclass
class DocumentExtraction:
    """Everything extraction found in one document."""

    document: DocumentInfo
    speakers: dict[str, str] = field(default_factory=dict)  # label -> full name
    turns: list[TurnRef] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[ClaimMention] = field(default_factory=list)
    # sentence -> its stance cues, for the sentences naming a debated thing that hold any
    # (kgraph.extract.stance_cues); None: not read
    cues: dict[str, list[list[Any]]] | None = None
    cue_version: str | None = None  # of the code that read them (stance_cues.cue_version)
    # sentences wholly inside words the speaker quotes from someone else: no cues are read
    # in them ('he said, "... Two, you should focus on X."')
    reported: list[str] = field(default_factory=list)
    # a sentence naming a debated thing -> the next one of its turn, whose pronoun may
    # stand for it (kgraph.extract.stance_cues.following_sentences)
    following: dict[str, str] = field(default_factory=dict)
    version: str = EXTRACTION_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "document": asdict(self.document),
            "speakers": dict(self.speakers),
            "turns": [asdict(t) for t in self.turns],
            "mentions": [asdict(m) for m in self.mentions],
            "claims": [c.to_dict() for c in self.claims],
            "cues": self.cues,
            "cue_version": self.cue_version,
            "reported": list(self.reported),
            "following": dict(self.following),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentExtraction:
        return cls(
            document=DocumentInfo(**d["document"]),
            speakers=dict(d.get("speakers", {})),
            turns=[TurnRef(**t) for t in d.get("turns", [])],
            mentions=[Mention(**m) for m in d.get("mentions", [])],
            claims=[ClaimMention.from_dict(c) for c in d.get("claims", [])],
            cues=d.get("cues"),
            cue_version=d.get("cue_version"),
            reported=list(d.get("reported") or []),
            following=dict(d.get("following") or {}),
            version=d.get("version", EXTRACTION_VERSION),
        )
