"""The pipeline's rule lemmatizer with each lemma worked out once per word, tag and form.

spaCy's rule lemmatizer caches a lemma by (word, part of speech, morphology) only when its
rules run: the uninflected forms (singular nouns, base verbs, plain adjectives: most
tokens) are judged again at every occurrence, several Python calls per token. Here the
three values are read for the whole Doc at once and each token's lemma is one look-up; a
key not seen before is lemmatized by the lemmatizer itself. The rules read nothing but
the word, its part of speech and its morphology, so the lemmas are the lemmatizer's own.

The rules also test each candidate form for membership of the lookups' word lists
(``lemma_index``, tens of thousands of words per part of speech), a scan of the list each
time: those lists are made sets, which answer the same.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MemoLemmatizer", "memoise_lemmatizer"]


class MemoLemmatizer:
    """Pipeline component wrapping a rule-mode ``Lemmatizer`` (see the module docstring)."""

    def __init__(self, name: str = "lemmatizer", lemmatizer: Any = None) -> None:
        self.name = name
        self.lemmatizer = lemmatizer  # set by memoise_lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma id

    def __call__(self, doc: Any) -> Any:
        lemmatizer = self.lemmatizer
        if not len(doc):
            return doc
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        strings = doc.vocab.strings
        memo = self.memo
        overwrite = lemmatizer.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        try:
            for i, (orth, pos, morph, lemma) in enumerate(rows):
                if lemma and not overwrite:
                    lemmas.append(lemma)
                    continue
                key = (orth, pos, morph)
                found = memo.get(key)
                if found is None:
                    found = strings.add(lemmatizer.lemmatize(doc[i])[0])
                    if pos:  # no part of speech: spaCy warns at each, so it is asked each time
                        memo[key] = found
                lemmas.append(found)
        except Exception as exc:  # as the wrapped component reports its errors
            lemmatizer.get_error_handler()(self.name, self, [doc], exc)
            return doc
        import numpy

        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))
        return doc


def memoise_lemmatizer(nlp: Any, name: str = "lemmatizer") -> bool:
    """Swap ``nlp``'s rule-mode Lemmatizer ``name`` for a MemoLemmatizer wrapping it (same
    name, same position). False (and nothing changed) when there is no such lemmatizer."""
    from spacy.pipeline import Lemmatizer

    import kgraph.extract.factories  # noqa: F401  (registers the component)

    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    index = lemmatizer.lookups.get_table("lemma_index", None)
    for pos, forms in list((index or {}).items()):
        index[pos] = frozenset(forms)  # only ever asked `form in index`
    memo = nlp.replace_pipe(name, "kgraph_memo_lemmatizer")
    memo.lemmatizer = lemmatizer
    return True
