"""The common shape of a report's body, whichever format it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<text>\S.*)$")


def split_number(label: str) -> tuple[str | None, str]:
    """Return a heading's numbering ("2.3", "1") and its text."""
    match = _NUMBER.match(label)
    if not match:
        return None, label
    return match["number"], match["text"]


class BlockKind(StrEnum):
    """What a block of a report is."""

    HEADING = "heading"
    PARA = "para"
    ITEM = "item"
    """A bulleted or numbered list item (`number` set for numbered ones)."""
    ROW = "row"
    """A table row, as its cells."""


@dataclass
class Block:
    """One heading, paragraph, list item or table row, with the page it starts on."""

    kind: BlockKind
    text: str
    page: int | None = None
    level: int = 0
    """For headings: 1 a chapter, 2 a numbered sub-section, 3 a minor heading."""
    number: str | None = None
    """A heading's numbering ("2.3") or a numbered item's number ("5")."""
    cells: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Return a heading as printed: its number ("2." for a chapter, "2.3"), then its text."""
        if not self.number:
            return self.text
        return f"{self.number}{'' if '.' in self.number else '.'} {self.text}"


@dataclass
class ReportSource:
    """What a format hands to the structure: title-page lines, front matter and body blocks."""

    title_lines: list[str]
    front: list[Block]
    body: list[Block]
    contents: list[tuple[str, int | None]]
    """The contents page's entries: (label, page), in order; empty when there is none."""
