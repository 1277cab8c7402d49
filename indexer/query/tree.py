"""The query tree: what a user's query means, independent of any engine.

The parser (`indexer.query.parser`) turns query text into these nodes with words already
analysed into index terms and facet values resolved; each engine compiles the tree into its
own query language. `field` is one of `indexer.fields` (None: the fields a bare word
searches, which each engine weighs its own way).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Terms:
    """One typed word: every one of its terms in one field (`post-release` → post, releas)."""

    field: str | None
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """Terms in this order, at most `slop - 1` words apart (1: side by side)."""

    field: str | None
    terms: tuple[str, ...]
    slop: int = 1


@dataclass(frozen=True)
class Prefix:
    """Any term starting with `prefix` (`inspect*`)."""

    field: str | None
    prefix: str


@dataclass(frozen=True)
class Wildcard:
    """Any term matching `pattern`, where `?` is one character and `*` any run (`ca?eload`)."""

    field: str | None
    pattern: str


@dataclass(frozen=True)
class Fuzzy:
    """Any term within `distance` edits of `term` (`oversigt~1`)."""

    field: str | None
    term: str
    distance: int


@dataclass(frozen=True)
class Values:
    """Elements whose facet `field` holds any of `values` (exact, as indexed); none: nothing."""

    field: str
    values: tuple[str, ...]
    typed: str = ""
    """What the user wrote, for messages about a value that matched nothing."""


@dataclass(frozen=True)
class Documents:
    """Elements of these documents (`inspection:derbyshire-2016-09`: its sources)."""

    ids: tuple[str, ...]
    typed: str = ""


@dataclass(frozen=True)
class DayRange:
    """Documents dated from day `first` to day `last` (ordinal day numbers, inclusive)."""

    first: int
    last: int


@dataclass(frozen=True)
class YearRange:
    """Documents of the years `first` to `last` (four-digit strings; empty: open)."""

    first: str
    last: str


@dataclass(frozen=True)
class And:
    """Every child matches."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one child matches."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The child does not match."""

    child: Node


@dataclass(frozen=True)
class Everything:
    """Every element (the empty query)."""


@dataclass(frozen=True)
class Nothing:
    """No element (a query of stop words only, a facet value no element has)."""


Node = (
    Terms | Phrase | Prefix | Wildcard | Fuzzy | Values | Documents | DayRange | YearRange | And
    | Or | Not | Everything | Nothing
)  # fmt: skip
EXPANDING = (Prefix, Wildcard, Fuzzy)
"""Nodes an engine expands into the index terms they match."""


def children(node: Node) -> tuple[Node, ...]:
    """Return the direct children of `node`."""
    if isinstance(node, And | Or):
        return node.children
    if isinstance(node, Not):
        return (node.child,)
    return ()


def walk(node: Node, negated: bool = False) -> Iterator[tuple[Node, bool]]:
    """Yield every node of the tree with whether it sits under an odd number of `Not`s."""
    yield node, negated
    for child in children(node):
        yield from walk(child, negated ^ isinstance(node, Not))


def conjunction(nodes: list[Node]) -> Node:
    """Return the And of `nodes`, simplified: one node alone, Everything for none."""
    kept = [node for node in nodes if not isinstance(node, Everything)]
    if any(isinstance(node, Nothing) for node in kept):
        return Nothing()
    if not kept:
        return Everything()
    return kept[0] if len(kept) == 1 else And(tuple(kept))
