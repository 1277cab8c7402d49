"""Exports and feeds of a search: every hit as CSV and JSON, the newest as valid Atom."""

from __future__ import annotations

import csv
import io
import json

import feedparser
from click.testing import CliRunner
from flask.testing import FlaskClient

from indexer.cli import main


def _api_hits(client: FlaskClient, query: str) -> tuple[int, set[str]]:
    """Return the total of a search and the ids of all its hits, paged through the API."""
    ids: set[str] = set()
    page = 1
    while True:
        data = client.get(f"/api/search?{query}&size=100&page={page}").get_json()
        ids |= {hit["id"] for hit in data["hits"]}
        if page >= data["page_count"]:
            return data["total"], ids
        page += 1


def test_csv_export_holds_every_hit_with_the_same_filters(client: FlaskClient) -> None:
    query = "q=caseloads&kind=finding&kind=quote"
    response = client.get(f"/search.csv?{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    total, ids = _api_hits(client, query)
    assert len(rows) == total == int(response.headers["X-Total-Hits"]) > 0
    assert {row["id"] for row in rows} == ids
    assert {row["kind"] for row in rows} <= {"finding", "quote"}
    assert response.headers["X-Export-Truncated"] == "false"


def test_json_export_holds_every_hit_of_a_browse_beyond_one_page(client: FlaskClient) -> None:
    response = client.get("/search.json?type=blog_post&collapse=0")
    data = json.loads(response.get_data(as_text=True))
    total, ids = _api_hits(client, "type=blog_post&collapse=0")
    assert data["total"] == total > 100  # more than the largest page
    assert len(data["hits"]) == total and {h["id"] for h in data["hits"]} == ids
    assert data["filters"] == {"source_type": ["blog_post"]} and not data["truncated"]
    lines = client.get("/search.jsonl?type=blog_post&collapse=0").get_data(as_text=True)
    lines = lines.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [h["id"] for h in data["hits"]]


def test_export_of_a_bad_query_is_an_error_not_a_file(client: FlaskClient) -> None:
    response = client.get("/search.csv?q=kind:memo")
    assert response.status_code == 400
    assert "memo" in response.get_data(as_text=True)


def test_atom_feed_parses_as_valid_atom_newest_first(client: FlaskClient) -> None:
    response = client.get("/search.atom?q=probation&kind=quote")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert "probation" in feed.feed.title
    assert feed.feed.id.startswith("http://localhost/search.atom?")
    assert any(link.rel == "self" for link in feed.feed.links)
    entries = feed.entries
    assert len(entries) > 1
    assert len({entry.id for entry in entries}) == len(entries)
    assert all(entry.link.startswith("http://localhost/documents/") for entry in entries)
    assert all("#e-" in entry.id for entry in entries)
    stamps = [entry.updated_parsed for entry in entries]
    assert stamps == sorted(stamps, reverse=True)
    assert all(entry.tags[0].term == "quote" for entry in entries)


def test_atom_escapes_what_documents_and_queries_hold(client: FlaskClient) -> None:
    response = client.get('/search.atom?q=<script>"caseloads"</script>')
    feed = feedparser.parse(response.data)
    assert not feed.bozo
    assert b"<script>" not in response.data


def test_cli_exports_every_hit(seed_index: object) -> None:
    runner = CliRunner()
    args = ["search", "caseloads", "--index", str(seed_index)]
    as_csv = runner.invoke(main, [*args, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    as_json = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    lines = runner.invoke(main, [*args, "--format", "jsonl"]).output.splitlines()
    assert len(rows) == len(lines) == as_json["total"] == len(as_json["hits"]) > 5
    assert [row["id"] for row in rows] == [json.loads(line)["id"] for line in lines]
