"""Lay a report out with fpdf2 (producer "PyFPDF/fpdf2"): DejaVu Sans, fpdf2's own contents."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

from tests.reportgen.model import Box, Bullets, Heading, Numbered, PageBreak, Para, Report, Table

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SIZES = {1: 16.0, 2: 13.0, 3: 11.0}
BODY = 10.5


class _ReportPDF(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(format="A4", unit="mm")
        self.report = report
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=22)
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 8)
        self.set_y(10)
        self.cell(0, 5, self.report.running_header, align="R")
        self.set_y(24)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 5, str(self.page_no()), align="C")


def _render_contents(pdf: Any, outline: list[Any]) -> None:
    pdf.set_font("DejaVu", "B", SIZES[1])
    pdf.cell(0, 10, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for entry in outline:
        pdf.set_font("DejaVu", "B" if entry.level == 0 else "", BODY)
        indent = 8 * entry.level
        number = str(entry.page_number)
        width = pdf.epw - indent
        name_w = pdf.get_string_width(entry.name + " ")
        num_w = pdf.get_string_width(" " + number)
        dots = int((width - name_w - num_w) / pdf.get_string_width("."))
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(width, 6.5, f"{entry.name} {'.' * dots} {number}", new_x="LMARGIN", new_y="NEXT")


def render(report: Report, path: Path) -> None:
    """Write `report` to `path` as a PDF made by fpdf2."""
    pdf = _ReportPDF(report)
    pdf.set_title(" ".join(report.title_lines))
    pdf.set_author("HM Inspectorate of Probation")
    pdf.set_subject(report.subject)
    pdf.set_creation_date(datetime(2019, 6, 1, tzinfo=UTC))  # reproducible bytes
    pdf.add_page()
    pdf.set_y(80)
    pdf.set_font("DejaVu", "B", 24)
    for line in report.title_lines:
        pdf.multi_cell(0, 11, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font("DejaVu", "", 14)
    pdf.cell(0, 8, report.date_line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    for block in report.front_matter:
        _block(pdf, block, in_outline=False)
    pdf.add_page()
    pdf.insert_toc_placeholder(_render_contents, pages=1)
    for block in report.body:
        _block(pdf, block, in_outline=True)
    pdf.output(str(path))


def _block(pdf: _ReportPDF, block: object, in_outline: bool) -> None:
    if isinstance(block, Heading):
        if block.level == 1 and pdf.get_y() > 200:
            pdf.add_page()
        pdf.ln(4 if block.level < 3 else 2)
        if in_outline and block.level <= 2:
            pdf.start_section(block.label, level=block.level - 1)
        pdf.set_font("DejaVu", "B", SIZES[block.level])
        pdf.multi_cell(0, SIZES[block.level] * 0.55, block.label, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    elif isinstance(block, Para):
        pdf.set_font("DejaVu", "", BODY)
        pdf.multi_cell(0, 5.2, block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    elif isinstance(block, (Bullets, Numbered)):
        pdf.set_font("DejaVu", "", BODY)
        start = block.start if isinstance(block, Numbered) else 0
        for n, item in enumerate(block.items, start):
            marker = f"{n}." if isinstance(block, Numbered) else "•"
            pdf.set_x(pdf.l_margin + 3)
            pdf.cell(7, 5.2, marker)
            pdf.multi_cell(0, 5.2, item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        pdf.ln(1.5)
    elif isinstance(block, Table):
        pdf.set_font("DejaVu", "", BODY)
        with pdf.table(col_widths=(110, 56), line_height=7) as table:
            header = table.row()
            for cell in block.header:
                header.cell(cell)
            for values in block.rows:
                row = table.row()
                for cell in values:
                    row.cell(cell)
        pdf.ln(3)
    elif isinstance(block, Box):
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", BODY)
        pdf.set_fill_color(230, 238, 246)
        pdf.multi_cell(0, 6, block.title, fill=True, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", BODY)
        for text in block.paras:
            pdf.multi_cell(0, 5.2, text, fill=True, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    elif isinstance(block, PageBreak):
        pdf.add_page()
