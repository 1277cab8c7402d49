"""The last word on document fields: values a sidecar metadata file sets (see `sidecar.py`)."""

from __future__ import annotations

from indexer.model import Document, SourceType


def apply_overrides(document: Document, overrides: tuple[tuple[str, str], ...]) -> Document:
    """Set the sidecar's fields on `document` (they win over anything a parser found)."""
    for name, value in overrides:
        if name == "source_type":
            document.source_type = SourceType(value)
        else:
            setattr(document, name, value)
    return document
