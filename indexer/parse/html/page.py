"""What a site recogniser hands back: the parts of one page, found in its platform's markup.

A recogniser is a small module with `matches(markup)` and `extract(markup)`; the registry
(`html.sites.SITES`) lists them in the order they are tried.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bs4.element import Tag

from indexer.model import SourceType
from indexer.parse.assemble import Draft
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.soup import Markup
from indexer.parse.reports.blocks import ReportSource

BLOGGER, ANALYSIS, PRESS_RELEASE, GENERIC = "blogger", "analysis", "press_release", "generic"
"""Body families: how a body's paragraphs are drafted (the conventions of the text families)."""


@dataclass
class Page:
    """The parts of a page: body roots in reading order, comments, and the markup's metadata."""

    family: str
    body: list[Tag]
    markup: Evidence = field(default_factory=Evidence)
    source_type: SourceType | None = None
    comments: list[Draft] = field(default_factory=list)
    report: ReportSource | None = None
    """An inspection report's blocks: the page is drafted as a report, not by a body family."""


@dataclass(frozen=True)
class Site:
    """A recogniser: a name, a test on the markup, and the extractor of its pages."""

    name: str
    matches: Callable[[Markup], bool]
    extract: Callable[[Markup], Page]
