"""Name the publication a block of reproduced text comes from, for `quoted_from`."""

from __future__ import annotations

from indexer.entities import ORGANISATION, PERSON, Gazetteer
from indexer.parse import patterns
from indexer.parse.text import Para


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


def mark_reproduced(paras: list[Para], gazetteer: Gazetteer) -> None:
    """Tag paragraphs that reproduce the inspection report or press release, by the common
    conventions: a lead-in ("As the inspectors make clear:", "I leave the last word to …:")
    marks the paragraph after it, "That is the overall verdict of …" the paragraph before.

    Every body family applies them, in text and in HTML, so a post reads the same wherever
    it was saved; a paragraph that already has a source keeps it.
    """
    for index, para in enumerate(paras):
        following = paras[index + 1] if index + 1 < len(paras) else None
        if (
            following
            and not following.bullet
            and following.quoted_from is None
            and patterns.REPORT_LEAD_IN.search(para.text)
        ):
            following.quoted_from = patterns.REPORT_SOURCE
        if index and patterns.VERDICT_OF.match(para.text) and paras[index - 1].quoted_from is None:
            paras[index - 1].quoted_from = source_of(para.text, gazetteer) or patterns.REPORT_SOURCE
