"""Facet counts in bulk: per-facet value tables read once per index reader, counted with numpy.

A table holds, for one facet field, every value and the document numbers carrying it, laid
out as two flat arrays. Counting the values of a set of matching documents is then one
`bincount`, and the OR-within/AND-across filter semantics are boolean masks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray
from whoosh.reading import IndexReader

from indexer.results import FacetValue
from indexer.whoosh.bulk import live_mask, term_docnums

Mask = NDArray[np.bool_]


@dataclass(frozen=True)
class FacetTable:
    """The values of one facet field and, flattened, which documents carry each value."""

    values: list[str]
    docnums: NDArray[np.int64]
    value_ids: NDArray[np.int64]
    offsets: NDArray[np.int64]
    """`docnums[offsets[i]:offsets[i + 1]]` are the documents carrying `values[i]`."""

    @classmethod
    def read(cls, reader: IndexReader, field: str) -> FacetTable:
        """Read the table of `field` from the reader's term postings."""
        values: list[str] = []
        chunks: list[NDArray[np.int64]] = []
        live = live_mask(reader)
        for term in reader.lexicon(field):
            ids = term_docnums(reader, field, term, live)
            if len(ids):
                values.append(term.decode("utf-8"))
                chunks.append(ids)
        lengths = np.array([len(c) for c in chunks], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        docnums = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
        value_ids = np.repeat(np.arange(len(values), dtype=np.int64), lengths)
        return cls(values, docnums, value_ids, offsets)

    @cached_property
    def index(self) -> dict[str, int]:
        """Return each value's place in `values`."""
        return {value: i for i, value in enumerate(self.values)}

    def mask_for(self, selected: Sequence[str], size: int) -> Mask:
        """Return the documents carrying any of the `selected` values."""
        mask = np.zeros(size, dtype=bool)
        for value in selected:
            i = self.index.get(value)
            if i is not None:
                mask[self.docnums[self.offsets[i] : self.offsets[i + 1]]] = True
        return mask

    def count(self, matching: Mask) -> NDArray[np.int64]:
        """Return, per value, how many of the `matching` documents carry it."""
        hit_values = self.value_ids[matching[self.docnums]]
        return np.bincount(hit_values, minlength=len(self.values))


def count_facets(
    tables: Mapping[str, FacetTable],
    base: Mask,
    filter_masks: Mapping[str, Mask],
    selected: Mapping[str, Sequence[str]],
    limit: int,
) -> dict[str, list[FacetValue]]:
    """Count every facet for the `base` matches under the other facets' filters.

    A facet's own filter is left out of its counts, so the values a user could add to an
    OR-selection keep their counts (disjunctive faceting).
    """
    counts: dict[str, list[FacetValue]] = {}
    for name, table in tables.items():
        matching = base.copy()
        for other, mask in filter_masks.items():
            if other != name:
                matching &= mask
        totals = table.count(matching)
        chosen = set(selected.get(name, ()))
        entries = [
            FacetValue(value, int(totals[i]), value in chosen)
            for i, value in enumerate(table.values)
            if totals[i] or value in chosen
        ]
        # A chosen value the index does not hold still shows, with 0, so it can be unselected.
        entries += [FacetValue(value, 0, True) for value in chosen if value not in table.index]
        entries.sort(key=lambda v: (not v.selected, -v.count, v.value.casefold()))
        counts[name] = entries[:limit] if limit else entries
    return counts
