"""Facet links built once per facet give the same URLs as toggling each value afresh."""

from __future__ import annotations

import pytest

from web import links

CURRENT = [
    ("q", "caseloads & “risk”"),
    ("org", "CRC"),
    ("page", "3"),
    ("region", "Yorkshire and the Humber"),
]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("org", "NPS"),  # added beside the selected value
        ("org", "CRC"),  # the selected value: removed
        ("region", "Bedford=shire?"),  # characters a query string must escape
        ("speaker", "Dame Glenys Stacey"),
        ("inspection", "derbyshire-2016-09"),
    ],
)
def test_a_toggle_link_is_the_toggled_parameters(name: str, value: str) -> None:
    toggles = links.Toggles("/search", CURRENT)
    assert toggles.href(name, value) == links.href("/search", links.toggled(CURRENT, name, value))
    assert "page=" not in toggles.href(name, value)  # back to page 1


def test_links_without_other_parameters() -> None:
    toggles = links.Toggles("/search", [("page", "2")])
    assert toggles.href("kind", "finding") == "/search?kind=finding"
    assert toggles.unchanged == "/search"
    assert links.Toggles("/search", CURRENT).unchanged == links.href(
        "/search", links.without(CURRENT)
    )
