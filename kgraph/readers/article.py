"""Plain-text and Markdown articles: each paragraph is a turn.

Headings set the section: Markdown ``#`` lines, setext underlines, a fully bold line, or a
short stand-alone title line (a few words, no final period, followed by more text). A
bullet list directly after a paragraph joins that paragraph; a list on its own is one turn.
List items go one per line (a line break ends an item), their markers removed, also in a
paragraph (a list with no blank line before it) and in embedded HTML (``<li>``, ``<p>``). Inline
Markdown and HTML are reduced to their text (``[Glossier](https://…)`` -> ``Glossier``).

An article's paragraphs are turns of its author (front matter, or a ``By Jane Doe`` byline
at the top, which is then no turn), who is also the document's ``author``; without one
author they have no speaker. A block quote whose last line names someone (``> - Jane Doe``)
is a turn of that person; another block quote has no speaker (someone else's words).

A written interview, whose questions are whole paragraphs in bold italics (``**_What do
you do?_**``) or in bold or italics ending with ``?``, is read as a Q&A: each question is a
turn of ``Interviewer`` (or the one host the metadata names), the paragraphs after it turns
of the interviewee (the one guest the metadata names, else ``Interviewee``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from kgraph.model import Document
from kgraph.readers._common import TurnList, no_turns, split_front_matter
from kgraph.readers.decoding import check_text
from kgraph.readers.metadata import Given, Metadata, metadata_from, person_shaped, with_given
from kgraph.readers.speakers import full_name_for, make_document

FORMAT = "article"

ATX = re.compile(r"^[ \t]{0,3}(?P<level>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$")
BULLET = re.compile(r"^[ \t]*(?:[-*+•‣◦▪–]|\d{1,3}[.)])[ \t]+\S")
BULLET_MARKER = re.compile(r"^[ \t]*(?:[-*+•‣◦▪–]|\d{1,3}[.)])[ \t]+")
HTML_ITEM = re.compile(r"^[ \t]*<(?:li|p|dt|dd|tr|h[1-6])\b", re.I)
RULE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$")
BOLD_LINE = re.compile(r"^[ \t]*(?:\*\*|__)(?P<text>[^*_]+)(?:\*\*|__)[ \t]*$")
MAX_TITLE_WORDS = 12


@dataclass
class _Block:
    kind: str  # "heading" (level in `level`), "bullets", "text", "question"
    lines: list[str]
    line: int  # 1-based file line of the block's first line
    level: int = 0

    @property
    def text(self) -> str:
        """Paragraph lines joined by spaces; list items one per line, markers removed, also
        those of a list right under a paragraph line and HTML ones (``<li>``, ``<p>``)."""
        if self.kind in ("heading", "question"):
            return " ".join(x.strip() for x in self.lines)
        items: list[str] = []
        for line in self.lines:
            marker = BULLET_MARKER.match(line)
            if marker or HTML_ITEM.match(line) or not items:
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


# Emphasis marks around a whole paragraph: bold italics first (any text is a question),
# then bold or italics alone (a question only when it ends with "?").
_EMPHASIS = (("**_", "_**"), ("_**", "**_"), ("***", "***"), ("___", "___"))
_EMPHASIS_ALONE = (("**", "**"), ("__", "__"), ("*", "*"), ("_", "_"))


def _question(block: _Block) -> str | None:
    """The question a paragraph asks when it is wholly emphasised (see the module
    docstring), else None."""
    if block.kind != "text":
        return None
    text = " ".join(x.strip() for x in block.lines)
    for marks, any_text in ((_EMPHASIS, True), (_EMPHASIS_ALONE, False)):
        for open_, close in marks:
            if text.startswith(open_) and text.endswith(close):
                inner = text[len(open_) : len(text) - len(close)].strip()
                ok = len(inner) >= 8 and "*" not in inner and not inner.startswith("_")
                return inner if ok and (any_text or inner.endswith("?")) else None
    return None


def blocks(body: str, first_line: int = 1) -> list[_Block]:
    """Classified blocks of an article body; with two questions or more (see the module
    docstring) it is a written interview and those blocks are of kind "question"."""
    result = _raw_blocks(body, first_line)
    questions = {i: q for i, block in enumerate(result) if (q := _question(block))}
    if len(questions) >= 2:
        for i, question in questions.items():
            result[i].kind, result[i].lines = "question", [question]
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
        text = _MARKUP.sub(r"\1", block.text)
        if block.kind == "text" and len(re.findall(r"[A-Za-z]{2,}", text)) >= 12:
            return True
    return False


# No delimited part holds its own opening delimiter: a search from each opener then stops
# at the next one, and a text full of openers ("[[[[", "**a **a") is read in linear time.
# A link's address may hold one level of parentheses (".../Scrum_(software_development)").
_URL = r"\((?:[^()]|\([^()]*\))*\)"
_MARKUP = re.compile(rf"\[([^\[\]]*)\]{_URL}|<[^<>]+>|\{{[^{{}}]*\}}|https?://\S+")
_LINK = re.compile(rf"!\[[^\[\]]*\]{_URL}|\[([^\[\]]*)\]{_URL}|\[([^\[\]]*)\]\[[^\[\]]*\]")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--(?:(?!<!--).)*?-->", re.DOTALL)
_STRONG = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])((?:(?!\1).)+?)(?<=[^\s*_])\1(?![\w*])")


_CITED = re.compile(
    rf"(?<!!)\[(?P<text>[^\[\]]+)\](?P<url>{_URL})"
    r"|<a\s[^<>]*?href=[\"'](?P<href>[^\"']+)[\"'][^<>]*>(?P<inner>(?:(?!</a>).)+?)</a>",
    re.IGNORECASE | re.DOTALL,
)


def cited(text: str) -> dict[str, str]:
    """The links of Markdown or HTML text: what a reader sees -> the address (the first
    address of a text linked twice).

    >>> cited('See [Accelerate](https://example.com/a) and <a href="/b">Rise</a>.')
    {'Accelerate': 'https://example.com/a', 'Rise': '/b'}
    """
    out: dict[str, str] = {}
    for m in _CITED.finditer(text):
        url = m["url"][1:-1].strip() if m["url"] else m["href"].strip()
        seen = plain(m["text"] if m["text"] is not None else m["inner"])
        if seen and url:
            out.setdefault(seen, url.split()[0])
    return out


def plain(text: str) -> str:
    """Markdown and HTML markup reduced to the text a reader sees.

    >>> plain("I work at [Glossier](https://glossier.com), **really** _happily_.<br>")
    'I work at Glossier, really happily.'
    >>> plain("<p><strong>Some of Ann&#39;s work</strong></p>")
    "Some of Ann's work"
    """
    text = _LINK.sub(lambda m: m[1] if m[1] is not None else (m[2] or ""), text)
    text = _TAG.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM.sub(r"\2", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text)
    text = html.unescape(text)  # embedded HTML's entities: "Aaron&#39;s" is "Aaron's"
    text = re.sub(r"[ \t]+\n", "\n", text)  # a line's closing tags ("<ul>", "</div>")
    return re.sub(r"[ \t]{2,}", " ", text).strip()


_BYLINE = re.compile(
    r"(?:written |posted )?by[ \t]+(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,3})"
    r"(?:[ \t]*(?:[,|·•–—-]|\bon\b|\(|$).*)?",
    re.IGNORECASE,
)


_ATTRIBUTION = re.compile(r"\\?[-—–]+[ \t]*(?P<name>[^,(]+?)[ \t]*(?:[,(].*)?")


def quotation(block: _Block) -> tuple[str, str | None] | None:
    """(text, who) of a block quote (every line starts with ``>``), else None; ``who`` from
    a closing attribution line ("> - Jane Doe", "> — [Jane Doe](/jane), CTO")."""
    if block.kind not in ("text", "bullets") or not all(
        x.lstrip().startswith(">") for x in block.lines
    ):
        return None
    lines = [re.sub(r"^[ \t]*>[ \t]?", "", x).strip() for x in block.lines]
    lines = [x for x in lines if x]
    if not lines:
        return None
    who = None
    match = _ATTRIBUTION.fullmatch(plain(lines[-1])) if len(lines) >= 2 else None
    if match and person_shaped(match["name"]):
        who, lines = match["name"], lines[:-1]
    return plain(" ".join(lines)), who


def byline(block: _Block) -> str | None:
    """The author a short top line names ("By Jane Doe", "Written by Jane Doe · 5 min")."""
    if block.kind != "text" or len(block.lines) != 1 or len(block.lines[0]) > 100:
        return None
    match = _BYLINE.fullmatch(plain(block.lines[0]).strip("*_ "))
    if not match or not all(w[:1].isupper() for w in match["name"].split()):
        return None
    return match["name"].rstrip(".")


def parse_article(text: str, doc_id: str, source: str, given: Given | None = None) -> Document:
    """Read a plain-text or Markdown article (see the module docstring) into a Document;
    ``given``: metadata given beside the file."""
    text = check_text(text, source)
    front = split_front_matter(text, source)
    body, first_line = (front.body, front.body_line) if front else (text, 1)
    meta, warnings = metadata_from(front.meta, front.key_lines) if front else (Metadata(), [])
    meta = with_given(meta, given)
    interviewer, interviewee = (
        (full_name_for(people[0], meta.name_sources) or people[0]) if len(people) == 1 else role
        for people, role in ((meta.hosts, "Interviewer"), (meta.guests, "Interviewee"))
    )
    # (speaker, section, texts, line) of each turn
    parts: list[tuple[str | None, str | None, list[str], int]] = []
    section: str | None = None
    title: str | None = None
    h1: str | None = None
    previous = "heading"
    answering = False
    for position, block in enumerate(blocks(body, first_line)):
        if block.kind == "heading":
            section = block.text
            if block.level == 1 and h1 is None:
                h1 = block.text
            if not parts:
                title = block.text
            previous = "heading"
            continue
        if position < 4 and not parts and (author := byline(block)):
            meta.author = meta.author or author
            continue
        if block.kind == "question":
            parts.append((interviewer, section, [plain(block.text)], block.line))
            answering = True
        elif quoted := quotation(block):  # the words of whoever it names, not the author's
            parts.append((quoted[1], section, [quoted[0]], block.line))
        elif block.kind == "bullets" and previous not in ("heading", "question") and parts:
            parts[-1][2].append(plain(block.text))
        else:
            writer = meta.author if meta.author and "," not in meta.author else None
            speaker = interviewee if answering else writer
            parts.append((speaker, section, [plain(block.text)], block.line))
        previous = block.kind
    turns = TurnList(doc_id)
    for speaker, part_section, texts, line in parts:
        turns.add(speaker, None, part_section, "\n".join(texts), line)
    if not turns.turns:
        raise no_turns("no paragraphs of text", source, first_line)
    meta.title = meta.title or h1 or title
    warnings = (front.warnings if front else []) + warnings
    document = make_document(doc_id, source, FORMAT, meta, turns.turns, warnings)
    document.cited = cited(body)
    return document
