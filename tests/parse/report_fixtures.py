"""The PDF report fixtures (tests/data/reports, the bundled report) and their golden JSON.

`python -m tests.parse.report_fixtures` rewrites tests/data/expected/reports/*.json from the
current parser: review the diff before committing it. (`python -m tests.reportgen` rewrites
the PDFs themselves.)
"""

from __future__ import annotations

import json
from pathlib import Path

from indexer.model import Document
from indexer.parse import parse_source
from indexer.sources import read_source

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "data" / "reports"
BUNDLED = ROOT / "documents" / "005_derbyshire_quality_and_impact_2016.pdf"
EXPECTED_REPORTS = ROOT / "tests" / "data" / "expected" / "reports"
PDF_FIXTURES = [*sorted(REPORTS.glob("*.pdf")), BUNDLED]
BAD = REPORTS / "bad"


def parse_pdf_fixture(path: Path) -> Document:
    """Parse one PDF fixture, its source path relative to the repository."""
    source = read_source(path, path.name)
    relative = path.relative_to(ROOT).as_posix()
    document = parse_source(source)
    document.source_path = relative
    return document


def golden(path: Path) -> Path:
    """Return where the golden JSON of fixture `path` lives."""
    return EXPECTED_REPORTS / f"{path.stem}.json"


def main() -> None:
    """Rewrite every golden file from the current parser."""
    EXPECTED_REPORTS.mkdir(parents=True, exist_ok=True)
    for path in PDF_FIXTURES:
        text = json.dumps(parse_pdf_fixture(path).to_dict(), ensure_ascii=False, indent=2)
        golden(path).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {golden(path).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
