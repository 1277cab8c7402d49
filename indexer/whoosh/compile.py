"""Compile a query tree (`indexer.query.tree`) into a Whoosh query, within the limits.

A bare word or phrase searches every field the ranking weighs, each with its boost; a
fielded one searches its field unboosted. Wildcards, prefixes and fuzzy terms are checked
against the index vocabulary so one of them cannot expand into thousands of terms. The
same tree also says which index terms to mark in a hit (`targets`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice

from whoosh import query as wq
from whoosh.reading import IndexReader

from indexer.errors import QueryError
from indexer.fields import DATE_DAY, DOCUMENT_ID, POSITION, TITLE, YEAR
from indexer.limits import DEFAULT_LIMITS, QueryLimits
from indexer.marking import MatchTargets, targets_of
from indexer.query import tree as qt

FIRST_ELEMENTS = wq.NumericRange(POSITION, 0, 0, constantscore=True)
"""Every document's first element: where a query only a title answers lands."""


class Compiler:
    """Compile trees for one index: the fields a bare word searches and their boosts."""

    def __init__(
        self,
        boosts: Mapping[str, float],
        reader: IndexReader | None = None,
        limits: QueryLimits = DEFAULT_LIMITS,
    ) -> None:
        self.boosts = dict(boosts)
        self.reader = reader
        self.limits = limits

    def compile(self, node: qt.Node) -> wq.Query:
        """Return the Whoosh query of `node`, normalised as Whoosh's own parser leaves it."""
        return self._node(node).normalize()

    def own_text_guard(self, node: qt.Node) -> wq.Query | None:
        """Return "some bare word of `node` in the element's own fields", or None.

        A bare word may be satisfied by the document's title (`caseloads Derbyshire` finds
        the caseload findings of a report on Derbyshire), but a hit must match at least one
        of the query's words in its own text, heading or speaker: a title word alone would
        make every element of the document a hit. A query only the title answers ("mixed
        picture") finds the document once, by its first element (`FIRST_ELEMENTS`, which the
        caller adds to the guard). The guard filters, it does not score.
        """
        fields = [name for name in self.boosts if name != TITLE]
        leaves = list(_bare_leaves(node))
        if not leaves or len(fields) == len(self.boosts):
            return None
        return wq.Or([self._leaf(leaf, name, 1.0) for leaf in leaves for name in fields])

    def _node(self, node: qt.Node) -> wq.Query:
        if isinstance(node, qt.And):
            return wq.And([self._node(child) for child in node.children])
        if isinstance(node, qt.Or):
            return wq.Or([self._node(child) for child in node.children])
        if isinstance(node, qt.Not):
            return wq.Not(self._node(node.child))
        if isinstance(node, qt.Everything):
            return wq.Every()
        if isinstance(node, qt.Nothing):
            return wq.NullQuery
        if isinstance(node, qt.Values):
            return _values(node.field, node.values)
        if isinstance(node, qt.Documents):
            return _values(DOCUMENT_ID, node.ids)
        if isinstance(node, qt.DayRange):
            return wq.NumericRange(DATE_DAY, node.first, node.last, constantscore=True)
        if isinstance(node, qt.YearRange):
            return wq.TermRange(YEAR, node.first, node.last, False, False, constantscore=True)
        return self._fields(node)

    def _fields(self, node: qt.Node) -> wq.Query:
        """Return a leaf's query in its own field, or OR-ed over the boosted search fields."""
        field = getattr(node, "field", None)
        if field is not None:
            return self._leaf(node, field, 1.0)
        return wq.Or([self._leaf(node, name, boost) for name, boost in self.boosts.items()])

    def _leaf(self, node: qt.Node, field: str, boost: float) -> wq.Query:
        if isinstance(node, qt.Terms):
            terms = [wq.Term(field, term, boost=boost) for term in node.terms]
            return terms[0] if len(terms) == 1 else wq.And(terms)
        if isinstance(node, qt.Phrase):
            return wq.Phrase(field, list(node.terms), slop=node.slop, boost=boost)
        if isinstance(node, qt.Prefix):
            return self._checked(wq.Prefix(field, node.prefix, boost=boost))
        if isinstance(node, qt.Wildcard):
            return self._checked(wq.Wildcard(field, node.pattern, boost=boost))
        if isinstance(node, qt.Fuzzy):
            return self._checked(
                wq.FuzzyTerm(field, node.term, boost=boost, maxdist=node.distance, prefixlength=0)
            )
        raise TypeError(f"not a query leaf: {node!r}")

    def _checked(self, q: wq.Query) -> wq.Query:
        """Refuse a wildcard, prefix or fuzzy term that expands into too many index terms."""
        if self.reader is None:
            return q
        limit = self.limits.max_expansions
        expansions = q._btexts(self.reader)  # type: ignore[attr-defined]
        if len(list(islice(expansions, limit + 1))) > limit:
            raise QueryError(
                f"{q} matches more than {limit} different words.",
                "Type more letters before the * or ?, or write the words out.",
            )
        return q

    def targets(self, node: qt.Node) -> MatchTargets:
        """Return the index terms and phrases a hit of `node` should have marked."""
        return targets_of(node, self._expansions)

    def _expansions(self, node: qt.Prefix | qt.Wildcard | qt.Fuzzy) -> Iterable[str]:
        if self.reader is None:
            return ()
        found: list[str] = []
        for field in [node.field] if node.field else list(self.boosts):
            q = self._leaf(node, field, 1.0)
            found += [
                t.decode("utf-8") if isinstance(t, bytes) else t
                for _name, t in q.existing_terms(self.reader, expand=True)
            ]
        return found


def _bare_leaves(node: qt.Node) -> Iterable[qt.Node]:
    """Yield the unfielded words and phrases `node` asks for (not those under NOT)."""
    if isinstance(node, qt.And | qt.Or):
        for child in node.children:
            yield from _bare_leaves(child)
    elif (
        isinstance(node, qt.Terms | qt.Phrase | qt.Prefix | qt.Wildcard | qt.Fuzzy)
        and node.field is None
    ):
        yield node


def _values(field: str, values: tuple[str, ...]) -> wq.Query:
    """Return a query matching any of `values` in value field `field`."""
    terms = [wq.Term(field, value) for value in values]
    if not terms:
        return wq.NullQuery
    return terms[0] if len(terms) == 1 else wq.Or(terms)
