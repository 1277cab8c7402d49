"""The query text before the engine sees it: limits, field names, date ranges and synonyms.

Pure text work with no engine in it. `querying` calls `prepare_query` first, so a hostile
query (a 100,000-character word, 1,000 nested brackets, a leading wildcard) is refused
cheaply, before parsing, with a message naming the limit it broke.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from indexer.errors import QueryError
from indexer.limits import QueryLimits

FIELD_ALIASES: dict[str, str] = {
    "kind": "kind",
    "type": "source_type",
    "source_type": "source_type",
    "org": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "region": "region",
    "speaker": "speaker",
    "person": "people",
    "people": "people",
    "author": "author",
    "site": "site",
    "year": "year",
    "date": "date",
    "title": "title",
    "heading": "heading",
    "text": "text",
}
"""Field names a user may write before a colon, and the index field each one searches."""

USER_FIELDS = ("kind", "type", "org", "region", "speaker", "person", "author", "site", "year")
FIELD_HELP = (
    "Fields: " + ", ".join(f"{name}:" for name in USER_FIELDS) + ", date:2016-09..2017-01, "
    "title:, heading:, text:"
)
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
_BINARY_ONLY = frozenset({"ANDNOT", "ANDMAYBE"})
SYNTAX_HINT = (
    'Write "an exact phrase", a AND (b OR c), NOT d, prefix*, or field:value ('
    + FIELD_HELP[len("Fields: ") :]
    + ")."
)

_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
_FIELD = re.compile(r"^([^\W\d]\w*|\*):")
_FUZZY = re.compile(r"~(\d*)")
_DATE_PART = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_DATE_RANGE = re.compile(rf"^({_DATE_PART})?(?:\.\.({_DATE_PART})?)?$")
_RANGE_SYNTAX = re.compile(r"(?<![\w:])(date|year):(\S*)", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    """A piece of query text: a word, a "phrase", a bracket or an operator, with its place."""

    text: str
    start: int
    end: int

    @property
    def is_phrase(self) -> bool:
        """Return whether the token is a quoted phrase."""
        return self.text.startswith('"')

    @property
    def is_plain_word(self) -> bool:
        """Return whether the token is an ordinary search word (no syntax in it)."""
        return (
            not self.is_phrase
            and self.text not in "()"
            and self.text not in OPERATORS
            and not any(ch in self.text for ch in ":*?~^[]{}")
        )


def lex(text: str) -> list[Token]:
    """Split query text into phrases, brackets and whitespace-separated words."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def check_operators(tokens: Sequence[Token]) -> None:
    """Raise QueryError where two of ANDNOT/ANDMAYBE meet (Whoosh's parser fails an assert)."""
    for first, second in pairwise(tokens):
        if first.text in _BINARY_ONLY and second.text in _BINARY_ONLY:
            raise QueryError(
                f"'{first.text} {second.text}' puts two operators side by side.",
                f"Put a word or a (group) between them, e.g. water {first.text} safety.",
            )


def check_limits(tokens: Sequence[Token], limits: QueryLimits) -> None:
    """Raise QueryError if the tokens break a size, nesting, wildcard or fuzzy limit."""
    depth = terms = wildcards = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
            if depth > limits.max_depth:
                raise QueryError(
                    f"The query nests brackets more than {limits.max_depth} deep.",
                    "Remove brackets that group a single word or repeat another group.",
                )
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif token.text not in OPERATORS:
            terms += 1
            wildcards += _check_word(token, limits)
    if terms > limits.max_terms:
        raise QueryError(
            f"The query has {terms} terms; the limit is {limits.max_terms}.",
            "Keep the words that matter most; a few specific words find more than many.",
        )
    if wildcards > limits.max_wildcards:
        raise QueryError(
            f"The query has {wildcards} wildcards; the limit is {limits.max_wildcards}.",
            "Write some words out in full.",
        )


def _check_word(token: Token, limits: QueryLimits) -> int:
    """Check one word's length, wildcard and fuzziness; return 1 if it is a wildcard."""
    if token.is_phrase:
        return 0
    word = _FIELD.sub("", token.text)
    if len(word) > limits.max_word_chars:
        raise QueryError(
            f"The word {word[:20]!r}… is {len(word)} characters long; "
            f"the limit is {limits.max_word_chars}.",
            "Search for real words; paste a phrase in quotes if it has spaces.",
        )
    for match in _FUZZY.finditer(word):
        distance = int(match[1]) if match[1] else 1
        if distance > limits.max_fuzzy_distance:
            raise QueryError(
                f"{word!r} asks for an edit distance of {distance}; "
                f"the limit is {limits.max_fuzzy_distance}.",
                f"Write word~1 or word~{limits.max_fuzzy_distance}.",
            )
    stem = re.split(r"[*?]", word.lstrip("("), maxsplit=1)
    if len(stem) == 1:
        return 0
    if word.strip("*?") == "":
        raise QueryError(
            f"{token.text!r} would match every word.",
            "To see everything, leave the search box empty.",
        )
    if len(stem[0]) < limits.min_prefix_chars:
        raise QueryError(
            f"{word!r} has {len(stem[0])} letters before its wildcard; "
            f"at least {limits.min_prefix_chars} are needed.",
            "Put * or ? after the first letters of a word, e.g. inspect*.",
        )
    return 1


def check_fields(tokens: Sequence[Token]) -> None:
    """Raise QueryError naming the first `name:` that is not a field a user can search."""
    for token in tokens:
        match = None if token.is_phrase else _FIELD.match(token.text)
        if match and match[1].lower() not in FIELD_ALIASES:
            raise QueryError(
                f"There is no field called {match[1]!r}.",
                FIELD_HELP
                + '. To search for the text itself, put it in quotes: "'
                + token.text
                + '".',
            )


def rewrite_ranges(
    text: str, day_range: Callable[[str | None, str | None], tuple[int, int]]
) -> str:
    """Return `text` with `date:A..B` and `year:A..B` written as the engine's range syntax.

    `day_range` turns two partial ISO dates into first and last day numbers (and checks them).
    """

    def replace(match: re.Match[str]) -> str:
        field, value = match[1].lower(), match[2]
        if field == "year" and ".." not in value:
            return match.group()
        parts = _DATE_RANGE.match(value)
        if not value or not parts or (field == "year" and not _years_only(parts)):
            raise QueryError(
                f"{match.group()!r} is not a {field} or range of {field}s.",
                "Write date:2016, date:2016-09, date:2016-09-21 or date:2016-09..2017-01; "
                "year:2016 or year:2015..2017.",
            )
        if field == "year":
            return f"year:[{parts[1] or ''} TO {parts[2] or ''}]"
        start, end = day_range(parts[1], parts[2] if ".." in value else parts[1])
        return f"date_day:[{start} TO {end}]"

    return _RANGE_SYNTAX.sub(replace, text)


def _years_only(parts: re.Match[str]) -> bool:
    return all(p is None or len(p) == 4 for p in parts.groups())
