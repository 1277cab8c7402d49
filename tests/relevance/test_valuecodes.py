"""Per-document value codes read from a column or, for older indexes, from the terms."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.fields import DOCUMENT_ID, FINGERPRINT, KIND
from indexer.whoosh.store import open_current
from indexer.whoosh.valuecodes import ValueCodes


@pytest.mark.parametrize("field", [FINGERPRINT, DOCUMENT_ID, KIND])
def test_codes_give_each_document_its_stored_value(seed_index: Path, field: str) -> None:
    index = open_current(seed_index)
    with index.reader() as reader:
        # KIND has no column: the codes come from its terms, as for an index built before.
        assert reader.has_column(field) == (field != KIND)
        coded = ValueCodes.read(reader, field)
        stored = [fields[field] for _docnum, fields in reader.iter_docs()]
        assert [coded.values[code] for code in coded.codes] == stored
        everything = np.ones(len(stored), dtype=bool)
        assert coded.distinct(everything) == len(set(stored))
        assert coded.count_of(everything) == {v: stored.count(v) for v in set(stored)}
    index.close()
