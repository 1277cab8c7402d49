"""The JSON API: the same searches as the pages, as the documented JSON objects.

`/api/search` answers what `reportsearch search --json` prints, `/api/documents/<id>` what
`reportsearch parse --json` prints, `/api/similar/<element id>` what `similar --json` lists.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue

from indexer.results import MAX_PAGE_SIZE
from web.caching import conditional
from web.inspections import inspection_index, restrict
from web.params import bounded_int, search_request
from web.searchpage import INSPECTION_VALUES
from web.services import search_service

bp = Blueprint("api", __name__, url_prefix="/api")

SIMILAR_DEFAULT = 10


@bp.get("/search")
@conditional
def search() -> ResponseReturnValue:
    """Return hits, facet counts, paging and the suggestion for the parameters given."""
    wanted = restrict(search_request(request.args, current_app.config["PAGE_SIZE"]), request.args)
    results = search_service().search(wanted)
    data = results.to_dict()
    if wanted.with_facets:
        chosen = request.args.get("inspection", "").strip()
        counted = inspection_index().counted(results.per_document, chosen, INSPECTION_VALUES)
        data["facets"]["inspection"] = [
            {"value": i.id, "label": i.label, "count": count, "selected": i.id == chosen}
            for i, count in counted
        ]
    return jsonify(data)


@bp.get("/documents/<path:doc_id>")
@conditional
def document(doc_id: str) -> ResponseReturnValue:
    """Return one document with its elements in reading order."""
    found = search_service().document(doc_id)
    if found is None:
        abort(404, f"There is no document {doc_id!r} in the index.")
    return jsonify(found.to_dict())


@bp.get("/similar/<path:element_id>")
def similar(element_id: str) -> ResponseReturnValue:
    """Return the elements most like one element ("more like this")."""
    limit = bounded_int(request.args, "limit", 1, MAX_PAGE_SIZE, default=SIMILAR_DEFAULT)
    hits = search_service().similar(element_id, limit)
    if hits is None:
        abort(404, f"There is no element {element_id!r} in the index.")
    return jsonify(element_id=element_id, hits=[hit.to_dict() for hit in hits])
