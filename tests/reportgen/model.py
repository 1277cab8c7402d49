"""The shape of a report as the generators lay it out: blocks in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A chapter (level 1), a numbered sub-section (level 2) or a minor heading (level 3)."""

    level: int
    text: str
    number: str | None = None

    @property
    def label(self) -> str:
        """Return the heading as printed: its number, then its text."""
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Numbered:
    items: tuple[str, ...]
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Box:
    """A boxed practice example: a title and its paragraphs."""

    title: str
    paras: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | Bullets | Numbered | Table | Box | PageBreak


@dataclass(frozen=True)
class Report:
    """Everything one report fixture prints."""

    running_header: str
    title_lines: tuple[str, ...]
    date_line: str
    front_matter: tuple[Block, ...]
    """Page 2: acknowledgements, the inspectorate's role, the fieldwork, the licence."""
    body: tuple[Block, ...]
    subject: str = "Illustrative fixture written for reportsearch's tests; not a real report."
    extra: dict[str, str] = field(default_factory=dict)

    def contents(self) -> list[Heading]:
        """Return the headings the contents page lists: chapters and numbered sub-sections."""
        return [b for b in self.body if isinstance(b, Heading) and b.level <= 2]
