"""`python -m tests.reportgen`: rewrite the report fixtures and the bundled report.

The encrypted and JavaScript fixtures differ byte for byte on each run (pypdf draws a new
file id and encryption salt); their parses do not.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript

from tests.reportgen import as_html, content, with_fpdf, with_reportlab

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "data" / "reports"
BUNDLED = ROOT / "documents" / "005_derbyshire_quality_and_impact_2016.pdf"


def scanned(path: Path) -> None:
    """Write a one-page PDF that is only a picture of text: no text layer."""
    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40, 800, 22):
        draw.line((50, row, 570, row), fill=90, width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2019, 6, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.image(buffer, x=0, y=0, w=210)
    pdf.output(str(path))


def encrypted(source: Path, path: Path) -> None:
    """Write `source` encrypted with a user password (AES-128)."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="letmein", owner_password="owner", algorithm="AES-128")
    writer.write(path)


def with_javascript(source: Path, path: Path) -> None:
    """Write `source` with a document-level JavaScript action."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_open_action(JavaScript("app.alert('This document wants to run a script.');"))
    writer.write(path)


def main() -> None:
    """Write every fixture."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    rated = content.rated_report()
    with_fpdf.render(rated, REPORTS / "rated_fpdf2.pdf")
    with_reportlab.render(rated, REPORTS / "rated_reportlab.pdf")
    with_reportlab.render(content.derbyshire_report(), BUNDLED)
    as_html.render(
        rated,
        ROOT / "tests" / "data" / "html" / "hmip_report_rated.html",
        "staffordshire-and-west-midlands-crc-2019",
        "2019-06-18",
        "18 June 2019",
    )
    bad = REPORTS / "bad"
    bad.mkdir(exist_ok=True)
    scanned(bad / "scanned.pdf")
    encrypted(REPORTS / "rated_fpdf2.pdf", bad / "encrypted.pdf")
    with_javascript(REPORTS / "rated_fpdf2.pdf", bad / "javascript.pdf")
    data = (REPORTS / "rated_fpdf2.pdf").read_bytes()
    (bad / "truncated.pdf").write_bytes(data[: len(data) * 3 // 5])


if __name__ == "__main__":
    main()
