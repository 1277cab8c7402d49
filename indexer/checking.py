"""Verify an index location: the pointer, the generation, its manifest, a search, leftovers.

`check_index` never changes anything; it reports each finding as ok, a warning (the index
works, but something deserves attention) or a failure (searches would fail or be wrong), and
the CLI prints them with the repair: a full rebuild.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from indexer.errors import IndexUnavailableError, ManifestError, QueryError
from indexer.generations import current_generation, stale_entries
from indexer.locking import lock_holder
from indexer.manifest import Manifest
from indexer.results import SearchRequest
from indexer.schema import KIND
from indexer.search import WhooshSearch
from indexer.store import GenerationFacts, describe_generation

MANY_SEGMENTS = 20
MANY_DELETED = 0.25
MANY_DELETED_MIN = 1_000
"""Above these (a share of deleted records, and at least this many), searches slow down and a
full rebuild, which compacts the index, is worth its time."""
SHOWN_MISMATCHES = 3


class Level(StrEnum):
    """How much a finding matters."""

    OK = "ok"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Finding:
    """One thing `check` looked at and what it found."""

    level: Level
    text: str


@dataclass
class CheckReport:
    """Everything `check` found about one index location."""

    location: Path
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Return whether searches work and give what the manifest says the index holds."""
        return all(f.level is not Level.FAIL for f in self.findings)

    def add(self, level: Level, text: str) -> None:
        """Record one finding."""
        self.findings.append(Finding(level, text))


def check_index(location: Path) -> CheckReport:
    """Look the index at `location` over, changing nothing."""
    report = CheckReport(location)
    holder = lock_holder(location)
    if holder is not None:
        report.add(Level.WARN, f"a reindex is running (pid {holder or 'unknown'})")
    try:
        folder = current_generation(location)
        report.add(Level.OK, f"CURRENT names {folder.name}")
        facts = describe_generation(folder, location)
    except IndexUnavailableError as error:
        report.add(Level.FAIL, error.reason)
        return report
    report.add(Level.OK, _describe_facts(folder.name, facts))
    deleted = facts.deleted > max(MANY_DELETED * facts.records, MANY_DELETED_MIN)
    if facts.segments > MANY_SEGMENTS or deleted:
        report.add(Level.WARN, "many segments or deleted records: `index --full` compacts them")
    _check_manifest(report, folder, facts)
    _check_search(report, location, facts)
    stale = stale_entries(location)
    if stale and holder is None:
        names = ", ".join(p.name for p in stale)
        report.add(Level.WARN, f"left by interrupted runs: {names} (the next index run removes it)")
    return report


def _describe_facts(name: str, facts: GenerationFacts) -> str:
    return (
        f"{name} opens: {facts.records} elements of {len(facts.records_per_document)} "
        f"documents in {facts.segments} segment{'' if facts.segments == 1 else 's'} "
        f"({facts.deleted} deleted records)"
    )


def _check_manifest(report: CheckReport, folder: Path, facts: GenerationFacts) -> None:
    try:
        manifest = Manifest.read(folder)
    except ManifestError as error:
        report.add(Level.WARN, f"{error.reason}: the next index run rebuilds in full")
        return
    expected = {doc_id: entry.element_count for doc_id, entry in manifest.files.items()}
    wrong = sorted(
        doc_id
        for doc_id in expected.keys() | facts.records_per_document.keys()
        if expected.get(doc_id, 0) != facts.records_per_document.get(doc_id, 0)
    )
    if wrong:
        shown = ", ".join(
            f"{d} ({facts.records_per_document.get(d, 0)} indexed, {expected.get(d, 0)} listed)"
            for d in wrong[:SHOWN_MISMATCHES]
        )
        report.add(Level.FAIL, f"manifest and index disagree on {len(wrong)} documents: {shown}")
    else:
        total = sum(expected.values())
        report.add(Level.OK, f"manifest lists {len(expected)} files, {total} elements, as indexed")


def _check_search(report: CheckReport, location: Path, facts: GenerationFacts) -> None:
    service = WhooshSearch(location)
    started = time.perf_counter()
    try:
        everything = service.search(SearchRequest(query=""))
        word = facts.sample_word
        found = service.search(SearchRequest(query=word, with_facets=False)) if word else None
    except (IndexUnavailableError, QueryError) as error:
        report.add(Level.FAIL, f"a test search failed: {error}")
        return
    finally:
        service.close()
    elapsed = (time.perf_counter() - started) * 1000
    # Facet counts count every element (hits count a reproduced text once).
    counted = sum(value.count for value in everything.facets.get(KIND, []))
    if counted != facts.records:
        report.add(Level.FAIL, f"searching everything counts {counted} of {facts.records} elements")
        return
    shown = f", {found.total} for {word!r}" if found and word else ""
    report.add(Level.OK, f"test searches: {counted} elements in all{shown} ({elapsed:.0f} ms)")
