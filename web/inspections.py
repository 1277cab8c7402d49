"""Inspections: `/inspections` lists them, `/inspections/<id>` shows one inspection's sources
on a timeline, `/api/inspections[/<id>]` answers the same as JSON, and `inspection=<id>` in
a search's URL keeps its hits to that inspection's documents.

Inspections are linked from the index's document metadata (`indexer.inspections`): a
catalogue of every document's first record, read once per index version.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from flask import Blueprint, abort, current_app, jsonify, render_template
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from indexer.inspections import Inspection, InspectionIndex, link_inspections
from indexer.results import SearchRequest
from indexer.wording import plural
from web.params import BadParameterError
from web.services import search_service, served_version

bp = Blueprint("inspections", __name__)


def inspection_index() -> InspectionIndex:
    """Return the inspections of the served index: linked once per index version and app (a
    catalogue reads every document's first record), again after a reindex."""
    version = served_version()
    cached: tuple[str, InspectionIndex] | None = current_app.extensions.get("inspections")
    if cached is None or cached[0] != version:
        cached = (version, InspectionIndex(link_inspections(search_service().catalogue())))
        current_app.extensions["inspections"] = cached
    return cached[1]


def all_inspections() -> list[Inspection]:
    """Return the inspections of the served index, newest first."""
    return inspection_index().inspections


def find(inspection_id: str) -> Inspection | None:
    """Return the inspection called `inspection_id`, or None."""
    return inspection_index().get(inspection_id)


def restrict(wanted: SearchRequest, args: MultiDict[str, str]) -> SearchRequest:
    """Return the search kept to the documents of the URL's `inspection`, if it names one."""
    named = args.get("inspection", "").strip()
    if not named:
        return wanted
    inspection = find(named)
    if inspection is None:
        known = ", ".join(i.id for i in all_inspections()) or "none"
        raise BadParameterError("inspection", f"names no inspection ({named!r}; known: {known})")
    return replace(wanted, documents=tuple(inspection.document_ids))


@bp.get("/inspections")
def index() -> ResponseReturnValue:
    """List the inspections with their area, month, organisations, rating and sources."""
    return render_template("inspections.html", inspections=all_inspections())


@bp.get("/inspections/<inspection_id>")
def inspection(inspection_id: str) -> ResponseReturnValue:
    """Show one inspection's sources in date order, with what each holds."""
    found = find(inspection_id)
    if found is None:
        abort(404, f"There is no inspection {inspection_id!r}; /inspections lists them.")
    return render_template("inspection.html", inspection=found, holds=_holds(found))


@bp.get("/api/inspections")
def api_index() -> ResponseReturnValue:
    """Return every inspection as JSON."""
    return jsonify(inspections=[i.to_dict() for i in all_inspections()])


@bp.get("/api/inspections/<inspection_id>")
def api_inspection(inspection_id: str) -> ResponseReturnValue:
    """Return one inspection, each source with the number of its elements of each kind."""
    found = find(inspection_id)
    if found is None:
        abort(404, f"There is no inspection {inspection_id!r}; /api/inspections lists them.")
    data = found.to_dict()
    counts = _counts(found)
    for source in data["sources"]:  # type: ignore[attr-defined]
        source["elements"] = counts[source["document_id"]]
    return jsonify(data)


def _counts(found: Inspection) -> dict[str, dict[str, int]]:
    """Return, per source, its elements by kind."""
    service = search_service()
    counts: dict[str, dict[str, int]] = {}
    for doc_id in found.document_ids:
        document = service.document(doc_id)
        kinds = Counter(e.kind.value for e in document.elements) if document else Counter()
        counts[doc_id] = dict(sorted(kinds.items()))
    return counts


def _holds(found: Inspection) -> dict[str, str]:
    """Return, per source, what it holds in words: "12 findings, 3 quotes, 40 comments"."""
    return {
        doc_id: ", ".join(plural(n, kind) for kind, n in kinds.items())
        for doc_id, kinds in _counts(found).items()
    }
