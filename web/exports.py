"""A search's hits as files: `/search.csv`, `/search.json`, `/search.jsonl` and the Atom feed
`/search.atom`, with the same parameters as the search page.

Exports hold every hit (up to `indexer.exports.EXPORT_LIMIT`), streamed as they are fetched;
the first page is fetched before the response starts, so a bad query or an unavailable
index answers with its error status, not a half-written file. `X-Total-Hits` and
`X-Export-Truncated` say how many hits there are and whether the file stops short.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for
from flask.typing import ResponseReturnValue

from indexer.exports import csv_lines, json_lines, jsonl_lines, start_export
from indexer.results import Hit, SortOrder
from web.feeds import FEED_SIZE, atom_feed
from web.inspections import restrict
from web.links import href
from web.params import search_request
from web.services import search_service

bp = Blueprint("exports", __name__)

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
}


@bp.get("/search.<any(csv, json, jsonl):form>")
def export(form: str) -> ResponseReturnValue:
    """Return every hit of the search in the URL as CSV, one JSON object, or JSON lines."""
    wanted = restrict(search_request(request.args, current_app.config["PAGE_SIZE"]), request.args)
    started = start_export(search_service(), wanted)
    lines: Iterator[str] = (
        csv_lines(started.hits()) if form == "csv"
        else jsonl_lines(started.hits()) if form == "jsonl"
        else json_lines(started)
    )  # fmt: skip
    response = Response(stream_with_context(lines), mimetype=MEDIA[form])
    response.headers["Content-Disposition"] = f'attachment; filename="reportsearch.{form}"'
    response.headers["X-Total-Hits"] = str(started.total)
    response.headers["X-Export-Truncated"] = "true" if started.truncated else "false"
    return response


@bp.get("/search.atom")
def feed() -> ResponseReturnValue:
    """Return the newest hits of the search in the URL as an Atom feed."""
    wanted = restrict(search_request(request.args, current_app.config["PAGE_SIZE"]), request.args)
    newest = replace(wanted, sort=SortOrder.NEWEST, page=1, page_size=FEED_SIZE, with_facets=False)
    results = search_service().search(newest)
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("page", "size", "sort")]
    body = atom_feed(
        results,
        feed_url=href(url_for("exports.feed", _external=True), kept),
        page_url=href(url_for("pages.search", _external=True), kept),
        element_url=_permalink,
        site_name=current_app.config["SITE_NAME"],
    )
    return Response(body, mimetype="application/atom+xml")


def _permalink(hit: Hit) -> str:
    page = url_for("pages.document", doc_id=hit.document_id, _external=True)
    return f"{page}#e-{hit.position}"
