"""The date histogram: per-month bars (per-year over long spans), each a link that narrows."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from playwright.sync_api import Page, expect

from web.histogram import MONTHS_SHOWN, histogram


def test_months_between_hits_are_drawn_as_empty_bars() -> None:
    drawn = histogram({"2016-09": 4, "2016-12": 2, "2017-01": 8}, [("q", "x")], "/search")
    assert drawn is not None and drawn.unit == "month"
    assert [bar.label for bar in drawn.bars] == [
        "September 2016", "October 2016", "November 2016", "December 2016", "January 2017",
    ]  # fmt: skip
    assert [bar.count for bar in drawn.bars] == [4, 0, 0, 2, 8]
    assert drawn.bars[-1].height == drawn.height  # the tallest fills the chart
    assert drawn.bars[0].height == drawn.height / 2
    query = parse_qs(urlsplit(drawn.bars[3].url).query)
    assert query == {"q": ["x"], "from": ["2016-12"], "to": ["2016-12"]}


def test_long_spans_are_drawn_per_year() -> None:
    months = {"2014-03": 1, "2016-07": 2, "2016-08": 3, "2020-01": 5}
    drawn = histogram(months, [("page", "3"), ("from", "2010")], "/search")
    assert drawn is not None and drawn.unit == "year"
    assert [(bar.label, bar.count) for bar in drawn.bars] == [
        ("2014", 1), ("2015", 0), ("2016", 5), ("2017", 0), ("2018", 0), ("2019", 0),
        ("2020", 5),
    ]  # fmt: skip
    # a bar replaces the date range and goes back to the first page
    assert parse_qs(urlsplit(drawn.bars[2].url).query) == {"from": ["2016"], "to": ["2016"]}
    three_years = histogram({"2014-01": 1, "2016-12": 1}, [], "/search")
    assert three_years is not None and len(three_years.bars) == MONTHS_SHOWN
    assert three_years.unit == "month"


@pytest.mark.parametrize("months", [{}, {"2016-09": 3}, {"undated": 4}])
def test_nothing_to_draw_for_one_period_or_none(months: dict[str, int]) -> None:
    assert histogram(months, [], "/search") is None


def test_each_bar_narrows_the_search_to_its_month(client: FlaskClient) -> None:
    page = client.get("/search?q=probation").get_data(as_text=True)
    bars = re.findall(r'<a href="([^"]+)" aria-label="(\w+ \d{4}): (\d+) hits?"', page)
    assert len(bars) >= 3
    api = client.get("/api/search?q=probation").get_json()
    assert sum(int(n) for _url, _label, n in bars) == sum(api["histogram"].values())
    url, _label, count = bars[0]
    narrowed = client.get("/api/search?" + urlsplit(url.replace("&amp;", "&")).query).get_json()
    month = urlsplit(url.replace("&amp;", "&")).query.split("from=")[1][:7]
    assert narrowed["histogram"] == {month: int(count)}
    assert all(hit["date"].startswith(month) for hit in narrowed["hits"])


@pytest.mark.browser
def test_clicking_a_bar_in_the_browser_narrows_the_hits(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/search?q=probation")
    bar = page.locator(".histogram a").first
    label = bar.get_attribute("aria-label") or ""
    bar.click()
    expect(page.locator(".chips")).to_be_visible()
    month, year = label.split(":")[0].split()
    dates = page.locator(".hits li").all_inner_texts()
    assert dates and all(f"{month} {year}" in text for text in dates)
