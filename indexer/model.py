"""The data model every layer shares: a decoded source, a Document and its Elements.

Plain dataclasses with no I/O and no third-party imports, so parsers, the index and the
web app agree on one vocabulary without depending on each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class ElementKind(StrEnum):
    """What an element is: the unit a search hit points at."""

    SECTION = "section"
    FINDING = "finding"
    QUOTE = "quote"
    COMMENT = "comment"


class SourceType(StrEnum):
    """What kind of publication a document is."""

    INSPECTION_REPORT = "inspection_report"
    PRESS_RELEASE = "press_release"
    NEWS = "news"
    BLOG_POST = "blog_post"
    OTHER = "other"


class SourceFormat(StrEnum):
    """How a source file is written."""

    TEXT = "text"
    HTML = "html"


@dataclass(frozen=True)
class SourceText:
    """A file that has been read and decoded, ready for a parser.

    `overrides` are document fields a sidecar metadata file sets, as (field, value) pairs;
    `notes` say what decoding had to repair ("2 mojibake sequences repaired").
    """

    doc_id: str
    source_path: str
    text: str
    format: SourceFormat
    overrides: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class Element:
    """One searchable unit of a document: a section, finding, quote or comment."""

    id: str
    kind: ElementKind
    position: int
    text: str
    heading: str | None = None
    group: str | None = None
    speaker: str | None = None
    comment_path: str | None = None
    author: str | None = None
    quoted_from: str | None = None
    date: str | None = None
    organisations: list[str] = field(default_factory=list)
    """What the element is about: a finding's own organisation, else those it names."""

    def to_dict(self) -> dict[str, Any]:
        """Return the element as the JSON-ready mapping of the public parse format."""
        data = asdict(self)
        data["kind"] = self.kind.value
        return data


@dataclass
class Document:
    """A parsed source file with its metadata and its elements in reading order."""

    id: str
    source_path: str
    format: SourceFormat
    title: str
    date: str | None = None
    site: str | None = None
    url: str | None = None
    author: str | None = None
    source_type: SourceType = SourceType.OTHER
    organisations: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the document as the JSON-ready mapping of the public parse format."""
        return {
            "id": self.id,
            "source_path": self.source_path,
            "format": self.format.value,
            "title": self.title,
            "date": self.date,
            "site": self.site,
            "url": self.url,
            "author": self.author,
            "source_type": self.source_type.value,
            "organisations": list(self.organisations),
            "regions": list(self.regions),
            "people": list(self.people),
            "elements": [element.to_dict() for element in self.elements],
        }


def element_id(doc_id: str, position: int) -> str:
    """Return the stable id of the element at `position` in document `doc_id`."""
    return f"{doc_id}:{position}"
