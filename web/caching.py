"""Conditional GET: a page's ETag is the index version it was made from and its URL, so a
browser or proxy asking again with `If-None-Match` gets `304 Not Modified` without a search
until the next reindex. Pages say `Cache-Control: no-cache`: keep them, but ask first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import Response, current_app, make_response, request
from flask.typing import ResponseReturnValue

from web.services import served_version

View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


def page_etag() -> str:
    """Return the ETag of the page asked for: the index version, the URL and the site name."""
    version = served_version()
    seen = "\\n".join([version, request.full_path, str(current_app.config["SITE_NAME"])])
    return hashlib.blake2b(seen.encode("utf-8"), digest_size=12).hexdigest()


def conditional(view: View) -> View:
    """Answer 304 when the client holds this version of the page; tag every 200 answer."""

    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> ResponseReturnValue:
        etag = page_etag()
        if etag in request.if_none_match:
            response = Response(status=304)
        else:
            response = make_response(view(*args, **kwargs))
            if response.status_code != 200:
                return response
        response.set_etag(etag)
        response.headers["Cache-Control"] = "no-cache"
        return response

    return wrapped  # type: ignore[return-value]
