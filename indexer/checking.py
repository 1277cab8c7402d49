"""Verify an index: what is served, its manifest, test searches, leftovers — for any engine.

`check_index` never changes anything; it reports each finding as ok, a warning (the index
works, but something deserves attention) or a failure (searches would fail or be wrong), and
the CLI prints them with the repair: a full rebuild.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from indexer.backend import BackendSettings, IndexStore, StoreFacts, open_backend, open_store
from indexer.errors import IndexUnavailableError, ManifestError, QueryError
from indexer.fields import KIND
from indexer.results import SearchRequest
from indexer.wording import plural

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

    location: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Return whether searches work and give what the manifest says the index holds."""
        return all(f.level is not Level.FAIL for f in self.findings)

    def add(self, level: Level, text: str) -> None:
        """Record one finding."""
        self.findings.append(Finding(level, text))


def check_index(settings: BackendSettings | Path) -> CheckReport:
    """Look the index over, changing nothing (a Path: the embedded index in that folder)."""
    if isinstance(settings, Path):
        settings = BackendSettings(index=settings)
    store = open_store(settings)
    report = CheckReport(store.location)
    holder = store.lock_holder()
    if holder is not None:
        report.add(Level.WARN, f"a reindex is running (pid {holder or 'unknown'})")
    try:
        facts = store.facts()
    except IndexUnavailableError as error:
        report.add(Level.FAIL, error.reason)
        return report
    report.add(Level.OK, f"serving {facts.served}: {_describe_facts(facts)}")
    for warning, text in facts.notes:
        report.add(Level.WARN if warning else Level.OK, text)
    _check_manifest(report, store, facts)
    _check_search(report, settings, facts)
    stale = store.stale()
    if stale and holder is None:
        report.add(
            Level.WARN,
            f"left by interrupted runs: {', '.join(stale)} (the next index run removes it)",
        )
    return report


def _describe_facts(facts: StoreFacts) -> str:
    documents = plural(len(facts.records_per_document), "document")
    return f"{plural(facts.records, 'element')} of {documents}"


def _check_manifest(report: CheckReport, store: IndexStore, facts: StoreFacts) -> None:
    try:
        manifest = store.served_manifest()
    except (ManifestError, IndexUnavailableError) as error:
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
        disagree = plural(len(wrong), "document")
        report.add(Level.FAIL, f"manifest and index disagree on {disagree}: {shown}")
    else:
        total = sum(expected.values())
        listed = f"{plural(len(expected), 'file')}, {plural(total, 'element')}"
        report.add(Level.OK, f"manifest lists {listed}, as indexed")


def _check_search(report: CheckReport, settings: BackendSettings, facts: StoreFacts) -> None:
    service = open_backend(settings)
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
