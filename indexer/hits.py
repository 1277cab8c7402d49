"""Build result hits from stored index records: snippet, score, copies in other documents.

Used by the search service for ranked hits and for "more like this".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.searching import Searcher

from indexer.highlight import make_snippet
from indexer.marking import MatchTargets, match_spans
from indexer.results import Hit, HitSource
from indexer.schema import (
    AUTHOR,
    COMMENT_PATH,
    DATE,
    DOCUMENT_ID,
    ELEMENT_DATE,
    ELEMENT_ID,
    FINGERPRINT,
    GROUP,
    HEADING,
    KIND,
    POSITION,
    QUOTED_FROM,
    SITE,
    SOURCE_TYPE,
    SPEAKER,
    TEXT_FIELD,
    TITLE,
)

MAX_ALSO_IN = 20


def make_hit(
    fields: dict[str, Any],
    score: float,
    analyzer: Any,
    targets: MatchTargets,
    also_in: list[HitSource] | None = None,
    more_in_document: int = 0,
) -> Hit:
    """Return the hit for one stored record, its matches marked in the snippet."""
    text = fields.get(TEXT_FIELD, "")
    return Hit(
        id=fields[ELEMENT_ID],
        document_id=fields[DOCUMENT_ID],
        position=fields[POSITION],
        kind=fields[KIND],
        title=fields.get(TITLE, ""),
        date=fields.get(DATE),
        site=fields.get(SITE),
        source_type=fields[SOURCE_TYPE],
        heading=fields.get(HEADING),
        group=fields.get(GROUP),
        speaker=fields.get(SPEAKER),
        author=fields.get(AUTHOR),
        comment_path=fields.get(COMMENT_PATH),
        quoted_from=fields.get(QUOTED_FROM),
        text=text,
        snippet=make_snippet(text, match_spans(analyzer, text, targets)),
        score=round(float(score), 4),
        more_in_document=more_in_document,
        also_in=also_in or [],
        element_date=fields.get(ELEMENT_DATE),
    )


def copies_of(
    searcher: Searcher, fields: dict[str, Any], holders: Iterable[int] | None = None
) -> list[HitSource]:
    """Return the other elements whose text is the same as this record's, in other documents.

    `holders`, if given, are the live documents with the record's fingerprint (else looked up).
    """
    print_ = fields.get(FINGERPRINT)
    if not print_ or print_ == fields[ELEMENT_ID]:
        return []
    sources = []
    if holders is None:
        holders = searcher.document_numbers(**{FINGERPRINT: print_})
    for docnum in holders:
        other = searcher.reader().stored_fields(docnum)
        if other[DOCUMENT_ID] != fields[DOCUMENT_ID]:
            sources.append(
                HitSource(
                    id=other[ELEMENT_ID],
                    document_id=other[DOCUMENT_ID],
                    position=other[POSITION],
                    title=other.get(TITLE, ""),
                    site=other.get(SITE),
                    date=other.get(DATE),
                )
            )
    sources.sort(key=lambda source: source.id)
    return sources[:MAX_ALSO_IN]
