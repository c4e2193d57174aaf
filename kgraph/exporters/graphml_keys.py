"""GraphML's attribute keys: one declared type per attribute and scope, and the text of
every value under it (see :mod:`kgraph.exporters.graphml` for the encoding)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import is_, itemgetter
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kgraph.serial import encode_json as _encode_json

__all__ = ["Keys", "clean_xml_text", "xml_bytes"]

# XML 1.0 allows #x9 #xA #xD [#x20-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF], nothing else
_FORBIDDEN_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# what XML 1.0 forbids (see clean_xml_text) in UTF-8 bytes, for the whole document
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r")
_NONCHARACTERS = ("\ufffe".encode(), "\uffff".encode())
_INT32 = range(-(2**31), 2**31)
_DEFAULTS = {"string": "", "int": -1, "long": -1, "double": -1.0, "boolean": False}
# igraph keeps GraphML's node and edge ids in an attribute "id" and warns when one exists
RENAMED = {"id": "attr_id"}
# Types of the schema's attributes, used when every value is None (claims without times).
_SCHEMA_TYPES = {
    "node": {"mentions": "int", "documents": "int", "community": "int", "size": "double"},
    "edge": {"weight": "int", "turn": "int", "time": "double", "negated": "boolean"},
}


def clean_xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (``\\x0b``, ``\\x00``, ...)."""
    return _FORBIDDEN_XML.sub("", text)


def xml_bytes(text: str) -> bytes:
    """``text`` as UTF-8 without the characters XML 1.0 forbids.

    The same as :func:`clean_xml_text` on the whole document, ~10x faster: the markup
    itself never contains such characters, so cleaning the document cleans every value.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return clean_xml_text(text).encode("utf-8")
    data = data.translate(None, _CONTROL_BYTES)  # in UTF-8 these bytes are only themselves
    if _NONCHARACTERS[0] in data or _NONCHARACTERS[1] in data:
        data = data.replace(_NONCHARACTERS[0], b"").replace(_NONCHARACTERS[1], b"")
    return data


def _declared_type(values: list[Any], when_all_none: str = "string") -> str:
    """One GraphML type for all the non-None values of an attribute."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if not kinds:
        return when_all_none
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        ints = [v for v in values if v is not None] if None in values else values
        return "int" if _INT32.start <= min(ints) and max(ints) < _INT32.stop else "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


def _scalar(value: Any, attr_type: str) -> str:
    """The text of one value under its declared type (None -> the declared default)."""
    if value is None:
        value = _DEFAULTS[attr_type]
    if attr_type == "boolean":
        return "true" if value else "false"
    if attr_type in ("int", "long"):
        return str(int(value))
    if attr_type == "double":
        number = float(value)
        return repr(number) if math.isfinite(number) else str(_DEFAULTS["double"])
    if isinstance(value, (list, tuple, dict, set)):
        return json.dumps(_clean_nested(value), ensure_ascii=False)
    return clean_xml_text(str(value))


def _clean_nested(value: Any) -> Any:
    """Strings inside lists and dicts cleaned too (JSON would only escape them)."""
    if isinstance(value, str):
        return clean_xml_text(value)
    if isinstance(value, dict):
        return {clean_xml_text(str(k)): _clean_nested(v) for k, v in value.items()}
    if isinstance(value, set):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return [_clean_nested(v) for v in value]
    return value


# Text of the values of one attribute, a column at a time (most of the work runs in C).
# The values of an attribute declared int, double or boolean are all int, int or float,
# or bool (see _declared_type). Characters XML forbids are left in: xml_bytes removes
# them from the whole document.
_BOOLEAN_TEXT = {True: "true", False: "false"}
_NEEDS_CLEANING = re.compile(r"\\(?:u00|b|f)").search  # JSON escapes of control characters


def _double_text(value: float) -> str:
    number = float(value)
    return repr(number) if math.isfinite(number) else "-1.0"


def _escaped(texts: Iterable[str], cr: bool = True) -> Iterator[str]:
    """XML text escapes (``&``, ``<``, ``>`` and CR, which parsers would normalise away)."""
    texts = map(str.replace, texts, repeat("&"), repeat("&amp;"))
    texts = map(str.replace, texts, repeat(">"), repeat("&gt;"))
    texts = map(str.replace, texts, repeat("<"), repeat("&lt;"))
    return map(str.replace, texts, repeat("\r"), repeat("&#13;")) if cr else texts


def _json_text(value: Any) -> str:
    """JSON of a list or dict with its strings cleaned for XML."""
    try:
        text = _encode_json(value)
    except (TypeError, ValueError, RecursionError):  # sets inside, ...
        text = None
    if text is None or _NEEDS_CLEANING(text):  # cleaning removes what JSON would escape
        text = json.dumps(_clean_nested(value), ensure_ascii=False)
    return text


def _string_text(value: Any) -> str:
    if isinstance(value, (list, tuple, dict, set)):
        return next(_escaped([_json_text(value)], cr=False))
    return next(_escaped([str(value)]))


def _column_text(attr_type: str, values: list[Any]) -> Iterable[str]:
    """The texts of ``values`` (none of them None) under their declared type."""
    if attr_type in ("int", "long"):
        return map(str, values)
    if attr_type == "boolean":
        return map(_BOOLEAN_TEXT.__getitem__, values)
    if attr_type == "double":
        numbers = list(map(float, values))
        return map(repr, numbers) if all(map(math.isfinite, numbers)) else map(_double_text, values)
    kinds = set(map(type, values))
    if kinds == {str}:
        return _escaped(values)
    if kinds <= {list, dict}:
        try:
            texts = list(map(_encode_json, values))
        except (TypeError, ValueError, RecursionError):
            texts = list(map(_json_text, values))
        else:
            if any(map(_NEEDS_CLEANING, texts)):
                texts = list(map(_json_text, values))
        return _escaped(texts, cr=False)  # JSON has no raw CR
    return map(_string_text, values)


# elements with the same attribute names in the same order: names, their indexes, the
# elements, one column of values per name
_Group = tuple[tuple[Any, ...], list[int], list[dict[str, Any]], list[list[Any]]]


class Keys:
    """Attribute keys of one graph: name and scope -> unique id and declared type."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []  # id, scope, name, type
        self.by_scope: dict[str, dict[str, tuple[str, str]]] = {}
        self._ids: set[str] = set()
        # elements of each scope grouped by attribute names (in order): names -> indexes
        self._groups: dict[str, list[_Group]] = {}

    def declare(self, scope: str, elements: list[dict[str, Any]]) -> None:
        by_names: dict[tuple[Any, ...], list[int]] = {}
        for i, data in enumerate(elements):
            by_names.setdefault(tuple(data), []).append(i)
        groups = self._groups[scope] = []
        values: dict[str, list[Any]] = {}
        for names, indexes in by_names.items():
            group = list(map(elements.__getitem__, indexes))
            columns = [list(map(itemgetter(name), group)) for name in names]
            groups.append((names, indexes, group, columns))
            for name, column in zip(names, columns, strict=True):
                values.setdefault(str(name), []).extend(column)
        keys = self.by_scope.setdefault(scope, {})
        for name, vals in values.items():
            xml_name = RENAMED.get(name, name)
            key_id = self._unique_id(scope, xml_name)
            attr_type = _declared_type(vals, _SCHEMA_TYPES.get(scope, {}).get(name, "string"))
            keys[name] = (key_id, attr_type)
            self.rows.append((key_id, scope, xml_name, attr_type))

    def _unique_id(self, scope: str, name: str) -> str:
        clean = re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "attr"
        if not re.match(r"[A-Za-z_]", clean):
            clean = f"a_{clean}"
        if scope == "edge" and clean == "label":
            clean = "edgelabel"  # Gephi's id for edge labels; "label" belongs to nodes
        candidate = clean
        if candidate in self._ids or re.fullmatch(r"d\d+", candidate):
            candidate = f"{scope}_{clean}"
        n = 2
        while candidate in self._ids:
            candidate, n = f"{scope}_{clean}_{n}", n + 1
        self._ids.add(candidate)
        return candidate

    def xml(self) -> Iterator[str]:
        for key_id, scope, name, attr_type in self.rows:
            default = _scalar(None, attr_type)
            yield (
                f'  <key id={quoteattr(key_id)} for="{scope}" attr.name={quoteattr(name)} '
                f'attr.type="{attr_type}"><default>{escape(default)}</default></key>\n'
            )

    def blocks(
        self,
        scope: str,
        elements: list[dict[str, Any]],
        heads: list[str],
        tail: str,
    ) -> list[str]:
        """Each element's XML: its head, one ``<data>`` per value, ``tail``. None values
        are left out, so readers apply the key's declared default."""
        indent = "    " if scope == "graph" else "      "
        keys = self.by_scope.get(scope, {})
        out = [""] * len(elements)
        for names, indexes, group, columns in self._groups[scope]:
            if not any(any(map(is_, column, repeat(None))) for column in columns):
                parts = [(names, indexes, columns)]
            else:  # regroup by which values are set
                subgroups: dict[tuple[Any, ...], list[int]] = {}
                for i, data in zip(indexes, group, strict=True):
                    subgroups.setdefault(
                        tuple(n for n, v in data.items() if v is not None), []
                    ).append(i)
                parts = []
                for sub_names, sub_indexes in subgroups.items():
                    sub = list(map(elements.__getitem__, sub_indexes))
                    parts.append(
                        (sub_names, sub_indexes, [list(map(itemgetter(n), sub)) for n in sub_names])
                    )
            for sub_names, sub_indexes, sub_columns in parts:
                template = "{}"
                texts = []
                for name, column in zip(sub_names, sub_columns, strict=True):
                    key_id, attr_type = keys[str(name)]
                    tag = f"{indent}<data key={quoteattr(key_id)}>".replace("{", "{{")
                    template += tag.replace("}", "}}") + "{}</data>\n"
                    texts.append(_column_text(attr_type, column))
                template += tail
                written = map(template.format, map(heads.__getitem__, sub_indexes), *texts)
                for i, block in zip(sub_indexes, written, strict=True):
                    out[i] = block
        return out
