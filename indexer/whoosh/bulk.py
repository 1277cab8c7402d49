"""Matching and scoring in bulk: whole posting lists read as numpy arrays, a query tree
evaluated into one mask of matching documents and one array of their scores.

Whoosh matches and scores a document at a time in Python; at 100k elements that was most
of a results page's time (a common word matches a third of the index). Here Term, And, Or
and AndNot nodes are evaluated over arrays with the weighting's own BM25F formula and
statistics (the same numbers Whoosh's scorers give, tested against them); any other node
(phrases, wildcards, ranges, Not) is matched by Whoosh's own matcher, its scores taken as
they come. Reads whoosh3 3.54's posting blocks directly (the version is pinned exactly).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from pickle import loads
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.formats import Positions
from whoosh.matching import FilterMatcher, ListMatcher, Matcher
from whoosh.reading import IndexReader
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from indexer.whoosh.shared import ReaderData

Mask = NDArray[np.bool_]
Scores = NDArray[np.float64]
Ids = NDArray[np.int64]

CACHE_MIN_POSTINGS = 256
"""Terms this common are decoded once per reader and kept: decoding Whoosh's pickled posting
blocks is most of the cost of matching a common word (about 1 ms per 500 postings), and a
term of 256 postings keeps 4 KB to save half a millisecond each time it is asked. At 2,048
the benchmark's words in titles and headings (a few hundred postings each) were decoded on
every page: at 100k elements its pages took 9.3 ms of CPU, 7.7 ms at 256 (benchmarks/README)."""
CACHE_BYTES = 96 * 1024 * 1024
"""At most this much decoded postings is kept per reader (least recently used goes first)."""
POSITION_BITS = 32
"""A phrase key holds a word position in its low 32 bits and the document above them."""
_BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class BulkSearcher:
    """One searcher's postings read in bulk; field lengths cached per reader."""

    def __init__(
        self, searcher: Searcher, shared: ReaderData | None = None, cache: bool = True
    ) -> None:
        self.searcher = searcher
        self.size = searcher.doc_count_all()
        self.leaves: list[tuple[Searcher, int]] = list(searcher.leaf_searchers())
        self.shared = shared or ReaderData(CACHE_BYTES)
        self.cache = cache
        """Keep common terms' decoded postings (False: decode every time, to measure that)."""
        self.live = self.shared.once("live", lambda: live_mask(searcher.reader()))
        self._leaf_masks: dict[tuple[Any, ...], Mask] = {}
        """The masks of the last `evaluate`'s words and phrases, for `mask` to reuse."""

    def evaluate(self, q: wq.Query) -> tuple[Mask, Scores]:
        """Return the live documents matching `q` and their scores (0 where not matching)."""
        self._leaf_masks = {}
        mask, scores = self._node(q)
        return mask & self.live, scores

    def mask(self, q: wq.Query) -> Mask:
        """Return the live documents matching `q`, unscored (a filter's mask: cheaper)."""
        return self._mask(q) & self.live

    # ---------------------------------------------------------------- nodes

    def _mask(self, q: wq.Query) -> Mask:
        key = _leaf_key(q)
        known = None if key is None else self._leaf_masks.get(key)
        if known is not None:
            return known
        if isinstance(q, wq.Term) and q.fieldname in self.searcher.schema:
            return self._term_mask(q)
        plain = type(q) in (wq.And, wq.Or) and not (
            isinstance(q, wq.Or) and (q.scale or q.minmatch)
        )
        if not plain or not q.subqueries:  # type: ignore[attr-defined]
            return self._node(q)[0]
        masks = [self._mask(sub) for sub in q.subqueries]  # type: ignore[attr-defined]
        found = masks[0].copy()
        for sub_mask in masks[1:]:
            found = found & sub_mask if isinstance(q, wq.And) else found | sub_mask
        return found

    def _term_mask(self, q: wq.Term) -> Mask:
        try:
            text = self.searcher.schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return self._empty()[0]
        found = np.zeros(self.size, dtype=bool)
        for sub, offset in self.leaves:
            if (q.fieldname, text) in sub.reader():
                ids, _weights = self.postings(sub, offset, q.fieldname, text)
                found[ids + offset] = True
        return found

    def _node(self, q: wq.Query) -> tuple[Mask, Scores]:
        mask, scores = self._scored(q)
        key = _leaf_key(q)
        if key is not None:
            self._leaf_masks[key] = mask
        return mask, scores

    def _scored(self, q: wq.Query) -> tuple[Mask, Scores]:
        boost = getattr(q, "boost", 1.0)
        if isinstance(q, wq.Term):
            return self._term(q)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self._empty()
        if isinstance(q, wq.And | wq.Or) and type(q) in (wq.And, wq.Or) and boost == 1.0:
            if isinstance(q, wq.Or) and (q.scale or q.minmatch):
                return self._matched(q)
            return self._compound(q)
        if type(q) is wq.Phrase and q.slop == 1 and len(q.words) > 1 and _positional(self, q):
            return self._phrase(q)
        if type(q) is wq.AndNot:
            mask, scores = self._node(q.a)
            excluded, _ = self._node(q.b)
            mask = mask & ~excluded
            return mask, np.where(mask, scores, 0.0)
        return self._matched(q)

    def _compound(self, q: wq.And | wq.Or) -> tuple[Mask, Scores]:
        subs = q.subqueries
        if not subs:
            return self._empty()
        mask, scores = self._node(subs[0])
        scores = scores.copy() if len(subs) > 1 else scores
        for sub in subs[1:]:
            sub_mask, sub_scores = self._node(sub)
            mask = mask & sub_mask if isinstance(q, wq.And) else mask | sub_mask
            scores += sub_scores
        # A parent Or adds every child's scores: none may stand where the child does not match.
        return mask, np.where(mask, scores, 0.0) if isinstance(q, wq.And) else scores

    def _term(self, q: wq.Term) -> tuple[Mask, Scores]:
        schema = self.searcher.schema
        if q.fieldname not in schema:
            return self._empty()
        try:
            text = schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return self._empty()
        mask, scores = self._empty()
        weighting = self.searcher.weighting
        for sub, offset in self.leaves:
            reader = sub.reader()
            if (q.fieldname, text) not in reader:
                continue
            scorer = weighting.scorer(sub, q.fieldname, text)
            ids, weights = self.postings(sub, offset, q.fieldname, text)
            if isinstance(scorer, BM25FScorer):
                lengths = self.lengths(q.fieldname)[ids + offset]
                leaf = _bm25(scorer, weights, lengths)
            elif isinstance(scorer, WeightScorer):
                leaf = weights
            else:
                return self._matched(q)
            if q.boost != 1.0:
                leaf = leaf * q.boost
            mask[ids + offset] = True
            scores[ids + offset] = leaf
        return mask, scores

    def _phrase(self, q: wq.Phrase) -> tuple[Mask, Scores]:
        """Match a phrase of adjacent words: documents holding every word, positions checked.

        Scored as Whoosh scores a phrase: the sum of its words' scores in the field (the
        same binary tree of additions), times the phrase's boost.
        """
        words = [wq.Term(q.fieldname, word) for word in q.words]
        parts = [self._term(word) for word in words]
        candidates = parts[0][0].copy()
        for mask, _ in parts[1:]:
            candidates &= mask
        found = np.zeros(self.size, dtype=bool)
        for sub, offset in self.leaves:
            local = candidates[offset : offset + sub.reader().doc_count_all()]
            if local.any():
                found[self._adjacent(sub, offset, q.fieldname, q.words, local) + offset] = True
        scores = np.where(found, _tree_sum([scores for _, scores in parts]), 0.0)
        if q.boost != 1.0:
            scores = scores * q.boost
        return found, scores

    def _matched(self, q: wq.Query) -> tuple[Mask, Scores]:
        """Match `q` with Whoosh's own matcher, leaf by leaf, as its collectors would."""
        mask, scores = self._empty()
        context = self.searcher.context()
        for sub, offset in self.leaves:
            matcher = q.matcher(sub, context)
            ids: list[int] = []
            found: list[float] = []
            while matcher.is_active():
                ids.append(matcher.id())
                found.append(matcher.score())
                matcher.next()
            if ids:
                at = np.asarray(ids, dtype=np.int64) + offset
                mask[at] = True
                scores[at] = found
        return mask, scores

    def _adjacent(
        self, sub: Searcher, offset: int, field: str, words: Any, candidates: Mask
    ) -> Ids:
        """Return the candidate documents (segment numbers) where `words` stand in a row.

        Each word's positions become keys `document * 2**32 + position - its place in the
        phrase`; a key every word has is a phrase start, found by intersecting sorted arrays.
        """
        keys: Ids | None = None
        for place, word in enumerate(words):
            docs, positions = self.positions(sub, offset, field, word, candidates)
            keep = candidates[docs] & (positions >= place)
            word_keys = np.unique((docs[keep] << POSITION_BITS) + (positions[keep] - place))
            keys = word_keys if keys is None else np.intersect1d(keys, word_keys, True)
            if not len(keys):
                return np.zeros(0, dtype=np.int64)
        assert keys is not None
        return np.unique(keys >> POSITION_BITS)

    def positions(
        self, sub: Searcher, offset: int, field: str, word: str, candidates: Mask
    ) -> tuple[Ids, Ids]:
        """Return (document, position) pairs of a word in one segment, flattened: every pair
        for common words (decoded once per reader and kept), else the candidates' only."""
        reader = sub.reader()
        text = reader.schema[field].to_bytes(word)
        if (field, text) not in reader:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        decode = _decoder(reader, field)

        def every_pair() -> tuple[tuple[Ids, Ids], int]:
            pairs = _positions(reader.postings(field, text), decode, np.ones_like(candidates))
            return pairs, pairs[0].nbytes + pairs[1].nbytes

        kept = self._kept(("positions", offset, field, text), reader, field, text, every_pair)
        if kept is not None:
            return kept
        return _positions(reader.postings(field, text), decode, candidates)

    def postings(self, sub: Searcher, offset: int, field: str, text: bytes) -> tuple[Ids, Scores]:
        """Return one segment's raw postings of a term; common terms' are kept for reuse."""
        reader = sub.reader()

        def decoded() -> tuple[tuple[Ids, Scores], int]:
            ids, weights = _postings(reader.postings(field, text))
            return (ids, weights), ids.nbytes + weights.nbytes

        kept = self._kept(("postings", offset, field, text), reader, field, text, decoded)
        if kept is not None:
            return kept
        return _postings(reader.postings(field, text))

    def _kept(
        self,
        key: tuple[Any, ...],
        reader: IndexReader,
        field: str,
        text: bytes,
        make: Callable[[], tuple[Any, int]],
    ) -> Any | None:
        """Return the shared entry of a common term, made once by `make`; None for a rare term
        (or with the cache off), which the caller decodes for itself.

        The cache is asked first, so a kept term costs no look-up of its frequency.
        """
        if not self.cache:
            return None
        found = self.shared.cached(key)
        if found is not None:
            return found
        if reader.doc_frequency(field, text) < CACHE_MIN_POSTINGS:
            return None
        return self.shared.cached_or_make(key, make)

    def _empty(self) -> tuple[Mask, Scores]:
        return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64)

    def lengths(self, field: str) -> NDArray[np.float64]:
        """Return every document's length in `field` as Whoosh's scorers see it (byte-coded)."""
        return self.shared.once(f"lengths:{field}", lambda: self._read_lengths(field))

    def _read_lengths(self, field: str) -> NDArray[np.float64]:
        lengths = np.zeros(self.size, dtype=np.float64)
        for sub, offset in self.leaves:
            local = _length_bytes(sub.reader(), field)
            lengths[offset : offset + len(local)] = _BYTE_LENGTHS[local]
        return lengths


def live_mask(reader: IndexReader) -> Mask:
    """Return which document numbers of `reader` are not deleted.

    Read from each segment's own (short) list of deleted documents: walking every live id in
    Python took 0.2 s at 100k elements, nine times over when a server first opened an index
    with deletions (one for the matcher, one per facet table).
    """
    live = np.ones(reader.doc_count_all(), dtype=bool)
    if not reader.has_deletions():
        return live
    for leaf, offset in reader.leaf_readers():
        if not leaf.has_deletions():
            continue
        segment = leaf.segment()
        deleted: Iterable[int] = (
            segment.deleted_docs()
            if segment is not None
            else (n for n in range(leaf.doc_count_all()) if leaf.is_deleted(n))
        )
        live[np.fromiter(deleted, dtype=np.int64) + offset] = False
    return live


def term_docnums(reader: IndexReader, field: str, text: bytes, live: Mask) -> Ids:
    """Return the live documents holding a term, in order, read in bulk from every segment."""
    parts = [
        _postings(leaf.postings(field, text))[0] + offset
        for leaf, offset in reader.leaf_readers()
        if (field, text) in leaf
    ]
    ids = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return ids[live[ids]]


def _positional(bulk: BulkSearcher, q: wq.Phrase) -> bool:
    schema = bulk.searcher.schema
    return q.fieldname in schema and schema[q.fieldname].format.supports("positions")


def _leaf_key(q: wq.Query) -> tuple[Any, ...] | None:
    """Return what identifies a word or phrase query whatever its boost, or None."""
    if type(q) is wq.Term:
        return ("term", q.fieldname, q.text)
    if type(q) is wq.Phrase:
        return ("phrase", q.fieldname, tuple(q.words), q.slop)
    return None


def _tree_sum(arrays: list[Scores]) -> Scores:
    """Return the sum of `arrays` added pairwise as `whoosh.util.make_binary_tree` nests them."""
    if len(arrays) == 1:
        return arrays[0]
    half = len(arrays) // 2
    return _tree_sum(arrays[:half]) + _tree_sum(arrays[half:])


def _decoder(reader: IndexReader, field: str) -> Any:
    """Return the function that decodes one posting's positions of `field`."""
    fmt = reader.schema[field].format
    return _decode_positions if isinstance(fmt, Positions) else fmt.decode_positions  # type: ignore[union-attr]


def _decode_positions(value: bytes) -> Iterator[int]:
    """Return the positions of one posting of a `Positions` field (its `decode_positions`,
    with the running sum done in C)."""
    if not value.endswith(b"."):
        value += b"."
    return accumulate(loads(value[_INT_SIZE:]))


def _positions(matcher: Matcher, decode: Any, candidates: Mask) -> tuple[Ids, Ids]:
    """Return the (document, position) pairs of a term in the candidate documents, flattened
    into two arrays, decoded from its postings."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    docs: list[int] = []
    counts: list[int] = []
    flat: list[int] = []
    if isinstance(matcher, W3LeafMatcher):
        m: Any = matcher
        while True:
            if m._data is None:
                m._read_data()
            ids = np.asarray(m._data[0], dtype=np.int64)
            ids = ids if m._byteids else np.cumsum(ids)
            wanted = np.flatnonzero(candidates[ids])
            if len(wanted):
                m._read_values()
                values = m._values
                for i in wanted.tolist():
                    before = len(flat)
                    flat.extend(decode(values[i]))
                    docs.append(int(ids[i]))
                    counts.append(len(flat) - before)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    else:
        while matcher.is_active():
            if candidates[matcher.id()]:
                before = len(flat)
                flat.extend(matcher.value_as("positions"))
                docs.append(matcher.id())
                counts.append(len(flat) - before)
            matcher.next()
    doc_array = np.repeat(np.asarray(docs, dtype=np.int64), counts)
    return doc_array, np.asarray(flat, dtype=np.int64)


def _bm25(scorer: BM25FScorer, weights: Scores, lengths: Scores) -> Scores:
    """Return `whoosh.scoring.bm25` of each posting, operation for operation."""
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))


def _length_bytes(reader: IndexReader, field: str) -> NDArray[np.int64]:
    """Return the byte-coded lengths of `field` for every document of one segment."""
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN) if perdoc else None
    if column is not None:
        return np.asarray(column.load(), dtype=np.int64)[:count]
    from whoosh.util.numeric import length_to_byte

    return np.array(
        [length_to_byte(reader.doc_field_length(d, field, 0) or 0) for d in range(count)],
        dtype=np.int64,
    )


def _postings(matcher: Matcher) -> tuple[Ids, Scores]:
    """Return the raw document numbers and weights of a term's postings (deletions kept)."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deleted documents are masked out by the caller
    if isinstance(matcher, W3LeafMatcher):
        ids_parts, weight_parts = [], []
        for ids, weights in _blocks(matcher):
            ids_parts.append(ids)
            weight_parts.append(weights)
        return np.concatenate(ids_parts), np.concatenate(weight_parts)
    if isinstance(matcher, ListMatcher):
        ids = np.asarray(matcher._ids, dtype=np.int64)
        return ids, _list_weights(matcher, len(ids))
    pairs = list(_each(matcher))
    return (
        np.array([p[0] for p in pairs], dtype=np.int64),
        np.array([p[1] for p in pairs], dtype=np.float64),
    )


def _blocks(matcher: W3LeafMatcher) -> Iterator[tuple[Ids, Scores]]:
    """Yield each posting block's document numbers and weights, decoded with numpy."""
    m: Any = matcher
    while True:
        if m._data is None:
            m._read_data()
        ids = np.asarray(m._data[0], dtype=np.int64)
        if not m._byteids:
            ids = np.cumsum(ids)  # delta-coded within the block
        m._read_weights()
        yield ids, np.asarray(m._weights, dtype=np.float64)
        if m._lastblock:
            return
        m._goto(m._nextoffset)


def _list_weights(matcher: ListMatcher, count: int) -> Scores:
    m: Any = matcher
    if m._all_weights:
        return np.full(count, float(m._all_weights))
    if m._weights:
        return np.asarray(m._weights, dtype=np.float64)
    return np.ones(count, dtype=np.float64)


def _each(matcher: Matcher) -> Iterator[tuple[int, float]]:
    while matcher.is_active():
        yield matcher.id(), matcher.weight()
        matcher.next()
