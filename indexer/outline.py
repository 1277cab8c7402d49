"""A report's outline as a careful reader sees it: chapters and sub-sections with their page,
each standard's rating, every recommendation with its number and addressee, the key findings
counted. Engine-free: the CLI prints it, the web document page shows it."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.model import Document, Element, ElementKind

HEADING_PART = " — "
"""Between a sub-section and a minor heading in a heading: "2.1 Assessment — Strengths"."""


@dataclass
class OutlineItem:
    """One chapter or sub-section with what the reader finds in it."""

    level: int
    label: str
    page: int | None
    position: int | None
    """The first element under it (the document view's anchor)."""
    rating: str | None = None
    findings: int = 0
    ratings: list[Element] = field(default_factory=list)
    recommendations: list[Element] = field(default_factory=list)


def _base(heading: str | None) -> str | None:
    return heading.split(HEADING_PART, 1)[0] if heading else None


def report_outline(document: Document) -> list[OutlineItem]:
    """Return the outline of an inspection report (empty for other documents)."""
    if document.report is None:
        return []
    items = [OutlineItem(e.level, e.label, e.page, None) for e in document.report.outline]
    by_label = {item.label: item for item in items}
    ratings = {e.number: e.group for e in document.elements if e.kind is ElementKind.RATING}
    for item in items:
        number = item.label.split(" ", 1)[0]
        item.rating = ratings.get(number)
    for element in document.elements:
        found = by_label.get(_base(element.heading) or "")
        if found is None:
            continue
        item = found
        if item.position is None:
            item.position = element.position
        if element.kind is ElementKind.RATING:
            item.ratings.append(element)
        elif element.kind is ElementKind.RECOMMENDATION:
            item.recommendations.append(element)
        elif element.kind is ElementKind.FINDING:
            item.findings += 1
    # A chapter whose text all sits in its sub-sections starts where the first of them does.
    following: int | None = None
    for item in reversed(items):
        item.position = following = item.position if item.position is not None else following
    return items


def describe_outline(document: Document) -> list[str]:
    """Return the report's details and outline as lines of text."""
    report = document.report
    if report is None:
        return []
    facts = [
        f"rating: {document.rating or '-'}",
        f"published: {report.published or '-'}",
        f"fieldwork from: {report.fieldwork or '-'}",
        f"lead inspector: {report.lead_inspector or '-'}",
    ]
    inspected = ", ".join(report.inspected) or "-"
    if report.inspected_as_written:
        inspected += f" ({report.inspected_as_written})"
    lines = [
        "  " + " · ".join(facts),
        f"  inspected: {inspected} · area: {', '.join(report.area) or '-'}",
        "",
        "Outline:",
    ]
    for item in report_outline(document):
        page = f"p.{item.page}" if item.page else ""
        indent = "  " * item.level
        rating = f"  [{item.rating}]" if item.rating else ""
        found = f"  ({item.findings} findings)" if item.findings else ""
        lines.append(f"{page:>6}{indent}{item.label}{rating}{found}")
        lines += [f"{'':>6}{indent}  {rating.text}" for rating in item.ratings]
        for rec in item.recommendations:
            lines.append(f"{'':>6}{indent}  {rec.number or '-'}. {rec.group or '-'}: {rec.text}")
    return lines
