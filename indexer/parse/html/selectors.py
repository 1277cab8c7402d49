"""Every selector, class name and marker the HTML parsers use, kept in one place.

Recognisers, metadata, noise removal and comment threads read their CSS selectors and class
lists from here (as trafilatura keeps its XPaths in one module), so a theme change or a new
site is an edit to this file rather than a hunt through the parsers. The facts behind each
group are in `shared/reference/html-platforms.md` and in the fixtures' headers.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------ head metadata

ARTICLE_TYPES = frozenset(
    {"Article", "BlogPosting", "NewsArticle", "Report", "ReportageNewsArticle"}
)
# The source type an article's schema.org type says, when the platform does not.
LINKED_DATA_SOURCE_TYPES = {
    "BlogPosting": "blog_post",
    "NewsArticle": "news",
    "ReportageNewsArticle": "news",
    "Report": "inspection_report",
}
WEBSITE_TYPES = frozenset({"WebSite"})
# Publisher names that are the hosting platform, not the site (Blogger's postMetadataJSON).
PLATFORM_PUBLISHERS = frozenset({"blogger", "google", "wordpress", "wordpress.com"})
# Meta tags (by property, name or itemprop, lower-cased) in the order they are believed.
META_PUBLISHED = (
    "article:published_time",
    "govuk:first-published-at",
    "datepublished",
    "date",
    "dc.date.issued",
)
META_AUTHOR = ("author", "article:author")
# Elements whose machine-readable date is the publication date, best first:
# `time.published[datetime]` and `abbr.published[title]` (Blogger), `time.entry-date`
# (WordPress), `[itemprop=datePublished]`.
MARKUP_PUBLISHED_CLASSES = ("published", "entry-date")
MARKUP_PUBLISHED_ITEMPROP = "datepublished"
# A time[datetime] inside these is a comment's, not the page's.
COMMENT_CONTAINERS = frozenset({"comment", "comment-body", "comments-area", "comments"})
# Query parameters that make the same page another URL (Blogger's mobile and comment
# permalinks, WordPress's no-JS reply links).
URL_NOISE_PARAMS = frozenset({"m", "showComment", "replytocom", "fbclid", "gclid"})
URL_NOISE_PREFIXES = ("utm_",)

# ------------------------------------------------------------------ noise

NOISE_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "form", "iframe", "object", "embed",
        "svg", "canvas", "button", "input", "select", "textarea", "nav", "aside", "footer",
        "menu", "dialog", "img", "picture", "video", "audio", "map", "head", "link", "meta",
        "title",
    }
)  # fmt: skip
# Class names (whole tokens) of site chrome: share buttons, related posts, cookie banners,
# sponsor and newsletter boxes, author boxes, pagers, skip links and screen-reader text.
NOISE_CLASSES = frozenset(
    {
        # share buttons
        "sharedaddy", "share-buttons", "post-share-buttons", "share-button", "social-share",
        "addtoany_share_save_container", "a2a_kit", "elementor-widget-share-buttons",
        "elementor-share-buttons--view-icon", "gem-c-share-links", "sharing", "share-links",
        # related posts, navigation, pagers, breadcrumbs
        "jp-relatedposts", "related-posts", "yarpp-related", "elementor-widget-posts",
        "elementor-widget-post-navigation", "post-navigation", "nav-links", "blog-pager",
        "breadcrumbs", "govuk-breadcrumbs", "gem-c-breadcrumbs", "gem-c-contextual-sidebar",
        "gem-c-related-navigation", "gem-c-contextual-footer", "gem-c-print-link",
        # cookie banners and skip links
        "cookie-banner", "cookie-notice", "gem-c-cookie-banner", "govuk-cookie-banner",
        "cc-window", "cookie-consent", "skip-link", "govuk-skip-link",
        # sponsor, newsletter and author boxes
        "sponsor", "sponsored", "sponsor-box", "newsletter", "mc4wp-form",
        "elementor-widget-form", "author-box", "author-bio", "elementor-widget-author-box",
        # sidebars and widgets
        "sidebar", "widget-area", "sidebar-wrapper", "column-right-outer", "column-left-outer",
        # screen-reader-only text
        "screen-reader-text", "elementor-screen-only", "govuk-visually-hidden",
        "visually-hidden", "sr-only",
        # comment forms and metadata widgets that are not comments
        "comment-respond", "comment-form", "comment-footer", "post-footer", "post-icons",
        "item-control", "comment-reply-link", "reply",
        # click-to-tweet pull quotes ("… Tweet")
        "bctt-click-to-tweet", "tweetable",
    }
)  # fmt: skip
NOISE_IDS = frozenset(
    {
        "sidebar", "sidebar-wrapper", "respond", "comment-form", "cookie-notice",
        "cookie-law-info-bar", "global-cookie-message", "blog-pager", "navbar", "skip-link",
        "comment-editor", "related-posts", "jp-relatedposts",
    }
)  # fmt: skip
NOISE_ROLES = frozenset({"navigation", "complementary", "search", "dialog", "alertdialog"})
HIDDEN_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
# Lists whose every item is only a link are "Read more" and related-story lists.
LINK_LIST_TAGS = frozenset({"ul", "ol"})
# Links that are page furniture whatever their class ("(Back to top)" after report headings).
NOISE_LINK_TEXT = re.compile(r"^\(?\s*back to top\s*\)?$", re.IGNORECASE)
# Page-level headers are chrome; a header inside an article holds its title and byline.
CONTENT_ANCESTORS = frozenset({"article", "main"})

# ------------------------------------------------------------------ body blocks

BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "ul", "ol", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "figure", "figcaption", "address",
        "center", "hr", "pre", "details", "summary", "body", "html",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_ITEM_TAGS = frozenset({"li"})
QUOTE_TAGS = frozenset({"blockquote"})
CELL_TAGS = frozenset({"td", "th"})

# ------------------------------------------------------------------ Blogger

BLOGGER_GENERATOR = re.compile(r"^blogger$", re.IGNORECASE)
BLOGGER_MARKER_CLASSES = frozenset({"blog-posts", "post-body", "comment-thread"})
BLOGGER_POST = ("div.post.hentry", "div.post", "article.post-outer-container")
BLOGGER_TITLE = ("h3.post-title", "h2.post-title", ".post-title")
BLOGGER_BODY = ("div.post-body", ".entry-content")
BLOGGER_DATE_HEADER = ("h2.date-header", ".date-header")
BLOGGER_AUTHOR = (".post-author .fn", ".byline.post-author .fn", ".post-author-label + .fn")
BLOGGER_SITE = (".Header h1", "#header h1", ".header-widget h1", "h1.title")
BLOGGER_THREAD_ROOT = "#comment-holder .comment-thread.toplevel-thread > ol"
BLOGGER_FLAT_ROOT = ("#comments-block", "dl#comments-block")
BLOGGER_COMMENT_CLASS = "comment"
BLOGGER_REPLIES_CLASS = "comment-replies"
# Inside one comment, lookups are (tag, class) pairs found by a plain descendant scan: a CSS
# query walks up to the document root first, which a deep thread makes quadratic.
BLOGGER_COMMENT_AUTHOR = (("cite", "user"), (None, "user"))
BLOGGER_COMMENT_DATE = (("span", "datetime"),)
BLOGGER_COMMENT_TEXT = (("p", "comment-content"), (None, "comment-content"))
BLOGGER_DELETED_CLASS = "deleted-comment"
SHOW_COMMENT = re.compile(r"[?&]showComment=(?P<ms>\d{10,16})")

# ------------------------------------------------------------------ WordPress

WORDPRESS_GENERATOR = re.compile(r"^wordpress\b", re.IGNORECASE)
WORDPRESS_API_LINK = "https://api.w.org/"
WORDPRESS_ASSET_PATHS = ("/wp-content/", "/wp-includes/")
WORDPRESS_MARKER_CLASSES = frozenset({"elementor-widget-theme-post-content", "comment-list"})
WORDPRESS_TITLE = (
    ".elementor-widget-theme-post-title .elementor-heading-title",
    "h1.entry-title",
    ".entry-title",
    "article h1",
    "h1",
)
WORDPRESS_STANDFIRST = (".elementor-widget-theme-post-excerpt .elementor-widget-container",)
WORDPRESS_BODY = (
    ".elementor-widget-theme-post-content .elementor-widget-container",
    ".elementor-widget-theme-post-content",
    "div.entry-content",
    ".post-content",
    "article .content",
)
WORDPRESS_AUTHOR = (".entry-meta .author .fn", ".byline .author", 'a[rel="author"]')
WORDPRESS_DATE_TEXT = (
    ".entry-meta .entry-date",
    ".posted-on",
    ".elementor-post-info__item--type-date",
)
WORDPRESS_COMMENT_LIST = ("ol.comment-list", "ol.commentlist", "ul.comment-list")
WORDPRESS_COMMENT_CLASS = "comment"
WORDPRESS_PING_CLASSES = frozenset({"pingback", "trackback"})
WORDPRESS_CHILDREN_CLASS = "children"
WORDPRESS_COMMENT_AUTHOR = ((None, "fn"), ("cite", None))
WORDPRESS_COMMENT_META = (
    (None, "comment-metadata"),
    (None, "comment-meta"),
    (None, "commentmetadata"),
)
# HTML5 walker: div.comment-content; Twenty Ten's legacy callback: a div.comment-body inside
# the comment's div#comment-N.
WORDPRESS_COMMENT_TEXT = ((None, "comment-content"), (None, "comment-body"))
# Parts of a legacy (non-HTML5) comment body that are not its text.
WORDPRESS_COMMENT_CHROME = frozenset(
    {
        "comment-author", "comment-meta", "commentmetadata", "reply",
        "comment-awaiting-moderation", "children",
    }
)  # fmt: skip

# ------------------------------------------------------------------ GOV.UK and the inspectorate

GOVUK_MARKER_META = ("govuk:format", "govuk:document-type")
GOVUK_MARKER_CLASSES = frozenset({"govuk-template", "gem-c-govspeak"})
GOVUK_DOCUMENT_TYPE = "govuk:document-type"
GOVUK_TITLE = (".gem-c-title__text", ".gem-c-heading__text", "h1.govuk-heading-l", "main h1")
GOVUK_LEAD = (".gem-c-lead-paragraph",)
GOVUK_BODY = (".gem-c-govspeak .govspeak", ".govspeak", ".gem-c-govspeak")
GOVUK_SITE = "GOV.UK"
GOVUK_TYPES = {"press_release": "press_release", "news_story": "news", "speech": "news"}
GOVUK_REPORT_TYPES = frozenset({"independent_report", "research", "official_statistics"})
HMIP_SITE_NAME = re.compile(r"inspectorate of probation", re.IGNORECASE)
HMIP_URL = re.compile(
    r"(?:hmiprobation\.justiceinspectorates\.gov\.uk|justiceinspectorates\.gov\.uk/hmiprobation)",
    re.IGNORECASE,
)
HMIP_REPORT_URL = re.compile(r"/(?:document|inspections)/", re.IGNORECASE)
HMIP_TITLE = ("h1.entry-title", "main h1", "h1")
HMIP_BODY = ("div.entry-content", "main article", "main")
# A "Published: 21 September 2016" line is metadata, not a paragraph of the body.
PUBLISHED_LINE = re.compile(
    r"^(?:Published|Posted|First published)(?: on)?:?\s+(?P<date>.+)$", re.IGNORECASE
)

# ------------------------------------------------------------------ generic articles

GENERIC_CONTENT = (
    '[itemprop="articleBody"]',
    "article .entry-content",
    "article",
    '[role="main"]',
    "main",
)
DENSITY_BLOCKS = frozenset({"div", "section", "article", "main", "td", "body"})
DENSITY_MIN_CHARS = 25
DENSITY_MAX_LINK_SHARE = 0.5

# ------------------------------------------------------------------ comments, any platform

# A comment whose text is only this was deleted: it keeps its place in the thread (its
# replies still answer it) but is not text.
DELETED_COMMENT = re.compile(
    r"^(?:This (?:comment|post) (?:has been|was) (?:removed|deleted)(?: by (?:the author|a blog"
    r" administrator|a moderator))?\.?|\[(?:deleted|removed)\]|Comment deleted\.?)$",
    re.IGNORECASE,
)
# Display names Blogger and WordPress give to readers who left no name.
ANONYMOUS_AUTHORS = frozenset({"anonymous", "unknown", "anon", ""})
SAID_SUFFIX = re.compile(r"\s+(?:said|says)\s*(?:…|\.\.\.|:)?\s*$", re.IGNORECASE)
# "July 13, 2015 at 2:39 AM", "13 January 2017 at 10:05", "March 2, 2009 12:30 PM"
COMMENT_TIME = re.compile(
    r"(?:\bat\s+|\s)(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\b\s*(?P<ampm>[ap]\.?m\b\.?)?",
    re.IGNORECASE,
)

# ------------------------------------------------------------------ inspectorate report pages

HMIP_REPORT_BLOCKS = ("h2", "h3", "h4", "h5", "p", "li", "tr")
"""The tags of a report page's body that become report blocks, in document order."""
HMIP_REPORT_HEADING_LEVELS = {"h2": 1, "h3": 2, "h4": 3, "h5": 3}
"""Heading levels by tag when a heading's numbering does not say ("2.3" is a sub-section)."""
HMIP_REPORT_CONTAINERS = frozenset({"li", "td", "th"})
"""A paragraph inside these is part of the item or cell, not a block of its own."""
