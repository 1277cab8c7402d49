"""A report's blocks and title page → its Document: drafts, metadata, the overall rating."""

from __future__ import annotations

from indexer.entities import Gazetteer
from indexer.model import Document, OutlineEntry, SourceText, SourceType
from indexer.parse import patterns as site_patterns
from indexer.parse.assemble import Meta, build_document
from indexer.parse.reports.blocks import BlockKind, ReportSource
from indexer.parse.reports.front import read_front, report_title
from indexer.parse.reports.structure import draft_report


def build_report(
    source: SourceText,
    report: ReportSource,
    gazetteer: Gazetteer,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Document:
    """Return the Document of a report; `title`, `date`, `url` override what its pages say."""
    info = read_front(report.title_lines, report.front, report.body, gazetteer)
    info.outline = [
        OutlineEntry(block.level, block.label, block.page)
        for block in (*report.front, *report.body)
        if block.kind is BlockKind.HEADING and block.level <= 2
    ]
    subject = info.inspected[0] if len(info.inspected) == 1 else None
    front = draft_report(report.front, subject, gazetteer)
    body = draft_report(report.body, subject, gazetteer)
    meta = Meta(
        title=title or report_title(report.title_lines) or source.doc_id,
        date=date or (f"{info.published}-01" if info.published else None),
        site=site_patterns.PRESS_SITE,
        source_type=SourceType.INSPECTION_REPORT,
        url=url,
        rating=body.rating,
        report=info,
    )
    return build_document(source, meta, front.drafts + body.drafts, gazetteer)
