"""Encodings judged by evidence: byte-order marks, NUL patterns, UTF-8, then a fallback."""

from __future__ import annotations

import codecs

import pytest

from kgraph.errors import InputError
from kgraph.readers import read_document, read_paths

TEXT = "Zoë (00:01): Héllo — welcome.\nAndré (00:05): Merci, ça va.\n"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_byte_order_mark_names_the_encoding(tmp_path, bom, encoding):
    path = tmp_path / "t.txt"
    path.write_bytes(bom + TEXT.replace("\n", "\r\n").encode(encoding))
    document = read_document(path)
    assert [(t.speaker, t.text) for t in document.turns] == [
        ("Zoë", "Héllo — welcome."),
        ("André", "Merci, ça va."),
    ]
    assert document.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_known_by_its_nul_bytes(tmp_path, encoding):
    path = tmp_path / "t.txt"
    path.write_bytes(TEXT.encode(encoding))
    document = read_document(path)
    assert document.turns[0].speaker == "Zoë"
    assert document.warnings == [
        f"no byte-order mark; read as {encoding.upper()} from its NUL bytes"
    ]


def test_text_that_is_not_utf8_falls_back_with_a_note_naming_the_line(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes("Ann (00:01): Hi.\nBob (00:02): \u201cCaf\u00e9\u201d.\n".encode("cp1252"))
    document = read_document(path)
    assert document.turns[1].text == "\u201cCaf\u00e9\u201d."
    assert document.warnings == ["line 2: not valid UTF-8; decoded as cp1252"]
    path.write_bytes(b"Ann (00:01): Hi.\nBob (00:02): \x81 bytes.\n")  # undefined in cp1252
    assert read_document(path).warnings == ["line 2: not valid UTF-8; decoded as latin-1"]


def test_a_broken_utf16_file_is_a_failure_with_its_reason(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Ann (00:01): Hi.".encode("utf-16-le") + b"\x00\xd8")
    [error] = read_paths([tmp_path])
    assert isinstance(error, InputError) and error.path == str(path)
    assert error.message.startswith("not valid UTF-16-LE at byte ")
    assert error.message.endswith("after its byte-order mark; save it as UTF-8")
