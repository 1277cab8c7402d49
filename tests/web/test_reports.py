"""Inspection reports through search, the JSON API and the document page: the new kinds, the
rating facet, the outline with its ratings, and links to the PDF's own page."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from indexer.pipeline import index_corpus
from indexer.results import SearchRequest
from indexer.whoosh.search import WhooshSearch
from tests.parse.html_fixtures import HTML
from tests.parse.report_fixtures import BUNDLED, REPORTS
from tests.reportgen import content, with_reportlab
from web import create_app

PDF_URL = "https://www.example.org/reports/staffordshire-2019.pdf"
RATED = "staffordshire_2019.pdf"
INADEQUATE = "inadequate_2019.pdf"
MIRROR = "www.example.org"


@pytest.fixture(scope="module")
def report_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reports")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(REPORTS / "rated_fpdf2.pdf", corpus / RATED)
    # Where this copy was downloaded from: its own site, so a filter can pick it among the
    # copies of the same text (the HTML page, the other report), which dedupe folds together.
    sidecar = {"url": PDF_URL, "site": MIRROR}
    (corpus / f"{RATED}.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    shutil.copy(HTML / "hmip_report_rated.html", corpus / "staffordshire_2019.html")
    shutil.copy(BUNDLED, corpus / BUNDLED.name)
    with_reportlab.render(content.rated_report(overall="Inadequate"), corpus / INADEQUATE)
    report = index_corpus(corpus, root / "index")
    assert not report.failures and report.documents == 4
    return root / "index"


@pytest.fixture(scope="module")
def service(report_index: Path) -> Iterator[WhooshSearch]:
    search = WhooshSearch(report_index)
    yield search
    search.close()


@pytest.fixture(scope="module")
def app(report_index: Path) -> Flask:
    return create_app({"INDEX": report_index, "TESTING": True})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_kind_recommendation_finds_only_recommendations(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="kind:recommendation caseloads", page_size=50))
    assert results.total > 0
    assert {hit.kind for hit in results.hits} == {"recommendation"}
    assert {hit.group for hit in results.hits} >= {"Staffordshire and West Midlands CRC"}
    assert all(hit.number for hit in results.hits)


def test_rating_filter_finds_the_inadequate_report_only(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="rating:inadequate", page_size=100))
    assert {hit.document_id for hit in results.hits} == {INADEQUATE}
    assert {hit.rating for hit in results.hits} == {"Inadequate"}
    facet = {v.value: v.count for v in results.facets["rating"]}
    assert set(facet) == {"Inadequate"}


def test_rating_facet_counts_the_reports_elements(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query=""))
    facet = {v.value: v.count for v in results.facets["rating"]}
    assert set(facet) == {"Inadequate", "Requires improvement"}
    kinds = {v.value for v in results.facets["kind"]}
    assert {"recommendation", "rating", "finding", "section"} <= kinds


def test_rated_standards_are_found_by_kind_and_words(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="kind:rating planning", page_size=20))
    texts = {hit.text for hit in results.hits}
    assert texts == {"2.2 Planning: Inadequate"}
    assert {hit.group for hit in results.hits} == {"Inadequate"}


def test_a_pdf_hit_carries_its_page_and_the_page_address(service: WhooshSearch) -> None:
    request = SearchRequest(query='"Aisha was referred"', filters={"site": (MIRROR,)})
    (pdf,) = service.search(request).hits
    assert (pdf.document_id, pdf.page, pdf.page_url) == (RATED, 7, f"{PDF_URL}#page=7")


def test_the_search_page_links_a_hit_to_its_pdf_page(client: FlaskClient) -> None:
    url = f"/search?q=kind:recommendation+HMPPS&site={MIRROR}"
    soup = BeautifulSoup(client.get(url).data, "html.parser")
    cards = soup.select("li.hit")
    assert cards
    facts = [card.select_one(".hit-facts").get_text(" ") for card in cards]
    assert all(
        "Recommendation 5" in fact and "To: HM Prison and Probation Service" in fact
        for fact in facts
    )
    links = [
        a["href"] for card in cards for a in card.select(".hit-context a") if "#page=" in a["href"]
    ]
    assert links == [f"{PDF_URL}#page=5"]


def test_the_document_page_shows_the_outline_with_its_ratings(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get(f"/documents/{RATED}").data, "html.parser")
    meta = soup.select_one(".doc-meta").get_text(" ")
    assert "Overall rating" in meta and "Requires improvement" in meta
    assert "Helen Marsh" in meta and "Fieldwork from 11 February 2019" in meta
    outline = soup.select_one("nav.doc-outline")
    assert outline is not None
    rows = {li.a.get_text(): li.get_text(" ") for li in outline.select("li") if li.a}
    assert "Inadequate" in rows["2.2 Planning"] and "p. 8" in rows["2.2 Planning"]
    assert "Good" in rows["1.3 Services"]
    target = outline.select_one('a[href^="#e-"]')["href"]
    assert soup.select_one(target) is not None  # the outline's links land on elements
    recommendations = soup.select(".el-recommendation")
    assert len(recommendations) == 6
    assert "To: Ministry of Justice" in recommendations[-1].get_text(" ")
    page_links = {a["href"] for a in soup.select(".el-page a")}
    assert f"{PDF_URL}#page=5" in page_links


def test_the_html_report_page_has_the_same_outline_without_pages(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get("/documents/staffordshire_2019.html").data, "html.parser")
    rows = [li.get_text(" ") for li in soup.select("nav.doc-outline li")]
    assert any("2.2 Planning" in row and "Inadequate" in row for row in rows)
    assert not soup.select(".el-page")


def test_the_api_document_carries_rating_report_and_pages(client: FlaskClient) -> None:
    data = client.get(f"/api/documents/{RATED}").get_json()
    assert data["rating"] == "Requires improvement"
    assert data["report"]["lead_inspector"] == "Helen Marsh"
    assert data["report"]["outline"][0] == {"level": 1, "label": "Acknowledgements", "page": 2}
    recommendation = next(e for e in data["elements"] if e["kind"] == "recommendation")
    assert (recommendation["number"], recommendation["page"]) == ("1", 5)
    hits = client.get("/api/search?q=kind:rating&rating=Inadequate&size=20").get_json()["hits"]
    assert hits and all(hit["rating"] == "Inadequate" for hit in hits)


def test_the_sidebar_filters_by_overall_rating(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get("/search?q=caseloads").data, "html.parser")
    links = {
        link["data-value"]: link["href"]
        for link in soup.select('a.facet-value[data-facet="rating"]')
    }
    assert set(links) == {"Inadequate", "Requires improvement"}
    assert "rating=Inadequate" in links["Inadequate"]
    filtered = BeautifulSoup(client.get(links["Inadequate"]).data, "html.parser")
    hrefs = [a["href"] for a in filtered.select("li.hit .hit-title a")]
    assert hrefs and all(href.startswith(f"/documents/{INADEQUATE}?") for href in hrefs)
    kinds = {v["data-value"] for v in filtered.select('a.facet-value[data-facet="kind"]')}
    assert "recommendation" in kinds


def test_a_report_dated_by_its_month_shows_the_month(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get(f"/documents/{INADEQUATE}").data, "html.parser")
    assert "Published June 2019" in soup.select_one(".doc-meta").get_text(" ", strip=True)
