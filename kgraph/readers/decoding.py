"""Bytes to text: the encoding judged from evidence, binary data told apart from text."""

from __future__ import annotations

import codecs
import re

from kgraph.errors import InputError

LEAVE_OUT = "convert it to text or leave it out"
EMPTY = "nothing to read: add its text or leave it out"


class BinaryFileError(InputError):
    """The file holds binary data, not text (folder walks skip these with a note)."""


_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_by_nul_bytes(data: bytes) -> str | None:
    """ "utf-16-le"/"-be" when the NUL bytes of ``data`` sit in every other place, as in
    mostly-ASCII text written in UTF-16 without a byte-order mark; else None."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, letters, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) <= 0.1 * len(letters):
            return name
    return None


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Text of ``data`` and the notes about it; InputError for empty or binary data.

    The encoding is judged from evidence: a byte-order mark (UTF-8, UTF-16, UTF-32), NUL
    bytes in every other place (UTF-16 without a mark), else UTF-8, and failing that
    cp1252 or Latin-1 (which never fails) with a note naming the first line that is not
    UTF-8. Other NUL bytes mean a binary file.
    """
    warnings: list[str] = []
    bom = next(((mark, name) for mark, name in _BOMS if data.startswith(mark)), None)
    encoding = bom[1] if bom else _utf16_by_nul_bytes(data)
    if encoding:
        body = data[len(bom[0]) :] if bom else data
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as error:
            how = "after its byte-order mark" if bom else "though its NUL bytes say so"
            raise BinaryFileError(
                f"not valid {encoding.upper()} at byte {error.start} {how}; save it as UTF-8",
                path=path,
            ) from None
        if not bom:
            warnings.append(f"no byte-order mark; read as {encoding.upper()} from its NUL bytes")
    else:
        if b"\x00" in data[:8192]:
            raise BinaryFileError(
                f"binary file with NUL bytes, not a text document; {LEAVE_OUT}", path=path
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            fallback = "cp1252"
            try:
                text = data.decode(fallback)
            except UnicodeDecodeError:
                fallback = "latin-1"
                text = data.decode(fallback)
            warnings.append(f"line {line}: not valid UTF-8; decoded as {fallback}")
    if not text.strip():
        raise InputError(f"empty file; {EMPTY}", path=path)
    if _mostly_binary(text):
        raise BinaryFileError(
            f"binary file of mostly control characters, not a text document; {LEAVE_OUT}",
            path=path,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _mostly_binary(text: str) -> bool:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) > max(3, len(sample) // 10)


def check_text(text: str, path: str) -> str:
    """Normalise line ends of already decoded text; InputError when it is empty or binary."""
    if not text.strip():
        raise InputError(f"empty file; {EMPTY}", path=path)
    if "\x00" in text or _mostly_binary(text):
        raise BinaryFileError(f"binary content, not a text document; {LEAVE_OUT}", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
