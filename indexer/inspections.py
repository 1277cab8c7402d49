"""Inspections as users think of them: "the Derbyshire inspection of September 2016", with
every document about it (the report, the press release, analyses, blog posts) on a timeline.

Documents are linked from their metadata alone, engine-free, and every link says why:

1. A sidecar's `inspection` field names the inspection outright (it wins over inference).
2. Each area a document is about (its subject regions; a report's title-page area) gathers
   the documents about it, in date order, into runs no longer than WINDOW_DAYS from the
   first; a run is an inspection when it holds the inspectorate's report or press release,
   or a document that names HM Inspectorate of Probation.
3. A run whose documents all belong to a larger run (a wider region a post also names:
   "Midlands" beside "Staffordshire") is not an inspection of its own.

An inspection is known by its area and month, the report's or press release's publication
month when it has one, else its first document's: `derbyshire-2016-09`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from indexer.model import Document, SourceType
from indexer.results import DocumentCounts
from indexer.wording import month_name

WINDOW_DAYS = 120
"""The longest a run of commentary about one area lasts from its first document."""
INSPECTORATE = "HMI Probation"
"""The gazetteer's name of HM Inspectorate of Probation."""
ANCHORS = (SourceType.INSPECTION_REPORT, SourceType.PRESS_RELEASE)
"""The inspectorate's own documents: an inspection's month is theirs."""


@dataclass(frozen=True)
class Source:
    """One document of an inspection, and why it is linked."""

    document: Document
    reason: str


@dataclass
class Inspection:
    """An inspection: its area and month, and its sources in date order."""

    id: str
    area: str
    month: str
    """YYYY-MM."""
    sources: list[Source] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Return the inspection's name as a reader says it: "Derbyshire, September 2016"."""
        return f"{self.area}, {month_name(self.month)}"

    @property
    def rating(self) -> str | None:
        """Return the overall rating of its report, when one is indexed and rated."""
        return next((s.document.rating for s in self.sources if s.document.rating), None)

    @property
    def organisations(self) -> list[str]:
        """Return what was inspected: the report's title page, else what every source names."""
        for source in self.sources:
            report = source.document.report
            if report is not None and report.inspected:
                return list(report.inspected)
        named = [set(s.document.organisations) - {INSPECTORATE} for s in self.sources]
        return sorted(set.intersection(*named)) if named else []

    @property
    def document_ids(self) -> list[str]:
        """Return the ids of its sources."""
        return [source.document.id for source in self.sources]

    def to_dict(self) -> dict[str, object]:
        """Return the inspection as its JSON object."""
        return {
            "id": self.id,
            "label": self.label,
            "area": self.area,
            "month": self.month,
            "rating": self.rating,
            "organisations": self.organisations,
            "sources": [
                {
                    "document_id": s.document.id,
                    "title": s.document.title,
                    "date": s.document.date,
                    "source_type": s.document.source_type.value,
                    "site": s.document.site,
                    "reason": s.reason,
                }
                for s in self.sources
            ],
        }


class InspectionIndex:
    """The linked inspections, newest first, with lookups by id and by document: built once
    per index version, so that a results page counts its hits per inspection in a few array
    operations over the engine's counts per document (`SearchResults.per_document`) and
    names only the inspections it lists."""

    def __init__(self, inspections: list[Inspection]) -> None:
        self.inspections = inspections
        self._by_id = {inspection.id: inspection for inspection in inspections}
        positions: dict[str, list[int]] = {}
        for position, inspection in enumerate(inspections):
            for source in inspection.sources:
                positions.setdefault(source.document.id, []).append(position)
        self._positions = positions
        """Document id → the positions in `inspections` of the inspections it belongs to."""
        self._position = {inspection.id: n for n, inspection in enumerate(inspections)}
        labels = sorted(range(len(inspections)), key=lambda n: inspections[n].label)
        self._label_rank = _ranks(labels)
        """Position → its place in the inspections sorted by label (ties in a count)."""
        self._layout: tuple[Sequence[str], _Layout] | None = None

    def get(self, inspection_id: str) -> Inspection | None:
        """Return the inspection called `inspection_id`, or None."""
        return self._by_id.get(inspection_id)

    def counted(
        self, per_document: DocumentCounts, chosen: str, limit: int
    ) -> list[tuple[Inspection, int]]:
        """Return the inspections whose documents hold matching elements, with how many,
        given the matching elements per document: the `chosen` one first (even with none),
        then by count and name, at most `limit`."""
        import numpy as np  # here, not at the top: the CLI starts without numpy

        totals = self._totals(per_document)
        wanted = totals > 0
        selected = self._by_id.get(chosen)
        first = np.zeros(len(totals), dtype=bool)
        if selected is not None:
            first[self._position[selected.id]] = wanted[self._position[selected.id]] = True
        candidates = np.flatnonzero(wanted)
        order = np.lexsort((self._label_rank[candidates], -totals[candidates], ~first[candidates]))
        return [
            (self.inspections[position], int(totals[position]))
            for position in candidates[order[:limit]].tolist()
        ]

    def _totals(self, per_document: DocumentCounts) -> Any:
        """Return the matching elements per inspection (an array by position)."""
        import numpy as np

        layout = self._layout_of(per_document.ids)
        counts = np.asarray(per_document.counts, dtype=np.int64)
        outside = len(self.inspections)  # the bin of documents in no inspection
        totals = np.bincount(layout.first, weights=counts, minlength=outside + 1)
        if len(layout.rows):
            totals += np.bincount(layout.more, weights=counts[layout.rows], minlength=outside + 1)
        return totals[:outside].astype(np.int64)

    def _layout_of(self, ids: Sequence[str]) -> _Layout:
        """Return where each of `ids` falls, kept while the engine answers with the same ids."""
        if self._layout is not None and self._layout[0] is ids:
            return self._layout[1]
        layout = _Layout.of(ids, self._positions, len(self.inspections))
        self._layout = (ids, layout)
        return layout


def _ranks(order: list[int]) -> Any:
    import numpy as np

    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    return ranks


@dataclass(frozen=True)
class _Layout:
    """Each document (by its place in a sequence of ids) → its inspections' positions: the
    first in `first` (`outside` when none), any further ones as (`rows`, `more`) pairs."""

    first: Any
    rows: Any
    more: Any

    @classmethod
    def of(cls, ids: Sequence[str], positions: Mapping[str, list[int]], outside: int) -> _Layout:
        import numpy as np

        first = np.full(len(ids), outside, dtype=np.int64)
        rows: list[int] = []
        more: list[int] = []
        for row, doc_id in enumerate(ids):
            held = positions.get(doc_id)
            if held:
                first[row] = held[0]
                rows += [row] * (len(held) - 1)
                more += held[1:]
        return cls(first, np.array(rows, dtype=np.int64), np.array(more, dtype=np.int64))


def wanted(query: str) -> bool:
    """Return whether a query names an inspection (and so needs the inspections linked)."""
    return "inspection:" in query.lower()


def documents_by_inspection(documents: Iterable[Document]) -> dict[str, tuple[str, ...]]:
    """Return each inspection's id with its documents: what `inspection:` in a query means."""
    return {i.id: tuple(i.document_ids) for i in link_inspections(documents)}


def link_inspections(documents: Iterable[Document]) -> list[Inspection]:
    """Return the inspections the documents are about, newest first."""
    documents = sorted(documents, key=_when)
    found: dict[str, Inspection] = {}
    placed: set[str] = set()
    for document in documents:
        named = document.inspection
        if named:
            inspection = found.setdefault(named, _named(named, document))
            inspection.sources.append(Source(document, "named by its metadata file"))
            placed.add(document.id)
    by_area = _by_area(d for d in documents if d.date and d.id not in placed)
    runs = [run for area, about in by_area.items() for run in _runs(area, about)]
    runs.sort(key=lambda run: (-len(run[1]), run[0]))
    kept: list[tuple[str, list[Document]]] = []
    kept_ids: list[set[str]] = []
    for area, members in runs:
        ids = {d.id for d in members}
        if any(ids <= other for other in kept_ids):
            continue  # a wider region some of a larger run's documents also name
        if not any(_signals(d) for d in members):
            continue
        kept.append((area, members))
        kept_ids.append(ids)
    for area, members in kept:
        month = _month_of(members)
        inspection = Inspection(f"{_slug(area)}-{month}", area, month)
        if inspection.id in found:
            inspection = found[inspection.id]
        first = members[0]
        for document in members:
            inspection.sources.append(Source(document, _reason(document, area, first)))
        found[inspection.id] = inspection
    for inspection in found.values():
        inspection.sources.sort(key=lambda s: _timeline(s.document))
    return sorted(found.values(), key=lambda i: (i.month, i.id), reverse=True)


def _when(document: Document) -> tuple[str, str]:
    return (document.date or "9999-99-99", document.id)


def _timeline(document: Document) -> tuple[str, bool, str]:
    """Return a source's place on the timeline: by date, the report first on its day."""
    report = document.source_type is SourceType.INSPECTION_REPORT
    return (document.date or "9999-99-99", not report, document.id)


def _by_area(documents: Iterable[Document]) -> dict[str, list[Document]]:
    """Return the documents about each area, in their order, the areas as first named."""
    about: dict[str, list[Document]] = {}
    for document in documents:
        for area in dict.fromkeys(_areas_of(document)):
            about.setdefault(area, []).append(document)
    return about


def _areas_of(document: Document) -> list[str]:
    report = document.report
    return list(report.area) if report is not None and report.area else list(document.regions)


def _runs(area: str, about: list[Document]) -> Iterable[tuple[str, list[Document]]]:
    """Yield the runs of the dated documents `about` an area (in date order), each within
    WINDOW_DAYS of its first."""
    run: list[Document] = []
    for document in about:
        if run and _days(run[0], document) > WINDOW_DAYS:
            yield area, run
            run = []
        run.append(document)
    if run:
        yield area, run


def _days(first: Document, later: Document) -> int:
    return (_day(later) - _day(first)).days


def _day(document: Document) -> date:
    return date.fromisoformat((document.date or "1900-01-01")[:10])


def _signals(document: Document) -> bool:
    """Return whether a document shows that its area was inspected."""
    return document.source_type in ANCHORS or INSPECTORATE in document.organisations


def _month_of(members: list[Document]) -> str:
    for document in members:
        report = document.report
        if document.source_type is SourceType.INSPECTION_REPORT and report and report.published:
            return report.published[:7]
    anchor = next((d for d in members if d.source_type in ANCHORS), members[0])
    return (anchor.date or "")[:7]


def _reason(document: Document, area: str, first: Document) -> str:
    if document.source_type is SourceType.INSPECTION_REPORT:
        return f"the inspection report on {area}"
    if document.source_type is SourceType.PRESS_RELEASE and INSPECTORATE in document.organisations:
        return f"the inspectorate's press release on {area}"
    if document is first:
        return f"about {area}: the first document on it in {_month_label(document)}"
    days = _days(first, document)
    if days == 0:
        return f"about {area}, published the same day as {first.title!r}"
    return f"about {area}, {days} day{'s' if days != 1 else ''} after {first.title!r}"


def _month_label(document: Document) -> str:
    return month_name((document.date or "0000-01")[:7])


def _named(named: str, document: Document) -> Inspection:
    """Return the inspection a sidecar names, read as `area-YYYY-MM` where it can be."""
    match = re.fullmatch(r"(.+)-(\d{4})-(\d{2})", named)
    if match:
        return Inspection(named, match[1].replace("-", " ").title(), f"{match[2]}-{match[3]}")
    return Inspection(named, named, (document.date or "0000-01")[:7])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
