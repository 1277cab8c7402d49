"""Hypothesis-generated queries and parameters through the HTTP endpoints: a 200 or a 400 with
the project's message, never a 500, and nothing executable reflected into the page.

4,500 generated requests in all (600 examples × 5 to the API, 300 × 5 to the page) through
Flask's test client: the WSGI app itself without sockets, so that thousands fit in CI. Every
hostile value stays inert on the page (a cheap check here; `test_safety` parses the pages).
"""

from __future__ import annotations

import json
import re

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.query_strategies import queries

BATCH = 5
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
API_FUZZ = settings(max_examples=600, deadline=None, suppress_health_check=HEALTH)
PAGE_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=HEALTH)
OUR_SCRIPT = '<script src="/static/enhance.js" defer></script>'
EXECUTABLE = re.compile(r"<script|\son\w+\s*=|(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)
PARAMETERS = ["type", "kind", "org", "region", "year", "speaker", "site", "from", "to", "sort"]
VALUES = st.sampled_from(["finding", "CRC", "2016", "2016-09", "newest", "", "-1", "999999"])
parameter = st.tuples(
    st.sampled_from([*PARAMETERS, "page", "size", "collapse"]), VALUES | st.text(max_size=20)
)


def client_of(app: Flask) -> FlaskClient:
    return app.test_client()


def check_api(client: FlaskClient, query: str, extra: dict[str, str]) -> None:
    response = client.get("/api/search", query_string={"q": query, **extra})
    assert response.status_code in (200, 400), (query, extra, response.status_code)
    data = json.loads(response.get_data(as_text=True))
    if response.status_code == 400:
        assert data["error"]["message"], data
    else:
        assert data["total"] >= len(data["hits"])


@API_FUZZ
@given(batch=st.lists(queries, min_size=BATCH, max_size=BATCH))
def test_any_query_through_the_json_api(app: Flask, batch: list[str]) -> None:
    client = client_of(app)
    for query in batch:
        check_api(client, query, {"size": "3"})


@PAGE_FUZZ
@given(
    batch=st.lists(
        st.tuples(queries, st.lists(parameter, max_size=3)), min_size=BATCH, max_size=BATCH
    )
)
def test_any_query_and_parameters_through_the_page(
    app: Flask, batch: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    client = client_of(app)
    for query, extra in batch:
        params = {"q": query, **dict(extra)}
        response = client.get("/search", query_string=params)
        assert response.status_code in (200, 400), (params, response.status_code)
        html = response.get_data(as_text=True).replace(OUR_SCRIPT, "")
        assert not EXECUTABLE.search(html), params
