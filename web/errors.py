"""One error path for pages and the JSON API: the right status and a message, no traceback.

Requests under `/api/` get `{"error": {"status", "message", "hint"}}`; pages get the error
template. Unexpected exceptions are logged with their traceback and answered with a plain 500.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import (
    BackendUnavailableError,
    ConfigurationError,
    IndexUnavailableError,
    QueryError,
)
from web.params import BadParameterError

API_PREFIX = "/api/"
UNAVAILABLE_HINT = (
    "If you run this site: build the index with `reportsearch index`, "
    "or find what is wrong with `reportsearch check`."
)
BACKEND_HINT = (
    "The search servers did not answer; try again in a minute. If you run this site: "
    "check that the cluster's nodes are up (`reportsearch check --backend …`)."
)
RETRY_AFTER_S = "30"


def error_response(status: int, message: str, hint: str | None = None) -> Response:
    """Answer with `status` and `message`: JSON under /api/, else the error page."""
    if request.path.startswith(API_PREFIX):
        response = jsonify(error={"status": status, "message": message, "hint": hint})
    else:
        page = render_template("error.html", status=status, message=message, hint=hint)
        response = make_response(page)
    response.status_code = status
    return response


def register_error_handlers(app: Flask) -> None:
    """Route every error the app can meet through `error_response`."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        return error_response(error.code or 500, error.description or error.name)

    @app.errorhandler(QueryError)
    def query_error(error: QueryError) -> Response:
        return error_response(400, error.message, error.hint)

    @app.errorhandler(BadParameterError)
    def bad_parameter(error: BadParameterError) -> Response:
        return error_response(400, f"Parameter {error.name!r} {error.message}.")

    @app.errorhandler(IndexUnavailableError)
    def unavailable(error: IndexUnavailableError) -> Response:
        app.logger.error("index unavailable: %s", error)
        if isinstance(error, BackendUnavailableError):
            message, hint = "The search backend is unavailable.", BACKEND_HINT
        else:
            message, hint = "The search index is unavailable.", UNAVAILABLE_HINT
        response = error_response(503, message, hint)
        response.headers["Retry-After"] = RETRY_AFTER_S
        return response

    @app.errorhandler(ConfigurationError)
    def misconfigured(error: ConfigurationError) -> Response:
        # A search server refusing the site's key: the operator's to fix, not the visitor's.
        app.logger.error("search backend misconfigured: %s (%s)", error.message, error.hint)
        response = error_response(503, "The search backend is unavailable.", BACKEND_HINT)
        response.headers["Retry-After"] = RETRY_AFTER_S
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        app.logger.exception("unexpected error on %s", request.path)
        return error_response(500, "Something went wrong on our side; the error has been logged.")
