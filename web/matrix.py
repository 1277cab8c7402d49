"""The findings matrix: organisation × inspection, each cell the number of findings about that
organisation in that inspection's documents, and a link to the search that lists them.

`/findings-matrix` is the page, `/api/findings-matrix` and `/findings-matrix.csv` the same
data. One faceted search per inspection (its documents, `kind:finding`), at most
MAX_INSPECTIONS of them, newest first: bounded work per request.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask import Blueprint, Response, jsonify, render_template, url_for
from flask.typing import ResponseReturnValue

from indexer.fields import KIND, ORGANISATION
from indexer.inspections import Inspection
from indexer.results import SearchRequest
from web.inspections import all_inspections
from web.services import search_service

bp = Blueprint("matrix", __name__)

MAX_INSPECTIONS = 60


@dataclass
class Column:
    """One inspection: its label, rating and the findings per organisation."""

    inspection: Inspection
    counts: dict[str, int]


@dataclass
class Matrix:
    """The organisations (rows, most findings first) and the inspections (columns)."""

    organisations: list[str] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)

    def url(self, organisation: str, column: Column) -> str:
        """Return the search that lists one cell's findings."""
        return url_for(
            "pages.search", kind="finding", org=organisation, inspection=column.inspection.id
        )

    def to_dict(self) -> dict[str, object]:
        """Return the matrix as its JSON object."""
        return {
            "organisations": self.organisations,
            "inspections": [
                {
                    "id": c.inspection.id,
                    "label": c.inspection.label,
                    "rating": c.inspection.rating,
                    "findings": {org: c.counts.get(org, 0) for org in self.organisations},
                    "search": {org: self.url(org, c) for org in self.organisations},
                }
                for c in self.columns
            ],
        }


def build_matrix() -> Matrix:
    """Count the findings per organisation in each inspection's documents."""
    service = search_service()
    columns = []
    for inspection in all_inspections()[:MAX_INSPECTIONS]:
        request = SearchRequest(
            filters={KIND: ("finding",)}, documents=tuple(inspection.document_ids), page_size=1
        )
        results = service.search(request)
        counts = {v.value: v.count for v in results.facets.get(ORGANISATION, []) if v.count}
        columns.append(Column(inspection, counts))
    totals: dict[str, int] = {}
    for column in columns:
        for organisation, count in column.counts.items():
            totals[organisation] = totals.get(organisation, 0) + count
    rows = sorted(totals, key=lambda org: (-totals[org], org.casefold()))
    return Matrix(rows, columns)


@bp.get("/findings-matrix")
def page() -> ResponseReturnValue:
    """Show the matrix, each cell a link to its findings."""
    return render_template("matrix.html", matrix=build_matrix())


@bp.get("/api/findings-matrix")
def api() -> ResponseReturnValue:
    """Return the matrix as JSON."""
    return jsonify(build_matrix().to_dict())


@bp.get("/findings-matrix.csv")
def as_csv() -> ResponseReturnValue:
    """Return the matrix as CSV: one row per organisation, one column per inspection."""
    matrix = build_matrix()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["organisation", *(c.inspection.id for c in matrix.columns)])
    for organisation in matrix.organisations:
        writer.writerow([organisation, *(c.counts.get(organisation, 0) for c in matrix.columns)])
    response = Response(buffer.getvalue(), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="findings-matrix.csv"'
    return response
