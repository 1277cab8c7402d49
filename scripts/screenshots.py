"""Save screenshots of the search and document pages to docs/screenshots/ (shown in the README).

    .venv/bin/python scripts/screenshots.py

Indexes the bundled corpus into a temporary folder, serves it with waitress, and drives
Debian's chromium with Playwright, as the browser tests do.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.pipeline import index_corpus  # noqa: E402
from tests.web.conftest import CHROMIUM_ARGS, chromium_path, serving  # noqa: E402
from web import create_app  # noqa: E402

OUT = REPO / "docs" / "screenshots"
SHOTS = (
    ("search.png", "/search?q=caseloads", 1280, None),
    ("search-filtered.png", "/search?q=caseloads&kind=finding&org=CRC", 1280, None),
    ("document.png", "/documents/001_55a1e3615517bc02.txt?q=caseloads&hit=11#e-11", 1280, None),
    ("comments.png", "/documents/002_88a13416ebd90fb1.txt?q=oasys&hit=39#e-39", 1280, None),
    ("phone.png", "/search?q=caseloads", 390, None),
    ("report.png", "/documents/005_derbyshire_quality_and_impact_2016.pdf", 1280, None),
)


def main() -> None:
    """Index, serve and photograph each page in SHOTS."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        location = Path(folder) / "index"
        index_corpus(REPO / "documents", location)
        with serving(create_app({"INDEX": location})) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            for name, path, width, _ in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(base + path)
                page.screenshot(path=str(OUT / name))
                page.close()
                print(OUT / name)
            browser.close()


if __name__ == "__main__":
    main()
