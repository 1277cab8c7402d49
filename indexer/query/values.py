"""Friendly facet values in queries: `org:crc`, `speaker:stacey`, `type:press_release`.

Facet fields hold exact values ("Glenys Stacey", "CRC"); users type part of a name in any
case, or an organisation's long name. This module maps what they typed onto the indexed
values, and refuses unknown values of the closed vocabularies (kind, type) with the list.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Sequence

from indexer.analysis import fold_accents, load_synonyms
from indexer.errors import QueryError
from indexer.fields import KIND, SOURCE_TYPE, YEAR
from indexer.model import ElementKind, SourceType

CLOSED_VALUES: dict[str, tuple[str, ...]] = {
    KIND: tuple(kind.value for kind in ElementKind),
    SOURCE_TYPE: tuple(source.value for source in SourceType),
}
_FRIENDLY_NAMES = {KIND: "kind", SOURCE_TYPE: "type"}
_YEAR = re.compile(r"^\d{4}$")


def match_pattern(pattern: str, values: Sequence[str]) -> list[str]:
    """Return the values with a word matching the wildcard `pattern` (`org:cr*`)."""
    folded = _fold(pattern)
    return [v for v in values if _words_match(folded, _fold(v), fnmatch.fnmatchcase)]


def match_values(field: str, wanted: str, values: Sequence[str]) -> list[str]:
    """Return the values `wanted` names: equal ignoring case, else containing all its words."""
    closed = CLOSED_VALUES.get(field)
    if closed is not None:
        return [_closed_value(field, wanted, closed)]
    folded = _fold(wanted)
    names = {folded, *(_fold(alias) for alias in _aliases(folded))}
    exact = [v for v in values if _fold(v) in names]
    if field == YEAR:
        check_year(wanted)
    if exact or field == YEAR:
        return exact
    return [v for v in values if _words_match(folded, _fold(v), lambda w, p: w == p)]


def resolve_filter(field: str, wanted: str, values: Sequence[str]) -> str:
    """Return a filter's value (`--kind findings`, `?org=crc`) spelled as the index holds it.

    A filter is refused exactly as the same value in the query is (`kind:memo`, `year:abc`),
    with the same message; an open name unknown to the index (`region=Atlantis`) is kept as
    typed and simply matches nothing, as `region:atlantis` does.
    """
    closed = CLOSED_VALUES.get(field)
    if closed is not None:
        return _closed_value(field, wanted, closed)
    if field == YEAR:
        check_year(wanted)
    folded = _fold(wanted)
    return next((v for v in values if _fold(v) == folded), wanted.strip())


def check_year(wanted: str) -> None:
    """Raise QueryError unless `wanted` is a four-digit year."""
    if not _YEAR.match(wanted.strip()):
        raise QueryError(
            f"year:{wanted} is not a year.",
            "Write a four-digit year such as year:2016, or a range such as year:2015..2017.",
        )


def _closed_value(field: str, wanted: str, closed: tuple[str, ...]) -> str:
    folded = _fold(wanted).replace(" ", "_").replace("-", "_")
    for candidate in (folded, folded.removesuffix("s")):
        if candidate in closed:
            return candidate
    raise QueryError(
        f"{_FRIENDLY_NAMES[field]}:{wanted} is not a {_FRIENDLY_NAMES[field]}.",
        f"Use one of: {', '.join(f'{_FRIENDLY_NAMES[field]}:{v}' for v in closed)}.",
    )


def _aliases(folded: str) -> list[str]:
    """Return the other names of an organisation from the synonym groups (NPS ⇄ its name)."""
    for group in load_synonyms():
        if any(_fold(member) == folded for member in group):
            return list(group)
    return []


def _words_match(wanted: str, value: str, same: Callable[[str, str], bool]) -> bool:
    """Return whether every word of `wanted` matches some word of `value` under `same`."""
    value_words = value.replace(",", " ").split()
    return all(any(same(v, w) for v in value_words) for w in wanted.split())


def _fold(text: str) -> str:
    return fold_accents(text).casefold().strip()
