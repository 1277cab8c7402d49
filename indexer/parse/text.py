"""Line-level helpers shared by the text families: normalising, boilerplate and headings.

A family turns its body lines into `Para`s (one per non-empty line, since the plain-text
copies put each paragraph, bullet and heading on its own line) and hands them on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.parse import patterns
from indexer.parse.dates import parse_date

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")


@dataclass
class Para:
    """One paragraph of a body, with the source block it belongs to.

    `heading` is set when markup says the paragraph is a heading (HTML `h1`–`h6`); otherwise
    its shape decides. `quoted` marks a paragraph inside an HTML `blockquote`.
    """

    text: str
    bullet: bool = False
    block: int = 0
    quoted_from: str | None = None
    heading: bool = False
    quoted: bool = False


def normalise_lines(text: str) -> list[str]:
    """Split `text` into lines with unified spaces, keeping each line's indentation."""
    lines = []
    for raw in _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        raw = raw.replace("\u00a0", " ").replace("\t", "    ").rstrip()
        indent = len(raw) - len(raw.lstrip(" "))
        lines.append(" " * indent + _SPACES.sub(" ", raw.strip()))
    return lines


def clean(line: str) -> str:
    """Return `line` trimmed, with runs of spaces collapsed."""
    return _SPACES.sub(" ", line).strip()


def is_boilerplate(line: str) -> bool:
    """Return whether `line` is site chrome that must never become content."""
    cleaned = clean(line)
    folded = cleaned.casefold()
    if not folded:
        return False
    if folded in patterns.BOILERPLATE_LINES or folded.startswith(patterns.BOILERPLATE_PREFIXES):
        return True
    return any(pattern.match(cleaned) for pattern in patterns.BOILERPLATE_PATTERNS)


def is_dateline(line: str) -> bool:
    """Return whether `line` only dates the page ("Published: 7 June 2017"): metadata, not text."""
    match = patterns.DATELINE.match(clean(line))
    return match is not None and parse_date(match["date"]) is not None


def content_lines(lines: Iterable[str]) -> list[str]:
    """Return the non-empty lines that are neither boilerplate nor a dateline, trimmed."""
    return [
        clean(line)
        for line in lines
        if clean(line) and not is_boilerplate(line) and not is_dateline(line)
    ]


def to_paras(lines: Iterable[str]) -> list[Para]:
    """Turn content lines into paragraphs, marking and unmarking bullets."""
    paras = []
    for line in content_lines(lines):
        bullet = patterns.BULLET.match(line)
        text = line[bullet.end() :] if bullet else line
        if text:
            paras.append(Para(text=text, bullet=bullet is not None))
    return paras


def looks_like_heading(text: str) -> bool:
    """Return whether `text` has the shape of a heading: short, capitalised, unpunctuated."""
    if patterns.FINDINGS_HEADING.match(text):
        return True
    return (
        len(text) <= patterns.HEADING_MAX_CHARS
        and len(text.split()) <= patterns.HEADING_MAX_WORDS
        and text[-1] not in patterns.TERMINAL_PUNCTUATION
        and not text.endswith(":-")  # a lead-in to a reproduced block ("…website:-")
        and (text[0].isupper() or text[0].isdigit())
        and not text.startswith(tuple(patterns.OPEN_QUOTE))
    )


def is_heading(paras: list[Para], index: int) -> bool:
    """Return whether paragraph `index` heads the paragraph after it in the same block."""
    para = paras[index]
    if para.heading:
        return True
    if para.bullet or not looks_like_heading(para.text):
        return False
    if index + 1 >= len(paras):
        return False
    following = paras[index + 1]
    # A block quote's last line does not head the text after the quote (a signature line).
    return following.block == para.block and following.quoted == para.quoted and not (
        not following.bullet and looks_like_heading(following.text)
    )


def sentences(text: str) -> list[str]:
    """Split `text` into sentences at full stops followed by a capital."""
    return [part for part in patterns.SENTENCE_END.split(text) if part.strip()]
