"""Inspection pages, their JSON and the `inspection=` filter, through the app and in Chromium."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from playwright.sync_api import Page, expect


def test_the_api_lists_inspections_with_their_sources_in_date_order(client: FlaskClient) -> None:
    listed = client.get("/api/inspections").get_json()["inspections"]
    ids = [i["id"] for i in listed]
    assert {"derbyshire-2016-09", "staffordshire-2017-01"} <= set(ids)
    derbyshire = client.get("/api/inspections/derbyshire-2016-09").get_json()
    kinds = [s["source_type"] for s in derbyshire["sources"]]
    assert kinds == ["inspection_report", "press_release", "blog_post"]
    assert all(s["reason"] and s["elements"] for s in derbyshire["sources"])
    blog = derbyshire["sources"][-1]
    assert blog["elements"]["comment"] > 0
    assert client.get("/api/inspections/nowhere-1999-01").status_code == 404


def test_an_inspection_filter_keeps_the_search_to_its_documents(client: FlaskClient) -> None:
    sources = client.get("/api/inspections/staffordshire-2017-01").get_json()["sources"]
    wanted = {s["document_id"] for s in sources}
    found = client.get("/api/search?q=caseloads&inspection=staffordshire-2017-01&size=100")
    hits = found.get_json()["hits"]
    assert hits and {h["document_id"] for h in hits} <= wanted
    everywhere = client.get("/api/search?q=caseloads&size=100").get_json()["total"]
    assert found.get_json()["total"] < everywhere
    bad = client.get("/api/search?q=caseloads&inspection=atlantis-2020-01")
    assert bad.status_code == 400
    assert "derbyshire-2016-09" in bad.get_json()["error"]["message"]
    page = BeautifulSoup(client.get("/search?inspection=staffordshire-2017-01").data, "html.parser")
    chip = page.select_one(".chips a")
    assert chip is not None and "staffordshire-2017-01" in chip.get_text()


def test_the_inspection_page_shows_a_timeline(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get("/inspections/derbyshire-2016-09").data, "html.parser")
    assert "Derbyshire, September 2016" in soup.select_one("h1").get_text()
    items = soup.select(".timeline-item")
    assert len(items) == 3
    dates = [item.select_one("time")["datetime"] for item in items]
    assert dates == sorted(dates)
    assert all("linked because" in item.get_text() for item in items)
    index = BeautifulSoup(client.get("/inspections").data, "html.parser")
    rows = index.select("table.inspections tbody tr")
    assert len(rows) >= 2 and rows[0].select_one("a")["href"].startswith("/inspections/")


@pytest.mark.browser
def test_from_the_header_to_an_inspection_and_its_search(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.get_by_role("link", name="Inspections").click()
    page.get_by_role("link", name="Derbyshire, September 2016").click()
    expect(page.locator(".timeline-item")).to_have_count(3)
    page.get_by_role("link", name="search them").click()
    expect(page.locator(".chips")).to_contain_text("derbyshire-2016-09")
    titles = page.locator(".hit-title").all_inner_texts()
    assert titles and all("Derbyshire" in title for title in titles)


def test_the_findings_matrix_counts_findings_per_organisation_and_inspection(
    client: FlaskClient,
) -> None:
    data = client.get("/api/findings-matrix").get_json()
    assert "CRC" in data["organisations"]
    derbyshire = next(c for c in data["inspections"] if c["id"] == "derbyshire-2016-09")
    count = derbyshire["findings"]["CRC"]
    assert count > 0
    listed = client.get(derbyshire["search"]["CRC"].replace("/search", "/api/search") + "&size=100")
    hits = listed.get_json()
    kinds = {v["value"]: v["count"] for v in hits["facets"]["kind"]}
    assert kinds["finding"] == count  # the cell counts elements, as the facets do
    assert hits["total"] > 0 and all(h["kind"] == "finding" for h in hits["hits"])
    rows = client.get("/findings-matrix.csv").get_data(as_text=True).splitlines()
    assert rows[0].startswith("organisation,") and "derbyshire-2016-09" in rows[0]
    crc = next(row for row in rows[1:] if row.startswith("CRC,"))
    position = rows[0].split(",").index("derbyshire-2016-09")
    assert int(crc.split(",")[position]) == count
    page = BeautifulSoup(client.get("/findings-matrix").data, "html.parser")
    cell = page.select_one(
        f'a[aria-label="{count} findings about CRC in Derbyshire, September 2016"]'
    )
    assert cell is not None and "inspection=derbyshire-2016-09" in cell["href"]


def test_the_hits_are_counted_by_inspection_in_a_facet(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get("/search?q=caseloads").data, "html.parser")
    values = {
        a["data-value"]: (int(a.select_one(".facet-count").contents[0]), a["href"])
        for a in soup.select('a.facet-value[data-facet="inspection"]')
    }
    assert {"derbyshire-2016-09", "staffordshire-2017-01"} <= set(values)
    count, url = values["staffordshire-2017-01"]
    assert "inspection=staffordshire-2017-01" in url
    within = client.get("/api/search?q=caseloads&inspection=staffordshire-2017-01").get_json()
    kinds = sum(v["count"] for v in within["facets"]["kind"])
    assert count == kinds  # the elements of its documents that match, as the facets count
    api = client.get("/api/search?q=caseloads").get_json()["facets"]["inspection"]
    assert {v["value"]: v["count"] for v in api}["staffordshire-2017-01"] == count
    chosen = BeautifulSoup(client.get(url).data, "html.parser")
    selected = chosen.select('a.facet-value.is-selected[data-facet="inspection"]')
    assert [a["data-value"] for a in selected] == ["staffordshire-2017-01"]
