"""Lay a report out with ReportLab's platypus (producer "ReportLab PDF Library"): DejaVu Serif,
the contents by its TableOfContents flowable (dot leaders, two passes), the ratings as a Table."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import (
    PageBreak as RLPageBreak,
)
from reportlab.platypus import (
    Table as RLTable,
)
from reportlab.platypus.tableofcontents import TableOfContents

from tests.reportgen.model import Box, Bullets, Heading, Numbered, PageBreak, Para, Report, Table

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("Serif", str(FONT_DIR / "DejaVuSerif.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))

BODY = ParagraphStyle("body", fontName="Serif", fontSize=10, leading=13.5, spaceAfter=6)
HEADINGS = {
    1: ParagraphStyle(
        "h1", fontName="Serif-Bold", fontSize=17, leading=21, spaceBefore=10, spaceAfter=8
    ),
    2: ParagraphStyle(
        "h2", fontName="Serif-Bold", fontSize=13, leading=16, spaceBefore=8, spaceAfter=5
    ),
    3: ParagraphStyle(
        "h3", fontName="Serif-Bold", fontSize=10.5, leading=14, spaceBefore=4, spaceAfter=3
    ),
}
TITLE = ParagraphStyle("title", fontName="Serif-Bold", fontSize=26, leading=32, spaceAfter=8)


class _Doc(SimpleDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            self.notify("TOCEntry", (level, flowable.getPlainText(), self.page))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _heading(block: Heading, in_contents: bool) -> Paragraph:
    para = Paragraph(_escape(block.label), HEADINGS[block.level])
    if in_contents and block.level <= 2:
        para.toc_level = block.level - 1
    return para


def _flowables(block: object, in_contents: bool) -> list[Flowable]:
    if isinstance(block, Heading):
        return [_heading(block, in_contents)]
    if isinstance(block, Para):
        return [Paragraph(_escape(block.text), BODY)]
    if isinstance(block, Bullets):
        items = [ListItem(Paragraph(_escape(t), BODY), leftIndent=14) for t in block.items]
        return [ListFlowable(items, bulletType="bullet", start="•", leftIndent=14)]
    if isinstance(block, Numbered):
        items = [ListItem(Paragraph(_escape(t), BODY), leftIndent=16) for t in block.items]
        return [
            ListFlowable(
                items, bulletType="1", start=block.start, bulletFormat="%s.", leftIndent=16
            )
        ]
    if isinstance(block, Table):
        cells = [[Paragraph(_escape(c), BODY) for c in row] for row in (block.header, *block.rows)]
        table = RLTable(cells, colWidths=(100 * mm, 50 * mm))
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9e2f3")),
                ]
            )
        )
        return [table, Spacer(1, 8)]
    if isinstance(block, Box):
        rows = [[Paragraph(_escape(block.title), HEADINGS[3])]]
        rows += [[Paragraph(_escape(t), BODY)] for t in block.paras]
        box = RLTable(rows, colWidths=(150 * mm,))
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor("#1f4e79")),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef3f8")),
                ]
            )
        )
        return [KeepTogether([box]), Spacer(1, 8)]
    if isinstance(block, PageBreak):
        return [RLPageBreak()]
    raise TypeError(f"no layout for {block!r}")


def render(report: Report, path: Path, when: datetime | None = None) -> None:
    """Write `report` to `path` as a PDF made by ReportLab."""

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Serif", 8)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, report.running_header)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"{doc.page}")
        canvas.restoreState()

    doc = _Doc(
        str(path),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=" ".join(report.title_lines),
        author="HM Inspectorate of Probation",
        subject=report.subject,
        invariant=1,
    )
    contents = TableOfContents()
    contents.levelStyles = [
        ParagraphStyle("toc1", fontName="Serif-Bold", fontSize=10.5, leading=15),
        ParagraphStyle("toc2", fontName="Serif", fontSize=10, leading=14, leftIndent=14),
    ]
    contents.dotsMinLevel = 0
    story: list[Flowable] = [Spacer(1, 70 * mm)]
    story += [Paragraph(_escape(line), TITLE) for line in report.title_lines]
    story += [Spacer(1, 12 * mm), Paragraph(_escape(report.date_line), HEADINGS[2]), RLPageBreak()]
    for block in report.front_matter:
        story += _flowables(block, in_contents=False)
    story += [RLPageBreak(), Paragraph("Contents", HEADINGS[1]), contents, RLPageBreak()]
    for block in report.body:
        story += _flowables(block, in_contents=True)
    doc.multiBuild(story, onLaterPages=furniture)
