"""Fixtures for the parser tests: the bundled seed documents and a text-to-Document helper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.model import Document, SourceFormat, SourceText
from indexer.parse import parse_source

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "documents").glob("[0-9][0-9][0-9]_*.txt"))
EXPECTED = ROOT / "tests" / "data" / "expected"


def seed_source(path: Path) -> SourceText:
    """Return the SourceText of a seed, with the path the golden files record."""
    text = path.read_text(encoding="utf-8")
    return SourceText(path.stem, f"documents/{path.name}", text, SourceFormat.TEXT)


def seed_document(prefix: str) -> Document:
    """Parse the seed whose file name starts with `prefix`."""
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return parse_source(seed_source(path))


@pytest.fixture
def parse_text() -> Callable[[str], Document]:
    """Return a function that parses a plain-text string as document "t"."""

    def parse(text: str) -> Document:
        return parse_source(SourceText("t", "t.txt", text, SourceFormat.TEXT))

    return parse
