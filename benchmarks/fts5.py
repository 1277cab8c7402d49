"""Baseline 2: the same search on SQLite FTS5, tuned as a Datasette user would have it.

An external-content FTS5 table over (title, heading, text, who) with the Porter stemmer;
bm25() with the same field weights as the service; snippet() for highlights; facet counts
by GROUP BY over a narrow (id, facet, value) table, one row per value, so multi-valued
facets count right; disjunctive counts like the service (a facet's own filter is left out
of its counts). The matches of a query and their bm25() scores are put in a temporary table
once per page; the counts join from it; snippets are made for the page's ten hits only.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from benchmarks.naive import FACETS, element_rows
from benchmarks.pages import Page
from benchmarks.queries import BenchQuery
from indexer.model import Document

PAGE_SIZE = 10
FACET_LIMIT = 30
WEIGHTS = "1.5, 1.5, 1.0, 1.0"
"""bm25() weights of title, heading, text and who: the service's field boosts."""
_MULTI = {"organisation", "region"}
BROAD_SHARE = 0.2
"""Above this share of the corpus matching, facet counts walk the facet index instead of
looking up each match (measured at 100k elements: 200 vs 260 ms for a third of the corpus;
the lookups win below, 0.2 vs 117 ms for 4 matches)."""

SCHEMA = """
CREATE TABLE elements (
    id INTEGER PRIMARY KEY, element_id TEXT, document_id TEXT,
    title TEXT, heading TEXT, text TEXT, who TEXT);
CREATE VIRTUAL TABLE elements_fts USING fts5(
    title, heading, text, who, content='elements', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2');
CREATE TABLE facets (id INTEGER, facet TEXT, value TEXT, PRIMARY KEY (id, facet, value))
    WITHOUT ROWID;
"""


def build(documents: Iterable[Document], path: Path) -> float:
    """Write `documents` into a new database at `path`; return the seconds it took."""
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    elements, facets = [], []
    for number, row in enumerate(element_rows(documents), start=1):
        elements.append(
            (
                number,
                row["element_id"],
                row["document_id"],
                row.get("title", ""),
                row.get("heading", ""),
                row.get("text", ""),
                row.get("who", ""),
            )
        )
        for name in FACETS:
            value = row.get(name)
            if value:
                for part in value.split(",") if name in _MULTI else (value,):
                    facets.append((number, name, part))
    with db:
        db.executemany("INSERT INTO elements VALUES (?, ?, ?, ?, ?, ?, ?)", elements)
        db.executemany("INSERT OR IGNORE INTO facets VALUES (?, ?, ?)", facets)
        db.execute("INSERT INTO elements_fts(elements_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO elements_fts(elements_fts) VALUES ('optimize')")
        db.execute("CREATE INDEX facets_by_value ON facets (facet, value, id)")
    db.execute("ANALYZE")
    db.close()
    return time.perf_counter() - started


class Fts5Search:
    """One connection to the FTS5 database."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.size = self.db.execute("SELECT count(*) FROM elements").fetchone()[0]

    def page(self, bench: BenchQuery) -> Page:
        """Return one results page: top hits with snippets, total and facet counts."""
        db = self.db
        db.execute("DROP TABLE IF EXISTS temp.matches")
        db.execute("CREATE TEMP TABLE matches (id INTEGER PRIMARY KEY, score REAL)")
        where, params = self._filters(bench.filters)
        db.execute(
            f"INSERT INTO temp.matches SELECT rowid, bm25(elements_fts, {WEIGHTS}) "
            f"FROM elements_fts WHERE elements_fts MATCH ?",
            (bench.fts5,),
        )
        total = db.execute(f"SELECT count(*) FROM temp.matches WHERE {where}", params).fetchone()
        top = [
            row[0]
            for row in db.execute(
                f"SELECT id FROM temp.matches WHERE {where} ORDER BY score, id LIMIT {PAGE_SIZE}",
                params,
            )
        ]
        marks = ", ".join("?" for _ in top) or "NULL"
        # Snippets for the page's hits only: in the ranking query SQLite would make one per match.
        snippets = dict(
            db.execute(
                "SELECT rowid, snippet(elements_fts, 2, '<mark>', '</mark>', '…', 40) "
                f"FROM elements_fts WHERE elements_fts MATCH ? AND rowid IN ({marks})",
                (bench.fts5, *top),
            ).fetchall()
        )
        ids = dict(
            db.execute(
                f"SELECT id, element_id FROM elements WHERE id IN ({marks})",
                top,
            ).fetchall()
        )
        hits = [(ids[rowid], snippets.get(rowid, "")) for rowid in top]
        return Page(total[0], hits, self._facet_counts(bench.filters))

    def _facet_counts(
        self, filters: dict[str, tuple[str, ...]]
    ) -> dict[str, list[tuple[str, int]]]:
        """Count all facets under all filters, and each filtered facet under the others only."""
        matched = self.db.execute("SELECT count(*) FROM temp.matches").fetchone()[0]
        groups: dict[str | None, list[str]] = {None: [f for f in FACETS if f not in filters]}
        groups.update({name: [name] for name in filters})
        counts: dict[str, list[tuple[str, int]]] = {}
        for left_out, names in groups.items():
            if not names:
                continue
            where, params = self._filters(filters, left_out, "m.id")
            marks = ", ".join("?" for _ in names)
            if matched > self.size * BROAD_SHARE:
                # Walk the facet index in (facet, value) order: grouped already, no sort.
                sql = (
                    "SELECT f.facet, f.value, count(*) AS n FROM facets f INDEXED BY "
                    f"facets_by_value WHERE f.facet IN ({marks}) AND EXISTS (SELECT 1 FROM "
                    f"temp.matches m WHERE m.id = f.id AND {where}) GROUP BY 1, 2"
                )
            else:
                # Look up each match's facet rows (a join here makes SQLite build a Bloom
                # filter over the whole facet table first).
                sql = (
                    "SELECT f.facet, f.value, count(*) AS n FROM facets f WHERE f.facet IN "
                    f"({marks}) AND f.id IN (SELECT m.id FROM temp.matches m WHERE {where}) "
                    "GROUP BY 1, 2"
                )
            rows = self.db.execute(sql, (*names, *params)).fetchall()
            rows.sort(key=lambda row: -row[2])
            for facet, value, count in rows:
                values = counts.setdefault(facet, [])
                if len(values) < FACET_LIMIT:
                    values.append((value, count))
        return counts

    @staticmethod
    def _filters(
        filters: dict[str, tuple[str, ...]], left_out: str | None = None, column: str = "id"
    ) -> tuple[str, list[str]]:
        clauses, params = ["1"], []
        for name, values in filters.items():
            if name == left_out:
                continue
            marks = ", ".join("?" for _ in values)
            clauses.append(
                f"{column} IN (SELECT id FROM facets WHERE facet = ? AND value IN ({marks}))"
            )
            params += [name, *values]
        return " AND ".join(clauses), params

    def close(self) -> None:
        """Close the connection."""
        self.db.close()
