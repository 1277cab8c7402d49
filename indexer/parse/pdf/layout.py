"""Positioned lines → report blocks: headings from font size, numbering and the contents,
paragraphs from line spacing (hyphenation and line breaks joined, across pages too), list
items from their markers and indentation, ratings-table rows from their shape."""

from __future__ import annotations

import re
from collections import Counter

from indexer.parse.pdf.contents import Entry
from indexer.parse.pdf.extract import Line
from indexer.parse.reports import patterns
from indexer.parse.reports.blocks import Block, BlockKind, split_number

HEADING_STEP = 1.2
"""Points above the body size from which a line is a heading by its size alone."""
PARAGRAPH_PITCH = 1.7
"""Lines further apart than this many times their font size start a new paragraph."""
CONTINUATION_INDENT = 2.0
"""A list item's wrapped lines start under its words, not under its marker."""
_SENTENCE_END = re.compile(r"[.:;?!”’\")]$")
_HYPHENATED = re.compile(r"[A-Za-z]{2}-$")
_SUSPENDED = frozenset({"and", "or", "nor", "to"})


def body_size(lines: list[Line]) -> float:
    """Return the font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


class _Headings:
    """Decides which lines are headings, and their level."""

    def __init__(self, lines: list[Line], contents: list[Entry]) -> None:
        self.body = body_size(lines)
        self.entries = {_fold(entry.label): entry for entry in contents}
        big = sorted({ln.size for ln in lines if ln.size >= self.body + HEADING_STEP}, reverse=True)
        self.levels = {size: min(3, rank + 1) for rank, size in enumerate(big)}

    def level(self, line: Line) -> int | None:
        entry = self.entries.get(_fold(line.text))
        if entry is not None and (line.bold or line.size > self.body):
            return entry.level
        if line.size in self.levels and len(line.text) < 120:
            number, _ = split_number(line.text)
            return min(2, number.count(".") + 1) if number else self.levels[line.size]
        short = len(line.text) < 80 and not line.text.endswith((".", ","))
        if line.bold and short and line.size >= self.body - 0.6:
            return 3
        if patterns.PRACTICE_EXAMPLE.match(line.text):
            return 3
        return None


def lines_to_blocks(lines: list[Line], contents: list[Entry]) -> list[Block]:
    """Return the blocks of `lines` (furniture and the contents page already removed)."""
    headings = _Headings(lines, contents)
    blocks: list[Block] = []
    previous: Line | None = None
    current: Block | None = None
    item_left = 0.0
    for line in lines:
        level = headings.level(line)
        row = patterns.RATING_ROW.match(line.text)
        bullet = patterns.BULLET.match(line.text)
        numbered = patterns.NUMBERED.match(line.text) if level is None else None
        if _is_header_row(line.text, previous):
            pass  # the ratings table's header row ("<organisation> Rating") says nothing
        elif level is not None:
            if current and current.kind is BlockKind.HEADING and _same_heading(previous, line):
                current.text = f"{current.text} {line.text}"
            else:
                number, text = split_number(line.text)
                current = Block(BlockKind.HEADING, text, line.page, level, number)
                blocks.append(current)
        elif row and len(line.text) < 100:
            cells = (row["standard"].strip(), row["rating"].capitalize())
            current = Block(BlockKind.ROW, f"{cells[0]}: {cells[1]}", line.page, cells=cells)
            blocks.append(current)
        elif bullet or numbered:
            match = bullet or numbered
            assert match is not None
            number = numbered["number"] if numbered else None
            current = Block(BlockKind.ITEM, match["text"], line.page, number=number)
            blocks.append(current)
            item_left = line.text_left
        elif current is not None and _continues(current, previous, line, item_left):
            current.text = join_lines(current.text, line.text)
        else:
            current = Block(BlockKind.PARA, line.text, line.page)
            blocks.append(current)
        previous = line
    return [_finish(block) for block in blocks]


def _is_header_row(text: str, previous: Line | None) -> bool:
    return (
        previous is not None
        and patterns.RATINGS_HEADING.match(previous.text) is not None
        and patterns.TABLE_HEADER.match(text) is not None
    )


def _same_heading(previous: Line | None, line: Line) -> bool:
    """Return whether `line` carries on the heading of `previous` (a title that wraps)."""
    return (
        previous is not None
        and previous.page == line.page
        and previous.size == line.size
        and line.top - previous.top <= PARAGRAPH_PITCH * line.size
        and split_number(line.text)[0] is None
    )


def _continues(block: Block, previous: Line | None, line: Line, item_left: float) -> bool:
    """Return whether `line` carries on `block` (same paragraph or item, maybe on a new page)."""
    if previous is None or block.kind not in (BlockKind.PARA, BlockKind.ITEM):
        return False
    if previous.page != line.page:
        return not _SENTENCE_END.search(block.text) and line.text[:1].islower()
    if abs(previous.size - line.size) > 0.6:
        return False
    if line.top - previous.top > PARAGRAPH_PITCH * max(previous.size, line.size):
        return False
    if block.kind is BlockKind.ITEM:
        return line.left >= item_left - CONTINUATION_INDENT
    return True


def join_lines(text: str, line: str) -> str:
    """Join a wrapped line onto the text before it, undoing end-of-line hyphenation.

    A hyphen before a lower-case word was put in by the line break ("case-" "loads"), unless
    the word is a conjunction ("medium-" "and low-risk"); before a capital or a digit it is
    part of the compound ("Through-the-" "Gate").
    """
    if not _HYPHENATED.search(text):
        return f"{text} {line}"
    first_word = line.split(" ", 1)[0]
    if first_word in _SUSPENDED:
        return f"{text} {line}"
    if line[:1].islower():
        return text[:-1] + line
    return text + line


def _finish(block: Block) -> Block:
    block.text = block.text.strip()
    if block.kind is BlockKind.HEADING:
        block.text = block.text.rstrip(":").strip()
    return block
