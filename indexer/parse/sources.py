"""Name the publication a block of reproduced text comes from, for `quoted_from`."""

from __future__ import annotations

from indexer.entities import ORGANISATION, PERSON, Gazetteer
from indexer.parse import patterns


def source_of(lead_in: str, gazetteer: Gazetteer) -> str | None:
    """Return who published the text `lead_in` introduces: a publisher, a person or the report."""
    for mention in gazetteer.mentions(lead_in):
        if mention.kind == PERSON:
            return mention.name
        if mention.kind == ORGANISATION and gazetteer.is_publisher(mention.name):
            return mention.name
    if patterns.REPORT_HINT.search(lead_in):
        return patterns.REPORT_SOURCE
    return None
