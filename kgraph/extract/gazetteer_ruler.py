"""The gazetteer as a spaCy component: every known term of ``kgraph/data`` matched."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kgraph.extract.labels import LABELS
from kgraph.extract.patterns import Gazetteer, load_gazetteer
from kgraph.extract.spans import merge_ents, patterns_path


class GazetteerRuler:
    """Phrase matching of every gazetteer term: case-insensitive (``LOWER``, with
    generated plurals) except acronyms and names, which match exactly (``ORTH``)."""

    def __init__(
        self, nlp: Language, name: str, *, patterns: str | None = None, overwrite: bool = False
    ):
        """``patterns`` (str | None, default None): a user YAML file merged over the
        defaults. ``overwrite`` (bool, default False): win ties against existing ents."""
        self.name = name
        self.overwrite = overwrite
        self.gazetteer: Gazetteer = load_gazetteer(patterns_path(patterns))
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        groups: dict[tuple[str, bool], list[str]] = {}
        for term in self.gazetteer.terms():
            groups.setdefault((f"{term.type}\t{term.canonical}", term.case_sensitive), []).append(
                term.text
            )
        make = nlp.make_doc
        for (key, sensitive), texts in groups.items():
            # typeset text writes "The Manager\u2019s Path" for "The Manager's Path"
            texts = [*texts, *(t.replace("'", "\u2019") for t in texts if "'" in t)]
            if sensitive:
                self.orth.add(key, [make(t) for t in texts])
                continue
            # the tokenizer may split "DataTalks.Club" but not "datatalks.club": add both
            docs = {}
            for t in texts:
                for variant in map(make, dict.fromkeys((t, t.lower()))):
                    docs.setdefault(tuple(tok.lower_ for tok in variant), variant)
            self.lower.add(key, list(docs.values()))

    def match(self, doc: Doc) -> list[Span]:
        spans = []
        strings = doc.vocab.strings
        for match_id, start, end in [*self.lower(doc), *self.orth(doc)]:
            etype, canonical = strings[match_id].split("\t", 1)
            if end - start == 1 and etype in ("concept", "role"):
                token = doc[start]
                # a one-word term used as a verb ("label the data", "scope it") is no entity
                if (
                    token.tag_ in ("VB", "VBD", "VBP", "VBZ", "VBN", "MD")
                    and not token.text.isupper()
                ):
                    continue
            spans.append(Span(doc, start, end, label=LABELS[etype], kb_id=canonical))
        return spans

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        merge_ents(doc, spans, overwrite=self.overwrite)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc
