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
    RECOMMENDATION = "recommendation"
    RATING = "rating"


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
    PDF = "pdf"


@dataclass(frozen=True)
class SourceText:
    """A file that has been read and decoded, ready for a parser.

    `overrides` are document fields a sidecar metadata file sets, as (field, value) pairs;
    `notes` say what decoding had to repair ("2 mojibake sequences repaired"). A PDF is not
    decoded: its bytes are in `data` and `text` is empty.
    """

    doc_id: str
    source_path: str
    text: str
    format: SourceFormat
    overrides: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    data: bytes = b""


@dataclass
class Element:
    """One searchable unit of a document: a section, finding, quote, comment, recommendation
    or rating."""

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
    page: int | None = None
    """The page of a PDF the element starts on."""
    number: str | None = None
    """A recommendation's number ("5"), a rated standard's ("2.1")."""

    def to_dict(self) -> dict[str, Any]:
        """Return the element as the JSON-ready mapping of the public parse format."""
        data = asdict(self)
        data["kind"] = self.kind.value
        return data


@dataclass
class OutlineEntry:
    """A chapter (level 1) or numbered sub-section (level 2) of a report, with its first page."""

    level: int
    label: str
    page: int | None = None


@dataclass
class ReportInfo:
    """What an inspection report says about itself on its title page and front matter."""

    inspected: list[str] = field(default_factory=list)
    """The organisations inspected (canonical names: "CRC", "NPS")."""
    inspected_as_written: str | None = None
    """The title page's name of what was inspected ("Derbyshire Community Rehabilitation …")."""
    area: list[str] = field(default_factory=list)
    published: str | None = None
    """The publication month, YYYY-MM."""
    fieldwork: str | None = None
    """When the fieldwork started: an ISO date, or the month (YYYY-MM)."""
    fieldwork_end: str | None = None
    """When it ended, when the report gives a period ("between 4 and 15 July 2016")."""
    lead_inspector: str | None = None
    outline: list[OutlineEntry] = field(default_factory=list)
    """The chapters and sub-sections in reading order (a PDF's as its contents page lists them)."""

    def to_dict(self) -> dict[str, Any]:
        """Return the report's details as a JSON-ready mapping."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportInfo:
        """Return the details `to_dict` gave."""
        outline = [OutlineEntry(**entry) for entry in data.get("outline", [])]
        return cls(**{**data, "outline": outline})


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
    rating: str | None = None
    """A report's overall rating: Outstanding, Good, Requires improvement or Inadequate."""
    report: ReportInfo | None = None
    inspection: str | None = None
    """The inspection a sidecar says the document is about (`derbyshire-2016-09`)."""

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
            "rating": self.rating,
            "report": self.report.to_dict() if self.report else None,
            "inspection": self.inspection,
            "elements": [element.to_dict() for element in self.elements],
        }


def element_id(doc_id: str, position: int) -> str:
    """Return the stable id of the element at `position` in document `doc_id`."""
    return f"{doc_id}:{position}"
