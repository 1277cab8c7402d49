"""The stylesheet's colour pairs meet WCAG AA contrast (4.5:1 for text) on their backgrounds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STYLE = Path(__file__).resolve().parents[2] / "web" / "static" / "style.css"
AA_TEXT = 4.5
# (text colour, background) pairs the pages actually use.
PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("muted", "wash"),
    ("link", "paper"),
    ("link-visited", "paper"),
    ("ink", "mark"),
    ("ink", "hit"),
    ("warning", "hit"),
    ("error", "paper"),
    ("#ffffff", "brand"),
    ("#e3ebf6", "brand"),
    ("#ffffff", "finding"),
    ("#ffffff", "quote"),
    ("#ffffff", "comment"),
    ("#ffffff", "section"),
    ("ink", "#e4ecf7"),
]


def palette() -> dict[str, str]:
    root = STYLE.read_text(encoding="utf-8").split(":root {", 1)[1].split("}", 1)[0]
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_colour_meets_aa(text: str, background: str) -> None:
    colours = palette()
    resolve = lambda name: name if name.startswith("#") else colours[name]  # noqa: E731
    ratio = contrast(resolve(text), resolve(background))
    assert ratio >= AA_TEXT, f"{text} on {background}: {ratio:.2f}:1"
