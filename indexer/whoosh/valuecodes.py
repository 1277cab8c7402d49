"""One value per element as an integer code per document number: documents and texts.

Collapsing counts ("how many documents", "how many different texts") are then numpy
operations over the matching mask. Read from the field's column (one pass, no per-term
postings), or from the terms when an index was built before the field had a column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import cast

import numpy as np
from numpy.typing import NDArray
from whoosh.reading import IndexReader

from indexer.results import DocumentCounts
from indexer.whoosh.facets import FacetTable, Mask


@dataclass(frozen=True)
class ValueCodes:
    """The value of one single-valued field for every document, coded as integers."""

    values: list[str]
    codes: NDArray[np.int64]
    """`values[codes[docnum]]` is the value of document `docnum`."""

    @classmethod
    def read(cls, reader: IndexReader, field: str) -> ValueCodes:
        """Read the codes of `field` from its column, else from its terms."""
        if reader.has_column(field):
            column = list(reader.column_reader(field))
            values, codes = np.unique(np.array(column, dtype=object), return_inverse=True)
            return cls([str(v) for v in values], codes.astype(np.int64))
        table = FacetTable.read(reader, field)
        codes = np.zeros(reader.doc_count_all(), dtype=np.int64)
        codes[table.docnums] = table.value_ids
        return cls(table.values, codes)

    def holders(self, docnum: int) -> NDArray[np.int64]:
        """Return every document (deleted ones too) holding the same value as `docnum`."""
        order, starts = self._inverse
        code = self.codes[docnum]
        return order[starts[code] : starts[code + 1]]

    @cached_property
    def _inverse(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Documents sorted by value code, and where each code's run starts."""
        order = np.argsort(self.codes, kind="stable")
        starts = np.searchsorted(self.codes[order], np.arange(len(self.values) + 1))
        return order.astype(np.int64), starts.astype(np.int64)

    def keys(self, docnums: NDArray[np.int64]) -> NDArray[np.int64]:
        """Return the codes of `docnums` as collapsing keys: -1 where the value is empty."""
        keys = self.codes[docnums]
        if self.values and self.values[0] == "":  # values are sorted: an empty one is first
            keys = np.where(keys == 0, -1, keys)
        return keys

    def distinct(self, matching: Mask) -> int:
        """Return how many different values the `matching` documents hold."""
        return int(np.count_nonzero(self.counts(matching)))

    def counts(self, matching: Mask) -> NDArray[np.int64]:
        """Return per value how many of the `matching` documents hold it."""
        return np.bincount(self.codes[matching], minlength=len(self.values))

    def document_counts(self, matching: Mask) -> DocumentCounts:
        """Return value (a document id, for the DOCUMENT_ID codes) → number of matching records,
        as the counts array itself over the same `values` list for every search of this reader."""
        # An array reads as a sequence of ints (numpy's stubs do not say so).
        return DocumentCounts(self.values, cast(Sequence[int], self.counts(matching)))

    def count_of(self, matching: Mask) -> dict[str, int]:
        """Return value → number of matching documents, for the values that have any."""
        counts = self.counts(matching)
        return {self.values[i]: int(counts[i]) for i in np.flatnonzero(counts)}
