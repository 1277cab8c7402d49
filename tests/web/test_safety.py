"""Safety: text from documents and queries is shown as text everywhere; no tracebacks, ever."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import IMG_PAYLOAD, PAYLOAD
from web import create_app

OUR_SCRIPTS = {"/static/enhance.js"}


def assert_inert(html: str) -> BeautifulSoup:
    """Fail if the page holds a script, event handler or script URL that we did not write."""
    soup = BeautifulSoup(html, "html.parser")
    assert {tag.get("src") for tag in soup.find_all("script")} <= OUR_SCRIPTS
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for name in ("href", "src", "action"):
            assert not str(tag.get(name, "")).strip().lower().startswith("javascript:"), tag
    assert "<script>alert" not in html and "<img src=x" not in html
    return soup


@pytest.fixture()
def hostile(hostile_app: Flask) -> FlaskClient:
    return hostile_app.test_client()


def test_stored_payloads_are_text_on_the_search_page(hostile: FlaskClient) -> None:
    response = hostile.get("/search?q=caseloads")
    assert response.status_code == 200
    soup = assert_inert(response.get_data(as_text=True))
    page_text = soup.get_text()
    assert PAYLOAD in page_text  # shown, as text, in the title, snippet and facets
    labels = [label.get_text() for label in soup.select(".facet-label")]
    assert f"Site {IMG_PAYLOAD}" in labels and f"Region {IMG_PAYLOAD}" in labels
    assert all("<mark>" not in str(m.parent) or m.name == "mark" for m in soup.select("mark"))


def test_stored_payloads_are_text_on_the_document_page(hostile: FlaskClient) -> None:
    response = hostile.get("/documents/hostile/<b>post</b>.html?q=caseloads&hit=1")
    assert response.status_code == 200
    soup = assert_inert(response.get_data(as_text=True))
    assert soup.select_one("h1").get_text() == f"Caseloads {PAYLOAD} and more"
    original = soup.find("dt", string="Original").find_next("dd")
    assert original.find("a") is None and original.get_text() == "javascript:alert(5)"
    assert soup.select_one(".comment-author").get_text() == PAYLOAD
    assert [m.get_text() for m in soup.select("mark")][:1] == ["Caseloads"]


def test_stored_payloads_stay_json_strings_in_the_api(hostile: FlaskClient) -> None:
    response = hostile.get("/api/search?q=caseloads")
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert any(hit["title"] == f"Caseloads {PAYLOAD} and more" for hit in data["hits"])
    # JSON carries the text as it is, with the marks as offsets: no markup for a client to
    # trust; the pages escape it (test above).
    snippets = " ".join(hit["snippet"]["text"] for hit in data["hits"])
    assert PAYLOAD in snippets and "&lt;" not in snippets


@pytest.mark.parametrize(
    "name",
    [
        "q",
        "type",
        "kind",
        "org",
        "region",
        "year",
        "speaker",
        "site",
        "from",
        "to",
        "sort",
        "page",
        "size",
        "collapse",
    ],
)
def test_reflected_parameters_are_escaped(client: FlaskClient, name: str) -> None:
    for value in (PAYLOAD, IMG_PAYLOAD, '"><svg onload=alert(1)>', "javascript:alert(1)"):
        response = client.get("/search", query_string={"q": "caseloads", name: value})
        assert response.status_code in (200, 400)
        html = response.get_data(as_text=True)
        assert_inert(html)
        assert "<svg onload" not in html


def test_query_with_script_is_shown_as_text(client: FlaskClient) -> None:
    response = client.get("/search", query_string={"q": "<script>alert(1)</script>"})
    soup = assert_inert(response.get_data(as_text=True))
    assert soup.select_one("input#q")["value"] == "<script>alert(1)</script>"


def test_missing_index_is_a_503_page_without_traceback(tmp_path: Path) -> None:
    app = create_app({"INDEX": tmp_path / "never-built"})
    client = app.test_client()
    for url in ("/", "/search?q=caseloads", "/documents/x.txt"):
        response = client.get(url)
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "30"
        html = response.get_data(as_text=True)
        assert "The search index is unavailable." in html
        assert "Traceback" not in html and str(tmp_path) not in html
    error = client.get("/api/search?q=x").get_json()["error"]
    assert error["status"] == 503 and "reportsearch index" in error["hint"]


def test_damaged_index_is_a_503(tmp_path: Path) -> None:
    location = tmp_path / "index"
    location.mkdir()
    (location / "CURRENT").write_text("gen-broken\n")
    (location / "gen-broken").mkdir()  # a generation folder with no index in it
    response = create_app({"INDEX": location}).test_client().get("/search?q=caseloads")
    assert response.status_code == 503
    assert "Traceback" not in response.get_data(as_text=True)


def test_unexpected_errors_are_a_plain_500_and_logged(
    seed_index: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app({"INDEX": seed_index})

    def broken() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/broken", view_func=broken)
    app.add_url_rule("/api/broken", "api_broken", view_func=broken)
    client = app.test_client()
    page = client.get("/broken")
    assert page.status_code == 500
    assert "Something went wrong" in page.get_data(as_text=True)
    assert "secret internals" not in page.get_data(as_text=True)
    assert client.get("/api/broken").get_json()["error"]["status"] == 500
    assert "secret internals" in caplog.text  # the traceback goes to the log, not the user


def test_debug_mode_is_off_even_when_asked(
    monkeypatch: pytest.MonkeyPatch, seed_index: Path
) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({"INDEX": seed_index, "DEBUG": True})
    assert app.debug is False


def test_lone_surrogates_in_output_do_not_break_pages(app: Flask) -> None:
    with app.test_request_context("/"):
        html = app.jinja_env.from_string("<p>{{ text }}</p>").render(text="bad \ud800 text")
    assert html == "<p>bad ? text</p>"
    html.encode("utf-8")


def test_comment_hits_carry_their_own_timestamp(hostile: FlaskClient) -> None:
    hits = hostile.get("/api/search?q=caseloads&kind=comment").get_json()["hits"]
    assert [hit["element_date"] for hit in hits] == ["2017-02-02T10:00:00"]
    soup = BeautifulSoup(
        hostile.get("/search?q=caseloads&kind=comment").get_data(as_text=True), "html.parser"
    )
    assert "2 February 2017, 10:00" in soup.select_one("li.hit .hit-facts").get_text(" ")
