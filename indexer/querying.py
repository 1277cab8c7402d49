"""Turn what a user typed into a Whoosh query, or a QueryError that says how to fix it.

The flow: cheap checks on the text (`querytext`), range and synonym rewriting, Whoosh's
parser (every exception it raises becomes a QueryError), then a pass over the parsed tree
that resolves friendly facet values (`org:crc`, `speaker:stacey`) and caps what wildcards,
fuzzy terms and ranges may expand to. Also builds facet-value and date-range filters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import FieldAliasPlugin, FuzzyTermPlugin, MultifieldParser
from whoosh.reading import IndexReader

from indexer.analysis import load_synonyms
from indexer.errors import QueryError
from indexer.facetvalues import resolve_facet_query
from indexer.limits import DEFAULT_LIMITS, QueryLimits
from indexer.querytext import (
    FIELD_ALIASES,
    SYNTAX_HINT,
    check_fields,
    check_limits,
    check_operators,
    lex,
    rewrite_ranges,
)
from indexer.ranking import FIELD_BOOSTS, Ranking
from indexer.schema import (
    DATE_DAY,
    FACET_FIELDS,
    PEOPLE,
    SEARCH_FIELDS,
    TEXT_FIELD,
    day_number,
)
from indexer.synonyms import Analyze, SynonymTable

MAX_QUERY_CHARS = DEFAULT_LIMITS.max_chars

FacetValues = Callable[[str], Sequence[str]]
"""The indexed values of a facet field (for resolving `org:crc` to "CRC")."""

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_EXPANDING = (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.TermRange)


class QueryBuilder:
    """Parse query text for one index: its schema, analyzer, synonyms and limits."""

    def __init__(
        self,
        schema: Schema,
        limits: QueryLimits = DEFAULT_LIMITS,
        ranking: Ranking | None = None,
        synonyms: Sequence[Sequence[str]] | None = None,
    ) -> None:
        self.limits = limits
        ranking = ranking or Ranking()
        # The fields a bare word searches are those the ranking weighs.
        boosts = dict(ranking.field_boosts) or FIELD_BOOSTS
        fields = [name for name in boosts if name in SEARCH_FIELDS and name in schema]
        self.parser = MultifieldParser(fields, schema, fieldboosts=boosts)
        aliases: dict[str, list[str]] = {}
        for alias, field in FIELD_ALIASES.items():
            if alias != field and field in schema:
                aliases.setdefault(field, []).append(alias)
        self.parser.add_plugin(FieldAliasPlugin(aliases))
        self.parser.add_plugin(FuzzyTermPlugin())
        analyzer: Any = schema[TEXT_FIELD].analyzer
        self.analyze: Analyze = lambda text: [t.text for t in analyzer(text)]
        if synonyms is None:
            synonyms = load_synonyms() if ranking.synonyms else ()
        self.synonyms = SynonymTable(synonyms, self.analyze)

    def build(
        self, text: str, reader: IndexReader | None, facet_values: FacetValues | None = None
    ) -> wq.Query:
        """Return the query for `text`, matching everything when it is blank.

        Facet values are resolved against `facet_values`, else the reader's terms; without a
        reader they must be written as indexed (`org:CRC`) and expansions are not capped.
        """
        text = text.strip()
        if not text:
            return wq.Every()
        if len(text) > self.limits.max_chars:
            raise QueryError(
                f"The query is {len(text)} characters long; the limit is {self.limits.max_chars}.",
                "Shorten it to the words that matter.",
            )
        tokens = lex(text)
        check_limits(tokens, self.limits)
        check_operators(tokens)
        check_fields(tokens)
        rewritten = rewrite_ranges(text, self._day_range)
        rewritten = self.synonyms.expand(rewritten, lex(rewritten))
        parsed = self._parse(rewritten, text)
        return self._resolve(parsed, reader, facet_values)

    def _parse(self, text: str, original: str) -> wq.Query:
        try:
            return self.parser.parse(text)
        except RecursionError:
            raise QueryError("The query nests too deeply to read.", SYNTAX_HINT) from None
        except Exception as exc:  # Whoosh's parser signals bad syntax with many exception types.
            raise QueryError(
                f"Could not understand the query {original[:80]!r}.",
                "Check operators and brackets: " + SYNTAX_HINT,
            ) from exc

    def _day_range(self, first: str | None, last: str | None) -> tuple[int, int]:
        start = _date_bound(first, first=True) if first else 1
        end = _date_bound(last, first=False) if last else day_number("9999-12-31")
        if start > end:
            raise QueryError(
                f"The date range starts ({first}) after it ends ({last}).", "Swap them."
            )
        if first and last and end - start > self.limits.max_range_years * 366:
            raise QueryError(
                f"The date range {first}..{last} is wider than "
                f"{self.limits.max_range_years} years.",
                "Narrow it, or leave one end open: date:2016.. or date:..2017.",
            )
        return start, end

    def _resolve(
        self, q: wq.Query, reader: IndexReader | None, facet_values: FacetValues | None
    ) -> wq.Query:
        """Return `q` with facet values resolved and expanding terms checked against limits."""
        field = getattr(q, "fieldname", None)
        if (field in FACET_FIELDS or field == PEOPLE) and (facet_values or reader):
            values = facet_values(field) if facet_values else _indexed_values(reader, field)
            return resolve_facet_query(q, field, values)
        if isinstance(q, wq.TermRange) and field != "year":
            raise QueryError(
                f"Ranges like {q} only work on dates and years.",
                "Write date:2016-09..2017-01 or year:2015..2017.",
            )
        if isinstance(q, _EXPANDING) and reader is not None:
            self._check_expansion(q, reader)
        if isinstance(q, wq.Every) and field:
            raise QueryError(f"{field}:* would match everything.", "Leave the box empty instead.")
        return q.apply(lambda child: self._resolve(child, reader, facet_values))

    def _check_expansion(self, q: wq.Query, reader: IndexReader) -> None:
        most = self.limits.max_fuzzy_distance
        if isinstance(q, wq.FuzzyTerm) and q.maxdist > most:
            raise QueryError(
                f"{q.text}~{q.maxdist} is too fuzzy; the limit is {most}.",
                "Write word~1 or word~2.",
            )
        limit = self.limits.max_expansions
        expansions = q._btexts(reader)  # type: ignore[attr-defined]
        if len(list(islice(expansions, limit + 1))) > limit:
            raise QueryError(
                f"{q} matches more than {limit} different words.",
                "Type more letters before the * or ?, or write the words out.",
            )


def _indexed_values(reader: IndexReader | None, field: str) -> list[str]:
    if reader is None:
        return []
    return [term.decode("utf-8") for term in reader.lexicon(field)]


def make_parser(schema: Schema, limits: QueryLimits = DEFAULT_LIMITS) -> QueryBuilder:
    """Return the query builder for `schema` (kept for callers of the foundation's API)."""
    return QueryBuilder(schema, limits)


def parse_query(builder: QueryBuilder, text: str, reader: IndexReader | None = None) -> wq.Query:
    """Return the query for `text` (kept for callers of the foundation's API)."""
    return builder.build(text, reader)


def value_filter(field: str, values: Iterable[str]) -> wq.Query:
    """Return a query matching any of `values` in facet `field`."""
    terms = [wq.Term(field, value) for value in values]
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def date_filter(date_from: str | None, date_to: str | None) -> wq.Query | None:
    """Return a range over document dates from partial ISO dates (2016, 2016-09, 2016-09-21)."""
    if not date_from and not date_to:
        return None
    start = _date_bound(date_from, first=True) if date_from else None
    end = _date_bound(date_to, first=False) if date_to else None
    if start is not None and end is not None and start > end:
        raise QueryError(
            f"The date range starts ({date_from}) after it ends ({date_to}).",
            "Swap the two dates.",
        )
    return wq.NumericRange(DATE_DAY, start if start is not None else 1, end)


def _date_bound(text: str, first: bool) -> int:
    """Return the day number of the first or last day a partial ISO date covers."""
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise QueryError(
            f"{text!r} is not a date.", "Write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2016-09."
        )
    year, month, day = match.groups()
    try:
        if day:
            return day_number(f"{year}-{month}-{day}")
        if month:
            if first:
                return day_number(f"{year}-{month}-01")
            next_month = f"{int(year) + int(month) // 12:04d}-{int(month) % 12 + 1:02d}-01"
            return day_number(next_month) - 1
        return day_number(f"{year}-01-01" if first else f"{year}-12-31")
    except ValueError:
        raise QueryError(f"{text!r} is not a real date.", "Check the month and day.") from None
