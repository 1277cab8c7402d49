"""What one source of a page says about the document's fields (see `metadata.PRECEDENCE`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Evidence:
    """What one kind of source says about the document; None where it says nothing."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
