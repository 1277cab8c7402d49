"""The query language's words: tokens, operators, field names, and the checks run on the text.

Pure text work. The parser runs these checks first, so a hostile query (a 100,000-character
word, 1,000 nested brackets, a leading wildcard) is refused cheaply, before parsing, with a
message naming the limit it broke.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.errors import QueryError
from indexer.limits import QueryLimits
from indexer.wording import plural

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
    "rating": "rating",
    "date": "date",
    "title": "title",
    "heading": "heading",
    "text": "text",
    "inspection": "inspection",
}
"""Field names a user may write before a colon, and the index field each one searches."""

USER_FIELDS = (
    "kind",
    "type",
    "org",
    "region",
    "speaker",
    "person",
    "author",
    "site",
    "year",
    "rating",
    "inspection",
)
FIELD_HELP = (
    "Fields: " + ", ".join(f"{name}:" for name in USER_FIELDS) + ", date:2016-09..2017-01, "
    "title:, heading:, text:"
)
OPERATORS = frozenset({"AND", "OR", "NOT"})
SYNTAX_HINT = (
    'Write "an exact phrase", a AND (b OR c), NOT d, prefix*, or field:value ('
    + FIELD_HELP[len("Fields: ") :]
    + ")."
)

_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
FIELD_PREFIX = re.compile(r"^([^\W\d]\w*|\*):")
FUZZY_SUFFIX = re.compile(r"~(\d*)")


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
            f"The query has {plural(terms, 'term')}; the limit is {limits.max_terms}.",
            "Keep the words that matter most; a few specific words find more than many.",
        )
    if wildcards > limits.max_wildcards:
        raise QueryError(
            f"The query has {plural(wildcards, 'wildcard')}; the limit is {limits.max_wildcards}.",
            "Write some words out in full.",
        )


def _check_word(token: Token, limits: QueryLimits) -> int:
    """Check one word's length, wildcard and fuzziness; return 1 if it is a wildcard."""
    if token.is_phrase:
        return 0
    word = FIELD_PREFIX.sub("", token.text)
    if len(word) > limits.max_word_chars:
        raise QueryError(
            f"The word {word[:20]!r}… is {len(word)} characters long; "
            f"the limit is {limits.max_word_chars}.",
            "Search for real words; paste a phrase in quotes if it has spaces.",
        )
    for match in FUZZY_SUFFIX.finditer(word):
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
            f"{word!r} has {plural(len(stem[0]), 'letter')} before its wildcard; "
            f"at least {limits.min_prefix_chars} are needed.",
            "Put * or ? after the first letters of a word, e.g. inspect*.",
        )
    return 1


def check_fields(tokens: Sequence[Token]) -> None:
    """Raise QueryError naming the first `name:` that is not a field a user can search."""
    for token in tokens:
        match = None if token.is_phrase else FIELD_PREFIX.match(token.text)
        if match and match[1].lower() not in FIELD_ALIASES:
            raise QueryError(
                f"There is no field called {match[1]!r}.",
                FIELD_HELP
                + '. To search for the text itself, put it in quotes: "'
                + token.text
                + '".',
            )
