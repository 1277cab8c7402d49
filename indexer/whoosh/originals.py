"""The original of a reproduced text among its holders, narrowed down from columns.

A finding quoted in twenty posts has twenty holders; the page shows its original (a report's,
else the earliest: `indexer.records.originality`) and lists up to `MAX_ALSO_IN` copies, and
reading every holder's stored record to sort them cost more than the rest of the page's hits
(measured at 100,000 elements: 1.5 ms of a 10.8 ms page, one text having 503 holders). The
sort key's first two parts, "not a report" and the day, are columns every reader has; a
holder whose (not a report, day) comes after those of `limit` others cannot be among the
first `limit`, so only the rest are read and sorted by the full key. Holders whose date is
not a whole day (a month, or none) are always read: the column cannot place them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from whoosh.reading import IndexReader

from indexer.fields import DATE_DAY, NO_DATE_DAY
from indexer.whoosh.facets import FacetTable, Mask

UNPLACED = np.int64(1) << 40
"""The key of a holder the columns cannot place (read whatever its key)."""


@dataclass(frozen=True)
class OriginKeys:
    """Per document number: the coarse originality key, and whether the day is unknown."""

    keys: NDArray[np.int64]
    unplaced: Mask

    @classmethod
    def read(
        cls, reader: IndexReader, source_types: FacetTable, originals: tuple[str, ...]
    ) -> OriginKeys:
        """Read the keys from the day column and the source types' table."""
        size = reader.doc_count_all()
        days = np.fromiter(reader.column_reader(DATE_DAY), dtype=np.int64, count=size)
        not_original = ~source_types.mask_for(originals, size)
        unplaced = days == NO_DATE_DAY
        keys = (not_original.astype(np.int64) << 32) + np.where(unplaced, UNPLACED, days)
        return cls(keys, unplaced)

    def first_among(self, holders: NDArray[np.int64], matching: Mask) -> NDArray[np.int64]:
        """Return the matching holders that may be the first of them: those with the lowest
        coarse key, and every unplaced one."""
        matched = holders[matching[holders]]
        if len(matched) <= 1:
            return matched
        keys = self.keys[matched]
        return matched[(keys == keys.min()) | self.unplaced[matched]]

    def first_of(self, holders: NDArray[np.int64], limit: int) -> NDArray[np.int64]:
        """Return the holders that may be among the first `limit` of them."""
        if len(holders) <= limit:
            return holders
        keys = self.keys[holders]
        boundary = np.partition(keys, limit - 1)[limit - 1]
        return holders[(keys <= boundary) | self.unplaced[holders]]
