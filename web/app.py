"""The Flask application factory: settings, the search pool, views, errors, response headers.

`create_app(config)` is what `reportsearch serve` and any WSGI server call
(`waitress-serve --call web:create_app`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response
from markupsafe import Markup

from indexer.backend import engine_named
from indexer.wording import plural
from web import api, exports, inspections, matrix, pages
from web.config import load_config
from web.errors import register_error_handlers
from web.labels import human_date, human_datetime, value_label
from web.services import POOL, SearchPool, backend_factory

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Return the web app; `config` overrides the defaults and `REPORTSEARCH_*` variables.

    `SEARCH_BACKEND`, when given, is a callable returning a `SearchBackend` for one thread;
    by default each thread opens the engine `BACKEND` names (the embedded index in `INDEX`).
    """
    app = Flask(__name__)
    app.config.update(load_config(config))
    app.config["DEBUG"] = False  # never the debugger or tracebacks, whatever FLASK_DEBUG says
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented field order
    settings = app.config["BACKEND_SETTINGS"]
    factory = app.config.get("SEARCH_BACKEND") or backend_factory(settings)
    app.extensions[POOL] = SearchPool(factory, serialised=engine_named(settings.engine).embedded)
    _register_templates(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(inspections.bp)
    app.register_blueprint(matrix.bp)
    register_error_handlers(app)
    app.after_request(_add_security_headers)
    return app


def _register_templates(app: Flask) -> None:
    app.jinja_env.finalize = scrub_surrogates
    app.jinja_env.filters.update(
        human_date=human_date,
        human_datetime=human_datetime,
        value_label=value_label,
        counted=plural,
    )
    app.jinja_env.globals["site_name"] = app.config["SITE_NAME"]


def scrub_surrogates(value: Any) -> Any:
    """Replace lone surrogates in template output: they cannot be encoded and would be a 500."""
    if not isinstance(value, str) or value.isascii():
        return value
    clean = value.encode("utf-8", "replace").decode("utf-8")
    return Markup(clean) if isinstance(value, Markup) else clean


def _add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
