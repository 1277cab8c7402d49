"""How an element record is stored in a Typesense collection, and read back.

A stored document keeps the record's own fields as they are (Typesense stores fields the
schema does not name without indexing them), and adds what searching needs, each prefixed:

- `t_<field>`: the field's analysed terms and phrase shingles as tokens (`tokens.py`), and
  `t_any` their union over the fields a bare word searches. A query's match set is a filter
  over these, so it is exactly the set the query tree means, whatever Typesense's own
  tokenising, typo tolerance or prefix rules would have done.
  `t_own` is the same without the title (a hit must hold a query word in its own text).
- `q_any`: the same terms in text order, space-separated: what Typesense ranks with.
- `v_<field>`: values of the value fields as tokens, for exact filters; the value fields
  themselves keep the values as written, for counting and display.
- `k_doc`, `k_print`: document id and fingerprint as tokens, for exact look-ups (the ids
  as written are facets, for grouping and counting).
- `date_day`, `year_n`, `position`, `prior`: numbers to filter and sort on.
"""

from __future__ import annotations

import json
from typing import Any

from indexer.analysis import default_analyzer, name_terms
from indexer.fields import (
    AUTHOR,
    DATE_DAY,
    DOC_META,
    DOCUMENT_ID,
    ELEMENT_ID,
    FINGERPRINT,
    HEADING,
    KIND,
    MULTI_VALUED,
    POSITION,
    SEARCH_FIELDS,
    TEXT,
    TITLE,
    VALUE_FIELDS,
    WHO,
    YEAR,
)
from indexer.priors import DEFAULT_PRIOR, KIND_PRIORS
from indexer.records import Record
from indexer.typesense.tokens import PRESENT, term_tokens, token

SCHEMA_VERSION = "2"
"""Bump when stored documents change shape: every index is rebuilt."""
TERM_FIELDS: tuple[str, ...] = (TEXT, TITLE, HEADING, WHO, AUTHOR)
"""Fields with a token list of their own (`text:`, `title:`, `heading:`, `author:`)."""
ANY = "any"
"""The pseudo-field of a bare word: the union of SEARCH_FIELDS."""
OWN = "own"
"""The union of the bare-word fields but the title: a hit must hold a query word itself."""
OWN_FIELDS: tuple[str, ...] = tuple(name for name in SEARCH_FIELDS if name != TITLE)
RANKED = "q_any"
DOC_KEY = "k_doc"
PRINT_KEY = "k_print"
YEAR_NUMBER = "year_n"
PRIOR = "prior"
META_JSON = "doc_meta_json"
INTERNAL_PREFIXES = ("t_", "v_", "k_", "q_")


def terms_field(field: str) -> str:
    """Return the token list of a term field, or of a bare word (`ANY`)."""
    return f"t_{field}"


def values_field(field: str) -> str:
    """Return the token list of a value field's values."""
    return f"v_{field}"


def collection_fields() -> list[dict[str, Any]]:
    """Return the indexed fields of an element collection."""
    fields: list[dict[str, Any]] = [
        {"name": terms_field(name), "type": "string[]"} for name in (*TERM_FIELDS, ANY, OWN)
    ]
    fields.append({"name": RANKED, "type": "string"})
    for name in VALUE_FIELDS:
        fields.append({"name": values_field(name), "type": "string[]"})
    for name in VALUE_FIELDS:
        kind = "string[]" if name in MULTI_VALUED else "string"
        fields.append({"name": name, "type": kind, "facet": True, "optional": True})
    fields += [
        # Grouped and counted by their values as written (grouping does not normalise them);
        # filtered on through their tokens.
        {"name": DOCUMENT_ID, "type": "string", "facet": True},
        {"name": FINGERPRINT, "type": "string", "facet": True},
        {"name": DOC_KEY, "type": "string"},
        {"name": PRINT_KEY, "type": "string"},
        {"name": POSITION, "type": "int32"},
        {"name": DATE_DAY, "type": "int32"},
        {"name": YEAR_NUMBER, "type": "int32"},
        {"name": PRIOR, "type": "float"},
    ]
    return fields


def stored_document(record: Record) -> dict[str, Any]:
    """Return the Typesense document of an element record."""
    analyzer = default_analyzer()
    terms = {name: analyzer.terms(record.get(name) or "") for name in SEARCH_FIELDS}
    terms[AUTHOR] = name_terms(record.get(AUTHOR) or "")
    tokens = {name: term_tokens(found) for name, found in terms.items()}
    document: dict[str, Any] = {key: value for key, value in record.items() if key != DOC_META}
    document["id"] = token(record[ELEMENT_ID])
    if DOC_META in record:
        document[META_JSON] = json.dumps(record[DOC_META], ensure_ascii=False)
    for name in TERM_FIELDS:
        document[terms_field(name)] = [PRESENT, *sorted(tokens[name])]
    union = set().union(*(tokens[name] for name in SEARCH_FIELDS))
    document[terms_field(ANY)] = [PRESENT, *sorted(union)]
    own = set().union(*(tokens[name] for name in OWN_FIELDS))
    document[terms_field(OWN)] = [PRESENT, *sorted(own)]
    ranked = [token(term) for name in (HEADING, TEXT, WHO, TITLE) for term in terms[name]]
    document[RANKED] = " ".join(ranked)
    for name in VALUE_FIELDS:
        value = record.get(name)
        values = value if isinstance(value, list) else [value] if value else []
        document[values_field(name)] = [PRESENT, *sorted({token(v) for v in values})]
        if name in MULTI_VALUED and values:
            document[name] = sorted(set(values))  # a facet counts a repeated value twice
    document[DOC_KEY] = token(record[DOCUMENT_ID])
    document[PRINT_KEY] = token(record[FINGERPRINT])
    year = record.get(YEAR)
    document[YEAR_NUMBER] = int(year) if year and year.isdigit() else 0
    document[PRIOR] = KIND_PRIORS.get(record[KIND], DEFAULT_PRIOR)
    document.setdefault(DATE_DAY, 0)
    return document


def record_of(document: dict[str, Any]) -> Record:
    """Return the element record of a stored document (the reverse of `stored_document`)."""
    record: Record = {
        key: value
        for key, value in document.items()
        if key != "id" and not key.startswith(INTERNAL_PREFIXES)
        and key not in (META_JSON, YEAR_NUMBER, PRIOR)
    }  # fmt: skip
    if META_JSON in document:
        record[DOC_META] = json.loads(document[META_JSON])
    return record


SEARCH_ONLY_FIELDS = ",".join(
    [terms_field(name) for name in (*TERM_FIELDS, ANY, OWN)]
    + [values_field(name) for name in VALUE_FIELDS]
    + [RANKED]
)
"""Fields never read back: large, and of no use once matched."""
