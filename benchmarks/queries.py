"""The fixed mixed query set, written once per engine: the service's language, Whoosh's, FTS5's.

Each query is a results page's full work: hits, all seven facet counts, its facet filters and
ten highlighted snippets. The set mixes the shapes users type: a common and a rarer single
term, AND-ed words, a phrase, fielded terms, a misspelling and a filtered browse.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BenchQuery:
    """One query as each engine is asked it."""

    name: str
    shape: str
    service: str
    """The project's query language (synonyms, friendly fields, suggestions)."""
    whoosh: str
    """Whoosh's default query language over the naive schema."""
    fts5: str
    """An FTS5 MATCH expression over (title, heading, text, who)."""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Facet filters (OR within a facet, AND across), the same for every engine."""


QUERIES: tuple[BenchQuery, ...] = (
    BenchQuery("probation", "single common term", "probation", "probation", "probation"),
    BenchQuery("caseloads", "single term", "caseloads", "caseloads", "caseloads"),
    BenchQuery(
        "enforcement",
        "single term + filter",
        "enforcement",
        "enforcement",
        "enforcement",
        {"kind": ("finding",)},
    ),
    BenchQuery("risk harm", "AND", "risk harm", "risk AND harm", "risk AND harm"),
    BenchQuery(
        "management oversight quality",
        "AND, 3 words",
        "management oversight quality",
        "management AND oversight AND quality",
        "management AND oversight AND quality",
    ),
    BenchQuery(
        "public protection work",
        "AND + 2 filters",
        "public protection work",
        "public AND protection AND work",
        "public AND protection AND work",
        {"region": ("Derbyshire", "London"), "source_type": ("blog_post",)},
    ),
    BenchQuery(
        '"responsible officer"',
        "phrase",
        '"responsible officer"',
        '"responsible officer"',
        '"responsible officer"',
    ),
    BenchQuery(
        '"unpaid work"',
        "phrase + filter",
        '"unpaid work"',
        '"unpaid work"',
        '"unpaid work"',
        {"year": ("2016", "2017")},
    ),
    BenchQuery(
        "kind:finding caseloads",
        "fielded",
        "kind:finding caseloads",
        "kind:finding AND caseloads",
        "caseloads",
        {"kind": ("finding",)},
    ),
    BenchQuery(
        "title:derbyshire inspection",
        "fielded title",
        "title:derbyshire inspection",
        "title:derbyshire AND inspection",
        "title:derbyshire AND inspection",
    ),
    BenchQuery(
        "speaker:stacey public",
        "fielded speaker",
        "speaker:stacey public",
        'speaker:"Glenys Stacey" AND public',
        "public",
        {"speaker": ("Glenys Stacey",)},
    ),
    BenchQuery("casloads", "misspelling", "casloads", "casloads", "casloads"),
    BenchQuery(
        "glenis stacy", "misspelt name", "glenis stacy", "glenis AND stacy", "glenis AND stacy"
    ),
    BenchQuery(
        "court reports",
        "AND + filter",
        "court reports",
        "court AND reports",
        "court AND reports",
        {"organisation": ("NPS",)},
    ),
)
