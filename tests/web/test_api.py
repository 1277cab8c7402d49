"""The JSON API: same parameters and numbers as the pages, errors as JSON with a 4xx status."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask.testing import FlaskClient


def api(client: FlaskClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    return response.get_json()


def test_search_returns_hits_facets_paging_and_suggestion(client: FlaskClient) -> None:
    data = api(client, "/api/search?q=caseloads&kind=finding")
    assert list(data)[:8] == [
        "query",
        "total",
        "page",
        "page_size",
        "page_count",
        "elapsed_ms",
        "suggestion",
        "partial",
    ]
    assert data["total"] == len(data["hits"]) > 0
    assert {hit["kind"] for hit in data["hits"]} == {"finding"}
    assert all(hit["snippet"]["marks"] for hit in data["hits"])
    kinds = {v["value"]: v for v in data["facets"]["kind"]}
    assert kinds["finding"]["selected"] is True and kinds["finding"]["count"] == data["total"]
    assert set(data["facets"]) == {
        "source_type",
        "kind",
        "organisation",
        "region",
        "year",
        "speaker",
        "site",
        "rating",
        "inspection",  # the web app's own: inspections are linked from document metadata
    }


def test_facet_counts_agree_with_the_html_page(client: FlaskClient) -> None:
    data = api(client, "/api/search?q=caseloads&kind=finding")
    soup = BeautifulSoup(
        client.get("/search?q=caseloads&kind=finding").get_data(as_text=True), "html.parser"
    )
    for facet, values in data["facets"].items():
        on_page = {
            link["data-value"]: int(link.select_one(".facet-count").contents[0])
            for link in soup.select(f'a.facet-value[data-facet="{facet}"]')
        }
        assert on_page == {v["value"]: v["count"] for v in values}, facet
    assert len(soup.select("li.hit")) == len(data["hits"])


def test_search_pages_and_suggests(client: FlaskClient) -> None:
    page2 = api(client, "/api/search?q=probation&size=3&page=2")
    assert page2["page"] == 2 and page2["page_size"] == 3 and len(page2["hits"]) == 3
    assert api(client, "/api/search?q=casloads")["suggestion"] == "caseloads"


def test_document_returns_the_parse_format(client: FlaskClient) -> None:
    data = api(client, "/api/documents/004_e5c2bc1fff8f5255.txt")
    assert data["id"] == "004_e5c2bc1fff8f5255.txt"
    assert data["source_type"] == "press_release"
    assert [e["position"] for e in data["elements"]] == list(range(len(data["elements"])))
    assert any(e["kind"] == "quote" and e["speaker"] == "Glenys Stacey" for e in data["elements"])


def test_similar_returns_related_elements(client: FlaskClient) -> None:
    data = api(client, "/api/similar/001_55a1e3615517bc02.txt:25?limit=5")
    assert data["element_id"] == "001_55a1e3615517bc02.txt:25"
    assert 0 < len(data["hits"]) <= 5
    assert all(hit["id"] != data["element_id"] for hit in data["hits"])


def test_errors_are_json_with_a_message(client: FlaskClient) -> None:
    cases = (
        ("/api/search?q=colour:red", 400, "no field called 'colour'"),
        ("/api/search?q=x&size=0", 400, "'size' must be a whole number from 1 to 100"),
        ("/api/search?q=x&kind=" + "&kind=".join(str(i) for i in range(21)), 400, "at most 20"),
        ("/api/search?q=*ation", 400, "wildcard"),
        ("/api/documents/missing.txt", 404, "no document 'missing.txt'"),
        ("/api/similar/missing.txt:3", 404, "no element 'missing.txt:3'"),
        ("/api/similar/001_55a1e3615517bc02.txt:25?limit=500", 400, "'limit'"),
        ("/api/nothing-here", 404, "not found"),
    )
    for url, status, words in cases:
        error = api(client, url, status)["error"]
        assert error["status"] == status
        assert words.lower() in error["message"].lower(), (url, error)
