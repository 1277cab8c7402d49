"""The HTML fixtures of tests/data/html and their golden JSON; run as a module to rewrite them.

`python -m tests.parse.html_fixtures` regenerates tests/data/expected/html/*.json from the
current parser: review the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

from indexer.model import Document, SourceFormat, SourceText
from indexer.parse import parse_source
from indexer.sources import decode_bytes

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "tests" / "data" / "html"
EXPECTED_HTML = ROOT / "tests" / "data" / "expected" / "html"
FIXTURES = sorted(HTML.glob("*.html"))
SEED_PAGES = [path for path in FIXTURES if path.name[:3].isdigit()]


def html_source(path: Path) -> SourceText:
    """Return the SourceText of a fixture, with the relative path the golden files record."""
    decoded = decode_bytes(path.read_bytes(), str(path), html_hint=True)
    relative = path.relative_to(ROOT).as_posix()
    return SourceText(path.name, relative, decoded.text, SourceFormat.HTML)


def parse_fixture(path: Path) -> Document:
    """Parse one HTML fixture."""
    return parse_source(html_source(path))


def golden(path: Path) -> Path:
    """Return where the golden JSON of fixture `path` lives."""
    return EXPECTED_HTML / f"{path.stem}.json"


def main() -> None:
    """Rewrite every golden file from the current parser."""
    EXPECTED_HTML.mkdir(parents=True, exist_ok=True)
    for path in FIXTURES:
        text = json.dumps(parse_fixture(path).to_dict(), ensure_ascii=False, indent=2)
        golden(path).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {golden(path).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
