"""Query text → query tree, or a QueryError that says what is wrong and how to write it.

The flow: cheap checks on the text (`syntax`), synonym expansion (`synonyms`), then a
recursive-descent parse of the language below, with every word analysed into index terms
and every facet value resolved against the values the index holds (`values`). Precedence,
tightest first: NOT, AND, OR, then words side by side (all must match), so
`risk harm OR caseload` is risk AND (harm OR caseload).

    query    := sequence
    sequence := either+                        words side by side: all of them
    either   := both ("OR" both)*
    both     := negated ("AND" negated)*
    negated  := "NOT"* atom
    atom     := "(" sequence ")" | field ":" atom | "phrase"[~N] | word[*|?|~N]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from indexer.analysis import Analyzer, default_analyzer, load_synonyms, name_terms
from indexer.errors import QueryError
from indexer.fields import AUTHOR, DATE, INSPECTION, TEXT_FIELDS, VALUE_FIELDS, YEAR
from indexer.limits import DEFAULT_LIMITS, QueryLimits
from indexer.query.dates import LAST_DAY, date_bound
from indexer.query.synonyms import SynonymTable
from indexer.query.syntax import (
    FIELD_ALIASES,
    FIELD_PREFIX,
    SYNTAX_HINT,
    Token,
    check_fields,
    check_limits,
    lex,
)
from indexer.query.tree import (
    And,
    DayRange,
    Documents,
    Everything,
    Fuzzy,
    Node,
    Not,
    Nothing,
    Or,
    Phrase,
    Prefix,
    Terms,
    Values,
    Wildcard,
    YearRange,
)
from indexer.query.values import match_pattern, match_values

FacetValues = Callable[[str], Sequence[str]]
"""The indexed values of a value field (for resolving `org:crc` to "CRC")."""

_FUZZY = re.compile(r"^(.+?)~(\d*)$")
_SLOP = re.compile(r"^~(\d+)$")
_RANGE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)?(\.\.)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)?$")
_PATTERN = re.compile(r"^[\w*?.'’-]+$")
"""A word with wildcards; other punctuation (a pasted URL) makes it plain words."""
_OPERATOR_HELP = "Put a word or a (group) on both sides: risk AND (harm OR caseloads)."


def _no_values(field: str) -> Sequence[str]:
    return ()


class QueryParser:
    """Parse query text under one set of limits, analysis and synonyms."""

    def __init__(
        self,
        limits: QueryLimits = DEFAULT_LIMITS,
        analyzer: Analyzer | None = None,
        synonyms: Sequence[Sequence[str]] | None = None,
    ) -> None:
        self.limits = limits
        self.analyzer = analyzer or default_analyzer()
        groups = load_synonyms() if synonyms is None else synonyms
        self.synonyms = SynonymTable(groups, self.analyzer.terms)

    def parse(
        self,
        text: str,
        facet_values: FacetValues = _no_values,
        inspections: Mapping[str, tuple[str, ...]] | None = None,
    ) -> Node:
        """Return the tree of `text`: Everything when blank, Nothing when no word is left."""
        text = text.strip()
        if not text:
            return Everything()
        if len(text) > self.limits.max_chars:
            raise QueryError(
                f"The query is {len(text)} characters long; the limit is {self.limits.max_chars}.",
                "Shorten it to the words that matter.",
            )
        tokens = lex(text)
        check_limits(tokens, self.limits)
        check_fields(tokens)
        expanded = self.synonyms.expand(text, tokens)
        reading = _Reading(self, lex(expanded), facet_values, inspections or {})
        node = reading.sequence(closing=False)
        return Nothing() if node is None else node


class _Reading:
    """One pass over the tokens of one query."""

    def __init__(
        self,
        parser: QueryParser,
        tokens: list[Token],
        values: FacetValues,
        inspections: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.inspections = inspections
        self.parser = parser
        self.analyzer = parser.analyzer
        self.tokens = tokens
        self.values = values
        self.at = 0

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    # ------------------------------------------------------------------ grammar

    def sequence(self, closing: bool, field: str | None = None) -> Node | None:
        parts: list[Node] = []
        while (token := self.peek()) is not None:
            if token.text == ")":
                if closing:
                    break
                raise QueryError(
                    "A closing bracket ) has no opening bracket.",
                    "Remove it, or open the group with ( before it.",
                )
            if token.text in ("AND", "OR"):
                raise QueryError(f"{token.text} has nothing to its left.", _OPERATOR_HELP)
            node = self.either(field)
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def either(self, field: str | None) -> Node | None:
        options = [self.both(field)]
        while (token := self.peek()) is not None and token.text == "OR":
            self.operand_after(self.take())
            options.append(self.both(field))
        kept = [node for node in options if node is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(tuple(kept))

    def both(self, field: str | None) -> Node | None:
        parts = [self.negated(field)]
        while (token := self.peek()) is not None and token.text == "AND":
            self.operand_after(self.take())
            parts.append(self.negated(field))
        kept = [node for node in parts if node is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else And(tuple(kept))

    def negated(self, field: str | None) -> Node | None:
        nots = 0
        while (token := self.peek()) is not None and token.text == "NOT":
            self.operand_after(self.take())
            nots += 1
        node = self.atom(field)
        if node is None or nots % 2 == 0:
            return node
        return Not(node)

    def operand_after(self, operator: Token) -> None:
        """Raise QueryError unless something to search follows `operator`."""
        following = self.peek()
        if following is None or following.text == ")" or following.text in ("AND", "OR"):
            what = "after it" if operator.text == "NOT" else "to its right"
            raise QueryError(f"{operator.text} has nothing {what}.", _OPERATOR_HELP)

    def atom(self, field: str | None) -> Node | None:
        token = self.take()
        if token.text == "(":
            return self.group(field)
        if token.is_phrase:
            return self.phrase(token, field)
        prefix = FIELD_PREFIX.match(token.text)
        if prefix is None:
            return self.word(token.text, field)
        named = FIELD_ALIASES[prefix[1].lower()]
        value = token.text[prefix.end() :]
        if value:
            return self.word(value, named)
        following = self.peek()
        if following is None or following.start != token.end or following.text == ")":
            raise QueryError(
                f"{token.text} needs a value right after the colon.",
                f"Write {token.text}value with no space, e.g. org:CRC or kind:finding; "
                'or "quote" the words to search for them.',
            )
        return self.atom(named)

    def group(self, field: str | None) -> Node | None:
        node = self.sequence(closing=True, field=field)
        if self.peek() is None:
            raise QueryError(
                "A bracket ( is not closed.", "Close every ( with a ), or remove the bracket."
            )
        self.take()
        return node

    # ------------------------------------------------------------------ leaves

    def phrase(self, token: Token, field: str | None) -> Node | None:
        content = token.text.strip('"')
        slop = 1
        following = self.peek()
        if following is not None and following.start == token.end:
            match = _SLOP.match(following.text)
            if match:
                self.take()
                slop = max(1, int(match[1]))
        if field in VALUE_FIELDS or field in (DATE, INSPECTION):
            return self.value(content, field) if content.strip() else None
        terms = tuple(name_terms(content) if field == AUTHOR else self.analyzer.terms(content))
        if not terms:
            return None
        if len(terms) == 1:
            return Terms(field, terms)
        return Phrase(field, terms, slop)

    def word(self, text: str, field: str | None) -> Node | None:
        if field in VALUE_FIELDS or field in (DATE, INSPECTION):
            return self.value(text, field)
        fuzzy = _FUZZY.match(text)
        if fuzzy:
            distance = int(fuzzy[2]) if fuzzy[2] else 1
            return Fuzzy(field, self.whole(fuzzy[1], field), distance)
        if ("*" in text or "?" in text) and _PATTERN.match(text):
            base = text[:-1]
            if text.endswith("*") and "*" not in base and "?" not in base:
                return Prefix(field, self.whole(base, field))
            return Wildcard(field, self.whole(text, field))
        if text.startswith(("[", "{")):
            raise QueryError(
                f"Ranges like {text}… only work on dates and years.",
                "Write date:2016-09..2017-01 or year:2015..2017.",
            )
        assert field is None or field in TEXT_FIELDS or field == AUTHOR
        terms = tuple(name_terms(text) if field == AUTHOR else self.analyzer.terms(text))
        return Terms(field, terms) if terms else None

    def whole(self, text: str, field: str | None) -> str:
        return text.lower() if field == AUTHOR else self.analyzer.whole(text)

    def value(self, text: str, field: str) -> Node:
        """Return the node of a value field's value: facet values, a year or a date range."""
        if field == DATE:
            return self.days(text)
        if field == INSPECTION:
            return self.inspection(text)
        if field == YEAR and ".." in text:
            return self.years(text)
        if _FUZZY.match(text):
            raise QueryError(
                f"{text!r}: fuzzy matching (~) works on words of the text, not on names and kinds.",
                "Write part of the name instead, e.g. org:rehabilitation or speaker:stacey.",
            )
        known = self.values(field)
        if "*" in text or "?" in text:
            return Values(field, tuple(match_pattern(text, known)), text)
        return Values(field, tuple(match_values(field, text, known)), text)

    def inspection(self, text: str) -> Documents:
        """Return the documents of the inspection `text` names, or refuse an unknown one."""
        wanted = text.strip().lower()
        if wanted not in self.inspections:
            known = ", ".join(sorted(self.inspections)) or "none are linked in this index"
            raise QueryError(
                f"inspection:{text} is not an inspection.", f"The inspections are: {known}."
            )
        return Documents(self.inspections[wanted], text)

    def days(self, text: str) -> DayRange:
        parts = _RANGE.match(text)
        if not text or not parts or not (parts[1] or parts[3]):
            raise _range_error("date", text)
        first_text, is_range, last_text = parts[1], parts[2], parts[3]
        if not is_range:
            last_text = first_text
        first = date_bound(first_text, first=True) if first_text else 1
        last = date_bound(last_text, first=False) if last_text else LAST_DAY
        if first > last:
            raise QueryError(
                f"The date range starts ({first_text}) after it ends ({last_text}).", "Swap them."
            )
        if first_text and last_text and last - first > self.parser.limits.max_range_years * 366:
            raise _too_wide(f"date:{text}", self.parser.limits.max_range_years)
        return DayRange(first, last)

    def years(self, text: str) -> YearRange:
        parts = _RANGE.match(text)
        years = parts and all(p is None or len(p) == 4 for p in (parts[1], parts[3]))
        if not parts or not years or not (parts[1] or parts[3]):
            raise _range_error("year", text)
        first, last = parts[1] or "", parts[3] or ""
        if first and last and first > last:
            raise QueryError(
                f"The year range starts ({first}) after it ends ({last}).", "Swap them."
            )
        if first and last and int(last) - int(first) > self.parser.limits.max_range_years:
            raise _too_wide(f"year:{text}", self.parser.limits.max_range_years)
        return YearRange(first, last)


def _range_error(field: str, text: str) -> QueryError:
    return QueryError(
        f"'{field}:{text}' is not a {field} or range of {field}s.",
        "Write date:2016, date:2016-09, date:2016-09-21 or date:2016-09..2017-01; "
        "year:2016 or year:2015..2017.",
    )


def _too_wide(written: str, years: int) -> QueryError:
    return QueryError(
        f"The range {written} is wider than {years} years.",
        "Narrow it, or leave one end open: date:2016.. or year:..2017.",
    )


__all__ = ["SYNTAX_HINT", "FacetValues", "QueryParser"]
