"""Compile a query tree into a Typesense `filter_by` expression: the exact match set.

Typesense's filter language has AND, OR, brackets, "contains any of" (`f:=[a,b]`), "contains
none of" (`f:!=[a,b]`) and numeric ranges, but no NOT of an expression, and it refuses an
expression of more than about a hundred tokens. So a negation is pushed down to the leaves
(De Morgan), leaves on one field are merged into one list where the logic allows (any of a
or b: `f:=[a,b]`; none of a nor b: `f:!=[a,b]`), and an expression still too long is
refused with a message rather than sent. Wildcards, prefixes and fuzzy words are expanded
here, from the vocabulary, under the query limits.

The same tree gives the ranking words (`ranking_tokens`): the terms every match must hold,
which Typesense then scores in `q_any`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from indexer.errors import QueryError
from indexer.fields import DATE_DAY, POSITION, SEARCH_FIELDS
from indexer.limits import QueryLimits
from indexer.query import tree as qt
from indexer.typesense.schema import (
    ANY,
    DOC_KEY,
    OWN,
    YEAR_NUMBER,
    terms_field,
    values_field,
)
from indexer.typesense.tokens import phrase_tokens, token

MAX_FILTER_TOKENS = 100
"""Typesense 0.24 refuses longer expressions ("Filter expression is not valid")."""
ALL = f"{POSITION}:>=0"
NONE = f"{POSITION}:<0"

Expand = Callable[[qt.Prefix | qt.Wildcard | qt.Fuzzy], list[str]]


@dataclass(frozen=True)
class Has:
    """The list `field` holds any of `tokens` (negated: none of them)."""

    field: str
    tokens: frozenset[str]
    negated: bool = False


@dataclass(frozen=True)
class Between:
    """A number field from `low` to `high` inclusive (None: open)."""

    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class AllOf:
    """Every part holds."""

    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds."""

    parts: tuple[Expr, ...]


Expr = Has | Between | AllOf | AnyOf | bool


class FilterCompiler:
    """Compile trees for one collection: its vocabulary's expansions, the limits."""

    def __init__(self, expand: Expand, limits: QueryLimits) -> None:
        self.expand = expand
        self.limits = limits

    def compile(self, node: qt.Node, negated: bool = False) -> Expr:
        """Return the expression of `node` (of its negation, if `negated`)."""
        if isinstance(node, qt.Not):
            return self.compile(node.child, not negated)
        if isinstance(node, qt.And | qt.Or):
            parts = tuple(self.compile(child, negated) for child in node.children)
            conjunctive = isinstance(node, qt.And) != negated
            return all_of(parts) if conjunctive else any_of(parts)
        if isinstance(node, qt.Everything):
            return not negated
        if isinstance(node, qt.Nothing):
            return negated
        if isinstance(node, qt.Values):
            return _has(values_field(node.field), [token(v) for v in node.values], negated)
        if isinstance(node, qt.DayRange):
            return _between(DATE_DAY, node.first, node.last, negated)
        if isinstance(node, qt.YearRange):
            low = int(node.first) if node.first else 1
            high = int(node.last) if node.last else None
            return _between(YEAR_NUMBER, low, high, negated)
        if isinstance(node, qt.Documents):
            return _has(DOC_KEY, [token(doc_id) for doc_id in node.ids], negated)
        field = terms_field(node.field or ANY)
        if isinstance(node, qt.Terms):
            return _every(field, [token(t) for t in node.terms], negated)
        if isinstance(node, qt.Phrase):
            if node.slop > 1:  # near, not adjacent: every word (docs/typesense.md)
                return _every(field, [token(t) for t in node.terms], negated)
            return _every(field, phrase_tokens(node.terms), negated)
        if isinstance(node, qt.EXPANDING):
            return _has(field, [token(t) for t in self.expand(node)], negated)
        raise TypeError(f"not a query node: {node!r}")


def own_text_guard(compiler: FilterCompiler, node: qt.Node) -> Expr | None:
    """Return "some bare word of `node` in the element's own text, heading or speaker, or the
    document's first element", or None when `node` has no bare word.

    A title word counts towards a bare word, but a title word alone would make every element of
    its document a hit: a hit must hold one of the query's words itself, and a query only the
    title answers finds the document once, by its first element (as on every engine).
    """
    leaves = list(_bare_leaves(node))
    if not leaves:
        return None
    own = [compiler.compile(replace(leaf, field=OWN)) for leaf in leaves]
    return any_of([*own, Between(POSITION, 0, 0)])


BareLeaf = qt.Terms | qt.Phrase | qt.Prefix | qt.Wildcard | qt.Fuzzy


def _bare_leaves(node: qt.Node) -> Iterable[BareLeaf]:
    """Yield the unfielded words and phrases `node` asks for (not those under NOT)."""
    if isinstance(node, qt.And | qt.Or):
        for child in node.children:
            yield from _bare_leaves(child)
    elif isinstance(node, BareLeaf) and node.field is None:
        yield node


def all_of(parts: Iterable[Expr]) -> Expr:
    """Return the conjunction of `parts`, simplified; lists that must all be empty merged."""
    kept: list[Expr] = []
    for part in parts:
        if part is False:
            return False
        if part is True:
            continue
        kept += part.parts if isinstance(part, AllOf) else [part]
    kept = _merge(kept, negated=True)
    if not kept:
        return True
    return kept[0] if len(kept) == 1 else AllOf(tuple(kept))


def any_of(parts: Iterable[Expr]) -> Expr:
    """Return the disjunction of `parts`, simplified; "any of" lists on one field merged."""
    kept: list[Expr] = []
    for part in parts:
        if part is True:
            return True
        if part is False:
            continue
        kept += part.parts if isinstance(part, AnyOf) else [part]
    kept = _merge(kept, negated=False)
    if not kept:
        return False
    return kept[0] if len(kept) == 1 else AnyOf(tuple(kept))


def _merge(parts: list[Expr], negated: bool) -> list[Expr]:
    """Join the `Has` leaves of one field and polarity `negated` into one leaf."""
    out: list[Expr] = []
    at: dict[str, int] = {}
    for part in parts:
        if isinstance(part, Has) and part.negated == negated:
            if part.field in at:
                previous = out[at[part.field]]
                assert isinstance(previous, Has)
                out[at[part.field]] = Has(part.field, previous.tokens | part.tokens, negated)
                continue
            at[part.field] = len(out)
        out.append(part)
    return out


def _has(field: str, tokens: list[str], negated: bool) -> Expr:
    if not tokens:
        return negated  # any of nothing: never; none of nothing: always
    return Has(field, frozenset(tokens), negated)


def _every(field: str, tokens: list[str], negated: bool) -> Expr:
    """Every token in `field` (negated: at least one missing)."""
    leaves = [Has(field, frozenset([t]), negated) for t in dict.fromkeys(tokens)]
    return any_of(leaves) if negated else all_of(leaves)


def _between(field: str, low: int | None, high: int | None, negated: bool) -> Expr:
    if not negated:
        return Between(field, low, high)
    outside: list[Expr] = []
    if low is not None:
        outside.append(Between(field, None, low - 1))
    if high is not None:
        outside.append(Between(field, high + 1, None))
    return any_of(outside)


def render(expr: Expr) -> str:
    """Return the filter_by text of `expr` ('' for everything)."""
    if expr is True:
        return ""
    text = _render(expr)
    length = count_tokens(expr)
    if length > MAX_FILTER_TOKENS:
        raise QueryError(
            f"this search is too complex for the Typesense backend ({length} filter parts, "
            f"at most {MAX_FILTER_TOKENS})",
            "Use fewer words, phrases or operators, or fewer filters at once.",
        )
    return text


def _render(expr: Expr) -> str:
    if expr is True:
        return ALL
    if expr is False:
        return NONE
    if isinstance(expr, Has):
        operator = ":!=" if expr.negated else ":="
        return f"{expr.field}{operator}[{','.join(sorted(expr.tokens))}]"
    if isinstance(expr, Between):
        if expr.low is not None and expr.high is not None:
            return f"{expr.field}:[{expr.low}..{expr.high}]"
        if expr.low is not None:
            return f"{expr.field}:>={expr.low}"
        return f"{expr.field}:<={expr.high}"
    joiner = " && " if isinstance(expr, AllOf) else " || "
    return joiner.join(
        f"({_render(part)})" if isinstance(part, AllOf | AnyOf) else _render(part)
        for part in expr.parts
    )


def count_tokens(expr: Expr) -> int:
    """Return how many tokens Typesense's filter parser sees in `expr`."""
    if isinstance(expr, AllOf | AnyOf):
        inner = sum(count_tokens(part) + (2 if isinstance(part, AllOf | AnyOf) else 0)
                    for part in expr.parts)  # fmt: skip
        return inner + len(expr.parts) - 1
    return 1


def ranking_tokens(node: qt.Node) -> list[str]:
    """Return the tokens every match of `node` holds in its text, title, heading or speaker:
    the words Typesense ranks by (none: rank by kind and date only)."""
    if isinstance(node, qt.Terms | qt.Phrase) and node.field in (None, *SEARCH_FIELDS):
        return [token(term) for term in node.terms]
    if isinstance(node, qt.And):
        found: list[str] = []
        for child in node.children:
            found += ranking_tokens(child)
        return list(dict.fromkeys(found))
    if isinstance(node, qt.Or):
        common = [set(ranking_tokens(child)) for child in node.children]
        shared = set.intersection(*common) if common else set()
        return [t for t in ranking_tokens(node.children[0]) if t in shared] if shared else []
    return []


def expansion_error(node: qt.Prefix | qt.Wildcard | qt.Fuzzy, limit: int) -> QueryError:
    """Return the error of a wildcard, prefix or fuzzy word that matches too many words."""
    typed = (
        f"{node.prefix}*" if isinstance(node, qt.Prefix)
        else node.pattern if isinstance(node, qt.Wildcard)
        else f"{node.term}~{node.distance}"
    )  # fmt: skip
    return QueryError(
        f"{typed} matches more than {limit} different words.",
        "Type more letters before the * or ?, or write the words out.",
    )
