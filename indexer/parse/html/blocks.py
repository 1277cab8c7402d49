"""Turn the HTML of a post body or a comment into lines, then into the text parsers' `Para`s.

The plain-text copies put every paragraph, bullet and heading on its own line; this walk
gives the same shape from markup, so one body drafter (`parse.body.draft_body`) serves both
formats: a block element or `<br>` ends a line, `li` marks a bullet, `h1`–`h6` a heading,
`blockquote` a quoted paragraph; empty lines (`<br><br>`, a new `<p>`) separate paragraphs.
One small handler per element kind sits behind one dispatcher; the walk is iterative.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bs4.element import PageElement, Tag

from indexer.parse.html import selectors
from indexer.parse.html.soup import clean_text, is_noise, is_text
from indexer.parse.text import Para, is_boilerplate

BULLET, HEADING, QUOTED, PRE = "bullet", "heading", "quoted", "pre"


@dataclass(frozen=True)
class Line:
    """One line of visible text with what the markup around it says."""

    text: str
    bullet: bool = False
    heading: bool = False
    quoted: bool = False
    starts_paragraph: bool = True


@dataclass(frozen=True)
class _Exit:
    """Marks the end of an element whose context (bullet, heading, …) the walk tracks."""

    flag: str | None


class _Walk:
    """The state of one walk: the line being built and the contexts it is inside."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.inside: Counter[str] = Counter()
        self.stack: list[PageElement | _Exit] = []
        self.paragraph_break = True

    def descend(self, tag: Tag) -> None:
        self.stack.extend(reversed(tag.contents))

    def open(self, tag: Tag, flag: str | None) -> None:
        self.end_line(block=True)
        if flag:
            self.inside[flag] += 1
        self.stack.append(_Exit(flag))
        self.descend(tag)

    def close(self, exit_: _Exit) -> None:
        self.end_line(block=True)
        if exit_.flag:
            self.inside[exit_.flag] -= 1

    def add_text(self, text: str) -> None:
        if not self.inside[PRE]:
            self.parts.append(text)
            return
        first, *rest = text.split("\n")
        self.parts.append(first)
        for piece in rest:  # preformatted text keeps its line breaks
            self.end_line(block=False)
            self.parts.append(piece)

    def end_line(self, block: bool) -> None:
        text = clean_text("".join(self.parts))
        self.parts = []
        if not text:
            # An empty line (<br><br>) or a block boundary separates paragraphs.
            self.paragraph_break = self.paragraph_break or block or bool(self.lines)
            return
        self.lines.append(
            Line(
                text,
                bullet=self.inside[BULLET] > 0,
                heading=self.inside[HEADING] > 0,
                quoted=self.inside[QUOTED] > 0,
                starts_paragraph=self.paragraph_break,
            )
        )
        self.paragraph_break = block


Handler = Callable[[_Walk, Tag], None]


def handle_break(walk: _Walk, tag: Tag) -> None:
    """`<br>`: end the line; two in a row end the paragraph."""
    walk.end_line(block=False)


def handle_block(walk: _Walk, tag: Tag) -> None:
    """`p`, `div`, `tr`…: the element's text stands on lines of its own."""
    walk.open(tag, None)


def handle_heading(walk: _Walk, tag: Tag) -> None:
    """`h1`–`h6`: lines that are headings."""
    walk.open(tag, HEADING)


def handle_list_item(walk: _Walk, tag: Tag) -> None:
    """`li`: a bullet (numbered lists too: the number is markup, not text)."""
    walk.open(tag, BULLET)


def handle_quote(walk: _Walk, tag: Tag) -> None:
    """`blockquote`: paragraphs reproduced from elsewhere."""
    walk.open(tag, QUOTED)


def handle_pre(walk: _Walk, tag: Tag) -> None:
    """`pre`: one line per line of the preformatted text."""
    walk.open(tag, PRE)


def handle_cell(walk: _Walk, tag: Tag) -> None:
    """`td`/`th`: cells of a row stay on the row's line, apart."""
    walk.parts.append(" ")
    walk.descend(tag)


def handle_inline(walk: _Walk, tag: Tag) -> None:
    """Any other element (`a`, `span`, `b`…): its text joins the current line."""
    walk.descend(tag)


HANDLERS: dict[str, Handler] = {
    "br": handle_break,
    "pre": handle_pre,
    **dict.fromkeys(selectors.BLOCK_TAGS - {"pre"}, handle_block),
    **dict.fromkeys(selectors.HEADING_TAGS, handle_heading),
    **dict.fromkeys(selectors.LIST_ITEM_TAGS, handle_list_item),
    **dict.fromkeys(selectors.QUOTE_TAGS, handle_quote),
    **dict.fromkeys(selectors.CELL_TAGS, handle_cell),
}


def lines_of(roots: list[Tag]) -> list[Line]:
    """Return the visible lines of `roots` in reading order, site chrome and noise left out."""
    walk = _Walk()
    for root in roots:
        walk.open(root, None)
        while walk.stack:
            node = walk.stack.pop()
            if isinstance(node, _Exit):
                walk.close(node)
            elif isinstance(node, Tag):
                if not is_noise(node):
                    HANDLERS.get(node.name, handle_inline)(walk, node)
            elif is_text(node):
                walk.add_text(str(node))
    return [line for line in walk.lines if not is_boilerplate(line.text)]


def paras_of(roots: list[Tag]) -> list[Para]:
    """Return the body paragraphs of `roots`, one per line, as the text families read them."""
    return [
        Para(line.text, bullet=line.bullet, heading=line.heading, quoted=line.quoted)
        for line in lines_of(roots)
    ]


def paragraphs_of(root: Tag) -> list[list[str]]:
    """Return the text of `root` as paragraphs of lines (the shape comment signatures need)."""
    paragraphs: list[list[str]] = []
    for line in lines_of([root]):
        if line.starts_paragraph or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.text)
    return paragraphs
