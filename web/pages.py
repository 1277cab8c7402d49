"""The HTML pages: the search page and the document page. Each reads its parameters, calls the
search service and renders; the page models (`searchpage`, `documentpage`) do the shaping.
"""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue

from indexer.errors import QueryError
from indexer.model import Document, Element
from indexer.results import SearchRequest, SearchResults
from web.caching import conditional
from web.documentpage import document_page
from web.inspections import inspection_index, restrict
from web.params import BadParameterError, optional_int, search_request
from web.searchpage import hit_card, inspection_facet, search_page
from web.services import search_service

bp = Blueprint("pages", __name__)

SIMILAR_SHOWN = 10


@bp.get("/")
@bp.get("/search")
@conditional
def search() -> ResponseReturnValue:
    """Show ranked hits with facets for the query and filters in the URL."""
    wanted = None
    try:
        wanted = search_request(request.args, current_app.config["PAGE_SIZE"])
        wanted = restrict(wanted, request.args)
        results = search_service().search(wanted)
    except QueryError as error:
        return _failed_search(error.message, error.hint, wanted)
    except BadParameterError as error:
        return _failed_search(f"Parameter {error.name!r} {error.message}.", None, wanted)
    page = search_page(request.args, results)
    by_inspection = inspection_facet(inspection_index(), results, request.args)
    if by_inspection is not None:
        page.facets.append(by_inspection)
    page.unfiltered_total = _total_without_filters(results)
    return render_template("search.html", page=page)


@bp.get("/documents/<path:doc_id>")
@conditional
def document(doc_id: str) -> ResponseReturnValue:
    """Show a document in reading order; `q` marks the query's words, `hit` marks an element."""
    service = search_service()
    found = service.document(doc_id)
    if found is None:
        abort(404, f"There is no document {doc_id!r} in the index.")
    query = request.args.get("q", "").strip()
    hit = optional_int(request.args, "hit")
    marked = None
    if query:
        try:
            marked = service.match_spans(query, [element.text for element in found.elements])
        except QueryError:
            marked = None  # a query that cannot run marks nothing; the document still shows
    sources = service.sources(doc_id)
    page = document_page(found, marked, query, hit, sources)
    return render_template("document.html", page=page)


@bp.get("/similar/<path:element_id>")
@conditional
def similar(element_id: str) -> ResponseReturnValue:
    """Show the elements most like one element ("more like this")."""
    service = search_service()
    hits = service.similar(element_id, SIMILAR_SHOWN)
    doc_id, _, position = element_id.rpartition(":")
    found = service.document(doc_id) if hits is not None else None
    source = _element_at(found, position)
    if hits is None or found is None or source is None:
        abort(404, f"There is no element {element_id!r} in the index.")
    cards = [hit_card(hit, "") for hit in hits]
    return render_template("similar.html", document=found, element=source, cards=cards)


def _element_at(document: Document | None, position: str) -> Element | None:
    if document is None:
        return None
    return next((e for e in document.elements if str(e.position) == position), None)


def _failed_search(
    message: str, hint: str | None, wanted: SearchRequest | None
) -> ResponseReturnValue:
    page = search_page(request.args, None, message, hint, _facets_despite(wanted))
    return render_template("search.html", page=page), 400


def _facets_despite(wanted: SearchRequest | None) -> SearchResults | None:
    """Return the facets of the filters without the query, or of everything, to keep listing.

    The filters may be what failed (`kind=memo`): then the whole collection's facets.
    """
    tries = [SearchRequest(page_size=1)]
    if wanted is not None:
        bare = replace(wanted, query="", page=1, page_size=1, collapse=False)
        tries.insert(0, bare)
    for attempt in tries:
        try:
            return search_service().search(attempt)
        except QueryError:
            continue
    return None


def _total_without_filters(results: SearchResults) -> int | None:
    """For an empty page under filters, count the query's hits without them (one more search)."""
    wanted: SearchRequest = results.request
    if results.total or not (wanted.filters or wanted.date_from or wanted.date_to):
        return None
    bare = replace(wanted, filters={}, date_from=None, date_to=None, page=1, with_facets=False)
    return search_service().search(bare).total
