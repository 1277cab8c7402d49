"""Words the pages show for the index's values: facet names, kinds, source types, dates."""

from __future__ import annotations

import datetime

FACET_LABELS = {
    "source_type": "Source type",
    "kind": "Element kind",
    "organisation": "Organisation",
    "region": "Region",
    "year": "Year",
    "speaker": "Speaker",
    "site": "Site",
    "rating": "Overall rating",
}
VALUE_LABELS = {
    "source_type": {
        "inspection_report": "Inspection report",
        "press_release": "Press release",
        "news": "News",
        "blog_post": "Blog post",
        "other": "Other",
    },
    "kind": {
        "section": "Section",
        "finding": "Finding",
        "quote": "Quote",
        "comment": "Comment",
        "recommendation": "Recommendation",
        "rating": "Rating",
    },
}


def value_label(facet: str, value: str) -> str:
    """Return how a facet value reads on the page ("blog_post" → "Blog post")."""
    return VALUE_LABELS.get(facet, {}).get(value, value)


def human_date(iso: str | None) -> str:
    """Return "14 December 2016" for an ISO date ("June 2019" for a month), else the text."""
    if not iso:
        return ""
    if len(iso) == 7:
        try:
            return f"{datetime.date.fromisoformat(iso + '-01'):%B %Y}"
        except ValueError:
            return iso
    try:
        day = datetime.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def human_datetime(iso: str | None) -> str:
    """Return "14 December 2016, 10:05" for an ISO timestamp (date alone if no time)."""
    if not iso:
        return ""
    try:
        moment = datetime.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if len(iso) <= 10:
        return human_date(iso)
    return f"{human_date(iso)}, {moment:%H:%M}"
