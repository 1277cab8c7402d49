"""Every pattern of the report parsers in one place: ratings, headings, addressees, dates."""

from __future__ import annotations

import re

RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
"""The inspectorate's four-point scale (from 2018), best first."""
_RATING = "|".join(RATINGS)
RATING_ROW = re.compile(
    r"^(?P<standard>Overall rating|Overall|\d+\.\d+\.?\s+\S.*?)\s*[:\-–]?\s+"
    rf"(?P<rating>{_RATING})$",
    re.I,
)
"""A ratings-table row as one line: "2.1 Assessment Requires improvement"."""
RATING_LINE = re.compile(rf"^(?:Overall\s+)?rating\s*[:\-–]?\s*(?P<rating>{_RATING})\.?$", re.I)
"""A standard's own rating line in its chapter: "Rating: Good"."""
RATING_VALUE = re.compile(rf"^(?:{_RATING})$", re.I)
TABLE_HEADER = re.compile(r"^.{0,100}\s(?:rating|ratings|rating given)$", re.I)
OVERALL = re.compile(r"^overall(?: rating)?$", re.I)

BULLET = re.compile(r"^[•●▪◦‣∙·–\-]\s+(?P<text>\S.*)$")
NUMBERED = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<text>\S.*)$")
PRACTICE_EXAMPLE = re.compile(r"^(?P<quality>good|poor)\s+practice\s+example\b.*$", re.I)

RATINGS_HEADING = re.compile(r"^ratings?$", re.I)
RECOMMENDATIONS_HEADING = re.compile(r"^recommendations?$", re.I)
KEY_FINDINGS_HEADING = re.compile(r"^(?:key|overall|main)\s+findings$", re.I)
STRENGTHS = re.compile(r"^strengths?\s*:?$", re.I)
AREAS = re.compile(r"^areas?\s+for\s+improvement\s*:?$", re.I)
ADDRESSEE = re.compile(r"^(?:we recommend that\s+)?(?P<who>.+?)\s+should\s*:?$", re.I)

MONTH_YEAR = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(?P<year>(?:19|20)\d\d)\b"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
FIELDWORK = re.compile(
    r"fieldwork(?: for this inspection)?\s+(?:started|began|commenced|took place|was carried out)"
    r"\s+(?:on\s+|in\s+|between\s+|from\s+|during\s+)?(?P<when>[^.;]{3,60})",
    re.I,
)
FIELDWORK_RANGE = re.compile(
    rf"^(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTH}))?(?:\s+(?P<y1>(?:19|20)\d\d))?\s*"
    rf"(?:and|to|until|–|-)\s*(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+(?P<y2>(?:19|20)\d\d)",
    re.I,
)
"""A fieldwork period: "4 and 15 July 2016", "27 June to 8 July 2016"."""
LEAD_INSPECTOR = re.compile(
    r"(?:led by|lead inspector(?: was)?[:\s])\s*(?:HM Inspector\s+|HMI\s+|HM Assistant Chief "
    r"Inspector\s+)?(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3})"
)
LICENCE = re.compile(
    r"^(?:©|\(c\)|crown copyright)|open government licence|^published by\b|^all content is "
    r"available under|^this publication is available at",
    re.I,
)
