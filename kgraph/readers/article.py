"""Plain-text and Markdown articles: each paragraph is a turn without a speaker.

Headings set the section: Markdown ``#`` lines, setext underlines, a fully bold line, or a
short stand-alone title line (a few words, no final period, followed by more text). A
bullet list directly after a paragraph joins that paragraph; a list on its own is one turn.
List items go one per line (a line break ends an item), their markers removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kgraph.model import Document
from kgraph.readers._common import (
    Metadata,
    TurnList,
    check_text,
    make_document,
    metadata_from,
    no_turns,
    split_front_matter,
)

FORMAT = "article"

ATX = re.compile(r"^[ \t]{0,3}(?P<level>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$")
BULLET = re.compile(r"^[ \t]*(?:[-*+•‣◦▪–]|\d{1,3}[.)])[ \t]+\S")
BULLET_MARKER = re.compile(r"^[ \t]*(?:[-*+•‣◦▪–]|\d{1,3}[.)])[ \t]+")
RULE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$")
BOLD_LINE = re.compile(r"^[ \t]*(?:\*\*|__)(?P<text>[^*_]+)(?:\*\*|__)[ \t]*$")
MAX_TITLE_WORDS = 12


@dataclass
class _Block:
    kind: str  # "heading" (level in `level`), "bullets", "text"
    lines: list[str]
    line: int  # 1-based file line of the block's first line
    level: int = 0

    @property
    def text(self) -> str:
        """Paragraph lines joined by spaces; list items one per line, markers removed."""
        if self.kind != "bullets":
            return " ".join(x.strip() for x in self.lines)
        items: list[str] = []
        for line in self.lines:
            marker = BULLET_MARKER.match(line)
            if marker or not items:
                items.append(line[marker.end() if marker else 0 :].strip())
            else:  # a wrapped line of the previous item
                items[-1] += " " + line.strip()
        return "\n".join(items)


def _raw_blocks(body: str, first_line: int) -> list[_Block]:
    """Blank-line separated blocks; ``#`` headings and setext headings split out."""
    blocks: list[_Block] = []
    current: list[str] = []
    start = first_line

    def close() -> None:
        if current:
            kind = "bullets" if BULLET.match(current[0]) else "text"
            blocks.append(_Block(kind, list(current), start))
            current.clear()

    lines = body.split("\n")
    for offset, line in enumerate(lines):
        number = first_line + offset
        atx = ATX.match(line)
        if atx and atx["text"]:
            close()
            blocks.append(_Block("heading", [atx["text"]], number, len(atx["level"])))
            continue
        if RULE.match(line):
            if len(current) == 1 and set(line.strip()) <= {"=", "-"}:  # setext heading
                level = 1 if "=" in line else 2
                blocks.append(_Block("heading", [current[0].strip()], start, level))
                current.clear()
            else:
                close()
            continue
        if not line.strip():
            close()
            continue
        if not current:
            start = number
        current.append(line)
    close()
    return blocks


def _is_title_line(block: _Block) -> bool:
    """A short stand-alone line that reads as a heading, not as a sentence."""
    if block.kind != "text" or len(block.lines) != 1:
        return False
    text = block.lines[0].strip()
    words = text.split()
    if not words or len(words) > MAX_TITLE_WORDS or len(text) > 100:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if text[-1] in ".,;:!…\"”')]" or (text.endswith("?") and len(words) == 1):
        return False
    return "http" not in text


def blocks(body: str, first_line: int = 1) -> list[_Block]:
    """Classified blocks of an article body."""
    result = _raw_blocks(body, first_line)
    for i, block in enumerate(result):
        bold = BOLD_LINE.match(block.lines[0]) if len(block.lines) == 1 else None
        if block.kind == "text" and bold and i + 1 < len(result):
            block.kind, block.lines, block.level = "heading", [bold["text"].strip()], 3
        elif _is_title_line(block) and i + 1 < len(result):
            block.kind, block.level = "heading", 3
    return result


def has_prose(body: str) -> bool:
    """True when the body holds at least one real paragraph (not only links or a list)."""
    for block in _raw_blocks(body, 1):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)|<[^>]+>|\{[^}]*\}|https?://\S+", r"\1", block.text)
        if block.kind == "text" and len(re.findall(r"[A-Za-z]{2,}", text)) >= 12:
            return True
    return False


def parse_article(text: str, doc_id: str, source: str) -> Document:
    """Read a plain-text or Markdown article (see the module docstring) into a Document."""
    text = check_text(text, source)
    front = split_front_matter(text, source)
    body, first_line = (front.body, front.body_line) if front else (text, 1)
    meta = metadata_from(front.meta) if front else Metadata()
    parts: list[tuple[str | None, list[str], int]] = []  # (section, texts, line)
    section: str | None = None
    title: str | None = None
    h1: str | None = None
    previous = "heading"
    for block in blocks(body, first_line):
        if block.kind == "heading":
            section = block.text
            if block.level == 1 and h1 is None:
                h1 = block.text
            if not parts:
                title = block.text
            previous = "heading"
            continue
        if block.kind == "bullets" and previous != "heading" and parts:
            parts[-1][1].append(block.text)
        else:
            parts.append((section, [block.text], block.line))
        previous = block.kind
    if not parts:
        raise no_turns("no paragraphs of text", source, first_line)
    turns = TurnList(doc_id)
    for part_section, texts, line in parts:
        turns.add(None, None, part_section, "\n".join(texts), line)
    meta.title = meta.title or h1 or title
    return make_document(doc_id, source, FORMAT, meta, turns.turns, front.warnings if front else [])
