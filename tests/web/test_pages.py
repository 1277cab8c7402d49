"""The search and document pages through Flask's test client, on the bundled corpus."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from tests.conftest import SEED_DOCUMENTS


def page(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def summary(soup: BeautifulSoup) -> str:
    """Return the result count line without its timing."""
    line = soup.select_one(".results-summary")
    timing = line.select_one(".elapsed").extract().get_text()
    assert re.fullmatch(r"\d+ ms", timing)
    return " ".join(line.get_text(" ").split())


def facet_links(soup: BeautifulSoup, facet: str) -> dict[str, tuple[int, str, bool]]:
    """Return value → (count, url, selected) for one facet of the sidebar."""
    found = {}
    for link in soup.select(f'a.facet-value[data-facet="{facet}"]'):
        count = int(link.select_one(".facet-count").contents[0])
        found[link["data-value"]] = (count, link["href"], "is-selected" in link["class"])
    return found


def params(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def test_home_page_browses_the_whole_collection_newest_first(client: FlaskClient) -> None:
    soup = page(client, "/")
    assert soup.select_one("input#q")["value"] == ""
    assert "in the whole collection" in summary(soup)
    dates = [card.select_one(".hit-context").get_text() for card in soup.select(".hit")]
    assert dates[0].startswith("13 January 2017")  # the newest seed comes first
    assert facet_links(soup, "source_type").keys() == {
        "blog_post",
        "press_release",
        "inspection_report",
    }


def test_search_keeps_the_query_and_shows_ranked_cards(client: FlaskClient) -> None:
    soup = page(client, "/search?q=caseloads")
    assert soup.select_one("input#q")["value"] == "caseloads"
    assert re.fullmatch(r"\d+ hits for “caseloads”", summary(soup))
    cards = soup.select("li.hit")
    assert len(cards) == 10
    first = cards[0]
    assert first.select_one(".badge").get_text() == "Finding"
    assert "About: CRC" in first.select_one(".hit-facts").get_text()
    assert first.select_one(".snippet mark").get_text().lower() == "caseloads"
    href = first.select_one(".hit-title a")["href"]
    # The Derbyshire report's short CRC finding ("... the people on their caseloads").
    report = "/documents/005_derbyshire_quality_and_impact_2016.pdf?"
    assert href.startswith(report) and href.endswith("#e-8")
    assert ("hit", "8") in params(href) and ("q", "caseloads") in params(href)


def test_cards_name_the_comment_place_and_the_quote_speaker(client: FlaskClient) -> None:
    comments = page(client, "/search?q=redundant&kind=comment")
    facts = comments.select_one("li.hit .hit-facts").get_text(" ")
    assert "Comment 2" in facts
    quotes = page(client, '/search?q="standards+have+slipped"&kind=quote')
    assert "Speaker: Glenys Stacey" in quotes.select_one("li.hit .hit-facts").get_text(" ")


def test_facet_value_filters_and_its_chip_removes_the_filter(client: FlaskClient) -> None:
    soup = page(client, "/search?q=caseloads")
    kinds = facet_links(soup, "kind")
    count, url, selected = kinds["finding"]
    assert not selected
    filtered = page(client, url)
    assert summary(filtered).startswith(f"{count} hit")
    assert all(
        card.select_one(".badge").get_text() == "Finding" for card in filtered.select(".hit")
    )
    assert facet_links(filtered, "kind")["finding"][2] is True
    chips = filtered.select(".chips a.chip")
    assert [chip.get_text(" ", strip=True).split(" ×")[0] for chip in chips] == [
        "Element kind: Finding"
    ]
    restored = page(client, chips[0]["href"])
    assert summary(restored) == summary(soup)


def test_values_of_one_facet_or_together_and_facets_and_across(client: FlaskClient) -> None:
    base = page(client, "/search?q=caseloads")
    kinds = facet_links(base, "kind")
    both = page(client, "/search?q=caseloads&kind=finding&kind=comment")
    assert summary(both).startswith(f"{kinds['finding'][0] + kinds['comment'][0]} hit")
    # Disjunctive counts: the kind facet still counts the values not chosen.
    assert facet_links(both, "kind")["section"][0] == kinds["section"][0]
    narrowed = page(client, "/search?q=caseloads&kind=finding&kind=comment&org=CRC")
    total = int(summary(narrowed).split()[0])
    assert 0 < total <= kinds["finding"][0] + kinds["comment"][0]
    assert len(narrowed.select(".chips a.chip")) == 3


def test_date_range_filters_and_shows_as_a_chip(client: FlaskClient) -> None:
    soup = page(client, "/search?q=caseloads&from=2017-01")
    dates = [card.select_one(".hit-context").get_text() for card in soup.select(".hit")]
    assert dates and all("2017" in date for date in dates)
    chip = soup.select_one(".chips a.chip")
    assert chip.get_text(" ", strip=True).startswith("From 2017-01")
    assert ("from", "2017-01") not in params(chip["href"])


def test_sort_orders_hits_by_date(client: FlaskClient) -> None:
    newest = page(client, "/search?q=probation&sort=newest")
    oldest = page(client, "/search?q=probation&sort=oldest")
    first_new = newest.select_one(".hit .hit-context").get_text()
    first_old = oldest.select_one(".hit .hit-context").get_text()
    assert first_new.startswith("13 January 2017") and first_old.startswith("21 September 2016")
    assert newest.select_one("#sort option[selected]")["value"] == "newest"


def test_pagination_walks_the_hits_without_repeats(client: FlaskClient) -> None:
    first = page(client, "/search?q=probation&size=5")
    second = page(client, first.select_one('.pager a[rel="next"]')["href"])
    assert second.select_one("ol.hits")["start"] == "6"
    ids = lambda soup: [a["href"] for a in soup.select(".hit-title a")]  # noqa: E731
    assert not set(ids(first)) & set(ids(second))
    assert second.select_one(".pager .current").get_text(" ", strip=True) == "Page 2"
    assert second.select_one('.pager a[rel="prev"]') is not None


def test_collapse_shows_one_hit_per_document(client: FlaskClient) -> None:
    soup = page(client, "/search?q=caseloads&collapse=1")
    titles = [a.get_text() for a in soup.select(".hit-title a")]
    line = summary(soup)
    assert len(titles) == len(set(titles)) == int(line.split()[0])
    assert "documents for" in line


def test_misspelling_offers_did_you_mean(client: FlaskClient) -> None:
    soup = page(client, "/search?q=casloads")
    link = soup.select_one(".suggestion a")
    assert link.get_text() == "caseloads"
    assert ("q", "caseloads") in params(link["href"])


def test_empty_result_under_filters_suggests_dropping_them(client: FlaskClient) -> None:
    soup = page(client, "/search?q=redundant&kind=quote")
    text = soup.select_one(".empty").get_text(" ")
    assert "Nothing matches “redundant” with the filters chosen" in " ".join(text.split())
    assert "Without the filters there" in text
    clear = soup.select_one(".empty a")["href"]
    assert params(clear) == [("q", "redundant")]


def test_rejected_query_explains_itself_with_400(client: FlaskClient) -> None:
    soup = page(client, "/search?q=colour:red", status=400)
    alert = soup.select_one('[role="alert"]').get_text(" ")
    assert "no field called 'colour'" in alert
    assert soup.select_one("details.syntax-help").has_attr("open")
    assert soup.select_one("input#q")["value"] == "colour:red"


def test_bad_parameters_get_400_with_a_message(client: FlaskClient) -> None:
    for url, words in (
        ("/search?q=x&page=0", "'page' must be a whole number from 1 to 100"),
        ("/search?q=x&page=101", "from 1 to 100"),
        ("/search?q=x&size=1000", "'size' must be a whole number from 1 to 100"),
        ("/search?q=x&sort=random", "'sort' must be one of relevance, newest, oldest"),
        ("/search?q=x&from=last+week", "is not a date"),
        ("/search?q=x&page=%C2%B2", "'page' must be a whole number"),
    ):
        soup = page(client, url, status=400)
        assert words in soup.select_one('[role="alert"]').get_text(" "), url


def test_document_page_shows_structure_and_marks_the_hit(client: FlaskClient) -> None:
    soup = page(client, "/documents/001_55a1e3615517bc02.txt?q=enforcement&hit=25")
    assert soup.select_one("h1").get_text() == (
        "Probation public protection work sub-standard in Staffordshire"
    )
    headings = [h.get_text() for h in soup.select("section.block > h2")]
    assert headings[:2] == ["Inspectors report on Staffordshire", "Findings — CRC"]
    crc = soup.select_one("section.block:has(> h2:-soup-contains('Findings — CRC'))")
    assert len(crc.select(".el-finding")) == 10
    hit = soup.select_one("#e-25")
    assert "is-hit" in hit["class"] and hit.select_one(".hit-flag")
    assert soup.select("mark") and all(
        m.get_text().lower().startswith("enforce") for m in soup.select("mark")
    )
    summary_text = soup.select_one(".doc-summary").get_text()
    assert summary_text == "Findings: 10 about CRC, 8 about NPS, 4 about co-ordination."


def test_document_page_threads_comments(client: FlaskClient) -> None:
    soup = page(client, "/documents/002_88a13416ebd90fb1.txt")
    thread = soup.select_one("section.comments > ol.thread")
    top = thread.find_all("li", class_="comment", recursive=False)
    assert [li.select_one(".comment-path").get_text() for li in top] == ["1", "2", "3", "4", "5"]
    replies = top[2].select_one("ol.replies").find_all("li", recursive=False)
    assert [li.select_one(".comment-path").get_text() for li in replies] == [
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "3.5",
    ]
    assert soup.select_one("#comments-title").get_text() == "Reader comments (10)"


def test_document_page_shows_quote_speakers_and_signatures(client: FlaskClient) -> None:
    release = page(client, "/documents/004_e5c2bc1fff8f5255.txt")
    captions = [c.get_text() for c in release.select(".quote figcaption")]
    assert "— Glenys Stacey" in captions
    blog = page(client, "/documents/000_3317e4b1ec0bb89e.txt")
    authors = [a.get_text() for a in blog.select(".comment-author")]
    assert authors[-1] == "The honest PO"


def test_unknown_document_is_404_and_traversal_finds_nothing(client: FlaskClient) -> None:
    for url in (
        "/documents/nope.txt",
        "/documents/../../etc/passwd",
        "/documents/%2e%2e/%2e%2e/etc/passwd",
        "/documents/..%2F..%2Fsetup.cfg",
        "/documents//etc/passwd",
    ):
        response = client.get(url, follow_redirects=True)  # "//" is first merged, then 404
        assert response.status_code == 404, url
        assert "root:" not in response.get_data(as_text=True)


def test_security_headers_on_every_response(client: FlaskClient) -> None:
    for url in (
        "/",
        "/search?q=caseloads",
        "/documents/nope",
        "/api/search?q=x",
        "/static/style.css",
    ):
        with client.get(url) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"


def test_more_like_this_lists_related_elements(client: FlaskClient) -> None:
    results = page(client, "/search?q=enforcement&kind=finding&org=NPS")
    similar_url = results.select_one("li.hit .hit-context a")["href"]
    assert similar_url.startswith("/similar/")
    soup = page(client, similar_url)
    source = soup.select_one(".similar-source")
    assert source.select_one(".badge").get_text() == "Finding"
    cards = soup.select("li.hit")
    assert cards and len(cards) <= 10
    source_link = source.select_one("a")["href"]
    assert all(card.select_one(".hit-title a")["href"] != source_link for card in cards)
    assert client.get("/similar/nope.txt:1").status_code == 404
    assert client.get("/similar/001_55a1e3615517bc02.txt:9999").status_code == 404


def test_browsing_without_a_query_lists_one_hit_per_document(client: FlaskClient) -> None:
    browse = client.get("/api/search").get_json()
    documents = [hit["document_id"] for hit in browse["hits"]]
    bundled = [p for p in SEED_DOCUMENTS.iterdir() if ".meta." not in p.name]
    assert len(documents) == len(set(documents)) == browse["total"] == len(bundled)
    assert all(hit["more_in_document"] > 0 for hit in browse["hits"])
    page = client.get("/search").get_data(as_text=True)
    assert re.search(r'name="collapse" value="1"[^>]*checked', page)
    unchecked = client.get("/api/search?collapse=0").get_json()  # the form's hidden value
    assert unchecked["total"] > 100
    searched = client.get("/api/search?q=caseloads").get_json()  # a query: every element
    assert len({h["document_id"] for h in searched["hits"]}) < len(searched["hits"])
    both = client.get("/api/search?collapse=0&collapse=1").get_json()  # the box ticked
    assert both["total"] == len(bundled)


def test_a_reproduced_finding_shows_its_sources_on_the_card_and_the_document(
    client: FlaskClient,
) -> None:
    query = "q=%22seeking+to+quality+assure%22"  # a CRC finding two posts reproduce
    api = client.get(f"/api/search?{query}").get_json()
    (hit,) = api["hits"]
    assert hit["also_in"]
    page = BeautifulSoup(client.get(f"/search?{query}").data, "html.parser")
    card = page.select_one("li.hit")
    assert card is not None
    assert f"Original of {len(hit['also_in']) + 1} sources" in card.get_text()
    listed = [a["href"] for a in card.select(".also-in a")]
    assert len(listed) == len(hit["also_in"])
    copy = hit["also_in"][-1]
    document = BeautifulSoup(client.get(f"/documents/{copy['document_id']}").data, "html.parser")
    element = document.select_one(f"#e-{copy['position']}")
    assert element is not None
    sources = element.select_one(".also-in")
    assert sources is not None and "original" in sources.get_text()
    first = sources.select_one("a")
    assert first is not None and f"/documents/{hit['document_id']}" in str(first["href"])


# --- messages, not silence (issue 16) ------------------------------------------------------


def error_notice(soup: BeautifulSoup) -> str:
    notice = soup.select_one(".notice-error")
    assert notice is not None
    return " ".join(notice.get_text(" ").split())


def test_an_unknown_kind_in_the_url_gets_the_message_of_the_query(client: FlaskClient) -> None:
    from_url = error_notice(page(client, "/search?q=caseloads&kind=memo", 400))
    from_query = error_notice(page(client, "/search?q=caseloads+kind:memo", 400))
    assert "kind:memo is not a kind." in from_url
    assert "kind:finding" in from_url  # it lists the kinds
    assert from_url == from_query


def test_a_url_kind_in_another_spelling_is_read_as_the_kind(client: FlaskClient) -> None:
    plural = page(client, "/search?q=caseloads&kind=Findings")
    exact = page(client, "/search?q=caseloads&kind=finding")
    assert summary(plural) == summary(exact)
    assert facet_links(plural, "kind")["finding"][2]  # shown as selected


def test_a_year_that_is_not_a_year_is_refused(client: FlaskClient) -> None:
    assert "year:20x6 is not a year." in error_notice(page(client, "/search?year=20x6", 400))
    assert "year:20x6 is not a year." in error_notice(page(client, "/search?q=year:20x6", 400))


def test_an_error_page_keeps_the_facets_and_puts_the_message_first(client: FlaskClient) -> None:
    soup = page(client, "/search?q=caseloads+AND&org=CRC", 400)
    main = soup.select_one("main")
    first = main.find(True)
    assert "notice-error" in first["class"]
    assert "AND has nothing to its right" in error_notice(soup)
    # The filters alone are still counted, the chosen one selected, and the page says so.
    kinds = facet_links(soup, "kind")
    assert kinds and all(count > 0 for count, _, _ in kinds.values())
    assert facet_links(soup, "organisation")["CRC"][2]
    assert "the query could not run" in soup.select_one(".filters").get_text()
    assert soup.select_one('a.skip-link[href="#search-error"]') is not None


def test_a_bad_filter_still_lists_the_collection_facets(client: FlaskClient) -> None:
    soup = page(client, "/search?q=caseloads&kind=memo", 400)
    kinds = {"section", "finding", "quote", "comment", "recommendation"}  # the bundled report's too
    assert set(facet_links(soup, "kind")) == kinds


def test_a_page_past_the_end_says_so_and_links_the_last_page(client: FlaskClient) -> None:
    first = page(client, "/search?q=caseloads&size=5")
    pages = [a for a in first.select(".pager a") if a.get_text(strip=True).startswith("Page")]
    last = int(pages[-1].get_text(strip=True).removeprefix("Page"))
    soup = page(client, "/search?q=caseloads&size=5&page=40")
    notice = " ".join(soup.select_one(".past-end").get_text(" ").split())
    assert notice.startswith("Page 40 is past the end: the ")
    assert f"fill {last} pages" in notice
    link = soup.select_one(".past-end a")
    assert ("page", str(last)) in params(link["href"]) and ("q", "caseloads") in params(
        link["href"]
    )
    assert page(client, link["href"]).select(".hit")
    assert page(client, "/search?q=caseloads&size=5").select_one(".past-end") is None


def test_counts_have_the_right_grammar(client: FlaskClient) -> None:
    soup = page(client, '/search?q="unreasonable and unmanageable"')
    assert summary(soup) == '1 hit for “"unreasonable and unmanageable"”'
    one = [
        link.select_one(".facet-count").get_text(" ", strip=True)
        for link in soup.select("a.facet-value")
    ]
    assert "1 element" in one and "1 elements" not in one


# --- facets that add up (issue 16) ---------------------------------------------------------


def test_a_selected_value_with_no_hits_stays_in_its_facet(client: FlaskClient) -> None:
    # Press releases have no reader comments: the chosen type counts 0 under kind=comment.
    soup = page(client, "/search?kind=comment&type=press_release")
    assert "No documents" in summary(soup)  # browsing lists documents
    assert facet_links(soup, "source_type")["press_release"][::2] == (0, True)
    assert facet_links(soup, "kind")["comment"][2]
    unknown = page(client, "/search?q=caseloads&region=Atlantis")
    count, url, selected = facet_links(unknown, "region")["Atlantis"]
    assert (count, selected) == (0, True)
    assert ("region", "Atlantis") not in params(url)  # the link unselects it


def test_the_page_says_why_facets_count_more_than_the_total(client: FlaskClient) -> None:
    soup = page(client, "/search?collapse=0")  # every element, copies shown once
    total = int(summary(soup).split()[0].replace(",", ""))
    kinds = facet_links(soup, "kind")
    counted = sum(count for count, _, _ in kinds.values())
    note = soup.select_one(".counts-note")
    assert counted > total  # the seeds reproduce report text in several posts
    assert note is not None
    assert f"{counted - total} elements repeat a text" in note.get_text()


def test_no_counts_note_when_the_counts_add_up(client: FlaskClient) -> None:
    soup = page(client, "/search?q=caseloads&type=press_release")
    total = int(summary(soup).split()[0])
    assert sum(count for count, _, _ in facet_links(soup, "kind").values()) == total
    assert soup.select_one(".counts-note") is None


# --- keyboard (issue 16) -------------------------------------------------------------------


def test_the_search_page_offers_skip_to_results(client: FlaskClient) -> None:
    soup = page(client, "/search?q=caseloads")
    skip = soup.select_one('a.skip-link[href="#results"]')
    assert skip is not None and skip.get_text() == "Skip to results"
    assert soup.select_one("#results") is not None


def test_the_document_page_has_a_search_box_for_slash(client: FlaskClient) -> None:
    soup = page(client, "/documents/001_55a1e3615517bc02.txt?q=caseloads")
    box = soup.select_one("input#q")
    assert box is not None and box["value"] == "caseloads"
    assert box.find_parent("form")["action"] == "/search"


# --- regions that mean something (issue 16) -----------------------------------------------


def test_no_region_counts_every_element_of_the_collection(client: FlaskClient) -> None:
    soup = page(client, "/search")
    total_elements = sum(count for count, _, _ in facet_links(soup, "source_type").values())
    regions = facet_links(soup, "region")
    assert max(count for count, _, _ in regions.values()) < total_elements
    # Durham is named once, in passing, by the post about London: it is no subject.
    assert "Durham" not in regions


def test_a_region_mentioned_in_passing_stays_searchable_as_a_word(client: FlaskClient) -> None:
    soup = page(client, "/search?q=Durham")
    ids = [card.select_one(".hit-title a")["href"] for card in soup.select(".hit")]
    assert any(href.startswith("/documents/003_8893c796f86cfea1.txt") for href in ids)
    filed = page(client, "/search?region=London")
    assert "003_8893c796f86cfea1.txt" in str(filed.select(".hit-title a"))


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("((((", "A bracket ( is not closed."),
        ("caseloads)", "A closing bracket ) has no opening bracket."),
        ("org:", "org: needs a value right after the colon."),
        ("OR", "OR has nothing to its left."),
        ("NOT", "NOT has nothing after it."),
        ("year:1900..2000", "The range year:1900..2000 is wider than 50 years."),
    ],
)
def test_a_query_that_cannot_run_says_why_and_keeps_the_facets(
    client: FlaskClient, query: str, says: str
) -> None:
    soup = page(client, f"/search?q={quote(query)}", 400)
    assert says in error_notice(soup)
    assert facet_links(soup, "kind")  # the collection's facets are still listed
