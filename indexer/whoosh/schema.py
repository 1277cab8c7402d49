"""The Whoosh schema: how the fields of an element record are stored, indexed and read back.

Field names come from `indexer.fields`; this module says only what Whoosh does with each:
text fields go through the shared analyzer (`indexer.whoosh.analysis`), value fields are
exact comma-separated keywords, the rest is stored for display.
"""

from __future__ import annotations

import json
from typing import Any

from whoosh import fields as wf

from indexer.fields import (
    AUTHOR,
    COMMENT_PATH,
    DATE,
    DATE_DAY,
    DOC_META,
    DOCUMENT_ID,
    ELEMENT_DATE,
    ELEMENT_ID,
    FINGERPRINT,
    GROUP,
    HEADING,
    KIND,
    MONTH,
    MULTI_VALUED,
    NUMBER,
    ORGANISATION,
    PAGE,
    PAGE_URL,
    PEOPLE,
    POSITION,
    QUOTED_FROM,
    RATING,
    REGION,
    SITE,
    SOURCE_TYPE,
    SPEAKER,
    TEXT,
    TITLE,
    WHO,
    YEAR,
)
from indexer.records import Record
from indexer.whoosh.analysis import text_analyzer


def build_schema() -> wf.Schema:
    """Return the schema of one index record per element."""
    analyzer = text_analyzer()
    return wf.Schema(
        **{
            ELEMENT_ID: wf.ID(stored=True, unique=True),
            DOCUMENT_ID: wf.ID(stored=True, sortable=True),
            POSITION: wf.NUMERIC(stored=True, sortable=True),
            TEXT: wf.TEXT(analyzer=analyzer, stored=True, spelling=True),
            TITLE: wf.TEXT(analyzer=analyzer, stored=True),
            HEADING: wf.TEXT(analyzer=analyzer, stored=True),
            WHO: wf.TEXT(analyzer=analyzer),
            AUTHOR: wf.TEXT(stored=True),
            SOURCE_TYPE: _value_field(),
            KIND: _value_field(),
            ORGANISATION: _value_field(),
            REGION: _value_field(),
            YEAR: _value_field(),
            SPEAKER: _value_field(),
            SITE: _value_field(),
            RATING: _value_field(),
            PEOPLE: _value_field(),
            MONTH: _value_field(),
            GROUP: wf.STORED(),
            COMMENT_PATH: wf.STORED(),
            QUOTED_FROM: wf.STORED(),
            DATE: wf.STORED(),
            DATE_DAY: wf.NUMERIC(stored=False, sortable=True, signed=False),
            ELEMENT_DATE: wf.STORED(),
            PAGE: wf.STORED(),
            NUMBER: wf.STORED(),
            PAGE_URL: wf.STORED(),
            DOC_META: wf.STORED(),
            FINGERPRINT: wf.ID(stored=True, sortable=True),
        }
    )


def _value_field() -> wf.KEYWORD:
    """Return a value field: exact comma-separated values, stored for display, not scored."""
    return wf.KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)


def whoosh_record(record: Record) -> dict[str, Any]:
    """Return an element record as Whoosh stores it: lists joined by commas, metadata as JSON."""
    stored = dict(record)
    for name in MULTI_VALUED:
        if name in stored:
            stored[name] = ",".join(stored[name])
    if DOC_META in stored:
        stored[DOC_META] = json.dumps(stored[DOC_META])
    return stored


def element_of(stored: dict[str, Any]) -> Record:
    """Return the element record of Whoosh's stored fields (the reverse of `whoosh_record`)."""
    record = dict(stored)
    for name in MULTI_VALUED:
        if name in record:
            record[name] = split_multi(record[name])
    if DOC_META in record:
        record[DOC_META] = json.loads(record[DOC_META] or "{}")
    return record


def split_multi(value: str | None) -> list[str]:
    """Return the values of a stored comma-separated multi-value field."""
    return [part for part in (value or "").split(",") if part]
