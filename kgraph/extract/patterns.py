"""The gazetteer: career vocabulary read from YAML (defaults in ``kgraph/data``, plus a
user ``--patterns`` file with the same schema, merged over them).

Schema (every key optional in every file)::

    person | organization | role | book | concept:   # canonical name -> list of aliases
      Meta: [Facebook, Meta Platforms]
    book_authors: {Rise: Patty Azzarello}
    role_grammar: {seniority: [...], disciplines: [...], titles: [...], heads: [...],
                   levels: [regex, ...], relational: [mentor, ...], open_titles: [...],
                   expand: {ML: machine learning}}
    stopwords: [thing, time, ...]
    generic_modifiers: [good, big, ...]
    concept_heads: [interview, review, ...]   # heads that make a noun phrase a concept
    topic_wrappers: [effort, tip, ...]        # heading heads around a topic ("X Efforts")
    claim_words: {employment_verbs: [...], ...}  # the claim rules' word lists (claims.yaml)
    claim_cues: {advise: [regex, ...], ...}      # and their cue phrases, as regexes
    boilerplate: {sponsor_start: [regex, ...], ...}  # sponsor reads, calls to action
    name_words: {org_nouns: [company, ...], ...}     # what tells a person from an organization
    link_cues: {book_pages: [regex, ...]}            # addresses whose link text is a book

No spaCy here: the pipeline components turn a :class:`Gazetteer` into matcher patterns.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from kgraph.errors import PatternsError
from kgraph.extract.normalize import clean, is_acronym, norm_key, plural
from kgraph.model import ENTITY_TYPES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_FILES = (
    "roles.yaml",
    "concepts.yaml",
    "organizations.yaml",
    "books.yaml",
    "people.yaml",
    "stopwords.yaml",
    "claims.yaml",
    "boilerplate.yaml",
    "names.yaml",
)
LIST_SECTIONS = ("claim_words", "claim_cues", "boilerplate", "name_words", "link_cues")
WORD_SECTIONS = ("claim_words", "name_words")
"""Sections of named lists; the lists of the others (not WORD_SECTIONS) are regular
expressions."""
GRAMMAR_KEYS = (
    "seniority",
    "disciplines",
    "titles",
    "heads",
    "levels",
    "relational",
    "open_titles",
)
# Sections that are one set of lower-case words each (Gazetteer attributes of that name).
WORD_SETS = ("stopwords", "generic_modifiers", "concept_heads", "topic_wrappers")


@dataclass(frozen=True)
class Term:
    """One surface form to match: ``text`` of ``type`` standing for ``canonical``."""

    text: str
    type: str
    canonical: str
    case_sensitive: bool


@dataclass
class Gazetteer:
    """All vocabulary of the extraction, merged from the YAML files in ``files``."""

    entries: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {t: {} for t in ENTITY_TYPES}
    )
    book_authors: dict[str, str] = field(default_factory=dict)
    grammar: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in GRAMMAR_KEYS})
    expand: dict[str, str] = field(default_factory=dict)
    stopwords: set[str] = field(default_factory=set)
    generic_modifiers: set[str] = field(default_factory=set)
    concept_heads: set[str] = field(default_factory=set)
    topic_wrappers: set[str] = field(default_factory=set)
    claim_words: dict[str, list[str]] = field(default_factory=dict)
    claim_cues: dict[str, list[str]] = field(default_factory=dict)
    boilerplate: dict[str, list[str]] = field(default_factory=dict)
    name_words: dict[str, list[str]] = field(default_factory=dict)
    link_cues: dict[str, list[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    digest: str = ""

    # ------------------------------------------------------------------ lookups
    def index(self) -> dict[str, list[tuple[str, str]]]:
        """norm_key(surface form) -> [(type, canonical), ...] over every entry."""
        if not hasattr(self, "_index"):
            index: dict[str, list[tuple[str, str]]] = {}
            for etype, entries in self.entries.items():
                for canonical, aliases in entries.items():
                    for form in (canonical, *aliases):
                        hits = index.setdefault(norm_key(form), [])
                        if (etype, canonical) not in hits:
                            hits.append((etype, canonical))
            self._index = index
        return self._index

    def lookup(self, text: str, etype: str | None = None) -> tuple[str, str] | None:
        """``(type, canonical)`` of a surface form, or None. Acronyms match exactly."""
        cache = self.__dict__.setdefault("_lookups", {})
        if (text, etype) not in cache:
            cache[(text, etype)] = self._lookup(text, etype)
        return cache[(text, etype)]

    def _lookup(self, text: str, etype: str | None) -> tuple[str, str] | None:
        hits = self.index().get(norm_key(text), [])
        if is_acronym(text.strip()):
            hits = [
                h
                for h in hits
                if any(
                    f == text.strip() or f + "s" == text.strip()
                    for f in (h[1], *self.entries[h[0]][h[1]])
                    if is_acronym(f)
                )
            ] or [
                h for h in hits if not any(is_acronym(f) for f in (h[1], *self.entries[h[0]][h[1]]))
            ]
        if etype:
            hits = [h for h in hits if h[0] == etype]
        return hits[0] if hits else None

    def name_word_sets(self) -> dict[str, frozenset[str]]:
        """The ``name_words`` lists as sets, built once."""
        sets = self.__dict__.get("_name_word_sets")
        if sets is None:
            sets = self.__dict__["_name_word_sets"] = {
                name: frozenset(words) for name, words in self.name_words.items()
            }
        return sets

    def is_stopword(self, text: str) -> bool:
        return norm_key(text) in self.stopwords or text.lower() in self.stopwords

    def ambiguous_books(self) -> set[str]:
        """Book titles matched only in a book context: one word, or also a role/concept."""
        other = {k for k, hits in self.index().items() if any(t != "book" for t, _ in hits)}
        out = set()
        for canonical, aliases in self.entries["book"].items():
            for form in (canonical, *aliases):
                if (len(form.split()) == 1 and not is_acronym(form)) or norm_key(form) in other:
                    out.add(form)
        return out

    def terms(self) -> list[Term]:
        """Every surface form to match, with generated plurals, in a stable order."""
        ambiguous = self.ambiguous_books()
        terms: dict[tuple[str, bool], Term] = {}
        for etype in ENTITY_TYPES:
            for canonical, aliases in sorted(self.entries[etype].items()):
                for form in (canonical, *aliases):
                    if etype == "book" and form in ambiguous:
                        continue
                    sensitive = _case_sensitive(form, etype, canonical)
                    forms = [form]
                    if re.search(r"\w-\w", form):  # "T-shaped skill" is also "T shaped skill"
                        forms.append(re.sub(r"(?<=\w)-(?=\w)", " ", form))
                    if etype in ("role", "concept") and not form[-1:].isdigit():
                        for f in list(forms):
                            words = f.split(" ")
                            forms.append(" ".join([*words[:-1], plural(words[-1])]))
                    for f in forms:
                        key = (f if sensitive else f.lower(), sensitive)
                        terms.setdefault(key, Term(f, etype, canonical, sensitive))
        return list(terms.values())


def _case_sensitive(form: str, etype: str, canonical: str) -> bool:
    """Acronyms, names and capitalised one-word products match case-sensitively."""
    if all(is_acronym(w) for w in form.split()):
        return True
    if etype in ("person", "book"):
        return True
    if etype in ("organization", "concept") and canonical[:1].isupper():
        return bool(re.fullmatch(r"[A-Z][a-z]+", form))
    return False


# ---------------------------------------------------------------------- loading
# libyaml's parser when PyYAML has it: the default files compose in 6 ms instead of 70 ms,
# paid by the build and by every extraction worker. Its nodes carry the same line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _fail(message: str, path: Path, node: yaml.Node | None = None) -> PatternsError:
    line = node.start_mark.line + 1 if node is not None else None
    return PatternsError(message, path=str(path), line=line)


def _scalar(node: yaml.Node, path: Path, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _fail(f"{what} must be a non-empty string", path, node)
    return clean(str(node.value))


def _strings(node: yaml.Node, path: Path, what: str) -> list[str]:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(f"{what} must be a list of strings", path, node)
    return [_scalar(item, path, what) for item in node.value]


def _mapping(node: yaml.Node, path: Path, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(f"{what} must be a mapping", path, node)
    return node.value


def read_patterns_file(path: Path, into: Gazetteer) -> None:
    """Merge one YAML file into ``into``; raise PatternsError naming file and line."""
    root = _compose(path)
    if root is None:
        return
    for key_node, value in _mapping(root, path, "a patterns file"):
        key = _scalar(key_node, path, "a section name")
        if key in ENTITY_TYPES:
            _read_entities(key, value, path, into.entries[key])
        elif key == "book_authors":
            for title, author in _mapping(value, path, "book_authors"):
                into.book_authors[_scalar(title, path, "a title")] = _scalar(
                    author, path, "an author"
                )
        elif key == "role_grammar":
            _read_role_grammar(value, path, into)
        elif key in WORD_SETS:
            getattr(into, key).update(w.lower() for w in _strings(value, path, key))
        elif key in LIST_SECTIONS:
            _read_lists(key, value, path, getattr(into, key))
        else:
            valid = (*ENTITY_TYPES, "book_authors", "role_grammar", *WORD_SETS, *LIST_SECTIONS)
            raise _fail(f"unknown section {key!r}; use one of {', '.join(valid)}", path, key_node)


def _compose(path: Path) -> yaml.Node | None:
    """The YAML node tree of the file at ``path`` (None when it is empty)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternsError(
            f"cannot read patterns file ({exc}); check the --patterns path", path=str(path)
        ) from exc
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise PatternsError(
            f"invalid YAML: {problem}", path=str(path), line=mark.line + 1 if mark else None
        ) from exc


def _read_entities(key: str, node: yaml.Node, path: Path, entries: dict[str, list[str]]) -> None:
    """Names of one entity type with their aliases, merged into ``entries``."""
    for name_node, aliases_node in _mapping(node, path, f"section {key!r}"):
        name = _scalar(name_node, path, f"a {key} name")
        aliases = _strings(aliases_node, path, f"aliases of {name!r}")
        merged = entries.setdefault(name, [])
        merged.extend(a for a in aliases if a not in merged and a != name)


def _read_role_grammar(node: yaml.Node, path: Path, into: Gazetteer) -> None:
    """The role grammar's word lists (``GRAMMAR_KEYS``) and its ``expand`` mapping."""
    for part_node, part in _mapping(node, path, "role_grammar"):
        part_name = _scalar(part_node, path, "a role_grammar key")
        if part_name == "expand":
            for a, b in _mapping(part, path, "role_grammar.expand"):
                into.expand[_scalar(a, path, "a word").lower()] = _scalar(b, path, "an expansion")
        elif part_name in GRAMMAR_KEYS:
            words = _strings(part, path, f"role_grammar.{part_name}")
            if part_name == "levels" and words:
                _check_regexes(words, part, path, "bad level regex")
            into.grammar[part_name].extend(w for w in words if w not in into.grammar[part_name])
        else:
            raise _fail(
                f"unknown role_grammar key {part_name!r}; use one of "
                f"{', '.join((*GRAMMAR_KEYS, 'expand'))}",
                path,
                part_node,
            )


def _check_regexes(regexes: list[str], node: yaml.SequenceNode, path: Path, what: str) -> None:
    """PatternsError at the line of the first of ``regexes`` that does not compile."""
    for regex, item in zip(regexes, node.value, strict=True):
        try:
            re.compile(regex)
        except re.error as exc:
            raise _fail(f"{what} {regex!r}: {exc}", path, item) from exc


def _read_lists(section: str, node: yaml.Node, path: Path, lists: dict[str, list[str]]) -> None:
    """Extend the named lists of a section; once the defaults are read, a name they do
    not define is a mistake (a list no code reads)."""
    known = set(lists)
    for name_node, items in _mapping(node, path, section):
        name = _scalar(name_node, path, f"a {section} list name")
        if known and name not in known:
            raise _fail(
                f"unknown {section} list {name!r}; use one of {', '.join(sorted(known))}",
                path,
                name_node,
            )
        words = _strings(items, path, f"{section}.{name}")
        if section not in WORD_SECTIONS and words:
            _check_regexes(words, items, path, "bad regex")
        else:
            words = [w.lower() for w in words]
        merged = lists.setdefault(name, [])
        merged.extend(w for w in words if w not in merged)


def load_gazetteer(patterns: Path | str | None = None, *, defaults: bool = True) -> Gazetteer:
    """The default gazetteer merged with an optional user patterns file (cached)."""
    user = str(Path(patterns).resolve()) if patterns else None
    if user and not Path(user).is_file():
        raise PatternsError("patterns file not found; check the --patterns path", path=user)
    stamp = Path(user).stat().st_mtime_ns if user else 0
    return _load(user, stamp, defaults)


@lru_cache(maxsize=8)
def _load(user: str | None, _stamp: int, defaults: bool) -> Gazetteer:
    gazetteer = Gazetteer()
    paths = [DATA_DIR / f for f in DEFAULT_FILES] if defaults else []
    if user:
        paths.append(Path(user))
    digest = hashlib.sha256()
    for path in paths:
        read_patterns_file(path, gazetteer)
        digest.update(path.read_bytes())
        gazetteer.files.append(str(path))
    gazetteer.digest = digest.hexdigest()[:16]
    return gazetteer
