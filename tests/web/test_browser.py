"""End to end in Chromium: search, narrow by facets, page through, open a hit in place."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser


def result_count(page: Page) -> int:
    text = page.locator(".results-summary").inner_text()
    match = re.match(r"([\d,]+|No) ", text)
    assert match, text
    return 0 if match[1] == "No" else int(match[1].replace(",", ""))


def facet(page: Page, name: str, value: str) -> Locator:
    return page.locator(f'a.facet-value[data-facet="{name}"][data-value="{value}"]')


def test_search_then_facet_then_chip_round_trip(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.get_by_label("Search reports, findings, quotes and comments").fill("caseloads")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=caseloads$"))
    total = result_count(page)
    finding = facet(page, "kind", "finding")
    expected = int(finding.locator(".facet-count").inner_text().split()[0])
    assert 0 < expected < total

    finding.click()
    expect(page).to_have_url(re.compile(r"kind=finding"))
    assert result_count(page) == expected
    badges = page.locator("li.hit .badge").all_inner_texts()
    assert badges and set(badges) == {"FINDING"}  # badges are styled upper case
    expect(facet(page, "kind", "finding")).to_have_class(re.compile("is-selected"))
    chip = page.locator(".chips a.chip")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text("Element kind: Finding")

    chip.click()
    expect(page.locator(".chips")).to_have_count(0)
    assert result_count(page) == total
    page.go_back()  # everything lives in the URL: the back button restores the filter
    expect(page).to_have_url(re.compile(r"kind=finding"))
    assert result_count(page) == expected


def test_pages_through_results(page: Page, live_server: str) -> None:
    page.goto(live_server + "/search?q=probation&size=5")
    first = page.locator(".hit-title a").all_inner_texts()
    page.get_by_role("link", name="Next ›").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator('.pager [aria-current="page"]')).to_have_text(re.compile(r"2"))
    second = page.locator(".hit-title a").all_inner_texts()
    assert len(second) == 5 and second != first
    page.get_by_role("link", name="‹ Previous").click()
    assert page.locator(".hit-title a").all_inner_texts() == first


def test_opening_a_hit_lands_on_the_marked_element(page: Page, live_server: str) -> None:
    page.goto(live_server + "/search?q=redundant&kind=comment")
    link = page.locator(".hit-title a").first
    href = link.get_attribute("href") or ""
    anchor = href.rsplit("#", 1)[1]
    link.click()
    expect(page).to_have_url(re.compile(r"/documents/.+#" + anchor))
    target = page.locator(f"#{anchor}")
    expect(target).to_have_class(re.compile("is-hit"))
    expect(target).to_be_in_viewport()
    expect(target.locator(".hit-flag")).to_have_text("Your search hit")
    assert page.evaluate("document.querySelector(':target').id") == anchor
    marks = target.locator("mark").all_inner_texts()
    assert marks and all(m.lower().startswith("redundan") for m in marks)


def test_comment_replies_are_indented_under_their_parent(page: Page, live_server: str) -> None:
    page.goto(live_server + "/documents/002_88a13416ebd90fb1.txt")
    comments = page.locator("section.comments")
    parent = comments.locator("li.comment:has(> article .comment-path:text-is('3')) > article")
    reply = comments.locator("li.comment:has(> article .comment-path:text-is('3.1')) > article")
    sibling = comments.locator("li.comment:has(> article .comment-path:text-is('4')) > article")
    parent_box, reply_box, sibling_box = (
        parent.bounding_box(),
        reply.bounding_box(),
        sibling.bounding_box(),
    )
    assert parent_box and reply_box and sibling_box
    assert reply_box["x"] >= parent_box["x"] + 16  # replies sit visibly to the right
    assert sibling_box["x"] == parent_box["x"]
    assert parent_box["y"] < reply_box["y"] < sibling_box["y"]


def test_sort_applies_on_change_with_javascript(page: Page, live_server: str) -> None:
    page.goto(live_server + "/search?q=probation")
    expect(page.locator(".sort-form button")).to_be_hidden()  # JavaScript submits on change
    page.get_by_label("Sort by").select_option("oldest")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    expect(page.locator(".hit .hit-context").first).to_contain_text("21 September 2016")


def test_everything_works_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/search?q=probation")
    page.get_by_label("Sort by").select_option("oldest")
    page.locator(".sort-form button").click()
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    facet(page, "source_type", "press_release").click()
    expect(page).to_have_url(re.compile(r"type=press_release"))
    page.get_by_label("From").fill("2016-09")
    page.get_by_role("button", name="Apply dates").click()
    expect(page).to_have_url(re.compile(r"from=2016-09"))
    expect(page.locator(".chips a.chip")).to_have_count(2)
    context.close()


def test_script_in_the_query_is_shown_not_run(page: Page, live_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server + "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20caseloads")
    expect(page.locator("#q")).to_have_value("<script>alert(1)</script> caseloads")
    expect(page.locator(".results-summary, .notice-error").first).to_contain_text("<script>")
    assert dialogs == []


def test_keyboard_slash_focuses_the_search_box(page: Page, live_server: str) -> None:
    page.goto(live_server + "/documents/001_55a1e3615517bc02.txt")
    page.goto(live_server + "/search?q=caseloads")
    page.locator("body").click(position={"x": 5, "y": 400})
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Search")).to_be_focused()


def test_phone_width_has_no_sideways_scroll_and_hits_come_first(
    browser: Browser, live_server: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in ("/search?q=caseloads", "/documents/002_88a13416ebd90fb1.txt"):
        page.goto(live_server + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    page.goto(live_server + "/search?q=caseloads")
    expect(page.locator("details.filters-panel")).not_to_have_attribute("open", "")
    expect(page.locator("li.hit").first).to_be_in_viewport()
    page.get_by_text("Filter results").click()
    expect(facet(page, "kind", "finding")).to_be_visible()
    context.close()


@pytest.mark.browser
def test_browsing_collapses_by_document_until_the_box_is_unticked(
    page: Page, live_server: str
) -> None:
    page.goto(f"{live_server}/search")
    box = page.get_by_label("One hit per document")
    expect(box).to_be_checked()
    collapsed = result_count(page)
    box.uncheck()  # submits at once (enhance.js); the form sends its hidden collapse=0
    expect(page).to_have_url(re.compile(r"collapse=0"))
    expect(page.get_by_label("One hit per document")).not_to_be_checked()
    assert result_count(page) > collapsed


def test_slash_focuses_the_search_box_on_a_document_page_too(page: Page, live_server: str) -> None:
    page.goto(live_server + "/documents/001_55a1e3615517bc02.txt?q=caseloads")
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    expect(page.locator("#q")).to_have_value("caseloads")
    page.keyboard.type("caseloads Derbyshire")  # "/" selected the old query: typing replaces it
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=caseloads\+Derbyshire$"))
    assert result_count(page) > 0


def test_skip_to_results_is_the_first_stop_and_lands_on_the_hits(
    page: Page, live_server: str
) -> None:
    page.goto(live_server + "/search?q=caseloads")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#results")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the results, not the filters
    assert page.evaluate("document.activeElement.closest('#results') !== null")
