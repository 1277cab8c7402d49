"""Every pattern and boilerplate list the plain-text parsers use, kept in one place.

Families, dates, quotes and comment threads read their regular expressions from here, so a
new site convention is a change to this module rather than a hunt through the parsers.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------ lines and blocks

BULLET = re.compile(r"^\s*(?:[•●▪◦‣]|[*-](?=\s))\s*")
NUMBERED = re.compile(r"^(?P<indent> *)(?P<number>\d{1,3})\.\s+(?P<text>\S.*)$")
TERMINAL_PUNCTUATION = ".:;,!?"
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 90
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘']?[A-Z])")

# Lines that are site chrome, never content; compared case-insensitively after trimming.
BOILERPLATE_LINES = frozenset(
    line.casefold()
    for line in (
        "Menu",
        "Keep up to date with Drugs & Crime",
        "Keep up-to-date on drugs and crime",
        "Share This Post",
        "Share on twitter",
        "Share on facebook",
        "Share on linkedin",
        "Share on print",
        "Share on email",
        "Share on whatsapp",
        "Related posts",
        "Leave a Reply",
        "Leave a Comment",
        "Your email address will not be published.",
        "All Probation Posts are sponsored by Unilink",
        "One Response",
        "Transforming Rehabilitation Resource Pack",
        "Select Language",
        "keep informed",
        "One email every day at noon",
        "No comments:",
        "Post a Comment",
        "Newer Post",
        "Older Post",
        "Home",
        "Subscribe to: Post Comments (Atom)",
        "Skip to content",
        "(Back to top)",
        "Back to top",
        "Tweet",
        "Read more:",
        "Read more",
        "Related stories",
    )
)
BOILERPLATE_PREFIXES = tuple(
    prefix.casefold()
    for prefix in (
        "You will get one email",
        "Click here to see my infographic",
        "The graphic below combines",
        "Keep up with all the latest developments by clicking",
        "Criminal Justice & substance misuse expert",
        "Are you OK with cookies?",
        "All content is available under the Open Government Licence",
    )
)
BOILERPLATE_PATTERNS = (
    re.compile(r"^\d+ (?:comments?|responses?|replies):?$", re.IGNORECASE),
    re.compile(r"^\d+ Responses? to ", re.IGNORECASE),
    re.compile(r"^(?:One|\d+) Repl(?:y|ies) to ", re.IGNORECASE),
    re.compile(r"^Posted by .{1,60} at \d{1,2}:\d{2}", re.IGNORECASE),
    # Cookie banners: short lines that ask about or announce the site's cookies.
    re.compile(
        r"^(?=.{0,240}$).*(?:\b(?:we|this (?:web)?site) uses? cookies\b|\b(?:accept|allow|reject"
        r"|manage)(?: all)? cookies\b|\bcookie (?:policy|settings|preferences|notice)\b)",
        re.IGNORECASE,
    ),
    # Fundraising and membership strips of news sites and charities' blogs.
    re.compile(
        r"^(?=.{0,200}$)(?:support (?:our|local|independent|quality|public[- ]interest) "
        r"journalism|(?:please )?(?:donate|subscribe) (?:now|today|from)|become a "
        r"(?:member|supporter|subscriber|patron)\b|make a (?:donation|contribution)\b"
        r"|help (?:us )?(?:keep|fund) (?:our|this|independent|local)\b"
        r"|.{0,60}\bis funded by (?:its )?readers\b)",
        re.IGNORECASE,
    ),
)

# ------------------------------------------------------------------ family markers

ANALYSIS_MARKERS = (
    "Keep up to date with Drugs & Crime",
    "Keep up-to-date on drugs and crime",
    "Share This Post",
    "Share on twitter",
    "All Probation Posts are sponsored by Unilink",
    "Criminal Justice & substance misuse expert",
    "Transforming Rehabilitation Resource Pack",
    "russellwebster.com",
)
ANALYSIS_MIN_MARKERS = 2
# Header lines of the analysis blog; everything up to the last of them (before the first
# share block) is masthead, including image alt text between them.
ANALYSIS_HEADER = re.compile(
    r"^(?:Menu|Keep up to date with Drugs & Crime"
    r"|Criminal Justice & substance misuse expert.*|.*\bauthor of this blog\b.*)$",
    re.IGNORECASE,
)
# The masthead's author box: "<Name>" then "… expert and author of this blog." The name is the
# blog's author and, for a one-author blog, its site name: read from the page, never assumed.
ANALYSIS_AUTHOR_BOX = re.compile(r"\bauthor of this blog\b", re.IGNORECASE)
MASTHEAD_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")
ANALYSIS_SHARE = re.compile(r"^Share (?:This Post|on \w+)$", re.IGNORECASE)
# The analysis blog's footer: from the first of these lines on, nothing is content.
ANALYSIS_FOOTER = re.compile(
    r"^(?:Related posts|Leave a Reply|One Response|\d+ Responses|All Probation Posts are"
    r" sponsored by .*|Transforming Rehabilitation Resource Pack|Select Language)$",
    re.IGNORECASE,
)
FINDINGS_HEADING = re.compile(r"^Findings\s*[—–-]\s*(?P<topic>.+)$", re.IGNORECASE)
FINDINGS_LEAD_IN = re.compile(
    r"\b(?:find(?:ings?|s? that)|found that)\b|\bfound:", re.IGNORECASE
)
COORDINATION = re.compile(r"\bco-?ordination\b", re.IGNORECASE)
GROUP_COORDINATION = "co-ordination"
# A lead-in of the analysis blog that introduces text reproduced from the inspection.
REPORT_LEAD_IN = re.compile(
    r"(?:\binspect(?:ors?|orate|ion)\b|\breport\b|last wor[dk] to).*:\s*$", re.IGNORECASE
)
VERDICT_OF = re.compile(r"^That is the (?:overall )?verdict of\b", re.IGNORECASE)

# A blogger lead-in that opens a block copied from elsewhere ("as reported on the BBC
# website:-", "From the report:-", "the following is a taster").
BLOGGER_LEAD_IN = re.compile(r"(?::-\s*$|\bthe following is\b)", re.IGNORECASE)
REPORT_HINT = re.compile(r"\b(?:inspect(?:ors?|orate|ion)|report|findings)\b", re.IGNORECASE)
REPORT_SOURCE = "HMI Probation"

PRESS_SITE = "HM Inspectorate of Probation"
"""The site of a release that names the inspectorate or its Chief Inspector (`PRESS_PUBLISHER`)."""
PRESS_PUBLISHER = re.compile(
    r"\b(?:HM|Her Majesty[’']s) (?:Chief Inspector|Inspectorate) of Probation\b"
    r"|\bHMI Probation\b|\bHMIP\b"
)
# A release's own signs besides ENDS and the notes: the Chief Inspector's words introduced in
# the third person, and the act of publishing. Two different signs make a release.
PRESS_SIGNS = (
    re.compile(
        r"\bChief Inspector(?: of Probation)?\b[^.]{0,80}\b(?:said|says|added)\b"
        r"|\b(?:said|says|added)\b[^.]{0,80}\bChief Inspector(?: of Probation)?\b"
    ),
    re.compile(
        r"\b(?:publishing|launching|on publishing) (?:the|this|her|his|today's) "
        r"(?:report|inspection|findings)\b"
        r"|\b(?:report|inspection) (?:is |was )?published today\b"
        r"|\btoday (?:she|he|the inspectorate) published\b",
        re.IGNORECASE,
    ),
)
PRESS_MIN_SIGNS = 2
PRESS_ENDS = re.compile(r"^[–—-]*\s*ENDS\s*[–—-]*$")
PRESS_NOTES = re.compile(r"^Notes? (?:to|for) editors?:?$", re.IGNORECASE)
PRESS_NOTES_HEADING = "Notes to editors"

# ------------------------------------------------------------------ news bylines

_BYLINE_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|le|la|du)){1,3}"
# "Phil Miller - 15 February 2019", "By Hannah Moore | 14 March 2018", "Jo Bloggs, Home
# Affairs Editor - 3 May 2017": a name, an optional role, then a date after a separator.
BYLINE_DATED = re.compile(
    rf"^(?:By\s+)?(?P<author>{_BYLINE_NAME})(?:,\s*(?P<role>[^|–—•·]{{1,60}}?))?"
    r"\s*(?:\s[-–—|•·]\s*|,\s+|\s+on\s+)(?P<date>.{6,40})$"
)
# "Posted by Phil Miller in Britain" (a news site's author and section), maybe with a date.
BYLINE_POSTED = re.compile(
    rf"^Posted by\s+(?P<author>{_BYLINE_NAME})\s+in\s+(?P<section>[A-Z][\w&'’ -]{{1,40}}?)"
    r"(?:\s*(?:[-–—|•·,]|\s+on)\s*(?P<date>.{6,40}))?\s*$"
)
BYLINE_NAMED = re.compile(rf"^By\s+(?P<author>{_BYLINE_NAME})$")
"""A "By <name>" line; the date, if any, is on the next line."""
BYLINE_WINDOW = 12
"""Content lines from the top in which a news article's byline is looked for."""
BANNER_SEPARATOR = re.compile(r"\s+[-–—|:]\s+")
"""Between a site's name and its tagline in a masthead line ("Echo Times - Your news")."""

# ------------------------------------------------------------------ dates

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_DMY = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")
DATE_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A Blogger date header: the whole line is a weekday and a date.
DATE_LINE = re.compile(rf"^{WEEKDAY},?\s+(?P<date>.+?)\s*$", re.IGNORECASE)
# Phrases that date a publication ("published earlier today (12 January 2017)").
PUBLICATION_DATE = (
    re.compile(r"\bpublished (?:earlier |later )?today,?\s*\((?P<date>[^)]+)\)", re.IGNORECASE),
    re.compile(r"^Published:?\s+(?P<date>.+)$", re.IGNORECASE | re.MULTILINE),
    re.compile(r"\bis available at \S+ from (?P<date>\d{1,2} \w+ \d{4})", re.IGNORECASE),
)

# A line that only dates the page: read for the date, never kept as text.
DATELINE = re.compile(r"^(?:Published|Posted|First published)(?: on)?:?\s+(?P<date>.{6,40})$", re.I)

# ------------------------------------------------------------------ quotes

OPEN_QUOTE = '“"'
CLOSE_QUOTE = '”"'
SPEECH_VERB = (
    r"(?:said|says|added|adds|went on|continued|commented|stated|explained|warned"
    r"|told (?:us|the \w+|inspectors))"
)
# Every quote pattern below needs a speech verb: text without one is skipped cheaply.
ANY_SPEECH_VERB = re.compile(rf"\b{SPEECH_VERB}\b")
SUBJECT_MAX_CHARS = 300
"""Longest clause read as the subject of "said". The subject starts where its clause does (the
leftmost match did so anyway) and is bounded: unanchored and unbounded, every position of a long
unpunctuated run was scanned to its end (a 100,000-character word took three minutes)."""
_SUBJECT = rf"(?:^|(?<=[.!?:;“”\"]))(?P<subject>[^.!?:;“”\"]{{0,{SUBJECT_MAX_CHARS}}}?)"
# `X said: “…”` within one paragraph.
COLON_QUOTE = re.compile(rf"{_SUBJECT}\s+{SPEECH_VERB}:\s*[“\"](?=\S)")
# `X said “…”`, no colon: a quote only when the quoted words run long (else scare quotes).
SAID_QUOTE = re.compile(rf"{_SUBJECT}\s+{SPEECH_VERB},?\s+[“\"](?P<quote>[^“”\"]+)[”\"]")
SAID_QUOTE_MIN_WORDS = 6
# `“…,” she said` and `“…,” said X`.
TRAILING_QUOTE = re.compile(
    rf"[“\"](?P<quote>[^“”\"]+?)[,?!][”\"]\s+(?:(?P<subject>he|she|they|it"
    rf"|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}})\s+{SPEECH_VERB}\b|said\s+"
    rf"(?P<subject_after>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}}))"
)
# A paragraph that ends by introducing the next one as speech.
INTRO_END = re.compile(rf"(?:^|[.!?]\s+)(?P<subject>[^.!?:]*?)\s+{SPEECH_VERB}:-?\s*$")
LAST_WORD = re.compile(r"\bleave the last wor[dk] to\s+(?P<subject>[^:]+?):\s*$", re.IGNORECASE)
BARE_INTRO = re.compile(rf"^(?P<subject>[^.!?:]{{1,80}}?)\s+{SPEECH_VERB}:-?\s*$")
PRONOUNS = frozenset({"he", "she"})
# A paragraph that is nothing but a quote ending in a comma (or ? !) inside its closing mark:
# its attribution is the next paragraph ("“…,”" / "Dame Glenys Stacey said the report…").
AWAITING_ATTRIBUTION = re.compile(r"^[“\"][^“”\"]{2,}[,?!]\s*[”\"]$")
_NAMED = r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}"
# The opening of the paragraph after such a quote, naming who spoke.
ATTRIBUTION_OPENING = re.compile(
    rf"^(?:(?P<subject>[Hh]e|[Ss]he|{_NAMED}|(?:An?|The|One) [^.,;:“”\"]{{1,80}}?)\s+"
    rf"{SPEECH_VERB}\b|{SPEECH_VERB}\s+(?P<subject_after>{_NAMED}))"
)
ATTRIBUTION_TAG_MAX_WORDS = 6
"""An attribution this short ("she said.", "said Dame Glenys.") joins its quote; a longer one
goes on in reported speech and stays a section of its own."""
# "The report says:", "Inspectors found:", "As the inspectorate concluded:" introduce report
# text: its speaker is the inspectorate, whatever the verb.
REPORT_INTRO = re.compile(
    r"(?:^|[.!?]\s+)(?:As\s+)?(?P<subject>(?:the |our |this )?(?:inspection )?report"
    r"|(?:the )?inspectors?|(?:the )?inspectorate|HMI Probation|HM Inspectorate of Probation)"
    r"(?:\s+\w+){0,2}?\s+(?:says|said|states|found|finds|concluded|concludes|noted|notes"
    r"|observed|reported|reports|put it)(?: that)?:-?\s*$",
    re.IGNORECASE,
)
REPORT_SUBJECT = re.compile(
    r"^(?:the |our |this )?(?:inspection )?report$|^(?:the )?inspectors?$"
    r"|^(?:the )?inspectorate$|^HMI Probation$|^HM Inspectorate of Probation$",
    re.IGNORECASE,
)
# Where an unnamed speaker's description ends: before a relative clause or an aside.
DESCRIPTION_END = re.compile(r"\s+(?:who|that|which|whose|where)\b|\s*[,(–—]")
DESCRIPTION_MAX_WORDS = 8
LEADING_CONNECTIVE = re.compile(r"^(?:However|But|And|Meanwhile|Then|Also),?\s+", re.IGNORECASE)
DETERMINER = re.compile(r"^(?:A|An|The|One)\s+", re.IGNORECASE)
SUBJECT_MAX_WORDS = 6
# Roles that speak in inspection reports when no one is named.
ROLES = (
    "service user",
    "practitioner",
    "responsible officer",
    "probation officer",
    "offender",
    "member of staff",
    "staff member",
    "manager",
    "sentencer",
    "victim",
    "police officer",
)
ROLE = re.compile(rf"\b(?P<role>{'|'.join(ROLES)})s?\b", re.IGNORECASE)
PARTITIVE = re.compile(r"^(?:One|Another|Some)\b")

# ------------------------------------------------------------------ comments

SIGNATURE_MAX_WORDS = 5
SIGNATURE_MAX_CHARS = 40
SIGNATURE_DASH = re.compile(r"^[-–—~]+\s*")

# ------------------------------------------------------------------ subjects

# The words before a region that refer to another area in passing, not to the document's own
# ("since our inspection in Derbyshire", "see the first inspection of Durham", "unlike
# London"): read on the sentence up to the mention, which must end the match.
REGION_ASIDE = re.compile(
    r"(?:\b(?:since|after|see|unlike|than|previous|previously|earlier|last)\b"
    r"[^.;:!?]{0,40}\b(?:inspections?|reports?|visits?|review)\b[^.;:!?]{0,30}"
    r"\b(?:of|in|into|on|at)\s+(?:the\s+)?"
    r"|\b(?:unlike|than|as in|compared (?:with|to)|such as|including|like)\s+"
    r"(?:in\s+)?(?:the\s+)?)$",
    re.IGNORECASE,
)
REGION_ASIDE_REACH = 120
"""Characters before a mention read for an aside: the clause it sits in."""
