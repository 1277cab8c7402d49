"""A report's own metadata: the title and the inspected organisations and area from the title
page, the publication month, the fieldwork dates and the lead inspector from the front matter."""

from __future__ import annotations

from indexer.entities import Gazetteer
from indexer.model import ReportInfo
from indexer.parse import dates
from indexer.parse.patterns import MONTHS
from indexer.parse.reports import patterns
from indexer.parse.reports.blocks import Block


def report_title(title_lines: list[str]) -> str:
    """Return the title the title page prints: its lines before the date line, joined."""
    parts: list[str] = []
    for line in title_lines:
        if parts and patterns.MONTH_YEAR.search(line):
            break
        parts.append(line)
    return " ".join(parts).strip()


def month_of(text: str) -> str | None:
    """Return the first "Month Year" of `text` as YYYY-MM."""
    match = patterns.MONTH_YEAR.search(text)
    if not match:
        return None
    month = MONTHS.get(match["month"].casefold())
    return f"{match['year']}-{month:02d}" if month else None


def fieldwork_dates(when: str) -> tuple[str | None, str | None]:
    """Return the start and end (ISO dates, or a month) of the fieldwork `when` describes."""
    period = patterns.FIELDWORK_RANGE.match(when)
    if period:
        month1, year1 = period["m1"] or period["m2"], period["y1"] or period["y2"]
        start = dates.parse_date(f"{period['d1']} {month1} {year1}")
        return start, dates.parse_date(f"{period['d2']} {period['m2']} {period['y2']}")
    start = dates.parse_date(when) or month_of(when)
    month = patterns.MONTH_YEAR.search(when)
    # The date must open the phrase ("4 July 2016", "July 2016"), not end a sentence about
    # something else that happens to follow "fieldwork took place".
    opens = month is not None and month.start() <= len("31 ")
    return (start, None) if start and opens else (None, None)


def read_front(
    title_lines: list[str], front: list[Block], body: list[Block], gazetteer: Gazetteer
) -> ReportInfo:
    """Return what the title page and the front matter say about the report."""
    title_text = report_title(title_lines)
    front_text = "\n".join(block.text for block in [*front, *body[:60]])
    fieldwork = patterns.FIELDWORK.search(front_text)
    lead = patterns.LEAD_INSPECTOR.search(front_text)
    start, end = fieldwork_dates(fieldwork["when"]) if fieldwork else (None, None)
    named = title_text.rsplit(":", 1)[-1].strip()
    inspected_line = named if gazetteer.organisations(named) else None
    return ReportInfo(
        inspected=[n for n in gazetteer.organisations(title_text) if not gazetteer.is_publisher(n)],
        inspected_as_written=inspected_line,
        area=gazetteer.regions(title_text),
        published=month_of("\n".join(title_lines)) or month_of(front_text),
        fieldwork=start,
        fieldwork_end=end,
        lead_inspector=lead["name"] if lead else None,
    )
