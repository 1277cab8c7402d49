"""The registry of site recognisers, tried in order; the generic article fallback is last.

Adding a site is one small module with `matches(markup)` and `extract(markup)` (see
`indexer/parse/html/page.py`) and one line here, placed before any broader recogniser that
would also match it (the inspectorate runs WordPress, so it comes before WordPress).
"""

from __future__ import annotations

from indexer.parse.html.page import Site
from indexer.parse.html.sites import blogger, generic, govuk, hmip, hmip_report, wordpress

SITES: tuple[Site, ...] = (
    Site("hmi_probation_report", hmip_report.matches, hmip_report.extract),
    Site("hmi_probation", hmip.matches, hmip.extract),
    Site("govuk", govuk.matches, govuk.extract),
    Site("blogger", blogger.matches, blogger.extract),
    Site("wordpress", wordpress.matches, wordpress.extract),
    Site("generic", generic.matches, generic.extract),
)
