"""A fake extraction stage for pipeline and CLI tests: no spaCy, instant, deterministic.

``FakeExtractor`` finds the terms of ``TERMS`` in each turn; ``fake_resolve`` turns the
results into a KnowledgeBase for the real graph builder. A turn containing ``EXPLODE``
makes extraction fail, as a bug on one document would; one containing ``VANISH`` ends the
process extracting it, when that is not the test's own (``KGRAPH_TEST_PID``), as a crash or
the out-of-memory killer would; one containing ``STALL`` never ends, as pathological input
might, without using the processor; one containing ``SPIN`` never ends either, busy on
the processor; one containing ``NAP`` takes three seconds, asleep. Tests install them with
:func:`install` (``monkeypatch``) and pass ``FakeExtractor`` (or a ``functools.partial`` of
it: extraction runs in other processes) as the factory.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from kgraph.extract.extraction import TurnRef
from kgraph.model import Claim, Document, DocumentInfo, Entity, Evidence, KnowledgeBase, node_id

TERMS = {
    "design doc": "concept",
    "staff engineer": "role",
    "mentoring": "concept",
    "ledgerly": "organization",
    "vera bauman": "person",
}
WORKS_AT = re.compile(r"(vera bauman) works at (ledgerly)", re.I)


@dataclass
class FakeExtraction:
    document: DocumentInfo
    mentions: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    pid: int = 0  # which process extracted it (not serialised)
    turns: list[TurnRef] = field(default_factory=list)  # as the real one: labels, times
    speakers: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": vars(self.document),
            "mentions": self.mentions,
            "claims": self.claims,
            "turns": [asdict(t) for t in self.turns],
            "speakers": self.speakers,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FakeExtraction:
        return cls(
            DocumentInfo(**data["document"]),
            data["mentions"],
            data["claims"],
            turns=[TurnRef(**t) for t in data.get("turns", [])],
            speakers=data.get("speakers", {}),
        )


class FakeExtractor:
    calls = 0  # extractions made in this process

    def __init__(self, tag: str = "v1", terms: dict[str, str] | None = None):
        self.tag = tag
        self.terms = {**TERMS, **(terms or {})}

    @property
    def fingerprint(self) -> str:
        return f"fake-{self.tag}"

    def extract(self, doc: Document, analyses: Any = None) -> FakeExtraction:
        type(self).calls += 1
        if analyses is not None:  # where the real one keeps spaCy's analyses
            analyses.path.parent.mkdir(parents=True, exist_ok=True)
            analyses.path.write_text(f"{analyses.fingerprint}\n{doc.id}\n", encoding="utf-8")
        result = FakeExtraction(doc.info(), pid=os.getpid(), speakers=dict(doc.speakers))
        result.turns = [TurnRef(t.index, t.speaker, t.start) for t in doc.turns]
        for turn in doc.turns:
            if "EXPLODE" in turn.text:
                raise RuntimeError("the fake extractor met EXPLODE")
            if "VANISH" in turn.text and os.environ.get("KGRAPH_TEST_PID") != str(os.getpid()):
                os._exit(3)
            while "STALL" in turn.text:
                time.sleep(1)
            while "SPIN" in turn.text:
                pass
            if "NAP" in turn.text:
                time.sleep(3)
            lowered = turn.text.lower()
            for term, entity_type in self.terms.items():
                if term in lowered:
                    result.mentions.append(
                        {
                            "term": term,
                            "type": entity_type,
                            "turn": turn.index,
                            "quote": turn.text,
                            "speaker": turn.speaker,
                            "time": turn.start,
                        }
                    )
            for match in WORKS_AT.finditer(turn.text):
                result.claims.append(
                    {
                        "turn": turn.index,
                        "quote": turn.text,
                        "speaker": turn.speaker,
                        "time": turn.start,
                        "subject": match[1].lower(),
                        "object": match[2].lower(),
                    }
                )
        return result


def fake_resolve(extractions: list[FakeExtraction], patterns=None) -> KnowledgeBase:
    kb = KnowledgeBase(documents=[e.document for e in extractions])
    entities: dict[str, Entity] = {}
    for extraction in extractions:
        doc = extraction.document.id
        for m in extraction.mentions:
            label = m["term"].title()
            entity = entities.setdefault(
                node_id(m["type"], label), Entity(node_id(m["type"], label), label, m["type"])
            )
            entity.mentions.append(Evidence(doc, m["turn"], m["quote"], m["speaker"], m["time"]))
        for c in extraction.claims:
            kb.claims.append(
                Claim(
                    node_id(TERMS[c["subject"]], c["subject"].title()),
                    "works_at",
                    node_id(TERMS[c["object"]], c["object"].title()),
                    Evidence(doc, c["turn"], c["quote"], c["speaker"], c["time"]),
                )
            )
    kb.entities = [entities[k] for k in sorted(entities)]
    return kb


def install(monkeypatch) -> None:
    """Route kgraph.pipeline's extraction and resolution through the fakes."""
    import kgraph.pipeline as pipeline

    monkeypatch.setattr(pipeline, "extractor_factory", lambda model, patterns: FakeExtractor)
    monkeypatch.setattr(pipeline, "extraction_from_dict", FakeExtraction.from_dict)
    monkeypatch.setattr(pipeline, "resolve_extractions", fake_resolve)
